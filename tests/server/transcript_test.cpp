// Transcripts of the real `awesome-ls serve` binary over pipes that need computed values or
// control of the process: a session on a corpus list checked at lines found in it, end of
// input, and the death of the client process. Plain exchanges are data files in
// tests/transcripts/, run by transcript_runner_test.cpp.
#include <doctest/doctest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "lsp_process.hpp"

using nlohmann::json;

namespace {

using awesome::test::is_publish;
using awesome::test::lsp_notification;
using awesome::test::lsp_request;
using ServerProcess = awesome::test::LspProcess;

void initialize(ServerProcess& server, json process_id = nullptr) {
  server.send(lsp_request(
      1, "initialize",
      {{"processId", process_id}, {"rootUri", nullptr}, {"capabilities", json::object()}}));
  json reply = server.reply_to(1);
  REQUIRE(reply["result"]["capabilities"]["textDocumentSync"]["change"] == 2);
  server.send(lsp_notification("initialized"));
}

std::uint32_t line_of(const std::string& text, std::string_view needle) {
  auto at = text.find(needle);
  REQUIRE(at != std::string::npos);
  return static_cast<std::uint32_t>(
      std::count(text.begin(), text.begin() + static_cast<long>(at), '\n'));
}

json with_code(const json& diagnostics, std::string_view code, std::uint32_t line) {
  for (const auto& d : diagnostics) {
    if (d["code"] == code && d["range"]["start"]["line"] == line)
      return d;
  }
  return nullptr;
}

}  // namespace

TEST_CASE("a whole session over stdio: open a corpus list, edit, shutdown, exit 0") {
  std::ifstream in(std::string(AWESOME_CORPUS_DIR) + "/trustworthy-2021.md");
  std::stringstream buffer;
  buffer << in.rdbuf();
  const std::string text = buffer.str();
  const std::uint32_t others = line_of(text, "### Others: 2017");
  const std::uint32_t key_work = line_of(text, "  - Key Work:");

  ServerProcess server;
  initialize(server);
  server.send(lsp_notification(
      "textDocument/didOpen",
      {{"textDocument",
        {{"uri", "file:///t.md"}, {"languageId", "markdown"}, {"version", 1}, {"text", text}}}}));
  json published = server.receive_until(is_publish)["params"];
  CHECK(published["version"] == 1);
  CHECK_FALSE(with_code(published["diagnostics"], "heading-hierarchy", others).is_null());
  json label = with_code(published["diagnostics"], "keyword-label", key_work);
  REQUIRE_FALSE(label.is_null());
  CHECK(label["range"]["start"]["character"] == 4);

  // Framing garbage in between does not disturb the session.
  server.send_raw("Content-Length: nonsense\r\n\r\n");
  json fix = {{"range",
               {{"start", {{"line", key_work}, {"character", 4}}},
                {"end", {{"line", key_work}, {"character", 13}}}}},
              {"text", "Key Word:"}};
  server.send(lsp_notification("textDocument/didChange",
                               {{"textDocument", {{"uri", "file:///t.md"}, {"version", 2}}},
                                {"contentChanges", json::array({fix})}}));
  published = server.receive_until(is_publish)["params"];
  CHECK(published["version"] == 2);
  CHECK(with_code(published["diagnostics"], "keyword-label", key_work).is_null());
  CHECK_FALSE(with_code(published["diagnostics"], "heading-hierarchy", others).is_null());

  server.send(lsp_request(2, "shutdown"));
  CHECK(server.reply_to(2)["result"].is_null());
  server.send(lsp_notification("exit"));
  CHECK(server.wait_exit() == 0);
}

TEST_CASE("the server exits when its input closes") {
  ServerProcess server;
  initialize(server);
  server.close_input();
  CHECK(server.wait_exit() == 1);
}

TEST_CASE("the server exits when the client process named by processId dies") {
  pid_t client = ::fork();
  REQUIRE(client >= 0);
  if (client == 0) {
    ::pause();
    ::_exit(0);
  }
  ServerProcess server;
  initialize(server, client);
  ::kill(client, SIGKILL);
  ::waitpid(client, nullptr, 0);
  CHECK(server.wait_exit(std::chrono::seconds(15)) == 1);
}
