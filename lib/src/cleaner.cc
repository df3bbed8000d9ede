#include "winnow/cleaner.h"

#include <algorithm>
#include <charconv>
#include <bit>
#include <array>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <map>
#include <mutex>
#include <optional>
#include <unordered_set>

#include <utf8proc.h>
#define XXH_INLINE_ALL
#include <xxhash.h>

#include "ascii.h"
#include "embedded_data.h"
#include "winnow/normalize.h"

namespace winnow {

const char* LineReasonName(LineReason r) {
  switch (r) {
    case LineReason::kKept: return "kept";
    case LineReason::kRepeat: return "repeat";
    case LineReason::kRule: return "rule";
    case LineReason::kRegion: return "region";
    case LineReason::kContext: return "context";
    case LineReason::kTemplate: return "template";
  }
  return "?";
}

// The stopword list as a table of packed words: a word of up to 16 bytes is
// two little-endian 64-bit halves (zero padded), hashed with two multiplies
// into a bucket of four entries (one cache line) that is compared whole,
// without branches: a lookup costs neither a pass over the word's bytes nor
// a mispredicted probe loop (whether a word is a stopword is a coin toss to
// the branch predictor). The hash seed is chosen so no bucket overflows.
class internal::StopwordSet {
 public:
  static constexpr size_t kMaxPacked = 16;
  // The bits of a word's languages: one for each of internal::kStopwords.
  using Languages = uint32_t;
  static_assert(sizeof(Languages) * 8 >= internal::kMaxLanguages);

  struct Packed {
    uint64_t lo = 0, hi = 0;
  };

  // The first min(len, 16) bytes at `p`, of which 16 must be readable.
  static Packed Pack(const char* p, size_t len) {
    uint64_t w[2];
    std::memcpy(w, p, 16);
    auto keep = [](size_t n) { return n >= 8 ? ~uint64_t{0} : (uint64_t{1} << (8 * n)) - 1; };
    return {w[0] & keep(len), len > 8 ? w[1] & keep(len - 8) : 0};
  }

  // The words of `lists`, each list with its language's bit: separated by
  // spaces and newlines, a line starting with '#' a comment, one starting
  // with "#!weight " the list's weight (see Weighted). Matching is on
  // ASCII-lowered bytes (both count paths lower A-Z only), so a word whose
  // first letter is a lower-case one outside ASCII ("über", "że", "в") is
  // entered capitalized too, for the start of a sentence ("Über", "Że",
  // "В").
  explicit StopwordSet(const std::vector<std::pair<std::string_view, Languages>>& lists) {
    std::vector<std::pair<Packed, Languages>> words;
    auto add = [&](std::string_view w, Languages language) {
      auto put = [&](std::string_view v) {
        if (v.empty() || v.size() > kMaxPacked) return;
        char buf[16] = {};
        std::memcpy(buf, v.data(), v.size());
        words.emplace_back(Pack(buf, v.size()), language);
        max_len_ = std::max(max_len_, v.size());
      };
      put(w);
      put(CapitalizeFirst(w));  // empty when there is no other case
    };
    for (const auto& [all, language] : lists) {
      size_t i = 0;
      while (i < all.size()) {
        while (i < all.size() && (all[i] == ' ' || all[i] == '\n' || all[i] == '\r')) ++i;
        if (i < all.size() && all[i] == '#') {
          const size_t line = i;
          while (i < all.size() && all[i] != '\n') ++i;
          if (constexpr std::string_view kWeight = "#!weight "; all.substr(line).starts_with(kWeight) && lists.size() == 1) {
            const std::string_view v = all.substr(line + kWeight.size(), i - line - kWeight.size());
            int w = 0;
            std::from_chars(v.data(), v.data() + v.size(), w);
            weight_ = std::clamp(w, 1, kMaxWeight);
          }
          continue;
        }
        size_t j = i;
        while (j < all.size() && all[j] != ' ' && all[j] != '\n' && all[j] != '\r') ++j;
        add(all.substr(i, j - i), language);
        i = j;
      }
    }
    // One entry a word, with the bits of every language that has it.
    std::sort(words.begin(), words.end(), [](const auto& a, const auto& b) {
      return a.first.lo != b.first.lo ? a.first.lo < b.first.lo : a.first.hi < b.first.hi;
    });
    size_t out = 0;
    for (size_t k = 0; k < words.size(); ++k) {
      if (out > 0 && words[out - 1].first.lo == words[k].first.lo && words[out - 1].first.hi == words[k].first.hi) {
        words[out - 1].second |= words[k].second;
      } else {
        words[out++] = words[k];
      }
    }
    words.resize(out);
    size_t count = 1;
    while (count < words.size()) count *= 2;
    for (;; count *= 2) {
      for (uint64_t seed = 0; seed < 64; ++seed) {
        if (Fill(words, count, seed)) return;
      }
    }
  }

  // The word with its first letter in upper case (utf8proc's mapping) when
  // that letter is outside ASCII and has an upper case of its own; empty
  // for any other word.
  static std::string CapitalizeFirst(std::string_view w) {
    if (w.empty() || static_cast<unsigned char>(w[0]) < 0x80) return {};
    size_t len = 0;
    const int32_t cp = DecodeUtf8(w, &len);
    if (cp < 0) return {};
    const utf8proc_int32_t up = utf8proc_toupper(cp);
    if (up == cp) return {};
    utf8proc_uint8_t enc[4];
    const utf8proc_ssize_t n = utf8proc_encode_char(up, enc);
    std::string out(reinterpret_cast<const char*>(enc), static_cast<size_t>(n));
    out.append(w.substr(len));
    return out;
  }

  // The longest stopword: longer words need no lookup.
  size_t max_len() const { return max_len_; }

  // The list's weight is what each stopword of a line counts for in its
  // ratio: 1, or more for a language whose endings do the work of function
  // words (in Turkish "evde" is "in the house"), so that its prose has as
  // high a ratio as English prose has by the same thresholds. A set of
  // several languages (for telling them apart) has weight 1.
  static constexpr int kMaxWeight = 4;
  // A count of stopwords weighted: at most `cap` and the line's `words`.
  int Weighted(int count, int cap, int words) const { return std::min({count * weight_, cap, words}); }
  // The least count of stopwords that, weighted, reaches `cap`.
  int Unweighted(int cap) const { return (cap + weight_ - 1) / weight_; }
  // Whether each stopword counts more than once (see Weighted).
  bool weighted() const { return weight_ > 1; }

  bool Contains(Packed w) const {
    const Bucket& b = buckets_[Slot(w)];
    bool found = false;
    for (size_t k = 0; k < kWays; ++k) found |= (b.lo[k] == w.lo) & (b.hi[k] == w.hi);
    return found;
  }

  // The entry of `w` (below entries()), or -1 when it is no stopword.
  int Find(Packed w) const {
    const size_t slot = Slot(w);
    const Bucket& b = buckets_[slot];
    int found = -1;
    for (size_t k = 0; k < kWays; ++k) {
      if ((b.lo[k] == w.lo) & (b.hi[k] == w.hi)) found = static_cast<int>(slot * kWays + k);
    }
    return found;
  }
  size_t entries() const { return languages_.size(); }
  // The bits of the languages that have entry `e` as a stopword.
  Languages LanguagesOf(int e) const { return languages_[static_cast<size_t>(e)]; }

  // `word` is lower-case.
  bool Contains(std::string_view word) const {
    if (word.empty() || word.size() > max_len_) return false;
    char buf[16] = {};
    std::memcpy(buf, word.data(), word.size());
    return Contains(Pack(buf, word.size()));
  }

 private:
  static constexpr size_t kWays = 4;
  struct alignas(64) Bucket {
    uint64_t lo[kWays] = {};  // 0: empty (a packed word is never 0)
    uint64_t hi[kWays] = {};
  };

  size_t Slot(Packed w) const { return static_cast<size_t>(((w.lo ^ (w.hi * mul_hi_)) * mul_) >> shift_); }

  // Places every word with this seed, or returns false if a bucket overflows.
  bool Fill(const std::vector<std::pair<Packed, Languages>>& words, size_t count, uint64_t seed) {
    buckets_.assign(count, Bucket{});
    shift_ = 64 - static_cast<unsigned>(std::countr_zero(count));
    if (shift_ == 64) shift_ = 63;  // one bucket: every word hashes to 0 or 1 of 2
    if (count == 1) buckets_.assign(2, Bucket{});
    languages_.assign(buckets_.size() * kWays, 0);
    mul_ = (0xBF58476D1CE4E5B9ull + seed * 0x9E3779B97F4A7C16ull) | 1;
    mul_hi_ = 0x94D049BB133111EBull ^ (seed << 32);
    for (const auto& [w, language] : words) {
      const size_t slot = Slot(w);
      Bucket& b = buckets_[slot];
      size_t k = 0;
      while (k < kWays && b.lo[k] != 0) ++k;
      if (k == kWays) return false;
      b.lo[k] = w.lo;
      b.hi[k] = w.hi;
      languages_[slot * kWays + k] = language;
    }
    return true;
  }

  std::vector<Bucket> buckets_;
  std::vector<Languages> languages_;  // per entry (bucket * kWays + way): its languages' bits
  uint64_t mul_ = 0, mul_hi_ = 0;
  unsigned shift_ = 63;
  size_t max_len_ = 0;
  int weight_ = 1;
};

namespace {

using internal::StopwordSet;

// The set of each combination of languages (a bit per entry of
// internal::kStopwords), built when first asked for and kept.
const StopwordSet& StopwordsFor(uint32_t languages) {
  static std::mutex mu;
  static std::map<uint32_t, std::unique_ptr<const StopwordSet>> sets;
  std::lock_guard<std::mutex> lock(mu);
  std::unique_ptr<const StopwordSet>& set = sets[languages];
  if (!set) {
    std::vector<std::pair<std::string_view, StopwordSet::Languages>> lists;
    for (size_t k = 0; k < internal::kStopwordLanguageCount; ++k) {
      if (languages & (1u << k)) lists.emplace_back(internal::kStopwords[k].text, static_cast<StopwordSet::Languages>(1u << k));
    }
    set = std::make_unique<const StopwordSet>(lists);
  }
  return *set;
}

// The bits of `languages` (codes; unknown ones count as none), or of every
// shipped language when it is empty.
uint32_t LanguageMask(const std::vector<std::string>& languages) {
  uint32_t mask = 0;
  for (size_t k = 0; k < internal::kStopwordLanguageCount; ++k) {
    const std::string_view code = internal::kStopwords[k].language;
    if (languages.empty() || std::find(languages.begin(), languages.end(), code) != languages.end()) mask |= 1u << k;
  }
  return mask;
}

// Every shipped language: what the cleaner uses by default.
const StopwordSet& Stopwords() {
  static const StopwordSet& set = StopwordsFor(LanguageMask({}));
  return set;
}

std::shared_ptr<const RuleSet> DefaultRules() {
  static const std::shared_ptr<const RuleSet> rules = [] {
    auto r = LoadRules({}, {});
    // The default pack is tested at build time; it always compiles.
    return r.ok() ? r.value() : std::make_shared<const RuleSet>();
  }();
  return rules;
}

// `v` without the spaces and tabs around it (and a carriage return at its end).
std::string_view TrimBlanks(std::string_view v) {
  while (!v.empty() && (v.front() == ' ' || v.front() == '\t')) v.remove_prefix(1);
  while (!v.empty() && (v.back() == ' ' || v.back() == '\t' || v.back() == '\r')) v.remove_suffix(1);
  return v;
}

// The line as rules see it: trimmed, leading bullets and quote marks gone.
std::string_view MatchText(std::string_view s) {
  s = TrimBlanks(s);
  for (;;) {
    if (!s.empty() && (s.front() == '*' || s.front() == '-' || s.front() == '>' || s.front() == '|' || s.front() == '+')) {
      s.remove_prefix(1);
    } else if (s.substr(0, 3) == "\xE2\x80\xA2" || s.substr(0, 3) == "\xE2\x96\xAA" ||
               s.substr(0, 3) == "\xE2\x96\xBA") {  // • ▪ ►
      s.remove_prefix(3);
    } else if (s.substr(0, 2) == "\xC2\xB7") {  // ·
      s.remove_prefix(2);
    } else {
      break;
    }
    s = TrimBlanks(s);
  }
  return s;
}

struct Shape {
  int words = 0;
  int stopwords = 0;
  bool end_punct = false;
  bool ascii = true;  // no byte >= 0x80
};

using internal::kAsciiWord;

// A repeated line of at least this many words goes wherever it is, unless
// it is a sentence far from its copy (a quote); shorter ones (from
// repeat_min_words) go when they follow their previous copy closely, and
// otherwise, like quotes, only outside the main text.
constexpr int kLongRepeatWords = 6;

// A section heading, or an entry of a contents box, has at most this many
// words.
constexpr int kSectionMaxWords = 8;
// A contents box inside the main text lists at least this many sections
// (two short lines, each quoted once further down, may be a forum post's
// last line and its poster's signature), or two right above the first
// section's heading.
constexpr size_t kContentsMinEntries = 3;

// A section heading as a wiki prints it, for the repeat test: without the
// "[edit]" link after it ("History[edit]") and without the number a table
// of contents puts before it ("2.1 Climate"), so that the contents' entry
// and the heading it names are copies. Only short lines (kSectionMaxWords)
// are asked; the rest of `s` as it is.
std::string_view SectionTitle(std::string_view s) {
  s = TrimBlanks(s);
  for (std::string_view link : {"[edit]", "[edit source]"}) {
    if (s.size() > link.size() && s.substr(s.size() - link.size()) == link) {
      s = TrimBlanks(s.substr(0, s.size() - link.size()));
      break;
    }
  }
  // "2.1 " before a capital letter: numbers of one or two digits (a year,
  // "1997 Winner: ...", is no section's number).
  size_t i = 0, digits = 0;
  for (; i < s.size() && digits <= 2; ++i) {
    if (s[i] >= '0' && s[i] <= '9') {
      ++digits;
    } else if (s[i] == '.' && digits > 0) {
      digits = 0;
    } else {
      break;
    }
  }
  if (i > 0 && digits <= 2 && i + 2 < s.size() && s[i] == ' ' && s[i + 1] >= 'A' && s[i + 1] <= 'Z') {
    s.remove_prefix(i + 1);
  }
  return s;
}

// Multi-byte punctuation and symbols end a word as ASCII punctuation does:
// NBSP and the Latin-1 signs (C2 A0..BF: « » © ® ° § ¶ ·, but not the
// letters and digits there: ª µ º ² ³ ¹ ¼ ½ ¾), and U+2000..U+2BFF (E2 80..AF:
// dashes, quotes, ellipsis, arrows, bullets, shapes, dingbats, but not the
// enclosed alphanumerics at U+2440..U+24FF). So "Next »" is one word, as
// "Next >" is.
inline bool MultiByteSeparator(std::string_view s, size_t i) {
  unsigned char c = static_cast<unsigned char>(s[i]);
  if (i + 1 >= s.size()) return false;
  unsigned char d = static_cast<unsigned char>(s[i + 1]);
  if (c == 0xC2) {
    constexpr uint32_t kWordSigns = (1u << (0xAA - 0xA0)) | (1u << (0xB2 - 0xA0)) | (1u << (0xB3 - 0xA0)) |
                                    (1u << (0xB5 - 0xA0)) | (1u << (0xB9 - 0xA0)) | (1u << (0xBA - 0xA0)) |
                                    (1u << (0xBC - 0xA0)) | (1u << (0xBD - 0xA0)) | (1u << (0xBE - 0xA0));
    return d >= 0xA0 && d <= 0xBF && ((kWordSigns >> (d - 0xA0)) & 1) == 0;
  }
  return c == 0xE2 && i + 2 < s.size() && d >= 0x80 && d <= 0xAF && (d < 0x91 || d > 0x93);
}

}  // namespace

int internal::StopwordCap(int words, double ratio, int min_words) {
  if (words <= 0 || words < min_words) return 0;
  if (!(ratio <= 1.0)) return words + 1;
  // The least c with c / words >= ratio, as the callers compute the ratio.
  int c = std::clamp(static_cast<int>(std::ceil(ratio * words)), 0, words + 1);
  while (c > 0 && static_cast<double>(c - 1) / words >= ratio) --c;
  while (c <= words && static_cast<double>(c) / words < ratio) ++c;
  return c;
}

namespace {

// Calls f(lowered, len) for each word of `s` (letters, digits, apostrophes
// and non-ASCII bytes outside a separator, starting with one that is not an
// apostrophe), one byte at a time, with its first min(len, 16) bytes lowered
// (A-Z only; other bytes as they are) at `lowered`, 16 of which are
// readable; stops when f returns false. Clears *ascii at a byte >= 0x80.
template <typename F>
void ForEachWordBytes(std::string_view s, bool* ascii, F&& f) {
  char lower[StopwordSet::kMaxPacked * 2] = {};  // a packed read takes 16 bytes
  const size_t n = s.size();
  size_t i = 0;
  while (i < n) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      if (!kAsciiWord[c]) {
        ++i;
        continue;
      }
    } else {
      *ascii = false;
      if (MultiByteSeparator(s, i)) {
        i += c == 0xE2 ? 3 : 2;
        continue;
      }
    }
    size_t len = 0;
    size_t j = i;
    while (j < n) {
      unsigned char d = static_cast<unsigned char>(s[j]);
      if (d < 0x80) {
        if (!kAsciiWord[d] && d != '\'') break;
        if (len < StopwordSet::kMaxPacked) lower[len] = internal::LowerAscii(static_cast<char>(d));
      } else {
        *ascii = false;
        if (MultiByteSeparator(s, j)) break;
        if (len < StopwordSet::kMaxPacked) lower[len] = static_cast<char>(d);
      }
      ++len;
      ++j;
    }
    if (!f(static_cast<const char*>(lower), len)) return;
    i = j;
  }
}

}  // namespace

// Words and stopwords one byte at a time (any machine, any text).
internal::WordCounts internal::PortableWordCounts(std::string_view s, double ratio, int min_words,
                                                  const StopwordSet* stopwords) {
  WordCounts wc;
  const StopwordSet& stop = stopwords != nullptr ? *stopwords : Stopwords();
  ForEachWordBytes(s, &wc.ascii, [&](const char* lower, size_t len) {
    ++wc.words;
    if (len <= stop.max_len()) wc.stopwords += stop.Contains(StopwordSet::Pack(lower, len));
    return true;
  });
  wc.stopwords = stop.Weighted(wc.stopwords, StopwordCap(wc.words, ratio, min_words), wc.words);
  return wc;
}

namespace {
// What the rules see for a Markdown line of images alone.
constexpr std::string_view kImageMarker = "[image]";

// The '#'s that open a Markdown heading (one to six, then a space and text:
// "## Usage" gives 2), or 0. `s` is trimmed.
size_t MarkdownHeadingLevel(std::string_view s) {
  size_t h = 0;
  while (h < s.size() && h < 7 && s[h] == '#') ++h;
  return h >= 1 && h <= 6 && h + 1 < s.size() && s[h] == ' ' ? h : 0;
}

// When `s` starts with a Markdown link "[text](url)": the size of the link,
// with its text at `*link_text`; else 0. The text holds no "]".
size_t MarkdownLink(std::string_view s, std::string_view* link_text) {
  if (s.empty() || s.front() != '[') return 0;
  const size_t close = s.find(']', 1);
  if (close == std::string_view::npos || close + 1 >= s.size() || s[close + 1] != '(') return 0;
  const size_t end = s.find(')', close + 2);
  if (end == std::string_view::npos) return 0;
  *link_text = s.substr(1, close - 1);
  return end + 1;
}

// The line as rules see it, for a line in Markdown too (as converters such
// as trafilatura, Jina Reader or Firecrawl write a page): MatchText, then
// a heading's "#"s, the emphasis marks round the line or a part of it
// ("*By Ann Lee*", "**Related:**") and each link "[text](url)" (an image's
// "![alt](url)" too) as its text. When the line had links, `*words` becomes
// the count of the text's words (a URL's parts are none of the line's) and
// `buf` holds the text; otherwise the result is a view into `line`.
// `links`: whether the record may have links ("](" in it at all), so
// lines are not searched one by one in the many records that have none.
std::string_view RuleText(std::string_view line, std::string* buf, int* words, bool links = true) {
  std::string_view s = MatchText(line);
  if (s.empty()) return TrimBlanks(line);  // a bullet or a rule alone ("•", "---"): the rules see it as it is
  if (const size_t h = MarkdownHeadingLevel(s); h > 0) s = MatchText(s.substr(h));
  while (!s.empty() && (s.front() == '*' || s.front() == '_')) s = TrimBlanks(s.substr(1));
  while (!s.empty() && (s.back() == '*' || s.back() == '_')) s = TrimBlanks(s.substr(0, s.size() - 1));
  if (!links || s.find("](") == std::string_view::npos) return s;
  buf->clear();
  bool images_only = true;  // images and spaces between them, nothing else
  for (size_t i = 0; i < s.size();) {
    const bool image = s[i] == '!' && i + 1 < s.size() && s[i + 1] == '[';  // "![alt](url)"
    const size_t open = image ? i + 1 : i;
    std::string_view link_text;
    // A linked image: "[![alt](src)](href)".
    if (const size_t inner = s.substr(i).starts_with("[![") ? MarkdownLink(s.substr(i + 2), &link_text) : 0;
        inner > 0 && s.substr(i + 2 + inner).starts_with("](")) {
      if (const size_t end = s.find(')', i + 2 + inner + 2); end != std::string_view::npos) {
        buf->append(link_text);
        i = end + 1;
        continue;
      }
    }
    if (const size_t link = MarkdownLink(s.substr(open), &link_text); link > 0) {
      buf->append(link_text);
      images_only = images_only && image;
      i = open + link;
      continue;
    }
    // Emphasis inside the line ("**Related:** [...]") goes too.
    if ((s[i] == '*' || s[i] == '_') && i + 1 < s.size() && s[i + 1] == s[i]) {
      i += 2;
      continue;
    }
    images_only = images_only && s[i] == ' ';
    buf->push_back(s[i++]);
  }
  // A line of images alone is a picture, whatever its alt text says: the
  // rules see the marker an exporter leaves for one (embed-marker).
  if (images_only) {
    *buf = kImageMarker;
    *words = 1;
    return *buf;
  }
  *words = internal::PortableWordCounts(*buf, 0.0, 0, nullptr).words;
  return MatchText(*buf);
}

// The rule of `match` (RuleSet::MatchMeta: a byline, a dateline;
// RuleSet::MatchListHeading: "Ingredients", "## Key points") that takes the
// line as rules read it (RuleText), or -1.
using RemovesNothing = int (RuleSet::*)(std::string_view, int, std::string_view) const;
int RuleTextHit(const RuleSet& rules, RemovesNothing match, std::string_view line, int words,
                std::string_view language) {
  thread_local std::string buf;
  const std::string_view t = RuleText(line, &buf, &words);
  return (rules.*match)(t, words, language);
}
}  // namespace

// Which of the languages in `set` (a set of several, with their bits) a
// text is in: the one with the most distinct stopwords in it (a name that
// recurs, "Las Vegas" on every line of a menu, counts once), the first in
// internal::kStopwords on a tie (English) or when none has any. The count
// stops once one language has kDecidedWords and twice the next one's.
constexpr int kDecidedWords = 8;
size_t internal::RecordLanguage(std::string_view text, const StopwordSet& set) {
  std::array<int, internal::kMaxLanguages> hits{};
  thread_local std::vector<bool> seen;
  seen.assign(set.entries(), false);
  bool ascii = true;
  ForEachWordBytes(text, &ascii, [&](const char* lower, size_t len) {
    const int e = len <= set.max_len() ? set.Find(StopwordSet::Pack(lower, len)) : -1;
    if (e < 0 || seen[static_cast<size_t>(e)]) return true;
    seen[static_cast<size_t>(e)] = true;
    for (uint32_t m = set.LanguagesOf(e); m != 0; m &= m - 1) ++hits[static_cast<size_t>(std::countr_zero(m))];
    int best = 0, next = 0;
    for (int h : hits) {
      if (h > best) {
        next = best;
        best = h;
      } else if (h > next) {
        next = h;
      }
    }
    return best < kDecidedWords || best < 2 * next;
  });
  size_t lang = 0;
  for (size_t k = 1; k < hits.size(); ++k) {
    if (hits[k] > hits[lang]) lang = k;
  }
  return lang;
}

