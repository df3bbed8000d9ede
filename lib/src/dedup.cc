#include "winnow/dedup.h"

// xxHash from the system package, inlined (short inputs: the call is the cost).
#define XXH_INLINE_ALL
#include <xxhash.h>

#include <algorithm>
#include <bit>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>

#include "checksum_io.h"
#include "winnow/sink.h"
#include "zeroed_array.h"

namespace winnow {
namespace {

using internal::ZeroedArray;

// Bits kept of each MinHash slot (b-bit MinHash, Li & König 2010). Four bits
// estimate Jaccard nearly as well as 32 (the chance match rate 1/16 is
// corrected for) at an eighth of the memory.
constexpr int kSigBits = 4;
constexpr uint32_t kNone = ~0u;

// Records of a fixed number of bytes in chunks of 4096 records: no doubling
// slack beyond the first chunk (which grows as a small index needs), stable
// chunk addresses once full.
class FixedArena {
 public:
  explicit FixedArena(size_t stride) : stride_(stride) {}
  uint8_t* Append() {
    if (chunks_.empty() || chunks_.back().size() == stride_ << kShift) {
      chunks_.emplace_back();
      if (chunks_.size() > 1) chunks_.back().reserve(stride_ << kShift);
    }
    chunks_.back().resize(chunks_.back().size() + stride_);
    return At(count_++);
  }
  uint8_t* At(size_t i) { return chunks_[i >> kShift].data() + (i & kMask) * stride_; }
  const uint8_t* At(size_t i) const { return chunks_[i >> kShift].data() + (i & kMask) * stride_; }
  size_t size() const { return count_; }
  uint64_t bytes() const {
    uint64_t b = 0;
    for (const auto& c : chunks_) b += c.capacity();
    return b;
  }

 private:
  static constexpr size_t kShift = 12, kMask = (size_t{1} << kShift) - 1;
  size_t stride_;
  size_t count_ = 0;
  std::vector<std::vector<uint8_t>> chunks_;
};

// Open-addressing table of record ordinals (4 bytes a slot, linear probing).
// The key is not stored: `same(ord)` compares against the record's own
// stored data, so the table costs no more than the ordinals. The table grows
// by half when 70% full (any size, homes by multiply-shift), so it stays
// between 47% and 70% full: 5.7 to 8.5 bytes an entry.
//
// A slot holds the ordinal plus one in its low `ord_bits` bits (0 is an
// empty slot, so a new table is fresh zeroed memory: ZeroedArray) and, in
// the bits an ordinal does not need, a tag: the low bits of the key's hash.
// A probe passes over entries of other keys by their tag, without loading
// their records (a random memory access each): at a million records the
// ordinal field is 22 bits, and 1023 of 1024 other keys met on the way are
// passed over.
class OrdinalTable {
 public:
  OrdinalTable() : slots_(64) {}

  template <typename Same, typename F>
  void ForEach(uint64_t hash, Same&& same, F&& f) const {
    const size_t n = slots_.size();
    const uint32_t tag = Tag(hash);
    for (size_t p = Home(hash, n);;) {
      uint32_t e = slots_[p];
      if (e == 0) return;
      if ((e & ~ord_mask_) == tag && same((e & ord_mask_) - 1)) f((e & ord_mask_) - 1);
      if (++p == n) p = 0;
    }
  }

  // True when one more key would fill the table past 70%: its owner then
  // grows it (Grow) and inserts its keys again.
  bool Full() const { return (used_ + 1) * 10 > slots_.size() * 7; }
  // Empties the table at `slots` slots, with room for ordinals below
  // 2^ord_bits - 1.
  void Grow(size_t slots, int ord_bits) {
    slots_ = ZeroedArray<uint32_t>(slots);
    ord_mask_ = ord_bits >= 32 ? kNone : (uint32_t{1} << ord_bits) - 1;
    used_ = 0;
  }
  size_t slots() const { return slots_.size(); }
  // Ordinals below this fit (an ordinal plus one fills the field at most).
  uint32_t ord_limit() const { return ord_mask_; }
  void Insert(uint64_t hash, uint32_t ord) {
    Place(hash, Tag(hash) | (ord + 1));
    ++used_;
  }

  uint64_t bytes() const { return slots_.bytes(); }

