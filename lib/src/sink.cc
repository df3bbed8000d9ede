#include "winnow/sink.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>
#include <zstd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <memory>
#include <vector>

namespace winnow {
namespace {

constexpr size_t kOutBuf = 1 << 20;
// gzip's default level and zstd's (level 0 asks for these), and the
// highest levels taken: one setting for the stream (Write) and for chunks
// (Encode).
constexpr int kGzipLevel = 6;
constexpr int kZstdLevel = 3;
constexpr int kGzipMaxLevel = 9;
constexpr int kZstdMaxLevel = 19;  // 20-22 ("ultra") need a window too large for a pipeline stage

// A gzip stream (15 + 16: gzip wrapper).
bool GzipInit(z_stream* zs, int level) {
  return deflateInit2(zs, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) == Z_OK;
}

// A zstd frame at `level`, with its content checksum (as the zstd tool
// writes one): a reader then knows a corrupt frame from a good one at its
// end, as gzip's CRC tells it of a member. Sticky: set for each frame.
bool ZstdParameters(ZSTD_CCtx* cctx, int level) {
  return !ZSTD_isError(ZSTD_CCtx_setParameter(cctx, ZSTD_c_compressionLevel, level)) &&
         !ZSTD_isError(ZSTD_CCtx_setParameter(cctx, ZSTD_c_checksumFlag, 1));
}

bool EndsWith(const std::string& s, std::string_view suf) {
  return s.size() >= suf.size() && std::string_view(s).substr(s.size() - suf.size()) == suf;
}

// Writes raw bytes to a descriptor, retrying short writes.
Status WriteAll(int fd, const char* p, size_t n, const std::string& name) {
  while (n > 0) {
    ssize_t w = ::write(fd, p, n);
    if (w < 0) {
      if (errno == EINTR) continue;
      if (errno == EPIPE) return BrokenPipe(name + ": broken pipe");
      return IoError(name + ": write error: " + std::strerror(errno));
    }
    p += w;
    n -= static_cast<size_t>(w);
  }
  return Status::Ok();
}

enum class Codec { kNone, kGzip, kZstd };

class FileOutput final : public OutputFile {
 public:
  // `level`: within the codec's range (Open checks it).
  FileOutput(std::string path, int fd, std::string tmp, Codec codec, int level)
      : OutputFile(std::move(path)), fd_(fd), tmp_(std::move(tmp)), codec_(codec), level_(level) {
    buf_.reserve(kOutBuf);
    if (codec_ == Codec::kGzip) {
      std::memset(&zs_, 0, sizeof(zs_));
      init_ok_ = GzipInit(&zs_, level_);
    } else if (codec_ == Codec::kZstd) {
      cctx_ = ZSTD_createCCtx();
      init_ok_ = cctx_ != nullptr && ZstdParameters(cctx_, level_);
    }
    zbuf_.resize(codec_ == Codec::kZstd ? ZSTD_CStreamOutSize() : kOutBuf);
  }

  ~FileOutput() override {
    if (codec_ == Codec::kGzip) deflateEnd(&zs_);
    if (cctx_ != nullptr) ZSTD_freeCCtx(cctx_);
    if (fd_ > 2) ::close(fd_);
    if (!committed_ && !tmp_.empty()) ::unlink(tmp_.c_str());
  }

  Status Write(std::string_view data) override {
    if (!status_.ok()) return status_;
    if (chunked_) return status_ = Internal(name() + ": Write() after chunks");
    streamed_ = true;
    written_ += data.size();
    if (buf_.size() + data.size() > kOutBuf) {
      status_ = Flush(false);
      if (!status_.ok()) return status_;
      if (data.size() > kOutBuf) return status_ = Emit(data.data(), data.size(), false);
    }
    buf_.append(data);
    return Status::Ok();
  }

  bool compresses() const override { return codec_ != Codec::kNone; }

