// winnow::RecordReader: streams records out of one input (a file, a
// directory or stdin) in input order, in bounded memory.
//
// A bad record is not an error of the reader: it comes out as a Reject with
// its position and reason, and reading goes on. Only what stops the whole
// input (cannot open, read error, truncated compressed stream) is a Status.
#ifndef WINNOW_READER_H_
#define WINNOW_READER_H_

#include <cstdint>
#include <memory>
#include <string>

#include "winnow/record.h"
#include "winnow/source.h"
#include "winnow/status.h"

namespace winnow {

struct ReaderOptions {
  InputFormat format = InputFormat::kAuto;
  std::string text_field = "text";  // JSONL field holding the record text
  std::string id_field = "id";      // JSONL id field; when absent the id is "<input>:<line>"
  std::string url_field = "url";    // JSONL url field, used by site-aware stages; may be absent
  uint64_t max_record_bytes = 64ull << 20;  // larger records are rejected (too-large), never buffered whole
};

class RecordReader {
 public:
  // kUnparsed: only from NextUnparsed.
  enum class Item { kRecord, kReject, kEnd, kUnparsed };

  // Opens `path` ("-" = stdin) as input number `input_index`. A directory is
  // read as text files (one record per file) walked recursively in sorted
  // order. Fails when the input cannot be opened or its format is unknown.
  static Result<std::unique_ptr<RecordReader>> Open(const std::string& path,
                                                    uint32_t input_index,
                                                    const ReaderOptions& options);
  // Opens the records of an uncompressed JSONL file whose lines start at a
  // byte offset in [begin, end): the first is the first line starting at or
  // after `begin`. Line numbers and offsets are those of the whole file, so
  // the records read through ranges that cover a file are the records of the
  // whole file, in order. Fails when `path` is not such a file.
  static Result<std::unique_ptr<RecordReader>> OpenRange(const std::string& path, uint32_t input_index,
                                                         const ReaderOptions& options, uint64_t begin,
                                                         uint64_t end);
  // True when `path` can be read in byte ranges (OpenRange): an uncompressed
  // regular file read as JSONL.
  static bool Splittable(const std::string& path, const ReaderOptions& options);
  virtual ~RecordReader() = default;

  // Fills `rec` (kRecord) or `rej` (kReject), or returns kEnd and touches
  // neither (the pipeline reuses the record for the next input). A non-ok
  // status means the input cannot be read further.
  virtual Result<Item> Next(Record* rec, Reject* rej) = 0;
  // Like Next, but a JSONL line that Next would parse comes back unparsed
  // (kUnparsed: only rec->raw, rec->pos and rec->raw_bytes are set), so a
  // pipeline can read in order on one thread and parse on many. Other
  // formats return what Next returns.
  virtual Result<Item> NextUnparsed(Record* rec, Reject* rej) { return Next(rec, rej); }
  // Finishes a kUnparsed record read with `options`: returns kRecord (rec
  // filled) or kReject (rej filled), exactly what Next would have returned
  // for the line. Thread-safe.
  static Item ParseUnparsed(const ReaderOptions& options, Record* rec, Reject* rej);

  virtual InputFormat format() const = 0;
  // Codec of the input (of the first file for a directory).
  virtual Compression compression() const = 0;
  // Bytes of the underlying files read so far and their total size (0 when
  // unknown), for progress and ETA.
  virtual uint64_t file_bytes_read() const = 0;
  virtual uint64_t file_size() const = 0;
};

// Detects the format of a stream from its first bytes and its name:
// "WARC/" -> kWet; a name ending in .jsonl/.ndjson/.json (before any .gz/.zst)
// or a first non-blank byte '{' -> kJsonl; otherwise kText.
InputFormat SniffFormat(const std::string& name, const char* head, size_t len);

}  // namespace winnow

#endif  // WINNOW_READER_H_
