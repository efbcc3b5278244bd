#include "server/lsp/stdio_loop.hpp"

#include <signal.h>
#include <unistd.h>

#include <array>
#include <boost/asio/io_context.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/write.hpp>
#include <cerrno>
#include <deque>
#include <iostream>
#include <optional>
#include <utility>

#include "protocol/framing.hpp"
#include "server/arxiv/endpoint.hpp"
#include "server/arxiv/http_client.hpp"
#include "server/arxiv/metadata_cache.hpp"
#include "server/lsp/lsp_server.hpp"

namespace awesome::server {
namespace {

/// Output the server queues for a client that does not read it before it stops answering.
constexpr std::size_t kMaxQueuedOutput = std::size_t{16} * 1024 * 1024;

namespace asio = boost::asio;
using boost::system::error_code;

class StdioLoop {
 public:
  explicit StdioLoop(const ServeOptions& options)
      : options_(options),
        input_(io_, ::dup(options.input_fd)),
        output_(io_, ::dup(options.output_fd)),
        parent_timer_(io_),
        exit_timer_(io_),
        wait_timer_(io_),
        server_([this](const nlohmann::json& m) { write(protocol::dump_message(m)); },
                ServerOptions{&std::cerr}) {
    server_.set_text_sink([this](std::string body) { write(std::move(body)); });
    server_.set_arxiv_fetcher(
        [this](const std::vector<std::string>& ids, const rules::ArxivSettings& settings) {
          fetch_arxiv(ids, settings);
        });
  }

  int run() {
    start_read();
    io_.run();
    return output_broken_ ? 1 : server_.exit_code();
  }

 private:
  void start_read() {
    input_.async_read_some(asio::buffer(buffer_),
                           [this](error_code ec, std::size_t n) { on_read(ec, n); });
  }

  void on_read(error_code ec, std::size_t n) {
    if (ec == asio::error::operation_aborted)
      return;  // finish() closed the input
    decode(n);
    // Take whatever else the pipe already holds, so that the whole backlog is handled before
    // the documents are linted once.
    error_code probe;  // FIONREAD failing only ends the backlog, not the session
    while (!ec && output_fits() && bytes_pending(probe) > 0) {
      std::size_t more = input_.read_some(asio::buffer(buffer_), ec);
      decode(more);
    }
    const bool drained = server_.drain([this] { return output_fits(); });
    if (ec) {
      if (ec != asio::error::eof)
        server_.log(lsp::MessageType::kError, "read: " + ec.message());
      if (decoder_.mid_message())
        server_.on_frame_error("input ended inside a message");
      server_.on_input_closed();
    }
    if (server_.exit_requested())
      return finish();
    watch_parent();
    watch_deadline();
    if (drained || ec) {
      start_read();
    } else {
      paused_ = true;  // the client reads slower than it asks: resumed by write_front()
    }
  }

  /// Back-pressure: a client that sends requests but does not read the replies gets no more
  /// answers (and its further input waits in the pipe) until the output queue is under this.
  bool output_fits() const { return outbox_bytes_ < kMaxQueuedOutput; }

  void resume() {
    paused_ = false;
    if (!server_.drain([this] { return output_fits(); })) {
      paused_ = true;
      return;
    }
    if (server_.exit_requested())
      return finish();
    start_read();
  }

  /// Bytes readable without blocking (FIONREAD); Boost 1.74 descriptors have no available().
  std::size_t bytes_pending(error_code& ec) {
    asio::posix::descriptor_base::bytes_readable command(true);
    input_.io_control(command, ec);
    return ec ? 0 : command.get();
  }

  void decode(std::size_t n) {
    frames_.clear();
    decoder_.push(std::string_view(buffer_.data(), n), frames_);
    for (auto& frame : frames_) {
      if (frame.kind == protocol::Frame::Kind::kBody) {
        server_.enqueue(frame.text);
      } else {
        server_.on_frame_error(frame.text);
      }
    }
  }

  void write(std::string body) {
    // Header and body go out as two writes: a megabyte body is not copied into a frame.
    if (output_broken_)
      return;
    const bool idle = outbox_.empty();
    outbox_.push_back("Content-Length: " + std::to_string(body.size()) + "\r\n\r\n");
    outbox_.push_back(std::move(body));
    outbox_bytes_ += outbox_[outbox_.size() - 2].size() + outbox_.back().size();
    if (idle)
      write_front();
  }

  void write_front() {
    asio::async_write(output_, asio::buffer(outbox_.front()), [this](error_code ec, std::size_t) {
      if (ec) {
        // The client closed its end: nobody will read an answer again.
        std::cerr << "awesome-ls [error] write: " << ec.message()
                  << "; the client stopped reading, exiting\n";
        output_broken_ = true;
        outbox_.clear();
        outbox_bytes_ = 0;
        parent_timer_.cancel();
        exit_timer_.cancel();
        wait_timer_.cancel();
        error_code ignored;
        input_.close(ignored);
        io_.stop();
        return;
      }
      outbox_bytes_ -= outbox_.front().size();
      outbox_.pop_front();
      if (!outbox_.empty()) {
        write_front();
      } else if (server_.exit_requested()) {
        exit_timer_.cancel();
      }
      if (paused_ && outbox_bytes_ < kMaxQueuedOutput / 2)
        resume();
    });
  }

