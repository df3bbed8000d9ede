#include "winnow/pipeline.h"

#include <gtest/gtest.h>

#include <cstring>
#include <random>

#include "test_util.h"
#include "winnow/source.h"

namespace winnow {
namespace {

using testing::ReadDecompressed;
using testing::ReadFile;
using testing::TempDir;
using testing::WriteFile;
using testing::WriteWith;

// A corpus with duplicates, repeats, empties and every kind of bad line.
std::string MixedCorpus() {
  std::string s;
  for (int i = 0; i < 400; ++i) {
    // 150 distinct stories of random words; records 150..399 repeat them.
    std::mt19937 rng(static_cast<uint32_t>(i % 150));
    std::string story;
    for (int w = 0; w < 60; ++w) {
      story.push_back('w');
      story += std::to_string(rng() % 50000);
      story.push_back(' ');
    }
    std::string head = "Headline " + std::to_string(i % 150);
    std::string text = head + "\\n\\n" + head + "\\n" + story;
    s += "{\"id\":\"r" + std::to_string(i) + "\",\"text\":\"" + text + "\",\"n\":" + std::to_string(i) + "}\n";
    if (i % 97 == 0) s += "{\"id\":\"bad" + std::to_string(i) + "\",\"text\":12}\n";
    if (i % 89 == 0) s += "{broken\n";
    if (i % 83 == 0) s += "{\"id\":\"e" + std::to_string(i) + "\",\"text\":\"  \\n \"}\n";
  }
  s += "{\"id\":\"utf\",\"text\":\"caf\xE9\"}\n";
  return s;
}

struct RunOut {
  Status status;
  Report report;
  std::string kept, dropped, rejects, report_json;
};

RunOut RunOn(const TempDir& dir, std::vector<std::string> inputs, Mode mode, int threads,
             const std::string& tag, PipelineOptions base = {}) {
  PipelineOptions o = base;
  o.mode = mode;
  o.inputs = std::move(inputs);
  o.threads = threads;
  // Many batches, so ordering (and the reuse of batches) is exercised,
  // unless the test sets its own size.
  if (o.batch_records == PipelineOptions{}.batch_records) o.batch_records = 16;
  o.output = dir / ("kept-" + tag + ".jsonl");
  o.dropped_path = dir / ("dropped-" + tag + ".jsonl");
  o.rejects_path = dir / ("rejects-" + tag + ".jsonl");
  o.report_path = dir / ("report-" + tag + ".json");
  RunOut r;
  r.status = Pipeline(o).Run(&r.report);
  r.kept = ReadFile(o.output);
  r.dropped = ReadFile(o.dropped_path);
  r.rejects = ReadFile(o.rejects_path);
  r.report_json = ReadFile(o.report_path);
  return r;
}

size_t Lines(const std::string& s) { return static_cast<size_t>(std::count(s.begin(), s.end(), '\n')); }

TEST(Pipeline, EveryRecordIsKeptDroppedOrRejected) {
  TempDir dir;
  WriteFile(dir / "in.jsonl", MixedCorpus());
  for (Mode mode : {Mode::kRun, Mode::kClean, Mode::kDedup}) {
    auto r = RunOn(dir, {dir / "in.jsonl"}, mode, 2, ModeName(mode));
    ASSERT_TRUE(r.status.ok()) << r.status.message();
    const Counts& c = r.report.total;
    EXPECT_TRUE(c.Balanced()) << ModeName(mode);
    EXPECT_EQ(c.records_in, 400u + 5 + 5 + 5 + 1) << ModeName(mode);
    EXPECT_EQ(Lines(r.kept), c.kept);
    EXPECT_EQ(Lines(r.dropped), c.dropped_total());
    EXPECT_EQ(Lines(r.rejects), c.rejected_total());
    EXPECT_EQ(c.rejected.at("text-not-string"), 5u);
    EXPECT_EQ(c.rejected.at("invalid-json"), 5u);
    EXPECT_EQ(c.rejected.at("invalid-utf8"), 1u);
    EXPECT_EQ(c.dropped.at("empty"), mode == Mode::kDedup ? 5u : 5u);
    EXPECT_NE(r.report_json.find("\"balanced\": true"), std::string::npos);
    if (mode != Mode::kClean) {
      EXPECT_EQ(c.kept, 150u);  // 150 distinct stories
      EXPECT_EQ(c.dropped.at("exact-duplicate"), 250u);
    }
  }
}

// Records of a headline (2 words) and 1 to 6 lines of 12 random words,
// each printed twice.
std::string LinesOfManyLengths() {
  std::string s;
  for (int copy = 0; copy < 2; ++copy) {
    for (int k = 1; k <= 6; ++k) {
      std::mt19937 rng(static_cast<uint32_t>(k));
      std::string text = "Headline " + std::to_string(k);
      for (int j = 0; j < k; ++j) {
        text += "\\n";
        for (int w = 0; w < 12; ++w) text += (w ? " w" : "w") + std::to_string(rng() % 50000);
      }
      s += "{\"id\":\"p" + std::to_string(k) + "-" + std::to_string(copy) + "\",\"text\":\"" + text + "\"}\n";
    }
  }
  return s;
}

TEST(Pipeline, ARecordWithFewerWordsThanMinWordsIsDroppedTooShort) {
  // --min-words 40: the records of 1 to 3 lines (up to 38 words with their
  // headline) go as "too-short", and are not in the dedup index; the longer
  // ones stay, their second copies dropped as duplicates. Every record is
  // accounted for, whatever the thread count. (Context off: every line
  // stays, so the words are those of the input.)
  TempDir dir;
  WriteFile(dir / "in.jsonl", LinesOfManyLengths());
  PipelineOptions base;
  base.cleaner.use_context = false;
  base.min_words = 40;
  std::string first;
  for (int threads : {1, 2}) {
    RunOut r = RunOn(dir, {dir / "in.jsonl"}, Mode::kRun, threads, "short" + std::to_string(threads), base);
    ASSERT_TRUE(r.status.ok()) << r.status.message();
    const Counts& c = r.report.total;
    EXPECT_TRUE(c.Balanced());
    EXPECT_EQ(c.dropped.at("too-short"), 6u) << r.dropped;
    EXPECT_EQ(c.kept, 3u) << r.kept;
    EXPECT_EQ(c.dropped.at("exact-duplicate"), 3u);
    EXPECT_NE(r.dropped.find("{\"id\":\"p1-1\",\"reason\":\"too-short\",\"duplicate_of\":null"), std::string::npos)
        << r.dropped;
    EXPECT_EQ(r.kept.find("\"p3-0\""), std::string::npos);
    EXPECT_NE(r.kept.find("\"p4-0\""), std::string::npos);
    EXPECT_NE(r.report_json.find("\"min_words\": 40"), std::string::npos) << r.report_json;
    if (first.empty()) first = r.kept + r.dropped;
    EXPECT_EQ(r.kept + r.dropped, first);
  }
  // 0 (the default) keeps a record of any length.
  base.min_words = 0;
  RunOut r = RunOn(dir, {dir / "in.jsonl"}, Mode::kClean, 2, "short-off", base);
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  EXPECT_EQ(r.report.total.kept, 12u);
}

// The report names what made the output: the version, every setting under
// its option's name, and the rules, so that a run can be made again.
TEST(Pipeline, TheReportSaysWhichSettingsAndRulesMadeTheOutput) {
  TempDir dir;
  std::string in = dir / "in.jsonl";
  WriteFile(in, MixedCorpus());
  PipelineOptions base;
  base.dedup.threshold = 0.7;
  base.cleaner.use_context = false;
  base.cleaner.languages = {"en", "de"};
  RunOut r = RunOn(dir, {in}, Mode::kRun, 2, "described", base);
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  EXPECT_EQ(r.report.version, std::string(Version()));
  auto option = [&](const Report& rep, const std::string& name) {
    for (const auto& [k, v] : rep.options) {
      if (k == name) return v;
    }
    return std::string("(absent)");
  };
  EXPECT_EQ(option(r.report, "threshold"), "0.7");
  EXPECT_EQ(option(r.report, "no_context"), "true");
  EXPECT_EQ(option(r.report, "no_repeats"), "false");
  EXPECT_EQ(option(r.report, "languages"), "[\"en\", \"de\"]");
  EXPECT_EQ(option(r.report, "format"), "\"auto\"");
  EXPECT_NE(r.report_json.find("\"options\": {\n    \"format\": \"auto\","), std::string::npos) << r.report_json;
  auto defaults = LoadRules({}, {});
  ASSERT_TRUE(defaults.ok());
  EXPECT_EQ(r.report.rules, defaults.value()->rules().size());
  EXPECT_EQ(r.report.rules_fingerprint, defaults.value()->Fingerprint());
  ASSERT_FALSE(r.report.rule_packs.empty());
  EXPECT_EQ(r.report.rule_packs.front(), "<default:en>");

  // dedup: no cleaning settings, no rules.
  RunOut d = RunOn(dir, {in}, Mode::kDedup, 1, "dedup-described", base);
  ASSERT_TRUE(d.status.ok());
  EXPECT_EQ(option(d.report, "threshold"), "0.7");
  EXPECT_EQ(option(d.report, "no_context"), "(absent)");
  EXPECT_EQ(d.report.rules, 0u);
  EXPECT_EQ(d.report_json.find("\"rules\""), std::string::npos);
}

TEST(Pipeline, OutputIsByteIdenticalForAnyThreadCount) {
  TempDir dir;
  WriteFile(dir / "in.jsonl", MixedCorpus());
  auto one = RunOn(dir, {dir / "in.jsonl"}, Mode::kRun, 1, "j1");
  auto two = RunOn(dir, {dir / "in.jsonl"}, Mode::kRun, 2, "j2");
  auto four = RunOn(dir, {dir / "in.jsonl"}, Mode::kRun, 4, "j4");
  ASSERT_TRUE(one.status.ok());
  EXPECT_EQ(one.kept, two.kept);
  EXPECT_EQ(one.kept, four.kept);
  EXPECT_EQ(one.dropped, two.dropped);
  EXPECT_EQ(one.rejects, four.rejects);
}

// Batches are reused: a batch the pipeline is done with is filled again,
// its records' strings and vectors keeping their memory. Nothing of a
// record may outlive it there: records of every kind (with and without an
// id or a url, long and short, rejected, empty, cleaned, duplicated) in
// batches of 7 give what one batch, never reused, gives.
TEST(Pipeline, ReusedBatchesGiveTheOutputOfFreshOnes) {
  TempDir dir;
  std::string corpus;
  std::mt19937 rng(7);
  auto words = [&](int n) {
    std::string w;
    for (int i = 0; i < n; ++i) w.append("w").append(std::to_string(rng() % 3000)).append(i % 12 == 11 ? ". " : " ");
    return w;
  };
  for (int i = 0; i < 300; ++i) {
    const std::string head = "Story number " + std::to_string(i % 40) + " today";
    switch (i % 5) {
      case 0:  // id, url, a rule's line, a long story
        corpus += "{\"id\":\"a" + std::to_string(i) + "\",\"url\":\"https://s" + std::to_string(i % 3) +
                  ".example/p\",\"text\":\"" + head + "\\n" + words(400) + "\\nShare this\"}\n";
        break;
      case 1:  // no id, no url, short
        corpus += "{\"text\":\"" + words(8) + "\"}\n";
        break;
      case 2:  // a number id, the headline twice
        corpus += "{\"id\":" + std::to_string(i) + ",\"text\":\"" + head + "\\n\\n" + head + "\\n" + words(60) +
                  "\"}\n";
        break;
      case 3:  // an earlier story again, or nothing but blanks
        corpus += i % 2 ? "{\"id\":\"c" + std::to_string(i) + "\",\"text\":\"" + head + "\\n" + words(0) + "\"}\n"
                        : "{\"id\":\"e" + std::to_string(i) + "\",\"text\":\" \\n \"}\n";
        break;
      default:  // rejected
        corpus += i % 2 ? "{\"id\":\"t" + std::to_string(i) + "\",\"text\":[1]}\n" : "{\"id\":\n";
    }
  }
  WriteFile(dir / "in.jsonl", corpus);
  for (Mode mode : {Mode::kRun, Mode::kClean, Mode::kDedup}) {
    PipelineOptions one_batch;
    one_batch.annotate = true;
    one_batch.batch_records = 100000;
    PipelineOptions small = one_batch;
    small.batch_records = 7;
    const std::string m = ModeName(mode);
    auto fresh = RunOn(dir, {dir / "in.jsonl"}, mode, 1, m + "-fresh", one_batch);
    ASSERT_TRUE(fresh.status.ok()) << fresh.status.message();
    ASSERT_GT(fresh.report.total.dropped_total(), 0u) << m;
    ASSERT_GT(fresh.report.total.rejected_total(), 0u) << m;
    for (int threads : {1, 2}) {
      auto reused = RunOn(dir, {dir / "in.jsonl"}, mode, threads, m + "-reused", small);
      ASSERT_TRUE(reused.status.ok()) << reused.status.message();
      EXPECT_EQ(reused.kept, fresh.kept) << m << " -j" << threads;
      EXPECT_EQ(reused.dropped, fresh.dropped) << m << " -j" << threads;
      EXPECT_EQ(reused.rejects, fresh.rejects) << m << " -j" << threads;
    }
  }
}

TEST(Pipeline, PlainGzipAndZstdInputsGiveIdenticalOutput) {
  TempDir dir;
  std::string corpus = MixedCorpus();
  WriteFile(dir / "in.jsonl", corpus);
  WriteWith(dir / "in.jsonl.gz", corpus);
  WriteWith(dir / "in.jsonl.zst", corpus);
  auto plain = RunOn(dir, {dir / "in.jsonl"}, Mode::kRun, 2, "plain");
  auto gz = RunOn(dir, {dir / "in.jsonl.gz"}, Mode::kRun, 2, "gz");
  auto zst = RunOn(dir, {dir / "in.jsonl.zst"}, Mode::kRun, 2, "zst");
  ASSERT_TRUE(gz.status.ok() && zst.status.ok());
  EXPECT_EQ(plain.kept, gz.kept);
  EXPECT_EQ(plain.kept, zst.kept);
  // Dropped lines name their input file; the rest must agree.
  auto strip = [](std::string s) {
    for (const char* ext : {".gz", ".zst"}) {
      for (size_t p; (p = s.find(std::string("in.jsonl") + ext)) != std::string::npos;) s.erase(p + 8, std::strlen(ext));
    }
    return s;
  };
  EXPECT_EQ(plain.dropped, strip(zst.dropped));
  EXPECT_EQ(plain.dropped, strip(gz.dropped));
}

TEST(Pipeline, CompressedOutputsHoldThePlainOutputAndDoNotDependOnThreads) {
  // Compressed outputs are compressed batch by batch on any thread: they
  // must read back as the plain output, and be the same bytes for any -j.
  TempDir dir;
  WriteFile(dir / "in.jsonl", MixedCorpus());
  auto plain = RunOn(dir, {dir / "in.jsonl"}, Mode::kRun, 2, "plain");
  ASSERT_TRUE(plain.status.ok());
  for (const char* ext : {".gz", ".zst"}) {
    std::string bytes[2];
    for (int threads : {1, 3}) {
      PipelineOptions o;
      o.mode = Mode::kRun;
      o.inputs = {dir / "in.jsonl"};
      o.threads = threads;
      o.batch_records = 16;
      o.output = dir / ("kept-" + std::to_string(threads) + ".jsonl" + ext);
      o.dropped_path = dir / ("dropped-" + std::to_string(threads) + ".jsonl" + ext);
      Report report;
      ASSERT_TRUE(Pipeline(o).Run(&report).ok()) << ext;
      EXPECT_EQ(ReadDecompressed(o.output), plain.kept) << ext << " -j" << threads;
      EXPECT_EQ(ReadDecompressed(o.dropped_path), plain.dropped) << ext << " -j" << threads;
      bytes[threads == 1 ? 0 : 1] = ReadFile(o.output);
    }
    EXPECT_EQ(bytes[0], bytes[1]) << ext;
  }
}

TEST(Pipeline, KeptRecordsKeepOtherFieldsAndKeyOrder) {
  TempDir dir;
  WriteFile(dir / "in.jsonl",
            "{\"z\":1.50,\"text\":\"Bridge Opens Again\\nBridge Opens Again\\nBody text here.\",\"a\":[true,null],\"id\":\"x\"}\n"
            "{\"z\":2,\"text\":\"Untouched body.\",\"id\":\"y\"}\n");
  auto r = RunOn(dir, {dir / "in.jsonl"}, Mode::kClean, 1, "fields");
  ASSERT_TRUE(r.status.ok());
  EXPECT_EQ(r.kept,
            "{\"z\":1.50,\"text\":\"Bridge Opens Again\\nBody text here.\",\"a\":[true,null],\"id\":\"x\"}\n"
            "{\"z\":2,\"text\":\"Untouched body.\",\"id\":\"y\"}\n");
}

TEST(Pipeline, AnnotateListsRemovedSpansAsOriginalByteOffsets) {
  TempDir dir;
  WriteFile(dir / "in.jsonl", "{\"id\":\"x\",\"text\":\"Big Title Here\\nBig Title Here\\nBody.\\nShare this\"}\n");
  PipelineOptions base;
  base.annotate = true;
  auto r = RunOn(dir, {dir / "in.jsonl"}, Mode::kClean, 1, "ann", base);
  ASSERT_TRUE(r.status.ok());
  EXPECT_EQ(r.kept,
            "{\"id\":\"x\",\"text\":\"Big Title Here\\nBody.\","
            "\"winnow_removed\":[[15,29,\"repeat\"],[36,46,\"rule:share-follow\"]]}\n");
}

TEST(Pipeline, SeveralInputsOfEveryFormatInOneRun) {
  TempDir dir;
  WriteFile(dir / "a.jsonl", "{\"id\":\"j\",\"text\":\"From a JSONL file about apples and pears.\"}\n");
  WriteFile(dir / "docs/one.txt", "A text file about oranges and lemons.\n");
  WriteWith(dir / "c.wet.gz",
            "WARC/1.0\r\nWARC-Type: conversion\r\nWARC-Record-ID: <urn:uuid:9>\r\nWARC-Target-URI: https://x.example/\r\n"
            "Content-Length: 35\r\n\r\nA WET page about plums and cherries\r\n\r\n");
  auto r = RunOn(dir, {dir / "a.jsonl", dir / "docs", dir / "c.wet.gz"}, Mode::kRun, 2, "multi");
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  EXPECT_EQ(r.report.total.kept, 3u);
  ASSERT_EQ(r.report.inputs.size(), 3u);
  EXPECT_EQ(r.report.inputs[1].format, "text");
  EXPECT_EQ(r.report.inputs[2].format, "wet");
  EXPECT_EQ(r.report.inputs[2].compression, "gzip");
  EXPECT_NE(r.kept.find("{\"id\":\"one.txt\",\"text\":"), std::string::npos);
  EXPECT_NE(r.kept.find("\"url\":\"https://x.example/\""), std::string::npos);
}

TEST(Pipeline, UnreadableInputStopsTheRunAndLeavesNoOutput) {
  TempDir dir;
  WriteFile(dir / "a.jsonl", "{\"text\":\"fine\"}\n");
  auto r = RunOn(dir, {dir / "a.jsonl", dir / "missing.jsonl"}, Mode::kRun, 2, "missing");
  EXPECT_EQ(r.status.code(), StatusCode::kIoError);
  EXPECT_NE(r.status.message().find("missing.jsonl"), std::string::npos);
  EXPECT_FALSE(std::filesystem::exists(dir / "kept-missing.jsonl"));
  EXPECT_FALSE(std::filesystem::exists(dir / "report-missing.json"));
}

TEST(Pipeline, DroppedLinesNameTheKeptRecord) {
  TempDir dir;
  std::string body = "The same long article body that two different sites published under their own templates today.";
  WriteFile(dir / "in.jsonl", "{\"id\":\"first\",\"text\":\"" + body + "\"}\n{\"id\":\"second\",\"text\":\"" + body + "\"}\n");
  auto r = RunOn(dir, {dir / "in.jsonl"}, Mode::kRun, 1, "dup");
  ASSERT_TRUE(r.status.ok());
  EXPECT_EQ(r.dropped,
            "{\"id\":\"second\",\"reason\":\"exact-duplicate\",\"duplicate_of\":\"first\",\"similarity\":1.0000,"
            "\"input\":\"" + dir / "in.jsonl" + "\",\"line\":2}\n");
}

TEST(Pipeline, PersistentIndexCarriesYesterdaysRecordsIntoTodaysRun) {
  TempDir dir;
  // Day 1: 150 stories; day 2: 150 stories again (ids differ) and 1 new one.
  std::string corpus = MixedCorpus();
  WriteFile(dir / "day1.jsonl", corpus.substr(0, corpus.find("\"id\":\"r150\"") - 1));
  std::string day2;
  for (int i = 0; i < 150; ++i) {
    std::mt19937 rng(static_cast<uint32_t>(i));
    std::string story;
    for (int w = 0; w < 60; ++w) {
      story.push_back('w');
      story += std::to_string(rng() % 50000);
      story.push_back(' ');
    }
    day2 += "{\"id\":\"t" + std::to_string(i) + "\",\"text\":\"Headline " + std::to_string(i) + "\\n" + story + "\"}\n";
  }
  day2 += "{\"id\":\"new\",\"text\":\"An entirely new story that nobody has published before today.\"}\n";
  WriteFile(dir / "day2.jsonl", day2);

  PipelineOptions base;
  base.index_dir = dir / "idx";
  auto d1 = RunOn(dir, {dir / "day1.jsonl"}, Mode::kRun, 2, "d1", base);
  ASSERT_TRUE(d1.status.ok()) << d1.status.message();
  EXPECT_EQ(d1.report.total.kept, 150u);
  EXPECT_EQ(d1.report.index_loaded, 0u);
  ASSERT_TRUE(std::filesystem::exists(dir / "idx/winnow.index"));

  auto d2 = RunOn(dir, {dir / "day2.jsonl"}, Mode::kRun, 2, "d2", base);
  ASSERT_TRUE(d2.status.ok()) << d2.status.message();
  EXPECT_EQ(d2.report.index_loaded, 150u);
  EXPECT_EQ(d2.report.total.kept, 1u);
  EXPECT_EQ(d2.report.total.dropped_total(), 150u) << d2.dropped.substr(0, 400);
  // Yesterday's record is named as the one kept.
  size_t t7 = d2.dropped.find("{\"id\":\"t7\",");
  ASSERT_NE(t7, std::string::npos);
  EXPECT_NE(d2.dropped.substr(t7, d2.dropped.find('\n', t7) - t7).find("\"duplicate_of\":\"r7\""), std::string::npos);
  EXPECT_EQ(d2.report.index_records, 151u);

  // Same as one run over both days, for day 2's records.
  auto both = RunOn(dir, {dir / "day1.jsonl", dir / "day2.jsonl"}, Mode::kRun, 2, "both");
  ASSERT_TRUE(both.status.ok());
  EXPECT_EQ(both.kept, d1.kept + d2.kept);

  // Other parameters: refused before any output is written.
  PipelineOptions other = base;
  other.dedup.shingle.shingle_words = 3;
  auto bad = RunOn(dir, {dir / "day2.jsonl"}, Mode::kRun, 2, "bad", other);
  ASSERT_FALSE(bad.status.ok());
  EXPECT_NE(bad.status.message().find("shingle"), std::string::npos) << bad.status.message();
  EXPECT_FALSE(std::filesystem::exists(dir / "kept-bad.jsonl"));
}

}  // namespace
}  // namespace winnow
