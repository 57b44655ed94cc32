#include "project/file_stamp.h"

#include <time.h>

namespace kensa::project {

int64_t StampClockNow() {
  struct timespec ts;
  // The coarse clock is what file timestamps are taken from; the precise clock can be ahead
  // of it by a tick, which would make a file written just after this call look older.
  if (::clock_gettime(CLOCK_REALTIME_COARSE, &ts) != 0) ::clock_gettime(CLOCK_REALTIME, &ts);
  return static_cast<int64_t>(ts.tv_sec) * 1000000000 + ts.tv_nsec;
}

}  // namespace kensa::project
