// winnow::Record and winnow::Reject: what a reader yields.
#ifndef WINNOW_RECORD_H_
#define WINNOW_RECORD_H_

#include <cstdint>
#include <string>

namespace winnow {

enum class InputFormat {
  kAuto,   // decide from the path and the first bytes
  kJsonl,  // one JSON object per line
  kText,   // one record per file; directories walked in sorted order
  kWet,    // Common Crawl WET: WARC/1.0 'conversion' records
};

// Returns "auto", "jsonl", "text" or "wet".
const char* InputFormatName(InputFormat f);

// Where a record (or a reject) came from.
struct Position {
  std::string input;     // input name as given on the command line ("-" for stdin)
  uint64_t line = 0;     // 1-based line of the record's first line (0 if n/a)
  uint64_t offset = 0;   // byte offset of the record in the decompressed input
  uint32_t input_index = 0;  // index of the input in the run's input list
};

struct Record {
  Position pos;
  InputFormat format = InputFormat::kJsonl;
  std::string id;       // display id: the id field, the relative path, the WARC-Record-ID
  std::string id_json;  // the id as a JSON value (a number id keeps its type)
  std::string url;      // WET target URI or the url field when present; may be empty
  std::string text;     // the record text, valid UTF-8
  // JSONL only: the original line and the byte range of the text value's JSON
  // token inside it, so the writer can replace just that token.
  std::string raw;
  size_t text_token_begin = 0;
  size_t text_token_end = 0;
  // WET only: the WARC-Date header.
  std::string date;
  uint64_t raw_bytes = 0;  // bytes of input this record took (line or block)
};

// Why an input record could not be used. Stable names, used in reports.
enum class RejectReason {
  kInvalidJson,
  kNotAnObject,
  kMissingText,
  kTextNotString,
  kDuplicateText,
  kInvalidUtf8,
  kTooLarge,
  kUnreadable,
  kInvalidWarc,
  kCorruptInput,  // a truncated or corrupt compressed stream: the rest of its input is lost
};

// Returns the stable name, e.g. "invalid-json", "missing-text".
const char* RejectReasonName(RejectReason r);

struct Reject {
  Position pos;
  RejectReason reason = RejectReason::kInvalidJson;
  std::string detail;  // human-readable, e.g. "text field is a number"
  uint64_t raw_bytes = 0;
};

}  // namespace winnow

#endif  // WINNOW_RECORD_H_
