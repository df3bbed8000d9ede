// RunDistributed with threads as ranks (MakeThreadGroup): the shards of N
// ranks, concatenated in rank order, must be the single-process outputs byte
// for byte. The MPI build is checked the same way from the CLI
// (tests/cli/mpi_test.sh).
#include "winnow/distributed.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <random>
#include <thread>

#include "test_util.h"

namespace winnow {
namespace {

using testing::ReadDecompressed;
using testing::ReadFile;
using testing::TempDir;
using testing::WriteFile;
using testing::WriteWith;

std::string Words(std::mt19937* rng, int n) {
  std::string s;
  for (int i = 0; i < n; ++i) {
    if (i) s.push_back(' ');
    s.push_back('w');
    s += std::to_string((*rng)() % 20000);
  }
  return s;
}

// Four sites with their own navigation and footer lines; 90 stories, some
// syndicated to other sites with a few words changed, some copied exactly;
// and bad lines, empty records and records without an id.
std::string SiteCorpus(int seed, int stories) {
  const char* sites[] = {"riverton.example", "lakeside.example", "hilltop.example", "bayview.example"};
  std::string s;
  std::mt19937 rng(static_cast<uint32_t>(seed));
  for (int i = 0; i < stories; ++i) {
    std::mt19937 story_rng(static_cast<uint32_t>(seed * 1000 + i));
    std::vector<std::string> paras;
    for (int p = 0; p < 5; ++p) paras.push_back(Words(&story_rng, 30) + ".");
    int copies = i % 5 == 0 ? 3 : 1;
    for (int c = 0; c < copies; ++c) {
      const char* site = sites[(i + c) % 4];
      std::string text = "Home\\nNews\\nSign up for the " + std::string(site) + " morning letter today\\n\\n";
      text += "Story " + std::to_string(i) + " headline\\n\\n";
      for (int p = 0; p < 5; ++p) {
        std::string para = paras[p];
        if (c > 0 && p == 2) para += " w" + std::to_string(rng() % 20000);  // a light edit
        text += para + "\\n\\n";
      }
      text += "Copyright " + std::string(site) + " all rights reserved\\nShare this story";
      std::string id = i % 17 == 3 && c == 0 ? "" : "\"id\":\"s" + std::to_string(seed) + "-" + std::to_string(i) + "-" +
                                                      std::to_string(c) + "\",";
      s += "{" + id + "\"url\":\"https://www." + site + "/n/" + std::to_string(i) + "\",\"text\":\"" + text + "\"}\n";
      if (i % 11 == 0 && c == 0) s += "{" + id + "\"url\":\"https://" + site + "/x\",\"text\":\"" + text + "\"}\n";
    }
    if (i % 23 == 0) s += "{\"id\":\"bad" + std::to_string(i) + "\",\"text\":7}\n{broken\n";
    if (i % 29 == 0) s += "{\"id\":\"e" + std::to_string(i) + "\",\"text\":\" \\n \"}\n";
  }
  return s;
}

struct Outputs {
  Status status;
  Report report;
  std::string kept, dropped, rejects, clusters;
};

PipelineOptions Options(const TempDir& dir, const std::vector<std::string>& inputs, Mode mode,
                        const std::string& tag) {
  PipelineOptions o;
  o.mode = mode;
  o.inputs = inputs;
  o.threads = 2;
  o.batch_records = 16;
  o.output = dir / (tag + "/kept.jsonl");
  o.dropped_path = dir / (tag + "/dropped.jsonl");
  o.rejects_path = dir / (tag + "/rejects.jsonl");
  o.clusters_path = mode == Mode::kClean ? "" : dir / (tag + "/clusters.jsonl");
  o.report_path = dir / (tag + "/report.json");
  std::filesystem::create_directories(dir / tag);
  return o;
}

Outputs Single(const PipelineOptions& o) {
  Outputs r;
  r.status = Pipeline(o).Run(&r.report);
  r.kept = ReadFile(o.output);
  r.dropped = ReadFile(o.dropped_path);
  r.rejects = ReadFile(o.rejects_path);
  if (!o.clusters_path.empty()) r.clusters = ReadFile(o.clusters_path);
  return r;
}

// Runs `ranks` threads as ranks; returns rank 0's report and the shards
// concatenated in rank order.
Outputs Distributed(const PipelineOptions& o, int ranks, std::vector<Status>* all = nullptr) {
  auto group = MakeThreadGroup(ranks);
  std::vector<Report> reports(static_cast<size_t>(ranks));
  std::vector<Status> st(static_cast<size_t>(ranks));
  std::vector<std::thread> threads;
  for (int r = 0; r < ranks; ++r) {
    threads.emplace_back([&, r] { st[r] = RunDistributed(o, group[r].get(), &reports[r]); });
  }
  for (auto& t : threads) t.join();
  Outputs out;
  out.status = st[0];
  out.report = reports[0];
  for (int r = 0; r < ranks; ++r) {
    out.kept += ReadFile(ShardPath(o.output, r, ranks));
    out.dropped += ReadFile(ShardPath(o.dropped_path, r, ranks));
    out.rejects += ReadFile(ShardPath(o.rejects_path, r, ranks));
  }
  if (!o.clusters_path.empty()) out.clusters = ReadFile(o.clusters_path);
  if (all != nullptr) *all = st;
  return out;
}

class DistributedTest : public ::testing::TestWithParam<Mode> {};

TEST_P(DistributedTest, ShardsConcatenateToTheSingleProcessOutputs) {
  TempDir dir;
  // One large JSONL file (split in byte ranges), one gzip file (whole).
  WriteFile(dir / "a.jsonl", SiteCorpus(1, 90));
  WriteWith(dir / "b.jsonl.gz", SiteCorpus(2, 30) + SiteCorpus(1, 12));
  const std::vector<std::string> inputs = {dir / "a.jsonl", dir / "b.jsonl.gz"};
  const Mode mode = GetParam();
  Outputs one = Single(Options(dir, inputs, mode, "single"));
  ASSERT_TRUE(one.status.ok()) << one.status.message();
  ASSERT_GT(one.report.total.kept, 50u);
  ASSERT_GT(one.report.total.rejected_total(), 0u);
  ASSERT_GT(one.report.total.dropped_total(), 0u);
  if (mode != Mode::kClean) {
    ASSERT_GT(one.report.total.dropped["near-duplicate"], 0u);
    ASSERT_GT(one.report.total.dropped["exact-duplicate"], 0u);
  }
  if (mode != Mode::kDedup) {
    ASSERT_GT(one.report.templates.template_lines, 0u);
  }
  for (int ranks : {1, 2, 3, 4}) {
    SCOPED_TRACE("ranks " + std::to_string(ranks));
    Outputs d = Distributed(Options(dir, inputs, mode, "np" + std::to_string(ranks)), ranks);
    ASSERT_TRUE(d.status.ok()) << d.status.message();
    EXPECT_EQ(d.kept, one.kept);
    EXPECT_EQ(d.dropped, one.dropped);
    EXPECT_EQ(d.rejects, one.rejects);
    EXPECT_EQ(d.clusters, one.clusters);
    const Counts& a = one.report.total;
    const Counts& b = d.report.total;
    EXPECT_EQ(b.records_in, a.records_in);
    EXPECT_EQ(b.kept, a.kept);
    EXPECT_EQ(b.dropped, a.dropped);
    EXPECT_EQ(b.rejected, a.rejected);
    EXPECT_EQ(b.lines_removed, a.lines_removed);
    EXPECT_EQ(b.bytes_out, a.bytes_out);
    EXPECT_EQ(d.report.clusters, one.report.clusters);
    EXPECT_EQ(d.report.index_records, one.report.index_records);
    EXPECT_EQ(d.report.templates.template_lines, one.report.templates.template_lines);
    EXPECT_EQ(d.report.templates.collapsed, one.report.templates.collapsed);
    EXPECT_EQ(d.report.templates.distinct_lines, one.report.templates.distinct_lines);
    EXPECT_EQ(d.report.ranks, ranks);
    if (ranks > 1) {
      EXPECT_GT(d.report.bytes_exchanged, 0u);
    }
    ASSERT_EQ(d.report.inputs.size(), 2u);
    EXPECT_EQ(d.report.inputs[1].compression, "gzip");
    EXPECT_TRUE(b.Balanced());
  }
}

// --min-words: the records each rank drops as "too-short" are the single
// process's, and stay out of the shared dedup index.
TEST(Distributed, TooShortRecordsAreTheSingleProcesssOnes) {
  TempDir dir;
  std::string corpus;
  std::mt19937 rng(7);
  for (int i = 0; i < 120; ++i) {
    std::mt19937 story_rng(static_cast<uint32_t>(i % 80));  // records 80..119 copy 0..39
    std::string text = "Headline " + std::to_string(i % 80);
    for (int j = 0; j < 1 + i % 80 % 6; ++j) text += "\\n" + Words(&story_rng, 12);
    corpus += "{\"id\":\"m" + std::to_string(i) + "\",\"text\":\"" + text + "\"}\n";
  }
  WriteFile(dir / "m.jsonl", corpus);
  for (Mode mode : {Mode::kRun, Mode::kClean}) {
    PipelineOptions o = Options(dir, {dir / "m.jsonl"}, mode, std::string("single-") + ModeName(mode));
    o.cleaner.use_context = false;
    o.min_words = 40;
    Outputs one = Single(o);
    ASSERT_TRUE(one.status.ok()) << one.status.message();
    ASSERT_GT(one.report.total.dropped["too-short"], 0u);
    ASSERT_GT(one.report.total.kept, 0u);
    for (int ranks : {2, 3}) {
      SCOPED_TRACE(std::string(ModeName(mode)) + ", ranks " + std::to_string(ranks));
      PipelineOptions d_opt = Options(dir, {dir / "m.jsonl"}, mode, std::string("np-") + ModeName(mode) +
                                                                         std::to_string(ranks));
      d_opt.cleaner.use_context = false;
      d_opt.min_words = 40;
      Outputs d = Distributed(d_opt, ranks);
      ASSERT_TRUE(d.status.ok()) << d.status.message();
      EXPECT_EQ(d.kept, one.kept);
      EXPECT_EQ(d.dropped, one.dropped);
      EXPECT_EQ(d.report.total.dropped, one.report.total.dropped);
    }
  }
}

// More ranks than inputs to share (one gzip file goes whole to one rank):
// the ranks with no share read nothing, and the outputs are the single
// process's (a rank with no share once read every input).
TEST(Distributed, ARankWithNoShareOfTheInputsReadsNothing) {
  TempDir dir;
  WriteWith(dir / "b.jsonl.gz", SiteCorpus(2, 30) + SiteCorpus(1, 12));
  const std::vector<std::string> inputs = {dir / "b.jsonl.gz"};
  Outputs one = Single(Options(dir, inputs, Mode::kRun, "single"));
  ASSERT_TRUE(one.status.ok()) << one.status.message();
  ASSERT_GT(one.report.total.kept, 20u);
  for (int ranks : {2, 3}) {
    SCOPED_TRACE("ranks " + std::to_string(ranks));
    Outputs d = Distributed(Options(dir, inputs, Mode::kRun, "np" + std::to_string(ranks)), ranks);
    ASSERT_TRUE(d.status.ok()) << d.status.message();
    EXPECT_EQ(d.report.total.records_in, one.report.total.records_in);
    EXPECT_EQ(d.report.total.dropped, one.report.total.dropped);
    EXPECT_EQ(d.kept, one.kept);
    EXPECT_EQ(d.dropped, one.dropped);
    EXPECT_EQ(d.rejects, one.rejects);
  }
}

TEST(Distributed, CompressedShardsHoldThePlainShards) {
  // Each rank compresses its kept and dropped shards chunk by chunk on its
  // threads: they read back as the plain shards, whatever the threads.
  TempDir dir;
  WriteFile(dir / "a.jsonl", SiteCorpus(3, 120));
  const std::vector<std::string> inputs = {dir / "a.jsonl"};
  Outputs plain = Distributed(Options(dir, inputs, Mode::kRun, "plain"), 2);
  ASSERT_TRUE(plain.status.ok()) << plain.status.message();
  ASSERT_GT(plain.report.total.dropped_total(), 0u);
  std::string bytes[2];
  for (int threads : {1, 3}) {
    PipelineOptions o = Options(dir, inputs, Mode::kRun, "z" + std::to_string(threads));
    o.threads = threads;
    o.batch_bytes = 4096;  // many chunks a shard
    o.output += ".zst";
    o.dropped_path += ".gz";
    Outputs z = Distributed(o, 2);
    ASSERT_TRUE(z.status.ok()) << z.status.message();
    std::string kept, dropped;
    for (int r = 0; r < 2; ++r) {
      kept += ReadDecompressed(ShardPath(o.output, r, 2));
      dropped += ReadDecompressed(ShardPath(o.dropped_path, r, 2));
    }
    EXPECT_EQ(kept, plain.kept) << "threads " << threads;
    EXPECT_EQ(dropped, plain.dropped) << "threads " << threads;
    bytes[threads == 1 ? 0 : 1] = ReadFile(ShardPath(o.output, 1, 2));
  }
  EXPECT_EQ(bytes[0], bytes[1]);
  size_t frames = 0;  // zstd frames in the shard: one a chunk
  for (size_t at = bytes[1].find("\x28\xB5\x2F\xFD"); at != std::string::npos;
       at = bytes[1].find("\x28\xB5\x2F\xFD", at + 4)) {
    ++frames;
  }
  EXPECT_GT(frames, 1u);
}

INSTANTIATE_TEST_SUITE_P(Modes, DistributedTest, ::testing::Values(Mode::kRun, Mode::kClean, Mode::kDedup),
                         [](const auto& info) { return std::string(ModeName(info.param)); });

TEST(Distributed, OneRankFailingFailsEveryRankAndCommitsNothing) {
  TempDir dir;
  WriteFile(dir / "a.jsonl", SiteCorpus(3, 60));
  // An input that is gone by the time it is read (a cut or corrupt stream
  // is only a reject now): the rank that reads it fails.
  PipelineOptions o = Options(dir, {dir / "a.jsonl", dir / "gone.jsonl.gz"}, Mode::kRun, "fail");
  std::vector<Status> st;
  Outputs d = Distributed(o, 3, &st);
  for (int r = 0; r < 3; ++r) {
    SCOPED_TRACE("rank " + std::to_string(r));
    EXPECT_FALSE(st[r].ok());
    EXPECT_NE(st[r].message().find("rank 2: "), std::string::npos) << st[r].message();
    EXPECT_NE(st[r].message().find("gone.jsonl.gz"), std::string::npos) << st[r].message();
    EXPECT_FALSE(std::filesystem::exists(ShardPath(o.output, r, 3)));
    EXPECT_FALSE(std::filesystem::exists(ShardPath(o.dropped_path, r, 3)));
  }
  EXPECT_FALSE(std::filesystem::exists(o.report_path));
  EXPECT_FALSE(std::filesystem::exists(o.clusters_path));
  // Nor any temporary or spill file left behind.
  for (const auto& e : std::filesystem::directory_iterator(dir / "fail")) ADD_FAILURE() << e.path();
}

TEST(Distributed, RefusesWhatCannotBeShared) {
  TempDir dir;
  WriteFile(dir / "a.jsonl", SiteCorpus(5, 5));
  auto group = MakeThreadGroup(1);
  Report rep;
  PipelineOptions o = Options(dir, {"-"}, Mode::kRun, "x");
  EXPECT_EQ(RunDistributed(o, group[0].get(), &rep).code(), StatusCode::kInvalidArgument);
  o = Options(dir, {dir / "a.jsonl"}, Mode::kRun, "x");
  o.output = "-";
  EXPECT_EQ(RunDistributed(o, group[0].get(), &rep).code(), StatusCode::kInvalidArgument);
  o = Options(dir, {dir / "a.jsonl"}, Mode::kRun, "x");
  o.index_dir = dir / "idx";
  EXPECT_EQ(RunDistributed(o, group[0].get(), &rep).code(), StatusCode::kInvalidArgument);
}

TEST(Distributed, ShardPathsSortInRankOrder) {
  EXPECT_EQ(ShardPath("out/kept.jsonl.zst", 1, 3), "out/kept-00001-of-00003.jsonl.zst");
  EXPECT_EQ(ShardPath("kept", 0, 2), "kept-00000-of-00002");
  EXPECT_EQ(ShardPath("/a.b/.hidden", 0, 1), "/a.b/.hidden-00000-of-00001");
  EXPECT_LT(ShardPath("k.jsonl", 9, 12), ShardPath("k.jsonl", 10, 12));
}

}  // namespace
}  // namespace winnow
