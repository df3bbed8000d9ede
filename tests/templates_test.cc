#include "winnow/templates.h"

#include <gtest/gtest.h>

#include <thread>

#include <fstream>
#include <map>
#include <random>
#include <set>

#include "test_util.h"
#include "winnow/cleaner.h"
#include "winnow/json.h"
#include "winnow/normalize.h"
#include "winnow/pipeline.h"

namespace winnow {
namespace {

using testing::ReadFile;
using testing::TempDir;
using testing::WriteFile;

std::vector<uint64_t> Hashes(const std::vector<std::string>& lines) {
  std::vector<uint64_t> h;
  for (const std::string& l : lines) h.push_back(LineKeyHash(l));
  return h;
}

TEST(TemplateCounter, LinesOneSitePrintsOnEveryPageAreTemplates) {
  TemplateOptions o;
  o.min_records = 10;
  o.min_site_records = 4;
  TemplateCounter c(o);
  const uint64_t a = SiteHash("https://www.harbor.example/x"), b = SiteHash("https://valley.example/y");
  for (int i = 0; i < 6; ++i) {
    auto h = Hashes({"Get the Harbor Herald in your inbox", "story line " + std::to_string(i)});
    c.Add(&h, a);
  }
  // On three sites, three records: neither rule fires.
  for (uint64_t site : {a, b, SiteHash("http://third.example/")}) {
    auto h = Hashes({"A sentence three sites happen to share", "Story line shared by the site " + std::to_string(site)});
    c.Add(&h, site);
  }
  auto model = c.Model();
  TemplateInfo info;
  ASSERT_TRUE(model->Find(LineKeyHash("get the harbor herald, in your inbox!"), &info));  // normalized
  EXPECT_EQ(info.records, 6u);
  EXPECT_EQ(info.sites, 1u);
  EXPECT_TRUE(info.site_template);
  EXPECT_FALSE(model->Find(LineKeyHash("A sentence three sites happen to share"), nullptr));
  EXPECT_FALSE(model->Find(LineKeyHash("story line 3"), nullptr));
  EXPECT_EQ(c.records(), 9u);
  EXPECT_GT(c.MemoryBytes(), 0u);
}

TEST(TemplateCounter, LinesInManyRecordsOfManySitesAreTemplates) {
  TemplateOptions o;
  o.min_records = 5;
  TemplateCounter c(o);
  for (int i = 0; i < 5; ++i) {
    auto h = Hashes({"Share this article with your friends", "Share this article with your friends", "only " + std::to_string(i)});
    c.Add(&h, SiteHash("https://site" + std::to_string(i) + ".example/"));  // one site each
  }
  TemplateInfo info;
  ASSERT_TRUE(c.Model()->Find(LineKeyHash("Share this article with your friends"), &info));
  EXPECT_EQ(info.records, 5u);  // twice in one record counts once
  EXPECT_EQ(info.sites, 5u);
  EXPECT_FALSE(info.site_template);
  // No URL at all: records still count, sites stay unknown.
  TemplateCounter d(o);
  for (int i = 0; i < 5; ++i) {
    auto h = Hashes({"Share this article with your friends"});
    d.Add(&h, 0);
  }
  ASSERT_TRUE(d.Model()->Find(LineKeyHash("Share this article with your friends"), &info));
  EXPECT_EQ(info.sites, 0u);
}

TEST(TemplateCounter, PreparedOnOtherThreadsCountsAsAdd) {
  // Prepare runs in the parallel stage, AddPrepared in input order: the
  // model must be the one Add builds.
  TemplateOptions o;
  o.min_records = 4;
  o.min_site_records = 3;
  TemplateCounter added(o), prepared(o);
  std::vector<TemplateCounter::Prepared> batch;
  std::vector<uint64_t> sites;
  for (int i = 0; i < 60; ++i) {
    const uint64_t site = i % 5 == 0 ? 0 : SiteHash("https://site" + std::to_string(i % 4) + ".example/");
    auto h = Hashes({"Sign up for the morning briefing", "Story " + std::to_string(i), "Sign up for the morning briefing",
                     "Section " + std::to_string(i % 7), "Read more on site " + std::to_string(i % 4)});
    h.push_back(0);  // a line with no letters
    TemplateCounter::Prepared p;
    p.line_hashes = h;
    batch.push_back(std::move(p));
    sites.push_back(site);
    added.Add(&h, site);
  }
  std::thread t([&] {
    for (size_t i = 0; i < batch.size(); ++i) TemplateCounter::Prepare(sites[i], &batch[i]);
  });
  t.join();
  for (const auto& p : batch) prepared.AddPrepared(p);
  EXPECT_EQ(prepared.records(), added.records());
  EXPECT_EQ(prepared.distinct_lines(), added.distinct_lines());
  auto want = added.Model(), got = prepared.Model();
  EXPECT_EQ(got->size(), want->size());
  EXPECT_GT(want->size(), 0u);
  for (const char* line : {"Sign up for the morning briefing", "Section 3", "Read more on site 2", "Story 7"}) {
    TemplateInfo a, b;
    EXPECT_EQ(want->Find(LineKeyHash(line), &a), got->Find(LineKeyHash(line), &b)) << line;
    EXPECT_EQ(a.records, b.records) << line;
    EXPECT_EQ(a.sites, b.sites) << line;
    EXPECT_EQ(a.site_template, b.site_template) << line;
  }
}

// The counts of every line against a plain count of the same records:
// lines seen once, twice and many times, on one site, on several, with and
// without a URL, so that a line's first record (which waits in the line's
// entry until a second record has the line) is counted as any other.
TEST(TemplateCounter, CountsMatchAPlainCountOfTheRecords) {
  for (uint32_t min_site : {1u, 2u, 3u}) {
    TemplateOptions o;
    o.min_records = 6;
    o.min_site_records = min_site;
    TemplateCounter c(o);
    std::mt19937_64 rng(7 + min_site);
    std::map<uint64_t, std::set<int>> records;                      // line -> records
    std::map<uint64_t, std::map<uint64_t, int>> per_site;           // line -> site -> records
    std::vector<uint64_t> site_of = {0, SiteHash("https://a.example/"), SiteHash("https://b.example/"),
                                     SiteHash("https://c.example/"), SiteHash("https://d.example/")};
    for (int r = 0; r < 400; ++r) {
      const uint64_t site = site_of[rng() % site_of.size()];
      std::vector<std::string> lines;
      for (int k = 0; k < 12; ++k) {
        // Most lines are the record's own; some come from small pools that
        // recur a few or many times.
        const uint64_t pick = rng() % 10;
        if (pick < 6) lines.push_back("only in record " + std::to_string(r) + " line " + std::to_string(k));
        if (pick >= 6 && pick < 9) lines.push_back("now and then " + std::to_string(rng() % 300));
        if (pick == 9) lines.push_back("often " + std::to_string(rng() % 8));
      }
      auto h = Hashes(lines);
      for (uint64_t x : h) records[x].insert(r);
      std::set<uint64_t> uniq(h.begin(), h.end());
      if (site != 0) {
        for (uint64_t x : uniq) ++per_site[x][site];
      }
      c.Add(&h, site);
    }
    auto model = c.Model();
    size_t templates = 0, seen_once = 0, seen_more = 0;
    for (const auto& [line, recs] : records) {
      const uint32_t want_records = static_cast<uint32_t>(recs.size());
      const uint32_t want_sites = static_cast<uint32_t>(per_site[line].size());
      bool want_flag = false;
      for (const auto& [site, n] : per_site[line]) want_flag |= n >= static_cast<int>(min_site);
      (want_records == 1 ? seen_once : seen_more) += 1;
      EXPECT_EQ(c.Records(line), want_records);
      TemplateInfo info;
      const bool want = want_records >= o.min_records || want_flag;
      ASSERT_EQ(model->Find(line, &info), want) << "records " << want_records << " min_site " << min_site;
      if (!want) continue;
      ++templates;
      EXPECT_EQ(info.records, want_records);
      EXPECT_EQ(info.sites, want_sites);
      EXPECT_EQ(info.site_template, want_flag);
    }
    EXPECT_EQ(c.distinct_lines(), records.size());
    EXPECT_EQ(model->size(), templates);
    EXPECT_GT(seen_once, 1000u);
    EXPECT_GT(seen_more, 100u);
    EXPECT_GT(templates, 8u);
  }
}

// The counter's memory is what `learn` and `run` hold at their peak. Most
// of a corpus's distinct lines are in one record: such a line costs one
// 8-byte entry (at the tables' fill, under 20 bytes), with no entry of
// (line, site) pairs besides.
TEST(TemplateCounter, ALineSeenOnceTakesOneEntry) {
  TemplateCounter c(TemplateOptions{});
  std::vector<uint64_t> h;
  for (int r = 0; r < 20000; ++r) {
    h.clear();
    for (int k = 0; k < 10; ++k) h.push_back(LineKeyHash("record " + std::to_string(r) + " says " + std::to_string(k)));
    c.Add(&h, SiteHash("https://site" + std::to_string(r % 50) + ".example/"));
  }
  ASSERT_EQ(c.distinct_lines(), 200000u);
  EXPECT_LT(static_cast<double>(c.MemoryBytes()) / 200000, 20.0);
}

// Past its memory budget the counter drops the lines seen in one record,
// and stays near the budget however many of them come; the lines each site
// prints on every page are counted in full, so the model is the one an
// unbounded counter learns.
TEST(TemplateCounter, StaysNearItsBudgetAndKeepsEverySitesTemplates) {
  constexpr uint64_t kBudget = 512 << 10;
  TemplateOptions o;
  o.max_bytes = kBudget;
  TemplateCounter bounded(o);
  o.max_bytes = 0;
  TemplateCounter unbounded(o);
  std::vector<uint64_t> h, copy;
  for (int r = 0; r < 40000; ++r) {
    const int site = r % 20;
    h.clear();
    for (int k = 0; k < 10; ++k) h.push_back(LineKeyHash("record " + std::to_string(r) + " says " + std::to_string(k)));
    for (int k = 0; k < 3; ++k) h.push_back(LineKeyHash("site " + std::to_string(site) + " menu " + std::to_string(k)));
    copy = h;
    const uint64_t s = SiteHash("https://site" + std::to_string(site) + ".example/");
    bounded.Add(&h, s);
    unbounded.Add(&copy, s);
  }
  EXPECT_EQ(unbounded.prunes(), 0u);
  EXPECT_EQ(unbounded.distinct_lines(), 400060u);
  EXPECT_GT(unbounded.PeakBytes(), 8 * kBudget);
  EXPECT_GT(bounded.prunes(), 0u);
  EXPECT_LE(bounded.PeakBytes(), kBudget * 11 / 10);
  EXPECT_LE(bounded.MemoryBytes(), kBudget);
  EXPECT_EQ(bounded.pruned_lines() + bounded.distinct_lines(), 400060u);  // no line came back
  auto model = bounded.Model();
  EXPECT_EQ(model->size(), 60u);
  EXPECT_EQ(model->entries(), unbounded.Model()->entries());
  TemplateInfo info;
  ASSERT_TRUE(model->Find(LineKeyHash("site 7 menu 2"), &info));
  EXPECT_EQ(info.records, 2000u);
  EXPECT_TRUE(info.site_template);
}

// Lines seen in two records can fill the budget too, and dropping the lines
// seen once then frees nothing: the counter goes on to the lines in a few
// records and their per-site counts, but keeps a line a site has printed in
// min_site_records records.
TEST(TemplateCounter, DropsLinesInFewRecordsWhenLinesSeenOnceAreNotEnough) {
  constexpr uint64_t kBudget = 256 << 10;
  TemplateOptions o;
  o.max_bytes = kBudget;
  TemplateCounter c(o);
  const uint64_t site = SiteHash("https://pairs.example/");
  std::vector<uint64_t> h;
  for (int r = 0; r < 40000; ++r) {
    h.clear();
    // Records 2j and 2j + 1 tell story j.
    for (int k = 0; k < 8; ++k) h.push_back(LineKeyHash("story " + std::to_string(r / 2) + " line " + std::to_string(k)));
    h.push_back(LineKeyHash("the pairs example footer"));
    c.Add(&h, site);
  }
  EXPECT_GT(c.prunes(), 0u);
  EXPECT_LE(c.PeakBytes(), kBudget * 3 / 2);  // the pair table is one table: it may grow once past the budget
  EXPECT_LE(c.MemoryBytes(), kBudget);
  auto model = c.Model();
  TemplateInfo info;
  ASSERT_TRUE(model->Find(LineKeyHash("the pairs example footer"), &info));
  EXPECT_TRUE(info.site_template);
  EXPECT_EQ(info.records, 4095u);  // saturated, never dropped
  EXPECT_EQ(model->size(), 1u);
}

TEST(SiteHash, HostOnlyCaseAndWwwInsensitive) {
  EXPECT_EQ(SiteHash("https://www.Example.com:8080/a/b?c"), SiteHash("http://example.com/z"));
  EXPECT_EQ(SiteHash("http://user@example.com/"), SiteHash("example.com"));
  EXPECT_NE(SiteHash("https://example.com/"), SiteHash("https://example.org/"));
  EXPECT_EQ(SiteHash(""), 0u);
  EXPECT_EQ(SiteHash("https:///path"), 0u);
}

TEST(TemplateModel, SavesLoadsAndRefusesDamageAndOtherVersions) {
  TempDir dir;
  TemplateOptions o;
  o.min_records = 2;
  TemplateCounter c(o);
  for (int i = 0; i < 3; ++i) {
    auto h = Hashes({"Follow us on every network", "unique " + std::to_string(i)});
    c.Add(&h, 0);
  }
  auto model = c.Model();
  ASSERT_EQ(model->size(), 1u);
  const std::string path = dir / "t.model";
  ASSERT_TRUE(model->Save(path).ok());
  auto loaded = TemplateModel::Load(path);
  ASSERT_TRUE(loaded.ok()) << loaded.status().message();
  EXPECT_EQ(loaded.value()->size(), 1u);
  EXPECT_EQ(loaded.value()->min_records(), 2u);
  EXPECT_TRUE(loaded.value()->Find(LineKeyHash("Follow us on every network"), nullptr));

  std::string bytes = ReadFile(path);
  std::string bad = bytes;
  bad[bad.size() - 12] ^= 1;
  WriteFile(path, bad);
  auto r = TemplateModel::Load(path);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("checksum"), std::string::npos) << r.status().message();
  bad = bytes;
  bad[8] = 7;  // format version 7
  WriteFile(path, bad);
  r = TemplateModel::Load(path);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("version 7"), std::string::npos) << r.status().message();
  r = TemplateModel::Load(dir / "absent.model");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("absent.model"), std::string::npos);
}

