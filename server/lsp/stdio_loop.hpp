// `awesome-ls serve`: the language server over stdin/stdout. Boost.Asio reads the input
// asynchronously and writes through a single queued writer; logs go to stderr. The LSP logic
// itself is in lsp_server.hpp and knows nothing of this loop.
#pragma once

#include <chrono>

namespace awesome::server {

struct ServeOptions {
  int input_fd = 0;
  int output_fd = 1;
  /// How often to check that the client process named by initialize's processId still lives.
  std::chrono::milliseconds parent_poll{1000};
};

/// Serves one session; returns the process exit code (0 after shutdown + exit, 1 otherwise).
/// Call from the main thread only; it runs until exit, end of input or the client's death.
int run_language_server(const ServeOptions& options = {});

}  // namespace awesome::server
