// Content-Length framing: split streams, malformed and hostile headers, recovery.
#include "protocol/framing.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using awesome::protocol::encode_frame;
using awesome::protocol::Frame;
using awesome::protocol::FrameDecoder;

namespace {

std::vector<std::string> bodies(const std::vector<Frame>& frames) {
  std::vector<std::string> out;
  for (const auto& f : frames) {
    if (f.kind == Frame::Kind::kBody)
      out.push_back(f.text);
  }
  return out;
}

std::size_t errors(const std::vector<Frame>& frames) {
  std::size_t n = 0;
  for (const auto& f : frames) n += f.kind == Frame::Kind::kError ? 1 : 0;
  return n;
}

std::vector<Frame> decode_whole(std::string_view stream) {
  FrameDecoder decoder;
  return decoder.push(stream);
}

}  // namespace

TEST_CASE("a stream of three messages decodes identically when split at every byte offset") {
  const std::vector<std::string> expected = {
      R"({"jsonrpc":"2.0","id":1,"method":"initialize","params":{}})", "",
      R"({"jsonrpc":"2.0","method":"x","params":{"s":"Jörn 😀 Mądry"}})"};
  std::string stream;
  for (const auto& b : expected) stream += encode_frame(b);
  stream.insert(0, "\r\n");  // a stray blank line is tolerated
  for (std::size_t cut = 0; cut <= stream.size(); ++cut) {
    for (std::size_t cut2 = cut; cut2 <= stream.size(); cut2 += 7) {
      FrameDecoder decoder;
      std::vector<Frame> frames;
      decoder.push(std::string_view(stream).substr(0, cut), frames);
      decoder.push(std::string_view(stream).substr(cut, cut2 - cut), frames);
      decoder.push(std::string_view(stream).substr(cut2), frames);
      REQUIRE(errors(frames) == 0);
      REQUIRE(bodies(frames) == expected);
      REQUIRE_FALSE(decoder.mid_message());
    }
  }
}

TEST_CASE("byte-by-byte feeding yields each body exactly once") {
  std::string stream = encode_frame("{\"a\":1}") + encode_frame("{\"b\":2}");
  FrameDecoder decoder;
  std::vector<Frame> frames;
  for (char c : stream) decoder.push(std::string_view(&c, 1), frames);
  CHECK(bodies(frames) == std::vector<std::string>{"{\"a\":1}", "{\"b\":2}"});
}

TEST_CASE("header names are case-insensitive and Content-Type is accepted") {
  auto frames = decode_whole(
      "content-length: 2\r\nContent-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n{}"
      "CONTENT-LENGTH:3\r\n\r\n[1]"
      "Content-Type: x\r\ncOnTeNt-LeNgTh: 4 \r\n\r\nnull");
  CHECK(errors(frames) == 0);
  CHECK(bodies(frames) == std::vector<std::string>{"{}", "[1]", "null"});
}

TEST_CASE("a missing Content-Length is an error and the next message still decodes") {
  auto frames = decode_whole("Content-Type: application/json\r\n\r\n" + encode_frame("{}"));
  CHECK(errors(frames) == 1);
  CHECK(frames.front().text == "missing Content-Length");
  CHECK(bodies(frames) == std::vector<std::string>{"{}"});
}

TEST_CASE("duplicate Content-Length headers") {
  SUBCASE("equal values are accepted") {
    auto frames = decode_whole("Content-Length: 2\r\nContent-Length: 2\r\n\r\n{}");
    CHECK(errors(frames) == 0);
    CHECK(bodies(frames) == std::vector<std::string>{"{}"});
  }
  SUBCASE("conflicting values are refused") {
    auto frames =
        decode_whole("Content-Length: 2\r\nContent-Length: 3\r\n\r\n" + encode_frame("[1]"));
    CHECK(errors(frames) >= 1);
    CHECK(frames.front().text == "conflicting Content-Length headers");
    CHECK(bodies(frames) == std::vector<std::string>{"[1]"});
  }
}

TEST_CASE("invalid Content-Length values are errors") {
  for (std::string value : {"abc", "-5", "12x", "", "99999999999999999999999"}) {
    CAPTURE(value);
    auto frames = decode_whole("Content-Length: " + value + "\r\n\r\n" + encode_frame("{}"));
    CHECK(errors(frames) >= 1);
    CHECK(bodies(frames) == std::vector<std::string>{"{}"});
  }
}