namespace {

#ifdef WINNOW_HAVE_AVX512_ASCII
// Words and stopwords of a line with AVX-512 (BW): one pass builds, per 64
// bytes, a bit mask of word start candidates (letters, digits, and UTF-8
// bytes outside a multi-byte separator) and of word ends (bytes that are
// neither those nor an apostrophe, and the bytes of each separator), and
// the lowered bytes. Separators are found as the byte path finds them: left
// to right from each C2 or E2 byte not inside an earlier one (few per line,
// so one at a time). A word is a run of non-end bytes with a start in it, so
// the words are counted from the masks: one per run (a popcount of run
// starts), unless a run may be apostrophes only. Then, only until the
// stopword cap is reached, words are found with two bit scans each and
// packed for the stopword lookup straight from the lowered copy (UTF-8
// bytes as they are, as the byte path packs them). Returns
// false, having counted nothing, at a run that may be apostrophes only (the
// byte path takes such lines).
__attribute__((target("avx512f,avx512bw,bmi,popcnt"))) bool WordCountsAvx512(std::string_view s, double ratio,
                                                                              int min_words,
                                                                              const StopwordSet& stop,
                                                                              internal::WordCounts* out) {
  const size_t n = s.size();
  const size_t blocks = (n + 63) / 64;
  thread_local std::vector<uint64_t> masks;
  thread_local std::vector<char> lowered;
  // Grown, never shrunk: a resize down and up again would zero the bytes
  // of every longer line that follows a shorter one.
  if (masks.size() < 2 * (blocks + 1)) masks.resize(2 * (blocks + 1));
  if (lowered.size() < blocks * 64 + 64) lowered.resize(blocks * 64 + 64);  // a packed read past the last word stays inside
  uint64_t* starts = masks.data();
  uint64_t* ends = masks.data() + blocks + 1;
  const __m512i apostrophe = _mm512_set1_epi8('\'');
  const __m512i c2 = _mm512_set1_epi8(static_cast<char>(0xC2)), e2 = _mm512_set1_epi8(static_cast<char>(0xE2));
  uint64_t spill = 0;      // separator bytes that run on into the next block
  size_t covered_end = 0;  // the end of the last separator found
  uint64_t any_utf8 = 0;
  for (size_t b = 0; b < blocks; ++b) {
    const size_t k = b * 64;
    const size_t c = std::min<size_t>(64, n - k);
    const __mmask64 valid = c == 64 ? ~__mmask64{0} : (__mmask64{1} << c) - 1;
    const __m512i x = _mm512_maskz_loadu_epi8(valid, s.data() + k);  // zeros past the end
    uint64_t word, upper;
    __m512i low;
    internal::ClassifyAscii64(&x, &word, &upper, &low);
    _mm512_storeu_si512(lowered.data() + k, low);
    uint64_t sep = spill;
    spill = 0;
    const uint64_t utf8 = _mm512_movepi8_mask(x);
    any_utf8 |= utf8;
    if (utf8 != 0) {
      uint64_t leads = _mm512_cmpeq_epi8_mask(x, c2) | _mm512_cmpeq_epi8_mask(x, e2);
      while (leads != 0) {
        const size_t at = k + static_cast<size_t>(__builtin_ctzll(leads));
        leads &= leads - 1;
        if (at < covered_end || !MultiByteSeparator(s, at)) continue;
        const size_t len = static_cast<unsigned char>(s[at]) == 0xE2 ? 3 : 2;
        const unsigned shift = static_cast<unsigned>(at - k);
        const uint64_t bits = (uint64_t{1} << len) - 1;
        sep |= bits << shift;
        if (shift + len > 64) spill = bits >> (64 - shift);
        covered_end = at + len;
      }
    }
    starts[b] = (word | utf8) & ~sep;
    ends[b] = ~(word | (utf8 & ~sep) | _mm512_cmpeq_epi8_mask(x, apostrophe)) | sep;  // set past the end too
  }
  // Runs of non-end bytes: one word each, if a start is in it. A run that
  // starts with an apostrophe not followed by a start may have none: the
  // byte path counts those lines. Otherwise each run is one word, from its
  // first start (the run's first byte, or the one after a leading
  // apostrophe) to the end byte after it: the masks are rewritten in place
  // to those word starts and ends, so that the look-ups below walk two bit
  // sets side by side, with no chain of searches from one word to the next.
  internal::WordCounts wc;
  wc.ascii = any_utf8 == 0;
  uint64_t carry = 0, lead_carry = 0;
  for (size_t b = 0; b < blocks; ++b) {
    const uint64_t nonend = ~ends[b];
    const uint64_t before = (nonend << 1) | carry;  // the byte before is in a run
    const uint64_t run_starts = nonend & ~before;
    carry = nonend >> 63;
    const uint64_t apostrophes = nonend & ~starts[b];
    const uint64_t word_next = (starts[b] >> 1) | (b + 1 < blocks ? starts[b + 1] << 63 : 0);
    const uint64_t lead = run_starts & apostrophes;
    if ((lead & ~word_next) != 0) return false;
    wc.words += std::popcount(run_starts);
    starts[b] = (run_starts & ~apostrophes) | (lead << 1) | lead_carry;
    lead_carry = lead >> 63;
    ends[b] = ends[b] & before;
  }
  ends[blocks] = carry;  // a run up to the last byte of a full block ends at blocks * 64
  const int cap = internal::StopwordCap(wc.words, ratio, min_words);
  const int needed = stop.Unweighted(cap);
  const size_t max_len = stop.max_len();
  size_t sb = 0, eb = 0;
  uint64_t sx = starts[0], ex = ends[0];
  for (int w = 0; w < wc.words && wc.stopwords < needed; ++w) {
    while (sx == 0) sx = starts[++sb];  // as many starts as ends as words
    while (ex == 0) ex = ends[++eb];
    const size_t b = sb * 64 + static_cast<size_t>(__builtin_ctzll(sx));
    const size_t e = eb * 64 + static_cast<size_t>(__builtin_ctzll(ex));
    sx &= sx - 1;
    ex &= ex - 1;
    // Branch-free: a longer word is looked up (truncated) and not counted.
    wc.stopwords += stop.Contains(StopwordSet::Pack(lowered.data() + b, e - b)) & (e - b <= max_len);
  }
  wc.stopwords = stop.Weighted(wc.stopwords, cap, wc.words);
  *out = wc;
  return true;
}
#endif

}  // namespace

internal::WordCounts internal::LineWordCounts(std::string_view s, double ratio, int min_words,
                                              const StopwordSet* stopwords) {
#ifdef WINNOW_HAVE_AVX512_ASCII
  internal::WordCounts wc;
  if (internal::HaveAvx512Bw() &&
      WordCountsAvx512(s, ratio, min_words, stopwords != nullptr ? *stopwords : Stopwords(), &wc)) {
    return wc;
  }
#endif
  return internal::PortableWordCounts(s, ratio, min_words, stopwords);
}

namespace {

// Latin letters outside ASCII in `text` (those whose UTF-8 lead byte is
// C3 to C5: "é", "ő", "ł", "ş"): one in kAccentedShare bytes and more
// make a page that may be in another language than its stopwords first
// said. Counted 255 bytes at a time in a byte, so the loop vectorizes
// with no widening.
constexpr size_t kAccentedShare = 100;
size_t AccentedLatinLetters(std::string_view text) {
  size_t count = 0;
  for (size_t i = 0; i < text.size(); i += 255) {
    const size_t end = std::min(text.size(), i + 255);
    uint8_t block = 0;
    for (size_t j = i; j < end; ++j) {
      block += static_cast<uint8_t>(static_cast<uint8_t>(static_cast<unsigned char>(text[j]) - 0xC3) < 3);
    }
    count += block;
  }
  return count;
}

// A line that is not prose but a sentence (this many words, terminal
// punctuation, this share of stopwords) scores as neutral, not as chaff.
constexpr int kSentenceMinWords = 5;
// The lines that tell a record's language: those of a sentence's length
// and more, not only prose-long ones (a text hard-wrapped at 45 columns has
// few lines of 10 words, and its menus and scripts would decide alone).
constexpr int kLanguageMinWords = kSentenceMinWords;
constexpr double kSentenceMinStopwordRatio = 0.12;

// True when `t` ends with a full stop, question or exclamation mark outside
// ASCII: the ellipsis, the ideographic and fullwidth ones (。．！？), the
// Arabic question mark and full stop (؟ ۔) and the danda (। ॥).
bool EndsWithFullStop(std::string_view t) {
  auto ends = [&t](std::string_view tail) { return t.size() >= tail.size() && t.substr(t.size() - tail.size()) == tail; };
  return ends("\xE2\x80\xA6") || ends("\xE3\x80\x82") || ends("\xEF\xBC\x8E") || ends("\xEF\xBC\x81") ||
         ends("\xEF\xBC\x9F") || ends("\xD8\x9F") || ends("\xDB\x94") || ends("\xE0\xA5\xA4") ||
         ends("\xE0\xA5\xA5");
}

// The line without its trailing blanks.
std::string_view TrimEnd(std::string_view s) {
  size_t e = s.size();
  while (e > 0 && (s[e - 1] == ' ' || s[e - 1] == '\t' || s[e - 1] == '\r')) --e;
  return s.substr(0, e);
}

// The line up to its terminal punctuation: trailing blanks, closing quotes
// and brackets gone.
std::string_view TerminalText(std::string_view s) {
  std::string_view t = TrimEnd(s);
  for (;;) {
    if (!t.empty() && (t.back() == '"' || t.back() == '\'' || t.back() == ')')) {
      t.remove_suffix(1);
    } else if (t.size() >= 3 && (t.substr(t.size() - 3) == "\xE2\x80\x9D" || t.substr(t.size() - 3) == "\xE2\x80\x99")) {
      t.remove_suffix(3);  // ” ’
    } else {
      break;
    }
  }
  return t;
}

// Written as a sentence is: ending with a full stop, a question or an
// exclamation mark (not an ellipsis: "More tennis news...", a truncated
// teaser), and starting with an ASCII capital letter, after an opening
// quote if any, not a bullet. With `any_script`, a capital of any script
// counts (utf8proc's Lu), and so does an opening «.
bool WrittenAsSentence(std::string_view line, bool any_script) {
  const std::string_view t = TerminalText(line);
  std::string_view m = MatchText(line);
  if (t.empty()) return false;
  const char last = t.back();
  if (last != '.' && last != '?' && last != '!') return false;
  if (t.size() >= 2 && t[t.size() - 2] == '.') return false;
  if (m.starts_with('"') || m.starts_with('\'')) {
    m.remove_prefix(1);
  } else if (m.starts_with("\xE2\x80\x9C") || m.starts_with("\xE2\x80\x98")) {  // “ ‘
    m.remove_prefix(3);
  } else if (any_script && m.starts_with("\xC2\xAB")) {  // «
    m.remove_prefix(2);
  }
  if (m.empty()) return false;
  const auto c = static_cast<unsigned char>(m[0]);
  if (c < 0x80 || !any_script) return c >= 'A' && c <= 'Z';
  size_t i = 0;
  const int32_t cp = DecodeUtf8(m, &i);
  return cp >= 0 && utf8proc_category(cp) == UTF8PROC_CATEGORY_LU;
}

// Whether a line's words after the first are mostly in lower case, as a
// sentence's are: fewer than half of them begin with an ASCII capital
// ("The winners from Riverton were:", not "Jobs in Scotland:").
bool SentenceCased(std::string_view line) {
  int words = 0, capitals = 0;
  bool in_word = false;
  for (const char c : MatchText(line)) {
    const bool word = kAsciiWord[static_cast<unsigned char>(c)] != 0 || (c & 0x80) != 0;
    if (word && !in_word) {
      ++words;
      capitals += words > 1 && c >= 'A' && c <= 'Z';
    }
    in_word = word;
  }
  return words > 1 && 2 * capitals < words - 1;
}

// A line of kShortSentenceMinWords words or more (and fewer than
// kSentenceMinWords) written as a sentence (WrittenAsSentence, an ASCII
// capital): "Simmer for fifteen minutes."
constexpr int kShortSentenceMinWords = 3;
bool ShortSentence(std::string_view line) { return WrittenAsSentence(line, false); }

// The category of the rules that open a comment section (rules.h): the
// region such a rule opens holds readers' comments, kept when asked
// (CleanerOptions::keep_comments).
constexpr std::string_view kCommentsCategory = "comments";
// The category of the rules that take a menu's items.
constexpr std::string_view kNavigationCategory = "navigation";
// The category of the meta rules that find a letter's closing.
constexpr std::string_view kSignOffCategory = "sign-off";
// The category of the rules that take a picture's caption or credit.
constexpr std::string_view kCreditCategory = "credit";
// The category of the rules that take an advertisement's label saying the
// story continues below it: passed as a credit is.
constexpr std::string_view kContinuesCategory = "continues";
// The category of the rules that take teasers for other stories: their
// headings (tail-markers) and one-line teasers.
constexpr std::string_view kTeaserCategory = "teaser";
// The category of the tail-markers that head a site's own lists ("Most
// read", an ad network's paid teasers): their teasers' titles run long, so
// only sentences under them are article text that closes them as a box.
constexpr std::string_view kSiteListCategory = "site-list";

// The rule at `index` (a LineDecision's rule, a match's result; >= 0).
const Rule& RuleOf(const RuleSet& rules, int index) { return rules.rules()[static_cast<size_t>(index)]; }

// The share of the line's words that are stopwords (0 for no words).
double StopwordRatio(const Shape& sh) {
  return sh.words > 0 ? static_cast<double>(sh.stopwords) / sh.words : 0.0;
}

// A prose line: good_min_words words and more, good_min_stopword_ratio of
// them stopwords.
bool Prose(const Shape& sh, const CleanerOptions& o) {
  return sh.words >= o.good_min_words && StopwordRatio(sh) >= o.good_min_stopword_ratio;
}

// A line of kLongSentenceMinWords words and more written as a sentence,
// a capital of any script (WrittenAsSentence), is one however few its
// stopwords. In a language with fewer function words than English (Russian
// has no articles) such a line of the article can have too few to count
// by its ratio ("Стоимость проекта составила около четырехсот миллионов
// рублей, часть средств выделил региональный бюджет.": one in twelve).
constexpr int kLongSentenceMinWords = 10;

// A line that is no prose line but reads as a sentence: kSentenceMinWords
// words and more ending as a sentence does, with some stopwords, or a
// ShortSentence, or a long line written as a sentence (above). It costs
// the main text nothing, and it is a reader's comment where a comment is
// kept (CleanerOptions::keep_comments).
bool Sentence(const Shape& sh, std::string_view line) {
  if (sh.end_punct && StopwordRatio(sh) >= kSentenceMinStopwordRatio &&
      (sh.words >= kSentenceMinWords || (sh.words >= kShortSentenceMinWords && ShortSentence(line)))) {
    return true;
  }
  return sh.words >= kLongSentenceMinWords && WrittenAsSentence(line, true);
}

// A line of program code or a shell command, as a tutorial, a manual or an
// answer prints it among its sentences. Only marks prose does not make:
// - it ends with an opening brace ("int main() {"), or with a semicolon
//   after a bracket or an `=` ("x = f(y);", not "lower taxes;" or "&nbsp;");
// - it is closing brackets only ("}", "});", "]");
// - a call (a name right before "(") with an operator, a subscript, a
//   block's colon or on a member ("reader = DictReader(f)", "print(row[0])",
//   "for row in rows(f):", "csv.reader(f)"; not "Windows(TM)");
// - it starts with "// " or "/*", or with a command: "sudo ...", a shell
//   prompt "$ " before a lower-case letter (not "$ 1500"), or "import x".
// A short list it is, not a parser: a line it misses is judged as before,
// or as the block's when code stands on both sides of it (kCodeGapLines).
constexpr size_t kCodeGapLines = 4;
bool CodeLine(std::string_view line) {
  const std::string_view t = TrimBlanks(line);
  if (t.empty()) return false;
  const char last = t.back();
  if (last == '{') return true;
  if (t.starts_with("// ") || t.starts_with("/*")) return true;
  if (t.starts_with("sudo ")) return true;
  if (t.size() > 2 && t.starts_with("$ ") && t[2] >= 'a' && t[2] <= 'z') return true;
  if (t.starts_with("import ") && t.find(' ', 7) == std::string_view::npos) return true;  // "import csv"
  // A shell loop or test: its head ("while read -r line; do", "if [ -f x ];
  // then") and its end ("done", "fi", "done < input.txt").
  if (t.ends_with("; do") || t.ends_with("; then") || t == "done" || t == "fi" || t == "esac") return true;
  if (t.size() > 6 && t.starts_with("done ") && (t[5] == '<' || t[5] == '|' || t[5] == '>')) return true;
  // Most short lines have none of the bytes the tests below need: one
  // pass the compiler vectorizes says so.
  static constexpr std::array<bool, 256> kMarks = [] {
    std::array<bool, 256> m{};
    for (unsigned char c : std::string_view("{}()[];=")) m[c] = true;
    return m;
  }();
  bool marks = false;
  for (char c : t) marks |= kMarks[static_cast<unsigned char>(c)];
  if (!marks) return false;
  auto name = [](char c) { return kAsciiWord[static_cast<unsigned char>(c)] || c == '_'; };
  bool closers = true, opener = false, assign = false, call = false, member = false;
  for (size_t i = 0; i < t.size(); ++i) {
    const char c = t[i];
    closers = closers && (c == '}' || c == ')' || c == ']' || c == ';' || c == ',' || c == ' ');
    opener = opener || c == '(' || c == ')' || c == '[' || c == ']' || c == '}';
    if (c == '=' || c == '[' || c == '{' || (c == ':' && i + 1 < t.size() && t[i + 1] == ':') ||
        (c == '-' && i + 1 < t.size() && t[i + 1] == '>')) {
      assign = true;
    }
    if (c == '(' && i > 0 && name(t[i - 1])) {
      call = true;
      size_t s = i - 1;  // the name's first byte
      while (s > 0 && name(t[s - 1])) --s;
      member = member || (s >= 2 && t[s - 1] == '.' && name(t[s - 2]));  // "csv.reader(", not "ad(at)example.com"
    }
  }
  if (closers && t.find_first_of("})]") != std::string_view::npos) return true;
  if (last == ';' && (opener || assign)) return true;
  return call && (assign || member || last == ':' || last == ';');
}

// The line's shape; its stopwords are counted only as far as the two ratio
// tests in Clean() need (internal::StopwordCap).
// Whether the line ends as a sentence or a clause does (Shape::end_punct):
// a full stop, question or exclamation mark, colon or semicolon, before
// closing quotes and brackets.
bool EndsWithPunct(std::string_view s) {
  const std::string_view t = TerminalText(s);
  if (t.empty()) return false;
  const char last = t.back();
  return last == '.' || last == '!' || last == '?' || last == ':' || last == ';' || EndsWithFullStop(t);
}

Shape LineShape(std::string_view s, const CleanerOptions& o, const StopwordSet& stop) {
  Shape sh;
  const internal::WordCounts wc =
      internal::LineWordCounts(s, std::max(o.good_min_stopword_ratio, kSentenceMinStopwordRatio),
                               std::min(o.good_min_words, kShortSentenceMinWords), &stop);
  sh.words = wc.words;
  sh.stopwords = wc.stopwords;
  sh.ascii = wc.ascii;
  sh.end_punct = EndsWithPunct(s);
  return sh;
}

// True when the line ends inside a sentence: in a word, a comma or a
// semicolon, not a full stop, question or exclamation mark or colon
// (closing quotes and brackets aside).
bool EndsInsideSentence(std::string_view s) {
  const std::string_view t = TerminalText(s);
  if (t.empty()) return false;
  const char last = t.back();
  return last != '.' && last != '!' && last != '?' && last != ':' && !EndsWithFullStop(t);
}

// Characters of the line (UTF-8 continuation bytes aside), trailing blanks
// aside, and of its first word.
size_t VisibleChars(std::string_view s) {
  size_t chars = 0;
  for (const char c : TrimEnd(s)) chars += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return chars;
}

size_t FirstWordChars(std::string_view s) {
  s = TrimBlanks(s);
  return VisibleChars(s.substr(0, s.find_first_of(" \t")));
}

bool StartsLowerCase(std::string_view s) {
  s = TrimBlanks(s);
  if (s.empty()) return false;
  size_t i = 0;
  const auto c = static_cast<unsigned char>(s[i]);
  if (c < 0x80) return c >= 'a' && c <= 'z';
  const int32_t cp = DecodeUtf8(s, &i);
  return cp >= 0 && utf8proc_category(cp) == UTF8PROC_CATEGORY_LL;
}

// True when the line's last word (terminal punctuation aside) is a
// stopword: "of", "the", "were" end no title, so the line goes on.
bool EndsWithStopword(std::string_view s, const StopwordSet& stop) {
  const std::string_view t = TerminalText(s);
  const size_t space = t.find_last_of(" \t");
  const std::string_view last = space == std::string_view::npos ? t : t.substr(space + 1);
  const internal::WordCounts wc = internal::PortableWordCounts(last, 2.0, 0, &stop);
  return wc.words == 1 && wc.stopwords == 1;
}

// Calls f(s, e) for each block of hard-wrapped lines s..e (at least two),
// of lines `shaped` says are judged by their shape. Lines that may be
// wrapped (one ends inside a sentence, and the next starts in lower case or
// the one ends in a stopword of `stop`, if given: "the nominees were" above
// "Columbus Short for ...") are one block where the break is a wrap: at a
// comma or semicolon (verse, a clause to a line), or where the next line's
// first word would not have fitted on the line at the width of the longest
// line around it (how text is filled). A block of two lines ends as a sentence does: a link list of
// lower-case titles ("double digits", "insomniac") breaks wherever a title
// is not as long as the longest.
template <typename F>
void ForEachWrappedBlock(std::string_view text, const std::vector<LineSpan>& spans, const std::vector<Shape>& shapes,
                         const std::vector<bool>& shaped, const StopwordSet* stop, F&& f) {
  const size_t n = spans.size();
  auto line_at = [&](size_t k) { return LineText(text, spans[k]); };
  auto may_wrap = [&](size_t k) {
    return k + 1 < n && shaped[k] && shaped[k + 1] && EndsInsideSentence(line_at(k)) &&
           (StartsLowerCase(line_at(k + 1)) || (stop != nullptr && EndsWithStopword(line_at(k), *stop)));
  };
  for (size_t run_s = 0; run_s < n;) {
    size_t run_e = run_s;
    while (may_wrap(run_e)) ++run_e;
    if (run_e == run_s) {
      ++run_s;
      continue;
    }
    size_t width = 0;
    for (size_t k = run_s; k <= run_e; ++k) width = std::max(width, VisibleChars(line_at(k)));
    auto wrapped = [&](size_t k) {
      const char last = TerminalText(line_at(k)).back();
      return last == ',' || last == ';' || VisibleChars(line_at(k)) + 1 + FirstWordChars(line_at(k + 1)) > width;
    };
    for (size_t s = run_s; s <= run_e;) {
      size_t e = s;
      while (e < run_e && wrapped(e)) ++e;
      if (e > s + 1 || (e == s + 1 && shapes[e].end_punct)) f(s, e);
      s = e + 1;
    }
    run_s = run_e + 1;
  }
}

// Units of a line for the language-independent shape: words, where a run of
// characters of an unspaced script (Han, kana, Thai, ...) counts as half a
// word a character (a Chinese word is about two), rounded up.
int WordUnits(std::string_view s) {
  int words = 0, unspaced = 0;
  bool in_word = false;
  for (size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      ++i;
      const bool w = kAsciiWord[c] || (in_word && c == '\'');
      words += w && !in_word;
      in_word = w;
      continue;
    }
    if (MultiByteSeparator(s, i)) {
      i += c == 0xE2 ? 3 : 2;
      in_word = false;
      continue;
    }
    const int32_t cp = DecodeUtf8(s, &i);
    if (cp < 0 || !IsWordCodepoint(cp)) {
      in_word = false;
    } else if (IsUnspacedScript(cp)) {
      ++unspaced;
      in_word = false;
    } else {
      words += !in_word;
      in_word = true;
    }
  }
  return words + (unspaced + 1) / 2;
}

