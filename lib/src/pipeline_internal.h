// Internals shared by the single-process pipeline (pipeline.cc) and the
// distributed one (distributed.cc): the unit of parallel work, the batch
// reader, the output line builders and the first-pass line extraction.
#ifndef WINNOW_SRC_PIPELINE_INTERNAL_H_
#define WINNOW_SRC_PIPELINE_INTERNAL_H_

#include <atomic>
#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "winnow/cleaner.h"
#include "winnow/dedup.h"
#include "winnow/minhash.h"
#include "winnow/pipeline.h"
#include "winnow/reader.h"
#include "winnow/report.h"
#include "winnow/rules.h"
#include "winnow/sink.h"
#include "winnow/templates.h"

namespace winnow {
namespace internal {

using Clock = std::chrono::steady_clock;
double Since(Clock::time_point t0);

struct Item {
  bool is_record = false;
  bool unparsed = false;  // rec.raw still to parse (BatchSource::Parse, in the parallel stage)
  Record rec;
  Reject rej;
  CleanResult clean;     // mode != kDedup
  bool empty = false;    // the (cleaned) text has no non-blank line
  bool too_short = false;  // not empty, but cleaning kept fewer than PipelineOptions::min_words words
  DedupFeatures feat;    // mode != kClean; the collapse features when learning templates
  TemplateCounter::Prepared counted;   // learning templates: LineKeyHash of every non-blank line (then Prepare)
  std::vector<uint64_t> prose_hashes;  // learning templates: those of the prose lines, sorted, unique
  std::string out;       // the output line, should the record be kept ("" when it is rec.raw unchanged)
  bool kept = false;          // the ordered stage keeps it: `out` (or rec.raw) goes to the output
  std::string dropped_line;   // the ordered stage dropped it and there is a dropped file: its line there

  // Readies a used item for the next record: every field as a new item's,
  // while the strings and vectors keep their memory, as long as `*budget`
  // (bytes, decreased by what is kept) lasts and each is at most
  // kKeepBytes: a huge record does not pin its size in the pool, nor do
  // the largest records each slot ever saw add up.
  void Reset(size_t* budget);
  static constexpr size_t kKeepBytes = size_t{1} << 20;
};

struct Batch {
  std::vector<Item> items;
  // A compressed output's share of the batch, encoded off the ordered
  // stages (OutputFile::Encode): kept lines, dropped lines.
  std::string kept_encoded, dropped_encoded;
  uint64_t kept_plain = 0, dropped_plain = 0;  // their bytes before compression
  Status encode_status;

  // Readies a used batch for the next one (its items are reset as the
  // reader reuses them).
  void Reset() {
    kept_encoded.clear();
    dropped_encoded.clear();
    kept_plain = dropped_plain = 0;
    encode_status = Status();
  }
};


// A piece of the input list: one input whole, or (an uncompressed JSONL
// file) the lines starting in the byte range [begin, end).
struct InputUnit {
  uint32_t input = 0;
  bool ranged = false;
  uint64_t begin = 0, end = ~0ull;
};

// The first, serial stage: reads the inputs in order into batches.
class BatchSource {
 public:
  // `on_open(index, reader)` runs when input `index` is opened.
  // Reads every input whole, in order.
  BatchSource(const PipelineOptions& opt, std::function<void(uint32_t, const RecordReader&)> on_open)
      : BatchSource(opt, std::move(on_open), EveryInput(opt)) {}
  // Reads `units` only: none is a share of nothing (a rank of a
  // distributed run may have no input of its own).
  BatchSource(const PipelineOptions& opt, std::function<void(uint32_t, const RecordReader&)> on_open,
              std::vector<InputUnit> units)
      : opt_(opt), on_open_(std::move(on_open)), units_(std::move(units)) {}

  static std::vector<InputUnit> EveryInput(const PipelineOptions& opt) {
    std::vector<InputUnit> units;
    for (size_t i = 0; i < opt.inputs.size(); ++i) units.push_back(InputUnit{static_cast<uint32_t>(i)});
    return units;
  }

