// winnow::Status and winnow::Result<T>: the one error type of the library.
//
// Library functions never throw across the public API, never print and never
// exit; they return a Status (or a Result<T>) that the caller must look at.
#ifndef WINNOW_STATUS_H_
#define WINNOW_STATUS_H_

#include <optional>
#include <string>
#include <utility>

namespace winnow {

enum class StatusCode {
  kOk = 0,
  kInvalidArgument,  // a bad option value or a malformed rule pack / model
  kIoError,          // open, read, write, rename or decompress failed
  kDataError,        // input that cannot be used as a whole (e.g. truncated stream)
  kResourceLimit,    // a configured memory or size budget was exceeded
  kBrokenPipe,       // the reader of our stdout went away; not an error to report
  kInternal,         // a bug in winnow; please report it
};

// Returns a short stable name for `code` ("ok", "io-error", ...).
const char* StatusCodeName(StatusCode code);

class [[nodiscard]] Status {
 public:
  Status() = default;  // ok
  Status(StatusCode code, std::string message)
      : code_(code), message_(std::move(message)) {}

  static Status Ok() { return Status(); }

  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  // The message, already naming the place ("corpus.jsonl:12: ..."), or "".
  const std::string& message() const { return message_; }

 private:
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
};

inline Status InvalidArgument(std::string m) { return {StatusCode::kInvalidArgument, std::move(m)}; }
inline Status IoError(std::string m) { return {StatusCode::kIoError, std::move(m)}; }
inline Status DataError(std::string m) { return {StatusCode::kDataError, std::move(m)}; }
inline Status ResourceLimit(std::string m) { return {StatusCode::kResourceLimit, std::move(m)}; }
inline Status BrokenPipe(std::string m) { return {StatusCode::kBrokenPipe, std::move(m)}; }
inline Status Internal(std::string m) { return {StatusCode::kInternal, std::move(m)}; }

// Either a value or a non-ok Status.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : value_(std::move(value)) {}  // NOLINT: implicit on purpose
  Result(Status status) : status_(std::move(status)) {}  // NOLINT
  bool ok() const { return status_.ok(); }
  const Status& status() const { return status_; }
  // Precondition: ok().
  T& value() & { return *value_; }
  const T& value() const& { return *value_; }
  T&& value() && { return std::move(*value_); }
  T* operator->() { return &*value_; }
  const T* operator->() const { return &*value_; }

 private:
  Status status_;
  std::optional<T> value_;
};

}  // namespace winnow

#define WINNOW_RETURN_IF_ERROR(expr)           \
  do {                                         \
    ::winnow::Status _winnow_st = (expr);      \
    if (!_winnow_st.ok()) return _winnow_st;   \
  } while (0)

#endif  // WINNOW_STATUS_H_
