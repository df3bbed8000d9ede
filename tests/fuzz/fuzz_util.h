// Helpers for the fuzz targets: fuzz input as a file path the readers can
// open (a memfd, so no disk I/O), and an output path that discards.
#ifndef WINNOW_TESTS_FUZZ_FUZZ_UTIL_H_
#define WINNOW_TESTS_FUZZ_FUZZ_UTIL_H_

#include <sys/mman.h>
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <string>

namespace winnow::fuzz {

// An in-memory file holding `data`, closed when it goes.
class MemFile {
 public:
  MemFile(const uint8_t* data, size_t size, const char* name) {
    fd_ = ::memfd_create(name, MFD_CLOEXEC);
    if (fd_ < 0) std::abort();
    for (size_t done = 0; done < size;) {
      ssize_t w = ::write(fd_, data + done, size - done);
      if (w <= 0) std::abort();
      done += static_cast<size_t>(w);
    }
    path_ = "/proc/self/fd/" + std::to_string(fd_);
  }
  ~MemFile() { ::close(fd_); }
  MemFile(const MemFile&) = delete;
  MemFile& operator=(const MemFile&) = delete;
  const std::string& path() const { return path_; }

 private:
  int fd_ = -1;
  std::string path_;
};

}  // namespace winnow::fuzz

#endif  // WINNOW_TESTS_FUZZ_FUZZ_UTIL_H_
