// winnow: the command-line tool. Argument parsing, progress, messages and
// exit codes live here; all the work is done by libwinnow.
//
// Exit codes: 0 ok (also when stdout's reader went away: broken pipe);
// 1 finished, but records were rejected and --strict was given;
// 2 usage error, or an I/O or data error that stopped the run.
#include <unistd.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include <CLI/CLI.hpp>
#include <algorithm>
#include <charconv>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <memory>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "config_file.h"
#include "winnow/cleaner.h"
#include "winnow/distributed.h"
#include "winnow/pipeline.h"
#include "winnow/reader.h"
#include "winnow/report.h"
#include "winnow/rules.h"
#ifdef WINNOW_WITH_MPI
#include "mpi_comm.h"
#endif

namespace {

constexpr int kExitOk = 0;
constexpr int kExitRejected = 1;
constexpr int kExitError = 2;

// A stream that drops what is written to it.
std::ostream& NullStream() {
  static std::ostream null(nullptr);
  return null;
}

// A whole number from `min` to `max`. (CLI11's PositiveNumber and
// NonNegativeNumber answer a value that is no number with the range of a
// double, 300 digits long.)
CLI::Validator WholeNumber(uint64_t min, uint64_t max) {
  return CLI::Validator(
      [min, max](std::string& s) -> std::string {
        uint64_t v = 0;
        const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
        if (ec == std::errc() && end == s.data() + s.size() && v >= min && v <= max) return {};
        return "'" + s + "' is not a whole number from " + std::to_string(min) + " to " + std::to_string(max);
      },
      "INT in [" + std::to_string(min) + " - " + std::to_string(max) + "]");
}

struct Config {
  winnow::PipelineOptions p;
  std::string format = "auto";
  std::string verify = "signature";
  bool no_repeats = false;
  bool no_rules = false;
  bool no_context = false;
  bool no_templates = false;
  uint64_t max_index_mb = 0;
  uint64_t template_max_mb = winnow::TemplateOptions{}.max_bytes >> 20;
  std::string learn_output;
  std::vector<std::string> rule_files;
  std::vector<std::string> disabled_rules;
  // rules
  bool rules_list = false;
  std::vector<std::string> rules_check;
  bool no_exact = false;
  bool no_near = false;
  bool strict = false;
  bool quiet = false;
  // explain
  std::string explain_id;
  std::string explain_reason;
  std::string color = "auto";
  // --config, --print-config
  std::string config_path;
  bool print_config = false;
};

void AddInput(CLI::App* app, Config* c) {
  const char* g = "INPUT";
  app->add_option("inputs", c->p.inputs,
                  "Input files or directories, read in order; '-' is stdin. "
                  "JSONL, text or WET, optionally gzip or zstd (detected from the bytes)")
      ->group(g);
  app->add_option("--format", c->format, "Input format")
      ->check(CLI::IsMember({"auto", "jsonl", "text", "wet"}))
      ->default_str("auto")
      ->group(g);
  app->add_option("--text-field", c->p.reader.text_field, "JSONL field with the text")->capture_default_str()->group(g);
  app->add_option("--id-field", c->p.reader.id_field, "JSONL id field (absent: <input>:<line>)")
      ->capture_default_str()
      ->group(g);
  app->add_option("--url-field", c->p.reader.url_field, "JSONL url field")->capture_default_str()->group(g);
  app->add_option("--max-record-bytes", c->p.reader.max_record_bytes,
                  "Reject records larger than this many bytes")
      ->capture_default_str()
      ->check(WholeNumber(1, uint64_t{1} << 40))
      ->group(g);
}

void AddRuleOptions(CLI::App* app, Config* c) {
  const char* g = "CLEANING";
  // One value an occurrence: "--disable-rule NAME input.jsonl" must leave
  // the input alone (a vector option would swallow it).
  app->add_option("--rules", c->rule_files, "Add a TOML rule pack (repeatable); a rule of the same name overrides")
      ->allow_extra_args(false)
      ->group(g);
  app->add_option("--disable-rule", c->disabled_rules, "Switch off a rule by name (repeatable)")
      ->allow_extra_args(false)
      ->group(g);
  app->add_flag("--no-rules", c->no_rules, "Do not apply rule packs")->group(g);
  auto& k = c->p.cleaner;
  app->add_option("--good-min-words", k.good_min_words, "Words for an article-like line (with enough stopwords)")
      ->capture_default_str()
      ->check(CLI::Range(1, 1000))
      ->group(g);
  app->add_option("--short-line-cost", k.short_line_cost, "What a short or sparse line costs the main text (words)")
      ->capture_default_str()
      ->check(CLI::Range(0.0, 1000.0))
      ->group(g);
  app->add_option("--headline-lines", k.headline_lines, "Lines above the main text kept as headline and byline")
      ->capture_default_str()
      ->check(CLI::Range(0, 100))
      ->group(g);
  app->add_option("--segment-share", k.min_segment_share,
                  "Another text block joins the main text at this share of its score")
      ->capture_default_str()
      ->check(CLI::Range(0.0, 1.0))
      ->group(g);
  app->add_flag("--no-context", c->no_context,
                "Do not drop lines outside the main text (keep all that no rule or repeat removes)")
      ->group(g);
  app->add_flag("--keep-comments", k.keep_comments,
                "Keep readers' comments: under a comment section's heading, lines of prose and sentences stay (names, "
                "times and buttons go); by default the section goes whole")
      ->group(g);
  std::string all;
  for (const std::string& l : winnow::StopwordLanguages()) all += (all.empty() ? "" : ",") + l;
  app->add_option("--languages", k.languages,
                  "Languages a record may be in, comma-separated: each record is read with the stopwords of the one it "
                  "uses most, or by sentence shape when none makes it prose (reported as 'und'; default: all of " + all + ")")
      ->delimiter(',')
      ->allow_extra_args(false)
      ->check(CLI::IsMember(winnow::StopwordLanguages()))
      ->group(g);
}

void AddTemplateOptions(CLI::App* app, Config* c, bool learning) {
  const char* g = "TEMPLATES";
  auto& t = c->p.templates;
  if (!learning) {
    app->add_flag("--no-templates", c->no_templates,
                  "Do not learn site templates (by default a first pass over input files counts lines)")
        ->group(g);
    app->add_option("--templates", c->p.templates_path,
                    "Apply a template model from 'winnow learn' instead of learning (works on stdin too)")
        ->group(g);
  }
  app->add_option("--template-min-records", t.min_records,
                  "A line in this many distinct (non-duplicate) records is a template line")
      ->capture_default_str()
      ->check(CLI::Range(2, 4095))
      ->group(g);
  app->add_option("--template-min-site-records", t.min_site_records,
                  "A line in this many records of one site (URL host) is a template line")
      ->capture_default_str()
      ->check(CLI::Range(2, 4095))
      ->group(g);
  app->add_option("--template-max-mb", c->template_max_mb,
                  "Memory budget of the line counts (MiB; 0: none): past it, lines seen in one record are "
                  "dropped (and counted afresh if they come back)")
      ->capture_default_str()
      ->check(CLI::Range(uint64_t{0}, uint64_t{1} << 40))
      ->group(g);
}

void AddCleaning(CLI::App* app, Config* c) {
  const char* g = "CLEANING";
  app->add_flag("--no-repeats", c->no_repeats, "Keep lines repeated inside a record")->group(g);
  AddRuleOptions(app, c);
  app->add_flag("--keep-empty", c->p.keep_empty, "Keep records whose cleaned text is empty (default: drop, reason 'empty')")
      ->group(g);
  app->add_option("--min-words", c->p.min_words,
                  "Drop a record whose cleaned text has fewer words than this (reason 'too-short'; 0: keep any)")
      ->capture_default_str()
      ->check(CLI::Range(uint32_t{0}, uint32_t{1} << 20))
      ->group(g);
  app->add_flag("--annotate", c->p.annotate,
                "Add the removed spans [start, end, reason] (byte offsets into the original text) to each record")
      ->group(g);
  app->add_option("--annotate-field", c->p.annotate_field, "Field name for --annotate")->capture_default_str()->group(g);
  AddTemplateOptions(app, c, false);
}

void AddDedup(CLI::App* app, Config* c) {
  const char* g = "DEDUP";
  auto& d = c->p.dedup;
  app->add_option("--threshold", d.threshold, "Jaccard similarity of word shingles for a near duplicate")
      ->capture_default_str()
      ->check(CLI::Range(0.01, 1.0))
      ->group(g);
  app->add_option("--num-perm", d.num_perm, "MinHash slots (4 bits each per kept record)")
      ->capture_default_str()
      ->check(CLI::Range(8, 1024))
      ->group(g);
  app->add_option("--shingle", d.shingle.shingle_words, "Words per shingle")
      ->capture_default_str()
      ->check(CLI::Range(1, 32))
      ->group(g);
  app->add_option("--bands", d.bands, "LSH bands (0: derived from --threshold)")->capture_default_str()->group(g);
  app->add_option("--rows", d.rows, "LSH rows per band (0: derived)")->capture_default_str()->group(g);
  app->add_option("--verify", c->verify,
                  "How LSH candidates are verified: signature (estimated Jaccard) or exact (true shingle Jaccard; "
                  "keeps all shingle sets in memory)")
      ->check(CLI::IsMember({"signature", "exact"}))
      ->default_str("signature")
      ->group(g);
  app->add_flag("--no-exact", c->no_exact, "Do not drop exact duplicates")->group(g);
  app->add_flag("--no-near", c->no_near, "Do not drop near duplicates")->group(g);
  app->add_flag("--fold-digits", d.shingle.fold_digits, "Treat all digits as equal when comparing")->group(g);
  app->add_option("--clusters", c->p.clusters_path, "Write {id, cluster, size} for every record in a cluster of 2+")
      ->group(g);
  app->add_option("--max-index-mb", c->max_index_mb,
                  "Stop with an error when the dedup index needs more memory than this (default: 3/4 of RAM)")
      ->check(WholeNumber(1, uint64_t{1} << 30))
      ->group(g);
  app->add_option("--index", c->p.index_dir,
                  "Persistent dedup index directory: load DIR/winnow.index if present (records seen in earlier "
                  "runs count as seen first), save it after the run")
      ->group(g);
}

// -j, --threads, for the commands that run a pipeline (and learn).
void AddThreads(CLI::App* app, Config* c) {
  app->add_option("-j,--threads", c->p.threads, "Worker threads (0: all cores)")
      ->capture_default_str()
      ->check(WholeNumber(0, 1 << 16))
      ->group("OUTPUT");
}

void AddOutput(CLI::App* app, Config* c, bool dedup) {
  const char* g = "OUTPUT";
  app->add_option("-o,--output", c->p.output, "Kept records as JSONL ('-': stdout; .gz/.zst: compressed)")
      ->capture_default_str()
      ->group(g);
  app->add_option("--dropped", c->p.dropped_path,
                  dedup ? "Write {id, reason, duplicate_of, similarity} per dropped record"
                        : "Write {id, reason} per dropped record")
      ->group(g);
  app->add_option("--rejects", c->p.rejects_path, "Write {input, line, offset, reason, detail} per rejected record")
      ->group(g);
  app->add_option("--report", c->p.report_path, "Write the JSON report (counts per input and in total)")->group(g);
  app->add_option("--compression-level", c->p.compression_level,
                  "Level of .gz (1-9) and .zst (1-19) outputs; 0: the format's default (gzip 6, zstd 3)")
      ->capture_default_str()
      ->check(CLI::Range(0, 19))
      ->group(g);
  app->add_flag("--strict", c->strict, "Exit 1 when any record was rejected")->group(g);
  app->add_flag("-q,--quiet", c->quiet, "No progress line and no summary on stderr")->group(g);
  AddThreads(app, c);
}

winnow::InputFormat ParseFormat(const std::string& f) {
  if (f == "jsonl") return winnow::InputFormat::kJsonl;
  if (f == "text") return winnow::InputFormat::kText;
  if (f == "wet") return winnow::InputFormat::kWet;
  return winnow::InputFormat::kAuto;
}

// Fills in what the flags imply; returns false (after a message) when there
// is no input and stdin is a terminal.
bool Finish(Config* c, const CLI::App& app) {
  c->p.reader.format = ParseFormat(c->format);
  c->p.cleaner.drop_repeats = !c->no_repeats;
  c->p.cleaner.use_rules = !c->no_rules;
  c->p.cleaner.use_context = !c->no_context;
  c->p.learn_templates = !c->no_templates;
  c->p.templates.max_bytes = c->template_max_mb << 20;
  if (c->max_index_mb > 0) {
    c->p.max_index_bytes = c->max_index_mb << 20;
  } else {  // 3/4 of physical memory
    long pages = sysconf(_SC_PHYS_PAGES), page = sysconf(_SC_PAGESIZE);
    if (pages > 0 && page > 0) c->p.max_index_bytes = static_cast<uint64_t>(pages) * static_cast<uint64_t>(page) / 4 * 3;
  }
  c->p.dedup.exact = !c->no_exact;
  c->p.dedup.near = !c->no_near;
  c->p.dedup.verify = c->verify == "exact" ? winnow::VerifyMode::kExact : winnow::VerifyMode::kSignature;
  if (c->p.inputs.empty()) {
    if (isatty(STDIN_FILENO)) {
      std::cerr << "winnow " << app.get_name() << ": no input given and stdin is a terminal\n"
                << "usage: winnow " << app.get_name() << " [IN...] -o OUT   (see 'winnow " << app.get_name()
                << " --help')\n";
      return false;
    }
    c->p.inputs.push_back("-");
  }
  return true;
}

// Loads the rule packs the flags name into the cleaner options.
bool LoadRuleFlags(Config* c) {
  auto rules = winnow::LoadRules(c->rule_files, c->disabled_rules);
  if (!rules.ok()) {
    std::cerr << "winnow: " << rules.status().message() << "\n";
    return false;
  }
  c->p.cleaner.rules = rules.value();
  return true;
}

std::string Human(double bytes) {
  char buf[32];
  std::snprintf(buf, sizeof(buf), "%.1f MB", bytes / 1e6);
  return buf;
}

// Under mpirun: this process's rank in the job (nullptr: one process).
winnow::Comm* g_comm = nullptr;

int RunPipeline(Config* c, winnow::Mode mode) {
  c->p.mode = mode;
  if (mode != winnow::Mode::kDedup && !LoadRuleFlags(c)) return kExitError;
  if (g_comm != nullptr) {
    winnow::Report report;
    winnow::Status st = winnow::RunDistributed(c->p, g_comm, &report);
    if (g_comm->rank() != 0) return st.ok() ? kExitOk : kExitError;  // rank 0 speaks for the job
    if (!st.ok()) {
      std::cerr << "winnow: " << st.message() << "\n";
      return kExitError;
    }
    if (!c->quiet) {
      std::cerr << report.Summary();
      std::string shards = winnow::ShardPath(c->p.output, 0, g_comm->size());
      std::cerr << "output: " << g_comm->size() << " shards, " << shards << " ...\n";
      if (!c->p.report_path.empty()) std::cerr << "report: " << c->p.report_path << "\n";
    }
    if (c->strict && report.total.rejected_total() > 0) return kExitRejected;
    return kExitOk;
  }
  winnow::Pipeline pipeline(c->p);
  bool progress = !c->quiet && isatty(STDERR_FILENO);
  if (progress) {
    pipeline.set_progress([](const winnow::Progress& p) {
      double mbs = p.seconds > 0 ? static_cast<double>(p.text_bytes) / 1e6 / p.seconds : 0;
      std::fprintf(stderr, "\r\033[K%llu records, %s, %.1f MB/s", static_cast<unsigned long long>(p.records),
                   Human(static_cast<double>(p.file_bytes)).c_str(), mbs);
      if (p.file_total > 0 && p.file_bytes > 0 && p.seconds > 0) {
        double rate = static_cast<double>(p.file_bytes) / p.seconds;
        double eta = static_cast<double>(p.file_total - std::min(p.file_total, p.file_bytes)) / rate;
        std::fprintf(stderr, ", %.0f%%, ETA %.0fs",
                     100.0 * static_cast<double>(p.file_bytes) / static_cast<double>(p.file_total), eta);
      }
      std::fflush(stderr);
    });
  }
  winnow::Report report;
  winnow::Status st = pipeline.Run(&report);
  if (progress) std::fprintf(stderr, "\r\033[K");
  if (st.code() == winnow::StatusCode::kBrokenPipe) return kExitOk;
  if (!st.ok()) {
    std::cerr << "winnow: " << st.message() << "\n";
    return kExitError;
  }
  if (!c->quiet) {
    std::cerr << report.Summary();
    if (c->p.output != "-") std::cerr << "output: " << c->p.output << "\n";
    if (!c->p.dropped_path.empty()) std::cerr << "dropped: " << c->p.dropped_path << "\n";
    if (!c->p.rejects_path.empty()) std::cerr << "rejects: " << c->p.rejects_path << "\n";
    if (!c->p.report_path.empty()) std::cerr << "report: " << c->p.report_path << "\n";
  }
  if (c->strict && report.total.rejected_total() > 0) return kExitRejected;
  return kExitOk;
}

// winnow learn: counts the lines of the inputs and saves the template model.
int Learn(Config* c) {
  if (c->learn_output.empty()) {
    std::cerr << "winnow learn: no model file given (-o MODEL, or 'output' in a --config file)\n";
    return kExitError;
  }
  winnow::TemplateReport stats;
  auto model = winnow::LearnTemplates(c->p, &stats);
  winnow::Status st = model.ok() ? model.value()->Save(c->learn_output) : model.status();
  if (!st.ok()) {
    std::cerr << "winnow: " << st.message() << "\n";
    return kExitError;
  }
  if (!c->quiet) {
    char mem[64];
    std::snprintf(mem, sizeof(mem), "%.1f", stats.distinct_lines
                                              ? static_cast<double>(stats.counter_bytes) / stats.distinct_lines
                                              : 0.0);
    std::cerr << "records " << stats.records << " (" << stats.collapsed << " copies of an earlier story not counted), "
              << stats.distinct_lines << " distinct lines, counter " << stats.counter_bytes / 1048576 << " MiB ("
              << mem << " bytes/line), " << stats.template_lines << " template lines\n";
    if (stats.rejected > 0) {
      std::cerr << stats.rejected << " records rejected, not counted (winnow run --rejects FILE lists them)\n";
    }
    for (const std::string& in : stats.corrupt_inputs) {
      std::cerr << "warning: " << in
                << ": truncated or corrupt compressed data; the records before the fault were counted, the rest of "
                   "the file is lost\n";
    }
    if (stats.prunes > 0) {
      std::cerr << "counter budget (--template-max-mb " << (stats.counter_max_bytes >> 20) << ") reached "
                << stats.prunes << " times: " << stats.pruned_lines << " lines seen in few records dropped, peak "
                << stats.counter_peak_bytes / 1048576 << " MiB\n";
    }
    std::cerr              << "model: " << c->learn_output << "\n";
  }
  return kExitOk;
}

// winnow explain: every line of each record with KEEP/DROP and the reason.
int Explain(Config* c) {
  bool color = c->color == "always" || (c->color == "auto" && isatty(STDOUT_FILENO));
  const char* green = color ? "\033[32m" : "";
  const char* red = color ? "\033[31m" : "";
  const char* dim = color ? "\033[2m" : "";
  const char* reset = color ? "\033[0m" : "";
  if (!LoadRuleFlags(c)) return kExitError;
  if (const std::string& r = c->explain_reason; !r.empty()) {
    // A reason the cleaner can give, or a kind of one: a typo would list
    // nothing, as if nothing went for it.
    bool known = r == "repeat" || r == "context" || r == "template" || r == "rule" || r == "region";
    for (const winnow::Rule& rule : c->p.cleaner.rules->rules()) {
      known = known || r == "rule:" + rule.name || r == "region:" + rule.name;
    }
    if (!known) {
      std::cerr << "winnow: --reason: '" << r
                << "' is no reason winnow gives: repeat, context, template, rule, rule:NAME, region, region:NAME "
                   "(NAME: a rule of 'winnow rules --list')\n";
      return kExitError;
    }
  }
  if (!c->p.templates_path.empty()) {
    auto model = winnow::TemplateModel::Load(c->p.templates_path);
    if (!model.ok()) {
      std::cerr << "winnow: " << model.status().message() << "\n";
      return kExitError;
    }
    c->p.cleaner.templates = model.value();
  } else if (c->p.learn_templates &&
             std::find(c->p.inputs.begin(), c->p.inputs.end(), "-") == c->p.inputs.end()) {
    auto model = winnow::LearnTemplates(c->p, nullptr);
    if (!model.ok()) {
      std::cerr << "winnow: " << model.status().message() << "\n";
      return kExitError;
    }
    c->p.cleaner.templates = model.value();
  }
  winnow::Cleaner cleaner(c->p.cleaner);
  std::string out;
  bool found = false;
  for (size_t i = 0; i < c->p.inputs.size(); ++i) {
    auto r = winnow::RecordReader::Open(c->p.inputs[i], static_cast<uint32_t>(i), c->p.reader);
    if (!r.ok()) {
      std::cerr << "winnow: " << r.status().message() << "\n";
      return kExitError;
    }
    winnow::Record rec;
    winnow::Reject rej;
    for (;;) {
      auto n = r.value()->Next(&rec, &rej);
      if (!n.ok()) {
        std::cerr << "winnow: " << n.status().message() << "\n";
        return kExitError;
      }
      if (n.value() == winnow::RecordReader::Item::kEnd) break;
      if (n.value() == winnow::RecordReader::Item::kReject) {
        if (c->explain_id.empty()) {
          std::cerr << rej.pos.input << ":" << rej.pos.line << ": rejected (" << winnow::RejectReasonName(rej.reason)
                    << "): " << rej.detail << "\n";
        }
        continue;
      }
      if (!c->explain_id.empty() && rec.id != c->explain_id) continue;
      found = true;
      winnow::CleanResult res = cleaner.Clean(rec.text);
      if (!c->explain_reason.empty()) {
        // An audit: the lines removed for that reason, one a line (id, line
        // number, reason, text, tab-separated), for sort | uniq -c.
        out.clear();
        for (size_t k = 0; k < res.lines.size(); ++k) {
          const winnow::LineDecision& d = res.lines[k];
          if (d.keep || d.span.blank) continue;
          const std::string why = cleaner.Reason(d);
          if (why != c->explain_reason && !why.starts_with(c->explain_reason + ":")) continue;
          out += rec.id + "\t" + std::to_string(k + 1) + "\t" + why + "\t" + std::string(LineText(rec.text, d.span)) +
                 "\n";
        }
        std::fwrite(out.data(), 1, out.size(), stdout);
        continue;
      }
      // The language is named when it is not English (the stopwords it was read with).
      out = "== " + rec.id + "  (" + std::to_string(res.lines.size()) + " lines, " +
            std::to_string(res.removed_lines) + " removed" +
            (res.language.empty() || res.language == "en" ? "" : ", language " + std::string(res.language)) + ")\n";
      for (size_t k = 0; k < res.lines.size(); ++k) {
        const winnow::LineDecision& d = res.lines[k];
        std::string_view line = LineText(rec.text, d.span);
        char num[32];
        std::snprintf(num, sizeof(num), "%4zu ", k + 1);
        out += num;
        if (d.span.blank) {
          out += std::string(dim) + "     |" + reset + "\n";
          continue;
        }
        if (d.keep) {
          out += std::string(green) + "KEEP" + reset + " | " + std::string(line) + "\n";
        } else {
          std::string why = cleaner.Reason(d);
          if (d.reason == winnow::LineReason::kRepeat) why += " of line " + std::to_string(d.ref_line);
          winnow::TemplateInfo ti;
          if (d.reason == winnow::LineReason::kTemplate && cleaner.options().templates->Find(d.key_hash, &ti)) {
            auto count = [](uint32_t v) { return std::to_string(v) + (v >= 4095 ? "+" : ""); };
            why += ": seen in " + count(ti.records) + " records";
            if (ti.sites > 0) why += " from " + count(ti.sites) + (ti.sites == 1 ? " site" : " sites");
          }
          if (d.reason == winnow::LineReason::kRegion && d.ref_line != k + 1) {
            // (a preamble's lines stand above the head-end line that ends it)
            why += (d.ref_line > k + 1 ? " before line " : " after line ") + std::to_string(d.ref_line);
          }
          out += std::string(red) + "DROP" + reset + " | " + std::string(line) + "  " + dim + "[" + why + "]" +
                 reset + "\n";
        }
      }
      std::fwrite(out.data(), 1, out.size(), stdout);
    }
  }
  if (!c->explain_id.empty() && !found) {
    std::cerr << "winnow: no record with id '" << c->explain_id << "'\n";
    return kExitError;
  }
  return kExitOk;
}

// winnow rules: --check validates packs, --list prints the active rules.
int Rules(Config* c) {
  int rc = kExitOk;
  // Long lines (paragraphs) meet only the rules without max_words, behind a
  // prefilter; a pack can turn it off for every record.
  const bool defaults_prefiltered = [&] {
    if (c->rules_check.empty()) return false;
    auto defaults = winnow::LoadRules({}, {});
    return defaults.ok() && defaults.value()->LongLinesPrefiltered();
  }();
  for (const std::string& f : c->rules_check) {
    winnow::RuleSet rs;
    winnow::Status st = rs.AddPackFile(f);
    if (st.ok()) st = rs.Compile();
    if (!st.ok()) {
      std::cerr << st.message() << "\n";
      rc = kExitError;
    } else {
      std::cout << f << ": ok, " << rs.rules().size() << " rules\n";
      for (const winnow::Rule& r : rs.rules()) {
        for (size_t k = 0; k < r.patterns.size(); ++k) {
          const int count = winnow::LeadingRepeatCount(r.patterns[k]);
          if (count < winnow::kSlowLeadingRepeat) continue;
          std::cout << r.source << ": note: rule '" << r.name << "' pattern " << (k + 1) << " opens with a repeat counted to "
                    << count << "; RE2 follows every count at once on each line the rule sees (slower for every "
                    << "rule); use '*' or '+', or begin with a word\n";
        }
        // A line it matches takes every line above (head-end) or below
        // (foot-start) with it: a match in a paragraph would take the text.
        if ((r.scope == winnow::RuleScope::kHeadEnd || r.scope == winnow::RuleScope::kFootStart) && r.max_words == 0) {
          std::cout << r.source << ": note: rule '" << r.name << "' (" << winnow::RuleScopeName(r.scope)
                    << ") removes every line " << (r.scope == winnow::RuleScope::kHeadEnd ? "above" : "below")
                    << " a line it matches, and has no max_words: a paragraph that happens to match would take the "
                    << "text with it; give it a max_words\n";
        }
      }
      auto loses_prefilter = [&] {
        auto with_defaults = winnow::LoadRules({f}, {});
        return with_defaults.ok() && !with_defaults.value()->LongLinesPrefiltered();
      };
      if (defaults_prefiltered && loses_prefilter()) {
        std::cout << f << ": note: its rules without max_words turn off the prefilter of long lines, so every "
                  << "paragraph runs through RE2 (slower); give max_words to rules meant for short lines, and open "
                  << "each pattern of a rule for paragraphs with a literal after '^' ('^we and our partners ...')\n";
      }
    }
  }
  if (c->rules_list || c->rules_check.empty()) {
    auto rs = winnow::LoadRules(c->rule_files, c->disabled_rules);
    if (!rs.ok()) {
      std::cerr << "winnow: " << rs.status().message() << "\n";
      return kExitError;
    }
    for (const winnow::Rule& r : rs.value()->rules()) {
      std::cout << r.name << "\t" << r.category << "\t" << winnow::RuleScopeName(r.scope) << "\t"
                << r.patterns.size() << " pattern" << (r.patterns.size() == 1 ? "" : "s") << "\t" << r.description
                << "\n";
    }
  }
  return rc;
}

std::string UsageError(const CLI::ParseError& e, const CLI::App& app) {
  std::string msg = e.what();
  if (dynamic_cast<const CLI::ExtrasError*>(&e) != nullptr) {
    // Name the first unexpected argument the way other tools do.
    const CLI::App* sub = &app;
    for (const CLI::App* s : app.get_subcommands()) sub = s;
    std::vector<std::string> extra = sub->remaining();
    if (extra.empty()) extra = app.remaining();
    if (!extra.empty()) {
      const std::string& a = extra.front();
      msg = a.size() > 1 && a[0] == '-' ? "unknown option '" + a + "'" : "unexpected argument '" + a + "'";
    }
  }
  return msg;
}

// glibc's malloc, tuned for the pipeline: a batch's strings and vectors are
// allocated on one thread and freed on another, and by default each thread's
// arena gives its free top back to the kernel past 128 KiB and serves blocks
// past a moving threshold with mmap, so the next batches fault the same pages
// in again (a third of the page faults of `run -j2`). Keep up to 64 MiB free
// per arena, grow it 16 MiB at a time, and mmap only blocks of 32 MiB and
// more. A GLIBC_TUNABLES setting of malloc's own wins.
void TuneMalloc() {
#ifdef __GLIBC__
  const char* t = std::getenv("GLIBC_TUNABLES");
  if (t != nullptr && std::string_view(t).find("glibc.malloc.") != std::string_view::npos) return;
  mallopt(M_MMAP_THRESHOLD, 32 << 20);
  mallopt(M_TRIM_THRESHOLD, 64 << 20);
  mallopt(M_TOP_PAD, 16 << 20);
#endif
}

}  // namespace

