// ASCII byte classes shared by the line key, the tokenizer and the line
// shape scanner.
#ifndef WINNOW_SRC_ASCII_H_
#define WINNOW_SRC_ASCII_H_

#include <array>
#include <cstddef>

namespace winnow::internal {

// True for ASCII letters and digits (a 256-entry table: bytes >= 0x80 are
// false, so a scan over ASCII word bytes stops at any UTF-8 sequence).
inline constexpr std::array<bool, 256> kAsciiWord = [] {
  std::array<bool, 256> t{};
  for (int c = 'a'; c <= 'z'; ++c) t[static_cast<size_t>(c)] = true;
  for (int c = 'A'; c <= 'Z'; ++c) t[static_cast<size_t>(c)] = true;
  for (int c = '0'; c <= '9'; ++c) t[static_cast<size_t>(c)] = true;
  return t;
}();

}  // namespace winnow::internal

#endif  // WINNOW_SRC_ASCII_H_
