#include "winnow/source.h"

#include <gtest/gtest.h>

#include <random>
#include <thread>
#include <vector>

#include "test_util.h"
#include "winnow/sink.h"

namespace winnow {
namespace {

using testing::ReadFile;
using testing::TempDir;
using testing::WriteFile;
using testing::WriteWith;

std::string Drain(ByteSource* src, size_t chunk = 7) {
  std::string out(chunk, '\0'), all;
  for (;;) {
    auto r = src->Read(out.data(), out.size());
    EXPECT_TRUE(r.ok()) << r.status().message();
    if (!r.ok() || r.value() == 0) break;
    all.append(out.data(), r.value());
  }
  return all;
}

std::string SomeText() {
  std::string s;
  for (int i = 0; i < 5000; ++i) s += "line " + std::to_string(i) + " of a test corpus\n";
  return s;
}

TEST(ByteSource, PlainGzipAndZstdReadTheSameBytes) {
  TempDir dir;
  const std::string text = SomeText();
  for (const char* name : {"a.txt", "a.txt.gz", "a.txt.zst"}) {
    WriteWith(dir / name, text);
    auto src = ByteSource::Open(dir / name);
    ASSERT_TRUE(src.ok());
    EXPECT_EQ(Drain(src.value().get()), text) << name;
  }
}

TEST(ByteSource, CodecIsDetectedFromBytesNotName) {
  TempDir dir;
  WriteWith(dir / "x.gz", "hello gzip\n");
  std::filesystem::rename(dir / "x.gz", dir / "renamed.jsonl");
  auto src = ByteSource::Open(dir / "renamed.jsonl");
  ASSERT_TRUE(src.ok());
  EXPECT_EQ(src.value()->compression(), Compression::kGzip);
  EXPECT_EQ(Drain(src.value().get()), "hello gzip\n");
}

TEST(ByteSource, ConcatenatedGzipMembersAndZstdFrames) {
  TempDir dir;
  for (const char* ext : {".gz", ".zst"}) {
    WriteWith(dir / (std::string("p1") + ext), "first part\n");
    WriteWith(dir / (std::string("p2") + ext), "second part\n");
    WriteFile(dir / (std::string("cat") + ext),
              ReadFile(dir / (std::string("p1") + ext)) + ReadFile(dir / (std::string("p2") + ext)));
    auto src = ByteSource::Open(dir / (std::string("cat") + ext));
    ASSERT_TRUE(src.ok());
    EXPECT_EQ(Drain(src.value().get()), "first part\nsecond part\n") << ext;
  }
}

// A stream that ends inside a member or frame is a DataError naming the
// file. What it decoded before its end is not lost: it comes first, as a
// prefix of the original, and the error after it, again on every call.
TEST(ByteSource, ACutStreamGivesTheBytesBeforeTheCutThenTheSameError) {
  TempDir dir;
  std::string text;  // several zstd blocks (a block is decoded whole or not at all)
  for (int i = 0; i < 8; ++i) text += SomeText();
  for (const char* ext : {".gz", ".zst"}) {
    const std::string cut = dir / (std::string("cut") + ext);
    testing::WriteCutShort(cut, text, 0.75);
    auto src = ByteSource::Open(cut);
    ASSERT_TRUE(src.ok());
    // One read can take it all: the bytes decoded before the cut come in
    // the call that meets it.
    std::string got, buf(text.size() + 1, '\0');
    Status error;
    for (;;) {
      auto r = src.value()->Read(buf.data(), buf.size());
      if (!r.ok()) {
        error = r.status();
        break;
      }
      ASSERT_NE(r.value(), 0u) << ext << ": a cut stream does not end cleanly";
      got.append(buf.data(), r.value());
    }
    EXPECT_EQ(error.code(), StatusCode::kDataError) << ext;
    EXPECT_NE(error.message().find("truncated"), std::string::npos) << error.message();
    EXPECT_NE(error.message().find(cut), std::string::npos) << "error names the file";
    EXPECT_GE(got.size(), size_t{128} << 10) << ext << ": a zstd block and more of gzip";
    EXPECT_EQ(got, text.substr(0, got.size())) << ext;
    auto again = src.value()->Read(buf.data(), buf.size());
    ASSERT_FALSE(again.ok()) << ext;
    EXPECT_EQ(again.status().message(), error.message()) << ext;
  }
}

// Three gzip members or zstd frames, the second corrupt mid-way (a WET
// file has a member a record, winnow writes one a batch). By default the
// fault ends the stream, as before. Asked to (SkipCorrupt), the source gives
// the first part, then says once what it skipped (where, and why, naming
// the file), then gives the third part whole: nothing of the second.
TEST(ByteSource, ACorruptMemberOrFrameIsSkippedWhenAskedAndTheNextReadWhole) {
  TempDir dir;
  std::vector<std::string> parts;
  for (const char* p : {"first", "second", "third"}) {
    std::string part;
    for (int i = 0; i < 3000; ++i) part += std::string(p) + " part, line " + std::to_string(i * 7919 % 10007) + "\n";
    parts.push_back(part);
  }
  for (const char* ext : {".gz", ".zst"}) {
    const std::string path = dir / (std::string("parts") + ext);
    const std::vector<size_t> at = testing::WriteParts(path, parts, 2);
    {
      auto src = ByteSource::Open(path);
      ASSERT_TRUE(src.ok());
      std::string all(1 << 12, '\0'), got;
      Status error;
      for (int reads = 0; reads < 100000; ++reads) {  // no endless stream
        auto r = src.value()->Read(all.data(), all.size());
        if (!r.ok()) {
          error = r.status();
          break;
        }
        if (r.value() == 0) break;
        got.append(all.data(), r.value());
      }
      EXPECT_EQ(error.code(), StatusCode::kDataError) << ext << ": by default a fault ends the stream; read " << got.size();
      EXPECT_EQ(got.find("third part"), std::string::npos) << ext;
    }
    auto src = ByteSource::Open(path);
    ASSERT_TRUE(src.ok());
    src.value()->SkipCorrupt();
    std::string buf(1 << 12, '\0'), before, after;
    std::vector<Status> skips;
    for (int reads = 0; reads < 100000; ++reads) {
      auto r = src.value()->Read(buf.data(), buf.size());
      ASSERT_TRUE(r.ok()) << ext << ": " << r.status().message();
      (skips.empty() ? before : after).append(buf.data(), r.value());
      Status s = src.value()->TakeSkipped();
      if (!s.ok()) skips.push_back(s);
      if (r.value() == 0 && s.ok()) break;
    }
    ASSERT_EQ(skips.size(), 1u) << ext;
    EXPECT_EQ(skips[0].code(), StatusCode::kDataError);
    EXPECT_TRUE(src.value()->TakeSkipped().ok()) << "told once";
    const std::string& why = skips[0].message();
    EXPECT_EQ(why.find(path + ": corrupt " + (ext[1] == 'g' ? "gzip member" : "zstd frame") + " at compressed byte " +
                       std::to_string(at[1]) + " ("),
              0u)
        << why;
    EXPECT_EQ(before, parts[0]) << ext << ": the part before, whole; nothing of the corrupt one (it failed its check)";
    EXPECT_EQ(after, parts[2]) << ext << ": the part after is whole, and nothing else";
  }
}

TEST(LineReader, ALineTheSourceCutsOffIsMarkedAndTheErrorKept) {
  TempDir dir;
  const std::string text = SomeText();
  testing::WriteCutShort(dir / "t.gz", text, 0.75);
  auto src = ByteSource::Open(dir / "t.gz");
  ASSERT_TRUE(src.ok());
  LineReader lr(src.value().get(), 1 << 20);
  LineReader::Line l;
  std::string whole_lines;
  uint64_t n = 0;
  bool cut = false;
  for (;;) {
    auto more = lr.Next(&l);
    ASSERT_TRUE(more.ok()) << more.status().message();
    if (!more.value()) break;
    ++n;
    ASSERT_FALSE(cut) << "a cut line is the last one";
    if (l.cut) {
      cut = true;
      EXPECT_EQ(text.substr(l.offset, l.text.size()), l.text);
      EXPECT_NE(text[l.offset + l.text.size()], '\n') << "the line went on";
      continue;
    }
    whole_lines.append(l.text).push_back('\n');
  }
  EXPECT_EQ(whole_lines, text.substr(0, whole_lines.size()));
  EXPECT_EQ(lr.error().code(), StatusCode::kDataError);
  EXPECT_EQ(lr.line_number(), n);
  EXPECT_GT(n, 10u);
}

TEST(ByteSource, MissingFileNamesThePath) {
  auto src = ByteSource::Open("/nonexistent/winnow/file.jsonl");
  ASSERT_FALSE(src.ok());
  EXPECT_EQ(src.status().code(), StatusCode::kIoError);
  EXPECT_NE(src.status().message().find("/nonexistent/winnow/file.jsonl"), std::string::npos);
}

TEST(LineReader, LinesNumbersOffsetsAndLastLineWithoutNewline) {
  TempDir dir;
  WriteFile(dir / "l.txt", "ab\n\ncd\r\nlast");
  auto src = ByteSource::Open(dir / "l.txt");
  ASSERT_TRUE(src.ok());
  LineReader lr(src.value().get(), 1 << 20);
  LineReader::Line l;
  std::vector<std::string> texts;
  std::vector<uint64_t> offsets;
  while (lr.Next(&l).value()) {
    texts.emplace_back(l.text);
    offsets.push_back(l.offset);
  }
  EXPECT_EQ(texts, (std::vector<std::string>{"ab", "", "cd\r", "last"}));
  EXPECT_EQ(offsets, (std::vector<uint64_t>{0, 3, 4, 8}));
}

TEST(LineReader, TooLongLineIsSkippedNotBuffered) {
  TempDir dir;
  std::string big(3 << 20, 'x');
  WriteFile(dir / "big.txt", "short\n" + big + "\nafter\n");
  auto src = ByteSource::Open(dir / "big.txt");
  ASSERT_TRUE(src.ok());
  LineReader lr(src.value().get(), 1000);
  LineReader::Line l;
  ASSERT_TRUE(lr.Next(&l).value());
  EXPECT_EQ(l.text, "short");
  ASSERT_TRUE(lr.Next(&l).value());
  EXPECT_TRUE(l.too_long);
  EXPECT_EQ(l.length, big.size());
  EXPECT_EQ(l.number, 2u);
  ASSERT_TRUE(lr.Next(&l).value());
  EXPECT_EQ(l.text, "after");
  EXPECT_EQ(l.number, 3u);
  EXPECT_FALSE(lr.Next(&l).value());
}

TEST(OutputFile, NothingAtTheFinalPathUntilCommit) {
  TempDir dir;
  std::string path = dir / "out.jsonl";
  {
    auto out = OutputFile::Open(path);
    ASSERT_TRUE(out.ok());
    ASSERT_TRUE(out.value()->Write("partial\n").ok());
    EXPECT_FALSE(std::filesystem::exists(path));
    // destroyed without Commit: the temporary goes too
  }
  EXPECT_FALSE(std::filesystem::exists(path));
  EXPECT_TRUE(std::filesystem::is_empty(dir.path()));
  {
    auto out = OutputFile::Open(path);
    ASSERT_TRUE(out.ok());
    ASSERT_TRUE(out.value()->Write("complete\n").ok());
    ASSERT_TRUE(out.value()->Commit().ok());
  }
  EXPECT_EQ(ReadFile(path), "complete\n");
}

// winnow's zstd outputs carry each frame's content checksum, as the zstd
// tool writes it: a frame corrupt anywhere is known at its end (and skipped
// by a reader), as a gzip member is by its CRC. Both ways of writing.
TEST(OutputFile, ZstdFramesCarryAChecksum) {
  TempDir dir;
  const std::string text = SomeText();
  for (bool chunks : {false, true}) {
    const std::string path = dir / (chunks ? "c.zst" : "w.zst");
    auto out = OutputFile::Open(path);
    ASSERT_TRUE(out.ok());
    if (chunks) {
      std::string encoded;
      ASSERT_TRUE(out.value()->Encode(text, &encoded).ok());
      ASSERT_TRUE(out.value()->WriteEncoded(encoded, text.size()).ok());
    } else {
      ASSERT_TRUE(out.value()->Write(text).ok());
    }
    ASSERT_TRUE(out.value()->Commit().ok());
    const std::string bytes = ReadFile(path);
    // The frame header descriptor, after the 4-byte magic: bit 2 says a
    // content checksum ends the frame (RFC 8878, 3.1.1.1.1).
    ASSERT_GT(bytes.size(), 8u);
    EXPECT_EQ((static_cast<unsigned char>(bytes[4]) >> 2) & 1, 1) << path;
    // The last four bytes are the checksum: one flipped, the frame is corrupt.
    std::string bad = bytes;
    bad.back() = static_cast<char>(bad.back() ^ 1);
    WriteFile(path, bad);
    auto src = ByteSource::Open(path);
    ASSERT_TRUE(src.ok());
    std::string buf(1 << 16, '\0');
    Status error;
    for (int reads = 0; reads < 1000 && error.ok(); ++reads) {
      auto r = src.value()->Read(buf.data(), buf.size());
      if (!r.ok()) error = r.status();
      else if (r.value() == 0) break;
    }
    EXPECT_EQ(error.code(), StatusCode::kDataError) << path;
  }
}

TEST(OutputFile, ChunksCompressedOnOtherThreadsReadBackAsTheTextInOrder) {
  TempDir dir;
  const std::string text = SomeText();
  std::vector<std::string> parts;
  for (size_t at = 0; at < text.size(); at += 9000) parts.push_back(text.substr(at, 9000));
  for (const char* name : {"c.txt", "c.txt.gz", "c.txt.zst"}) {
    auto out = OutputFile::Open(dir / name);
    ASSERT_TRUE(out.ok());
    OutputFile* f = out.value().get();
    EXPECT_EQ(f->compresses(), std::string(name) != "c.txt") << name;
    std::vector<std::string> encoded(parts.size());
    std::vector<Status> st(parts.size());
    std::vector<std::thread> workers;
    for (size_t i = 0; i < parts.size(); ++i) {
      workers.emplace_back([&, i] { st[i] = f->Encode(parts[i], &encoded[i]); });
    }
    for (auto& w : workers) w.join();
    for (size_t i = 0; i < parts.size(); ++i) {
      ASSERT_TRUE(st[i].ok()) << st[i].message();
      ASSERT_TRUE(f->WriteEncoded(encoded[i], parts[i].size()).ok());
    }
    EXPECT_FALSE(f->Write("more").ok()) << "one output, one way of writing";
    EXPECT_EQ(f->bytes_written(), text.size());
    ASSERT_FALSE(f->Commit().ok());  // the refused Write sticks
    // Again without the mistake: the file reads back whole.
    auto again = OutputFile::Open(dir / name);
    ASSERT_TRUE(again.ok());
    for (size_t i = 0; i < parts.size(); ++i) ASSERT_TRUE(again.value()->WriteEncoded(encoded[i], parts[i].size()).ok());
    ASSERT_TRUE(again.value()->Commit().ok());
    auto src = ByteSource::Open(dir / name);
    ASSERT_TRUE(src.ok());
    EXPECT_EQ(Drain(src.value().get(), 4096), text) << name;
  }
  // Nothing written at all: still a valid (empty) compressed file.
  for (const char* name : {"e.txt.gz", "e.txt.zst"}) {
    auto out = OutputFile::Open(dir / name);
    ASSERT_TRUE(out.ok() && out.value()->Commit().ok());
    auto src = ByteSource::Open(dir / name);
    ASSERT_TRUE(src.ok());
    EXPECT_EQ(Drain(src.value().get()), "") << name;
  }
}

TEST(OutputFile, CompressionLevelsTradeSizeAndReadBackTheSame) {
  // Level 1 and the highest level of each format, streamed and in chunks:
  // the same text back, the higher level no larger; a level out of range is
  // refused naming the file, before anything is created.
  TempDir dir;
  std::string text;  // words from a small vocabulary, in no order: compressible, not trivially
  std::mt19937 rng(7);
  for (int i = 0; i < 40000; ++i) {
    text += 'w';
    text += std::to_string(rng() % 500);
    text += i % 12 == 11 ? '\n' : ' ';
  }
  for (const std::string ext : {".gz", ".zst"}) {
    const int high = ext == ".gz" ? 9 : 19;
    uint64_t size[2] = {0, 0};
    for (int k = 0; k < 2; ++k) {
      const int level = k == 0 ? 1 : high;
      const std::string name = dir / (std::to_string(level) + ext);
      auto out = OutputFile::Open(name, level);
      ASSERT_TRUE(out.ok()) << out.status().message();
      ASSERT_TRUE(out.value()->Write(text).ok());
      ASSERT_TRUE(out.value()->Commit().ok());
      size[k] = std::filesystem::file_size(name);
      auto src = ByteSource::Open(name);
      ASSERT_TRUE(src.ok());
      EXPECT_EQ(Drain(src.value().get(), 4096), text) << name;
      const std::string chunked = dir / (std::to_string(level) + "-chunked" + ext);
      auto c = OutputFile::Open(chunked, level);
      ASSERT_TRUE(c.ok());
      std::string encoded;
      ASSERT_TRUE(c.value()->Encode(text, &encoded).ok());
      ASSERT_TRUE(c.value()->WriteEncoded(encoded, text.size()).ok());
      ASSERT_TRUE(c.value()->Commit().ok());
      auto csrc = ByteSource::Open(chunked);
      ASSERT_TRUE(csrc.ok());
      EXPECT_EQ(Drain(csrc.value().get(), 4096), text) << chunked;
    }
    EXPECT_LE(size[1], size[0]) << ext;
    const std::string bad = dir / ("bad" + ext);
    auto refused = OutputFile::Open(bad, high + 1);
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.status().code(), StatusCode::kInvalidArgument);
    EXPECT_NE(refused.status().message().find(bad), std::string::npos);
    EXPECT_NE(refused.status().message().find("compression level"), std::string::npos);
  }
  EXPECT_TRUE(OutputFile::Open(dir / "plain.txt", 12).ok()) << "an uncompressed output has no level";
}

TEST(OutputFile, UnwritableDirectoryIsAnIoErrorNamingThePath) {
  auto out = OutputFile::Open("/nonexistent-dir/out.jsonl");
  ASSERT_FALSE(out.ok());
  EXPECT_EQ(out.status().code(), StatusCode::kIoError);
  EXPECT_NE(out.status().message().find("/nonexistent-dir/out.jsonl"), std::string::npos);
}

TEST(OutputFile, FullDiskIsAnIoError) {
  if (!std::filesystem::exists("/dev/full")) GTEST_SKIP() << "no /dev/full";
  auto out = OutputFile::Open("/dev/full");
  ASSERT_TRUE(out.ok());
  Status st = out.value()->Write(std::string(4 << 20, 'x'));
  if (st.ok()) st = out.value()->Commit();
  EXPECT_EQ(st.code(), StatusCode::kIoError);
}

}  // namespace
}  // namespace winnow
