// winnow::RuleSet: named boilerplate rules from TOML rule packs, matched
// with one RE2::Set pass per line.
//
// Lifecycle (as RE2::Set): AddPack() any number of times -> Compile() ->
// Match(). AddPack() after Compile() fails. A compiled RuleSet is immutable
// and safe to share between threads.
#ifndef WINNOW_RULES_H_
#define WINNOW_RULES_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "winnow/status.h"

namespace winnow {

enum class RuleScope : uint8_t {
  kLine,         // the matching line is boilerplate
  kRegionStart,  // the matching line opens a boilerplate region (an appeal, a comment section)
  kTailMarker,   // the article does not continue past this line unless strong content follows
  kMeta,         // a byline, dateline or sign-off: removes nothing; stays beside the article
  kListHeading,  // heads a list of the article's ("Ingredients"): removes nothing; the list stays
  kHeadEnd,      // ends a preamble: the line and every line above it are boilerplate
  kFootStart,    // starts a postscript: the line and every line below it are boilerplate
};

const char* RuleScopeName(RuleScope s);

struct Rule {
  std::string name;         // unique; a later pack's rule of the same name replaces it
  // widget, appeal, credit, footer, navigation, ...; six change what the
  // cleaner does: "navigation" (a menu item); "site-list" on a tail-marker
  // (a site's own list, "Most read", whose teasers' titles run long: only
  // sentences under it close it as a box inside the story); "comments"
  // on a region-start rule (the region is a comment section, whose
  // comments CleanerOptions::keep_comments keeps, and which is never the
  // main text otherwise); "credit" (a caption, passed between the text and its last
  // lines) and "continues" (an advertisement's "Story continues below",
  // passed the same way); "sign-off" on a meta rule (a letter's closing,
  // which keeps the signer's name and title under it).
  std::string category;
  RuleScope scope = RuleScope::kLine;
  std::vector<std::string> patterns;  // RE2 syntax, case-insensitive, matched against the trimmed line
  int max_words = 0;        // the rule only applies to lines of at most this many words; 0 = any
  std::string description;
  std::string source;       // "<default:en>" or the pack's file name, with the rule's line
  // The language of the records the rule applies to (its pack's [pack]
  // language), or "" for every record: the English pack's rules, which hold
  // the language-neutral ones too (©, placeholders), and those of a pack
  // that names no language.
  std::string language;
};

class RuleSet {
 public:
  RuleSet();
  ~RuleSet();
  // Compiled regular expressions are expensive: share a RuleSet, do not copy it.
  RuleSet(const RuleSet&) = delete;
  RuleSet& operator=(const RuleSet&) = delete;

  // The default English pack compiled into the library.
  static std::string_view DefaultPackToml();
  // Every default pack compiled into the library, by language (English
  // first; LoadRules adds them in this order, so an English rule wins a tie).
  static std::vector<std::pair<std::string, std::string_view>> DefaultPacks();

  // Parses a TOML pack and adds (or replaces, by name) its rules. `source`
  // names the pack in messages. Errors say "SOURCE:LINE: message".
  // `check_patterns`: compile each pattern on its own now, so a bad one is
  // reported with its position in the rule (Compile() would report it too,
  // by rule); the default packs, tested when built, skip it.
  Status AddPack(std::string_view toml, const std::string& source, bool check_patterns = true);
  Status AddPackFile(const std::string& path);
  // Removes a rule by name; InvalidArgument if there is none.
  Status Disable(const std::string& name);

  // Compiles all patterns into one RE2::Set within `max_mem` bytes; a pack
  // whose patterns need more is refused with ResourceLimit.
  Status Compile(int64_t max_mem = 64 << 20);

  // Returns the index of the first rule (in pack order) that matches `line`
  // and whose max_words admits `words`, or -1, among the rules for every
  // record and those for records in `language` (a code of
  // StopwordLanguages(); "" = the former only). Requires Compile().
  // `meta` and `list-heading` rules are not matched here (they remove
  // nothing). Patterns see
  // Unicode spaces (NBSP, U+2000..U+200A, U+202F, U+205F, U+3000, and the
  // "Â" before a space or NBSP of a page decoded twice) as ASCII spaces,
  // and the line trimmed of them: `\s` in RE2 is ASCII only. `ascii`: the
  // caller knows the line has no byte >= 0x80 (the look is skipped).
  // A line of more than kMaxRuleLineWords words is no rule's (-1): a
  // paragraph that a stock text only opens, or a record on one line, is
  // more than the boilerplate a rule without max_words was written for.
  static constexpr int kMaxRuleLineWords = 300;
  int Match(std::string_view line, int words, bool ascii = false, std::string_view language = {}) const;
  // The same over the `meta` rules only: the first one that says `line` is
  // a byline, dateline or sign-off, or -1. (Asked only of the few lines
  // beside the article, so a separate pass costs nothing per line.)
  int MatchMeta(std::string_view line, int words, std::string_view language = {}) const;
  // The same over the `list-heading` rules only: the first one that says
  // `line` heads a list of the article's (a recipe's "Ingredients", a
  // story's "Key points"), or -1. Asked only of short lines right beside
  // the main text, as MatchMeta is.
  int MatchListHeading(std::string_view line, int words, std::string_view language = {}) const;
  // True when some rule has the `list-heading` scope (else the cleaner
  // need not look for one). Requires Compile().
  bool HasListHeadings() const;

  const std::vector<Rule>& rules() const { return rules_; }
  // An XXH3 hash of every rule as it applies (name, category, scope,
  // language, max_words and patterns, in order): two rule sets with the same
  // fingerprint remove the same lines. Descriptions and sources are left out.
  uint64_t Fingerprint() const;
  // The packs the rules came from ("<default:en>", "site.toml"), in the
  // order of their first rule.
  std::vector<std::string> Packs() const;
  bool compiled() const { return compiled_; }
  // True when every group's long-line set (the rules without max_words)
  // has its prefilter: a line none of whose atoms it holds skips RE2. An
  // unlimited pattern with no required string, or too many atoms, turns
  // it off, and every paragraph then runs through the set. Requires
  // Compile().
  bool LongLinesPrefiltered() const;

 private:
  struct Impl;
  std::vector<Rule> rules_;
  std::unique_ptr<Impl> impl_;
  bool compiled_ = false;
};

// Returns a compiled RuleSet with the default packs, the packs in `files`
// added in order, and the rules named in `disabled` removed.
Result<std::shared_ptr<const RuleSet>> LoadRules(const std::vector<std::string>& files,
                                                 const std::vector<std::string>& disabled,
                                                 bool include_default = true);

// The literal every match of `pattern` opens with, lower-cased, when the
// pattern is anchored at its start ('^' first, no '|' outside a group or a
// class) and opens with one ("^we and our (partners|vendors)" gives "we
// and our "; a character a quantifier follows is not part of it), else "".
// Long lines meet such a rule only when they open with that literal.
std::string AnchoredOpener(std::string_view pattern);

// The count of a repeat a match of `pattern` may open with, when that
// repeats a single character, class or '.' and is counted ("[^.!?]{0,50}"
// gives 50; "{3,}" gives 3), else 0: after '^' and opening parentheses, in
// any alternative of a group it opens with (or of the pattern), and past
// optional atoms and groups ('"?', "(the )?"). Such a pattern is slow in a
// set: RE2 follows every count at once on every line the rule's max_words
// lets in. `winnow rules --check` notes one counted to kSlowLeadingRepeat
// or more.
int LeadingRepeatCount(std::string_view pattern);
constexpr int kSlowLeadingRepeat = 10;

}  // namespace winnow

#endif  // WINNOW_RULES_H_