// ---- Cleaning with templates ----

// Prose: sentences of common words, so each line reads as article text.
std::string Sentence(std::mt19937* rng) {
  static const char* subj[] = {"The council", "A spokesman for the firm", "The minister", "Local residents",
                               "The river authority", "Her lawyer", "The museum", "Two of the engineers"};
  static const char* verb[] = {"said that", "told reporters that", "argued that", "warned on Monday that",
                               "confirmed in a statement that"};
  static const char* obj[] = {"the bridge would stay closed until the spring",
                              "the budget for the new school had doubled in a year",
                              "the water in the lower valley was safe to drink again",
                              "the plan had been changed after the public meeting",
                              "there was no evidence of any wrongdoing by the staff",
                              "most of the damage was caused by the storm in October"};
  std::string s = subj[(*rng)() % 8];
  s += " ";
  s += verb[(*rng)() % 5];
  s += " ";
  s += obj[(*rng)() % 6];
  s += " (" + std::to_string((*rng)() % 100000) + ").";
  return s;
}

std::string Article(uint32_t story) {
  std::mt19937 rng(story);
  std::string a = "Story number " + std::to_string(story) + " makes the news\n\n";
  for (int p = 0; p < 4; ++p) a += Sentence(&rng) + " " + Sentence(&rng) + "\n\n";
  return a;
}

