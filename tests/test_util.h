// Helpers shared by the unit tests: a temporary directory, file I/O, and
// reading every item out of a RecordReader.
#ifndef WINNOW_TESTS_TEST_UTIL_H_
#define WINNOW_TESTS_TEST_UTIL_H_

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "winnow/reader.h"
#include "winnow/sink.h"
#include "winnow/source.h"

namespace winnow::testing {

class TempDir {
 public:
  TempDir() {
    std::random_device rd;
    path_ = std::filesystem::temp_directory_path() /
            ("winnow-test-" + std::to_string(::getpid()) + "-" + std::to_string(rd()));
    std::filesystem::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  std::string operator/(const std::string& name) const { return (path_ / name).string(); }
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

inline void WriteFile(const std::string& path, const std::string& data) {
  std::filesystem::create_directories(std::filesystem::path(path).parent_path());
  std::ofstream f(path, std::ios::binary);
  f << data;
}

inline std::string ReadFile(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  std::stringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

// The text of a file as winnow reads it: ".gz"/".zst" (by their bytes)
// decompressed. Empty when it cannot be opened.
inline std::string ReadDecompressed(const std::string& path) {
  auto src = ByteSource::Open(path);
  if (!src.ok()) return "";
  std::string all, buf(1 << 16, '\0');
  for (;;) {
    auto r = src.value()->Read(buf.data(), buf.size());
    if (!r.ok() || r.value() == 0) break;
    all.append(buf.data(), r.value());
  }
  return all;
}

// Writes `data` through winnow's OutputFile, so ".gz"/".zst" compress.
inline void WriteWith(const std::string& path, const std::string& data) {
  auto out = OutputFile::Open(path);
  ASSERT_TRUE(out.ok()) << out.status().message();
  ASSERT_TRUE(out.value()->Write(data).ok());
  ASSERT_TRUE(out.value()->Commit().ok());
}

// Writes `data` as WriteWith does, then cuts the file to the first `keep`
// share of its bytes: an interrupted download.
inline void WriteCutShort(const std::string& path, const std::string& data, double keep) {
  WriteWith(path, data);
  const std::string whole = ReadFile(path);
  WriteFile(path, whole.substr(0, static_cast<size_t>(static_cast<double>(whole.size()) * keep)));
}

// Writes each of `parts` as WriteWith does (".gz": a gzip member, ".zst": a
// zstd frame) and the results one after another to `path`, as a WET file
// (a member per record) or winnow's own batches are; then, when `corrupt`
// is set, flips 64 bytes in the middle of part `corrupt` - 1. Returns the
// offsets in `path` where each part starts, and its end.
inline std::vector<size_t> WriteParts(const std::string& path, const std::vector<std::string>& parts,
                                      size_t corrupt = 0) {
  std::string all;
  std::vector<size_t> starts;
  for (const std::string& part : parts) {
    starts.push_back(all.size());
    WriteWith(path, part);
    all += ReadFile(path);
  }
  starts.push_back(all.size());
  if (corrupt > 0) {
    const size_t mid = (starts[corrupt - 1] + starts[corrupt]) / 2;
    for (size_t k = mid; k < mid + 64 && k < starts[corrupt]; ++k) all[k] = static_cast<char>(all[k] ^ 0x5a);
  }
  WriteFile(path, all);
  return starts;
}

struct Items {
  std::vector<Record> records;
  std::vector<Reject> rejects;
  Status status;
};

inline Items ReadAll(const std::string& path, ReaderOptions opt = {}) {
  Items items;
  auto r = RecordReader::Open(path, 0, opt);
  if (!r.ok()) {
    items.status = r.status();
    return items;
  }
  for (;;) {
    Record rec;
    Reject rej;
    auto n = r.value()->Next(&rec, &rej);
    if (!n.ok()) {
      items.status = n.status();
      return items;
    }
    if (n.value() == RecordReader::Item::kEnd) break;
    if (n.value() == RecordReader::Item::kRecord) items.records.push_back(rec);
    else items.rejects.push_back(rej);
  }
  return items;
}

inline bool SharedDirPresent() { return std::filesystem::exists(WINNOW_SHARED_DIR "/seeds/seeds.docs.jsonl"); }

}  // namespace winnow::testing

#endif  // WINNOW_TESTS_TEST_UTIL_H_
