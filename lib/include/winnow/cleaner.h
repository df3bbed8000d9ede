// winnow::Cleaner: decides, line by line, what of a record is the article
// and what is chaff, and rebuilds the text from what is kept.
#ifndef WINNOW_CLEANER_H_
#define WINNOW_CLEANER_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "winnow/segment.h"

namespace winnow {

// Why a line was removed. Stable names (DropReasonName) go into reports,
// annotations and `winnow explain`.
enum class LineReason : uint8_t {
  kKept = 0,
  kRepeat,    // same normalized line appeared earlier in the record
};

const char* LineReasonName(LineReason r);

struct CleanerOptions {
  bool drop_repeats = true;      // drop a line whose LineKey appeared earlier in the record
  size_t min_repeat_key_chars = 2;  // shorter keys ("a", "1") are never treated as repeats
};

struct LineDecision {
  LineSpan span;
  bool keep = true;
  LineReason reason = LineReason::kKept;
  uint32_t ref_line = 0;  // kRepeat: 1-based line number of the first copy
};

struct CleanResult {
  std::string text;                 // the cleaned text
  std::vector<LineDecision> lines;  // one per input line, in order
  uint32_t removed_lines = 0;       // non-blank lines removed
  bool changed() const { return removed_lines > 0; }
};

class Cleaner {
 public:
  explicit Cleaner(CleanerOptions options = {}) : options_(options) {}

  // Cleans one record's text. Pure and thread-safe: the same text always gives
  // the same result.
  CleanResult Clean(std::string_view text) const;

  const CleanerOptions& options() const { return options_; }

 private:
  CleanerOptions options_;
};

}  // namespace winnow

#endif  // WINNOW_CLEANER_H_
