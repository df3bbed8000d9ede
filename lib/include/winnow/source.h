// winnow::ByteSource: a file or stdin, decompressed when it is gzip or zstd.
//
// The codec is chosen from the first bytes (magic numbers), never from the
// file name: WET files come as .warc.wet.gz, corpora as .jsonl.zst, and a
// renamed file still reads. Concatenated gzip members and zstd frames are read
// as one stream. A stream that ends inside a member or frame is a DataError
// ("truncated gzip stream"), as is a corrupt one; Read() returns it after
// every byte decoded before the fault, and again on every later call.
#ifndef WINNOW_SOURCE_H_
#define WINNOW_SOURCE_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "winnow/status.h"

namespace winnow {

enum class Compression { kNone, kGzip, kZstd };
const char* CompressionName(Compression c);

class ByteSource {
 public:
  // Opens `path` ("-" is stdin). Fails with IoError naming the path.
  static Result<std::unique_ptr<ByteSource>> Open(const std::string& path);
  // Opens an uncompressed regular file at byte `offset` (for a byte range
  // of a large file read by one of several processes).
  static Result<std::unique_ptr<ByteSource>> OpenAt(const std::string& path, uint64_t offset);
  virtual ~ByteSource() = default;

  // Reads up to `n` decompressed bytes into `buf`. Returns the count; 0 means
  // the end of the stream. Errors name the input.
  virtual Result<size_t> Read(char* buf, size_t n) = 0;

  // Lets a compressed source go on after a corrupt part: the gzip member or
  // zstd frame the fault is in is skipped, and reading goes on at the next
  // one that decodes (a WET file has one a record; winnow writes one a
  // batch; BGZF one per 64 KiB). Its bytes are given only once it has
  // passed its check (CRC, checksum), up to 16 MiB of them, so the garbage
  // a decoder makes of corrupt data is never read; a larger member goes
  // 16 MiB at a time, unchecked. The Read that meets the fault returns the
  // checked bytes before it, and TakeSkipped() then says what was skipped.
  // Off by default, and a no-op for an uncompressed source: a fault ends
  // the stream, as a truncated one always does (after the bytes decoded
  // before the cut).
  virtual void SkipCorrupt() {}
  // After a Read: the fault that Read's bytes end at, when the source
  // skipped it (SkipCorrupt); the next Read's bytes come from the next
  // member or frame. Ok otherwise. Reading it clears it. A Read can return
  // 0 bytes with a skip (a fault at its first byte): that is no end.
  virtual Status TakeSkipped() { return Status::Ok(); }

  virtual Compression compression() const = 0;
  // Bytes read from the underlying file so far (compressed), for progress.
  virtual uint64_t file_bytes_read() const = 0;
  // Size of the underlying file, or 0 when unknown (stdin, a pipe).
  virtual uint64_t file_size() const = 0;
  const std::string& name() const { return name_; }

 protected:
  explicit ByteSource(std::string name) : name_(std::move(name)) {}

 private:
  std::string name_;
};

// Reads a ByteSource line by line through a large buffer. A line longer than
// `max_line` is not buffered whole: it is skipped and reported as too long, so
// memory stays bounded whatever the input. A source that fails (a truncated
// or corrupt compressed stream, a read error) ends the input there: the
// lines before it are read as usual, a line it cuts off comes with `cut`
// set, and error() says what happened. A corrupt part the source skipped
// (ByteSource::SkipCorrupt) ends the line it cuts the same way, with `gap`
// set as well, and reading goes on after it: line numbers and offsets then
// count the bytes that could be read.
class LineReader {
 public:
  LineReader(ByteSource* src, size_t max_line);
  LineReader(const LineReader&) = delete;
  LineReader& operator=(const LineReader&) = delete;

  struct Line {
    std::string_view text;  // without '\n' (a trailing '\r' is kept); valid until the next call
    uint64_t number = 0;    // 1-based
    uint64_t offset = 0;    // byte offset of the line start
    uint64_t length = 0;    // full length, also when too long
    bool too_long = false;  // text is empty; the line was skipped
    bool cut = false;       // the source failed inside this line (the last one): it is incomplete
    // The source skipped a corrupt part right after this line's bytes (cut
    // is set; text may be empty, for a fault between lines), and the next
    // line comes after it; gap_error() says what was skipped.
    bool gap = false;
  };
  // Returns true and fills `line`, false at end of input.
  Result<bool> Next(Line* line);
  // Reads exactly `n` bytes (or fewer at end of input) into `out`, for
  // length-prefixed blocks such as WARC records.
  Result<size_t> ReadBytes(size_t n, std::string* out);
  // Skips `n` bytes; returns how many were skipped.
  Result<size_t> SkipBytes(size_t n);
  uint64_t offset() const { return offset_; }
  // The lines read so far.
  uint64_t line_number() const { return line_no_; }
  // Why the input ended early: ok when it ended (or has not yet) as it should.
  const Status& error() const { return error_; }
  // ReadBytes and SkipBytes stop short at a part the source skipped: then
  // at_gap() is true until TakeGap(), which returns what was skipped.
  bool at_gap() const { return gap_ && begin_ == end_; }
  Status TakeGap();
  // The last gap a Line came with.
  const Status& gap_error() const { return gap_error_; }
  // Numbers lines and offsets as if `lines` lines and `offset` bytes came
  // before the source's first byte. Call before the first Next().
  void StartAt(uint64_t offset, uint64_t lines) {
    offset_ = offset;
    line_no_ = lines;
  }

 private:
  Result<bool> Fill();  // false at end of input
  void NoteGap();       // after a Read: whether the source skipped a corrupt part

  ByteSource* src_;
  size_t max_line_;
  std::string buf_;
  size_t begin_ = 0, end_ = 0;
  bool eof_ = false;
  Status error_;
  bool gap_ = false;   // the source skipped a corrupt part at end_ of the buffer
  Status gap_error_;   // what it skipped
  uint64_t line_no_ = 0;
  uint64_t offset_ = 0;  // offset of buf_[begin_]
};

}  // namespace winnow

#endif  // WINNOW_SOURCE_H_
