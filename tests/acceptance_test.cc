// Acceptance on the user's own examples (../shared/seeds): skipped when the
// shared data is not next to the checkout.
#include <gtest/gtest.h>

#include "test_util.h"
#include "winnow/pipeline.h"

namespace winnow {
namespace {

using testing::ReadFile;
using testing::TempDir;

TEST(Seeds, RunKeepsAllFiveAndDropsTheSecondHeadlines) {
  if (!testing::SharedDirPresent()) GTEST_SKIP() << "../shared not present";
  TempDir dir;
  PipelineOptions o;
  o.inputs = {WINNOW_SHARED_DIR "/seeds/seeds.docs.jsonl"};
  o.output = dir / "out.jsonl";
  Report rep;
  ASSERT_TRUE(Pipeline(o).Run(&rep).ok());
  EXPECT_EQ(rep.total.records_in, 5u);
  EXPECT_EQ(rep.total.kept, 5u);  // five different stories on one topic are not duplicates
  EXPECT_TRUE(rep.total.Balanced());
  // The doubled headlines of seeds 000 and 001 are gone: one copy left each.
  auto items = testing::ReadAll(o.output);
  auto input = testing::ReadAll(WINNOW_SHARED_DIR "/seeds/seeds.docs.jsonl");
  ASSERT_EQ(items.records.size(), 5u);
  ASSERT_EQ(input.records.size(), 5u);
  auto count = [](const std::string& text, const std::string& needle) {
    size_t n = 0;
    for (size_t p = text.find(needle); p != std::string::npos; p = text.find(needle, p + 1)) ++n;
    return n;
  };
  const std::string h0 = "and the White House hid some of the calls";
  const std::string h1 = "says that he and Trump";
  EXPECT_EQ(count(items.records[0].text, h0) + 1, count(input.records[0].text, h0));
  EXPECT_EQ(count(items.records[1].text, h1) + 1, count(input.records[1].text, h1));
}

}  // namespace
}  // namespace winnow