TEST_CASE("an absurd Content-Length is refused and its body skipped without storing it") {
  FrameDecoder decoder(1024);
  std::vector<Frame> frames;
  decoder.push("Content-Length: 1000000000000\r\n\r\n", frames);
  REQUIRE(errors(frames) == 1);
  CHECK(frames[0].text.find("1000000000000") != std::string::npos);
  CHECK(decoder.mid_message());
  std::string junk(4096, 'x');
  for (int i = 0; i < 100; ++i) decoder.push(junk, frames);
  CHECK(bodies(frames).empty());
  // A body just over the limit is skipped exactly, then framing resumes.
  FrameDecoder small(4);
  std::vector<Frame> out;
  small.push("Content-Length: 5\r\n\r\nhello" + encode_frame("1234"), out);
  CHECK(errors(out) == 1);
  CHECK(bodies(out) == std::vector<std::string>{"1234"});
}

TEST_CASE("after a refused length, framing resumes at the next Content-Length header") {
  const std::string stream = "Content-Length: 1000000000000\r\n\r\n{\"jsonrpc\": \"2.0\", " +
                             encode_frame("{\"a\":1}") + encode_frame("{}");
  for (std::size_t split = 0; split <= stream.size(); ++split) {
    CAPTURE(split);
    FrameDecoder decoder(1024);
    std::vector<Frame> frames;
    decoder.push(std::string_view(stream).substr(0, split), frames);
    decoder.push(std::string_view(stream).substr(split), frames);
    CHECK(errors(frames) == 1);
    CHECK(bodies(frames) == std::vector<std::string>{"{\"a\":1}", "{}"});
    CHECK_FALSE(decoder.mid_message());
  }
}

TEST_CASE("a malformed header line drops that message and framing resynchronises") {
  SUBCASE("a line without a colon next to a valid length skips the body") {
    auto frames = decode_whole("Content-Length: 2\r\nbogus\r\n\r\n{}" + encode_frame("[2]"));
    CHECK(errors(frames) == 1);
    CHECK(bodies(frames) == std::vector<std::string>{"[2]"});
  }
  SUBCASE("a header without a colon loses the body but finds the next header") {
    auto frames = decode_whole("Content-Length 7\r\n\r\n{\"a\":1}" + encode_frame("[3]") +
                               encode_frame("[4]"));
    CHECK(errors(frames) == 2);
    CHECK(bodies(frames) == std::vector<std::string>{"[3]", "[4]"});
  }
  SUBCASE("the tail of a lost body glued to a header is skipped") {
    auto frames = decode_whole(R"({"lost":1})" + encode_frame("[5]"));
    CHECK(errors(frames) == 1);
    CHECK(bodies(frames) == std::vector<std::string>{"[5]"});
  }
  SUBCASE("a garbage line in a header block drops that block's body") {
    auto frames = decode_whole("garbage\r\n" + encode_frame("[5]") + encode_frame("[6]"));
    CHECK(errors(frames) == 1);
    CHECK(bodies(frames) == std::vector<std::string>{"[6]"});
  }
}

TEST_CASE("a header block without an end is dropped once it grows too long") {
  FrameDecoder decoder;
  std::vector<Frame> frames;
  decoder.push(std::string(FrameDecoder::kMaxHeaderBlock + 10, 'h'), frames);
  CHECK(errors(frames) == 1);
  decoder.push("\r\n\r\n" + encode_frame("{}"), frames);
  CHECK(bodies(frames) == std::vector<std::string>{"{}"});
}

TEST_CASE("a truncated body is held until the rest arrives") {
  FrameDecoder decoder;
  std::string frame = encode_frame(R"({"jsonrpc":"2.0"})");
  auto first = decoder.push(std::string_view(frame).substr(0, frame.size() - 3));
  CHECK(first.empty());
  CHECK(decoder.mid_message());
  auto rest = decoder.push(std::string_view(frame).substr(frame.size() - 3));
  CHECK(bodies(rest) == std::vector<std::string>{R"({"jsonrpc":"2.0"})"});
  CHECK_FALSE(decoder.mid_message());
}

TEST_CASE("bare LF line endings in headers are tolerated") {
  auto frames = decode_whole("Content-Length: 2\n\n{}");
  CHECK(errors(frames) == 0);
  CHECK(bodies(frames) == std::vector<std::string>{"{}"});
}

TEST_CASE("encode_frame writes the byte length, not the character count") {
  CHECK(encode_frame("ö") == "Content-Length: 2\r\n\r\nö");
}
