// Edits through didChange give the text and the diagnostics of a fresh parse: the corpus edit
// traces (real history, UTF-16 positions, SHA-256 per step) and seeded random edits next to
// multi-byte characters, checked against an independent UTF-16 reference text.
#include <doctest/doctest.h>

#include <fstream>
#include <random>
#include <sstream>

#include "server/lsp/diagnostics_convert.hpp"
#include "tests/server/fake_client.hpp"
#include "tests/support/files.hpp"
#include "tests/support/sha256.hpp"

using awesome::test::FakeClient;
using nlohmann::json;

namespace {

constexpr std::string_view kUri = "file:///list.md";

/// Keeps the diagnostics the server last published for kUri.
class PublishedDiagnostics {
 public:
  void update(FakeClient& client) {
    for (auto& note : client.take("textDocument/publishDiagnostics")) {
      if (note["params"]["uri"] == kUri)
        current_ = note["params"]["diagnostics"];
    }
    client.messages().clear();
  }
  const json& current() const { return current_; }

 private:
  json current_ = json::array();
};

json fresh_diagnostics(const std::string& text) {
  awesome::rules::ListDocument fresh(text);
  return awesome::server::to_lsp_diagnostics(fresh.diagnostics(), fresh, kUri, {});
}

void replay_trace(const std::string& name) {
  std::ifstream in(std::string(AWESOME_CORPUS_DIR) + "/" + name);
  REQUIRE(in.good());
  std::string line;
  std::getline(in, line);
  json first = json::parse(line, nullptr, false);
  REQUIRE(first.is_object());
  FakeClient client;
  client.initialize();
  client.open(kUri, first["text"].get<std::string>());
  PublishedDiagnostics published;
  published.update(client);
  int version = 1;
  int steps = 0;
  int publishes = 0;
  while (std::getline(in, line)) {
    json step = json::parse(line, nullptr, false);
    REQUIRE(step.is_object());
    ++version;
    client.notify("textDocument/didChange",
                  {{"textDocument", {{"uri", kUri}, {"version", version}}},
                   {"contentChanges", step["changes"]}});
    publishes += static_cast<int>(client.take("textDocument/publishDiagnostics").empty() ? 0 : 1);
    auto* doc = client.server().documents().find(kUri);
    const auto* converter = client.server().publisher().converter(kUri);
    REQUIRE(converter != nullptr);
    REQUIRE(doc != nullptr);
    const std::string text = doc->list.text();
    CAPTURE(step["commit"]);
    REQUIRE(awesome::test::sha256_hex(text) == step["sha256"].get<std::string>());
    REQUIRE(converter->items() == fresh_diagnostics(text));
    ++steps;
  }
  MESSAGE(name << ": " << steps << " steps replayed, " << publishes << " publishes");
  CHECK(steps > 30);
}

// --- an independent reference for random edits: UTF-16 text split at '\n' ---

std::string to_utf8(const std::u16string& s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    char32_t cp = s[i];
    if (cp >= 0xD800 && cp < 0xDC00 && i + 1 < s.size()) {
      cp = 0x10000 + ((cp - 0xD800) << 10) + (s[++i] - 0xDC00);
    }
    if (cp < 0x80) {
      out += static_cast<char>(cp);
    } else if (cp < 0x800) {
      out += static_cast<char>(0xC0 | (cp >> 6));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
      out += static_cast<char>(0xE0 | (cp >> 12));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
      out += static_cast<char>(0xF0 | (cp >> 18));
      out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    }
  }
  return out;
}

struct RandomEditor {
  std::u16string text;
  std::mt19937 rng;

  std::size_t pick(std::size_t n) { return std::uniform_int_distribution<std::size_t>(0, n)(rng); }

  /// A random code-point boundary, as (line, UTF-16 character) and as an offset.
  std::pair<json, std::size_t> boundary(std::size_t min_offset) {
    std::size_t offset = min_offset + pick(std::min<std::size_t>(text.size() - min_offset, 300));
    if (offset < text.size() && text[offset] >= 0xDC00 && text[offset] < 0xE000)
      --offset;
    if (offset < min_offset)
      offset = min_offset;
    std::size_t line = 0;
    std::size_t line_start = 0;
    for (std::size_t i = 0; i < offset; ++i) {
      if (text[i] == u'\n') {
        ++line;
        line_start = i + 1;
      }
    }
    return {{{"line", line}, {"character", offset - line_start}}, offset};
  }

  /// Applies a random edit to the reference and returns it as an LSP content change.
  json next() {
    static const std::u16string kPool[] = {
        u"",
        u"x",
        u"ö",
        u"😀",
        u"Mądry",
        u"\n",
        u"- ",
        u"张三",
        u"#",
        u"  ",
        u".",
        u"[[paper]](https://arxiv.org/abs/2001.0000",
        u"\n  - Key Word: Jörn; 😀.",
        u"\n- Neu. [[paper]](https://arxiv.org/abs/2101.00001)\n  - A B.\n"};
    std::size_t near = text.size() > 600 ? pick(text.size() - 600) : 0;
    auto [start, a] = boundary(near);
    auto [end, b] = pick(3) == 0 ? std::pair{start, a} : boundary(a);
    const std::u16string& insert = kPool[pick(std::size(kPool) - 1)];
    text.replace(a, b - a, insert);
    return {{"range", {{"start", start}, {"end", end}}}, {"text", to_utf8(insert)}};
  }
};

std::u16string to_utf16(std::string_view utf8) {
  std::u16string out;
  for (std::size_t i = 0; i < utf8.size();) {
    auto c = static_cast<unsigned char>(utf8[i]);
    int len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    char32_t cp = len == 1 ? c : len == 2 ? (c & 0x1F) : len == 3 ? (c & 0x0F) : (c & 0x07);
    for (int k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(utf8[i + k]) & 0x3F);
    if (cp >= 0x10000) {
      out += static_cast<char16_t>(0xD800 + ((cp - 0x10000) >> 10));
      out += static_cast<char16_t>(0xDC00 + ((cp - 0x10000) & 0x3FF));
    } else {
      out += static_cast<char16_t>(cp);
    }
    i += static_cast<std::size_t>(len);
  }
  return out;
}

}  // namespace

TEST_CASE("the README edit trace replays byte-exactly with fresh-parse diagnostics at every step") {
  replay_trace("trace-readme-history.jsonl");
}

TEST_CASE("the full-list edit trace replays byte-exactly with fresh-parse diagnostics") {
  replay_trace("trace-full-history.jsonl");
}

TEST_CASE("seeded random edits next to multi-byte characters equal a fresh parse") {
  std::string base = awesome::test::corpus("trustworthy-2021.md");
  REQUIRE_FALSE(base.empty());
  base = base.substr(0, base.find("\n## ", 9000)) + "\n- Jörn Mądry 😀 张三.\n";
  for (unsigned seed : {1U, 2U, 3U}) {
    CAPTURE(seed);
    RandomEditor editor{to_utf16(base), std::mt19937(seed)};
    FakeClient client;
    client.initialize();
    client.open(kUri, base);
    PublishedDiagnostics published;
    published.update(client);
    for (int step = 0; step < 700; ++step) {
      CAPTURE(step);
      json change = editor.next();
      client.notify("textDocument/didChange",
                    {{"textDocument", {{"uri", kUri}, {"version", step + 2}}},
                     {"contentChanges", json::array({change})}});
      published.update(client);
      const std::string expected = to_utf8(editor.text);
      const std::string held = client.server().documents().find(kUri)->list.text();
      REQUIRE(held == expected);
      REQUIRE(published.current() == fresh_diagnostics(expected));
    }
  }
}