  Status Encode(std::string_view data, std::string* encoded) const override {
    encoded->clear();
    switch (codec_) {
      case Codec::kNone:
        encoded->assign(data);
        return Status::Ok();
      case Codec::kGzip: {
        z_stream zs{};
        if (!GzipInit(&zs, level_)) return Internal(name() + ": compressor init failed");
        encoded->resize(deflateBound(&zs, static_cast<uLong>(data.size())));
        zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
        zs.avail_in = static_cast<uInt>(data.size());
        zs.next_out = reinterpret_cast<Bytef*>(encoded->data());
        zs.avail_out = static_cast<uInt>(encoded->size());
        const int rc = deflate(&zs, Z_FINISH);
        encoded->resize(encoded->size() - zs.avail_out);
        deflateEnd(&zs);
        if (rc != Z_STREAM_END) return Internal(name() + ": deflate failed");
        return Status::Ok();
      }
      case Codec::kZstd: {
        thread_local std::unique_ptr<ZSTD_CCtx, size_t (*)(ZSTD_CCtx*)> cctx(ZSTD_createCCtx(), ZSTD_freeCCtx);
        if (!cctx) return Internal(name() + ": compressor init failed");
        if (!ZstdParameters(cctx.get(), level_)) return Internal(name() + ": zstd parameters refused");
        encoded->resize(ZSTD_compressBound(data.size()));
        const size_t n = ZSTD_compress2(cctx.get(), encoded->data(), encoded->size(), data.data(), data.size());
        if (ZSTD_isError(n)) return Internal(name() + ": zstd: " + ZSTD_getErrorName(n));
        encoded->resize(n);
        return Status::Ok();
      }
    }
    return Internal("unreachable codec");
  }

  Status WriteEncoded(std::string_view encoded, uint64_t plain_bytes) override {
    if (!status_.ok()) return status_;
    if (streamed_) return status_ = Internal(name() + ": chunks after Write()");
    written_ += plain_bytes;
    chunked_ = true;
    return status_ = WriteAll(fd_, encoded.data(), encoded.size(), name());
  }

  Status Commit() override {
    if (!status_.ok()) return status_;
    if (committed_) return Status::Ok();
    // Chunks are complete members or frames: nothing to finish. (No chunk
    // and no Write: the stream is finished empty, a valid empty file.)
    if (!chunked_) status_ = Flush(true);
    if (!status_.ok()) return status_;
    if (tmp_.empty()) {
      committed_ = true;
      return Status::Ok();
    }
    if (::fsync(fd_) != 0 && errno != EINVAL) {
      return status_ = IoError(path() + ": fsync failed: " + std::strerror(errno));
    }
    if (::close(fd_) != 0) {
      fd_ = -1;
      return status_ = IoError(path() + ": close failed: " + std::strerror(errno));
    }
    fd_ = -1;
    if (::rename(tmp_.c_str(), path().c_str()) != 0) {
      return status_ = IoError(path() + ": cannot rename into place: " + std::strerror(errno));
    }
    committed_ = true;
    return Status::Ok();
  }

  uint64_t bytes_written() const override { return written_; }

 private:
  const std::string& name() const { return path(); }

  Status Flush(bool finish) {
    Status st = Emit(buf_.data(), buf_.size(), finish);
    buf_.clear();
    return st;
  }

