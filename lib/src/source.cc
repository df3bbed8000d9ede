#include "winnow/source.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>
#include <zstd.h>

#include <cerrno>
#include <cstring>
#include <utility>
#include <vector>

namespace winnow {

const char* CompressionName(Compression c) {
  switch (c) {
    case Compression::kNone: return "none";
    case Compression::kGzip: return "gzip";
    case Compression::kZstd: return "zstd";
  }
  return "?";
}

namespace {

constexpr size_t kFileBuf = 1 << 20;

// Raw bytes of a file descriptor, with a small pushback for the sniffed magic.
class FdReader {
 public:
  FdReader(int fd, bool owns) : fd_(fd), owns_(owns) {}
  ~FdReader() {
    if (owns_ && fd_ >= 0) ::close(fd_);
  }
  // Returns bytes read, 0 at EOF, -1 on error (errno set).
  ssize_t Read(char* buf, size_t n) {
    if (pb_pos_ < pushback_.size()) {
      size_t k = std::min(n, pushback_.size() - pb_pos_);
      std::memcpy(buf, pushback_.data() + pb_pos_, k);
      pb_pos_ += k;
      return static_cast<ssize_t>(k);
    }
    return ReadFd(buf, n);
  }
  // Reads up to n bytes for sniffing and pushes them back. Call once, first.
  ssize_t Peek(size_t n) {
    std::vector<char> head(n);
    size_t got = 0;
    while (got < n) {
      ssize_t r = ReadFd(head.data() + got, n - got);
      if (r < 0) return -1;
      if (r == 0) break;
      got += static_cast<size_t>(r);
    }
    head.resize(got);
    pushback_.swap(head);
    pb_pos_ = 0;
    return static_cast<ssize_t>(got);
  }
  const std::vector<char>& peeked() const { return pushback_; }
  // Reads on from byte `at` of the file; false (nothing changed) when the
  // file cannot seek (a pipe).
  bool SeekTo(uint64_t at) {
    if (::lseek(fd_, static_cast<off_t>(at), SEEK_SET) < 0) return false;
    pb_pos_ = pushback_.size();  // the file's position is what counts now
    bytes_ = at;
    return true;
  }
  uint64_t bytes() const { return bytes_; }

 private:
  ssize_t ReadFd(char* buf, size_t n) {
    for (;;) {
      ssize_t r = ::read(fd_, buf, n);
      if (r < 0 && errno == EINTR) continue;
      if (r > 0) bytes_ += static_cast<uint64_t>(r);
      return r;
    }
  }

  int fd_;
  bool owns_;
  std::vector<char> pushback_;
  size_t pb_pos_ = 0;
  uint64_t bytes_ = 0;
};

std::string ErrnoText(int e) { return std::strerror(e); }

class SourceBase : public ByteSource {
 public:
  SourceBase(std::string name, std::unique_ptr<FdReader> fd, uint64_t size)
      : ByteSource(std::move(name)), fd_(std::move(fd)), size_(size) {}
  uint64_t file_bytes_read() const override { return fd_->bytes(); }
  uint64_t file_size() const override { return size_; }
  void SkipCorrupt() override { skip_ = true; }
  Status TakeSkipped() override { return std::exchange(told_, Status::Ok()); }
  Result<size_t> Read(char* buf, size_t n) final { return skip_ ? ReadChecked(buf, n) : Decode(buf, n); }

 protected:
  // Decodes up to `n` bytes into `buf`: 0 at the end of the stream. When
  // skipping (SkipCorrupt), it returns right where a member or frame ends
  // (unit_end_ set), and at a fault it skips (skipped_ set, by Skipped).
  virtual Result<size_t> Decode(char* buf, size_t n) = 0;

