#include "winnow/templates.h"

// xxHash from the system package, inlined: a (line, site) pair is hashed
// per line of every record in the templates pass (16 bytes each).
#define XXH_INLINE_ALL
#include <xxhash.h>

#include <algorithm>

#include "checksum_io.h"
#include "zeroed_array.h"

namespace winnow {
namespace {

using internal::ZeroedArray;

// A model entry (TemplateModel::entries_) packs key (39 bits: the top of
// the line hash), the site-template flag, records (12 bits) and sites (12
// bits). The counter keeps its line entries in 2^kShardBits tables by the
// top bits of the key, so an entry holds the rest of the key (kLowBits)
// and 32 bits more: the counts of a model entry, or for a line seen in one
// record only (most lines are), whether that record had a site and the
// top kTagBits of its SiteHash. The (line, site) pair entries, which count
// a line's records per site, exist only for lines seen twice or more: a
// line's first site waits in its entry until a second record has the line.
// A pair is keyed by the line's key and the site's tag, so two sites whose
// tags agree (chance 2^-31) count as one.
constexpr int kLineKeyShift = 25;
constexpr uint64_t kFlag = 1ull << 24;
constexpr uint64_t kMax12 = 4095;
constexpr int kShardBits = 8;
constexpr int kLowBits = 64 - kLineKeyShift - kShardBits;
constexpr uint64_t kLowMask = (1ull << kLowBits) - 1;
constexpr int kPayloadBits = 63 - kLowBits;
constexpr uint64_t kOnce = 1ull << 63;                // a line seen in one record
constexpr uint64_t kSited = 1ull << (kPayloadBits - 1);  // ... which had a site
constexpr int kTagBits = kPayloadBits - 1;
constexpr uint64_t kTagMask = kSited - 1;
static_assert(kPayloadBits >= 25, "a counter entry holds a model entry's counts");

uint64_t LineKeyOf(uint64_t line_hash) {
  uint64_t k = line_hash >> kLineKeyShift;
  return k == 0 ? 1 : k;
}
uint64_t EntryRecords(uint64_t e) { return (e >> 12) & kMax12; }
uint64_t EntrySites(uint64_t e) { return e & kMax12; }
uint64_t SiteTag(uint64_t site) { return site >> (64 - kTagBits); }
// The counts (a model entry's low bits) of a line seen in one record, from
// its counter entry `once`.
uint64_t OnceCounts(uint64_t once, const TemplateOptions& opt) {
  if ((once & kSited) == 0) return 1ull << 12;
  return 1ull << 12 | 1 | (opt.min_site_records <= 1 ? kFlag : 0);
}
// The pair table's key of (line key, site tag): 52 bits, never 0.
uint64_t PairKey(uint64_t line_key, uint64_t tag) {
  const uint64_t k = XXH3_64bits_withSeed(&line_key, sizeof(line_key), tag) >> 12;
  return k == 0 ? 1 : k;
}

uint64_t Mix(uint64_t k) {
  k ^= k >> 31;
  k *= 0x9E3779B97F4A7C15ull;
  return k ^ (k >> 29);
}

// Open addressing over packed 8-byte entries; 0 is empty. The key is the
// entry's bits above `shift` (under `mask`), the home slot a hash of the
// key, so the table can grow without the original hashes. Grows by half at
// 70% full, into fresh zeroed memory (ZeroedArray: huge pages once it is
// large). Its bytes are kept in a running total shared with other tables.
class PackedTable {
 public:
  PackedTable(int shift, uint64_t mask, size_t slots, uint64_t* total)
      : shift_(shift), mask_(mask), slots_(slots), total_(total) {
    *total_ += slots_.bytes();
  }

  // The slot of `key`: its entry, or the empty slot (0) where it goes. A
  // caller that fills an empty slot says so with Filled(), before the next
  // Slot call. Grows first when full.
  uint64_t* Slot(uint64_t key) {
    if ((used_ + 1) * 10 > slots_.size() * 7) Grow();
    return &slots_[Find(key)];
  }
  void Filled() { ++used_; }
  // The entry of `key` (created as `key << shift` if absent).
  uint64_t* FindOrInsert(uint64_t key) {
    uint64_t* e = Slot(key);
    if (*e == 0) {
      *e = key << shift_;
      Filled();
    }
    return e;
  }
  // The entry of `key`, or 0.
  uint64_t Get(uint64_t key) const { return slots_[Find(key)]; }
  // Loads the home slot of `key` into the cache ahead of a Slot call.
  void Prefetch(uint64_t key) const { __builtin_prefetch(&slots_[Home(key)]); }
  uint64_t KeyOf(uint64_t e) const { return (e >> shift_) & mask_; }
  template <typename F>
  void ForEach(F&& f) const {
    for (uint64_t e : slots_) {
      if (e != 0) f(e);
    }
  }
  uint64_t size() const { return used_; }
  uint64_t bytes() const { return slots_.bytes(); }

