// winnow::OutputFile: an output that appears at its final path only when
// complete.
//
// A file output is written to a hidden temporary name in the same directory
// and renamed over the final path by Commit(); destroyed without Commit(), it
// removes the temporary, so an interrupted run never leaves a plausible
// partial file. The name chooses compression: ".gz" -> gzip, ".zst" -> zstd.
// "-" is stdout (never compressed, written as it goes).
#ifndef WINNOW_SINK_H_
#define WINNOW_SINK_H_

#include <memory>
#include <string>
#include <string_view>

#include "winnow/status.h"

namespace winnow {

class OutputFile {
 public:
  // Creates the temporary file (or takes stdout). Fails with IoError naming
  // the path when the directory is not writable. `level` is the compression
  // level of a ".gz" (1-9) or ".zst" (1-19) output; 0 is the format's
  // default (gzip 6, zstd 3). A level out of range for the format fails with
  // InvalidArgument naming the path; an uncompressed output ignores it.
  static Result<std::unique_ptr<OutputFile>> Open(const std::string& path, int level = 0);
  virtual ~OutputFile() = default;

  // Buffers and writes `data`. A closed stdout gives kBrokenPipe.
  virtual Status Write(std::string_view data) = 0;
  // Flushes, finishes the compressed stream, syncs and renames into place.
  virtual Status Commit() = 0;
  // Bytes handed to Write() or WriteEncoded() so far (before compression).
  virtual uint64_t bytes_written() const = 0;

  // Compression on any thread: a compressed output (".gz", ".zst") can take
  // its data as chunks, each encoded by Encode() on any thread as one
  // complete gzip member or zstd frame, then written in order by
  // WriteEncoded(). Concatenated members and frames are one valid stream,
  // so the file reads back as the plain text written in that order. An
  // output takes its data either by Write() or by chunks, not both.
  virtual bool compresses() const = 0;
  // Thread-safe. `data` -> one independent member or frame in `*encoded`.
  virtual Status Encode(std::string_view data, std::string* encoded) const = 0;
  // Writes a chunk Encode() made of `plain_bytes` bytes of text.
  virtual Status WriteEncoded(std::string_view encoded, uint64_t plain_bytes) = 0;
  const std::string& path() const { return path_; }

 protected:
  explicit OutputFile(std::string path) : path_(std::move(path)) {}

 private:
  std::string path_;
};

}  // namespace winnow

#endif  // WINNOW_SINK_H_
