#include "winnow/pipeline.h"

#include <sys/stat.h>
#include <tbb/global_control.h>
#include <tbb/info.h>
#include <tbb/parallel_pipeline.h>

#include <algorithm>
#include <atomic>
#include <charconv>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>

#include "winnow/json.h"
#include "winnow/minhash.h"
#include "winnow/normalize.h"
#include "winnow/segment.h"
#include "winnow/sink.h"
#include "winnow/source.h"
#include "pipeline_internal.h"

namespace winnow {

const char* ModeName(Mode m) {
  switch (m) {
    case Mode::kRun: return "run";
    case Mode::kClean: return "clean";
    case Mode::kDedup: return "dedup";
  }
  return "?";
}

namespace internal {

double Since(Clock::time_point t0) {
  return std::chrono::duration<double>(Clock::now() - t0).count();
}

std::string_view TextOf(const Item& it, Mode mode) {
  return mode == Mode::kDedup ? std::string_view(it.rec.text) : std::string_view(it.clean.text);
}

// True when no line of `text` has anything but white space; no allocation.
bool AllBlank(std::string_view text) {
  size_t pos = 0;
  for (;;) {
    size_t nl = text.find('\n', pos);
    if (!IsBlank(text.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos))) return false;
    if (nl == std::string_view::npos) return true;
    pos = nl + 1;
  }
}

// True when cleaning kept no non-blank line.
bool NothingKept(const CleanResult& c) {
  for (const LineDecision& d : c.lines) {
    if (d.keep && !d.span.blank) return false;
  }
  return true;
}

// The words of the lines cleaning kept.
uint64_t KeptWords(const CleanResult& c) {
  uint64_t words = 0;
  for (const LineDecision& d : c.lines) words += d.keep ? d.words : 0;
  return words;
}

// Removed lines are counted by (reason, rule) in the ordered stage and named
// once at the end, so no string is built per line on the serial path.
uint32_t ReasonKey(const LineDecision& d) {
  return (static_cast<uint32_t>(d.reason) << 16) | static_cast<uint16_t>(d.rule + 1);
}

LineDecision FromReasonKey(uint32_t key) {
  LineDecision d;
  d.reason = static_cast<LineReason>(key >> 16);
  d.rule = static_cast<int16_t>(static_cast<int>(key & 0xFFFF) - 1);
  return d;
}

// "[[start, end, \"reason\"], ...]" of the removed non-blank lines.
std::string RemovedSpansJson(const CleanResult& c, const Cleaner& cleaner) {
  std::string s = "[";
  bool first = true;
  for (const LineDecision& d : c.lines) {
    if (d.keep || d.span.blank) continue;
    s += first ? "[" : ",[";
    s += std::to_string(d.span.begin) + "," + std::to_string(d.span.end) + ",";
    AppendJsonString(&s, cleaner.Reason(d));
    s += "]";
    first = false;
  }
  s += "]";
  return s;
}

namespace {
// Moves `from`'s memory, emptied, into `to` (a new item's empty member),
// unless it is over Item::kKeepBytes or `*budget`.
template <typename C>
void KeepMemory(C* from, C* to, size_t* budget) {
  const size_t bytes = from->capacity() * sizeof(typename C::value_type);
  if (bytes > Item::kKeepBytes || bytes > *budget) return;
  *budget -= bytes;
  from->clear();
  to->swap(*from);
}
}  // namespace

void Item::Reset(size_t* budget) {
  Item fresh;
  for (auto [from, to] : {std::pair{&rec.raw, &fresh.rec.raw}, {&rec.text, &fresh.rec.text}, {&rec.id, &fresh.rec.id},
                          {&rec.id_json, &fresh.rec.id_json}, {&rec.url, &fresh.rec.url}, {&clean.text, &fresh.clean.text},
                          {&out, &fresh.out}, {&dropped_line, &fresh.dropped_line}}) {
    KeepMemory(from, to, budget);
  }
  for (auto [from, to] : {std::pair{&feat.band_keys, &fresh.feat.band_keys}, {&feat.shingles, &fresh.feat.shingles},
                          {&counted.line_hashes, &fresh.counted.line_hashes},
                          {&counted.pair_keys, &fresh.counted.pair_keys}, {&prose_hashes, &fresh.prose_hashes}}) {
    KeepMemory(from, to, budget);
  }
  KeepMemory(&feat.signature, &fresh.feat.signature, budget);
  KeepMemory(&clean.lines, &fresh.clean.lines, budget);
  *this = std::move(fresh);
}

void SerializeKept(const Item& it, const PipelineOptions& opt, const Cleaner& cleaner, std::string* out) {
  const Record& r = it.rec;
  std::string_view text = TextOf(it, opt.mode);
  bool changed = opt.mode != Mode::kDedup && it.clean.changed();
  bool annotate = opt.annotate && opt.mode != Mode::kDedup;
  out->clear();
  if (r.format == InputFormat::kJsonl) {
    if (!changed && !annotate) return;  // written straight from r.raw
    out->append(r.raw, 0, r.text_token_begin);
    AppendJsonString(out, text);
    out->append(r.raw, r.text_token_end, std::string::npos);
    if (annotate) {
      size_t close = out->rfind('}');
      std::string field = "," + JsonString(opt.annotate_field) + ":" + RemovedSpansJson(it.clean, cleaner);
      out->insert(close, field);
    }
  } else {
    out->append("{\"id\":").append(r.id_json);
    if (!r.url.empty()) out->append(",\"url\":").append(JsonString(r.url));
    if (!r.date.empty()) out->append(",\"date\":").append(JsonString(r.date));
    out->append(",\"text\":");
    AppendJsonString(out, text);
    if (annotate) out->append("," + JsonString(opt.annotate_field) + ":" + RemovedSpansJson(it.clean, cleaner));
    out->append("}");
  }
  out->push_back('\n');
}

std::string RejectJson(const Reject& r) {
  std::string s = "{\"input\":" + JsonString(r.pos.input);
  s += ",\"line\":" + std::to_string(r.pos.line);
  s += ",\"offset\":" + std::to_string(r.pos.offset);
  s += ",\"reason\":" + JsonString(RejectReasonName(r.reason));
  s += ",\"detail\":" + JsonString(r.detail) + "}\n";
  return s;
}

std::string DroppedJson(const Record& r, const char* reason, std::string_view dup_of, double sim) {
  std::string s = "{\"id\":" + r.id_json + ",\"reason\":" + JsonString(reason);
  if (dup_of.empty()) {
    s += ",\"duplicate_of\":null,\"similarity\":null";
  } else {
    char buf[32];
    std::snprintf(buf, sizeof(buf), "%.4f", sim);
    s += ",\"duplicate_of\":" + std::string(dup_of) + ",\"similarity\":" + buf;
  }
  s += ",\"input\":" + JsonString(r.pos.input) + ",\"line\":" + std::to_string(r.pos.line) + "}\n";
  return s;
}

Status OpenOutput(const std::string& path, int level, std::unique_ptr<OutputFile>* f) {
  if (path.empty()) return Status::Ok();
  auto r = OutputFile::Open(path, level);
  if (!r.ok()) return r.status();
  *f = std::move(r.value());
  return Status::Ok();
}

void PrepareRecords(Batch* batch, const PipelineOptions& opt, const Cleaner& cleaner, const DedupIndex* index) {
  for (Item& it : batch->items) {
    if (!it.is_record) continue;
    if (opt.mode != Mode::kDedup) cleaner.Clean(it.rec.text, &it.clean);
    std::string_view text = TextOf(it, opt.mode);
    it.empty = opt.mode == Mode::kDedup ? AllBlank(text) : NothingKept(it.clean);
    it.too_short =
        opt.min_words > 0 && !it.empty && opt.mode != Mode::kDedup && KeptWords(it.clean) < opt.min_words;
    if (it.too_short) continue;  // dropped: nothing to index or write
    if (index != nullptr && !it.empty) index->Features(text, &it.feat);
    if (!it.empty || opt.keep_empty) SerializeKept(it, opt, cleaner, &it.out);
  }
}

Status TakeIn(const Item& it, Mode mode, Counts* c, std::map<uint32_t, uint64_t>* by_reason, OutputFile* rejects) {
  ++c->records_in;
  if (!it.is_record) {
    c->rejected[RejectReasonName(it.rej.reason)]++;
    c->bytes_in += it.rej.raw_bytes;
    return rejects != nullptr ? rejects->Write(RejectJson(it.rej)) : Status::Ok();
  }
  c->bytes_in += it.rec.raw_bytes;
  c->text_bytes_in += it.rec.text.size();
  if (mode == Mode::kDedup) return Status::Ok();
  if (!it.clean.language.empty()) ++c->languages[std::string(it.clean.language)];
  for (const LineDecision& d : it.clean.lines) {
    if (!d.keep && !d.span.blank) (*by_reason)[ReasonKey(d)]++;
  }
  return Status::Ok();
}

uint64_t InputSize(const std::string& path) {
  if (path == "-") return 0;
  struct stat st;
  if (::stat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return 0;
  return static_cast<uint64_t>(st.st_size);
}

uint64_t InputsSize(const std::vector<std::string>& inputs) {
  uint64_t total = 0;
  for (const std::string& in : inputs) {
    const uint64_t s = InputSize(in);
    if (s == 0) return 0;
    total += s;
  }
  return total;
}

uint64_t EstimateRecords(const Batch& first, uint64_t input_bytes) {
  uint64_t bytes = 0;
  for (const Item& it : first.items) bytes += it.is_record ? it.rec.raw_bytes : it.rej.raw_bytes;
  if (bytes == 0 || input_bytes == 0) return 0;
  return static_cast<uint64_t>(static_cast<double>(input_bytes) * static_cast<double>(first.items.size()) /
                               static_cast<double>(bytes));
}

// What an item puts in the output (`kept`) or in the dropped file: a line
// (empty: nothing), and whether a newline must follow it (an unchanged
// JSONL line goes out straight from the input, without one).
std::pair<std::string_view, bool> OutputLine(const Item& it, bool kept) {
  if (!kept) return {it.dropped_line, false};
  if (!it.kept) return {{}, false};
  if (it.out.empty()) return {it.rec.raw, true};
  return {it.out, false};
}

// Runs read -> work (parallel) -> ordered [-> between (parallel)] [-> then]
// over every batch of the inputs. `then`, when given, is a second in-order
// stage: it may run on one batch while `ordered` runs on the next, so two
// serial steps with no state in common (the story collapse and the line
// counts; the dedup verdicts and the writing) overlap, and `between` (the
// output's compression) runs on any thread between them.
Status ForEachBatch(int threads, BatchSource* source, const std::function<void(Batch*)>& work,
                    const std::function<void(Batch*)>& ordered, const std::function<void(Batch*)>& then,
                    const std::function<void(Batch*)>& between) {
  auto read = tbb::make_filter<void, Batch*>(tbb::filter_mode::serial_in_order, [&](tbb::flow_control& fc) -> Batch* {
    Batch* b = source->Next();
    if (b == nullptr) fc.stop();
    return b;
  });
  auto parallel = tbb::make_filter<Batch*, Batch*>(tbb::filter_mode::parallel, [&](Batch* b) {
    source->Parse(b);
    work(b);
    return b;
  });
  auto in_order = [](const std::function<void(Batch*)>& f) {
    return tbb::make_filter<Batch*, Batch*>(tbb::filter_mode::serial_in_order, [&f](Batch* b) {
      f(b);
      return b;
    });
  };
  // A finished batch goes back to the source's pool, its records' strings
  // and vectors with their memory, for the reader to fill again (off the
  // serial stages, though it only takes a lock).
  auto recycle =
      tbb::make_filter<Batch*, void>(tbb::filter_mode::parallel, [source](Batch* b) { source->Recycle(b); });
  const size_t tokens = static_cast<size_t>(threads) * 2 + 2;
  if (then && between) {
    auto middle = tbb::make_filter<Batch*, Batch*>(tbb::filter_mode::parallel, [&](Batch* b) {
      between(b);
      return b;
    });
    tbb::parallel_pipeline(tokens, read & parallel & in_order(ordered) & middle & in_order(then) & recycle);
  } else if (then) {
    tbb::parallel_pipeline(tokens, read & parallel & in_order(ordered) & in_order(then) & recycle);
  } else {
    tbb::parallel_pipeline(tokens, read & parallel & in_order(ordered) & recycle);
  }
  return source->status();
}

namespace {
// Whether a line key (words joined by single spaces) has at least `words`
// words: its spaces are counted a block at a time, only that far (a
// paragraph's key is long). A loop the compiler vectorizes, not a memchr
// call a word: most keys' words are a few bytes long. A block's count fits
// a byte, so the vector lanes stay bytes (an int count widens them 4x).
bool KeyHasWords(std::string_view key, size_t words) {
  if (key.empty()) return words == 0;
  constexpr size_t kBlock = 64;
  static_assert(kBlock <= 255);
  size_t have = 1;
  for (size_t i = 0; i < key.size() && have < words; i += kBlock) {
    const size_t m = std::min(kBlock, key.size() - i);
    const char* p = key.data() + i;
    uint8_t spaces = 0;
    for (size_t k = 0; k < m; ++k) spaces += p[k] == ' ';
    have += spaces;
  }
  return have >= words;
}
}  // namespace

void TemplateLines(Batch* batch, const PipelineOptions& opt) {
  const size_t prose_words = static_cast<size_t>(std::max(1, opt.cleaner.good_min_words));
  thread_local std::string key, scratch;
  thread_local std::vector<LineSpan> spans;
  for (Item& it : batch->items) {
    if (!it.is_record) continue;
    std::string_view text = it.rec.text;
    std::vector<uint64_t>& prose = it.prose_hashes;
    SegmentLines(text, &spans);
    it.counted.line_hashes.reserve(spans.size());  // one allocation a record, not one per doubling
    prose.reserve(spans.size());
    for (const LineSpan& sp : spans) {
      if (sp.blank) continue;
      LineKey(LineText(text, sp), &key, &scratch);
      uint64_t h = KeyHash(key);
      if (h == 0) continue;
      it.counted.line_hashes.push_back(h);
      if (KeyHasWords(key, prose_words)) prose.push_back(h);
    }
    std::sort(prose.begin(), prose.end());
    prose.erase(std::unique(prose.begin(), prose.end()), prose.end());
  }
}

// Copies of one story are collapsed before counting, so each story's lines
// count once. The collapse is a near-duplicate check over the record's
// *prose lines* (at least good_min_words words): a 64-value MinHash of their
// line hashes. Prose lines are what a story's copies share, and the line
// hashes are computed for counting anyway, so this costs a line split and a
// line key per line: no rules, no line shapes, no word shingles. Lines
// already in 3 or more counted records (a site's footer sentences) are left
// out of the set, or every page of a site would be a candidate for every
// other. A copy missed here only adds one count to the lines the copies
// share unchanged.
namespace {
DedupOptions CollapseOptions(const PipelineOptions& opt) {
  DedupOptions d;
  d.num_perm = 64;
  d.exact = false;  // a copy of the same set has the same signature: the bands find it
  d.threshold = opt.templates.collapse_threshold;
  return d;
}
}  // namespace

StoryCollapser::StoryCollapser(const PipelineOptions& opt, TemplateCounter* counter)
    : hasher_(64, CollapseOptions(opt).seed), counter_(counter) {
  auto created = DedupIndex::Create(CollapseOptions(opt));
  if (created.ok()) index_ = std::move(created.value());  // the options are fixed and valid
  if (counter_ == nullptr) prose_ = std::make_unique<TemplateCounter>(opt.templates);
}

void StoryCollapser::Reserve(uint64_t records) {
  if (index_) index_->Reserve(records);
}

bool StoryCollapser::IsCopy(const std::vector<uint64_t>& prose, const TemplateCounter& counts) {
  rare_.clear();
  for (uint64_t h : prose) counts.PrefetchRecords(h);
  for (uint64_t h : prose) {
    if (counts.Records(h) < 3) rare_.push_back(h);
  }
  if (rare_.empty()) return false;
  DedupFeatures& f = features_;  // near only: the collapse index keeps no exact hashes
  f.empty = false;
  hasher_.Signature(rare_.data(), rare_.size(), &f.signature);
  if (index_->Add(f, "0").kind == DedupVerdict::Kind::kUnique) return false;
  ++collapsed_;
  return true;
}

bool StoryCollapser::Copy(const std::vector<uint64_t>& prose) {
  if (IsCopy(prose, *prose_)) return true;
  scratch_ = prose;
  prose_->Add(&scratch_, 0);
  return false;
}

bool StoryCollapser::CountUnlessCopy(const std::vector<uint64_t>& prose, const TemplateCounter::Prepared& lines) {
  if (IsCopy(prose, *counter_)) return true;
  counter_->AddPrepared(lines);
  return false;
}

void StartReport(const PipelineOptions& opt, const RuleSet& rules, const TemplateReport& templates, int threads,
                 Report* report) {
  *report = Report();
  report->command = ModeName(opt.mode);
  report->version = Version();
  report->threads = threads;
  report->templates = templates;
  report->inputs.resize(opt.inputs.size());
  for (size_t i = 0; i < opt.inputs.size(); ++i) report->inputs[i].name = opt.inputs[i];
  std::vector<std::pair<std::string, std::string>>& o = report->options;
  auto text = [&o](const char* name, std::string_view v) { o.emplace_back(name, JsonString(v)); };
  auto flag = [&o](const char* name, bool v) { o.emplace_back(name, v ? "true" : "false"); };
  auto number = [&o](const char* name, auto v) {
    char buf[32];  // the shortest text that reads back as the same value
    const auto end = std::to_chars(buf, buf + sizeof(buf), v).ptr;
    o.emplace_back(name, std::string(buf, end));
  };
  text("format", InputFormatName(opt.reader.format));
  text("text_field", opt.reader.text_field);
  text("id_field", opt.reader.id_field);
  text("url_field", opt.reader.url_field);
  number("max_record_bytes", opt.reader.max_record_bytes);
  if (opt.mode != Mode::kDedup) {
    const CleanerOptions& c = opt.cleaner;
    flag("no_repeats", !c.drop_repeats);
    flag("no_rules", !c.use_rules);
    flag("no_context", !c.use_context);
    flag("keep_comments", c.keep_comments);
    number("good_min_words", c.good_min_words);
    number("short_line_cost", c.short_line_cost);
    number("headline_lines", c.headline_lines);
    number("segment_share", c.min_segment_share);
    std::string languages = "[";
    for (const std::string& l : c.languages) languages += (languages.size() > 1 ? ", " : "") + JsonString(l);
    o.emplace_back("languages", languages + "]");
    flag("keep_empty", opt.keep_empty);
    number("min_words", opt.min_words);
    flag("annotate", opt.annotate);
    text("annotate_field", opt.annotate_field);
    flag("no_templates", !opt.learn_templates);
    text("templates", opt.templates_path);
    number("template_min_records", opt.templates.min_records);
    number("template_min_site_records", opt.templates.min_site_records);
    number("template_max_mb", opt.templates.max_bytes >> 20);
    if (c.use_rules) {
      report->rules = rules.rules().size();
      report->rule_packs = rules.Packs();
      report->rules_fingerprint = rules.Fingerprint();
    }
  }
  if (opt.mode != Mode::kClean) {
    const DedupOptions& d = opt.dedup;
    number("threshold", d.threshold);
    number("num_perm", d.num_perm);
    number("shingle", d.shingle.shingle_words);
    number("bands", d.bands);
    number("rows", d.rows);
    text("verify", d.verify == VerifyMode::kExact ? "exact" : "signature");
    flag("no_exact", !d.exact);
    flag("no_near", !d.near);
    flag("fold_digits", d.shingle.fold_digits);
    text("index", opt.index_dir);
  }
}

}  // namespace internal

using namespace internal;

Result<std::shared_ptr<const TemplateModel>> LearnTemplates(const PipelineOptions& opt, TemplateReport* stats) {
  const auto t0 = Clock::now();
  for (const std::string& in : opt.inputs) {
    if (in == "-") return InvalidArgument("templates are learned from files, not stdin (use --templates MODEL)");
  }
  int threads = opt.threads > 0 ? opt.threads : static_cast<int>(tbb::info::default_concurrency());
  tbb::global_control gc(tbb::global_control::max_allowed_parallelism, static_cast<size_t>(threads));

  TemplateCounter counter(opt.templates);
  StoryCollapser collapser(opt, &counter);
  BatchSource source(opt, nullptr);
  uint64_t records = 0, rejected = 0;
  std::vector<std::string> corrupt;
  const uint64_t input_bytes = InputsSize(opt.inputs);
  auto work = [&](Batch* b) {
    TemplateLines(b, opt);
    for (Item& it : b->items) {
      if (it.is_record) TemplateCounter::Prepare(SiteHash(it.rec.url), &it.counted);
    }
  };
  // One in-order stage: the collapse of a record reads the counts of every
  // record before it, so a batch is counted before the next is collapsed.
  auto count = [&](Batch* b) {
    if (records == 0) collapser.Reserve(EstimateRecords(*b, input_bytes));
    for (Item& it : b->items) {
      if (!it.is_record) {
        ++rejected;
        if (it.rej.reason == RejectReason::kCorruptInput) corrupt.push_back(it.rej.pos.input);
        continue;
      }
      ++records;
      collapser.CountUnlessCopy(it.prose_hashes, it.counted);
    }
  };
  WINNOW_RETURN_IF_ERROR(ForEachBatch(threads, &source, work, count));
  std::shared_ptr<const TemplateModel> model = counter.Model();
  if (stats != nullptr) {
    stats->source = "learned";
    stats->records = records;
    stats->rejected = rejected;
    stats->corrupt_inputs = std::move(corrupt);
    stats->collapsed = collapser.collapsed();
    stats->distinct_lines = counter.distinct_lines();
    stats->counter_bytes = counter.MemoryBytes();
    stats->counter_peak_bytes = counter.PeakBytes();
    stats->counter_max_bytes = opt.templates.max_bytes;
    stats->prunes = counter.prunes();
    stats->pruned_lines = counter.pruned_lines();
    stats->template_lines = model->size();
    stats->seconds = Since(t0);
  }
  return model;
}

Status Pipeline::Run(Report* report) {
  const PipelineOptions& opt = options_;
  const auto t0 = Clock::now();
  if (opt.inputs.empty()) return InvalidArgument("no input given");
  WINNOW_RETURN_IF_ERROR(CheckLanguages(opt.cleaner.languages));

  int threads = opt.threads > 0 ? opt.threads : static_cast<int>(tbb::info::default_concurrency());
  tbb::global_control gc(tbb::global_control::max_allowed_parallelism, static_cast<size_t>(threads));

  CleanerOptions cleaner_options = opt.cleaner;
  TemplateReport templates;
  if (opt.mode != Mode::kDedup && !opt.templates_path.empty()) {
    auto loaded = TemplateModel::Load(opt.templates_path);
    if (!loaded.ok()) return loaded.status();
    cleaner_options.templates = loaded.value();
    templates.source = opt.templates_path;
    templates.template_lines = loaded.value()->size();
  }
  const bool from_stdin = std::find(opt.inputs.begin(), opt.inputs.end(), "-") != opt.inputs.end();
  const bool learn = opt.mode != Mode::kDedup && opt.templates_path.empty() && opt.learn_templates;
  if (learn && from_stdin) templates.source = "off: stdin input (learn a model with 'winnow learn', apply it with --templates)";
  std::unique_ptr<DedupIndex> index;
  std::string index_path;
  uint32_t index_loaded = 0;
  if (opt.mode != Mode::kClean) {
    Result<std::unique_ptr<DedupIndex>> created = DedupIndex::Create(opt.dedup);
    if (!opt.index_dir.empty()) {
      std::error_code ec;
      std::filesystem::create_directories(opt.index_dir, ec);
      if (ec) return IoError(opt.index_dir + ": cannot create index directory: " + ec.message());
      index_path = (std::filesystem::path(opt.index_dir) / "winnow.index").string();
      if (std::filesystem::exists(index_path, ec)) created = DedupIndex::Load(index_path, opt.dedup);
    }
    if (!created.ok()) return created.status();
    index = std::move(created.value());
    index_loaded = index->size();
  }

  // Outputs first, so an unwritable path fails before any work.
  auto open = [&](const std::string& path, std::unique_ptr<OutputFile>* f) {
    return OpenOutput(path, opt.compression_level, f);
  };
  std::unique_ptr<OutputFile> out, dropped, rejects, clusters, report_file;
  WINNOW_RETURN_IF_ERROR(open(opt.output, &out));
  WINNOW_RETURN_IF_ERROR(open(opt.dropped_path, &dropped));
  WINNOW_RETURN_IF_ERROR(open(opt.rejects_path, &rejects));
  WINNOW_RETURN_IF_ERROR(open(opt.clusters_path, &clusters));
  WINNOW_RETURN_IF_ERROR(open(opt.report_path, &report_file));

  if (learn && !from_stdin) {
    auto model = LearnTemplates(opt, &templates);
    if (!model.ok()) return model.status();
    cleaner_options.templates = model.value();
  }
  Cleaner cleaner(cleaner_options);

  internal::StartReport(opt, *cleaner.options().rules, templates, threads, report);
  const uint64_t file_total = InputsSize(opt.inputs);  // 0: some input's size is unknown

  // Reading state (stage 1 only).
  std::vector<double> input_start(opt.inputs.size(), -1.0);
  std::mutex start_mu;
  BatchSource source(opt, [&](uint32_t idx, const RecordReader& reader) {
    report->inputs[idx].format = InputFormatName(reader.format());
    report->inputs[idx].compression = CompressionName(reader.compression());
    std::lock_guard<std::mutex> lock(start_mu);
    input_start[idx] = Since(t0);
  });

  // Ordered stages' state. The verdict stage (counts, dedup, rejects) and
  // the write stage run at once on different batches: each has its own
  // status, and either stops the other through `stop`.
  Status decide_status, write_status;
  std::atomic<bool> stop{false};
  std::vector<std::pair<uint32_t, std::string>> cluster_members;  // (kept ordinal, id_json) of dropped dups
  std::vector<std::map<uint32_t, uint64_t>> lines_removed(opt.inputs.size());  // per input, by ReasonKey
  uint64_t done_records = 0, done_text = 0;
  auto last_progress = Clock::now();

  auto work_stage = [&](Batch* batch) { PrepareRecords(batch, opt, cleaner, index.get()); };

  // The index's tables are sized once for the records expected (counted by
  // the template pass, or estimated from the first batch and the input
  // size) rather than grown on the way, unless that alone would take half
  // the memory budget.
  auto reserve = [&](uint64_t expected) {
    if (!index || expected == 0) return;
    expected += index->size();
    if (opt.max_index_bytes > 0 && index->ReserveBytes(expected) > opt.max_index_bytes / 2) return;
    index->Reserve(expected);
  };
  if (templates.source == "learned") reserve(templates.records);
  bool estimated = templates.source == "learned";

  auto decide_stage = [&](Batch* batch) {
    if (stop.load(std::memory_order_relaxed)) return;
    auto fail = [&](Status st) {
      decide_status = std::move(st);
      stop.store(true, std::memory_order_relaxed);
    };
    if (!estimated) {
      estimated = true;
      reserve(EstimateRecords(*batch, file_total));
    }
    for (Item& it : batch->items) {
      const Position& pos = it.is_record ? it.rec.pos : it.rej.pos;
      Counts& c = report->inputs[pos.input_index].counts;
      ++done_records;
      if (Status st = TakeIn(it, opt.mode, &c, &lines_removed[pos.input_index], rejects.get()); !st.ok()) {
        return fail(std::move(st));
      }
      if (!it.is_record) continue;
      const Record& r = it.rec;
      done_text += r.text.size();
      const char* drop = nullptr;
      std::string dup_of;
      double sim = 0;
      if (it.empty && !opt.keep_empty) {
        drop = "empty";
      } else if (it.too_short) {
        drop = "too-short";
      } else if (index && !it.empty) {
        DedupVerdict v = index->Add(it.feat, r.id_json);
        // The memory budget, checked every 1024 kept records (cheap: a sum
        // of container sizes). Over it, the run stops with a clear error
        // rather than waiting for the kernel's OOM killer.
        if (opt.max_index_bytes > 0 && v.kind == DedupVerdict::Kind::kUnique && (index->size() & 1023) == 0 &&
            index->MemoryBytes() + index->IdBytes() > opt.max_index_bytes) {
          return fail(ResourceLimit(
              "the dedup index needs more than --max-index-mb " + std::to_string(opt.max_index_bytes >> 20) +
              " MiB after " + std::to_string(index->size()) + " kept records (" + r.pos.input + ", line " +
              std::to_string(r.pos.line) + "); raise it, split the input, or use --index to dedup in batches"));
        }
        if (v.kind != DedupVerdict::Kind::kUnique) {
          drop = v.kind == DedupVerdict::Kind::kExact ? "exact-duplicate" : "near-duplicate";
          dup_of.assign(index->IdJson(v.duplicate_of));
          sim = v.similarity;
          if (clusters) cluster_members.emplace_back(v.duplicate_of, r.id_json);
        }
      }
      if (drop != nullptr) {
        c.dropped[drop]++;
        if (dropped) it.dropped_line = DroppedJson(r, drop, dup_of, sim);
      } else {
        ++c.kept;
        it.kept = true;
        c.text_bytes_out += TextOf(it, opt.mode).size();
        c.bytes_out += it.out.empty() ? it.rec.raw.size() + 1 : it.out.size();
      }
    }
    if (!batch->items.empty()) {
      const Item& last = batch->items.back();
      uint32_t idx = last.is_record ? last.rec.pos.input_index : last.rej.pos.input_index;
      std::lock_guard<std::mutex> lock(start_mu);
      report->inputs[idx].counts.seconds = Since(t0) - input_start[idx];
    }
    if (progress_ && Since(last_progress) >= progress_interval_) {
      last_progress = Clock::now();
      progress_(Progress{done_records, source.bytes_read(), file_total, done_text, Since(t0)});
    }
  };

  // A compressed output is compressed batch by batch on any thread (one
  // gzip member or zstd frame each), not in the write stage.
  const bool encode = out->compresses() || (dropped && dropped->compresses());
  auto encode_stage = [&](Batch* batch) {
    if (stop.load(std::memory_order_relaxed)) return;
    thread_local std::string plain;
    auto chunk = [&](OutputFile* f, bool kept, std::string* enc, uint64_t* plain_bytes) {
      if (f == nullptr || !f->compresses()) return Status::Ok();
      plain.clear();
      for (const Item& it : batch->items) {
        auto [line, newline] = OutputLine(it, kept);
        plain.append(line);
        if (newline) plain.push_back('\n');
      }
      *plain_bytes = plain.size();
      return plain.empty() ? Status::Ok() : f->Encode(plain, enc);
    };
    batch->encode_status = chunk(out.get(), true, &batch->kept_encoded, &batch->kept_plain);
    if (batch->encode_status.ok()) {
      batch->encode_status = chunk(dropped.get(), false, &batch->dropped_encoded, &batch->dropped_plain);
    }
  };
  auto write_stage = [&](Batch* batch) {
    if (stop.load(std::memory_order_relaxed)) return;
    auto put = [&](OutputFile* f, bool kept, const std::string& enc, uint64_t plain_bytes) {
      if (f == nullptr) return Status::Ok();
      if (f->compresses()) {  // encode_stage ran
        if (!batch->encode_status.ok()) return batch->encode_status;
        return plain_bytes == 0 ? Status::Ok() : f->WriteEncoded(enc, plain_bytes);
      }
      for (const Item& it : batch->items) {
        auto [line, newline] = OutputLine(it, kept);
        Status st = line.empty() ? Status::Ok() : f->Write(line);
        if (st.ok() && newline) st = f->Write("\n");
        if (!st.ok()) return st;
      }
      return Status::Ok();
    };
    Status st = put(out.get(), true, batch->kept_encoded, batch->kept_plain);
    if (st.ok()) st = put(dropped.get(), false, batch->dropped_encoded, batch->dropped_plain);
    if (!st.ok()) {
      write_status = std::move(st);
      stop.store(true, std::memory_order_relaxed);
    }
  };

  WINNOW_RETURN_IF_ERROR(ForEachBatch(threads, &source, work_stage, decide_stage, write_stage,
                                      encode ? std::function<void(Batch*)>(encode_stage) : nullptr));
  if (!decide_status.ok()) return decide_status;
  if (!write_status.ok()) return write_status;

  // Clusters: the kept record first, then its duplicates in input order.
  if (index) {
    std::stable_sort(cluster_members.begin(), cluster_members.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    for (size_t i = 0; i < cluster_members.size();) {
      size_t j = i;
      while (j < cluster_members.size() && cluster_members[j].first == cluster_members[i].first) ++j;
      ++report->clusters;
      if (clusters) {
        std::string cid(index->IdJson(cluster_members[i].first));
        std::string size = std::to_string(j - i + 1);
        auto line = [&](std::string_view id) {
          return "{\"id\":" + std::string(id) + ",\"cluster\":" + cid + ",\"size\":" + size + "}\n";
        };
        WINNOW_RETURN_IF_ERROR(clusters->Write(line(cid)));
        for (size_t k = i; k < j; ++k) WINNOW_RETURN_IF_ERROR(clusters->Write(line(cluster_members[k].second)));
      }
      i = j;
    }
  }

  for (size_t i = 0; i < report->inputs.size(); ++i) {
    for (const auto& [key, count] : lines_removed[i]) {
      report->inputs[i].counts.lines_removed[cleaner.Reason(FromReasonKey(key))] += count;
    }
  }
  for (InputReport& ir : report->inputs) report->total.Add(ir.counts);
  if (index) {
    report->dedup = true;
    report->index_records = index->size();
    report->index_loaded = index_loaded;
    report->index_bytes = index->MemoryBytes();
    report->index_id_bytes = index->IdBytes();
    report->index_path = index_path;
    report->lsh_bands = index->lsh_params().bands;
    report->lsh_rows = index->lsh_params().rows;
    report->num_perm = opt.dedup.num_perm;
    report->shingle = opt.dedup.shingle.shingle_words;
    report->threshold = opt.dedup.threshold;
  }

  WINNOW_RETURN_IF_ERROR(out->Commit());
  if (dropped) WINNOW_RETURN_IF_ERROR(dropped->Commit());
  if (rejects) WINNOW_RETURN_IF_ERROR(rejects->Commit());
  if (clusters) WINNOW_RETURN_IF_ERROR(clusters->Commit());
  report->total.seconds = Since(t0);
  report->peak_rss_bytes = PeakRssBytes();
  if (report_file) {
    WINNOW_RETURN_IF_ERROR(report_file->Write(report->ToJson()));
    WINNOW_RETURN_IF_ERROR(report_file->Commit());
  }
  // The index goes last: killed at any point before, a rerun of the same
  // batch sees the old index and gives the same outputs.
  if (!index_path.empty()) WINNOW_RETURN_IF_ERROR(index->Save(index_path));
  return Status::Ok();
}

}  // namespace winnow
