// ParallelFor: runs fn(i) for i in [0, n) on up to `threads` threads (0 = all cores), handing
// out indices one at a time so that a few large files do not stall one thread. fn must be
// safe to call concurrently for different i. Returns when every call has returned.
#pragma once

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <functional>
#include <thread>
#include <vector>

namespace kensa {

inline unsigned DefaultThreadCount() {
  unsigned n = std::thread::hardware_concurrency();
  return n == 0 ? 1 : n;
}

inline void ParallelFor(size_t n, const std::function<void(size_t)>& fn, unsigned threads = 0) {
  if (threads == 0) threads = DefaultThreadCount();
  threads = static_cast<unsigned>(std::min<size_t>(threads, n));
  if (threads <= 1) {
    for (size_t i = 0; i < n; ++i) fn(i);
    return;
  }
  std::atomic<size_t> next{0};
  auto worker = [&] {
    for (size_t i; (i = next.fetch_add(1, std::memory_order_relaxed)) < n;) fn(i);
  };
  std::vector<std::thread> pool;
  pool.reserve(threads - 1);
  for (unsigned t = 1; t < threads; ++t) pool.emplace_back(worker);
  worker();
  for (auto& t : pool) t.join();
}

}  // namespace kensa
