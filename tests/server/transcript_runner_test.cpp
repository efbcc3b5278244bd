// Runs every transcript in tests/transcripts/ (format in its README.md) against the real
// `awesome-ls serve` binary over pipes. A mismatch is reported at the line of the transcript,
// with the expected and the actual message. Exchanges that need computed values stay in C++.
#include <doctest/doctest.h>

#include <algorithm>
#include <deque>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "tests/server/lsp_process.hpp"
#include "tests/support/files.hpp"

using nlohmann::json;
namespace fs = std::filesystem;

namespace {

/// Replaces every string "@corpus:NAME" in `value` by the text of that corpus file.
void load_corpus(json& value) {
  if (value.is_structured()) {
    for (auto& item : value) load_corpus(item);
  } else if (value.is_string()) {
    const std::string& text = value.get_ref<const std::string&>();
    if (text.starts_with("@corpus:"))
      value = awesome::test::corpus(text.substr(8));
  }
}

/// Empty when `actual` holds `expected` (listed keys match recursively, arrays have the same
/// length unless the expected one ends in "..."); else where the first difference is.
std::optional<std::string> mismatch(const json& expected, const json& actual,
                                    const std::string& where = "") {
  if (expected.is_object()) {
    if (!actual.is_object())
      return where + " is no object";
    for (const auto& [key, value] : expected.items()) {
      if (!actual.contains(key))
        return where + "/" + key + " is missing";
      if (auto difference = mismatch(value, actual[key], where + "/" + key))
        return difference;
    }
    return std::nullopt;
  }
  if (expected.is_array()) {
    const bool open = !expected.empty() && expected.back() == "...";
    const std::size_t listed = expected.size() - (open ? 1 : 0);
    if (!actual.is_array() || actual.size() < listed || (!open && actual.size() != listed))
      return where + " is no array of " + (open ? "at least " : "") + std::to_string(listed);
    for (std::size_t i = 0; i < listed; ++i) {
      if (auto difference = mismatch(expected[i], actual[i], where + "/" + std::to_string(i)))
        return difference;
    }
    return std::nullopt;
  }
  if (expected != actual)
    return where + " differs";
  return std::nullopt;
}

/// Whether `actual` is the message `expected` waits for: the reply with its id, or the next
/// notification or server request with its method (and id, when given).
bool answers(const json& expected, const json& actual) {
  if (expected.contains("method") != actual.contains("method"))
    return false;
  if (expected.contains("method") && expected["method"] != actual["method"])
    return false;
  return !expected.contains("id") || expected["id"] == actual.value("id", json());
}

/// One transcript run: the server, and the messages it sent that no `<<` line took yet.
class Transcript {
 public:
  explicit Transcript(std::string file) : file_(std::move(file)) {}

  void step(std::size_t line_number, std::string_view line) {
    line_ = line_number;
    INFO(file_ << ":" << line_number << ": " << line.substr(0, 200));
    if (line.empty() || line.starts_with("#"))
      return;
    const std::string_view rest = line.size() > 3 ? line.substr(3) : std::string_view();
    const json value = json::parse(rest, nullptr, false);
    if (line.starts_with(">> ") && !value.is_discarded()) {
      send(value);
    } else if (line.starts_with("<< exit ")) {
      const int code = std::stoi(std::string(rest.substr(5)));
      const int actual = server_.wait_exit();
      if (actual != code)
        fail("the server exited with " + std::to_string(actual));
    } else if (line.starts_with("<< ") && !value.is_discarded()) {
      expect(value);
    } else {
      fail("not a step: a line is `>> JSON`, `<< JSON`, `<< exit N`, a # comment or empty");
    }
  }

 private:
  void send(json message) {
    if (message.is_string()) {  // bytes as they are, framing and all
      server_.send_raw(message.get<std::string>());
      return;
    }
    load_corpus(message);
    message.emplace("jsonrpc", "2.0");
    server_.send(message);
  }

  void expect(const json& expected) {
    for (;;) {
      auto found = std::find_if(unclaimed_.begin(), unclaimed_.end(),
                                [&](const json& m) { return answers(expected, m); });
      if (found != unclaimed_.end()) {
        if (auto difference = mismatch(expected, *found)) {
          fail(*difference + "\n  expected: " + expected.dump() +
               "\n  actual:   " + found->dump().substr(0, 2000));
        }
        unclaimed_.erase(found);
        return;
      }
      unclaimed_.push_back(server_.receive());
    }
  }

  void fail(const std::string& what) {
    ADD_FAIL_CHECK_AT(file_.c_str(), static_cast<int>(line_), what);
  }

  std::string file_;
  std::size_t line_ = 0;
  awesome::test::LspProcess server_;
  std::deque<json> unclaimed_;
};

std::vector<fs::path> transcripts() {
  std::vector<fs::path> files;
  for (const auto& item : fs::directory_iterator(AWESOME_TRANSCRIPTS_DIR)) {
    if (item.path().extension() == ".txt")
      files.push_back(item.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

}  // namespace

TEST_CASE("every transcript in tests/transcripts gets the replies it expects") {
  const std::vector<fs::path> files = transcripts();
  REQUIRE_FALSE(files.empty());
  for (const fs::path& file : files) {
    SUBCASE(file.filename().string().c_str()) {
      Transcript transcript(file.string());
      std::istringstream lines(awesome::test::read_file(file));
      std::size_t number = 0;
      for (std::string line; std::getline(lines, line);) transcript.step(++number, line);
    }
  }
}
