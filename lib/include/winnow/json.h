// Small JSON output helpers shared by the writers and the report.
#ifndef WINNOW_JSON_H_
#define WINNOW_JSON_H_

#include <cstdint>
#include <string>
#include <string_view>

namespace winnow {

// Appends `s` (valid UTF-8) as a JSON string literal, quotes included.
// Control characters are escaped; non-ASCII is written as UTF-8.
void AppendJsonString(std::string* out, std::string_view s);

// Returns `s` as a JSON string literal.
std::string JsonString(std::string_view s);

// True when `s` is valid UTF-8 (no overlongs, no surrogates, <= U+10FFFF).
bool IsValidUtf8(std::string_view s);

}  // namespace winnow

#endif  // WINNOW_JSON_H_
