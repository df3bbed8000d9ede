// Fuzz target: JSONL in one to three gzip members or zstd frames (the
// input's first bytes pick which, where one is corrupt, and how), read by
// the JSONL reader, which skips a corrupt member or frame up to the next
// one that decodes. It must never crash or hang, positions must move
// forward, and every line of the parts before the corrupt one must come out
// as a record or a reject: skipping never loses what came before.
#include <zlib.h>
#include <zstd.h>

#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz_util.h"
#include "winnow/reader.h"

namespace {

std::string Gzip(std::string_view in) {
  z_stream zs{};
  if (deflateInit2(&zs, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) std::abort();
  std::string out(deflateBound(&zs, in.size()) + 32, '\0');
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
  zs.avail_in = static_cast<uInt>(in.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  if (deflate(&zs, Z_FINISH) != Z_STREAM_END) std::abort();
  out.resize(zs.total_out);
  deflateEnd(&zs);
  return out;
}

std::string Zstd(std::string_view in) {
  std::string out(ZSTD_compressBound(in.size()), '\0');
  const size_t n = ZSTD_compress(out.data(), out.size(), in.data(), in.size(), 3);
  if (ZSTD_isError(n)) std::abort();
  out.resize(n);
  return out;
}

// Non-blank lines, as the reader counts records (a byte-order mark at the
// start of the file is none of the first line's).
size_t Lines(std::string_view s, bool file_start) {
  if (file_start && s.substr(0, 3) == "\xEF\xBB\xBF") s.remove_prefix(3);
  size_t n = 0;
  size_t i = 0;
  while (i < s.size()) {
    size_t e = s.find('\n', i);
    if (e == std::string_view::npos) e = s.size();
    if (s.substr(i, e - i).find_first_not_of(" \t\r") != std::string_view::npos) ++n;  // TrimWs in reader.cc
    i = e + 1;
  }
  return n;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 5) return 0;
  const bool zstd = (data[0] & 1) != 0;
  const size_t parts = 1 + data[1] % 3;
  const size_t bad = data[2] % (parts + 1);  // 0: none corrupt
  const uint8_t where = data[3], flip = data[4] | 1;
  std::string_view text(reinterpret_cast<const char*>(data) + 5, size - 5);
  // Parts end at newlines, so that the lines before the corrupt one are whole.
  std::vector<std::string_view> pieces;
  for (size_t k = 0, at = 0; k < parts; ++k) {
    size_t end = k + 1 == parts ? text.size() : text.find('\n', at + (text.size() - at) / (parts - k));
    end = end == std::string_view::npos ? text.size() : std::min(text.size(), end + 1);
    pieces.push_back(text.substr(at, end - at));
    at = end;
  }
  std::string file;
  size_t lines_before = 0;
  for (size_t k = 0; k < pieces.size(); ++k) {
    std::string z = zstd ? Zstd(pieces[k]) : Gzip(pieces[k]);
    if (k + 1 == bad) {
      z[where * z.size() / 256] ^= static_cast<char>(flip);
    } else if (bad == 0 || k + 1 < bad) {
      lines_before += Lines(pieces[k], k == 0);
    }
    file += z;
  }
  if (bad == 0) lines_before = Lines(text, true);  // nothing corrupt: every line
  winnow::fuzz::MemFile mem(reinterpret_cast<const uint8_t*>(file.data()), file.size(), "compressed");
  winnow::ReaderOptions o;
  o.format = winnow::InputFormat::kJsonl;
  o.max_record_bytes = 1 << 16;
  auto r = winnow::RecordReader::Open(mem.path(), 0, o);
  if (!r.ok()) std::abort();
  winnow::Record rec;
  winnow::Reject rej;
  uint64_t last_offset = 0;
  size_t items = 0;
  for (int n = 0; n < 100000; ++n) {
    auto item = r.value()->Next(&rec, &rej);
    if (!item.ok()) std::abort();  // a fault is a reject, not an error
    if (item.value() == winnow::RecordReader::Item::kEnd) break;
    const winnow::Position& pos = item.value() == winnow::RecordReader::Item::kRecord ? rec.pos : rej.pos;
    if (pos.offset < last_offset) std::abort();  // positions move forward
    last_offset = pos.offset;
    ++items;
  }
  if (items < lines_before) std::abort();
  return 0;
}
