// ASCII byte classes shared by the line key, the tokenizer and the line
// shape scanner.
#ifndef WINNOW_SRC_ASCII_H_
#define WINNOW_SRC_ASCII_H_

#include <array>
#include <cstddef>
#include <cstdint>

#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
#endif

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

// `c` with A-Z lowered (other bytes, UTF-8 ones too, as they are).
inline char LowerAscii(char c) { return static_cast<char>(c + ((c >= 'A' && c <= 'Z') ? 32 : 0)); }

// The 64 bytes at `p`: sets `word` to a bit per ASCII letter or digit and
// returns a bit per byte >= 0x80 (0: all ASCII). Any machine.
inline uint64_t AsciiWordMask64(const char* p, uint64_t* word) {
  uint64_t m = 0, high = 0;
  for (size_t k = 0; k < 64; ++k) {
    const unsigned char c = static_cast<unsigned char>(p[k]);
    m |= static_cast<uint64_t>(kAsciiWord[c]) << k;
    high |= static_cast<uint64_t>(c >> 7) << k;
  }
  *word = m;
  return high;
}

#if defined(__x86_64__) && defined(__GNUC__)
#define WINNOW_HAVE_AVX512_ASCII 1

// Whether this CPU runs the AVX-512 BW paths below.
inline bool HaveAvx512Bw() {
  static const bool have = __builtin_cpu_supports("avx512bw");
  return have;
}

// 64 bytes of ASCII classified at once (AVX-512 BW; only for code compiled
// for it): `word` has a bit per letter or digit, `upper` per A-Z, and
// `lowered` is the bytes with A-Z lowered. Out-parameters, not a returned
// vector, so the header is fine in files built for the baseline.
__attribute__((target("avx512f,avx512bw"))) inline void ClassifyAscii64(const __m512i* x, uint64_t* word,
                                                                        uint64_t* upper, __m512i* lowered) {
  const __m512i letters = _mm512_set1_epi8(26), case_bit = _mm512_set1_epi8(0x20);
  const __mmask64 up = _mm512_cmplt_epu8_mask(_mm512_sub_epi8(*x, _mm512_set1_epi8('A')), letters);
  const __mmask64 alpha =
      _mm512_cmplt_epu8_mask(_mm512_sub_epi8(_mm512_or_si512(*x, case_bit), _mm512_set1_epi8('a')), letters);
  const __mmask64 digit = _mm512_cmplt_epu8_mask(_mm512_sub_epi8(*x, _mm512_set1_epi8('0')), _mm512_set1_epi8(10));
  *word = alpha | digit;
  *upper = up;
  *lowered = _mm512_mask_add_epi8(*x, up, *x, case_bit);
}

// AsciiWordMask64 with AVX-512 BW (only where HaveAvx512Bw()).
__attribute__((target("avx512f,avx512bw"))) inline uint64_t AsciiWordMask64Avx512(const char* p, uint64_t* word) {
  const __m512i x = _mm512_loadu_si512(p);
  uint64_t upper;
  __m512i lowered;
  ClassifyAscii64(&x, word, &upper, &lowered);
  return _mm512_movepi8_mask(x);
}
#endif

}  // namespace winnow::internal

#endif  // WINNOW_SRC_ASCII_H_
