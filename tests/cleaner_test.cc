#include "winnow/cleaner.h"

#include <gtest/gtest.h>
#include <re2/filtered_re2.h>
#include <re2/re2.h>
#include <utf8proc.h>

#include <algorithm>
#include <cctype>
#include <initializer_list>
#include <map>
#include <random>

#include "winnow/json.h"
#include "winnow/rules.h"
#include "winnow/normalize.h"
#include "winnow/segment.h"

namespace winnow {
namespace {

CleanerOptions RepeatsOnly() {
  CleanerOptions o;
  o.use_rules = false;
  o.use_context = false;
  return o;
}

TEST(Normalize, LineKeyFoldsCaseWidthPunctuationAndSpace) {
  EXPECT_EQ(LineKey("  Oops! Something went wrong. "), "oops something went wrong");
  EXPECT_EQ(LineKey("OOPS — something   went wrong"), "oops something went wrong");
  EXPECT_EQ(LineKey("\xEF\xBC\xA6\xEF\xBD\x89\xEF\xBD\x8C\xEF\xBD\x85"), "file");  // fullwidth "File"
  EXPECT_EQ(LineKey("Straße"), "strasse");
  EXPECT_EQ(LineKey("* * *"), "");
  EXPECT_EQ(LineKeyHash("---"), 0u);
  // Turkish capitals: "I" over "ı", "İ" over "i".
  EXPECT_EQ(LineKey("KIYI BOYUNDA"), LineKey("kıyı boyunda"));
  EXPECT_EQ(LineKey("İZMİR'DE YAĞMUR"), LineKey("İzmir'de yağmur"));
  EXPECT_EQ(LineKey("İzmir'de"), "izmir de");
}

TEST(Normalize, AsciiLineKeyIsLoweredWordsJoinedBySingleSpaces) {
  // The ASCII path works eight bytes at a time; check it against the
  // definition on random lines of every ASCII byte, of every length around
  // the 8- and 64-byte boundaries, and on the same lines with a non-ASCII
  // word appended (the other path).
  auto spec = [](std::string_view s) {
    std::string out, word;
    for (char c : s) {
      if (std::isalnum(static_cast<unsigned char>(c))) {
        word += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        continue;
      }
      if (!word.empty()) out += (out.empty() ? "" : " ") + word;
      word.clear();
    }
    if (!word.empty()) out += (out.empty() ? "" : " ") + word;
    return out;
  };
  std::mt19937 rng(5);
  std::string key, scratch;
  for (int t = 0; t < 3000; ++t) {
    const size_t len = static_cast<size_t>(t % 150);
    std::string line(len, ' ');
    const int alphabet = t % 3 == 0 ? 128 : 40;  // all of ASCII, or mostly letters
    for (char& c : line) {
      int r = static_cast<int>(rng() % static_cast<uint32_t>(alphabet));
      c = alphabet == 128 ? static_cast<char>(r) : (r < 26 ? static_cast<char>('A' + r) : r < 34 ? ' ' : '.');
    }
    LineKey(line, &key, &scratch);
    ASSERT_EQ(key, spec(line)) << t;
    ASSERT_EQ(internal::PortableAsciiLineKey(line), key) << t;
    std::string want = spec(line);
    EXPECT_EQ(LineKey(line + " \xC3\xA9t\xC3\xA9"), want + (want.empty() ? "" : " ") + "\xC3\xA9t\xC3\xA9") << t;
  }
}

TEST(Normalize, FoldingByTableAgreesWithUtf8proc) {
  // AppendFoldedNfkc answers runs of Latin, Greek, Cyrillic, ... letters and
  // general punctuation from a table; the reference maps each run between
  // ASCII spaces with utf8proc whole, as NFKC and case folding define it.
  auto reference = [](std::string_view s) {
    std::string out;
    size_t i = 0;
    while (i < s.size()) {
      if (static_cast<unsigned char>(s[i]) < 0x80) {
        const char c = s[i++];
        out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
        continue;
      }
      size_t e = i;
      while (e < s.size() && s[e] != ' ' && s[e] != '\n') ++e;
      utf8proc_uint8_t* mapped = nullptr;
      const utf8proc_ssize_t n = utf8proc_map(
          reinterpret_cast<const utf8proc_uint8_t*>(s.data() + i), static_cast<utf8proc_ssize_t>(e - i), &mapped,
          static_cast<utf8proc_option_t>(UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_COMPAT | UTF8PROC_CASEFOLD));
      if (n >= 0 && mapped != nullptr) {
        out.append(reinterpret_cast<const char*>(mapped), static_cast<size_t>(n));
      } else {
        out.append(s.substr(i, e - i));
      }
      std::free(mapped);
      i = e;
    }
    return out;
  };
  auto enc = [](int32_t cp) {
    utf8proc_uint8_t b[4];
    return std::string(reinterpret_cast<const char*>(b), static_cast<size_t>(utf8proc_encode_char(cp, b)));
  };
  std::vector<std::string> cps;  // the table's ranges, and marks and jamo that compose across pieces
  for (int32_t cp = 0x80; cp < 0x800; ++cp) cps.push_back(enc(cp));
  for (int32_t cp = 0x2000; cp < 0x2080; ++cp) cps.push_back(enc(cp));
  for (int32_t cp : {0x0301, 0x0308, 0x0345, 0x093C, 0x09BE, 0x1161, 0x11A8, 0x3099, 0x309A, 0x309B, 0xFF21}) {
    cps.push_back(enc(cp));
  }
  // The CJK symbols, the fullwidth and halfwidth forms (in the table) and
  // the East Asian letters passed through as they are, with the neighbours
  // outside each range: the short ranges (symbols, forms, kana) in full, of
  // the long ones (Han, Hangul) the ends and every 13th code point.
  constexpr int32_t kShortRange = 0xF1;
  for (auto [lo, hi] : {std::pair{0x3000, 0x3040}, {0xFEFF, 0xFFF0}, {0x3040, 0x3097}, {0x30A0, 0x30FF},
                        {0x33FF, 0x4DC0}, {0x4DFF, 0xA000}, {0xABFF, 0xD7A4}}) {
    for (int32_t cp = lo; cp <= hi; ++cp) {
      if (hi - lo <= kShortRange || cp - lo < 3 || hi - cp < 3 || (cp - lo) % 13 == 0) cps.push_back(enc(cp));
    }
  }
  const std::string broken[] = {"\xC3", "\xE2\x80", "\x80", "\xFF", "\xE2\x80\x41"};
  std::mt19937 rng(23);
  std::string got;
  // Every ASCII byte (lowered eight at a time) at every offset before and
  // after a code point of the table.
  std::string ascii;
  for (int c = 1; c < 0x80; ++c) ascii.push_back(static_cast<char>(c));
  for (size_t at = 0; at < 16; ++at) {
    const std::string s = ascii.substr(at) + "\u00c9" + ascii.substr(0, 100 + at) + "\u0416" + ascii;
    got = "kept ";
    AppendFoldedNfkc(s, &got);
    ASSERT_EQ(got, "kept " + reference(s)) << at;
  }
  for (size_t a = 0; a < cps.size(); ++a) {
    // Every code point alone, after ASCII, and before 40 others.
    for (const std::string& s : {cps[a], "Ab" + cps[a] + "Cd", cps[a] + " " + cps[a]}) {
      got.clear();
      AppendFoldedNfkc(s, &got);
      ASSERT_EQ(got, reference(s)) << a;
    }
    for (int t = 0; t < 40; ++t) {
      std::string s = "x" + cps[a] + cps[rng() % cps.size()];
      if (t % 8 == 0) s += broken[rng() % std::size(broken)];
      if (t % 5 == 0) s += "Q" + cps[rng() % cps.size()];
      got.clear();
      AppendFoldedNfkc(s, &got);
      ASSERT_EQ(got, reference(s)) << a << " " << t;
    }
  }
}

TEST(Normalize, WordCodepointsAreTheLettersMarksAndNumbersOfUtf8proc) {
  // IsWordCodepoint answers two-byte code points from a table and kana, Han
  // and Hangul syllables without a look-up; the rest from utf8proc.
  for (int32_t cp = 0; cp < 0x10000; ++cp) {
    if (cp < 0x80) {
      ASSERT_EQ(IsWordCodepoint(cp), std::isalnum(cp) != 0) << cp;
      continue;
    }
    const auto c = utf8proc_category(cp);
    const bool letter = c == UTF8PROC_CATEGORY_LU || c == UTF8PROC_CATEGORY_LL || c == UTF8PROC_CATEGORY_LT ||
                        c == UTF8PROC_CATEGORY_LM || c == UTF8PROC_CATEGORY_LO || c == UTF8PROC_CATEGORY_MN ||
                        c == UTF8PROC_CATEGORY_MC || c == UTF8PROC_CATEGORY_ME || c == UTF8PROC_CATEGORY_ND ||
                        c == UTF8PROC_CATEGORY_NL || c == UTF8PROC_CATEGORY_NO;
    ASSERT_EQ(IsWordCodepoint(cp), letter) << std::hex << cp;
  }
}

TEST(Normalize, DecodingAgreesWithUtf8proc) {
  // Every lead byte from C0 with every pair of following bytes (those of
  // two and three bytes are decoded without utf8proc, the rest by it), and
  // every sequence cut short.
  std::string s(3, '\0');
  for (int a = 0xC0; a < 0x100; ++a) {
    for (int b = 0; b < 0x100; ++b) {
      for (int c = 0; c < 0x100; c += (a < 0xE0 ? 0x3F : 1)) {
        s[0] = static_cast<char>(a);
        s[1] = static_cast<char>(b);
        s[2] = static_cast<char>(c);
        for (size_t len = 1; len <= 3; ++len) {
          const std::string_view v(s.data(), len);
          utf8proc_int32_t want = -1;
          utf8proc_ssize_t n = utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(v.data()),
                                                static_cast<utf8proc_ssize_t>(len), &want);
          if (n <= 0) {
            want = -1;
            n = 1;
          }
          size_t i = 0;
          ASSERT_EQ(DecodeUtf8(v, &i), want) << std::hex << a << " " << b << " " << c << " " << len;
          ASSERT_EQ(i, static_cast<size_t>(n)) << std::hex << a << " " << b << " " << c << " " << len;
        }
      }
    }
  }
}

TEST(Normalize, Utf8LineKeyFastPathAgreesWithTheByteLoop) {
  // Lines of ASCII and UTF-8 pieces (word letters, signs, marks that fold
  // or compose, CJK, and broken sequences) across the 64-byte blocks.
  std::mt19937 rng(17);
  const std::string pieces[] = {"The", "x", " ", ".", "'", "42", "\xC3\xA9", "\xC3\x89", "\xE2\x80\x94",
                                "\xE2\x80\x9C", "\xC2\xA0", "\xC2\xBD", "\xEF\xBC\xA6", "\xC3\x9F",
                                "e\xCC\x81", "\xE6\x97\xA5\xE6\x9C\xAC", "\xF0\x9F\x98\x80", "\xD0\x96",
                                "\xC2", "\x80", "\xE2\x80", "\xF0\x9F", "\xFF", "\xE2\x80\x41"};
  std::string key, scratch;
  for (int t = 0; t < 4000; ++t) {
    std::string line;
    const size_t parts = static_cast<size_t>(t % 120);
    const size_t alphabet = t % 2 == 0 ? std::size(pieces) : 18;  // with broken UTF-8, or without
    for (size_t p = 0; p < parts; ++p) line += pieces[rng() % alphabet];
    LineKey(line, &key, &scratch);
    ASSERT_EQ(key, internal::PortableLineKey(line)) << t;
  }
}

TEST(LineWords, CountsWordsAndStopwordsAsDefined) {
  auto counts = [](std::string_view line) {
    internal::WordCounts wc = internal::LineWordCounts(line);
    return std::pair<int, int>(wc.words, wc.stopwords);
  };
  EXPECT_EQ(counts("The cat sat on THE mat."), std::make_pair(6, 3));
  EXPECT_EQ(counts("  'Tis  don't -- o'clock 42x ''"), std::make_pair(4, 0));
  EXPECT_EQ(counts("themselves themselvesx THEMSELVES"), std::make_pair(3, 2));
  EXPECT_EQ(counts("caf\xC3\xA9 and the\xE2\x80\x94of\xC2\xA0it"), std::make_pair(5, 4));
  EXPECT_EQ(counts(""), std::make_pair(0, 0));
  // Signs and symbols are not words: "Next »", "© 2024", "• Home ►".
  EXPECT_EQ(counts("Back to front page \xC2\xBB"), std::make_pair(4, 1));
  EXPECT_EQ(counts("\xC2\xA9 2024 \xC2\xB7 Acme\xE2\x84\xA2"), std::make_pair(2, 0));
  EXPECT_EQ(counts("\xE2\x80\xA2 Home \xE2\x96\xBA \xE2\x98\x85\xE2\x98\x85"), std::make_pair(1, 0));
  // but letters and numbers there are: "µm", "½", "①".
  EXPECT_EQ(counts("5 \xC2\xB5m \xC2\xBD \xE2\x91\xA0"), std::make_pair(4, 0));
  // Word and stopword boundaries across the 64-byte blocks of the fast path.
  std::string long_line;
  for (int i = 0; i < 40; ++i) long_line += i % 2 ? "the " : "ab ";
  EXPECT_EQ(counts(long_line), std::make_pair(40, 20));
}

TEST(LineWords, FastPathAgreesWithTheBytePath) {
  std::mt19937 rng(11);
  const std::string pieces[] = {"the", "The", "OF", "an", "themselves", "x", "'", "''", " ", "  ", ".", "-",
                                "don't", "1984", "\xC3\xA9", "\xE2\x80\x94", "\xC2\xA0", "Word", "\t",
                                // Stopwords of other languages, with UTF-8 letters ("für", "Über", "è").
                                "f\xC3\xBCr", "\xC3\x9C" "ber", "\xC3\xA8",
                                // Signs that are words, the enclosed alphanumerics, a CJK letter, and broken
                                // UTF-8: lone lead and continuation bytes, a separator cut short or run into
                                // another (the byte path's left-to-right reading decides).
                                "\xC2\xBD", "\xC2\xBB", "\xE2\x91\xA0", "\xE2\x80\x99", "\xE6\x97\xA5", "\xC2",
                                "\xE2", "\xE2\x80", "\x80", "\xBF", "\xE2\x80\xE2", "\xE2\x80\x41", "\xFF"};
  for (int t = 0; t < 6000; ++t) {
    std::string line;
    const size_t parts = static_cast<size_t>(t % 90);
    const size_t alphabet = t % 4 == 0 ? std::size(pieces) : t % 4 == 1 ? 22 : 14;  // ASCII only, or with UTF-8
    for (size_t p = 0; p < parts; ++p) line += pieces[rng() % alphabet];
    const internal::WordCounts fast = internal::LineWordCounts(line);
    const internal::WordCounts bytes = internal::PortableWordCounts(line);
    ASSERT_EQ(fast.words, bytes.words) << line;
    ASSERT_EQ(fast.stopwords, bytes.stopwords) << line;
    const bool ascii = std::all_of(line.begin(), line.end(), [](char c) { return (c & 0x80) == 0; });
    ASSERT_EQ(fast.ascii, ascii) << line;
    ASSERT_EQ(bytes.ascii, ascii) << line;
    // With a stopword cap, as Clean() asks: the same capped counts.
    const double ratio = (t % 7) * 0.1;
    const int min_words = t % 6;
    const internal::WordCounts fast_cap = internal::LineWordCounts(line, ratio, min_words);
    const internal::WordCounts bytes_cap = internal::PortableWordCounts(line, ratio, min_words);
    ASSERT_EQ(fast_cap.words, bytes.words) << line;
    ASSERT_EQ(fast_cap.stopwords, bytes_cap.stopwords) << line;
    ASSERT_EQ(fast_cap.ascii, ascii) << line;
    ASSERT_EQ(bytes_cap.stopwords, std::min(bytes.stopwords, internal::StopwordCap(bytes.words, ratio, min_words)))
        << line;
  }
  // Words at every offset around the fast path's 64-byte block edges: a
  // word that ends the line at a block's last byte, one that starts with
  // an apostrophe on a block's last byte, one that runs across an edge.
  for (size_t pad = 0; pad < 200; ++pad) {
    for (const char* tail : {"the", "'the of", "of 'tis", "themselves", " an'", "x the"}) {
      const std::string line = std::string(pad, pad % 3 ? ' ' : 'a') + tail;
      const internal::WordCounts fast = internal::LineWordCounts(line, 2.0, 0);
      const internal::WordCounts bytes = internal::PortableWordCounts(line, 2.0, 0);
      ASSERT_EQ(fast.words, bytes.words) << pad << " " << tail;
      ASSERT_EQ(fast.stopwords, bytes.stopwords) << pad << " " << tail;
    }
  }
}

// The capped count answers every ratio test up to the cap's ratio as the
// full count does, and needs no look-up below min_words words.
TEST(LineWords, StopwordCapKeepsTheRatioTests) {
  for (int words = 0; words <= 120; ++words) {
    for (double ratio : {0.0, 0.15, 0.25, 0.3, 1.0 / 3, 0.5, 1.0, 1.5}) {
      const int cap = internal::StopwordCap(words, ratio, 3);
      if (words < 3) {
        EXPECT_EQ(cap, 0);
        continue;
      }
      for (int stop = 0; stop <= words; ++stop) {
        const int capped = std::min(stop, cap);
        for (double t : {0.0, 0.1, 0.15, 0.2, 0.25, 1.0 / 3, 0.5, 1.0}) {
          if (t > ratio) continue;
          ASSERT_EQ(static_cast<double>(capped) / words >= t, static_cast<double>(stop) / words >= t)
              << words << " " << stop << " " << ratio << " " << t;
        }
      }
    }
  }
  EXPECT_EQ(internal::StopwordCap(40, 0.25, 5), 10);
  EXPECT_EQ(internal::StopwordCap(40, 2.0, 5), 41);  // above 1: every stopword counts
  auto capped = internal::LineWordCounts("the the the the the the the the cat", 0.25, 5);
  EXPECT_EQ(capped.words, 9);
  EXPECT_EQ(capped.stopwords, 3);
  EXPECT_EQ(internal::LineWordCounts("the the cat", 0.25, 5).stopwords, 0);  // under 5 words: not looked up
}

TEST(Segment, OffsetsExcludeNewlineAndCarriageReturn) {
  auto lines = SegmentLines("ab\r\n\ncd");
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(lines[0].begin, 0u);
  EXPECT_EQ(lines[0].end, 2u);
  EXPECT_TRUE(lines[1].blank);
  EXPECT_EQ(lines[2].begin, 5u);
  EXPECT_TRUE(IsBlank(" \t\xC2\xA0"));
  EXPECT_FALSE(IsBlank(" x "));
}

TEST(AssembleKept, NothingRemovedGivesTheTextUnchanged) {
  std::string text = "\n\nTitle\n\n\n\nBody one.\r\nBody two.\n";
  auto lines = SegmentLines(text);
  EXPECT_EQ(AssembleKept(text, lines, std::vector<bool>(lines.size(), true)), text);
}

TEST(AssembleKept, RemovedLinesLeaveOneParagraphBreak) {
  std::string text = "Title\n\nJunk one\n\nJunk two\n\nBody.\nMore body.\n\nFooter\n";
  auto lines = SegmentLines(text);
  std::vector<bool> keep(lines.size(), true);
  keep[2] = keep[4] = keep[9] = false;
  EXPECT_EQ(AssembleKept(text, lines, keep), "Title\n\nBody.\nMore body.\n");
}

TEST(Cleaner, RepeatedHeadlineGoesFirstCopyStays) {
  Cleaner c(RepeatsOnly());
  auto r = c.Clean("Big News Today\n\nBig News Today\nPhoto caption\n\nThe article begins here.");
  EXPECT_EQ(r.text, "Big News Today\n\nPhoto caption\n\nThe article begins here.");
  ASSERT_EQ(r.removed_lines, 1u);
  EXPECT_EQ(r.lines[2].reason, LineReason::kRepeat);
  EXPECT_EQ(r.lines[2].ref_line, 1u);
  EXPECT_TRUE(r.lines[0].keep);
}

TEST(Cleaner, ACaptionPrintedAgainShorterGoes) {
  // The credit under a picture, once with the image's alt text and again
  // alone: the second is the start of the first, cut at a word.
  Cleaner c(RepeatsOnly());
  auto r = c.Clean("Jane Doe / Harbour Gazette the old bridge at dusk\nJane Doe / Harbour Gazette\n\n"
                   "The article begins here.\nThe article begins\nThe art");
  EXPECT_EQ(r.lines[1].reason, LineReason::kRepeat);
  EXPECT_EQ(r.lines[1].ref_line, 1u);
  EXPECT_TRUE(r.lines[0].keep);
  EXPECT_EQ(r.lines[4].reason, LineReason::kRepeat);  // three words, cut at a word
  EXPECT_EQ(r.lines[4].ref_line, 4u);
  EXPECT_TRUE(r.lines[5].keep);  // cut inside a word, and under three words
  EXPECT_EQ(r.text, "Jane Doe / Harbour Gazette the old bridge at dusk\n\nThe article begins here.\nThe art");
}

TEST(Cleaner, RepeatedBlockOfLinesAllGo) {
  Cleaner c(RepeatsOnly());
  auto r = c.Clean("Oops! It broke.\nSomething went wrong here.\nOops! It broke.\nSomething went wrong here.\n"
                   "OOPS - it broke\nsomething went wrong, here\nText.");
  EXPECT_EQ(r.removed_lines, 4u);
  EXPECT_EQ(r.text, "Oops! It broke.\nSomething went wrong here.\nText.");
}

TEST(Cleaner, ShortLinesRecurringFarApartInAListStay) {
  // A job listing: "Job type: Full time" under every posting is a list
  // item, not a repeated banner; a doubled title right after itself goes.
  Cleaner c(RepeatsOnly());
  std::string text = "Harbour jobs this week\nHarbour jobs this week\n";
  for (int i = 0; i < 3; ++i) {
    text += "Posting " + std::to_string(i) + ": a deckhand for the ferry service\n";
    text += "Pay: " + std::to_string(9 + i) + " an hour\n";
    text += "Pier " + std::to_string(i + 1) + ", north quay\n";
    text += "Job type: Full time\n";
  }
  auto r = c.Clean(text);
  ASSERT_EQ(r.removed_lines, 1u) << r.text;
  EXPECT_EQ(r.lines[1].reason, LineReason::kRepeat);
  EXPECT_EQ(std::count(r.text.begin(), r.text.end(), '\n'), 13);
  // The same line again and again without much between: a banner; all copies but the first go.
  r = c.Clean("Breaking news from the harbour\nBreaking news from the harbour\nWind\nBreaking news from the harbour\n");
  EXPECT_EQ(r.removed_lines, 2u) << r.text;
}

TEST(Cleaner, RepeatsCanBeSwitchedOffAndTinyLinesNeverCount) {
  CleanerOptions o;
  o.drop_repeats = false;
  EXPECT_EQ(Cleaner(o).Clean("a b c\na b c").removed_lines, 0u);
  EXPECT_EQ(Cleaner(RepeatsOnly()).Clean("1.\nfirst\n1.\nsecond").removed_lines, 0u);  // key "1" is under 2 chars
}

TEST(Json, EscapesControlsQuotesAndKeepsUtf8) {
  EXPECT_EQ(JsonString("a\"b\\c\n\t\x01 é"), "\"a\\\"b\\\\c\\n\\t\\u0001 é\"");
  EXPECT_TRUE(IsValidUtf8("caf\xC3\xA9"));
  EXPECT_FALSE(IsValidUtf8("caf\xE9"));
  EXPECT_FALSE(IsValidUtf8("\xED\xA0\x80"));  // surrogate
}

}  // namespace
}  // namespace winnow

namespace winnow {
namespace {

// An article of a few paragraphs, with `extra` lines spliced in by the tests.
const char* kPara1 =
    "The council voted on Tuesday to repair the old bridge over the river, after a long debate about the cost of the work.";
const char* kPara2 =
    "Engineers said that the stone piers were in a worse state than they had expected when they first looked at them.";
const char* kPara3 =
    "The work is expected to take most of next year, and the bridge will be closed to traffic while it is done.";

std::string Article(const std::vector<std::string>& before, const std::vector<std::string>& middle,
                    const std::vector<std::string>& after) {
  std::string s;
  for (const auto& l : before) s += l + "\n";
  s += std::string(kPara1) + "\n\n";
  for (const auto& l : middle) s += l + "\n";
  s += std::string(kPara2) + "\n\n" + kPara3 + "\n";
  for (const auto& l : after) s += l + "\n";
  return s;
}

bool Kept(const CleanResult& r, const std::string& line) {
  return r.text.find(line) != std::string::npos;
}

// How many times `line` is in the cleaned text.
size_t Copies(const CleanResult& r, const std::string& line) {
  size_t k = 0;
  for (size_t at = r.text.find(line); at != std::string::npos; at = r.text.find(line, at + 1)) ++k;
  return k;
}

// The name of the first rule of the default packs that `line` (with its own
// word count) hits in a record in `language`, or "".
std::string DefaultRuleHit(const std::string& line, const std::string& language = "en") {
  static const std::shared_ptr<const RuleSet> rules = [] {
    auto loaded = LoadRules({}, {});
    return loaded.ok() ? loaded.value() : nullptr;
  }();
  if (rules == nullptr) return "<the default packs do not load>";
  const int r = rules->Match(line, internal::LineWordCounts(line).words, false, language);
  return r < 0 ? "" : rules->rules()[static_cast<size_t>(r)].name;
}

// A line of a record read in `language`, and the rule that takes it (""
// when none does: it stays).
struct PackCase {
  const char* language;
  const char* line;
  const char* rule;
};
void ExpectPackHits(std::initializer_list<PackCase> cases) {
  for (const PackCase& c : cases) {
    EXPECT_EQ(DefaultRuleHit(c.line, c.language), c.rule) << c.language << ": " << c.line;
  }
}

// Each line, alone between the first two paragraphs of Article, goes and the
// paragraphs stay.
void ExpectEachGoesBetweenParagraphs(const std::vector<std::string>& chaff) {
  Cleaner c;
  for (const auto& line : chaff) {
    auto r = c.Clean(Article({}, {line}, {}));
    EXPECT_FALSE(Kept(r, line)) << line;
    EXPECT_TRUE(Kept(r, kPara1) && Kept(r, kPara2) && Kept(r, kPara3)) << line;
  }
}

TEST(Rules, EachCategoryOfChaffGoes) {
  const std::vector<std::string> chaff = {
      "Please enter your comment!",                       // comment form
      "Oops! Something went wrong.",                      // error banner
      "Sign up for our daily newsletter",                 // subscription
      "Share this article",                               // share
      "Pin it for later!",                                // share
      "Follow us:",                                       // follow
      "Photo: Jane Smith / Daily Planet",                 // image credit
      "[Featured Image by John Doe]",                     // image credit
      "Copyright 2023 Daily Planet Inc. All Rights Reserved.",  // footer
      "{{ post.analytics.pixel }}",                       // placeholder
      "Advertisement",                                    // ad label
      "Read the original article on The Daily Planet",    // syndication
      "Tags:",                                            // navigation
      "mkowalski / City Archive",                         // image credit: a contributor's handle and agency
      "Originally posted on The Daily Planet blog",       // syndication
      "@2021 - Daily Planet Media. All Rights Reserved",  // footer, '@' for '\xC2\xA9'
      "Must Read: The ten best walks in the hills",       // teaser item
      "We use cookies to improve your experience on our site.",  // consent
      "Printer-friendly version",                         // page tools
      "Email this story to a friend",                     // page tools
      "Text size: A A A",                                 // page tools
      "View photo gallery",                               // page tools
      "Print | Email | Share |",                          // a toolbar
      "\xC2\xAB Previous article",                         // paging
      "Next: Reading JSON files",                         // a manual's paging
      "Previous lesson: Loops",                           // a course's paging
      "Print this story Email this story",                // a toolbar without separators
      "(Click to enlarge)",                               // image tool
      "Add to Digg",                                      // bookmarking
      "Advanced search",                                  // navigation
      "Story continues",                                  // ad break
      "You must be logged in to reply to this topic.",    // login wall
      "Log in or register to post comments",              // login wall
      "Only registered members can post replies.",        // login wall
  };
  ExpectEachGoesBetweenParagraphs(chaff);
}

// The chaff of pages of the last few years, between two paragraphs:
// paywalls, audio players and reading times, app and newsletter prompts of
// blog platforms, link and gift buttons, caption toggles, privacy controls.
TEST(Rules, TheChaffOfNewerPagesGoes) {
  const std::vector<std::string> chaff = {
      "Subscribe to continue reading",                    // paywall
      "Create a free account to keep reading",            // paywall
      "This article is for subscribers only.",            // paywall
      "You've reached your limit of free articles",       // paywall
      "Download the Daily Planet app",                    // app prompt
      "Discover more from The Weekly Letter",             // newsletter platform
      "Type your email\xE2\x80\xA6",                      // newsletter box
      "Copy link",                                        // link button
      "Link copied to clipboard!",                        // link button
      "Gift this article",                                // gift button
      "Like this:",                                       // blog like widget
      "Like Loading...",                                  // blog like widget
      "Manage your privacy preferences",                  // consent
      "Do not sell or share my personal information",     // consent
      "Listen to this article \xC2\xB7 6 min",             // audio player
      "Reading time: 4 minutes",                          // reading time
      "5 min read",                                       // reading time
      "This article is more than 3 years old",            // age banner
      "Toggle caption",                                   // caption tool
      "Image caption,",                                   // caption label
      "Give feedback",                                    // feedback link
      "Load more stories",                                // paging
      "Advertisement - Scroll to continue",               // ad break
      "Continue reading the main story",                  // ad break
      "Supported by",                                     // sponsor label
      "Read our community guidelines",                    // comment rules
      "Photo illustration by Jane Smith",                 // image credit
      "Copyright \xC2\xA9 2025",                           // footer
      "Up next",                                          // teaser heading
      "Posted in Uncategorized",                          // category line
      "Share Improve this answer Follow",                 // Q&A toolbar
      "Improve this question",                            // Q&A toolbar
      "asked Mar 3, 2018 at 9:14",                        // Q&A timestamp
      "Viewed 412k times",                                // Q&A counter
      "Show 2 more comments",                             // Q&A comments
      "Sorted by:",                                       // Q&A answers
      "Sorted by: Highest score (default)",               // Q&A answers
      "Sorted by: Newest first",                          // comments
      "42 stars",                                         // code repository
      "7 forks",                                          // code repository
      "Releases 5",                                       // code repository
      "Python 100.0%",                                    // code repository
      "MIT license",                                      // code repository
      "Built with Sphinx using a theme provided by Read the Docs.",  // docs footer
      "Search docs",                                      // docs search box
      "Download data (CSV)",                              // chart tools
      "Embed this chart",                                 // chart tools
      "Download script",                                  // a play's page
      "Read more interviews",                             // teaser heading
      "More plays",                                       // teaser heading
      "Asked 4 years, 2 months ago",                      // Q&A timestamp
      "Date modified (newest first)",                     // Q&A sort order
      "Subscribe now for unlimited access.",              // paywall
      "View PDF HTML (experimental)",                     // preprint server
      "4.89 from 37 votes",                               // recipe card score
      "Tap to expand",                                    // image viewer
      "View non-AMP version",                             // mobile page
      "Printed from www.example.com",                     // printout header
      "Member-only story",                                // paywall label
      "Expert Approved",                                  // how-to badge
      "Fact Checked",                                     // badge
      "Archived post. New comments cannot be posted and votes cannot be cast.",  // forum thread
      "Joined: Mon Jan 06, 2020 3:00 pm",                 // forum poster
      "5 posts \xE2\x80\xA2 Page 1 of 1",                   // forum topic counter
      "Display posts from previous: All posts",           // forum controls
      "Return to \xE2\x80\x9CStorage\xE2\x80\x9D",            // forum controls
      "Users browsing this forum: No registered users and 3 guests",
      "Copy code",                                        // code block button
      "Edit this page",                                   // docs source link
      "Was this page helpful?",                           // docs feedback
      "Download PDF",                                     // journal page
      "Cite this article",                                // journal page
      "Add to basket",                                    // product page
      "In stock",                                         // product page
      "4.6 out of 5 stars",                               // product page
      "Basket (0)",                                       // product page
      "Listen on Apple Podcasts",                         // podcast player
      "Get it on Google Play",                            // app store badge
      "Listen \xC2\xB7 4:32",                             // audio player
      "Book now",                                         // event page
      "Add to calendar",                                  // event page
      "Apply for this job",                               // job ad
      "Save job",                                         // job ad
      "Next image",                                       // gallery
      "Video duration 02:13",                             // video player
      "Vote",                                             // poll
      "Get our free morning briefing with the day's top stories delivered to your inbox every weekday.",  // newsletter box
      "Privacy Notice: Newsletters may contain info about charities and online ads.",  // newsletter box
      "after newsletter promotion",                       // newsletter box
      "Get the Valley Herald newsletter",                 // newsletter box
      "Follow her on X @annlee.",                         // the writer's accounts
      "Ann Lee is the Herald's local government reporter. Follow her on Instagram.",
      "The day's top stories, sent to your inbox every morning.",
      "Email address",                                    // form field
      "You have read all of your free articles this month. Subscribe today for unlimited access to local news.",
      "Show key events only",                             // live blog
      "Newest first",                                     // live blog
      "Sign in | Subscribe",                              // account links
      "Thanks for reading Field Notes! Subscribe for free to receive new posts and support my work.",
      "Subscribe to get new posts by email",              // newsletter platform
      "Ad Feedback",                                      // advertisement label
      "Cookies on example.org",                           // consent banner
      "We use some essential cookies to make this website work.",
      "Reject additional cookies",
      "Listen to this article \u00b7 5:12 min Learn more",  // audio player
      "Leer en espa\u00f1ol",                             // the story in another language
      "14 people found this helpful",                     // review votes
      "Report abuse",
      "A version of this article appears in print on March 4, 2026, Section A, Page 6 of the City edition "
      "with the headline: Valley Floods.",                // print edition note
      "This article appeared in the print edition of The Weekly under the headline \"Water rising\".",
      "We and our partners use cookies and similar technologies to store and access information on your device, "
      "to personalise content and ads and to analyse our traffic.",  // consent manager
      "By clicking Accept all, you consent to the use of these technologies. You can change your choices at any time.",
      "Accept all",
      "Did you find this article useful?",                // feedback widget
      "Yes No",
      "Please consider supporting our journalism. Every contribution, however big or small, keeps our reporting "
      "free for everyone.",                               // appeal as a paragraph
  };
  ExpectEachGoesBetweenParagraphs(chaff);
}

TEST(Rules, ANewsletterPitchGoesAStoryAboutInboxesStays) {
  // The pitch is an imperative that ends in the reader's inbox; a sentence
  // of the story that mentions one is not.
  for (const std::string line : {"Phishing emails delivered to your inbox may look as if they come from your own bank.",
                                 "Fake invoices, sent to your inbox by criminals, can look like real ones.",
                                 "Gmail now shows a summary of each thread, in your inbox, before you open it.",
                                 "The council said that residents would get the new bin timetable in your inbox, "
                                 "its leaflet put it."}) {
    Cleaner c;
    auto r = c.Clean(Article({}, {line}, {}));
    EXPECT_TRUE(Kept(r, line)) << line;
  }
}

TEST(Rules, TeaserHeadingsCommentSectionsAndWriterCredits) {
  auto rules = LoadRules({}, {});
  ASSERT_TRUE(rules.ok()) << rules.status().message();
  const RuleSet& rs = *rules.value();
  auto hit = [](const std::string& line) { return DefaultRuleHit(line); };
  for (const std::string line : {"Latest Top Stories", "More top news", "Today's Top Headlines",
                                 "Other Recent Articles...", "More recent posts\xE2\x80\xA6"}) {
    EXPECT_EQ(hit(line), "teaser-heading") << line;
  }
  // Closed, a section still lists its comments below the line.
  for (const std::string line : {"Comments are closed.", "Comments are now closed for this story",
                                 "Comments have been closed", "HAVE YOUR SAY\xE2\x80\xA6", "What do you think...",
                                 "COMMENTS (14) Post a comment", "3 Comments | Leave a reply"}) {
    EXPECT_EQ(hit(line), "comment-section") << line;
  }
  EXPECT_EQ(hit("Be the first to post a comment on this story."), "comment-form");
  EXPECT_EQ(hit("Be the first to comment"), "comment-form");
  // A writer's credit under the story is the story's metadata.
  EXPECT_GE(rs.MatchMeta("Writer: Ann Lee", 3, "en"), 0);
  // WordPress's longer notice goes as a line; a story's sentence stays.
  EXPECT_EQ(hit("Comments are closed, but trackbacks and pingbacks are open."), "comment-form");
  EXPECT_EQ(hit("Top stories of the year were chosen by readers."), "");
  EXPECT_EQ(hit("Comments are closed to the public at the hearing, the judge said."), "");
}

TEST(Rules, PaywallsSignUpConsentGoneEmbedsMergeTagsAndAppeals) {
  ExpectPackHits({
      {"en", "You have 2 free articles remaining this month.", "subscribe"},
      {"en", "You have one free story left", "subscribe"},
      {"en", "This is your last free article.", "subscribe"},
      {"en", "By signing up, you agree to our Terms of Use and Privacy Policy.", "newsletter-box"},
      {"en", "By subscribing, I accept the privacy policy and agree to receive emails.", "newsletter-box"},
      {"en", "We've updated our Privacy Policy. By continuing you agree to the updated terms.", "cookie-consent"},
      {"en", "Commenting is disabled for this article.", "comment-form"},
      // a form's field labels; not a manual page's section heading
      {"en", "Name *", "comment-form"},
      {"en", "Name", "comment-form"},
      {"en", "NAME (required)", "comment-form"},
      {"en", "NAME", ""},
      {"en", "Comments have been turned off", "comment-form"},
      {"en", "This video is unavailable.", "error-banner"},
      {"en", "This video can not be played", "error-banner"},
      {"en", "This clip cannot be played in your browser.", "error-banner"},
      {"en", "There was an error loading this content.", "error-banner"},
      {"en", "Dear %%FIRST_NAME%%,", "placeholder"},
      {"en", "Hello *|FNAME|*", "placeholder"},
      {"en", "[embedded content]", "embed-marker"},
      {"en", "If you value our reporting, please consider supporting us with a one-time or monthly contribution.",
       "appeal-prose"},
      {"en", "Every gift, however big or small, helps keep our journalism free for everyone to read.", "appeal-prose"},
      // The same words in a story's sentences stay.
      {"en", "You have two free tickets left to give away, the organisers told the winners.", ""},
      {"en", "By signing up for the scheme, farmers agree to plant hedges along their fields.", ""},
      {"en", "We have updated our privacy policy to make it clearer, a spokesperson said.", ""},
      {"en", "Comments are disabled on videos that feature children, the company said.", ""},
      {"en", "This video is unavailable in twelve countries because of a music licence.", ""},
      {"en", "Sales rose 40% and profits 25%, with 12% more staff, the firm said.", ""},
      {"en", "If you value your privacy, turn off location history in the settings.", ""},
      {"en", "Every donation helps keep the food bank open through the winter, its manager said.", ""},
  });
}

TEST(Rules, AppealsInTheirManyVoices) {
  // The newsroom asking in the first and second person; the same words
  // reported in a story stay.
  ExpectPackHits({
      {"en", "Listeners like you make this podcast possible, and every pledge keeps our reporting going.",
       "appeal-prose"},
      {"en", "Every gift, large or small, sustains our independent reporting for another year.", "appeal-prose"},
      {"en", "Your membership helps us keep our newsroom open to all.", "appeal-prose"},
      {"en", "If you appreciate what we do, please become a supporter today.", "appeal-prose"},
      {"en", "We couldn't do it without readers like you.", "appeal-prose"},
      {"en", "Public-interest journalism depends on your support.", "appeal-prose"},
      {"en", "Help us hit our spring target of 1,000 members.", "appeal-prose"},
      {"en", "Unlike most papers, we keep no paywall so that everyone can read us.", "appeal-prose"},
      {"en", "We will never put our journalism behind a paywall.", "appeal-prose"},
      {"en", "Make a gift today and join our circle of supporters.", "appeal-prose"},
      {"en", "Donate to our newsroom", "donate"},
      {"en", "Readers like you helped the museum buy the painting back.", ""},
      {"en", "Your support for the ferry plan was noted at the meeting, the minister said.", ""},
      {"en", "If you like what we do with the garden, come along on Sunday.", ""},
      {"en", "We couldn't have done it without the volunteers, the coach said.", ""},
      {"en", "Local journalism needs new owners, the report found.", ""},
      {"en", "Help us find our cat, the family wrote on a poster.", ""},
      {"en", "Unlike its rivals, the paper has no paywall and lives on advertising.", ""},
      {"en", "Make a wish and blow out the candles, she told her son.", ""},
      {"en", "Contribute to the debate by writing to the letters page.", ""},
  });
}

TEST(Rules, RecipeObituaryForumJournalTravelNewsletterWikiAndLicenceChrome) {
  ExpectPackHits({
      {"en", "Jump to Recipe", "recipe-tools"},
      {"en", "Print Recipe", "recipe-tools"},
      {"en", "Jump to Recipe Print Recipe", "recipe-tools"},
      {"en", "Jump to Recipe · Pin Recipe", "recipe-tools"},
      {"en", "Well-known member", "forum-meta"},
      {"en", "Active Member", "forum-meta"},
      {"en", "A well-known member of the club, she ran the bar for years.", ""},
      {"en", "Did you make this recipe? Tag @ourkitchen on Instagram so we can see it", "recipe-tools"},
      {"en", "If you try this recipe, please leave a comment and a star rating below!", "recipe-tools"},
      {"en", "Joined: Mar 2014", "forum-meta"},
      {"en", "Registered: August 06, 2001", "forum-meta"},
      {"en", "Member since 12/03/2009", "forum-meta"},
      {"en", "Posts: 1,204", "forum-meta"},
      {"en", "Senior Member", "forum-meta"},
      {"en", "Super Moderator", "forum-meta"},
      {"en", "Reply With Quote", "forum-meta"},
      {"en", "Reply", "forum-meta"},
      {"en", "Click to tweet", "share-follow"},
      {"en", "Like this post? Share it!", "share-follow"},
      {"en", "Enjoyed this recipe? Pin it for later!", "share-follow"},
      {"en", "Did you like this recipe? Tell us in the comments what you changed.", ""},
      {"en", "Quote", "forum-meta"},  // the button under each post
      {"en", "Report Post", "forum-meta"},
      {"en", "Multi-Quote This Message", "forum-meta"},
      {"en", "Report abuse", "page-tools"},
      {"en", "Flag as inappropriate | Share", "page-tools"},
      {"en", "Report an error | Copyright | Site map", "contact-report"},
      {"en", "This post may contain affiliate links. Please read our disclosure policy.", "affiliate-disclosure"},
      {"en", "As an Amazon Associate I earn from qualifying purchases.", "affiliate-disclosure"},
      {"en", "We may earn a commission when you buy through links on our site.", "affiliate-disclosure"},
      {"en", "This article was produced in partnership with WarmHome. The editorial team was not involved in its creation.",
       "affiliate-disclosure"},
      {"en", "This content was paid for by Acme Bank on behalf of its savings team.", "affiliate-disclosure"},
      {"en", "The editorial team had no role in its creation.", "affiliate-disclosure"},
      {"en", "This story was produced in partnership with the bank, the mayor said of the leaflet.", ""},
      {"en", "Have a claim you want us to check? Send it to us.", "contact-report"},
      {"en", "Seen a viral post you would like us to fact-check? Email the desk.", "contact-report"},
      {"en", "Share the Facts", "contact-report"},
      {"en", "Tips? Contact our investigations team securely.", "contact-report"},
      {"en", "Tips? Nobody left any, the waiter said.", ""},
      {"en", "Best deals today", "shop-tools"},
      {"en", "We check over 250 million products every day for the best prices", "shop-tools"},
      {"en", "Best prices in years were paid for the farm's lambs.", ""},
      {"en", "Have a claim you can prove in court, the judge told him, or withdraw it.", ""},
      {"en", "Listen to the latest news in our daily podcast.", "subscribe"},
      {"en", "Listen to more episodes of the podcast", "subscribe"},
      {"en", "Listen to the recording of the call, which the podcast released on Monday.", ""},
      {"en", "From Wikipedia, the free encyclopedia", "wiki-chrome"},
      {"en", "Jump to navigation Jump to search", "wiki-chrome"},
      {"en", "Retrieved from \"https://en.example.org/w/index.php?title=Some_Lake&oldid=123456\"", "wiki-chrome"},
      {"en", "This page was last edited on 3 March 2023, at 10:14 (UTC).", "wiki-chrome"},
      {"en", "Text is available under the GNU Free Documentation License; additional terms may apply.", "copyright"},
      {"en", "All content is available under the Open Government Licence v3.0, except where otherwise stated",
       "copyright"},
      {"en", "Was this page useful? Yes No", "page-tools"},
      {"en", "Report a problem with this page", "page-tools"},
      {"en", "Cookies on this site", "cookie-consent"},
      {"en", "Sign the Guest Book", "obituary-tools"},
      {"en", "Sign my guestbook!", "obituary-tools"},
      {"en", "Report this ad", "page-tools"},
      {"en", "Post an ad", "page-tools"},
      {"en", "Similar ads", "page-tools"},
      {"en", "Was this review helpful? Yes / No", "page-tools"},
      {"en", "Thank you for signing up!", "subscribe"},
      {"en", "You're all signed up.", "subscribe"},
      {"en", "Thank you for signing up to help with the beach clean, the organisers wrote.", ""},
      {"en", "Categories: Reservoirs in England | 1894 establishments", "wiki-chrome"},
      {"en", "Category: Gardening | Soil", "wiki-chrome"},
      {"en", "Categories of spending rose by 4% in the year to March.", ""},
      {"en", "Post an ad in the paper if the dog is still missing tomorrow.", ""},
      {"en", "Send Flowers", "obituary-tools"},
      {"en", "Share a memory", "obituary-tools"},
      {"en", "To plant a tree in memory of Ann Smith, please visit our Tree Store.", "obituary-tools"},
      {"en", "Open access", "page-tools"},
      {"en", "Rights and permissions", "page-tools"},
      {"en", "Book your stay", "action-buttons"},
      {"en", "Check availability", "action-buttons"},
      {"en", "View this email in your browser", "newsletter-box"},
      {"en", "Forward this email to a friend", "newsletter-box"},
      {"en", "You are receiving this email because you signed up on our website.", "newsletter-box"},
      // The same words in a recipe's, a forum post's or a story's sentences stay.
      {"en", "Did you make this recipe for the school fair last year, or was it your sister?", ""},
      {"en", "Rate this recipe's chances at the county show: the judges loved it.", ""},
      {"en", "Joined: the two clubs merged in 1998 and moved to the new ground.", ""},
      {"en", "Posts: the council will put up new sign posts along the river path.", ""},
      {"en", "A senior member of the committee said the report would be published in May.", ""},
      {"en", "Report abuse to the police on the non-emergency number, the council said.", ""},
      {"en", "This post contains affiliated charities from every county in the region.", ""},
      {"en", "We may earn a commission from the sale of tickets, the promoter said.", ""},
      {"en", "From Wikipedia, the free encyclopedia anyone can edit, came the first draft.", ""},
      {"en", "Retrieved from the river on Tuesday, the car was taken away for tests.", ""},
      {"en", "The software is available under the MIT licence, its authors said.", ""},
      {"en", "Report a problem with your bin collection to the council by phone.", ""},
      {"en", "She would send flowers to the ward every week, her daughter said.", ""},
      {"en", "To plant a tree in the square, the council says, you need a permit.", ""},
      {"en", "Open access to the beach was restored after the storm.", ""},
      {"en", "You are receiving this award because of your years of service, the mayor told her.", ""},
  });
}

// The chrome of blogs, review sites and news apps that reads like a
// sentence: a blog's post footer, a call to comment, an opinion disclaimer,
// a review site's note on how it picks, a paywall's prompt, an image
// gallery's buttons, a site's software credit. A story's sentences in the
// same words stay.
TEST(Rules, BlogFootersCommentCallsDisclaimersAndGalleryButtons) {
  ExpectPackHits({
      {"en", "Posted in Gardening | Leave a comment", "blog-chrome"},
      {"en", "This entry was posted in Travel and tagged coast, walks. Bookmark the permalink.", "blog-chrome"},
      {"en", "Newer Post Older Post Home", "blog-chrome"},
      {"en", "Subscribe to: Post Comments (Atom)", "blog-chrome"},
      {"en", "Posted by admin at 10:32 AM 3 comments", "byline-posted"},
      {"en", "Like this: Like Loading...", "share-follow"},
      {"en", "Let us know what you think in the comments below!", "comment-cta"},
      {"en", "We'd love to hear from you. Share your thoughts in the comments.", "comment-cta"},
      {"en", "If you enjoyed this post, please share it with your friends.", "comment-cta"},
      {"en", "Tell us in the comments below!", "comment-cta"},
      {"en", "Tell us about the council, residents asked the mayor in the comments section of the meeting.", ""},
      {"en", "The views expressed in this article are those of the author and not of the publisher.", "copyright"},
      {"en", "Proudly powered by WordPress | Theme: Twenty Twelve by WordPress.", "copyright"},
      {"en", "Powered by Acme Content Manager", "copyright"},
      {"en", "Blog at WordPress.com.", "copyright"},
      {"en", "Create a free website or blog at WordPress.com.", "copyright"},
      {"en", "Viewed 2.1m times", "qa-tools"},
      {"en", "For other uses, see Seal (disambiguation).", "wiki-chrome"},
      {"en", "\"Common seal\" redirects here. For the sculpture, see Common Seal (statue).", "wiki-chrome"},
      {"en", "This article is about the animal. For the band, see Seal (band).", "wiki-chrome"},
      {"en", "Not to be confused with Sea lion.", "wiki-chrome"},
      {"en", "For other uses of the old mill, the council will see what residents want first.", ""},
      {"en", "This article is about the animal shelter that the council plans to close.", ""},
      {"en", "Enter your email address to subscribe to this blog and receive notifications of new posts by email.",
       "newsletter-box"},
      {"en", "12 thoughts on \u201cHow we fixed the garden fence\u201d", "comment-section-title"},
      {"en", "One response to \"How we fixed the garden fence\"", "comment-section-title"},
      {"en", "Two thoughts on the budget: it is late, and it is short.", ""},
      {"en", "Enter your name and the date on the first page of the form.", ""},
      {"en", "Website designed by Webworks", "copyright"},
      {"en", "Our editors independently research, test, and recommend the best products.", "affiliate-disclosure"},
      {"en", "Everything we recommend is independently selected by our editors.", "affiliate-disclosure"},
      {"en", "To continue reading, please log in or create a free account.", "subscribe"},
      {"en", "Get unlimited digital access for just $1 a week.", "subscribe"},
      {"en", "Want more stories like this? Sign up for our weekly email.", "subscribe"},
      {"en", "Sign up to receive our newsletter and get 10% off your first order.", "subscribe"},
      {"en", "You can unsubscribe at any time.", "newsletter-box"},
      {"en", "We use your sign-up to provide content in ways you've consented to and to improve our understanding "
             "of you. This may include adverts from us and third parties. You can unsubscribe at any time. More info",
       "newsletter-consent"},
      {"en", "We will use your email address only to send you the newsletter. See our privacy notice.",
       "newsletter-consent"},
      {"en", "We use your email to decide nothing, the company said, and users can unsubscribe whenever they like.", ""},
      {"en", "Bookmark", "share-follow"},
      {"en", "Our journalism is funded by readers like you.", "appeal-prose"},
      {"en", "We rely on readers like you to keep our reporting free for everyone. Give what you can.", "appeal-prose"},
      {"en", "We're sorry, this feature is currently unavailable. Please try again later.", "error-banner"},
      {"en", "This content is not available in your region.", "error-banner"},
      {"en", "Loading comments...", "error-banner"},
      {"en", "This site is protected by reCAPTCHA and the Google Privacy Policy and Terms of Service apply.",
       "blog-chrome"},
      {"en", "Save my name, email, and website in this browser for the next time I comment.", "blog-chrome"},
      {"en", "Open image in gallery", "page-tools"},
      {"en", "Image 3 of 12", "page-tools"},
      {"en", "Previous image Next image", "page-tools"},
      {"en", "Video Ad Feedback", "advertisement"},
      {"en", "Promoted Stories", "site-lists"},
      {"en", "The new buses are powered by hydrogen made from wind power.", ""},
      {"en", "Powered by a small diesel engine, the boat crosses the bay in an hour.", ""},
      {"en", "Site by the river chosen for the new primary school", ""},
      {"en", "Theme park by the sea reopens after a winter refit", ""},
      {"en", "Should the club move to a new ground? Share your thoughts in the comments.", ""},
      {"en", "The views expressed in the report are those of the committee, not the minister.", ""},
      {"en", "To keep reading in the dark, she said, you need to sign in at the desk.", ""},
      {"en", "If you enjoyed the first film, the sequel will not disappoint, critics say.", ""},
      {"en", "We rely on volunteers to run the cafe, which opens on Saturdays, she said.", ""},
      {"en", "Image rights of the players were sold for 3 of 12 million, the club said.", ""},
  });
}

// Each language's pack knows how its blogs say that links earn them money,
// and an ad break that says where the story goes on. A story about
// affiliate marketing or advertising, in the same words, stays.
TEST(Rules, AffiliateDisclosuresInEveryPackAndAdBreaks) {
  ExpectPackHits({
      {"en", "Advertisement - Continue Reading Below", "story-continues"},
      {"de", "Dieser Beitrag enthält Werbung und Affiliate-Links.", "affiliate-disclosure-de"},
      {"de", "*Werbung wegen Markennennung, unbeauftragt", "affiliate-disclosure-de"},
      {"de", "Die mit Sternchen gekennzeichneten Links sind sogenannte Affiliate-Links.", "affiliate-disclosure-de"},
      {"de", "Wenn du über einen dieser Links etwas kaufst, erhalte ich eine kleine Provision.",
       "affiliate-disclosure-de"},
      {"de", "Der Händler zahlt für jeden Link eine Provision an die Influencer, sagt die Verbraucherzentrale.", ""},
      {"es", "Este artículo contiene enlaces de afiliados.", "affiliate-disclosure-es"},
      {"es", "Como afiliado de Amazon, gano con las compras que cumplen los requisitos.", "affiliate-disclosure-es"},
      {"es", "Si compras a través de estos enlaces, recibimos una pequeña comisión.", "affiliate-disclosure-es"},
      {"es", "Este artículo contiene las claves del nuevo contrato, explicó el ministro.", ""},
      {"fr", "Cet article contient des liens affiliés.", "affiliate-disclosure-fr"},
      {"fr", "En tant que partenaire Amazon, nous réalisons un bénéfice sur les achats remplissant les conditions.",
       "affiliate-disclosure-fr"},
      {"fr", "Si vous achetez via ces liens, nous pouvons percevoir une commission.", "affiliate-disclosure-fr"},
      {"fr", "Cet article contient des erreurs, a reconnu le journal dans un rectificatif.", ""},
      {"it", "Questo articolo contiene link di affiliazione.", "affiliate-disclosure-it"},
      {"it", "In qualità di affiliato Amazon, ricevo un guadagno dagli acquisti idonei.", "affiliate-disclosure-it"},
      {"it", "Se acquisti tramite questi link, riceviamo una piccola commissione.", "affiliate-disclosure-it"},
      {"it", "La commissione ha ricevuto il link al documento solo ieri, ha detto il sindaco.", ""},
      {"nl", "Dit artikel bevat affiliate links.", "affiliate-disclosure-nl"},
      {"nl", "Als je via deze links iets koopt, ontvangen wij een kleine commissie.", "affiliate-disclosure-nl"},
      {"nl", "Dit artikel bevat fouten, schreef de krant later.", ""},
      {"pt", "Este artigo contém links de afiliados.", "affiliate-disclosure-pt"},
      {"pt", "Se comprar através destes links, recebemos uma pequena comissão.", "affiliate-disclosure-pt"},
      {"pt", "A comissão recebeu os links para os documentos na segunda-feira.", ""},
      {"ru", "Эта статья содержит партнёрские ссылки.", "affiliate-disclosure-ru"},
      {"ru", "Покупая по партнёрским ссылкам, вы помогаете сайту: мы получаем небольшую комиссию.",
       "affiliate-disclosure-ru"},
      {"ru", "Эта статья содержит ответы на вопросы читателей о новом законе.", ""},
  });
}

// The buttons and counters of shops, video players, property and local
// listings, feedback and translation widgets and news apps: a rule names
// each, so none stays as a heading between two paragraphs. A story's
// sentence that starts the same way stays.
TEST(Rules, ShopVideoListingAndNewsAppButtons) {
  ExpectPackHits({
      {"en", "Write a review", "shop-tools"},
      {"en", "Verified Purchase", "shop-tools"},
      {"en", "Reviewed in the United States on March 3, 2024", "shop-tools"},
      {"en", "Was this review helpful? Yes (12) No (3)", "shop-tools"},
      {"en", "See all 124 reviews", "shop-tools"},
      {"en", "Sort by: Most recent", "shop-tools"},
      {"en", "Showing 1-20 of 356 results", "shop-tools"},
      {"en", "Size guide", "shop-tools"},
      {"en", "Subscribe to our channel", "action-buttons"},
      {"en", "Autoplay is paused. Continue watching", "action-buttons"},
      {"en", "Turn on notifications so you never miss a video.", "subscribe"},
      {"en", "You must be 18 or older to view this content.", "error-banner"},
      {"en", "Schedule a viewing", "action-buttons"},
      {"en", "Get directions", "action-buttons"},
      {"en", "Open now · Closes 6 PM", "action-buttons"},
      {"en", "Give feedback about this page", "page-tools"},
      {"en", "Select Language", "page-tools"},
      {"en", "Copy URL", "share-follow"},
      {"en", "Follow on Google News", "share-follow"},
      {"en", "Join our WhatsApp channel", "share-follow"},
      {"en", "Continue in browser", "share-follow"},
      {"en", "Sponsored by Acme Bank", "advertisement"},
      {"en", "Got it!", "cookie-consent"},
      {"en", "Read our full coverage of the election.", "teaser-item"},
      {"en", "For more news, visit our homepage.", "teaser-item"},
      {"en", "Sort by size, the council said, and the bins will be collected on different days.", ""},
      {"en", "Get directions to the new clinic from the council website.", ""},
      {"en", "Request more information from the ministry, MPs urged.", ""},
      {"en", "I agree with the mayor, said one resident.", ""},
      {"en", "Sponsored by a local bakery, the race raised 2,000 pounds for the hospice.", ""},
      {"en", "For more news about the bridge, the council said, visit its website.", ""},
      {"en", "Open now, the new bridge carries 20,000 cars a day.", ""},
      // A small site's menu on one line, its calls to action and its
      // search box.
      {"en", "Home About Services Reviews Contact", "menu-row"},
      {"en", "Home · Shop · Blog · FAQ", "menu-row"},
      {"en", "News Sport Weather", "menu-row"},
      {"en", "Get a free quote", "action-buttons"},
      {"en", "Call us: 0113 496 0000", "action-buttons"},
      {"en", "Phone now on (01632) 960 123", "action-buttons"},
      {"en", "Search help articles", "navigation"},
      {"en", "Home news was good for the team, and the away form improved too.", ""},
      {"en", "Call us on 0113 496 0000 if you saw the crash, police said.", ""},
      {"en", "Get a free quote from three firms before you choose one.", ""},
      // A search page's count and heading, a sign-in box's terms, a
      // missing page's notice.
      {"en", "Showing 1-10 of 243 results for \"bridge\"", "shop-tools"},
      {"en", "Search results for: bridge", "shop-tools"},
      {"en", "By signing in you agree to our Terms of Use and Privacy Policy.", "login-form"},
      {"en", "Sorry, the page you are looking for does not exist or has been moved.", "not-found"},
      {"en", "Try searching our site or go back to the homepage.", "not-found"},
      {"en", "Search results for the missing girl were called off at dusk, police said.", ""},
      {"en", "By signing in, the minister agreed to the deal before the talks.", ""},
  });
}

// The newer packs (pl, cs, sv, da, nb, tr, fi, hu, uk) know a shop's
// buttons, stock lines and ratings, the buttons of players, app stores,
// bookings and job ads, and (where they lacked them) a comment form, a
// sponsored label and a forum's buttons. A sentence that starts the same
// way stays.
TEST(Rules, ShopAndActionButtonsFormsAndLabelsInTheNewerPacks) {
  ExpectPackHits({
      {"pl", "Dodaj do koszyka", "shop-tools-pl"},
      {"pl", "Darmowa dostawa od 199 zł", "shop-tools-pl"},
      {"pl", "4,5 z 5", "shop-tools-pl"},
      {"pl", "Aplikuj teraz", "action-buttons-pl"},
      {"pl", "Pobierz z Google Play", "action-buttons-pl"},
      {"cs", "Přidat do košíku", "shop-tools-cs"},
      {"cs", "Doprava zdarma od 1 500 Kč", "shop-tools-cs"},
      {"cs", "Odpovědět na inzerát", "action-buttons-cs"},
      {"sv", "Lägg i varukorgen", "shop-tools-sv"},
      {"sv", "Fri frakt över 499 kr", "shop-tools-sv"},
      {"sv", "Ansök nu", "action-buttons-sv"},
      {"da", "Læg i kurv", "shop-tools-da"},
      {"da", "Søg stillingen", "action-buttons-da"},
      {"da", "Din e-mailadresse vil ikke blive publiceret.", "comment-form-da"},
      {"da", "Sponsoreret indhold", "advertisement-da"},
      {"da", "Citér", "forum-meta-da"},
      {"nb", "Legg i handlekurven", "shop-tools-nb"},
      {"nb", "Lytt på Spotify", "action-buttons-nb"},
      {"nb", "Din e-postadresse vil ikke bli publisert.", "comment-form-nb"},
      {"nb", "Annonsørinnhold", "advertisement-nb"},
      {"tr", "Sepete ekle", "shop-tools-tr"},
      {"tr", "150 TL üzeri ücretsiz kargo", "shop-tools-tr"},
      {"tr", "Hemen başvur", "action-buttons-tr"},
      {"fi", "Lisää ostoskoriin", "shop-tools-fi"},
      {"fi", "Osta liput", "action-buttons-fi"},
      {"fi", "Sähköpostiosoitettasi ei julkaista.", "comment-form-fi"},
      {"fi", "Kaupallinen yhteistyö", "advertisement-fi"},
      {"fi", "Lainaa", "forum-meta-fi"},
      {"hu", "Kosárba teszem", "shop-tools-hu"},
      {"hu", "Jelentkezem", "action-buttons-hu"},
      {"hu", "Az e-mail címet nem tesszük közzé.", "comment-form-hu"},
      {"hu", "Szponzorált tartalom", "advertisement-hu"},
      {"uk", "Додати в кошик", "shop-tools-uk"},
      {"uk", "Відгукнутися на вакансію", "action-buttons-uk"},
      {"uk", "Скасувати відповідь", "comment-form-uk"},
      {"uk", "На правах реклами", "advertisement-uk"},
      {"uk", "Цитувати", "forum-meta-uk"},
      // Sentences of the story.
      {"pl", "Dodaj do koszyka jeszcze jedną rzecz, mówi sprzedawca z uśmiechem.", ""},
      {"sv", "Fri frakt över hela landet lovade företaget redan förra året.", ""},
      {"da", "Køb nu eller vent, spørger mange forbrugere sig selv i disse dage.", ""},
      {"fi", "Osta liput ajoissa, neuvoo järjestäjä kaikkia kävijöitä.", ""},
      {"uk", "Купити квиток на потяг до Львова цього тижня майже неможливо.", ""},
  });
}

// A small site's menu flattened onto one line in the older packs; a
// sentence with those words in it stays.
TEST(Rules, ASmallSitesMenuOnOneLineInTheOlderPacks) {
  ExpectPackHits({
      {"de", "Startseite Über uns Leistungen Kontakt", "menu-row-de"},
      {"fr", "Accueil Qui sommes-nous Services Contact", "menu-row-fr"},
      {"es", "Inicio · Quiénes somos · Servicios · Contacto", "menu-row-es"},
      {"it", "Home Chi siamo Servizi Contatti", "menu-row-it"},
      {"nl", "Home | Over ons | Diensten | Contact", "menu-row-nl"},
      {"pt", "Início Quem somos Serviços Contato", "menu-row-pt"},
      {"ru", "Главная О нас Услуги Контакты", "menu-row-ru"},
      {"de", "Über uns berichtete die Presse am Montag ausführlich.", ""},
      {"fr", "Les services de presse ont publié un communiqué.", ""},
  });
}

// A missing page's notice in each pack ("Page not found" is the English
// pack's, which every record meets); a story's sentence about a page that
// was not found stays.
TEST(Rules, AMissingPagesNoticeInEachPack) {
  ExpectPackHits({
      {"de", "Seite nicht gefunden", "not-found-de"},
      {"de", "Die angeforderte Seite existiert leider nicht mehr.", "not-found-de"},
      {"fr", "Page introuvable", "not-found-fr"},
      {"fr", "Désolé, la page que vous cherchez n’existe pas.", "not-found-fr"},
      {"es", "Error 404 - Página no encontrada", "not-found-es"},
      {"it", "Pagina non trovata", "not-found-it"},
      {"nl", "Deze pagina bestaat niet meer.", "not-found-nl"},
      {"pt", "Página não encontrada", "not-found-pt"},
      {"ru", "Страница не найдена", "not-found-ru"},
      {"pl", "Nie znaleziono strony", "not-found-pl"},
      {"cs", "Stránka nenalezena", "not-found-cs"},
      {"sv", "Sidan hittades inte", "not-found-sv"},
      {"da", "Siden blev ikke fundet", "not-found-da"},
      {"nb", "Fant ikke siden", "not-found-nb"},
      {"tr", "Aradığınız sayfa bulunamadı.", "not-found-tr"},
      {"fi", "Sivua ei löytynyt", "not-found-fi"},
      {"hu", "Az oldal nem található", "not-found-hu"},
      {"uk", "Сторінку не знайдено", "not-found-uk"},
      {"de", "Die Seite des Buches wurde nie gefunden, sagte der Sammler.", ""},
      {"fr", "La page manquante du registre a été retrouvée en mars.", ""},
  });
  Cleaner c;
  auto r = c.Clean(
      "Startseite\nNachrichten\nSeite nicht gefunden\n"
      "Die angeforderte Seite existiert leider nicht mehr oder wurde verschoben.\n"
      "Meistgelesen\nStadtrat beschließt neuen Haushalt\nImpressum\n");
  EXPECT_EQ(r.language, "de");
  EXPECT_EQ(r.text, "") << r.text;
}

// The note that a health, legal or money page is not advice; an app
// button; a language pack's copyright, newsletter and tag-list lines. A
// story's sentence that starts the same way stays.
TEST(Rules, AdviceDisclaimersAppButtonsAndPackFooters) {
  ExpectPackHits({
      {"en", "This information does not replace the advice of a doctor.", "advice-disclaimer"},
      {"en",
       "The content on this site is for informational purposes only and is not intended to be a substitute for "
       "professional medical advice, diagnosis or treatment.",
       "advice-disclaimer"},
      {"en", "This article is not intended to replace advice from your doctor or pharmacist.", "advice-disclaimer"},
      {"en", "This is not financial advice.", "advice-disclaimer"},
      {"en", "Get App", "subscribe"},
      {"en", "The information was passed to the police by a neighbour, the court heard.", ""},
      {"en", "This is not the advice the minister was given, the report says.", ""},
      {"en", "Get approval from the council before you build a shed.", ""},
      {"it", "Riproduzione riservata © Gazzetta della Valle", "copyright-it"},
      {"it", "© Riproduzione riservata", "copyright"},
      {"it", "La riproduzione riservata ai soci è stata esposta in museo.", ""},
      {"pt", "Receba as principais notícias do dia no seu e-mail", "subscribe-pt"},
      {"pt", "Receba as notícias pela manhã", ""},
      {"nl", "Meer over", "teaser-heading-nl"},
      {"nl", "Meer over dit onderwerp", "teaser-heading-nl"},
  });
}

// WordPress's comment form and a recipe card's buttons as each language's
// translation prints them; a podcast page's buttons. A story's sentence
// that starts the same way stays.
TEST(Rules, CommentFormsRecipeAndPodcastButtonsInEveryPack) {
  ExpectPackHits({
      {"de", "Schreibe einen Kommentar Antworten abbrechen", "comment-form-de"},
      {"de", "Deine E-Mail-Adresse wird nicht veröffentlicht. Erforderliche Felder sind mit * markiert", "comment-form-de"},
      {"de", "Zum Rezept springen", "action-buttons-de"},
      {"es", "Deja una respuesta", "comment-form-es"},
      {"es", "Tu dirección de correo electrónico no será publicada.", "comment-form-es"},
      {"es", "¿Te ha gustado esta receta? Déjanos un comentario", "comment-form-es"},
      {"es", "Publicar el comentario", "comment-form-es"},
      {"es", "Saltar a la receta", "action-buttons-es"},
      {"es", "Imprimir receta", "action-buttons-es"},
      {"es", "Deja una respuesta clara el ministro, que no quiso hablar de la ley.", ""},
      {"fr", "Laisser un commentaire", "comment-section-fr"},
      {"fr", "Votre adresse e-mail ne sera pas publiée.", "comment-form-fr"},
      {"fr", "J'aime chargement…", "comment-form-fr"},
      {"fr", "Imprimer la recette", "action-buttons-fr"},
      {"it", "Lascia un commento", "comment-section-it"},
      {"it", "Invia commento", "comment-form-it"},
      {"it", "Il tuo indirizzo email non sarà pubblicato.", "comment-form-it"},
      {"it", "Salta alla ricetta", "action-buttons-it"},
      {"nl", "Geef een reactie", "comment-section-nl"},
      {"nl", "Reactie plaatsen", "comment-form-nl"},
      {"nl", "Je e-mailadres wordt niet gepubliceerd.", "comment-form-nl"},
      {"nl", "Recept afdrukken", "action-buttons-nl"},
      {"pt", "Deixe um comentário", "comment-section-pt"},
      {"pt", "Publicar comentário", "comment-form-pt"},
      {"pt", "O seu endereço de email não será publicado.", "comment-form-pt"},
      {"pt", "Ir para a receita", "action-buttons-pt"},
      {"ru", "Добавить комментарий", "comment-section-ru"},
      {"ru", "Отправить комментарий", "comment-form-ru"},
      {"ru", "Ваш адрес email не будет опубликован.", "comment-form-ru"},
      {"ru", "Перейти к рецепту", "action-buttons-ru"},
      // a blog's comment heading with the post's title, as each language's
      // WordPress themes print it
      {"de", "5 Gedanken zu \u201EDie neue Brücke\u201C", "comment-section-title-de"},
      {"de", "Ein Kommentar zu \u201EDie neue Brücke\u201C", "comment-section-title-de"},
      {"fr", "3 réflexions sur \u00AB\u00A0Le nouveau pont\u00A0\u00BB", "comment-section-title-fr"},
      {"fr", "Une réponse à \u00AB Le nouveau pont \u00BB", "comment-section-title-fr"},
      {"es", "2 comentarios en \u00ABEl nuevo puente\u00BB", "comment-section-title-es"},
      {"it", "4 pensieri su \u201CIl nuovo ponte\u201D", "comment-section-title-it"},
      {"nl", "Eén reactie op \u201CDe nieuwe brug\u201D", "comment-section-title-nl"},
      {"pt", "6 comentários em \u201CA nova ponte\u201D", "comment-section-title-pt"},
      {"ru", "5 комментариев к \u00AB\u041D\u043E\u0432\u044B\u0439 \u043C\u043E\u0441\u0442\u00BB", "comment-section-title-ru"},
      {"fr", "5 commentaires sur le projet de loi ont été déposés au Sénat.", ""},
      {"de", "5 Gedanken zu Europa stellte der Kanzler am Montag vor.", ""},
      {"en", "Download MP3", "action-buttons"},
      {"en", "Subscribe wherever you get your podcasts.", "subscribe"},
      {"en", "Support the show", "donate"},
      {"en", "Support the show's move to a bigger theatre, the director asked the council.", ""},
  });
}

// A service page's start button and feedback prompt, a wiki page's tabs
// and licence, a share panel's close button. A sentence that starts the
// same way stays.
TEST(Rules, ServicePageButtonsWikiTabsAndSharePanels) {
  ExpectPackHits({
      {"en", "Start now", "action-buttons"},
      {"en", "Renew online", "action-buttons"},
      {"en", "Help us improve this website", "page-tools"},
      {"en", "Help us improve GOV.UK", "page-tools"},
      {"en", "Edit source", "wiki-chrome"},
      {"en", "View history", "wiki-chrome"},
      {"en", "Talk (0)", "wiki-chrome"},
      {"en", "Community content is available under CC-BY-SA unless otherwise noted.", "wiki-chrome"},
      {"en", "Close share panel", "share-follow"},
      {"en", "Explore the topic", "teaser-heading"},
      {"en", "Forward-Looking Statements", "legal-notice"},
      {"en", "History", ""},
      {"en", "Start now, the coach told the team, and do not wait for the whistle.", ""},
      {"en", "Help us improve the park by planting a tree this spring.", ""},
  });
}

// Older blog and forum software: Movable Type's and TypePad's line under a
// post and its trackback box, vBulletin's thread menus and post dates, a
// breadcrumb trail. A sentence that names the same things stays.
TEST(Rules, OlderBlogAndForumChromeAndBreadcrumbs) {
  ExpectPackHits({
      {"en", "Posted by Marion at 07:42 AM in Swimming | Permalink | Comments (4) | TrackBack (0)", "blog-chrome"},
      {"en", "Posted by Ann in notes at 15:45 | Comments (0) | Trackbacks (0)", "blog-chrome"},
      {"en", "Tuesday December 26, 2006 | permalink | comments (0)", "blog-chrome"},
      {"en", "TrackBack URL for this entry:", "blog-chrome"},
      {"en", "Listed below are links to weblogs that reference Winter swimming:", "blog-chrome"},
      {"en", "\u00ab Winter swimming, week five | Main | A new wetsuit \u00bb", "blog-chrome"},
      {"en", "Thread Tools", "forum-meta"},
      {"en", "Display Modes", "forum-meta"},
      {"en", "Old 03-22-2007, 10:14 PM", "forum-meta"},
      {"en", "You may not post replies", "forum-meta"},
      {"en", "[IMG] code is On", "forum-meta"},
      {"en", "Forum > Vegetables > Tomatoes", "breadcrumb"},
      {"en", "You are here: Home > News > Article", "breadcrumb"},
      {"en", "Skip navigation", "navigation"},
      {"en", "The headline of the story was posted at 10:14 | the permalink never changed.", ""},
      {"en", "Dirk got hitched! A wedding present? By Sports Desk 1:06 am on August 9, 2012 | Permalink", ""},
      {"en", "Rates went from 4% > 5% > 6% in a year.", ""},
      {"en", "Old 03-22-2007, 10:14 PM was when the first post went up.", ""},
  });
}

// A news site's tools of the kind every paper printed round a story: the
// paywall's notice, feed and alert offers, "Recommend", the home-page and
// plug-in prompts, the call for readers' pictures, the links to the paper's
// other products. Sentences about the same things stay.
TEST(Rules, NewsSiteToolsPaywallAndPluginPrompts) {
  ExpectPackHits({
      {"en", "To read this article in full you must be registered with the site.", "subscribe"},
      {"en", "Get headlines delivered to your favorite RSS reader.", "subscribe"},
      {"en", "Sign up for breaking news alerts", "subscribe"},
      {"en", "Subscribe to RSS", "action-buttons"},
      {"en", "Recommend this story", "share-follow"},
      {"en", "Sign In to E-Mail or Save This", "share-follow"},
      {"en", "Make us your homepage", "page-tools"},
      {"en", "Set as homepage", "page-tools"},
      {"en", "All times are GMT. The time now is 11:45 AM.", "page-tools"},
      {"en", "Please wait...", "error-banner"},
      {"en", "You need to upgrade your Flash Player.", "error-banner"},
      {"en", "This story has been viewed 1,234 times.", "qa-tools"},
      {"en", "Send us your photos", "contact-report"},
      {"en", "Our Network", "navigation"},
      {"en", "Advertise with us", "navigation"},
      {"en", "From around the web", "teaser-heading"},
      {"en", "To read the report, you must be patient: it runs to 400 pages.", ""},
      {"en", "Send your children to school with a packed lunch, the head teacher said.", ""},
      {"en", "The library's new flash player collection opens on Monday.", ""},
  });
}

// The tools round a poem, a song's lyrics or an index page: "Rate this
// poem", "Print lyrics", "Send to friend", "Submit corrections", the row of
// letters over an A-Z index, "More poems by ..." (which opens the list of
// the author's other work). A line that starts with the same letters stays.
TEST(Rules, PoemLyricsAndIndexPageTools) {
  ExpectPackHits({
      {"en", "Rate this poem", "page-tools"},
      {"en", "Print lyrics", "page-tools"},
      {"en", "Send to friend", "page-tools"},
      {"en", "Submit corrections", "contact-report"},
      {"en", "A B C D E F G H I J K L M N O P Q R S T U V W X Y Z", "alphabet-index"},
      {"en", "# | A | B | C | D | E | F | G", "alphabet-index"},
      {"en", "More poems by Ellen Marsh", "teaser-heading-long"},
      {"en", "A, B, C, D, E and F were the six groups in the study.", ""},
      {"en", "Send a friend a postcard from the coast this summer.", ""},
  });
}

// Service pages (quotes, forecasts, listings, horoscopes, speeches): the
// quote page's data notes, text-message offers and their charges, search
// boxes printed as text, planner and widget buttons, download links and a
// dated archive's paging. Sentences that begin the same way stay.
TEST(Rules, QuoteForecastListingAndSpeechPageChrome) {
  ExpectPackHits({
      {"en", "Quotes delayed at least 15 minutes.", "advice-disclaimer"},
      {"en", "Data delayed by 20 minutes", "advice-disclaimer"},
      {"en", "Market data provided by Morningstar.", "advice-disclaimer"},
      {"en", "Get your daily stars by text: send STARS to 80001", "subscribe"},
      {"en", "Texts cost 25p each plus your standard network rate.", "subscribe"},
      {"en", "Msg & data rates may apply.", "subscribe"},
      {"en", "Register to unlock this article", "subscribe"},
      {"en", "Enter town or postcode: Go", "page-tools"},
      {"en", "Search for: Go", "page-tools"},
      {"en", "Place your free ad today", "page-tools"},
      {"en", "Add to my planner", "page-tools"},
      {"en", "Set a reminder", "page-tools"},
      {"en", "Add this widget to your website", "page-tools"},
      {"en", "Download this report (PDF, 120KB)", "page-tools"},
      {"en", "Download judgment as PDF", "page-tools"},
      {"en", "View this article on one page", "page-tools"},
      {"en", "Continued on page 3", "page-tools"},
      {"en", "Previous day | Next day | Archive", "page-tools"},
      {"en", "Showing 1-20 of 312 results", "shop-tools"},
      {"en", "Showing 1-4 of 4 ads", "shop-tools"},
      {"en", "About 1,240 results", "shop-tools"},
      {"en", "Thrilled to stay at the club I love. Let's go! pic.twitter.com/abc123", "social-embed-text"},
      {"en", "Sponsored Links", "site-lists"},
      {"en", "Next story", "teaser-heading"},
      {"en", "Caption: The old bridge in 1990", "image-credit"},
      {"en", "About me", "navigation"},
      {"en", "Email this | Print this | Digg this | Save to del.icio.us", "page-tools"},
      {"en", "Send flowers | Share this obituary", "page-tools"},
      {"en", "Save the date | 12 March", ""},
      {"en", "Caption this photo, the contest asked its readers.", ""},
      {"en", "This website and its associated newspaper adhere to the Independent Press Standards Organisation's "
             "Editors' Code of Practice. If you have a complaint about the editorial content which relates to "
             "inaccuracy or intrusion, then please contact the editor.", "publisher-footer"},
      {"en", "\u00a9 2001-2025. This site is part of the Valley Group's network of local newspapers. Valley Media "
             "Ltd, Mill Lane, Westbury, Registered in England & Wales, company number 01234567, for the group's "
             "titles and their websites.", "publisher-group"},
      {"en", "Our community guidelines apply to all comments. Please keep discussion civil and on topic.",
       "publisher-footer"},
      {"en", "This website adheres to strict rules, the minister said, but the regulator disagreed.", ""},
      {"en", "Previous article \u00bb", "teaser-heading"},
      {"en", "Next page", "navigation"},
      {"en", "Older posts", "navigation"},
      {"en", "Want to read more articles like this?", "subscribe"},
      {"en", "Sign up to The Weekly Review newsletter", "subscribe"},
      {"en", "Want to read more stories like this? Sign up below.", "subscribe"},
      {"en", "Want to read more about the bridge, he asked the clerk.", ""},
      {"en", "Promoted Stories", "site-lists"},
      {"en", "Recommended by Outbrain", "site-lists"},
      {"en", "Related article", "teaser-heading"},
      {"en", "Related Internet Links", "teaser-heading"},
      {"en", "The BBC is not responsible for the content of external sites.", "syndication"},
      {"en", "The council is not responsible for the content of the report, its lawyer said.", ""},
      {"en", "(Updates with market close in third paragraph)", "syndication"},
      {"en", "(Adds comment from the minister in paragraph 5)", "syndication"},
      {"en", "(Updates are posted hourly on the council's site.)", ""},
      {"en", "Our Standards: The Thomson Reuters Trust Principles., opens new tab", "syndication"},
      {"en", "CLICK HERE TO GET THE FOX NEWS APP", "subscribe"},
      {"en", "Click here to get the app, the advert said, and thousands did.", ""},
      {"en", "Share or comment on this article:", "share-follow"},
      {"en", "Comments 45", "comment-section"},
      {"en", "Share what you think", "comment-section"},
      {"en", "Have a confidential tip for our reporters? Get in touch", "contact-report"},
      {"en", "214 points by kline 6 hours ago | hide | past | favorite | 58 comments", "forum-meta"},
      {"en", "300 points by the end of the season would be enough, the coach said.", ""},
      {"en", "kline 4 hours ago | parent | next [-]", "forum-meta"},
      {"en", "by jdoe \u00bb Tue Mar 05, 2024 10:12 am", "forum-meta"},
      {"en", "Board index \u2039 Hardware \u2039 Storage", "breadcrumb"},
      {"en", "#2", "forum-meta"},
      {"en", "Forgot your password?", "login-form"},
      {"en", "Remember my member ID and password on this computer.", "login-form"},
      {"en", "Keep me signed in", "login-form"},
      {"en", "Don't have an account? Sign up", "login-form"},
      {"en", "New here? Create an account", "login-form"},
      {"en", "I forgot my password at the station, she said, so I could not log in.", ""},
      {"en", "Remember me to your mother, he wrote at the end of every letter.", ""},
      {"en", "Tried this recipe?", "recipe-tools"},
      {"en", "Let us know how it was!", "recipe-tools"},
      {"en", "Let us know how it was for you in the comments, the editor wrote.", ""},
      {"en", "You received this because you subscribed to This week in Castleford.", "newsletter-box"},
      {"en", "[Date Prev][Date Next][Thread Prev][Thread Next][Date Index][Thread Index]", "list-archive"},
      {"en", "Date Index | Thread Index", "list-archive"},
      {"en", "Prev by Date: Re: Release 2.1 schedule", "list-archive"},
      {"en", "Next by thread: the bus was late again, she said", "list-archive"},
      {"en", "Date index of the museum's photographs", ""},
      {"en", "#MeToo", ""},
      {"en", "Did this answer your question?", "page-tools"},
      {"en", "Did this answer surprise the panel? Not at all, she said.", ""},
      {"en", "by far \u00bb the best result of the season, the coach said", ""},
      {"en", "jdoe 2 days ago [-]", "forum-meta"},
      {"en", "Smith 3 years ago | was elected to the council", ""},
      {"en", "Subscribe for £1 a week to read the full story", "subscribe"},
      {"en", "Join from $4.99 per month", "subscribe"},
      {"en", "Subscribe for the latest figures from the council, a spokesman said.", ""},
      {"en", "Cancel anytime.", "subscribe"},
      {"en", "Cancel anytime you like, the gym's owner said, but few do.", ""},
      {"en", "00:00 / 03:12", "page-tools"},
      {"en", "1:02:10/1:45:00", "page-tools"},
      {"en", "Follow Sky News on WhatsApp", "share-follow"},
      {"en", "Follow the river on foot to the bridge", ""},
      {"en", "Sign up to our free Morning Headlines email", "subscribe"},
      {"en", "Download The Times of India News App for Latest India News", "subscribe"},
      {"en", "Join our commenting forum", "comment-section"},
      {"en", "Read more from Sky News:", "teaser-heading"},
      {"en", "(Except for the headline, this story has not been edited by NDTV staff and is published from a "
             "syndicated feed.)", "syndication"},
      {"en", "Disclaimer: This story is from a syndicated feed. Nothing has been changed except the headline.",
       "syndication"},
      {"en", "Catch all the Latest News and Updates on Live Mint.", "syndication"},
      {"en", "Track Latest News Live on NDTV.com and get news updates from India and around the world", "syndication"},
      {"en", "This story has not been edited since it was first told in 1950, the author said.", ""},
      {"en", "Most watched", "site-lists"},
      {"en", "Most discussed videos", "site-lists"},
      {"en", "Most watched programmes drew fewer viewers this year.", ""},
      {"en", "The post linked to pic.twitter.com/abc123 was deleted later that day, the club said.", ""},
      {"en", "Results for \"bridge repairs\"", "shop-tools"},
      {"en", "12 search results for 'kettle'", "shop-tools"},
      {"en", "About 1,240 results were sent in by the schools.", ""},
      {"en", "Report a technical problem", "contact-report"},
      {"en", "Have you got a story for us? Contact the newsdesk", "contact-report"},
      {"nl", "Deel dit bericht", "share-follow-nl"},
      {"en", "Add to calendar", "action-buttons"},
      {"en", "Add to wishlist", "shop-tools"},
      {"en", "Prices were delayed by 15 minutes of heavy traffic at the toll.", ""},
      {"en", "Market data provided by the exchange showed volume fell.", ""},
      {"en", "Viewers were asked to text VOTE to 63333 to back their act.", ""},
      {"en", "Text messages cost the company millions last year.", ""},
      {"en", "Add to the pan and stir for two minutes.", ""},
      {"en", "Find a way to go", ""},
      {"en", "Have you got a minute? The survey takes two.", ""},
      {"en", "Showing 20 of 30 films, the festival said.", ""},
      {"en", "Report an accessibility problem with the bus stop to the council.", ""},
  });
}

// A story may quote a cookie banner or a footer, or be about copyright or
// a photo agency: its sentences stay, the banner, the footer and the
// credit go.
TEST(Rules, AStorysQuoteOfABannerOrAFooterStays) {
  ExpectPackHits({
      {"en", "This website uses cookies to improve your experience.", "cookie-consent"},
      {"en", "Notice: we use cookies to personalise content and ads.", "cookie-consent"},
      {"en", "We'd like to use additional cookies to understand how you use the site.", "cookie-consent"},
      {"en", "We would like to set analytics cookies to help us improve this website.", "cookie-consent"},
      {"en", "We'd like to thank the bakers who sent us their cookies for the tasting.", ""},
      {"en", "Download the data from the council's website and check the figures yourself.", ""},
      {"en", "More plays were staged in the town this year than in any year since 1990.", ""},
      {"en", "The project has 42 stars and 7 forks, which is not much for a library this useful.", ""},
      {"en", "Built with sandstone from the quarry, the bridge has stood for two hundred years.", ""},
      {"en", "Thanks to the volunteers, the hall reopened on Saturday.", ""},
      {"en", "Its banner said: \"We use cookies to improve your experience.\" The regulator said that was not enough.",
       ""},
      {"en", "Daily Planet 2024. All rights reserved.", "copyright"},
      {"en", "(C)1995-2008 Namco Bandai Games Inc. ALL RIGHTS RESERVED.", "copyright"},
      {"en", "All rights reserved. This material may not be published, broadcast or rewritten.", "copyright"},
      {"en", "\"All rights reserved, the contract said, but I still own every negative,\" he laughed.", ""},
      {"en", "The studio kept all rights reserved, the contract said, until 2030.", ""},
      // "Copyright" with a year or a holder's name in capitals; not a
      // sentence about copyright
      {"en", "Copyright Business Wire 2008", "copyright"},
      {"en", "Copyright The Associated Press.", "copyright"},
      {"en", "Copyright and Trade Mark Notice", "copyright"},
      {"en", "This work is licensed under a Creative Commons License.", "copyright"},
      {"en", "Copyright law has not kept up with AI, the report argues.", ""},
      {"en", "Copyright infringement cases doubled in 2023.", ""},
      // "(c)" with a year or a short name in capitals; not a list's third item
      {"en", "(c) 2011 Northfield Press", "copyright"},
      {"en", "(c) Harwood Cycling Club", "copyright"},
      {"en", "(c) the goods the applicant proposes to sell;", ""},
      {"en", "(c) The applicant must be over 17.", ""},
      // an old site's footer notes; not a sentence about screens or visitors
      {"en", "This site is best viewed at 1024x768", "copyright"},
      {"en", "Best viewed with Netscape Navigator 4.0 or higher.", "copyright"},
      {"en", "You are visitor number 12,345", "copyright"},
      {"en", "Visitors: 004127", "copyright"},
      {"en", "The comet is best viewed at dawn from a dark site.", ""},
      {"en", "Best viewed at dawn from a dark site.", ""},
      {"en", "Visitors to the castle rose by 12% last year.", ""},
      // an agency's name where a credit puts it; not a sentence about it
      {"en", "Photo: Getty Images/ Bryan Bedder", "image-credit"},
      {"en", "(Getty Images: Stephen Lovekin)", "image-credit"},
      {"en", "AFP via Getty Images", "image-credit"},
      {"en", "Getty Images for Netflix", "image-credit"},
      {"en", "Reuters/Joe Bloggs", "image-credit"},
      {"en", "Getty Images, AFP", "image-credit"},
      {"en", "Getty Images, the photo agency, said it would appeal the ruling.", ""},
      {"en", "She posted the pictures on Flickr in 2009.", ""},
      {"en", "Dozens of photographers sell their work through Shutterstock and Alamy.", ""},
  });
}

// A bullet, an arrow or a bar alone on its line goes; a section break
// ("***", "---") stays with the text, and a list whose bullets are on lines
// of their own keeps its items.
TEST(Context, ABulletAloneOnItsLineGoesItsListItemStays) {
  EXPECT_EQ(DefaultRuleHit("\u2022"), "stray-glyph");
  EXPECT_EQ(DefaultRuleHit("|"), "stray-glyph");
  EXPECT_EQ(DefaultRuleHit(">>"), "stray-glyph");
  EXPECT_EQ(DefaultRuleHit("***"), "");
  EXPECT_EQ(DefaultRuleHit("---"), "");
  EXPECT_EQ(DefaultRuleHit("* * *"), "");
  const std::vector<std::string> items = {"Measure the span of the bridge", "Inspect the stone piers",
                                          "Replace the worn railings", "Resurface the road deck"};
  std::vector<std::string> middle = {"The engineers' plan has four steps:"};
  for (const auto& item : items) {
    middle.push_back("\u2022");
    middle.push_back(item);
  }
  middle.push_back("");
  middle.push_back("***");
  middle.push_back("");
  Cleaner c;
  auto r = c.Clean(Article({}, middle, {}));
  for (const auto& item : items) EXPECT_TRUE(Kept(r, item)) << item << "\n" << r.text;
  EXPECT_FALSE(Kept(r, "\u2022")) << r.text;
  EXPECT_TRUE(Kept(r, "***")) << r.text;
  EXPECT_TRUE(Kept(r, kPara3));
}

// Each language's pack knows a blog's post footer and links as WordPress and
// Blogger print them there; the feed link ending in "(Atom)" is known in
// any language. A story's sentence that starts the same way stays.
TEST(Rules, BlogFootersInEveryPack) {
  ExpectPackHits({
      {"de", "Dieser Beitrag wurde unter Garten veröffentlicht. Setze ein Lesezeichen auf den Permalink.",
       "blog-chrome-de"},
      {"de", "Neuerer Post Älterer Post Startseite", "blog-chrome-de"},
      {"de", "Abonnieren Kommentare zum Post (Atom)", "blog-chrome"},
      {"de", "Der Artikel wurde von der Redaktion nach Hinweisen von Lesern korrigiert.", ""},
      {"fr", "Cette entrée a été publiée dans Voyages. Vous pouvez la mettre en favoris avec ce permalien.",
       "blog-chrome-fr"},
      {"fr", "Article plus récent Article plus ancien Accueil", "blog-chrome-fr"},
      {"fr", "S'abonner à : Publier les commentaires (Atom)", "blog-chrome"},
      {"es", "Esta entrada fue publicada en Viajes. Guarda el enlace permanente.", "blog-chrome-es"},
      {"es", "Entrada más reciente Entrada antigua Inicio", "blog-chrome-es"},
      {"es", "Esta entrada al museo fue gratuita durante todo el mes de mayo.", ""},
      {"it", "Questa voce è stata pubblicata in Viaggi. Aggiungi ai segnalibri il permalink.", "blog-chrome-it"},
      {"it", "Post più recente Post più vecchio Home page", "blog-chrome-it"},
      {"nl", "Dit bericht is geplaatst in Reizen. Bookmark de permalink.", "blog-chrome-nl"},
      {"nl", "Nieuwere post Oudere post Homepage", "blog-chrome-nl"},
      {"pt", "Esta entrada foi publicada em Viagens. Adicione o link permanente aos seus favoritos.",
       "blog-chrome-pt"},
      {"pt", "Postagem mais recente Postagem mais antiga Página inicial", "blog-chrome-pt"},
      {"pt", "Assinar: Postar comentários (Atom)", "blog-chrome"},
      {"ru", "Запись опубликована в рубрике Путешествия. Добавьте в закладки постоянную ссылку.", "blog-chrome-ru"},
      {"ru", "Следующее Предыдущее Главная страница", "blog-chrome-ru"},
      {"ru", "Подписаться на: Комментарии к сообщению (Atom)", "blog-chrome"},
      {"en", "The smallest unit of an element (atom)", ""},
      // Blogger's lines under a post, each on its own line, in every pack
      {"es", "Publicado por Lucía en 12:30", "byline-posted-es"},
      {"es", "No hay comentarios:", "comment-section-es"},
      {"es", "Publicar un comentario", "comment-form-es"},
      {"es", "Entrada antigua", "blog-chrome-es"},
      {"es", "Publicado por el ayuntamiento en 2019, el plan nunca se aplicó.", ""},
      {"de", "Eingestellt von Anna um 12:30", "byline-posted-de"},
      {"de", "Keine Kommentare:", "comment-section-de"},
      {"de", "Kommentar veröffentlichen", "comment-form-de"},
      {"de", "Älterer Post", "blog-chrome-de"},
      {"fr", "Publié par Claire à 12:30", "byline-posted-fr"},
      {"fr", "Aucun commentaire:", "comment-section-fr"},
      {"fr", "Enregistrer un commentaire", "comment-form-fr"},
      {"fr", "Article plus ancien", "blog-chrome-fr"},
      {"it", "Pubblicato da Marco alle 12:30", "byline-posted-it"},
      {"it", "Nessun commento:", "comment-section-it"},
      {"it", "Posta un commento", "comment-form-it"},
      {"it", "Post più vecchio", "blog-chrome-it"},
      {"nl", "Geplaatst door Sanne om 12:30", "byline-posted-nl"},
      {"nl", "Geen opmerkingen:", "comment-section-nl"},
      {"nl", "Een reactie posten", "comment-form-nl"},
      {"nl", "Oudere post", "blog-chrome-nl"},
      {"pt", "Postado por Ana às 12:30", "byline-posted-pt"},
      {"pt", "Nenhum comentário:", "comment-section-pt"},
      {"pt", "Postar um comentário", "comment-form-pt"},
      {"pt", "Postagem mais antiga", "blog-chrome-pt"},
      {"ru", "Опубликовано Сергей в 12:30", "byline-posted-ru"},
      {"ru", "Комментариев нет:", "comment-section-ru"},
      {"ru", "Отправить комментарий", "comment-form-ru"},
      {"ru", "Предыдущее", "blog-chrome-ru"},
      {"ru", "Ответить", "forum-meta-ru"},
      {"de", "Antworten", "forum-meta-de"},
      {"fr", "Répondre", "forum-meta-fr"},
  });
}

TEST(Rules, AppStoreCountersAndAHealthPagesReviewDates) {
  ExpectPackHits({
      {"en", "4.6 star", "shop-tools"},
      {"en", "120K reviews", "shop-tools"},
      {"en", "1M+ Downloads", "shop-tools"},
      {"en", "Rated 4.8 out of 5 on Tripadvisor", "shop-tools"},
      {"en", "Contains ads", "shop-tools"},
      {"en", "In-app purchases", "shop-tools"},
      {"en", "Page last reviewed: 12 May 2023", "page-tools"},
      {"en", "Next review due: 12 May 2026", "page-tools"},
      {"en", "The app has 120K reviews and counting, its maker says.", ""},
      {"en", "Contains ads for alcohol, the regulator ruled, and must be withdrawn.", ""},
      {"en", "Page last reviewed by the committee in 2019, the report says the rules were ignored.", ""},
      {"en", "7 votes", ""},
  });
}

TEST(Rules, StorySentencesThatStartLikeBannersStay) {
  // A baker's cookies, a review that helped, a reporter's trip, a fault
  // at a pumping station, a reply to a consultation: the words of a banner
  // or a button in a sentence of the story.
  for (const std::string line : {"Cookies on sale at the fair raised forty pounds for the school roof.",
                                 "We use three kinds of cookies for the base of this cheesecake.",
                                 "We use cookies from the bakery on the corner for the base.",
                                 "Allow cookies to cool on the tray for five minutes before you move them.",
                                 "Reporting from the border for three weeks, she saw the same trucks every day.",
                                 "Fourteen people found this helpful when the council tested it last spring.",
                                 "Something went wrong at the pumping station on Tuesday night, engineers said.",
                                 "Oops, the mayor said with a laugh as the microphone fell over.",
                                 "An error occurred in the count at two polling stations, the board said.",
                                 "Write a response to the consultation by 12 March, the council asks.",
                                 "Submit a response to the planning consultation before the end of March.",
                                 "The story was first published in a magazine in 1948 and became a classic.",
                                 "This story appeared in newspapers across the country in 1952 and made her famous.",
                                 "We and our partners at the university spent two years collecting data from volunteers.",
                                 "Please consider donating to the flood relief fund, the mayor urged residents on Friday.",
                                 "Supporting local journalism is vital, the minister said at the opening of the press centre."}) {
    Cleaner c;
    auto r = c.Clean(Article({}, {line}, {}));
    EXPECT_TRUE(Kept(r, line)) << line;
  }
}

TEST(Rules, ForumRepliesAndQuoteHeadersAreNotFooters) {
  // "@name" addresses a reply and "Originally posted by name" heads a quote
  // inside a thread: neither is a copyright or syndication line.
  Cleaner c;
  for (const std::string line : {"@marta_k:", "Originally posted by marta_k"}) {
    auto r = c.Clean(Article({}, {line}, {}));
    EXPECT_TRUE(Kept(r, line)) << line;
  }
}

TEST(Rules, WireDatelinesAndSourceLinesAreNotPhotoCredits) {
  // A wire agency's name alone is a dateline or byline, and "Source:" names
  // where a story or a figure comes from; a photo credit says it is one.
  auto loaded = LoadRules({}, {});
  ASSERT_TRUE(loaded.ok());
  const std::shared_ptr<const RuleSet> rules = loaded.value();
  auto rule_of = [&](const std::string& line) {
    int r = rules->Match(line, internal::LineWordCounts(line).words);
    return r < 0 ? std::string() : rules->rules()[static_cast<size_t>(r)].name;
  };
  for (const std::string line : {"HALIFAX, Nova Scotia (AFP)", "Written by: AFP", "AFP, AP",
                                 "Source: Harbour Board figures", "Source: Statistics office"}) {
    EXPECT_EQ(rule_of(line), "") << line;
  }
  for (const std::string line : {"Photo: Jane Roe/AFP", "Jane Roe / AFP via Getty Images", "(AFP Photo)",
                                 "Photo source: Harbour Board", "Getty Images"}) {
    EXPECT_EQ(rule_of(line), "image-credit") << line;
  }
}

TEST(Rules, UnicodeSpacesMatchAsSpaces) {
  // Scraped pages put NBSP, thin spaces and a mis-decoded NBSP ("Â ")
  // where a pattern has a space (`\s` is ASCII in RE2).
  auto loaded = LoadRules({}, {});
  ASSERT_TRUE(loaded.ok());
  const RuleSet& rules = *loaded.value();
  auto rule_of = [&](const std::string& line, bool meta) {
    const int words = internal::LineWordCounts(line).words;
    const int r = meta ? rules.MatchMeta(line, words) : rules.Match(line, words);
    return r < 0 ? std::string() : rules.rules()[static_cast<size_t>(r)].name;
  };
  EXPECT_EQ(rule_of("Photo:\u00a0Jane Roe/AFP", false), "image-credit");
  EXPECT_EQ(rule_of("\u00a0Photo: Jane Roe/AFP\u00a0", false), "image-credit");  // trimmed
  EXPECT_EQ(rule_of("Share\u00a0this\u00a0article", false), rule_of("Share this article", false));
  EXPECT_NE(rule_of("Share this article", false), "");
  EXPECT_EQ(rule_of("Updated:\u00a0March 3, 2021 4:10\u202fpm", true), "dateline");
  EXPECT_EQ(rule_of("Published:\u00c2 Monday, January 14, 2008", true), "dateline");
  EXPECT_EQ(rule_of("Published:\u00c2\u00a0Monday, January 14, 2008", true), "dateline");
  EXPECT_EQ(rule_of("By\u2009Marta Quinn", true), "byline");
  // The space far into a line of other UTF-8 (found eight bytes at a time).
  EXPECT_EQ(rule_of("Zo\u00eb Szab\u00f3-\u00d8stergaard/\u00a0AFP", false), "image-credit");
  EXPECT_EQ(rule_of("\u0418\u0432\u0430\u043d \u041f\u0435\u0442\u0440\u043e\u0432, RIA/\u00a0AFP", false), "image-credit");
  // Other UTF-8 is left as it is.
  EXPECT_EQ(rule_of("Caf\u00e9\u00a0society returns to the harbour front this summer", false), "");
}

TEST(Rules, PlaceholdersHoldAnExpressionNotHugs) {
  auto loaded = LoadRules({}, {});
  ASSERT_TRUE(loaded.ok());
  const RuleSet& rules = *loaded.value();
  auto placeholder = [&](const std::string& line) {
    int r = rules.Match(line, internal::LineWordCounts(line).words);
    return r >= 0 && rules.rules()[static_cast<size_t>(r)].name == "placeholder";
  };
  for (const std::string line : {"{{ user.first_name }}", "Dear {{name}}, thanks for joining", "{{{ page.body }}}",
                                 "{{#each related}}", "{{- headline -}}", "{{ 'Read more' | t }}"}) {
    EXPECT_TRUE(placeholder(line)) << line;
  }
  // Braces typed around a name are hugs in a guest book or comment.
  for (const std::string line : {"So sorry to hear the news, sending love {{{{ Ana }}}} from all of us here",
                                 "{{ }}", "{{{{{ hugs }}}}}"}) {
    EXPECT_FALSE(placeholder(line)) << line;
  }
}

TEST(Rules, TeaserListHeadingsAreTailMarkers) {
  auto loaded = LoadRules({}, {});
  ASSERT_TRUE(loaded.ok());
  const auto& rules = loaded.value();
  for (const char* h : {"Most popular articles", "What's hot", "Latest headlines", "Past coverage",
                        "Also in the news", "Related stories", "Recent related articles", "More related stories",
                        "Other stories:", "External links", "More film reviews", "More interviews"}) {
    int r = rules->Match(h, 3);
    ASSERT_GE(r, 0) << h;
    EXPECT_EQ(rules->rules()[static_cast<size_t>(r)].scope, RuleScope::kTailMarker) << h;
  }
  EXPECT_EQ(rules->Match("Most popular in the village was the bakery", 8), -1);
  // A footer's or a sidebar's link lists are a menu's labels.
  for (const char* h : {"Quick links", "Useful Links:", "Popular searches", "Popular tags", "Read more about:"}) {
    const int r = rules->Match(h, internal::LineWordCounts(h).words);
    ASSERT_GE(r, 0) << h;
    EXPECT_EQ(rules->rules()[static_cast<size_t>(r)].name, "navigation") << h;
  }
  EXPECT_EQ(rules->Match("Other news", 2), -1);  // a round-up's own heading as often
  // A profile's sentence about where to find its subject is no account.
  EXPECT_EQ(rules->Match("Ann Lee is a keen gardener. Find her at the market every Saturday.", 12), -1);
  EXPECT_GE(rules->Match("Ann Lee is a keen gardener. Follow her on Instagram @annlee.", 11), 0);
}

TEST(Rules, SentencesThatMentionThePhrasesStay) {
  // max_words keeps rules off article sentences that use the same words.
  const std::vector<std::string> prose = {
      "Residents were asked to share their views on the plan at a public meeting in the town hall next week.",
      "The photo exhibition, which opened on Friday, shows pictures of the harbour taken over a hundred years.",
      "She said that something went wrong with the first design, so the engineers had to start all over again.",
      "Text size on the new road signs was doubled after drivers complained that they could not read them.",
      "Only registered members can vote in the election of the club's new chairman, which will be held in March.",
      "Subscribe to continue reading about the bridge, the council said, was the wording of the first draft of its letter.",
      "Listen to the article's author explain why the council chose stone over steel for the new piers and railings.",
      "Copy link after link of the old chain was laid out on the quay so that the engineers could check each one.",
      "She asked the mayor a question about the bridge and was told that the answer would come within a month.",
      "The shop said the kettle was in stock again after a shortage that lasted for most of the winter months.",
      "Next: the council will vote on the plan for the bridge when it meets again after the summer.",
  };
  Cleaner c;
  for (const auto& line : prose) {
    auto r = c.Clean(Article({}, {line}, {}));
    EXPECT_TRUE(Kept(r, line)) << line;
  }
}

TEST(Rules, ABareCopyIsAHeadingNotAButton) {
  // "Copy" alone heads a section of a piece on advertising copy as often
  // as it labels a code block's button: no rule takes it.
  Cleaner c;
  auto r = c.Clean(Article({}, {"Copy"}, {}));
  EXPECT_TRUE(Kept(r, "\nCopy\n")) << r.text;
}

TEST(Context, HeadingsAndListItemsBetweenParagraphsStay) {
  Cleaner c;
  auto r = c.Clean(Article({}, {"Worrying Allies", "", "- first point", "- second point", ""}, {}));
  EXPECT_TRUE(Kept(r, "Worrying Allies"));
  EXPECT_TRUE(Kept(r, "- first point"));
  EXPECT_TRUE(Kept(r, "- second point"));
}

TEST(Context, NavigationAboveAndLinksBelowGoHeadlineStays) {
  Cleaner c;
  auto r = c.Clean(Article({"Home", "World", "Business", "Markets", "Lifestyle", "Contact", "",
                            "Council Agrees To Repair The Old Bridge", ""},
                           {}, {"", "Tags", "Bridges", "Council", "Weather"}));
  EXPECT_TRUE(Kept(r, "Council Agrees To Repair The Old Bridge"));
  EXPECT_FALSE(Kept(r, "Lifestyle\n"));
  EXPECT_FALSE(Kept(r, "Markets"));
  EXPECT_FALSE(Kept(r, "Weather"));
  EXPECT_TRUE(Kept(r, kPara3));
}

TEST(Context, AHeadlineBlockCutOffByWidgetsStaysWhenTheLeadRepeatsItsWords) {
  // Headline, standfirst and byline separated from the article by a photo
  // credit and share widgets: too far up for the headline budget, but their
  // words come back in the lead. Teasers for other stories above them do not.
  Cleaner c;
  auto r = c.Clean(Article({"Ferry strike ends as union accepts pay offer", "Harbour cafe wins award for fish stew",
                            "",
                            "Council to repair the old bridge over the river",
                            "The stone piers are in a worse state than engineers expected",
                            "By Marta Quinn, local affairs",
                            "", "Share", "Tweet", "Email", "Print", "Comments (12)", ""},
                           {}, {}));
  EXPECT_TRUE(Kept(r, "Council to repair the old bridge over the river")) << r.text;
  EXPECT_TRUE(Kept(r, "The stone piers are in a worse state than engineers expected")) << r.text;
  EXPECT_FALSE(Kept(r, "Ferry strike ends")) << r.text;
  EXPECT_FALSE(Kept(r, "Harbour cafe wins award")) << r.text;
  EXPECT_FALSE(Kept(r, "Tweet")) << r.text;
  // A menu's row of labels set apart by bars shares words with the lead
  // as a site about rivers and bridges does: it is still a menu.
  r = c.Clean(Article({"Valley Gazette", "Roads | Rivers | Bridges | Councils", "Council agrees to repair the old bridge"},
                      {}, {}));
  EXPECT_TRUE(Kept(r, "Council agrees to repair the old bridge")) << r.text;
  EXPECT_FALSE(Kept(r, "Rivers | Bridges")) << r.text;
}

TEST(Context, AHeadlineMeetsItsLeadAcrossTenseAndNumber) {
  // "Repairs", "bridges", "closes" in the headline; "repair", "bridge" in
  // the lead: words are compared by a light stem. So are "oldest" and
  // "longer" with the lead's "old" and "long".
  Cleaner c;
  for (const std::string headline : {"Council repairs bridges, closes river crossing", "Oldest crossing, longer wait"}) {
    auto r = c.Clean(Article({"Ferry strike ends as union accepts pay offer", "", headline, "", "Share", "Tweet",
                              "Email", "Print", "Comments (12)", "Photo gallery (4)", ""},
                             {}, {}));
    EXPECT_TRUE(Kept(r, headline)) << r.text;
    EXPECT_FALSE(Kept(r, "Ferry strike ends")) << r.text;
  }
}

TEST(Context, AHeadlineMeetsItsLeadAboveACommentsHeadingInsideTheStory) {
  // The story's first paragraph stands apart from the rest (a comments
  // heading and a teaser inside the story, the main text's run below
  // them): it is still the lead whose words the headline meets.
  const std::string page =
      "Sport\nSave\nCouncil agrees to rebuild the flood-damaged footbridge\nTop stories\nNews | Sport | Weather\n"
      "Tweet\n\nThe council voted on Tuesday to rebuild the old footbridge over the river, which has been closed since "
      "the floods of last winter damaged its supports.\nWhat do you think?\nEngineers say the new bridge will be wider "
      "and higher, so that it stays open when the river rises, and will have lighting along its whole length.\n"
      "Read more: Ten walks along the canal this winter\nWork is due to start in the spring and should take about "
      "eighteen months, during which a temporary ferry will carry people across at peak times.\nResidents who live "
      "near the bridge said they were relieved, although some complained that the rebuild had taken too long.\n";
  auto r = Cleaner().Clean(page);
  EXPECT_TRUE(Kept(r, "Council agrees to rebuild the flood-damaged footbridge")) << r.text;
  EXPECT_TRUE(Kept(r, "The council voted on Tuesday")) << r.text;
  EXPECT_FALSE(Kept(r, "Top stories")) << r.text;
}

// No lines above the main text kept by position: what stays there stays for
// another reason.
CleanerOptions NoHeadlineBudget() {
  CleanerOptions o;
  o.headline_lines = 0;
  return o;
}

TEST(Context, BylinesDatelinesAndSignOffBesideTheStoryStayDatesInATeaserListGo) {
  // The byline and dateline between the headline and the article are short
  // lines context alone would drop; beside the headline they are its
  // metadata, as is the wire sign-off right after the story. The same kind
  // of lines in a teaser list below the story are not. (No lines above the
  // main text are kept by position here: the headline stays because the
  // lead repeats its words.)
  const CleanerOptions no_budget = NoHeadlineBudget();
  Cleaner c(no_budget);
  auto r = c.Clean(Article({"Home", "World", "Business", "", "Council Agrees To Repair The Old Bridge",
                            "By Marta Quinn, Staff Writer", "Updated: March 3, 2021 4:10 pm", "Share", "Tweet",
                            "Print", "Email", "Save", "(AFP)", ""},
                           {},
                           {"(Reporting by Ada Vance; Editing by Max Poe)", "", "More stories", "Harbour cafe wins award", "Sept. 4, 2020", "Ferry timetable changes",
                            "12/09/2020", "By Tom Hale"}));
  EXPECT_TRUE(Kept(r, "Council Agrees To Repair The Old Bridge")) << r.text;
  EXPECT_TRUE(Kept(r, "By Marta Quinn, Staff Writer")) << r.text;
  EXPECT_TRUE(Kept(r, "Updated: March 3, 2021 4:10 pm")) << r.text;
  EXPECT_TRUE(Kept(r, "(AFP)")) << r.text;
  EXPECT_TRUE(Kept(r, "(Reporting by Ada Vance; Editing by Max Poe)")) << r.text;  // the sign-off
  EXPECT_FALSE(Kept(r, "Tweet")) << r.text;
  EXPECT_FALSE(Kept(r, "Sept. 4, 2020")) << r.text;
  EXPECT_FALSE(Kept(r, "12/09/2020")) << r.text;
  EXPECT_FALSE(Kept(r, "By Tom Hale")) << r.text;
  // A name with the writer's post is a byline without "By" ("Ann Lee,
  // Political Correspondent"); a sentence that names a reporter is not.
  r = c.Clean(Article({"Home", "World", "", "Ferry Fares Rise Again In Spring", "Updated 2 hours ago",
                       "Ann Lee, Local Democracy Reporter", "Share", "Tweet", ""},
                      {}, {}));
  EXPECT_TRUE(Kept(r, "Ferry Fares Rise Again In Spring")) << r.text;
  EXPECT_TRUE(Kept(r, "Ann Lee, Local Democracy Reporter")) << r.text;
  auto pack = LoadRules({}, {});
  ASSERT_TRUE(pack.ok()) << pack.status().message();
  EXPECT_GE(pack.value()->MatchMeta("Jane Roe, Political Correspondent", 4, "en"), 0);
  EXPECT_LT(pack.value()->MatchMeta("Ann Lee, who is a reporter", 6, "en"), 0);
  EXPECT_LT(pack.value()->MatchMeta("the council, said the editor", 5, "en"), 0);
  // A name and the date set apart by a bar or a dot is a byline too; a
  // row of links is not.
  for (const char* line : {"Ann Lee | March 3, 2025", "Ann Lee \u00b7 12 Nov 2025 \u00b7 5 min read",
                           "Jos\u00e9 N\u00fa\u00f1ez | 2025-03-03"}) {
    EXPECT_GE(pack.value()->MatchMeta(line, internal::LineWordCounts(line).words, "en"), 0) << line;
  }
  EXPECT_LT(pack.value()->MatchMeta("News | Sport | Weather", 3, "en"), 0);
  EXPECT_LT(pack.value()->MatchMeta("Weather | March 3 forecast", 4, "en"), 0);
  // Under a stray teaser label, such a byline makes the line above it the
  // story's headline, not the label's teaser.
  r = c.Clean(Article({"Home", "Trending", "Planting garlic in a wet autumn", "Ann Lee | March 3, 2025"}, {}, {}));
  EXPECT_TRUE(Kept(r, "Planting garlic in a wet autumn\nAnn Lee | March 3, 2025")) << r.text;
  // A time relative to now, or a time of day, with its label is a dateline
  // too ("Updated 2 minutes ago", as a live page has it): the headline
  // above it stays; a bare one in a teaser list is no more than before.
  for (const char* when : {"Updated 2 minutes ago", "Updated 1h ago", "Published an hour ago", "Updated at 14.35 GMT"}) {
    r = c.Clean(Article({"Home", "World", "", "Council Agrees To Repair The Old Bridge", when, "Share", "Tweet", ""},
                        {}, {"", "More stories", "Harbour cafe wins award", "2 hours ago"}));
    EXPECT_TRUE(Kept(r, "Council Agrees To Repair The Old Bridge")) << when << "\n" << r.text;
    EXPECT_TRUE(Kept(r, when)) << r.text;
    EXPECT_FALSE(Kept(r, "2 hours ago")) << r.text;
  }
  EXPECT_EQ(DefaultRuleHit("Updated 2 minutes ago"), "");  // meta: it removes nothing
  // A sign-off under the wire's copyright line: the footer goes, the date stays.
  r = c.Clean(Article({}, {}, {"Copyright 2021 The Daily Planet. All rights reserved.",
                               "Updated: March 4, 2021 9:02 am", "", "More stories", "Harbour cafe wins award"}));
  EXPECT_FALSE(Kept(r, "All rights reserved")) << r.text;
  EXPECT_TRUE(Kept(r, "Updated: March 4, 2021 9:02 am")) << r.text;
  // Who else reported, set apart by rules of underscores, as a wire story
  // ends: it stays; the link to more coverage and the author's box go.
  const std::string helped = "Wire service writer Joe Bloggs contributed to this report.";
  r = Cleaner().Clean(
      "Floods force hundreds from homes in the valley\nBY ANA RUIZ\nUpdated 10:14 AM, March 3, 2026\nShare\n"
      "ROME (Wire) \xE2\x80\x94 Residents of the valley said the water rose faster than anyone could remember, "
      "covering the main road within an hour of the first warning.\n"
      "Emergency crews used boats to reach houses on the lower streets, where some families had climbed onto their "
      "roofs to wait for help.\n"
      "The regional government said it would open three schools as shelters and asked people not to travel unless "
      "they had to.\n"
      "Forecasters expect the rain to ease by Thursday, but warned that rivers downstream could keep rising into the "
      "weekend.\n___\n" +
      helped + "\n___\nFollow Wire\xE2\x80\x99s coverage of climate at https://example.org/hub/climate\nANA RUIZ\n"
      "Ruiz covers southern Europe for the wire service.\ntwitter\nmailto\n");
  EXPECT_TRUE(Kept(r, helped)) << r.text;
  EXPECT_FALSE(Kept(r, "coverage of climate")) << r.text;
  EXPECT_FALSE(Kept(r, "covers southern Europe")) << r.text;
  // Without rules there is no metadata to recognise: context drops them.
  CleanerOptions o = no_budget;
  o.use_rules = false;
  auto bare = Cleaner(o).Clean(Article({"Home", "", "Council Agrees To Repair The Old Bridge",
                                        "By Marta Quinn, Staff Writer", "Updated: March 3, 2021 4:10 pm", "Share",
                                        "Tweet", "Print", "Email", "Save", ""},
                                       {}, {}));
  EXPECT_FALSE(Kept(bare, "By Marta Quinn")) << bare.text;
}

TEST(Context, TheHeadlineAboveABylineStaysPastTheToolbarAnArchiveOfMonthsGoes) {
  // The headline shares no word with the lead and a toolbar stands between
  // its byline and the article: the walk up from the article passes the
  // toolbar items a rule took (and "Comments", a link there, not the start
  // of a comment section), keeps the byline and the headline right above
  // it, and stops at the menu.
  const CleanerOptions no_budget = NoHeadlineBudget();
  Cleaner c(no_budget);
  auto r = c.Clean(Article({"Home", "Sections", "Weekend Markets Draw Record Crowds", "", "Town Sees Costly Winter Ahead",
                            "By Marta Quinn January 18, 2008 12:00am", "Email article", "Share article",
                            "Post to Digg", "Comments", "Text size + -", ""},
                           {}, {}));
  EXPECT_TRUE(Kept(r, "Town Sees Costly Winter Ahead")) << r.text;
  EXPECT_TRUE(Kept(r, "By Marta Quinn January 18, 2008")) << r.text;
  EXPECT_FALSE(Kept(r, "Weekend Markets")) << r.text;
  EXPECT_FALSE(Kept(r, "Post to Digg")) << r.text;
  // A section label is not a headline; a run of months is an archive list.
  auto label = c.Clean(Article({"Other stories", "Weekend Markets Draw Record Crowds", "Local - Wire",
                                "Posted on Fri, Jan. 18, 2008", ""},
                               {}, {}));
  EXPECT_TRUE(Kept(label, "Posted on Fri, Jan. 18, 2008")) << label.text;
  EXPECT_FALSE(Kept(label, "Local - Wire")) << label.text;
  auto archive = c.Clean(Article({"Archives", "December 2004", "November 2004", "October 2004", "September 2004",
                                  "Print this", ""},
                                 {}, {}));
  EXPECT_FALSE(Kept(archive, "2004")) << archive.text;
}

TEST(Context, TheHeadlineStaysPastABadgeUnderItsByline) {
  // A how-to's head: title, byline, date, then its badge and a button
  // over the first step. The badge is chaff a rule knows, so the walk up
  // from the text passes it, as it passes the button.
  Cleaner c;
  for (const std::string badge : {"Approved", "Expert Approved", "Fact checked"}) {
    auto r = c.Clean(Article({"Home", "Home and Garden", "How to Repair a Garden Bridge", "Co-authored by Marta Quinn",
                              "Last Updated: June 2, 2025", badge, "Download Article", ""},
                             {}, {}));
    EXPECT_TRUE(Kept(r, "How to Repair a Garden Bridge")) << badge << "\n" << r.text;
    EXPECT_TRUE(Kept(r, "Co-authored by Marta Quinn")) << badge << "\n" << r.text;
    EXPECT_FALSE(Kept(r, badge)) << r.text;
  }
}

TEST(Context, TheLastItemOfAMenuAboveTheHeadIsNoHeadline) {
  // "Our stores" ends a block of labels over a blank line: the head (the
  // headline and byline below it) is taken, and the label goes with its
  // menu. A headline right under such a menu, with no blank line between,
  // stays, as does one of two words over the byline.
  Cleaner c;
  auto r = c.Clean(Article({"Gardens", "Kitchens", "Bathrooms", "Our stores", "", "Council Agrees To Repair The Old Bridge",
                            "By Marta Quinn", ""},
                           {}, {}));
  EXPECT_TRUE(Kept(r, "Council Agrees To Repair The Old Bridge")) << r.text;
  EXPECT_TRUE(Kept(r, "By Marta Quinn")) << r.text;
  EXPECT_FALSE(Kept(r, "Our stores")) << r.text;
  r = c.Clean(Article({"Gardens", "Kitchens", "Bathrooms", "Council Agrees To Repair The Old Bridge", "",
                       "By Marta Quinn", ""},
                      {}, {}));
  EXPECT_TRUE(Kept(r, "Council Agrees To Repair The Old Bridge")) << r.text;
  EXPECT_TRUE(Kept(r, "By Marta Quinn")) << r.text;
  r = c.Clean(Article({"Gardens", "Kitchens", "Bathrooms", "", "Bridge Repairs", "", "By Marta Quinn", ""}, {}, {}));
  EXPECT_TRUE(Kept(r, "Bridge Repairs")) << r.text;
}

TEST(Context, TheHeadlineAboveABylineTheHeadBudgetKeptStays) {
  // The lines kept by position right above the article (a byline and two
  // short lines under it) use up the budget before the headline: the
  // headline, whose words the lead does not repeat, stays because it sits
  // right above that byline. The teaser above it does not.
  Cleaner c;
  auto r = c.Clean(Article({"Home", "World", "Business", "", "Ferry Fares Rise Again In Spring", "",
                            "Town Sees Costly Winter Ahead", "By Marta Quinn, Staff Writer", "Local desk", "4 min",
                            ""},
                           {}, {}));
  EXPECT_TRUE(Kept(r, "By Marta Quinn, Staff Writer")) << r.text;
  EXPECT_TRUE(Kept(r, "Town Sees Costly Winter Ahead")) << r.text;
  EXPECT_FALSE(Kept(r, "Ferry Fares Rise Again")) << r.text;
}

TEST(Region, ALineAfterTheArticleIsNotInARegionThatEndedAboveIt) {
  // A related-stories list above the article (too long to be a box inside
  // it) ends where the article starts: a short line after the article goes
  // by context, not as part of that list, and a line after a tail-marker
  // below the article goes with that marker's region.
  Cleaner c;
  const std::string text = Article({"Related stories", "Ferry fares rise again", "Harbour cafe wins award", "Mayor opens new library",
                                    "Storm closes coast road", "School choir tours Wales", "Rail works start in June", ""},
                                   {},
                                   {"", "Harbour News Network", "", "Most popular", "Ferry timetable changes", ""});
  auto r = c.Clean(text);
  EXPECT_TRUE(Kept(r, kPara1)) << r.text;
  std::map<std::string, std::string> why;  // line -> reason
  for (const LineDecision& d : r.lines) {
    if (!d.span.blank) why[text.substr(d.span.begin, d.span.end - d.span.begin)] = c.Reason(d);
  }
  EXPECT_EQ(why["Harbour News Network"], "context");
  EXPECT_EQ(why["Ferry timetable changes"], "region:site-lists");
}

TEST(Region, AnEbooksPreambleAndLicenceGoTheBookBetweenStaysWhateverItsLength) {
  // An e-book as Project Gutenberg prints it: a header (a licence note in
  // prose, the title, the author), the START line, the book, the END line
  // and a licence longer than this short book. The head-end and foot-start
  // lines bound the book: all above the one and below the other goes, and
  // the book stays whole, though the licence outweighs it as prose.
  const std::vector<std::string> book = {
      "A SHORT STORY OF THE SEA",
      "The boat left the harbour at dawn, with four men aboard and the tide running out fast under the pier.",
      "By noon the coast was a grey line behind them, and the oldest of the four began to tell the others "
      "about the storm of his youth.",
  };
  std::string text =
      "The Project Gutenberg eBook of A Short Story of the Sea, by Ann Quay\n"
      "This ebook is for anyone to use, anywhere, at no cost, and you may copy it or give it away under the "
      "terms of the licence included with it.\nTitle: A Short Story of the Sea\nAuthor: Ann Quay\n\n"
      "*** START OF THE PROJECT GUTENBERG EBOOK A SHORT STORY OF THE SEA ***\n\n";
  for (const auto& l : book) text += l + "\n\n";
  text += "*** END OF THE PROJECT GUTENBERG EBOOK A SHORT STORY OF THE SEA ***\n\n";
  const std::vector<std::string> licence = {
      "Updated editions of this work will replace the earlier ones, and the earlier ones will be renamed "
      "so that nobody confuses the two of them.",
      "By using or sharing this work in any way you agree to every one of the terms of the licence, which you "
      "can read in full below and which we ask you to read with some care.",
      "If you do not agree to these terms you must stop using the work and destroy all of the copies of it "
      "that you have in your possession or under your control.",
  };
  for (const auto& l : licence) text += l + "\n";
  Cleaner c;
  auto r = c.Clean(text);
  std::string want;
  for (const auto& l : book) want += (want.empty() ? "" : "\n\n") + l;
  EXPECT_EQ(r.text, want + "\n");
  std::map<std::string, std::string> why;  // line -> reason
  for (const LineDecision& d : r.lines) {
    if (!d.span.blank) why[text.substr(d.span.begin, d.span.end - d.span.begin)] = c.Reason(d);
  }
  EXPECT_EQ(why["Author: Ann Quay"], "region:ebook-preamble");
  EXPECT_EQ(why["*** START OF THE PROJECT GUTENBERG EBOOK A SHORT STORY OF THE SEA ***"], "rule:ebook-preamble");
  EXPECT_EQ(why["*** END OF THE PROJECT GUTENBERG EBOOK A SHORT STORY OF THE SEA ***"], "rule:ebook-licence");
  EXPECT_EQ(why[licence[0]], "region:ebook-licence");
  EXPECT_EQ(why[licence[2]], "region:ebook-licence");
  // Nothing above the START line comes back: not a repeat a code fence
  // round it would keep (cleaner_fuzz found this one), nor a quote.
  r = c.Clean("~~~ a\nRelease date: May 1, 2004 [eBook #1]\nA note\nOn the text\nOf the book\n"
              "Release date: May 1, 2004 [eBook #1]\n*** START OF THE PROJECT GUTENBERG EBOOK X ***\n~~~ b\n");
  ASSERT_EQ(r.lines.size(), 9u);  // the last one empty
  for (size_t i = 0; i < 7; ++i) EXPECT_FALSE(r.lines[i].keep) << i << "\n" << r.text;
  // A sentence about such a line is no such line.
  const std::string story = "The end of the Project Gutenberg ebook of the novel holds its licence, the librarian said.";
  r = c.Clean(Article({}, {story}, {}));
  EXPECT_TRUE(Kept(r, story) && Kept(r, kPara3)) << r.text;
}

TEST(Region, AUsersHeadEndAndFootStartRulesBoundTheText) {
  // A newsletter archive's own markers, in a user's pack: its preamble and
  // its footer go whatever they hold.
  const std::string pack =
      "[[rule]]\nname = \"letter-start\"\ncategory = \"footer\"\nscope = \"head-end\"\nmax_words = 10\n"
      "patterns = ['^begin letter \\d+$']\n\n"
      "[[rule]]\nname = \"letter-end\"\ncategory = \"footer\"\nscope = \"foot-start\"\nmax_words = 10\n"
      "patterns = ['^end letter \\d+$']\n";
  auto rules = std::make_shared<RuleSet>();
  ASSERT_TRUE(rules->AddPack(pack, "letter.toml").ok());
  ASSERT_TRUE(rules->Compile().ok());
  CleanerOptions o;
  o.rules = rules;
  Cleaner c(o);
  const std::string text = std::string("Archived from the list on 3 May, and kept here for the members who asked for it, "
                                       "as the committee agreed at the spring meeting.\nBEGIN LETTER 42\n") +
                           kPara1 + "\n" + kPara2 + "\nEND LETTER 42\n" + kPara3 + "\n";
  auto r = c.Clean(text);
  EXPECT_EQ(r.text, std::string(kPara1) + "\n" + kPara2 + "\n");
}

TEST(Region, AnAppealWrittenAsProseGoesWithItsOpener) {
  Cleaner c;
  auto r = c.Clean(Article({}, {}, {"", "Do you value independent journalism?", "",
                                    "Our reporters have covered this story for years, and we rely on readers like you "
                                    "to keep doing it in the months and years that are still to come.",
                                    "", "Every contribution, however small, makes a real difference to what we can do."}));
  EXPECT_TRUE(Kept(r, kPara3));
  EXPECT_FALSE(Kept(r, "Do you value independent journalism?"));
  EXPECT_FALSE(Kept(r, "Our reporters have covered"));
  EXPECT_FALSE(Kept(r, "Every contribution"));
  size_t region = 0;
  for (const auto& d : r.lines) region += d.reason == LineReason::kRegion;
  EXPECT_EQ(region, 3u);
}

TEST(Region, AnAppealsOpenerIsNoGuidesAdviceNorAPoliceAppeal) {
  // "Before you go" alone or going on to the ask opens the appeal, and so
  // does "We need your support"; a guide's sentence that starts so is its
  // text, as is a police appeal in a story, and the paragraphs under them
  // stay.
  for (const std::string opener :
       {"Before you go...", "Before you go", "Before you go, we have a small favour to ask.",
        "Before you go \xE2\x80\xA6 please consider supporting us", "We need your support.",
        "We rely on readers' support to keep our journalism free to read"}) {
    EXPECT_EQ(DefaultRuleHit(opener), "appeal-opener") << opener;
  }
  EXPECT_EQ(DefaultRuleHit("We need your help to identify this man, a police spokesman said."), "");
  const std::string advice = "Before you go, check that your passport is valid for at least six months.";
  EXPECT_EQ(DefaultRuleHit(advice), "");
  const std::string after =
      "Most museums close on Mondays, so plan your visits for later in the week and book the castle tour ahead.";
  Cleaner c;
  auto r = c.Clean(Article({}, {}, {advice, after}));
  EXPECT_TRUE(Kept(r, advice)) << r.text;
  EXPECT_TRUE(Kept(r, after)) << r.text;
}

TEST(Region, ACommentSectionAfterTheArticleGoes) {
  Cleaner c;
  auto r = c.Clean(Article({}, {}, {"", "3 Comments", "",
                                    "I think that the council should have done this work many years ago, it is a disgrace.",
                                    "Posted by Anna", "",
                                    "The bridge was fine when I crossed it last week, so I do not see why they need to "
                                    "spend so much money on it."}));
  EXPECT_TRUE(Kept(r, kPara3));
  EXPECT_FALSE(Kept(r, "I think that the council"));
  EXPECT_FALSE(Kept(r, "The bridge was fine"));
}

// A comment section under a post, as blogs print it: its heading, then for
// each comment its author, its time, its text and a Reply button, then the
// comment form.
const char* kComment1 =
    "We crossed the old bridge every morning on the way to school, so this is good news for the whole street.";
const char* kComment2 = "Glad it is finally done. It took long enough!";
std::vector<std::string> CommentSection(const std::string& heading) {
  return {"", heading, "", "Maya Lin", "March 5, 2024 at 9:12 am", kComment1, "Reply", "",
          "Tom R.", "March 6, 2024 at 6:40 pm", kComment2, "Reply", "",
          "Leave a Reply", "Your email address will not be published. Required fields are marked *", "Post Comment"};
}

TEST(Region, ReadersCommentsStayWhenAskedAndTheirChromeGoes) {
  CleanerOptions o;
  o.keep_comments = true;
  const Cleaner plain, keep(o);
  for (const std::string heading : {"2 Comments", "2 thoughts on \u201cOld bridge to close for repairs\u201d",
                                    "2 Responses to \"Old bridge to close for repairs\""}) {
    const std::string page = Article({}, {}, CommentSection(heading));
    // By default the section goes whole, as a region.
    auto r = plain.Clean(page);
    EXPECT_TRUE(Kept(r, kPara3)) << heading;
    EXPECT_FALSE(Kept(r, kComment1)) << heading;
    EXPECT_FALSE(Kept(r, kComment2)) << heading;
    // Kept, the comments stay (a sentence of three words and more too)
    // and the rest of the section goes.
    r = keep.Clean(page);
    EXPECT_TRUE(Kept(r, kPara1) && Kept(r, kPara2) && Kept(r, kPara3)) << heading << "\n" << r.text;
    EXPECT_TRUE(Kept(r, kComment1)) << heading << "\n" << r.text;
    EXPECT_TRUE(Kept(r, kComment2)) << heading << "\n" << r.text;
    for (const std::string& chrome : {heading, std::string("Maya Lin"), std::string("at 9:12 am"),
                                     std::string("Reply"), std::string("Tom R."), std::string("Your email"),
                                     std::string("Post Comment")}) {
      EXPECT_FALSE(Kept(r, chrome)) << heading << ": " << chrome << "\n" << r.text;
    }
    // The text is the article, then the comments, each its own paragraph.
    EXPECT_EQ(r.text, std::string(kPara1) + "\n\n" + kPara2 + "\n\n" + kPara3 + "\n\n" + kComment1 + "\n\n" +
                          kComment2 + "\n")
        << heading;
  }
}

TEST(Region, ACommentSectionLongerThanTheStoryGoesByDefault) {
  // A short story under its headline, then a long thread of readers'
  // comments under "Comments are closed": more prose than the story, but
  // the section still goes whole; kept when asked.
  std::string page = "Bridge Reopens After Two Years Of Repairs\n\n" + std::string(kPara1) + "\n\n" + kPara2 + "\n\n" +
                     "Comments are closed for this story.\n\n";
  const std::vector<std::string> comments = {
      "I drove over it this morning and the new surface is much better than the old one, though the traffic lights "
      "at the far end still hold everyone up for far too long at rush hour.",
      "It took two years and cost twice what the council said it would, and nobody has explained why the work "
      "stopped for most of last summer when the weather was perfect for it.",
      "The footpath is wider now, which matters a lot to those of us who walk our children to the school on the "
      "other side of the river every single day of the week.",
      "I would like to know whether the weight limit for lorries has changed, because the old one was ignored by "
      "half the delivery vans that used the bridge as a short cut to the estate.",
  };
  // Two comments to a reader, each on its line.
  for (size_t i = 0; i < comments.size(); i += 2) {
    page += "Reader " + std::to_string(i + 1) + "\n" + comments[i] + "\n" + comments[i + 1] + "\n\n";
  }
  CleanerOptions o;
  o.keep_comments = true;
  const Cleaner plain, keep(o);
  auto r = plain.Clean(page);
  EXPECT_TRUE(Kept(r, kPara1) && Kept(r, kPara2)) << r.text;
  EXPECT_TRUE(Kept(r, "Bridge Reopens After Two Years Of Repairs")) << r.text;
  for (const auto& c : comments) EXPECT_FALSE(Kept(r, c)) << c << "\n" << r.text;
  r = keep.Clean(page);
  EXPECT_TRUE(Kept(r, kPara1) && Kept(r, kPara2)) << r.text;
  for (const auto& c : comments) EXPECT_TRUE(Kept(r, c)) << c << "\n" << r.text;
}

TEST(Region, ACommentsLinkUnderTheBylineOpensNoSectionOverTheStory) {
  // The link to the comments under the byline, a site's blurb of prose
  // above the headline: the story below the link is the main text still.
  const std::string blurb1 =
      "The Valley Herald has covered the towns of the upper valley since 1887 and is owned by its readers.";
  const std::string blurb2 = "Our reporters live in the communities they write about, and we answer every letter.";
  std::string page = blurb1 + "\n" + blurb2 + "\n\nBridge Reopens After Two Years Of Repairs\nBy Ann Lee\n" +
                     "Comments (3)\n\n" + kPara1 + "\n\n" + kPara2 + "\n\n" + kPara3 + "\n";
  Cleaner c;
  auto r = c.Clean(page);
  EXPECT_TRUE(Kept(r, kPara1) && Kept(r, kPara2) && Kept(r, kPara3)) << r.text;
}

TEST(Region, ACommentsHeadingInsideTheStoryEndsNothing) {
  // "Have your say" over the story's own next paragraphs (what residents
  // said, how to comment on the plans; or one of them) and then no more
  // prose, only chrome (buttons, a teaser's title): the heading goes as a
  // line, the paragraphs stay. Under it, readers' comments come with a name or a
  // Reply button above the first or between them and the next: a
  // section, which goes.
  const std::string said =
      "Residents who live near the bridge said they were relieved, though some felt the repairs had taken too long.";
  const std::string more =
      "The council will take written comments on the design until the end of May, and will publish all of them.";
  const std::string later =
      "I asked the council about the ferry last week and nobody could tell me when it would start running again.";
  Cleaner c;
  for (const std::string heading : {"Have your say", "What do you think?", "Comments", "Join the conversation"}) {
    for (const std::vector<std::string>& story :
         {std::vector<std::string>{heading, said, more, "Share this article", "Related Stories",
                                   "Library to open on Sundays"},
          {heading, said, more, "Library to open on Sundays", "Share this article"},
          {heading, said, "Share this article"},
          {heading, said, "Photo: Getty Images", more, "Share this article"},
          {heading, said, "Related", more, "Share this article"},
          // a short sentence of the story right under the heading
          {heading, "Nobody was hurt.", said, more, "Share this article"}}) {
      auto r = c.Clean(Article({}, {}, story));
      EXPECT_TRUE(Kept(r, kPara1) && Kept(r, kPara2) && Kept(r, kPara3)) << heading << "\n" << r.text;
      EXPECT_TRUE(Kept(r, said)) << heading << "\n" << r.text;
      if (story.size() > 3) {
        EXPECT_TRUE(Kept(r, more)) << heading << "\n" << r.text;
      }
      EXPECT_FALSE(Kept(r, heading)) << r.text;
    }
    for (const std::vector<std::string>& thread :
         {std::vector<std::string>{heading, kComment1, "Reply", more}, {heading, kComment1, "Report abuse", more},
          {heading, "Maya Lin", kComment1, more}, {heading, kComment1, more, "Maya Lin", later},
          {heading, kComment1, "Posted by Anna at 9:14 PM", later},
          // a reader's short comment first, then a name over the next
          {heading, "Great article!", kComment1, "Maya Lin", later},
          // a comment's own title, a line with no end
          {heading, "What the people of this town think of the plans for the bridge", kComment1,
           "Share this article"}}) {
      auto r = c.Clean(Article({}, {}, thread));
      EXPECT_TRUE(Kept(r, kPara1) && Kept(r, kPara2)) << heading << "\n" << r.text;
      EXPECT_FALSE(Kept(r, kComment1)) << heading << "\n" << r.text;
    }
  }
  // Two such headings in the story: the one further down is judged
  // first, and it parts nothing for the one above it.
  auto r = c.Clean(Article({}, {}, {"What do you think?", said, "Have your say", more, later, "Share this article"}));
  EXPECT_TRUE(Kept(r, said) && Kept(r, more) && Kept(r, later)) << r.text;
  // A count says it is the section, whatever follows.
  r = c.Clean(Article({}, {}, {"2 Comments", kComment1, more}));
  EXPECT_FALSE(Kept(r, kComment1)) << r.text;
}

TEST(Region, APapersDiscussionSectionIsNoCommentSection) {
  // "Discussion" heads a section of a paper or a report, under a figure's
  // caption: the section is the paper's text, by default and when
  // comments are kept. The comment form's house rules go as a line.
  const std::string page =
      "Earthworms and Water in Restored Grasslands\n\nResults\n" + std::string(kPara1) + "\n" + kPara2 +
      "\nFig. 2: Infiltration rate at each site.\nFull size image\nDiscussion\n" + kPara3 +
      "\nThe effect was strongest on clay soils, where the worms' channels are the only fast way down for water.\n"
      "\nComments\nPlease keep your comments civil and on topic. Comments that break our rules will be removed.\n";
  CleanerOptions o;
  o.keep_comments = true;
  for (const Cleaner& c : {Cleaner(), Cleaner(o)}) {
    auto r = c.Clean(page);
    EXPECT_TRUE(Kept(r, "Discussion")) << r.text;
    EXPECT_TRUE(Kept(r, kPara3)) << r.text;
    EXPECT_TRUE(Kept(r, "The effect was strongest on clay soils")) << r.text;
    EXPECT_FALSE(Kept(r, "Please keep your comments civil")) << r.text;
  }
  EXPECT_EQ(DefaultRuleHit("Please keep your comments civil and on topic."), "comment-guidelines");
  EXPECT_EQ(DefaultRuleHit("NOTE: Please limit your comments to 300 words."), "comment-guidelines");
  EXPECT_EQ(DefaultRuleHit("By posting a comment, you agree to our terms of use."), "comment-guidelines");
  EXPECT_EQ(DefaultRuleHit("There may be a short delay before your comment appears."), "comment-guidelines");
  EXPECT_EQ(DefaultRuleHit("HTML is not allowed in comments."), "comment-guidelines");
  // A story's sentence in the same words stays.
  EXPECT_EQ(DefaultRuleHit("Please keep your distance from the nests, the rangers told visitors."), "");
  EXPECT_EQ(DefaultRuleHit("By posting the letter, you agree to the terms."), "");
}

TEST(Region, KeepingCommentsKeepsNoAppealAndNoCommentsAfterTheSectionEnds) {
  CleanerOptions o;
  o.keep_comments = true;
  const Cleaner keep(o);
  // An appeal's region is no comment section: its prose goes.
  auto r = keep.Clean(Article({}, {}, {"", "Do you value independent journalism?", "",
                                       "Our reporters have covered this story for years, and we rely on readers like "
                                       "you to keep doing it in the months and years that are still to come."}));
  EXPECT_TRUE(Kept(r, kPara3));
  EXPECT_FALSE(Kept(r, "Our reporters have covered"));
  // A teaser list after the comments ends their section: its summaries go.
  std::vector<std::string> tail = CommentSection("2 Comments");
  for (const char* l : {"", "Related Stories", "New bus lane opens on the ring road",
                        "The lane will cut ten minutes from the morning trip into town, the council says.",
                        "Library to open on Sundays from May",
                        "The main library will open from noon to five on Sundays for a trial of six months."}) {
    tail.push_back(l);
  }
  r = keep.Clean(Article({}, {}, tail));
  EXPECT_TRUE(Kept(r, kComment1) && Kept(r, kComment2)) << r.text;
  EXPECT_FALSE(Kept(r, "The lane will cut")) << r.text;
  EXPECT_FALSE(Kept(r, "The main library will open")) << r.text;
}

TEST(Region, CommentsAreKeptInEachLanguagesSection) {
  CleanerOptions o;
  o.keep_comments = true;
  const Cleaner plain, keep(o);
  const std::string comment =
      "Ich fahre jeden Tag mit dem Rad über die Brücke und bin froh, dass die Arbeiten endlich beginnen.";
  std::string page = "Startseite\nPolitik\n\nStadtrat beschließt Sanierung der alten Brücke\n\n";
  for (const char* p :
       {"Der Stadtrat hat am Dienstag beschlossen, die alte Brücke über den Fluss bis zum Herbst des nächsten "
        "Jahres zu sanieren.",
        "Nach Angaben der Verwaltung sind die Schäden an den Pfeilern größer als bisher angenommen, und eine "
        "Sperrung wäre sonst nicht mehr zu vermeiden.",
        "Die Kosten werden auf rund vier Millionen Euro geschätzt, von denen das Land etwa die Hälfte übernehmen "
        "will."}) {
    page += std::string(p) + "\n\n";
  }
  page += "Kommentare (1)\n\nkarl_m\n14.03.2024, 18:02 Uhr\n" + comment + "\n";
  auto r = plain.Clean(page);
  EXPECT_EQ(r.language, "de");
  EXPECT_TRUE(Kept(r, "bis zum Herbst"));
  EXPECT_FALSE(Kept(r, comment));
  r = keep.Clean(page);
  EXPECT_TRUE(Kept(r, "bis zum Herbst"));
  EXPECT_TRUE(Kept(r, comment)) << r.text;
  EXPECT_FALSE(Kept(r, "karl_m")) << r.text;
  EXPECT_FALSE(Kept(r, "Kommentare")) << r.text;
}

// One page in each language winnow has stopwords for besides English: a
// menu, a headline and byline, four paragraphs, teasers and a footer.
struct ForeignPage {
  const char* language;
  std::vector<std::string> menu, head, paragraphs, tail;
};

std::vector<ForeignPage> ForeignPages() {
  return {
      {"de",
       {"Startseite", "Politik", "Wirtschaft", "Sport", "Kultur"},
       {"Stadtrat beschließt Sanierung der alten Brücke", "Von Jana Weber"},
       {"Der Stadtrat hat am Dienstag beschlossen, die alte Brücke über den Fluss bis zum Herbst des nächsten "
        "Jahres zu sanieren.",
        "Nach Angaben der Verwaltung sind die Schäden an den Pfeilern größer als bisher angenommen, und eine "
        "Sperrung wäre sonst nicht mehr zu vermeiden.",
        "Die Kosten werden auf rund vier Millionen Euro geschätzt, von denen das Land etwa die Hälfte übernehmen "
        "will.",
        "Anwohner hatten sich seit Jahren über den Zustand der Brücke beschwert und begrüßten die Entscheidung "
        "des Rates."},
       {"Mehr zum Thema", "Neue Buslinie für den Norden der Stadt", "Impressum", "Datenschutz"}},
      {"fr",
       {"Accueil", "Politique", "Économie", "Sports", "Culture"},
       {"Le conseil municipal vote la rénovation du vieux pont", "Par Claire Martin"},
       {"Le conseil municipal a décidé mardi de rénover le vieux pont sur la rivière avant la fin de l'année "
        "prochaine.",
        "Selon les services de la ville, les dégâts sur les piliers sont plus importants que prévu et une "
        "fermeture ne pourrait plus être évitée.",
        "Le coût des travaux est estimé à quatre millions d'euros, dont la région prendra en charge environ la "
        "moitié.",
        "Les habitants se plaignaient depuis des années de l'état du pont et ont salué la décision des élus."},
       {"À lire aussi", "Une nouvelle ligne de bus pour le nord", "Mentions légales", "Contact"}},
      {"es",
       {"Inicio", "Política", "Economía", "Deportes", "Cultura"},
       {"El ayuntamiento aprueba la reforma del puente viejo", "Por Lucía Fernández"},
       {"El pleno del ayuntamiento aprobó el martes la reforma del puente viejo sobre el río antes del final del "
        "próximo año.",
        "Según los técnicos municipales, los daños en los pilares son mayores de lo que se pensaba y un cierre ya "
        "no se podría evitar.",
        "El coste de las obras se calcula en unos cuatro millones de euros, de los que la región pagará cerca de "
        "la mitad.",
        "Los vecinos se quejaban desde hace años del estado del puente y celebraron la decisión de los concejales."},
       {"Te puede interesar", "Nueva línea de autobús para el norte", "Aviso legal", "Contacto"}},
      {"it",
       {"Home", "Politica", "Economia", "Sport", "Cultura"},
       {"Il consiglio comunale approva il restauro del vecchio ponte", "Di Giulia Rossi"},
       {"Il consiglio comunale ha deciso martedì di restaurare il vecchio ponte sul fiume entro la fine del "
        "prossimo anno.",
        "Secondo i tecnici del comune, i danni ai piloni sono più gravi di quanto si pensasse e una chiusura non "
        "sarebbe più evitabile.",
        "Il costo dei lavori è stimato in circa quattro milioni di euro, di cui la regione pagherà quasi la metà.",
        "Gli abitanti si lamentavano da anni delle condizioni del ponte e hanno accolto con favore la decisione "
        "del consiglio."},
       {"Leggi anche", "Nuova linea di autobus per il nord", "Note legali", "Contatti"}},
      {"nl",
       {"Home", "Politiek", "Economie", "Sport", "Cultuur"},
       {"Gemeenteraad stemt in met herstel van de oude brug", "Door Sanne de Vries"},
       {"De gemeenteraad heeft dinsdag besloten om de oude brug over de rivier voor het einde van volgend jaar "
        "te herstellen.",
        "Volgens de gemeente is de schade aan de pijlers groter dan gedacht en zou een afsluiting anders niet "
        "meer te voorkomen zijn.",
        "De kosten van het werk worden geschat op ongeveer vier miljoen euro, waarvan de provincie de helft wil "
        "betalen.",
        "Bewoners klaagden al jaren over de staat van de brug en waren blij met het besluit van de raad."},
       {"Lees ook", "Nieuwe buslijn voor het noorden", "Privacy", "Contact"}},
      {"pt",
       {"Início", "Política", "Economia", "Desporto", "Cultura"},
       {"Câmara aprova a recuperação da ponte velha", "Por Ana Costa"},
       {"A câmara municipal decidiu na terça-feira recuperar a ponte velha sobre o rio até ao final do próximo "
        "ano.",
        "Segundo os técnicos da autarquia, os danos nos pilares são maiores do que se pensava e um encerramento "
        "já não seria evitável.",
        "O custo das obras está estimado em cerca de quatro milhões de euros, dos quais a região vai pagar quase "
        "metade.",
        "Os moradores queixavam-se há anos do estado da ponte e aplaudiram a decisão dos vereadores."},
       {"Leia também", "Nova linha de autocarro para o norte", "Termos de uso", "Contactos"}},
      {"ru",
       {"Главная", "Новости", "Политика", "Экономика", "Спорт"},
       {"Городской совет одобрил ремонт старого моста", "Автор: Анна Смирнова"},
       {"Городской совет во вторник принял решение отремонтировать старый мост через реку до конца следующего "
        "года.",
        "По словам представителей администрации, повреждения опор оказались серьезнее, чем считалось раньше, и "
        "без ремонта мост пришлось бы закрыть.",
        "Стоимость работ оценивается примерно в четыреста миллионов рублей, и половину этой суммы готов выделить "
        "областной бюджет.",
        "Жители района уже несколько лет жаловались на состояние моста и с радостью встретили решение депутатов."},
       {"Читайте также", "Новая автобусная линия на севере города", "Все права защищены", "Контакты"}},
      {"pl",
       {"Strona główna", "Polityka", "Gospodarka", "Sport", "Kultura"},
       {"Rada miasta zgodziła się na remont starego mostu", "Autor: Anna Kowalska"},
       {"Rada miasta postanowiła we wtorek, że stary most nad rzeką zostanie wyremontowany do jesieni przyszłego "
        "roku.",
        "Według urzędników uszkodzenia filarów są większe, niż sądzono, i bez remontu most trzeba byłoby wkrótce "
        "zamknąć.",
        "Koszt prac oszacowano na około cztery miliony złotych, z czego połowę ma pokryć samorząd województwa.",
        "Mieszkańcy od lat skarżyli się na stan mostu i z zadowoleniem przyjęli decyzję radnych."},
       {"Czytaj także", "Nowa linia autobusowa na północy miasta", "Regulamin", "Kontakt"}},
      {"cs",
       {"Úvod", "Politika", "Ekonomika", "Sport", "Kultura"},
       {"Zastupitelé schválili opravu starého mostu", "Autor: Jana Nováková"},
       {"Městské zastupitelstvo v úterý rozhodlo, že starý most přes řeku bude opraven do podzimu příštího roku.",
        "Podle úředníků jsou poškození pilířů větší, než se předpokládalo, a bez opravy by most musel být brzy "
        "uzavřen.",
        "Náklady na práce se odhadují zhruba na sto milionů korun, z nichž polovinu má zaplatit kraj.",
        "Obyvatelé si na stav mostu stěžovali už několik let a rozhodnutí zastupitelů přivítali."},
       {"Čtěte také", "Nová autobusová linka na severu města", "Ochrana osobních údajů", "Kontakt"}},
      {"sv",
       {"Startsida", "Nyheter", "Ekonomi", "Sport", "Kultur"},
       {"Kommunen renoverar den gamla bron", "Av Anna Svensson"},
       {"Kommunfullmäktige beslutade i tisdags att den gamla bron över ån ska renoveras före hösten nästa år.",
        "Enligt förvaltningen är skadorna på pelarna större än man tidigare trott, och utan en renovering skulle "
        "bron snart behöva stängas.",
        "Kostnaden för arbetet beräknas till omkring fyrtio miljoner kronor, och regionen har lovat att betala "
        "hälften.",
        "De boende har i flera år klagat på brons skick och välkomnade beslutet."},
       {"Läs också", "Ny busslinje i norra delen av staden", "Integritetspolicy", "Kontakt"}},
      {"da",
       {"Forside", "Indland", "Udland", "Sport", "Kultur"},
       {"Byrådet vil renovere den gamle bro", "Af Mette Jensen"},
       {"Byrådet besluttede tirsdag, at den gamle bro over åen skal renoveres inden efteråret næste år.",
        "Ifølge forvaltningen er skaderne på bropillerne større, end man troede, og uden en renovering skulle "
        "broen snart lukkes.",
        "Prisen for arbejdet er anslået til omkring tredive millioner kroner, og regionen har lovet at betale "
        "halvdelen.",
        "Beboerne har i mange år klaget over broens tilstand og er glade for beslutningen."},
       {"Læs også", "Ny buslinje i den nordlige del af byen", "Privatlivspolitik", "Kontakt"}},
      {"nb",
       {"Forsiden", "Nyheter", "Innenriks", "Sport", "Kultur"},
       {"Bystyret vil pusse opp den gamle brua", "Av Ingrid Hansen"},
       {"Bystyret vedtok tirsdag at den gamle brua over elva skal pusses opp før høsten neste år.",
        "Ifølge kommunen er skadene på brupilarene større enn man trodde, og uten en oppussing måtte brua snart "
        "stenges.",
        "Prisen for arbeidet er anslått til rundt tretti millioner kroner, og fylket har lovet å betale "
        "halvparten.",
        "Beboerne har i mange år klaget på tilstanden til brua og er glade for vedtaket."},
       {"Les også", "Ny busslinje i den nordlige delen av byen", "Personvern", "Kontakt"}},
      {"tr",
       {"Ana Sayfa", "Gündem", "Hava Durumu", "Künye"},
       {"Nehir üzerindeki yeni köprü trafiğe açıldı", "Haber: Ayşe Yılmaz"},
       {"Üç yıl süren inşaatın ardından nehir üzerindeki yeni köprü pazartesi günü araçlara ve yayalara resmen "
        "açıldı.",
        "Yaklaşık bir kilometre uzunluğundaki köprü, daha önce yarım saatlik yolculukla ulaşılan iki ilçeyi "
        "birbirine bağlıyor.",
        "Belediye başkanı, projenin planlanandan daha ucuza mal olduğunu ve çalışmaların süresinden önce "
        "bittiğini söyledi.",
        "Vatandaşlar köprü boyunca uzanan yeni bisiklet yolunu da kullanabilecek."},
       {"Bunlar da ilginizi çekebilir", "Şehir merkezindeki depoda yangın", "Gizlilik politikası", "Bize ulaşın"}},
      {"fi",
       {"Etusivu", "Kotimaa", "Ulkomaat", "Urheilu", "Kulttuuri"},
       {"Kaupunki korjaa vanhan sillan", "Teksti: Liisa Virtanen"},
       {"Kaupunginvaltuusto päätti tiistaina, että joen yli kulkeva vanha silta korjataan ensi vuoden syksyyn "
        "mennessä.",
        "Kaupungin mukaan pilareiden vauriot ovat pahempia kuin aiemmin arvioitiin, ja ilman korjausta silta "
        "jouduttaisiin pian sulkemaan.",
        "Työn hinnaksi arvioidaan noin neljä miljoonaa euroa, ja maakunta on luvannut maksaa siitä puolet.",
        "Asukkaat ovat valittaneet sillan kunnosta jo vuosia, ja he ottivat päätöksen ilolla vastaan."},
       {"Lue myös", "Uusi bussilinja kaupungin pohjoisosaan", "Tietosuojaseloste", "Ota yhteyttä"}},
      {"hu",
       {"Címlap", "Belföld", "Külföld", "Sport", "Kultúra"},
       {"Felújítják a régi hidat", "Szerző: Kovács Anna"},
       {"A városi közgyűlés kedden úgy döntött, hogy a folyó feletti régi hidat a jövő év őszéig felújítják.",
        "A város szerint a pillérek sérülései súlyosabbak a vártnál, és felújítás nélkül a hidat hamarosan le "
        "kellene zárni.",
        "A munkálatok költségét mintegy négymilliárd forintra becsülik, amelynek felét a megye fizeti.",
        "A lakók évek óta panaszkodtak a híd állapotára, és örömmel fogadták a képviselők döntését."},
       {"Kapcsolódó cikkek", "Új buszjárat a város északi részén", "Adatvédelem", "Kapcsolat"}},
      {"uk",
       {"Головна", "Новини", "Політика", "Економіка", "Спорт"},
       {"Міська рада ухвалила ремонт старого мосту", "Автор: Олена Коваленко"},
       {"Міська рада у вівторок ухвалила рішення відремонтувати старий міст через річку до осені наступного року.",
        "За словами представників міста, пошкодження опор виявилися серйознішими, ніж вважалося, і без ремонту "
        "міст довелося б незабаром закрити.",
        "Вартість робіт оцінюють приблизно у сто мільйонів гривень, половину з яких обіцяє сплатити область.",
        "Мешканці роками скаржилися на стан мосту і з радістю зустріли це рішення депутатів."},
       {"Читайте також", "Новий автобусний маршрут на півночі міста", "Контакти", "Про нас"}},
  };
}

std::string PageText(const ForeignPage& p) {
  std::string s;
  for (const auto& l : p.menu) s += l + "\n";
  s += "\n";
  for (const auto& l : p.head) s += l + "\n";
  s += "\n";
  for (const auto& l : p.paragraphs) s += l + "\n\n";
  for (const auto& l : p.tail) s += l + "\n";
  return s;
}

TEST(Languages, EachPageIsReadWithItsOwnStopwords) {
  EXPECT_EQ(StopwordLanguages(),
            (std::vector<std::string>{"en", "de", "es", "fr", "it", "nl", "pt", "ru", "pl", "cs", "sv", "da", "nb", "tr", "fi", "hu", "uk"}));
  Cleaner c;
  for (const ForeignPage& p : ForeignPages()) {
    SCOPED_TRACE(p.language);
    auto r = c.Clean(PageText(p));
    EXPECT_EQ(r.language, p.language);
    for (const auto& l : p.paragraphs) EXPECT_TRUE(Kept(r, l)) << l;
    for (const auto& l : p.head) EXPECT_TRUE(Kept(r, l)) << l;
    for (const auto& l : p.menu) EXPECT_FALSE(Kept(r, l + "\n")) << l;
    for (size_t k = 1; k < p.tail.size(); ++k) EXPECT_FALSE(Kept(r, p.tail[k])) << p.tail[k];
  }
}

TEST(Languages, APageInALanguageNotAskedForIsReadBySentenceShape) {
  CleanerOptions o;
  o.languages = {"en"};
  Cleaner english(o);
  o.languages = {"en", "fr"};
  Cleaner english_french(o);
  for (const ForeignPage& p : ForeignPages()) {
    SCOPED_TRACE(p.language);
    // English stopwords make no prose of it; its paragraphs end as
    // sentences do: they are the article, and the menu and a teaser no rule
    // names go by context.
    auto r = english.Clean(PageText(p));
    EXPECT_EQ(r.language, "und");
    for (const auto& l : p.paragraphs) EXPECT_TRUE(Kept(r, l)) << l;
    EXPECT_TRUE(Kept(r, p.head[0]));
    EXPECT_FALSE(Kept(r, p.menu[0] + "\n"));
    EXPECT_FALSE(Kept(r, p.tail[1])) << p.tail[1];
    // Only the languages asked for are candidates (French stopwords make
    // prose of Spanish or Italian: "de", "la", "en", "que").
    const std::string_view l = english_french.Clean(PageText(p)).language;
    if (std::string(p.language) == "fr") {
      EXPECT_EQ(l, "fr");
    } else {
      EXPECT_TRUE(l == "und" || l == "fr") << l;
    }
  }
  EXPECT_TRUE(CheckLanguages({"en", "de"}).ok());
  Status bad = CheckLanguages({"en", "xx"});
  EXPECT_EQ(bad.code(), StatusCode::kInvalidArgument);
  EXPECT_NE(bad.message().find("'xx'"), std::string::npos) << bad.message();
}

// Pages in languages winnow ships no stopwords for: Vietnamese (a word
// of one syllable to a space), Indonesian (all ASCII), Chinese (no spaces
// between words) and Greek.
std::vector<ForeignPage> PagesWithoutStopwords() {
  return {
      {"vi",
       {"Trang chủ", "Thời sự", "Thể thao", "Liên hệ"},
       {"Cây cầu mới bắc qua sông chính thức thông xe", "Nguyễn Thị Lan, 12/3/2025"},
       {"Sau ba năm xây dựng, cây cầu mới bắc qua sông đã chính thức thông xe cho các phương tiện và người đi bộ "
        "vào sáng thứ Hai.",
        "Cây cầu dài gần một cây số nối liền hai quận mà trước đây phải mất nửa giờ di chuyển.",
        "Chủ tịch thành phố cho biết chi phí dự án thấp hơn dự kiến và công trình đã hoàn thành sớm hơn kế hoạch.",
        "Người dân cũng có thể sử dụng làn đường dành cho xe đạp chạy dọc theo cây cầu."},
       {"Tin liên quan", "Cháy nhà kho ở trung tâm thành phố", "Giới thiệu", "Chính sách bảo mật"}},
      {"id",
       {"Beranda", "Berita", "Olahraga", "Kontak"},
       {"Jembatan baru di atas sungai resmi dibuka", "Oleh Sari Wulandari"},
       {"Setelah tiga tahun pembangunan, jembatan baru di atas sungai itu resmi dibuka untuk kendaraan dan pejalan "
        "kaki pada hari Senin.",
        "Jembatan sepanjang hampir satu kilometer ini menghubungkan dua kecamatan yang sebelumnya berjarak setengah "
        "jam perjalanan.",
        "Wali kota mengatakan bahwa biaya proyek ini lebih rendah dari rencana dan pekerjaan selesai lebih cepat.",
        "Warga juga dapat menggunakan jalur sepeda baru yang membentang di sepanjang jembatan tersebut."},
       {"Baca juga", "Kebakaran gudang di pusat kota", "Tentang kami", "Kebijakan privasi"}},
      {"zh",
       {"首页", "新闻", "体育", "财经"},
       {"新大桥正式通车", "记者 王芳 2025年3月12日"},
       {"经过三年的建设，横跨江面的新大桥于周一正式向车辆和行人开放，市民纷纷前来参观。",
        "大桥全长近一公里，连接了两个城区，过去两地之间的车程超过半个小时，如今只需要几分钟。",
        "市长表示，这项工程的花费低于预算，并且比原计划提前两个月完工，为城市节省了大量资金。",
        "桥上还修建了一条自行车道，沿着大桥全程延伸，方便市民骑车出行和锻炼身体。"},
       {"相关阅读", "市中心仓库发生火灾", "关于我们", "隐私政策"}},
      {"el",
       {"Αρχική", "Ειδήσεις", "Αθλητικά", "Επικοινωνία"},
       {"Άνοιξε για την κυκλοφορία η νέα γέφυρα", "Της Μαρίας Παπαδοπούλου"},
       {"Μετά από τρία χρόνια εργασιών, η νέα γέφυρα πάνω από τον ποταμό άνοιξε τη Δευτέρα για αυτοκίνητα και "
        "πεζούς.",
        "Η γέφυρα έχει μήκος σχεδόν ένα χιλιόμετρο και ενώνει δύο συνοικίες που απείχαν μισή ώρα δρόμο.",
        "Ο δήμαρχος τόνισε ότι το έργο κόστισε λιγότερο από ό,τι είχε προβλεφθεί και τελείωσε νωρίτερα.",
        "Οι κάτοικοι μπορούν επίσης να χρησιμοποιούν τον νέο ποδηλατόδρομο που εκτείνεται σε όλο το μήκος της."},
       {"Διαβάστε επίσης", "Φωτιά σε αποθήκη στο κέντρο", "Όροι χρήσης", "Απόρρητο"}},
      {"ja",
       {"ホーム", "ニュース", "スポーツ", "お問い合わせ"},
       {"川に新しい橋が開通", "記者 田中花子 2025年3月12日"},
       {"3年間の工事を経て、川に架かる新しい橋が月曜日に車と歩行者に向けて正式に開通しました。",
        "橋の長さは約1キロで、これまで車で30分以上かかっていた二つの地区を結んでいます。",
        "市長は、工事費用が予算を下回り、予定より2か月早く完成したと説明しました。",
        "橋には自転車道も整備され、市民が通勤や運動に利用できるようになっています。"},
       {"関連記事", "市内の倉庫で火災", "会社概要", "プライバシーポリシー"}},
      {"ar",
       {"الرئيسية", "أخبار", "رياضة", "اتصل بنا"},
       {"افتتاح الجسر الجديد فوق النهر", "بقلم سارة أحمد"},
       {"بعد ثلاث سنوات من العمل، افتُتح الجسر الجديد فوق النهر يوم الاثنين أمام السيارات والمشاة بشكل رسمي.",
        "يبلغ طول الجسر نحو كيلومتر واحد، ويربط بين حيين كانت المسافة بينهما تستغرق نصف ساعة بالسيارة.",
        "وقال رئيس البلدية إن تكلفة المشروع جاءت أقل من الميزانية وإن الأعمال انتهت قبل موعدها المحدد.",
        "كما يمكن للسكان استخدام مسار الدراجات الجديد الذي يمتد على طول الجسر بالكامل."},
       {"اقرأ أيضا", "حريق في مستودع وسط المدينة", "من نحن", "سياسة الخصوصية"}},
      {"hi",
       {"होम", "समाचार", "खेल", "संपर्क"},
       {"नदी पर नया पुल यातायात के लिए खुला", "संवाददाता प्रिया शर्मा"},
       {"तीन साल के निर्माण के बाद नदी पर बना नया पुल सोमवार को वाहनों और पैदल यात्रियों के लिए आधिकारिक रूप से "
        "खोल दिया गया।",
        "पुल की लंबाई लगभग एक किलोमीटर है और यह उन दो इलाकों को जोड़ता है जिनके बीच पहले आधे घंटे का सफर था।",
        "महापौर ने कहा कि परियोजना की लागत अनुमान से कम रही और काम तय समय से पहले पूरा हो गया।",
        "निवासी पुल की पूरी लंबाई में बने नए साइकिल मार्ग का भी उपयोग कर सकते हैं।"},
       {"यह भी पढ़ें", "शहर के केंद्र में गोदाम में आग", "हमारे बारे में", "गोपनीयता नीति"}},
  };
}

TEST(Languages, ASentenceOfTheArticleWithFewStopwordsStays) {
  // Russian has no articles: a paragraph of the story can have one
  // stopword in twelve, too few by the ratio, and it ends the story. Written
  // as a sentence of ten words and more (a capital, a full stop), it stays;
  // the teaser below the story, and a line of the same words without a
  // sentence's end, go.
  const std::string sparse =
      "\u0421\u0442\u043E\u0438\u043C\u043E\u0441\u0442\u044C \u043F\u0440\u043E\u0435\u043A\u0442\u0430 "
      "\u0441\u043E\u0441\u0442\u0430\u0432\u0438\u043B\u0430 \u043E\u043A\u043E\u043B\u043E "
      "\u0447\u0435\u0442\u044B\u0440\u0435\u0445\u0441\u043E\u0442 \u043C\u0438\u043B\u043B\u0438\u043E\u043D\u043E\u0432 "
      "\u0440\u0443\u0431\u043B\u0435\u0439, \u0447\u0430\u0441\u0442\u044C \u0441\u0440\u0435\u0434\u0441\u0442\u0432 "
      "\u0432\u044B\u0434\u0435\u043B\u0438\u043B \u0440\u0435\u0433\u0438\u043E\u043D\u0430\u043B\u044C\u043D\u044B\u0439 "
      "\u0431\u044E\u0434\u0436\u0435\u0442";
  const ForeignPage* ru = nullptr;
  const std::vector<ForeignPage> pages = ForeignPages();
  for (const ForeignPage& p : pages) {
    if (std::string(p.language) == "ru") ru = &p;
  }
  ASSERT_NE(ru, nullptr);
  auto page = [&](const std::string& last) {
    std::string s;
    for (const auto& l : ru->menu) s += l + "\n";
    for (const auto& l : ru->head) s += l + "\n";
    for (const auto& l : ru->paragraphs) s += l + "\n";
    s += last + "\n";
    for (const auto& l : ru->tail) s += l + "\n";
    return s;
  };
  Cleaner c;
  auto r = c.Clean(page(sparse + "."));
  EXPECT_EQ(r.language, "ru");
  EXPECT_TRUE(Kept(r, sparse + ".")) << r.text;
  EXPECT_TRUE(Kept(r, ru->paragraphs[0])) << r.text;
  EXPECT_FALSE(Kept(r, ru->tail[1])) << r.text;
  r = c.Clean(page(sparse));  // no full stop: a label's or a teaser's shape
  EXPECT_FALSE(Kept(r, sparse)) << r.text;  // The story's last line, a short sentence of five words and more with
  // no stopword ("The residents had long asked for a new embankment"), is
  // its close, as a short one with a stopword is in English.
  const std::string close = "\u0416\u0438\u0442\u0435\u043B\u0438 \u0440\u0430\u0439\u043E\u043D\u0430 \u0434\u0430\u0432\u043D\u043E \u043F\u0440\u043E\u0441\u0438\u043B\u0438 \u0431\u043B\u0430\u0433\u043E\u0443\u0441\u0442\u0440\u043E\u0438\u0442\u044C \u043D\u0430\u0431\u0435\u0440\u0435\u0436\u043D\u0443\u044E";
  r = c.Clean(page(close + "."));
  EXPECT_TRUE(Kept(r, close + ".")) << r.text;
  r = c.Clean(page(close));
  EXPECT_FALSE(Kept(r, close)) << r.text;
}

TEST(Languages, AnAdvertisementsCopyThatSpeaksToTheReaderGoesInEachLanguage) {
  // Under an advertisement's label right below the text, the story's last
  // short sentence stays, copy that speaks to the reader ("We send you the
  // best offers every morning.") goes, in the page's own language: in each
  // language of the packs.
  struct Case {
    const char* language;
    std::string heading, story, blurb;
  };
  const std::vector<Case> cases = {
      {"de", "Anzeige", "Verletzt wurde niemand.", "Wir schicken Ihnen jeden Morgen die besten Angebote."},
      {"fr", "Publicit\u00e9", "Personne n'a \u00e9t\u00e9 bless\u00e9.",
       "Nous vous envoyons les meilleures offres chaque matin."},
      {"nl", "Advertentie", "Er raakte niemand gewond bij het ongeluk.", "Wij sturen u elke ochtend de beste aanbiedingen."},
      {"es", "Publicidad", "Nadie result\u00f3 herido en el accidente.", "Nuestras mejores ofertas llegan cada ma\u00f1ana."},
      {"it", "Pubblicit\u00e0", "Nessuno \u00e8 rimasto ferito.", "Le nostre migliori offerte arrivano ogni mattina."},
      {"pt", "Publicidade", "Ningu\u00e9m ficou ferido no acidente.", "As nossas melhores ofertas chegam todas as manh\u00e3s."},
      {"ru", "\u0420\u0435\u043a\u043b\u0430\u043c\u0430",
       "\u041d\u0438\u043a\u0442\u043e \u043d\u0435 \u043f\u043e\u0441\u0442\u0440\u0430\u0434\u0430\u043b.",  // Никто не пострадал.
       "\u041d\u0430\u0448\u0438 \u043b\u0443\u0447\u0448\u0438\u0435 "
       "\u043f\u0440\u0435\u0434\u043b\u043e\u0436\u0435\u043d\u0438\u044f "
       "\u043a\u0430\u0436\u0434\u043e\u0435 \u0443\u0442\u0440\u043e."},  // Наши лучшие предложения каждое утро.
      {"pl", "Reklama", "Nikt nie zosta\u0142 ranny.", "Nasze najlepsze oferty wysy\u0142amy wam co rano."},
      {"cs", "Reklama", "P\u0159i nehod\u011b nikdo nebyl zran\u011bn.",
       "Na\u0161e nejlep\u0161\u00ed nab\u00eddky v\u00e1m po\u0161leme ka\u017ed\u00e9 r\u00e1no."},
      {"sv", "Annons", "Ingen skadades i olyckan.", "V\u00e5ra b\u00e4sta erbjudanden skickas till dig varje morgon."},
      {"da", "Annonce", "Ingen kom til skade i ulykken.", "Vores bedste tilbud sendes til dig hver morgen."},
      {"nb", "Annonse", "Ingen ble skadet i ulykken.", "V\u00e5re beste tilbud sendes til deg hver morgen."},
      {"tr", "Reklam", "Kazada kimse yaralanmad\u0131.", "En iyi f\u0131rsatlar\u0131 her sabah size g\u00f6nderiyoruz."},
      {"fi", "Mainos", "Onnettomuudessa kukaan ei loukkaantunut.", "L\u00e4het\u00e4mme sinulle parhaat tarjoukset joka aamu."},
      {"hu", "Hirdet\u00e9s", "A balesetben senki sem s\u00e9r\u00fclt meg.", "Minden reggel elk\u00fcldj\u00fck \u00f6nnek a legjobb aj\u00e1nlatainkat."},
      {"uk", "Реклама", "Ніхто не постраждав.", "Наші найкращі пропозиції щоранку."},
  };
  Cleaner c;
  for (const Case& k : cases) {
    const ForeignPage* page = nullptr;
    const std::vector<ForeignPage> pages = ForeignPages();
    for (const ForeignPage& p : pages) {
      if (std::string(p.language) == k.language) page = &p;
    }
    ASSERT_NE(page, nullptr) << k.language;
    auto text = [&](const std::string& last) {
      std::string s;
      for (const auto& l : page->menu) s += l + "\n";
      for (const auto& l : page->head) s += l + "\n";
      for (const auto& l : page->paragraphs) s += l + "\n";
      s += k.heading + "\n" + last + "\n";
      for (const auto& l : page->tail) s += l + "\n";
      return s;
    };
    auto r = c.Clean(text(k.story));
    EXPECT_EQ(r.language, k.language);
    EXPECT_TRUE(Kept(r, k.story)) << k.language << "\n" << r.text;
    r = c.Clean(text(k.blurb));
    EXPECT_FALSE(Kept(r, k.blurb)) << k.language << "\n" << r.text;
  }
  EXPECT_EQ(cases.size(), ForeignPages().size());
}

TEST(Languages, ATurkishFinnishOrUkrainianStopwordCountsTwiceInALinesRatio) {
  // Turkish endings do the work of English function words ("köprünün": "of
  // the bridge"), so its list says "#!weight 2": each stopword counts
  // twice, up to the line's words. English ones count once, and so do the
  // words of a set of several languages (for telling them apart).
  const internal::StopwordSet& tr = internal::StopwordsOf({"tr"});
  const std::string line = "Yetkililere göre hasar beklenenden ağır ve onarım gecikirse köprü kapanacak.";  // göre, ve
  EXPECT_EQ(internal::LineWordCounts(line, 2.0, 0, &tr).stopwords, 4);
  EXPECT_EQ(internal::PortableWordCounts(line, 2.0, 0, &tr).stopwords, 4);
  EXPECT_EQ(internal::LineWordCounts(line, 2.0, 0, &internal::StopwordsOf({"tr", "en"})).stopwords, 2);
  EXPECT_EQ(internal::LineWordCounts("bu ve o", 2.0, 0, &tr).stopwords, 3);
  EXPECT_EQ(internal::LineWordCounts("the cat and the dog", 2.0, 0, &internal::StopwordsOf({"en"})).stopwords, 3);
  // A cap (the count the ratio tests need) holds for the weighted count.
  EXPECT_EQ(internal::LineWordCounts(line, 0.25, 0, &tr).stopwords,
            internal::PortableWordCounts(line, 0.25, 0, &tr).stopwords);
  // A story whose sentences have one or two stopwords in a dozen words is
  // read as Turkish, its chaff by the Turkish pack.
  const std::vector<std::string> story = {
      "Belediye meclisi salı günü yaptığı toplantıda eski köprünün onarılmasına karar verdi ve ihale açtı.",
      "Yetkililere göre köprünün ayaklarındaki hasar beklenenden büyük ve onarım gecikirse köprü kapanacak.",
      "Projenin maliyeti yaklaşık dört yüz milyon lira olarak hesaplandı ve masrafın yarısını bakanlık "
      "karşılayacak.",
      "Mahalle sakinleri yıllardır köprünün durumundan şikâyet ediyordu ve kararı sevinçle karşıladı."};
  // A page of `head`, the story's lines and `tail`: read in `language`,
  // every line of the story kept.
  Cleaner c;
  auto read = [&c](const std::string& head, const std::vector<std::string>& lines, const std::string& tail,
                   const std::string& language) {
    std::string page = head;
    for (const auto& l : lines) page += l + "\n";
    CleanResult r = c.Clean(page + tail);
    EXPECT_EQ(r.language, language) << page;
    for (const auto& l : lines) EXPECT_TRUE(Kept(r, l)) << l;
    return r;
  };
  auto r = read("Gündem\nEkonomi\nSpor\nEski köprü onarılacak\nHaberi dinle\n", story, "Etiketler:\nköprü\n", "tr");
  EXPECT_FALSE(Kept(r, "Haberi dinle")) << r.text;
  // So is Finnish, whose cases do the same: a match report of two
  // stopwords in a dozen words is Finnish, its tags' label the pack's.
  const std::vector<std::string> report = {
      "Ottelun ensimmäinen maali syntyi jo kolmannella minuutilla, kun kapteeni laukoi pallon verkkoon.",
      "Kotijoukkue tasoitti toisella jaksolla, mutta vieraat ratkaisivat pelin aivan viimeisellä minuutilla.",
      "Vieraiden valmentaja kiitti joukkuetta ja kertoi olevansa tyytyväinen pelaajien taisteluun kentällä."};
  const std::string sport = "Urheilu\nJalkapallo\nTulokset\nVieraat voittivat viime hetkellä\n";
  read(sport, report, "Avainsanat:\njalkapallo\n", "fi");
  // Its closing sentence of four words and no stopword stays too.
  r = read(sport, report, "Joukkueet kohtaavat uudelleen lauantaina.\nAvainsanat:\njalkapallo\nJaa Facebookissa\n", "fi");
  EXPECT_TRUE(Kept(r, "Joukkueet kohtaavat uudelleen lauantaina.")) << r.text;
  EXPECT_FALSE(Kept(r, "Jaa Facebookissa")) << r.text;
  // And Ukrainian: a product's description of two stopwords in a dozen
  // words is Ukrainian, its shop's buttons the pack's.
  const std::vector<std::string> product = {
      "Чайник об'ємом півтора літра закипає за кілька хвилин і сам вимикається після закипання.",
      "Скляна колба з підсвіткою показує рівень води, а знімний фільтр затримує накип у носику.",
      "Корпус не нагрівається, тому чайник безпечний для всієї родини."};
  r = read("Головна\nКаталог\nЕлектричний чайник зі скляною колбою\nДодати в кошик\nВ наявності\n", product,
           "Додати в обране\nСхожі товари\n", "uk");
  EXPECT_FALSE(Kept(r, "Додати в кошик")) << r.text;
  EXPECT_FALSE(Kept(r, "В наявності")) << r.text;
}

TEST(Languages, AHeadlinesWordsMeetTheLeadsInAnotherEnding) {
  // A recipe's title over three lines of times and servings (the head's
  // lines run out before the title): its words come back in the lead with
  // other endings ("Peynirli Poğaça" / "peynirli poğaçaları"). Compared by their
  // first letters, they make the title the article's.
  const std::string page =
      "Tarifler\nHamur İşleri\nTatlılar\nKolay Peynirli Poğaça\nHazırlık: 20 dakika\nPişirme: 40 dakika\n"
      "6 kişilik\n"
      "Misafir geldiğinde hemen hazırlayabileceğiniz bu peynirli poğaçaları annemden öğrendim ve çok severim.\n"
      "Malzemeler\n3 adet yufka\n1 bağ ıspanak\n200 gram beyaz peynir\n1 su bardağı süt\nYapılışı\n"
      "Ispanağı ince ince doğrayın, peyniri ezin ve ikisini bir kapta iyice karıştırın.\n"
      "Yufkaları sütle ıslatıp aralarına harcı yayın, sonra kızarana kadar fırında pişirin.\n"
      "Yazdır\nPaylaş\nBunlar da ilginizi çekebilir\nPatatesli börek\n";
  Cleaner c;
  auto r = c.Clean(page);
  EXPECT_EQ(r.language, "tr");
  EXPECT_TRUE(Kept(r, "Kolay Peynirli Poğaça")) << r.text;
  EXPECT_FALSE(Kept(r, "Tatlılar")) << r.text;
  EXPECT_FALSE(Kept(r, "Patatesli")) << r.text;
}

TEST(Languages, APageThatSharesEnglishsArticleIsReadInItsOwnLanguage) {
  // Hungarian's article "a" is an English stopword too: by English
  // stopwords alone, each of these lines is a quarter stopwords, prose. Its
  // many accented letters say the page may be in another language, and by
  // its distinct stopwords it is Hungarian, prose by those too.
  const std::vector<std::string> report = {
      "A mérkőzés első gólja már a harmadik percben megszületett, amikor a csapatkapitány a kapuba lőtt.",
      "A hazai csapat a második félidőben egyenlített, de a vendégek az utolsó percben eldöntötték a meccset.",
      "Az edző a találkozó után a játékosok küzdelmét és a szurkolók biztatását is megdicsérte."};
  std::string page = "Sport\nLabdarúgás\nEredmények\nAz utolsó percben dőlt el a rangadó\n";
  for (const auto& l : report) page += l + "\n";
  Cleaner c;
  auto r = c.Clean(page + "Címkék:\nlabdarúgás\n");
  EXPECT_EQ(r.language, "hu");
  for (const auto& l : report) EXPECT_TRUE(Kept(r, l)) << l;
  EXPECT_FALSE(Kept(r, "Címkék")) << r.text;
  // An English page with a few accented names and curly quotes stays
  // English.
  r = c.Clean("News\nCafé owner wins award\nJosé Núñez, who opened the café on Mill Lane in 2009, said he was "
              "\u201cdelighted\u201d by the award and would share it with his staff.\n"
              "The judges praised the café\u2019s breakfasts and the way it had become a meeting place for the "
              "whole street.\n");
  EXPECT_EQ(r.language, "en");
}

TEST(Languages, APageInALanguageWithoutStopwordsIsReadBySentenceShape) {
  Cleaner c;
  for (const ForeignPage& p : PagesWithoutStopwords()) {
    SCOPED_TRACE(p.language);
    auto r = c.Clean(PageText(p));
    EXPECT_EQ(r.language, "und");
    for (const auto& l : p.paragraphs) EXPECT_TRUE(Kept(r, l)) << l;
    for (const auto& l : p.head) EXPECT_TRUE(Kept(r, l)) << l;
    for (const auto& l : p.menu) EXPECT_FALSE(Kept(r, l + "\n")) << l;
    for (const auto& l : p.tail) EXPECT_FALSE(Kept(r, l)) << l;
  }
  // An English page of prose stays English, and one without a line of
  // prose or a sentence (a menu) is not read by shape: nothing to go by.
  EXPECT_EQ(c.Clean(Article({}, {}, {})).language, "en");
  auto menu = c.Clean("Gardens\nKitchens\nBathrooms\nLighting\n");
  EXPECT_EQ(menu.language, "en");
  EXPECT_EQ(menu.removed_lines, 0u);
}

TEST(LineWords, AWordOfAnUnspacedScriptIsAboutTwoCharacters) {
  // Words are WordUnits only where no stopword list fits: a Chinese line of
  // 35 characters between its commas and full stop is 18 units, the shape of
  // a sentence.
  CleanerOptions o;
  o.languages = {"en"};
  Cleaner c(o);
  const std::string line = "经过三年的建设，横跨江面的新大桥于周一正式向车辆和行人开放，市民纷纷前来参观。";
  auto r = c.Clean("首页\n新闻\n\n" + line + "\n" + line.substr(0, line.size() - 3) + "又一次。\n\n更多\n");
  EXPECT_EQ(r.language, "und");
  ASSERT_EQ(r.lines.size(), 8u);  // the last is the empty one after the final newline
  EXPECT_EQ(r.lines[3].words, 18);
  EXPECT_TRUE(r.lines[3].keep);
  EXPECT_FALSE(r.lines[0].keep);
  EXPECT_FALSE(r.lines[6].keep);
}

TEST(Languages, AStopwordOutsideAsciiCountsCapitalizedAtASentencesStart) {
  // The count paths lower ASCII only: a stopword whose first letter is not
  // ASCII is entered capitalized too ("Że", "Už", "Även", "Это"), by
  // utf8proc's upper case of that letter.
  auto stopwords = [](const std::string& line, const std::string& language) {
    return internal::LineWordCounts(line, 2.0, 0, &internal::StopwordsOf({language})).stopwords;
  };
  EXPECT_EQ(stopwords("Że już idzie", "pl"), 2);
  EXPECT_EQ(stopwords("Už je to tady", "cs"), 4);
  EXPECT_EQ(stopwords("Även om det regnar", "sv"), 3);
  EXPECT_EQ(stopwords("\u042d\u0442\u043e \u0438 \u0435\u0441\u0442\u044c", "ru"), 3);  // "Это и есть"
  EXPECT_EQ(stopwords("\u00dcber alles", "de"), 2);  // "Über alles"
  // Only a first letter: a capital outside ASCII later in the word stays
  // one ("JUŻ" is no stopword; "ŻE" is, its E lowered as ASCII).
  EXPECT_EQ(stopwords("JUŻ", "pl"), 0);
  EXPECT_EQ(stopwords("ŻE", "pl"), 1);
}

TEST(Languages, AnEnglishPageIsEnglishThoughAForeignWordRecursInItsMenu) {
  // "Las" on every menu line is one Spanish stopword however often it
  // recurs; the article's English ones are many.
  std::string menu;
  for (const char* place : {"Homes", "Condos", "Golf Homes", "Luxury Homes", "Rentals", "Schools", "Parks",
                            "Restaurants", "Hotels", "Events", "Weather", "Maps"}) {
    menu += std::string("Las Vegas ") + place + "\n";
  }
  Cleaner c;
  auto r = c.Clean(menu + "\n" + Article({}, {}, {}));
  EXPECT_EQ(r.language, "en");
  EXPECT_TRUE(Kept(r, kPara1));
  EXPECT_FALSE(Kept(r, "Las Vegas Golf Homes"));
  const internal::StopwordSet& all = internal::StopwordsOf({});
  EXPECT_EQ(internal::RecordLanguage(menu + kPara1, all), 0u);
  EXPECT_EQ(internal::RecordLanguage("las las las las las las las las las las", all), 2u);  // es
  EXPECT_EQ(internal::RecordLanguage("", all), 0u);
}

TEST(Languages, EachDefaultPackNamesItsLanguagesChaff) {
  // LoadRules adds the default packs without compiling each pattern alone:
  // here every pattern of every one is checked as a user's pack would be.
  for (const auto& [language, toml] : RuleSet::DefaultPacks()) {
    RuleSet one;
    Status st = one.AddPack(toml, "<default:" + language + ">");
    EXPECT_TRUE(st.ok()) << st.message();
    EXPECT_FALSE(one.rules().empty()) << language;
    for (const Rule& r : one.rules()) EXPECT_EQ(r.language, language == "en" ? "" : language) << r.name;
  }
  auto hit = [](const std::string& line, const std::string& language) { return DefaultRuleHit(line, language); };
  const std::vector<std::pair<std::string, std::string>> chaff = {
      {"Startseite", "navigation-de"},       {"Seite 2 von 5", "navigation-de"},
      {"Artikel teilen", "share-follow-de"}, {"Jetzt Newsletter abonnieren", "subscribe-de"},
      {"12 Kommentare", "comment-section-de"}, {"Anzeige", "story-continues-de"},
      {"Mehr zum Thema", "teaser-heading-de"}, {"Foto: Max Muster / dpa", "image-credit-de"},
      {"Alle Rechte vorbehalten.", "copyright-de"}, {"Diese Website verwendet Cookies.", "cookie-consent-de"},
      {"Se connecter", "navigation-fr"},     {"Partager sur Facebook", "share-follow-fr"},
      {"Abonnez-vous à notre newsletter", "subscribe-fr"}, {"Laisser un commentaire", "comment-section-fr"},
      {"Publicité", "story-continues-fr"},     {"À lire aussi", "teaser-heading-fr"},
      {"Crédit photo : Jean Dupont", "image-credit-fr"}, {"Tous droits réservés", "copyright-fr"},
      {"Inicio", "navigation-es"},           {"Síguenos en Twitter", "share-follow-es"},
      {"Publicidad", "story-continues-es"},    {"Lo más leído", "site-lists-es"},
      {"Todos los derechos reservados", "copyright-es"},
      {"Accedi", "navigation-it"},           {"Condividi su WhatsApp", "share-follow-it"},
      {"Leggi anche", "teaser-heading-it"},  {"Tutti i diritti riservati", "copyright-it"},
      {"Voorpagina", "navigation-nl"},       {"Lees ook", "teaser-heading-nl"},
      {"Advertentie", "story-continues-nl"},   {"Alle rechten voorbehouden", "copyright-nl"},
      {"Leia também", "teaser-heading-pt"},  {"Partilhar no Facebook", "share-follow-pt"},
      {"Todos os direitos reservados", "copyright-pt"},
      {"Главная", "navigation-ru"},          {"Поделиться в Telegram", "share-follow-ru"},
      {"Читайте также", "teaser-heading-ru"}, {"Оставьте комментарий", "comment-section-ru"},
      {"Реклама", "story-continues-ru"},        {"Фото: Иван Петров", "image-credit-ru"},
      {"© 2025 Газета. Все права защищены.", "copyright"},  // the English rule matches first
      {"Все права защищены", "copyright-ru"},
      // a newsletter box's pitch and field
      {"Die wichtigsten Nachrichten, jeden Morgen in Ihrem Postfach.", "subscribe-de"},
      {"E-Mail-Adresse", "subscribe-de"},
      {"L'essentiel de l'actualité, chaque matin dans votre boîte mail.", "subscribe-fr"},
      {"Adresse e-mail", "subscribe-fr"},
      {"Lo mejor del día, cada mañana en tu bandeja de entrada.", "subscribe-es"},
      {"Le notizie del giorno, ogni mattina nella tua casella di posta.", "subscribe-it"},
      {"Het belangrijkste nieuws, elke ochtend in je inbox.", "subscribe-nl"},
      {"As principais notícias, todas as manhãs no seu e-mail.", "subscribe-pt"},
      {"Главные новости дня, каждое утро на вашу почту.", "subscribe-ru"},
      {"Recibe cada ma\u00f1ana las noticias m\u00e1s importantes en tu correo", "subscribe-es"},
      {"Bolet\u00edn diario", "subscribe-es"},
      {"Ogni mattina le notizie pi\u00f9 importanti nella tua casella di posta", "subscribe-it"},
      {"Receba todas as manh\u00e3s as not\u00edcias mais importantes no seu e-mail", "subscribe-pt"},
      {"Elke ochtend het belangrijkste nieuws uit de regio in je mailbox", "subscribe-nl"},
      {"Nieuwsbrief", "subscribe-nl"},
      {"Chaque matin, l\u2019essentiel de l\u2019actualit\u00e9 dans votre bo\u00eete mail", "subscribe-fr"},
      {"Jeden Morgen die wichtigsten Nachrichten in Ihrem Postfach", "subscribe-de"},
      // an audio player above the story, and a paywall's notice with its count
      {"Artikel hören", "page-tools-de"},    {"Player wird geladen", "page-tools-de"},
      {"Cet article est réservé aux abonnés. Il vous reste 80% à découvrir.", "subscribe-fr"},
      // a site's own list of its most watched or most commented
      {"Meistgesehen", "site-lists-de"},     {"Lo más visto", "site-lists-es"},
      {"Les plus vus", "site-lists-fr"},     {"Più visti", "site-lists-it"},
      {"Meest bekeken", "site-lists-nl"},    {"Mais comentados", "site-lists-pt"},
      {"Самое обсуждаемое", "site-lists-ru"},
      // an ad break that says the story goes on below it
      {"Der Artikel wird unter der Anzeige fortgesetzt", "story-continues-de"},
      {"Weiterlesen nach der Anzeige", "story-continues-de"},
      {"La suite après cette publicité", "story-continues-fr"},
      {"Publicidad - Sigue leyendo debajo", "story-continues-es"},
      {"Continua a leggere sotto", "story-continues-it"},
      // a caption's label
      {"Bildunterschrift: Die alte Br\u00fccke im Jahr 1990", "image-credit-de"},
      {"L\u00e9gende : le vieux pont en 1990", "image-credit-fr"},
      {"Pie de foto: el puente viejo en 1990", "image-credit-es"},
      {"Didascalia: il vecchio ponte nel 1990", "image-credit-it"},
      {"Legenda: a ponte velha em 1990", "image-credit-pt"},
      {"Bijschrift: de oude brug in 1990", "image-credit-nl"},
      {"\u041f\u043e\u0434\u043f\u0438\u0441\u044c: \u0441\u0442\u0430\u0440\u044b\u0439 \u043c\u043e\u0441\u0442", "image-credit-ru"},
      // a post's tags' label, as a blog prints it under the text
      {"Schlagwörter:", "navigation-de"},    {"Étiquettes :", "navigation-fr"},
      {"Etiquetas:", "navigation-es"},       {"Etichette:", "navigation-it"},
      {"Trefwoorden:", "navigation-nl"},     {"Palavras-chave:", "navigation-pt"},
      {"Метки:", "navigation-ru"},           {"Tagi:", "navigation-pl"},
      {"Štítky:", "navigation-cs"},          {"Taggar:", "navigation-sv"},
      {"Emneord:", "navigation-da"},         {"Stikkord:", "navigation-nb"},
      {"Etiketler:", "navigation-tr"},       {"Avainsanat:", "navigation-fi"},
      {"Címkék:", "navigation-hu"},          {"Мітки:", "navigation-uk"},
      // a small site's "About us" / "About me" in its menu
      {"Über uns", "navigation-de"},         {"À propos", "navigation-fr"},
      {"Quiénes somos", "navigation-es"},    {"Chi siamo", "navigation-it"},
      {"Over mij", "navigation-nl"},         {"Sobre nós", "navigation-pt"},
      {"Обо мне", "navigation-ru"},
      // a pitch under the story, and a paywall's one-device notice
      {"Möchten Sie mehr Artikel wie diesen lesen?", "subscribe-de"},
      {"Envie de lire plus d’articles comme celui-ci ?", "subscribe-fr"},
      {"Vous pouvez lire Le Quotidien sur un seul appareil à la fois", "subscribe-fr"},
      {"Ce message s’affichera sur l’autre appareil.", "subscribe-fr"},
      {"¿Quieres leer más artículos como este?", "subscribe-es"},
      {"Vuoi leggere altri articoli come questo?", "subscribe-it"},
      {"Gostaria de ler mais artigos como este?", "subscribe-pt"},
      // the packs of Polish, Czech and Swedish
      {"Strona główna", "navigation-pl"},    {"Udostępnij na Facebooku", "share-follow-pl"},
      {"Zapisz się do newslettera", "subscribe-pl"}, {"Komentarze (12)", "comment-section-pl"},
      {"Reklama", "story-continues-pl"},     {"Czytaj także", "teaser-heading-pl"},
      {"Najczęściej czytane", "site-lists-pl"}, {"Fot. PAP / Jan Nowak", "image-credit-pl"},
      {"Wszelkie prawa zastrzeżone", "copyright-pl"},
      {"Ta strona korzysta z plików cookies.", "cookie-consent-pl"},
      {"Twój adres e-mail nie zostanie opublikowany.", "comment-form-pl"},
      {"Hlavní strana", "navigation-cs"},    {"Sdílet na Facebooku", "share-follow-cs"},
      {"Diskuse (34)", "comment-section-cs"}, {"Reklama", "story-continues-cs"},
      {"Přečtěte si také", "teaser-heading-cs"}, {"Nejčtenější", "site-lists-cs"},
      {"Foto: ČTK", "image-credit-cs"},      {"Všechna práva vyhrazena", "copyright-cs"},
      {"Tento web používá soubory cookies.", "cookie-consent-cs"},
      {"Startsida", "navigation-sv"},        {"Dela på Facebook", "share-follow-sv"},
      {"Prenumerera på vårt nyhetsbrev", "subscribe-sv"}, {"3 kommentarer", "comment-section-sv"},
      {"Annons", "story-continues-sv"},      {"Läs också", "teaser-heading-sv"},
      {"Mest läst", "site-lists-sv"},        {"Foto: Lars Berg/TT", "image-credit-sv"},
      {"Alla rättigheter förbehållna", "copyright-sv"},
      {"Vi använder cookies för att förbättra din upplevelse.", "cookie-consent-sv"},
  };
  for (const auto& [line, rule] : chaff) {
    // A pack applies to records in its language; English rules to every one.
    const size_t dash = rule.rfind('-');
    const std::string language = dash != std::string::npos && rule.size() - dash == 3 ? rule.substr(dash + 1) : "";
    EXPECT_EQ(hit(line, language), rule) << line;
    if (!language.empty()) {
      EXPECT_EQ(hit(line, ""), "") << line;
      EXPECT_EQ(hit(line, "en"), "") << line;
    }
  }
  EXPECT_EQ(hit("\xC2\xA9 2025 Le Quotidien", "fr"), "copyright");
  // On an English page a line spelt like a foreign label (a section, a
  // menu) is left to context; on a French one it goes.
  for (const std::string line : {"Culture", "Opinions", "Sciences"}) {
    EXPECT_EQ(hit(line, "en"), "") << line;
    EXPECT_EQ(hit(line, "fr"), "navigation-fr") << line;
  }
  // Sentences that use the words hit nothing; nor does a source line.
  EXPECT_EQ(hit("Die Anzeige wurde am Montag bei der Polizei erstattet, teilte die Behörde mit.", "de"), "");
  // "Kommentar" alone is an opinion piece's label in German, not the
  // readers' section; with a count it is theirs.
  EXPECT_EQ(hit("Kommentar", "de"), "");
  EXPECT_EQ(hit("1 Kommentar", "de"), "comment-section-de");
  EXPECT_EQ(hit("Kommentar (3)", "de"), "comment-section-de");
  EXPECT_EQ(hit("Kommentare", "de"), "comment-section-de");
  EXPECT_EQ(hit("Le conseil a voté pour partager les coûts avec la région.", "fr"), "");
  EXPECT_EQ(hit("Source : Agence de l'environnement", "fr"), "");
  // A story's sentence about a mailbox is no newsletter's pitch: the pitch
  // ends on the mailbox.
  EXPECT_EQ(hit("Die Polizei warnt vor falschen Rechnungen in Ihrem Postfach.", "de"), "");
  EXPECT_EQ(hit("Die Polizei warnt, dass falsche Rechnungen in Ihrem Postfach landen.", "de"), "");
  EXPECT_EQ(hit("La police prévient que, dans votre boîte mail, de fausses factures circulent.", "fr"), "");
  EXPECT_EQ(hit("Cada mañana llegan facturas falsas, avisa la policía.", "es"), "");
  EXPECT_EQ(hit("Elke ochtend fietst hij naar het station, zegt zijn buurman.", "nl"), "");
  // A sentence that opens with a label's words is no label; a longer word
  // that opens with one is no word of it (\b is ASCII in RE2: the packs
  // bound words outside ASCII by letter classes).
  EXPECT_EQ(hit("Udostępnij na Facebooku zdjęcia z wakacji, zachęca urząd.", "pl"), "");
  EXPECT_EQ(hit("Pobierz naszą aplikację", "pl"), "subscribe-pl");
  EXPECT_EQ(hit("Pobierz naszą aplikacjęmobilną", "pl"), "");
  EXPECT_EQ(hit("Foto: ČTK", "cs"), "image-credit-cs");
  EXPECT_EQ(hit("Fotografie z výstavy visí v hale do konce měsíce.", "cs"), "");
  EXPECT_EQ(hit("Dela på Facebook-sidan räcker inte, säger kommunen.", "sv"), "");
}

// The chaff of newer pages in each language winnow has a pack for, alone
// between the first two paragraphs of that language's page: audio players,
// reading times, paywalls, link buttons, app prompts, privacy controls, ad
// breaks, paging and login walls. Each goes and every paragraph stays; a
// sentence of the article that starts with the same words stays too.
TEST(Languages, TheChaffOfNewerPagesGoesInEachLanguage) {
  const std::map<std::string, std::vector<std::string>> chaff = {
      {"de",
       {"Artikel anhören", "Lesezeit: 4 Min.", "Link kopiert", "Jetzt weiterlesen mit SZ Plus",
        "Dieser Artikel ist nur für Abonnenten verfügbar.", "Jetzt die App herunterladen", "Datenschutz-Einstellungen",
        "Anzeige – Weiterlesen nach der Anzeige", "Weitere Artikel laden", "Zum Kommentieren bitte anmelden",
        "Code kopieren", "War diese Seite hilfreich?", "In den Warenkorb", "4,6 von 5 Sternen", "Kostenloser Versand ab 29 €",
        "Bei Apple Podcasts anhören", "Laden im App Store", "Tickets kaufen", "Jetzt bewerben", "Stelle merken",
        "Lesen Sie auch: Neue Radwege für die Innenstadt",
        // a wiki page's chrome
        "aus Wikipedia, der freien Enzyklopädie", "Inhaltsverzeichnis", "Quelltext bearbeiten", "Abgerufen von \u201Ehttps://de.example.org/w/index.php?title=Br%C3%BCcke&oldid=12\u201C", "Diese Seite wurde zuletzt am 3. März 2025 um 10:15 Uhr bearbeitet."}},
      {"fr",
       {"Écouter cet article", "3 min de lecture", "Copier le lien", "Il vous reste 75% de cet article à lire.",
        "Article réservé à nos abonnés", "Téléchargez notre application", "Gérer mes préférences",
        "Publicité - Faites défiler pour continuer", "Charger plus d'articles", "Connectez-vous pour commenter",
        "Copier le code", "Cette page vous a-t-elle été utile ?", "Ajouter au panier", "Rupture de stock", "Livraison gratuite dès 35 €",
        "Écouter sur Spotify", "Disponible sur Google Play", "Réserver maintenant", "Ajouter à mon agenda", "Postuler à cette offre",
        "Lire aussi\xC2\xA0: Le budget de la ville adopté",
        // a wiki page's chrome
        "Un article de Wikipédia, l'encyclopédie libre.", "Sommaire", "Voir l'historique", "Ce document provient de \u00AB https://fr.example.org/w/index.php?title=Pont&oldid=12 \u00BB.", "La dernière modification de cette page a été faite le 3 mars 2025 à 10:15."}},
      {"es",
       {"Escuchar este artículo", "Tiempo de lectura: 3 min", "Enlace copiado", "Suscríbete para seguir leyendo",
        "Este contenido es exclusivo para suscriptores", "Descarga nuestra app", "Configuración de privacidad",
        "Publicidad - Sigue leyendo debajo", "Cargar más noticias", "Debes iniciar sesión para comentar",
        "Copiar código", "¿Te ha resultado útil esta página?", "Añadir al carrito", "Formulada hace 6 años", "Mejora esta respuesta",
        "Escuchar en Spotify", "Disponible en Google Play", "Comprar entradas", "Añadir al calendario", "Inscribirme en esta oferta",
        "Lea también: El ayuntamiento aprueba el presupuesto",
        // a wiki page's chrome
        "De Wikipedia, la enciclopedia libre", "Índice", "Ver historial", "Obtenido de \u00ABhttps://es.example.org/w/index.php?title=Puente&oldid=12\u00BB", "Esta página se editó por última vez el 3 mar 2025 a las 10:15."}},
      {"it",
       {"Ascolta l'articolo", "3 min di lettura", "Link copiato", "Abbonati per continuare a leggere",
        "Questo contenuto è riservato agli abbonati", "Scarica la nostra app", "Gestisci le preferenze",
        "Pubblicità - Continua a leggere sotto", "Carica altri articoli", "Accedi per commentare",
        "Copia codice", "Questa pagina ti è stata utile?", "Aggiungi al carrello", "4,6 su 5 stelle", "Scarica PDF",
        "Ascolta su Spotify", "Disponibile su Google Play", "Prenota ora", "Aggiungi al calendario", "Candidati ora",
        "Leggi anche: Approvato il bilancio del comune",
        // a wiki page's chrome
        "Da Wikipedia, l'enciclopedia libera.", "Indice", "Modifica wikitesto", "Estratto da \u00ABhttps://it.example.org/w/index.php?title=Ponte&oldid=12\u00BB", "Questa pagina è stata modificata per l'ultima volta il 3 mar 2025 alle 10:15."}},
      {"nl",
       {"Luister naar dit artikel", "Leestijd: 3 minuten", "Link gekopieerd", "Word abonnee om verder te lezen",
        "Dit artikel is alleen voor abonnees", "Download de app", "Cookie-instellingen",
        "Advertentie - scroll om verder te lezen", "Meer laden", "Log in om te reageren",
        "Code kopiëren", "Was deze pagina nuttig?", "In winkelwagen", "Gratis verzending vanaf € 20", "312 beoordelingen",
        "Luister op Spotify", "Download in de App Store", "Koop je tickets", "Toevoegen aan agenda", "Solliciteer direct",
        "Lees ook: Gemeente keurt begroting goed",
        // a wiki page's chrome
        "Uit Wikipedia, de vrije encyclopedie", "Inhoud", "Brontekst bewerken", "Overgenomen van \u2018https://nl.example.org/w/index.php?title=Brug&oldid=12\u2019", "Deze pagina is voor het laatst bewerkt op 3 mrt 2025 om 10:15."}},
      {"pt",
       {"Ouvir este artigo", "Tempo de leitura: 3 min", "Link copiado", "Assine para continuar lendo",
        "Conteúdo exclusivo para assinantes", "Baixe o nosso app", "Configurações de privacidade",
        "Continua após a publicidade", "Carregar mais", "Faça login para comentar",
        "Copiar código", "Esta página foi útil?", "Adicionar ao carrinho", "Vista 412 mil vezes", "Compartilhar Melhore esta resposta Seguir",
        "Ouça no Spotify", "Disponível no Google Play", "Compre seus ingressos", "Adicionar ao calendário", "Candidate-se agora",
        "Leia também: Câmara aprova orçamento da cidade",
        // a wiki page's chrome
        "Origem: Wikipédia, a enciclopédia livre.", "Índice", "Ver histórico", "Obtida de \"https://pt.example.org/w/index.php?title=Ponte&oldid=12\"", "Esta página foi editada pela última vez às 10h15min de 3 de março de 2025."}},
      {"ru",
       {"Слушать статью", "Время чтения: 3 минуты", "Ссылка скопирована", "Подпишитесь, чтобы читать дальше",
        "Этот материал доступен только подписчикам", "Скачайте наше приложение", "Настройки конфиденциальности",
        "Продолжение после рекламы", "Показать ещё", "Нашли ошибку? Выделите её и нажмите Ctrl+Enter",
        "Войдите, чтобы оставить комментарий",
        "Копировать код", "Была ли эта страница полезной?", "В корзину", "Просмотрен 412k раз", "Поделиться Улучшить этот ответ Отслеживать", "задан 3 мар 2018 в 9:14",
        "Слушать на Яндекс Музыке", "Загрузите в App Store", "Купить билеты", "Добавить в календарь", "Откликнуться на вакансию",
        "Читайте также: Городской бюджет принят",
        // a wiki page's chrome
        "Материал из Википедии \u2014 свободной энциклопедии", "Содержание", "Править код", "Источник \u2014 https://ru.example.org/w/index.php?title=Мост&oldid=12", "Эта страница в последний раз была отредактирована 3 марта 2025 в 10:15."}},
      {"pl",
       {"Posłuchaj artykułu", "Czas czytania: 3 min", "Link skopiowany", "Ten artykuł jest dostępny tylko dla subskrybentów",
        "Pobierz naszą aplikację", "Ustawienia prywatności", "Dalsza część artykułu pod reklamą", "Załaduj więcej",
        "Zaloguj się, aby dodać komentarz", "Kopiuj kod", "Czy ta strona była pomocna?",
        "Czytaj także: Rada przyjęła budżet miasta", "Fot. Jan Nowak / Agencja",
        // a wiki page's chrome
        "Z Wikipedii, wolnej encyklopedii", "Spis treści", "Edytuj kod źródłowy"}},
      {"cs",
       {"Poslechněte si článek", "Doba čtení: 3 min", "Odkaz zkopírován", "Tento článek je dostupný pouze pro předplatitele",
        "Stáhněte si naši aplikaci", "Nastavení soukromí", "Článek pokračuje pod reklamou", "Načíst další",
        "Pro přidání komentáře se musíte přihlásit.", "Kopírovat kód", "Byla tato stránka užitečná?",
        "Čtěte také: Zastupitelé schválili rozpočet",
        "Foto: Petr Novák / Agentura",
        // a wiki page's chrome
        "Z Wikipedie, otevřené encyklopedie", "Obsah", "Editovat zdroj"}},
      {"sv",
       {"Lyssna på artikeln", "Lästid: 3 min", "Länken kopierad", "Artikeln är endast för prenumeranter",
        "Ladda ner appen", "Hantera cookies", "Artikeln fortsätter under annonsen", "Visa fler",
        "Logga in för att kommentera", "Kopiera kod", "Var den här sidan till hjälp?",
        "Läs också: Fullmäktige klubbade budgeten", "Foto: Lars Berg / Bildbyrå",
        // a wiki page's chrome
        "Från Wikipedia, den fria encyklopedin", "Innehåll", "Redigera wikitext"}},
      // the two smallest packs: labels, prompts, footers
      {"da", {"Del på Facebook", "Tilmeld dig vores nyhedsbrev", "Artiklen fortsætter under annoncen",
              "Læs mere", "Foto: Lars Holm / Ritzau", "Vi bruger cookies til at forbedre din oplevelse.",
              "Alle rettigheder forbeholdes"}},
      {"nb", {"Del på Facebook", "Meld deg på nyhetsbrevet", "Saken fortsetter under annonsen", "Les mer",
              "Foto: Ola Berg / NTB", "Vi bruker informasjonskapsler for å gi deg en bedre opplevelse.",
              "Alle rettigheter reservert"}},
      {"tr",
       {"Haberi dinle", "Okuma süresi: 3 dakika", "Bağlantı kopyalandı", "Bu içerik sadece abonelere özeldir",
        "Uygulamamızı indirin", "Çerez ayarları", "Haberin devamı reklamdan sonra", "Daha fazla yükle",
        "Yorum yapmak için giriş yapın", "Kodu kopyala", "Bu sayfa faydalı oldu mu?",
        "İlgili haber: Meclis bütçeyi kabul etti", "Fotoğraf: Ali Kaya / Ajans", "Facebook'ta paylaş",
        "Bu sitede çerezler kullanılmaktadır.", "Etiketler:",
        // a wiki page's chrome
        "Vikipedi, özgür ansiklopedi", "İçindekiler", "Kaynağı değiştir"}},
      {"fi", {"Jaa Facebookissa", "Tilaa uutiskirjeemme", "Juttu jatkuu mainoksen jälkeen", "Lue lisää",
              "Kuva: Matti Virtanen / Lehtikuva", "Käytämme evästeitä parantaaksemme käyttökokemusta.",
              "Kaikki oikeudet pidätetään"}},
      {"hu", {"Megosztás a Facebookon", "Iratkozzon fel hírlevelünkre", "A cikk a hirdetés után folytatódik",
              "Tovább olvasom", "Fotó: Nagy Péter / MTI", "Weboldalunk sütiket használ.",
              "Minden jog fenntartva"}},
      {"uk", {"Поділитися у Facebook", "Підпишіться на нашу розсилку", "Продовження після реклами",
              "Читати далі", "Фото: Олег Петренко / Укрінформ", "Ми використовуємо файли cookie.",
              "Усі права захищено"}},
  };
  const std::map<std::string, std::vector<std::string>> sentences = {
      {"de",
       {"Mehr laden die Arbeiter an diesem Tag nicht, weil der Kran nur eine begrenzte Last heben kann.",
        "Einstellungen verwalten und Genehmigungen erteilen gehört zu den Aufgaben des Bauamtes, sagte er.",
        "In den Warenkorb legten die Kunden vor allem Brot und Milch, sagte die Händlerin am Abend.",
        "Jetzt bewerben sich mehr junge Leute um eine Lehrstelle im Handwerk als noch vor fünf Jahren.",
        "Lesen Sie auch das Kleingedruckte, rät die Verbraucherzentrale allen Mietern vor der Unterschrift."}},
      {"fr", {"Voir plus loin que la prochaine élection, c'est ce que demandent les habitants depuis longtemps.",
        "Ajouter au panier de la ménagère une taxe de plus serait une erreur, estime le syndicat.",
        "Réserver des places aux habitants du quartier, c'est ce que propose la nouvelle municipalité.",
        "Lire aussi les petites lignes du contrat est indispensable, rappelle l'association des locataires."}},
      {"es", {"Ver más allá del próximo año es lo que piden los vecinos del barrio desde hace mucho tiempo."}},
      {"it", {"Mostra altro che buona volontà il progetto del comune, secondo i residenti del quartiere."}},
      {"nl", {"Lees voor de vergadering het rapport van de ingenieurs, adviseerde de wethouder de raad."}},
      {"pt", {"Carregar mais de vinte toneladas sobre a ponte já não é seguro, segundo os engenheiros."}},
      {"ru", {"Скачать приложение к договору можно на сайте администрации, сообщили в пресс-службе города.",
        "В корзину для сбора мусора жители положили старые газеты, рассказали в управе района."}},
      {"pl", {"Czytaj także umowę przed podpisaniem, radzi mieszkańcom rzecznik konsumentów.",
        "Pobierz wniosek ze strony urzędu i złóż go do końca miesiąca, przypomina wydział."}},
      {"cs", {"Načíst další data z měřicích stanic se podařilo až po opravě serveru, uvedl úřad."}},
      {"sv", {"Visa fler cyklister vägen över bron är målet med de nya skyltarna, säger kommunen.",
        "Läs också det finstilta innan du skriver på, råder Konsumentverket alla hyresgäster."}},
      {"da", {"Læs mere om reglerne på kommunens hjemmeside, før du søger om tilladelse, lyder rådet."}},
      {"nb", {"Les mer om reglene på nettsidene til kommunen før du søker, er rådet fra etaten."}},
      {"tr", {"Daha fazla otobüs seferi konulması için mahalle sakinleri belediyeye bir dilekçe verdi.",
        "Paylaş ve kazan kampanyası ise ilçedeki esnaf tarafından büyük bir ilgiyle karşılandı."}},
      {"fi", {"Lue lisää kaupungin verkkosivuilta ennen kuin haet lupaa, neuvoo rakennusvalvonta."}},
      {"hu", {"Tovább olvasom a szerződést, mielőtt aláírom, mondta a bérlő a tárgyaláson."}},
      {"uk", {"Читати далі цей договір мешканці змогли лише після того, як його оприлюднила міська рада."}},
  };
  Cleaner c;
  for (const ForeignPage& p : ForeignPages()) {
    SCOPED_TRACE(p.language);
    auto page_with = [&](const std::string& line) {
      ForeignPage q = p;
      q.paragraphs.insert(q.paragraphs.begin() + 1, line);
      return PageText(q);
    };
    for (const std::string& line : chaff.at(p.language)) {
      auto r = c.Clean(page_with(line));
      EXPECT_EQ(r.language, p.language) << line;
      EXPECT_FALSE(Kept(r, line)) << line;
      for (const auto& l : p.paragraphs) EXPECT_TRUE(Kept(r, l)) << line;
    }
    for (const std::string& line : sentences.at(p.language)) EXPECT_TRUE(Kept(c.Clean(page_with(line)), line)) << line;
  }
}

TEST(Languages, AWikiPagesChromeIsKnownInEachLanguage) {
  // MediaWiki prints the same tagline, tabs and footer on every page of a
  // wiki, in the wiki's language; each pack's wiki-chrome rule knows them.
  // A section named "History", "Discussion" or "Literature" is the page's
  // own heading and no rule takes it.
  ExpectPackHits({
      {"de", "aus Wikipedia, der freien Enzyklop\u00e4die", "wiki-chrome-de"},
      {"de", "Zur Navigation springen Zur Suche springen", "wiki-chrome-de"},
      {"de", "Der Text ist unter der Lizenz \u201eCreative Commons Attribution/Share Alike\u201c verf\u00fcgbar.",
       "wiki-chrome-de"},
      {"fr", "Aller \u00e0 la navigation Aller \u00e0 la recherche", "wiki-chrome-fr"},
      {"fr", "Modifier le code", "wiki-chrome-fr"},
      {"es", "Ir a la navegaci\u00f3n Ir a la b\u00fasqueda", "wiki-chrome-es"},
      {"es", "Editar c\u00f3digo", "wiki-chrome-es"},
      {"it", "Vai alla navigazione Vai alla ricerca", "wiki-chrome-it"},
      {"it", "Visualizza cronologia", "wiki-chrome-it"},
      {"nl", "Naar navigatie springen Naar zoeken springen", "wiki-chrome-nl"},
      {"nl", "Geschiedenis weergeven", "wiki-chrome-nl"},
      {"pt", "Ir para navega\u00e7\u00e3o Ir para pesquisa", "wiki-chrome-pt"},
      {"pt", "Editar c\u00f3digo-fonte", "wiki-chrome-pt"},
      {"ru", "\u041f\u0435\u0440\u0435\u0439\u0442\u0438 \u043a \u043d\u0430\u0432\u0438\u0433\u0430\u0446\u0438\u0438",
       "wiki-chrome-ru"},
      {"ru", "\u041f\u0440\u0430\u0432\u0438\u0442\u044c \u043a\u043e\u0434", "wiki-chrome-ru"},
      // the categories under the page
      {"de", "Kategorien: Brücke in Hamburg | Erbaut in den 1890er Jahren", "wiki-chrome-de"},
      {"fr", "Catégories : Pont en France | Pont achevé en 1894", "wiki-chrome-fr"},
      {"es", "Categorías: Puentes de España | Arquitectura de 1894", "wiki-chrome-es"},
      {"it", "Categorie: Ponti d'Italia | Architetture del 1894", "wiki-chrome-it"},
      {"nl", "Categorieën: Brug in Nederland | Bouwwerk in 1894", "wiki-chrome-nl"},
      {"pt", "Categorias: Pontes de Portugal | Construções de 1894", "wiki-chrome-pt"},
      {"ru", "Категории: Мосты Москвы | Здания 1894 года", "wiki-chrome-ru"},
      // a section's heading stays
      {"de", "Geschichte", ""},
      {"de", "Literatur", ""},
      {"fr", "Histoire", ""},
      {"ru", "\u0418\u0441\u0442\u043e\u0440\u0438\u044f", ""},  // "History"
      {"nl", "Geschiedenis", ""},
      // a story's sentence that names the encyclopedia stays
      {"de", "Aus Wikipedia, der freien Enzyklop\u00e4die, stammen viele der Angaben in seinem Buch.", ""},
  });
}

TEST(Languages, EachPackKnowsAForumBoardsFooter) {
  // A phpBB board prints the same footer under every topic in the board's
  // language: the way back to the forum, who is online, the topic's
  // counter. A sentence that opens with the same words is no footer.
  ExpectPackHits({
      {"ru", "\u0412\u0435\u0440\u043d\u0443\u0442\u044c\u0441\u044f \u0432 \u00ab\u041e\u0442\u043e\u043f\u043b\u0435\u043d\u0438\u0435\u00bb", "forum-meta-ru"},
      {"ru", "\u041a\u0442\u043e \u0441\u0435\u0439\u0447\u0430\u0441 \u043d\u0430 \u0444\u043e\u0440\u0443\u043c\u0435", "forum-meta-ru"},
      {"ru", "\u0421\u0435\u0439\u0447\u0430\u0441 \u044d\u0442\u043e\u0442 \u0444\u043e\u0440\u0443\u043c \u043f\u0440\u043e\u0441\u043c\u0430\u0442\u0440\u0438\u0432\u0430\u044e\u0442: \u043d\u0435\u0442 \u0437\u0430\u0440\u0435\u0433\u0438\u0441\u0442\u0440\u0438\u0440\u043e\u0432\u0430\u043d\u043d\u044b\u0445 \u043f\u043e\u043b\u044c\u0437\u043e\u0432\u0430\u0442\u0435\u043b\u0435\u0439 \u0438 3 \u0433\u043e\u0441\u0442\u044f", "forum-meta-ru"},
      {"ru", "5 \u0441\u043e\u043e\u0431\u0449\u0435\u043d\u0438\u0439 \u2022 \u0421\u0442\u0440\u0430\u043d\u0438\u0446\u0430 1 \u0438\u0437 1", "forum-meta-ru"},
      {"ru", "\u0412\u0435\u0440\u043d\u0443\u0442\u044c\u0441\u044f \u0432 \u0433\u043e\u0440\u043e\u0434 \u043e\u043d \u0440\u0435\u0448\u0438\u043b \u0442\u043e\u043b\u044c\u043a\u043e \u0432\u0435\u0441\u043d\u043e\u0439.", ""},
      {"de", "Zur\u00fcck zu \u201eHeizung und Sanit\u00e4r\u201c", "forum-meta-de"},
      {"de", "Wer ist online?", "forum-meta-de"},
      {"de", "Mitglieder in diesem Forum: 0 Mitglieder und 2 G\u00e4ste", "forum-meta-de"},
      {"de", "12 Beitr\u00e4ge \u2022 Seite 1 von 2", "forum-meta-de"},
      {"de", "Wer ist online gewesen, als der Streit begann?", ""},
      {"fr", "Retourner vers \u00ab Chauffage \u00bb", "forum-meta-fr"},
      {"fr", "Qui est en ligne ?", "forum-meta-fr"},
      {"fr", "Utilisateurs parcourant ce forum : Aucun utilisateur inscrit et 2 invit\u00e9s", "forum-meta-fr"},
      {"fr", "5 messages \u2022 Page 1 sur 1", "forum-meta-fr"},
      {"es", "Volver a \u00abCalefacci\u00f3n\u00bb", "forum-meta-es"},
      {"es", "\u00bfQui\u00e9n est\u00e1 conectado?", "forum-meta-es"},
      {"es", "Usuarios navegando por este Foro: No hay usuarios registrados visitando el Foro y 2 invitados", "forum-meta-es"},
      {"es", "5 mensajes \u2022 P\u00e1gina 1 de 1", "forum-meta-es"},
      {"it", "Torna a \u00abRiscaldamento\u00bb", "forum-meta-it"},
      {"it", "Chi c\u2019\u00e8 in linea", "forum-meta-it"},
      {"it", "Visitano il forum: Nessun utente iscritto e 2 ospiti", "forum-meta-it"},
      {"pt", "Voltar para \u201cAquecimento\u201d", "forum-meta-pt"},
      {"pt", "Quem est\u00e1 ligado", "forum-meta-pt"},
      {"pt", "5 mensagens \u2022 P\u00e1gina 1 de 1", "forum-meta-pt"},
      {"nl", "Terug naar \u201eVerwarming\u201d", "forum-meta-nl"},
      {"nl", "Wie is er online", "forum-meta-nl"},
      {"nl", "Gebruikers op dit forum: Geen geregistreerde gebruikers en 2 gasten", "forum-meta-nl"},
      {"nl", "Terug naar huis liep hij langs de rivier, zei zijn broer.", ""},
      // the line over each post: the poster and the time
      {"fr", "par lucie_b \u00bb mar. 5 mars 2024 11:40", "forum-meta-fr"},
      {"de", "von ute_k \u00bb Di 5. M\u00e4r 2024, 10:12", "forum-meta-de"},
      {"es", "por lucia \u00bb Mar 05 Mar, 2024 10:12", "forum-meta-es"},
      {"it", "da marco \u00bb mar 5 mar 2024, 10:12", "forum-meta-it"},
      {"nl", "door jan_v \u00bb di 5 mar 2024 10:12", "forum-meta-nl"},
      {"pt", "por ana \u00bb ter mar 05, 2024 10:12", "forum-meta-pt"},
      {"ru", "\u0421\u043e\u043e\u0431\u0449\u0435\u043d\u0438\u0435 ivan \u00bb 05 \u043c\u0430\u0440 2024, 10:12",
       "forum-meta-ru"},
      {"fr", "par la suite \u00bb, a-t-il dit, la r\u00e9union a dur\u00e9 jusqu'\u00e0 minuit.", ""},
  });
}

TEST(Languages, EachPackKnowsItsBylinesAndDatelines) {
  // The head of each language's page (its headline, a byline, a date in
  // the language's words) over a share button and the story: with no lines
  // kept by position, the byline and the date are the head's metadata and
  // the headline right above them stays. A sentence that opens with the
  // byline's word is no byline.
  const std::map<std::string, std::pair<std::string, std::string>> dates = {
      {"de", {"12. November 2025, 10:45 Uhr", "Aktualisiert am 12.11.2025"}},
      {"fr", {"Publi\u00e9 le 12 novembre 2025 \u00e0 10h45", "mercredi 12 novembre 2025"}},
      {"es", {"12 de noviembre de 2025", "Actualizado: 12/11/2025 10:45"}},
      {"it", {"Pubblicato il 12 novembre 2025 alle 10:45", "12 nov 2025"}},
      {"nl", {"Gepubliceerd op 12 november 2025, 10:45", "12 nov. 2025"}},
      {"pt", {"Publicado em 12/11/2025 \u00e0s 10h45", "12 de novembro de 2025"}},
      {"ru", {"12 \u043d\u043e\u044f\u0431\u0440\u044f 2025, 10:45",
              "\u041e\u043f\u0443\u0431\u043b\u0438\u043a\u043e\u0432\u0430\u043d\u043e: 12.11.2025"}},
      {"pl", {"12 listopada 2025, 10:45", "Aktualizacja: 12.11.2025 10:45"}},
      {"cs", {"12. listopadu 2025, 10:45", "Aktualizováno: 12. 11. 2025 10:45"}},
      {"sv", {"Publicerad 12 november 2025 kl. 10.45", "Uppdaterad: 2025-11-12 10:45"}},
      {"da", {"12. november 2025 kl. 10.45", "Opdateret: 12.11.2025 10:45"}},
      {"nb", {"12. november 2025 kl. 10.45", "Publisert: 12.11.2025 10:45"}},
      {"tr", {"12 Kasım 2025, 10:45", "Güncelleme: 12.11.2025 10:45"}},
      {"fi", {"12. marraskuuta 2025 klo 10.45", "Julkaistu 12.11.2025 10:45"}},
      {"hu", {"2025. november 12. 10:45", "Frissítve: 2025.11.12. 10:45"}},
      {"uk", {"12 листопада 2025, 10:45", "Оновлено: 12.11.2025 10:45"}},
  };
  auto pack = LoadRules({}, {});
  ASSERT_TRUE(pack.ok()) << pack.status().message();
  const Cleaner c(NoHeadlineBudget());
  for (const ForeignPage& p : ForeignPages()) {
    SCOPED_TRACE(p.language);
    const auto& [date, labelled] = dates.at(p.language);
    for (const std::string& line : {p.head[1], date, labelled}) {
      EXPECT_GE(pack.value()->MatchMeta(line, internal::LineWordCounts(line).words, p.language), 0) << line;
    }
    std::string page;
    for (const auto& l : p.menu) page += l + "\n";
    page += p.head[0] + "\n" + p.head[1] + "\n" + date + "\nFacebook\nTwitter\n";
    for (const auto& l : p.paragraphs) page += l + "\n";
    auto r = c.Clean(page);
    EXPECT_EQ(r.language, p.language);
    EXPECT_TRUE(Kept(r, p.head[0])) << r.text;
    EXPECT_TRUE(Kept(r, p.head[1])) << r.text;
    EXPECT_TRUE(Kept(r, date)) << r.text;
  }
  for (const auto& [language, line] : std::vector<std::pair<std::string, std::string>>{
           {"de", "Von dem Geld soll vor allem die Schule profitieren."},
           {"fr", "Par ailleurs, la mairie a promis de nouvelles places."},
           {"es", "Por eso el ayuntamiento ha pedido ayuda."},
           {"pl", "Autor projektu mostu odebrał w piątek nagrodę."},
           {"sv", "Av de tio förslagen valde nämnden det billigaste."}}) {
    EXPECT_LT(pack.value()->MatchMeta(line, internal::LineWordCounts(line).words, language), 0) << line;
  }
}

TEST(Languages, AReviewsProsAndConsStayAndItsTagsGoInEachLanguage) {
  // Under a review's text, its verdict box: a heading of pros over two
  // short lines, one of cons over two more; then the tags' label and a tag.
  // The box is the article's (each pack's list-heading rule knows its
  // headings), the label goes by the pack's navigation rule.
  struct Box {
    std::string pros, cons, tags;
    std::vector<std::string> items;
  };
  const std::map<std::string, Box> boxes = {
      {"de", {"Vorteile", "Nachteile", "Schlagwörter:", {"Leiser Motor", "Gute Akkulaufzeit", "Hoher Preis", "Schwer"}}},
      {"fr", {"Avantages", "Inconvénients", "Étiquettes :", {"Moteur silencieux", "Bonne autonomie", "Prix élevé", "Lourd"}}},
      {"es", {"Ventajas", "Desventajas", "Etiquetas:", {"Motor silencioso", "Buena autonomía", "Precio alto", "Pesado"}}},
      {"it", {"Pregi", "Difetti", "Tag:", {"Motore silenzioso", "Buona autonomia", "Prezzo alto", "Pesante"}}},
      {"nl", {"Pluspunten", "Minpunten", "Trefwoorden:", {"Stille motor", "Goede accu", "Hoge prijs", "Zwaar"}}},
      {"pt", {"Prós", "Contras", "Etiquetas:", {"Motor silencioso", "Boa autonomia", "Preço alto", "Pesado"}}},
      {"ru", {"Плюсы", "Минусы", "Теги:", {"Тихий мотор", "Хорошая батарея", "Высокая цена", "Тяжёлый"}}},
      {"pl", {"Zalety", "Wady", "Tagi:", {"Cichy silnik", "Dobra bateria", "Wysoka cena", "Ciężki"}}},
      {"cs", {"Klady", "Zápory", "Štítky:", {"Tichý motor", "Dobrá baterie", "Vysoká cena", "Těžký"}}},
      {"sv", {"Fördelar", "Nackdelar", "Taggar:", {"Tyst motor", "Bra batteri", "Högt pris", "Tung"}}},
      {"da", {"Fordele", "Ulemper", "Emneord:", {"Stille motor", "Godt batteri", "Høj pris", "Tung"}}},
      {"nb", {"Fordeler", "Ulemper", "Stikkord:", {"Stille motor", "Godt batteri", "Høy pris", "Tung"}}},
      {"tr", {"Artılar", "Eksiler", "Etiketler:", {"Sessiz motor", "İyi pil", "Yüksek fiyat", "Ağır"}}},
      {"fi", {"Plussat", "Miinukset", "Avainsanat:", {"Hiljainen moottori", "Hyvä akku", "Korkea hinta", "Painava"}}},
      {"hu", {"Előnyök", "Hátrányok", "Címkék:", {"Csendes motor", "Jó akkumulátor", "Magas ár", "Nehéz"}}},
      {"uk", {"Переваги", "Недоліки", "Теги:", {"Тихий мотор", "Добра батарея", "Висока ціна", "Важкий"}}},
  };
  Cleaner c;
  for (const ForeignPage& p : ForeignPages()) {
    SCOPED_TRACE(p.language);
    const Box& b = boxes.at(p.language);
    ForeignPage q = p;
    for (const std::string& l : {b.pros, b.items[0], b.items[1], b.cons, b.items[2], b.items[3], b.tags, std::string("xyzzy")}) {
      q.paragraphs.push_back(l);
    }
    auto r = c.Clean(PageText(q));
    EXPECT_EQ(r.language, p.language);
    for (const std::string& l : {b.pros, b.cons}) EXPECT_TRUE(Kept(r, l + "\n")) << l << "\n" << r.text;
    for (const std::string& l : b.items) EXPECT_TRUE(Kept(r, l + "\n")) << l << "\n" << r.text;
    EXPECT_FALSE(Kept(r, b.tags)) << r.text;
    EXPECT_FALSE(Kept(r, "xyzzy")) << r.text;
  }
}

TEST(Languages, ATurkishHeadlineInCapitalsIsTheSameLineInLowerCase) {
  // Turkish lowers "I" to "ı" and "İ" to "i": the headline printed again in
  // capitals is a repeat, as it is in any other language.
  Cleaner c;
  const std::string head = "Köprüde yeni dönem başlıyor";
  const std::string body =
      "Belediye, eski köprünün onarımı için hazırlanan projenin önümüzdeki ay başlayacağını açıkladı.\n"
      "Çalışmalar sırasında köprü trafiğe kapatılacak ve yayalar için geçici bir yol açılacak.\n"
      "Projenin bu yılın sonunda tamamlanması ve köprünün yeniden açılması bekleniyor.\n";
  auto r = c.Clean("KÖPRÜDE YENİ DÖNEM BAŞLIYOR\n" + head + "\n" + body);
  EXPECT_EQ(r.language, "tr");
  EXPECT_EQ(Copies(r, head), 0u) << r.text;
  EXPECT_EQ(Copies(r, "KÖPRÜDE YENİ DÖNEM BAŞLIYOR"), 1u) << r.text;
}

TEST(Languages, ARecipesClosingLineStaysInEachLanguage) {
  // "Enjoy!" right under a recipe's method is its last line, too short
  // for a sentence: each pack's recipe-closing rule (a meta rule) keeps it.
  // Unlike a letter's closing it has no signer: a short line under it
  // still goes.
  const std::map<std::string, std::string> closings = {
      {"de", "Guten Appetit!"}, {"fr", "Bon appétit !"},   {"es", "¡Buen provecho!"},
      {"it", "Buon appetito!"}, {"nl", "Eet smakelijk!"},  {"pt", "Bom apetite!"},
      {"ru", "Приятного аппетита!"}, {"pl", "Smacznego!"}, {"cs", "Dobrou chuť!"},
      {"sv", "Smaklig måltid!"}, {"da", "Velbekomme!"},    {"nb", "God appetitt!"},
      {"tr", "Afiyet olsun!"}, {"fi", "Hyvää ruokahalua!"},
      {"hu", "Jó étvágyat!"}, {"uk", "Смачного!"}};
  Cleaner c;
  for (const ForeignPage& p : ForeignPages()) {
    SCOPED_TRACE(p.language);
    const std::string& closing = closings.at(p.language);
    ForeignPage q = p;
    q.paragraphs.push_back(closing);
    q.paragraphs.push_back("Xyzzy Plugh");
    auto r = c.Clean(PageText(q));
    EXPECT_EQ(r.language, p.language);
    EXPECT_TRUE(Kept(r, closing)) << r.text;
    EXPECT_FALSE(Kept(r, "Xyzzy")) << r.text;
  }
  auto r = c.Clean(Article({}, {}, {"Enjoy!", "Xyzzy Plugh", "Share"}));
  EXPECT_TRUE(Kept(r, "Enjoy!")) << r.text;
  EXPECT_FALSE(Kept(r, "Xyzzy")) << r.text;
  // A letter's closing does keep its signer, in Danish and Norwegian too.
  for (const ForeignPage& p : ForeignPages()) {
    const std::string language = p.language;
    if (language != "da" && language != "nb") continue;
    const std::string closing = language == "da" ? "Med venlig hilsen" : "Med vennlig hilsen";
    ForeignPage q = p;
    q.paragraphs.push_back(closing);
    q.paragraphs.push_back("Xyzzy Plugh");
    r = c.Clean(PageText(q));
    EXPECT_TRUE(Kept(r, closing)) << r.text;
    EXPECT_TRUE(Kept(r, "Xyzzy Plugh")) << r.text;
  }
}

TEST(Languages, AConsentDialogsStandardTextAndAnAdBlockerPleaGoInEachLanguage) {
  // A consent manager prints the same paragraph on every site, in the
  // page's language, often above 40 words: each pack's consent-prose rule
  // reads it at any length; a story's sentence that opens the same way
  // stays.
  const std::string de_long =
      "Wir und unsere Partner speichern und/oder greifen auf Informationen auf einem Ger\u00e4t zu, beispielsweise auf "
      "Cookies, und verarbeiten personenbezogene Daten, beispielsweise eindeutige Kennungen und Standardinformationen, "
      "die von einem Ger\u00e4t gesendet werden, f\u00fcr personalisierte Anzeigen und Inhalte, Anzeigen- und "
      "Inhaltsmessungen sowie um Erkenntnisse \u00fcber Zielgruppen zu gewinnen.";
  ASSERT_GT(internal::LineWordCounts(de_long).words, 40);
  ExpectPackHits({
      {"de", de_long.c_str(), "consent-prose-de"},
      {"fr", "Nous et nos partenaires stockons et/ou acc\u00e9dons \u00e0 des informations sur un appareil, telles que "
             "les cookies.", "consent-prose-fr"},
      {"es", "Nosotros y nuestros socios almacenamos o accedemos a informaci\u00f3n en un dispositivo, tales como "
             "cookies.", "consent-prose-es"},
      {"it", "Noi e i nostri partner archiviamo e/o accediamo a informazioni su un dispositivo, come i cookie.",
       "consent-prose-it"},
      {"nl", "Wij en onze partners slaan informatie op en/of openen informatie op een apparaat, zoals cookies.",
       "consent-prose-nl"},
      {"de", "Wir haben festgestellt, dass Sie einen Adblocker verwenden.", "adblock-notice-de"},
      {"de", "Bitte deaktivieren Sie Ihren Adblocker.", "adblock-notice-de"},
      {"fr", "Il semble que vous utilisiez un bloqueur de publicit\u00e9.", "adblock-notice-fr"},
      {"es", "Hemos detectado que est\u00e1s usando un bloqueador de anuncios.", "adblock-notice-es"},
      {"de", "Sie nutzen einen Adblocker?", "adblock-notice-de"},
      {"de", "Sie nutzen einen Adblocker, sagt die Studie, jeder dritte Leser in Deutschland.", ""},
      {"de", "Wir und unsere Partner aus dem Verein haben den Weg am Fluss gemeinsam gebaut.", ""},
      {"fr", "Nous et nos partenaires du club avons nettoy\u00e9 la plage samedi matin.", ""},
  });
}

TEST(Languages, AWordOfAUsersPackOutsideAsciiIsBoundedByLetterClasses) {
  // As the packs' header says: \b is ASCII in RE2, so a Russian word is
  // bounded by (^|[^\pL]) and ($|[^\pL]); it matches in any case, and not
  // inside a longer word.
  RuleSet rs;
  ASSERT_TRUE(rs.AddPack("[pack]\nlanguage = \"ru\"\n[[rule]]\nname = \"foto\"\nmax_words = 6\n"
                         "patterns = ['(^|[^\\pL])\u0444\u043e\u0442\u043e($|[^\\pL])']\n",
                         "mine.toml")
                  .ok());
  ASSERT_TRUE(rs.Compile().ok());
  // "Фото: Иван Петров", "Иван Петров / фото", "Фотограф Иван Петров"
  EXPECT_EQ(rs.Match("\u0424\u043e\u0442\u043e: \u0418\u0432\u0430\u043d \u041f\u0435\u0442\u0440\u043e\u0432", 3,
                     false, "ru"),
            0);
  EXPECT_EQ(rs.Match("\u0418\u0432\u0430\u043d \u041f\u0435\u0442\u0440\u043e\u0432 / \u0444\u043e\u0442\u043e", 3,
                     false, "ru"),
            0);
  EXPECT_EQ(rs.Match("\u0424\u043e\u0442\u043e\u0433\u0440\u0430\u0444 \u0418\u0432\u0430\u043d "
                     "\u041f\u0435\u0442\u0440\u043e\u0432",
                     3, false, "ru"),
            -1);
  // \b beside those letters finds no boundary after a space.
  RuleSet ascii_boundary;
  ASSERT_TRUE(ascii_boundary
                  .AddPack("[[rule]]\nname = \"foto\"\nmax_words = 6\npatterns = ['\\b\u0444\u043e\u0442\u043e\\b']\n",
                           "mine.toml")
                  .ok());
  ASSERT_TRUE(ascii_boundary.Compile().ok());
  EXPECT_EQ(ascii_boundary.Match("\u0418\u0432\u0430\u043d / \u0444\u043e\u0442\u043e", 3, false, "ru"), -1);
}

TEST(Languages, AUsersPackForALanguageAppliesToRecordsInIt) {
  RuleSet rs;
  ASSERT_TRUE(rs.AddPack("[pack]\nlanguage = \"de\"\n[[rule]]\nname = \"kasten\"\nmax_words = 3\n"
                         "patterns = ['^infokasten$']\n",
                         "mine.toml")
                  .ok());
  ASSERT_TRUE(rs.AddPack("[[rule]]\nname = \"box\"\nmax_words = 3\npatterns = ['^infobox$']\n", "any.toml").ok());
  ASSERT_TRUE(rs.Compile().ok());
  EXPECT_EQ(rs.Match("Infokasten", 1, true, "de"), 0);
  EXPECT_EQ(rs.Match("Infokasten", 1, true, "en"), -1);
  EXPECT_EQ(rs.Match("Infokasten", 1, true, "fr"), -1);
  EXPECT_EQ(rs.Match("Infobox", 1, true, "de"), 1);  // a pack without a language: every record
  EXPECT_EQ(rs.Match("Infobox", 1, true, "en"), 1);
  // Its meta rules too (bylines stay beside the article only in German).
  RuleSet meta;
  ASSERT_TRUE(meta.AddPack("[pack]\nlanguage = \"de\"\n[[rule]]\nname = \"von\"\nscope = \"meta\"\n"
                           "max_words = 4\npatterns = ['^von [a-z]+ [a-z]+$']\n",
                           "meta.toml")
                  .ok());
  ASSERT_TRUE(meta.Compile().ok());
  EXPECT_EQ(meta.MatchMeta("Von Jana Weber", 3, "de"), 0);
  EXPECT_EQ(meta.MatchMeta("Von Jana Weber", 3, "en"), -1);
  RuleSet bad;
  Status st = bad.AddPack("[pack]\nlanguage = \"xx\"\n", "mine.toml");
  EXPECT_EQ(st.code(), StatusCode::kInvalidArgument);
  EXPECT_NE(st.message().find("mine.toml:2"), std::string::npos) << st.message();
}

TEST(LineWords, StopwordsWithLettersBeyondAsciiCountCapitalizedToo) {
  auto stop = [](std::string_view line) {
    const int fast = internal::LineWordCounts(line).stopwords;
    EXPECT_EQ(fast, internal::PortableWordCounts(line).stopwords) << line;
    return fast;
  };
  EXPECT_EQ(stop("für über Über FÜR"), 3);  // the first letter capitalized, not every letter
  EXPECT_EQ(stop("è È à À où"), 5);
  EXPECT_EQ(stop("él Él más también"), 4);
  EXPECT_EQ(stop("fürs überall"), 0);
  EXPECT_EQ(stop("в В что Что ё"), 4);  // the last is no stopword
  const internal::StopwordSet& german = internal::StopwordsOf({"de"});
  EXPECT_EQ(internal::LineWordCounts("für die Stadt und the", 2.0, 0, &german).stopwords, 3);
  EXPECT_EQ(internal::PortableWordCounts("für die Stadt und the", 2.0, 0, &german).stopwords, 3);
}

TEST(Region, ALoneTeaserLabelAboveArticleTextEndsNothing) {
  Cleaner c;
  auto r = c.Clean(Article({"Council Agrees To Repair The Old Bridge", "", "Trending Now", ""}, {}, {}));
  EXPECT_FALSE(Kept(r, "Trending Now"));
  EXPECT_TRUE(Kept(r, kPara1));
  EXPECT_TRUE(Kept(r, "Council Agrees To Repair The Old Bridge"));
}

// Teasers for other stories: a headline, then a one-sentence summary long
// enough to read as prose.
std::vector<std::string> TeaserList(int count) {
  const char* heads[] = {"Ferry strike ends after union vote", "Harbour cafe wins regional award",
                         "New cycle lane opens on the coast road", "School choir to sing at the cathedral"};
  std::vector<std::string> out = {"", "Related Stories", ""};
  for (int i = 0; i < count; ++i) {
    out.push_back(std::string(heads[i % 4]) + " (" + std::to_string(i + 1) + ")");
    out.push_back("The story of what happened next is one that the people of the town will be talking about for "
                  "a long time, number " + std::to_string(i + 1) + ".");
  }
  return out;
}

TEST(Context, ALongTeaserListDoesNotOutweighTheArticleAboveIt) {
  // Twenty summaries outscore three paragraphs by words, but they never
  // stand two in a row, and they follow a tail-marker.
  Cleaner c;
  auto r = c.Clean(Article({"Council Agrees To Repair The Old Bridge", ""}, {}, TeaserList(20)));
  EXPECT_TRUE(Kept(r, kPara1)) << r.text;
  EXPECT_TRUE(Kept(r, kPara2));
  EXPECT_TRUE(Kept(r, kPara3));
  EXPECT_FALSE(Kept(r, "number 7.")) << r.text;
  EXPECT_FALSE(Kept(r, "Harbour cafe wins"));
}

TEST(Region, AnInlineRelatedBoxInsideTheStoryEndsNothing) {
  // "Related Stories" and one teaser between two paragraphs, with more of
  // the story right after: the box goes, the story on both sides stays.
  Cleaner c;
  const std::string more =
      "A spokesman for the council said that the repairs would be paid for from the roads budget this year.";
  auto r = c.Clean(Article({}, {"Related Stories", "Ferry strike ends after union vote", ""},
                           {"", more, "", "Residents who live near the river have been asked for their views on it."}));
  EXPECT_TRUE(Kept(r, kPara1)) << r.text;
  EXPECT_TRUE(Kept(r, kPara2));
  EXPECT_TRUE(Kept(r, more));
  EXPECT_FALSE(Kept(r, "Related Stories"));
  EXPECT_FALSE(Kept(r, "Ferry strike ends")) << r.text;
  // A one-line paragraph under the heading ends as a sentence: the story's
  // own, not a teaser's title. It stays; the heading goes.
  r = c.Clean(Article({}, {"Related Stories", "Nobody was hurt when the pier gave way.", ""},
                      {"", more, "", "Residents who live near the river have been asked for their views on it."}));
  EXPECT_TRUE(Kept(r, "Nobody was hurt when the pier gave way.")) << r.text;
  EXPECT_TRUE(Kept(r, kPara2) && Kept(r, more)) << r.text;
  EXPECT_FALSE(Kept(r, "Related Stories"));
  // A site's "Most popular" box of three teasers, and the story goes on
  // with a sentence of few stopwords, then prose.
  const std::string terse =
      "Marsh scored eleven goals for Castle's youth team last season and made his senior debut in March.";
  const std::string last = "He is expected to start on the bench in Saturday's game against Hollins.";
  r = c.Clean("Sport\nClub signs teenage striker\n"
              "Harwood have signed the 17-year-old striker Leo Marsh from Castle on a three-year contract.\n"
              "Most popular\nManager sacked after defeat\nFans protest over ticket prices\nStadium plans approved\n" +
              terse + "\n" + last + "\nComments\nShare\n");
  EXPECT_TRUE(Kept(r, terse + "\n" + last)) << r.text;
  EXPECT_FALSE(Kept(r, "Fans protest over ticket prices")) << r.text;
}

TEST(Region, AnInlineBoxAboveTheStorysLastParagraphTakesOnlyItsTeaser) {
  // "Read also" and one teaser between paragraphs, then the story's last
  // paragraph, then the footer (a line a rule takes, or nothing): the
  // last paragraph stays, in English and in a language pack's records.
  struct Case {
    const char* marker;
    std::vector<std::string> after;
  };
  const std::string last = "Residents who live near the river have been asked to send their views to the council by May.";
  for (const Case& k : std::vector<Case>{{"Read also", {"© 2025 Valley Gazette"}},
                                         {"Read also", {}},
                                         {"Related:", {"Subscribe to our newsletter"}},
                                         // the story's end: a contributor's line
                                         {"Related article",
                                          {"Tom Hale contributed to this report.", "Subscribe to our newsletter"}}}) {
    std::vector<std::string> after = {"", k.marker, "Ferry strike ends after union vote", "", last};
    after.insert(after.end(), k.after.begin(), k.after.end());
    Cleaner c;
    auto r = c.Clean(Article({}, {}, after));
    EXPECT_TRUE(Kept(r, last)) << k.marker << "\n" << r.text;
    for (const auto& line : k.after) EXPECT_EQ(Kept(r, line), line.ends_with("report.")) << line << "\n" << r.text;
    EXPECT_TRUE(Kept(r, kPara3));
    EXPECT_FALSE(Kept(r, "Ferry strike ends")) << r.text;
    EXPECT_FALSE(Kept(r, k.marker));
  }
  // A box of two teasers ("Read more:" over two headlines) with the story's
  // last paragraph under it: the paragraph stays. A one-line plug under
  // two teasers is no paragraph: it goes with them.
  {
    Cleaner c;
    auto r = c.Clean(Article({}, {}, {"", "Read more:", "Ferry strike ends after union vote",
                                      "Council tax to rise by five per cent", "", last, "Most popular"}));
    EXPECT_TRUE(Kept(r, last)) << r.text;
    EXPECT_FALSE(Kept(r, "Council tax to rise")) << r.text;
    r = c.Clean(Article({}, {}, {"", "Related posts:", "Ferry strike ends after union vote",
                                 "Council tax to rise by five per cent",
                                 "Came straight here? Visit our home page for all the news.", "Most popular"}));
    EXPECT_FALSE(Kept(r, "Came straight here?")) << r.text;
    EXPECT_TRUE(Kept(r, kPara3)) << r.text;
  }
  // A list of teasers with one-sentence summaries is not such a box: its
  // second teaser comes after the first summary.
  Cleaner c;
  auto r = c.Clean(Article({}, {}, TeaserList(3)));
  EXPECT_FALSE(Kept(r, "number 1.")) << r.text;
  EXPECT_FALSE(Kept(r, "Harbour cafe wins"));
  // Nor is the next story's teaser under "Next story": its summary ends
  // in the link to it.
  r = c.Clean(Article({}, {}, {"Next story", "Library to open on Sundays",
                               "The town library will open on Sundays from January, the council announced on Tuesday.",
                               "Read more"}));
  EXPECT_FALSE(Kept(r, "Library to open")) << r.text;
  EXPECT_FALSE(Kept(r, "The town library")) << r.text;
  EXPECT_TRUE(Kept(r, kPara3)) << r.text;

  // Italian: "Leggi anche", a teaser, the last paragraph and the footer.
  const std::string it =
      "Il ponte sul fiume è stato riaperto al traffico questa mattina, con una breve cerimonia alla presenza del "
      "sindaco.\n\n"
      "I lavori sono costati quasi quattro milioni di euro e hanno rinforzato i piloni e allargato la strada.\n\n"
      "Leggi anche\nNuove corse dei bus per le scuole della valle\n\n"
      "Per i pendolari la riapertura significa mezz'ora in meno di viaggio ogni giorno, perché non dovranno più "
      "passare dalla provinciale.\n\n"
      "Riproduzione riservata © Gazzetta della Valle\n";
  Cleaner ci;
  auto ri = ci.Clean(it);
  EXPECT_TRUE(Kept(ri, "Per i pendolari")) << ri.text;
  EXPECT_FALSE(Kept(ri, "Nuove corse")) << ri.text;
  EXPECT_FALSE(Kept(ri, "Riproduzione riservata"));
}

TEST(Region, APressReleasesForwardLookingStatementsGoToItsEnd) {
  // The heading opens the legal notice; its paragraph and the contact line
  // after it go, the release above stays.
  Cleaner c;
  auto r = c.Clean(Article({}, {}, {"", "Forward-Looking Statements",
                                    "This release contains statements about the future which involve risks and "
                                    "uncertainties, and actual results may differ from those that we expect today.",
                                    "Media contact: press@example.com"}));
  EXPECT_TRUE(Kept(r, kPara3)) << r.text;
  EXPECT_FALSE(Kept(r, "Forward-Looking")) << r.text;
  EXPECT_FALSE(Kept(r, "actual results may differ"));
}

TEST(Region, ATeaserTitleWithTheStopwordsOfProseIsNoArticleText) {
  // A headline can have as many stopwords as a sentence, but it has no
  // sentence's end: after a tail-marker it is a teaser, and the marker
  // still ends the story.
  Cleaner c;
  auto r = c.Clean(Article({}, {}, {"", "Read also", "The city is to get three new parks by the end of the year",
                                    "A new bridge over the canal will not be ready until the spring of 2027"}));
  EXPECT_TRUE(Kept(r, kPara3)) << r.text;
  EXPECT_FALSE(Kept(r, "three new parks")) << r.text;
  EXPECT_FALSE(Kept(r, "over the canal"));
}

TEST(Context, APostAboveALongerCommentSectionStays) {
  // The comment section has three, then twelve times the prose of the post
  // and is picked as the best segment; a post above a barrier joins it
  // however much the comments outweigh it (a barrier taints what follows
  // it), so the post is not lost.
  for (int n : {5, 20}) {
    Cleaner c;
    std::vector<std::string> comments = {"", std::to_string(n) + " Comments", ""};
    for (int i = 0; i < n; ++i) {
      comments.push_back("Posted by reader" + std::to_string(i));
      comments.push_back("I have lived in this town for many years and I think that the bridge should have been "
                         "repaired a long time ago, before it got this bad.");
      comments.push_back("It is a shame that it has taken the council so long to do anything about it, reader " +
                         std::to_string(i) + " says.");
    }
    auto r = c.Clean(Article({}, {}, comments));
    EXPECT_TRUE(Kept(r, kPara1)) << n << "\n" << r.text;
    EXPECT_TRUE(Kept(r, kPara2)) << n;
    EXPECT_TRUE(Kept(r, kPara3)) << n;
  }
}

// A forum topic: every post comes with the same chrome (author, "Joined:"
// with a date, "Posts:" with a count, "Posted"), so short posts above the
// longest run of posts are posts too, not chaff the main text outscores.
std::string ForumThread() {
  const char* bodies[] = {
      "Has anyone here tried growing tomatoes on a north facing balcony in a cold climate?",
      "Yes, I did it for two years and the plants were fine, but they gave fruit late in the summer.",
      "Mine did badly until I moved them into bigger pots and fed them once a week.",
      "I grew three kinds last year on a shaded balcony in the north of the country and the cherry ones did best by "
      "far, so I would start with those.",
      "They need less sun than the big ones and they ripen before the nights get cold, which is what matters most.",
      "Water them in the morning, not at night, or the leaves stay wet and the plants get sick.",
      "Pinch out the side shoots as they grow, and tie the main stem to a cane when it gets tall.",
      "A cheap fleece over them on cold nights in spring gave mine an extra month.",
  };
  const char* authors[] = {"greenthumb", "balconyben", "tomfan", "northerngrower"};
  std::string s = "Forum Index\nGardening\nVegetables\nLog in\nRegister\n\nTomatoes on a cold balcony\n\n";
  // Posts 0-2 have one line of text each; post 3 has five.
  int line = 0;
  for (int p = 0; p < 4; ++p) {
    s += std::string(authors[p]) + "\nSenior Member\nJoined: " + std::to_string(3 + p) + " March 20" +
         std::to_string(10 + p) + "\nPosts: " + std::to_string(100 * p + 17) + "\nPosted\n";
    const int lines = p < 3 ? 1 : 5;
    for (int k = 0; k < lines; ++k) s += std::string(bodies[line++]) + "\n";
    s += "Report this post\nBack to top\n\n";
  }
  return s + "Board index\nAll times are UTC\n";
}

TEST(Context, ShortPostsOfAThreadStayBesideTheLongestRun) {
  Cleaner c;
  auto r = c.Clean(ForumThread());
  EXPECT_TRUE(Kept(r, "Has anyone here tried growing tomatoes")) << r.text;
  EXPECT_TRUE(Kept(r, "Yes, I did it for two years"));
  EXPECT_TRUE(Kept(r, "Mine did badly until I moved them"));
  EXPECT_TRUE(Kept(r, "A cheap fleece over them"));
  EXPECT_FALSE(Kept(r, "Board index")) << r.text;
  EXPECT_FALSE(Kept(r, "Log in"));
  EXPECT_FALSE(Kept(r, "Report this post"));
  EXPECT_FALSE(Kept(r, "balconyben"));
}

TEST(Context, AReplyOfOneShortSentenceInAThreadStays) {
  // A post whose text is one sentence too short to be prose on its own
  // ("Cherry ones did best for me too.") is a post all the same; its
  // chrome still goes.
  std::string page = ForumThread();
  const std::string tail = "Board index\n";
  page.insert(page.find(tail), "sproutling\nSenior Member\nJoined: 9 May 2016\nPosts: 12\nPosted\n"
                               "Cherry ones did best for me too.\nReport this post\nBack to top\n\n");
  Cleaner c;
  auto r = c.Clean(page);
  EXPECT_TRUE(Kept(r, "Cherry ones did best for me too.")) << r.text;
  EXPECT_TRUE(Kept(r, "A cheap fleece over them"));
  EXPECT_FALSE(Kept(r, "sproutling")) << r.text;
  EXPECT_FALSE(Kept(r, "Board index"));
}

TEST(Context, AMissingPagesNoticeAndTheTeasersUnderItsListHeadingGo) {
  // A page with no prose (a missing page): its notice goes by rule, and the
  // teasers' titles under a tail-marker ("Popular stories") go in its
  // region, as they go under a story. With context off they stay.
  const std::string page =
      "Home\nNews\nPage not found\n"
      "Sorry, the page you are looking for does not exist or has been moved.\n"
      "Try searching our site or go back to the homepage.\n"
      "Popular stories\nCouncil approves new budget for schools\nStorm warning for the weekend\n";
  Cleaner c;
  auto r = c.Clean(page);
  EXPECT_EQ(r.text, "") << r.text;
  EXPECT_EQ(DefaultRuleHit("Page not found"), "not-found");
  EXPECT_EQ(DefaultRuleHit("404 - File not found"), "not-found");
  EXPECT_EQ(DefaultRuleHit("The page was not found among the papers she left, her son said."), "");
  CleanerOptions no_context;
  no_context.use_context = false;
  Cleaner plain(no_context);
  r = plain.Clean(page);
  EXPECT_TRUE(Kept(r, "Storm warning for the weekend")) << r.text;
  EXPECT_FALSE(Kept(r, "Page not found")) << r.text;
  // A sentence ends such a region: a recipe card's steps under a "Trending"
  // box at the top of a page with no prose stay.
  r = c.Clean("Trending\nStorm warning for the weekend\nCouncil approves new budget\n\n"
              "Heat the oven to 200C.\nRub the butter into the flour.\nBake for twenty minutes.\n");
  EXPECT_FALSE(Kept(r, "Storm warning")) << r.text;
  EXPECT_TRUE(Kept(r, "Heat the oven to 200C.\nRub the butter into the flour.\nBake for twenty minutes.")) << r.text;
}

TEST(Context, TheLastShortPostUnderTheSameChromeAsThePostsAboveStays) {
  // Posts below the main text: every one under the same buttons ("Reply",
  // "Quote") and count ("Posts: 14") with its author's name. The last
  // reply is one sentence, far less than a quarter of the thread's text,
  // and still a post.
  auto page = [](const std::string& chrome_above_last) {
    return "Vegetables\nTomato leaves turning yellow\n\n"
           "My tomato plants in the greenhouse have yellow lower leaves, and it is spreading up the stems.\n"
           "I water them every evening and feed them once a week, so what am I doing wrong with them?\n"
           "Reply\nQuote\noldgardener\nPosts: 2,341\n"
           "It sounds to me as if you may be giving them too much water, so let the soil dry out a little.\n"
           "The lower leaves often turn yellow as the plant gets older, so take them off and do not worry.\n"
           "Reply\nQuote\n" +
           chrome_above_last +
           "Thanks, I will cut back on the water and see what happens to them.\n"
           "Reply\nQuote\nPage 1 of 1\n";
  };
  Cleaner c;
  auto r = c.Clean(page("greenfingers\nPosts: 14\n"));
  EXPECT_TRUE(Kept(r, "Thanks, I will cut back")) << r.text;
  EXPECT_TRUE(Kept(r, "The lower leaves often turn yellow")) << r.text;
  EXPECT_FALSE(Kept(r, "greenfingers")) << r.text;
  EXPECT_FALSE(Kept(r, "Posts: 14")) << r.text;
  // Other chrome above it (a share bar where the posts had their count):
  // no post of the thread, and a sentence that short goes.
  r = c.Clean(page("Share on Facebook\nShare on X\n"));
  EXPECT_FALSE(Kept(r, "Thanks, I will cut back")) << r.text;
  EXPECT_TRUE(Kept(r, "The lower leaves often turn yellow")) << r.text;
  // A subheading between a story's paragraphs is no post's chrome: a
  // teaser's sentence under a label below the story still goes.
  r = c.Clean(Article({}, {"Background", ""},
                      {"", "Elsewhere", "In pictures today", "Around the region", "Our towns", "Family notices",
                       "Local heroes", "Thousands of fans queued overnight for tickets to the final."}));
  EXPECT_TRUE(Kept(r, "Background")) << r.text;
  EXPECT_FALSE(Kept(r, "Thousands of fans queued")) << r.text;
}

TEST(Context, TeasersAboveTheStoryWithOneRepeatedLineAreNoThread) {
  // One short line that comes back with every teaser ("Spotlight") is one
  // marker, not the chrome of posts: the teasers stay chaff.
  const char* teasers[] = {
      "You will not believe how little the new garden sheds cost.",
      "Doctors say that one simple habit can help you sleep better.",
      "The cheapest way to fly to the coast is one nobody tries.",
      "Here is why so many are moving their savings into gold.",
  };
  const char* chrome[][5] = {{"Garden Weekly", "Home and Garden", "Jane Green", "Leeds", "Spring"},
                             {"Sleep Clinic", "Health", "Tom Bed", "Bristol", "Night"},
                             {"Cheap Flights", "Travel", "Ann Wing", "Derby", "Summer"},
                             {"Gold Desk", "Money", "Max Coin", "York", "Autumn"}};
  std::vector<std::string> before;
  for (int t = 0; t < 4; ++t) {
    before.push_back(teasers[t]);
    before.push_back("Spotlight");
    for (const char* c : chrome[t]) before.push_back(c);
    before.push_back("");
  }
  const std::vector<std::string> middle = {
      "The bridge was built more than a hundred and fifty years ago, and it has carried traffic ever since then.",
      "",
      "Many of the people who live near it say that they have been worried about its state for a long time now.",
      "",
  };
  Cleaner c;
  auto r = c.Clean(Article(before, middle, {}));
  EXPECT_TRUE(Kept(r, kPara1)) << r.text;
  EXPECT_TRUE(Kept(r, kPara3));
  EXPECT_FALSE(Kept(r, "garden sheds")) << r.text;
  EXPECT_FALSE(Kept(r, "one simple habit"));
  EXPECT_FALSE(Kept(r, "savings into gold"));
}

TEST(Context, TheHeadlineAboveAListWhoseFirstItemsAreShortStays) {
  // A timeline: its first items are too short to score as prose, its later
  // ones are sentences. The short ones open as the later ones do (a year),
  // so they are the list's, and the headline above them keeps its place.
  Cleaner c;
  auto r = c.Clean(
      "Local History Society\n"
      "Home\n"
      "Publications\n"
      "Meetings\n"
      "A short history of the Mill Lane school\n"
      "1872 School opens with 48 pupils and one teacher\n"
      "1899 Second classroom added\n"
      "1923 Electric lighting installed\n"
      "1958 The school is extended to take the children of the new housing estate on the hill\n"
      "1994 The school closes and its pupils move to the new building on Brook Road\n"
      "The building was converted into flats in 2001, but the bell tower and the date stone over the door "
      "can still be seen from the lane.\n");
  EXPECT_TRUE(Kept(r, "A short history of the Mill Lane school\n1872 School opens")) << r.text;
  EXPECT_TRUE(Kept(r, "1923 Electric lighting installed")) << r.text;
  EXPECT_FALSE(Kept(r, "Publications")) << r.text;
}

TEST(Context, AnEssaysNotesRightUnderItStay) {
  // The notes under an essay have few stopwords and no prose; their
  // heading says what they are, and the toolbar below ends them.
  Cleaner c;
  auto r = c.Clean(Article({}, {},
                           {"", "Notes", "1. Town council minutes, 4 March 1826.", "2. Parish magazine, June 1911, p. 4.",
                            "", "Download PDF", "Cite this article", "Share"}));
  EXPECT_TRUE(Kept(r, "Notes\n1. Town council minutes")) << r.text;
  EXPECT_TRUE(Kept(r, "2. Parish magazine, June 1911, p. 4.")) << r.text;
  EXPECT_FALSE(Kept(r, "Cite this article")) << r.text;
}

TEST(Context, ARunOfNumberedItemsRightAboveTheTextIsItsList) {
  // A programme: times, then a closing sentence. The items are too short
  // to score; as a run of three or more with one marker ("09:00", "Week
  // 1") right above the text, they are its list, not its head, and the
  // head above them stays.
  Cleaner c;
  auto r = c.Clean(
      "Home\nSpeakers\nVenue\nRegister\n"
      "Day 1: Thursday 5 September\n"
      "09:00 Registration and coffee\n09:30 Welcome from the organisers\n10:00 Keynote on rural clinics\n"
      "11:00 Session on telemedicine\n12:30 Lunch\n"
      "The programme may change, so please check this page again in the week before the event.\n");
  EXPECT_TRUE(Kept(r, "Day 1: Thursday 5 September\n09:00 Registration and coffee")) << r.text;
  EXPECT_TRUE(Kept(r, "12:30 Lunch")) << r.text;
  EXPECT_FALSE(Kept(r, "Venue")) << r.text;
  // "Week 1" ... "Week 4", then one heading, then the text.
  r = c.Clean(
      "Undergraduate | Postgraduate | Research | Staff\n"
      "HIS2104 The Industrial Revolution\nCourse outline\n"
      "Week 1 Introduction\nWeek 2 Cotton and the factory system\nWeek 3 Canals, roads and railways\n"
      "Week 4 Work and family life\nAssessment\n"
      "There is one essay of three thousand words, and a two-hour exam at the end of the term.\n");
  EXPECT_TRUE(Kept(r, "HIS2104 The Industrial Revolution\nCourse outline\nWeek 1 Introduction")) << r.text;
  EXPECT_TRUE(Kept(r, "Week 4 Work and family life\nAssessment")) << r.text;
  EXPECT_FALSE(Kept(r, "Postgraduate")) << r.text;
  // Two such lines are no run: the head is as before.
  r = c.Clean("Home\nSpeakers\nVenue\nRegister\n09:00 Registration and coffee\n12:30 Lunch\n"
              "The programme may change, so please check this page again in the week before the event.\n");
  EXPECT_FALSE(Kept(r, "Register")) << r.text;
}

TEST(Context, AListAnnouncedByAColonStays) {
  // The story ends on a line that announces a list; the list's short items
  // stay, the footer after them still goes.
  std::vector<std::string> after = {"", "The places where the bridge will be closed to walkers on weekends are:", ""};
  const std::vector<std::string> items = {"North Quay steps", "Mill Lane", "The old toll house",
                                          "Riverside Park gate", "Church Street", "The ferry landing"};
  for (const auto& item : items) after.push_back(item);
  after.insert(after.end(), {"", "Copyright 2024 Daily Planet Inc. All rights reserved.", "Home", "News", "Sport",
                             "Weather", "Contact us", "Privacy policy"});
  Cleaner c;
  auto r = c.Clean(Article({}, {}, after));
  for (const auto& item : items) EXPECT_TRUE(Kept(r, item)) << item << "\n" << r.text;
  EXPECT_TRUE(Kept(r, kPara3));
  EXPECT_FALSE(Kept(r, "Copyright 2024"));
  EXPECT_FALSE(Kept(r, "Privacy policy"));
  // Without the colon the same short lines after the story are chaff.
  after[1] = "The places where the bridge will be closed to walkers on weekends are listed below.";
  r = c.Clean(Article({}, {}, after));
  EXPECT_FALSE(Kept(r, "Riverside Park gate")) << r.text;
}

// The lines as a block of their own: a blank line above and below.
std::vector<std::string> SetApart(const std::vector<std::string>& lines) {
  std::vector<std::string> block = {""};
  block.insert(block.end(), lines.begin(), lines.end());
  block.push_back("");
  return block;
}

TEST(Context, ATableOfFiguresRightAfterTheStoryStaysUpToTheToolbar) {
  // The story's own results table, then the page's toolbar and menu.
  const std::vector<std::string> table = {"Harbour regatta, final standings", "1. Okafor (Tern) 41:02",
                                          "2. Lindqvist (Gull) 41:37", "3. Marsh (Petrel) 42:10",
                                          "4. Duarte (Tern) 43:55"};
  std::vector<std::string> after = {""};
  after.insert(after.end(), table.begin(), table.end());
  after.insert(after.end(), {"", "Print this story", "Home", "News", "Sport", "Weather"});
  Cleaner c;
  auto r = c.Clean(Article({}, {}, after));
  for (const auto& line : table) EXPECT_TRUE(Kept(r, line)) << line << "\n" << r.text;
  EXPECT_FALSE(Kept(r, "Print this story"));
  EXPECT_FALSE(Kept(r, "Weather"));

  // A widget before the toolbar, with a link on to more of it: not the story's.
  std::vector<std::string> widget = {"", "Harbour weather", "Now 12 C, light rain", "Wind: 14 km/h from the west",
                                     "Tomorrow 15 C", "More weather", "Print this story", "Home"};
  r = c.Clean(Article({}, {}, widget));
  EXPECT_FALSE(Kept(r, "Now 12 C")) << r.text;
  EXPECT_FALSE(Kept(r, "Tomorrow 15 C")) << r.text;

  // Section links without figures: a menu, not a table.
  std::vector<std::string> menu = {"", "Local news", "Business", "Opinion", "Letters", "Print this story", "Home"};
  r = c.Clean(Article({}, {}, menu));
  EXPECT_FALSE(Kept(r, "Letters")) << r.text;

  // Two dates and a slogan under the story are a site's footer, not a table.
  std::vector<std::string> footer = {"", "on March 2, 2021 04:18 PM", "Read all about it.", "March 9, 2021 05:42am",
                                     "Print this story", "Home"};
  r = c.Clean(Article({}, {}, footer));
  EXPECT_FALSE(Kept(r, "March 9, 2021 05:42am")) << r.text;

  // The table's heading may be a copy of a menu's label above the story
  // ("Results"), and a site's list of its most watched videos ends it.
  std::vector<std::string> scores = {"Results", "United 2-1 Castle", "Rovers 0-2 Athletic", "Town 1-1 City",
                                     "Wanderers 3-0 Albion"};
  std::vector<std::string> results_after = scores;
  results_after.insert(results_after.end(), {"Most watched", "Highlights: United 2-1 Castle", "Manager on the win"});
  r = c.Clean(Article({"Sport", "Football", "Results"}, {}, results_after));
  for (const auto& line : scores) EXPECT_TRUE(Kept(r, line)) << line << "\n" << r.text;
  EXPECT_EQ(Copies(r, "Results"), 1u) << r.text;
  EXPECT_FALSE(Kept(r, "Highlights: United 2-1 Castle")) << r.text;

  // A picture's credit under the last paragraph stands before the table:
  // it goes, and the table stays.
  std::vector<std::string> credited = {"", "Photo: Jane Roe"};
  credited.insert(credited.end(), table.begin(), table.end());
  credited.insert(credited.end(), {"", "Print this story", "Home", "News"});
  r = c.Clean(Article({}, {}, credited));
  for (const auto& line : table) EXPECT_TRUE(Kept(r, line)) << line << "\n" << r.text;
  EXPECT_FALSE(Kept(r, "Photo: Jane Roe")) << r.text;

  // Short fields are rows too: the new committee under the meeting's report.
  const std::vector<std::string> committee = {"The new committee", "Chair: Claire Martin", "Treasurer: Paul Girard",
                                              "Secretary: Ines Benali"};
  std::vector<std::string> committee_after = {""};
  committee_after.insert(committee_after.end(), committee.begin(), committee.end());
  committee_after.insert(committee_after.end(), {"", "Print this story", "Home", "News"});
  r = c.Clean(Article({}, {}, committee_after));
  for (const auto& line : committee) EXPECT_TRUE(Kept(r, line)) << line << "\n" << r.text;
  // A teaser list whose titles open with a kicker and a colon is no table.
  std::vector<std::string> kickers = {"", "Radio war: Presenter livid at rival's magic move",
                                      "Romance rumours: Singer denies link with actor",
                                      "Spending frenzy: Star's day of retail therapy",
                                      "Print this story", "Home"};
  r = c.Clean(Article({}, {}, kickers));
  EXPECT_FALSE(Kept(r, "Romance rumours")) << r.text;

  // The table ends at its last row: a heading between it and the toolbar
  // heads what the toolbar opens. A note under the rows is the table's.
  std::vector<std::string> headed = {""};
  headed.insert(headed.end(), table.begin(), table.end());
  headed.insert(headed.end(), {"Next race: Saturday at the harbour.", "Latest from the club", "Print this story",
                               "Home"});
  r = c.Clean(Article({}, {}, headed));
  for (const auto& line : table) EXPECT_TRUE(Kept(r, line)) << line << "\n" << r.text;
  EXPECT_TRUE(Kept(r, "Next race: Saturday at the harbour.")) << r.text;
  EXPECT_FALSE(Kept(r, "Latest from the club")) << r.text;

  // Nothing after the figures says where the story ended: they go.
  std::vector<std::string> open_end = {""};
  open_end.insert(open_end.end(), table.begin(), table.end());
  r = c.Clean(Article({}, {}, open_end));
  EXPECT_FALSE(Kept(r, "2. Lindqvist")) << r.text;

  // Fields are the article's even at the record's end: a course page's
  // facts under its description. The page's date below them is not.
  const std::vector<std::string> course = {"Prerequisites: PHYS 110 and MATH 120", "Instructor: Dr. Helen Park",
                                           "Office hours: Tuesday 2-4 pm, Room 204", "Grading",
                                           "Homework 30%", "Final exam 70%"};
  std::vector<std::string> course_after = {""};
  course_after.insert(course_after.end(), course.begin(), course.end());
  course_after.insert(course_after.end(), {"Page maintained by the office", "Last modified: September 2, 2006"});
  r = c.Clean(Article({}, {}, course_after));
  for (const auto& line : course) EXPECT_TRUE(Kept(r, line)) << line << "\n" << r.text;
  EXPECT_FALSE(Kept(r, "Last modified")) << r.text;
}

TEST(Context, ATableOfFiguresInsideTheStoryStaysWhole) {
  // Match stats between two paragraphs: the labels and the bare figures
  // (which alone would pass for a pager) stay.
  const std::vector<std::string> stats = {"Inspection in figures", "Piers inspected", "14", "Piers needing repair",
                                          "9", "Arches cracked", "3", "Days of closure", "120"};
  Cleaner c;
  auto r = c.Clean(Article({}, SetApart(stats), {}));
  for (const auto& line : stats) EXPECT_TRUE(Kept(r, "\n" + line + "\n")) << line << "\n" << r.text;

  // A long one between the lead and the rest neither cuts the lead off the
  // story nor goes itself.
  std::vector<std::string> long_table = {"", "Inspection in figures"};
  for (int pier = 1; pier <= 14; ++pier) {
    long_table.push_back("Pier " + std::string(1, static_cast<char>('A' + pier - 1)));
    long_table.push_back(std::to_string(pier * 7 % 40) + "%");
  }
  long_table.push_back("");
  r = c.Clean(Article({}, long_table, {}));
  EXPECT_TRUE(Kept(r, kPara1)) << r.text;
  for (const auto& line : long_table) EXPECT_TRUE(Kept(r, line)) << line << "\n" << r.text;

  // A calendar (weekdays, then the days of the month) and a pager have
  // figures but no rows: widgets, not the story's.
  std::vector<std::string> calendar = {"", "January 2008"};
  for (const char* day : {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"}) calendar.push_back(day);
  for (int day = 1; day <= 31; ++day) calendar.push_back(std::to_string(day));
  calendar.push_back("");
  r = c.Clean(Article({}, calendar, {}));
  EXPECT_TRUE(Kept(r, kPara1) && Kept(r, kPara2)) << r.text;
  EXPECT_FALSE(Kept(r, "\nWed\n")) << r.text;
  EXPECT_FALSE(Kept(r, "\n17\n")) << r.text;
  r = c.Clean(Article({}, {"", "Pages", "1", "2", "3", "4", "5", "Next", ""}, {}));
  EXPECT_FALSE(Kept(r, "\n3\n")) << r.text;
}

TEST(Context, AFlattenedTableOfNamesAndFiguresInsideTheStoryStays) {
  // A result, a cell to a line: two columns of words and one of figures,
  // under a header row. Its figures come every third cell.
  const std::vector<std::string> result = {"Candidate", "Party",  "Votes", "Ann Hughes", "Labour", "1,204",
                                           "Peter Lyle", "Conservative", "987", "Sam Ortiz", "Green", "412"};
  Cleaner c;
  auto r = c.Clean(Article({}, SetApart(result), {}));
  for (const auto& line : result) EXPECT_TRUE(Kept(r, "\n" + line + "\n")) << line << "\n" << r.text;

  // A listing has the same beat, but a column of buttons repeated in every
  // row: it goes.
  std::vector<std::string> listing = {"", "Hot deals"};
  for (const char* car : {"Volvo Estate", "Ford Coupe", "Fiat Saloon", "Audi Hatchback"}) {
    for (const char* cell : {car, "£12,999", "Email dealer", "More details"}) listing.push_back(cell);
  }
  listing.push_back("");
  r = c.Clean(Article({}, listing, {}));
  EXPECT_TRUE(Kept(r, kPara1) && Kept(r, kPara2)) << r.text;
  EXPECT_FALSE(Kept(r, "Ford Coupe")) << r.text;
  EXPECT_FALSE(Kept(r, "More details")) << r.text;
}

TEST(Context, AOneWordLabelBetweenTwoKeptLinesStays) {
  // The head above the story keeps its last lines; "Cost", which alone
  // would pass for a menu item, sits between two of them.
  Cleaner c;
  auto r = c.Clean(Article({"Home", "Sport", "Weather", "", "Length of closure: nine months", "Cost",
                            "Four million pounds", ""},
                           {}, {}));
  EXPECT_TRUE(Kept(r, "Length of closure: nine months\nCost\nFour million pounds\n")) << r.text;
  EXPECT_FALSE(Kept(r, "Weather")) << r.text;
  // Next to one kept line only, it goes.
  r = c.Clean(Article({"Home", "Sport", "Weather", "", "Cost", "Four million pounds", ""}, {}, {}));
  EXPECT_FALSE(Kept(r, "Cost\n")) << r.text;
  // A row of labels set apart by bars is a menu wherever it stands, even
  // between the club's greeting (kept for the words the story shares with
  // it) and the first heading.
  r = c.Clean(
      "Welcome to Harwood Cycling Club\n"
      "Home | Rides | Membership | Gallery | Links\n"
      "Club news\n"
      "Summer time trial series\n"
      "The evening time trials of the club start again on Wednesday at seven from the lay-by on the Hollins road, "
      "and all members are welcome, whatever their speed.\n"
      "Thanks to everyone who came to the annual dinner of the cycling club in March, which raised more money "
      "for the junior section than ever before.\n");
  EXPECT_TRUE(Kept(r, "Summer time trial series")) << r.text;
  EXPECT_FALSE(Kept(r, "Home | Rides")) << r.text;
}

TEST(Context, ALongerTeaserHeadingEndsTheStory) {
  std::vector<std::string> after = {"", "Other stories from this section that may interest you:"};
  for (const char* t : {"Ferry strike ends after union vote", "Harbour cafe wins regional award",
                        "New cycle lane opens on the coast road"}) {
    after.push_back(t);
  }
  Cleaner c;
  auto r = c.Clean(Article({}, {}, after));
  EXPECT_TRUE(Kept(r, kPara3));
  EXPECT_FALSE(Kept(r, "may interest you")) << r.text;
  EXPECT_FALSE(Kept(r, "Harbour cafe wins")) << r.text;
}

TEST(Context, AReplyQuotingAnEarlierPostKeepsTheQuote) {
  // A forum thread: a reply opens with the sentence of an earlier post it
  // answers. The quote is part of the discussion, not a banner printed
  // twice: it stays. A sentence printed again right below itself (a caption
  // under its picture) still goes.
  const std::string quoted = "I think the new timetable will make the morning trains even more crowded than before.";
  const std::string caption = "Commuters wait on the platform at the central station on a wet Monday morning.";
  const std::vector<std::string> thread = {
      "harbour_walker", "12 March 2024, 08:15", quoted,
      "They also cut two of the evening services, which nobody seems to have noticed yet.", "",
      "tram_fan", "12 March 2024, 09:02",
      "The operator says that the longer trains will carry more people, so it should even out.", "",
      "quietcarriage", "12 March 2024, 09:40", caption, caption, quoted,
      "Longer trains do not help when the platforms at the small stations cannot take them.",
      "They said the same thing about the last timetable, and it took them a year to fix it.", "",
      "harbour_walker", "12 March 2024, 10:05",
      "That is a fair point, and I had not thought about the platforms at all when I wrote that."};
  std::vector<std::string> before = thread;
  before.push_back("");
  Cleaner c;
  auto r = c.Clean(Article(before, {}, {}));
  EXPECT_EQ(Copies(r, quoted), 2u) << r.text;
  EXPECT_EQ(Copies(r, caption), 1u) << r.text;
  EXPECT_TRUE(Kept(r, "Longer trains do not help")) << r.text;
  EXPECT_TRUE(Kept(r, kPara3)) << r.text;
  // A sentence printed again that nothing answers (a promotion between the
  // paragraphs and again under the story, above the share buttons) is a
  // banner: the second copy goes.
  const std::string appeal = "The harbour festival returns this summer with music on the quay every evening.";
  r = c.Clean(Article({}, {appeal, "", "A second survey of the piers will be carried out in the autumn, the council said.", ""},
                      {"", appeal, "Share this article"}));
  EXPECT_EQ(Copies(r, appeal), 1u) << r.text;
  EXPECT_LT(r.text.find(appeal), r.text.find(kPara2)) << r.text;
}

TEST(Context, AFieldEveryEntryOfAListingPrintsStays) {
  // A catalogue of reports: each entry prints the same fields, some with
  // the same values as an entry above. They are the entries' data, not a
  // repeated banner.
  const char* abstracts[] = {
      "The study followed two hundred pupils through their first year at a larger school and asked them about it.",
      "Teachers in small rural districts were asked how they share resources with schools in nearby towns.",
      "This report describes how one county changed the way it pays for school buses over a period of ten years.",
      "A survey of parents found that most of them would welcome longer opening hours at the school library."};
  std::vector<std::string> entries;
  for (int i = 0; i < 4; ++i) {
    entries.push_back("Report " + std::to_string(i + 1) + " of 4, by the county research office");
    entries.push_back(abstracts[i]);
    entries.push_back("Document type: Research report (peer reviewed), 2019 series");
    entries.push_back("Available from: the county library, reference desk, second floor");
    entries.push_back("");
  }
  Cleaner c;
  auto r = c.Clean(Article({}, entries, {}));
  for (const char* field : {"Document type: Research report", "Available from: the county library"}) {
    EXPECT_EQ(Copies(r, field), 4u) << field << "\n" << r.text;
  }
  // The same field printed twice in a row is still a repeat.
  r = c.Clean(Article({}, {"Document type: Research report (peer reviewed), 2019 series",
                           "Document type: Research report (peer reviewed), 2019 series", ""}, {}));
  EXPECT_EQ(Copies(r, "Document type"), 1u) << r.text;
}

TEST(Context, SectionHeadingsListedInAContentsBoxAboveStay) {
  // The contents box at the top goes as chaff; the same headings inside the
  // story are then the first copies the output has, so they stay (and a
  // third copy further down still goes as a repeat).
  const std::vector<std::string> toc = {"What the engineers found under the old piers",
                                        "When the bridge will open to traffic again"};
  // The box sits above a long menu, out of reach of the headline search.
  std::vector<std::string> before = {toc[0], toc[1]};
  for (const char* item : {"Gardening", "Motoring", "Recipes", "Obituaries", "Horoscopes", "Crossword", "Puzzles",
                           "Letters", "Classifieds", "Lottery", "Theatre", "Cinema", "Books", "Music", "Fashion",
                           "Property"}) {
    before.push_back(item);
  }
  before.push_back("");
  std::vector<std::string> after = {"", toc[1], "",
                                    "A spokesman for the council said that the repairs would be paid for from the "
                                    "roads budget this year.",
                                    "", toc[1]};
  Cleaner c;
  auto r = c.Clean(Article(before, {toc[0], ""}, after));
  EXPECT_EQ(Copies(r, toc[0]), 1u) << r.text;
  EXPECT_EQ(Copies(r, toc[1]), 1u) << r.text;
  EXPECT_FALSE(Kept(r, "Horoscopes")) << r.text;
  EXPECT_TRUE(r.text.find(toc[0]) > r.text.find(kPara1)) << r.text;  // the heading in the story, not the box's
  EXPECT_TRUE(Kept(r, kPara2));
}

TEST(Context, AShortLineBetweenTwoToolbarButtonsAboveTheStoryGoes) {
  // An audio player under the byline: its length stands between two of
  // its buttons. The head keeps the headline and byline; the player goes.
  const std::vector<std::string> head = {"Ferry strike ends after three days", "By Oliver Grant"};
  auto page = [&](const std::string& length) {
    std::vector<std::string> before = {"World", ""};
    before.insert(before.end(), head.begin(), head.end());
    for (const char* l : {"Listen to this article", length.c_str(), "Listen", ""}) before.push_back(l);
    return Article(before, {}, {});
  };
  Cleaner c;
  for (const char* length : {"3 min", "4:12 mins", "Audio 5 min"}) {
    auto r = c.Clean(page(length));
    EXPECT_FALSE(Kept(r, length)) << r.text;
    for (const auto& l : head) EXPECT_TRUE(Kept(r, l + "\n")) << l << "\n" << r.text;
  }
  // A short line under the headline with a button below it and none above
  // is the head's (a standfirst's kicker, a date): it stays.
  auto r = c.Clean(Article({head[0], "Updated daily", "Listen", ""}, {}, {}));
  EXPECT_TRUE(Kept(r, "Updated daily")) << r.text;
  EXPECT_TRUE(Kept(r, head[0])) << r.text;
  // A short sentence between two such lines is the story's.
  r = c.Clean(Article({head[0], "Advertisement", "Nobody was hurt.", "Share"}, {}, {}));
  EXPECT_TRUE(Kept(r, "Nobody was hurt.")) << r.text;
}

TEST(Context, AContentsBoxRightAboveTheHeadlineIsNotTheHead) {
  // The entries of the box name the story's section headings below: they
  // go as copies of them (so they leave the headline its place at the
  // top), and the headings in the story stay.
  const std::string headline = "Harbour bridge to reopen after two years of repairs";
  const std::vector<std::string> toc = {"What the engineers found", "When the traffic returns"};
  auto page = [&](const std::vector<std::string>& entries) {
    std::vector<std::string> before = {"Home | News | Sport | Weather", "Contents"};
    before.insert(before.end(), entries.begin(), entries.end());
    before.push_back(headline);
    return Article(before, {toc[0], ""}, {"", toc[1], "",
                                          "A spokesman for the council said that the repairs would be paid for "
                                          "from the roads budget this year."});
  };
  Cleaner c;
  auto r = c.Clean(page(toc));
  EXPECT_TRUE(Kept(r, headline)) << r.text;
  EXPECT_EQ(r.text.find(toc[0]), r.text.rfind(toc[0])) << r.text;  // once: in the story
  EXPECT_GT(r.text.find(toc[0]), r.text.find(kPara1)) << r.text;
  EXPECT_EQ(r.text.find(toc[1]), r.text.rfind(toc[1])) << r.text;
  EXPECT_GT(r.text.find(toc[1]), r.text.find(kPara3)) << r.text;
  size_t entries_gone = 0;
  for (const LineDecision& d : r.lines) {
    if (!d.keep && d.reason == LineReason::kRepeat && d.ref_line > 0 &&
        r.lines[d.ref_line - 1].keep) {
      ++entries_gone;
    }
  }
  EXPECT_EQ(entries_gone, 2u);
  // One line above the headline with a copy below is no box (a recipe
  // card that repeats the title): it is the head, as before.
  r = c.Clean(page({toc[0]}));
  EXPECT_TRUE(Kept(r, headline)) << r.text;
  EXPECT_LT(r.text.find(toc[0]), r.text.find(kPara1)) << r.text;
}

TEST(Context, ALiveBlogsHeadlineStaysAboveItsControls) {
  // Timestamps and updates are the main text; the blog's controls between
  // them and the headline go by rule and leave the headline its place.
  const std::string headline = "Live: storm brings flooding to the coast";
  std::string page = headline + "\nSign in | Subscribe\nKey events\nShow key events only\n";
  for (const char* update : {"14:52", kPara1, "14:31", kPara2, "14:05", kPara3}) page += std::string(update) + "\n";
  page += "Most viewed\nFive things to do this weekend\n";
  Cleaner c;
  auto r = c.Clean(page);
  EXPECT_TRUE(Kept(r, headline)) << r.text;
  EXPECT_FALSE(Kept(r, "Key events")) << r.text;
  EXPECT_TRUE(Kept(r, "14:31")) << r.text;
  EXPECT_FALSE(Kept(r, "Five things")) << r.text;
}

TEST(Context, ASeparatorBetweenBylineAndDateIsNoHeadLine) {
  // "·" between the author and the date (a blogging platform's head) used
  // up one of the three head lines, and the headline above went.
  const std::string headline = "How we cut our build times in half";
  const std::string page = std::string("Sign in\nMember-only story\n") + headline +
                           "\nPriya Raman\nFollow\n6 min read\n\u00b7\nFeb 11, 2026\nShare\n" + kPara1 + "\n" +
                           kPara2 + "\n" + kPara3 + "\n";
  Cleaner c;
  auto r = c.Clean(page);
  EXPECT_TRUE(Kept(r, headline)) << r.text;
  EXPECT_TRUE(Kept(r, "Priya Raman")) << r.text;
  EXPECT_FALSE(Kept(r, "Member-only story")) << r.text;
}

TEST(Context, ARowOfLinksAboveTheHeadlineIsTheTopOfTheHead) {
  // A section menu written as one row ("Local News | Crime | Schools")
  // right above the headline is not a head line; a byline or a dated
  // credit written with bars is, and a row of bars inside the article (a
  // table's header) is the article's.
  const std::string headline = "Plans for new primary school approved";
  struct Case {
    std::string row;
    bool above;  // above the headline, else below it
    bool kept;
  };
  for (const Case& t : {Case{"Local News | Crime | Schools | Council", true, false},
                        Case{"Columnists | Letters | Editorials |", true, false},
                        Case{"By Ann Lee | Staff writer | Education", false, true},
                        Case{"Ann Lee | Weekly Comic | November 12th 2012", false, true}}) {
    Cleaner c;
    const std::string head = t.above ? t.row + "\n" + headline : headline + "\n" + t.row;
    auto r = c.Clean(head + "\n" + kPara1 + "\n" + kPara2 + "\n" + kPara3 + "\n");
    EXPECT_TRUE(Kept(r, headline)) << r.text;
    EXPECT_EQ(Kept(r, t.row), t.kept) << r.text;
  }
  const std::string header = "Model | Layers | Heads";
  Cleaner c;
  auto r = c.Clean(headline + "\n" + kPara1 + "\n" + header + "\nbase | 12 | 12\nlarge | 24 | 16\n" + kPara2 +
                   "\n" + kPara3 + "\n");
  EXPECT_TRUE(Kept(r, header)) << r.text;
}

TEST(Context, TheSiteNameAboveTheMenuIsNoHeadLine) {
  // Site name, a menu of labels (one a line), headline, standfirst, text:
  // the head ends at the menu, so the site's name goes. Counts beside the
  // byline ("312", "4") are no menu: the headline above them stays.
  const std::string site = "The Riverside Gazette";
  const std::string headline = "Plans for new primary school approved";
  for (const std::string menu : {"Home\nNews\nSport\nBusiness\nSign in\n", "Home\nNews\nSport\n"}) {
    Cleaner c;
    auto r = c.Clean(site + "\n" + menu + headline + "\n" + kPara1 + "\n" + kPara2 + "\n" + kPara3 + "\n");
    EXPECT_FALSE(Kept(r, site)) << r.text;
    EXPECT_TRUE(Kept(r, headline)) << r.text;
  }
  // A headline above a breadcrumb menu stays by the words the lead shares
  // with it; one above a byline's counts is still in the walk.
  Cleaner c;
  const std::string lead_words = "Council agrees to repair the old bridge";
  auto r = c.Clean(lead_words + "\nHome\nNews\nWorld\n" + kPara1 + "\n" + kPara2 + "\n" + kPara3 + "\n");
  EXPECT_TRUE(Kept(r, lead_words)) << r.text;
  r = c.Clean(headline + "\nAnn Lee\n312\n4\n12\n" + kPara1 + "\n" + kPara2 + "\n" + kPara3 + "\n");
  EXPECT_TRUE(Kept(r, headline)) << r.text;
}

TEST(Context, ASentenceOfNamesAndFiguresEndingTheStoryStays) {
  // The last line of a results story or a study is a sentence with few
  // stopwords (one in seven here); the menu below it still goes.
  const std::string last = "Eight of eight untreated seedlings later wilted completely.";
  Cleaner c;
  auto r = c.Clean(Article({}, {}, {last, "Scores", "Fixtures", "League Tables", "Player Ratings"}));
  EXPECT_TRUE(Kept(r, last)) << r.text;
  EXPECT_FALSE(Kept(r, "League Tables")) << r.text;
}

TEST(Context, ShortSentencesAfterTheStoryStayTruncatedTeasersGo) {
  // The steps of a recipe and a closing line of three or four words end as
  // sentences do: they are not chaff. A teaser cut off with an ellipsis, or
  // a bulleted one, is no such sentence.
  Cleaner c;
  auto r = c.Clean(Article({}, {}, {"Method", "Soften the onion in the oil.", "Add the garlic and cook for a minute.",
                                    "Simmer for fifteen minutes.", "Blend until smooth and season.",
                                    "No injuries were reported.", "\xE2\x80\x9CWill it hold?\xE2\x80\x9D asked Anna."}));
  for (const std::string line : {"Soften the onion in the oil.", "Add the garlic and cook for a minute.",
                                 "Simmer for fifteen minutes.", "Blend until smooth and season.",
                                 "No injuries were reported.", "\xE2\x80\x9CWill it hold?\xE2\x80\x9D asked Anna."}) {
    EXPECT_TRUE(Kept(r, line)) << line << "\n" << r.text;
  }
  r = c.Clean(Article({}, {}, {"More cricket news...", "How well do you know the season...", "More rugby news...",
                               "\xE2\x80\xA2 County scores so far.", "Subscribe to our feeds"}));
  EXPECT_TRUE(Kept(r, kPara3)) << r.text;
  EXPECT_FALSE(Kept(r, "More cricket news")) << r.text;
  EXPECT_FALSE(Kept(r, "County scores so far")) << r.text;
}

TEST(Context, TheLastQuestionAndAnswerAboveTheShareButtonsStay) {
  // An interview ends on a short question and a one-sentence answer: too
  // short to score as prose, but the story's own, with the page's chrome
  // right below them.
  Cleaner c;
  auto r = c.Clean(Article({}, {}, {"Would you build another one?", "Only if my knees let me.", "Share",
                                    "Related", "Ten walks along the canal this winter"}));
  EXPECT_EQ(Copies(r, "Would you build another one?"), 1u) << r.text;
  EXPECT_EQ(Copies(r, "Only if my knees let me."), 1u) << r.text;
  EXPECT_EQ(Copies(r, "Ten walks along the canal"), 0u) << r.text;
  // A share bar under a closing sentence is no sentence: it still goes.
  r = c.Clean(Article({}, {}, {"Tell us what you make of the plan.", "Mail | Post | Link", "Related",
                               "Ten walks along the canal this winter"}));
  EXPECT_EQ(Copies(r, "Mail | Post"), 0u) << r.text;
  // A speech's last words, two of them, stay; a form's question there goes.
  r = c.Clean(Article({}, {}, {"Thank you.", "Print this page", "Back to speeches"}));
  EXPECT_EQ(Copies(r, "Thank you."), 1u) << r.text;
  r = c.Clean(Article({}, {}, {"Not registered?", "Print this page", "Back to speeches"}));
  EXPECT_EQ(Copies(r, "Not registered?"), 0u) << r.text;
  // Under a subheading: a last short paragraph stays with it; an entry of
  // few stopwords (a source's citation), or the heading alone, does not.
  // (A list heading, "References" or "Notes", announces its entries:
  // AnEssaysNotesRightUnderItStay.)
  r = c.Clean(Article({}, {}, {"What happens next", "The work will start in May.", "Share", "Related",
                               "Ten walks along the canal this winter"}));
  EXPECT_EQ(Copies(r, "What happens next\nThe work will start in May."), 1u) << r.text;
  r = c.Clean(Article({}, {}, {"Earlier studies", "Lee, A. & Roe, B. Stone bridges after floods. Eng. Hist. 8, 112-120 (2019).",
                               "Share", "Related", "Ten walks along the canal this winter"}));
  EXPECT_EQ(Copies(r, "Earlier studies"), 0u) << r.text;
  r = c.Clean(Article({}, {}, {"What happens next", "Share", "Related", "Ten walks along the canal this winter"}));
  EXPECT_EQ(Copies(r, "What happens next"), 0u) << r.text;
}

TEST(Context, AHowTosLastStepStaysUnderItsNumberedHeading) {
  // A how-to's steps, each under "Step N": the last one is short, and its
  // heading no sentence. It is the text's next part, as "Step 1" to "Step 3"
  // in the text above it say; a heading unlike them ends the text.
  auto page = [](const std::string& heading) {
    std::string s = "How to lay a patio\n";
    const char* steps[] = {kPara1, kPara2, kPara3};
    for (int k = 0; k < 3; ++k) s += "Step " + std::to_string(k + 1) + "\n" + steps[k] + "\n";
    return s + heading + "\nFill the joints after two days.\nWas this article helpful?\nYes\nNo\n";
  };
  Cleaner c;
  auto r = c.Clean(page("Step 4"));
  EXPECT_TRUE(Kept(r, "Step 4\nFill the joints after two days.\n")) << r.text;
  EXPECT_FALSE(Kept(r, "helpful")) << r.text;
  r = c.Clean(page("Top 10 patio ideas"));
  EXPECT_FALSE(Kept(r, "Fill the joints")) << r.text;
}

TEST(Context, TheLastSentenceUnderStoryContinuesBelowStays) {
  // An advertisement's label ("Story continues below", a bare
  // "Advertisement") is passed as a caption is: the story's last short
  // line under it stays.
  Cleaner c;
  for (const char* label : {"Story continues below advertisement", "Advertisement"}) {
    auto r = c.Clean(Article({}, {}, {label, "Some residents want a tunnel instead.", "Share", "Related",
                                      "Ten walks along the canal this winter"}));
    EXPECT_EQ(Copies(r, "Some residents want a tunnel instead."), 1u) << label << "\n" << r.text;
    EXPECT_EQ(Copies(r, label), 0u) << r.text;
    // Under the label, a teaser's title with no sentence goes.
    r = c.Clean(Article({}, {}, {label, "Ten walks along the canal this winter", "Share"}));
    EXPECT_EQ(Copies(r, "Ten walks"), 0u) << label << "\n" << r.text;
  }
  // The label ends those lines as the chrome does when what comes under
  // it ends nothing: the teasers' titles of the box below.
  auto r = c.Clean(Article({}, {}, {"RELATED: Library to open on Sundays", "", "It weighs just 1.3kg.", "Advertisement",
                                    "Council tax to rise by five per cent", "New bus lane opens on the ring road",
                                    "Library to open on Sundays", "Most read"}));
  EXPECT_EQ(Copies(r, "It weighs just 1.3kg."), 1u) << r.text;
  EXPECT_EQ(Copies(r, "Council tax"), 0u) << r.text;
}

TEST(Context, AnAdvertisementsCopyUnderItsLabelGoesAndTheStorysLastLineStays) {
  // Under an advertisement's label or a "Continue reading" link right
  // below the text, the story's last short sentence stays; the
  // advertisement's copy goes: it speaks to the reader ("you", "our") or
  // calls to act.
  Cleaner c;
  for (const char* label : {"Advertisement", "Continue reading"}) {
    auto r = c.Clean(Article({}, {}, {label, "Nobody was hurt.", "Share", "Twitter"}));
    EXPECT_EQ(Copies(r, "Nobody was hurt."), 1u) << label << "\n" << r.text;
    EXPECT_EQ(Copies(r, label), 0u) << r.text;
    for (const char* copy : {"Get half off your first box today.", "Our best deals, delivered to you every morning.",
                             "Shop the latest deals on garden furniture.",
                             "You\u2019re one click away from half price."}) {
      r = c.Clean(Article({}, {}, {label, copy, "Share"}));
      EXPECT_EQ(Copies(r, copy), 0u) << copy << "\n" << r.text;
    }
  }
  // Under a box's heading, a line goes with it: a teaser's title, ended as
  // a sentence or not, or the box's blurb.
  for (const std::vector<std::string>& box :
       {std::vector<std::string>{"Sign up for our newsletter", "The Morning Briefing is sent every weekday at 7am.",
                                 "Email address", "Sign up"},
        {"Related", "Man dies after crash on ring road.", "Share"},
        {"Most read", "Council tax to rise by five per cent", "Share"},
        {"Share this article", "Help us spread the word.", "Facebook"}}) {
    auto r = c.Clean(Article({}, {}, box));
    EXPECT_EQ(Copies(r, box[1]), 0u) << box[1] << "\n" << r.text;
  }
}

TEST(Context, AShortLineBetweenAMenuAndAnAdvertisementsLabelAboveTheHeadlineGoes) {
  // An advertisement's label is passed as a caption is under the story,
  // but above the headline it is a toolbar's item as any chrome there: the
  // section's name between it and the menu goes with them.
  Cleaner c;
  auto r = c.Clean("Top stories\nLocal News\nAdvertisement\nBridge to close for repairs\n" + std::string(kPara1) +
                   "\n" + kPara2 + "\n12 Comments\nContact us\n");
  EXPECT_TRUE(Kept(r, "Bridge to close for repairs")) << r.text;
  EXPECT_FALSE(Kept(r, "Local News")) << r.text;
}

TEST(Context, ARepublishedArticlesDisclosureAndAPaywallsPitchGo) {
  // Under an academic's article republished from a site that funds it: the
  // republishing line, the writer's disclosure of funding and the
  // publisher's partners. They go; the article stays.
  Cleaner c;
  auto r = c.Clean(Article(
      {}, {},
      {"This article is republished from The Conversation under a Creative Commons license.", "Disclosure statement",
       "Jane Roe does not work for, consult, own shares in or receive funding from any company or organisation that "
       "would benefit from this article, and has disclosed no relevant affiliations beyond their academic "
       "appointment.",
       "Partners", "University of Somewhere provides funding as a member of The Conversation UK."}));
  EXPECT_TRUE(Kept(r, kPara3)) << r.text;
  for (const char* line : {"Disclosure statement", "does not work for", "Partners", "provides funding"}) {
    EXPECT_FALSE(Kept(r, line)) << line << "\n" << r.text;
  }
  // A paywall's notice with its pitch on one line, longer than a prompt.
  const std::string pitch =
      "This article is for subscribers only. Subscribe now to get unlimited access to all our journalism.";
  r = c.Clean(Article({}, {}, {pitch, "Already a subscriber? Log in"}));
  EXPECT_FALSE(Kept(r, "for subscribers only")) << r.text;
  EXPECT_TRUE(Kept(r, kPara3)) << r.text;
}

TEST(Context, AnAuthorsBoxUnderThePostGoesAndThePostsParagraphsUnderItsHeadingStay) {
  // "About the author" (author-box, a tail-marker) under the post, then the
  // writer's name and title and a link: they go. The same heading between
  // two paragraphs of the post ends nothing: it goes alone.
  Cleaner c;
  auto r = c.Clean(Article({}, {}, {"About the author", "Clara Jones", "Travel writer", "View all posts"}));
  EXPECT_TRUE(Kept(r, kPara3)) << r.text;
  for (const char* line : {"About the author", "Clara Jones", "Travel writer"}) EXPECT_FALSE(Kept(r, line)) << r.text;
  r = c.Clean(Article({}, {"About the author"}, {}));
  EXPECT_FALSE(Kept(r, "About the author")) << r.text;
  EXPECT_TRUE(Kept(r, kPara1) && Kept(r, kPara2) && Kept(r, kPara3)) << r.text;
}

TEST(Context, TheLastItemOfANumberedListBelowTheTextStays) {
  // A numbered list of places, each a heading and a sentence; the last
  // item's sentence is too short for prose, and the tags follow it. The
  // item is the list's next one ("5." below "4."): it stays.
  const std::string top =
      "Travel\nGuides\nFive walks along the coast\nBy Ellen Kay\n"
      "The coast path runs for more than a hundred miles, and most of it can be walked in a day or less.\n"
      "Here are the walks we liked best when we spent a week there in the spring.\n"
      "1. The harbour loop\nIt starts at the old pier and climbs to the lighthouse before it comes back along the "
      "beach.\n"
      "2. The cliff path\nThe views from the top of the cliffs are worth the climb, but it is steep and narrow in "
      "places.\n"
      "3. The dunes\nA flat walk through the dunes that children will enjoy, with a cafe at the far end of it.\n"
      "4. The estuary\nBirds gather on the mud at low tide, so bring a pair of binoculars if you have them.\n";
  Cleaner c;
  auto r = c.Clean(top + "5. The old mill\nTake the bus back from the village.\nTags:\ncoast\nwalks\nLeave a Reply\n");
  EXPECT_TRUE(Kept(r, "5. The old mill")) << r.text;
  EXPECT_TRUE(Kept(r, "Take the bus back from the village.")) << r.text;
  EXPECT_FALSE(Kept(r, "\ncoast\n")) << r.text;
  // An item that is not the next one ("1." again: another list's), or a
  // heading under it that is no sentence, ends nothing: they go.
  r = c.Clean(top + "1. The old mill\nTake the bus back from the village.\nTags:\ncoast\nwalks\nLeave a Reply\n");
  EXPECT_FALSE(Kept(r, "The old mill")) << r.text;
  r = c.Clean(top + "5. The old mill\nBus times and fares\nTags:\ncoast\nwalks\nLeave a Reply\n");
  EXPECT_FALSE(Kept(r, "The old mill")) << r.text;
}

TEST(Context, TheLastSentencesAboveALinkNoRuleKnowsStay) {
  // The story's last short sentences under its last photo's credit, then a
  // teaser's title no rule knows, then the "Related Stories" box: the title
  // ends the story as the box does. The sentences stay, the title goes.
  const std::string story =
      "Bridge to close for repairs\n" + std::string(kPara1) + "\n" + kPara2 + "\n" + kPara3 + "\nPhoto: Jane Roe\n";
  Cleaner c;
  auto r = c.Clean(story + "Buses will use the ring road.\n\nThe ferry will run every hour.\n"
                           "Market hall to open on Sundays\nRelated Stories\nLeave a Reply\n");
  EXPECT_TRUE(Kept(r, "Buses will use the ring road.")) << r.text;
  EXPECT_TRUE(Kept(r, "The ferry will run every hour.")) << r.text;
  EXPECT_FALSE(Kept(r, "Market hall")) << r.text;
  // A sentence under the title makes it a list of teasers: the lines go,
  // as they did.
  r = c.Clean(story + "Buses will use the ring road.\n\nThe ferry will run every hour.\n"
                      "Market hall to open on Sundays\nTen walks along the canal.\nRelated Stories\nLeave a Reply\n");
  EXPECT_FALSE(Kept(r, "Ten walks")) << r.text;
  EXPECT_FALSE(Kept(r, "The ferry will run every hour.")) << r.text;
  // A question over short lines is a poll's: it goes with them.
  r = c.Clean("Home\nNews\nSport\n" + std::string(kPara1) + "\n" + kPara2 + "\n" + kPara3 +
              "\nPoll\nShould the ferry run at night?\nYes\nNo\nVote\nView results\n");
  EXPECT_FALSE(Kept(r, "run at night?")) << r.text;
}

TEST(Context, AListALineEndingInAColonAnnouncesGoesOnPastTheItemsTheTextTook) {
  // The text's last line announces a list; its first item is long enough
  // for the text to take, the next ones are not. They are the same list,
  // and stay; the page's footer under them goes.
  const std::string text = std::string(kPara1) + "\n" + kPara2 + "\n" +
                           "Ask for an urgent appointment with your doctor or call the helpline if:\n"
                           "the skin around the blisters is red, hot or painful\n";
  Cleaner c;
  auto r = c.Clean(text + "your child is dehydrated\nyou are pregnant and have not had it before\n"
                          "Page last reviewed: 12 May 2023\nSupport links\nAccessibility statement\n");
  EXPECT_TRUE(Kept(r, "your child is dehydrated")) << r.text;
  EXPECT_TRUE(Kept(r, "you are pregnant")) << r.text;
  EXPECT_FALSE(Kept(r, "Support links")) << r.text;
  // A sentence the text took ends the list: the short lines under it are
  // not announced.
  const std::string footer = "Travel and transport\nParking permits\nPage last reviewed: 12 May 2023\n";
  r = c.Clean(std::string(kPara1) + "\n" + kPara2 + "\n" + kPara3 +
              "\nThe council gave one reason:\nThe money has run out.\n" + footer);
  EXPECT_TRUE(Kept(r, "The money has run out.")) << r.text;
  EXPECT_FALSE(Kept(r, "Parking permits")) << r.text;
  // So does a line the text took that is too long for a list's item: a
  // quote of prose that ends with no full stop.
  r = c.Clean(std::string(kPara1) + "\n" + kPara2 + "\n" + kPara3 +
              "\nThe council leader said:\nwe have waited ten years for this bridge and we will not wait another "
              "ten years for the next one\n" + footer);
  EXPECT_TRUE(Kept(r, "we have waited ten years")) << r.text;
  EXPECT_FALSE(Kept(r, "Parking permits")) << r.text;
}

TEST(Context, ATranscriptsLastLinesStayPastANoteOnTheRoom) {
  // A speech's last short lines under its text: a note on the room
  // ("[Laughter]") stands between them as a caption does, and the closing
  // line under it stays. The page's chrome goes.
  const std::string speech = std::string(kPara1) + "\n" + kPara2 + "\n" + kPara3 + "\n";
  Cleaner c;
  auto r = c.Clean(speech + "[Laughter]\nThank you.\nShare this page\nPrint this page\n");
  EXPECT_TRUE(Kept(r, "Thank you.")) << r.text;
  EXPECT_TRUE(Kept(r, "[Laughter]")) << r.text;
  EXPECT_FALSE(Kept(r, "Share this page")) << r.text;
  // A bracketed line of more words or with a figure is no such note: it
  // ends the story's last lines as any short line would.
  r = c.Clean(speech + "[See the photos of the day in our gallery]\nThank you.\nShare this page\n");
  EXPECT_FALSE(Kept(r, "Thank you.")) << r.text;
  r = c.Clean(speech + "(Laughter, 2)\nThank you.\nShare this page\n");
  EXPECT_FALSE(Kept(r, "Thank you.")) << r.text;
}

TEST(Context, TheLastSentenceUnderAOneLineTeaserStays) {
  // A one-line teaser between the text and its last short sentence is
  // passed as a caption is: the teaser goes, the sentence stays.
  Cleaner c;
  auto r = c.Clean(Article({}, {}, {"Read also: Ferry strike ends after union vote", "Nobody was hurt.",
                                    "\u00a9 2025 Valley Gazette"}));
  EXPECT_EQ(Copies(r, "Nobody was hurt."), 1u) << r.text;
  EXPECT_EQ(Copies(r, "Ferry strike"), 0u) << r.text;
  // Teasers with no sentence under them still go.
  r = c.Clean(Article({}, {}, {"Read also: Ferry strike ends after union vote", "Ten walks along the canal",
                               "\u00a9 2025 Valley Gazette"}));
  EXPECT_EQ(Copies(r, "Ten walks"), 0u) << r.text;
}

TEST(Context, TheLastSentenceUnderTheLastPhotosCreditStays) {
  // A story's closing sentence, too short to score as prose, under its last
  // picture's caption: the caption goes (a credit rule), the sentence stays,
  // as it would right under the text.
  Cleaner c;
  auto r = c.Clean(Article({}, {}, {"A plane drops water over the hills. Photograph: Ann Lee/Getty Images",
                                    "The minister asked for more aircraft.", "Explore more on these topics",
                                    "Greece", "Wildfires"}));
  EXPECT_EQ(Copies(r, "The minister asked for more aircraft."), 1u) << r.text;
  EXPECT_EQ(Copies(r, "Getty Images"), 0u) << r.text;
  EXPECT_EQ(Copies(r, "Wildfires"), 0u) << r.text;
  // Under the credit, teasers (no sentence) still go.
  r = c.Clean(Article({}, {}, {"Photograph: Ann Lee/Getty Images", "Ten walks along the canal this winter",
                               "The best winter coats, tested", "Share"}));
  EXPECT_EQ(Copies(r, "Ten walks along the canal"), 0u) << r.text;
  EXPECT_EQ(Copies(r, "winter coats"), 0u) << r.text;
}

TEST(Context, AScienceStorysStudyReferenceStaysAndItsCitationFooterGoes) {
  // The study's reference right under the text is the story's; the page's
  // citation line, journal line and reuse notice under it are not.
  const std::string reference =
      "Reference: A. Lee et al., Ice on the far side of the moon, Planetary Journal (2025). DOI: 10.1234/pj.2025.77";
  Cleaner c;
  auto r = c.Clean(Article(
      {}, {},
      {"", reference, "Journal information: Planetary Journal",
       "Citation: The moon holds more ice than thought (2025, November 18) retrieved 20 November 2025 from "
       "https://science.example/news/moon-ice.html",
       "This document is subject to copyright. Apart from any fair dealing for the purpose of private study or "
       "research, no part may be reproduced without the written permission. The content is provided for "
       "information purposes only.",
       "Explore further"}));
  EXPECT_EQ(Copies(r, reference), 1u) << r.text;
  for (const char* line : {"Journal information", "Citation:", "subject to copyright", "Explore further"}) {
    EXPECT_EQ(Copies(r, line), 0u) << line << "\n" << r.text;
  }
  EXPECT_EQ(DefaultRuleHit("Citation: The moon holds more ice than thought (2025, November 18) retrieved 20 "
                           "November 2025 from https://science.example/news/moon-ice.html"),
            "reuse-notice");
  EXPECT_EQ(DefaultRuleHit("Citation: the council cited the study in its reply."), "");
  // A buying guide's button: a price and a shop's name.
  EXPECT_EQ(DefaultRuleHit("\u00a3165 at Amazon"), "shop-tools");
  EXPECT_EQ(DefaultRuleHit("$89.99 at Best Buy"), "shop-tools");
  EXPECT_EQ(DefaultRuleHit("\u00a35 at the market"), "");
}

TEST(Context, ALettersClosingAndItsSignerStayBelowTheText) {
  // A letter's closing right below its text stays with the signer's name
  // and title (two short lines); what follows them is the page's again.
  Cleaner c;
  auto r = c.Clean(Article({}, {}, {"", "Yours sincerely,", "Ann Lee", "Head of Planning, Valley Council",
                                    "Copied to:", "Joe Bloggs", "", "Back to the letters page"}));
  for (const char* line : {"Yours sincerely,", "Ann Lee", "Head of Planning, Valley Council"}) {
    EXPECT_EQ(Copies(r, line), 1u) << line << "\n" << r.text;
  }
  EXPECT_EQ(Copies(r, "Copied to:"), 0u) << r.text;
  EXPECT_EQ(Copies(r, "Joe Bloggs"), 0u) << r.text;
  EXPECT_EQ(DefaultRuleHit("Kind regards,"), "");  // meta: it removes nothing
  // A newsletter's closing, and its button to pass it on under the signer.
  for (const std::string closing :
       {"Happy gardening,", "Until next time,", "Take care!", "Love,", "Thanks,", "See you next Friday,"}) {
    r = c.Clean(Article({}, {}, {"", closing, "Maria", "Forward to a friend", "You are receiving this email because "
                                                                          "you signed up on our website."}));
    EXPECT_EQ(Copies(r, closing), 1u) << closing << "\n" << r.text;
    EXPECT_EQ(Copies(r, "Maria"), 1u) << closing << "\n" << r.text;
    EXPECT_EQ(Copies(r, "Forward to a friend"), 0u) << closing << "\n" << r.text;
  }
  // A list between the text and its closing is the letter's too; the same
  // list with no closing under it goes.
  const std::vector<std::string> jobs = {"", "This week's jobs", "- Plant tulip bulbs", "- Clear leaves from ponds",
                                         "- Wrap outdoor taps", ""};
  std::vector<std::string> letter = jobs;
  for (const char* line : {"Happy gardening,", "Maria", "", "Unsubscribe from these emails"}) letter.push_back(line);
  r = c.Clean(Article({}, {}, letter));
  for (const char* line : {"This week's jobs", "Clear leaves", "Happy gardening,", "Maria"}) {
    EXPECT_EQ(Copies(r, line), 1u) << line << "\n" << r.text;
  }
  EXPECT_EQ(Copies(r, "Unsubscribe"), 0u) << r.text;
  letter = jobs;
  letter.push_back("Unsubscribe from these emails");
  r = c.Clean(Article({}, {}, letter));
  EXPECT_EQ(Copies(r, "Clear leaves"), 0u) << r.text;
  // In German, as each pack has its closings.
  std::string brief;
  for (const char* p :
       {"Sehr geehrte Damen und Herren, wir haben Ihren Antrag vom Mai geprüft und können Ihnen heute mitteilen, "
        "dass die Arbeiten an der Brücke im Herbst beginnen werden.",
        "Die Sperrung wird nach unseren Plänen etwa drei Monate dauern, und wir werden die Anwohner rechtzeitig "
        "vorher über die Umleitung informieren.",
        "Für Ihre Fragen steht Ihnen unser Bürgerbüro an allen Werktagen von neun bis zwölf Uhr gern zur "
        "Verfügung."}) {
    brief += std::string(p) + "\n\n";
  }
  r = c.Clean(brief + "Mit freundlichen Grüßen\nAnna Berger\nStadtbauamt\n\nZurück zur Übersicht\n");
  for (const char* line : {"Mit freundlichen Grüßen", "Anna Berger", "Stadtbauamt"}) {
    EXPECT_EQ(Copies(r, line), 1u) << line << "\n" << r.text;
  }
  EXPECT_EQ(r.language, "de");
  // A name under a wire credit is no signer: it goes.
  r = c.Clean(Article({}, {}, {"(AP)", "Ann Lee", "Related", "Ten walks along the canal this winter"}));
  EXPECT_EQ(Copies(r, "Ann Lee"), 0u) << r.text;
  // Nor is a name under a closing far below the text.
  r = c.Clean(Article({}, {}, {"Share", "Related", "Ten walks along the canal this winter", "Best wishes,",
                               "Ann Lee"}));
  EXPECT_EQ(Copies(r, "Ann Lee"), 0u) << r.text;
}

TEST(Context, ASignatureUnderTheTextStaysATitleCaseHeadingThereGoes) {
  // A reader's letter signed with a name and a town, a post signed after a
  // dash: the signature stays with the text, with no closing above it.
  Cleaner c;
  for (const char* sig : {"Jo Bell, Hebden Bridge", "- Sam Ortiz", "\xE2\x80\x94 Ann Lee, Leeds"}) {
    auto r = c.Clean(Article({}, {}, {"", sig, "", "Write to us", "More letters"}));
    EXPECT_EQ(Copies(r, sig), 1u) << sig << "\n" << r.text;
    EXPECT_EQ(Copies(r, "More letters"), 0u) << r.text;
  }
  // A heading in title case is no signature: without a comma or a dash the
  // line goes, as does a name with a figure or a colon in it.
  for (const char* line : {"More Local News", "Latest Comments", "Jo Bell, 14 Mill Lane", "Contact: Jo Bell, Leeds"}) {
    auto r = c.Clean(Article({}, {}, {"", line, "", "Write to us"}));
    EXPECT_EQ(Copies(r, line), 0u) << line << "\n" << r.text;
  }
}

TEST(Context, APrivacyPolicysParagraphOnCookiesStaysTheBannerAboveAStoryGoes) {
  // A consent banner's stock paragraph (a rule without max_words takes it)
  // goes where a banner stands, above the story; between a privacy
  // policy's own paragraphs it is the policy's text.
  const std::string banner =
      "We use cookies to personalise content and ads, to provide social media features and to analyse our "
      "traffic. We also share information about your use of our site with our social media, advertising and "
      "analytics partners who may combine it with other information that you have provided to them.";
  Cleaner c;
  auto r = c.Clean(banner + "\nAccept all\n\nCouncil Agrees To Repair The Old Bridge\n\n" + Article({}, {}, {}));
  EXPECT_EQ(Copies(r, "We use cookies"), 0u) << r.text;
  EXPECT_TRUE(Kept(r, kPara1) && Kept(r, kPara3)) << r.text;
  r = c.Clean(Article({}, {"Cookies", banner}, {}));
  EXPECT_EQ(Copies(r, "We use cookies"), 1u) << r.text;
}

TEST(Rules, ARecordOnOneLineThatABannerOpensStays) {
  // A scraper's record with no line breaks: a consent banner's text, then
  // the article, all one line. The rule that takes the banner's paragraph
  // does not take the record.
  std::string line =
      "We and our partners store and/or access information on a device, such as cookies and process personal "
      "data, such as unique identifiers and standard information sent by a device for personalised advertising "
      "and content, ad and content measurement, and audience insights.";
  for (int i = 0; i < 12; ++i) line += std::string(" ") + kPara1;
  Cleaner c;
  auto r = c.Clean(line + "\n");
  EXPECT_TRUE(Kept(r, kPara1)) << r.text.size();
  EXPECT_EQ(DefaultRuleHit(line), "");
}

TEST(Context, ASongsVersesAreTheTextOfAPageWithNoProse) {
  // No line is prose (ten words with stopwords), but the stanzas read as
  // text: they are the main text, and the menu and the buttons go.
  const std::vector<std::string> verses = {"I waited on the northern line", "with your letter in my hand",
                                           "the train was late the night was cold", "and I did not understand",
                                           "", "So take me home before the light", "the station clock is slow",
                                           "and every bench I sat upon", "remembers where you go"};
  std::string page = "Lyrics\nArtists\nTop Songs\nSubmit Lyrics\n\nNorthern Line\n";
  for (const auto& v : verses) page += v + "\n";
  page += "\nEmbed\nReport wrong lyrics\nPopular songs\n";
  Cleaner c;
  auto r = c.Clean(page);
  for (const auto& v : verses) {
    if (!v.empty()) {
      EXPECT_EQ(Copies(r, v + "\n"), 1u) << v << "\n" << r.text;
    }
  }
  for (const char* chrome : {"Artists", "Top Songs", "Submit Lyrics", "Embed", "Report wrong lyrics"}) {
    EXPECT_EQ(Copies(r, chrome), 0u) << chrome << "\n" << r.text;
  }
  // A page of names and prices has no verses: nothing is taken for text,
  // and only rules remove lines, as before.
  r = c.Clean("Shop\nKitchen\nCast Iron Skillet 26 cm\n\xC2\xA3" "39.99\nEnamelled Casserole Dish 24 cm\n");
  EXPECT_TRUE(Kept(r, "Shop\nKitchen\nCast Iron Skillet")) << r.text;
}

TEST(Context, ATimelinesYearsBetweenItsEntriesStay) {
  // A bare year heads each entry of a timeline; a pager's bare number has
  // three digits at most, and one below the story still goes.
  const std::vector<std::string> timeline = {"1911", "The first ferry crosses to the island.",
                                             "1958", "A second pier is built for the cargo boats.",
                                             "1996", "The old pier is closed to the public."};
  Cleaner c;
  auto r = c.Clean(Article({}, timeline, {"1", "2", "3", "Next"}));
  for (const std::string& line : timeline) EXPECT_EQ(Copies(r, line + "\n"), 1u) << line << "\n" << r.text;
  EXPECT_EQ(Copies(r, "\n2\n"), 0u) << r.text;
  EXPECT_EQ(DefaultRuleHit("2"), "navigation");
  EXPECT_EQ(DefaultRuleHit("Page 1200"), "navigation");
  EXPECT_EQ(DefaultRuleHit("1911"), "");
}

TEST(Context, AReviewsProsAndConsBetweenItsTextAndVerdictStay) {
  // Short list items between two runs of the main text, no rule's line
  // among them: the text's own. A gap a rule's line stands in is not filled
  // (the line a rule took goes, and the short lines by it too).
  const std::string verdict = "A lovely phone to use, as long as you keep a charger nearby.";
  const std::vector<std::string> lists = {"Pros", "Bright, sharp screen", "Excellent camera", "Light and slim",
                                          "Cons", "Poor battery life", "No headphone socket", "Verdict"};
  std::string text = std::string(kPara1) + "\n" + kPara2 + "\n";
  for (const auto& l : lists) text += l + "\n";
  text += verdict + "\nCheck price at Amazon\n";
  Cleaner c;
  auto r = c.Clean(text);
  for (const auto& l : lists) EXPECT_TRUE(Kept(r, l + "\n")) << l << "\n" << r.text;
  EXPECT_TRUE(Kept(r, verdict)) << r.text;
  text = std::string(kPara1) + "\n" + kPara2 + "\nShare this article\n";
  for (const auto& l : lists) text += l + "\n";
  r = c.Clean(text + verdict + "\n");
  EXPECT_TRUE(Kept(r, verdict)) << r.text;
  EXPECT_FALSE(Kept(r, "Share this article")) << r.text;
  EXPECT_FALSE(Kept(r, "Light and slim")) << r.text;
  // Each list on one line right under the text, then the page's chrome.
  r = c.Clean(std::string(kPara1) + "\n" + kPara2 +
              "\nPros: sharp, light, good value\nCons: some distortion at 28mm, no stabiliser\n"
              "Was this review helpful? Yes / No\nCompare prices\n");
  EXPECT_TRUE(Kept(r, "Pros: sharp, light, good value\nCons: some distortion")) << r.text;
  EXPECT_FALSE(Kept(r, "Compare prices")) << r.text;
}

TEST(Context, ASpecTableBetweenTheTextsParagraphsStaysHoweverLong) {
  // More short lines between two runs of the text than a gap may hold
  // (kGapLines): a table of fields ("Battery: 2 days") is the text's own;
  // the same number of cells with no field among them (a menu) is not.
  std::vector<std::string> table;
  for (const char* phone : {"Model A", "Model B", "Model C", "Model D"}) {
    table.push_back(phone);
    table.push_back("Battery: 2 days");
    table.push_back("Waterproof: Yes");
    table.push_back("Weight: 180 g");
  }
  // (Names no rule knows as a menu's: the gap's own shape decides.)
  const std::vector<std::string> menu = {"Oak trees", "Ash", "Birch", "Beech",  "Alder",  "Hazel", "Willow", "Rowan",
                                         "Holly",     "Yew", "Elder", "Maples", "Cherry", "Pines", "Larch",  "Spruce"};
  ASSERT_EQ(table.size(), menu.size());
  auto page = [](const std::vector<std::string>& gap) {
    std::string s = std::string(kPara1) + "\n" + kPara2 + "\n";
    for (const auto& l : gap) s += l + "\n";
    return s + kPara3 + "\n";
  };
  Cleaner c;
  auto r = c.Clean(page(table));
  for (const auto& l : table) EXPECT_TRUE(Kept(r, l + "\n")) << l << "\n" << r.text;
  r = c.Clean(page(menu));
  for (const auto& l : menu) EXPECT_FALSE(Kept(r, "\n" + l + "\n")) << l << "\n" << r.text;
  EXPECT_TRUE(Kept(r, kPara3)) << r.text;
  // Teasers with a label ("Update: ...") are fields by their colon, but no
  // cells: a headline is longer.
  std::vector<std::string> teasers;
  for (const auto& m : menu) teasers.push_back("Update: " + m + " Planted On New Riverside Walk");
  r = c.Clean(page(teasers));
  for (const auto& l : teasers) EXPECT_FALSE(Kept(r, l)) << l << "\n" << r.text;
  EXPECT_TRUE(Kept(r, kPara3)) << r.text;
}

TEST(Context, AListALineOfTheTextAnnouncesStaysHoweverLong) {
  // More items between two runs of the text than a gap may hold, under a
  // line that ends in a colon: the text's list. Under a heading that
  // announces nothing, or a label a rule knows ("Tags:"), they split the
  // text and go.
  const std::vector<std::string> items = {"• New handrails", "• A wider deck", "• Lighting", "• Ramps at both ends",
                                          "• A cycle lane",  "• Drainage",     "• Benches",  "• Planters",
                                          "• Signs",         "• Bins",         "• Railings", "• A viewing point"};
  auto page = [&](const std::string& intro) {
    std::string s = std::string(kPara1) + "\n" + kPara2 + "\n" + intro + "\n";
    for (const auto& l : items) s += l + "\n";
    return s + kPara3 + "\n";
  };
  Cleaner c;
  auto r = c.Clean(page("The plans include:"));
  EXPECT_TRUE(Kept(r, "The plans include:\n")) << r.text;
  for (const auto& l : items) EXPECT_TRUE(Kept(r, l + "\n")) << l << "\n" << r.text;
  for (const char* intro : {"Bridge plans in brief", "Tags:"}) {
    r = c.Clean(page(intro));
    for (const auto& l : items) EXPECT_FALSE(Kept(r, l + "\n")) << intro << ": " << l << "\n" << r.text;
    EXPECT_TRUE(Kept(r, kPara3)) << r.text;
  }
  // Right below the text, with the page's chrome under the list: the start
  // of a sentence announces it; a label in a title's capitals, or one of
  // two words, does not.
  auto end = [&](const std::string& intro) {
    std::string s = std::string(kPara1) + "\n" + kPara2 + "\n" + kPara3 + "\n" + intro + "\n";
    for (const auto& l : items) s += l + "\n";
    return s + "Share this article\nRelated\nFlood warnings for the valley\n";
  };
  r = c.Clean(end("The plans include:"));
  EXPECT_TRUE(Kept(r, "The plans include:\n")) << r.text;
  for (const auto& l : items) EXPECT_TRUE(Kept(r, l + "\n")) << l << "\n" << r.text;
  EXPECT_FALSE(Kept(r, "Flood warnings")) << r.text;
  for (const char* intro :
       {"Most Talked About Articles:", "Jobs in Scotland:", "Bookmark with:", "Extras:", "Latest news headlines:"}) {
    r = c.Clean(end(intro));
    for (const auto& l : items) EXPECT_FALSE(Kept(r, l + "\n")) << intro << ": " << l << "\n" << r.text;
  }
}

TEST(Context, AButtonBetweenTheTextsRunsLeavesTheLinesBesideIt) {
  // A service page: its sections' headings, a list and a short sentence
  // between two runs of the text, with a button a rule takes among them.
  // The button goes; the lines by it are the text's, as a sentence among
  // them says.
  auto page = [](const std::string& sentence) {
    return std::string("You can apply for a parking permit if you live in one of the town's controlled parking zones.\n") +
           "Who can apply\nYou must:\nlive in the zone\nown a car\nHow to apply\n" + sentence +
           "Start now\nOther ways to apply\nYou can also apply by post or at the town hall in person.\n";
  };
  Cleaner c;
  auto r = c.Clean(page("You can apply online. It takes about ten minutes.\n"));
  EXPECT_TRUE(Kept(r, "Who can apply\nYou must:\nlive in the zone\nown a car\nHow to apply\nYou can apply online.")) << r.text;
  EXPECT_TRUE(Kept(r, "minutes.\nOther ways to apply\n")) << r.text;
  EXPECT_FALSE(Kept(r, "Start now")) << r.text;
  // (AReviewsProsAndConsBetweenItsTextAndVerdictStay: a gap with a rule's
  // line and no sentence is not filled.)
}

TEST(Context, AReviewsFactBoxStaysBelowItsText) {
  // A film review ends with its fact box ("Cast", names, "Running time")
  // and a line on where to see it; the teasers under "More film reviews"
  // go.
  const std::string page = std::string(kPara1) + "\n" + kPara2 +
                           "\nCast\nMary Allen\nPeter Cole\nDirector\nSam Price\nRunning time\n1h 52m\n"
                           "It is in cinemas from Friday.\nMore film reviews\nFive films to watch this weekend\n";
  auto r = Cleaner().Clean(page);
  EXPECT_TRUE(Kept(r, "Cast\nMary Allen\nPeter Cole\nDirector\nSam Price\nRunning time\n1h 52m\nIt is in cinemas"))
      << r.text;
  EXPECT_FALSE(Kept(r, "Five films")) << r.text;
}

TEST(Context, AListOfFieldsUnderTheTextEndsAtItsLastField) {
  // A product's description, then its spec sheet under "Specifications":
  // the fields stay, the heading of the reviews box under them goes with
  // the box.
  const std::string fields = "Specifications\nBlade: 14 x 21 cm\nLength: 94 cm\nWeight: 1.6 kg\nGuarantee: 10 years\n";
  Cleaner c;
  auto r = c.Clean(std::string(kPara1) + "\n" + kPara2 + "\n" + fields + "Customer reviews\nWrite a review\n");
  EXPECT_TRUE(Kept(r, fields)) << r.text;
  EXPECT_FALSE(Kept(r, "Customer reviews")) << r.text;
  // A list of figures keeps its last item, which may have none: a recipe's
  // "Salt and pepper".
  const std::string ingredients = "Ingredients\n4 potatoes\n6 eggs\n1 onion\nOlive oil and salt\n";
  r = c.Clean(std::string(kPara1) + "\n" + kPara2 + "\n" + ingredients + "Write a review\n");
  EXPECT_TRUE(Kept(r, ingredients)) << r.text;
  // So does a list with a line of another shape among its fields.
  const std::string mixed = "Specifications\nBlade: 14 x 21 cm\nLength: 94 cm\nWeight: 1.6 kg\n"
                            "Made in Sheffield.\nAsh handle\n";
  r = c.Clean(std::string(kPara1) + "\n" + kPara2 + "\n" + mixed + "Write a review\n");
  EXPECT_TRUE(Kept(r, mixed)) << r.text;
  // And one whose fields come after other items.
  const std::string features = "Key features\nThree bedrooms\nParking: 2 cars\nHeating: gas\nGarage: single\nGarden\n";
  r = c.Clean(std::string(kPara1) + "\n" + kPara2 + "\n" + features + "Write a review\n");
  EXPECT_TRUE(Kept(r, features)) << r.text;
}

TEST(Context, AnItemNoRuleKnowsBetweenMenuLabelsIsNoHeadline) {
  // "Our Team" between "About Us" and "Careers", "Contact": one more item
  // of the menu, not the head. The title under the menu stays.
  Cleaner c;
  const std::string title = "About Fenwick Tools";
  auto r = c.Clean(std::string("About Us\nOur Team\nCareers\nContact\n") + title + "\n" + kPara1 + "\n" + kPara2 + "\n" + kPara3 + "\n");
  EXPECT_FALSE(Kept(r, "Our Team")) << r.text;
  EXPECT_TRUE(Kept(r, title)) << r.text;
  // Above a label with no label over it, a short headline is still the head.
  r = c.Clean(std::string("Bridge Repairs\nNews\n") + kPara1 + "\n" + kPara2 + "\n" + kPara3 + "\n");
  EXPECT_TRUE(Kept(r, "Bridge Repairs")) << r.text;
}

TEST(Context, ATitleThatBeginsTheLeadStaysHoweverShort) {
  // An encyclopedia's or a glossary's head word over the sentence it
  // begins, with a rule's line or a blank line between: the title.
  const std::string lead =
      "Lighthouse is a tower or other structure that gives off light to help ships find their way at sea or on "
      "inland waterways.";
  Cleaner c;
  for (const std::string between : {"", "From Wikipedia, the free encyclopedia\n", "\n"}) {
    auto r = c.Clean("Main menu\nConditions\nLighthouse\n" + between + lead + "\n" + kPara2 + "\n" + kPara3 + "\n");
    EXPECT_TRUE(Kept(r, "Lighthouse\n")) << r.text;
    EXPECT_FALSE(Kept(r, "Conditions")) << r.text;
  }
  // A word that does not begin the lead, or a line that is not right above
  // it, is no title.
  auto r = c.Clean("Conditions\nLighthouses\n" + lead + "\n" + kPara2 + "\n" + kPara3 + "\n");
  EXPECT_FALSE(Kept(r, "Lighthouses\n")) << r.text;
  r = c.Clean("Lighthouse\nConditions\n" + lead + "\n" + kPara2 + "\n" + kPara3 + "\n");
  EXPECT_FALSE(Kept(r, "Lighthouse\n")) << r.text;
}

TEST(Context, TeaserItemsRightAboveTheStoryAreNoHeadline) {
  // A sidebar's teaser list, its heading a tail-marker, with the story
  // right after its last item: the items go in the heading's region (the
  // head walk used to keep the last three as the headline).
  const std::string story = std::string(kPara1) + "\n" + kPara2 + "\n" + kPara3 + "\n";
  const std::vector<std::string> items = {"Harbour festival returns this summer", "Library opening hours to change",
                                          "Bus route cut in rural villages", "New mayor sworn in"};
  std::string page = "Home\nNews\nSport\nMore from News\n";
  for (const auto& item : items) page += item + "\n";
  Cleaner c;
  auto r = c.Clean(page + story);
  for (const auto& item : items) EXPECT_FALSE(Kept(r, item)) << r.text;
  EXPECT_TRUE(Kept(r, kPara1)) << r.text;
  ASSERT_EQ(r.lines.size(), 12u);  // 11 and the empty one after the last newline
  EXPECT_EQ(r.lines[7].reason, LineReason::kRegion);
  EXPECT_EQ(r.lines[7].ref_line, 4u);
  // A byline or a date under the heading makes the lines the story's own
  // head under a stray label: they stay.
  const std::string head = "Council backs bridge repair\nTwo years of talks end in a vote\nBy Ann Lee\nMarch 3, 2024\n";
  r = c.Clean("Home\nNews\nSport\nMore from News\n" + head + story);
  EXPECT_TRUE(Kept(r, head)) << r.text;
  // Items set apart from the story's head by a blank line are left to the
  // head walk: the head stays.
  r = c.Clean(page + "\nCouncil backs bridge repair\n\n" + story);
  EXPECT_TRUE(Kept(r, "Council backs bridge repair")) << r.text;
}

TEST(Context, AStrayTeaserLabelRightAboveTheHeadlineTakesNothing) {
  // The last label of the menu is a teaser heading ("Most read",
  // "Trending"), right above the story's headline (and its byline): no
  // prose above the label, so the line under it is the headline, not an
  // inline box's teaser, and it stays with its byline.
  const std::string story = std::string(kPara1) + "\n" + kPara2 + "\n" + kPara3 + "\n";
  Cleaner c;
  for (const std::string top : {"Home\nNews\nMost read\nCouncil backs bridge repair\n",
                                "Trending\nCouncil backs bridge repair\nBy Ann Lee\n",
                                "Home\nNews\nMost read\nCouncil backs bridge repair\nBy Ann Lee\nMarch 3, 2024\n",
                                "Most read\n\nCouncil backs bridge repair\n\n"}) {
    auto r = c.Clean(top + story);
    EXPECT_TRUE(Kept(r, "Council backs bridge repair")) << top << "\n" << r.text;
    EXPECT_FALSE(Kept(r, "Most read") || Kept(r, "Trending")) << r.text;
    if (top.find("By Ann Lee") != std::string::npos) {
      EXPECT_TRUE(Kept(r, "By Ann Lee")) << top << "\n" << r.text;
    }
    EXPECT_TRUE(Kept(r, kPara1) && Kept(r, kPara3)) << r.text;
  }
  // Inside the story, the same label and line are an inline box: the
  // teaser goes, the story's paragraphs stay.
  auto r = c.Clean(std::string(kPara1) + "\nMost read\nFerry fares rise again in spring\n" + kPara2 + "\n" + kPara3 +
                   "\n");
  EXPECT_FALSE(Kept(r, "Ferry fares rise again")) << r.text;
  EXPECT_TRUE(Kept(r, kPara1) && Kept(r, kPara2) && Kept(r, kPara3)) << r.text;
}

TEST(Context, ShortRecordWithoutProseKeepsWhatNoRuleNames) {
  Cleaner c;
  auto r = c.Clean("Opening hours\nMonday to Friday 9-5\nSaturday 10-4\nShare this page");
  EXPECT_TRUE(Kept(r, "Monday to Friday 9-5"));
  EXPECT_TRUE(Kept(r, "Saturday 10-4"));
  EXPECT_FALSE(Kept(r, "Share this page"));
}

// Fills `text` into lines of at most `width` characters, as a mail client
// or a plain-text page does.
std::vector<std::string> Fill(const std::string& text, size_t width) {
  std::vector<std::string> lines(1);
  size_t at = 0;
  while (at < text.size()) {
    size_t end = text.find(' ', at);
    if (end == std::string::npos) end = text.size();
    const std::string word = text.substr(at, end - at);
    if (!lines.back().empty() && lines.back().size() + 1 + word.size() > width) lines.emplace_back();
    if (!lines.back().empty()) lines.back() += ' ';
    lines.back() += word;
    at = end + 1;
  }
  return lines;
}

TEST(Context, AnAnswerBelowTheQuestionStays) {
  // A question, the site's chrome under it (which costs the run a little
  // less than the question scores), then the answer: the answer is a run of
  // article text of its own and joins the question, the chrome goes.
  const std::string question =
      "I have a text file with one hostname on each line, and I want to run a command for every hostname in it. "
      "What is the right way to loop over the lines so that spaces and backslashes are kept?";
  const std::string answer =
      "The usual way is a while loop that calls read with the -r option, so that backslashes are not treated as "
      "escape characters.";
  const std::string page = "How do I read a file line by line in a shell script?\n" + question +
                           "\nbash\nshell\nShare\nImprove this question\nFollow\nasked Mar 3, 2018 at 9:14\n"
                           "tomek_w\n3 Answers\nSorted by:\nHighest score (default)\n" +
                           answer + "\nShare\nImprove this answer\nFollow\n";
  Cleaner c;
  auto r = c.Clean(page);
  EXPECT_TRUE(Kept(r, question)) << r.text;
  EXPECT_TRUE(Kept(r, answer)) << r.text;
  EXPECT_FALSE(Kept(r, "Improve this")) << r.text;
  EXPECT_FALSE(Kept(r, "Sorted by")) << r.text;
}

TEST(Context, AReadersLetterAboveTheAnswerStaysAcrossATeaserList) {
  // An advice column: the reader's letter is one long paragraph, then the
  // site's "More from ..." box of teasers, then the columnist's answer.
  // The letter is no teaser (a teaser's summary is a sentence or two): it
  // stays with the answer; the teasers go.
  const std::string letter =
      "My landlord has told me that the rent on my flat will go up by a third in the spring, and he says that "
      "if I do not sign the new lease by the end of the month he will let the flat to someone else. I have "
      "lived there for six years, I have always paid on time and I have repaired a good deal of it at my own "
      "cost. My friends tell me that he cannot do this without notice, but I do not know where to turn. What "
      "are my rights, and is there anyone who can help me?";
  const std::vector<std::string> before = {
      letter, "", "More from Money", "Five ways to cut your heating bill", "Should you fix your mortgage now?",
      "The hidden cost of a second car", "Pensions made simple", ""};
  Cleaner c;
  auto r = c.Clean(Article(before, {}, {}));
  EXPECT_TRUE(Kept(r, letter)) << r.text;
  EXPECT_TRUE(Kept(r, kPara1)) << r.text;
  EXPECT_FALSE(Kept(r, "cut your heating bill")) << r.text;
  EXPECT_FALSE(Kept(r, "second car"));
}

TEST(Context, HardWrappedParagraphsStayWhole) {
  // Each line of a wrapped paragraph is short, but together they are prose;
  // the last line of a paragraph ("channel had been deepened.") is too.
  const std::vector<std::string> paragraphs = {
      "The harbour board voted to dredge the eastern channel for the first time in thirty years, after two cargo "
      "ships ran aground on the same sandbar within a month.",
      "Fishermen who use the western channel said they welcomed the decision but were worried that the spoil would "
      "be dumped too close to the mussel beds off the point.",
      "A spokesman for the shipping company said it would resume its weekly service once the channel had been "
      "deepened."};
  Cleaner c;
  for (size_t width : {45, 50, 60, 72}) {
    std::string page = "Home | News | Sport | Contact\nSign in\nHarbour board votes to dredge the channel\n";
    std::vector<std::string> body;
    for (const auto& p : paragraphs) {
      for (const auto& l : Fill(p, width)) body.push_back(l);
    }
    for (const auto& l : body) page += l + "\n";
    page += "Share this article\nCopyright 2024 Example Press\n";
    auto r = c.Clean(page);
    for (const auto& l : body) EXPECT_TRUE(Kept(r, l + "\n")) << width << ": " << l << "\n" << r.text;
    EXPECT_FALSE(Kept(r, "Sign in")) << r.text;
    EXPECT_FALSE(Kept(r, "Share this article")) << r.text;
  }
}

TEST(Context, VerseWithAClauseToALineStays) {
  Cleaner c;
  const std::vector<std::string> verse = {
      "The river keeps its counsel through the night,", "and I keep mine, and neither says a word;",
      "the lantern swings, a small and stubborn light,", "the only sound the oar, and one late bird.",
      "I've carried brides and coffins, cows and kings,", "and every one of them looked back at shore;",
      "the water does not care for any things", "it has not carried many times before.",
      "So pay me what you will and sit you down,", "and do not ask the river where it goes;",
      "it goes where every river goes, to town,", "and then to sea, and what comes after, no one knows."};
  std::string page = "Poetry\nPoets\nSubscribe\nThe Ferryman's Song\n";
  for (const auto& l : verse) page += l + "\n";
  page += "Share this poem\n";
  auto r = c.Clean(page);
  for (const auto& l : verse) EXPECT_TRUE(Kept(r, l)) << l << "\n" << r.text;
  EXPECT_FALSE(Kept(r, "Share this poem")) << r.text;
}

TEST(Context, ALowerCaseLinkListIsNoWrappedParagraph) {
  // Titles in lower case, each a line: the first, the longest, would have
  // two lines of prose with the next, but a list does not end as a
  // sentence does, and the shorter titles are no wraps.
  Cleaner c;
  auto r = c.Clean(Article({}, {}, {"", "why the old boat is not for sale", "double digits", "insomniac",
                                    "minutes of your life well wasted", "the winter list"}));
  EXPECT_TRUE(Kept(r, kPara3));
  for (const char* t : {"why the old boat", "double digits", "insomniac", "well wasted"}) {
    EXPECT_FALSE(Kept(r, t)) << t << "\n" << r.text;
  }
}

TEST(Context, AWrapBeforeANameAfterAStopwordStaysInTheBlock) {
  // Every line of this paragraph ends in a function word ("that", "at",
  // "the", "over") and the next starts with a name: lines that go on, not
  // titles, so they are one block, prose together.
  const std::vector<std::string> body = {
      "The judges of the river prize said that", "Ellen Hart, who rows for the club at",
      "Dunmore, had the best season of all the", "Grey Heron crews, and that her win over",
      "Tom Byrne and Sean Walsh of Kilrush in",  "June was the race of the year for the",
      "Shannon clubs, who had not lost since",   "Easter."};
  std::string page =
      "Home | News | Sport\nSign in\nRiver prize shortlist named\nThe jury for the annual river prize named its "
      "shortlist on Monday, and the judges said the field was the strongest they had seen in a decade.\n";
  for (const auto& l : body) page += l + "\n";
  page += "Share this article\nMost read\nCouncil approves new harbour car park\nFerry timetable changes from June\n";
  Cleaner c;
  auto r = c.Clean(page);
  for (const auto& l : body) EXPECT_TRUE(Kept(r, l + "\n")) << l << "\n" << r.text;
  EXPECT_FALSE(Kept(r, "Council approves")) << r.text;
}

TEST(Context, AHardWrappedRecordIsReadInItsLanguage) {
  // Filled at 45 columns, no line of the article has ten words; the
  // script and menu lines above it do. The article's lines still tell the
  // language (English), so the record is not judged as one winnow has no
  // stopwords for.
  const std::string text =
      "The harbour board voted to dredge the eastern channel for the first time in thirty years, after two cargo "
      "ships ran aground on the same sandbar within a month. Fishermen who use the western channel said they "
      "welcomed the decision but were worried that the spoil would be dumped too close to the mussel beds.";
  std::string page =
      "var slots = window.adSlots || []; slots.push({ id: 'top', size: [728, 90], lazy: true });\n"
      "var track = function (e) { return window.analytics && window.analytics.send(e, { page: 'story' }); };\n"
      "Home | News | Sport | Business | Culture | Travel | Weather | Contact us | Sign in\n";
  for (const auto& l : Fill(text, 45)) page += l + "\n";
  Cleaner c;
  auto r = c.Clean(page);
  EXPECT_EQ(r.language, "en");
  for (const auto& l : Fill(text, 45)) EXPECT_TRUE(Kept(r, l + "\n")) << l << "\n" << r.text;
}

TEST(RulePacks, ErrorsNameFileAndLine) {
  RuleSet rs;
  Status st = rs.AddPack("[[rule]]\nname = \"x\"\npatterns = ['(unclosed']\n", "my.toml");
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.message().find("my.toml:1:"), std::string::npos) << st.message();
  EXPECT_NE(st.message().find("bad pattern"), std::string::npos);
  RuleSet rs2;
  st = rs2.AddPack("[[rule]]\nname = \"x\"\n\nscope = \"everywhere\"\npatterns = ['a']\n", "p.toml");
  EXPECT_NE(st.message().find("unknown scope"), std::string::npos) << st.message();
  RuleSet rs3;
  st = rs3.AddPack("[[rule]]\nname = \"x\"\npatterns = ['a']\ncolour = 'red'\n", "p.toml");
  EXPECT_NE(st.message().find("p.toml:4: unknown key 'colour'"), std::string::npos) << st.message();
  RuleSet rs4;
  st = rs4.AddPack("[[rule]\nname = 1", "broken.toml");
  EXPECT_NE(st.message().find("broken.toml:1:"), std::string::npos) << st.message();
  // A pack for a language winnow reads no record in names it and the known ones.
  RuleSet rs5;
  st = rs5.AddPack("[pack]\nlanguage = \"xx\"\n[[rule]]\nname = \"x\"\npatterns = ['a']\n", "xx.toml");
  EXPECT_NE(st.message().find("xx.toml:2: [pack] language 'xx': winnow reads no record in it"), std::string::npos)
      << st.message();
  EXPECT_NE(st.message().find("there are: en,"), std::string::npos) << st.message();
  RuleSet rs6;
  EXPECT_TRUE(rs6.AddPack("[pack]\nlanguage = \"de\"\n[[rule]]\nname = \"x\"\npatterns = ['a']\n", "de.toml").ok());
}

// A pack with several faults lists them all, by line, and adds no rule
// (not even its good ones): one `rules --check` shows what to fix.
TEST(RulePacks, EveryFaultOfAPackIsListedByLine) {
  RuleSet rs;
  Status st = rs.AddPack(
      "[[rule]]\nname = \"good\"\npatterns = ['^fine$']\n"                     // 1-3
      "[[rule]]\nname = \"a\"\nscope = \"somewhere\"\npatterns = ['(x']\n"    // 4-7
      "[[rule]]\nname = \"b\"\npatterns = [3]\nhue = 1\n"                      // 8-11
      "[[rule]]\npatterns = ['y']\n",                                           // 12-13
      "m.toml");
  ASSERT_FALSE(st.ok());
  const std::string want =
      "m.toml:4: rule 'a': unknown scope 'somewhere' (line, region-start, tail-marker, meta, list-heading, head-end or foot-start)\n"
      "m.toml:4: rule 'a': bad pattern 1 '(x': missing ): (x\n"
      "m.toml:10: rule 'b': patterns must be strings\n"
      "m.toml:11: unknown key 'hue' in rule\n"
      "m.toml:12: rule without a 'name'";
  EXPECT_EQ(st.message(), want);
  EXPECT_TRUE(rs.rules().empty());
}

TEST(RulePacks, OverrideByNameDisableAndMatch) {
  RuleSet rs;
  ASSERT_TRUE(rs.AddPack(RuleSet::DefaultPackToml(), "<default:en>").ok());
  size_t n = rs.rules().size();
  ASSERT_TRUE(rs.AddPack("[[rule]]\nname = \"advertisement\"\npatterns = ['^sponsor message$']\n", "mine.toml").ok());
  EXPECT_EQ(rs.rules().size(), n);  // replaced, not added
  ASSERT_TRUE(rs.Disable("share-follow").ok());
  EXPECT_FALSE(rs.Disable("no-such-rule").ok());
  ASSERT_TRUE(rs.Compile().ok());
  EXPECT_GE(rs.Match("Sponsor message", 2), 0);
  EXPECT_EQ(rs.Match("Sponsored content", 2), -1);
  EXPECT_EQ(rs.Match("Share this article", 3), -1);
  EXPECT_FALSE(rs.AddPack("", "late.toml").ok());  // Add after Compile fails
}

// Two rule sets that remove the same lines have one fingerprint, whatever
// their descriptions or file names say; any change to what a rule matches
// gives another.
TEST(RulePacks, TheFingerprintFollowsWhatTheRulesMatch) {
  auto fingerprint = [](std::string_view toml, const std::string& source) {
    RuleSet rs;
    EXPECT_TRUE(rs.AddPack(toml, source).ok());
    return rs.Fingerprint();
  };
  const std::string base = "[[rule]]\nname = \"promo\"\ncategory = \"appeal\"\nmax_words = 6\n"
                           "patterns = ['^visit our shop', '^buy now$']\ndescription = \"shop\"\n";
  const uint64_t f = fingerprint(base, "a.toml");
  EXPECT_EQ(fingerprint(base, "elsewhere/b.toml"), f);
  auto changed = [&](const std::string& from, const std::string& to) {
    std::string t = base;
    t.replace(t.find(from), from.size(), to);
    return fingerprint(t, "a.toml");
  };
  EXPECT_EQ(changed("\"shop\"", "\"the site's shop\""), f);
  EXPECT_NE(changed("^buy now$", "^buy now"), f);
  EXPECT_NE(changed("max_words = 6", "max_words = 7"), f);
  EXPECT_NE(changed("\"promo\"", "\"promo2\""), f);
  EXPECT_NE(changed("'^visit our shop', '^buy now$'", "'^visit our shop^buy now$'"), f);  // fields do not run together
  EXPECT_NE(changed("category = \"appeal\"\n", "category = \"appeal\"\nscope = \"region-start\"\n"), f);
  RuleSet two;
  ASSERT_TRUE(two.AddPack(base, "a.toml").ok());
  ASSERT_TRUE(two.AddPack("[[rule]]\nname = \"other\"\npatterns = ['^x$']\n", "b.toml").ok());
  EXPECT_EQ(two.Packs(), (std::vector<std::string>{"a.toml", "b.toml"}));
  EXPECT_NE(two.Fingerprint(), f);
  ASSERT_TRUE(two.Disable("other").ok());
  EXPECT_EQ(two.Fingerprint(), f);
}

// The default pack plus `toml` (as "mine.toml"), compiled; nullptr on error.
std::unique_ptr<RuleSet> DefaultPackPlus(std::string_view toml) {
  auto rs = std::make_unique<RuleSet>();
  if (!rs->AddPack(RuleSet::DefaultPackToml(), "<default:en>").ok() || !rs->AddPack(toml, "mine.toml").ok() ||
      !rs->Compile().ok()) {
    return nullptr;
  }
  return rs;
}

TEST(RulePacks, MetaRulesRemoveNothingAndAreAskedApart) {
  auto compiled = DefaultPackPlus("[[rule]]\nname = \"kicker\"\nscope = \"meta\"\nmax_words = 3\n"
                                  "patterns = ['^exclusive$']\n");
  ASSERT_NE(compiled, nullptr);
  const RuleSet& rs = *compiled;
  // A dateline or byline is no chaff: Match does not name it.
  EXPECT_EQ(rs.Match("By Marta Quinn, Staff Writer", 5), -1);
  EXPECT_EQ(rs.Match("Updated: March 3, 2021 4:10 pm", 6), -1);
  EXPECT_EQ(rs.Match("Exclusive", 1), -1);
  auto name = [&](std::string_view line, int words) {
    int r = rs.MatchMeta(line, words);
    return r < 0 ? std::string("-") : rs.rules()[static_cast<size_t>(r)].name;
  };
  struct Case {
    const char* line;
    int words;
    const char* rule;  // "-": none
  };
  const Case cases[] = {
      {"By Marta Quinn, Staff Writer", 5, "byline"},
      {"(Reuters)", 1, "byline"},
      {"Updated: March 3, 2021 4:10 pm", 6, "dateline"},
      {"Fri, 9 Oct 2020 08:15 GMT", 6, "dateline"},
      {"Posted on Sept. 4, 2020 at 9:30 a.m.", 9, "dateline"},
      {"(Reporting by Jane Roe; Editing by Max Poe)", 8, "byline"},
      {"Posted March 3, 2021 | 12 comments", 6, "-"},
      {"Great piece. jdoe77 | 03/03/21", 4, "-"},
      {"2021-03-03 16:10", 2, "dateline"},
      {"Exclusive", 1, "kicker"},
      {"Market 10 stocks to watch", 5, "-"},
      {"The council met on March 3 and agreed to repair the old bridge before winter", 15, "-"},
  };
  for (const Case& c : cases) EXPECT_EQ(name(c.line, c.words), c.rule) << c.line;
  // Line rules still name their lines; a post's date is a dateline, the
  // attribution under a comment is not.
  EXPECT_GE(rs.Match("Advertisement", 1), 0);
  EXPECT_EQ(rs.Match("Posted on Sept. 4, 2020 at 9:30 a.m.", 9), -1);
  EXPECT_GE(rs.Match("Posted by jdoe77 at 10:46 PM", 6), 0);
  EXPECT_EQ(rs.MatchMeta("Advertisement", 1), -1);
}

// Lines longer than every max_words limit meet only the unlimited rules,
// behind a prefilter of strings their matches must contain: it must never
// turn a match away. Checked against each pattern matched on its own.
TEST(RulePacks, DefaultPacksCountNoLongRepeats) {
  // Every run compiles the default packs at start-up, and RE2 unrolls a
  // counted repeat: one pattern with '.{10,400}' added 56M instructions to
  // the start-up (valgrind, a one-record input), '.{10,100}' 11M. Where a
  // bound matters, the packs keep it at 160 or under; max_words bounds the
  // rest ('.*').
  const RE2 count("\\{(\\d+)(?:,(\\d*))?\\}");
  for (const auto& [language, toml] : RuleSet::DefaultPacks()) {
    RuleSet one;
    ASSERT_TRUE(one.AddPack(toml, "<default:" + language + ">").ok());
    for (const Rule& r : one.rules()) {
      for (const std::string& p : r.patterns) {
        re2::StringPiece rest(p);
        std::string low, high;
        while (RE2::FindAndConsume(&rest, count, &low, &high)) {
          const int bound = std::atoi((high.empty() ? low : high).c_str());
          EXPECT_LE(bound, 160) << language << " " << r.name << ": " << p;
        }
      }
    }
  }
}

TEST(RulePacks, LongLinesMatchAsEachPatternAlone) {
  auto compiled = DefaultPackPlus("[[rule]]\nname = \"lorem\"\npatterns = ['lorem ipsum dolor']\n"
                                  "[[rule]]\nname = \"stars\"\npatterns = ['\\*{3}\\s*end']\n");
  ASSERT_NE(compiled, nullptr);
  const RuleSet& rs = *compiled;
  RE2::Options o;
  o.set_case_sensitive(false);
  o.set_log_errors(false);
  auto reference = [&](std::string_view line, int words) {
    for (size_t r = 0; r < rs.rules().size(); ++r) {
      const Rule& rule = rs.rules()[r];
      if (rule.max_words > 0 && words > rule.max_words) continue;
      for (const std::string& p : rule.patterns) {
        RE2 re(p, o);
        if (RE2::PartialMatch(line, re)) return static_cast<int>(r);
      }
    }
    return -1;
  };
  const std::string pieces[] = {"the council said ", "{{ name }}", "{{", "}}", "{{{{ Ana }}}}", "${user}", "$ {x}", "[% x %]",
                                "<% y %>", "{% z %}", "LOREM IPSUM DOLOR", "Lorem ipsum", "\xC3\x89t\xC3\xA9 ",
                                "*** end", "** end", " and more words ", "%", "{", "\xE2\x84\xAA ", "%%FIRST_NAME%%",
                                "%%", "*|FNAME|*", "*|"};
  std::mt19937 rng(5);
  int matched = 0;
  for (int t = 0; t < 600; ++t) {
    std::string line;
    for (int k = 0; k < 12; ++k) line += pieces[rng() % std::size(pieces)];
    const int words = 100;  // past every limit: the unlimited rules only
    const int got = rs.Match(line, words);
    ASSERT_EQ(got, reference(line, words)) << line;
    matched += got >= 0;
  }
  EXPECT_GT(matched, 100);  // the lines do hit the rules
  // The default packs keep their long-line prefilter: without it every
  // paragraph of every record runs through RE2 (15% of `winnow clean`).
  auto defaults = LoadRules({}, {});
  ASSERT_TRUE(defaults.ok());
  EXPECT_TRUE(defaults.value()->LongLinesPrefiltered());
  // And every pattern of theirs that long lines meet (a rule with no word
  // limit that removes lines) opens with a literal, which the prefilter
  // compares with a line's first bytes, or needs only strings of symbols
  // ("{{", "${"), which it finds in the line as it is: a pattern that needs
  // a word makes it lower-case every long line and search it (one such
  // pattern cost `winnow clean` 12% of its time).
  for (const Rule& r : defaults.value()->rules()) {
    if (r.max_words > 0 || r.scope == RuleScope::kMeta || r.scope == RuleScope::kListHeading) continue;
    for (const std::string& p : r.patterns) {
      if (AnchoredOpener(p).size() >= 4) continue;
      re2::FilteredRE2 f(2);
      RE2::Options o;
      o.set_case_sensitive(false);
      int id = 0;
      ASSERT_EQ(f.Add(p, o, &id), RE2::NoError) << p;
      std::vector<std::string> atoms;
      f.Compile(&atoms);
      for (const std::string& a : atoms) {
        EXPECT_TRUE(std::none_of(a.begin(), a.end(), [](char c) { return std::isalpha(static_cast<unsigned char>(c)); }))
            << r.name << ": " << p << " needs \"" << a << "\"";
      }
    }
  }
  // A rule whose matches need no particular string: no prefilter, still matched.
  RuleSet any;
  ASSERT_TRUE(any.AddPack("[[rule]]\nname = \"digits\"\npatterns = ['\\d{4}']\n", "d.toml").ok());
  ASSERT_TRUE(any.Compile().ok());
  EXPECT_EQ(any.Match("filed in 2024 from the desk of the council and more words", 100), 0);
  EXPECT_FALSE(any.LongLinesPrefiltered());
}

// The compiled set holds each pattern with its long counted repetitions
// opened ("{0,40}" as "*", which RE2 would unroll), and a hit of such a
// pattern is confirmed by the pattern as written: Match agrees with each
// pattern matched alone, at the bound and past it, and every pattern of the
// default packs compiles as written.
TEST(RulePacks, BoundedRepeatsMatchAsWrittenThoughTheSetOpensThem) {
  auto compiled = DefaultPackPlus(
      "[[rule]]\nname = \"note\"\nmax_words = 30\npatterns = ['^note:\\s[^.!?]{0,40}$']\n"
      "[[rule]]\nname = \"tagged\"\nmax_words = 30\npatterns = ['^tagged(\\s+\\w+){1,2}$', '^filed:[a-z ]{5,20}$']\n");
  ASSERT_NE(compiled, nullptr);
  const RuleSet& rs = *compiled;
  const int note = static_cast<int>(rs.rules().size()) - 2;
  EXPECT_EQ(rs.Match("note: the bridge reopens on Monday", 6), note);
  EXPECT_EQ(rs.Match("note: " + std::string(40, 'x'), 2), note);  // at the bound
  EXPECT_EQ(rs.Match("note: " + std::string(41, 'x'), 2), -1);    // past it
  EXPECT_EQ(rs.Match("filed: under roads", 3), note + 1);
  EXPECT_EQ(rs.Match("filed: under roads and rivers and bridges", 7), -1);  // 21 letters and spaces past the colon
  RE2::Options o;
  o.set_case_sensitive(false);
  o.set_log_errors(false);
  // Each pattern alone, compiled once.
  std::vector<std::vector<std::unique_ptr<RE2>>> alone(rs.rules().size());
  for (size_t r = 0; r < rs.rules().size(); ++r) {
    for (const std::string& p : rs.rules()[r].patterns) alone[r].push_back(std::make_unique<RE2>(p, o));
  }
  auto reference = [&](std::string_view line, int words) {
    for (size_t r = 0; r < rs.rules().size(); ++r) {
      const Rule& rule = rs.rules()[r];
      if (rule.scope == RuleScope::kMeta || rule.scope == RuleScope::kListHeading) continue;
      if (rule.max_words > 0 && words > rule.max_words) continue;
      for (const auto& re : alone[r]) {
        if (RE2::PartialMatch(line, *re)) return static_cast<int>(r);
      }
    }
    return -1;
  };
  // Lines made of pieces that the default packs' bounded patterns meet:
  // labels, credits, counters, and runs of words that cross their bounds.
  const std::string pieces[] = {"Photo: ", "Posted by ", "Read more ", "Copyright ", "note: ", "(c) ", "Comments ",
                                "Jane Roe ", "at 9:14 PM", "2024 ", "Getty Images", "the council said ", "x",
                                "word word word ", "| ", ". ", "Follow us on ", "Sign up ", "12 "};
  std::mt19937 rng(11);
  int matched = 0;
  for (int t = 0; t < 1500; ++t) {
    std::string line;
    const int n = 1 + static_cast<int>(rng() % 10);
    for (int k = 0; k < n; ++k) line += pieces[rng() % std::size(pieces)];
    const int words = internal::LineWordCounts(line).words;
    const int got = rs.Match(line, words);
    ASSERT_EQ(got, reference(line, words)) << line;
    matched += got >= 0;
  }
  EXPECT_GT(matched, 100);
  auto defaults = LoadRules({}, {});
  ASSERT_TRUE(defaults.ok());
  for (const Rule& r : defaults.value()->rules()) {
    for (const std::string& p : r.patterns) EXPECT_TRUE(RE2(p, o).ok()) << r.name << ": " << p;
  }
}

TEST(RulePacks, AnAnchoredUnlimitedRuleMeetsOnlyTheLongLinesThatOpenWithItsLiteral) {
  EXPECT_EQ(AnchoredOpener("^we and our (\\d+ )?(partners|vendors) use"), "we and our ");
  EXPECT_EQ(AnchoredOpener("^By Clicking\\b.*accept"), "by clicking");
  EXPECT_EQ(AnchoredOpener("^colou?r"), "colo");    // the 'u' is optional
  EXPECT_EQ(AnchoredOpener("^x[|]y|"), "");         // a '|' outside the class: not anchored
  EXPECT_EQ(AnchoredOpener("^x[|]y"), "x");         // one inside it is a member
  EXPECT_EQ(AnchoredOpener("^a\\|b"), "a");
  EXPECT_EQ(AnchoredOpener("^foo|bar"), "");        // "bar" may match anywhere
  EXPECT_EQ(AnchoredOpener("^(foo|bar) baz"), "");  // no literal first
  EXPECT_EQ(AnchoredOpener("foo"), "");
  // A pack of one such rule keeps its long lines prefiltered, and still
  // matches them, however many words they have; a line that does not open
  // with the literal, or opens with a quote before it, is no match.
  RuleSet rs;
  ASSERT_TRUE(rs.AddPack("[[rule]]\nname = \"consent\"\npatterns = ['^we and our partners (use|store)\\b.*\\bcookies\\b']\n",
                         "c.toml")
                  .ok());
  ASSERT_TRUE(rs.Compile().ok());
  EXPECT_TRUE(rs.LongLinesPrefiltered());
  std::string tail;
  for (int i = 0; i < 60; ++i) tail += " and more";
  EXPECT_EQ(rs.Match("We and our partners store cookies" + tail, 63), 0);
  EXPECT_EQ(rs.Match("WE AND OUR PARTNERS use cookies" + tail, 63), 0);
  EXPECT_EQ(rs.Match("Then we and our partners use cookies" + tail, 64), -1);
  EXPECT_EQ(rs.Match("\u201cWe and our partners use cookies" + tail, 63, false), -1);
  // The default consent rule reads the standard text of a consent dialog
  // at its full length, above 40 words.
  const std::string dialog =
      "We and our partners store and/or access information on a device, such as cookies and process personal data, "
      "such as unique identifiers and standard information sent by a device for personalised ads and content, ad and "
      "content measurement, and audience insights, as well as to develop and improve products.";
  ASSERT_GT(internal::LineWordCounts(dialog).words, 40);
  // A cookie banner's paragraph, as long.
  const std::string banner =
      "We use cookies to personalise content and ads, to offer features of social media and to analyse the traffic "
      "on our site, and we share what we learn about how you use it with our partners in advertising and analytics, "
      "who may combine it with other information you have given them.";
  ASSERT_GT(internal::LineWordCounts(banner).words, 40);
  // A health page's note that it is not advice, as long.
  const std::string disclaimer =
      "The content on this website is for informational purposes only and is not meant to be a substitute for the "
      "advice of a doctor, for a diagnosis or for treatment; ask your own doctor about any question you have on a "
      "condition, and never put off seeing one because of something you read here.";
  ASSERT_GT(internal::LineWordCounts(disclaimer).words, 40);
  ExpectPackHits({
      {"en", dialog.c_str(), "consent-prose"},
      {"en", "With your permission we and our partners may use precise geolocation data and identification through "
             "device scanning.", "consent-prose"},
      {"en", "You may click to consent to our and our partners' processing as described above.", "consent-prose"},
      {"en", "Manage options", "cookie-consent"},
      {"en", banner.c_str(), "consent-prose"},
      {"en", disclaimer.c_str(), "disclaimer-prose"},
      {"en", "The information on this page was wrong for a week, the minister admitted, and it is not intended to "
             "stay that way for long, she told the committee on Tuesday when the members asked her about the error "
             "and about who would be held to account for it in the end.",
       ""},
      {"en", "We use cookies from the bakery on the corner for the school fair, and the children love them.", ""},
      {"en", "We and our readers walked the old railway path together, said the mayor, and nobody used cookies as bait.",
       ""},
  });
}

// A pattern that opens with a counted repeat of a class makes the whole set
// slow (RE2 follows every count at once on every line the rule sees; one
// such pattern cost `winnow clean` 8%, one inside an alternative after an
// optional quote 11%): `rules --check` notes one, and the default packs
// have none.
TEST(RulePacks, ALeadingCountedRepeatIsNotedAndTheDefaultPacksHaveNone) {
  struct Case {
    const char* pattern;
    int count;
  };
  const Case cases[] = {
      {"^([^.!?]{0,50}:\\s*)?text", 50},
      {"^.{12}x", 12},
      {"^(?:\\w{3,})x", 3},
      {"^[[:alpha:]]{2,20}", 20},
      {"^\\p{Greek}{1,30}", 30},
      {"^[]x]{4}", 4},
      {"^[\\]:x]{15}", 15},
      {"[^.!?]{0,80}$", 80},
      {"^([^.!?:]*:\\s*)?text", 0},
      {"^(\\w+ ){0,3}search", 0},  // a group: only single characters and classes count
      {"^share( this){0,1}", 0},
      {"^a{5}", 0},  // a letter is a word's start: RE2 leaves it at once on most lines
      {"^[a-z", 0},
      {"^.{3", 0},
      // Not only the first atom: one an optional atom or group lets start
      // the match, or one that starts an alternative, is as slow.
      {"^(for (other uses|the [^,.]{1,40}),? see|[\"\u201C]?[^\".]{1,60}[\"]? redirects here)", 60},
      {"^(the )?[^x]{0,50}y", 50},
      {"^(\"?\\s*)?.{30}", 30},
      {"^(a|[^.]{1,20}b)", 20},
      {"^a|.{40}b", 40},
      {"^(?-i:[A-Z]{12})", 12},
      {"^(the ){0,2}[^x]{25}", 25},
      {"^x?y{5}", 0},
      {"^(\\d+|one) (thoughts?|repl(y|ies)) (on|to)", 0},
      // Past a class, '.' or an escape that is not counted: it narrows
      // little.
      {"^[a-z][a-z ]{2,30}\\(", 30},
      {"^\\w+.{40}x", 40},
      {"^\\d[\\d,]* (posts?)", 0},
      {"^[\u2014\u2013-]\\s*[^()]{1,60}x", 0},  // dashes: as a literal
      {"^[^x][^y]{20}", 20},
  };
  for (const Case& c : cases) EXPECT_EQ(LeadingRepeatCount(c.pattern), c.count) << c.pattern;
  auto defaults = LoadRules({}, {});
  ASSERT_TRUE(defaults.ok());
  for (const Rule& r : defaults.value()->rules()) {
    for (const std::string& p : r.patterns) EXPECT_LT(LeadingRepeatCount(p), kSlowLeadingRepeat) << r.name << ": " << p;
  }
}

TEST(RulePacks, PatternsOverTheMemoryBudgetAreRefused) {
  RuleSet rs;
  ASSERT_TRUE(rs.AddPack("[[rule]]\nname = \"big\"\npatterns = ['((a|b|c|d|e){20}){50}x']\n", "big.toml").ok());
  Status st = rs.Compile(1 << 16);
  EXPECT_EQ(st.code(), StatusCode::kResourceLimit) << st.message();
}


TEST(Context, ATutorialsCodeBlocksStayAScriptsLinesGo) {
  // Code between the sentences of a tutorial scores nothing: it neither
  // splits the text nor ends it. A line the code test misses ("let count;")
  // between two lines of code is the block's; a short line ending in a
  // colon announces the block below it; code after such a line at the end
  // of the text stays.
  const std::vector<std::string> block = {"function counter(start) {", "  let count;", "  count = start;",
                                          "  return () => ++count;",    "}"};
  const std::string after = "Each call of the returned function adds one to its own count.";
  const std::string tail_intro = "Try it out:";
  const std::vector<std::string> tail = {"const next = counter(5);", "console.log(next(), next());"};
  std::string text = "Guides\nReference\nCounting with closures\n" + std::string(kPara1) + "\n";
  for (const auto& l : block) text += l + "\n";
  text += after + "\n" + tail_intro + "\n";
  for (const auto& l : tail) text += l + "\n";
  text += "Related articles\nSorting arrays by two keys\n";
  Cleaner c;
  auto r = c.Clean(text);
  for (const auto& l : block) EXPECT_TRUE(Kept(r, l + "\n")) << l << "\n" << r.text;
  EXPECT_TRUE(Kept(r, after)) << r.text;
  EXPECT_TRUE(Kept(r, tail_intro)) << r.text;
  for (const auto& l : tail) EXPECT_TRUE(Kept(r, l)) << l << "\n" << r.text;
  EXPECT_FALSE(Kept(r, "Sorting arrays")) << r.text;
  EXPECT_FALSE(Kept(r, "Reference")) << r.text;
  // Without code around it, the short line is chaff as before.
  r = c.Clean("Guides\n" + std::string(kPara1) + "\n" + kPara2 + "\n  let count;\nTry it out:\n");
  EXPECT_FALSE(Kept(r, "let count;")) << r.text;
  EXPECT_FALSE(Kept(r, "Try it out:")) << r.text;
  // A script's lines around a story are not its text: not its head above
  // it, not an announced block below it.
  const std::string head = "Bridge to close for repairs";
  r = c.Clean("adslot.queue.push(function() { adslot.show('top'); });\nNews\n" + head + "\n" + kPara1 + "\n" +
              kPara2 + "\nvar _stats = _stats || [];\n");
  EXPECT_TRUE(Kept(r, head)) << r.text;
  EXPECT_FALSE(Kept(r, "adslot")) << r.text;
  EXPECT_FALSE(Kept(r, "_stats")) << r.text;
}


TEST(Context, AShellLoopInAnAnswerIsCode) {
  // A Q&A page's answer: a line announcing a shell loop, the loop, and a
  // sentence about it, between the site's buttons, tags and user names. The loop's head and end
  // ("...; do", "done < file") make it code, and the line with the colon
  // above it announces it.
  const std::vector<std::string> answer = {"Use a while loop with read:", "while IFS= read -r line; do",
                                           "  printf '%s\\n' \"$line\"", "done < paths.txt"};
  std::string page = "Questions\nHow can I run a command on each line of a file?\n" + std::string(kPara1) + "\n" +
                     kPara2 + "\nbash\nloops\ntext-files\nShare\nImprove this question\nFollow\nasked Mar 3, 2021 at 9:14\n"
                     "jdoe42\n2 Answers\n";
  for (const auto& l : answer) page += l + "\n";
  page += "The -r option keeps backslashes as they are, and IFS= keeps the spaces at the start of each line.\n"
          "Share\nImprove this answer\nFollow\nAdd a comment\n";
  Cleaner c;
  auto r = c.Clean(page);
  for (const auto& l : answer) EXPECT_TRUE(Kept(r, l + "\n")) << l << "\n" << r.text;
  EXPECT_FALSE(Kept(r, "Improve this")) << r.text;
  // "if ...; then" and "fi" too.
  std::string test = std::string(kPara1) + "\n" + kPara2 + "\nbash\nfiles\nShare\nFollow\njdoe42\nCheck for it first:\nif [ -f paths.txt ]; then\n" +
                     "  wc -l paths.txt\nfi\nThe test is true only when the file exists and is a regular file, not a directory or a link.\nShare\nFollow\n";
  r = c.Clean(test);
  EXPECT_TRUE(Kept(r, "Check for it first:\nif [ -f paths.txt ]; then\n  wc -l paths.txt\nfi\n")) << r.text;
}

TEST(Rules, MarkdownLinksHeadingsAndEmphasisAreReadAsText) {
  // A page a converter wrote as Markdown: rules read a link as its text, a
  // heading without its "#"s, a line without the emphasis round it.
  ExpectEachGoesBetweenParagraphs({
      "[Subscribe](https://example.com/subscribe)",
      "* [Sign in](/login)",
      "*We may earn a commission when you buy through links on our site.*",
      "**Share:** [Email](mailto:?body=x) [Print](/print)",
      "![Photo: Jane Smith / Daily Planet](https://example.com/img/bridge.jpg)",
  });
  // "### Most read" opens the list it heads, as "Most read" does.
  Cleaner c;
  auto r = c.Clean(Article({}, {}, {"### Most read", "[Man fined for feeding pigeons](/a)", "[School wins prize](/b)"}));
  EXPECT_FALSE(Kept(r, "pigeons")) << r.text;
  EXPECT_TRUE(Kept(r, kPara3)) << r.text;
  // A sentence with a link in it is a sentence.
  const std::string cited =
      "According to [a survey by the county](https://example.com/survey), most people who cross the bridge do so on foot.";
  r = c.Clean(Article({}, {cited}, {}));
  EXPECT_TRUE(Kept(r, cited)) << r.text;
}

TEST(Rules, AMarkdownLineOfImagesAloneIsAPictureNotText) {
  // Whatever its alt text says, a line of images is no line of the
  // article: it goes as the marker an exporter leaves for an embed. A
  // caption after an image on its line, and the article's sentences with
  // a link, stay.
  ExpectEachGoesBetweenParagraphs({
      "![Workers lower the new span onto the piers](https://example.com/img/span.jpg)",
      "[![The bridge at dusk](https://example.com/img/dusk.jpg)](https://example.com/gallery/1)",
      "![](https://example.com/img/1.jpg) ![](https://example.com/img/2.jpg)",
  });
  const std::string caption = "![Map](https://example.com/map.png) The new route avoids the town centre.";
  Cleaner c;
  auto r = c.Clean(Article({}, {caption}, {}));
  EXPECT_TRUE(Kept(r, caption)) << r.text;
  EXPECT_EQ(DefaultRuleHit("[image]"), "embed-marker");
}

TEST(Context, AMarkdownPagesTitleAndFirstHeadingStayAboveItsContentsBox) {
  // A docs page in Markdown: its title, a contents box of in-page links,
  // then the sections. The walk for the head passes the box (its links
  // point into the page: no site menu) and keeps the title; the first
  // section's heading stays though it is one word.
  const std::string page = std::string("# A short guide for new volunteers\n## Contents\n- [Survey](#survey)\n- [Repairs](#repairs)\n") +
                           "## Survey\n" + kPara1 + "\n## Repairs\n" + kPara2 + "\n" + kPara3 + "\n";
  Cleaner c;
  auto r = c.Clean(page);
  EXPECT_TRUE(Kept(r, "# A short guide for new volunteers\n")) << r.text;
  EXPECT_TRUE(Kept(r, "## Survey\n" + std::string(kPara1))) << r.text;
  EXPECT_FALSE(Kept(r, "(#survey)")) << r.text;
  // A menu of links to other pages is the top of the head: the line above
  // it is the site's, and goes.
  const std::string menu = std::string("# Harbour Works\n- [Home](/)\n- [Projects](/projects)\n") + "## Survey\n" +
                           kPara1 + "\n" + kPara2 + "\n" + kPara3 + "\n";
  r = c.Clean(menu);
  EXPECT_FALSE(Kept(r, "Harbour Works")) << r.text;
  EXPECT_TRUE(Kept(r, "## Survey\n")) << r.text;
}

TEST(Context, AMenuOfMarkdownLinksIsNoHeadline) {
  // A row of links, or a breadcrumb of links ending with the page's name,
  // above the title is the menu: not the head, and the words of its URLs,
  // which the story's own links share, make it no rescued headline.
  const std::string title = "# Repairs to the old bridge";
  const std::string lead =
      "The council voted on Tuesday, as [the minutes](https://example.com/minutes) show, to repair the old bridge.";
  Cleaner c;
  for (const std::string menu : {"[Home](https://example.com/) [About](https://example.com/about)",
                                 "[News](/news) / [Local](/news/local) / Bridge repairs", "* [Pricing](/pricing)"}) {
    auto r = c.Clean(menu + "\n" + title + "\n" + lead + "\n" + kPara2 + "\n" + kPara3 + "\n");
    EXPECT_FALSE(Kept(r, menu)) << r.text;
    EXPECT_TRUE(Kept(r, title)) << r.text;
    EXPECT_TRUE(Kept(r, lead)) << r.text;
  }
}


TEST(Context, AFencedBlockIsCodeEveryLineOfIt) {
  // Between two Markdown fences every line is code, however long the block
  // and whatever a line looks like, and a line that repeats an earlier one
  // stays (code repeats itself). A lone fence marks nothing.
  const std::vector<std::string> block = {
      "```python",           "import math",          "def ring_area(outer, inner):",
      "    big = math.pi * outer ** 2",  "    small = math.pi * inner ** 2",  "    print('ring area is', big - small)",
      "    return big - small",          "def disc_area(radius):",           "    small = 0",
      "    big = math.pi * radius ** 2", "    print('ring area is', big - small)", "    return big - small",
      "```"};
  const std::string after = "Both functions return the area in the units of the radius squared.";
  std::string text = "Guides\n# Areas of rings and discs\n" + std::string(kPara1) + "\n";
  for (const auto& l : block) text += l + "\n";
  text += after + "\n";
  Cleaner c;
  auto r = c.Clean(text);
  for (const auto& l : block) EXPECT_TRUE(Kept(r, l + "\n")) << l << "\n" << r.text;
  EXPECT_EQ(Copies(r, "print('ring area is'"), 2u) << r.text;
  EXPECT_TRUE(Kept(r, after)) << r.text;
  // A lone fence: the text after it is prose as before.
  r = c.Clean("Guides\n" + std::string(kPara1) + "\n```\n" + kPara2 + "\n" + kPara3 + "\nMost Read\nA teaser here\n");
  EXPECT_TRUE(Kept(r, kPara3)) << r.text;
  EXPECT_FALSE(Kept(r, "A teaser here")) << r.text;
}


TEST(Rules, ListHeadingsRemoveNothingAndAreAskedApart) {
  auto loaded = LoadRules({}, {});
  ASSERT_TRUE(loaded.ok()) << loaded.status().message();
  const RuleSet& rs = *loaded.value();
  EXPECT_TRUE(rs.HasListHeadings());
  for (const char* line : {"Ingredients", "Ingredients (serves 4)", "What you\u2019ll need:", "Key points", "Specifications",
                           "Benefits", "Responsibilities:", "What we offer", "What you'll do", "Key features", "Pros",
                           "Cons:", "For", "Against", "Reasons to buy", "Tips", "Warnings", "Things You'll Need",
                           "For the filling", "For the sauce:", "For the lemon glaze", "Key changes:", "Key findings",
                           "Cast", "Starring:", "Running time", "Notes", "Footnotes:", "References[edit]",
                           "Bibliography", "Pros: sharp, light, good value", "Features", "Features & benefits",
                           "What’s in the box"}) {
    const int words = internal::LineWordCounts(line).words;
    EXPECT_GE(rs.MatchListHeading(line, words, "en"), 0) << line;
    EXPECT_EQ(rs.Match(line, words, false, "en"), -1) << line;  // it removes nothing
  }
  EXPECT_GE(rs.MatchListHeading("Zutaten f\u00fcr 4 Personen", 4, "de"), 0);
  // A recipe's parts in each language's pack.
  for (const auto& [lang, line] : std::vector<std::pair<std::string, std::string>>{
           {"de", "F\u00fcr die F\u00fcllung:"}, {"es", "Para el relleno"}, {"fr", "Pour la p\u00e2te"},
           {"fr", "Pour l\u2019appareil :"}, {"it", "Per il ripieno"}, {"nl", "Voor het deeg"},
           {"pt", "Para a massa"}, {"ru", "\u0414\u043b\u044f \u0442\u0435\u0441\u0442\u0430"}}) {
    EXPECT_GE(rs.MatchListHeading(line, internal::LineWordCounts(line).words, lang), 0) << lang << ": " << line;
  }
  // Notes and references in each language's pack.
  for (const auto& [lang, line] : std::vector<std::pair<std::string, std::string>>{
           {"de", "Einzelnachweise"}, {"es", "Referencias"}, {"fr", "Notes et r\u00e9f\u00e9rences"}, {"it", "Note"},
           {"nl", "Bronnen"}, {"pt", "Refer\u00eancias"},
           {"ru", "\u041f\u0440\u0438\u043c\u0435\u0447\u0430\u043d\u0438\u044f"}}) {
    EXPECT_GE(rs.MatchListHeading(line, internal::LineWordCounts(line).words, lang), 0) << lang << ": " << line;
  }
  // A product page's specifications in each language's pack.
  for (const auto& [lang, line] : std::vector<std::pair<std::string, std::string>>{
           {"de", "Technische Daten"}, {"es", "Especificaciones t\u00e9cnicas"}, {"fr", "Caract\u00e9ristiques"},
           {"it", "Scheda tecnica"}, {"nl", "Technische gegevens"}, {"pt", "Especifica\u00e7\u00f5es:"},
           {"ru", "\u0422\u0435\u0445\u043d\u0438\u0447\u0435\u0441\u043a\u0438\u0435 "
                  "\u0445\u0430\u0440\u0430\u043a\u0442\u0435\u0440\u0438\u0441\u0442\u0438\u043a\u0438"}}) {
    EXPECT_GE(rs.MatchListHeading(line, internal::LineWordCounts(line).words, lang), 0) << lang << ": " << line;
  }
  // A review's pros and cons in each language's pack.
  for (const auto& [lang, line] : std::vector<std::pair<std::string, std::string>>{
           {"de", "Vorteile"}, {"de", "Nachteile:"}, {"fr", "Inconv\u00e9nients"}, {"es", "Ventajas"},
           {"it", "Difetti"}, {"nl", "Pluspunten"}, {"pt", "Pr\u00f3s"},
           {"ru", "\u041c\u0438\u043d\u0443\u0441\u044b"}, {"pl", "Zalety"}, {"cs", "Z\u00e1pory"},
           {"sv", "Nackdelar"}, {"da", "Ulemper"}, {"nb", "Fordeler"}, {"tr", "Eksiler"}, {"fi", "Miinukset"}, {"hu", "Hátrányok"}, {"uk", "Недоліки"}}) {
    EXPECT_GE(rs.MatchListHeading(line, internal::LineWordCounts(line).words, lang), 0) << lang << ": " << line;
  }
  EXPECT_EQ(rs.MatchListHeading("Zutaten", 1, "en"), -1);  // the de pack's word, in an English record
  EXPECT_EQ(rs.MatchListHeading("Popular recipes", 2, "en"), -1);
  EXPECT_EQ(rs.MatchListHeading("Directions", 1, "en"), -1);  // a menu's label as often as a recipe's
  EXPECT_EQ(rs.MatchListHeading("for", 1, "en"), -1);  // a broken title's word on its own line
  EXPECT_EQ(rs.MatchListHeading("For the first time in decades", 6, "en"), -1);  // a headline's start
  EXPECT_EQ(rs.MatchListHeading("For the home", 3, "en"), -1);                    // a shop's menu label
  EXPECT_EQ(rs.MatchListHeading("Notes from the Allotment", 4, "en"), -1);         // a blog's name
  EXPECT_EQ(rs.MatchListHeading("Cons: it costs more.", 4, "en"), -1);           // a sentence
  EXPECT_EQ(rs.MatchListHeading("F\u00fcr die Familie", 3, "de"), -1);
  // A how-to's byline is a byline: the headline right above it stays.
  for (const char* line : {"Co-authored by Lena Park", "Medically reviewed by Dr Ann Lee", "Fact-checked by Sam Ortiz"}) {
    EXPECT_GE(rs.MatchMeta(line, internal::LineWordCounts(line).words, "en"), 0) << line;
  }
  EXPECT_EQ(rs.MatchListHeading("The ingredients of a good story are simple", 8, "en"), -1);
  EXPECT_EQ(rs.MatchListHeading("Benefits of walking every day", 5, "en"), -1);  // a headline
  // A pack of one's own may add the scope; without any, none is looked for.
  RuleSet own;
  ASSERT_TRUE(own.AddPack("[[rule]]\nname = \"parts\"\nscope = \"list-heading\"\npatterns = ['^parts list$']\n", "p.toml")
                  .ok());
  ASSERT_TRUE(own.Compile().ok());
  EXPECT_TRUE(own.HasListHeadings());
  EXPECT_EQ(own.MatchListHeading("Parts list", 2), 0);
  EXPECT_EQ(own.Match("Parts list", 2), -1);
  EXPECT_EQ(RuleScopeName(own.rules()[0].scope), std::string("list-heading"));
}

TEST(Context, APagesTitleThatIsAlsoItsMenusItemStays) {
  // A docs page: the sidebar names every page, this one too, and the same
  // name then heads it, above a toolbar button. The sidebar's copy goes as
  // a menu's item, the title stays (it was a repeat of the item), and a
  // copy past the text repeats the title.
  const std::string page = "Docs\nGuides\nInstallation\nConfiguration\nDeployment\nConfiguration\nEdit this page\n" +
                           std::string(kPara1) + "\n" + kPara2 + "\n" + kPara3 +
                           "\nPrevious\nInstallation\nNext\nDeployment\nConfiguration\n";
  auto r = Cleaner().Clean(page);
  EXPECT_EQ(Copies(r, "Configuration"), 1u) << r.text;
  EXPECT_TRUE(Kept(r, "Configuration\n" + std::string(kPara1))) << r.text;
  EXPECT_FALSE(Kept(r, "Installation")) << r.text;
  EXPECT_FALSE(Kept(r, "Edit this page")) << r.text;
  EXPECT_EQ(r.lines[3].reason, LineReason::kContext);  // the sidebar's copy
  EXPECT_EQ(r.lines[14].reason, LineReason::kRepeat);  // the copy past the text
  EXPECT_EQ(r.lines[14].ref_line, 6u);                 // repeats the title
}

TEST(Context, AJobAdsBenefitsStayUnderTheirHeadingTheSimilarJobsGo) {
  // The list after the text: under a heading a rule knows it is the ad's;
  // under one it does not, a sidebar's.
  auto page = [](const std::string& heading) {
    return "Jobs\nSign in\nSenior Data Engineer\nApply now\n" + std::string(kPara1) + "\n" + kPara2 + "\n" + heading +
           "\n30 days of paid holiday\nA yearly learning budget\nSimilar jobs\nData Engineer - Munich\n"
           "Analytics Engineer - Remote\n";
  };
  Cleaner c;
  auto r = c.Clean(page("Benefits"));
  EXPECT_TRUE(Kept(r, "Benefits\n30 days of paid holiday\nA yearly learning budget\n")) << r.text;
  EXPECT_FALSE(Kept(r, "Munich")) << r.text;
  EXPECT_FALSE(Kept(r, "Apply now")) << r.text;
  r = c.Clean(page("Popular"));
  EXPECT_FALSE(Kept(r, "30 days of paid holiday")) << r.text;
}

TEST(Context, ABlogsTitleFirstPrintedInItsShareBoxStaysAboveItsStandfirst) {
  // A newsletter platform prints the post's title in its share box, then
  // again above the standfirst and the byline. The first copy goes with
  // the box; the second is the headline, and it stays once.
  const std::string title = "Why the river path floods every spring";
  const std::string page = "The Towpath Letter\nSubscribe\nSign in\nShare this post\nThe Towpath Letter\n" + title +
                           "\nCopy link\nFacebook\nEmail\nNotes\nMore\n" + title +
                           "\nA walk along the bank, with the people who mend it\nRuth Adler\nApr 2, 2024\n42\n11\n"
                           "Share\n" + kPara1 + "\n" + kPara2 + "\n" + kPara3 +
                           "\nDiscussion about this post\nReady for more?\n";
  Cleaner c;
  auto r = c.Clean(page);
  EXPECT_EQ(Copies(r, title), 1u) << r.text;
  EXPECT_TRUE(Kept(r, title + "\nA walk along the bank")) << r.text;
  EXPECT_FALSE(Kept(r, "Copy link")) << r.text;
  EXPECT_FALSE(Kept(r, "The Towpath Letter")) << r.text;
}

TEST(Context, AReviewsProsAndConsStayItsPriceBoxGoes) {
  // A review's verdict box (its paragraph, then "Pros" and "Cons" and their
  // items) stands above a box of shops and prices, then the review itself.
  // The lists are the verdict's: their heading announces them though chaff
  // follows them.
  const std::vector<std::string> pros = {"Quiet in a busy office", "Light on the desk", "Two-year warranty"};
  const std::vector<std::string> cons = {"Loud fan at full speed", "No card reader"};
  std::string page = "Home\nReviews\nLaptops\nAcme Book 14 review: a quiet machine for work\nOur verdict\n" +
                     std::string(kPara1) + "\nPros\n";
  for (const auto& l : pros) page += l + "\n";
  page += "Cons\n";
  for (const auto& l : cons) page += l + "\n";
  page += "Today's best Acme Book 14 deals\n$649\nView at Amazon\n$679\nCheck price\nDesign\n" + std::string(kPara2) +
          "\n" + kPara3 + "\n";
  Cleaner c;
  auto r = c.Clean(page);
  for (const auto& l : pros) EXPECT_TRUE(Kept(r, l + "\n")) << l << "\n" << r.text;
  for (const auto& l : cons) EXPECT_TRUE(Kept(r, l + "\n")) << l << "\n" << r.text;
  EXPECT_TRUE(Kept(r, "Pros\n") && Kept(r, "Cons\n")) << r.text;
  EXPECT_FALSE(Kept(r, "deals")) << r.text;
  EXPECT_FALSE(Kept(r, "$649")) << r.text;
  EXPECT_FALSE(Kept(r, "Amazon")) << r.text;
  EXPECT_FALSE(Kept(r, "Check price")) << r.text;
}

// A company newsroom's menu ("Newsroom", "Press releases", "Media
// contacts") above a release's headline: the labels go, the headline and
// the rest stay.
TEST(Rules, ASearchBoxsPlaceholderIsAMenusItem) {
  for (const char* box : {"Search this topic\xE2\x80\xA6", "Search GOV.UK", "Search the archive", "Search...",
                          "Search example.co.uk"}) {
    EXPECT_EQ(DefaultRuleHit(box), "navigation") << box;
  }
  EXPECT_EQ(DefaultRuleHit("Search teams found the boat"), "");
  EXPECT_EQ(DefaultRuleHit("Search the house"), "");
  EXPECT_EQ(DefaultRuleHit("Explore more on these topics"), "teaser-heading");
}

TEST(Context, ANewsroomsMenuGoesTheReleasesHeadlineStays) {
  Cleaner c;
  auto r = c.Clean(Article({"Newsroom", "Press releases", "Media contacts",
                            "Northwind Opens A Repair Yard On The River"},
                           {}, {"Media contact:", "Ann Lee", "press@northwind.example"}));
  EXPECT_TRUE(Kept(r, "Northwind Opens A Repair Yard On The River")) << r.text;
  for (const char* label : {"Newsroom", "Press releases", "Media contacts", "Media contact:"}) {
    EXPECT_FALSE(Kept(r, label)) << label << "\n" << r.text;
  }
}

TEST(Context, TheHeadAboveAContentsBoxStays) {
  // A long story's head (headline, byline, standfirst), then its contents
  // box: "Jump to:" and the story's section headings. The entries go as
  // copies of the headings; they do not use up the lines the walk for the
  // head may keep, so the headline stays.
  const std::string head = "Ten years of the harbour ferry, in numbers\nBy Ines Ferro, 3 May 2024\n"
                           "How a small boat became the town's busiest route\n";
  std::string page = "Home\nNews\nTransport\n" + head + "Jump to:\nThe first year\nThe fares\nThe new boat\n" +
                     "The first year\n" + kPara1 + "\nThe fares\n" + kPara2 + "\nThe new boat\n" + kPara3 + "\n";
  Cleaner c;
  auto r = c.Clean(page);
  EXPECT_TRUE(Kept(r, head)) << r.text;
  EXPECT_EQ(Copies(r, "The fares\n"), 1u) << r.text;
  EXPECT_TRUE(Kept(r, "The fares\n" + std::string(kPara2))) << r.text;
  EXPECT_FALSE(Kept(r, "Jump to")) << r.text;
  EXPECT_FALSE(Kept(r, "Transport")) << r.text;
}

TEST(Rules, AReviewsPriceBoxAThreadsStarterLineAMailArchivesAndAJournalPagesLinks) {
  ExpectPackHits({
      {"en", "Today's best Acme Book 14 deals", "shop-tools"},
      {"en", "View at Amazon", "shop-tools"},
      {"en", "Check price at Best Buy", "shop-tools"},
      {"en", "View Deal", "shop-tools"},
      {"en", "Why you can trust Gadget Weekly", "affiliate-disclosure"},
      {"en",
       "Why you can trust Gadget Weekly Our reviewers spend hours testing every product so you can choose the best "
       "for you.",
       "affiliate-disclosure"},
      {"en", "(Image credit: Future)", "image-credit"},
      {"en", "(Image: \xC2\xA9 Sam Ortiz / Gadget Weekly)", "image-credit"},
      {"en", "Jump to:", "wiki-chrome"},
      {"en", "Gadget Weekly is part of Acme Media, a media group. Visit our corporate site.", "copyright"},
      {"en", "Thread starter dave_k", "forum-meta"},
      {"en", "Start date Jan 12, 2024", "forum-meta"},
      {"en", "jdoe commented on Mar 3, 2024", "forum-meta"},
      {"en", "Search Obituaries", "obituary-tools"},
      {"en", "Published in Valley Herald from May 9 to May 11, 2024.", "obituary-tools"},
      {"en", "Published in The Courier on March 3, 2024", "obituary-tools"},
      {"en", "Published in the journal Nature on March 3, her study found the reverse of what was expected.", ""},
      {"en", "jdoe opened this issue on Mar 3, 2024 \u00b7 5 comments", "forum-meta"},
      {"en", "Smith commented on March 3 that the bridge would need a new deck before winter.", ""},
      {"en", "Next message (by thread): [tools-users] Release 4.2 is out", "list-archive"},
      {"en", "Messages sorted by: [ date ] [ thread ] [ subject ] [ author ]", "list-archive"},
      {"en", "More information about the tools-users mailing list", "list-archive"},
      {"en", "Next message: Jan Kowalski: \"Re: [dev] build fails on ARM after the last merge\"", "list-archive"},
      {"en", "In reply to: Jan Kowalski: \"[dev] build fails on ARM after the last merge\"", "list-archive"},
      {"en", "This archive was generated by hypermail 2.1.8 : Tue Mar 04 2025 - 09:15:01 EST", "list-archive"},
      {"en", "In reply to: the council's letter, residents wrote again.", ""},
      {"en", "Mortgage calculator", "page-tools"},
      {"en", "2,145 Accesses", "page-tools"},
      {"en", "Metrics details", "page-tools"},
      {"en", "Article Google Scholar", "page-tools"},
      {"en", "PubMed Central Google Scholar", "page-tools"},
      {"en", "Similar properties", "teaser-heading"},
      {"en", "Forwarded this email? Subscribe here for more", "newsletter-box"},
      {"en", "Unsubscribe | Update your preferences", "newsletter-box"},
      {"en", "Unsubscribe from these emails", "newsletter-box"},
      {"en", "Download Article", "page-tools"},
      {"en", "Explore this Article", "navigation"},
      // The same words in a story's lines
      {"en", "Buy from local farms", ""},
      {"en", "Why you can trust the new timetable is a question for the council.", ""},
      {"en", "The deals of the day went fast, said the shop.", ""},
      {"en", "Start date for the works is not yet known, the council said.", ""},
      {"en", "View at night from the bridge", ""},
      {"en", "Next message to the council came from the mayor's office.", ""},
      {"en", "Google Scholar lists 40 of her papers.", ""},
      {"en", "Unsubscribe from the list, the council told residents.", ""},
      {"en", "We noticed you're using an ad blocker. Please consider supporting us by turning it off.",
       "adblock-notice"},
      {"en", "It looks like you are using an adblocker", "adblock-notice"},
      {"en", "Please disable your ad blocker to continue", "adblock-notice"},
      {"en", "Ad blocker detected", "adblock-notice"},
      {"en", "Match report", "match-tabs"},
      {"en", "Line-ups", ""},  // a list heading: the teams under a match report
      {"en", "Fixtures & results", "match-tabs"},
      {"en", "Results", ""},
      {"en", "Tables", ""},
      {"en", "Match report: the keeper's mistake that cost the final", ""},
      {"en", "Millions now use an ad blocker, the study found.", ""},
      {"en", "We noticed you were using the old bridge every morning, the inspector told him.", ""},
      {"en", "2,145 accesses were logged in May", ""},
      {"en", "The mortgage calculator on the bank's site gave the wrong figures for months.", ""},
  });
}

TEST(Context, AnAdNetworksPaidTeasersUnderTheStoryGo) {
  // "Sponsored Links" heads a box of paid teasers, written as headlines
  // or as sentences; they go with it, and the story above stays.
  Cleaner c;
  auto r = c.Clean(Article({}, {}, {"Leave a condolence", "Sponsored Links",
                                    "Seniors in the area are switching to this hearing aid",
                                    "Doctors stunned by one simple trick for sore knees."}));
  EXPECT_FALSE(Kept(r, "hearing aid")) << r.text;
  EXPECT_FALSE(Kept(r, "sore knees")) << r.text;
  EXPECT_TRUE(Kept(r, kPara3)) << r.text;
}

TEST(Context, ANewsletterBoxsTaglineInsideTheStoryGoes) {
  // A newsletter box between two paragraphs: its heading and its notice
  // are rules'; its tagline between them is the box's too.
  const std::vector<std::string> box = {"Sign up to The Weekly Review newsletter", "Our best long reads, every Saturday",
                                        "after newsletter promotion"};
  Cleaner c;
  auto r = c.Clean(Article({}, box, {}));
  for (const auto& l : box) EXPECT_FALSE(Kept(r, l)) << l << "\n" << r.text;
  EXPECT_TRUE(Kept(r, kPara1) && Kept(r, kPara2)) << r.text;
  // A list whose bullets stand on lines of their own keeps its items; a
  // subheading with a paragraph under it stays.
  r = c.Clean(Article({}, {"\u2022", "Conduct tours of the old mill", "\u2022", "Advertisement", "What happens next", ""},
                      {}));
  EXPECT_TRUE(Kept(r, "Conduct tours of the old mill")) << r.text;
  EXPECT_TRUE(Kept(r, "What happens next")) << r.text;
}

TEST(Context, ASitesMostReadListGoesThoughItsTeasersReadAsSentences) {
  // Under the story, "Most Read" lists other stories, their titles long,
  // some written as sentences: a long title is not article text that ends
  // the list, as it would be under an inline "Related" box.
  const std::vector<std::string> teasers = {
      "Why house prices are falling in the north for the first time in a decade",
      "The price of a pint has risen by almost a third since 2020, figures show, as pubs struggle with energy bills.",
      "Five things we learned from the budget, from fuel duty to the new tax on sugary drinks and cigarettes",
      "Why thousands of people are moving from the city to the coast, and what it means for house prices there."};
  for (const char* heading : {"Most Read", "Sponsored Links", "Most popular today"}) {
    std::vector<std::string> after = {heading};
    after.insert(after.end(), teasers.begin(), teasers.end());
    Cleaner c;
    auto r = c.Clean(Article({}, {}, after));
    for (const auto& l : teasers) EXPECT_FALSE(Kept(r, l)) << heading << ": " << l << "\n" << r.text;
    EXPECT_TRUE(Kept(r, kPara3)) << r.text;
  }
  // An inline box between paragraphs still closes: the story goes on.
  Cleaner c;
  auto r = c.Clean(Article({}, {"Related", "Bus drivers win pay rise"}, {}));
  EXPECT_FALSE(Kept(r, "Bus drivers")) << r.text;
  EXPECT_TRUE(Kept(r, kPara2) && Kept(r, kPara3)) << r.text;
}

TEST(Context, AMatchReportsLineUpsStayItsTabsGo) {
  // "Line-ups" under a match report heads the teams, the referee and the
  // crowd: they are the report's. The same word among the page's tabs
  // under the headline goes with them.
  const std::vector<std::string> teams = {
      "Line-ups", "Riverton: Smith, Jones, Baker, Patel, Green, Young, Hall, Wood, King, Scott, Adams.",
      "Hillside: Brown, Wilson, Taylor, Clark, Lewis, Walker, White, Hill, Moore, Cook, Ward.", "Referee: Paul Hart.",
      "Attendance: 8,412."};
  Cleaner c;
  auto r = c.Clean(Article({"Football", "Riverton 2-1 Hillside: a late header wins the derby", "Match report",
                            "Line-ups", "Match stats", "Live text"},
                           {}, {}));
  EXPECT_FALSE(Kept(r, "Line-ups")) << r.text;
  EXPECT_FALSE(Kept(r, "Match stats")) << r.text;
  EXPECT_TRUE(Kept(r, kPara1)) << r.text;
  std::vector<std::string> after = teams;
  for (const char* l : {"Match stats", "Possession", "Shots", "Most read in Football"}) after.push_back(l);
  r = c.Clean(Article({}, {}, after));
  for (const auto& l : teams) EXPECT_TRUE(Kept(r, l + "\n")) << l << "\n" << r.text;
  EXPECT_FALSE(Kept(r, "Possession")) << r.text;
}

TEST(Context, APapersAbstractHeadingStaysAboveItsText) {
  // A journal page: the title, the authors, the page's counters, then
  // "Abstract" over the text. The heading is one word, and the counters a
  // rule took stand between it and the title: a `meta` rule keeps it
  // beside the text, as it keeps a byline.
  Cleaner c;
  auto r = c.Clean(Article({"Journal of Harbour Studies", "Research article", "Silt in a restored tidal marsh",
                            "Ann Lee, Bo Chan", "2,145 Accesses", "Metrics details", "Abstract"},
                           {}, {}));
  EXPECT_TRUE(Kept(r, "Abstract\n" + std::string(kPara1))) << r.text;
  EXPECT_FALSE(Kept(r, "Accesses")) << r.text;
}

TEST(Context, TheSitesNameAboveAMenuOfTwoLabelsIsNoHeadline) {
  // The first lines of a page: the site's name, a menu of two labels a
  // rule knows, then the headline. The walk for the head stops at the
  // menu: the headline stays, the name goes.
  Cleaner c;
  auto r = c.Clean(Article({"Harbour Courier", "News", "Sport", "Bridge repairs to start in spring"}, {}, {}));
  EXPECT_TRUE(Kept(r, "Bridge repairs to start in spring")) << r.text;
  EXPECT_FALSE(Kept(r, "Harbour Courier")) << r.text;
  EXPECT_FALSE(Kept(r, "Sport")) << r.text;
}

TEST(Context, AListUnderAListHeadingStaysWithTheText) {
  // A recipe: its ingredients stand above its method, a list of short
  // lines the context stage alone takes for a menu. Under a heading a
  // list-heading rule knows, they are the article's, and the title above
  // the heading is its head.
  const std::vector<std::string> items = {"3 ripe pears", "2 tbsp honey", "1 lemon", "A pinch of cinnamon",
                                          "150 g oats", "Butter for the dish"};
  const std::string method1 =
      "Heat the oven, slice the pears into a buttered dish and pour the honey and the juice of the lemon over them.";
  const std::string method2 =
      "Mix the oats with the cinnamon, scatter them over the fruit and bake for half an hour, until the top is crisp.";
  auto page = [&](const std::string& heading) {
    std::string s = "Home\nDesserts\nPear and oat crumble\nJump to recipe\n" + heading + "\n";
    for (const auto& l : items) s += l + "\n";
    return s + method1 + "\n" + method2 + "\nRate this recipe\n";
  };
  Cleaner c;
  auto r = c.Clean(page("Ingredients"));
  for (const auto& l : items) EXPECT_TRUE(Kept(r, l + "\n")) << l << "\n" << r.text;
  EXPECT_TRUE(Kept(r, "Ingredients\n")) << r.text;
  EXPECT_TRUE(Kept(r, "Pear and oat crumble")) << r.text;
  EXPECT_FALSE(Kept(r, "Desserts")) << r.text;
  EXPECT_FALSE(Kept(r, "Jump to recipe")) << r.text;
  // A recipe in parts, each with its list ("For the filling", "For the
  // topping"), and no "Ingredients" over them.
  {
    std::string parts = "Home\nDesserts\nPear and oat crumble\nFor the filling\n";
    for (size_t k = 0; k < 3; ++k) parts += items[k] + "\n";
    parts += "For the topping:\n";
    for (size_t k = 3; k < items.size(); ++k) parts += items[k] + "\n";
    r = c.Clean(parts + method1 + "\n" + method2 + "\nRate this recipe\n");
    for (const auto& l : items) EXPECT_TRUE(Kept(r, l + "\n")) << l << "\n" << r.text;
    EXPECT_TRUE(Kept(r, "For the filling\n") && Kept(r, "For the topping:\n")) << r.text;
    EXPECT_FALSE(Kept(r, "Desserts")) << r.text;
  }
  // A heading over the headline alone is a menu's label: it goes.
  r = c.Clean("Home\nShop\nEquipment\nBridge to close for repairs\n" + std::string(kPara1) + "\n" + kPara2 + "\n");
  EXPECT_FALSE(Kept(r, "Equipment")) << r.text;
  EXPECT_TRUE(Kept(r, "Bridge to close")) << r.text;
  // So is one over menu labels of one word and the headline.
  r = c.Clean("Home\nBenefits\nHousing\nBridge to close for repairs\n" + std::string(kPara1) + "\n" + kPara2 + "\n");
  EXPECT_FALSE(Kept(r, "Benefits")) << r.text;
  EXPECT_FALSE(Kept(r, "Housing")) << r.text;
  EXPECT_TRUE(Kept(r, "Bridge to close")) << r.text;
  // Under a heading no rule knows the list is a menu, as before.
  r = c.Clean(page("Popular"));
  EXPECT_FALSE(Kept(r, items[0])) << r.text;
  EXPECT_FALSE(Kept(r, items[1])) << r.text;
  EXPECT_TRUE(Kept(r, method1)) << r.text;
  // Between two runs of the text, a list heading's list of more lines than
  // a gap of short lines may hold (kGapLines) is the text's too; under a
  // heading no rule knows, such a list splits the text and goes.
  std::vector<std::string> tools;
  for (const char* t : {"Hammer", "Saw", "Nails", "Wood glue", "Sandpaper", "Drill", "Screws", "Tape measure", "Pencil",
                        "Clamps", "Spirit level", "Chisel"}) {
    tools.push_back(t);
    tools.push_back(std::string(t) + " (spare)");
  }
  auto gap = [&](const std::string& heading) {
    std::string s = "News\n" + std::string(kPara1) + "\n" + kPara2 + "\n" + heading + "\n";
    for (const auto& l : tools) s += l + "\n";
    return s + kPara3 + "\n" + method1 + "\nShare this\n";
  };
  r = c.Clean(gap("You will need"));
  EXPECT_TRUE(Kept(r, "You will need\n")) << r.text;
  for (const auto& l : tools) EXPECT_TRUE(Kept(r, l + "\n")) << l << "\n" << r.text;
  r = c.Clean(gap("Popular"));
  EXPECT_FALSE(Kept(r, "Hammer")) << r.text;
  EXPECT_TRUE(Kept(r, kPara1) && Kept(r, kPara2)) << r.text;
}


TEST(Context, AContentsBoxUnderTheLeadGoesItsHeadingsStay) {
  // A wiki page: the contents box stands between the lead and the first
  // section, its entries numbered, the headings with their "[edit]" links.
  // The entries go as copies of the headings; the headings stay where
  // they are, and the last entry goes though its heading ("References")
  // is past the article.
  const std::string page = std::string("Jump to navigation\nLake Hollin\n") + kPara1 +
                           "\nContents\n1 History\n2 Wildlife\n2.1 Fish\n3 References\nHistory[edit]\n" + kPara2 +
                           "\nWildlife[edit]\n" + kPara3 + "\nFish[edit]\n" +
                           "The lake holds arctic char, which have lived in it since the end of the last ice age.\n" +
                           "References[edit]\n^ County survey of lakes, 1998.\n";
  Cleaner c;
  auto r = c.Clean(page);
  for (const char* entry : {"1 History", "2 Wildlife", "2.1 Fish", "3 References", "Contents"}) {
    EXPECT_FALSE(Kept(r, entry)) << entry << "\n" << r.text;
  }
  for (const char* heading : {"History[edit]", "Wildlife[edit]", "Fish[edit]"}) {
    EXPECT_TRUE(Kept(r, heading)) << heading << "\n" << r.text;
  }
  EXPECT_TRUE(Kept(r, kPara1) && Kept(r, kPara2) && Kept(r, kPara3)) << r.text;
  // A year is no section number: a list of winners by year keeps each.
  r = c.Clean(std::string(kPara1) + "\n1998 Winner: Ann Lee\n1997 Winner: Ann Lee\n" + kPara2 + "\n");
  EXPECT_TRUE(Kept(r, "1998 Winner") && Kept(r, "1997 Winner")) << r.text;
  // Short lines that recur with each post (a poster's name and
  // signature) or that a reply quotes are no contents box: two lines in
  // a row, each quoted once below, stay.
  const std::string thread = std::string(kPara1) + "\nSee you all at the meeting.\nAnn (county engineer)\n" +
                             kPara2 + "\nSee you all at the meeting.\n" + kPara3 + "\nAnn (county engineer)\n";
  r = c.Clean(thread);
  EXPECT_TRUE(Kept(r, "See you all at the meeting.\nAnn (county engineer)\n" + std::string(kPara2))) << r.text;
}

TEST(Context, TheFirstHeadingRightUnderAShortContentsBoxStays) {
  // A guide with no lead: headline, a contents box of two or three
  // entries, then the first section's heading and its text. The heading is
  // so close under its entry that it reads as a doubled line, and the main
  // text starts below it; still the entries go and every heading stays.
  const std::vector<std::string> sections = {"Choosing the tiles", "Laying the first row", "Grouting and sealing"};
  auto page = [&](size_t entries) {
    std::string p = "Guides\nHow to tile a kitchen floor\nContents\n";
    for (size_t k = 0; k < entries; ++k) p += std::to_string(k + 1) + " " + sections[k] + "\n";
    const char* paras[] = {kPara1, kPara2, kPara3};
    for (size_t k = 0; k < entries; ++k) p += sections[k] + "\n" + paras[k] + "\n";
    return p;
  };
  Cleaner c;
  for (size_t entries : {2u, 3u}) {
    auto r = c.Clean(page(entries));
    for (size_t k = 0; k < entries; ++k) {
      EXPECT_EQ(Copies(r, sections[k]), 1u) << entries << " entries\n" << r.text;
      EXPECT_FALSE(Kept(r, std::to_string(k + 1) + " " + sections[k])) << entries << " entries\n" << r.text;
    }
    EXPECT_TRUE(Kept(r, sections[0] + "\n" + kPara1)) << entries << " entries\n" << r.text;
    EXPECT_TRUE(Kept(r, "How to tile a kitchen floor")) << r.text;
  }
  // The heading is the main text's, no line of the head's budget: the
  // headline above an author and her role stays too (with a heading of two
  // words, which the main text does not start with).
  {
    const std::vector<std::string> short_sections = {"The tiles", "The rows", "The grout"};
    const char* paras[] = {kPara1, kPara2, kPara3};
    std::string p = "Guides\nA weekend project for beginners\nRuth Okafor\nTiler and kitchen fitter\nContents\n";
    for (const auto& h : short_sections) p += h + "\n";
    for (size_t k = 0; k < 3; ++k) p += short_sections[k] + "\n" + paras[k] + "\n";
    auto r = c.Clean(p);
    EXPECT_TRUE(Kept(r, "A weekend project for beginners\nRuth Okafor\nTiler and kitchen fitter\nThe tiles\n")) << r.text;
  }
  // Headings that are questions read as sentences, so the box stands in
  // the main text: two entries right above the first heading still go.
  {
    std::string p = "Guides\nTiling on a budget\nBy Ruth Okafor\nContents\nWhich tiles should I buy?\nHow long does "
                    "grout take to set?\nWhich tiles should I buy?\n" +
                    std::string(kPara1) + "\n" + kPara2 + "\nHow long does grout take to set?\n" + kPara3 + "\n";
    auto r = c.Clean(p);
    EXPECT_EQ(Copies(r, "Which tiles should I buy?"), 1u) << r.text;
    EXPECT_EQ(Copies(r, "How long does grout take to set?"), 1u) << r.text;
    EXPECT_TRUE(Kept(r, "Which tiles should I buy?\n" + std::string(kPara1))) << r.text;
  }
  // A line doubled right above the text with no contents box is still
  // one line in the output.
  auto r = c.Clean(std::string("How to tile a kitchen floor\nChoosing the tiles\nChoosing the tiles\n") + kPara1 +
                   "\n" + kPara2 + "\n");
  EXPECT_EQ(Copies(r, "Choosing the tiles"), 1u) << r.text;
}

TEST(Rules, AProductPagesCountersPriceAndCarouselGoItsSpecificationsStay) {
  ExpectEachGoesBetweenParagraphs(
      {"4.5 out of 5 stars (312 reviews)", "Customers who bought this item also bought", "Frequently bought together"});
  // The product's data under a heading stays below the description; the
  // carousel after it goes.
  const std::vector<std::string> specs = {"Capacity: 1.7 litres", "Power: 3000 W", "Weight: 1.1 kg", "Colour: Silver"};
  std::string page = "Home\nKitchen\nCordless kettle, 1.7 litres\nAdd to basket\n" + std::string(kPara1) + "\n" + kPara2 +
                     "\nSpecifications\n";
  for (const auto& l : specs) page += l + "\n";
  page += "Customers also bought\nTwo-slice toaster\nGlass teapot\n";
  Cleaner c;
  auto r = c.Clean(page);
  for (const auto& l : specs) EXPECT_TRUE(Kept(r, l)) << l << "\n" << r.text;
  EXPECT_FALSE(Kept(r, "toaster")) << r.text;
  EXPECT_FALSE(Kept(r, "Add to basket")) << r.text;
  // A price is no chaff of itself: a story's table of prices stays whole.
  r = c.Clean(Article({}, {"Ticket prices", "Adult", "\u00a312.50", "Child", "\u00a36.00", "Family", "\u00a330.00"}, {}));
  EXPECT_TRUE(Kept(r, "Adult\n\u00a312.50\nChild\n\u00a36.00\nFamily\n\u00a330.00\n")) << r.text;
}

}  // namespace
}  // namespace winnow
