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
  // the path when the directory is not writable.
  static Result<std::unique_ptr<OutputFile>> Open(const std::string& path);
  virtual ~OutputFile() = default;

  // Buffers and writes `data`. A closed stdout gives kBrokenPipe.
  virtual Status Write(std::string_view data) = 0;
  // Flushes, finishes the compressed stream, syncs and renames into place.
  virtual Status Commit() = 0;
  // Bytes handed to Write() so far (before compression).
  virtual uint64_t bytes_written() const = 0;
  const std::string& path() const { return path_; }

 protected:
  explicit OutputFile(std::string path) : path_(std::move(path)) {}

 private:
  std::string path_;
};

}  // namespace winnow

#endif  // WINNOW_SINK_H_
