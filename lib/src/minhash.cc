#include "winnow/minhash.h"

#include <utf8proc.h>
#include <xxhash.h>

#include <algorithm>
#include <cmath>
#include <limits>

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

std::vector<uint64_t> TokenHashes(std::string_view text, const ShingleOptions& opt) {
  std::string folded;
  folded.reserve(text.size());
  AppendFoldedNfkc(text, &folded);
  std::vector<uint64_t> out;
  out.reserve(folded.size() / 6 + 1);
  std::string tok;
  auto flush = [&] {
    if (!tok.empty()) {
      out.push_back(XXH3_64bits_withSeed(tok.data(), tok.size(), opt.seed));
      tok.clear();
    }
  };
  size_t i = 0;
  while (i < folded.size()) {
    unsigned char c = static_cast<unsigned char>(folded[i]);
    if (c < 0x80) {  // ASCII fast path
      ++i;
      bool digit = c >= '0' && c <= '9';
      if ((c >= 'a' && c <= 'z') || digit || (c >= 'A' && c <= 'Z')) {
        tok.push_back(opt.fold_digits && digit ? '0' : static_cast<char>(c));
      } else {
        flush();
      }
      continue;
    }
    size_t start = i;
    int32_t cp = DecodeUtf8(folded, &i);
    if (cp < 0 || !IsWordCodepoint(cp)) {
      flush();
    } else if (IsUnspacedScript(cp)) {
      flush();
      tok.assign(folded, start, i - start);
      flush();
    } else if (opt.fold_digits && IsDigit(cp)) {
      tok.push_back('0');
    } else {
      tok.append(folded, start, i - start);
    }
  }
  flush();
  return out;
}

std::vector<uint64_t> ShingleHashes(const std::vector<uint64_t>& tokens, const ShingleOptions& opt) {
  std::vector<uint64_t> out;
  if (tokens.empty()) return out;
  size_t k = static_cast<size_t>(std::max(1, opt.shingle_words));
  if (tokens.size() <= k) {
    out.push_back(XXH3_64bits_withSeed(tokens.data(), tokens.size() * sizeof(uint64_t), opt.seed + 1));
    return out;
  }
  out.reserve(tokens.size() - k + 1);
  for (size_t i = 0; i + k <= tokens.size(); ++i) {
    out.push_back(XXH3_64bits_withSeed(tokens.data() + i, k * sizeof(uint64_t), opt.seed + 1));
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

MinHasher::MinHasher(int num_perm, uint64_t seed) {
  uint64_t state = seed;
  a_.resize(static_cast<size_t>(num_perm));
  b_.resize(static_cast<size_t>(num_perm));
  for (int i = 0; i < num_perm; ++i) {
    a_[i] = SplitMix(&state) | 1;  // odd multiplier
    b_[i] = SplitMix(&state);
  }
}

void MinHasher::Signature(const uint64_t* shingles, size_t n, std::vector<uint32_t>* out) const {
  const size_t m = a_.size();
  out->assign(m, std::numeric_limits<uint32_t>::max());
  uint32_t* sig = out->data();
  const uint64_t* a = a_.data();
  const uint64_t* b = b_.data();
  for (size_t s = 0; s < n; ++s) {
    const uint64_t x = shingles[s];
    for (size_t i = 0; i < m; ++i) {  // vectorizable: one multiply-add per slot
      uint32_t v = static_cast<uint32_t>((a[i] * x + b[i]) >> 32);
      sig[i] = v < sig[i] ? v : sig[i];
    }
  }
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

LshParams OptimalLshParams(double threshold, int num_perm, double fp_weight, double fn_weight) {
  LshParams best;
  double best_err = std::numeric_limits<double>::infinity();
  for (int b = 1; b <= num_perm; ++b) {
    for (int r = 1; b * r <= num_perm; ++r) {
      auto p = [&](double s) { return 1.0 - std::pow(1.0 - std::pow(s, r), b); };
      double fp = Integrate(p, 0.0, threshold);
      double fn = Integrate([&](double s) { return 1.0 - p(s); }, threshold, 1.0);
      double err = fp_weight * fp + fn_weight * fn;
      if (err < best_err) {
        best_err = err;
        best = LshParams{b, r};
      }
    }
  }
  return best;
}

}  // namespace winnow