struct Site {
  std::string host;
  std::vector<std::string> header, footer;
};

std::vector<Site> Sites() {
  return {
      {"harbor.example", {"Harbor Herald | Your port city paper", "Log in to read more stories from the port"},
       {"All rights kept by the Harbor Herald company", "Write to the desk at the harbor office"}},
      {"valley.example", {"The Valley Voice home page and index", "Weather in the valley today and tomorrow"},
       {"Valley Voice is printed by the valley press group", "Letters page and notices for the valley"}},
      {"coast.example", {"Coast Courier breaking news desk", "Sign in with your courier account now"},
       {"Courier media ltd all material protected", "Find the courier on the coast road"}},
  };
}

// 3 sites x 12 own stories, and stories 900..902 syndicated on all three.
// Record `n` of `site`: its header, the story, its footer, as a JSONL line.
std::string SiteRecord(const Site& site, int n, uint32_t story) {
  std::string text;
  for (const auto& h : site.header) text += h + "\n";
  text += "\n" + Article(story);
  for (const auto& f : site.footer) text += f + "\n";
  return "{\"id\":\"" + site.host + "/" + std::to_string(n) + "\",\"url\":\"https://www." + site.host + "/" +
         std::to_string(n) + "\",\"text\":" + JsonString(text) + "}\n";
}