// The line's shape when no stopword list fits the record (a language
// winnow has none for): with no stopwords to go by, a line that ends as a
// sentence does counts as all stopwords and any other as none, so that a
// long line ending in a full stop is prose and a short one a sentence, as
// in jusText's length-only mode. Words are WordUnits. `sh` is the line's
// LineShape by any stopwords (its punctuation and bytes are the same).
Shape ShapeWithoutStopwords(std::string_view s, Shape sh) {
  if (!sh.ascii) sh.words = WordUnits(s);
  sh.stopwords = sh.end_punct ? sh.words : 0;
  return sh;
}

// A block of short labels ends at `k`: k, of at most three words, has a
// blank line after it, and the non-blank lines above it up to a blank line
// are at least kLabelsAbove, each of at most two words (a menu's items). (A
// headline of more words right under a menu is no label.)
constexpr int kLabelsAbove = 2;
bool LastOfLabelBlock(const std::vector<LineSpan>& spans, const std::vector<LineDecision>& lines, size_t k) {
  if (lines[k].words > 3 || (k + 1 < spans.size() && !spans[k + 1].blank)) return false;
  int labels = 0;
  for (size_t j = k; j-- > 0 && !spans[j].blank;) {
    if (lines[j].words > 2) return false;
    ++labels;
  }
  return labels >= kLabelsAbove;
}

// True for a byte that is an ASCII letter or part of a UTF-8 character
// (taken for a letter: labels are words, whatever their script).
bool IsLetterByte(char c) {
  return ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') || static_cast<unsigned char>(c) >= 0x80;
}

// True for a row of links set apart by spaced bars: three or more items
// of one to four words, each with a letter, none with a digit or ending a
// sentence ("News | Sport | Weather", "Columnists | Letters | Editorials").
// A byline or dateline written the same way ("By Ann Lee | Staff writer",
// "Ann Lee | Comics | May 2nd 2012") is no such row.
bool IsLinkRow(std::string_view s) {
  s = MatchText(s);
  if (s.size() >= 3 && (s[0] == 'b' || s[0] == 'B') && (s[1] == 'y' || s[1] == 'Y') && s[2] == ' ') return false;
  int items = 0;
  while (!s.empty()) {
    const size_t bar = s.find('|');
    std::string_view item = s.substr(0, bar);
    if (bar != std::string_view::npos) {
      // A bar stands between spaces (a trailing one may end the line).
      if (bar == 0 || (s[bar - 1] != ' ' && s[bar - 1] != '\t')) return false;
      if (bar + 1 < s.size() && s[bar + 1] != ' ' && s[bar + 1] != '\t') return false;
      s = s.substr(bar + 1);
    } else {
      s = std::string_view();
    }
    item = TrimBlanks(item);
    if (item.empty()) {
      if (s.find_first_not_of(" \t") == std::string_view::npos && items > 0) break;  // a trailing bar
      return false;
    }
    int words = 0;
    bool letter = false, space = true;
    for (char c : item) {
      if (c >= '0' && c <= '9') return false;
      const bool blank = c == ' ' || c == '\t';
      words += space && !blank;
      space = blank;
      letter |= IsLetterByte(c);
    }
    const char last = item.back();
    if (words > 4 || !letter || last == '.' || last == '!' || last == '?') return false;
    ++items;
  }
  return items >= 3;
}

// True for a line of Markdown links only, blanks and separators between
// them aside ("* [Blog](/blog)", "[Home](/) [About](/about)"), or a
// breadcrumb of links that ends with the page's own name ("[Docs](/docs) /
// [Guides](/guides) / Deploying"): a menu's item, in a page a converter
// wrote as Markdown.
constexpr size_t kCrumbNameChars = 40;
bool IsLinkOnly(std::string_view s) {
  s = MatchText(s);
  int links = 0;
  bool crumb = false;  // the last separator was one of a breadcrumb (/ > » ›)
  while (!s.empty()) {
    const unsigned char c = static_cast<unsigned char>(s.front());
    std::string_view link_text;
    if (const size_t link = MarkdownLink(s, &link_text); link > 0) {
      s.remove_prefix(link);
      ++links;
      crumb = false;
    } else if (c == ' ' || c == '\t' || c == '|' || c == '>' || c == '/' || c == ',') {
      crumb = crumb || c == '>' || c == '/';
      s.remove_prefix(1);
    } else if ((c == 0xC2 || c == 0xE2) && MultiByteSeparator(s, 0)) {
      crumb = crumb || s.starts_with("\xC2\xBB") || s.starts_with("\xE2\x80\xBA");
      s.remove_prefix(c == 0xC2 ? 2 : 3);  // · » • ›
    } else {
      return links > 0 && crumb && s.size() <= kCrumbNameChars && s.find_first_of(".!?[") == std::string_view::npos;
    }
  }
  return links > 0;
}

// Whether every Markdown link in `s` points into the page, as a contents
// box's do ("- [Installation](#installation)").
bool LinksAreAnchors(std::string_view s) {
  for (size_t at = s.find("]("); at != std::string_view::npos; at = s.find("](", at + 2)) {
    if (at + 2 >= s.size() || s[at + 2] != '#') return false;
  }
  return true;
}

}  // namespace

// How many non-blank lines above the main text RescueCohesive looks at, and
// how many lines of the main text it takes the vocabulary from.
constexpr int kCohesionWindow = 15;
// A headline (rescued by its words or found above a byline) has at least
// this many words.
constexpr uint16_t kHeadlineMinWords = 3;
constexpr int kLeadLines = 4;
// At most this many non-blank lines between two runs of the main text are
// taken into it.
constexpr size_t kGapLines = 10;
// A title that begins the first line of the main text has this many
// characters at least (of its key).
constexpr size_t kTitleMinChars = 4;
// How many non-blank lines after a tail-marker article text may begin and
// still close its region as a short inline box.
constexpr size_t kShortRegionLines = 3;
// A box of one teaser closes above the story's last paragraph and at most
// this many short sentences after it.
constexpr size_t kStoryEndSentences = 2;
// The story's last lines below its main text may open with a subheading of
// at most this many words.
constexpr int kLastHeadingMaxWords = 6;
// How many non-blank lines under a comments heading with no count are read
// to tell the story's part from a thread (a bound: a record of many such
// headings would otherwise be read once per heading).
constexpr size_t kCommentsScanLines = 64;
// A good line of at most this many words without a sentence's end may be a
// teaser's title, not article text, when it follows a tail-marker.
constexpr uint16_t kTeaserTitleMaxWords = 15;
// A line of at least this many words is a paragraph, longer than a
// teaser's summary or a site's blurb.
constexpr uint16_t kParagraphMinWords = 60;
// How many non-blank lines a main-text line ending in a colon can keep after
// it (the list it announces), and how many a list heading's list may hold.
constexpr size_t kAnnouncedLines = 40;
// Only a line of at most this many words is asked whether it is a list
// heading ("Ingredients (serves 4)", "What you'll need").
constexpr uint16_t kListHeadingMaxWords = 8;
// The most words of a list's item the main text took, for the list to go
// on past it ("the skin around the blisters is red, hot or painful").
constexpr uint16_t kListItemMaxWords = 12;
// A list above the main text has at least this many lines under its
// heading.
constexpr size_t kListMinItems = 2;

// True when the line's last visible character is a colon (ASCII or
// fullwidth): it announces what follows ("The winners:", "Where to give:").
bool EndsWithColon(std::string_view s) {
  s = MatchText(s);  // trimmed
  return (!s.empty() && s.back() == ':') || (s.size() >= 3 && s.substr(s.size() - 3) == "\xEF\xBC\x9A");
}