  Status Emit(const char* p, size_t n, bool finish) {
    if (!init_ok_ && codec_ != Codec::kNone) return Internal(name() + ": compressor init failed");
    switch (codec_) {
      case Codec::kNone:
        return WriteAll(fd_, p, n, name());
      case Codec::kGzip: {
        zs_.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(p));
        zs_.avail_in = static_cast<uInt>(n);
        int flush = finish ? Z_FINISH : Z_NO_FLUSH;
        for (;;) {
          zs_.next_out = reinterpret_cast<Bytef*>(zbuf_.data());
          zs_.avail_out = static_cast<uInt>(zbuf_.size());
          int rc = deflate(&zs_, flush);
          if (rc == Z_STREAM_ERROR) return Internal(name() + ": deflate failed");
          size_t have = zbuf_.size() - zs_.avail_out;
          WINNOW_RETURN_IF_ERROR(WriteAll(fd_, zbuf_.data(), have, name()));
          if (finish ? rc == Z_STREAM_END : (zs_.avail_in == 0 && zs_.avail_out != 0)) break;
        }
        return Status::Ok();
      }
      case Codec::kZstd: {
        ZSTD_inBuffer in{p, n, 0};
        ZSTD_EndDirective mode = finish ? ZSTD_e_end : ZSTD_e_continue;
        for (;;) {
          ZSTD_outBuffer out{zbuf_.data(), zbuf_.size(), 0};
          size_t rem = ZSTD_compressStream2(cctx_, &out, &in, mode);
          if (ZSTD_isError(rem)) return Internal(name() + ": zstd: " + ZSTD_getErrorName(rem));
          WINNOW_RETURN_IF_ERROR(WriteAll(fd_, zbuf_.data(), out.pos, name()));
          if (finish ? rem == 0 : in.pos == in.size) break;
        }
        return Status::Ok();
      }
    }
    return Internal("unreachable codec");
  }

  int fd_;
  std::string tmp_;
  Codec codec_;
  int level_;
  bool committed_ = false;
  bool init_ok_ = true;
  Status status_;
  std::string buf_;
  std::vector<char> zbuf_;
  z_stream zs_{};
  ZSTD_CCtx* cctx_ = nullptr;
  uint64_t written_ = 0;
  bool streamed_ = false;  // Write() was called
  bool chunked_ = false;   // WriteEncoded() was called
};

}  // namespace

Result<std::unique_ptr<OutputFile>> OutputFile::Open(const std::string& path, int level) {
  if (path == "-") {
    return std::unique_ptr<OutputFile>(new FileOutput("<stdout>", 1, "", Codec::kNone, 0));
  }
  Codec codec = Codec::kNone;
  if (EndsWith(path, ".gz")) codec = Codec::kGzip;
  else if (EndsWith(path, ".zst") || EndsWith(path, ".zstd")) codec = Codec::kZstd;
  if (codec != Codec::kNone) {
    const bool gz = codec == Codec::kGzip;
    const int max = gz ? kGzipMaxLevel : kZstdMaxLevel;
    if (level < 0 || level > max) {
      return InvalidArgument(path + ": compression level " + std::to_string(level) + " is out of range for " +
                             (gz ? "gzip" : "zstd") + " (1-" + std::to_string(max) + ")");
    }
    if (level == 0) level = gz ? kGzipLevel : kZstdLevel;
  }
  std::filesystem::path p(path);
  std::error_code ec;
  if (std::filesystem::is_directory(p, ec)) return IoError(path + ": is a directory");
  // Character devices (/dev/null, /dev/full) are written in place: there is
  // nothing to rename over.
  struct stat st;
  if (::stat(path.c_str(), &st) == 0 && S_ISCHR(st.st_mode)) {
    int fd = ::open(path.c_str(), O_WRONLY | O_CLOEXEC);
    if (fd < 0) return IoError(path + ": cannot open for writing: " + std::strerror(errno));
    return std::unique_ptr<OutputFile>(new FileOutput(path, fd, "", codec, level));
  }
  std::string dir = p.has_parent_path() ? p.parent_path().string() : ".";
  std::string tmpl = dir + "/." + p.filename().string() + ".winnow-tmp-XXXXXX";
  std::vector<char> name(tmpl.begin(), tmpl.end());
  name.push_back('\0');
  int fd = ::mkostemp(name.data(), O_CLOEXEC);
  if (fd < 0) return IoError(path + ": cannot create output: " + std::strerror(errno));
  ::fchmod(fd, 0644);
  return std::unique_ptr<OutputFile>(new FileOutput(path, fd, std::string(name.data()), codec, level));
}

}  // namespace winnow
