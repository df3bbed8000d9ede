// Fuzz target: the cleaner on arbitrary text (made valid UTF-8 the way the
// readers guarantee). The kept text must be made of input lines, and line
// decisions must cover the input exactly; --keep-comments only keeps more.
#include <cstdint>
#include <cstdlib>
#include <string>

#include "winnow/cleaner.h"
#include "winnow/json.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  if (!winnow::IsValidUtf8(text)) return 0;  // readers never pass invalid UTF-8 on
  static const winnow::Cleaner cleaner;
  winnow::CleanResult r = cleaner.Clean(text);
  size_t prev_end = 0;
  for (size_t i = 0; i < r.lines.size(); ++i) {
    const winnow::LineSpan& s = r.lines[i].span;
    if (s.begin > s.end || s.end > text.size() || (i > 0 && s.begin < prev_end)) std::abort();
    prev_end = s.end;
  }
  if (r.text.size() > text.size() + 1) std::abort();
  if (!winnow::IsValidUtf8(r.text)) std::abort();
  // Nothing above a head-end line stays, nor below the first foot-start
  // line after it ("*** START OF THE PROJECT GUTENBERG EBOOK", "*** END OF").
  const auto& rules = cleaner.options().rules->rules();
  auto scope_of = [&](const winnow::LineDecision& d) {
    return d.rule >= 0 && !d.keep ? rules[static_cast<size_t>(d.rule)].scope : winnow::RuleScope::kLine;
  };
  size_t head = 0, foot = r.lines.size();  // text between: [head, foot)
  for (size_t i = 0; i < r.lines.size(); ++i) {
    if (r.lines[i].reason != winnow::LineReason::kRule) continue;
    if (scope_of(r.lines[i]) == winnow::RuleScope::kHeadEnd) {
      head = i + 1;
      foot = r.lines.size();
    } else if (scope_of(r.lines[i]) == winnow::RuleScope::kFootStart && foot == r.lines.size()) {
      foot = i;
    }
  }
  for (size_t i = 0; i < r.lines.size(); ++i) {
    if ((i < head || i > foot) && r.lines[i].keep && !r.lines[i].span.blank) std::abort();
  }
  // Keeping comments only keeps more: a line the default keeps stays, and
  // one that only it keeps was in a region (a comment section's).
  static const winnow::Cleaner comments([] {
    winnow::CleanerOptions o;
    o.keep_comments = true;
    return o;
  }());
  winnow::CleanResult k = comments.Clean(text);
  if (k.lines.size() != r.lines.size()) std::abort();
  for (size_t i = 0; i < r.lines.size(); ++i) {
    if (r.lines[i].keep && !k.lines[i].keep) std::abort();
    if (!r.lines[i].keep && k.lines[i].keep && r.lines[i].reason != winnow::LineReason::kRegion) std::abort();
  }
  if (k.text.size() > text.size() + 1 || !winnow::IsValidUtf8(k.text)) std::abort();
  return 0;
}
