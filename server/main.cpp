// The `awesome-ls` executable: dispatches to `check`, `conventions`, `rules`, `add` and
// `serve`. No exception escapes: an unexpected one is reported on stderr with exit status 2.
#include <cstdio>
#include <exception>
#include <string_view>
#include <vector>

#include "server/cli/cli.hpp"
#include "server/cli/output_formats.hpp"
#include "server/lsp/stdio_loop.hpp"

namespace {

int dispatch(const std::vector<std::string_view>& args) {
  using namespace awesome::server;
  const std::string_view command = args.empty() ? std::string_view("--help") : args[0];
  const std::span<const std::string_view> rest(args.data() + (args.empty() ? 0 : 1),
                                               args.empty() ? 0 : args.size() - 1);
  if (command == "--help" || command == "-h" || command == "help") {
    std::fwrite(program_usage().data(), 1, program_usage().size(), stdout);
    return args.empty() ? kExitTrouble : kExitClean;
  }
  if (command == "--version" || command == "version") {
    std::printf("%.*s %.*s\n", static_cast<int>(kToolName.size()), kToolName.data(),
                static_cast<int>(tool_version().size()), tool_version().data());
    return kExitClean;
  }
  if (command == "check")
    return run_check_command(rest);
  if (command == "rules")
    return run_rules_command(rest);
  if (command == "conventions")
    return run_conventions_command(rest);
  if (command == "add")
    return run_add_command(rest);
  if (command == "serve") {
    // Other arguments (`--stdio`, which some clients add) are accepted and ignored.
    for (const std::string_view arg : rest) {
      if (arg == "--help" || arg == "-h") {
        std::fwrite(serve_usage().data(), 1, serve_usage().size(), stdout);
        return kExitClean;
      }
    }
    return run_language_server();
  }
  std::fprintf(stderr, "awesome-ls: unknown command '%.*s'\n%.*s", static_cast<int>(command.size()),
               command.data(), static_cast<int>(program_usage().size()), program_usage().data());
  return kExitTrouble;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return dispatch(std::vector<std::string_view>(argv + 1, argv + argc));
  } catch (const std::exception& error) {
    std::fprintf(stderr, "awesome-ls: internal error: %s\n", error.what());
  } catch (...) {
    std::fprintf(stderr, "awesome-ls: internal error\n");
  }
  return awesome::server::kExitTrouble;
}
