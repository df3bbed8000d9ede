// winnow::Cleaner: decides, line by line, what of a record is the article
// and what is chaff, and rebuilds the text from what is kept.
//
// Per line, in order of precedence:
//   1. a repeat of an earlier line of the record (normalized) goes;
//   2. a line a `line` rule matches goes; so does a line of a learned site
//      template (templates.h), unless it is article-like prose between two
//      article-like lines;
//   3. a `region-start` or `tail-marker` rule line is a barrier the article
//      does not cross; what follows it belongs to that region;
//   4. context: each line is scored by its shape (words, stopword density,
//      terminal punctuation); the densest run of article-like lines
//      (maximum-subarray over the scores, barriers excluded) is the main
//      text. Lines inside it stay (headings and list items between
//      paragraphs included); lines outside go, except a headline or byline
//      right above it, a headline block whose words the lead repeats, and
//      the bylines, datelines and sign-offs (`meta` rules) beside the
//      article. A record with no article-like line at all keeps
//      everything no rule names.
#ifndef WINNOW_CLEANER_H_
#define WINNOW_CLEANER_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "winnow/rules.h"
#include "winnow/status.h"
#include "winnow/segment.h"
#include "winnow/templates.h"

namespace winnow {

namespace internal {
class StopwordSet;
// The most stopword languages a build ships (lib/CMakeLists.txt checks).
inline constexpr size_t kMaxLanguages = 32;
}  // namespace internal

// Why a line was removed. Stable names go into reports and annotations.
enum class LineReason : uint8_t {
  kKept = 0,
  kRepeat,   // same normalized line appeared earlier in the record
  kRule,     // a `line` rule matched (LineDecision::rule)
  kRegion,   // a region-start / tail-marker line, or a line after one (ref_line: the marker)
  kContext,  // outside the main text, by line shape and neighbours
  kTemplate,  // a line of a learned site template (templates.h)
};

const char* LineReasonName(LineReason r);

struct CleanerOptions {
  bool drop_repeats = true;         // drop a line whose LineKey appeared earlier in the record
  size_t min_repeat_key_chars = 2;  // shorter keys ("a", "1") are never treated as repeats
  int repeat_min_words = 3;         // a repeat with fewer words (a table cell, "Yes") goes only outside the main text
  bool use_rules = true;            // apply the rule pack
  bool use_context = true;          // keep only the main text region (line shape + neighbours)
  // Keep readers' comments: in the region a rule of category "comments"
  // opens (a comment section's heading), lines of prose and sentences stay;
  // the names, times and buttons between them go. Off: the section goes
  // whole, as a region.
  bool keep_comments = false;
  // Rules to apply; null = the default pack compiled into the library.
  std::shared_ptr<const RuleSet> rules;
  // Learned site templates; null = none.
  std::shared_ptr<const TemplateModel> templates;
  // Context scoring (units: words). A line is article-like ("good") with at
  // least good_min_words words of which at least good_min_stopword_ratio are
  // stopwords; shorter or sparser lines cost the region short_line_cost.
  int good_min_words = 10;
  double good_min_stopword_ratio = 0.25;
  double short_line_cost = 2.0;
  int headline_lines = 3;  // non-blank lines above the main region kept as headline/byline
  double min_segment_share = 0.25;  // another text segment joins the main text at this share of its score
  // Languages a record may be in (ISO 639-1 codes, of StopwordLanguages());
  // empty (or none of them known) = all of them. Each record is read with the stopwords of the one
  // of them it has the most stopwords of (English on a tie), so a page in
  // English is judged by English function words alone and one in German by
  // German ones. A record none of them makes prose of, but whose lines end
  // as sentences do, is read by sentence shape (CleanResult::language "und").
  std::vector<std::string> languages;
};

// The languages winnow ships stopword lists for ("en", "de", ...).
std::vector<std::string> StopwordLanguages();
// Fails with InvalidArgument naming the first code of `languages` that is
// not one of StopwordLanguages().
Status CheckLanguages(const std::vector<std::string>& languages);

struct LineDecision {
  LineSpan span;
  bool keep = true;
  LineReason reason = LineReason::kKept;
  uint32_t ref_line = 0;  // kRepeat: 1-based line of the first copy; kRegion: the marker line
  int16_t rule = -1;      // kRule / kRegion: index into the RuleSet
  uint16_t words = 0;     // word count of the line
  uint64_t key_hash = 0;  // LineKeyHash of the line (0: blank, no letter or digit, or
                          // neither repeats nor templates asked for it)
};

struct CleanResult {
  std::string text;                 // the cleaned text
  std::vector<LineDecision> lines;  // one per input line, in order
  uint32_t removed_lines = 0;       // non-blank lines removed
  std::string_view language;        // the stopword list the lines were judged by ("en", "de", ...;
                                    // "und": none, by sentence shape)
  bool changed() const { return removed_lines > 0; }
};

class Cleaner {
 public:
  explicit Cleaner(CleanerOptions options = {});