std::string Corpus() {
  std::string s;
  auto rec = [&](const Site& site, int n, uint32_t story) { s += SiteRecord(site, n, story); };
  int n = 0;
  for (const Site& site : Sites()) {
    for (int i = 0; i < 12; ++i, ++n) rec(site, n, static_cast<uint32_t>(n * 7 + 1));
  }
  for (uint32_t story = 900; story < 903; ++story) {
    for (const Site& site : Sites()) rec(site, n++, story);
  }
  return s;
}

PipelineOptions CleanOptions(const TempDir& dir, const std::string& out) {
  PipelineOptions o;
  o.mode = Mode::kClean;
  o.inputs = {dir / "in.jsonl"};
  o.output = dir / out;
  o.threads = 2;
  o.batch_records = 8;
  return o;
}

TEST(Templates, SiteLinesGoAndSyndicatedArticlesStayInEveryCopy) {
  TempDir dir;
  WriteFile(dir / "in.jsonl", Corpus());
  Report report;
  PipelineOptions o = CleanOptions(dir, "out.jsonl");
  o.templates.min_records = 3;  // uncollapsed, each syndicated line would be in 3 records
  ASSERT_TRUE(Pipeline(o).Run(&report).ok());
  EXPECT_EQ(report.templates.source, "learned");
  EXPECT_EQ(report.templates.records, 45u);
  EXPECT_EQ(report.templates.collapsed, 6u);  // two later copies of each syndicated story
  std::string out = ReadFile(dir / "out.jsonl");
  for (const Site& site : Sites()) {
    for (const auto& l : site.header) EXPECT_EQ(out.find(l), std::string::npos) << l;
    for (const auto& l : site.footer) EXPECT_EQ(out.find(l), std::string::npos) << l;
  }
  // Every copy of a syndicated story keeps its article.
  for (uint32_t story = 900; story < 903; ++story) {
    std::string first_para = Article(story).substr(Article(story).find("\n\n") + 2);
    first_para = first_para.substr(0, first_para.find('\n'));
    std::string needle = JsonString(first_para);
    needle = needle.substr(1, needle.size() - 2);
    size_t copies = 0;
    for (size_t p = out.find(needle); p != std::string::npos; p = out.find(needle, p + 1)) ++copies;
    EXPECT_EQ(copies, 3u) << story;
  }
  // Without templates the site lines stay (no rule names them).
  PipelineOptions off = CleanOptions(dir, "off.jsonl");
  off.learn_templates = false;
  ASSERT_TRUE(Pipeline(off).Run(&report).ok());
  EXPECT_NE(ReadFile(dir / "off.jsonl").find("Harbor Herald | Your port city paper"), std::string::npos);
}