  /// Calls the server's tick() at its deadline (the end of its wait for the configuration).
  void watch_deadline() {
    auto deadline = server_.deadline();
    if (!deadline || (waiting_ && *deadline == wait_until_))
      return;
    waiting_ = true;
    wait_until_ = *deadline;
    wait_timer_.expires_at(*deadline);
    wait_timer_.async_wait([this](error_code ec) {
      waiting_ = false;
      if (ec)
        return;
      server_.tick(LspServer::Clock::now());
      watch_deadline();
    });
  }

  /// Starts polling the client process once initialize named it.
  void watch_parent() {
    if (watching_ || !server_.client_process_id())
      return;
    watching_ = true;
    poll_parent();
  }

  void poll_parent() {
    parent_timer_.expires_after(options_.parent_poll);
    parent_timer_.async_wait([this](error_code ec) {
      if (ec)
        return;
      auto pid = static_cast<pid_t>(*server_.client_process_id());
      if (::kill(pid, 0) == -1 && errno == ESRCH) {
        std::cerr << "awesome-ls [info] client process " << pid << " is gone; exiting\n";
        input_.cancel();
        server_.on_input_closed();
        return finish();
      }
      poll_parent();
    });
  }

  /// Stops reading and polling; io_.run() returns once the queued output is written, or after
  /// a grace period when the client no longer reads it.
  void finish() {
    parent_timer_.cancel();
    wait_timer_.cancel();
    error_code ignored;
    input_.close(ignored);
    exit_timer_.expires_after(std::chrono::seconds(2));
    exit_timer_.async_wait([this](error_code ec) {
      if (!ec)
        io_.stop();
    });
    // A fetch from arXiv in flight is not waited for beyond the exit timer.
    if (outbox_.empty() && !arxiv_busy_)
      exit_timer_.cancel();
  }

  /// The arXiv metadata of `ids`: what the cache holds at once, then what the API answers for
  /// the ids the cache lacks or holds too long, one fetch at a time on this loop.
  void fetch_arxiv(const std::vector<std::string>& ids, const rules::ArxivSettings& settings) {
    if (!arxiv_cache_) {
      const auto dir = arxiv::default_cache_dir();
      arxiv_cache_.emplace(dir.empty() ? dir : dir / "arxiv.json");
      if (const std::string warning = arxiv_cache_->load(); !warning.empty())
        server_.log(lsp::MessageType::kWarning, warning);
    }
    const rules::ArxivLookup cached = arxiv_cache_->lookup(ids);
    if (!cached.empty())
      asio::post(io_, [this, cached] { server_.on_arxiv_metadata(cached); });
    for (auto& id : arxiv_cache_->stale(ids, arxiv::Clock::now(),
                                        std::chrono::hours(24) * settings.max_age_days)) {
      arxiv_pending_.push_back(std::move(id));
    }
    arxiv_url_ = arxiv::api_url(settings.url);
    next_arxiv_fetch();
  }

  void next_arxiv_fetch() {
    if (arxiv_busy_ || arxiv_pending_.empty())
      return;
    if (!arxiv_client_ || arxiv_client_->options().url != arxiv_url_) {
      arxiv::ClientOptions options;
      options.url = arxiv_url_;
      arxiv_client_.emplace(io_, options);
    }
    arxiv_busy_ = true;
    arxiv_client_->start_fetch(
        std::exchange(arxiv_pending_, {}), [this](const arxiv::FetchReport& r) {
          arxiv_busy_ = false;
          const auto now = arxiv::Clock::now();
          for (const auto& [id, paper] : r.lookup.papers) arxiv_cache_->put(paper, now);
          for (const auto& [id, missing] : r.lookup.missing) arxiv_cache_->put_missing(id, now);
          if (!r.lookup.empty() && !arxiv_cache_->file().empty()) {
            if (const std::string error = arxiv_cache_->save(); !error.empty())
              server_.log(lsp::MessageType::kWarning, error);
          }
          for (const auto& e : r.errors) server_.log(lsp::MessageType::kWarning, "arXiv: " + e);
          server_.on_arxiv_metadata(r.lookup);
          next_arxiv_fetch();
        });
  }

  ServeOptions options_;
  asio::io_context io_;
  asio::posix::stream_descriptor input_;
  asio::posix::stream_descriptor output_;
  asio::steady_timer parent_timer_;
  asio::steady_timer exit_timer_;
  asio::steady_timer wait_timer_;
  LspServer server_;
  protocol::FrameDecoder decoder_;
  std::vector<protocol::Frame> frames_;
  std::array<char, std::size_t{64} * 1024> buffer_{};
  std::deque<std::string> outbox_;
  std::optional<arxiv::MetadataCache> arxiv_cache_;  ///< loaded on the first fetch
  std::optional<arxiv::ArxivClient> arxiv_client_;
  std::vector<std::string> arxiv_pending_;  ///< ids to fetch once the fetch in flight ends
  std::string arxiv_url_;
  bool arxiv_busy_ = false;
  std::size_t outbox_bytes_ = 0;
  bool paused_ = false;         ///< not reading: the output queue is full
  bool output_broken_ = false;  ///< a write failed: the client is gone
  bool watching_ = false;
  bool waiting_ = false;  ///< wait_timer_ runs until wait_until_
  LspServer::Clock::time_point wait_until_{};
};

}  // namespace

int run_language_server(const ServeOptions& options) {
  ::signal(SIGPIPE, SIG_IGN);  // a vanished client must give EPIPE, not kill the server
  StdioLoop loop(options);
  return loop.run();
}

}  // namespace awesome::server
