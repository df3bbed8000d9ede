// Text normalization shared by repeat detection, templates and dedup.
//
// NFKC + Unicode case folding (utf8proc), only where the bytes are not ASCII;
// ASCII takes a fast path with the same result.
#ifndef WINNOW_NORMALIZE_H_
#define WINNOW_NORMALIZE_H_

#include <cstdint>
#include <string>
#include <string_view>

namespace winnow {

// Appends NFKC + case-folded `s` (valid UTF-8) to `out`. Invalid UTF-8 (which
// readers never let through) is appended unchanged.
void AppendFoldedNfkc(std::string_view s, std::string* out);

// The key of a line for "have we seen this line before": folded, letters and
// digits only, every other run of characters (spaces, punctuation, quotes,
// dashes) one space, trimmed. "  Oops! Something went wrong. " and
// "OOPS - something went wrong" share a key. Returns "" when the line has no
// letter or digit.
std::string LineKey(std::string_view line);
// Same, into `key`, with `scratch` for non-ASCII lines: no allocation once
// both have grown.
void LineKey(std::string_view line, std::string* key, std::string* scratch);

namespace internal {
// LineKey of an ASCII line by the portable path (the one taken without BMI2);
// exposed so tests can check it on machines where the fast path runs.
std::string PortableAsciiLineKey(std::string_view line);
// LineKey of any line by the byte loop (the one taken without AVX-512
// VBMI2), for the same purpose.
std::string PortableLineKey(std::string_view line);
// The UTF-8 sequences of the 64-byte block of `f` at `k`, for the block
// scanners: `utf8` has a bit per byte >= 0x80 there. Each sequence that
// starts in the block at or after *decoded_end is read with DecodeUtf8, as
// the byte loops read it (a broken one is one byte), left to right; the
// bytes of a word code point (IsWordCodepoint) are set in *word. Bits of a
// sequence that runs past the block go to *spill (for the next block's
// word), and *decoded_end is the end of the last sequence read. Returns
// whether one of them is of an unspaced script (IsUnspacedScript).
bool MarkUtf8WordBytes(std::string_view f, size_t k, uint64_t utf8, uint64_t* word, uint64_t* spill,
                       size_t* decoded_end);
}  // namespace internal

// 64-bit hash of LineKey(line); 0 for a line with no letter or digit.
uint64_t LineKeyHash(std::string_view line);
// The same hash of an already computed LineKey.
uint64_t KeyHash(std::string_view key);

// True for a code point of a script written without spaces between words
// (Han, Hiragana, Katakana, Thai, Lao, Khmer, Myanmar, ...), which is
// tokenized one character at a time.
bool IsUnspacedScript(int32_t cp);

// True for a code point that is part of a word: letters, combining marks
// and digits (Unicode categories L*, M*, N*).
bool IsWordCodepoint(int32_t cp);

// Decodes one UTF-8 code point at s[*i] and advances *i; returns -1 and
// advances one byte on invalid input.
int32_t DecodeUtf8(std::string_view s, size_t* i);

}  // namespace winnow

#endif  // WINNOW_NORMALIZE_H_