  void Prefetch(uint64_t hash) const { __builtin_prefetch(&slots_[Home(hash, slots_.size())]); }
  // Appends the ordinals met probing for `hash` whose tag is that of `hash`
  // (its candidates and the few other keys that share the tag), without
  // comparing any.
  void Run(uint64_t hash, std::vector<uint32_t>* out) const {
    const size_t n = slots_.size();
    const uint32_t tag = Tag(hash);
    for (size_t p = Home(hash, n);;) {
      uint32_t e = slots_[p];
      if (e == 0) return;
      if ((e & ~ord_mask_) == tag) out->push_back((e & ord_mask_) - 1);
      if (++p == n) p = 0;
    }
  }

 private:
  static size_t Home(uint64_t hash, size_t n) {
    return static_cast<size_t>((static_cast<unsigned __int128>(hash) * n) >> 64);
  }
  // The home takes the hash's top bits; the tag its low ones.
  uint32_t Tag(uint64_t hash) const { return static_cast<uint32_t>(hash) & ~ord_mask_; }
  void Place(uint64_t hash, uint32_t entry) {
    const size_t n = slots_.size();
    size_t p = Home(hash, n);
    while (slots_[p] != 0) {
      if (++p == n) p = 0;
    }
    slots_[p] = entry;
  }
  ZeroedArray<uint32_t> slots_;
  uint32_t ord_mask_ = kNone;  // no tag until the first Grow
  size_t used_ = 0;
};

// Record ids (JSON values), varint-length-prefixed in 1 MiB chunks (the
// first grows from small), with the
// position of every 32nd record: about one byte of overhead an id.
class IdStore {
 public:
  void Append(std::string_view id) {
    char len[10];
    size_t n = 0;
    for (uint64_t v = id.size(); ; v >>= 7) {
      len[n++] = static_cast<char>((v & 0x7f) | (v >= 0x80 ? 0x80 : 0));
      if (v < 0x80) break;
    }
    if (chunks_.empty() || (!chunks_.back().empty() && chunks_.back().size() + n + id.size() > kChunk)) {
      chunks_.emplace_back();
      if (chunks_.size() > 1) chunks_.back().reserve(std::max<size_t>(kChunk, n + id.size()));
    }
    std::vector<char>& last = chunks_.back();
    if (last.size() + n + id.size() > last.capacity()) {  // the first chunk: grow, but not past kChunk
      last.reserve(std::max(last.size() + n + id.size(), std::min(kChunk, 2 * last.capacity())));
    }
    if ((count_ & 31) == 0) {
      block_.push_back((static_cast<uint64_t>(chunks_.size() - 1) << 32) | chunks_.back().size());
    }
    last.insert(last.end(), len, len + n);
    last.insert(last.end(), id.begin(), id.end());
    ++count_;
  }
  std::string_view Get(uint32_t i) const {
    uint64_t pos = block_[i >> 5];
    size_t c = static_cast<size_t>(pos >> 32), off = static_cast<uint32_t>(pos);
    for (uint32_t k = i & ~31u;; ++k) {
      if (off == chunks_[c].size()) ++c, off = 0;
      const std::vector<char>& s = chunks_[c];
      uint64_t len = 0;
      for (int shift = 0;; shift += 7) {
        uint8_t b = static_cast<uint8_t>(s[off++]);
        len |= static_cast<uint64_t>(b & 0x7f) << shift;
        if (!(b & 0x80)) break;
      }
      if (k == i) return std::string_view(s.data() + off, len);
      off += len;
    }
  }
  uint32_t size() const { return count_; }
  uint64_t bytes() const {
    uint64_t b = block_.capacity() * sizeof(uint64_t);
    for (const auto& s : chunks_) b += s.capacity();
    return b;
  }

 private:
  static constexpr size_t kChunk = 1 << 20;
  std::vector<std::vector<char>> chunks_;  // vector: reserve() gives exactly what is asked
  std::vector<uint64_t> block_;
  uint32_t count_ = 0;
};

// The on-disk index: magic, version, parameters, sections, XXH3-64 checksum.
constexpr char kMagic[9] = "WINNOWIX";
constexpr uint32_t kFormatVersion = 3;  // 2: 32-bit xor-multiply MinHash family; 3: 16-byte token hash

}  // namespace

struct DedupIndex::Impl {
  DedupOptions opt;
  LshParams lsh;
  MinHasher hasher;
  size_t sig_stride;                // bytes of one packed signature
  std::vector<OrdinalTable> bands;  // one table a band
  OrdinalTable exact;
  FixedArena hashes{16};            // XXH3-128 of each kept record (exact on)
  FixedArena sigs;                  // packed 4-bit signatures (near on)
  std::vector<uint64_t> shingles;   // VerifyMode::kExact: every kept record's shingle set
  std::vector<uint64_t> shingle_end;
  IdStore ids;
  uint32_t count = 0;

