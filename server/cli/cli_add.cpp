// `awesome-ls add ID FILE`: fetches a paper's arXiv metadata (or takes it from the cache),
// writes its entry in the list's conventions into the year section of its arXiv year at its
// place in the arXiv order, and refuses a paper the list already holds (cli.hpp).
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "rules/arxiv.hpp"
#include "rules/entry_parser.hpp"
#include "rules/fixes.hpp"
#include "rules/list_document.hpp"
#include "server/arxiv/metadata_source.hpp"
#include "server/cli/cli.hpp"
#include "server/common/atomic_write.hpp"
#include "server/common/config_loader.hpp"

namespace awesome::server {
namespace fs = std::filesystem;
namespace {

struct AddOptions {
  std::string paper;  ///< as given: an id or a URL
  std::string file;
  std::string category;
  std::optional<std::string> config;
  bool no_config = false;
  bool offline = false;
  bool help = false;
};

/// The value of an option at args[i] (`--name VALUE` or `--name=VALUE`), or nullopt when
/// args[i] is not `name`; `error` when the value is missing.
std::optional<std::string> option_value(std::span<const std::string_view> args, std::size_t& i,
                                        std::string_view name, std::string& error) {
  const std::string_view arg = args[i];
  if (arg.starts_with(name) && arg.size() > name.size() && arg[name.size()] == '=')
    return std::string(arg.substr(name.size() + 1));
  if (arg != name)
    return std::nullopt;
  if (i + 1 >= args.size()) {
    error = std::string(name) + " needs a value";
    return std::string();
  }
  return std::string(args[++i]);
}

std::string parse_add_args(std::span<const std::string_view> args, AddOptions& o) {
  std::vector<std::string> positional;
  for (std::size_t i = 0; i < args.size(); ++i) {
    std::string error;
    const std::string_view arg = args[i];
    if (arg == "-h" || arg == "--help") {
      o.help = true;
    } else if (arg == "--offline") {
      o.offline = true;
    } else if (arg == "--no-config") {
      o.no_config = true;
    } else if (auto v = option_value(args, i, "--category", error)) {
      o.category = *v;
    } else if (auto c = option_value(args, i, "--config", error)) {
      o.config = *c;
    } else if (arg.starts_with("-") && arg.size() > 1) {
      return "unknown option " + std::string(arg);
    } else {
      positional.emplace_back(arg);
    }
    if (!error.empty())
      return error;
  }
  if (o.help)
    return {};
  if (positional.size() != 2)
    return "expected an arXiv id or URL and a FILE";
  if (o.config && o.no_config)
    return "--config and --no-config cannot be combined";
  o.paper = positional[0];
  o.file = positional[1];
  return {};
}

/// The id of `paper`: `2010.09515`, `2010.09515v2`, `arXiv:2010.09515`, `cs/0112017`, or any
/// arXiv URL form that the arxiv-url rule knows.
std::optional<rules::ArxivId> paper_id(std::string_view paper) {
  if (paper.starts_with("arXiv:") || paper.starts_with("arxiv:"))
    paper.remove_prefix(6);
  if (paper.find("://") != std::string_view::npos)
    return rules::parse_arxiv_url(paper);
  return rules::parse_arxiv_url("https://arxiv.org/abs/" + std::string(paper));
}

int fail(const std::string& what, int code) {
  std::fprintf(stderr, "awesome-ls add: %s\n", what.c_str());
  return code;
}

std::optional<rules::Config> config_for(const AddOptions& o, const fs::path& file,
                                        std::string& error) {
  if (o.no_config)
    return rules::Config{};
  std::optional<fs::path> path;
  if (o.config)
    path = *o.config;
  else
    path = search_config_file(fs::absolute(file).parent_path()).path;
  if (!path)
    return rules::Config{};
  ConfigResult loaded = load_config_file(*path);
  if (!loaded.ok()) {
    error = loaded.error;
    return std::nullopt;
  }
  return loaded.config;
}

/// Fetches (or reads from the cache) the paper's metadata; nullopt with the exit code set.
std::optional<rules::ArxivMetadata> metadata(const AddOptions& o, const rules::ArxivId& id,
                                             const rules::Config& config, int& code) {
  arxiv::MetadataSource source;
  std::vector<std::string> warnings, errors;
  const rules::ArxivLookup lookup = source.get({id.id}, !o.offline, config.arxiv, warnings, errors);
  for (const auto& w : warnings) std::fprintf(stderr, "awesome-ls add: warning: %s\n", w.c_str());
  for (const auto& e : errors) std::fprintf(stderr, "awesome-ls add: %s\n", e.c_str());
  if (const auto it = lookup.papers.find(id.id); it != lookup.papers.end()) {
    if (it->second.withdrawn)
      std::fprintf(stderr, "awesome-ls add: warning: arXiv %s has been withdrawn\n", id.id.c_str());
    return it->second;
  }
  if (lookup.missing.contains(id.id)) {
    code = fail("arXiv has no paper " + id.id, kExitErrors);
  } else {
    code = fail(o.offline ? "arXiv " + id.id + " is not in the cache (run without --offline)"
                          : "no metadata for arXiv " + id.id,
                kExitTrouble);
  }
  return std::nullopt;
}

}  // namespace

std::string_view add_usage() {
  return R"(Usage: awesome-ls add [OPTIONS] ARXIV-ID-OR-URL FILE

Adds the paper to the list FILE: asks the arXiv API for its title, authors and abstract (or
takes them from the cache), writes the entry in the list's conventions (dialect, link labels,
digest form; the digest is the abstract's first sentence) into the year section of its arXiv
year (created if missing, newest first) at its place in the arXiv order. A paper the list
already holds is refused, naming its line. Sends only this one id to arXiv.

  --category NAME   the category to add it to (needed when the list has several)
  --offline         use only the cache; no network
  --config FILE     use this config instead of the nearest .awesome-ls.json
  --no-config       use no config file at all
  -h, --help        show this help

The API: https://export.arxiv.org/api/query, or the config's arxiv.url, or the environment
variable AWESOME_LS_ARXIV_URL (which wins); HTTPS_PROXY and NO_PROXY are honoured. The cache:
$XDG_CACHE_HOME/awesome-ls/arxiv.json (else ~/.cache/awesome-ls/arxiv.json).

Exit status: 0 added, 1 refused (already in the list, no such paper, no such category),
2 usage, config, I/O or network problem.
)";
}

