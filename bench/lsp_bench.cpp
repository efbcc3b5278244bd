// The real `awesome-ls serve` over pipes: keystroke-to-diagnostics latency (push: didChange to
// publishDiagnostics; pull: didChange + textDocument/diagnostic to its reply), edit-trace replay
// and the server's peak RSS. POSIX only. Prints key=value lines.
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <nlohmann/json.hpp>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "bench/bench.hpp"
#include "bench/bench_util.hpp"

namespace awesome::bench {
namespace {

using nlohmann::json;

class ServerProcess {
 public:
  explicit ServerProcess(const std::string& path) {
    int to_child[2];
    int from_child[2];
    if (pipe(to_child) != 0 || pipe(from_child) != 0)
      return;
    pid_ = fork();
    if (pid_ == 0) {
      dup2(to_child[0], 0);
      dup2(from_child[1], 1);
      close(to_child[1]);
      close(from_child[0]);
      std::FILE* null = std::freopen("/dev/null", "w", stderr);  // server logs are not measured
      (void)null;
      execl(path.c_str(), path.c_str(), "serve", static_cast<char*>(nullptr));
      _exit(127);
    }
    close(to_child[0]);
    close(from_child[1]);
    in_ = to_child[1];
    out_ = from_child[0];
  }
  ~ServerProcess() {
    if (in_ >= 0)
      close(in_);
    if (out_ >= 0)
      close(out_);
    if (pid_ > 0) {
      kill(pid_, SIGTERM);
      waitpid(pid_, nullptr, 0);
    }
  }
  ServerProcess(const ServerProcess&) = delete;
  ServerProcess& operator=(const ServerProcess&) = delete;

  bool ok() const { return pid_ > 0 && in_ >= 0; }
  int pid() const { return pid_; }

  bool send(const json& message) {
    std::string body = message.dump();
    std::string frame = "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
    std::size_t done = 0;
    while (done < frame.size()) {
      ssize_t n = write(in_, frame.data() + done, frame.size() - done);
      if (n <= 0)
        return false;
      done += static_cast<std::size_t>(n);
    }
    return true;
  }

  /// The next message body, or nullopt after `timeout_ms` without one (or on EOF). Not parsed:
  /// a client's JSON parser is not what the bench measures.
  std::optional<std::string> receive(double timeout_ms) {
    auto deadline = Clock::now() + std::chrono::microseconds(static_cast<long>(timeout_ms * 1000));
    while (true) {
      if (auto body = take_frame())
        return body;
      auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
      if (left.count() < 0)
        return std::nullopt;
      pollfd fd{out_, POLLIN, 0};
      if (poll(&fd, 1, static_cast<int>(left.count()) + 1) <= 0)
        return std::nullopt;
      char chunk[1 << 16];
      ssize_t n = read(out_, chunk, sizeof chunk);
      if (n <= 0)
        return std::nullopt;
      buffer_.append(chunk, static_cast<std::size_t>(n));
    }
  }

 private:
  std::optional<std::string> take_frame() {
    std::size_t header_end = buffer_.find("\r\n\r\n");
    if (header_end == std::string::npos)
      return std::nullopt;
    std::size_t at = buffer_.find("Content-Length:");
    if (at == std::string::npos || at > header_end) {
      buffer_.erase(0, header_end + 4);
      return std::nullopt;
    }
    std::size_t length = std::stoul(buffer_.substr(at + 15, header_end - at - 15));
    if (buffer_.size() < header_end + 4 + length)
      return std::nullopt;
    std::string body = buffer_.substr(header_end + 4, length);
    buffer_.erase(0, header_end + 4 + length);
    return body;
  }

  int pid_ = -1;
  int in_ = -1;
  int out_ = -1;
  std::string buffer_;
};

long peak_rss_kb(int pid) {
  std::ifstream status("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmHWM:", 0) == 0)
      return std::stol(line.substr(6));
  }
  return -1;
}

