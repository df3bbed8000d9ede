// Data files compiled into the library (generated from lib/rules/).
#ifndef WINNOW_SRC_EMBEDDED_DATA_H_
#define WINNOW_SRC_EMBEDDED_DATA_H_

#include <cstddef>

namespace winnow::internal {

struct EmbeddedFile {
  const char* language;  // ISO 639-1 code
  const char* text;
};
// lib/rules/LANG.toml, one default rule pack per language, English first.
extern const EmbeddedFile kRulePacks[];
// lib/rules/stopwords-LANG.txt (words separated by spaces and newlines),
// in the same languages and order; kStopwordLanguageCount of each.
extern const EmbeddedFile kStopwords[];
extern const size_t kStopwordLanguageCount;

}  // namespace winnow::internal

#endif  // WINNOW_SRC_EMBEDDED_DATA_H_
