#include "winnow/status.h"

namespace winnow {

const char* StatusCodeName(StatusCode code) {
  switch (code) {
    case StatusCode::kOk: return "ok";
    case StatusCode::kInvalidArgument: return "invalid-argument";
    case StatusCode::kIoError: return "io-error";
    case StatusCode::kDataError: return "data-error";
    case StatusCode::kResourceLimit: return "resource-limit";
    case StatusCode::kBrokenPipe: return "broken-pipe";
    case StatusCode::kInternal: return "internal";
  }
  return "?";
}

}  // namespace winnow