  Status ReadError() { return IoError(name() + ": read error: " + ErrnoText(errno)); }
  // Ends the stream with `s` after `produced` bytes of this call: the
  // bytes come first and the error with the next call (and every one
  // after), so a reader gets everything decoded before a cut or a corrupt
  // block.
  Result<size_t> Stop(Status s, size_t produced) {
    error_ = std::move(s);
    if (produced > 0) return produced;
    return error_;
  }
  // Finds the next compressed byte at which `starts` holds (the first four
  // bytes of a gzip member or zstd frame, the first of them `lead`),
  // reading on from the file as needed. The unread input is
  // `in`[*pos, *end); the bytes before the find are dropped. False at the
  // end of the file.
  Result<bool> SeekStart(std::vector<char>* in, size_t* pos, size_t* end, unsigned char lead,
                         bool (*starts)(const unsigned char*)) {
    constexpr size_t kMagic = 4;
    for (;;) {
      const char* p = in->data() + *pos;
      const char* e = in->data() + *end;
      while (e - p >= static_cast<ptrdiff_t>(kMagic)) {
        p = static_cast<const char*>(std::memchr(p, lead, static_cast<size_t>(e - p) - (kMagic - 1)));
        if (p == nullptr) break;
        if (starts(reinterpret_cast<const unsigned char*>(p))) {
          *pos = static_cast<size_t>(p - in->data());
          return true;
        }
        ++p;
      }
      // The last bytes may begin one: they stay for the next read.
      const size_t keep = std::min(kMagic - 1, *end - *pos);
      std::memmove(in->data(), in->data() + *end - keep, keep);
      *pos = 0;
      *end = keep;
      const ssize_t r = fd_->Read(in->data() + keep, in->size() - keep);
      if (r < 0) return ReadError();
      if (r == 0) {
        *pos = *end;
        return false;
      }
      *end += static_cast<size_t>(r);
    }
  }

  // Skipping past a fault, the same for both codecs. The codec's unread
  // compressed input is `in`[*pos, *end).
  //
  // Past a fault: finds the next member's or frame's start (false at the
  // end of the file), which is then read on trial.
  Result<bool> NextUnit(std::vector<char>* in, size_t* pos, size_t* end, unsigned char lead,
                        bool (*starts)(const unsigned char*)) {
    auto found = SeekStart(in, pos, end, lead, starts);
    if (found.ok() && found.value()) {
      scanning_ = false;
      trial_ = true;
      unit_at_ = fd_->bytes() - (*end - *pos);
    }
    return found;
  }
  // A member or frame ended whole, `unread` compressed bytes before the
  // end of what was read: the next one starts there.
  void UnitEnded(size_t unread) {
    trial_ = false;
    unit_at_ = fd_->bytes() - unread;
  }
  // A fault, when skipping, in the member or frame being read (`what`,
  // `why`); `decoded`: this call gave bytes of it. The search for the next
  // one starts again at the byte after this one's start, since a corrupt
  // length can have taken the decoder past the next one's header before it
  // saw the fault: a regular file is sought back there (the input emptied);
  // a pipe, which cannot be read again, goes on from where the decoder
  // stopped, past the start's first byte at least. True when the skip is
  // to be told (Skipped); false for a header found past a fault that
  // decoded nothing, a chance match inside the bytes already skipped.
  bool Resync(size_t* pos, size_t* end, bool decoded, const std::string& what, const std::string& why) {
    scanning_ = true;
    const uint64_t at = fd_->bytes() - (*end - *pos);
    if (at > unit_at_ + 1 && fd_->SeekTo(unit_at_ + 1)) {
      *pos = *end = 0;
    } else if (at == unit_at_) {
      ++*pos;
    }
    if (trial_ && !decoded) return false;
    trial_ = false;
    Skipped(what, unit_at_, why);
    return true;
  }
  // What a skip says: a fault (`why`) in the member or frame (`what`) that
  // starts at compressed byte `at`, in the words a reader's reject quotes.
  void Skipped(const std::string& what, uint64_t at, const std::string& why) {
    skipped_ = DataError(name() + ": corrupt " + what + " at compressed byte " + std::to_string(at) + " (" + why +
                         "); skipped to the next one that decodes");
  }

