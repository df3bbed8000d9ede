// Fuzz target: a TOML rule pack from arbitrary bytes. Loading either fails
// with a message or gives a compiled set that matches lines; the slow-pattern
// look of `rules --check` (LeadingRepeatCount) and the prefilter's look at a
// pattern's opening (AnchoredOpener) read any bytes.
#include <cstdint>
#include <string>
#include <string_view>

#include "winnow/rules.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string toml(reinterpret_cast<const char*>(data), size);
  // `rules --check` reads any pattern a user writes, and RE2 need not have
  // accepted it: the bytes themselves, then each pattern of a pack.
  if (winnow::LeadingRepeatCount(toml) < 0) __builtin_trap();
  // The long-line prefilter's look at a pattern's opening reads any bytes;
  // an opener is a lower-cased literal right after a leading '^'.
  auto check_opener = [](std::string_view p) {
    const std::string o = winnow::AnchoredOpener(p);
    if (!o.empty() && (p.empty() || p[0] != '^' || o.size() + 1 > p.size())) __builtin_trap();
    for (char c : o) {
      if (c >= 'A' && c <= 'Z') __builtin_trap();
    }
  };
  check_opener(toml);
  winnow::RuleSet rs;
  if (!rs.AddPack(toml, "fuzz.toml").ok()) return 0;
  for (const winnow::Rule& r : rs.rules()) {
    for (const std::string& p : r.patterns) {
      if (winnow::LeadingRepeatCount(p) < 0) __builtin_trap();
      check_opener(p);
    }
  }
  if (!rs.Compile(8 << 20).ok()) return 0;
  (void)rs.Match("Please enter your comment!", 4);
  (void)rs.Match(toml.substr(0, 200), 30);
  return 0;
}