  // Cleans one record's text. Pure and thread-safe: the same text always
  // gives the same result.
  CleanResult Clean(std::string_view text) const;
  // The same into `*out` (replaced), in the memory its text and lines
  // already have: a caller that keeps one CleanResult per slot allocates
  // nothing per record once they have grown.
  void Clean(std::string_view text, CleanResult* out) const;

  // "repeat", "rule:comment-form", "region:appeal-opener", "context".
  std::string Reason(const LineDecision& d) const;

  const CleanerOptions& options() const { return options_; }
  const RuleSet& rules() const { return *options_.rules; }

 private:
  CleanerOptions options_;
  // The stopwords of each language in options_.languages (null for the
  // others), and of all of them together with their languages' bits when
  // there are several (else null). They live as long as the process.
  const internal::StopwordSet* by_language_[internal::kMaxLanguages] = {};
  const internal::StopwordSet* all_ = nullptr;
};

namespace internal {
// A line's words (runs of letters, digits, apostrophes and non-ASCII bytes
// that start with a letter, digit or non-ASCII byte; dashes, quotes and NBSP
// separate) and how many of them are stopwords: the counts the line-shape
// features come from.
struct WordCounts {
  int words = 0;
  int stopwords = 0;
  bool ascii = true;  // no byte >= 0x80 in the line
};
// The stopword count a line needs: its stopword ratio is only ever compared
// with thresholds of at most `ratio`, so counting can stop at the least count
// whose ratio to the line's words reaches it (a line's other words need no
// look-up); no count at all below `min_words` words. Returns the cap for a
// line of `words` words (more than `words`: no cap).
int StopwordCap(int words, double ratio, int min_words);
// Words of `line`, and its stopwords counted up to StopwordCap(words, ratio,
// min_words): min(true count, cap). The defaults count every stopword.
// `stopwords`: null = those of every shipped language.
WordCounts LineWordCounts(std::string_view line, double ratio = 2.0, int min_words = 0,
                          const StopwordSet* stopwords = nullptr);
// The same by the byte path (the one taken without AVX-512); exposed so
// tests can check it on machines where the fast path runs.
WordCounts PortableWordCounts(std::string_view line, double ratio = 2.0, int min_words = 0,
                              const StopwordSet* stopwords = nullptr);
// The stopwords of `languages` (codes of StopwordLanguages(); empty = all,
// unknown codes count as none), each word with the bits of its languages
// (bit k: StopwordLanguages()[k]): built once, kept for the process.
const StopwordSet& StopwordsOf(const std::vector<std::string>& languages);
// The language (an index into StopwordLanguages()) of `set` that `text`
// has the most stopwords of: the first on a tie or when there are none.
size_t RecordLanguage(std::string_view text, const StopwordSet& set);
}  // namespace internal

}  // namespace winnow

#endif  // WINNOW_CLEANER_H_