  std::unique_ptr<FdReader> fd_;
  Status error_;  // ok until the stream failed
  uint64_t size_;
  bool skip_ = false;      // SkipCorrupt
  Status skipped_;         // Decode: it skipped this fault
  bool unit_end_ = false;  // Decode: its bytes end where a member or frame ended whole
  bool scanning_ = false;  // past a fault: looking for the next member or frame
  bool trial_ = false;     // in one found so, which has decoded nothing yet
  uint64_t unit_at_ = 0;   // where the member or frame being read starts (compressed)

 private:
  // Reading when skipping: the bytes of a member or frame wait in held_
  // until it ends whole (its CRC or checksum passed), so that what a
  // decoder makes of corrupt data (garbage, though a line of it may parse
  // as a record) is dropped with the rest of the corrupt member, not read.
  // A member larger than kHoldBytes is let through unchecked, as zcat
  // would, kHoldBytes at a time; a stream cut short (an interrupted
  // download) lets through what it decoded before the cut, then fails.
  static constexpr size_t kHoldBytes = size_t{16} << 20;
  static constexpr size_t kDecodeBytes = size_t{256} << 10;
  Result<size_t> ReadChecked(char* buf, size_t n) {
    for (;;) {
      if (ready_pos_ < ready_end_) {  // checked bytes to give
        const size_t k = std::min(n, ready_end_ - ready_pos_);
        std::memcpy(buf, held_.data() + ready_pos_, k);
        ready_pos_ += k;
        if (ready_pos_ == ready_end_ && !held_skip_.ok()) told_ = std::exchange(held_skip_, Status::Ok());
        return k;
      }
      if (ready_end_ > 0) {  // all given: what is left waits for its check
        std::memmove(held_.data(), held_.data() + ready_end_, held_end_ - ready_end_);
        held_end_ -= ready_end_;
        ready_pos_ = ready_end_ = 0;
      }
      if (!held_skip_.ok()) {  // a fault with nothing checked before it to give
        told_ = std::exchange(held_skip_, Status::Ok());
        return size_t{0};
      }
      if (!held_error_.ok()) return held_error_;
      if (held_eof_) return size_t{0};
      // Grown, never shrunk (nor filled: Decode writes the bytes).
      if (held_.size() < held_end_ + kDecodeBytes) held_.resize(held_end_ + kDecodeBytes);
      auto r = Decode(held_.data() + held_end_, kDecodeBytes);
      if (r.ok()) held_end_ += r.value();
      if (!r.ok()) {  // a cut or a read error: what decoded before it goes, then the error
        held_error_ = r.status();
        ready_end_ = held_end_;
      } else if (!skipped_.ok()) {  // a fault: the member's bytes go with it
        held_end_ = ready_end_;
        held_skip_ = std::exchange(skipped_, Status::Ok());
      } else if (unit_end_ || held_end_ >= kHoldBytes) {
        unit_end_ = false;
        ready_end_ = held_end_;
      } else if (r.value() == 0) {  // the end of the stream
        held_eof_ = true;
        ready_end_ = held_end_;
      }
    }
  }

  Status told_;           // TakeSkipped
  std::string held_;      // decoded bytes, up to held_end_: [ready_pos_, ready_end_) checked, to give; the rest waits
  size_t held_end_ = 0;
  size_t ready_pos_ = 0, ready_end_ = 0;
  Status held_skip_;      // a fault after the checked bytes
  Status held_error_;     // the error after them
  bool held_eof_ = false;
};

// The header of a gzip member: the magic, deflate, and no reserved flag.
bool GzipMemberStart(const unsigned char* p) { return p[0] == 0x1f && p[1] == 0x8b && p[2] == 0x08 && (p[3] & 0xE0) == 0; }
// The magic of a zstd frame.
bool ZstdFrameStart(const unsigned char* p) { return p[0] == 0x28 && p[1] == 0xb5 && p[2] == 0x2f && p[3] == 0xfd; }

class PlainSource final : public SourceBase {
 public:
  using SourceBase::SourceBase;
  Compression compression() const override { return Compression::kNone; }
  void SkipCorrupt() override {}  // nothing to check

