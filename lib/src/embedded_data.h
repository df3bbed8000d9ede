// Data files compiled into the library (generated from lib/rules/).
#ifndef WINNOW_SRC_EMBEDDED_DATA_H_
#define WINNOW_SRC_EMBEDDED_DATA_H_

namespace winnow::internal {
extern const char kDefaultRulesEn[];  // lib/rules/en.toml
extern const char kStopwordsEn[];     // lib/rules/stopwords-en.txt
}  // namespace winnow::internal

#endif  // WINNOW_SRC_EMBEDDED_DATA_H_
