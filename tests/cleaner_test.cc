#include "winnow/cleaner.h"

#include <gtest/gtest.h>

#include "winnow/json.h"
#include "winnow/normalize.h"
#include "winnow/segment.h"

namespace winnow {
namespace {

TEST(Normalize, LineKeyFoldsCaseWidthPunctuationAndSpace) {
  EXPECT_EQ(LineKey("  Oops! Something went wrong. "), "oops something went wrong");
  EXPECT_EQ(LineKey("OOPS — something   went wrong"), "oops something went wrong");
  EXPECT_EQ(LineKey("\xEF\xBC\xA6\xEF\xBD\x89\xEF\xBD\x8C\xEF\xBD\x85"), "file");  // fullwidth "File"
  EXPECT_EQ(LineKey("Straße"), "strasse");
  EXPECT_EQ(LineKey("* * *"), "");
  EXPECT_EQ(LineKeyHash("---"), 0u);
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
  Cleaner c;
  auto r = c.Clean("Big News Today\n\nBig News Today\nPhoto caption\n\nThe article begins here.");
  EXPECT_EQ(r.text, "Big News Today\n\nPhoto caption\n\nThe article begins here.");
  ASSERT_EQ(r.removed_lines, 1u);
  EXPECT_EQ(r.lines[2].reason, LineReason::kRepeat);
  EXPECT_EQ(r.lines[2].ref_line, 1u);
  EXPECT_TRUE(r.lines[0].keep);
}

TEST(Cleaner, RepeatedBlockOfLinesAllGo) {
  Cleaner c;
  auto r = c.Clean("Oops!\nSomething went wrong.\nOops!\nSomething went wrong.\nOOPS\nsomething went wrong\nText.");
  EXPECT_EQ(r.removed_lines, 4u);
  EXPECT_EQ(r.text, "Oops!\nSomething went wrong.\nText.");
}

TEST(Cleaner, RepeatsCanBeSwitchedOffAndTinyLinesNeverCount) {
  CleanerOptions o;
  o.drop_repeats = false;
  EXPECT_EQ(Cleaner(o).Clean("a b\na b").removed_lines, 0u);
  EXPECT_EQ(Cleaner().Clean("1.\nfirst\n1.\nsecond").removed_lines, 0u);  // key "1" is under 2 chars
}

TEST(Json, EscapesControlsQuotesAndKeepsUtf8) {
  EXPECT_EQ(JsonString("a\"b\\c\n\t\x01 é"), "\"a\\\"b\\\\c\\n\\t\\u0001 é\"");
  EXPECT_TRUE(IsValidUtf8("caf\xC3\xA9"));
  EXPECT_FALSE(IsValidUtf8("caf\xE9"));
  EXPECT_FALSE(IsValidUtf8("\xED\xA0\x80"));  // surrogate
}

}  // namespace
}  // namespace winnow
