#include "winnow/rules.h"

#include <re2/filtered_re2.h>
#include <re2/re2.h>
#include <re2/set.h>

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <cstring>
#include <fstream>
#include <mutex>
#include <sstream>
#include <toml++/toml.h>
#include <xxhash.h>

#include "embedded_data.h"
#include "winnow/cleaner.h"

namespace winnow {

const char* RuleScopeName(RuleScope s) {
  switch (s) {
    case RuleScope::kLine: return "line";
    case RuleScope::kRegionStart: return "region-start";
    case RuleScope::kTailMarker: return "tail-marker";
    case RuleScope::kMeta: return "meta";
    case RuleScope::kListHeading: return "list-heading";
    case RuleScope::kHeadEnd: return "head-end";
    case RuleScope::kFootStart: return "foot-start";
  }
  return "?";
}

struct RuleSet::Impl {
  // Every pattern; and, for lines longer than any max_words limit, only the
  // patterns of unlimited rules (article paragraphs: few patterns, and
  // usually a prefilter that spares them RE2 altogether).
  struct Compiled {
    std::unique_ptr<RE2::Set> set;
    std::vector<int> pattern_rule;  // pattern index in the set -> rule index
    // The set holds each pattern with its long counted repetitions opened
    // (Relaxed: "[^.!?]{0,80}" as "[^.!?]*"), which RE2 would otherwise
    // unroll into as many copies, most of the set's compile time. A relaxed
    // pattern matches every line its own does and maybe more; a hit of one
    // is confirmed by the pattern as written, here (nullptr: the set's form
    // is the pattern itself), compiled the first time it is needed: most
    // patterns never hit a record's line.
    struct Exact {
      Exact(std::string p, const RE2::Options& o) : pattern(std::move(p)), options(o) {}
      const RE2& re() const {
        std::call_once(once, [this] { compiled = std::make_unique<RE2>(pattern, options); });
        return *compiled;
      }
      std::string pattern;
      RE2::Options options;
      mutable std::once_flag once;
      mutable std::unique_ptr<RE2> compiled;
    };
    std::vector<std::unique_ptr<Exact>> exact;
    // When `filtered`, a line that opens with none of `openers` and in
    // which none of `atoms` occurs matches none of the patterns. An
    // anchored pattern gives the literal it opens with ("^we and our
    // (partners|vendors) ..." gives "we and our "), lower-cased; RE2's
    // FilteredRE2 derives the others' atoms: strings every match must
    // contain, lower-cased. Atoms with letters are looked for in the
    // ASCII-lowered line, and only in ASCII lines; an opener is compared
    // with the line's first bytes, lowered, when they are ASCII.
    bool filtered = false;
    bool atoms_have_letters = false;
    std::vector<std::string> atoms, openers;

    // Sets the prefilter when RE2 finds, for every pattern, strings a match
    // must contain (no pattern left unfiltered), and those are few and
    // ASCII (case folding maps some non-ASCII letters to ASCII ones).
    void BuildPrefilter(const std::vector<std::string>& patterns, const RE2::Options& o);
    // False only if no atom occurs in `line` (then no pattern matches).
    bool MayMatch(std::string_view line) const;
  };
  // The rules for every record (first, language ""), then per language
  // with rules of its own, the sets of those rules alone: a record in that
  // language is matched against both, and the first hit in pack order wins.
  struct Group {
    std::string language;
    Compiled all, unlimited, meta, list_heading;
  };
  std::vector<Group> groups;
  uint64_t serial = NextSerial();  // unique among the process's RuleSets (from 1)
  static uint64_t NextSerial() {
    static std::atomic<uint64_t> next{1};
    return next.fetch_add(1, std::memory_order_relaxed);
  }
  int max_limited_words = 0;  // the largest max_words of any rule that removes lines
  bool list_headings = false;  // some rule has the list-heading scope