  // Keeps the entries `keep` (a pure test) says yes to, in a table half
  // full of them (64 slots at least); returns how many went.
  template <typename F>
  uint64_t Retain(F&& keep) {
    size_t kept = 0;
    for (uint64_t e : slots_) kept += e != 0 && keep(e);
    Replace(ZeroedArray<uint64_t>(std::max<size_t>(64, 2 * kept)), keep);
    const uint64_t gone = used_ - kept;
    used_ = kept;
    return gone;
  }

 private:
  // Where the probe for `key` starts.
  size_t Home(uint64_t key) const {
    return static_cast<size_t>((static_cast<unsigned __int128>(Mix(key)) * slots_.size()) >> 64);
  }
  // The slot holding `key`, or the empty slot where it would go.
  size_t Find(uint64_t key) const {
    const size_t n = slots_.size();
    size_t p = Home(key);
    for (;;) {
      uint64_t e = slots_[p];
      if (e == 0 || KeyOf(e) == key) return p;
      if (++p == n) p = 0;
    }
  }
  void Grow() {
    Replace(ZeroedArray<uint64_t>(slots_.size() + slots_.size() / 2), [](uint64_t) { return true; });
  }
  // Moves the entries `keep` says yes to into `fresh`, which becomes the table.
  template <typename F>
  void Replace(ZeroedArray<uint64_t> fresh, F&& keep) {
    *total_ += fresh.bytes();
    *total_ -= slots_.bytes();
    std::swap(fresh, slots_);
    for (uint64_t e : fresh) {
      if (e != 0 && keep(e)) slots_[Find(KeyOf(e))] = e;
    }
  }
  int shift_;
  uint64_t mask_;
  ZeroedArray<uint64_t> slots_;
  uint64_t* total_;  // not owned
  size_t used_ = 0;
};

constexpr char kMagic[9] = "WINNOWTM";
constexpr uint32_t kFormatVersion = 1;
// How line hashes are made (LineKey v1 + XXH3-64, key = top 39 bits);
// bump when normalize.cc's LineKey changes.
constexpr uint64_t kKeyScheme = 1;

}  // namespace

// ---- TemplateModel ----

bool TemplateModel::Find(uint64_t line_hash, TemplateInfo* info) const {
  if (line_hash == 0 || entries_.empty()) return false;
  const uint64_t key = LineKeyOf(line_hash);
  auto it = std::lower_bound(entries_.begin(), entries_.end(), key << kLineKeyShift);
  if (it == entries_.end() || (*it >> kLineKeyShift) != key) return false;
  if (info != nullptr) {
    info->records = static_cast<uint32_t>(EntryRecords(*it));
    info->sites = static_cast<uint32_t>(EntrySites(*it));
    info->site_template = (*it & kFlag) != 0;
  }
  return true;
}

std::shared_ptr<const TemplateModel> TemplateModel::FromEntries(std::vector<uint64_t> entries, uint32_t min_records,
                                                                uint32_t min_site_records) {
  auto model = std::make_shared<TemplateModel>();
  std::sort(entries.begin(), entries.end());
  model->entries_ = std::move(entries);
  model->min_records_ = min_records;
  model->min_site_records_ = min_site_records;
  return model;
}

Status TemplateModel::Save(const std::string& path) const {
  auto opened = OutputFile::Open(path);
  if (!opened.ok()) return opened.status();
  std::unique_ptr<OutputFile> out = std::move(opened.value());
  internal::ChecksumWriter w(out.get());
  WINNOW_RETURN_IF_ERROR(internal::WriteHeader(&w, kMagic, kFormatVersion));
  WINNOW_RETURN_IF_ERROR(w.U64(kKeyScheme));
  WINNOW_RETURN_IF_ERROR(w.U64(min_records_));
  WINNOW_RETURN_IF_ERROR(w.U64(min_site_records_));
  WINNOW_RETURN_IF_ERROR(w.U64(entries_.size()));
  WINNOW_RETURN_IF_ERROR(w.Bytes(entries_.data(), entries_.size() * sizeof(uint64_t)));
  WINNOW_RETURN_IF_ERROR(w.Finish());
  return out->Commit();
}

Result<std::shared_ptr<const TemplateModel>> TemplateModel::Load(const std::string& path) {
  const std::string what = "template model";
  auto file = internal::OpenForRead(path, what);
  if (!file.ok()) return file.status();
  internal::ChecksumReader r(file.value().get(), path, what);
  WINNOW_RETURN_IF_ERROR(internal::ReadHeader(&r, path, what, kMagic, kFormatVersion));
  uint64_t scheme = 0, min_records = 0, min_site = 0, n = 0;
  WINNOW_RETURN_IF_ERROR(r.U64(&scheme));
  if (scheme != kKeyScheme) {
    return DataError(path + ": template model uses line key scheme " + std::to_string(scheme) +
                     ", this winnow uses " + std::to_string(kKeyScheme) + "; learn it again");
  }
  WINNOW_RETURN_IF_ERROR(r.U64(&min_records));
  WINNOW_RETURN_IF_ERROR(r.U64(&min_site));
  WINNOW_RETURN_IF_ERROR(r.U64(&n));
  if (n > (1ull << 32)) return DataError(path + ": template model entry count out of range");
  auto model = std::make_shared<TemplateModel>();
  model->min_records_ = static_cast<uint32_t>(min_records);
  model->min_site_records_ = static_cast<uint32_t>(min_site);
  model->entries_.resize(n);
  WINNOW_RETURN_IF_ERROR(r.Bytes(model->entries_.data(), n * sizeof(uint64_t)));
  WINNOW_RETURN_IF_ERROR(r.Verify());
  if (!std::is_sorted(model->entries_.begin(), model->entries_.end())) {
    return DataError(path + ": template model entries out of order");
  }
  return std::shared_ptr<const TemplateModel>(std::move(model));
}

// ---- TemplateCounter ----

struct TemplateCounter::Impl {
  explicit Impl(const TemplateOptions& o) : opt(o), prune_at(o.max_bytes > 0 ? o.max_bytes : ~0ull) {
    lines.reserve(size_t{1} << kShardBits);
    for (int i = 0; i < (1 << kShardBits); ++i) lines.emplace_back(kPayloadBits, kLowMask, 64, &bytes);
  }
  // The table of a line key (by its top kShardBits bits); the key there is
  // its low kLowBits.
  PackedTable& Lines(uint64_t line_key) { return lines[line_key >> kLowBits]; }
  const PackedTable& Lines(uint64_t line_key) const { return lines[line_key >> kLowBits]; }

