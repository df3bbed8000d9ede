// Binary files with an XXH3-64 checksum of everything before it, for the
// dedup index and the template model.
#ifndef WINNOW_SRC_CHECKSUM_IO_H_
#define WINNOW_SRC_CHECKSUM_IO_H_

#include <xxhash.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>
#include <string>

#include "winnow/sink.h"
#include "winnow/status.h"

namespace winnow::internal {

class ChecksumWriter {
 public:
  explicit ChecksumWriter(OutputFile* out) : out_(out) { XXH3_64bits_reset(state_); }
  ~ChecksumWriter() { XXH3_freeState(state_); }
  Status Bytes(const void* p, size_t n) {
    XXH3_64bits_update(state_, p, n);
    return out_->Write(std::string_view(static_cast<const char*>(p), n));
  }
  Status U64(uint64_t v) { return Bytes(&v, sizeof(v)); }
  Status Finish() {
    uint64_t sum = XXH3_64bits_digest(state_);
    return out_->Write(std::string_view(reinterpret_cast<const char*>(&sum), sizeof(sum)));
  }

 private:
  OutputFile* out_;
  XXH3_state_t* state_ = XXH3_createState();
};

class ChecksumReader {
 public:
  ChecksumReader(std::FILE* f, const std::string& path, std::string what)
      : f_(f), path_(path), what_(std::move(what)) { XXH3_64bits_reset(state_); }
  ~ChecksumReader() { XXH3_freeState(state_); }
  Status Bytes(void* p, size_t n) {
    if (n > 0 && std::fread(p, 1, n, f_) != n) {
      return DataError(path_ + ": truncated " + what_ + " (" +
                       (std::ferror(f_) ? std::string(std::strerror(errno)) : std::string("unexpected end")) + ")");
    }
    XXH3_64bits_update(state_, p, n);
    return Status::Ok();
  }
  Status U64(uint64_t* v) { return Bytes(v, sizeof(*v)); }
  Status Verify() {
    uint64_t want = XXH3_64bits_digest(state_), got = 0;
    if (std::fread(&got, 1, sizeof(got), f_) != sizeof(got) || got != want) {
      return DataError(path_ + ": " + what_ + " checksum mismatch (the file is damaged)");
    }
    if (std::fgetc(f_) != EOF) return DataError(path_ + ": trailing bytes after the " + what_);
    return Status::Ok();
  }

 private:
  std::FILE* f_;
  const std::string& path_;
  std::string what_;
  XXH3_state_t* state_ = XXH3_createState();
};

constexpr uint32_t kByteOrderMark = 0x01020304;

// Magic (8 bytes), format version, byte-order mark.
inline Status WriteHeader(ChecksumWriter* w, const char (&magic)[9], uint32_t version) {
  WINNOW_RETURN_IF_ERROR(w->Bytes(magic, 8));
  uint32_t head[2] = {version, kByteOrderMark};
  return w->Bytes(head, sizeof(head));
}

inline Status ReadHeader(ChecksumReader* r, const std::string& path, const std::string& what,
                         const char (&magic)[9], uint32_t version) {
  char got[8];
  uint32_t head[2];
  if (!r->Bytes(got, sizeof(got)).ok() || std::memcmp(got, magic, 8) != 0) {
    return DataError(path + ": not a winnow " + what);
  }
  WINNOW_RETURN_IF_ERROR(r->Bytes(head, sizeof(head)));
  if (head[1] != kByteOrderMark) return DataError(path + ": " + what + " written on a machine of other byte order");
  if (head[0] != version) {
    return DataError(path + ": " + what + " format version " + std::to_string(head[0]) +
                     ", this winnow reads version " + std::to_string(version) + "; rebuild it");
  }
  return Status::Ok();
}

// Opens `path` for reading, closed when the handle goes.
using FileHandle = std::unique_ptr<std::FILE, int (*)(std::FILE*)>;
inline Result<FileHandle> OpenForRead(const std::string& path, const std::string& what) {
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (f == nullptr) return IoError(path + ": cannot open " + what + ": " + std::strerror(errno));
  return FileHandle(f, &std::fclose);
}

}  // namespace winnow::internal

#endif  // WINNOW_SRC_CHECKSUM_IO_H_