  // The first rule (in pack order) of `c` that matches `line` and admits
  // `words`, or -1.
  static int FirstHit(const Compiled& c, const std::vector<Rule>& rules, std::string_view line, int words);
  // The first hit among the rules for every record and those for records
  // in `language`: the `set` (all, unlimited, meta or list_heading) of both
  // groups.
  int LanguageHit(Compiled Group::*set, const std::vector<Rule>& rules, std::string_view line, int words,
                  std::string_view language) const;
};

RuleSet::RuleSet() : impl_(std::make_unique<Impl>()) {}
RuleSet::~RuleSet() = default;

std::string_view RuleSet::DefaultPackToml() { return internal::kRulePacks[0].text; }

std::vector<std::pair<std::string, std::string_view>> RuleSet::DefaultPacks() {
  std::vector<std::pair<std::string, std::string_view>> packs;
  for (size_t k = 0; k < internal::kStopwordLanguageCount; ++k) {
    packs.emplace_back(internal::kRulePacks[k].language, internal::kRulePacks[k].text);
  }
  return packs;
}

namespace {

std::string Where(const std::string& source, const toml::source_region& r) {
  return source + ":" + std::to_string(r.begin.line) + ": ";
}

RE2::Options PatternOptions() {
  RE2::Options o;
  o.set_case_sensitive(false);
  o.set_log_errors(false);
  o.set_encoding(RE2::Options::EncodingUTF8);
  return o;
}

// A counted repetition with a bound of at least this many ("{0,80}") is
// opened in a rule set's patterns (see Compiled::exact).
constexpr int kRelaxMinBound = 16;

// `p` with each counted repetition "{m,n}" whose n is kRelaxMinBound or
// more written as "*" (m = 0) or "+": outside classes, not escaped.
std::string Relaxed(std::string_view p) {
  std::string out;
  out.reserve(p.size());
  bool in_class = false;
  for (size_t i = 0; i < p.size(); ++i) {
    const char c = p[i];
    if (c == '\\' && i + 1 < p.size()) {
      out.push_back(c);
      out.push_back(p[++i]);
      continue;
    }
    if (in_class) {
      in_class = c != ']';
      out.push_back(c);
      continue;
    }
    if (c == '[') {
      in_class = true;
      out.push_back(c);
      // A ']' right after "[" or "[^" is one of the class's characters.
      if (i + 1 < p.size() && p[i + 1] == '^') out.push_back(p[++i]);
      if (i + 1 < p.size() && p[i + 1] == ']') out.push_back(p[++i]);
      continue;
    }
    if (c == '{') {
      size_t j = i + 1;
      int lo = 0, hi = 0;
      const size_t lo_start = j;
      constexpr int kBig = 1 << 20;  // past RE2's largest count: no overflow
      while (j < p.size() && p[j] >= '0' && p[j] <= '9') lo = std::min(kBig, lo * 10 + (p[j++] - '0'));
      if (j > lo_start && j < p.size() && p[j] == ',') {
        const size_t hi_start = ++j;
        while (j < p.size() && p[j] >= '0' && p[j] <= '9') hi = std::min(kBig, hi * 10 + (p[j++] - '0'));
        if (j > hi_start && j < p.size() && p[j] == '}' && hi >= kRelaxMinBound) {
          out.push_back(lo == 0 ? '*' : '+');
          i = j;
          continue;
        }
      }
    }
    out.push_back(c);
  }
  return out;
}

// A prefilter is worth it only with a few atoms, each searched with find().
constexpr size_t kMaxFilterAtoms = 16;
// Openers cost less: each is compared with the line's first bytes only.
constexpr size_t kMaxOpeners = 32;
constexpr int kMinAtomLen = 2;
// An opener shorter than this is too common a start to spare anything.
constexpr size_t kMinOpenerLen = 4;

}  // namespace

void RuleSet::Impl::Compiled::BuildPrefilter(const std::vector<std::string>& patterns, const RE2::Options& o) {
  filtered = false;
  atoms.clear();
  openers.clear();
  if (patterns.empty()) return;
  std::vector<std::string> starts;
  re2::FilteredRE2 f(kMinAtomLen);
  size_t added = 0;
  for (const std::string& p : patterns) {
    if (std::string opener = AnchoredOpener(p); opener.size() >= kMinOpenerLen) {
      if (std::find(starts.begin(), starts.end(), opener) == starts.end()) starts.push_back(std::move(opener));
      continue;
    }
    int id = 0;
    if (f.Add(p, o, &id) != RE2::NoError) return;
    ++added;
  }
  if (starts.size() > kMaxOpeners) return;
  std::vector<std::string> found;
  if (added > 0) {
    f.Compile(&found);
    std::vector<int> none, unfiltered;
    f.AllPotentials(none, &unfiltered);
    if (!unfiltered.empty() || found.empty() || found.size() > kMaxFilterAtoms) return;
  }
  bool letters = false;
  for (const std::string& a : found) {
    for (char ch : a) {
      const unsigned char u = static_cast<unsigned char>(ch);
      if (u >= 0x80) return;
      letters |= (u | 0x20) >= 'a' && (u | 0x20) <= 'z';
    }
  }
  atoms = std::move(found);
  atoms_have_letters = letters;
  openers = std::move(starts);
  filtered = true;
}

bool RuleSet::Impl::Compiled::MayMatch(std::string_view line) const {
  if (!filtered) return true;
  for (const std::string& opener : openers) {
    if (line.size() < opener.size()) continue;
    size_t k = 0;
    for (; k < opener.size(); ++k) {
      const unsigned char u = static_cast<unsigned char>(line[k]);
      // Case folding maps only U+017F (long s) and U+212A (Kelvin sign)
      // onto ASCII letters: there, let RE2 decide; any other byte beyond
      // ASCII ("“", a line's opening quote) is no match.
      if (u >= 0x80) {
        if (opener[k] == 's' || opener[k] == 'k') return true;
        break;
      }
      if (static_cast<char>(u + ((u >= 'A' && u <= 'Z') ? 32 : 0)) != opener[k]) break;
    }
    if (k == opener.size()) return true;
  }
  if (atoms.empty()) return false;
  std::string_view text = line;
  if (atoms_have_letters) {
    thread_local std::string lowered;
    lowered.resize(line.size());
    for (size_t i = 0; i < line.size(); ++i) {
      const unsigned char u = static_cast<unsigned char>(line[i]);
      if (u >= 0x80) return true;  // case folding beyond ASCII: let RE2 decide
      lowered[i] = static_cast<char>(u + ((u >= 'A' && u <= 'Z') ? 32 : 0));
    }
    text = lowered;
  }
  for (const std::string& a : atoms) {
    if (text.find(a) != std::string_view::npos) return true;
  }
  return false;
}

Status RuleSet::AddPack(std::string_view text, const std::string& source, bool check_patterns) {
  if (compiled_) return InvalidArgument(source + ": rules cannot be added after Compile()");
  toml::table doc;
  try {
    doc = toml::parse(text, source);
  } catch (const toml::parse_error& e) {
    return InvalidArgument(source + ":" + std::to_string(e.source().begin.line) + ": " +
                           std::string(e.description()));
  }
  static const char* kKnownTop[] = {"pack", "rule"};
  for (const auto& [k, v] : doc) {
    if (std::find(std::begin(kKnownTop), std::end(kKnownTop), k.str()) == std::end(kKnownTop)) {
      return InvalidArgument(Where(source, v.source()) + "unknown key '" + std::string(k.str()) +
                             "' (expected [pack] or [[rule]])");
    }
  }
  // A pack for a language other than English applies to records read in it
  // (the English pack also holds the language-neutral rules: every record).
  std::string language;
  if (doc.contains("pack")) {
    const toml::node_view<toml::node> lang = doc["pack"]["language"];
    if (lang && !lang.is_string()) return InvalidArgument(Where(source, lang.node()->source()) + "[pack] language must be a string");
    language = lang.value_or(std::string());
    if (language == "en") language.clear();
    if (Status known = language.empty() ? Status::Ok() : CheckLanguages({language}); !known.ok()) {
      return InvalidArgument(Where(source, lang.node()->source()) + "[pack] language '" + language +
                             "': winnow reads no record in it (" + known.message() + ")");
    }
  }
  const toml::array* arr = doc["rule"].as_array();
  if (arr == nullptr) {
    if (doc.contains("rule")) return InvalidArgument(Where(source, doc["rule"].node()->source()) + "'rule' must be an array of tables ([[rule]])");
    return Status::Ok();  // an empty pack
  }
  std::vector<Rule> added;
  // Every fault is told, by line, one a line (as a compiler lists its
  // errors): a pack is checked whole, not to its first fault.
  std::vector<std::pair<uint32_t, std::string>> errors;
  auto fault = [&](const toml::source_region& at, std::string what) {
    errors.emplace_back(at.begin.line, Where(source, at) + what);
  };
  for (const toml::node& n : *arr) {
    const toml::table* t = n.as_table();
    if (t == nullptr) {
      fault(n.source(), "each [[rule]] must be a table");
      continue;
    }
    const size_t faults = errors.size();
    Rule r;
    r.source = source + ":" + std::to_string(n.source().begin.line);
    r.language = language;
    static const char* kKnown[] = {"name", "category", "scope", "patterns", "pattern", "max_words", "description"};
    for (const auto& [k, v] : *t) {
      if (std::find(std::begin(kKnown), std::end(kKnown), k.str()) == std::end(kKnown)) {
        fault(v.source(), "unknown key '" + std::string(k.str()) + "' in rule");
      }
    }
    auto name = (*t)["name"].value<std::string>();
    if (!name || name->empty()) {
      fault(n.source(), "rule without a 'name'");
      continue;
    }
    r.name = *name;
    r.category = (*t)["category"].value_or(std::string("other"));
    r.description = (*t)["description"].value_or(std::string());
    std::string scope = (*t)["scope"].value_or(std::string("line"));
    if (scope == "line") r.scope = RuleScope::kLine;
    else if (scope == "region-start") r.scope = RuleScope::kRegionStart;
    else if (scope == "tail-marker") r.scope = RuleScope::kTailMarker;
    else if (scope == "meta") r.scope = RuleScope::kMeta;
    else if (scope == "list-heading") r.scope = RuleScope::kListHeading;
    else if (scope == "head-end") r.scope = RuleScope::kHeadEnd;
    else if (scope == "foot-start") r.scope = RuleScope::kFootStart;
    else fault(n.source(), "rule '" + r.name + "': unknown scope '" + scope +
                               "' (line, region-start, tail-marker, meta, list-heading, head-end or foot-start)");
    if (auto mw = (*t)["max_words"].value<int64_t>()) {
      if (*mw < 0 || *mw > 100000) fault(n.source(), "rule '" + r.name + "': bad max_words");
      else r.max_words = static_cast<int>(*mw);
    }
    if (auto one = (*t)["pattern"].value<std::string>()) r.patterns.push_back(*one);
    bool strings = true;
    if (const toml::array* ps = (*t)["patterns"].as_array()) {
      for (const toml::node& p : *ps) {
        auto s = p.value<std::string>();
        if (!s) {
          fault(p.source(), "rule '" + r.name + "': patterns must be strings");
          strings = false;
          continue;
        }
        r.patterns.push_back(*s);
      }
    }
    if (r.patterns.empty() && strings) fault(n.source(), "rule '" + r.name + "' has no pattern");
    for (size_t i = 0; i < r.patterns.size() && check_patterns; ++i) {
      RE2 re(r.patterns[i], PatternOptions());
      if (!re.ok()) {
        fault(n.source(), "rule '" + r.name + "': bad pattern " + std::to_string(i + 1) + " '" + r.patterns[i] +
                              "': " + re.error());
      }
    }
    if (errors.size() == faults) added.push_back(std::move(r));
  }
  if (!errors.empty()) {
    std::stable_sort(errors.begin(), errors.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    std::string all = errors[0].second;
    for (size_t i = 1; i < errors.size(); ++i) all += "\n" + errors[i].second;
    return InvalidArgument(all);
  }
  for (Rule& r : added) {
    auto it = std::find_if(rules_.begin(), rules_.end(), [&](const Rule& x) { return x.name == r.name; });
    if (it != rules_.end()) *it = std::move(r);
    else rules_.push_back(std::move(r));
  }
  return Status::Ok();
}

Status RuleSet::AddPackFile(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  if (!f) return IoError(path + ": cannot open rule pack");
  std::stringstream ss;
  ss << f.rdbuf();
  return AddPack(ss.str(), path);
}

Status RuleSet::Disable(const std::string& name) {
  if (compiled_) return InvalidArgument("rules cannot be disabled after Compile()");
  auto it = std::find_if(rules_.begin(), rules_.end(), [&](const Rule& r) { return r.name == name; });
  if (it == rules_.end()) return InvalidArgument("--disable-rule: no rule named '" + name + "'");
  rules_.erase(it);
  return Status::Ok();
}

bool RuleSet::LongLinesPrefiltered() const {
  return std::all_of(impl_->groups.begin(), impl_->groups.end(), [](const Impl::Group& g) {
    return g.unlimited.pattern_rule.empty() || g.unlimited.filtered;
  });
}

Status RuleSet::Compile(int64_t max_mem) {
  if (compiled_) return Status::Ok();
  RE2::Options o = PatternOptions();
  o.set_max_mem(max_mem);
  impl_->max_limited_words = 0;
  // The rules that remove nothing are asked apart, each scope of them of
  // its own set, and only about the few lines beside the article.
  enum Which { kAll, kUnlimited, kMetaOnly, kListHeadingOnly };
  auto set_of = [](RuleScope s) {
    return s == RuleScope::kMeta ? kMetaOnly : s == RuleScope::kListHeading ? kListHeadingOnly : kAll;
  };
  impl_->list_headings = false;
  for (const Rule& r : rules_) {
    if (set_of(r.scope) == kAll) impl_->max_limited_words = std::max(impl_->max_limited_words, r.max_words);
    impl_->list_headings |= r.scope == RuleScope::kListHeading;
  }
  auto build = [&](Impl::Compiled* c, Which which, const std::string& language) -> Status {
    c->set = std::make_unique<RE2::Set>(o, RE2::UNANCHORED);
    c->pattern_rule.clear();
    c->exact.clear();
    std::vector<std::string> added;
    for (size_t i = 0; i < rules_.size(); ++i) {
      if (set_of(rules_[i].scope) != (which == kUnlimited ? kAll : which)) continue;
      if (which == kUnlimited && rules_[i].max_words > 0) continue;
      if (rules_[i].language != language) continue;
      for (const std::string& p : rules_[i].patterns) {
        std::string err;
        auto bad = [&](const std::string& why) {
          return InvalidArgument(rules_[i].source + ": rule '" + rules_[i].name + "': bad pattern '" + p + "': " + why);
        };
        std::string relaxed = Relaxed(p);
        std::unique_ptr<Impl::Compiled::Exact> exact;
        if (relaxed != p) exact = std::make_unique<Impl::Compiled::Exact>(p, o);
        if (c->set->Add(relaxed, &err) < 0) return bad(err);
        c->pattern_rule.push_back(static_cast<int>(i));
        c->exact.push_back(std::move(exact));
        added.push_back(std::move(relaxed));
      }
    }
    if (!c->pattern_rule.empty() && !c->set->Compile()) {
      return ResourceLimit("rule patterns need more than " + std::to_string(max_mem >> 20) +
                           " MiB to compile; simplify or remove rules");
    }
    // Only the long lines' set gets a prefilter: the full set's atoms are
    // too many and too common to spare anything.
    if (which == kUnlimited) c->BuildPrefilter(added, o);
    return Status::Ok();
  };
  impl_->groups.clear();
  impl_->groups.emplace_back();  // "": the rules for every record
  for (const Rule& r : rules_) {
    if (r.language.empty()) continue;
    auto same = [&](const Impl::Group& g) { return g.language == r.language; };
    if (std::find_if(impl_->groups.begin(), impl_->groups.end(), same) != impl_->groups.end()) continue;
    impl_->groups.emplace_back();
    impl_->groups.back().language = r.language;
  }
  for (Impl::Group& g : impl_->groups) {
    WINNOW_RETURN_IF_ERROR(build(&g.all, kAll, g.language));
    WINNOW_RETURN_IF_ERROR(build(&g.unlimited, kUnlimited, g.language));
    WINNOW_RETURN_IF_ERROR(build(&g.meta, kMetaOnly, g.language));
    WINNOW_RETURN_IF_ERROR(build(&g.list_heading, kListHeadingOnly, g.language));
  }
  compiled_ = true;
  return Status::Ok();
}

namespace {

// The bytes of the Unicode space at `p` (of `n` readable), or 0.
size_t UnicodeSpace(const unsigned char* p, size_t n) {
  if (n >= 4 && p[0] == 0xC3 && p[1] == 0x82 && p[2] == 0xC2 && p[3] == 0xA0) return 4;  // "Â" NBSP
  if (n >= 3 && p[0] == 0xC3 && p[1] == 0x82 && p[2] == ' ') return 3;  // the same, its NBSP made a space
  if (n >= 2 && p[0] == 0xC2 && p[1] == 0xA0) return 2;                                // NBSP
  if (n >= 3 && p[0] == 0xE2 && p[1] == 0x80 && (p[2] <= 0x8A || p[2] == 0xAF)) return 3;  // U+2000..200A, 202F
  if (n >= 3 && p[0] == 0xE2 && p[1] == 0x81 && p[2] == 0x9F) return 3;                   // U+205F
  if (n >= 3 && p[0] == 0xE3 && p[1] == 0x80 && p[2] == 0x80) return 3;                   // U+3000
  return 0;
}

// The first byte of p[i, n) that may start a Unicode space (C2, C3, E2 or
// E3: the bytes 110x001x), or n; eight bytes at a time, so that the other
// letters of Cyrillic, Greek or CJK text and the ASCII between them go by
// unread one by one. (The cleaner skips ASCII lines altogether; see Match.)
bool MaySpaceLead(unsigned char b) { return (b & 0xDE) == 0xC2; }
size_t NextSpaceLead(const unsigned char* p, size_t i, size_t n) {
  constexpr uint64_t kOnes = 0x0101010101010101ull, kHigh = 0x8080808080808080ull;
  while (i + 8 <= n) {
    uint64_t w;
    std::memcpy(&w, p + i, 8);
    const uint64_t x = (w & (0xDE * kOnes)) ^ (0xC2 * kOnes);  // a zero byte where one may lead
    if (((x - kOnes) & ~x & kHigh) != 0) break;
    i += 8;
  }
  while (i < n && !MaySpaceLead(p[i])) ++i;
  return i;
}

// `line` with its Unicode spaces written as ASCII spaces (in `buf` when it
// has any), trimmed of spaces and tabs.
std::string_view SpacesAsAscii(std::string_view line, std::string* buf) {
  const auto* p = reinterpret_cast<const unsigned char*>(line.data());
  const size_t n = line.size();
  size_t i = NextSpaceLead(p, 0, n);
  while (i < n && UnicodeSpace(p + i, n - i) == 0) i = NextSpaceLead(p, i + 1, n);
  if (i == n) return line;
  buf->assign(line.data(), i);
  while (i < n) {
    const size_t k = UnicodeSpace(p + i, n - i);
    if (k > 0) {
      buf->push_back(' ');
      i += k;
    } else {
      buf->push_back(line[i++]);
    }
  }
  std::string_view s = *buf;
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

}  // namespace

int RuleSet::Match(std::string_view line, int words, bool ascii, std::string_view language) const {
  if (!compiled_ || words > kMaxRuleLineWords) return -1;
  thread_local std::string buf;
  return impl_->LanguageHit(words <= impl_->max_limited_words ? &Impl::Group::all : &Impl::Group::unlimited, rules_,
                            ascii ? line : SpacesAsAscii(line, &buf), words, language);
}

int RuleSet::MatchMeta(std::string_view line, int words, std::string_view language) const {
  if (!compiled_) return -1;
  thread_local std::string buf;
  return impl_->LanguageHit(&Impl::Group::meta, rules_, SpacesAsAscii(line, &buf), words, language);
}

int RuleSet::MatchListHeading(std::string_view line, int words, std::string_view language) const {
  if (!compiled_) return -1;
  thread_local std::string buf;
  return impl_->LanguageHit(&Impl::Group::list_heading, rules_, SpacesAsAscii(line, &buf), words, language);
}

bool RuleSet::HasListHeadings() const { return impl_->list_headings; }

int RuleSet::Impl::LanguageHit(Compiled Group::*set, const std::vector<Rule>& rules, std::string_view line, int words,
                               std::string_view language) const {
  // The group of `language`: a record's lines all ask for the same one,
  // so the last answer is kept per thread (by this set's serial number, as
  // another set may take this one's address).
  thread_local uint64_t last_serial = 0;
  thread_local std::string last_language;
  thread_local size_t last_group = 0;
  if (last_serial != serial || last_language != language) {
    size_t k = 0;
    if (!language.empty()) {
      for (size_t i = 1; i < groups.size(); ++i) {
        if (groups[i].language == language) k = i;
      }
    }
    last_serial = serial;
    last_language.assign(language);
    last_group = k;
  }
  const int hit = FirstHit(groups.front().*set, rules, line, words);
  if (last_group == 0) return hit;
  const int own = FirstHit(groups[last_group].*set, rules, line, words);
  return hit < 0 ? own : own < 0 ? hit : std::min(hit, own);
}

int RuleSet::Impl::FirstHit(const Compiled& c, const std::vector<Rule>& rules, std::string_view line, int words) {
  if (c.pattern_rule.empty() || !c.MayMatch(line)) return -1;
  // Most lines match nothing, and a match that need not say which
  // patterns hit allocates nothing in RE2 and may stop at the first one.
  if (!c.set->Match(line, nullptr)) return -1;
  thread_local std::vector<int> hits;
  hits.clear();
  if (!c.set->Match(line, &hits)) return -1;
  int best = -1;
  for (int p : hits) {
    int r = c.pattern_rule[static_cast<size_t>(p)];
    if (rules[r].max_words > 0 && words > rules[r].max_words) continue;
    if (best >= 0 && r >= best) continue;
    const Compiled::Exact* exact = c.exact[static_cast<size_t>(p)].get();
    if (exact != nullptr && !RE2::PartialMatch(line, exact->re())) continue;  // the relaxed form's hit only
    best = r;
  }
  return best;
}

namespace {

// The end of the atom at p[i]: '.', an escape (\w, \S, \pL, \p{Greek}), a
// class ("[^.!?]", "[[:alpha:]]") or one character (UTF-8: its bytes);
// npos when the pattern ends inside it. `*literal`: it is one character.
size_t AtomEnd(std::string_view p, size_t i, bool* literal) {
  *literal = false;
  if (i >= p.size()) return std::string_view::npos;
  if (p[i] == '.') return i + 1;
  if (p[i] == '\\') {
    if (i + 1 >= p.size()) return std::string_view::npos;
    const char e = p[i + 1];
    i += 2;
    if ((e == 'p' || e == 'P') && i < p.size()) {
      if (p[i] != '{') return i + 1;
      const size_t close = p.find('}', i);
      return close == std::string_view::npos ? close : close + 1;
    }
    *literal = !(e == 'w' || e == 'W' || e == 's' || e == 'S' || e == 'd' || e == 'D');
    return i;
  }
  if (p[i] == '[') {
    ++i;
    if (i < p.size() && p[i] == '^') ++i;
    if (i < p.size() && p[i] == ']') ++i;
    while (i < p.size() && p[i] != ']') {
      if (p[i] == '\\') {
        i += 2;  // an escaped character, ']' too
      } else if (p.substr(i, 2) == "[:") {
        const size_t close = p.find(":]", i);
        if (close == std::string_view::npos) return close;
        i = close + 2;  // a POSIX class: "[:alpha:]"
      } else {
        ++i;
      }
    }
    return i >= p.size() ? std::string_view::npos : i + 1;
  }
  *literal = true;
  ++i;
  while (i < p.size() && (static_cast<unsigned char>(p[i]) & 0xC0) == 0x80) ++i;
  return i;
}

// Past the opening of a group at p[i] ('('): "(", "(?:", "(?i:", "(?-i:".
size_t GroupBody(std::string_view p, size_t i) {
  ++i;
  if (i < p.size() && p[i] == '?') {
    const size_t colon = p.find_first_of(":)", i);
    return colon == std::string_view::npos ? p.size() : colon + 1;
  }
  return i;
}

// Whether what ends at p[e] may match nothing: '?', '*' or a count from 0.
bool Optional(std::string_view p, size_t e) {
  return e < p.size() && (p[e] == '?' || p[e] == '*' || p.substr(e, 2) == "{0");
}

// CountFrom's results by start (-1: not yet known), so that each start is
// looked at once: a pattern of nested optional groups and alternatives
// takes polynomial time, not exponential (rules_fuzz found one that took
// minutes).
using CountMemo = std::vector<int>;
int CountFrom(std::string_view p, size_t i, int depth, CountMemo& memo);

// Walks p[from, end) at its own level, over escapes, classes and groups:
// calls on_bar(k) at each '|' there, and returns where it stopped: the ')'
// that closes the level, or `end` (at most p.size()), or npos inside an
// unfinished escape or class.
template <typename OnBar>
size_t WalkLevel(std::string_view p, size_t from, size_t end, OnBar&& on_bar) {
  end = std::min(end, p.size());
  bool literal;
  int level = 0;
  for (size_t k = from; k < end; ++k) {
    if (p[k] == '\\' || p[k] == '[') {
      const size_t e = AtomEnd(p, k, &literal);
      if (e == std::string_view::npos) return e;
      k = e - 1;
    } else if (p[k] == '(') {
      ++level;
    } else if (p[k] == ')') {
      if (level == 0) return k;
      --level;
    } else if (p[k] == '|' && level == 0) {
      on_bar(k);
    }
  }
  return end;
}

// The largest CountFrom of the alternatives of p[from, end): the first, and
// one after each '|' outside the groups inside (a '^' after it skipped).
int CountAlternatives(std::string_view p, size_t from, size_t end, int depth, CountMemo& memo) {
  int worst = CountFrom(p, from, depth, memo);
  WalkLevel(p, from, end, [&](size_t k) {
    worst = std::max(worst, CountFrom(p, k + 1 < p.size() && p[k + 1] == '^' ? k + 2 : k + 1, depth, memo));
  });
  return worst;
}

// Whether the atom p[i, e) (not a literal) matches many characters: '.', a
// class escape (\w, \d, \s, \pL and their negations), a negated class or
// one with a range ("[^x]", "[a-z0-9]").
bool BroadAtom(std::string_view p, size_t i, size_t e) {
  if (p[i] == '.') return true;
  if (p[i] == '\\') return i + 1 < e && std::strchr("wWdDsSpP", p[i + 1]) != nullptr;
  if (p[i] != '[') return false;
  if (i + 1 < e && p[i + 1] == '^') return true;
  for (size_t k = i + 2; k + 2 < e; ++k) {
    if (p[k] == '-' && p[k - 1] != '\\') return true;  // a range, not a first or last '-'
  }
  return false;
}

// The count of a repeat that a match from p[i] may open with: the first
// atom that must match, past optional ones ('"?', "[“\"]?", "\s*") and into
// groups (each alternative; past the group too when it is optional), when
// it is '.', an escape or a class and is counted; else 0.
int CountFromUncached(std::string_view p, size_t i, int depth, CountMemo& memo) {
  bool literal;
  for (;;) {
    if (i >= p.size()) return 0;
    if (p[i] == '(') {
      const size_t body = GroupBody(p, i);
      const size_t end = WalkLevel(p, body, p.size(), [](size_t) {});  // its ')'
      if (end == std::string_view::npos) return 0;
      int worst = CountAlternatives(p, body, end, depth + 1, memo);
      if (end < p.size() && Optional(p, end + 1)) {
        size_t after = end + 1;
        if (p[after] == '{') after = p.find('}', after);
        if (after != std::string_view::npos) worst = std::max(worst, CountFrom(p, after + 1, depth + 1, memo));
      }
      return worst;
    }
    const size_t e = AtomEnd(p, i, &literal);
    if (e == std::string_view::npos || e >= p.size()) return 0;
    if (p[e] == '?' || p[e] == '*') {
      i = e + 1;  // optional: the next atom may be the first
      continue;
    }
    // A broad class, '.' or a class escape that is not counted narrows
    // little: the repeat after it is as slow ("[a-z][a-z ]{2,30}",
    // "\w+.{40}"). A few characters ("[—–-]") are as a literal.
    if (!literal && p[e] != '{' && BroadAtom(p, i, e)) {
      i = p[e] == '+' ? e + 1 : e;
      continue;
    }
    if (literal || p[e] != '{') return 0;
    // Its count: {n}, {n,} or {n,m}; the largest number named.
    int count = 0, number = -1;
    size_t k = e + 1;
    for (; k < p.size() && p[k] != '}'; ++k) {
      if (p[k] >= '0' && p[k] <= '9') {
        number = (number < 0 ? 0 : number) * 10 + (p[k] - '0');
        if (number > 100000) number = 100000;
      } else if (p[k] == ',') {
        count = std::max(count, number);
        number = -1;
      } else {
        return 0;
      }
    }
    if (k >= p.size()) return 0;
    return std::max(count, number);
  }
}

int CountFrom(std::string_view p, size_t i, int depth, CountMemo& memo) {
  if (depth > 16 || i >= p.size()) return 0;
  if (memo[i] < 0) memo[i] = CountFromUncached(p, i, depth, memo);
  return memo[i];
}

}  // namespace

int LeadingRepeatCount(std::string_view p) {
  CountMemo memo(p.size(), -1);
  return CountAlternatives(p, !p.empty() && p[0] == '^' ? 1 : 0, p.size(), 0, memo);
}

std::string AnchoredOpener(std::string_view pattern) {
  // Anchored: '^' first, and no '|' at the pattern's own level (then a
  // match need not start where the first alternative does).
  if (pattern.empty() || pattern[0] != '^') return {};
  bool bar = false;
  if (WalkLevel(pattern, 1, pattern.size(), [&](size_t) { bar = true; }) != pattern.size() || bar) return {};
  std::string opener;
  size_t i = 1;
  for (; i < pattern.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(pattern[i]);
    if (c >= 0x80 || std::strchr("\\.[](){}*+?|^$", c) != nullptr) break;
    opener.push_back(static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c));
  }
  // A quantifier after the literal makes its last character optional or
  // repeated: that one is not part of every match's opening.
  if (i < pattern.size() && std::strchr("*+?{", pattern[i]) != nullptr && !opener.empty()) opener.pop_back();
  return opener;
}

uint64_t RuleSet::Fingerprint() const {
  std::string all;
  auto put = [&all](std::string_view field) {  // length-prefixed: no two rule sets read alike
    all += std::to_string(field.size());
    all += ':';
    all += field;
  };
  for (const Rule& r : rules_) {
    put(r.name);
    put(r.category);
    put(RuleScopeName(r.scope));
    put(r.language);
    put(std::to_string(r.max_words));
    put(std::to_string(r.patterns.size()));
    for (const std::string& p : r.patterns) put(p);
  }
  return XXH3_64bits(all.data(), all.size());
}

std::vector<std::string> RuleSet::Packs() const {
  std::vector<std::string> packs;
  for (const Rule& r : rules_) {
    // The source is the pack's name, a colon and the rule's line.
    std::string_view pack = r.source;
    if (const size_t colon = pack.rfind(':'); colon != std::string_view::npos) pack = pack.substr(0, colon);
    if (std::find(packs.begin(), packs.end(), pack) == packs.end()) packs.emplace_back(pack);
  }
  return packs;
}

Result<std::shared_ptr<const RuleSet>> LoadRules(const std::vector<std::string>& files,
                                                 const std::vector<std::string>& disabled, bool include_default) {
  auto rs = std::make_shared<RuleSet>();
  if (include_default) {
    for (const auto& [language, toml] : RuleSet::DefaultPacks()) {
      WINNOW_RETURN_IF_ERROR(rs->AddPack(toml, "<default:" + language + ">", /*check_patterns=*/false));
    }
  }
  for (const std::string& f : files) WINNOW_RETURN_IF_ERROR(rs->AddPackFile(f));
  for (const std::string& d : disabled) WINNOW_RETURN_IF_ERROR(rs->Disable(d));
  WINNOW_RETURN_IF_ERROR(rs->Compile());
  return std::shared_ptr<const RuleSet>(std::move(rs));
}

}  // namespace winnow