/// Whether `body` is the reply to request `id`: no method, and `"id":<id>` at its top level
/// (a quote inside a JSON string is escaped, so the key cannot appear inside one).
bool is_reply(const std::string& body, int id) {
  if (body.find("\"method\":") != std::string::npos)
    return false;
  const std::string key = "\"id\":" + std::to_string(id);
  for (std::size_t at = body.find(key); at != std::string::npos; at = body.find(key, at + 1)) {
    const char next = at + key.size() < body.size() ? body[at + key.size()] : '}';
    if (next == ',' || next == '}')
      return true;
  }
  return false;
}

/// The `"version":N` of a publishDiagnostics body, or -1 for any other message.
long published_version(const std::string& body) {
  if (body.find("\"method\":\"textDocument/publishDiagnostics\"") == std::string::npos)
    return -1;
  const std::size_t at = body.find("\"version\":");  // the only one: not a key of diagnostics
  return at == std::string::npos ? -1 : std::strtol(body.c_str() + at + 10, nullptr, 10);
}

class Client {
 public:
  Client(ServerProcess& server, double timeout_ms) : server_(server), timeout_ms_(timeout_ms) {}

  /// Sends a request and waits for its reply (skipping notifications); nullopt on timeout.
  /// Small replies are parsed; a large one (a full diagnostics report) comes back as null.
  std::optional<json> request(const std::string& method, json params) {
    int id = ++last_id_;
    server_.send(
        {{"jsonrpc", "2.0"}, {"id", id}, {"method", method}, {"params", std::move(params)}});
    while (auto body = server_.receive(timeout_ms_)) {
      if (!is_reply(*body, id))
        continue;
      if (body->size() > (1u << 16))
        return json();
      json parsed = json::parse(*body, nullptr, false);
      return parsed.is_discarded() ? json() : parsed;
    }
    return std::nullopt;
  }
  void notify(const std::string& method, json params) {
    server_.send({{"jsonrpc", "2.0"}, {"method", method}, {"params", std::move(params)}});
  }
  /// Waits for publishDiagnostics of `version`; false on timeout.
  bool wait_published(int version) {
    while (auto body = server_.receive(timeout_ms_)) {
      if (published_version(*body) == version) {
        published_bytes_ += body->size();
        ++published_;
        return true;
      }
    }
    return false;
  }
  /// Mean size of the publishDiagnostics bodies waited for, bytes.
  double mean_published_bytes() const {
    return published_ == 0
               ? 0
               : static_cast<double>(published_bytes_) / static_cast<double>(published_);
  }

 private:
  ServerProcess& server_;
  double timeout_ms_;
  int last_id_ = 0;
  std::size_t published_bytes_ = 0;
  std::size_t published_ = 0;
};

const char* kUri = "file:///bench/list.md";

json change_params(int version, json changes) {
  return {{"textDocument", {{"uri", kUri}, {"version", version}}},
          {"contentChanges", std::move(changes)}};
}

void print_percentiles(const std::string& key, std::vector<double>& samples) {
  Percentiles p = percentiles(samples);
  std::printf("%s_p50_us=%.1f\n%s_p95_us=%.1f\n%s_p99_us=%.1f\n%s_max_us=%.1f\n%s_count=%zu\n",
              key.c_str(), p.p50, key.c_str(), p.p95, key.c_str(), p.p99, key.c_str(), p.max,
              key.c_str(), p.count);
}