 protected:
  Result<size_t> Decode(char* buf, size_t n) override {
    ssize_t r = fd_->Read(buf, n);
    if (r < 0) return ReadError();
    return static_cast<size_t>(r);
  }
};

class GzipSource final : public SourceBase {
 public:
  GzipSource(std::string name, std::unique_ptr<FdReader> fd, uint64_t size)
      : SourceBase(std::move(name), std::move(fd), size), in_(kFileBuf) {
    std::memset(&zs_, 0, sizeof(zs_));
    init_ok_ = inflateInit2(&zs_, 15 + 32) == Z_OK;  // gzip or zlib header
  }
  ~GzipSource() override { inflateEnd(&zs_); }
  Compression compression() const override { return Compression::kGzip; }

 protected:
  Result<size_t> Decode(char* buf, size_t n) override {
    if (!init_ok_) return Internal(name() + ": zlib init failed");
    if (!error_.ok()) return error_;
    if (done_) return size_t{0};
    zs_.next_out = reinterpret_cast<Bytef*>(buf);
    zs_.avail_out = static_cast<uInt>(std::min<size_t>(n, 1u << 30));
    while (zs_.avail_out > 0) {
      if (scanning_) {  // past a fault: to the next member's header
        size_t pos = InPos(), end = pos + zs_.avail_in;
        auto found = NextUnit(&in_, &pos, &end, 0x1f, GzipMemberStart);
        SetIn(pos, end);
        if (!found.ok()) return Stop(found.status(), n - zs_.avail_out);
        if (!found.value()) {
          done_ = true;
          break;
        }
        if (inflateReset(&zs_) != Z_OK) return Internal(name() + ": inflateReset failed");
      }
      if (zs_.avail_in == 0) {
        ssize_t r = fd_->Read(in_.data(), in_.size());
        if (r < 0) return Stop(ReadError(), n - zs_.avail_out);
        if (r == 0) {
          if (in_member_) return Stop(DataError(name() + ": truncated gzip stream"), n - zs_.avail_out);
          done_ = true;
          break;
        }
        zs_.next_in = reinterpret_cast<Bytef*>(in_.data());
        zs_.avail_in = static_cast<uInt>(r);
      }
      in_member_ = true;
      const uInt room = zs_.avail_out;
      int rc = inflate(&zs_, Z_NO_FLUSH);
      if (zs_.avail_out != room) trial_ = false;  // it decodes: a member
      if (rc == Z_STREAM_END) {
        in_member_ = false;
        UnitEnded(zs_.avail_in);
        // Another member may follow (concatenated gzip, as WET files are).
        if (inflateReset(&zs_) != Z_OK) return Internal(name() + ": inflateReset failed");
        if (skip_) {  // its CRC passed: ReadChecked lets its bytes through
          unit_end_ = true;
          return n - zs_.avail_out;
        }
        continue;
      }
      if (rc == Z_BUF_ERROR) continue;  // needs more input
      if (rc != Z_OK) {
        const std::string why = zs_.msg ? zs_.msg : "inflate error";
        if (!skip_ || (rc != Z_DATA_ERROR && rc != Z_NEED_DICT)) {
          return Stop(DataError(name() + ": corrupt gzip stream (" + why + ")"), n - zs_.avail_out);
        }
        in_member_ = false;
        size_t pos = InPos(), end = pos + zs_.avail_in;
        const bool tell = Resync(&pos, &end, zs_.avail_out != room, "gzip member", why);
        SetIn(pos, end);
        if (!tell) continue;
        return n - zs_.avail_out;
      }
    }
    return n - zs_.avail_out;
  }

