// winnow::Pipeline: read -> clean -> dedup -> write, the main job.
//
// Records are read in input order, cleaned and hashed in parallel, and
// deduplicated and written in input order: the outputs are byte-identical
// for any thread count. Every record ends up kept, dropped (dropped file:
// reason, duplicate_of, similarity) or rejected (rejects file: input, line,
// offset, reason), and the report counts all three.
#ifndef WINNOW_PIPELINE_H_
#define WINNOW_PIPELINE_H_

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "winnow/cleaner.h"
#include "winnow/dedup.h"
#include "winnow/reader.h"
#include "winnow/report.h"
#include "winnow/status.h"
#include "winnow/templates.h"

namespace winnow {

enum class Mode {
  kRun,    // clean, then dedup on the cleaned text
  kClean,  // clean only
  kDedup,  // dedup only, on the text as it is
};

const char* ModeName(Mode m);

struct PipelineOptions {
  Mode mode = Mode::kRun;
  std::vector<std::string> inputs;  // files, directories, "-" for stdin; read in this order
  ReaderOptions reader;
  CleanerOptions cleaner;
  DedupOptions dedup;

  std::string output = "-";   // kept records, JSONL (".gz"/".zst" compress)
  std::string dropped_path;   // one line per dropped record; "" = not written
  std::string rejects_path;   // one line per rejected input record; "" = not written
  std::string report_path;    // the JSON report; "" = not written
  std::string clusters_path;  // {"id","cluster","size"} per record in a cluster of >= 2
  // Persistent dedup index: loaded from DIR/winnow.index when present (the
  // records of earlier runs count as seen before this run's), saved there
  // atomically after the outputs are committed. "" = none.
  std::string index_dir;
  // Memory budget of the dedup index (structures + ids); over it the run
  // stops with kResourceLimit. 0 = no limit.
  uint64_t max_index_bytes = 0;

  // Site templates (run, clean): learned from the inputs on a first pass
  // when they are files, or read from `templates_path` (winnow learn).
  bool learn_templates = true;
  std::string templates_path;
  TemplateOptions templates;

  bool keep_empty = false;      // keep records whose cleaned text is empty (else dropped: "empty")
  uint32_t min_words = 0;       // (clean, run) drop a record whose cleaned text has fewer words: "too-short"; 0: off
  bool annotate = false;        // add the removed spans to each kept record
  int compression_level = 0;    // of .gz (1-9) / .zst (1-19) outputs; 0 = the format's default
  std::string annotate_field = "winnow_removed";  // field name for --annotate: [[start, end, reason], ...]

  int threads = 0;               // worker threads; 0 = all cores
  size_t batch_records = 512;    // records per unit of parallel work
  size_t batch_bytes = 8 << 20;  // bytes per unit of parallel work
};

struct Progress {
  uint64_t records = 0;     // records finished (kept, dropped or rejected)
  uint64_t file_bytes = 0;  // input file bytes read so far (compressed when compressed)
  uint64_t file_total = 0;  // total input file bytes, 0 when unknown (stdin)
  uint64_t text_bytes = 0;  // record text bytes finished
  double seconds = 0;
};

// The first pass of `run` and `clean` on files, and `winnow learn`: counts
// the lines of every record (copies of one story collapsed) and returns the
// template lines. Fails on stdin input, which cannot be read twice.
Result<std::shared_ptr<const TemplateModel>> LearnTemplates(const PipelineOptions& options, TemplateReport* stats);

class Pipeline {
 public:
  explicit Pipeline(PipelineOptions options) : options_(std::move(options)) {}

  // Called from the ordered stage about every `progress_interval` seconds.
  void set_progress(std::function<void(const Progress&)> cb, double interval = 0.25) {
    progress_ = std::move(cb);
    progress_interval_ = interval;
  }

  // Runs the job. On success every output is complete at its final path and
  // the report is filled. On failure (I/O error, unreadable input, broken
  // pipe) no final output path is left with partial content.
  Status Run(Report* report);

 private:
  PipelineOptions options_;
  std::function<void(const Progress&)> progress_;
  double progress_interval_ = 0.25;
};

}  // namespace winnow

#endif  // WINNOW_PIPELINE_H_