  // The budget is reached: drops the lines seen in one record, then, while
  // the tables are still over three quarters of the budget, the lines in at
  // most 2, 4, 8, ... records and the (line, site) counts as small (a line
  // flagged as a site's template stays). If even that leaves them over, the
  // next prune waits until they have doubled, so it cannot run every record.
  void Prune() {
    ++prunes;
    const uint64_t target = opt.max_bytes / 4 * 3;
    for (uint64_t r = 1;; r = std::min(kMax12, 2 * r)) {
      for (PackedTable& t : lines) {
        pruned_lines += t.Retain([r](uint64_t e) { return (e & kOnce) == 0 && ((e & kFlag) || EntryRecords(e) > r); });
      }
      if (r >= 2) pairs.Retain([r](uint64_t e) { return (e & kMax12) > r; });
      if (bytes <= target || r == kMax12) break;
    }
    prune_at = bytes <= target ? opt.max_bytes : 2 * bytes;
  }

  TemplateOptions opt;
  uint64_t bytes = 0;  // of every table below
  std::vector<PackedTable> lines;
  PackedTable pairs{12, ~0ull, 1024, &bytes};
  uint64_t records = 0;
  uint64_t peak = 0, prune_at, prunes = 0, pruned_lines = 0;
};

TemplateCounter::TemplateCounter(const TemplateOptions& options) : impl_(std::make_unique<Impl>(options)) {}
TemplateCounter::~TemplateCounter() = default;

void TemplateCounter::Prepare(uint64_t site, Prepared* p) {
  std::vector<uint64_t>& h = p->line_hashes;
  std::sort(h.begin(), h.end());
  h.erase(std::unique(h.begin(), h.end()), h.end());
  if (!h.empty() && h.front() == 0) h.erase(h.begin());
  p->site = site;
  p->pair_keys.clear();
  if (site == 0) return;
  p->pair_keys.reserve(h.size());
  const uint64_t tag = SiteTag(site);
  for (uint64_t x : h) p->pair_keys.push_back(PairKey(LineKeyOf(x), tag));
}

void TemplateCounter::AddPrepared(const Prepared& p) {
  Impl& m = *impl_;
  ++m.records;
  const bool sited = p.site != 0 && p.pair_keys.size() == p.line_hashes.size();
  const uint64_t tag = SiteTag(p.site);
  // First every line slot this record touches is asked of memory (a
  // record's lines are independent look-ups in tables far larger than the
  // cache), then the counts are updated.
  for (uint64_t h : p.line_hashes) {
    const uint64_t key = LineKeyOf(h);
    m.Lines(key).Prefetch(key & kLowMask);
  }
  for (size_t k = 0; k < p.line_hashes.size(); ++k) {
    const uint64_t key = LineKeyOf(p.line_hashes[k]);
    PackedTable& t = m.Lines(key);
    const uint64_t low = key & kLowMask;
    uint64_t* e = t.Slot(low);
    if (*e == 0) {  // the line's first record
      *e = kOnce | low << kPayloadBits | (sited ? kSited | tag : 0);
      t.Filled();
      continue;
    }
    if (*e & kOnce) {  // its second: the first record's counts move into a full entry
      if (*e & kSited) *m.pairs.FindOrInsert(PairKey(key, *e & kTagMask)) += 1;
      *e = low << kPayloadBits | OnceCounts(*e, m.opt);
    }
    if (EntryRecords(*e) < kMax12) *e += 1ull << 12;
    if (!sited) continue;
    uint64_t* pair = m.pairs.FindOrInsert(p.pair_keys[k]);
    uint64_t c = *pair & kMax12;
    if (c < kMax12) ++*pair, ++c;
    if (c == 1 && EntrySites(*e) < kMax12) ++*e;  // first record of this site with the line
    if (c >= m.opt.min_site_records) *e |= kFlag;
  }
  m.peak = std::max(m.peak, m.bytes);
  if (m.bytes > m.prune_at) m.Prune();
}

void TemplateCounter::Add(std::vector<uint64_t>* hashes, uint64_t site) {
  thread_local Prepared p;
  p.line_hashes.swap(*hashes);
  Prepare(site, &p);
  AddPrepared(p);
  p.line_hashes.swap(*hashes);  // the caller gets its hashes back, sorted and deduplicated
}

std::shared_ptr<const TemplateModel> TemplateCounter::Model() const {
  const Impl& m = *impl_;
  auto model = std::make_shared<TemplateModel>();
  model->min_records_ = m.opt.min_records;
  model->min_site_records_ = m.opt.min_site_records;
  for (size_t s = 0; s < m.lines.size(); ++s) {
    const PackedTable& t = m.lines[s];
    t.ForEach([&](uint64_t e) {
      const uint64_t key = s << kLowBits | t.KeyOf(e);
      const uint64_t counts = (e & kOnce) ? OnceCounts(e, m.opt) : e & ((1ull << kLineKeyShift) - 1);
      if (EntryRecords(counts) >= m.opt.min_records || (counts & kFlag)) {
        model->entries_.push_back(key << kLineKeyShift | counts);
      }
    });
  }
  std::sort(model->entries_.begin(), model->entries_.end());
  return model;
}

uint32_t TemplateCounter::Records(uint64_t line_hash) const {
  if (line_hash == 0) return 0;
  const uint64_t key = LineKeyOf(line_hash);
  const uint64_t e = impl_->Lines(key).Get(key & kLowMask);
  if (e == 0) return 0;
  return (e & kOnce) ? 1 : static_cast<uint32_t>(EntryRecords(e));
}

void TemplateCounter::PrefetchRecords(uint64_t line_hash) const {
  if (line_hash == 0) return;
  const uint64_t key = LineKeyOf(line_hash);
  impl_->Lines(key).Prefetch(key & kLowMask);
}

uint64_t TemplateCounter::records() const { return impl_->records; }
uint64_t TemplateCounter::distinct_lines() const {
  uint64_t n = 0;
  for (const PackedTable& t : impl_->lines) n += t.size();
  return n;
}
uint64_t TemplateCounter::MemoryBytes() const { return impl_->bytes; }
uint64_t TemplateCounter::PeakBytes() const { return std::max(impl_->peak, impl_->bytes); }
uint64_t TemplateCounter::prunes() const { return impl_->prunes; }
uint64_t TemplateCounter::pruned_lines() const { return impl_->pruned_lines; }

// ---- Sites ----

uint64_t SiteHash(std::string_view url) {
  size_t p = url.find("://");
  std::string_view host = p == std::string_view::npos ? url : url.substr(p + 3);
  host = host.substr(0, host.find_first_of("/?#"));
  size_t at = host.rfind('@');
  if (at != std::string_view::npos) host.remove_prefix(at + 1);
  if (!host.empty() && host.front() == '[') {
    host = host.substr(0, host.find(']') + 1);  // IPv6 literal
  } else {
    host = host.substr(0, host.find(':'));
  }
  while (!host.empty() && host.back() == '.') host.remove_suffix(1);
  std::string lower(host);
  for (char& c : lower) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
  std::string_view h(lower);
  if (h.substr(0, 4) == "www.") h.remove_prefix(4);
  if (h.empty()) return 0;
  uint64_t v = XXH3_64bits(h.data(), h.size());
  return v == 0 ? 1 : v;
}

}  // namespace winnow