  Impl(const DedupOptions& o, LshParams p)
      : opt(o),
        lsh(p),
        hasher(o.num_perm, o.seed),
        sig_stride((static_cast<size_t>(o.num_perm) * kSigBits + 7) / 8),
        bands(static_cast<size_t>(p.bands)),
        sigs(sig_stride) {}

  static int Nibble(const uint8_t* packed, int i) { return (packed[i >> 1] >> ((i & 1) * 4)) & 15; }

  // Packs the low kSigBits of every slot.
  void Pack(const std::vector<uint32_t>& sig, uint8_t* out) const {
    std::memset(out, 0, sig_stride);
    for (size_t i = 0; i < sig.size(); ++i) out[i >> 1] |= static_cast<uint8_t>((sig[i] & 15) << ((i & 1) * 4));
  }

  // The band's 4r bits (r <= 15), read straight from the packed slots
  // (nibble i is bits 4i..4i+3).
  uint64_t BandBits(const uint8_t* packed, int band) const {
    const int r = lsh.rows, at = band * r;
    const size_t first = static_cast<size_t>(at) / 2;
    uint64_t bits = 0;
    std::memcpy(&bits, packed + first, std::min<size_t>(8, sig_stride - first));
    return (bits >> ((at & 1) * 4)) & ((uint64_t{1} << (4 * r)) - 1);
  }

  // The band key is a hash of the band's 4-bit slots, so a stored record's
  // key can be recomputed from its packed signature and the band tables need
  // not store keys.
  uint64_t BandHome(const uint8_t* packed, int band) const {
    const int r = lsh.rows, at = band * r;
    if (r <= 15) {
      // The band's bits through a bijective 64-bit mix: equal bands give
      // equal keys, different bands different ones.
      uint64_t k = BandBits(packed, band) ^ (static_cast<uint64_t>(band) + 0x51) * 0x9E3779B97F4A7C15ull;
      k = (k ^ (k >> 30)) * 0xBF58476D1CE4E5B9ull;
      k = (k ^ (k >> 27)) * 0x94D049BB133111EBull;
      return k ^ (k >> 31);
    }
    uint8_t v[1024];
    for (int i = 0; i < r; ++i) v[i] = static_cast<uint8_t>(Nibble(packed, at + i));
    return XXH3_64bits_withSeed(v, static_cast<size_t>(r), static_cast<uint64_t>(band) + 0x51);
  }
  bool SameBand(const uint8_t* a, const uint8_t* b, int band) const {
    const int r = lsh.rows, at = band * r;
    if (r <= 15) return BandBits(a, band) == BandBits(b, band);
    for (int i = at; i < at + r; ++i) {
      if (Nibble(a, i) != Nibble(b, i)) return false;
    }
    return true;
  }

  // Jaccard estimate from b-bit MinHash, corrected for chance matches
  // (Li & König: P[match] = J + (1 - J) / 2^b). Equal slots are counted
  // 16 to a 64-bit word: a slot differs when any bit of its nibble in
  // a ^ b is set. The padding nibble of an odd num_perm is 0 in both.
  double Similarity(const uint8_t* a, const uint8_t* b) const {
    constexpr uint64_t kLow = 0x1111111111111111ull;
    int differ = 0;
    for (size_t i = 0; i < sig_stride; i += 8) {
      uint64_t x = 0, y = 0;
      const size_t n = std::min<size_t>(8, sig_stride - i);
      std::memcpy(&x, a + i, n);
      std::memcpy(&y, b + i, n);
      uint64_t d = x ^ y;
      d |= d >> 1;
      d |= d >> 2;
      d &= kLow;  // a bit per differing 4-bit slot
      // Counted without POPCNT (the library is built for the baseline,
      // where std::popcount is a libgcc call): slot bits to per-byte sums
      // (0..2), then all bytes summed by a multiply (at most 16).
      d = (d & 0x0F0F0F0F0F0F0F0Full) + ((d >> 4) & 0x0F0F0F0F0F0F0F0Full);
      differ += static_cast<int>((d * 0x0101010101010101ull) >> 56);
    }
    double p = static_cast<double>(opt.num_perm - differ) / static_cast<double>(opt.num_perm);
    const double c = 1.0 / (1 << kSigBits);
    return std::max(0.0, (p - c) / (1.0 - c));
  }