 private:
  z_stream zs_;
  bool init_ok_ = false;
  bool in_member_ = false;
  bool done_ = false;
  std::vector<char> in_;

  // The unread input as in_[pos, end).
  size_t InPos() const {
    return zs_.avail_in == 0 ? 0 : static_cast<size_t>(reinterpret_cast<const char*>(zs_.next_in) - in_.data());
  }
  void SetIn(size_t pos, size_t end) {
    zs_.next_in = reinterpret_cast<Bytef*>(in_.data() + pos);
    zs_.avail_in = static_cast<uInt>(end - pos);
  }
};

class ZstdSource final : public SourceBase {
 public:
  ZstdSource(std::string name, std::unique_ptr<FdReader> fd, uint64_t size)
      : SourceBase(std::move(name), std::move(fd), size),
        dctx_(ZSTD_createDCtx()), in_(ZSTD_DStreamInSize()) {}
  ~ZstdSource() override { ZSTD_freeDCtx(dctx_); }
  Compression compression() const override { return Compression::kZstd; }

 protected:
  Result<size_t> Decode(char* buf, size_t n) override {
    if (dctx_ == nullptr) return Internal(name() + ": zstd init failed");
    if (!error_.ok()) return error_;
    ZSTD_outBuffer out{buf, n, 0};
    while (out.pos < out.size && !done_) {
      if (scanning_) {  // past a fault: to the next frame's magic
        size_t pos = inb_.pos, end = inb_.size;
        auto found = NextUnit(&in_, &pos, &end, 0x28, ZstdFrameStart);
        inb_ = ZSTD_inBuffer{in_.data(), end, pos};
        if (!found.ok()) return Stop(found.status(), out.pos);
        if (!found.value()) {
          done_ = true;
          break;
        }
        ZSTD_DCtx_reset(dctx_, ZSTD_reset_session_only);
        pending_ = 0;
      }
      if (inb_.pos == inb_.size) {
        ssize_t r = fd_->Read(in_.data(), in_.size());
        if (r < 0) return Stop(ReadError(), out.pos);
        if (r == 0) {
          if (pending_ != 0) return Stop(DataError(name() + ": truncated zstd stream"), out.pos);
          done_ = true;
          break;
        }
        inb_ = ZSTD_inBuffer{in_.data(), static_cast<size_t>(r), 0};
      }
      const size_t before = out.pos;
      size_t rc = ZSTD_decompressStream(dctx_, &out, &inb_);
      if (ZSTD_isError(rc)) {
        const std::string why = ZSTD_getErrorName(rc);
        if (!skip_) return Stop(DataError(name() + ": corrupt zstd stream (" + why + ")"), out.pos);
        pending_ = 0;
        size_t pos = inb_.pos, end = inb_.size;
        const bool tell = Resync(&pos, &end, out.pos != before, "zstd frame", why);
        inb_ = ZSTD_inBuffer{in_.data(), end, pos};
        if (!tell) continue;
        return out.pos;
      }
      if (out.pos != before || rc == 0) trial_ = false;  // it decodes: a frame
      pending_ = rc;  // 0 exactly at a frame boundary
      if (rc == 0) {
        UnitEnded(inb_.size - inb_.pos);
        if (skip_) {  // its checksum (if any) passed: ReadChecked lets its bytes through
          unit_end_ = true;
          return out.pos;
        }
      }
    }
    return out.pos;
  }