// True when `s` holds an ASCII digit.
bool HasDigit(std::string_view s) {
  return std::any_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// True when the line opens with a label of one to three words and a colon,
// and a value follows ("Document type: Report", "Job type: Full time"): a
// field of an entry in a listing, which each entry prints again.
bool OpensWithLabel(std::string_view s) {
  s = MatchText(s);
  const size_t colon = s.find(':');
  if (colon == 0 || colon == std::string_view::npos || colon > 40 || colon + 2 >= s.size() ||
      (s[colon + 1] != ' ' && s[colon + 1] != '\t')) {
    return false;
  }
  const int words = internal::PortableWordCounts(s.substr(0, colon), 0.0, 0, nullptr).words;
  return words >= 1 && words <= 3 && !TrimBlanks(s.substr(colon + 1)).empty();
}

// A field of one or two words and a short value with a letter in it
// ("Seller: jo_m", "Treasurer: Paul Girard"), not a teaser's title after a
// kicker ("Radio war: Kyle livid at Sonia's magic move") nor a price's
// label ("Amazon: $").
constexpr int kFieldValueMaxWords = 3;
bool ShortField(std::string_view s) {
  if (!OpensWithLabel(s)) return false;
  s = MatchText(s);
  const size_t colon = s.find(':');
  const std::string_view value = TrimBlanks(s.substr(colon + 1));
  const int label_words = internal::PortableWordCounts(s.substr(0, colon), 0.0, 0, nullptr).words;
  const int value_words = internal::PortableWordCounts(value, 0.0, 0, nullptr).words;
  return label_words <= 2 && value_words <= kFieldValueMaxWords && std::any_of(value.begin(), value.end(), IsLetterByte);
}

// Lexical cohesion: a line just above the main text that the context stage
// dropped, but of whose content words (3+ letters, not stopwords) at least
// two and at least half occur in the main text, is the article's own
// headline, standfirst, byline or caption; menus and teasers for other
// stories share few words with it.
constexpr size_t kPrefixStemChars = 5;
void RescueCohesive(std::string_view text, const std::vector<LineSpan>& spans, const std::vector<bool>& in_main,
                    size_t best_s, const StopwordSet& stop, CleanResult* res) {
  // Only lines inside the window can be rescued: no candidate there, no work.
  thread_local std::vector<size_t> cands;  // candidate lines, bottom up
  cands.clear();
  int window = kCohesionWindow;
  for (size_t i = best_s; i-- > 0 && window > 0;) {
    if (spans[i].blank) continue;
    --window;
    // A line of links only is a menu's, never a headline (and its URLs'
    // words would meet the lead's), and so is a row of labels set apart by
    // bars ("new | past | comments | ask"), whose common words do.
    if (res->lines[i].reason == LineReason::kContext && !IsLinkOnly(LineText(text, spans[i])) &&
        !IsLinkRow(LineText(text, spans[i]))) {
      cands.push_back(i);
    }
  }
  if (cands.empty()) return;
  // Each word of 3 bytes or more of the key (one space between words),
  // until `f` returns false. The lead's keys are the long ones: the spaces
  // of 64 bytes at a time become one bit mask (a byte compare per 8 bytes,
  // their top bits gathered by a multiply), so the walk branches once a
  // word and once per 64 bytes, not once a byte.
  auto for_words = [](std::string_view key, auto&& f) {
    const char* p = key.data();
    const size_t n = key.size();
    size_t start = 0;  // of the current word
    for (size_t block = 0; block < n; block += 64) {
      uint64_t spaces = 0;
      for (size_t k = 0; k < 64 && block + k < n; k += 8) {
        uint64_t x = 0;
        std::memcpy(&x, p + block + k, std::min<size_t>(8, n - block - k));  // zeros past the end
        if constexpr (std::endian::native == std::endian::big) x = __builtin_bswap64(x);
        const uint64_t y = x ^ 0x2020202020202020ull;  // a space is a zero byte
        const uint64_t zero = ~(((y & 0x7F7F7F7F7F7F7F7Full) + 0x7F7F7F7F7F7F7F7Full) | y) & 0x8080808080808080ull;
        spaces |= ((zero * 0x0002040810204081ull) >> 56) << k;
      }
      while (spaces != 0) {
        const size_t at = block + static_cast<size_t>(std::countr_zero(spaces));
        spaces &= spaces - 1;
        if (at - start >= 3 && !f(std::string_view(p + start, at - start))) return;
        start = at + 1;
      }
    }
    if (n > start && n - start >= 3) f(std::string_view(p + start, n - start));
  };
  // A word is compared by a light stem, so a headline's present tense meets
  // the lead's past ("reveals" / "revealed", "closes" / "closed"), plurals
  // their singulars and comparatives their adjectives ("oldest" / "old"):
  // -ing, -ed, -es or -s goes, then -est or -er, then a final e, as long as
  // 3 letters stay. In a record of another language, whose endings are
  // not English ones and are many ("çorbası" / "çorbasını", "Brücke" /
  // "Brücken"), a word is its first kPrefixStemChars letters.
  const bool english = res->language == "en" || res->language.empty();
  auto hash = [english](std::string_view w) {
    if (!english) {
      size_t i = 0, chars = 0;
      for (; i < w.size(); ++i) {
        if ((static_cast<unsigned char>(w[i]) & 0xC0) != 0x80 && chars++ == kPrefixStemChars) break;
      }
      w = w.substr(0, i);
      return XXH3_64bits(w.data(), w.size()) | 1;
    }
    auto strip = [&w](std::string_view suffix) {
      if (w.size() >= suffix.size() + 3 && w.substr(w.size() - suffix.size()) == suffix) {
        w.remove_suffix(suffix.size());
        return true;
      }
      return false;
    };
    const bool stripped = strip("ing") || strip("ed") || strip("es");
    if (!stripped && w.size() >= 2 && w[w.size() - 2] != 's') strip("s");  // not "-ss": "press", "chess"
    if (!strip("est")) strip("er");  // "oldest", "longer": "old", "long"
    strip("e");
    return XXH3_64bits(w.data(), w.size()) | 1;  // 0: an empty slot
  };
  thread_local std::string key, scratch, lead_key;
  // The line right above the main text whose words begin its first line is
  // its title, however few its words: "Shingles" over "Shingles is an
  // infection ...", a glossary's or an encyclopedia's head word.
  {
    size_t top = best_s;  // the first line of the main text
    while (top < spans.size() && (spans[top].blank || !in_main[top])) ++top;
    bool adjacent = true;  // nothing but blank lines and lines a rule took between
    for (size_t j = cands[0] + 1; j < best_s; ++j) {
      adjacent = adjacent && (spans[j].blank || (!res->lines[j].keep && res->lines[j].reason == LineReason::kRule));
    }
    if (top < spans.size() && adjacent) {
      LineKey(LineText(text, spans[cands[0]]), &key, &scratch);
      LineKey(LineText(text, spans[top]), &lead_key, &scratch);
      if (key.size() >= kTitleMinChars && lead_key.size() > key.size() && lead_key.starts_with(key) &&
          lead_key[key.size()] == ' ') {
        res->lines[cands[0]].keep = true;
        res->lines[cands[0]].reason = LineReason::kKept;
      }
    }
  }
  // The stem keeps a word's first three bytes, so a lead word whose first
  // three are no candidate word's is looked up no further: most of the
  // lead's words are not in the few candidates, and this bit set of their
  // first three bytes (hashed) turns them away before the stem and hash.
  std::array<uint64_t, 64> prefixes{};
  auto prefix_bit = [](std::string_view w) {
    const uint32_t p = static_cast<uint32_t>(static_cast<unsigned char>(w[0])) |
                       static_cast<uint32_t>(static_cast<unsigned char>(w[1])) << 8 |
                       static_cast<uint32_t>(static_cast<unsigned char>(w[2])) << 16;
    return (p * 0x9E3779B1u) >> 20;  // 12 bits
  };
  // The candidates' content words (3+ letters, not stopwords): few, so the
  // lead's words are looked up in them, not the other way round.
  thread_local std::vector<uint64_t> words;  // per candidate, its words' hashes
  thread_local std::vector<uint32_t> ends;   // where each candidate's words end in `words`
  words.clear();
  ends.clear();
  for (size_t i : cands) {
    LineKey(LineText(text, spans[i]), &key, &scratch);
    for_words(key, [&](std::string_view w) {
      if (stop.Contains(w)) return true;
      words.push_back(hash(w));
      const uint32_t b = prefix_bit(w);
      prefixes[b >> 6] |= uint64_t{1} << (b & 63);
      return true;
    });
    ends.push_back(static_cast<uint32_t>(words.size()));
  }
  if (words.empty()) return;
  // An open-addressing table of those words, at most half full; a slot's
  // flag says the word occurs in the lead.
  size_t cap = 64;
  while (cap < 2 * words.size()) cap *= 2;
  thread_local std::vector<uint64_t> slots;
  thread_local std::vector<uint8_t> seen;
  slots.assign(cap, 0);
  seen.assign(cap, 0);
  size_t distinct = 0;
  auto find = [&](uint64_t h) {
    size_t s = static_cast<size_t>(h * 0x9E3779B97F4A7C15ull >> 40) & (cap - 1);
    while (slots[s] != 0 && slots[s] != h) s = (s + 1) & (cap - 1);
    return s;
  };
  for (uint64_t h : words) {
    size_t s = find(h);
    if (slots[s] == 0) {
      slots[s] = h;
      ++distinct;
    }
  }
  // The lead (the first kLeadLines lines of the main text) is where a
  // headline's words come back; the rest of the article adds cost, not
  // much evidence. The scan stops once every word was found. Kept
  // paragraphs right above the main text, with only blank lines and lines
  // a rule took between, begin it: the story's first paragraph, which a
  // comments heading inside the story set apart from the rest.
  auto paragraph_above = [&](size_t i) {
    return i < best_s && res->lines[i].keep && res->lines[i].words >= kLongSentenceMinWords;
  };
  size_t lead_s = best_s;
  for (size_t i = best_s; i-- > 0;) {
    if (spans[i].blank || (!res->lines[i].keep && res->lines[i].reason == LineReason::kRule)) continue;
    if (!paragraph_above(i)) break;
    lead_s = i;
  }
  size_t unseen = distinct;
  int lead = kLeadLines;
  for (size_t i = lead_s; i < spans.size() && lead > 0 && unseen > 0; ++i) {
    if (spans[i].blank || !(in_main[i] || paragraph_above(i))) continue;
    --lead;
    LineKey(LineText(text, spans[i]), &key, &scratch);
    for_words(key, [&](std::string_view w) {
      const uint32_t b = prefix_bit(w);
      if ((prefixes[b >> 6] >> (b & 63) & 1) == 0) return true;
      size_t s = find(hash(w));
      if (slots[s] != 0 && !seen[s]) {
        seen[s] = 1;
        --unseen;
      }
      return unseen > 0;
    });
  }
  uint32_t from = 0;
  for (size_t c = 0; c < cands.size(); ++c) {
    int total = static_cast<int>(ends[c] - from), found = 0;
    for (uint32_t k = from; k < ends[c]; ++k) found += seen[find(words[k])];
    from = ends[c];
    if (found >= 2 && found * 2 >= total) {
      LineDecision& d = res->lines[cands[c]];
      d.keep = true;
      d.reason = LineReason::kKept;
    }
  }
}

// A thread: a forum topic, a guestbook, comments shown as posts. Each post
// comes with the same short lines of chrome ("Posted", "Show Post", a rank
// title, "Posts: 2783", the date it was posted; digits aside). A marker is
// such a line (at most kMarkerMaxWords words) that recurs with prose
// between its copies at least kThreadMinPosts times; a thread has at least
// kThreadMarkers markers (a teaser list with one "Read more" a teaser is no
// thread). When the main text is one of the posts (a copy of a marker
// below its start, or the last copy right above it), the thread is the
// span from the first copy to the end of the post after the last (see
// kPostEndLines), none of it across a barrier, and its posts are main text
// however short. `marker(i)` says whether line i may be a marker and
// `key(i)` gives its key. Leaves *s > *e when there is no such thread.
constexpr int kMarkerMaxWords = 6;
constexpr uint32_t kThreadMinPosts = 3;
constexpr int kThreadMarkers = 2;
constexpr int kPostEndLines = 3;

template <typename Marker, typename Key>
void ThreadSpan(const std::vector<LineSpan>& spans, const std::vector<bool>& barrier, const std::vector<bool>& good,
                size_t best_s, size_t best_e, Marker&& marker, Key&& key, size_t* s, size_t* e) {
  const size_t n = spans.size();
  // Marker lines of the main text's zone (the lines between its barriers).
  size_t zone_s = best_s, zone_e = best_e;
  while (zone_s > 0 && !barrier[zone_s - 1]) --zone_s;
  while (zone_e + 1 < n && !barrier[zone_e + 1]) ++zone_e;
  thread_local std::vector<std::pair<uint64_t, uint32_t>> occ;  // (key, line)
  occ.clear();
  for (size_t i = zone_s; i <= zone_e; ++i) {
    if (!spans[i].blank && marker(i)) occ.emplace_back(key(i), static_cast<uint32_t>(i));
  }
  std::sort(occ.begin(), occ.end());
  auto has_good = [&](size_t a, size_t b) {  // a good line in (a, b)
    for (size_t k = a + 1; k < b; ++k) {
      if (good[k]) return true;
    }
    return false;
  };
  int markers = 0;
  size_t from = SIZE_MAX, to = 0;
  for (size_t g = 0; g < occ.size();) {
    size_t h = g;
    while (h < occ.size() && occ[h].first == occ[g].first) ++h;
    const size_t first = occ[g].second, last = occ[h - 1].second;
    const bool main_is_post = first < best_s && (last > best_s || !has_good(last, best_s));
    if (h - g < kThreadMinPosts || !main_is_post) {
      g = h;
      continue;
    }
    uint32_t posts = 0;
    size_t longest = 0;  // non-blank lines between two copies
    for (size_t k = g; k + 1 < h; ++k) {
      const size_t a = occ[k].second, b = occ[k + 1].second;
      if (!has_good(a, b)) continue;
      ++posts;
      size_t lines = 0;
      for (size_t j = a + 1; j < b; ++j) lines += !spans[j].blank;
      longest = std::max(longest, lines);
    }
    // The post after the last copy: up to `longest` non-blank lines, to the
    // last good line before kPostEndLines lines in a row that are not (the
    // post's own chrome, then the page's footer).
    size_t end = last;
    size_t left = longest, other = 0;
    for (size_t j = last + 1; j <= zone_e && left > 0 && other < kPostEndLines; ++j) {
      if (spans[j].blank) continue;
      --left;
      if (good[j]) {
        end = j;
        other = 0;
      } else {
        ++other;
      }
    }
    if (posts + (end > last) >= kThreadMinPosts) {
      ++markers;
      from = std::min(from, first);
      to = std::max(to, end);
    }
    g = h;
  }
  if (markers >= kThreadMarkers) {
    *s = from;
    *e = to;
  }
}

// How many non-blank lines right after the main text may hold its sign-off
// ("(Reporting by ...)", "With files from ...", "- AFP").
constexpr int kSignOffLines = 3;
// Verses (a record with no prose line): a run of at least kVerseMinLines
// lines of kVerseMinWords to kVerseMaxWords words each.
constexpr size_t kVerseMinLines = 4;
constexpr int kVerseMinWords = 3;
constexpr int kVerseMaxWords = 15;
// A line of more words than this is a paragraph: only rules without
// max_words meet it (the default packs keep max_words at 40 or less).
constexpr uint16_t kRuleParagraphWords = 40;
// A letter's closing keeps at most this many lines under it (the signer's
// name, title or office), each of at most kSignerMaxWords words.
constexpr int kSignerLines = 2;
constexpr uint16_t kSignerMaxWords = 8;
// A closing at most this many non-blank lines below the main text ends the
// letter, when context alone dropped the lines between.
constexpr int kClosingReach = 8;

// At most this many teasers' titles in a box inside the story whose last
// paragraph follows them ("Read more:", two headlines, the paragraph).
constexpr size_t kBoxTeasers = 2;
constexpr uint16_t kBoxParagraphMinWords = 15;
// How many non-blank lines above the head the walk for its headline and
// metadata may pass (toolbar items between byline and text).
constexpr int kHeadToolbarLines = 10;
// At most this many metadata lines in that walk (more are a list of dates).
constexpr size_t kHeadMetaLines = 2;
// This many navigation labels in a row ("News", "Sport") are the site's
// menu: the walk for the headline above the main text stops there, and
// the site's name above the menu goes. (Three let the name above a menu of
// two stay; two removed more chrome on L3S-GN1 and no content.)
constexpr int kHeadMenuLines = 2;
// A kept line of at most this many words between two menu labels is an
// item of the menu.
constexpr uint16_t kMenuItemMaxWords = 3;

// At most this many lines between a teaser heading and the main text are
// taken for its items (more, with no prose among them, are something else).
constexpr int kTeaserItemLines = 12;

// A line a navigation rule took that is a label, with a letter in it: not a
// count or page number ("312", "4" beside a byline's buttons).
bool IsMenuLabel(std::string_view line, const LineDecision& d, const RuleSet& rules) {
  if (d.reason != LineReason::kRule || RuleOf(rules, d.rule).category != kNavigationCategory) {
    return false;
  }
  return std::any_of(line.begin(), line.end(), IsLetterByte);
}

// A line a credit rule took: a picture's caption or credit, an embedded
// post's attribution, which stand inside an article's text; and an
// advertisement's "Story continues below".
bool IsCredit(const RuleSet& rules, const LineDecision& d) {
  if (d.reason != LineReason::kRule) return false;
  const std::string& category = RuleOf(rules, d.rule).category;
  return category == kCreditCategory || category == kContinuesCategory;
}

// A line a teaser rule of line scope took: one teaser on one line ("Read
// also: Ferry strike ends"), which stands between a story's paragraphs
// as a caption does.
bool IsInlineTeaser(const RuleSet& rules, const LineDecision& d) {
  if (d.reason != LineReason::kRule) return false;
  const Rule& r = RuleOf(rules, d.rule);
  return r.category == kTeaserCategory && r.scope == RuleScope::kLine;
}

// A transcript's note on the room, a whole line in brackets of at most
// kStageDirectionMaxWords words and no figure: "[Applause]", "(Laughter)",
// "[Music playing]".
constexpr int kStageDirectionMaxWords = 3;
bool IsStageDirection(std::string_view line, int words) {
  line = TrimEnd(line);
  if (line.size() < 3 || words < 1 || words > kStageDirectionMaxWords || HasDigit(line)) return false;
  const char open = line.front(), close = line.back();
  return ((open == '[' && close == ']') || (open == '(' && close == ')')) &&
         line.find_first_of("[]()", 1) == line.size() - 1;
}

// The words by which an advertisement speaks to the reader ("you", "our"),
// per language of the packs: its copy under its label ("Our best deals,
// delivered to you every morning.") uses them, a story's last line seldom
// does. Pronouns only, of the second person and the first plural, and
// none that also means "she", "they" or "his".
struct ReaderWords {
  std::string_view language;
  std::array<std::string_view, 16> words;
};
constexpr ReaderWords kReaderWords[] = {
    {"en", {"you", "your", "yours", "we", "us", "our", "ours"}},
    {"de", {"ihnen", "wir", "uns", "unser", "unsere", "unseren", "unserem", "du", "dein", "deine", "euch", "euer"}},
    {"fr", {"vous", "votre", "vos", "nous", "notre", "nos", "tu", "ton", "tes"}},
    {"es", {"usted", "ustedes", "nosotros", "nosotras", "nuestro", "nuestra", "nuestros", "nuestras", "vuestro",
            "vuestra"}},
    {"it", {"voi", "vostro", "vostra", "vostri", "vostre", "noi", "nostro", "nostra", "nostri", "nostre"}},
    {"nl", {"u", "uw", "jij", "jouw", "jullie", "wij", "ons", "onze"}},
    {"pt", {"você", "vocês", "nós", "nosso", "nossa", "nossos", "nossas"}},
    {"ru", {"вы", "ваш", "ваша", "ваше", "ваши", "вас", "вам", "мы", "нас", "нам", "наш", "наша", "наше", "наши"}},
    {"pl", {"ty", "twój", "twoja", "twoje", "wy", "wasz", "wasza", "wasze", "was", "wam", "my", "nas", "nam", "nasz",
            "nasza", "nasze"}},
    {"cs", {"ty", "tvůj", "tvoje", "vy", "váš", "vaše", "vás", "vám", "my", "nás", "nám", "náš", "naše"}},
    {"sv", {"du", "dig", "din", "ditt", "dina", "ni", "er", "ert", "era", "vi", "oss", "vår", "vårt", "våra"}},
    {"da", {"du", "dig", "din", "dit", "dine", "jer", "jeres", "vi", "os", "vores"}},
    {"nb", {"du", "deg", "din", "ditt", "dine", "dere", "vi", "oss", "vår", "vårt", "våre"}},
    {"tr", {"sen", "sana", "seni", "senin", "siz", "size", "sizi", "sizin", "sizler", "biz", "bize", "bizi", "bizim"}},
    {"fi", {"sinä", "sinun", "sinua", "sinulle", "te", "teidän", "teitä", "teille", "me", "meidän", "meitä", "meille",
            "meiltä"}},
    {"hu", {"te", "ti", "ön", "önök", "önnek", "önöknek", "neked", "nektek", "mi", "nekünk", "minket", "mienk",
            "tiéd", "öné"}},
    {"uk", {"ви", "ваш", "ваша", "ваше", "ваші", "вас", "вам", "ми", "нас", "нам", "наш", "наша", "наше", "наші"}},
};
// The verbs an advertisement's call to action opens with in English
// ("Shop the latest deals", "Get half off").
constexpr std::string_view kCallVerbs[] = {
    "shop",    "see",    "get",    "click", "find",  "discover", "try",      "sign",   "join",  "download",
    "watch",   "listen", "follow", "share", "subscribe", "explore", "browse", "visit", "learn", "order",
    "buy",     "book",   "register", "create", "start", "grab",  "claim"};

// True when `line` speaks to the reader in `language` (its own words, or
// English ones on a page of no language found): a pronoun of
// kReaderWords, or in English a call to action's verb first.
bool AddressesReader(std::string_view line, std::string_view language) {
  if (language.empty() || language == "und") language = "en";
  const ReaderWords* table = nullptr;
  for (const ReaderWords& r : kReaderWords) {
    if (r.language == language) table = &r;
  }
  if (table == nullptr) return false;
  thread_local std::string folded;  // case folded beyond ASCII too ("Вы")
  folded.clear();
  AppendFoldedNfkc(line, &folded);
  bool first = true, found = false, ascii = true;
  // The words as the stopword counts split them (curly quotes, dashes and
  // guillemets end a word: "You’re", "«Nous"), each up to an apostrophe
  // ("you'll"); the words sought fit in the lowered bytes.
  ForEachWordBytes(folded, &ascii, [&](const char* lower, size_t len) {
    len = std::min(len, StopwordSet::kMaxPacked);
    const std::string_view word(lower, std::find(lower, lower + len, '\'') - lower);
    for (std::string_view w : table->words) found = found || (!w.empty() && w == word);
    if (first && language == "en") {
      for (std::string_view v : kCallVerbs) found = found || v == word;
    }
    first = false;
    return !found;
  });
  return found;
}

// A line with words that a rule took, no caption or credit: a toolbar's
// item, a box's heading or notice, an advertisement's label.
bool IsToolbarItem(const RuleSet& rules, const LineDecision& d) {
  return !d.keep && d.reason == LineReason::kRule && d.words > 0 &&
         RuleOf(rules, d.rule).category != kCreditCategory;
}

// Line k stands right between two toolbar items (IsToolbarItem), no blank
// line between, and is no sentence: one of theirs (an audio player's "3
// min" between "Listen to this article" and "Listen").
bool BetweenToolbarItems(const RuleSet& rules, const std::vector<LineSpan>& spans,
                         const std::vector<LineDecision>& lines, const std::vector<Shape>& shapes, size_t k) {
  return k > 0 && k + 1 < spans.size() && !shapes[k].end_punct && !spans[k - 1].blank && !spans[k + 1].blank &&
         IsToolbarItem(rules, lines[k - 1]) && IsToolbarItem(rules, lines[k + 1]);
}

// Whether `s` starts with `p` (lower-case ASCII letters and spaces),
// whatever the case of its letters.
bool StartsWithLower(std::string_view s, std::string_view p) {
  if (s.size() < p.size()) return false;
  for (size_t i = 0; i < p.size(); ++i) {
    if ((s[i] | 0x20) != p[i]) return false;
  }
  return true;
}

// A link on to more of a box's kind: "More Weather", "More related
// articles »", "See all".
bool MoreLink(std::string_view s, int words) {
  const bool arrow = (s.size() >= 2 && s.substr(s.size() - 2) == "\xC2\xBB") ||  // »
                     (s.size() >= 3 && s.substr(s.size() - 3) == "\xE2\x80\xBA");  // ›
  return words <= 5 &&
         (arrow || StartsWithLower(s, "more ") || StartsWithLower(s, "see all") || StartsWithLower(s, "view all"));
}

// A teaser's link to its story, under its summary: "Read more", "Continue
// reading", "Full story »".
bool ReadOnLink(std::string_view s, int words) {
  s = TrimBlanks(s);
  return words <= 5 && (StartsWithLower(s, "read more") || StartsWithLower(s, "continue reading") ||
                        StartsWithLower(s, "read the full") || StartsWithLower(s, "read full") ||
                        StartsWithLower(s, "full story") || StartsWithLower(s, "keep reading"));
}

// A table of figures: a run of cells (lines of at most kCellMaxWords words
// that are neither prose nor a sentence), of which at least kTableMinFigures
// are figures ("54%", "T5", "306.9 yds.": digits at least as many as
// letters), at least a third of the run, and which has at least
// kTableMinRows rows: a label ("Shots", "Driving Accuracy") with figures
// after it. A pager ("1", "2", "3") or a list of years has no labels, a
// calendar ("Sun" ... "Sat", then 1 to 31) one row. A table of more text
// columns than figures, flattened a cell to a line (a result's "Candidate /
// Party / Votes", then a name, a party and a count per row), is one too
// when its figures come at one fixed period of 3 to kTableMaxColumns cells,
// at least kTableMinRows times: a menu or a tag list has no such beat. (A
// period of 2 is a label and its figure, which the first kind covers; a
// sidebar of posts and their reply counts has that beat too.)
constexpr int kCellMaxWords = 4;
constexpr size_t kTableMinFigures = 4;
constexpr size_t kTableMinRows = 3;
constexpr size_t kTableMaxColumns = 6;

// Digits and letters of `s` (a multi-byte character counts as a letter).
struct CellChars {
  int digits = 0, letters = 0;
};
CellChars CountCellChars(std::string_view s) {
  CellChars c;
  for (unsigned char ch : s) {
    if (ch >= '0' && ch <= '9') {
      ++c.digits;
    } else if (((ch | 0x20) >= 'a' && (ch | 0x20) <= 'z') || ch >= 0xC0) {
      ++c.letters;
    }
  }
  return c;
}

// Whether a line may be a cell of a table of figures.
enum class CellKind {
  kNone,
  kAny,
  kRepeat,      // a cell that repeats a line above it
  kBareFigure,  // only if it has digits and no letters ("14")
};

// Marks in *table the lines of each table of figures among the non-blank
// lines: `cell(i)` says what kind of cell line i may be. A line that is
// not a cell ends a run; blank lines do not.
template <typename CellOf>
void FindFigureTables(std::string_view text, const std::vector<LineSpan>& spans, CellOf&& cell,
                      std::vector<bool>* table) {
  const size_t n = spans.size();
  size_t start = 0, figures = 0, labels = 0, rows = 0;
  bool after_label = false;
  // The figures' places among the run's cells: the first, the last, the
  // step between them (0: none yet), and whether every step was that one.
  // Past the first row, the columns that have a cell (`seen`), and those
  // with a cell that is no repeat (`fresh`), by place after the figure: a
  // column of repeats is a row's buttons ("Email dealer", "More details"
  // under each car's price), and a listing is no table.
  size_t first_figure = 0, last_figure = 0, step = 0;
  bool periodic = true;
  uint32_t seen = 0, fresh = 0;
  auto close = [&](size_t end) {
    if (figures >= kTableMinFigures && rows >= kTableMinRows && 3 * figures >= figures + labels) {
      for (size_t k = start; k < end; ++k) (*table)[k] = !spans[k].blank;
    } else if (periodic && step >= 3 && step <= kTableMaxColumns && figures >= kTableMinRows &&
               (seen & ~fresh & ~1u) == 0) {
      // The rows, and a header row above them: the cells from 2 * step - 1
      // places above the first figure to step - 1 places below the last
      // (where a row's figure stands in it is not known).
      const size_t lo = first_figure >= 2 * step - 1 ? first_figure - (2 * step - 1) : 0;
      const size_t hi = last_figure + step - 1;
      for (size_t k = start, place = 0; k < end && place <= hi; ++k) {
        if (spans[k].blank) continue;
        (*table)[k] = place >= lo;
        ++place;
      }
    }
    figures = labels = rows = 0;
    after_label = false;
    step = 0;
    periodic = true;
    seen = fresh = 0;
  };
  for (size_t i = 0; i < n; ++i) {
    if (spans[i].blank) continue;
    const CellKind kind = cell(i);
    const CellChars c = kind == CellKind::kNone
                            ? CellChars{}
                            : CountCellChars(LineText(text, spans[i]));
    if (kind == CellKind::kNone || (kind == CellKind::kBareFigure && (c.digits == 0 || c.letters > 0))) {
      close(i);
      start = i + 1;
      continue;
    }
    const size_t place = figures + labels;
    if (figures >= 2 && place > first_figure + step && step <= kTableMaxColumns) {
      const uint32_t column = 1u << ((place - first_figure) % step);
      seen |= column;
      if (kind != CellKind::kRepeat) fresh |= column;
    }
    if (c.digits > 0 && c.digits >= c.letters) {
      if (figures == 0) {
        first_figure = place;
      } else if (figures == 1) {
        step = place - first_figure;
      } else {
        periodic = periodic && place - last_figure == step;
      }
      last_figure = place;
      ++figures;
      rows += after_label;
      after_label = false;
    } else {
      ++labels;
      after_label = true;
    }
  }
  close(n);
}

// Whether the non-blank lines [b, e) read as a table of fields: every line
// a cell (at most kCellMaxWords words), and at least a third of them a
// field ("Battery: 2 days", "Waterproof: Yes"). A spec table between a
// review's paragraphs. A menu's items are cells too, but no fields. (A
// table of figures is found apart: FindFigureTables.)
bool FieldTable(std::string_view text, const std::vector<LineSpan>& spans, const std::vector<LineDecision>& lines,
                size_t b, size_t e) {
  size_t cells = 0, fields = 0;
  for (size_t k = b; k < e; ++k) {
    if (spans[k].blank) continue;
    if (lines[k].words > kCellMaxWords) return false;
    ++cells;
    fields += OpensWithLabel(LineText(text, spans[k]));
  }
  return cells > 0 && 3 * fields >= cells;
}

// The line's key with its digits folded to '0' ("posts 0" for "Posts:
// 2783"): lines that differ in their numbers only have one.
void DigitFoldedKey(std::string_view line, std::string* key, std::string* scratch) {
  LineKey(line, key, scratch);
  for (char& c : *key) c = (c >= '0' && c <= '9') ? '0' : c;
}

// A run of at least this many list items right above the main text is its.
constexpr size_t kMarkerRunLines = 3;

// A list item's marker ("1872", "12.") has at most this many bytes.
constexpr size_t kMarkerMaxChars = 6;

// The digit-folded key of a short numbered line ("step 0" for "Step 4"),
// or empty when the line is no such line.
std::string NumberedKey(std::string_view line, int words) {
  std::string key, scratch;
  if (words >= 1 && words <= kSectionMaxWords && HasDigit(line)) DigitFoldedKey(line, &key, &scratch);
  return key;
}

// The marker a list item opens with, digits folded ("0000" for "1872 School
// opens", "0." for "4. Stir in the flour", "00:00" for "09:30 Welcome"), a
// word and a number ("week 0" for "Week 4 Work and family life"), or a
// bullet glyph ("-", "*", "\u2022"); empty when the line opens otherwise.
constexpr size_t kMarkerWordMaxChars = 10;
std::string_view LeadMarker(std::string_view line, std::string* buf) {
  line = TrimBlanks(line);
  const size_t end = std::min(line.find_first_of(" \t"), line.size());
  const std::string_view token = line.substr(0, end);
  if (end == line.size() || token.empty()) return {};
  if (token == "-" || token == "*" || token == "\xE2\x80\xA2" || token == "\xC2\xB7" || token == "\xE2\x96\xAA" ||
      token == "\xE2\x80\x93") {
    return token;
  }
  // Digits folded, and the punctuation that may follow or split them.
  auto fold = [&](std::string_view t) {
    if (t.size() > kMarkerMaxChars || !HasDigit(t)) return false;
    for (char c : t) {
      if (c >= '0' && c <= '9') {
        buf->push_back('0');
      } else if (c == '.' || c == ')' || c == ':') {
        buf->push_back(c);
      } else {
        return false;
      }
    }
    return true;
  };
  buf->clear();
  if (fold(token)) return *buf;
  // A word of ASCII letters, then a number: "Week 4", "Day 1:", "Step 2."
  if (token.size() > kMarkerWordMaxChars ||
      !std::all_of(token.begin(), token.end(), [](char c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; })) {
    return {};
  }
  const std::string_view rest = TrimBlanks(line.substr(end));
  const size_t end2 = std::min(rest.find_first_of(" \t"), rest.size());
  buf->clear();
  for (char c : token) buf->push_back(static_cast<char>(c | 0x20));
  buf->push_back(' ');
  if (end2 == rest.size() || !fold(rest.substr(0, end2))) return {};
  return *buf;
}

// Whether line k is a numbered heading like one inside the main text
// [best_s, best_e] ("Step 4" below "Step 1" ... "Step 3", "Question 5",
// "Day 3"): the text's next part, not a line that ends it.
bool NumberedLikeMain(std::string_view text, const std::vector<LineSpan>& spans, const std::vector<Shape>& shapes,
                      const std::vector<bool>& in_main, size_t best_s, size_t best_e, size_t k) {
  const std::string key = NumberedKey(LineText(text, spans[k]), shapes[k].words);
  if (key.empty()) return false;
  for (size_t j = best_s; j <= best_e; ++j) {
    if (!spans[j].blank && in_main[j] && NumberedKey(LineText(text, spans[j]), shapes[j].words) == key) return true;
  }
  return false;
}

// The number a list item opens with ("5. Avanos", "12) Pack light": 5,
// 12), with the mark after it at `*mark`; -1 when the line opens otherwise.
int ItemNumber(std::string_view line, char* mark) {
  line = TrimBlanks(line);
  int n = 0;
  size_t i = 0;
  while (i < line.size() && i < 3 && line[i] >= '0' && line[i] <= '9') n = n * 10 + (line[i++] - '0');
  if (i == 0 || i + 1 >= line.size() || (line[i] != '.' && line[i] != ')') || line[i + 1] != ' ') return -1;
  *mark = line[i];
  return n;
}

// Whether line k is the next item of a numbered list inside the main text
// [best_s, best_e]: "5. Avanos" below "4. Ihlara Valley".
bool NextItemOfMain(std::string_view text, const std::vector<LineSpan>& spans, const std::vector<bool>& in_main,
                    size_t best_s, size_t best_e, size_t k) {
  char mark = 0, prev_mark = 0;
  const int n = ItemNumber(LineText(text, spans[k]), &mark);
  if (n < 2) return false;
  for (size_t j = best_e + 1; j-- > best_s;) {
    if (spans[j].blank || !in_main[j]) continue;
    if (ItemNumber(LineText(text, spans[j]), &prev_mark) == n - 1 && prev_mark == mark) return true;
  }
  return false;
}

// A segment: a maximal scoring run of non-blank lines (see Clean).
struct Seg {
  size_t s, e;
  double sum;
  int zone;  // barriers passed before it
};

// The rules a gap between two runs of text holds, in order (blank lines
// and lines only context took aside), or nothing when another line (a
// barrier, a template line, a line of more than kPostChromeMaxWords words that
// nothing took) stands in it.
constexpr size_t kPostChromeMinRules = 2;
constexpr uint16_t kPostChromeMaxWords = 4;
bool GapRules(const std::vector<LineSpan>& spans, const std::vector<bool>& barrier, const std::vector<bool>& tmpl,
              const std::vector<LineDecision>& lines, size_t from, size_t to, std::vector<int>* rules) {
  rules->clear();
  for (size_t j = from; j < to; ++j) {
    if (spans[j].blank) continue;
    if (barrier[j] || tmpl[j]) return false;
    if (lines[j].reason == LineReason::kRule) {
      rules->push_back(lines[j].rule);
    } else if (lines[j].words > kPostChromeMaxWords) {
      return false;
    }
  }
  return true;
}

// Posts of a thread (a forum's, a list's archive): when two lines of prose
// of the main text have between them the chrome each post prints (kPostChromeMinRules
// or more lines the same rules took, in the same order: "Reply", "Quote",
// "Posts: 2,341", with a name or a date that context left), a run of prose
// below the main text with that same chrome right above it is the next post,
// however short ("Thanks, I will try that."), from `segs` in the main
// text's zone, one after another.
void JoinNextPosts(const std::vector<LineSpan>& spans, const std::vector<bool>& barrier, const std::vector<bool>& tmpl,
                   const std::vector<bool>& good, const std::vector<LineDecision>& lines, int zone,
                   const std::vector<Seg>& segs, int min_words, std::vector<bool>* in_main, size_t* best_e) {
  thread_local std::vector<std::vector<int>> inner;
  thread_local std::vector<int> gap;
  inner.clear();
  const std::vector<bool>& m = *in_main;
  size_t prev_e = SIZE_MAX;
  for (size_t k = 0; k <= *best_e; ++k) {
    if (spans[k].blank || !m[k] || !good[k]) continue;
    if (prev_e != SIZE_MAX && k > prev_e + 1 && GapRules(spans, barrier, tmpl, lines, prev_e + 1, k, &gap) &&
        gap.size() >= kPostChromeMinRules && std::find(inner.begin(), inner.end(), gap) == inner.end()) {
      inner.push_back(gap);  // each sequence once: a thread of many posts has a few
    }
    prev_e = k;
  }
  if (inner.empty()) return;
  for (const Seg& g : segs) {  // left to right
    if (g.zone != zone || g.s <= *best_e || g.sum < min_words) continue;
    bool prose = false;
    for (size_t k = g.s; k <= g.e; ++k) prose = prose || good[k];
    if (!prose || !GapRules(spans, barrier, tmpl, lines, *best_e + 1, g.s, &gap) ||
        std::find(inner.begin(), inner.end(), gap) == inner.end()) {
      break;
    }
    for (size_t k = g.s; k <= g.e; ++k) (*in_main)[k] = !spans[k].blank;
    *best_e = g.e;
  }
}

// A signature: a name and a place set apart by a comma ("Phill, The Wirral,
// England"), or a name after a dash ("- Shaun Newport", "— Ann Lee"), of
// two to kNameMaxWords words, each opening with a capital (so no figure),
// with at most one stopword in three words and no colon, bar, address or
// end punctuation. A heading in title case is as much a name as a name is
// ("Latest Comments", "More State News"): without the comma or the dash a
// line is none.
constexpr int kNameMaxWords = 4;
constexpr size_t kNameMaxChars = 40;
bool NameLine(std::string_view s, int words, const StopwordSet& stop) {
  const std::string_view raw = TrimBlanks(s);
  s = MatchText(s);
  const bool dash = raw.starts_with('-') || raw.starts_with("\xE2\x80\x94") || raw.starts_with("\xE2\x80\x93");
  if (!dash && s.find(',') == std::string_view::npos) return false;
  if (s.starts_with("\xE2\x80\x94") || s.starts_with("\xE2\x80\x93")) s = TrimBlanks(s.substr(3));  // MatchText leaves those
  if (words < 2 || words > kNameMaxWords || VisibleChars(s) > kNameMaxChars || EndsWithPunct(s) ||
      s.find_first_of(":|@/") != std::string_view::npos) {
    return false;
  }
  size_t at = 0;
  while (at < s.size()) {
    const size_t end = std::min(s.find(' ', at), s.size());
    std::string_view w = s.substr(at, end - at);
    at = end + 1;
    while (!w.empty() && (w.front() == '(' || w.front() == '"')) w.remove_prefix(1);
    if (w.empty()) continue;
    const auto c = static_cast<unsigned char>(w[0]);
    if (c < 0x80) {
      if (c < 'A' || c > 'Z') return false;
      continue;
    }
    size_t i = 0;
    const int32_t cp = DecodeUtf8(w, &i);
    if (cp < 0 || utf8proc_category(cp) != UTF8PROC_CATEGORY_LU) return false;
  }
  const internal::WordCounts wc = internal::PortableWordCounts(s, 2.0, 0, &stop);
  return 3 * wc.stopwords <= wc.words;
}

// A table right after the article: at most this many lines, and at least
// kTableMinRows of them rows, with figures or short fields (two dates under
// a story are a footer's).
constexpr size_t kTrailingTableLines = 16;
// A bare label: a line of at most kBareLabelMaxWords words with no figure,
// colon or end punctuation, a heading's or a link's ("Customer reviews",
// "Have your say on social media"), no table's row and no sentence. Below
// a table's last row it heads what follows the table, not the table.
constexpr uint16_t kBareLabelMaxWords = 6;

bool TableRow(std::string_view s) { return HasDigit(s) || ShortField(s); }

bool BareLabel(std::string_view s, int words) {
  return words <= kBareLabelMaxWords && !EndsWithPunct(s) && !HasDigit(s) && s.find(':') == std::string_view::npos;
}

// A table or fact box printed right after the article's last paragraph (the
// results of the race the story is about, the schedule, "When: 8 p.m.,
// Saturday") is the article's: what ends an article is the page's chrome
// (a toolbar, a menu, "Related"), and when a rule, a template or a barrier
// says so right after a short run of lines that only context dropped, and at
// least half of those lines (and kTableMinRows) carry figures or are short
// fields (ShortField: an association's "Treasurer: Paul Girard", a listing's
// "Seller: jo_m"), the run stays. A menu, a teaser list or a tag cloud has
// few of either. A copy of a line that only context took above (a menu's
// "Results") may head it, and a picture's credit may stand between it and
// the last paragraph. The run stays down to its last line that is no
// heading (a BareLabel).
void KeepTrailingTable(std::string_view text, const std::vector<LineSpan>& spans, const std::vector<bool>& barrier,
                       const std::vector<bool>& table, const RuleSet& rules, size_t best_e, CleanResult* res) {
  const size_t n = spans.size();
  size_t lines = 0, rows = 0, fields = 0, j = best_e + 1, first = SIZE_MAX, last_row = SIZE_MAX;
  for (; j < n; ++j) {
    if (spans[j].blank) continue;
    const LineDecision& d = res->lines[j];
    // (A picture's credit under the last paragraph stands before it, as it
    // stands between paragraphs: it goes, and ends nothing.)
    if (lines == 0 && !barrier[j] && IsCredit(rules, d)) continue;
    if (first == SIZE_MAX) first = j;
    const bool figure = table[j] && d.reason == LineReason::kRule;  // a bare figure a rule took for a pager
    if (barrier[j] || (d.reason == LineReason::kRule && !figure) || d.reason == LineReason::kTemplate) break;
    // (The table's heading may repeat a menu's label: "Results".)
    const bool label_copy = lines == 0 && d.reason == LineReason::kRepeat && d.ref_line != 0 && d.ref_line - 1 < j &&
                            !res->lines[d.ref_line - 1].keep &&
                            res->lines[d.ref_line - 1].reason == LineReason::kContext;
    if (d.keep || (d.reason != LineReason::kContext && !figure && !label_copy) || ++lines > kTrailingTableLines) {
      return;
    }
    std::string_view s = MatchText(LineText(text, spans[j]));
    if (MoreLink(s, d.words)) return;  // a widget's or a teaser box's link on: not the article's
    const bool row = TableRow(s);
    rows += row;
    fields += OpensWithLabel(s);
    // The last line that may end the table: a row, or a line of another
    // shape than a heading's (a note: "Next game: Castle v Hollins."), but
    // no date alone ("Last modified: September 2, 2006": a page's, not
    // the table's).
    const bool dateline = RuleTextHit(rules, &RuleSet::MatchMeta, s, d.words, res->language) >= 0;
    if (!dateline && (row || !BareLabel(s, d.words))) last_row = j;
  }
  // At the record's end no chrome says the article ended: a box of fields
  // ("Instructor: Dr. Helen Park", "Office hours: ...") still is the
  // article's, a sidebar's dates or counts are not.
  if ((j == n && fields < kTableMinRows) || rows < kTableMinRows || 2 * rows < lines) return;
  // Headings between the table and the toolbar head what the toolbar opens
  // ("Customer reviews" over "Write a review"): they go.
  for (size_t k = first; k <= last_row; ++k) {
    LineDecision& d = res->lines[k];
    if (spans[k].blank) continue;
    d.keep = true;
    d.reason = LineReason::kKept;
    d.ref_line = 0;
  }
}

// The list a list heading at `heading` announces, up to `end`: the lines
// below it that nothing took (no rule, repeat, template or barrier), up to
// kAnnouncedLines of them, join the main text with the heading when there
// are kListMinItems or more.
void JoinAnnouncedList(const std::vector<LineSpan>& spans, const std::vector<bool>& barrier,
                       const std::vector<bool>& tmpl, const std::vector<LineDecision>& lines, size_t heading,
                       size_t end, std::vector<bool>* in_main) {
  size_t last = heading, items = 0;
  for (size_t j = heading + 1; j < end && items < kAnnouncedLines; ++j) {
    if (spans[j].blank) continue;
    if (barrier[j] || tmpl[j] || lines[j].reason != LineReason::kKept) break;
    last = j;
    ++items;
  }
  if (items < kListMinItems) return;
  for (size_t j = heading; j <= last; ++j) (*in_main)[j] = !spans[j].blank;
}

// Whether the line k, whose earlier copy is line `ref` (1-based), stands
// right under a contents box holding that copy: every non-blank line from
// the copy down to k is an entry of the box (copied_below names its copy
// further down), the copy naming k itself.
bool ContentsBoxRightAbove(const std::vector<LineSpan>& spans, const std::vector<uint32_t>& copied_below,
                           uint32_t ref, size_t k) {
  if (ref == 0 || copied_below[ref - 1] != k + 1) return false;
  for (size_t j = ref; j < k; ++j) {
    if (!spans[j].blank && copied_below[j] == 0) return false;
  }
  return true;
}

// Article metadata beside the article: lines that only context dropped, but
// that a `meta` rule calls a byline, dateline or wire credit ("By Jane Roe,
// Staff Writer", "Updated: March 3, 2021 4:10 pm", "(AFP)"), stay where they
// belong to the article:
//  - in its head: from just above the topmost line kept among the
//    kCohesionWindow non-blank lines above the main text (headline,
//    standfirst; up to a barrier) down to the main text;
//  - in its sign-off: the run of such lines right after the main text (up
//    to kSignOffLines, up to a barrier or a line that is neither).
// A date or a name elsewhere (a teaser list, a comment) is left to context.
void KeepArticleMeta(std::string_view text, const std::vector<LineSpan>& spans, const std::vector<bool>& barrier,
                     size_t best_s, size_t best_e, const RuleSet& rules, CleanResult* res) {
  auto is_meta = [&](size_t k) {
    const LineDecision& d = res->lines[k];
    return !d.keep && d.reason == LineReason::kContext &&
           RuleTextHit(rules, &RuleSet::MatchMeta, LineText(text, spans[k]), d.words, res->language) >= 0;
  };
  auto keep = [&](size_t k) {
    res->lines[k].keep = true;
    res->lines[k].reason = LineReason::kKept;
  };
  size_t top = best_s;
  int window = kCohesionWindow;
  for (size_t k = best_s; k-- > 0 && window > 0;) {
    if (spans[k].blank) continue;
    --window;
    if (barrier[k]) break;
    if (res->lines[k].keep) top = k;
  }
  size_t from = top;
  for (size_t k = top; k-- > 0;) {
    if (spans[k].blank) continue;
    if (!barrier[k]) from = k;
    break;
  }
  for (size_t k = from; k < best_s; ++k) {
    if (!spans[k].blank && is_meta(k)) keep(k);
  }
  // Above that, the head goes on up while its lines are metadata, toolbar
  // items a rule took ("Email article", "Text size") or repeats (a line
  // printed twice, the entries of a table of contents), and the line right
  // above a byline or dateline is the headline. More than kHeadMetaLines
  // such lines in the walk are a list (an archive by month, dates of
  // teasers): none of them stays.
  // The walk starts right above the head's topmost kept line: `from` when
  // it stayed, else the line below it (the main text's first line, whose
  // byline may open the main text itself), so `from` is a candidate too.
  auto line_at = [&](size_t k) { return LineText(text, spans[k]); };
  size_t anchor = from;
  if (!res->lines[from].keep && from < best_s) {
    anchor = from + 1;
    while (anchor < best_s && spans[anchor].blank) ++anchor;
  }
  bool under_meta =
      !spans[anchor].blank && res->lines[anchor].keep &&
      RuleTextHit(rules, &RuleSet::MatchMeta, line_at(anchor), res->lines[anchor].words, res->language) >= 0;
  size_t meta[kHeadMetaLines];
  size_t metas = 0, headline = SIZE_MAX;
  bool list = false;
  window = kHeadToolbarLines;
  for (size_t k = anchor; k-- > 0 && window > 0;) {
    if (spans[k].blank) continue;
    --window;
    const LineDecision& d = res->lines[k];
    if (barrier[k] || d.keep) break;
    if (d.reason == LineReason::kRule || d.reason == LineReason::kRepeat) {
      under_meta = false;
      continue;
    }
    if (is_meta(k)) {
      list = metas == kHeadMetaLines;
      if (list) break;
      meta[metas++] = k;
      under_meta = true;
      continue;
    }
    if (under_meta && d.reason == LineReason::kContext && d.words >= kHeadlineMinWords && !EndsWithColon(line_at(k))) {
      headline = k;
    }
    break;
  }
  if (!list) {
    for (size_t i = 0; i < metas; ++i) keep(meta[i]);
    if (headline != SIZE_MAX) keep(headline);
  }
  // A letter's closing (a meta rule of category "sign-off": "Yours
  // sincerely") keeps the signer's name and title under it: up to
  // kSignerLines short lines that only context dropped.
  auto keep_signer = [&](size_t k) {
    int signer = kSignerLines;
    for (size_t j = k + 1; j < spans.size() && signer > 0; ++j) {
      if (spans[j].blank) continue;
      const LineDecision& d = res->lines[j];
      if (barrier[j] || d.reason != LineReason::kContext || d.words == 0 || d.words > kSignerMaxWords) break;
      keep(j);
      --signer;
    }
  };
  auto closing_at = [&](size_t k) {
    const int hit = RuleTextHit(rules, &RuleSet::MatchMeta, LineText(text, spans[k]), res->lines[k].words,
                                res->language);
    return hit >= 0 && RuleOf(rules, hit).category == kSignOffCategory;
  };
  // A closing a few lines further down, with only lines that context
  // dropped between (a newsletter's list of this week's jobs, then "Happy
  // gardening,"): the letter goes on to it, and those lines are its own.
  {
    int reach = kClosingReach;
    for (size_t k = best_e + 1; k < spans.size() && reach > 0; ++k) {
      if (spans[k].blank) continue;
      const LineDecision& d = res->lines[k];
      if (barrier[k] || (!d.keep && d.reason != LineReason::kContext) || d.words == 0) break;
      --reach;
      if (d.keep || !closing_at(k)) continue;
      if (reach == kClosingReach - 1) break;  // right below: the sign-off walk below finds it
      for (size_t j = best_e + 1; j <= k; ++j) {
        if (!spans[j].blank) keep(j);
      }
      keep_signer(k);
      return;
    }
  }
  int lines = kSignOffLines;
  for (size_t k = best_e + 1; k < spans.size() && lines > 0; ++k) {
    if (spans[k].blank) continue;
    if (barrier[k]) break;
    if (res->lines[k].words == 0) continue;  // a rule of underscores or stars ("___", "* * *") sets it apart
    --lines;
    const LineDecision& line = res->lines[k];
    if (line.reason == LineReason::kRule) continue;  // a rule took a footer line
    const int hit = RuleTextHit(rules, &RuleSet::MatchMeta, LineText(text, spans[k]), line.words, res->language);
    if (!line.keep) {
      if (line.reason != LineReason::kContext || hit < 0) break;  // no metadata: the sign-off ended
      keep(k);
    }
    if (hit < 0 || RuleOf(rules, hit).category != kSignOffCategory) continue;
    keep_signer(k);
    break;
  }
}

// A signature right under the main text: its last line ends a sentence,
// then (below its sign-off, if any) one or two NameLines that only context
// dropped, then no more prose (the page's chrome, a line a rule took, the
// end): the letter's writer and town, the post's author, the reporter's
// name. A name over prose heads what follows (a comment, a bio) and goes.
constexpr int kSignatureLines = 2;
void KeepSignature(std::string_view text, const std::vector<LineSpan>& spans, const std::vector<bool>& barrier,
                   size_t best_e, const StopwordSet& stop, CleanResult* res) {
  const size_t n = spans.size();
  if (best_e >= n || !res->lines[best_e].keep || EndsInsideSentence(LineText(text, spans[best_e])) ||
      EndsWithColon(LineText(text, spans[best_e]))) {
    return;
  }
  // Past the sign-off KeepArticleMeta kept (up to kSignOffLines lines).
  size_t k = best_e + 1;
  int sign_off = kSignOffLines;
  while (k < n && (spans[k].blank || (res->lines[k].keep && sign_off-- > 0))) ++k;
  size_t names[kSignatureLines];
  int count = 0;
  for (; k < n && count < kSignatureLines; ++k) {
    if (spans[k].blank) continue;
    const LineDecision& d = res->lines[k];
    if (barrier[k] || d.keep || d.reason != LineReason::kContext || !NameLine(LineText(text, spans[k]), d.words, stop)) {
      break;
    }
    names[count++] = k;
  }
  if (count == 0) return;
  while (k < n && spans[k].blank) ++k;
  if (k < n && !barrier[k] && res->lines[k].reason == LineReason::kContext) {
    const std::string_view next = LineText(text, spans[k]);
    if (res->lines[k].words >= kShortSentenceMinWords && EndsWithPunct(next) && !EndsWithColon(next)) return;
  }
  for (int i = 0; i < count; ++i) {
    res->lines[names[i]].keep = true;
    res->lines[names[i]].reason = LineReason::kKept;
  }
}

Cleaner::Cleaner(CleanerOptions options) : options_(std::move(options)) {
  if (!options_.rules) options_.rules = DefaultRules();
  uint32_t languages = LanguageMask(options_.languages);
  if (languages == 0) languages = LanguageMask({});  // no known code (CheckLanguages says which): all
  for (size_t k = 0; k < internal::kStopwordLanguageCount; ++k) {
    if (languages & (1u << k)) by_language_[k] = &StopwordsFor(1u << k);
  }
  if (std::popcount(languages) > 1) all_ = &StopwordsFor(languages);
}

std::vector<std::string> StopwordLanguages() {
  std::vector<std::string> out;
  for (size_t k = 0; k < internal::kStopwordLanguageCount; ++k) out.emplace_back(internal::kStopwords[k].language);
  return out;
}

Status CheckLanguages(const std::vector<std::string>& languages) {
  const std::vector<std::string> known = StopwordLanguages();
  for (const std::string& l : languages) {
    if (std::find(known.begin(), known.end(), l) == known.end()) {
      std::string list;
      for (const std::string& k : known) list += (list.empty() ? "" : ", ") + k;
      return InvalidArgument("no stopword list for language '" + l + "' (there are: " + list + ")");
    }
  }
  return Status::Ok();
}

const internal::StopwordSet& internal::StopwordsOf(const std::vector<std::string>& languages) {
  return StopwordsFor(LanguageMask(languages));
}

std::string Cleaner::Reason(const LineDecision& d) const {
  std::string s = LineReasonName(d.reason);
  if ((d.reason == LineReason::kRule || d.reason == LineReason::kRegion) && d.rule >= 0 &&
      static_cast<size_t>(d.rule) < options_.rules->rules().size()) {
    s += ":" + RuleOf(*options_.rules, d.rule).name;
  }
  return s;
}

namespace {
// Clean's per-line working vectors, one set a thread (see Fresh).
struct CleanScratch {
  std::vector<Shape> shapes, plain;  // by the record's language; by sentence shape alone
  std::vector<double> score;
  std::vector<bool> barrier, good, short_repeat, tmpl, short_line, code, shaped, keep_tmpl, box, table, in_main, head, keep,
      comments_zone;
  std::vector<size_t> ahead;
  std::vector<uint32_t> copied_below;
  std::vector<uint32_t> first_copy;
  std::vector<bool> copied;
  std::vector<uint32_t> quotes;  // lines that repeat a sentence far from its copy
};
// `v` as `n` copies of `value`, in the memory it already has.
template <typename T>
std::vector<T>& Fresh(std::vector<T>* v, size_t n, T value) {
  v->assign(n, value);
  return *v;
}
}  // namespace

CleanResult Cleaner::Clean(std::string_view text) const {
  CleanResult res;
  Clean(text, &res);
  return res;
}

void Cleaner::Clean(std::string_view text, CleanResult* out) const {
  const CleanerOptions& o = options_;
  CleanResult& res = *out;
  res.lines.clear();  // every field set afresh; the buffers stay
  res.removed_lines = 0;
  res.language = {};
  thread_local std::vector<LineSpan> spans;  // reused: no allocation per record once grown
  SegmentLines(text, &spans);
  const size_t n = spans.size();
  res.lines.resize(n);

  // Per line: shape, rule hit, repeat. The per-line vectors are the
  // thread's, set afresh for each record: no allocation per record once
  // they have grown.
  thread_local CleanScratch tl;
  std::vector<double>& score = Fresh(&tl.score, n, 0.0);
  std::vector<bool>& barrier = Fresh(&tl.barrier, n, false);
  std::vector<bool>& good = Fresh(&tl.good, n, false);
  std::vector<bool>& short_repeat = Fresh(&tl.short_repeat, n, false);
  std::vector<uint32_t>& quotes = tl.quotes;
  quotes.clear();
  std::vector<bool>& tmpl = Fresh(&tl.tmpl, n, false);
  std::vector<bool>& short_line = Fresh(&tl.short_line, n, false);
  // A line of code (CodeLine, a Markdown fence's block), or the short line
  // ending in a colon that announces one ("Check the rules with:"): it
  // scores nothing, so the text around a code block stays one run, and a
  // block right below the main text that a colon announces joins it.
  std::vector<bool>& code = Fresh(&tl.code, n, false);
  bool any_code = false;
  std::vector<bool>& shaped = Fresh(&tl.shaped, n, false);  // scored by its shape (no rule, template or long repeat took it)
  // line key hash -> (first, latest) line with it, 1-based: open addressing
  // in a per-thread table at most half full, cleared per record (no
  // allocation per line)
  struct Seen {
    uint64_t hash;
    uint32_t first, latest;
  };
  thread_local std::vector<Seen> seen;
  size_t seen_mask = 15;
  while (seen_mask + 1 < 2 * n) seen_mask = seen_mask * 2 + 1;
  if (o.drop_repeats) seen.assign(seen_mask + 1, Seen{0, 0, 0});
  thread_local std::string key, scratch, prev_key;  // prev_key: the previous non-blank line's
  prev_key.clear();
  uint32_t prev_line = 0;
  const RuleSet& rules = *o.rules;
  const bool markdown_links = o.use_rules && text.find("](") != std::string_view::npos;  // see RuleText
  // With every stage off (the I/O floor) no line is even looked at.
  const bool need_key = o.drop_repeats || o.templates;
  const bool need_shape = o.use_rules || o.use_context || o.drop_repeats;
  // Line shapes, by the stopwords of the record's language. The first
  // language in use (English) is tried first: when at least half the words
  // of the record's lines of kLanguageMinWords words and more are in lines
  // that have good_min_stopword_ratio stopwords by its list (prose lines),
  // that is the language. Otherwise the record's stopwords of every
  // language decide it (RecordLanguage), and the shapes are found again if
  // it is another.
  size_t lang = 0;
  while (by_language_[lang] == nullptr) ++lang;
  std::vector<Shape>& shapes = Fresh(&tl.shapes, n, Shape{});
  // When even that language's stopwords make little of the record prose,
  // and the lines that end as sentences hold twice as many words as the
  // prose lines of either reading, the record is in a language winnow has
  // no list for: its lines are judged by ShapeWithoutStopwords, and its
  // language is "und".
  int64_t most_prose_words = 0;  // in prose lines, by any find_shapes
  bool record_ascii = true;      // no byte outside ASCII in a line (found by find_shapes)
  // (A record with no line of kLanguageMinWords words is doubtful when
  // it has non-ASCII text: Chinese or Japanese has few spaces, few words.)
  auto find_shapes = [&](const internal::StopwordSet& set, std::vector<Shape>& into) {
    int64_t long_words = 0, prose_words = 0;
    bool ascii = true;
    for (size_t i = 0; i < n; ++i) {
      if (spans[i].blank) continue;
      const Shape& sh = into[i] = LineShape(LineText(text, spans[i]), o, set);
      ascii = ascii && sh.ascii;
      if (sh.words < kLanguageMinWords) continue;
      long_words += sh.words;
      if (static_cast<double>(sh.stopwords) / sh.words >= o.good_min_stopword_ratio) prose_words += sh.words;
    }
    most_prose_words = std::max(most_prose_words, prose_words);
    record_ascii = ascii;
    return prose_words * 2 < long_words || (prose_words == 0 && !ascii);
  };
  bool undetermined = false;
  if (need_shape && find_shapes(*by_language_[lang], shapes)) {
    bool doubtful = true;
    const size_t found = all_ != nullptr ? internal::RecordLanguage(text, *all_) : lang;
    if (found != lang && by_language_[found] != nullptr) {
      lang = found;
      doubtful = find_shapes(*by_language_[lang], shapes);
    }
    if (doubtful) {
      std::vector<Shape>& plain = Fresh(&tl.plain, n, Shape{});
      int64_t sentence_words = 0;
      for (size_t i = 0; i < n; ++i) {
        if (spans[i].blank) continue;
        const Shape& sh = plain[i] =
            ShapeWithoutStopwords(LineText(text, spans[i]), shapes[i]);
        if (sh.words >= kLanguageMinWords && sh.end_punct) sentence_words += sh.words;
      }
      if (sentence_words > 2 * most_prose_words) {
        shapes.swap(plain);
        undetermined = true;
      }
    }
  } else if (need_shape && all_ != nullptr && !record_ascii &&
             kAccentedShare * AccentedLatinLetters(text) >= text.size()) {
    // Prose by the first language's stopwords, but with many Latin letters
    // outside ASCII: another language that shares a few of them
    // (Hungarian's article "a", Finnish "on") may have more of its own. The
    // record is in that one when its stopwords make it prose too. (An
    // English page's curly quotes and dashes, and the accents of a few
    // names, are not that many.)
    const size_t found = internal::RecordLanguage(text, *all_);
    // (Read into a spare buffer: when they make no prose, the first
    // reading stands as it is.)
    if (found != lang && by_language_[found] != nullptr) {
      std::vector<Shape>& other = Fresh(&tl.plain, n, Shape{});
      if (!find_shapes(*by_language_[found], other)) {
        shapes.swap(other);
        lang = found;
      }
    }
  }
  const internal::StopwordSet& stop = *by_language_[lang];
  if (need_shape) res.language = undetermined ? std::string_view("und") : internal::kStopwords[lang].language;
  bool any_good = false;
  // The text between a preamble and a postscript (see RuleScope::kHeadEnd
  // and kFootStart): lines [preamble, postscript); the whole record when
  // it has neither.
  size_t preamble = 0, postscript = n;
  for (size_t i = 0; i < n; ++i) {
    LineDecision& d = res.lines[i];
    d.span = spans[i];
    if (spans[i].blank) continue;
    std::string_view line = LineText(text, spans[i]);
    const Shape& sh = shapes[i];
    d.words = static_cast<uint16_t>(std::min(sh.words, 65535));
    if (need_key) {
      LineKey(line, &key, &scratch);
      d.key_hash = KeyHash(key);
    }
    if (o.drop_repeats) {
      // A short line that may be a numbered entry or a wiki's heading is
      // compared by its title (SectionTitle).
      uint64_t repeat_hash = d.key_hash;
      const std::string_view end = sh.words <= kSectionMaxWords ? TrimEnd(line) : std::string_view();
      if (!end.empty() && ((end[0] >= '0' && end[0] <= '9') || end.back() == ']')) {
        const std::string_view title = SectionTitle(line);
        if (title.size() < TrimBlanks(line).size()) {
          LineKey(title, &key, &scratch);
          repeat_hash = KeyHash(key);
        }
      }
      if (key.size() >= o.min_repeat_key_chars) {
        const uint32_t line_no = static_cast<uint32_t>(i + 1);
        size_t at = static_cast<size_t>(repeat_hash) & seen_mask;
        while (seen[at].first != 0 && seen[at].hash != repeat_hash) at = (at + 1) & seen_mask;
        Seen* it = &seen[at];
        if (it->first == 0) {
          *it = Seen{repeat_hash, line_no, line_no};
        } else {
          d.ref_line = it->first;
          // How far back the latest copy is, in non-blank lines: a doubled
          // title, a caption or banner printed again follows its copy
          // closely; a short line that recurs far apart ("Job type: Full
          // time" in a listing, a date in a comment thread) is a list item.
          int between = 0;
          for (size_t k = it->latest; k < i && between < 3; ++k) between += !spans[k].blank;
          it->latest = line_no;
          // A sentence that recurs far from its copy (a reply quoting an
          // earlier post, a pull quote), or a field every entry of a
          // listing prints ("Document type: Report"), is judged like a
          // short line, if something answers it (below).
          const bool quote = between >= 3 && ((sh.end_punct && sh.words >= kLongRepeatWords &&
                                               sh.stopwords >= kSentenceMinStopwordRatio * sh.words) ||
                                              OpensWithLabel(line));
          if (!quote && (sh.words >= kLongRepeatWords || (sh.words >= o.repeat_min_words && between < 3))) {
            d.keep = false;
            d.reason = LineReason::kRepeat;
          } else {
            short_repeat[i] = true;  // goes only if it is outside the main text
            if (quote && sh.words >= kLongRepeatWords) quotes.push_back(static_cast<uint32_t>(i));
          }
        }
        // The start of the line just above, cut at a word ("Jane Doe /
        // Agency" under "Jane Doe / Agency with the picture's alt text"):
        // the same caption or credit printed again, shorter.
        if (d.keep && sh.words >= o.repeat_min_words &&
            prev_key.size() > key.size() && prev_key[key.size()] == ' ' &&
            prev_key.compare(0, key.size(), key) == 0) {
          d.keep = false;
          d.reason = LineReason::kRepeat;
          d.ref_line = prev_line;
        }
      }
      prev_key.swap(key);  // `key` is not used again for this line; LineKey refills it
      prev_line = static_cast<uint32_t>(i + 1);
    }
    int rule = -1;
    if (o.use_rules) {
      int rule_words = sh.words;
      const std::string_view rule_text = RuleText(line, &scratch, &rule_words, markdown_links);
      rule = rules.Match(rule_text, rule_words, sh.ascii, res.language);
    }
    if (rule >= 0) {
      d.rule = static_cast<int16_t>(rule);
      const RuleScope scope = RuleOf(rules, rule).scope;
      if (scope == RuleScope::kHeadEnd || scope == RuleScope::kFootStart) {
        // The end of a preamble or the start of a postscript (Project
        // Gutenberg's "*** START OF THE PROJECT GUTENBERG EBOOK ... ***"
        // and "*** END OF ..."): what stands above the one and below the
        // other goes (below, once every line is read), and the text
        // between is read as the whole record. The last head-end line and
        // the first foot-start line below it count.
        barrier[i] = true;
        if (d.keep) {
          d.keep = false;
          d.reason = LineReason::kRule;
        }
        score[i] = -std::numeric_limits<double>::infinity();
        if (scope == RuleScope::kHeadEnd) {
          preamble = i + 1;
          postscript = n;
        } else if (postscript == n) {
          postscript = i;
        }
        continue;
      }
      if (scope == RuleScope::kLine) {
        if (d.keep) {
          d.keep = false;
          d.reason = LineReason::kRule;
        }
        // A bullet or a bar alone ("•") is no more chaff than any short
        // line: the list it is left of may be the article's.
        score[i] = sh.words == 0 ? -o.short_line_cost : -2 * o.short_line_cost;
      } else {
        barrier[i] = true;
        d.keep = false;
        d.reason = LineReason::kRegion;
        d.ref_line = static_cast<uint32_t>(i + 1);
        score[i] = -std::numeric_limits<double>::infinity();
      }
      continue;
    }
    const bool prose = Prose(sh, o);
    if (o.templates && o.templates->Find(d.key_hash, nullptr)) {
      tmpl[i] = true;
      good[i] = prose;  // judged again below, with its neighbours
      if (d.keep) {
        d.keep = false;
        d.reason = LineReason::kTemplate;
      }
      score[i] = -2 * o.short_line_cost;
      continue;
    }
    shaped[i] = d.keep || short_repeat[i];
    if (prose) {
      good[i] = true;
      any_good = true;
      score[i] = sh.words;
    } else if (Sentence(sh, line)) {
      score[i] = 1.0;
    } else if (o.use_context && CodeLine(line)) {
      code[i] = true;
      any_code = true;
      score[i] = 0.0;
    } else {
      score[i] = -o.short_line_cost;
      short_line[i] = true;
    }
  }
  // A quote is answered: new text follows it, after the other lines it
  // quotes. A quote of six words or more with nothing after it, or only
  // lines a rule, a region or the site's template took (a promotion at the
  // end of the story, above the share buttons; a story printed twice), is
  // a banner: it goes. One walk from the end: `answered` is whether the
  // first line below that is no blank and no copy stays.
  bool answered = false;
  for (size_t j = n, q = quotes.size(); j-- > 0 && q > 0;) {
    if (quotes[q - 1] == j) {
      --q;
      if (!answered) {
        LineDecision& d = res.lines[j];
        d.keep = false;
        d.reason = LineReason::kRepeat;
        short_repeat[j] = false;
        shaped[j] = false;
      }
    } else if (!spans[j].blank && !short_repeat[j] && res.lines[j].reason != LineReason::kRepeat) {
      answered = res.lines[j].keep;
    }
  }
  // The passes below look at a record only when it has code or fences:
  // most have neither.
  if (o.use_context && !any_code) {
    any_code = text.find("```") != std::string_view::npos || text.find("~~~") != std::string_view::npos;
  }
  if (any_code) {
    auto to_code = [&](size_t i) {
      code[i] = true;
      short_line[i] = false;
      score[i] = 0.0;
    };
    // Between two fences of Markdown ("```python" ... "```", "~~~"), every
    // line is code, the fences too, and stays though it repeats an earlier
    // line. Fences pair up in order; a lone one (the last, when their count
    // is odd) marks nothing.
    size_t fence = SIZE_MAX;  // the open fence's line
    for (size_t i = 0; i < n; ++i) {
      if (spans[i].blank) continue;
      const std::string_view t = TrimBlanks(LineText(text, spans[i]));
      if (!t.starts_with("```") && !t.starts_with("~~~")) continue;
      if (fence == SIZE_MAX) {
        fence = i;
        continue;
      }
      for (size_t k = fence; k <= i; ++k) {
        LineDecision& d = res.lines[k];
        if (spans[k].blank || barrier[k] || (!d.keep && d.reason != LineReason::kRepeat)) continue;
        if (!d.keep) {  // code repeats itself ("break;", "end")
          d.keep = true;
          d.reason = LineReason::kKept;
          d.ref_line = 0;
        }
        short_repeat[k] = false;
        to_code(k);
        good[k] = false;
      }
      fence = SIZE_MAX;
    }
    // Up to kCodeGapLines short lines between two lines of code are the
    // block's too: lines CodeLine misses ("let timer;", "FROM users",
    // "  enabled: true").
    size_t last_code = SIZE_MAX, run = 0;  // short lines since the last line of code
    bool broken = false;                   // by any other line
    for (size_t i = 0; i < n; ++i) {
      if (spans[i].blank) continue;
      if (code[i]) {
        if (last_code != SIZE_MAX && !broken && run > 0) {
          for (size_t k = last_code + 1; k < i; ++k) {
            if (!spans[k].blank) to_code(k);
          }
        }
        last_code = i;
        run = 0;
        broken = false;
      } else if (short_line[i] && res.lines[i].keep) {
        broken = broken || ++run > kCodeGapLines;
      } else {
        broken = true;
      }
    }
    // The short line that announces a block ("Check the rules with:").
    size_t next = n;  // the next non-blank line below i
    for (size_t i = n; i-- > 0;) {
      if (spans[i].blank) continue;
      if (short_line[i] && next < n && code[next] && res.lines[i].keep && EndsWithColon(LineText(text, spans[i]))) {
        to_code(i);
      }
      next = i;
    }
  }

  // Hard-wrapped lines (ForEachWrappedBlock) are scored as the block they
  // make: the lines of a wrapped paragraph are prose together, though each
  // is short, and a wrapped sentence is a sentence. A block only adds: a
  // prose line in one that is not prose as a whole keeps its own score.
  // All the stopwords of line k (shapes[] counts them only as far as the
  // line's own tests need; a ratio above 1 counts them all).
  auto all_stopwords = [&](size_t k) { return internal::LineWordCounts(LineText(text, spans[k]), 2.0, 0, &stop).stopwords; };
  if (o.use_context) {
    ForEachWrappedBlock(text, spans, shapes, shaped, undetermined ? nullptr : &stop, [&](size_t s, size_t e) {
      int words = 0, stopwords = 0;
      bool any_prose = false;
      for (size_t k = s; k <= e; ++k) {
        words += shapes[k].words;
        any_prose = any_prose || good[k];
        if (!undetermined) stopwords += all_stopwords(k);
      }
      const bool end_punct = shapes[e].end_punct;
      if (undetermined) stopwords = end_punct ? words : 0;  // as ShapeWithoutStopwords reads a line
      const double ratio = words > 0 ? static_cast<double>(stopwords) / words : 0.0;
      const bool prose = words >= o.good_min_words && ratio >= o.good_min_stopword_ratio;
      const bool sentence = words >= kSentenceMinWords && end_punct && ratio >= kSentenceMinStopwordRatio;
      if (!prose && (!sentence || any_prose)) return;
      for (size_t k = s; k <= e; ++k) {
        good[k] = prose;
        short_line[k] = false;
        score[k] = prose ? shapes[k].words : (k == s ? 1.0 : 0.0);
      }
      any_good = any_good || prose;
    });
  }

  // A record with no prose line at all may still be text: a song's or a
  // poem's verses, short lines in stanzas. A run of kVerseMinLines lines or
  // more of kVerseMinWords to kVerseMaxWords words each, that no rule or
  // template took (a repeat, a chorus sung again, stands in it), with the
  // stopwords of prose over the run, counts as prose: the context stage
  // then finds the verses as the main text, and the menus and footers
  // around them go as they do around an article.
  if (o.use_context && !any_good && !undetermined) {
    auto verse = [&](size_t k) {
      const LineDecision& d = res.lines[k];
      return d.keep && !code[k] && shapes[k].words >= kVerseMinWords && shapes[k].words <= kVerseMaxWords;
    };
    size_t k = 0;
    while (k < n) {
      if (spans[k].blank || !verse(k)) {
        ++k;
        continue;
      }
      size_t e = k, lines = 0;
      int words = 0, stopwords = 0;
      for (size_t j = k; j < n && !spans[j].blank; ++j) {
        if (!verse(j)) {
          if (res.lines[j].reason == LineReason::kRepeat) continue;
          break;
        }
        e = j;
        ++lines;
        words += shapes[j].words;
        stopwords += all_stopwords(j);
      }
      if (lines >= kVerseMinLines && stopwords >= o.good_min_stopword_ratio * words) {
        for (size_t j = k; j <= e; ++j) {
          if (!verse(j)) continue;
          good[j] = true;
          short_line[j] = false;
          score[j] = shapes[j].words;
        }
        any_good = true;
      }
      k = e + 1;
    }
  }

  // A template line between two lines of non-template prose is article
  // text that happens to recur (a stock sentence, a syndicated paragraph, a
  // subheading every post has): it stays.
  if (o.templates) {
    auto prose_at = [&](size_t j) { return good[j] && !tmpl[j]; };
    auto prose_above = [&](size_t i) {
      for (size_t j = i; j-- > 0;) {
        if (!spans[j].blank) return prose_at(j);
      }
      return false;
    };
    auto prose_below = [&](size_t i) {
      for (size_t j = i + 1; j < n; ++j) {
        if (!spans[j].blank) return prose_at(j);
      }
      return false;
    };
    std::vector<bool>& keep_tmpl = Fresh(&tl.keep_tmpl, n, false);
    for (size_t i = 0; i < n; ++i) {
      keep_tmpl[i] = tmpl[i] && res.lines[i].reason == LineReason::kTemplate && prose_above(i) && prose_below(i);
    }
    for (size_t i = 0; i < n; ++i) {
      if (!tmpl[i]) continue;
      LineDecision& d = res.lines[i];
      if (keep_tmpl[i]) {
        d.keep = true;
        d.reason = LineReason::kKept;
        score[i] = good[i] ? d.words : 0.0;
        any_good = any_good || good[i];
      } else {
        good[i] = false;
      }
    }
  }

  // The lines above a head-end line and below a foot-start line are its
  // region, whatever took or kept them before (a rule, a repeat, a quote,
  // a code fence, a template line between prose: no pass below brings one
  // back): none of them is the article's, and the context stage does not
  // look at them.
  auto outside = [&](size_t j, size_t marker) {
    LineDecision& d = res.lines[j];
    good[j] = false;
    score[j] = 0.0;
    short_repeat[j] = false;
    if (spans[j].blank) return;
    d.keep = false;
    d.reason = LineReason::kRegion;
    d.ref_line = static_cast<uint32_t>(marker + 1);
    d.rule = res.lines[marker].rule;
  };
  for (size_t j = 0; j + 1 < preamble; ++j) outside(j, preamble - 1);
  for (size_t j = postscript + 1; j < n; ++j) outside(j, postscript);
  // Calls f(i, last_barrier) for every non-blank line that is not itself a
  // barrier, with the 1-based line of the latest barrier above it (0: none).
  auto for_lines_after_barriers = [&](auto&& f) {
    uint32_t last_barrier = 0;
    for (size_t i = 0; i < n; ++i) {
      if (spans[i].blank) continue;
      if (barrier[i]) {
        last_barrier = static_cast<uint32_t>(i + 1);
        continue;
      }
      f(i, last_barrier);
    }
  };

  // Puts line `d` in the region the barrier at 1-based line `marker` opened.
  auto to_region = [&](LineDecision& d, uint32_t marker) {
    d.keep = false;
    d.reason = LineReason::kRegion;
    d.ref_line = marker;
    d.rule = res.lines[marker - 1].rule;
  };

  // A barrier line that a tail-marker rule hit (as opposed to a region-start).
  auto tail_marker = [&](size_t i) {
    return barrier[i] && RuleOf(rules, res.lines[i].rule).scope == RuleScope::kTailMarker;
  };

  // Article text after a tail-marker: a good line (not a template's) that
  // is not headline-shaped. A teaser's title has the stopwords of prose
  // often enough ("City gets three new parks by the end of the year"), but
  // not a sentence's end, and it is short.
  auto article_text = [&](size_t j) {
    return good[j] && !tmpl[j] && (shapes[j].end_punct || shapes[j].words > kTeaserTitleMaxWords);
  };

  // A tail-marker with article text right after it ("Trending Now" as a
  // lone label above the lead paragraph) ends nothing: it goes as a line.
  for (size_t i = 0; i < n; ++i) {
    if (!tail_marker(i)) continue;
    size_t j = i + 1;
    while (j < n && spans[j].blank) ++j;
    if (j < n && article_text(j)) {
      barrier[i] = false;
      score[i] = -2 * o.short_line_cost;
      res.lines[i].reason = LineReason::kRule;
      res.lines[i].ref_line = 0;
    }
  }

  // A comments heading with no count in it ("Comments", "Have your say",
  // "What do you think?") heads a part of the story itself when the
  // story's text follows it: article text right under it, and no more
  // prose below the first line that is not, up to the next barrier or the
  // record's end (a caption, a teaser's title, buttons may stand there).
  // It ends nothing and goes as a line. Readers' comments come with their
  // chrome: a name, a time or a Reply button above the first or between
  // it and the next, a form's line under the heading ("3 Comments" is a
  // section whatever follows). Such a heading further down is judged
  // first.
  //
  // The story's own lines between its paragraphs, which part none of them:
  // a heading that opened no region (a lone "Related" above article text,
  // such a comments heading further down), a photo's credit or caption, an
  // embed's attribution (a credit rule's line that is no byline: "Posted
  // by Ann at 9:14 PM" stands between readers' comments). A short sentence
  // is neither the story's text nor a comment's chrome: it is passed.
  auto inside_story = [&](size_t j) {
    const LineDecision& d = res.lines[j];
    if (d.reason != LineReason::kRule || barrier[j]) return false;
    const Rule& r = RuleOf(rules, d.rule);
    if (r.scope == RuleScope::kRegionStart || r.scope == RuleScope::kTailMarker) return true;
    return IsCredit(rules, d) &&
           RuleTextHit(rules, &RuleSet::MatchMeta, LineText(text, spans[j]), d.words, res.language) < 0;
  };
  // (Prose here is article_text: a line a rule or the template took is
  // never a good one.)
  for (size_t i = n; i-- > 0;) {
    if (!barrier[i] || RuleOf(rules, res.lines[i].rule).category != kCommentsCategory) continue;
    if (HasDigit(LineText(text, spans[i]))) continue;
    size_t run = 0;  // lines of prose right under the heading
    bool more = false;  // prose again below the first line that is not
    size_t scan = kCommentsScanLines;
    for (size_t j = i + 1; j < postscript && !barrier[j] && scan > 0; ++j) {
      if (spans[j].blank) continue;
      --scan;
      if (inside_story(j)) continue;
      // (a story's "Nobody was hurt.", a reader's "Great article!")
      if (!article_text(j) && score[j] > 0 && shapes[j].end_punct && res.lines[j].keep && !tmpl[j]) continue;
      if (!article_text(j)) {
        if (run == 0) break;
        for (size_t k = j + 1; k < postscript && !barrier[k] && !more && scan > 0; ++k) {
          if (spans[k].blank) continue;
          --scan;
          more = article_text(k);
        }
        break;
      }
      ++run;
    }
    if (run > 0 && !more) {
      barrier[i] = false;
      score[i] = -2 * o.short_line_cost;
      res.lines[i].reason = LineReason::kRule;
      res.lines[i].ref_line = 0;
    }
  }

  // A tail-marker inside the story (article text above it, within
  // kCohesionWindow non-blank lines) that article text follows closely (an
  // inline "Related Links" box of a teaser or two, a "Most popular" box of
  // three) ends nothing either: when two good lines in a row (the first may
  // be a sentence of fewer stopwords) start within kShortRegionLines
  // non-blank lines of it, the lines before them go as its region and the marker
  // splits nothing. (A region-start is not closed this way: an appeal or a
  // comment section goes on in prose.) Above the story ("Trending", the
  // headline, the lead), a lone line under the marker may be the headline:
  // the head walk and the teaser items below judge it.
  auto below_text = [&](size_t i) {
    int window = kCohesionWindow;
    for (size_t j = i; j-- > 0 && window > 0;) {
      if (spans[j].blank) continue;
      if (barrier[j]) return false;
      if (article_text(j)) return true;
      --window;
    }
    return false;
  };
  std::vector<bool>& box = Fresh(&tl.box, n, false);  // such markers: the headline above the main text is not looked for past one
  if (o.use_context) {
    for (size_t i = 0; i < n; ++i) {
      if (!tail_marker(i) || !below_text(i)) continue;
      // Under a site's list ("Most read"), a long teaser title with no
      // sentence's end is no article text.
      const bool site_list = RuleOf(rules, res.lines[i].rule).category == kSiteListCategory;
      auto text_line = [&](size_t j) { return article_text(j) && (!site_list || shapes[j].end_punct); };
      std::vector<size_t>& ahead = tl.ahead;  // the next non-blank lines
      ahead.clear();
      for (size_t j = i + 1; j < n && ahead.size() < kShortRegionLines + 2; ++j) {
        if (!spans[j].blank) ahead.push_back(j);
      }
      // A kept line that ends as a sentence, of kSentenceMinWords words
      // and a stopword: no teaser's title, though maybe not prose by its
      // stopwords ("Marsh scored eleven goals for Castle's youth team last
      // season."). Past a teaser it may be the first of the two lines of
      // article text that close the box (right under the marker, the case
      // of close_at 0 asks for article text), and the box never takes it.
      auto sentence = [&](size_t j) {
        const Shape& sh = shapes[j];
        return res.lines[j].keep && sh.end_punct && sh.words >= kSentenceMinWords && sh.stopwords > 0;
      };
      size_t close_at = SIZE_MAX;
      for (size_t k = 0; k + 1 < ahead.size() && k <= kShortRegionLines; ++k) {
        if (barrier[ahead[k]]) break;
        if ((text_line(ahead[k]) || (k > 0 && !tmpl[ahead[k]] && sentence(ahead[k]))) && text_line(ahead[k + 1])) {
          close_at = k;
          break;
        }
      }
      // A box of one teaser ("Read also" and a headline) with the story's
      // last paragraph under it: article text after the teaser, and then
      // the record ends or its chrome begins (a line a rule took, or a
      // barrier). A list of teasers with summaries goes on with a second
      // teaser there; a teaser's summary ends in its link ("Read more").
      // The paragraph may be followed by a short sentence or two of the
      // story's end (a contributor's line: "Jane Roe contributed to this
      // report.").
      // (Two teasers there as well, "Read more:" over two headlines, when
      // a paragraph of kBoxParagraphMinWords words follows them: a site's
      // one-line plug under a box of two is no paragraph.)
      size_t teasers = 0;
      while (teasers + 1 < ahead.size() && teasers < kBoxTeasers && !barrier[ahead[teasers]] &&
             !text_line(ahead[teasers]) && !tmpl[ahead[teasers]]) {
        ++teasers;
      }
      if (close_at == SIZE_MAX && teasers >= 1 && text_line(ahead[teasers]) &&
          (teasers == 1 || shapes[ahead[teasers]].words >= kBoxParagraphMinWords)) {
        size_t end = teasers + 1;
        while (end < ahead.size() && end < teasers + 1 + kStoryEndSentences && !barrier[ahead[end]] &&
               res.lines[ahead[end]].keep && !tmpl[ahead[end]] && shapes[ahead[end]].end_punct &&
               shapes[ahead[end]].stopwords > 0 &&
               !ReadOnLink(LineText(text, spans[ahead[end]]), res.lines[ahead[end]].words)) {
          ++end;
        }
        if ((end == ahead.size() || barrier[ahead[end]] || res.lines[ahead[end]].reason == LineReason::kRule) &&
            !(ahead.size() > teasers + 1 &&
              ReadOnLink(LineText(text, spans[ahead[teasers + 1]]), res.lines[ahead[teasers + 1]].words))) {
          close_at = teasers;
        }
      }
      if (close_at == SIZE_MAX || close_at == 0) continue;  // 0: the tail-marker case above, or none
      barrier[i] = false;
      box[i] = true;
      score[i] = -2 * o.short_line_cost;
      for (size_t k = 0; k < close_at; ++k) {
        if (sentence(ahead[k])) continue;
        LineDecision& d = res.lines[ahead[k]];
        if (d.keep) {
          d.keep = false;
          d.reason = LineReason::kRegion;
          d.ref_line = static_cast<uint32_t>(i + 1);
          d.rule = res.lines[i].rule;
        }
        good[ahead[k]] = false;
        score[ahead[k]] = std::min(score[ahead[k]], -o.short_line_cost);
      }
    }
  }

  // A table of figures (match stats, results, a fact box of numbers) is
  // the article's where article text stands on both sides of it: its
  // lines score nothing, so that they neither end the main text nor join
  // chaff to it (a run at the edge of a segment adds nothing to it). A bare
  // figure a rule took for a pager ("14") is one of its cells.
  std::vector<bool>& table = Fresh(&tl.table, n, false);
  if (o.use_context) {
    FindFigureTables(text, spans, [&](size_t i) {
      const LineDecision& d = res.lines[i];
      if (barrier[i] || tmpl[i] || d.words == 0 || d.words > kCellMaxWords) return CellKind::kNone;
      if (d.reason == LineReason::kRule) return CellKind::kBareFigure;
      if (!short_line[i]) return CellKind::kNone;
      if (d.reason == LineReason::kRepeat || short_repeat[i]) return CellKind::kRepeat;
      return d.keep ? CellKind::kAny : CellKind::kNone;
    }, &table);
    for (size_t i = 0; i < n; ++i) {
      if (table[i]) score[i] = 0;
    }
  }

  // Whether line k heads a list of the article's (a list-heading rule,
  // asked only of short lines beside the main text, as meta rules are).
  const bool list_headings = o.use_rules && rules.HasListHeadings();
  auto list_heading = [&](size_t k) {
    const LineDecision& d = res.lines[k];
    return list_headings && d.keep && !barrier[k] && d.words >= 1 && d.words <= kListHeadingMaxWords &&
           RuleTextHit(rules, &RuleSet::MatchListHeading, LineText(text, spans[k]), d.words, res.language) >= 0;
  };
  // Barriers without context still open their region: lines after a
  // region-start or tail-marker are judged in it.
  if (o.use_context && any_good) {
    // Segments: the maximal scoring runs of non-blank lines (Ruzzo and
    // Tompa's all-maximal-subsequences), split at barriers. The best one
    // is the main text; others of at least o.min_segment_share of it (and
    // of one good line) join it unless a barrier stands between them and
    // the main text. Every maximal run is found, not only the best one of
    // each stretch above zero: an answer below a question, with the chrome
    // between them costing a little less than the question scores, is a
    // run of its own.
    thread_local std::vector<Seg> segs;
    segs.clear();
    // Runs found so far in this zone, left to right: the cumulative score
    // before the first line (l) and after the last (r), and the nearest
    // run to the left with a lower l (so the search for one skips the runs
    // between).
    struct Run {
      size_t s, e;
      double l, r;
      size_t lower;
    };
    constexpr size_t kNoRun = SIZE_MAX;
    thread_local std::vector<Run> runs;
    runs.clear();
    double cum = 0;
    int zone = 0;
    auto flush = [&] {
      for (const Run& r : runs) segs.push_back(Seg{r.s, r.e, r.r - r.l, zone});
      runs.clear();
      cum = 0;
    };
    for (size_t i = preamble; i < postscript; ++i) {  // (a preamble's and a postscript's lines went: see above)
      // Template lines already went; they neither join nor split the text.
      if (spans[i].blank || (tmpl[i] && !res.lines[i].keep)) continue;
      if (barrier[i]) {
        flush();
        ++zone;
        continue;
      }
      Run run{i, i, cum, cum + score[i], kNoRun};
      cum = run.r;
      if (score[i] <= 0) continue;
      for (;;) {
        size_t j = runs.empty() ? kNoRun : runs.size() - 1;
        while (j != kNoRun && runs[j].l >= run.l) j = runs[j].lower;
        if (j == kNoRun || runs[j].r >= run.r) {
          run.lower = j;
          runs.push_back(run);
          break;
        }
        run.s = runs[j].s;  // run j..this one is a better run: one
        run.l = runs[j].l;
        runs.resize(j);
      }
    }
    flush();
    bool have = !segs.empty();
    size_t below_heading = SIZE_MAX;  // a list heading right below the main text
    size_t best_s = 0, best_e = 0;
    std::vector<bool>& in_main = Fresh(&tl.in_main, n, false);
    if (have) {
      // The main text is the segment with the most article prose: words
      // of good lines next to another good line (blank lines aside). A list
      // of teasers (headline, one-line summary, headline, ...) can outscore
      // an article by its many summaries, but they stand alone. Ties (none
      // has two good lines in a row): the best score.
      auto paired = [&](const Seg& g) {
        double sum = 0;
        size_t prev = SIZE_MAX;  // previous counted line
        bool prev_counted = false;
        for (size_t k = g.s; k <= g.e; ++k) {
          if (spans[k].blank || (tmpl[k] && !res.lines[k].keep)) continue;
          if (good[k] && prev != SIZE_MAX && good[prev]) {
            sum += res.lines[k].words;
            if (!prev_counted) sum += res.lines[prev].words;
            prev_counted = true;
          } else {
            prev_counted = false;
          }
          prev = k;
        }
        return sum;
      };
      // A tail-marker says the article ended above it ("Related", "More
      // from ..."): a segment below one counts a third.
      size_t first_tail = 0;
      while (first_tail < n && !tail_marker(first_tail)) ++first_tail;
      // A segment in a comment section (the zone a region-start of the
      // comments category opened: "Comments are closed", "23 Comments")
      // right below prose (the post's end) is readers' text: it is the
      // main text only when nothing else is, however many comments
      // outweigh the story. (Kept comments stay as comments, below: their
      // prose, not their names and times.) A "Comments" link under a
      // byline, with nothing like an article above it, opens no such
      // section.
      std::vector<bool>& comments_zone = Fresh(&tl.comments_zone, static_cast<size_t>(zone) + 1, false);
      {
        auto comments_heading = [&](size_t k) {
          const Rule& r = RuleOf(rules, res.lines[k].rule);
          return r.scope == RuleScope::kRegionStart && r.category == kCommentsCategory;
        };
        // Prose right above the heading: the post's last paragraph, with
        // lines a rule took (share buttons, "Posted by Ann at 9:14 PM", the
        // section's link) and one other line (a sign-off) between. Not a
        // headline and byline under a site's blurb.
        auto below_prose = [&](size_t k) {
          int window = kCohesionWindow, other = 1;
          for (size_t j = k; j-- > 0 && window > 0;) {
            if (spans[j].blank) continue;
            if (barrier[j] && !comments_heading(j)) return false;
            if (good[j]) return true;
            if (!barrier[j] && res.lines[j].reason != LineReason::kRule && other-- == 0) return false;
            --window;
          }
          return false;
        };
        size_t z = 0;  // as the segments count zones: one a barrier
        for (size_t i = preamble; i < postscript; ++i) {
          if (spans[i].blank || (tmpl[i] && !res.lines[i].keep) || !barrier[i]) continue;
          comments_zone[++z] = comments_heading(i) && below_prose(i);
        }
      }
      auto weight = [&](const Seg& g) {
        const double p = paired(g) * (g.s > first_tail ? 1.0 / 3 : 1.0);
        return comments_zone[static_cast<size_t>(g.zone)] ? p * 1e-6 : p;
      };
      const Seg* best = &segs[0];
      double best_paired = weight(segs[0]);
      for (const Seg& g : segs) {
        const double p = weight(g);
        if (p > best_paired || (p == best_paired && g.sum > best->sum)) {
          best = &g;
          best_paired = p;
        }
      }
      best_s = best->s;
      best_e = best->e;
      double floor = std::max(best->sum * o.min_segment_share, static_cast<double>(o.good_min_words));
      // Others join at floor in the main text's zone. Above it, across
      // barriers, one that reads like an article joins at any size past a
      // line's worth (a barrier taints what follows it, not what precedes
      // it: the post above "22 Comments:", however many comments follow).
      // A paragraph alone reads like an article too when it is long: the
      // reader's letter above the advice column's answer, a teaser list
      // between them. A teaser's summary is a sentence or two.
      auto paragraph = [&](const Seg& g) {
        for (size_t k = g.s; k <= g.e; ++k) {
          if (good[k] && res.lines[k].keep && res.lines[k].words >= kParagraphMinWords) return true;
        }
        return false;
      };
      for (const Seg& g : segs) {
        const bool above = g.e < best->s && (paired(g) > 0 || paragraph(g));
        const bool across = g.zone != best->zone;
        if (&g != best && ((across && !above) || g.sum < (across ? o.good_min_words : floor))) continue;
        for (size_t k = g.s; k <= g.e; ++k) in_main[k] = true;
        best_s = std::min(best_s, g.s);
        best_e = std::max(best_e, g.e);
      }
      JoinNextPosts(spans, barrier, tmpl, good, res.lines, best->zone, segs, o.good_min_words, &in_main, &best_e);
      // Short lines between two runs of the main text in one zone are the
      // text's own: the "Pros" and "Cons" lists of a review between its
      // paragraphs and its verdict, a list of short items. A line a rule
      // took among them (a "Start now" button) goes alone when a sentence
      // stands among them too; with none (a share bar's lines) they go with
      // it. A run of more than kGapLines lines is something else, unless a
      // list heading opens it (a recipe's ingredients between its
      // introduction and its method), or a line that ends in a colon ("The
      // plans include:", "Highlights:"; a label a rule took, "Tags:" or
      // "Related:", goes as such), or it is a table of fields
      // (FieldTable). A list heading right below a run of the main text
      // keeps its list even when chaff follows the list (a review's "Pros"
      // and "Cons" above its price box): as it does right below the main
      // text's end, below.
      auto announced = [&](size_t k) { return EndsWithColon(LineText(text, spans[k])); };
      {
        size_t prev_e = SIZE_MAX;  // the last line of the previous run of main text
        for (size_t k = 0; k < n; ++k) {
          if (spans[k].blank || !in_main[k]) continue;
          if (prev_e != SIZE_MAX && k > prev_e + 1) {
            size_t lines = 0, first = SIZE_MAX, rule_lines = 0, sentences = 0;
            bool clean_gap = true;
            for (size_t j = prev_e + 1; j < k && clean_gap; ++j) {
              if (spans[j].blank) continue;
              if (first == SIZE_MAX) first = j;
              ++lines;
              const LineReason why = res.lines[j].reason;
              rule_lines += why == LineReason::kRule;
              sentences += why == LineReason::kKept && score[j] > 0;
              clean_gap = !barrier[j] && !tmpl[j] && (why == LineReason::kKept || why == LineReason::kRule) &&
                          lines <= kAnnouncedLines;
            }
            if (rule_lines > 0 && sentences == 0) clean_gap = false;
            if (clean_gap && lines > kGapLines) {
              clean_gap = list_heading(first) || announced(first) || FieldTable(text, spans, res.lines, prev_e + 1, k);
            }
            if (clean_gap) {
              for (size_t j = prev_e + 1; j < k; ++j) {
                in_main[j] = !spans[j].blank && res.lines[j].reason != LineReason::kRule;
              }
            } else if (first != SIZE_MAX && list_heading(first)) {
              JoinAnnouncedList(spans, barrier, tmpl, res.lines, first, k, &in_main);
            }
          }
          prev_e = k;
        }
      }
      // The story's last lines, right below the main text: at most
      // kShortRegionLines lines that no rule, repeat, template or barrier
      // took, each ending as a sentence or a question does, the last one a
      // sentence that does not trail off as a teaser's does ("Read
      // on..."), and the page's chrome right below them (a line a rule or
      // the template took, a barrier) or the end of the record. An
      // interview's last question and its one-sentence answer, a closing
      // line too short to score as prose. A list of teasers runs longer.
      // A picture's caption or credit a rule took stands between them as
      // it stands between paragraphs (it goes, and closes nothing): the
      // story's last sentence under its last photo. So does a one-line
      // teaser ("Read also: ...") between them, and a transcript's note on
      // the room ("[Laughter]", which stays). The first may be the next
      // item of a numbered list of the text, its heading ("5. Avanos"
      // below "4. Ihlara Valley") over its sentence.
      {
        size_t k = best_e + 1, lines = 0, last = best_e, credits = 0, tail_links = 0;
        bool punct = true, closed = false, under_heading = false;
        bool ad_above = false;  // an advertisement's label passed above them
        // An advertisement's label under them is passed as a credit is (the
        // story may go on under the advertisement), and the last one ends
        // them as the chrome does when what follows it does not.
        struct Tail {
          size_t lines, last, tail_links;
          bool punct;
        };
        std::optional<Tail> at_ad;
        for (; k < n && lines <= kShortRegionLines; ++k) {
          if (spans[k].blank) continue;
          const LineDecision& d = res.lines[k];
          if (!barrier[k] && !tmpl[k] && credits < kShortRegionLines &&
              (IsCredit(rules, d) || IsInlineTeaser(rules, d) ||
               (d.reason == LineReason::kKept && IsStageDirection(LineText(text, spans[k]), d.words)))) {
            if (d.reason == LineReason::kRule && RuleOf(rules, d.rule).category == kContinuesCategory) {
              if (lines > 0) at_ad = Tail{lines, last, tail_links, punct};
              ad_above = true;
            }
            ++credits;
            continue;
          }
          if (barrier[k] || tmpl[k] || d.reason == LineReason::kRule) {
            closed = true;
            break;
          }
          if (in_main[k] || d.reason != LineReason::kKept) break;
          // Short lines with no figure, colon or end punctuation right
          // under the story's last sentences, then the chrome a rule knows:
          // the page's own links ("Read more interviews"), which end the
          // story as that chrome does.
          if (lines > 0 && punct && BareLabel(LineText(text, spans[k]), shapes[k].words)) {
            if (++tail_links > kShortRegionLines) break;
            continue;
          }
          if (tail_links > 0) break;  // prose under those links: no end of the story
          ++lines;
          last = k;
          // The first may be a subheading over them ("What happens next"):
          // a short line that opens as a sentence does, with no figure in
          // it (a numbered heading is NumberedLikeMain's, "Top 10 patio
          // ideas" a teaser's), and only sentences of prose under it: no
          // repeat, and a quarter of the words stopwords (a list of
          // references has fewer).
          const std::string_view line = LineText(text, spans[k]);
          const bool subheading = lines == 1 && !shapes[k].end_punct && shapes[k].words <= kLastHeadingMaxWords &&
                                  !EndsWithColon(line) && !StartsLowerCase(line) && !HasDigit(line) &&
                                  line.find('|') == std::string_view::npos;
          if (under_heading && (score[k] <= 0 || short_repeat[k] ||
                                (!undetermined && 4 * all_stopwords(k) < shapes[k].words))) {
            punct = false;
          }
          under_heading = under_heading || subheading;
          // (Under an advertisement's label, a line that speaks to the
          // reader is the advertisement's: "Get half off your first box",
          // "Our best deals, delivered to you".)
          if (ad_above && AddressesReader(line, res.language)) punct = false;
          punct = punct && (shapes[k].end_punct || subheading ||
                            NumberedLikeMain(text, spans, shapes, in_main, best_s, best_e, k) ||
                            (lines == 1 && NextItemOfMain(text, spans, in_main, best_s, best_e, k)));
        }
        auto story_end = [&](const Tail& t) {
          if (t.lines == 0 || t.lines > kShortRegionLines || !t.punct) return false;
          const std::string_view end = TerminalText(LineText(text, spans[t.last]));
          const bool trails = end.ends_with("..") || end.ends_with("\xE2\x80\xA6");
          // A one-line close too short to score ("Thank you.", "Good
          // night.") is a sentence of two words or more with a stopword (or
          // of kSentenceMinWords and more: Russian has no articles; one less
          // in a language whose stopwords weigh more, whose endings do their
          // work: "Seuraava ottelu pelataan lauantaina."), not a question
          // (a form's "Not registered?").
          const int close_min_words = kSentenceMinWords - (stop.weighted() ? 1 : 0);
          const bool close_line =
              t.lines == 1 && shapes[t.last].words >= 2 && !end.ends_with('?') &&
              WrittenAsSentence(LineText(text, spans[t.last]), true) &&
              (undetermined || all_stopwords(t.last) > 0 || shapes[t.last].words >= close_min_words);
          // (A question over short lines is a poll's: "Yes", "No", "Vote".)
          const bool poll = t.tail_links > 0 && end.ends_with('?');
          return (score[t.last] > 0 || close_line) && !trails && !poll;
        };
        const Tail here{lines, last, tail_links, punct};
        std::optional<Tail> tail;
        if ((closed || k == n) && story_end(here)) {
          tail = here;
        } else if (at_ad && story_end(*at_ad)) {
          tail = at_ad;
        }
        if (tail) {
          for (size_t j = best_e + 1; j <= tail->last; ++j) in_main[j] = !spans[j].blank;
          best_e = tail->last;
        }
      }
      // A list under a list heading right above the main text is the
      // article's: a recipe's ingredients above its method, a story's key
      // points above its first paragraph. Its items are lines no rule,
      // repeat or template took, up to the heading; the topmost heading
      // within kAnnouncedLines lines counts ("Ingredients", items,
      // "Method"), and the head is looked for above it. Right below the
      // main text, a heading announces its list as a colon does (below).
      if (list_headings) {
        size_t top = SIZE_MAX, lines = 0, items = 0;  // items: lines under the topmost heading
        for (size_t k = best_s; k-- > 0 && lines < kAnnouncedLines;) {
          if (spans[k].blank) continue;
          ++lines;
          if (barrier[k] || box[k] || tmpl[k] || !res.lines[k].keep) break;
          if (list_heading(k)) {
            top = k;
            items = lines - 1;
          }
        }
        if (items < kListMinItems) top = SIZE_MAX;  // a heading over the headline alone is a menu's label
        // So is one over labels of one word each, the last line (the
        // headline, maybe) aside: "Benefits", "Housing", "Apply for a blue
        // badge" on a government site. A list's items have more words or a
        // figure ("2 eggs", "Pension scheme").
        if (top != SIZE_MAX) {
          bool menu_like = true;
          size_t last = best_s;
          while (last > top && spans[last - 1].blank) --last;
          for (size_t k = top + 1; k + 1 < last && menu_like; ++k) {
            menu_like = spans[k].blank || (res.lines[k].words <= 1 && !HasDigit(LineText(text, spans[k])));
          }
          if (menu_like) top = SIZE_MAX;
        }
        for (size_t k = top; k < best_s; ++k) in_main[k] = !spans[k].blank;
        best_s = std::min(best_s, top);
      }
      // Right below the main text, a list heading announces its list
      // (below), and so does the start of a sentence that ends in a colon
      // ("The plans include:", "The volunteers honoured were:"). A page's
      // label in a title's capitals does not ("Most Talked About
      // Articles:", "Jobs in Scotland:"), nor a short one ("Bookmark
      // with:").
      {
        size_t k = best_e + 1;
        while (k < n && spans[k].blank) ++k;
        if (k < n && !tmpl[k] &&
            (list_heading(k) ||
             (!barrier[k] && res.lines[k].reason == LineReason::kKept && shapes[k].words >= kShortSentenceMinWords &&
              shapes[k].stopwords > 0 && announced(k) && SentenceCased(LineText(text, spans[k]))))) {
          in_main[k] = true;
          best_e = below_heading = k;
        }
      }
      // A block of code right below the main text joins it when a line
      // ending in a colon announces it: the main text's last line, or a
      // short one of its own ("Try it out:").
      if (any_code) {
        bool main_above = false, announced = false;  // since the last main-text line
        for (size_t k = 0; k < n; ++k) {
          if (spans[k].blank) continue;
          if (in_main[k]) {
            main_above = true;
            announced = EndsWithColon(LineText(text, spans[k]));
            continue;
          }
          const bool block = main_above && code[k] && !barrier[k] && res.lines[k].reason == LineReason::kKept;
          announced = block && (announced || EndsWithColon(LineText(text, spans[k])));
          main_above = block;
          if (announced) {
            in_main[k] = true;
            best_e = std::max(best_e, k);
          }
        }
      }
      // The posts of a thread the main text is one of are main text too,
      // however short (a one-line reply is a post): their prose lines join
      // it, the chrome between them does not. Only a prose line left out
      // needs the look.
      bool left_out = false;
      for (size_t k = 0; k < n && !left_out; ++k) left_out = good[k] && !in_main[k];
      if (left_out) {
        size_t thread_s = SIZE_MAX, thread_e = 0;
        ThreadSpan(spans, barrier, good, best->s, best->e, [&](size_t i) {
          // A line a rule took is chrome too ("Senior Member", "Reply With
          // Quote"); barriers bound the zone, so none is asked about.
          const LineDecision& d = res.lines[i];
          return !tmpl[i] && d.words >= 1 && d.words <= kMarkerMaxWords;
        }, [&](size_t i) {
          // Digits do not count: "Posts: 110" and "Posts: 2783" are one
          // marker, as are "05-06-2005, 05:28 PM" and "05-06-2005, 06:00 PM".
          DigitFoldedKey(LineText(text, spans[i]), &key, &scratch);
          return KeyHash(key);
        }, &thread_s, &thread_e);
        for (size_t k = thread_s; k <= thread_e && k < n; ++k) {
          if (!(good[k] || (score[k] > 0 && res.lines[k].keep)) || in_main[k]) continue;
          in_main[k] = true;
          best_s = std::min(best_s, k);
          best_e = std::max(best_e, k);
        }
      }
    }
    if (have) {
      // A region-start or tail-marker right above the main text (toolbar
      // items a rule took aside) opened no region: the article follows it
      // ("Comments" as a link under the byline). The head of the article
      // is looked for past it.
      {
        int toolbar = kShortRegionLines;
        for (size_t k = best_s; k-- > 0 && toolbar > 0;) {
          if (spans[k].blank) continue;
          if (barrier[k]) {
            barrier[k] = false;  // it goes as a line
            res.lines[k].reason = LineReason::kRule;
            res.lines[k].ref_line = 0;
            break;
          }
          if (res.lines[k].keep || res.lines[k].reason != LineReason::kRule) break;
          --toolbar;
        }
      }
      // A line above the main text whose copy stands in it is an entry of
      // a table of contents ("Background", "What happens next" as the
      // story's section headings). One such line is no table (a recipe
      // card repeats the headline), nor is a run of them with no prose
      // between (the name and post count of a forum post's author, who
      // posts again below): the copies must stand apart, as headings do,
      // at least two of them.
      // The first section's heading may stand right above the main text
      // (a contents box of three entries under the headline, then
      // "Understanding clay", then its first paragraph): its copy is so
      // close above that it went as a repeat. It counts as a heading in
      // the main text, and then stays as the page's title line does (the
      // restoration of repeats below).
      std::vector<uint32_t>& copied_below = Fresh(&tl.copied_below, n, 0u);  // the first such copy, 1-based
      size_t first_heading = best_s;
      for (size_t k = best_s; k-- > 0;) {
        if (spans[k].blank) continue;
        const LineDecision& d = res.lines[k];
        if (d.ref_line != 0 && d.ref_line - 1 < k && (d.reason == LineReason::kRepeat || short_repeat[k])) {
          first_heading = k;
        }
        break;
      }
      size_t apart = 0;
      bool prose_since = true;
      bool copies = false;  // a line of the record repeats an earlier one
      for (size_t j = first_heading; j < n; ++j) {
        const LineDecision& d = res.lines[j];
        copies |= d.ref_line != 0;
        if (j > best_e) continue;
        if (good[j]) prose_since = true;
        if ((in_main[j] || j == first_heading) && d.ref_line != 0 && d.ref_line - 1 < first_heading &&
            (d.reason == LineReason::kRepeat || short_repeat[j]) && copied_below[d.ref_line - 1] == 0) {
          copied_below[d.ref_line - 1] = static_cast<uint32_t>(j + 1);
          apart += prose_since;
          prose_since = false;
        }
      }
      if (apart < 2) std::fill(copied_below.begin(), copied_below.end(), 0);
      // A contents box inside the main text (under a wiki's lead: "1
      // History", "2 Wildlife" before "History[edit]"): kContentsMinEntries
      // or more short lines in a row, no prose, each with one copy further
      // down (past the main text too: "3 References"), the copies in the
      // entries' order and prose between each two of them. A forum poster's name, which
      // recurs with each post, stands alone; a post's header block (name,
      // post count) recurs as a block, with no prose between its copies.
      if (copies) {
        // The copy of each line, 1-based; kMany for a line with more than
        // one (every copy names the first line): an entry names one
        // section, while a field of a listing ("Language: English") or a
        // poster's signature recurs with each item.
        constexpr uint32_t kMany = UINT32_MAX;
        std::vector<uint32_t>& first_copy = Fresh(&tl.first_copy, n, 0u);
        for (size_t j = best_s; j < n; ++j) {
          const uint32_t ref = res.lines[j].ref_line;
          if (ref != 0 && ref - 1 >= best_s && ref - 1 < j) {
            first_copy[ref - 1] = first_copy[ref - 1] == 0 ? static_cast<uint32_t>(j + 1) : kMany;
          }
        }
        auto candidate = [&](size_t k) {
          return first_copy[k] != 0 && first_copy[k] != kMany && in_main[k] && res.lines[k].keep && !good[k] &&
                 res.lines[k].words <= kSectionMaxWords;
        };
        for (size_t k = best_s; k <= best_e && k < n; ++k) {
          if (!candidate(k)) continue;
          size_t last = k, entries = 1;  // the block k..last (blank lines aside)
          for (size_t m = k + 1; m < n; ++m) {
            if (spans[m].blank) continue;
            if (!candidate(m)) break;
            const size_t a = first_copy[last] - 1, b = first_copy[m] - 1;
            bool prose = false;
            for (size_t x = a + 1; x < b && !prose; ++x) prose = good[x];
            if (!prose) break;  // out of order, or no prose between the copies
            last = m;
            ++entries;
          }
          // (Two entries make a box when the first section's heading
          // follows them right away: "Contents" of a short guide.)
          size_t below = last + 1;
          while (below < n && spans[below].blank) ++below;
          const bool heading_below = entries >= 2 && first_copy[k] - 1 == below;
          if ((entries >= kContentsMinEntries || heading_below) && first_copy[k] - 1 > last) {
            for (size_t m = k; m <= last; ++m) copied_below[m] = first_copy[m];
          }
          k = last;
        }
      }
      // A list the main text opens with, whose first items are too short
      // to score (a timeline: "1872 School opens", "1899 Second classroom
      // added", then items long enough to be prose): the lines right above
      // the main text that open with the marker its first two lines open
      // with ("0000", "0.", a bullet) are its items, not the head's. The
      // headline is looked for above them.
      // So is a run of kMarkerRunLines or more such items right above the
      // main text (a conference's programme: "09:00 Registration",
      // "09:30 Welcome", ...; a course's "Week 1" ... "Week 5"), with maybe
      // one short heading between it and the text ("Assessment").
      {
        std::string buf_a, buf_b;
        auto item = [&](size_t k, std::string_view marker) {
          return !barrier[k] && !box[k] && !tmpl[k] && res.lines[k].keep &&
                 LeadMarker(LineText(text, spans[k]), &buf_b) == marker;
        };
        auto above = [&](size_t k) {  // the nearest non-blank line above k, or SIZE_MAX
          while (k-- > 0) {
            if (!spans[k].blank) return k;
          }
          return SIZE_MAX;
        };
        std::string_view marker = LeadMarker(LineText(text, spans[best_s]), &buf_a);
        size_t next = best_s + 1;
        while (next <= best_e && spans[next].blank) ++next;
        size_t top = best_s;  // the main text's new first line
        if (!marker.empty() && next <= best_e && in_main[next] &&
            LeadMarker(LineText(text, spans[next]), &buf_b) == marker) {
          for (size_t k = above(best_s); k != SIZE_MAX && item(k, marker); k = above(k)) top = k;
        } else {
          size_t first = above(best_s);
          if (first != SIZE_MAX && res.lines[first].keep && !barrier[first] && !tmpl[first] &&
              res.lines[first].words <= kSectionMaxWords && !shapes[first].end_punct &&
              LeadMarker(LineText(text, spans[first]), &buf_a).empty()) {
            first = above(first);
          }
          marker = first == SIZE_MAX ? std::string_view() : LeadMarker(LineText(text, spans[first]), &buf_a);
          size_t run = 0, run_top = first;
          if (!marker.empty()) {
            // (An entry of a contents box, or the heading it names, is no
            // item: "1. Overview" above "1. Overview".)
            std::vector<bool>& copied = Fresh(&tl.copied, n, false);
            for (size_t j = 0; j < n; ++j) {
              const LineDecision& d = res.lines[j];
              if (d.ref_line != 0 && d.ref_line - 1 < j && (d.reason == LineReason::kRepeat || short_repeat[j])) {
                copied[d.ref_line - 1] = copied[j] = true;
              }
            }
            for (size_t k = first; k != SIZE_MAX && item(k, marker) && !copied[k]; k = above(k)) {
              ++run;
              run_top = k;
            }
          }
          if (run >= kMarkerRunLines) top = run_top;
        }
        for (size_t k = top; k < best_s; ++k) in_main[k] = !spans[k].blank;
        best_s = top;
      }
      // Headline and byline right above the main text. Past a blank line
      // below a head line taken, the walk stops at the last line of a block
      // of short labels (a menu: "Home", "News", "Sports", "Contact us"),
      // whose last item would otherwise pass for the head. An entry of a
      // table of contents counts as a line of the head, but it is not kept
      // as one.
      std::vector<bool>& head = Fresh(&tl.head, n, false);
      int budget = o.headline_lines;
      bool took = false, crossed = false;
      int menu = 0;  // navigation labels a rule took, in a row
      auto label_above = [&](size_t k) {  // the nearest non-blank line above k is a menu label
        for (size_t j = k; j-- > 0;) {
          if (spans[j].blank) continue;
          return !res.lines[j].keep && IsMenuLabel(LineText(text, spans[j]), res.lines[j], rules);
        }
        return false;
      };
      for (size_t k = best_s; k-- > 0 && budget > 0;) {
        if (spans[k].blank) {
          crossed = took;
          continue;
        }
        if (barrier[k] || box[k]) break;
        if (!res.lines[k].keep) {  // rules and repeats: already gone, not counted
          menu = IsMenuLabel(LineText(text, spans[k]), res.lines[k], rules)
                     ? menu + 1
                     : 0;
          // A menu is the top of the head: the site's name stands above
          // it. (A headline above a breadcrumb menu is the lead's, and
          // RescueCohesive finds it by its words; a byline's toolbar holds
          // buttons and counts, no labels.)
          if (menu == kHeadMenuLines) break;
          continue;
        }
        // A short line with menu labels right below and right above it is
        // one more item of the menu ("About Us", "Our Team", "Careers"):
        // labels a rule knows stand on both sides of one it does not.
        if (menu > 0 && res.lines[k].words <= kMenuItemMaxWords && label_above(k)) {
          if (++menu == kHeadMenuLines) break;
          continue;
        }
        // So is a short line right between two a rule took, no sentence:
        // the audio player's "3 min" between "Listen to this article" and
        // "Listen" (not "Nobody was hurt." between an advertisement's label
        // and a comment link). It counts against the head's lines as the
        // line it stands for would.
        if (res.lines[k].words <= kMenuItemMaxWords && k + 1 < best_s &&
            BetweenToolbarItems(rules, spans, res.lines, shapes, k)) {
          --budget;
          continue;
        }
        menu = 0;
        if (crossed && LastOfLabelBlock(spans, res.lines, k)) break;
        // A separator ("·", "|") is no line of the head, nor is code (a
        // script's line above the headline).
        if (res.lines[k].words == 0 || code[k]) continue;
        // A contents box of in-page links ("- [Usage](#usage)") is passed
        // as its entries are; other links are a menu: the top of the head.
        const std::string_view line = LineText(text, spans[k]);
        if (IsLinkOnly(line)) {
          if (LinksAreAnchors(line)) continue;
          break;
        }
        if (IsLinkRow(line)) break;
        if (copied_below[k] != 0) continue;
        // The first section's heading right under a contents box that
        // names it is the main text's: no line of the head.
        if (k == first_heading && ContentsBoxRightAbove(spans, copied_below, res.lines[k].ref_line, k)) continue;
        --budget;
        // (A Markdown heading is one however few its words: "## Usage".)
        if (res.lines[k].words >= 2 || MarkdownHeadingLevel(TrimBlanks(line)) > 0) {
          head[k] = true;
          took = true;
        }
      }
      // A teaser heading (a tail-marker: "More from Sports", "Related") with
      // a block of two or more short lines under it, no blank line, no line
      // a rule or a repeat took between, and the main text right after
      // them: the lines are its items, the list of other stories a sidebar
      // puts above the story, not the story's headline. They go in its
      // region. A byline or a date among them (rules.MatchMeta) makes them
      // the story's head under a stray label, and a lone line may be the
      // headline: both stay to the walk above.
      if (o.use_rules) {
        thread_local std::vector<size_t> items;
        items.clear();
        size_t marker = SIZE_MAX;
        for (size_t k = best_s; k-- > 0;) {
          if (spans[k].blank) {
            if (items.empty()) continue;
            break;  // the items are one block, right under the heading
          }
          if (barrier[k]) {
            if (tail_marker(k)) marker = k;
            break;
          }
          if (!res.lines[k].keep || good[k] || in_main[k] || items.size() == kTeaserItemLines) break;
          items.push_back(k);
        }
        // The meta rules run only once a heading and two items are found.
        auto is_meta = [&](size_t k) {
          return RuleTextHit(rules, &RuleSet::MatchMeta, LineText(text, spans[k]), res.lines[k].words,
                             res.language) >= 0;
        };
        if (marker != SIZE_MAX && items.size() >= 2 && std::none_of(items.begin(), items.end(), is_meta)) {
          for (size_t k : items) to_region(res.lines[k], static_cast<uint32_t>(marker + 1));
        }
      }
      // A template line inside a segment of the main text (article text
      // above and below it; segments pass over template lines) is judged by
      // that context: it stays.
      // So is a paragraph that a rule without max_words took (a consent
      // banner's or a disclaimer's stock text) inside the main text: a
      // privacy policy's own paragraph on cookies, between its others.
      for (size_t i = 0; i < n; ++i) {
        LineDecision& d = res.lines[i];
        if (!in_main[i]) continue;
        if ((tmpl[i] && d.reason == LineReason::kTemplate) ||
            (d.reason == LineReason::kRule && d.words > kRuleParagraphWords &&
             RuleOf(rules, d.rule).max_words == 0)) {
          d.keep = true;
          d.reason = LineReason::kKept;
        }
      }
      for_lines_after_barriers([&](size_t i, uint32_t last_barrier) {
        LineDecision& d = res.lines[i];
        if (!d.keep || in_main[i] || (head[i] && !short_repeat[i])) return;
        d.keep = false;
        if (short_repeat[i]) {
          d.reason = LineReason::kRepeat;
        } else if (last_barrier > best_e + 1) {  // a barrier after the main text (1-based)
          to_region(d, last_barrier);
        } else {
          d.reason = LineReason::kContext;
        }
      });
      // A short line inside the main text right between two lines a rule
      // took (no caption or credit), no sentence: a box's line (a
      // newsletter box's tagline between its heading and its notice), not
      // the story's.
      for (size_t i = best_s + 1; i < best_e && i + 1 < n; ++i) {
        LineDecision& d = res.lines[i];
        if (!in_main[i] || !d.keep || !short_line[i] || !BetweenToolbarItems(rules, spans, res.lines, shapes, i)) {
          continue;
        }
        d.keep = false;
        d.reason = LineReason::kContext;
      }
      // The entries of a table of contents go as copies of the headings
      // they name (the walks below pass them as they pass toolbar items).
      for (size_t k = 0; k < best_e && k < n; ++k) {
        LineDecision& d = res.lines[k];
        if (copied_below[k] != 0 && (d.keep || d.reason == LineReason::kContext)) {
          d.keep = false;
          d.reason = LineReason::kRepeat;
          d.ref_line = copied_below[k];
          // A copy past the main text goes for what it is, not as a
          // repeat of its entry.
          LineDecision& copy = res.lines[copied_below[k] - 1];
          if (copied_below[k] - 1 > best_e && !copy.keep && copy.reason == LineReason::kRepeat &&
              copy.ref_line == k + 1) {
            copy.reason = LineReason::kContext;
            copy.ref_line = 0;
          }
        }
      }
      // A main-text line ending in a colon announces a list or a table
      // ("Top stories of the year:", "Where to give blood:"), as a list
      // heading right below the main text does ("Ingredients"): the lines
      // after it that only context or a region took stay, up to a barrier
      // or a line a rule, a repeat or a template took.
      for (size_t i = best_s; i <= best_e && i < n; ++i) {
        if (!in_main[i] || !res.lines[i].keep || spans[i].blank ||
            (i != below_heading && !EndsWithColon(LineText(text, spans[i])))) {
          continue;
        }
        // A list of fields (a spec sheet's "Weight: 1.6 kg", a match's
        // line-ups) ends at its last field: headings under it head the
        // chrome below ("Customer reviews" over "Write a review"). A list
        // of figures does not: a recipe's last ingredient may have none
        // ("Salt and pepper"), nor one whose fields come after other
        // lines ("Three bedrooms", "Parking: 2 cars", "Garden").
        size_t taken = 0, fields = 0, last_field = i;
        bool fields_first = true, headings_after = true;  // nothing but fields up to the last; headings below it
        for (size_t j = i + 1; j < n && taken < kAnnouncedLines; ++j) {
          if (spans[j].blank) continue;
          const LineDecision& d = res.lines[j];
          if (barrier[j]) break;
          // Items the main text took are the list's too ("the rash is
          // spreading" under "Call 111 if:"); a sentence there ends it.
          if (d.keep && in_main[j] &&
              (d.words > kListItemMaxWords || EndsWithPunct(TrimEnd(LineText(text, spans[j]))))) {
            break;
          }
          if (d.keep) continue;
          if (d.reason != LineReason::kContext && d.reason != LineReason::kRegion) break;
          ++taken;
          const std::string_view line = LineText(text, spans[j]);
          if (line.find(':') != std::string_view::npos) {
            ++fields;
            fields_first = fields_first && fields == taken;
            last_field = j;
            headings_after = true;
          } else {
            headings_after = headings_after && BareLabel(line, d.words);
          }
        }
        const size_t end = fields >= kTableMinRows && fields_first && headings_after ? last_field : n;
        for (size_t j = i + 1, left = taken; j < n && j <= end && left > 0; ++j) {
          if (spans[j].blank) continue;
          LineDecision& d = res.lines[j];
          if (d.keep) continue;
          d.keep = true;
          d.reason = LineReason::kKept;
          d.ref_line = 0;
          --left;
        }
      }
      // The bare figures of a table in the main text are its cells.
      for (size_t i = best_s; i <= best_e && i < n; ++i) {
        LineDecision& d = res.lines[i];
        if (table[i] && in_main[i] && d.reason == LineReason::kRule) {
          d.keep = true;
          d.reason = LineReason::kKept;
        }
      }
      KeepTrailingTable(text, spans, barrier, table, rules, best_e, &res);
      RescueCohesive(text, spans, in_main, best_s, stop, &res);
      if (o.use_rules) KeepArticleMeta(text, spans, barrier, best_s, best_e, rules, &res);
      KeepSignature(text, spans, barrier, best_e, stop, &res);
      // A line that only context took, between two kept lines (blank lines
      // aside), is one of theirs: the "Cons" between the pros and the cons
      // of a review's head, a label inside a kept block.
      {
        size_t prev = SIZE_MAX;  // the previous non-blank line
        for (size_t i = 0; i < n; ++i) {
          if (spans[i].blank) continue;
          LineDecision& d = res.lines[i];
          if (!d.keep && d.reason == LineReason::kContext && !short_repeat[i] && prev != SIZE_MAX &&
              res.lines[prev].keep && !IsLinkRow(LineText(text, spans[i]))) {
            size_t next = i + 1;
            while (next < n && spans[next].blank) ++next;
            if (next < n && res.lines[next].keep) {
              d.keep = true;
              d.reason = LineReason::kKept;
            }
          }
          prev = i;
        }
      }
      // A repeat goes so the output does not say the same thing twice. When
      // the first copy went as chaff (a table of contents, a menu, a teaser
      // for this very story) and a later one stands in the main text (the
      // section heading, the headline), that later copy is the first the
      // output would have: it stays, and copies after it repeat it.
      thread_local std::vector<std::pair<uint32_t, uint32_t>> restored;  // (first copy, restored copy), 1-based
      restored.clear();
      // The line right above the main text (past toolbar items a rule took:
      // "Edit this page") is its title when it is a copy of a menu's item:
      // a docs or wiki page's sidebar names the page ("Configuration") that
      // then heads it.
      size_t title = SIZE_MAX;
      for (size_t k = best_s, toolbar = 0; k-- > 0 && toolbar <= kShortRegionLines;) {
        if (spans[k].blank) continue;
        if (res.lines[k].reason != LineReason::kRule) {
          title = k;
          break;
        }
        ++toolbar;
      }
      // So is the line right above the lines kept above the main text (a
      // standfirst, a byline; toolbar items a rule took aside), when it
      // has a headline's words: a blog's title, printed first in its share
      // box.
      size_t above_head = SIZE_MAX;
      for (size_t k = best_s; k-- > 0;) {
        if (spans[k].blank || res.lines[k].keep || res.lines[k].reason == LineReason::kRule) continue;
        if (res.lines[k].words >= kHeadlineMinWords) above_head = k;
        break;
      }
      for (size_t i = 0; i < n; ++i) {
        LineDecision& d = res.lines[i];
        // (An entry of a contents box names its copy below: no first copy.)
        if (d.keep || d.reason != LineReason::kRepeat || d.ref_line == 0 || d.ref_line - 1 > i) continue;
        const LineDecision& first = res.lines[d.ref_line - 1];
        const bool entry = first.reason == LineReason::kRepeat && copied_below[d.ref_line - 1] != 0;  // of contents
        if (first.keep || (first.reason != LineReason::kContext && first.reason != LineReason::kRegion && !entry)) {
          continue;
        }
        auto it = std::find_if(restored.begin(), restored.end(),
                               [&](const std::pair<uint32_t, uint32_t>& r) { return r.first == d.ref_line; });
        if (it != restored.end()) {
          d.ref_line = it->second;
        } else if (in_main[i] || i == title || i == above_head) {
          restored.emplace_back(d.ref_line, static_cast<uint32_t>(i + 1));
          d.keep = true;
          d.reason = LineReason::kKept;
          d.ref_line = 0;
        }
      }
    }
  } else if (o.use_rules) {
    // No article-like line (or context off): a barrier still ends the text.
    // A region-start's region goes; with context on, so does a
    // tail-marker's (a missing page's "Popular stories" over teasers'
    // titles), up to a sentence (a recipe card's step, "Heat the oven to
    // 200C.", under a "Trending" box at the top of the page): no teaser's.
    uint32_t ended = 0;  // a tail-marker whose region a sentence ended
    for_lines_after_barriers([&](size_t i, uint32_t last_barrier) {
      LineDecision& d = res.lines[i];
      if (last_barrier == 0 || !d.keep) return;
      const RuleScope scope = RuleOf(rules, res.lines[last_barrier - 1].rule).scope;
      if (scope == RuleScope::kRegionStart) {
        to_region(d, last_barrier);
        return;
      }
      if (!o.use_context || scope != RuleScope::kTailMarker || ended == last_barrier) return;
      if (Sentence(shapes[i], LineText(text, spans[i]))) {
        ended = last_barrier;
        return;
      }
      to_region(d, last_barrier);
    });
  }

  // Readers' comments, when kept: in the region a rule of the `comments`
  // category opened ("23 Comments", "5 thoughts on ..."), a line of prose
  // or a sentence is a comment and stays, as article text would; the
  // names, times and buttons between comments ("Jenny says", "Reply") stay
  // in the region, and the lines a rule, a repeat or a template took stay
  // taken. The region ends where regions end: at the next barrier.
  if (o.keep_comments && o.use_rules) {
    for (size_t i = 0; i < n; ++i) {
      LineDecision& d = res.lines[i];
      if (d.keep || d.reason != LineReason::kRegion || d.ref_line == i + 1 || d.rule < 0 ||
          RuleOf(rules, d.rule).category != kCommentsCategory) {
        continue;
      }
      if (Prose(shapes[i], o) || Sentence(shapes[i], LineText(text, spans[i]))) {
        d.keep = true;
        d.reason = LineReason::kKept;
        d.ref_line = 0;
        d.rule = -1;
      }
    }
  }

  std::vector<bool>& keep = Fresh(&tl.keep, n, false);
  for (size_t i = 0; i < n; ++i) {
    keep[i] = res.lines[i].keep;
    if (!res.lines[i].keep && !spans[i].blank) ++res.removed_lines;
  }
  if (res.removed_lines) {
    AssembleKept(text, spans, keep, &res.text);
  } else {
    res.text.assign(text);
  }
}

}  // namespace winnow