int main(int argc, char** argv) {
  std::signal(SIGPIPE, SIG_IGN);  // a closed stdout is a write error we handle quietly
  TuneMalloc();
#ifdef WINNOW_WITH_MPI
  std::unique_ptr<winnow::MpiComm> mpi;
  if (winnow::LaunchedByMpi()) {
    mpi = std::make_unique<winnow::MpiComm>(&argc, &argv);
    g_comm = mpi.get();
  }
#else
  if (const char* n = std::getenv("OMPI_COMM_WORLD_SIZE"); n != nullptr && std::string(n) != "1") {
    std::cerr << "winnow: started by mpirun, but this winnow was built without MPI "
                 "(install libopenmpi-dev and rebuild)\n";
    return kExitError;
  }
#endif
  CLI::App app{"winnow: clean scraped text corpora — strip boilerplate, remove exact and near-duplicate records",
               "winnow"};
  const std::string version = std::string("winnow ") + winnow::Version();
  app.set_version_flag("--version", version);
  app.require_subcommand(1);
  app.footer(
      "Exit codes: 0 ok; 1 records were rejected and --strict was given; 2 usage, I/O or data error.\n"
      "Run 'winnow COMMAND --help' for the options of a command.");

  Config c;
  auto* run = app.add_subcommand("run", "Clean, then drop exact and near duplicates of the cleaned text (the main job)");
  AddInput(run, &c);
  AddCleaning(run, &c);
  AddDedup(run, &c);
  AddOutput(run, &c, true);
  auto* clean = app.add_subcommand("clean", "Strip boilerplate and repeated lines from each record");
  AddInput(clean, &c);
  AddCleaning(clean, &c);
  AddOutput(clean, &c, false);
  auto* dedup = app.add_subcommand("dedup", "Drop exact and near-duplicate records (text as it is)");
  AddInput(dedup, &c);
  AddDedup(dedup, &c);
  AddOutput(dedup, &c, true);
  auto* explain = app.add_subcommand("explain", "Print each line with KEEP/DROP and the reason");
  AddInput(explain, &c);
  explain->add_option("--id", c.explain_id, "Only the record with this id")->group("INPUT");
  explain->add_option("--reason", c.explain_reason,
                      "Only the lines removed for this reason ('rule:copyright', 'template', or 'rule' for every "
                      "rule), one a line: id, line, reason, text, tab-separated")
      ->group("OUTPUT");
  explain->add_option("--color", c.color, "Colour: auto, always, never")
      ->check(CLI::IsMember({"auto", "always", "never"}))
      ->group("OUTPUT");
  explain->add_flag("--no-repeats", c.no_repeats, "Keep lines repeated inside a record")->group("CLEANING");
  AddRuleOptions(explain, &c);
  AddTemplateOptions(explain, &c, false);
  auto* learn = app.add_subcommand("learn", "Learn the site templates of a corpus and save them as a model");
  AddInput(learn, &c);
  // Required, and checked in Learn() so that a --config file may give it.
  learn->add_option("-o,--output", c.learn_output, "Template model file (use with --templates); required")
      ->group("OUTPUT");
  AddTemplateOptions(learn, &c, true);
  learn->add_flag("-q,--quiet", c.quiet, "No summary on stderr")->group("OUTPUT");
  AddThreads(learn, &c);
  auto* rules = app.add_subcommand("rules", "List the active rules, or check rule pack files");
  rules->add_flag("--list", c.rules_list, "Print the active rules (default pack + --rules, less --disable-rule)");
  rules->add_option("--check", c.rules_check, "Validate rule pack files; errors as FILE:LINE: message");
  rules->add_option("--rules", c.rule_files, "Add a TOML rule pack (repeatable)");
  rules->add_option("--disable-rule", c.disabled_rules, "Switch off a rule by name (repeatable)");

  for (CLI::App* cmd : {run, clean, dedup, explain, learn, rules}) {
    winnow::AddConfigOptions(cmd, &c.config_path, &c.print_config);
  }

  // Under mpirun every rank reads the same command line, so rank 0 alone
  // answers it (help, a usage error, --print-config): one message, not
  // one a rank.
  bool speaks = true;
#ifdef WINNOW_WITH_MPI
  speaks = !mpi || mpi->rank() == 0;
#endif
  std::ostream& out = speaks ? std::cout : NullStream();
  std::ostream& err = speaks ? std::cerr : NullStream();
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp&) {
    out << app.help();
    return kExitOk;
  } catch (const CLI::CallForAllHelp&) {
    out << app.help("", CLI::AppFormatMode::All);
    return kExitOk;
  } catch (const CLI::CallForVersion&) {
    out << version << "\n";
    return kExitOk;
  } catch (const CLI::ParseError& e) {
    // Subcommand help arrives as CallForHelp from the subcommand.
    if (e.get_exit_code() == static_cast<int>(CLI::ExitCodes::Success)) {
      for (const CLI::App* s : app.get_subcommands()) {
        out << s->help();
        return kExitOk;
      }
      out << app.help();
      return kExitOk;
    }
    err << "winnow: " << UsageError(e, app) << "\n"
        << "usage: winnow {run|clean|dedup|explain|learn} [IN...] [-o OUT] [options]   (see 'winnow --help')\n";
    return kExitError;
  }

  CLI::App* cmd = app.get_subcommands().front();
  if (!c.config_path.empty()) {
    std::string fault;
    try {
      winnow::ApplyConfigFile(cmd, c.config_path);
    } catch (const CLI::ParseError& e) {
      fault = e.what();
    }
#ifdef WINNOW_WITH_MPI
    // Each rank reads the file itself, and one may fail where another
    // does not (a path its node lacks): the ranks agree, and rank 0 tells
    // its own fault, or else the first rank's, naming that rank.
    if (mpi && mpi->size() > 1) {
      const winnow::Status all =
          winnow::Agree(mpi.get(), fault.empty() ? winnow::Status::Ok() : winnow::InvalidArgument(fault));
      if (fault.empty() && !all.ok()) fault = all.message();
    }
#endif
    if (!fault.empty()) {
      err << "winnow: " << fault << "\n";
      return kExitError;
    }
  }
  if (c.print_config) {
    out << winnow::ConfigText(cmd);
    return kExitOk;
  }
#ifdef WINNOW_WITH_MPI
  if (mpi && cmd != run && cmd != clean && cmd != dedup) {
    if (mpi->size() > 1) {
      if (mpi->rank() == 0) std::cerr << "winnow: only run, clean and dedup are distributed; run '" << cmd->get_name()
                                      << "' in one process\n";
      return kExitError;
    }
    g_comm = nullptr;  // one rank: the plain command
  }
  if (mpi && c.p.threads == 0) {
    c.p.threads = std::max(1, static_cast<int>(std::thread::hardware_concurrency()) / std::max(1, mpi->local_size()));
  }
#endif
  if (cmd == rules) return Rules(&c);
  if (!Finish(&c, *cmd)) return kExitError;
  if (cmd == run) return RunPipeline(&c, winnow::Mode::kRun);
  if (cmd == clean) return RunPipeline(&c, winnow::Mode::kClean);
  if (cmd == dedup) return RunPipeline(&c, winnow::Mode::kDedup);
  if (cmd == explain) return Explain(&c);
  if (cmd == learn) return Learn(&c);
  return kExitError;
}
