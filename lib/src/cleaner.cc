#include "winnow/cleaner.h"

#include <unordered_map>

#include "winnow/normalize.h"

namespace winnow {

const char* LineReasonName(LineReason r) {
  switch (r) {
    case LineReason::kKept: return "kept";
    case LineReason::kRepeat: return "repeat";
  }
  return "?";
}

CleanResult Cleaner::Clean(std::string_view text) const {
  CleanResult res;
  std::vector<LineSpan> spans = SegmentLines(text);
  res.lines.resize(spans.size());
  std::unordered_map<std::string, uint32_t> seen;  // line key -> first line (1-based)
  for (size_t i = 0; i < spans.size(); ++i) {
    LineDecision& d = res.lines[i];
    d.span = spans[i];
    if (spans[i].blank || !options_.drop_repeats) continue;
    std::string key = LineKey(text.substr(spans[i].begin, spans[i].end - spans[i].begin));
    if (key.size() < options_.min_repeat_key_chars) continue;
    auto [it, inserted] = seen.emplace(std::move(key), static_cast<uint32_t>(i + 1));
    if (!inserted) {
      d.keep = false;
      d.reason = LineReason::kRepeat;
      d.ref_line = it->second;
    }
  }
  std::vector<bool> keep(spans.size());
  for (size_t i = 0; i < spans.size(); ++i) {
    keep[i] = res.lines[i].keep;
    if (!res.lines[i].keep) ++res.removed_lines;
  }
  res.text = res.removed_lines ? AssembleKept(text, spans, keep) : std::string(text);
  return res;
}

}  // namespace winnow