TEST(Templates, LearnedModelAppliedLaterGivesTheSameOutput) {
  TempDir dir;
  WriteFile(dir / "in.jsonl", Corpus());
  PipelineOptions o = CleanOptions(dir, "learned.jsonl");
  Report report;
  ASSERT_TRUE(Pipeline(o).Run(&report).ok());
  TemplateReport stats;
  auto model = LearnTemplates(o, &stats);
  ASSERT_TRUE(model.ok());
  EXPECT_EQ(stats.template_lines, model.value()->size());
  ASSERT_TRUE(model.value()->Save(dir / "t.model").ok());
  PipelineOptions apply = CleanOptions(dir, "applied.jsonl");
  apply.templates_path = dir / "t.model";
  ASSERT_TRUE(Pipeline(apply).Run(&report).ok());
  EXPECT_EQ(report.templates.source, dir / "t.model");
  EXPECT_EQ(ReadFile(dir / "learned.jsonl"), ReadFile(dir / "applied.jsonl"));
  // Learning refuses stdin: it cannot be read twice.
  PipelineOptions in = o;
  in.inputs = {"-"};
  EXPECT_FALSE(LearnTemplates(in, nullptr).ok());
}

// A counter budget small enough to be reached many times: the site lines
// still go, and the output does not depend on the thread count (the counts
// are taken in input order, and so are the prunes).
TEST(Templates, ACounterBudgetThatIsReachedGivesTheSameOutputOnAnyThreads) {
  TempDir dir;
  std::string corpus;
  const std::vector<Site> sites = Sites();
  for (int i = 0; i < 3000; ++i) corpus += SiteRecord(sites[static_cast<size_t>(i % 3)], i, static_cast<uint32_t>(i + 1));
  WriteFile(dir / "in.jsonl", corpus);
  std::string first;
  for (int threads : {1, 2}) {
    PipelineOptions o = CleanOptions(dir, "out" + std::to_string(threads) + ".jsonl");
    o.threads = threads;
    o.templates.max_bytes = 150 << 10;
    Report report;
    ASSERT_TRUE(Pipeline(o).Run(&report).ok());
    EXPECT_GT(report.templates.prunes, 0u);
    EXPECT_GT(report.templates.pruned_lines, 0u);
    EXPECT_LE(report.templates.counter_peak_bytes, 165u << 10);
    EXPECT_EQ(report.templates.template_lines, 12u);
    const std::string out = ReadFile(o.output);
    for (const Site& site : sites) {
      for (const auto& l : site.header) EXPECT_EQ(out.find(l), std::string::npos) << l;
      for (const auto& l : site.footer) EXPECT_EQ(out.find(l), std::string::npos) << l;
    }
    if (threads == 1) {
      first = out;
    } else {
      EXPECT_EQ(out, first);
    }
  }
}

