// Content-Length framing of JSON-RPC over a byte stream, as a pure state machine: push chunks of
// bytes in, take complete message bodies (or framing errors) out. No I/O and no JSON here; the
// caller decides what to do with each body.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace awesome::protocol {

/// One thing the decoder found in the stream: a complete body, or a framing error after which
/// the decoder has already resynchronised (it skipped the bad header block or body).
struct Frame {
  enum class Kind : std::uint8_t { kBody, kError };
  Kind kind = Kind::kBody;
  std::string text;  ///< the body for kBody, a human-readable reason for kError
};

class FrameDecoder {
 public:
  /// Bodies longer than this are refused and skipped without being stored.
  static constexpr std::size_t kDefaultMaxBody = std::size_t{256} << 20;
  /// A header block longer than this is malformed (protects against a stream without "\r\n\r\n").
  static constexpr std::size_t kMaxHeaderBlock = std::size_t{64} * 1024;

  explicit FrameDecoder(std::size_t max_body = kDefaultMaxBody) : max_body_(max_body) {}

  /// Consumes `bytes`; appends every frame that became complete to `out`, in stream order.
  void push(std::string_view bytes, std::vector<Frame>& out);
  /// Convenience form of push() returning the frames.
  std::vector<Frame> push(std::string_view bytes) {
    std::vector<Frame> out;
    push(bytes, out);
    return out;
  }
  /// True when the decoder holds part of a header block or body (a truncated message at EOF).
  bool mid_message() const { return state_ != State::kHeader || !header_.empty(); }

 private:
  enum class State : std::uint8_t { kHeader, kBody, kSkip, kSkipRefused };
  std::size_t consume_header(std::string_view bytes, std::vector<Frame>& out);
  void finish_header(std::vector<Frame>& out);
  std::size_t skip_refused(std::string_view bytes);

  std::size_t max_body_;
  State state_ = State::kHeader;
  std::string header_;           ///< header bytes read so far (state kHeader)
  std::string body_;             ///< body bytes read so far (state kBody)
  std::uint64_t remaining_ = 0;  ///< body bytes still expected (kBody) or to drop (kSkip*)
  std::string skip_tail_;        ///< last bytes dropped in kSkipRefused (a split header name)
};

/// Frames `body` with a Content-Length header.
std::string encode_frame(std::string_view body);

}  // namespace awesome::protocol