  const uint64_t* HashOf(uint32_t ord) const { return reinterpret_cast<const uint64_t*>(hashes.At(ord)); }

  bool StoredEmpty(uint32_t ord) const {
    if (opt.exact) return HashOf(ord)[0] == 0 && HashOf(ord)[1] == 0;
    if (!opt.near) return true;
    const uint8_t* s = sigs.At(ord);
    return std::all_of(s, s + sig_stride, [](uint8_t b) { return b == 0; });
  }

  // Inserts kept record `ord` (already stored in the arenas) into the tables;
  // `keys`: its band keys, or null to compute them.
  // Records are indexed in ordinal order, so every table holds the same
  // records and fills up at the same time.
  void Index(uint32_t ord, const uint64_t* keys = nullptr) {
    if (!opt.exact && !opt.near) return;
    const OrdinalTable& first = opt.exact ? exact : bands[0];
    if (first.Full() || ord >= first.ord_limit()) Reindex(ord);
    if (opt.exact) exact.Insert(HashOf(ord)[0], ord);
    if (opt.near) {
      const uint8_t* s = sigs.At(ord);
      for (int b = 0; b < lsh.bands; ++b) bands[b].Insert(keys != nullptr ? keys[b] : BandHome(s, b), ord);
    }
  }

  // Grows every table and inserts the records indexed before `ord` again,
  // in ordinal order: their hashes and signatures are read front to back
  // (a signature once for all bands), not in the tables' random order.
  // Ordinals get a bit more than the table's slots or `ord` need, so a run
  // with few empty records regrows for the fill alone.
  void Reindex(uint32_t ord, size_t slots = 0) {
    const size_t now = opt.exact ? exact.slots() : bands[0].slots();
    const size_t grown = std::max(slots, now + now / 2);
    const int ord_bits = std::min(32, static_cast<int>(std::bit_width(std::max<uint64_t>(grown, ord + 1ull))) + 1);
    if (opt.exact) exact.Grow(grown, ord_bits);
    if (opt.near) {
      for (OrdinalTable& t : bands) t.Grow(grown, ord_bits);
    }
    for (uint32_t e = 0; e < ord; ++e) {
      if (StoredEmpty(e)) continue;  // stored for its id, never indexed
      if (opt.exact) exact.Insert(HashOf(e)[0], e);
      if (opt.near) {
        const uint8_t* s = sigs.At(e);
        for (int b = 0; b < lsh.bands; ++b) bands[b].Insert(BandHome(s, b), e);
      }
    }
  }
};

DedupIndex::DedupIndex(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
DedupIndex::~DedupIndex() = default;

LshParams IndexLshParams(double threshold, int num_perm) {
  LshCriteria c;
  c.fp_weight = 0.2;
  c.fn_weight = 0.8;
  c.chance_match = 1.0 / (1 << kSigBits);
  c.min_rows = 6;
  c.max_bands = 19;
  return OptimalLshParams(threshold, num_perm, c);
}

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
    p = IndexLshParams(o.threshold, o.num_perm);
  } else if (p.bands <= 0 || p.rows <= 0 || p.bands * p.rows > o.num_perm) {
    return InvalidArgument("--bands x --rows must be positive and at most --num-perm (" +
                           std::to_string(o.num_perm) + ")");
  }
  return std::unique_ptr<DedupIndex>(new DedupIndex(std::make_unique<Impl>(o, p)));
}

DedupFeatures DedupIndex::Features(std::string_view text) const {
  DedupFeatures f;
  Features(text, &f);
  return f;
}