TEST(Templates, StoryCopiesAreFoundByTheirProseLinesOfGoodMinWords) {
  // One story on three sites: its paragraphs of exactly twelve words are
  // prose lines at good_min_words 12, and the later two copies collapse;
  // at 13 they are not prose, and nothing tells the copies apart from
  // other stories.
  TempDir dir;
  std::string s;
  const std::vector<Site> sites = Sites();
  for (size_t i = 0; i < sites.size(); ++i) {
    std::string text;
    for (const auto& h : sites[i].header) text += h + "\n";
    text += "\n";
    for (int p = 0; p < 4; ++p) {
      text += "Paragraph " + std::string(1, static_cast<char>('a' + p)) +
              " tells the harbour board why ferry fares rose this spring\n\n";
    }
    for (const auto& f : sites[i].footer) text += f + "\n";
    s += "{\"id\":\"" + std::to_string(i) + "\",\"url\":\"https://" + sites[i].host + "/story\",\"text\":" +
         JsonString(text) + "}\n";
  }
  WriteFile(dir / "in.jsonl", s);
  for (int min_words : {12, 13}) {
    PipelineOptions o = CleanOptions(dir, "out.jsonl");
    o.cleaner.good_min_words = min_words;
    Report report;
    ASSERT_TRUE(Pipeline(o).Run(&report).ok());
    EXPECT_EQ(report.templates.collapsed, min_words == 12 ? 2u : 0u) << min_words;
  }
}

TEST(Templates, ATemplateLineBetweenArticleParagraphsStays) {
  TemplateOptions to;
  to.min_records = 2;
  TemplateCounter c(to);
  const std::string stock = "The company did not respond to a request for comment on the matter.";
  for (int i = 0; i < 3; ++i) {
    auto h = Hashes({stock, "Menu and search for the site"});
    c.Add(&h, 0);
  }
  CleanerOptions co;
  co.templates = c.Model();
  Cleaner cleaner(co);
  std::mt19937 rng(5);
  std::string text = "Menu and search for the site\n\n" + Sentence(&rng) + " " + Sentence(&rng) + "\n\n" + stock +
                     "\n\n" + Sentence(&rng) + " " + Sentence(&rng) + "\n";
  CleanResult r = cleaner.Clean(text);
  EXPECT_NE(r.text.find(stock), std::string::npos);
  EXPECT_EQ(r.text.find("Menu and search"), std::string::npos);
  ASSERT_FALSE(r.lines.empty());
  EXPECT_EQ(r.lines[0].reason, LineReason::kTemplate);
  EXPECT_EQ(cleaner.Reason(r.lines[0]), "template");

  // A short recurring subheading inside the article stays too; the same
  // line at the foot of the page, after the article, goes.
  TemplateCounter c2(to);
  for (int i = 0; i < 3; ++i) {
    auto h = Hashes({"Reader comments", "Menu and search for the site"});
    c2.Add(&h, 0);
  }
  co.templates = c2.Model();
  Cleaner cleaner2(co);
  std::string body;
  for (int p = 0; p < 3; ++p) body += Sentence(&rng) + " " + Sentence(&rng) + "\n\n";
  r = cleaner2.Clean("Menu and search for the site\n\n" + body + "Reader comments\n\n" + body);
  EXPECT_NE(r.text.find("Reader comments"), std::string::npos) << r.text;
  r = cleaner2.Clean(body + "Reader comments\n");
  EXPECT_EQ(r.text.find("Reader comments"), std::string::npos) << r.text;
}

}  // namespace
}  // namespace winnow
