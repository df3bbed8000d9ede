#include "winnow/minhash.h"

#include <utf8proc.h>

// xxHash from the system package, inlined: most inputs here are short words,
// where the call overhead is the cost.
#define XXH_INLINE_ALL
#include <xxhash.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstring>
#include <limits>
#include <map>
#include <mutex>
#include <tuple>

#include "ascii.h"
#include "winnow/normalize.h"

namespace winnow {
namespace {

// splitmix64: expands a seed into the MinHash coefficients.
uint64_t SplitMix(uint64_t* state) {
  uint64_t z = (*state += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

bool IsDigit(int32_t cp) {
  if (cp < 0x80) return cp >= '0' && cp <= '9';
  return utf8proc_category(cp) == UTF8PROC_CATEGORY_ND;
}

}  // namespace

namespace {

using internal::kAsciiWord;
using internal::AsciiWordMask64;
#ifdef WINNOW_HAVE_AVX512_ASCII
using internal::AsciiWordMask64Avx512;
using internal::HaveAvx512Bw;
#endif

// How many bytes past a token TokenHash may read.
constexpr size_t kTokenPad = 16;

// A token's hash. A token of at most 16 bytes is hashed as 16 bytes, zero
// past its end (tokens hold no zero byte, so no two share them): one path
// through XXH3 instead of a branch on the length per token, which the
// varying lengths of words mispredict. `p` has kTokenPad readable bytes
// past the token.
inline uint64_t TokenHash(const char* p, size_t len, uint64_t seed) {
  if (len > 16) return XXH3_64bits_withSeed(p, len, seed);
  uint64_t w[2];
  std::memcpy(w, p, 16);
  const unsigned low = len < 8 ? static_cast<unsigned>(len) : 8u;  // 1..8
  const unsigned high = static_cast<unsigned>(len) - low;           // 0..8
  w[0] &= ~uint64_t{0} >> (64 - 8 * low);
  w[1] &= high == 0 ? 0 : ~uint64_t{0} >> (64 - 8 * high);
  return XXH3_64bits_withSeed(w, sizeof(w), seed);
}

// With digit folding a token is copied with its digits replaced.
void TokenHashesFoldingDigits(std::string_view f, const ShingleOptions& opt, std::vector<uint64_t>* out) {
  std::string tok;
  auto flush = [&] {
    if (!tok.empty()) {
      const size_t len = tok.size();
      tok.append(kTokenPad, '\0');
      out->push_back(TokenHash(tok.data(), len, opt.seed));
    }
    tok.clear();
  };
  size_t i = 0;
  while (i < f.size()) {
    unsigned char c = static_cast<unsigned char>(f[i]);
    if (c < 0x80) {
      ++i;
      if (kAsciiWord[c]) {
        tok.push_back(c >= '0' && c <= '9' ? '0' : static_cast<char>(c));
      } else {
        flush();
      }
      continue;
    }
    size_t at = i;
    int32_t cp = DecodeUtf8(f, &i);
    if (cp < 0 || !IsWordCodepoint(cp)) {
      flush();
    } else if (IsUnspacedScript(cp)) {
      flush();
      tok.assign(f.substr(at, i - at));
      flush();
    } else if (IsDigit(cp)) {
      tok.push_back('0');
    } else {
      tok.append(f.substr(at, i - at));
    }
  }
  flush();
}

}  // namespace

// flatten: inline the short-input XXH3 paths into the loop.
__attribute__((flatten)) void TokenHashes(std::string_view text, const ShingleOptions& opt, std::vector<uint64_t>* out,
                                          std::string* folded) {
  folded->clear();
  folded->reserve(text.size() + kTokenPad);
  AppendFoldedNfkc(text, folded);
  out->clear();
  out->reserve(folded->size() / 5 + 1);
  if (opt.fold_digits) return TokenHashesFoldingDigits(*folded, opt, out);
  // A token is a contiguous run of the folded text, hashed in place; the
  // zero bytes appended are what TokenHash reads past the last one.
  const size_t n = folded->size();
  folded->append(kTokenPad, '\0');
  const std::string_view padded = *folded;
  const char* f = padded.data();
  constexpr size_t kNone = ~size_t{0};
  size_t start = kNone;
  auto emit = [&](size_t end) {
    if (start != kNone) out->push_back(TokenHash(f + start, end - start, opt.seed));
    start = kNone;
  };
  // A block's word mask: with AVX-512 where the CPU has it.
#ifdef WINNOW_HAVE_AVX512_ASCII
  uint64_t (*const word_mask)(const char*, uint64_t*) = HaveAvx512Bw() ? AsciiWordMask64Avx512 : AsciiWordMask64;
#else
  uint64_t (*const word_mask)(const char*, uint64_t*) = AsciiWordMask64;
#endif
  // A block's UTF-8 sequences, read as the byte loop reads them: false when
  // one runs past the block or is of an unspaced script (a token per
  // character): the byte loop takes that block.
  auto mark_utf8 = [&](size_t k, uint64_t utf8, uint64_t* m) {
    uint64_t spill = 0;
    size_t decoded_end = k;
    return !internal::MarkUtf8WordBytes(*folded, k, utf8, m, &spill, &decoded_end) && decoded_end <= k + 64;
  };
  size_t i = 0;
  while (i < n) {
    // 64 bytes at a time: a bit mask of word bytes, and token starts and
    // ends found with bit tricks instead of a branch per byte.
    uint64_t m;
    uint64_t utf8;
    if (i + 64 <= n && ((utf8 = word_mask(f + i, &m)) == 0 || mark_utf8(i, utf8, &m))) {
      const uint64_t prev = (m << 1) | (start != kNone ? 1 : 0);
      uint64_t starts = m & ~prev, ends = ~m & prev;
      while ((starts | ends) != 0) {
        const uint64_t both = starts | ends;
        const uint64_t bit = both & (~both + 1);
        const size_t at = i + static_cast<size_t>(__builtin_ctzll(both));
        if (ends & bit) {
          emit(at);
          ends ^= bit;
        } else {
          start = at;
          starts ^= bit;
        }
      }
      i += 64;
      continue;
    }
    // Byte by byte up to the next block (whole code points).
    const size_t stop = std::min(n, i + 64);
    while (i < stop) {
      unsigned char c = static_cast<unsigned char>(f[i]);
      if (c < 0x80) {
        if (kAsciiWord[c]) {
          if (start == kNone) start = i;
        } else {
          emit(i);
        }
        ++i;
        continue;
      }
      const size_t at = i;
      size_t next = i;  // DecodeUtf8 takes an address; keep `i` in a register
      int32_t cp = DecodeUtf8(*folded, &next);
      i = next;
      if (cp < 0 || !IsWordCodepoint(cp)) {
        emit(at);
      } else if (IsUnspacedScript(cp)) {  // one token per character
        emit(at);
        out->push_back(TokenHash(f + at, i - at, opt.seed));
      } else if (start == kNone) {
        start = at;
      }
    }
  }
  emit(n);
}

std::vector<uint64_t> TokenHashes(std::string_view text, const ShingleOptions& opt) {
  std::vector<uint64_t> out;
  std::string folded;
  TokenHashes(text, opt, &out, &folded);
  return out;
}

// Hot loops are built for x86-64-v4 (AVX-512), v3 (AVX2) and the baseline
// and picked at load time (the library is compiled for the baseline), so
// one binary runs everywhere at full speed.
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
#define WINNOW_TARGET_CLONES __attribute__((target_clones("arch=x86-64-v4", "arch=x86-64-v3", "default")))
#else
#define WINNOW_TARGET_CLONES
#endif

namespace {

// o[i] = sum over j < k of w[j] * t[i + j], for i < n: a shingle's
// position-weighted sum of its token hashes. Vectorizes; a 64-bit multiply
// is one instruction with AVX-512 (vpmullq) and four without.
WINNOW_TARGET_CLONES
void WeightedSums(const uint64_t* __restrict t, size_t n, const uint64_t* __restrict w, size_t k,
                  uint64_t* __restrict o) {
  for (size_t i = 0; i < n; ++i) o[i] = 0;
  for (size_t j = 0; j < k; ++j) {
    const uint64_t wj = w[j];
    for (size_t i = 0; i < n; ++i) o[i] += wj * t[i + j];
  }
}

}  // namespace

std::vector<uint64_t> ShingleHashes(const std::vector<uint64_t>& tokens, const ShingleOptions& opt, bool sorted) {
  std::vector<uint64_t> out;
  ShingleHashes(tokens, opt, sorted, &out);
  return out;
}

__attribute__((flatten)) void ShingleHashes(const std::vector<uint64_t>& tokens, const ShingleOptions& opt, bool sorted,
                   std::vector<uint64_t>* shingles) {
  std::vector<uint64_t>& out = *shingles;
  out.clear();
  if (tokens.empty()) return;
  size_t k = static_cast<size_t>(std::max(1, opt.shingle_words));
  if (tokens.size() <= k) {
    out.push_back(XXH3_64bits_withSeed(tokens.data(), tokens.size() * sizeof(uint64_t), opt.seed + 1));
    return;
  }
  // A shingle is XXH3 (its 8-byte path) of a position-weighted sum of its k
  // token hashes: the sums vectorize, and hashing 8 bytes is a third of the
  // cost of hashing k * 8. Distinct shingles collide with probability about
  // 2^-64 (the weights are random odd 64-bit numbers).
  static const std::array<uint64_t, 33> kWeights = [] {
    std::array<uint64_t, 33> w{};
    uint64_t state = 0x5417a9d3c0ffee11ull;
    for (uint64_t& x : w) x = SplitMix(&state) | 1;
    return w;
  }();
  const size_t n = tokens.size() - k + 1;
  out.resize(n);
  uint64_t* o = out.data();
  WeightedSums(tokens.data(), n, kWeights.data(), k, o);
  for (size_t i = 0; i < n; ++i) o[i] = XXH3_64bits_withSeed(&o[i], sizeof(uint64_t), opt.seed + 1);
  if (sorted) {
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
  }
}

MinHasher::MinHasher(int num_perm, uint64_t seed) {
  uint64_t state = seed;
  a_.resize(static_cast<size_t>(num_perm));
  s_.resize(static_cast<size_t>(num_perm));
  for (int i = 0; i < num_perm; ++i) {
    a_[i] = static_cast<uint32_t>(SplitMix(&state)) | 1;  // odd: a bijection of 32-bit words
    s_[i] = static_cast<uint32_t>(SplitMix(&state));
  }
}

// The hot loop: num_perm xor-multiplies and minima per shingle, in 32-bit
// lanes (sixteen to an AVX-512 register; a 32-bit multiply is a third of the
// cost of a 64-bit one), built for each target (WINNOW_TARGET_CLONES).
namespace {

WINNOW_TARGET_CLONES
void MinInto(const uint32_t* __restrict a, const uint32_t* __restrict salt, size_t m, const uint64_t* shingles,
             size_t n, uint32_t* __restrict sig) {
  // Thirty-two slots at a time over all shingles: their coefficients and
  // minima stay in vector registers and each shingle is one broadcast.
  constexpr size_t kBlock = 32;
  size_t i0 = 0;
  for (; i0 + kBlock <= m; i0 += kBlock) {
    uint32_t ab[kBlock], sb[kBlock], mb[kBlock];
    for (size_t i = 0; i < kBlock; ++i) ab[i] = a[i0 + i], sb[i] = salt[i0 + i], mb[i] = sig[i0 + i];
    for (size_t s = 0; s < n; ++s) {
      const uint32_t x = static_cast<uint32_t>(shingles[s]);
      for (size_t i = 0; i < kBlock; ++i) {
        const uint32_t v = (x ^ sb[i]) * ab[i];
        mb[i] = v < mb[i] ? v : mb[i];
      }
    }
    for (size_t i = 0; i < kBlock; ++i) sig[i0 + i] = mb[i];
  }
  for (size_t s = 0; s < n; ++s) {  // the slots left over (num_perm not a multiple of 32)
    const uint32_t x = static_cast<uint32_t>(shingles[s]);
    for (size_t i = i0; i < m; ++i) {
      const uint32_t v = (x ^ salt[i]) * a[i];
      sig[i] = v < sig[i] ? v : sig[i];
    }
  }
}

}  // namespace

void MinHasher::Signature(const uint64_t* shingles, size_t n, std::vector<uint32_t>* out) const {
  const size_t m = a_.size();
  out->assign(m, std::numeric_limits<uint32_t>::max());
  MinInto(a_.data(), s_.data(), m, shingles, n, out->data());
}

std::vector<uint32_t> MinHasher::Signature(const std::vector<uint64_t>& shingles) const {
  std::vector<uint32_t> out;
  Signature(shingles.data(), shingles.size(), &out);
  return out;
}

double EstimateJaccard(const uint32_t* a, const uint32_t* b, size_t n) {
  if (n == 0) return 0.0;
  size_t eq = 0;
  for (size_t i = 0; i < n; ++i) eq += a[i] == b[i];
  return static_cast<double>(eq) / static_cast<double>(n);
}

double ExactJaccard(const uint64_t* a, size_t na, const uint64_t* b, size_t nb) {
  if (na == 0 && nb == 0) return 1.0;
  size_t i = 0, j = 0, inter = 0;
  while (i < na && j < nb) {
    if (a[i] == b[j]) {
      ++inter, ++i, ++j;
    } else if (a[i] < b[j]) {
      ++i;
    } else {
      ++j;
    }
  }
  return static_cast<double>(inter) / static_cast<double>(na + nb - inter);
}

namespace {

// Integral of f over [lo, hi] by the midpoint rule (smooth integrands).
template <typename F>
double Integrate(F f, double lo, double hi) {
  const int n = 200;
  double h = (hi - lo) / n, sum = 0;
  for (int i = 0; i < n; ++i) sum += f(lo + (i + 0.5) * h);
  return sum * h;
}

}  // namespace

LshParams OptimalLshParams(double threshold, int num_perm, const LshCriteria& c) {
  // The search integrates the S-curve for every (b, r): milliseconds. Runs
  // ask for the same few parameter sets, so answers are remembered.
  static std::mutex mu;
  static std::map<std::tuple<double, int, double, double, double, int, int>, LshParams> cache;
  const auto key = std::make_tuple(threshold, num_perm, c.fp_weight, c.fn_weight, c.chance_match, c.min_rows,
                                   c.max_bands);
  {
    std::lock_guard<std::mutex> lock(mu);
    auto it = cache.find(key);
    if (it != cache.end()) return it->second;
  }
  const int min_rows = std::clamp(c.min_rows, 1, std::max(1, num_perm));
  const int max_bands = c.max_bands > 0 ? c.max_bands : num_perm;
  LshParams best;
  double best_err = std::numeric_limits<double>::infinity();
  for (int b = 1; b <= max_bands && b * min_rows <= num_perm; ++b) {
    for (int r = min_rows; b * r <= num_perm; ++r) {
      auto p = [&](double s) { return 1.0 - std::pow(1.0 - std::pow(s + (1.0 - s) * c.chance_match, r), b); };
      double fp = Integrate(p, 0.0, threshold);
      double fn = Integrate([&](double s) { return 1.0 - p(s); }, threshold, 1.0);
      double err = c.fp_weight * fp + c.fn_weight * fn;
      if (err < best_err) {
        best_err = err;
        best = LshParams{b, r};
      }
    }
  }
  std::lock_guard<std::mutex> lock(mu);
  cache.emplace(key, best);
  return best;
}

}  // namespace winnow