int run_add_command(std::span<const std::string_view> args) {
  AddOptions o;
  if (std::string error = parse_add_args(args, o); !error.empty())
    return fail(error + "\nTry 'awesome-ls add --help'.", kExitTrouble);
  if (o.help) {
    std::fwrite(add_usage().data(), 1, add_usage().size(), stdout);
    return kExitClean;
  }
  const auto id = paper_id(o.paper);
  if (!id)
    return fail("'" + o.paper + "' is not an arXiv id or URL", kExitTrouble);
  const std::optional<FileStamp> before = stamp_file(o.file);
  std::ifstream in(o.file, std::ios::binary);
  if (!before || !in)
    return fail(o.file + ": cannot read", kExitTrouble);
  std::stringstream ss;
  ss << in.rdbuf();
  const std::string text = ss.str();
  std::string error;
  const auto config = config_for(o, o.file, error);
  if (!config)
    return fail("config: " + error, kExitTrouble);
  rules::ListDocument doc(text, *config);
  // Refuse a duplicate before asking arXiv anything.
  rules::ArxivMetadata probe;
  probe.id = id->id;
  if (auto p = rules::place_entry(doc, probe, o.category, ""); !p.error.empty())
    return fail(o.file + ": " + p.error, kExitErrors);
  int code = kExitClean;
  const auto paper = metadata(o, *id, *config, code);
  if (!paper)
    return code;
  const std::string entry = rules::format_entry(doc, *paper);
  const rules::Placement place = rules::place_entry(doc, *paper, o.category, entry);
  if (!place.error.empty())
    return fail(o.file + ": " + place.error, kExitErrors);
  const std::string updated = rules::apply_edits(text, std::vector<rules::TextEdit>{place.edit()});
  const ReadState read{*before, text};
  if (std::string failure = write_file_atomically(o.file, updated, &read); !failure.empty())
    return fail(o.file + ": cannot write: " + failure, kExitTrouble);
  const std::string_view before_entry =
      std::string_view(place.text).substr(0, place.text.find(entry));
  const auto line = place.line + 1 + std::count(before_entry.begin(), before_entry.end(), '\n');
  std::fprintf(stderr, "awesome-ls: added arXiv %s to '%s'%s at line %ld of %s\n", id->id.c_str(),
               place.section.c_str(), place.new_section ? " (new section)" : "",
               static_cast<long>(line), o.file.c_str());
  return kExitClean;
}

}  // namespace awesome::server
