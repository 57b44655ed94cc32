#include "server/stdio_transport.h"

#include <malloc.h>
#include <unistd.h>

#include <atomic>
#include <condition_variable>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "server/json_rpc.h"

namespace kensa::server {

namespace {

struct Pending {
  std::string text;
  std::string key;  // the request id as text ("" for notifications and unreadable messages)
  std::shared_ptr<std::atomic<bool>> cancelled;
};

class StdioLoop {
 public:
  StdioLoop(McpServer& server, int in_fd, std::FILE* out)
      : server_(server), in_fd_(in_fd), out_(out) {}

  int Run() {
    std::thread worker([this] { Work(); });
    Read();
    {
      std::lock_guard<std::mutex> lock(mutex_);
      done_ = true;
    }
    ready_.notify_all();
    worker.join();
    return 0;
  }

 private:
  void Write(const std::string& line) {
    std::lock_guard<std::mutex> lock(out_mutex_);
    std::fwrite(line.data(), 1, line.size(), out_);
    std::fputc('\n', out_);
    std::fflush(out_);
  }

  // Reads lines; a line longer than kMaxMessageBytes is skipped to its end and answered with
  // an error, never held in memory whole.
  void Read() {
    std::string line;
    bool too_long = false;
    char buffer[65536];
    for (;;) {
      ssize_t n = ::read(in_fd_, buffer, sizeof buffer);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) break;
      for (ssize_t i = 0; i < n; ++i) {
        char c = buffer[i];
        if (c != '\n') {
          if (too_long) continue;
          line.push_back(c);
          if (line.size() > kMaxMessageBytes) {
            too_long = true;
            line.clear();
            line.shrink_to_fit();
          }
          continue;
        }
        if (too_long) {
          Write(Serialize(ErrorResponse(nullptr, kInvalidRequest, "the message is too large")));
          too_long = false;
        } else {
          Take(std::move(line));
        }
        line.clear();
      }
    }
    if (!too_long && !line.empty()) Take(std::move(line));
  }

  // Cancellations act at once; everything else goes to the worker in order.
  void Take(std::string line) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.find_first_not_of(" \t") == std::string::npos) return;  // blank line
    Pending p;
    p.cancelled = std::make_shared<std::atomic<bool>>(false);
    if (line.size() < 65536) {
      RpcMessage m = ParseMessage(line);
      if (m.kind == RpcMessage::Kind::kNotification && m.method == "notifications/cancelled") {
        if (m.params.is_object() && m.params.contains("requestId")) {
          std::string key = m.params["requestId"].dump();
          std::lock_guard<std::mutex> lock(mutex_);
          auto it = running_.find(key);
          if (it != running_.end()) it->second->store(true);
        }
        return;
      }
      if (m.kind == RpcMessage::Kind::kRequest) p.key = m.id.dump();
    }
    // A large message is parsed only by the worker: it is no cancellation, and a request that
    // large is not worth finding to cancel.
    p.text = std::move(line);
    {
      std::lock_guard<std::mutex> lock(mutex_);
      if (!p.key.empty()) running_[p.key] = p.cancelled;
      queue_.push_back(std::move(p));
    }
    ready_.notify_one();
  }

  void Work() {
    for (;;) {
      Pending p;
      {
        std::unique_lock<std::mutex> lock(mutex_);
        ready_.wait(lock, [this] { return done_ || !queue_.empty(); });
        if (queue_.empty()) return;
        p = std::move(queue_.front());
        queue_.pop_front();
      }
      std::string response;
      if (!p.cancelled->load()) {
        response = server_.Handle(
            session_, p.text, [this](const Json& n) { Write(Serialize(n)); }, p.cancelled.get());
        // Give a large message's buffers back at once, so memory stays flat.
        if (p.text.size() > (256 << 10)) ::malloc_trim(0);
      }
      {
        std::lock_guard<std::mutex> lock(mutex_);
        if (!p.key.empty()) running_.erase(p.key);
      }
      if (!response.empty() && !p.cancelled->load()) Write(response);
    }
  }

  McpServer& server_;
  int in_fd_;
  std::FILE* out_;
  Session session_;
  std::mutex mutex_;
  std::condition_variable ready_;
  std::deque<Pending> queue_;
  std::map<std::string, std::shared_ptr<std::atomic<bool>>> running_;
  bool done_ = false;
  std::mutex out_mutex_;
};

}  // namespace

int ServeStdio(McpServer& server, int in_fd, std::FILE* out) {
  StdioLoop loop(server, in_fd, out);
  return loop.Run();
}

}  // namespace kensa::server