  // The next batch; nullptr at the end or on an error (status()). A batch
  // given back with Recycle is filled again, its items in place: their
  // strings and vectors keep their memory, so once the pool has grown a
  // record allocates and frees little (and a buffer seldom goes back to
  // malloc on another thread than the one that took it, which costs a
  // lock).
  Batch* Next() {
    std::unique_ptr<Batch> batch;
    {
      std::lock_guard<std::mutex> lock(pool_mu_);
      if (!pool_.empty()) {
        batch = std::move(pool_.back());
        pool_.pop_back();
      }
    }
    if (batch) {
      batch->Reset();
    } else {
      batch = std::make_unique<Batch>();
    }
    std::vector<Item>& items = batch->items;
    size_t keep_budget = 3 * opt_.batch_bytes;  // about what a batch in flight holds
    size_t n = 0;      // items filled
    size_t ready = 0;  // items [0, ready) are reset (one that met an input's end waits there, reset once)
    size_t bytes = 0;
    while (n < opt_.batch_records && bytes < opt_.batch_bytes) {
      if (!reader_) {
        if (next_input_ >= units_.size()) break;
        const InputUnit& u = units_[next_input_];
        uint32_t idx = u.input;
        auto r = u.ranged ? RecordReader::OpenRange(opt_.inputs[idx], idx, opt_.reader, u.begin, u.end)
                          : RecordReader::Open(opt_.inputs[idx], idx, opt_.reader);
        if (!r.ok()) {
          status_ = r.status();
          break;
        }
        reader_ = std::move(r.value());
        if (on_open_) on_open_(idx, *reader_);
      }
      if (n == items.size()) {
        items.emplace_back();
      } else if (n == ready) {
        items[n].Reset(&keep_budget);
      }
      ready = n + 1;
      Item& it = items[n];
      auto got = reader_->NextUnparsed(&it.rec, &it.rej);
      if (!got.ok()) {
        status_ = got.status();
        break;
      }
      if (got.value() == RecordReader::Item::kEnd) {
        bytes_closed_ += reader_->file_bytes_read();
        bytes_read_.store(bytes_closed_, std::memory_order_relaxed);
        reader_.reset();
        ++next_input_;
        continue;
      }
      it.is_record = got.value() == RecordReader::Item::kRecord;
      it.unparsed = got.value() == RecordReader::Item::kUnparsed;
      bytes += it.is_record ? it.rec.text.size() + it.rec.raw.size() : it.unparsed ? 2 * it.rec.raw.size() : 64;
      ++n;
      bytes_read_.store(bytes_closed_ + reader_->file_bytes_read(), std::memory_order_relaxed);
    }
    items.resize(n);  // a reused batch may have had more
    if (!status_.ok() || items.empty()) return nullptr;
    return batch.release();
  }

  // Takes back a batch the pipeline is done with, for Next to fill again.
  // Thread-safe. The pool holds at most the batches in flight at once.
  void Recycle(Batch* batch) {
    std::unique_ptr<Batch> b(batch);
    std::lock_guard<std::mutex> lock(pool_mu_);
    pool_.push_back(std::move(b));
  }

  // Parses the batch's unparsed JSONL lines into records or rejects, as the
  // reader's Next would have. Thread-safe: the parallel stage calls it, so
  // the serial reader only splits lines.
  void Parse(Batch* batch) const {
    for (Item& it : batch->items) {
      if (!it.unparsed) continue;
      it.unparsed = false;
      it.is_record = RecordReader::ParseUnparsed(opt_.reader, &it.rec, &it.rej) == RecordReader::Item::kRecord;
    }
  }

  const Status& status() const { return status_; }
  // Input file bytes read so far; safe to read from any thread.
  uint64_t bytes_read() const { return bytes_read_.load(std::memory_order_relaxed); }