 private:
  ZSTD_DCtx* dctx_;
  std::vector<char> in_;
  ZSTD_inBuffer inb_{nullptr, 0, 0};
  size_t pending_ = 0;
  bool done_ = false;
};

}  // namespace

Result<std::unique_ptr<ByteSource>> ByteSource::Open(const std::string& path) {
  int fd = 0;
  bool owns = false;
  uint64_t size = 0;
  if (path != "-") {
    fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return IoError(path + ": cannot open: " + ErrnoText(errno));
    owns = true;
    struct stat st;
    if (::fstat(fd, &st) == 0) {
      if (S_ISDIR(st.st_mode)) {
        ::close(fd);
        return IoError(path + ": is a directory");
      }
      if (S_ISREG(st.st_mode)) size = static_cast<uint64_t>(st.st_size);
    }
#ifdef POSIX_FADV_SEQUENTIAL
    ::posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL);
#endif
  }
  auto reader = std::make_unique<FdReader>(fd, owns);
  std::string name = path == "-" ? std::string("<stdin>") : path;
  if (reader->Peek(4) < 0) return IoError(name + ": read error: " + ErrnoText(errno));
  const auto& m = reader->peeked();
  auto byte = [&](size_t i) { return static_cast<unsigned char>(m[i]); };
  if (m.size() >= 2 && byte(0) == 0x1f && byte(1) == 0x8b) {
    return std::unique_ptr<ByteSource>(new GzipSource(name, std::move(reader), size));
  }
  if (m.size() >= 4 && byte(0) == 0x28 && byte(1) == 0xb5 && byte(2) == 0x2f && byte(3) == 0xfd) {
    return std::unique_ptr<ByteSource>(new ZstdSource(name, std::move(reader), size));
  }
  return std::unique_ptr<ByteSource>(new PlainSource(name, std::move(reader), size));
}

Result<std::unique_ptr<ByteSource>> ByteSource::OpenAt(const std::string& path, uint64_t offset) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return IoError(path + ": cannot open: " + ErrnoText(errno));
  struct stat st;
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    ::close(fd);
    return IoError(path + ": not a regular file");
  }
  if (::lseek(fd, static_cast<off_t>(offset), SEEK_SET) < 0) {
    int e = errno;
    ::close(fd);
    return IoError(path + ": cannot seek to byte " + std::to_string(offset) + ": " + ErrnoText(e));
  }
#ifdef POSIX_FADV_SEQUENTIAL
  ::posix_fadvise(fd, static_cast<off_t>(offset), 0, POSIX_FADV_SEQUENTIAL);
#endif
  return std::unique_ptr<ByteSource>(
      new PlainSource(path, std::make_unique<FdReader>(fd, true), static_cast<uint64_t>(st.st_size)));
}

// ---------------------------------------------------------------------------

LineReader::LineReader(ByteSource* src, size_t max_line)
    : src_(src), max_line_(max_line) {
  buf_.resize(std::max<size_t>(kFileBuf, 1));
}

Result<bool> LineReader::Fill() {
  if (eof_) return false;
  // Move the unconsumed tail to the front, grow when a line fills the buffer.
  if (begin_ > 0) {
    std::memmove(buf_.data(), buf_.data() + begin_, end_ - begin_);
    end_ -= begin_;
    begin_ = 0;
  }
  if (end_ == buf_.size()) buf_.resize(buf_.size() * 2);
  auto r = src_->Read(buf_.data() + end_, buf_.size() - end_);
  if (r.ok()) NoteGap();
  if (!r.ok() || (r.value() == 0 && !gap_)) {
    if (!r.ok()) error_ = r.status();
    eof_ = true;
    return false;
  }
  end_ += r.value();
  return true;
}

void LineReader::NoteGap() {
  Status g = src_->TakeSkipped();
  if (g.ok()) return;
  gap_ = true;
  gap_error_ = std::move(g);
}

Status LineReader::TakeGap() {
  gap_ = false;
  return gap_error_;
}

