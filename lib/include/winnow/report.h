// winnow::Report: the account of a run. Records in = kept + dropped +
// rejected, per input and in total, always.
#ifndef WINNOW_REPORT_H_
#define WINNOW_REPORT_H_

#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace winnow {

struct Counts {
  uint64_t records_in = 0;
  uint64_t kept = 0;
  std::map<std::string, uint64_t> dropped;   // by reason: exact-duplicate, near-duplicate, empty
  std::map<std::string, uint64_t> rejected;  // by reason: invalid-json, missing-text, ...
  std::map<std::string, uint64_t> lines_removed;  // by line reason: repeat, rule, ...
  std::map<std::string, uint64_t> languages;      // records cleaned, by the language they were read in
  uint64_t bytes_in = 0;        // input bytes of the records (lines, files, WARC blocks)
  uint64_t bytes_out = 0;       // output bytes of the kept records
  uint64_t text_bytes_in = 0;   // bytes of record text before cleaning
  uint64_t text_bytes_out = 0;  // bytes of record text kept
  double seconds = 0;           // wall time

  uint64_t dropped_total() const;
  uint64_t rejected_total() const;
  // records_in == kept + dropped_total() + rejected_total()
  bool Balanced() const { return records_in == kept + dropped_total() + rejected_total(); }
  void Add(const Counts& o);  // sums everything but seconds
};

struct InputReport {
  std::string name;
  std::string format;       // jsonl, text, wet
  std::string compression;  // none, gzip, zstd
  Counts counts;
};

// Site templates of a run: learned on a first pass or loaded from a model.
struct TemplateReport {
  std::string source;           // "" (none), "learned", a model path, or why it is off
  uint64_t records = 0;         // records counted (first pass)
  uint64_t collapsed = 0;       // of them, copies of an earlier story, not counted
  uint64_t distinct_lines = 0;  // distinct lines held at the end (less pruned_lines)
  uint64_t counter_bytes = 0;   // resident bytes of the counting tables at the end
  uint64_t counter_peak_bytes = 0;  // ... at their most
  uint64_t counter_max_bytes = 0;   // their budget (TemplateOptions::max_bytes; 0: none)
  uint64_t prunes = 0;              // times the budget was reached
  uint64_t pruned_lines = 0;        // lines dropped then (distinct_lines is what stayed)
  uint64_t template_lines = 0;  // lines judged template
  double seconds = 0;           // first pass wall time
  // `winnow learn` only (a run reports its rejects in its counts): records
  // the first pass could not read, and the inputs it found truncated or corrupt.
  uint64_t rejected = 0;
  std::vector<std::string> corrupt_inputs;
};

struct Report {
  std::string command;  // run, clean, dedup
  std::string version;  // winnow's (Version())
  // The settings the output depends on, under the names of the command's
  // options in snake_case, each with its value as JSON, in a fixed order:
  // what a --config file or the command line takes to run it again.
  std::vector<std::pair<std::string, std::string>> options;
  // The rule set cleaning ran with (run, clean): its rules, the packs they
  // came from, in order, and a fingerprint of all of them (RuleSet::Fingerprint).
  size_t rules = 0;
  std::vector<std::string> rule_packs;
  uint64_t rules_fingerprint = 0;
  std::vector<InputReport> inputs;
  Counts total;
  int threads = 1;
  // Dedup index, when dedup ran.
  bool dedup = false;
  uint64_t index_records = 0;
  uint64_t index_loaded = 0;    // records read from a persistent index (--index)
  uint64_t index_bytes = 0;     // hashes, signatures, band and exact tables
  uint64_t index_id_bytes = 0;  // ids of the kept records (for duplicate_of)
  std::string index_path;       // persistent index file, "" when none
  int lsh_bands = 0, lsh_rows = 0, num_perm = 0, shingle = 0;
  double threshold = 0;
  uint64_t clusters = 0;  // clusters of 2 or more records
  TemplateReport templates;
  uint64_t peak_rss_bytes = 0;  // the largest of all processes' (ranks')
  // Distributed runs (mpirun): processes, and bytes they sent each other.
  int ranks = 0;
  uint64_t bytes_exchanged = 0;

  // The report as pretty JSON (what --report writes).
  std::string ToJson() const;
  // A few lines for a person: in, kept, dropped, rejected, MB/s.
  std::string Summary() const;
};

// winnow's version, "MAJOR.MINOR.PATCH".
const char* Version();

// Peak resident set size of this process in bytes (0 when unknown).
uint64_t PeakRssBytes();

}  // namespace winnow

#endif  // WINNOW_REPORT_H_