void DedupIndex::Features(std::string_view text, DedupFeatures* out) const {
  const DedupOptions& o = impl_->opt;
  DedupFeatures& f = *out;
  f.exact_lo = f.exact_hi = 0;  // every field set afresh; the buffers stay
  f.signature.clear();
  f.shingles.clear();
  f.band_keys.clear();
  // Per-thread scratch: no allocation per record once grown.
  thread_local std::vector<uint64_t> tokens, shingles;
  thread_local std::string folded;
  TokenHashes(text, o.shingle, &tokens, &folded);
  f.empty = tokens.empty();
  if (f.empty) return;
  XXH128_hash_t h = XXH3_128bits(tokens.data(), tokens.size() * sizeof(uint64_t));
  f.exact_lo = h.low64;
  f.exact_hi = h.high64;
  if (o.near) {
    // Sorted (for the exact Jaccard) only when verification needs the set.
    const bool exact = o.verify == VerifyMode::kExact;
    ShingleHashes(tokens, o.shingle, exact, &shingles);
    impl_->hasher.Signature(shingles.data(), shingles.size(), &f.signature);
    if (exact) f.shingles.assign(shingles.begin(), shingles.end());
    uint8_t packed[512];
    impl_->Pack(f.signature, packed);
    f.band_keys.resize(static_cast<size_t>(impl_->lsh.bands));
    for (int b = 0; b < impl_->lsh.bands; ++b) f.band_keys[static_cast<size_t>(b)] = impl_->BandHome(packed, b);
  }
}

DedupVerdict DedupIndex::Add(const DedupFeatures& f, std::string_view id_json) {
  Impl& m = *impl_;
  const uint32_t ord = m.count;
  DedupVerdict v;
  if (m.opt.exact && !f.empty) {
    uint32_t first = kNone;
    m.exact.ForEach(
        f.exact_lo, [&](uint32_t e) { return m.HashOf(e)[0] == f.exact_lo && m.HashOf(e)[1] == f.exact_hi; },
        [&](uint32_t e) { first = std::min(first, e); });
    if (first != kNone) {
      v.kind = DedupVerdict::Kind::kExact;
      v.duplicate_of = first;
      v.similarity = 1.0;
      return v;
    }
  }
  const bool near = m.opt.near && !f.empty && !f.signature.empty();
  uint8_t packed[512] = {};
  if (near) m.Pack(f.signature, packed);
  thread_local std::vector<uint64_t> homes;  // band keys
  if (near) {
    uint32_t best = 0;
    double best_sim = -1.0;
    // Three sweeps over the bands so their cache misses overlap: prefetch
    // every band's home slot; collect the ordinals of every probe run and
    // prefetch their signatures; then compare.
    thread_local std::vector<uint32_t> runs, run_end, seen;
    homes.resize(static_cast<size_t>(m.lsh.bands));
    run_end.resize(static_cast<size_t>(m.lsh.bands));
    runs.clear();
    seen.clear();
    const bool given = f.band_keys.size() == static_cast<size_t>(m.lsh.bands);
    for (int b = 0; b < m.lsh.bands; ++b) {
      homes[b] = given ? f.band_keys[static_cast<size_t>(b)] : m.BandHome(packed, b);
      m.bands[b].Prefetch(homes[b]);
    }
    for (int b = 0; b < m.lsh.bands; ++b) {
      m.bands[b].Run(homes[b], &runs);
      run_end[b] = static_cast<uint32_t>(runs.size());
    }
    for (uint32_t e : runs) __builtin_prefetch(m.sigs.At(e));
    for (int b = 0, k = 0; b < m.lsh.bands; ++b) {
      for (; k < static_cast<int>(run_end[b]); ++k) {
        const uint32_t cand = runs[k];
        if (!m.SameBand(packed, m.sigs.At(cand), b)) continue;
        if (std::find(seen.begin(), seen.end(), cand) != seen.end()) continue;
        seen.push_back(cand);
        double sim;
        if (m.opt.verify == VerifyMode::kExact) {
          uint64_t begin = cand == 0 ? 0 : m.shingle_end[cand - 1];
          sim = ExactJaccard(f.shingles.data(), f.shingles.size(), m.shingles.data() + begin,
                             m.shingle_end[cand] - begin);
        } else {
          sim = m.Similarity(packed, m.sigs.At(cand));
        }
        if (sim > best_sim || (sim == best_sim && cand < best)) {
          best_sim = sim;
          best = cand;
        }
      }
    }
    if (best_sim >= m.opt.threshold) {
      v.kind = DedupVerdict::Kind::kNear;
      v.duplicate_of = best;
      v.similarity = best_sim;
      return v;
    }
  }
  // Unique: keep it. Empty records are stored (for their id) but not indexed.
  if (m.opt.exact) {
    uint64_t* h = reinterpret_cast<uint64_t*>(m.hashes.Append());
    h[0] = f.exact_lo;
    h[1] = f.exact_hi;
  }
  if (m.opt.near) {
    std::memcpy(m.sigs.Append(), packed, m.sig_stride);
    if (m.opt.verify == VerifyMode::kExact) {
      m.shingles.insert(m.shingles.end(), f.shingles.begin(), f.shingles.end());
      m.shingle_end.push_back(m.shingles.size());
    }
  }
  m.ids.Append(id_json);
  ++m.count;
  if (!f.empty) m.Index(ord, near ? homes.data() : nullptr);
  return v;
}