Result<bool> LineReader::Next(Line* line) {
  size_t scan = begin_;
  for (;;) {
    const char* nl = static_cast<const char*>(
        std::memchr(buf_.data() + scan, '\n', end_ - scan));
    if (nl != nullptr) {
      size_t len = static_cast<size_t>(nl - (buf_.data() + begin_));
      // A whole line can sit in the buffer and still be over the limit
      // (one read brought it in): it is too long all the same.
      line->too_long = len > max_line_;
      line->text = line->too_long ? std::string_view() : std::string_view(buf_.data() + begin_, len);
      line->number = ++line_no_;
      line->offset = offset_;
      line->length = len;
      line->cut = false;
      line->gap = false;
      begin_ += len + 1;
      offset_ += len + 1;
      return true;
    }
    size_t have = end_ - begin_;
    if (gap_) {
      // The source skipped a corrupt part here: the line ends at it, cut.
      line->text = have > max_line_ ? std::string_view() : std::string_view(buf_.data() + begin_, have);
      line->number = ++line_no_;
      line->offset = offset_;
      line->length = have;
      line->too_long = have > max_line_;
      line->cut = true;
      line->gap = true;
      gap_ = false;
      begin_ = end_;
      offset_ += have;
      return true;
    }
    if (have > max_line_) {
      // Too long: skip to the next newline without keeping the bytes.
      uint64_t skipped = have;
      begin_ = end_ = 0;
      bool found = false, gap = false;
      for (;;) {
        auto r = src_->Read(buf_.data(), buf_.size());
        if (r.ok()) NoteGap();
        if (!r.ok() || (r.value() == 0 && !gap_)) {
          if (!r.ok()) error_ = r.status();
          eof_ = true;
          break;
        }
        const char* p = static_cast<const char*>(std::memchr(buf_.data(), '\n', r.value()));
        if (p != nullptr) {  // a gap after it stays for the next line
          size_t k = static_cast<size_t>(p - buf_.data());
          skipped += k;
          begin_ = k + 1;
          end_ = r.value();
          found = true;
          break;
        }
        skipped += r.value();
        if (gap_) {  // the line ends at a skipped corrupt part
          gap = true;
          gap_ = false;
          break;
        }
      }
      line->text = std::string_view();
      line->number = ++line_no_;
      line->offset = offset_;
      line->length = skipped;
      line->too_long = true;
      line->cut = gap || (!found && !error_.ok());
      line->gap = gap;
      offset_ += skipped + (found ? 1 : 0);
      return true;
    }
    scan = end_;
    size_t old_begin = begin_;
    auto filled = Fill();
    if (!filled.ok()) return filled.status();
    scan -= (old_begin - begin_);
    if (!filled.value()) {
      if (begin_ == end_) return false;
      // Last line without a trailing newline; cut off when the source failed.
      size_t len = end_ - begin_;
      line->text = std::string_view(buf_.data() + begin_, len);
      line->number = ++line_no_;
      line->offset = offset_;
      line->length = len;
      line->too_long = false;
      line->cut = !error_.ok();
      line->gap = false;
      begin_ = end_;
      offset_ += len;
      return true;
    }
  }
}

Result<size_t> LineReader::ReadBytes(size_t n, std::string* out) {
  out->clear();
  while (out->size() < n) {
    if (begin_ == end_) {
      if (gap_) break;  // at_gap()
      auto f = Fill();
      if (!f.ok()) return f.status();
      if (!f.value()) break;
    }
    size_t k = std::min(n - out->size(), end_ - begin_);
    out->append(buf_.data() + begin_, k);
    begin_ += k;
    offset_ += k;
  }
  return out->size();
}

Result<size_t> LineReader::SkipBytes(size_t n) {
  size_t done = 0;
  while (done < n) {
    if (begin_ == end_) {
      if (gap_) break;  // at_gap()
      begin_ = end_ = 0;
      auto f = Fill();
      if (!f.ok()) return f.status();
      if (!f.value()) break;
    }
    size_t k = std::min(n - done, end_ - begin_);
    begin_ += k;
    offset_ += k;
    done += k;
  }
  return done;
}

}  // namespace winnow
