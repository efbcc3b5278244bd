// Transcripts of the real `awesome-ls serve` binary over pipes: a whole session from initialize
// to exit on a corpus list, exit codes, end of input, and the death of the client process.
// Every wait has a deadline, so a hanging server fails the test instead of blocking it.
#include <doctest/doctest.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <deque>
#include <fstream>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>
#include <string>
#include <thread>

#include "protocol/framing.hpp"

using nlohmann::json;

namespace {

using Clock = std::chrono::steady_clock;
constexpr auto kTimeout = std::chrono::seconds(30);

class ServerProcess {
 public:
  ServerProcess() {
    ::signal(SIGPIPE, SIG_IGN);  // a dead server must fail a REQUIRE, not kill the test runner
    int in[2];
    int out[2];
    REQUIRE(::pipe(in) == 0);
    REQUIRE(::pipe(out) == 0);
    pid_ = ::fork();
    REQUIRE(pid_ >= 0);
    if (pid_ == 0) {
      ::dup2(in[0], 0);
      ::dup2(out[1], 1);
      int null = ::open("/dev/null", O_WRONLY);
      ::dup2(null, 2);
      for (int fd : {in[0], in[1], out[0], out[1], null}) ::close(fd);
      ::execl(AWESOME_BINARY, AWESOME_BINARY, "serve", static_cast<char*>(nullptr));
      ::_exit(127);
    }
    ::close(in[0]);
    ::close(out[1]);
    to_server_ = in[1];
    from_server_ = out[0];
  }
  ~ServerProcess() {
    close_input();
    if (from_server_ >= 0)
      ::close(from_server_);
    if (!exit_code_) {
      ::kill(pid_, SIGKILL);
      ::waitpid(pid_, nullptr, 0);
    }
  }

  void send_raw(std::string_view bytes) {
    while (!bytes.empty()) {
      ssize_t n = ::write(to_server_, bytes.data(), bytes.size());
      REQUIRE(n > 0);
      bytes.remove_prefix(static_cast<std::size_t>(n));
    }
  }
  void send(const json& message) { send_raw(awesome::protocol::encode_frame(message.dump())); }
  void close_input() {
    if (to_server_ >= 0)
      ::close(to_server_);
    to_server_ = -1;
  }

  /// The next message from the server; FAILs on timeout or end of output.
  json receive() {
    auto deadline = Clock::now() + kTimeout;
    while (bodies_.empty()) {
      auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
      REQUIRE_MESSAGE(left.count() > 0, "timed out waiting for the server");
      pollfd p{from_server_, POLLIN, 0};
      if (::poll(&p, 1, static_cast<int>(left.count())) <= 0)
        continue;
      char buffer[65536];
      ssize_t n = ::read(from_server_, buffer, sizeof buffer);
      REQUIRE_MESSAGE(n > 0, "the server closed its output");
      for (auto& frame : decoder_.push(std::string_view(buffer, static_cast<std::size_t>(n)))) {
        REQUIRE(frame.kind == awesome::protocol::Frame::Kind::kBody);
        bodies_.push_back(std::move(frame.text));
      }
    }
    json message = json::parse(bodies_.front());
    bodies_.pop_front();
    return message;
  }
  /// Skips messages until one satisfies `match`.
  template <class Match>
  json receive_until(Match match) {
    for (;;) {
      json message = receive();
      if (match(message))
        return message;
    }
  }
  json reply_to(int id) {
    return receive_until([id](const json& m) { return m.value("id", json()) == id; });
  }

  /// The exit status; FAILs when the process does not exit in time.
  int wait_exit(std::chrono::seconds timeout = kTimeout) {
    auto deadline = Clock::now() + timeout;
    while (!exit_code_) {
      int status = 0;
      pid_t done = ::waitpid(pid_, &status, WNOHANG);
      if (done == pid_) {
        exit_code_ = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
        break;
      }
      REQUIRE_MESSAGE(Clock::now() < deadline, "the server did not exit");
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return *exit_code_;
  }

 private:
  pid_t pid_ = -1;
  int to_server_ = -1;
  int from_server_ = -1;
  awesome::protocol::FrameDecoder decoder_;
  std::deque<std::string> bodies_;
  std::optional<int> exit_code_;
};

json request(int id, std::string_view method, json params = nullptr) {
  json m = {{"jsonrpc", "2.0"}, {"id", id}, {"method", method}};
  if (!params.is_null())
    m["params"] = std::move(params);
  return m;
}
json notification(std::string_view method, json params = json::object()) {
  return {{"jsonrpc", "2.0"}, {"method", method}, {"params", std::move(params)}};
}

void initialize(ServerProcess& server, json process_id = nullptr) {
  server.send(
      request(1, "initialize",
              {{"processId", process_id}, {"rootUri", nullptr}, {"capabilities", json::object()}}));
  json reply = server.reply_to(1);
  REQUIRE(reply["result"]["capabilities"]["textDocumentSync"]["change"] == 2);
  server.send(notification("initialized"));
}

bool is_publish(const json& m) {
  return m.value("method", "") == "textDocument/publishDiagnostics";
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
  server.send(notification(
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
  server.send(notification("textDocument/didChange",
                           {{"textDocument", {{"uri", "file:///t.md"}, {"version", 2}}},
                            {"contentChanges", json::array({fix})}}));
  published = server.receive_until(is_publish)["params"];
  CHECK(published["version"] == 2);
  CHECK(with_code(published["diagnostics"], "keyword-label", key_work).is_null());
  CHECK_FALSE(with_code(published["diagnostics"], "heading-hierarchy", others).is_null());

  server.send(request(2, "shutdown"));
  CHECK(server.reply_to(2)["result"].is_null());
  server.send(request(3, "textDocument/diagnostic", {{"textDocument", {{"uri", "file:///t.md"}}}}));
  CHECK(server.reply_to(3)["error"]["code"] == -32600);
  server.send(notification("exit"));
  CHECK(server.wait_exit() == 0);
}

TEST_CASE("exit without shutdown ends with code 1") {
  ServerProcess server;
  initialize(server);
  server.send(notification("exit"));
  CHECK(server.wait_exit() == 1);
}

TEST_CASE("the server exits when its input closes") {
  ServerProcess server;
  initialize(server);
  server.close_input();
  CHECK(server.wait_exit() == 1);
}

TEST_CASE("requests before initialize get -32002 from the binary too") {
  ServerProcess server;
  server.send(request(7, "shutdown"));
  CHECK(server.reply_to(7)["error"]["code"] == -32002);
  server.send_raw("Content-Length: 5\r\n\r\n{oops");
  json parse_error = server.receive_until([](const json& m) { return m.contains("error"); });
  CHECK(parse_error["id"].is_null());
  CHECK(parse_error["error"]["code"] == -32700);
  initialize(server);
  server.send(request(8, "shutdown"));
  server.reply_to(8);
  server.send(notification("exit"));
  CHECK(server.wait_exit() == 0);
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
