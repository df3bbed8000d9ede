// Google Benchmark micro benchmarks of the hot paths. Not run by CI.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cmath>
#include <random>
#include <string>

#include "winnow/cleaner.h"
#include "winnow/dedup.h"
#include "winnow/json.h"
#include "winnow/minhash.h"
#include "winnow/normalize.h"
#include "winnow/rules.h"
#include "winnow/segment.h"
#include "winnow/templates.h"

namespace {

std::string NewsText(size_t words, uint32_t seed) {
  static const char* kWords[] = {"the", "council", "said", "on", "Monday", "that", "bridge", "repairs", "would",
                                 "cost", "more", "than", "expected", "after", "divers", "found", "damage", "río",
                                 "café", "naïve", "harbour", "of", "and", "to"};
  std::mt19937 rng(seed);
  std::string s;
  for (size_t i = 0; i < words; ++i) {
    s += kWords[rng() % (sizeof(kWords) / sizeof(kWords[0]))];
    s += (i % 17 == 16) ? ".\n\n" : " ";
  }
  return s;
}

void BM_LineKey(benchmark::State& st) {
  std::string line = "  Oops! Something went wrong. Please try again later — or don't.  ";
  for (auto _ : st) benchmark::DoNotOptimize(winnow::LineKey(line));
  st.SetBytesProcessed(static_cast<int64_t>(st.iterations() * line.size()));
}
BENCHMARK(BM_LineKey);

// The line key of `line` into reused buffers.
void LineKeyInto(benchmark::State& st, const std::string& line) {
  std::string key, scratch;
  for (auto _ : st) {
    winnow::LineKey(line, &key, &scratch);
    benchmark::DoNotOptimize(key.data());
  }
  st.SetBytesProcessed(static_cast<int64_t>(st.iterations() * line.size()));
}

void BM_LineKeyAsciiParagraph(benchmark::State& st) {
  LineKeyInto(st, "The council said on Monday that the bridge repairs, first estimated at $2.4 million in "
                  "2023, would cost more than expected after divers found damage to three of its piers.");
}
BENCHMARK(BM_LineKeyAsciiParagraph);

// A Chinese paragraph (Han letters between fullwidth commas, no spaces),
// and Japanese with kana: the line key's folding of East Asian text.
void BM_LineKeyEastAsian(benchmark::State& st) {
  LineKeyInto(st, "市长表示，这项工程的花费低于预算，并且比原计划提前两个月完工。"
                  "新しい橋は月曜日に開通し、多くの市民が訪れました。");
}
BENCHMARK(BM_LineKeyEastAsian);

// Russian and accented Latin (two-byte letters between ASCII spaces and
// punctuation, capitals to fold): the folding by table.
void BM_LineKeyCyrillicLatin(benchmark::State& st) {
  LineKeyInto(st, "Мэр города заявил в понедельник, что ремонт моста обойдётся дороже, чем ожидалось. "
                  "Le maire a déclaré lundi que la réparation du pont coûterait plus cher que prévu.");
}
BENCHMARK(BM_LineKeyCyrillicLatin);

// Words and stopwords of a news paragraph (the line-shape features): the
// path the machine takes (AVX-512 where it has it) and the byte path.
const char kParagraph[] =
    "The council said on Monday that the bridge repairs, first estimated at $2.4 million in 2023, would cost "
    "more than expected after divers found damage to three of its piers, and that it would ask for more money.";

void BM_LineWords(benchmark::State& st) {
  const std::string_view line = kParagraph;
  for (auto _ : st) benchmark::DoNotOptimize(winnow::internal::LineWordCounts(line));
  st.SetBytesProcessed(static_cast<int64_t>(st.iterations() * line.size()));
}
BENCHMARK(BM_LineWords);

// As Clean() asks: stopwords counted only up to the ratio its tests need.
void BM_LineWordsCapped(benchmark::State& st) {
  const std::string_view line = kParagraph;
  for (auto _ : st) benchmark::DoNotOptimize(winnow::internal::LineWordCounts(line, 0.25, 5));
  st.SetBytesProcessed(static_cast<int64_t>(st.iterations() * line.size()));
}
BENCHMARK(BM_LineWordsCapped);

// Lines of a page one after another: a short one, then a paragraph, as
// Clean() meets them (the scratch buffers must not be zeroed again for each
// longer line after a shorter one).
void BM_LineWordsMixed(benchmark::State& st) {
  const std::string_view lines[] = {"Share this article", kParagraph, "By Ann Lee, March 3", kParagraph};
  size_t bytes = 0;
  for (std::string_view l : lines) bytes += l.size();
  for (auto _ : st) {
    for (std::string_view l : lines) benchmark::DoNotOptimize(winnow::internal::LineWordCounts(l, 0.25, 5));
  }
  st.SetBytesProcessed(static_cast<int64_t>(st.iterations() * bytes));
}
BENCHMARK(BM_LineWordsMixed);

void BM_LineWordsBytePath(benchmark::State& st) {
  const std::string_view line = kParagraph;
  for (auto _ : st) benchmark::DoNotOptimize(winnow::internal::PortableWordCounts(line));
  st.SetBytesProcessed(static_cast<int64_t>(st.iterations() * line.size()));
}
BENCHMARK(BM_LineWordsBytePath);

// A news paragraph as scraped text has it: curly quotes, an apostrophe, a
// dash and an accented name (a third of real news bytes sit in such lines).
constexpr const char* kParagraphUtf8 =
    "\xE2\x80\x9CThe council\xE2\x80\x99s engineers said on Monday that the bridge repairs \xE2\x80\x94 first "
    "estimated at $2.4 million in 2023 \xE2\x80\x94 would cost more than expected,\xE2\x80\x9D said Ren\xC3\xA9" "e "
    "Fran\xC3\xA7ois, after divers found damage to three of its piers.";

void BM_LineWordsUtf8(benchmark::State& st) {
  const std::string_view line = kParagraphUtf8;
  for (auto _ : st) benchmark::DoNotOptimize(winnow::internal::LineWordCounts(line, 0.25, 5));
  st.SetBytesProcessed(static_cast<int64_t>(st.iterations() * line.size()));
}
BENCHMARK(BM_LineWordsUtf8);

// The default rule pack against the lines of a news page: short widget and
// navigation lines (most match nothing), headings, and article paragraphs.
// One RE2::Set pass per line, then the hit rules' max_words.
void BM_RulesMatch(benchmark::State& st) {
  auto rules = winnow::LoadRules({}, {});
  if (!rules.ok()) {
    st.SkipWithError("default pack did not compile");
    return;
  }
  const std::vector<std::string> lines = {
      "Home", "Menu", "Share this article", "Oops! Something went wrong. Please try again later.",
      "Bridge repairs to cost more than expected", "By Jane Doe, Staff Writer", kParagraph,
      "Photo: John Smith / Example Agency", "Trending Now", kParagraph,
      "Sign up for our newsletter to get the day's top stories.", kParagraph,
      "Copyright 2024 Example Media. All rights reserved.", "The hearing continues on Tuesday."};
  std::vector<int> words;
  size_t bytes = 0;
  for (const std::string& l : lines) {
    words.push_back(winnow::internal::LineWordCounts(l).words);
    bytes += l.size();
  }
  for (auto _ : st) {
    for (size_t i = 0; i < lines.size(); ++i) benchmark::DoNotOptimize(rules.value()->Match(lines[i], words[i]));
  }
  st.SetBytesProcessed(static_cast<int64_t>(st.iterations() * bytes));
  st.SetItemsProcessed(static_cast<int64_t>(st.iterations() * lines.size()));
}
BENCHMARK(BM_RulesMatch);

void BM_SegmentLines(benchmark::State& st) {
  std::string text = NewsText(2000, 1);
  for (auto _ : st) benchmark::DoNotOptimize(winnow::SegmentLines(text));
  st.SetBytesProcessed(static_cast<int64_t>(st.iterations() * text.size()));
}
BENCHMARK(BM_SegmentLines);

void BM_CleanRepeats(benchmark::State& st) {
  std::string text = NewsText(2000, 2);
  winnow::Cleaner c;
  for (auto _ : st) benchmark::DoNotOptimize(c.Clean(text));
  st.SetBytesProcessed(static_cast<int64_t>(st.iterations() * text.size()));
}
BENCHMARK(BM_CleanRepeats);

void BM_TokenHashes(benchmark::State& st) {
  std::string text = NewsText(2000, 3);
  winnow::ShingleOptions o;
  for (auto _ : st) benchmark::DoNotOptimize(winnow::TokenHashes(text, o));
  st.SetBytesProcessed(static_cast<int64_t>(st.iterations() * text.size()));
}
BENCHMARK(BM_TokenHashes);

// Text of many words of many lengths, in 64 records taken in turn, as a
// corpus is: the branch predictor cannot learn the lengths of its tokens,
// as it learns those of one short text repeated (BM_TokenHashes).
std::vector<std::string> VariedRecords() {
  std::mt19937 rng(11);
  std::vector<std::string> vocab;
  for (int i = 0; i < 5000; ++i) {
    const size_t len = 1 + (rng() % 4 == 0 ? rng() % 14 : rng() % 7);
    std::string w;
    for (size_t k = 0; k < len; ++k) w.push_back(static_cast<char>('a' + rng() % 26));
    vocab.push_back(w);
  }
  std::vector<std::string> records(64);
  for (std::string& r : records) {
    for (int i = 0; i < 1000; ++i) {
      // Common words far more often than rare ones, roughly as in text.
      const size_t rank = static_cast<size_t>(std::pow(static_cast<double>(rng() % 100000) / 100000.0, 3) * 5000);
      r += vocab[std::min(rank, vocab.size() - 1)];
      r += (i % 19 == 18) ? ". " : " ";
    }
  }
  return records;
}

void BM_TokenHashesVaried(benchmark::State& st) {
  const std::vector<std::string> records = VariedRecords();
  winnow::ShingleOptions o;
  std::vector<uint64_t> tokens;
  std::string folded;
  size_t i = 0, bytes = 0;
  for (auto _ : st) {
    const std::string& r = records[i++ % records.size()];
    winnow::TokenHashes(r, o, &tokens, &folded);
    benchmark::DoNotOptimize(tokens.data());
    bytes += r.size();
  }
  st.SetBytesProcessed(static_cast<int64_t>(bytes));
}
BENCHMARK(BM_TokenHashesVaried);

void BM_ShingleMinHash(benchmark::State& st) {
  std::string text = NewsText(2000, 4);
  winnow::ShingleOptions o;
  auto tokens = winnow::TokenHashes(text, o);
  winnow::MinHasher h(static_cast<int>(st.range(0)), 1);
  std::vector<uint32_t> sig;
  for (auto _ : st) {
    auto sh = winnow::ShingleHashes(tokens, o);
    h.Signature(sh.data(), sh.size(), &sig);
    benchmark::DoNotOptimize(sig.data());
  }
  st.SetBytesProcessed(static_cast<int64_t>(st.iterations() * text.size()));
}
BENCHMARK(BM_ShingleMinHash)->Arg(112)->Arg(128);

// LSH insert and query: Add() of records of which a third are near copies of
// an earlier one (a few words changed), into an index reserved for them, as
// the ordered stage of `winnow dedup` runs it. Features are computed up front.
void BM_LshAdd(benchmark::State& st) {
  winnow::DedupOptions o;
  const int n = static_cast<int>(st.range(0));
  std::vector<winnow::DedupFeatures> features;
  std::vector<std::string> ids;
  {
    auto proto = winnow::DedupIndex::Create(o);
    for (int i = 0; i < n; ++i) {
      const std::string story = NewsText(300, static_cast<uint32_t>(i % 3 == 2 ? i - 2 : i) + 100);
      const std::string text = i % 3 == 2 ? "Updated: late news. " + story.substr(20) : story;
      features.push_back(proto.value()->Features(text));
      ids.push_back(winnow::JsonString(std::to_string(i)));
    }
  }
  for (auto _ : st) {
    st.PauseTiming();
    auto index = winnow::DedupIndex::Create(o);
    index.value()->Reserve(static_cast<uint64_t>(n));
    st.ResumeTiming();
    for (int i = 0; i < n; ++i) benchmark::DoNotOptimize(index.value()->Add(features[static_cast<size_t>(i)], ids[static_cast<size_t>(i)]));
  }
  st.SetItemsProcessed(static_cast<int64_t>(st.iterations() * n));
}
BENCHMARK(BM_LshAdd)->Arg(10000);

// The template pass's counting, as its ordered stage runs it: records of
// 12 prepared lines on 40 sites, most lines the record's own, a fifth from
// a pool that recurs (a site's menu, a footer) and so is counted again.
// Reports records/s; the counter's bytes a distinct line as a counter.
void BM_TemplateCount(benchmark::State& st) {
  const int n = static_cast<int>(st.range(0));
  std::vector<winnow::TemplateCounter::Prepared> records(static_cast<size_t>(n));
  std::mt19937_64 rng(11);
  for (int i = 0; i < n; ++i) {
    winnow::TemplateCounter::Prepared& p = records[static_cast<size_t>(i)];
    for (int k = 0; k < 12; ++k) p.line_hashes.push_back(k < 10 ? (rng() | 1) : (rng() % 2000 + 1) << 40);
    winnow::TemplateCounter::Prepare(winnow::SiteHash("https://site" + std::to_string(i % 40) + ".example/"), &p);
  }
  double bytes_per_line = 0;
  for (auto _ : st) {
    winnow::TemplateCounter counter{winnow::TemplateOptions{}};
    for (const auto& p : records) counter.AddPrepared(p);
    bytes_per_line = static_cast<double>(counter.MemoryBytes()) / static_cast<double>(counter.distinct_lines());
  }
  st.counters["bytes_per_line"] = bytes_per_line;
  st.SetItemsProcessed(static_cast<int64_t>(st.iterations() * n));
}
BENCHMARK(BM_TemplateCount)->Arg(200000);

void BM_JsonEscape(benchmark::State& st) {
  std::string text = NewsText(2000, 5);
  for (auto _ : st) benchmark::DoNotOptimize(winnow::JsonString(text));
  st.SetBytesProcessed(static_cast<int64_t>(st.iterations() * text.size()));
}
BENCHMARK(BM_JsonEscape);

}  // namespace

BENCHMARK_MAIN();
