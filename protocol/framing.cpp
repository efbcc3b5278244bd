#include "protocol/framing.hpp"

#include <algorithm>
#include <cctype>
#include <optional>

namespace awesome::protocol {
namespace {

constexpr std::string_view kContentLength = "content-length";

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

/// Position of "content-length:" in `line`, case-insensitively, or npos.
std::size_t find_content_length(std::string_view line) {
  for (std::size_t i = 0; i + kContentLength.size() < line.size(); ++i) {
    if (iequals(line.substr(i, kContentLength.size()), kContentLength) &&
        line[i + kContentLength.size()] == ':') {
      return i;
    }
  }
  return std::string_view::npos;
}

bool is_token_char(char c) {
  static constexpr std::string_view kExtra = "!#$%&'*+-.^_`|~";
  return std::isalnum(static_cast<unsigned char>(c)) != 0 || kExtra.find(c) != kExtra.npos;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

/// Parses a decimal length; false for anything but digits or for more than 19 digits.
bool parse_length(std::string_view text, std::uint64_t& out) {
  text = trim(text);
  if (text.empty() || text.size() > 19)
    return false;
  std::uint64_t value = 0;
  for (char c : text) {
    if (c < '0' || c > '9')
      return false;
    value = value * 10 + static_cast<std::uint64_t>(c - '0');
  }
  out = value;
  return true;
}

struct HeaderBlock {
  std::optional<std::uint64_t> length;
  std::vector<std::string> problems;
  bool broken = false;  ///< a problem that makes the body untrustworthy
  void fail(std::string problem) {
    problems.push_back(std::move(problem));
    broken = true;
  }
};

/// Reads one header line into `block`; a line with garbage before a Content-Length header
/// (left over from a lost message) is resynchronised at that header.
void read_header_line(std::string_view line, HeaderBlock& block) {
  auto colon = line.find(':');
  std::string_view name = colon == line.npos ? line : line.substr(0, colon);
  if (colon == line.npos || name.empty() || !std::all_of(name.begin(), name.end(), is_token_char)) {
    auto at = find_content_length(line);
    if (at == line.npos) {
      block.fail("malformed header line");
      return;
    }
    // Everything before is garbage from a lost message, not part of this header block.
    block = HeaderBlock{};
    block.problems.emplace_back("skipped garbage before a Content-Length header");
    line.remove_prefix(at);
    colon = kContentLength.size();
    name = line.substr(0, colon);
  }
  if (!iequals(name, kContentLength))
    return;  // Content-Type and unknown headers are ignored
  std::uint64_t value = 0;
  if (!parse_length(line.substr(colon + 1), value)) {
    block.fail("invalid Content-Length value");
  } else if (block.length && *block.length != value) {
    block.fail("conflicting Content-Length headers");
    block.length.reset();
  } else {
    block.length = value;
  }
}

}  // namespace

void FrameDecoder::push(std::string_view bytes, std::vector<Frame>& out) {
  while (!bytes.empty()) {
    switch (state_) {
      case State::kHeader:
        bytes.remove_prefix(consume_header(bytes, out));
        break;
      case State::kBody: {
        auto take = static_cast<std::size_t>(std::min<std::uint64_t>(remaining_, bytes.size()));
        body_.append(bytes.substr(0, take));
        bytes.remove_prefix(take);
        remaining_ -= take;
        if (remaining_ == 0) {
          out.push_back({Frame::Kind::kBody, std::move(body_)});
          body_.clear();
          state_ = State::kHeader;
        }
        break;
      }
      case State::kSkip: {
        auto take = static_cast<std::size_t>(std::min<std::uint64_t>(remaining_, bytes.size()));
        bytes.remove_prefix(take);
        remaining_ -= take;
        if (remaining_ == 0)
          state_ = State::kHeader;
        break;
      }
      case State::kSkipRefused:
        bytes.remove_prefix(skip_refused(bytes));
        break;
    }
  }
}

std::size_t FrameDecoder::skip_refused(std::string_view bytes) {
  // A refused length (such as 10^12) may be a lie, so dropping that many bytes could swallow
  // the rest of the session: resume at the next "Content-Length:" within the dropped bytes
  // (JSON cannot hold it outside a string, and this body is lost anyway).
  const auto take = static_cast<std::size_t>(std::min<std::uint64_t>(remaining_, bytes.size()));
  std::string window = skip_tail_;
  window.append(bytes.substr(0, take));
  const std::size_t at = find_content_length(window);
  if (at != std::string::npos) {
    state_ = State::kHeader;
    remaining_ = 0;
    if (at < skip_tail_.size()) {  // the header name began in the previous chunk
      header_ = skip_tail_.substr(at);
      skip_tail_.clear();
      return 0;
    }
    const std::size_t used = at - skip_tail_.size();
    skip_tail_.clear();
    return used;
  }
  remaining_ -= take;
  const std::size_t keep = std::min(window.size(), kContentLength.size());
  skip_tail_ = remaining_ == 0 ? std::string() : window.substr(window.size() - keep);
  if (remaining_ == 0)
    state_ = State::kHeader;
  return take;
}

std::size_t FrameDecoder::consume_header(std::string_view bytes, std::vector<Frame>& out) {
  std::size_t used = 0;
  while (used < bytes.size() && state_ == State::kHeader) {
    char c = bytes[used++];
    header_.push_back(c);
    if (c == '\n') {
      // The block ends at an empty line ("\r\n\r\n", leniently also "\n\n").
      std::string_view h = header_;
      if (h == "\n" || h == "\r\n") {
        header_.clear();  // a stray blank line between messages
      } else if (h.ends_with("\n\n") || h.ends_with("\n\r\n")) {
        finish_header(out);
      }
    } else if (header_.size() > kMaxHeaderBlock) {
      out.push_back({Frame::Kind::kError, "header block too long; dropped"});
      header_.clear();
    }
  }
  return used;
}

void FrameDecoder::finish_header(std::vector<Frame>& out) {
  HeaderBlock block{};
  std::string_view rest = header_;
  while (!rest.empty()) {
    auto eol = rest.find('\n');
    std::string_view line = rest.substr(0, eol);
    rest.remove_prefix(eol == rest.npos ? rest.size() : eol + 1);
    if (line.ends_with('\r'))
      line.remove_suffix(1);
    if (!line.empty())
      read_header_line(line, block);
  }
  header_.clear();
  for (auto& problem : block.problems) out.push_back({Frame::Kind::kError, std::move(problem)});
  if (!block.length) {
    if (block.problems.empty())
      out.push_back({Frame::Kind::kError, "missing Content-Length"});
    return;
  }
  remaining_ = *block.length;
  if (remaining_ > max_body_) {
    out.push_back({Frame::Kind::kError, "Content-Length " + std::to_string(remaining_) +
                                            " exceeds the limit; body skipped"});
    state_ = State::kSkipRefused;
  } else if (block.broken) {
    state_ = State::kSkip;  // the length is known but the header was broken: drop the body
  } else if (remaining_ == 0) {
    out.push_back({Frame::Kind::kBody, {}});
  } else {
    body_.reserve(static_cast<std::size_t>(std::min<std::uint64_t>(remaining_, 1 << 20)));
    state_ = State::kBody;
  }
}

std::string encode_frame(std::string_view body) {
  std::string out = "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n";
  out.append(body);
  return out;
}

}  // namespace awesome::protocol