/// Completion requests where a curator types: a key word after "Key Word: " (a few letters of
/// the first phrase typed) and a venue after the author line's opening '*'.
void measure_completion(Client& client, rules::ListDocument& doc, const std::string& key,
                        const LspOptions& options) {
  std::mt19937 rng(options.seed + 1);
  const auto entries = entry_lines(doc);
  std::vector<double> samples;
  std::size_t empty = 0;
  for (std::size_t attempt = 0; samples.size() < options.completions && !entries.empty() &&
                                attempt < 20 * options.completions;
       ++attempt) {
    const auto [first, last] = entries[rng() % entries.size()];
    std::optional<std::pair<std::uint32_t, std::uint32_t>> at;  // line, byte column
    const bool keyword = rng() % 2 == 0;
    for (std::uint32_t line = first; line <= last && !at; ++line) {
      const std::string_view text = doc.line(line);
      const std::size_t label = text.find("Key Word: ");
      const std::size_t star = text.rfind('*', text.size() >= 2 ? text.size() - 2 : 0);
      if (keyword && label != std::string_view::npos && label + 13 <= text.size()) {
        at.emplace(line, static_cast<std::uint32_t>(label + 13));
      } else if (!keyword && line > first && star != std::string_view::npos &&
                 text.find('*') < star && text.find("Key Word") == std::string_view::npos) {
        at.emplace(line, static_cast<std::uint32_t>(text.find('*') + 3));
      }
    }
    if (!at)
      continue;
    const std::uint32_t character = utf16_column(doc.line(at->first), at->second);
    json params = {{"textDocument", {{"uri", kUri}}},
                   {"position", {{"line", at->first}, {"character", character}}}};
    auto start = Clock::now();
    auto reply = client.request("textDocument/completion", params);
    const double us = micros_since(start);
    if (!reply || reply->contains("error"))
      continue;
    samples.push_back(us);
    const json& result = (*reply)["result"];
    const json& items = result.is_object() ? result.value("items", json::array()) : result;
    if (!items.is_array() || items.empty())
      ++empty;
  }
  if (samples.empty()) {
    std::printf("%s.completion=n/a\n", key.c_str());
    return;
  }
  print_percentiles(key + ".completion", samples);
  std::printf("%s.completion_empty=%zu\n", key.c_str(), empty);
}

}  // namespace