namespace {
// Table slots that hold `records` under the 70% fill limit.
size_t SlotsFor(uint64_t records) {
  return static_cast<size_t>(std::min<uint64_t>(records, kNone - 1) * 10 / 7 + 1);
}
}  // namespace

uint64_t DedupIndex::ReserveBytes(uint64_t records) const {
  const Impl& m = *impl_;
  const uint64_t tables = (m.opt.exact ? 1 : 0) + (m.opt.near ? static_cast<uint64_t>(m.lsh.bands) : 0);
  return tables * SlotsFor(records) * sizeof(uint32_t);
}

void DedupIndex::Reserve(uint64_t records) {
  Impl& m = *impl_;
  const size_t slots = SlotsFor(records);
  const size_t now = m.opt.exact ? m.exact.slots() : m.bands.empty() ? slots : m.bands[0].slots();
  if (slots > now) m.Reindex(m.count, slots);
}

std::string_view DedupIndex::IdJson(uint32_t ord) const { return impl_->ids.Get(ord); }

uint32_t DedupIndex::size() const { return impl_->count; }

size_t DedupIndex::packed_bytes() const { return impl_->sig_stride; }
void DedupIndex::Pack(const DedupFeatures& f, uint8_t* out) const { impl_->Pack(f.signature, out); }
uint64_t DedupIndex::BandKey(const uint8_t* packed, int band) const { return impl_->BandHome(packed, band); }
bool DedupIndex::ShareBand(const uint8_t* a, const uint8_t* b) const {
  for (int band = 0; band < impl_->lsh.bands; ++band) {
    if (impl_->SameBand(a, b, band)) return true;
  }
  return false;
}
double DedupIndex::Similarity(const uint8_t* a, const uint8_t* b) const { return impl_->Similarity(a, b); }

uint64_t DedupIndex::MemoryBytes() const {
  const Impl& m = *impl_;
  uint64_t b = m.exact.bytes() + m.hashes.bytes() + m.sigs.bytes() + m.shingles.capacity() * sizeof(uint64_t) +
               m.shingle_end.capacity() * sizeof(uint64_t);
  for (const OrdinalTable& t : m.bands) b += t.bytes();
  return b;
}

uint64_t DedupIndex::IdBytes() const { return impl_->ids.bytes(); }

LshParams DedupIndex::lsh_params() const { return impl_->lsh; }
const DedupOptions& DedupIndex::options() const { return impl_->opt; }

// ---- Persistence ----

namespace {

// The parameters an index file records, in file order. All but the banding
// bind it: the band tables are not saved but rebuilt from the signatures on
// load, so a run may band them otherwise (another --threshold, or the
// banding another winnow version derives) and still use the index.
struct FileParam {
  const char* name;
  uint64_t value;
  bool binds;
};
std::vector<FileParam> FileParams(const DedupOptions& o, LshParams lsh) {
  return {{"shingle", static_cast<uint64_t>(o.shingle.shingle_words), true},
          {"fold-digits", o.shingle.fold_digits ? 1u : 0u, true},
          {"shingle seed", o.shingle.seed, true},
          {"num-perm", static_cast<uint64_t>(o.num_perm), true},
          {"minhash seed", o.seed, true},
          {"bands", static_cast<uint64_t>(lsh.bands), false},
          {"rows", static_cast<uint64_t>(lsh.rows), false},
          {"signature bits", static_cast<uint64_t>(kSigBits), true},
          {"exact dedup", o.exact ? 1u : 0u, true},
          {"near dedup", o.near ? 1u : 0u, true},
          {"verify exact", o.verify == VerifyMode::kExact ? 1u : 0u, true}};
}

}  // namespace

