#include "winnow/dedup.h"

#include <xxhash.h>

#include <algorithm>
#include <cmath>

namespace winnow {
namespace {

constexpr uint64_t kEmpty = ~0ull;

// Open-addressing multimap from 32-bit band fingerprints to record ordinals,
// 8 bytes an entry. Only the fingerprint is stored; a false match costs one
// signature comparison, never a wrong verdict.
class BandTable {
 public:
  BandTable() { slots_.assign(1024, kEmpty); }

  template <typename F>
  void ForEach(uint32_t fp, F&& f) const {
    size_t mask = slots_.size() - 1;
    for (size_t p = Home(fp) & mask;; p = (p + 1) & mask) {
      uint64_t e = slots_[p];
      if (e == kEmpty) return;
      if (static_cast<uint32_t>(e >> 32) == fp) f(static_cast<uint32_t>(e));
    }
  }

  void Insert(uint32_t fp, uint32_t ord) {
    if ((used_ + 1) * 10 > slots_.size() * 7) Grow();
    Place(fp, ord);
    ++used_;
  }

  uint64_t bytes() const { return slots_.size() * sizeof(uint64_t); }

 private:
  static size_t Home(uint32_t fp) { return static_cast<size_t>((fp * 0x9E3779B97F4A7C15ull) >> 20); }
  void Place(uint32_t fp, uint32_t ord) {
    size_t mask = slots_.size() - 1;
    size_t p = Home(fp) & mask;
    while (slots_[p] != kEmpty) p = (p + 1) & mask;
    slots_[p] = (static_cast<uint64_t>(fp) << 32) | ord;
  }
  void Grow() {
    std::vector<uint64_t> old;
    old.swap(slots_);
    slots_.assign(old.size() * 2, kEmpty);
    for (uint64_t e : old) {
      if (e != kEmpty) Place(static_cast<uint32_t>(e >> 32), static_cast<uint32_t>(e));
    }
  }
  std::vector<uint64_t> slots_;
  size_t used_ = 0;
};

// Open-addressing map from 128-bit content hashes to the first ordinal.
class ExactTable {
 public:
  ExactTable() { slots_.resize(1024); }
  static constexpr uint32_t kNone = ~0u;
  // Returns the ordinal stored for (lo, hi), or kNone.
  uint32_t Find(uint64_t lo, uint64_t hi) const {
    size_t mask = slots_.size() - 1;
    for (size_t p = lo & mask;; p = (p + 1) & mask) {
      const Slot& s = slots_[p];
      if (s.ord == kNone) return kNone;
      if (s.lo == lo && s.hi == hi) return s.ord;
    }
  }
  // Precondition: Find(lo, hi) == kNone.
  void Insert(uint64_t lo, uint64_t hi, uint32_t ord) {
    if ((used_ + 1) * 10 > slots_.size() * 7) Grow();
    size_t mask = slots_.size() - 1;
    size_t p = lo & mask;
    while (slots_[p].ord != kNone) p = (p + 1) & mask;
    slots_[p] = Slot{lo, hi, ord};
    ++used_;
  }
  uint64_t bytes() const { return slots_.size() * sizeof(Slot); }

 private:
  struct Slot {
    uint64_t lo = 0, hi = 0;
    uint32_t ord = kNone;
  };
  void Grow() {
    std::vector<Slot> old(slots_.size() * 2);
    old.swap(slots_);
    size_t mask = slots_.size() - 1;
    for (const Slot& s : old) {
      if (s.ord == kNone) continue;
      size_t p = s.lo & mask;
      while (slots_[p].ord != kNone) p = (p + 1) & mask;
      slots_[p] = s;
    }
  }
  std::vector<Slot> slots_;
  size_t used_ = 0;
};

}  // namespace

struct DedupIndex::Impl {
  DedupOptions opt;
  LshParams lsh;
  MinHasher hasher;
  BandTable bands;
  ExactTable exact;
  std::vector<uint8_t> sigs;  // 8-bit MinHash: low byte of each slot, num_perm per kept record
  std::vector<std::vector<uint64_t>> shingle_sets;  // VerifyMode::kExact only
  std::string ids;
  std::vector<uint64_t> id_end;  // ids[id_end[i-1] .. id_end[i])
  uint32_t count = 0;

  Impl(const DedupOptions& o, LshParams p) : opt(o), lsh(p), hasher(o.num_perm, o.seed) {}

  uint32_t BandKey(const std::vector<uint32_t>& sig, int band) const {
    uint64_t h = XXH3_64bits_withSeed(sig.data() + static_cast<size_t>(band) * lsh.rows,
                                      static_cast<size_t>(lsh.rows) * sizeof(uint32_t),
                                      static_cast<uint64_t>(band) + 0x51);
    return static_cast<uint32_t>(h >> 32) ^ static_cast<uint32_t>(h);
  }

