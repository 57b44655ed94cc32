// Result<T>: the value of a git operation or the reason it failed, so callers decide what an
// error means (the CLI turns it into exit 2) and nothing throws. Error::code lets callers tell
// the expected failures apart (an unknown revision, a shallow clone without the needed history)
// without parsing messages; Error::message is a full sentence meant for the user.
// Plain values; thread-safe as any value is.
#pragma once

#include <cassert>
#include <string>
#include <utility>
#include <variant>

namespace kensa::git {

enum class ErrorCode {
  kNotARepository,   // no repository at or above the start directory
  kUnknownRevision,  // a revision that does not resolve to a commit
  kMissingObject,    // an object the history names is absent (shallow clone boundary)
  kNoMergeBase,      // two commits share no history (or it was cut off by a shallow clone)
  kNotFound,         // a path or reference that does not exist
  kBareRepository,   // the operation needs a work tree
  kIo,               // reading the work tree failed
  kOther,            // any other libgit2 failure
};

struct Error {
  ErrorCode code = ErrorCode::kOther;
  std::string message;
};

template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : state_(std::move(value)) {}      // NOLINT: implicit by design
  Result(Error error) : state_(std::move(error)) {}  // NOLINT: implicit by design

  bool ok() const { return state_.index() == 0; }
  explicit operator bool() const { return ok(); }

  const T& value() const& {
    assert(ok());
    return std::get<0>(state_);
  }
  T& value() & {
    assert(ok());
    return std::get<0>(state_);
  }
  T&& value() && {
    assert(ok());
    return std::get<0>(std::move(state_));
  }
  const T& operator*() const& { return value(); }
  T& operator*() & { return value(); }
  const T* operator->() const { return &value(); }
  T* operator->() { return &value(); }

  const Error& error() const {
    assert(!ok());
    return std::get<1>(state_);
  }

 private:
  std::variant<T, Error> state_;
};

// For operations that return nothing but may fail.
struct Done {};

}  // namespace kensa::git