int run_lsp(const LspOptions& options) {
  std::string text = options.file.empty() ? std::string() : read_file(options.file);
  std::vector<json> steps;
  if (!options.trace.empty()) {
    std::ifstream in(options.trace);
    std::string line;
    while (std::getline(in, line)) {
      if (line.empty())
        continue;
      json step = json::parse(line, nullptr, false);
      if (step.is_discarded())
        continue;
      if (steps.empty() && text.empty())
        text = step.value("text", "");
      steps.push_back(std::move(step));
    }
    if (!steps.empty())
      steps.erase(steps.begin());
  }
  if (text.empty()) {
    std::fprintf(stderr, "awesome_bench: nothing to open\n");
    return 2;
  }
  ServerProcess server(options.server);
  if (!server.ok())
    return 2;
  Client client(server, options.timeout_ms);
  // What a full editor announces: related places on diagnostics (the server then sends them,
  // and a change in them is a change to publish), and completion documentation resolved when
  // an item is selected (VS Code's resolveSupport).
  json capabilities = {
      {"textDocument",
       {{"publishDiagnostics", {{"relatedInformation", true}}},
        {"documentSymbol", {{"hierarchicalDocumentSymbolSupport", true}}},
        {"completion",
         {{"completionItem",
           {{"resolveSupport",
             {{"properties", {"documentation", "detail", "additionalTextEdits"}}}},
            {"labelDetailsSupport", true}}},
          {"completionList",
           {{"itemDefaults", {"commitCharacters", "editRange", "insertTextMode", "data"}}}}}}}}};
  if (options.pull)
    capabilities["textDocument"]["diagnostic"] = json::object();
  auto init = client.request(
      "initialize",
      {{"processId", getpid()}, {"rootUri", nullptr}, {"capabilities", capabilities}});
  if (!init) {
    std::fprintf(stderr, "awesome_bench: no initialize reply\n");
    return 2;
  }
  client.notify("initialized", json::object());
  const std::string& key = options.name;
  int version = 1;
  auto open_start = Clock::now();
  client.notify(
      "textDocument/didOpen",
      {{"textDocument",
        {{"uri", kUri}, {"languageId", "markdown"}, {"version", version}, {"text", text}}}});
  if (options.pull) {
    client.request("textDocument/diagnostic", {{"textDocument", {{"uri", kUri}}}});
  } else if (!client.wait_published(version)) {
    std::fprintf(stderr, "awesome_bench: no diagnostics after didOpen\n");
  }
  std::printf("%s.open_ms=%.2f\n", key.c_str(), micros_since(open_start) / 1000.0);

  // One request each, as a probe (completion is measured below, many times).
  for (const char* method : {"textDocument/documentSymbol"}) {
    json params = {{"textDocument", {{"uri", kUri}}},
                   {"position", {{"line", 0}, {"character", 0}}}};
    auto start = Clock::now();
    auto reply = client.request(method, params);
    double us = micros_since(start);
    std::string name = std::strchr(method, '/') + 1;
    if (!reply || reply->contains("error"))
      std::printf("%s.%s=n/a (not implemented)\n", key.c_str(), name.c_str());
    else
      std::printf("%s.%s=%.1f us\n", key.c_str(), name.c_str(), us);
  }

  const std::string mode = options.pull ? "pull" : "push";
  std::size_t missing = 0;
  if (!options.file.empty() && options.keystrokes > 0) {
    // Chosen on an in-process mirror so that every edit changes the diagnostics: a server that
    // publishes only changes then publishes after each keystroke.
    rules::ListDocument mirror(text);
    std::vector<CharEdit> edits = pick_edits(mirror, options.keystrokes, options.seed, true);
    rules::ListDocument positions(text);  // tracks line text for UTF-16 columns
    std::vector<double> samples;
    for (const CharEdit& edit : edits) {
      std::uint32_t character = utf16_column(positions.line(edit.line), edit.column);
      positions.edit({{edit.line, edit.column}, {edit.line, edit.column}}, edit.text);
      json pos = {{"line", edit.line}, {"character", character}};
      json changes =
          json::array({{{"range", {{"start", pos}, {"end", pos}}}, {"text", edit.text}}});
      ++version;
      auto start = Clock::now();
      client.notify("textDocument/didChange", change_params(version, std::move(changes)));
      bool ok = options.pull
                    ? client.request("textDocument/diagnostic", {{"textDocument", {{"uri", kUri}}}})
                          .has_value()
                    : client.wait_published(version);
      if (ok)
        samples.push_back(micros_since(start));
      else
        ++missing;
    }
    print_percentiles(key + "." + mode + "_key", samples);
    std::printf("%s.%s_key_missing=%zu\n", key.c_str(), mode.c_str(), missing);
    if (!options.pull) {
      std::printf("%s.push_bytes=%.0f\n", key.c_str(), client.mean_published_bytes());
    }
    if (!options.pull) {
      measure_completion(client, positions, key, options);
      // The outline as an editor asks for it again: after each edit (once its diagnostics are
      // in), so that the model is rebuilt for each request, as in a session.
      std::vector<double> outline;
      for (const CharEdit& edit : pick_edits(mirror, 50, options.seed + 2, false)) {
        const std::uint32_t character = utf16_column(positions.line(edit.line), edit.column);
        positions.edit({{edit.line, edit.column}, {edit.line, edit.column}}, edit.text);
        const json pos = {{"line", edit.line}, {"character", character}};
        client.notify(
            "textDocument/didChange",
            change_params(++version, json::array({{{"range", {{"start", pos}, {"end", pos}}},
                                                   {"text", edit.text}}})));
        client.wait_published(version);
        const auto start = Clock::now();
        if (client.request("textDocument/documentSymbol", {{"textDocument", {{"uri", kUri}}}}))
          outline.push_back(micros_since(start));
      }
      print_percentiles(key + ".documentSymbol_edited", outline);
    }
  }
  if (!steps.empty()) {
    // Replay: every step is one didChange; the pull reply (or, in push mode, the publish if any)
    // closes it. Push mode cannot tell "no change" from "slow", so traces use pull.
    std::vector<double> samples;
    auto total_start = Clock::now();
    for (json& step : steps) {
      ++version;
      auto start = Clock::now();
      client.notify("textDocument/didChange", change_params(version, std::move(step["changes"])));
      if (client.request("textDocument/diagnostic", {{"textDocument", {{"uri", kUri}}}}))
        samples.push_back(micros_since(start));
      else
        ++missing;
    }
    double total_ms = micros_since(total_start) / 1000.0;
    print_percentiles(key + ".trace_step", samples);
    std::printf("%s.trace_total_ms=%.1f\n%s.trace_missing=%zu\n", key.c_str(), total_ms,
                key.c_str(), missing);
  }
  std::printf("%s.%s_rss_kb=%ld\n", key.c_str(), mode.c_str(), peak_rss_kb(server.pid()));
  client.request("shutdown", nullptr);
  client.notify("exit", nullptr);
  return 0;
}

}  // namespace awesome::bench
