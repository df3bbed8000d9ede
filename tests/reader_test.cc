#include "winnow/reader.h"

#include <gtest/gtest.h>

#include "test_util.h"
#include "winnow/json.h"

namespace winnow {
namespace {

using testing::ReadAll;
using testing::TempDir;
using testing::WriteFile;
using testing::WriteWith;

TEST(JsonlReader, FieldsInAnyOrderAndIdKinds) {
  TempDir dir;
  WriteFile(dir / "a.jsonl",
            "{\"id\":\"x1\",\"text\":\"hello\\nworld\",\"lang\":\"en\"}\n"
            "{\"meta\":{\"a\":[1,2,{\"b\":null}]},\"text\":\"second\",\"id\":42}\n"
            "{\"text\":\"no id here\"}\n");
  auto items = ReadAll(dir / "a.jsonl");
  ASSERT_TRUE(items.status.ok());
  ASSERT_EQ(items.records.size(), 3u);
  EXPECT_EQ(items.records[0].id, "x1");
  EXPECT_EQ(items.records[0].id_json, "\"x1\"");
  EXPECT_EQ(items.records[0].text, "hello\nworld");
  EXPECT_EQ(items.records[1].id, "42");
  EXPECT_EQ(items.records[1].id_json, "42");  // a number id keeps its type
  EXPECT_EQ(items.records[2].id, dir / "a.jsonl" + ":3");
  // The text token range covers exactly the JSON string of the text.
  const Record& r = items.records[0];
  EXPECT_EQ(r.raw.substr(r.text_token_begin, r.text_token_end - r.text_token_begin), "\"hello\\nworld\"");
}

TEST(JsonlReader, CustomFieldNames) {
  TempDir dir;
  WriteFile(dir / "a.jsonl", "{\"doc_id\":\"d\",\"content\":\"body\",\"text\":5}\n");
  ReaderOptions opt;
  opt.text_field = "content";
  opt.id_field = "doc_id";
  auto items = ReadAll(dir / "a.jsonl", opt);
  ASSERT_EQ(items.records.size(), 1u);
  EXPECT_EQ(items.records[0].id, "d");
  EXPECT_EQ(items.records[0].text, "body");
}

struct RejectCase {
  const char* name;
  std::string line;
  RejectReason reason;
};

TEST(JsonlReader, EveryRejectReasonWithItsLineNumber) {
  const std::vector<RejectCase> cases = {
      {"broken json", "{\"id\":1,\"text\":\"abc\"", RejectReason::kInvalidJson},
      {"trailing garbage", "{\"text\":\"abc\"} x", RejectReason::kInvalidJson},
      {"bad nested value", "{\"text\":\"abc\",\"m\":[1,tru]}", RejectReason::kInvalidJson},
      {"missing text", "{\"id\":\"m\",\"body\":\"abc\"}", RejectReason::kMissingText},
      {"numeric text", "{\"id\":\"n\",\"text\":12}", RejectReason::kTextNotString},
      {"null text", "{\"id\":\"n\",\"text\":null}", RejectReason::kTextNotString},
      {"invalid utf8", "{\"id\":\"u\",\"text\":\"caf\xE9\"}", RejectReason::kInvalidUtf8},
      {"array line", "[1,2,3]", RejectReason::kNotAnObject},
      {"prose starting like null", "nothing here is JSON", RejectReason::kInvalidJson},
      {"a bare word", "true story", RejectReason::kInvalidJson},
      {"a bare number", "2024", RejectReason::kNotAnObject},
      {"duplicate text", "{\"text\":\"a\",\"text\":\"b\"}", RejectReason::kDuplicateText},
  };
  TempDir dir;
  std::string data = "{\"id\":\"good0\",\"text\":\"fine\"}\n";
  for (const auto& c : cases) data += c.line + "\n{\"id\":\"good\",\"text\":\"fine\"}\n";
  WriteFile(dir / "mixed.jsonl", data);
  auto items = ReadAll(dir / "mixed.jsonl");
  ASSERT_TRUE(items.status.ok());
  EXPECT_EQ(items.records.size(), cases.size() + 1);
  ASSERT_EQ(items.rejects.size(), cases.size());
  for (size_t i = 0; i < cases.size(); ++i) {
    EXPECT_EQ(items.rejects[i].reason, cases[i].reason) << cases[i].name << ": " << items.rejects[i].detail;
    EXPECT_EQ(items.rejects[i].pos.line, 2 + 2 * i) << cases[i].name;
    EXPECT_FALSE(items.rejects[i].detail.empty());
  }
}

TEST(JsonlReader, TooLargeRecordIsRejectedAndReadingGoesOn) {
  TempDir dir;
  std::string big = "{\"text\":\"" + std::string(5000, 'a') + "\"}";
  WriteFile(dir / "a.jsonl", "{\"text\":\"small\"}\n" + big + "\n{\"text\":\"after\"}\n");
  ReaderOptions opt;
  opt.max_record_bytes = 1000;
  auto items = ReadAll(dir / "a.jsonl", opt);
  ASSERT_EQ(items.records.size(), 2u);
  ASSERT_EQ(items.rejects.size(), 1u);
  EXPECT_EQ(items.rejects[0].reason, RejectReason::kTooLarge);
  EXPECT_EQ(items.rejects[0].pos.line, 2u);
  EXPECT_EQ(items.records[1].text, "after");
}

TEST(JsonlReader, BomCrlfAndBlankLines) {
  TempDir dir;
  WriteFile(dir / "a.jsonl", "\xEF\xBB\xBF{\"text\":\"one\"}\r\n\r\n   \n{\"text\":\"two\"}\r\n");
  auto items = ReadAll(dir / "a.jsonl");
  ASSERT_TRUE(items.rejects.empty()) << items.rejects[0].detail;
  ASSERT_EQ(items.records.size(), 2u);
  EXPECT_EQ(items.records[0].text, "one");
  EXPECT_EQ(items.records[1].pos.line, 4u);
}

TEST(JsonlReader, CompressedInputsReadTheSameRecords) {
  TempDir dir;
  std::string data;
  for (int i = 0; i < 300; ++i) data += "{\"id\":" + std::to_string(i) + ",\"text\":\"record " + std::to_string(i) + "\"}\n";
  WriteFile(dir / "c.jsonl", data);
  WriteWith(dir / "c.jsonl.gz", data);
  WriteWith(dir / "c.jsonl.zst", data);
  auto plain = ReadAll(dir / "c.jsonl");
  for (const char* name : {"c.jsonl.gz", "c.jsonl.zst"}) {
    auto z = ReadAll(dir / name);
    ASSERT_TRUE(z.status.ok()) << z.status.message();
    ASSERT_EQ(z.records.size(), plain.records.size()) << name;
    for (size_t i = 0; i < z.records.size(); ++i) EXPECT_EQ(z.records[i].raw, plain.records[i].raw);
  }
}

// A compressed JSONL file cut short (an interrupted download): the records
// before the cut are read; the cut-off line is one `corrupt-input` reject
// with its line; then the input ends. Nothing stops the run.
TEST(JsonlReader, ACutCompressedFileGivesItsRecordsThenOneReject) {
  TempDir dir;
  std::string data;
  // Big enough for several zstd blocks (a block is decoded whole or not at all).
  for (int i = 0; i < 20000; ++i) {
    data += "{\"id\":" + std::to_string(i) + ",\"text\":\"record " + std::to_string(i * 7919 % 10007) + " of the file\"}\n";
  }
  for (const char* name : {"c.jsonl.gz", "c.jsonl.zst"}) {
    testing::WriteCutShort(dir / name, data, 0.75);
    auto items = ReadAll(dir / name);
    ASSERT_TRUE(items.status.ok()) << items.status.message();
    ASSERT_GT(items.records.size(), 5000u) << name;
    ASSERT_LT(items.records.size(), 20000u) << name;
    for (size_t i = 0; i < items.records.size(); ++i) ASSERT_EQ(items.records[i].id, std::to_string(i)) << name;
    ASSERT_EQ(items.rejects.size(), 1u) << name;
    const Reject& r = items.rejects[0];
    EXPECT_EQ(r.reason, RejectReason::kCorruptInput) << name;
    EXPECT_EQ(r.pos.line, items.records.size() + 1) << name;
    EXPECT_EQ(r.pos.offset, items.records.back().pos.offset + items.records.back().raw_bytes) << name;
    EXPECT_NE(r.detail.find("truncated"), std::string::npos) << r.detail;
    EXPECT_NE(r.detail.find(dir / name), std::string::npos) << "names the file: " << r.detail;
  }
}

// A gzip member with corrupt bytes mid-way (not at the end) fails its CRC:
// what inflate made of it (garbage after the fault, though a line of it
// may parse as a record) is not read, and the fault is one `corrupt-input`
// reject. A member too large to hold back (16 MiB decoded) is read as zcat
// would, the held part before the fault aside: its first records come out.
TEST(JsonlReader, ACorruptMemberIsNotReadAndALargeOneOnlyUpToTheFault) {
  TempDir dir;
  for (int lines : {4000, 600000}) {
    std::string data;
    for (int i = 0; i < lines; ++i) {
      data += "{\"id\":" + std::to_string(i) + ",\"text\":\"line " + std::to_string(int64_t{i} * 7919 % 10007) + " of it\"}\n";
    }
    const bool large = data.size() > (size_t{20} << 20);
    ASSERT_EQ(large, lines == 600000) << data.size();
    WriteWith(dir / "c.jsonl.gz", data);
    std::string bytes = testing::ReadFile(dir / "c.jsonl.gz");
    const size_t at = bytes.size() * 9 / 10;
    for (size_t k = at; k < at + 64; ++k) bytes[k] = static_cast<char>(bytes[k] ^ 0x5a);
    WriteFile(dir / "c.jsonl.gz", bytes);
    auto items = ReadAll(dir / "c.jsonl.gz");
    ASSERT_TRUE(items.status.ok()) << items.status.message();
    ASSERT_FALSE(items.rejects.empty());
    EXPECT_EQ(items.rejects.back().reason, RejectReason::kCorruptInput) << items.rejects.back().detail;
    EXPECT_NE(items.rejects.back().detail.find("corrupt gzip member at compressed byte 0 "), std::string::npos)
        << items.rejects.back().detail;
    if (!large) {
      EXPECT_EQ(items.records.size(), 0u);
      EXPECT_EQ(items.rejects.size(), 1u);
      continue;
    }
    EXPECT_GT(items.records.size(), static_cast<size_t>(lines) / 2);
    EXPECT_LT(items.records.size(), static_cast<size_t>(lines));
    for (size_t i = 0; i < items.records.size(); ++i) ASSERT_EQ(items.records[i].id, std::to_string(i));
  }
}

// A file of several gzip members or zstd frames (winnow's own outputs,
// BGZF, concatenated files) with the second corrupt: the records of the
// first and third are all read, and the fault is one `corrupt-input` reject
// between them that names the file; what inflate made of the corrupt part
// before it saw the fault is rejected line by line, as above.
TEST(JsonlReader, ACorruptMemberIsOneRejectAndTheMembersAfterItAreRead) {
  TempDir dir;
  std::vector<std::string> parts(3);
  for (int i = 0; i < 4500; ++i) {
    parts[static_cast<size_t>(i / 1500)] += "{\"id\":" + std::to_string(i) + ",\"text\":\"record " +
                                            std::to_string(i * 7919 % 10007) + " of the file\"}\n";
  }
  for (const char* name : {"m.jsonl.gz", "m.jsonl.zst"}) {
    testing::WriteParts(dir / name, parts, 2);
    auto items = ReadAll(dir / name);
    ASSERT_TRUE(items.status.ok()) << items.status.message();
    std::vector<const Reject*> faults;
    for (const Reject& r : items.rejects) {
      if (r.reason == RejectReason::kCorruptInput) faults.push_back(&r);
    }
    ASSERT_EQ(faults.size(), 1u) << name;
    EXPECT_EQ(faults[0]->detail.find(dir / name), 0u) << faults[0]->detail;
    EXPECT_NE(faults[0]->detail.find("skipped to the next one that decodes"), std::string::npos) << faults[0]->detail;
    ASSERT_GE(items.records.size(), 3000u) << name;
    const size_t n = items.records.size();
    for (size_t i = 0; i < 1500; ++i) ASSERT_EQ(items.records[i].id, std::to_string(i)) << name;
    for (size_t i = 0; i < 1500; ++i) ASSERT_EQ(items.records[n - 1500 + i].id, std::to_string(3000 + i)) << name;
    EXPECT_LT(n, 4500u) << name;
    EXPECT_GT(faults[0]->pos.line, items.records[n - 1501].pos.line) << name;
    EXPECT_LT(faults[0]->pos.line, items.records[n - 1500].pos.line) << name;
  }
}

TEST(TextReader, DirectoryIsWalkedRecursivelyInSortedOrder) {
  TempDir dir;
  WriteFile(dir / "corpus/b.txt", "bee");
  WriteFile(dir / "corpus/a.txt", "ay");
  WriteFile(dir / "corpus/sub/c.txt", "sea");
  WriteWith(dir / "corpus/sub/d.txt.gz", "dee, compressed");
  WriteFile(dir / "corpus/bad.txt", "caf\xE9");
  auto items = ReadAll(dir / "corpus");
  ASSERT_TRUE(items.status.ok());
  std::vector<std::string> ids;
  for (const auto& r : items.records) ids.push_back(r.id);
  EXPECT_EQ(ids, (std::vector<std::string>{"a.txt", "b.txt", "sub/c.txt", "sub/d.txt.gz"}));
  EXPECT_EQ(items.records[3].text, "dee, compressed");
  ASSERT_EQ(items.rejects.size(), 1u);
  EXPECT_EQ(items.rejects[0].reason, RejectReason::kInvalidUtf8);
  EXPECT_NE(items.rejects[0].pos.input.find("bad.txt"), std::string::npos);
}

std::string Warc(const std::string& type, const std::string& id, const std::string& uri, const std::string& body) {
  return "WARC/1.0\r\nWARC-Type: " + type + "\r\nWARC-Target-URI: " + uri + "\r\nWARC-Date: 2024-01-01T00:00:00Z\r\n" +
         "WARC-Record-ID: " + id + "\r\nContent-Type: text/plain\r\nContent-Length: " +
         std::to_string(body.size()) + "\r\n\r\n" + body + "\r\n\r\n";
}

TEST(WetReader, ConversionRecordsWithIdAndUrl) {
  TempDir dir;
  std::string wet = Warc("warcinfo", "<urn:uuid:info>", "", "software: test\r\n") +
                    Warc("conversion", "<urn:uuid:1>", "https://a.example/x", "First page\nwith two lines") +
                    Warc("conversion", "<urn:uuid:2>", "https://b.example/y", "Second page \xC3\xA9t\xC3\xA9");
  WriteWith(dir / "x.warc.wet.gz", wet);
  auto items = ReadAll(dir / "x.warc.wet.gz");
  ASSERT_TRUE(items.status.ok()) << items.status.message();
  ASSERT_TRUE(items.rejects.empty());
  ASSERT_EQ(items.records.size(), 2u);
  EXPECT_EQ(items.records[0].id, "<urn:uuid:1>");
  EXPECT_EQ(items.records[0].url, "https://a.example/x");
  EXPECT_EQ(items.records[0].text, "First page\nwith two lines");
  EXPECT_EQ(items.records[1].text, "Second page \xC3\xA9t\xC3\xA9");
  EXPECT_EQ(items.records[0].format, InputFormat::kWet);
}

TEST(WetReader, BlockCutShortIsRejectedNotLost) {
  TempDir dir;
  std::string wet = Warc("conversion", "<urn:uuid:1>", "u", "complete");
  std::string cut = Warc("conversion", "<urn:uuid:2>", "u", "this block is cut short");
  WriteFile(dir / "cut.wet", wet + cut.substr(0, cut.size() - 15));
  auto items = ReadAll(dir / "cut.wet");
  ASSERT_EQ(items.records.size(), 1u);
  ASSERT_EQ(items.rejects.size(), 1u);
  EXPECT_EQ(items.rejects[0].reason, RejectReason::kInvalidWarc);
}

TEST(WetReader, ACutGzipFileGivesItsRecordsThenOneReject) {
  TempDir dir;
  std::string wet;
  for (int i = 0; i < 500; ++i) {
    wet += Warc("conversion", "<urn:uuid:" + std::to_string(i) + ">", "https://a.example/" + std::to_string(i),
                "Page " + std::to_string(i * 7919 % 10007) + "\nwith a second line");
  }
  testing::WriteCutShort(dir / "x.warc.wet.gz", wet, 0.5);
  auto items = ReadAll(dir / "x.warc.wet.gz");
  ASSERT_TRUE(items.status.ok()) << items.status.message();
  ASSERT_GT(items.records.size(), 10u);
  ASSERT_LT(items.records.size(), 500u);
  EXPECT_EQ(items.records.back().id, "<urn:uuid:" + std::to_string(items.records.size() - 1) + ">");
  ASSERT_EQ(items.rejects.size(), 1u);
  EXPECT_EQ(items.rejects[0].reason, RejectReason::kCorruptInput) << items.rejects[0].detail;
}

// A WET file has a gzip member a record. One corrupt record is one
// `corrupt-input` reject, and every other record is read: one inside the
// head read to tell the format, and one past it.
TEST(WetReader, ACorruptRecordIsOneRejectAndTheOthersAreRead) {
  TempDir dir;
  for (size_t body : {100u, 3000u}) {
    for (size_t bad : {2u, 6u}) {
      std::vector<std::string> members{Warc("warcinfo", "<urn:uuid:info>", "", "software: test\r\n")};
      for (int i = 0; i < 8; ++i) {
        std::string text = "Page " + std::to_string(i) + ".";
        for (size_t k = 0; text.size() < body; ++k) text += " word" + std::to_string((k * 7919 + i) % 10007);
        members.push_back(Warc("conversion", "<urn:uuid:" + std::to_string(i) + ">", "u", text));
      }
      const std::string path = dir / ("m" + std::to_string(body) + "-" + std::to_string(bad) + ".warc.wet.gz");
      // Member `bad` (1-based; the first is warcinfo) is record bad - 2.
      testing::WriteParts(path, members, bad + 1);
      auto items = ReadAll(path);
      ASSERT_TRUE(items.status.ok()) << items.status.message();
      std::vector<std::string> ids;
      for (const Record& r : items.records) ids.push_back(r.id);
      std::vector<std::string> want;
      for (size_t i = 0; i < 8; ++i) {
        if (i + 2 != bad + 1) want.push_back("<urn:uuid:" + std::to_string(i) + ">");
      }
      EXPECT_EQ(ids, want) << path;
      ASSERT_EQ(items.rejects.size(), 1u) << path;
      EXPECT_EQ(items.rejects[0].reason, RejectReason::kCorruptInput) << items.rejects[0].detail;
    }
  }
}

// A text file is one record: a corrupt member inside it makes it
// incomplete, rejected whole, not a record with a hole in it; alone (read
// through the format sniffing) or in a folder.
TEST(TextReader, ACorruptMemberRejectsTheFileWhole) {
  TempDir dir;
  std::vector<std::string> parts(3);
  for (int i = 0; i < 3000; ++i) parts[static_cast<size_t>(i / 1000)] += "line " + std::to_string(i * 7919 % 10007) + " of a text file\n";
  WriteFile(dir / "corpus/b.txt", "the next file");
  testing::WriteParts(dir / "corpus/a.txt.gz", parts, 2);
  for (const char* input : {"corpus/a.txt.gz", "corpus"}) {
    auto items = ReadAll(dir / input);
    ASSERT_TRUE(items.status.ok()) << items.status.message();
    ASSERT_EQ(items.records.size(), input[6] == '/' ? 0u : 1u) << input;
    if (!items.records.empty()) {
      EXPECT_EQ(items.records[0].text, "the next file");
    }
    ASSERT_EQ(items.rejects.size(), 1u) << input;
    EXPECT_EQ(items.rejects[0].reason, RejectReason::kCorruptInput) << input;
    EXPECT_NE(items.rejects[0].detail.find("the file is incomplete"), std::string::npos) << items.rejects[0].detail;
  }
}

TEST(TextReader, ACutCompressedFileIsRejectedAndTheNextIsRead) {
  TempDir dir;
  std::string text;
  for (int i = 0; i < 3000; ++i) text += "line " + std::to_string(i * 7919 % 10007) + " of a text file\n";
  WriteFile(dir / "corpus/b.txt", "the next file");
  testing::WriteCutShort(dir / "corpus/a.txt.gz", text, 0.5);
  auto items = ReadAll(dir / "corpus");
  ASSERT_TRUE(items.status.ok()) << items.status.message();
  ASSERT_EQ(items.records.size(), 1u);
  EXPECT_EQ(items.records[0].text, "the next file");
  ASSERT_EQ(items.rejects.size(), 1u);
  EXPECT_EQ(items.rejects[0].reason, RejectReason::kCorruptInput);
  EXPECT_NE(items.rejects[0].pos.input.find("a.txt.gz"), std::string::npos);
}

TEST(JsonString, EscapesEveryByteThatNeedsItAtEveryPosition) {
  // The writer skips clean bytes eight at a time; a special byte anywhere
  // in (or across) a word must still be escaped, UTF-8 passed through.
  auto slow = [](std::string_view s) {
    std::string o = "\"";
    for (unsigned char c : s) {
      if (c == '"') o += "\\\"";
      else if (c == '\\') o += "\\\\";
      else if (c == '\n') o += "\\n";
      else if (c == '\r') o += "\\r";
      else if (c == '\t') o += "\\t";
      else if (c == '\b') o += "\\b";
      else if (c == '\f') o += "\\f";
      else if (c < 0x20) {
        char buf[8];
        std::snprintf(buf, sizeof(buf), "\\u%04x", c);
        o += buf;
      } else o += static_cast<char>(c);
    }
    return o + "\"";
  };
  for (char special : {'"', '\\', '\n', '\x01', '\x1f', '\t'}) {
    for (size_t at = 0; at < 20; ++at) {
      std::string s = "caf\xC3\xA9 and some plain text!";
      s[at] = special;
      EXPECT_EQ(JsonString(s), slow(s)) << at;
    }
  }
  EXPECT_EQ(JsonString(""), "\"\"");
  EXPECT_EQ(JsonString("\x7f ~ \xE2\x80\x94"), "\"\x7f ~ \xE2\x80\x94\"");
}

TEST(SniffFormat, FromBytesAndName) {
  EXPECT_EQ(SniffFormat("x", "WARC/1.0\r\n", 10), InputFormat::kWet);
  EXPECT_EQ(SniffFormat("x.jsonl.zst", "garbage", 7), InputFormat::kJsonl);
  EXPECT_EQ(SniffFormat("-", "  {\"a\":1}", 9), InputFormat::kJsonl);
  EXPECT_EQ(SniffFormat("story.txt", "Once upon", 9), InputFormat::kText);
}

}  // namespace
}  // namespace winnow