Status DedupIndex::Save(const std::string& path) const {
  const Impl& m = *impl_;
  auto opened = OutputFile::Open(path);
  if (!opened.ok()) return opened.status();
  std::unique_ptr<OutputFile> out = std::move(opened.value());
  internal::ChecksumWriter w(out.get());
  WINNOW_RETURN_IF_ERROR(internal::WriteHeader(&w, kMagic, kFormatVersion));
  for (const FileParam& p : FileParams(m.opt, m.lsh)) WINNOW_RETURN_IF_ERROR(w.U64(p.value));
  WINNOW_RETURN_IF_ERROR(w.U64(m.count));
  for (uint32_t i = 0; i < m.count; ++i) {
    if (m.opt.exact) WINNOW_RETURN_IF_ERROR(w.Bytes(m.hashes.At(i), 16));
    if (m.opt.near) WINNOW_RETURN_IF_ERROR(w.Bytes(m.sigs.At(i), m.sig_stride));
    std::string_view id = m.ids.Get(i);
    WINNOW_RETURN_IF_ERROR(w.U64(id.size()));
    WINNOW_RETURN_IF_ERROR(w.Bytes(id.data(), id.size()));
    if (m.opt.near && m.opt.verify == VerifyMode::kExact) {
      uint64_t begin = i == 0 ? 0 : m.shingle_end[i - 1];
      WINNOW_RETURN_IF_ERROR(w.U64(m.shingle_end[i] - begin));
      WINNOW_RETURN_IF_ERROR(w.Bytes(m.shingles.data() + begin, (m.shingle_end[i] - begin) * sizeof(uint64_t)));
    }
  }
  WINNOW_RETURN_IF_ERROR(w.Finish());
  return out->Commit();
}

Result<std::unique_ptr<DedupIndex>> DedupIndex::Load(const std::string& path, const DedupOptions& options) {
  auto created = Create(options);
  if (!created.ok()) return created.status();
  std::unique_ptr<DedupIndex> index = std::move(created.value());
  Impl& m = *index->impl_;

  auto file = internal::OpenForRead(path, "dedup index");
  if (!file.ok()) return file.status();
  internal::ChecksumReader r(file.value().get(), path, "dedup index");
  WINNOW_RETURN_IF_ERROR(internal::ReadHeader(&r, path, "dedup index", kMagic, kFormatVersion));
  for (const FileParam& p : FileParams(m.opt, m.lsh)) {
    uint64_t got = 0;
    WINNOW_RETURN_IF_ERROR(r.U64(&got));
    if (p.binds && got != p.value) {
      return InvalidArgument(path + ": the dedup index was built with " + p.name + " = " + std::to_string(got) +
                             ", this run asks for " + std::to_string(p.value) +
                             "; use the same dedup options (--shingle, --num-perm, "
                             "--fold-digits, --no-exact/--no-near, --verify) or a new --index directory");
    }
  }
  uint64_t count = 0;
  WINNOW_RETURN_IF_ERROR(r.U64(&count));
  if (count >= kNone) return DataError(path + ": dedup index record count out of range");
  std::string id;
  std::vector<uint64_t> sh;
  for (uint64_t i = 0; i < count; ++i) {
    if (m.opt.exact) WINNOW_RETURN_IF_ERROR(r.Bytes(m.hashes.Append(), 16));
    if (m.opt.near) WINNOW_RETURN_IF_ERROR(r.Bytes(m.sigs.Append(), m.sig_stride));
    uint64_t n = 0;
    WINNOW_RETURN_IF_ERROR(r.U64(&n));
    if (n > (64u << 20)) return DataError(path + ": dedup index id length out of range");
    id.resize(n);
    WINNOW_RETURN_IF_ERROR(r.Bytes(id.data(), n));
    m.ids.Append(id);
    if (m.opt.near && m.opt.verify == VerifyMode::kExact) {
      WINNOW_RETURN_IF_ERROR(r.U64(&n));
      if (n > (1u << 30)) return DataError(path + ": dedup index shingle count out of range");
      sh.resize(n);
      WINNOW_RETURN_IF_ERROR(r.Bytes(sh.data(), n * sizeof(uint64_t)));
      m.shingles.insert(m.shingles.end(), sh.begin(), sh.end());
      m.shingle_end.push_back(m.shingles.size());
    }
  }
  WINNOW_RETURN_IF_ERROR(r.Verify());
  // Rebuild the tables from the stored hashes and signatures. A kept empty
  // record (stored for its id, never indexed by Add) has an all-zero hash
  // and signature; a real record has them with probability 2^-128.
  m.count = static_cast<uint32_t>(count);
  for (uint32_t i = 0; i < count; ++i) {
    if (!m.StoredEmpty(i)) m.Index(i);
  }
  return index;
}

}  // namespace winnow
