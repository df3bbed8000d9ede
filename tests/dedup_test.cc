#include "winnow/dedup.h"

#include <gtest/gtest.h>

#include <xxhash.h>

#include <cmath>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <random>
#include <set>

#include "test_util.h"
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

TEST(Tokens, EachLengthHashesAsItsBytesAndDigitFoldingAgrees) {
  // A token of up to 16 bytes is XXH3 of its bytes zero-padded to 16,
  // a longer one XXH3 of its bytes; the digit-folding path, which copies
  // each token, hashes the same way (text without digits: the same hashes).
  ShingleOptions o, folding;
  folding.fold_digits = true;
  for (size_t len = 1; len <= 24; ++len) {
    std::string word;
    for (size_t k = 0; k < len; ++k) word.push_back(static_cast<char>('a' + (k * 7 + len) % 26));
    uint64_t want;
    if (len <= 16) {
      char padded[16] = {};
      std::memcpy(padded, word.data(), len);
      want = XXH3_64bits_withSeed(padded, sizeof(padded), o.seed);
    } else {
      want = XXH3_64bits_withSeed(word.data(), len, o.seed);
    }
    const std::string text = "x " + word + "\n" + word;
    const std::vector<uint64_t> got = TokenHashes(text, o);
    ASSERT_EQ(got.size(), 3u) << len;
    EXPECT_EQ(got[1], want) << len;
    EXPECT_EQ(got[2], want) << len;  // the last token of the text: read up to its padding
    EXPECT_EQ(TokenHashes(text, folding), got) << len;
  }
}

TEST(Tokens, LongTextSplitsLikeEachWordAlone) {
  // The tokenizer takes 64 ASCII bytes at a time; tokens across block
  // edges, runs of separators and non-ASCII words between must come out as
  // if each word were tokenized on its own.
  ShingleOptions o;
  std::mt19937 rng(9);
  const char* seps[] = {" ", ", ", "\n\n", " -- ", "...", "\t", " (", ") "};
  std::string text;
  std::vector<uint64_t> want;
  for (int i = 0; i < 600; ++i) {
    std::string w;
    int len = 1 + static_cast<int>(rng() % 19);
    for (int k = 0; k < len; ++k) w.push_back(static_cast<char>((rng() % 3 == 0 ? 'A' : 'a') + rng() % 26));
    if (rng() % 40 == 0) w += "\xC3\xA9t\xC3\xA9";  // "été": a non-ASCII word
    if (rng() % 10 == 0) w += std::to_string(rng() % 1000);
    text += w + seps[rng() % 8];
    want.push_back(TokenHashes(w, o).at(0));
  }
  EXPECT_EQ(TokenHashes(text, o), want);
}

TEST(Tokens, LongUtf8TextSplitsLikeEachPieceAlone) {
  // Blocks of 64 bytes with UTF-8 in them take the mask path too: accented
  // words, curly quotes, dashes and NBSP between words, sequences across
  // block edges, a CJK run (a token per character: its block takes the byte
  // loop) and broken bytes. The tokens of the whole text must be those of
  // its pieces one after the other (a piece alone is under 64 bytes: the
  // byte loop).
  ShingleOptions o;
  std::mt19937 rng(11);
  const char* letters[] = {"a", "k", "Z", "7", "\xC3\xA9", "\xC3\xB1", "\xC5\x82", "\xD0\xB4", "\xCE\xA9",
                           "\xE1\xBA\xBF", "\xF0\x9D\x90\x80", "'"};
  const char* seps[] = {" ", ", ", "\xE2\x80\x99 ", " \xE2\x80\x94 ", "\xC2\xA0", " \xE2\x80\x9C", "\xE2\x80\xA6",
                        " \xC2\xAB", "\n", " \xE6\x9D\xB1\xE4\xBA\xAC ", " \x80 ", " \xE2\x80 "};
  for (int round = 0; round < 20; ++round) {
    std::string text;
    std::vector<uint64_t> want;
    for (int i = 0; i < 400; ++i) {
      std::string w;
      int len = 1 + static_cast<int>(rng() % 12);
      for (int k = 0; k < len; ++k) w += letters[rng() % 11];  // no apostrophe first
      if (rng() % 4 == 0) w += letters[rng() % 12];
      std::string sep = seps[rng() % (round < 10 ? 10 : 12)];
      for (const std::string& piece : {w, sep}) {
        auto t = TokenHashes(piece, o);
        want.insert(want.end(), t.begin(), t.end());
        text += piece;
      }
    }
    ASSERT_EQ(TokenHashes(text, o), want) << "round " << round;
  }
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
  const std::vector<uint32_t> pinned = {1417387413u, 1090928919u, 391240231u, 292736627u,
                                       2512089757u, 47901597u,   1111086225u, 195318112u};
  EXPECT_EQ(sig, pinned);
}

