#include "winnow/report.h"

#include <sys/resource.h>

#include <cstdio>

#include "winnow/json.h"
#include "winnow/record.h"

namespace winnow {
namespace {

uint64_t Sum(const std::map<std::string, uint64_t>& m) {
  uint64_t s = 0;
  for (const auto& [k, v] : m) s += v;
  return s;
}

void AddMap(std::map<std::string, uint64_t>* to, const std::map<std::string, uint64_t>& from) {
  for (const auto& [k, v] : from) (*to)[k] += v;
}

// " (a 1, b 2)" for a map of counts, "" when it is empty.
std::string Breakdown(const std::map<std::string, uint64_t>& m) {
  if (m.empty()) return "";
  std::string s = " (";
  bool first = true;
  for (const auto& [k, v] : m) {
    s += (first ? "" : ", ") + k + " " + std::to_string(v);
    first = false;
  }
  return s + ")";
}

std::string Num(double v) {
  char buf[64];
  std::snprintf(buf, sizeof(buf), "%.3f", v);
  return buf;
}

void MapJson(std::string* o, const std::map<std::string, uint64_t>& m, const std::string& indent) {
  if (m.empty()) {
    o->append("{}");
    return;
  }
  o->append("{");
  bool first = true;
  for (const auto& [k, v] : m) {
    o->append(first ? "\n" : ",\n").append(indent + "  ");
    AppendJsonString(o, k);
    o->append(": ").append(std::to_string(v));
    first = false;
  }
  o->append("\n" + indent + "}");
}

void CountsJson(std::string* o, const Counts& c, const std::string& in) {
  auto field = [&](const char* k, const std::string& v, bool last = false) {
    o->append(in + "  \"" + k + "\": " + v + (last ? "\n" : ",\n"));
  };
  o->append("{\n");
  field("records_in", std::to_string(c.records_in));
  field("kept", std::to_string(c.kept));
  field("dropped", std::to_string(c.dropped_total()));
  o->append(in + "  \"dropped_by_reason\": ");
  MapJson(o, c.dropped, in + "  ");
  o->append(",\n");
  field("rejected", std::to_string(c.rejected_total()));
  o->append(in + "  \"rejected_by_reason\": ");
  MapJson(o, c.rejected, in + "  ");
  o->append(",\n");
  o->append(in + "  \"lines_removed_by_reason\": ");
  MapJson(o, c.lines_removed, in + "  ");
  o->append(",\n");
  o->append(in + "  \"records_by_language\": ");
  MapJson(o, c.languages, in + "  ");
  o->append(",\n");
  field("balanced", c.Balanced() ? "true" : "false");
  field("bytes_in", std::to_string(c.bytes_in));
  field("bytes_out", std::to_string(c.bytes_out));
  field("text_bytes_in", std::to_string(c.text_bytes_in));
  field("text_bytes_out", std::to_string(c.text_bytes_out));
  field("seconds", Num(c.seconds), true);
  o->append(in + "}");
}

}  // namespace

const char* Version() { return WINNOW_VERSION; }

uint64_t Counts::dropped_total() const { return Sum(dropped); }
uint64_t Counts::rejected_total() const { return Sum(rejected); }

void Counts::Add(const Counts& o) {
  records_in += o.records_in;
  kept += o.kept;
  AddMap(&dropped, o.dropped);
  AddMap(&rejected, o.rejected);
  AddMap(&lines_removed, o.lines_removed);
  AddMap(&languages, o.languages);
  bytes_in += o.bytes_in;
  bytes_out += o.bytes_out;
  text_bytes_in += o.text_bytes_in;
  text_bytes_out += o.text_bytes_out;
}

std::string Report::ToJson() const {
  std::string o = "{\n  \"command\": ";
  AppendJsonString(&o, command);
  o += ",\n  \"version\": " + JsonString(version);
  o += ",\n  \"threads\": " + std::to_string(threads);
  if (!options.empty()) {
    o += ",\n  \"options\": {";
    for (size_t i = 0; i < options.size(); ++i) {
      o += i ? ",\n    " : "\n    ";
      AppendJsonString(&o, options[i].first);
      o += ": " + options[i].second;
    }
    o += "\n  }";
  }
  if (rules > 0) {
    char hex[17];
    std::snprintf(hex, sizeof(hex), "%016llx", static_cast<unsigned long long>(rules_fingerprint));
    o += ",\n  \"rules\": {\"count\": " + std::to_string(rules) + ", \"packs\": [";
    for (size_t i = 0; i < rule_packs.size(); ++i) o += (i ? ", " : "") + JsonString(rule_packs[i]);
    o += "], \"fingerprint\": \"" + std::string(hex) + "\"}";
  }
  o += ",\n  \"total\": ";
  CountsJson(&o, total, "  ");
  double mb = static_cast<double>(total.text_bytes_in) / 1e6;
  o += ",\n  \"text_mb_per_second\": " + Num(total.seconds > 0 ? mb / total.seconds : 0);
  o += ",\n  \"records_per_second\": " +
       Num(total.seconds > 0 ? static_cast<double>(total.records_in) / total.seconds : 0);
  o += ",\n  \"peak_rss_bytes\": " + std::to_string(peak_rss_bytes);
  if (ranks > 0) {
    o += ",\n  \"mpi\": {\"ranks\": " + std::to_string(ranks) + ", \"bytes_exchanged\": " +
         std::to_string(bytes_exchanged) + ", \"bytes_exchanged_per_record\": " +
         Num(total.records_in ? static_cast<double>(bytes_exchanged) / static_cast<double>(total.records_in) : 0) +
         "}";
  }
  if (dedup) {
    o += ",\n  \"dedup\": {\n";
    o += "    \"threshold\": " + Num(threshold) + ",\n";
    o += "    \"num_perm\": " + std::to_string(num_perm) + ",\n";
    o += "    \"shingle\": " + std::to_string(shingle) + ",\n";
    o += "    \"lsh_bands\": " + std::to_string(lsh_bands) + ",\n";
    o += "    \"lsh_rows\": " + std::to_string(lsh_rows) + ",\n";
    o += "    \"clusters\": " + std::to_string(clusters) + ",\n";
    auto per = [&](uint64_t b) {
      return Num(index_records ? static_cast<double>(b) / static_cast<double>(index_records) : 0);
    };
    if (!index_path.empty()) o += "    \"index_path\": " + JsonString(index_path) + ",\n";
    o += "    \"index_loaded\": " + std::to_string(index_loaded) + ",\n";
    o += "    \"index_records\": " + std::to_string(index_records) + ",\n";
    o += "    \"index_bytes\": " + std::to_string(index_bytes) + ",\n";
    o += "    \"index_bytes_per_record\": " + per(index_bytes) + ",\n";
    o += "    \"index_id_bytes\": " + std::to_string(index_id_bytes) + ",\n";
    o += "    \"index_id_bytes_per_record\": " + per(index_id_bytes) + "\n  }";
  }
  if (!templates.source.empty()) {
    const TemplateReport& t = templates;
    o += ",\n  \"templates\": {\n";
    o += "    \"source\": " + JsonString(t.source) + ",\n";
    o += "    \"template_lines\": " + std::to_string(t.template_lines);
    if (t.source == "learned") {
      o += ",\n    \"records_counted\": " + std::to_string(t.records) + ",\n";
      o += "    \"records_collapsed\": " + std::to_string(t.collapsed) + ",\n";
      o += "    \"distinct_lines\": " + std::to_string(t.distinct_lines) + ",\n";
      o += "    \"counter_bytes\": " + std::to_string(t.counter_bytes) + ",\n";
      o += "    \"counter_peak_bytes\": " + std::to_string(t.counter_peak_bytes) + ",\n";
      o += "    \"counter_max_bytes\": " + std::to_string(t.counter_max_bytes) + ",\n";
      o += "    \"prunes\": " + std::to_string(t.prunes) + ",\n";
      o += "    \"pruned_lines\": " + std::to_string(t.pruned_lines) + ",\n";
      o += "    \"counter_bytes_per_distinct_line\": " +
           Num(t.distinct_lines ? static_cast<double>(t.counter_bytes) / static_cast<double>(t.distinct_lines) : 0) +
           ",\n";
      o += "    \"seconds\": " + Num(t.seconds);
    }
    o += "\n  }";
  }
  o += ",\n  \"inputs\": [";
  for (size_t i = 0; i < inputs.size(); ++i) {
    const InputReport& r = inputs[i];
    o += i ? ",\n    {\n" : "\n    {\n";
    o += "      \"name\": " + JsonString(r.name) + ",\n";
    o += "      \"format\": " + JsonString(r.format) + ",\n";
    o += "      \"compression\": " + JsonString(r.compression) + ",\n";
    o += "      \"counts\": ";
    CountsJson(&o, r.counts, "      ");
    o += "\n    }";
  }
  o += inputs.empty() ? "]\n}\n" : "\n  ]\n}\n";
  return o;
}

std::string Report::Summary() const {
  const Counts& c = total;
  std::string s = "records in " + std::to_string(c.records_in) + ": kept " + std::to_string(c.kept) +
                  ", dropped " + std::to_string(c.dropped_total()) + Breakdown(c.dropped) + ", rejected " +
                  std::to_string(c.rejected_total()) + Breakdown(c.rejected) + "\n";
  for (const InputReport& in : inputs) {
    auto bad = in.counts.rejected.find(RejectReasonName(RejectReason::kCorruptInput));
    if (bad != in.counts.rejected.end()) {
      s += "warning: " + in.name + ": truncated or corrupt compressed data (" + std::to_string(bad->second) +
           " corrupt-input); the records a fault cut off are lost, the others were read (a corrupt gzip member or"
           " zstd frame is skipped; a cut ends the file)\n";
    }
  }
  uint64_t lines = Sum(c.lines_removed);
  if (lines > 0) s += "lines removed " + std::to_string(lines) + Breakdown(c.lines_removed) + "\n";
  if (c.languages.size() > 1 || (c.languages.size() == 1 && c.languages.begin()->first != "en")) {
    s += "records by language" + Breakdown(c.languages) + "\n";
  }
  double mb = static_cast<double>(c.text_bytes_in) / 1e6;
  s += "text " + Num(mb) + " MB in, " + Num(static_cast<double>(c.text_bytes_out) / 1e6) + " MB out, " +
       Num(c.seconds) + " s, " + Num(c.seconds > 0 ? mb / c.seconds : 0) + " MB/s\n";
  if (templates.source == "learned") {
    s += "templates learned: " + std::to_string(templates.template_lines) + " lines from " +
         std::to_string(templates.records - templates.collapsed) + " stories (" + std::to_string(templates.collapsed) +
         " copies collapsed), " + Num(templates.seconds) + " s\n";
    if (templates.prunes > 0) {
      s += "template counter: budget of " + std::to_string(templates.counter_max_bytes >> 20) + " MiB reached " +
           std::to_string(templates.prunes) + " times, " + std::to_string(templates.pruned_lines) +
           " lines seen in few records dropped (--template-max-mb)\n";
    }
  } else if (!templates.source.empty()) {
    s += "templates: " + templates.source + "\n";
  }
  if (ranks > 0) {
    s += std::to_string(ranks) + " ranks exchanged " + Num(static_cast<double>(bytes_exchanged) / 1e6) + " MB (" +
         Num(c.records_in ? static_cast<double>(bytes_exchanged) / static_cast<double>(c.records_in) : 0) +
         " bytes/record)\n";
  }
  if (dedup && index_records > 0) {
    s += "dedup index " + std::to_string(index_records) + " records";
    if (index_loaded > 0) s += " (" + std::to_string(index_loaded) + " from " + index_path + ")";
    s += ", " + Num(static_cast<double>(index_bytes) / static_cast<double>(index_records)) + " bytes/record + ids " +
         Num(static_cast<double>(index_id_bytes) / static_cast<double>(index_records)) + " bytes/record\n";
  }
  return s;
}

uint64_t PeakRssBytes() {
  struct rusage ru;
  if (getrusage(RUSAGE_SELF, &ru) != 0) return 0;
  return static_cast<uint64_t>(ru.ru_maxrss) * 1024;  // Linux: KiB
}

}  // namespace winnow