  // Jaccard estimate from 8-bit MinHash, corrected for chance byte matches
  // (Li & König: P[match] = J + (1 - J) / 256).
  double Similarity(const std::vector<uint32_t>& sig, uint32_t ord) const {
    const uint8_t* s = sigs.data() + static_cast<size_t>(ord) * sig.size();
    size_t eq = 0;
    for (size_t i = 0; i < sig.size(); ++i) eq += static_cast<uint8_t>(sig[i]) == s[i];
    double p = static_cast<double>(eq) / static_cast<double>(sig.size());
    const double c = 1.0 / 256.0;
    return std::max(0.0, (p - c) / (1.0 - c));
  }
};

DedupIndex::DedupIndex(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
DedupIndex::~DedupIndex() = default;

Result<std::unique_ptr<DedupIndex>> DedupIndex::Create(const DedupOptions& o) {
  if (!(o.threshold > 0.0 && o.threshold <= 1.0)) {
    return InvalidArgument("--threshold must be in (0, 1], got " + std::to_string(o.threshold));
  }
  if (o.num_perm < 8 || o.num_perm > 1024) {
    return InvalidArgument("--num-perm must be in [8, 1024], got " + std::to_string(o.num_perm));
  }
  if (o.shingle.shingle_words < 1 || o.shingle.shingle_words > 32) {
    return InvalidArgument("--shingle must be in [1, 32], got " + std::to_string(o.shingle.shingle_words));
  }
  LshParams p{o.bands, o.rows};
  if (p.bands == 0 && p.rows == 0) {
    p = OptimalLshParams(o.threshold, o.num_perm);
  } else if (p.bands <= 0 || p.rows <= 0 || p.bands * p.rows > o.num_perm) {
    return InvalidArgument("--bands x --rows must be positive and at most --num-perm (" +
                           std::to_string(o.num_perm) + ")");
  }
  return std::unique_ptr<DedupIndex>(new DedupIndex(std::make_unique<Impl>(o, p)));
}

DedupFeatures DedupIndex::Features(std::string_view text) const {
  const DedupOptions& o = impl_->opt;
  DedupFeatures f;
  std::vector<uint64_t> tokens = TokenHashes(text, o.shingle);
  f.empty = tokens.empty();
  if (f.empty) return f;
  XXH128_hash_t h = XXH3_128bits(tokens.data(), tokens.size() * sizeof(uint64_t));
  f.exact_lo = h.low64;
  f.exact_hi = h.high64;
  if (o.near) {
    std::vector<uint64_t> sh = ShingleHashes(tokens, o.shingle);
    impl_->hasher.Signature(sh.data(), sh.size(), &f.signature);
    if (o.verify == VerifyMode::kExact) f.shingles = std::move(sh);
  }
  return f;
}

DedupVerdict DedupIndex::Add(const DedupFeatures& f, std::string_view id_json) {
  Impl& m = *impl_;
  const uint32_t ord = m.count;
  DedupVerdict v;
  if (m.opt.exact && !f.empty) {
    uint32_t first = m.exact.Find(f.exact_lo, f.exact_hi);
    if (first != ExactTable::kNone) {
      v.kind = DedupVerdict::Kind::kExact;
      v.duplicate_of = first;
      v.similarity = 1.0;
      return v;
    }
  }
  std::vector<uint32_t> keys;
  if (m.opt.near && !f.empty && !f.signature.empty()) {
    keys.resize(static_cast<size_t>(m.lsh.bands));
    uint32_t best = 0;
    double best_sim = -1.0;
    std::vector<uint32_t> seen;
    for (int b = 0; b < m.lsh.bands; ++b) {
      keys[b] = m.BandKey(f.signature, b);
      m.bands.ForEach(keys[b], [&](uint32_t cand) {
        if (std::find(seen.begin(), seen.end(), cand) != seen.end()) return;
        seen.push_back(cand);
        double sim = m.opt.verify == VerifyMode::kExact ? ExactJaccard(f.shingles, m.shingle_sets[cand])
                                                        : m.Similarity(f.signature, cand);
        if (sim > best_sim || (sim == best_sim && cand < best)) {
          best_sim = sim;
          best = cand;
        }
      });
    }
    if (best_sim >= m.opt.threshold) {
      v.kind = DedupVerdict::Kind::kNear;
      v.duplicate_of = best;
      v.similarity = best_sim;
      return v;
    }
  }
  // Unique: keep it.
  if (m.opt.exact && !f.empty) m.exact.Insert(f.exact_lo, f.exact_hi, ord);
  if (!keys.empty()) {
    for (int b = 0; b < m.lsh.bands; ++b) m.bands.Insert(keys[b], ord);
  }
  if (m.opt.near) {
    size_t n = static_cast<size_t>(m.opt.num_perm);
    size_t at = m.sigs.size();
    m.sigs.resize(at + n);
    for (size_t i = 0; i < n; ++i) m.sigs[at + i] = f.signature.empty() ? 0 : static_cast<uint8_t>(f.signature[i]);
    if (m.opt.verify == VerifyMode::kExact) m.shingle_sets.push_back(f.shingles);
  }
  m.ids.append(id_json);
  m.id_end.push_back(m.ids.size());
  ++m.count;
  return v;
}

std::string_view DedupIndex::IdJson(uint32_t ord) const {
  const Impl& m = *impl_;
  uint64_t begin = ord == 0 ? 0 : m.id_end[ord - 1];
  return std::string_view(m.ids).substr(begin, m.id_end[ord] - begin);
}

uint32_t DedupIndex::size() const { return impl_->count; }

uint64_t DedupIndex::MemoryBytes() const {
  const Impl& m = *impl_;
  uint64_t b = m.bands.bytes() + m.exact.bytes() + m.sigs.capacity() + m.ids.capacity() +
               m.id_end.capacity() * sizeof(uint64_t);
  for (const auto& s : m.shingle_sets) b += s.capacity() * sizeof(uint64_t) + sizeof(s);
  return b;
}

LshParams DedupIndex::lsh_params() const { return impl_->lsh; }
const DedupOptions& DedupIndex::options() const { return impl_->opt; }

}  // namespace winnow