TEST(MinHasher, SignatureIsTheSlotwiseMinimumOfSingletons) {
  // The vectorized loop (blocks of slots, and the slots left over when
  // num_perm is not a multiple of the block) against the definition: slot i
  // of a set's signature is the least h_i over its members.
  ShingleOptions so;
  auto shingles = ShingleHashes(TokenHashes(Words(300, 4), so), so);
  for (int perms : {8, 37, 128, 200}) {
    MinHasher h(perms, 11);
    std::vector<uint32_t> want(static_cast<size_t>(perms), ~0u);
    for (uint64_t x : shingles) {
      auto one = h.Signature(std::vector<uint64_t>{x});
      for (size_t i = 0; i < want.size(); ++i) want[i] = std::min(want[i], one[i]);
    }
    EXPECT_EQ(h.Signature(shingles), want) << perms;
    // Distinct slots are distinct functions.
    std::set<uint32_t> distinct(want.begin(), want.end());
    EXPECT_GT(distinct.size(), want.size() * 9 / 10) << perms;
  }
  EXPECT_EQ(MinHasher(16, 1).Signature(std::vector<uint64_t>{}), std::vector<uint32_t>(16, ~0u));
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

// The probability that two records of Jaccard s share a band of (b, r)
// over 4-bit slots.
double BandHit(LshParams p, double s) {
  const double slot = s + (1 - s) / 16;
  return 1 - std::pow(1 - std::pow(slot, p.rows), p.bands);
}

TEST(LshParams, TheIndexBandsForRecallWithinItsMemory) {
  // Candidates are verified, so the index bands for pairs at the threshold:
  // from 0.6 up it brings more of them to verification than datasketch's
  // rule, with bands of at least 6 slots (a chance band match of unrelated
  // records 2^-24) and at most 19 bands (the memory budget). (At 0.5
  // datasketch's rule takes bands of 5 slots, whose chance matches would
  // grow with the index: winnow's bring fewer pairs to verification.)
  for (double t : {0.5, 0.6, 0.7, 0.8, 0.9}) {
    const LshParams p = IndexLshParams(t, 128), d = OptimalLshParams(t, 128);
    EXPECT_LE(p.bands * p.rows, 128) << t;
    EXPECT_GE(p.rows, 6) << t;
    EXPECT_LE(p.bands, 19) << t;
    if (t >= 0.6) {
      EXPECT_GT(BandHit(p, t), BandHit(d, t)) << t;
    }
    EXPECT_LT(p.bands * std::pow(1.0 / 16, p.rows), 1.2e-6) << t;  // unrelated records
  }
  const LshParams p6 = IndexLshParams(0.6, 128);
  EXPECT_EQ(p6.bands, 19);
  EXPECT_EQ(p6.rows, 6);
  EXPECT_GE(BandHit(p6, 0.6), 0.68);
  EXPECT_LE(BandHit(OptimalLshParams(0.6, 128), 0.6), 0.5);
  auto idx = DedupIndex::Create({});
  ASSERT_TRUE(idx.ok());
  EXPECT_EQ(idx.value()->lsh_params().bands, 19);
}

TEST(DedupIndex, ThresholdDecidesPairsOfKnownJaccard) {
  // Pairs built with a target word-shingle Jaccard, verified exactly: below
  // the threshold never a duplicate; above it LSH finds most pairs (banding
  // is an S-curve, not a step: at 0.6, 19 bands of 6 4-bit slots find a pair
  // at J = 0.7 with probability 0.95), and far above it all of them.
  for (double target : {0.5, 0.7, 0.9}) {
    for (double thr : {0.6, 0.8}) {
      DedupOptions o;
      o.threshold = thr;
      o.verify = VerifyMode::kExact;
      int found = 0, pairs = 0;
      double truth = 0;
      for (uint32_t seed = 0; seed < 20; ++seed) {
        std::string common = Words(static_cast<int>(1000 * target), 21 + 100 * seed);
        int extra = static_cast<int>(1000 * (1 - target) / 2);
        std::string a = common + Words(extra, 22 + 100 * seed), b = common + Words(extra, 23 + 100 * seed);
        ShingleOptions so;
        truth = ExactJaccard(ShingleHashes(TokenHashes(a, so), so), ShingleHashes(TokenHashes(b, so), so));
        auto idx = DedupIndex::Create(o);
        ASSERT_TRUE(idx.ok());
        DedupIndex& d = *idx.value();
        (void)d.Add(d.Features(a), "1");
        auto v = d.Add(d.Features(b), "2");
        bool dup = v.kind == DedupVerdict::Kind::kNear;
        if (truth < thr) {
          EXPECT_FALSE(dup) << "J=" << truth << " thr=" << thr;
        }
        if (dup) {
          EXPECT_GE(v.similarity, thr);
        }
        found += dup;
        ++pairs;
      }
      if (truth >= thr + 0.25) {
        EXPECT_EQ(found, pairs) << "J=" << truth << " thr=" << thr;
      } else if (truth >= thr + 0.05) {
        EXPECT_GE(found, pairs * 6 / 10) << "J=" << truth << " thr=" << thr;
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

TEST(DedupIndex, FourBitSignaturesEstimateKnownJaccard) {
  // The verdict's similarity comes from 4-bit slots corrected for chance
  // matches; it must track the true shingle Jaccard.
  for (double target : {0.55, 0.75, 0.9}) {
    std::string common = Words(static_cast<int>(2000 * target), 31);
    int extra = static_cast<int>(2000 * (1 - target) / 2);
    std::string a = common + Words(extra, 32), b = common + Words(extra, 33);
    ShingleOptions so;
    double truth = ExactJaccard(ShingleHashes(TokenHashes(a, so), so), ShingleHashes(TokenHashes(b, so), so));
    DedupOptions o;
    o.threshold = 0.3;
    o.num_perm = 256;
    // Bands of 4 rows, 64 of them: a pair at Jaccard 0.55 shares a band
    // with probability 0.999, so the verdict is there to look at (the
    // derived layout for 0.3, capped in memory, finds it half the time).
    o.bands = 64;
    o.rows = 4;
    auto idx = DedupIndex::Create(o);
    ASSERT_TRUE(idx.ok());
    DedupIndex& d = *idx.value();
    (void)d.Add(d.Features(a), "1");
    auto v = d.Add(d.Features(b), "2");
    ASSERT_EQ(v.kind, DedupVerdict::Kind::kNear) << truth;
    EXPECT_NEAR(v.similarity, truth, 0.08) << truth;
  }
}

// Distinct short records, `n` of them, each of 40 random words.
std::vector<std::string> Distinct(int n, uint32_t seed) {
  std::vector<std::string> out;
  for (int i = 0; i < n; ++i) out.push_back(Words(40, seed * 1000003u + static_cast<uint32_t>(i)));
  return out;
}

TEST(DedupIndex, ResidentBytesPerRecordStayWithinBudget) {
  // 100k kept records with the default options: index structures (hashes,
  // signatures, band and exact tables) at most 256 bytes a record.
  auto idx = DedupIndex::Create({});
  ASSERT_TRUE(idx.ok());
  DedupIndex& d = *idx.value();
  std::string id;
  for (int i = 0; i < 100000; ++i) {
    id = "\"doc-" + std::to_string(i) + "\"";
    std::string text = "record " + std::to_string(i) + " " + Words(12, static_cast<uint32_t>(i) + 7);
    ASSERT_EQ(d.Add(d.Features(text), id).kind, DedupVerdict::Kind::kUnique) << i;
  }
  EXPECT_EQ(d.size(), 100000u);
  EXPECT_EQ(d.IdJson(12345), "\"doc-12345\"");
  double per = static_cast<double>(d.MemoryBytes()) / d.size();
  EXPECT_LE(per, 256.0);
  EXPECT_LE(static_cast<double>(d.IdBytes()) / d.size(), 24.0);  // 11-byte ids, length, block index, chunk slack
}

struct Verdicts {
  std::vector<DedupVerdict::Kind> kind;
  std::vector<std::string> of;
};

Verdicts AddAll(DedupIndex& d, const std::vector<std::string>& texts, const std::string& prefix) {
  Verdicts v;
  for (size_t i = 0; i < texts.size(); ++i) {
    auto r = d.Add(d.Features(texts[i]), "\"" + prefix + std::to_string(i) + "\"");
    v.kind.push_back(r.kind);
    v.of.push_back(r.kind == DedupVerdict::Kind::kUnique ? "" : std::string(d.IdJson(r.duplicate_of)));
  }
  return v;
}

// Yesterday's batch, and today's: exact copies, light edits and new stories.
void Batches(std::vector<std::string>* day1, std::vector<std::string>* day2) {
  *day1 = Distinct(300, 1);
  day1->push_back("");  // an empty record is kept for its id, never matched
  std::vector<std::string> fresh = Distinct(100, 2);
  day2->clear();
  for (int i = 0; i < 100; ++i) {
    day2->push_back((*day1)[static_cast<size_t>(i)]);                   // exact copy
    day2->push_back((*day1)[static_cast<size_t>(i + 100)] + " w1 w2");  // near copy
    day2->push_back(fresh[static_cast<size_t>(i)]);                     // new
  }
}

TEST(DedupIndex, SavedIndexDeduplicatesTheNextBatchLikeOneIndex) {
  testing::TempDir dir;
  std::vector<std::string> day1, day2;
  Batches(&day1, &day2);
  DedupOptions o;
  o.threshold = 0.6;
  auto whole = DedupIndex::Create(o);
  ASSERT_TRUE(whole.ok());
  AddAll(*whole.value(), day1, "a");
  Verdicts want = AddAll(*whole.value(), day2, "b");

  auto first = DedupIndex::Create(o);
  ASSERT_TRUE(first.ok());
  AddAll(*first.value(), day1, "a");
  const std::string path = dir / "winnow.index";
  ASSERT_TRUE(first.value()->Save(path).ok());
  auto loaded = DedupIndex::Load(path, o);
  ASSERT_TRUE(loaded.ok()) << loaded.status().message();
  EXPECT_EQ(loaded.value()->size(), first.value()->size());
  EXPECT_EQ(loaded.value()->MemoryBytes(), first.value()->MemoryBytes());
  Verdicts got = AddAll(*loaded.value(), day2, "b");
  EXPECT_EQ(got.kind, want.kind);
  EXPECT_EQ(got.of, want.of);
  EXPECT_EQ(std::count(got.kind.begin(), got.kind.end(), DedupVerdict::Kind::kExact), 100);
  EXPECT_EQ(std::count(got.kind.begin(), got.kind.end(), DedupVerdict::Kind::kNear), 100);

  // Saved again after today's batch: three generations agree.
  ASSERT_TRUE(loaded.value()->Save(path).ok());
  auto again = DedupIndex::Load(path, o);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again.value()->size(), whole.value()->size());
  EXPECT_EQ(again.value()->IdJson(again.value()->size() - 1), whole.value()->IdJson(whole.value()->size() - 1));
}

TEST(DedupIndex, ReservingTableSpaceChangesNoVerdict) {
  std::vector<std::string> day1, day2;
  Batches(&day1, &day2);
  DedupOptions o;
  o.threshold = 0.6;
  auto grown = DedupIndex::Create(o);
  ASSERT_TRUE(grown.ok());
  Verdicts want1 = AddAll(*grown.value(), day1, "a");
  Verdicts want2 = AddAll(*grown.value(), day2, "b");

  auto reserved = DedupIndex::Create(o);
  ASSERT_TRUE(reserved.ok());
  reserved.value()->Reserve(10);  // too small: the tables still grow on the way
  Verdicts got1 = AddAll(*reserved.value(), day1, "a");
  reserved.value()->Reserve(day1.size() + day2.size());  // with records in: they are put back
  EXPECT_GE(reserved.value()->MemoryBytes(), reserved.value()->ReserveBytes(day1.size() + day2.size()));
  Verdicts got2 = AddAll(*reserved.value(), day2, "b");
  EXPECT_EQ(got1.kind, want1.kind);
  EXPECT_EQ(got1.of, want1.of);
  EXPECT_EQ(got2.kind, want2.kind);
  EXPECT_EQ(got2.of, want2.of);
  EXPECT_EQ(std::count(got2.kind.begin(), got2.kind.end(), DedupVerdict::Kind::kNear), 100);
}

TEST(DedupIndex, ManyEmptyRecordsBetweenKeptOnesMisleadNoVerdict) {
  // Empty records take an ordinal but no table slot, so ordinals run far
  // ahead of the tables' fill: a table sized for 60 records must still
  // name the right earlier record for ordinals in the thousands.
  DedupOptions o;
  o.threshold = 0.7;
  auto idx = DedupIndex::Create(o);
  ASSERT_TRUE(idx.ok());
  DedupIndex& d = *idx.value();
  std::vector<std::string> first = Distinct(60, 5);
  for (size_t i = 0; i < first.size(); ++i) d.Add(d.Features(first[i]), "\"f" + std::to_string(i) + "\"");
  for (int i = 0; i < 5000; ++i) d.Add(d.Features(""), "\"e" + std::to_string(i) + "\"");
  const std::string late = Words(200, 77);
  ASSERT_EQ(d.Add(d.Features(late), "\"late\"").kind, DedupVerdict::Kind::kUnique);
  auto copy = d.Add(d.Features(first[7]), "\"copy\"");
  EXPECT_EQ(copy.kind, DedupVerdict::Kind::kExact);
  EXPECT_EQ(d.IdJson(copy.duplicate_of), "\"f7\"");
  auto edit = d.Add(d.Features(late + " one more"), "\"edit\"");
  EXPECT_EQ(edit.kind, DedupVerdict::Kind::kNear);
  EXPECT_EQ(d.IdJson(edit.duplicate_of), "\"late\"");
}

TEST(DedupIndex, OddSlotCountsEstimateAnIdenticalSetAsOne) {
  // With an odd --num-perm the packed signature ends in a padding slot;
  // it must not count as a match.
  for (int num_perm : {63, 65, 129}) {
    DedupOptions o;
    o.exact = false;
    o.num_perm = num_perm;
    auto idx = DedupIndex::Create(o);
    ASSERT_TRUE(idx.ok());
    DedupIndex& d = *idx.value();
    const std::string text = Words(120, 3);
    d.Add(d.Features(text), "\"a\"");
    auto v = d.Add(d.Features(text), "\"b\"");
    EXPECT_EQ(v.kind, DedupVerdict::Kind::kNear) << num_perm;
    EXPECT_EQ(v.similarity, 1.0) << num_perm;
  }
}

TEST(DedupIndex, ExactVerificationSurvivesSaveAndLoad) {
  testing::TempDir dir;
  std::vector<std::string> day1, day2;
  Batches(&day1, &day2);
  DedupOptions o;
  o.threshold = 0.6;
  o.verify = VerifyMode::kExact;
  auto first = DedupIndex::Create(o);
  ASSERT_TRUE(first.ok());
  AddAll(*first.value(), day1, "a");
  ASSERT_TRUE(first.value()->Save(dir / "x.index").ok());
  auto loaded = DedupIndex::Load(dir / "x.index", o);
  ASSERT_TRUE(loaded.ok()) << loaded.status().message();
  Verdicts got = AddAll(*loaded.value(), day2, "b");
  EXPECT_EQ(std::count(got.kind.begin(), got.kind.end(), DedupVerdict::Kind::kNear), 100);
}

TEST(DedupIndex, LoadRefusesOtherParametersDamageAndOtherVersions) {
  testing::TempDir dir;
  DedupOptions o;
  auto idx = DedupIndex::Create(o);
  ASSERT_TRUE(idx.ok());
  AddAll(*idx.value(), Distinct(50, 3), "a");
  const std::string path = dir / "winnow.index";
  ASSERT_TRUE(idx.value()->Save(path).ok());

  struct Case {
    const char* name;
    DedupOptions opt;
  };
  std::vector<Case> cases(4, Case{"", o});
  cases[0].name = "shingle", cases[0].opt.shingle.shingle_words = 3;
  cases[1].name = "num-perm", cases[1].opt.num_perm = 64;
  cases[2].name = "fold-digits", cases[2].opt.shingle.fold_digits = true;
  cases[3].name = "exact dedup", cases[3].opt.exact = false;
  for (const Case& c : cases) {
    auto r = DedupIndex::Load(path, c.opt);
    ASSERT_FALSE(r.ok()) << c.name;
    EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument) << c.name;
    EXPECT_NE(r.status().message().find(c.name), std::string::npos) << r.status().message();
    EXPECT_NE(r.status().message().find(path), std::string::npos) << r.status().message();
  }

  // The banding binds nothing: the band tables are rebuilt from the
  // signatures, so an index saved at 0.6 serves a run at 0.8 (as it does a
  // winnow that derives another banding).
  DedupOptions at08 = o;
  at08.threshold = 0.8;
  auto rebanded = DedupIndex::Load(path, at08);
  ASSERT_TRUE(rebanded.ok()) << rebanded.status().message();
  EXPECT_NE(rebanded.value()->lsh_params().bands, idx.value()->lsh_params().bands);
  std::vector<std::string> edited = Distinct(50, 3);
  for (std::string& t : edited) t += " postscript";
  Verdicts again = AddAll(*rebanded.value(), edited, "c");
  EXPECT_EQ(std::count(again.kind.begin(), again.kind.end(), DedupVerdict::Kind::kNear), 50);

  std::string bytes = testing::ReadFile(path);
  auto write = [&](const std::string& b) {
    std::ofstream(path, std::ios::binary | std::ios::trunc) << b;
  };
  std::string damaged = bytes;
  damaged[damaged.size() / 2] ^= 0x20;
  write(damaged);
  auto r = DedupIndex::Load(path, o);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("checksum"), std::string::npos) << r.status().message();

  write(bytes.substr(0, bytes.size() - 100));
  r = DedupIndex::Load(path, o);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("truncated"), std::string::npos) << r.status().message();

  std::string other = bytes;
  other[8] = 9;  // format version 9
  write(other);
  r = DedupIndex::Load(path, o);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("version 9"), std::string::npos) << r.status().message();

  write("not an index at all");
  r = DedupIndex::Load(path, o);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("not a winnow dedup index"), std::string::npos);
}

}  // namespace
}  // namespace winnow
