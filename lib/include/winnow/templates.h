// Site templates: the lines a site (or many sites) prints on page after page,
// learned by counting lines across a corpus.
//
// TemplateCounter takes one record at a time — the hashes of its lines and
// the host it came from — and counts, per distinct line, the records it is
// in, the sites it is on and whether one site printed it in many records.
// Feed it one record per story (copies of a syndicated story collapsed to
// their first), or the article's own sentences look like a template. Memory
// is open-addressing tables of 8-byte entries: one entry a distinct line
// (a line seen in one record, as most are, keeps its record's site in it),
// and one a (line, site) pair of the lines seen in two records or more.
// That is 15 to 17 bytes a distinct line on the news-like bench corpora.
// A memory budget bounds it (TemplateOptions::max_bytes).
// TemplateModel is what it learned: the template lines with their counts,
// saved and loaded as a versioned, checksummed file.
#ifndef WINNOW_TEMPLATES_H_
#define WINNOW_TEMPLATES_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "winnow/status.h"

namespace winnow {

struct TemplateOptions {
  // A line is a template line when it is in at least `min_records` distinct
  // (non-duplicate) records, or in at least `min_site_records` records of
  // one site.
  uint32_t min_records = 10;
  uint32_t min_site_records = 4;
  // Copies of one story are collapsed before counting: a record whose set
  // of prose lines has this Jaccard with an earlier record's is not counted.
  // Merging too much only lowers counts.
  double collapse_threshold = 0.6;
  // The counter's memory budget (0: none). When its tables pass it, the
  // counter drops the lines seen in one record (most lines are), and if
  // that leaves it over three quarters of the budget, lines (and per-site
  // counts) in a few records more, never a line a site already printed in
  // min_site_records records. A dropped line is counted afresh if it comes
  // back, so its count may end a few records short. The decision depends
  // on the records and their order only, as every count does: the same
  // input gives the same model on any number of threads. The tables stay
  // under the budget plus one table's growth; the default holds about 125
  // million distinct lines.
  uint64_t max_bytes = uint64_t{2048} << 20;
};

struct TemplateInfo {
  uint32_t records = 0;       // distinct records the line is in (saturates at 4095)
  uint32_t sites = 0;         // distinct sites (0 when records carry no URL; saturates at 4095;
                              // two sites whose 31-bit tags agree count as one)
  bool site_template = false;  // one site printed it in >= min_site_records records
};

class TemplateModel {
 public:
  // Looks up a line by its LineKeyHash (normalize.h). A line whose hash is
  // 0 (no letter or digit) is never a template.
  bool Find(uint64_t line_hash, TemplateInfo* info) const;
  size_t size() const { return entries_.size(); }
  uint32_t min_records() const { return min_records_; }
  uint32_t min_site_records() const { return min_site_records_; }

  // The packed entries (sorted), and a model made of entries of models
  // counted over disjoint sets of lines (a distributed count's slices).
  const std::vector<uint64_t>& entries() const { return entries_; }
  static std::shared_ptr<const TemplateModel> FromEntries(std::vector<uint64_t> entries, uint32_t min_records,
                                                          uint32_t min_site_records);

  // Atomic write (temporary + rename) of a versioned, checksummed file.
  Status Save(const std::string& path) const;
  // Fails with a message naming `path` for a damaged file, another format
  // version or a file that is no template model.
  static Result<std::shared_ptr<const TemplateModel>> Load(const std::string& path);

 private:
  friend class TemplateCounter;
  std::vector<uint64_t> entries_;  // packed (key, flag, records, sites), sorted by key
  uint32_t min_records_ = 0, min_site_records_ = 0;
};

class TemplateCounter {
 public:
  explicit TemplateCounter(const TemplateOptions& options);
  ~TemplateCounter();
  TemplateCounter(const TemplateCounter&) = delete;
  TemplateCounter& operator=(const TemplateCounter&) = delete;

  // Counts one record: `line_hashes` (LineKeyHash of its lines; sorted,
  // deduplicated and cleared of 0s in place) and its site (SiteHash; 0 =
  // unknown).
  void Add(std::vector<uint64_t>* line_hashes, uint64_t site);

  // Add in two steps, so the first can run on many threads: Prepare (static,
  // thread-safe) sorts and deduplicates `line_hashes` in place, drops 0s and
  // computes the (line, site) keys; AddPrepared (in input order) counts them.
  // The same counts as Add.
  struct Prepared {
    std::vector<uint64_t> line_hashes;
    std::vector<uint64_t> pair_keys;  // one a line; empty when the site is unknown
    uint64_t site = 0;
  };
  static void Prepare(uint64_t site, Prepared* p);
  void AddPrepared(const Prepared& p);

  // The template lines by the options' thresholds.
  std::shared_ptr<const TemplateModel> Model() const;

  // Records counted so far with this line (its LineKeyHash); 0 if none.
  uint32_t Records(uint64_t line_hash) const;
  // Asks memory for the line's entry ahead of a Records call: a caller with
  // many lines to look up issues every prefetch first.
  void PrefetchRecords(uint64_t line_hash) const;

  uint64_t records() const;         // records counted
  uint64_t distinct_lines() const;  // distinct lines held (seen, less those pruned)
  uint64_t MemoryBytes() const;     // resident bytes of the counting tables
  uint64_t PeakBytes() const;       // the most MemoryBytes has been
  uint64_t prunes() const;          // times the budget (max_bytes) was reached
  uint64_t pruned_lines() const;    // lines dropped then

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Hash of the host of `url` (lower-cased, port and a leading "www." gone);
// 0 when `url` has no host.
uint64_t SiteHash(std::string_view url);

}  // namespace winnow

#endif  // WINNOW_TEMPLATES_H_
