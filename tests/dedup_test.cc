#include "winnow/dedup.h"

#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "winnow/minhash.h"

namespace winnow {
namespace {

std::string Words(int n, uint32_t seed, int offset = 0) {
  std::mt19937 rng(seed);
  std::string s;
  for (int i = 0; i < n + offset; ++i) {
    std::string w(1, 'w');
    w += std::to_string(rng() % 100000);
    if (i >= offset) s += w + " ";
  }
  return s;
}

TEST(Tokens, UnicodeAwareAndPunctuationInsensitive) {
  ShingleOptions o;
  EXPECT_EQ(TokenHashes("Hello, World!", o), TokenHashes("hello world", o));
  EXPECT_EQ(TokenHashes("Ünïcode wörds", o).size(), 2u);
  EXPECT_EQ(TokenHashes("東京都に住む", o).size(), 6u);  // one token per character
  EXPECT_NE(TokenHashes("in 2021", o), TokenHashes("in 1999", o));
  o.fold_digits = true;
  EXPECT_EQ(TokenHashes("in 2021", o), TokenHashes("in 1999", o));
}

TEST(Shingles, ShortTextHasOneShingle) {
  ShingleOptions o;
  EXPECT_EQ(ShingleHashes(TokenHashes("just three words", o), o).size(), 1u);
  EXPECT_EQ(ShingleHashes(TokenHashes("one two three four five six", o), o).size(), 2u);
  EXPECT_TRUE(ShingleHashes({}, o).empty());
}

TEST(MinHasher, PinnedSignatureValues) {
  // A changed seed, hash or normalization must show up here.
  ShingleOptions so;
  MinHasher h(8, 1);
  auto sig = h.Signature(ShingleHashes(TokenHashes("the quick brown fox jumps over the lazy dog", so), so));
  ASSERT_EQ(sig.size(), 8u);
  const std::vector<uint32_t> pinned = {448334709u, 658603644u, 2530638671u, 524393356u,
                                       988200045u, 554405605u, 671170525u, 111454454u};
  EXPECT_EQ(sig, pinned);
}

TEST(MinHasher, EstimateTracksTrueJaccard) {
  ShingleOptions so;
  MinHasher h(256, 7);
  // Two texts sharing a long common run: compare estimate with the truth.
  std::string common = Words(400, 1);
  std::string a = common + Words(100, 2), b = common + Words(100, 3);
  auto sa = ShingleHashes(TokenHashes(a, so), so), sb = ShingleHashes(TokenHashes(b, so), so);
  double truth = ExactJaccard(sa, sb);
  auto ga = h.Signature(sa), gb = h.Signature(sb);
  EXPECT_NEAR(EstimateJaccard(ga.data(), gb.data(), ga.size()), truth, 0.08);
}

TEST(LshParams, MatchesTheKnownOptimum) {
  // Same criterion as datasketch's _optimal_param: 128 perms at 0.8 and 0.5.
  auto p = OptimalLshParams(0.8, 128);
  EXPECT_EQ(p.bands * p.rows <= 128, true);
  EXPECT_EQ(p.bands, 9);
  EXPECT_EQ(p.rows, 13);
  // Everywhere the S-curve's knee (1/b)^(1/r) sits near the threshold.
  for (double t : {0.5, 0.6, 0.7, 0.9}) {
    auto q = OptimalLshParams(t, 128);
    EXPECT_LE(q.bands * q.rows, 128);
    EXPECT_NEAR(std::pow(1.0 / q.bands, 1.0 / q.rows), t, 0.07) << t;
  }
}

TEST(DedupIndex, ExactNearAndDistinct) {
  DedupOptions o;
  o.threshold = 0.7;
  auto idx = DedupIndex::Create(o);
  ASSERT_TRUE(idx.ok());
  DedupIndex& d = *idx.value();
  std::string base = Words(300, 11);
  auto v1 = d.Add(d.Features(base), "\"a\"");
  EXPECT_EQ(v1.kind, DedupVerdict::Kind::kUnique);
  // Same words, different case and punctuation: exact after normalization.
  std::string shouted = base;
  for (char& c : shouted) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  auto v2 = d.Add(d.Features(shouted + "!!!"), "\"b\"");
  EXPECT_EQ(v2.kind, DedupVerdict::Kind::kExact);
  EXPECT_EQ(d.IdJson(v2.duplicate_of), "\"a\"");
  // A light edit at the end: near duplicate of "a".
  auto v3 = d.Add(d.Features(base + Words(10, 99)), "\"c\"");
  EXPECT_EQ(v3.kind, DedupVerdict::Kind::kNear);
  EXPECT_EQ(d.IdJson(v3.duplicate_of), "\"a\"");
  EXPECT_GE(v3.similarity, 0.7);
  // Another text: kept.
  auto v4 = d.Add(d.Features(Words(300, 12)), "\"d\"");
  EXPECT_EQ(v4.kind, DedupVerdict::Kind::kUnique);
  EXPECT_EQ(d.size(), 2u);
  EXPECT_GT(d.MemoryBytes(), 0u);
}

TEST(DedupIndex, ThresholdDecidesPairsOfKnownJaccard) {
  // Pairs built with a target word-shingle Jaccard; verified exactly.
  for (double target : {0.5, 0.7, 0.9}) {
    std::string common = Words(static_cast<int>(1000 * target), 21);
    int extra = static_cast<int>(1000 * (1 - target) / 2);
    std::string a = common + Words(extra, 22), b = common + Words(extra, 23);
    ShingleOptions so;
    double truth = ExactJaccard(ShingleHashes(TokenHashes(a, so), so), ShingleHashes(TokenHashes(b, so), so));
    for (double thr : {0.6, 0.8}) {
      DedupOptions o;
      o.threshold = thr;
      o.verify = VerifyMode::kExact;
      auto idx = DedupIndex::Create(o);
      ASSERT_TRUE(idx.ok());
      DedupIndex& d = *idx.value();
      (void)d.Add(d.Features(a), "1");
      auto v = d.Add(d.Features(b), "2");
      bool dup = v.kind == DedupVerdict::Kind::kNear;
      // Far from the threshold, LSH must find it; the verdict follows the truth.
      if (truth >= thr + 0.05) {
        EXPECT_TRUE(dup) << "J=" << truth << " thr=" << thr;
      }
      if (truth < thr) {
        EXPECT_FALSE(dup) << "J=" << truth << " thr=" << thr;
      }
    }
  }
}

TEST(DedupIndex, FeaturesAreTheSameOnEveryCall) {
  auto idx = DedupIndex::Create({});
  ASSERT_TRUE(idx.ok());
  std::string t = Words(200, 5);
  auto f1 = idx.value()->Features(t), f2 = idx.value()->Features(t);
  EXPECT_EQ(f1.signature, f2.signature);
  EXPECT_EQ(f1.exact_lo, f2.exact_lo);
}

TEST(DedupIndex, BadOptionsAreRefused) {
  DedupOptions o;
  o.threshold = 1.5;
  EXPECT_FALSE(DedupIndex::Create(o).ok());
  o = DedupOptions();
  o.bands = 20;
  o.rows = 20;
  auto r = DedupIndex::Create(o);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace winnow
