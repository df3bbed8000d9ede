// Data files compiled into the library (generated from lib/rules/).
#ifndef WINNOW_SRC_EMBEDDED_DATA_H_
#define WINNOW_SRC_EMBEDDED_DATA_H_

#include <cstddef>

namespace winnow::internal {
extern const char kDefaultRulesEn[];  // lib/rules/en.toml

// lib/rules/stopwords-LANG.txt: words separated by spaces and newlines.
struct EmbeddedStopwords {
  const char* language;  // ISO 639-1 code
  const char* words;
};
extern const EmbeddedStopwords kStopwords[];  // English first
extern const size_t kStopwordLanguageCount;
}  // namespace winnow::internal

#endif  // WINNOW_SRC_EMBEDDED_DATA_H_