 private:
  const PipelineOptions& opt_;
  std::function<void(uint32_t, const RecordReader&)> on_open_;
  std::vector<InputUnit> units_;
  size_t next_input_ = 0;
  std::unique_ptr<RecordReader> reader_;
  uint64_t bytes_closed_ = 0;
  std::atomic<uint64_t> bytes_read_{0};
  Status status_;
  std::mutex pool_mu_;
  std::vector<std::unique_ptr<Batch>> pool_;
};

std::string_view TextOf(const Item& it, Mode mode);
bool AllBlank(std::string_view text);
bool NothingKept(const CleanResult& c);
uint32_t ReasonKey(const LineDecision& d);
LineDecision FromReasonKey(uint32_t key);
void SerializeKept(const Item& it, const PipelineOptions& opt, const Cleaner& cleaner, std::string* out);
std::string RejectJson(const Reject& r);
std::string DroppedJson(const Record& r, const char* reason, std::string_view dup_of, double sim);
uint64_t InputSize(const std::string& path);
// Opens `path` into `*f` ("" = not written: leaves `*f` empty), compressed
// at `level` when its name says so (OutputFile::Open).
Status OpenOutput(const std::string& path, int level, std::unique_ptr<OutputFile>* f);
// The parallel stage of `run`, `clean` and `dedup`: cleans, finds whether
// anything is left, hashes for dedup (`index` may be null) and builds the
// output line of every record of `batch`.
void PrepareRecords(Batch* batch, const PipelineOptions& opt, const Cleaner& cleaner, const DedupIndex* index);
// The ordered stage's intake of one item: counts it in (records, bytes, the
// removed lines by ReasonKey into `by_reason`), and writes a reject to
// `rejects` (may be null). Fails only on that write.
Status TakeIn(const Item& it, Mode mode, Counts* c, std::map<uint32_t, uint64_t>* by_reason, OutputFile* rejects);
Status ForEachBatch(int threads, BatchSource* source, const std::function<void(Batch*)>& work,
                    const std::function<void(Batch*)>& ordered, const std::function<void(Batch*)>& then = nullptr,
                    const std::function<void(Batch*)>& between = nullptr);

// First pass (templates), the parallel stage: for every record of `batch`,
// the LineKeyHash of each non-blank line and those of its prose lines
// (>= opt.cleaner.good_min_words words), sorted, unique.
void TemplateLines(Batch* batch, const PipelineOptions& opt);

// The story collapse of the template pass, in input order: a record whose
// rare prose lines (in fewer than 3 counted records so far) make a near
// copy of an earlier counted record's is a copy and not counted. Rarity is
// counted over prose lines only, so the decisions depend on the records'
// prose-line sets alone (which is what a distributed run gathers).
//
// Given the template pass's own counter, the collapser reads rarity from it
// and counts each record that is no copy into it (CountUnlessCopy): a prose
// line's count there is its count over the counted records' prose lines,
// since a record's prose lines are among its lines under the same hash.
// Without one (a distributed run's rank 0, which counts nothing else), it
// keeps a count of prose lines of its own (Copy).
class StoryCollapser {
 public:
  explicit StoryCollapser(const PipelineOptions& opt, TemplateCounter* counter = nullptr);
  // True when the record is a copy. Call in input order, without a counter.
  bool Copy(const std::vector<uint64_t>& prose);
  // True when the record is a copy; counts `lines` (the record's prepared
  // lines) into the counter otherwise. Call in input order, with a counter.
  bool CountUnlessCopy(const std::vector<uint64_t>& prose, const TemplateCounter::Prepared& lines);
  // Sizes the collapse index for about `records` records (DedupIndex::Reserve).
  void Reserve(uint64_t records);
  uint64_t collapsed() const { return collapsed_; }

 private:
  // Whether `prose` is a near copy of a counted record's, by the rarity in
  // `counts`; adds its signature to the index when it is not.
  bool IsCopy(const std::vector<uint64_t>& prose, const TemplateCounter& counts);

  std::unique_ptr<DedupIndex> index_;
  MinHasher hasher_;
  TemplateCounter* counter_;  // not owned; null: prose_ counts
  std::unique_ptr<TemplateCounter> prose_;
  std::vector<uint64_t> rare_, scratch_;
  DedupFeatures features_;  // the signature of rare_, reused record to record
  uint64_t collapsed_ = 0;
};

// Resets `*report` for a run of `opt` (one process's, or a rank's): the
// command, the version, the threads, the templates' report, the inputs'
// names, the options (the settings the run has, as the command-line
// options name them) and, when cleaning applies `rules`, their size, packs
// and fingerprint. The counts are filled as the run goes.
void StartReport(const PipelineOptions& opt, const RuleSet& rules, const TemplateReport& templates, int threads,
                 Report* report);

}  // namespace internal
}  // namespace winnow

#endif  // WINNOW_SRC_PIPELINE_INTERNAL_H_
