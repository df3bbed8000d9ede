#include "winnow/normalize.h"

#include <utf8proc.h>
// xxHash from the system package, inlined: a line key is hashed per line
// (short keys, where the call is a good part of the cost).
#define XXH_INLINE_ALL
#include <xxhash.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <vector>

#include "ascii.h"

namespace winnow {

namespace {

// The code point of a well-formed two-byte UTF-8 sequence at `p` (of which
// `avail` bytes are readable: lead C2..DF, a continuation byte), or -1.
int32_t TwoByteCodepoint(const char* p, size_t avail) {
  if (avail < 2) return -1;
  const auto a = static_cast<unsigned char>(p[0]), b = static_cast<unsigned char>(p[1]);
  if (a < 0xC2 || a > 0xDF || (b & 0xC0) != 0x80) return -1;
  return ((a & 0x1F) << 6) | (b & 0x3F);
}

// The code point of a well-formed three-byte UTF-8 sequence at `p` (lead
// E0..EF, two continuation bytes, not overlong, not a surrogate), or -1.
int32_t ThreeByteCodepoint(const char* p, size_t avail) {
  if (avail < 3) return -1;
  const auto a = static_cast<unsigned char>(p[0]), b = static_cast<unsigned char>(p[1]),
             c = static_cast<unsigned char>(p[2]);
  if ((a & 0xF0) != 0xE0 || (b & 0xC0) != 0x80 || (c & 0xC0) != 0x80) return -1;
  const int32_t cp = ((a & 0x0F) << 12) | ((b & 0x3F) << 6) | (c & 0x3F);
  return cp >= 0x800 && (cp < 0xD800 || cp > 0xDFFF) ? cp : -1;
}

}  // namespace

int32_t DecodeUtf8(std::string_view s, size_t* i) {
  // Two- and three-byte sequences (Latin, Greek, Cyrillic, Arabic, Indic,
  // CJK) decoded here; anything else, or anything not well formed, goes to
  // utf8proc, which decides (Normalize.DecodingAgreesWithUtf8proc).
  int32_t cp2 = TwoByteCodepoint(s.data() + *i, s.size() - *i);
  if (cp2 >= 0) {
    *i += 2;
    return cp2;
  }
  cp2 = ThreeByteCodepoint(s.data() + *i, s.size() - *i);
  if (cp2 >= 0) {
    *i += 3;
    return cp2;
  }
  utf8proc_int32_t cp = -1;
  utf8proc_ssize_t n = utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(s.data() + *i),
                                        static_cast<utf8proc_ssize_t>(s.size() - *i), &cp);
  if (n <= 0) {
    *i += 1;
    return -1;
  }
  *i += static_cast<size_t>(n);
  return cp;
}

namespace {

constexpr uint64_t kHigh = 0x8080808080808080ull;

constexpr utf8proc_option_t kFoldOptions =
    static_cast<utf8proc_option_t>(UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_COMPAT | UTF8PROC_CASEFOLD);

// The folded form of one code point of U+0080..U+07FF (two UTF-8 bytes),
// U+2000..U+207F (E2 80 xx, E2 81 xx: quotes, dashes, spaces), U+3000..U+303F
// (CJK symbols and punctuation: the ideographic space, comma and full stop)
// or U+FF00..U+FFEF (fullwidth and halfwidth forms), computed once.
// `simple` says a run of such code points and ASCII folds as its pieces do
// one by one: the code point's compatibility and case decomposition starts
// with a starter (combining class 0), so canonical reordering never crosses
// it, and no starter in these ranges composes with the starter before it
// (the ones that do are Indic vowel signs and Hangul jamo, far above; the
// halfwidth Hangul letters fold to jamo, so they are not simple). Then
// utf8proc_map over the run equals the pieces' foldings joined, and the
// table answers without a call (and its allocation) per run.
struct FoldEntry {
  bool simple = false;
  uint8_t len = 0;
  char bytes[14] = {};
};

// Where each range starts in the table.
constexpr size_t kFoldTwoByte = 0x800;                  // U+0000..U+07FF (ASCII entries unused)
constexpr size_t kFoldCjkSymbols = kFoldTwoByte + 0x80;  // after U+2000..U+207F
constexpr size_t kFoldForms = kFoldCjkSymbols + 0x40;    // after U+3000..U+303F
constexpr size_t kFoldEntries = kFoldForms + 0xF0;       // after U+FF00..U+FFEF

// The code point of table entry `k`.
int32_t FoldCodepoint(size_t k) {
  if (k < kFoldTwoByte) return static_cast<int32_t>(k);
  if (k < kFoldCjkSymbols) return static_cast<int32_t>(0x2000 + (k - kFoldTwoByte));
  if (k < kFoldForms) return static_cast<int32_t>(0x3000 + (k - kFoldCjkSymbols));
  return static_cast<int32_t>(0xFF00 + (k - kFoldForms));
}

// The table entry of a code point of three UTF-8 bytes, or SIZE_MAX.
size_t FoldIndex(int32_t cp) {
  if (cp >= 0x2000 && cp < 0x2080) return kFoldTwoByte + static_cast<size_t>(cp - 0x2000);
  if (cp >= 0x3000 && cp < 0x3040) return kFoldCjkSymbols + static_cast<size_t>(cp - 0x3000);
  if (cp >= 0xFF00 && cp < 0xFFF0) return kFoldForms + static_cast<size_t>(cp - 0xFF00);
  return SIZE_MAX;
}

const std::array<FoldEntry, kFoldEntries>& FoldTable() {
  static const auto* table = [] {
    auto* t = new std::array<FoldEntry, kFoldEntries>();
    for (size_t k = 0x80; k < kFoldEntries; ++k) {
      const int32_t cp = FoldCodepoint(k);
      utf8proc_int32_t decomposed[32];
      const utf8proc_ssize_t nd = utf8proc_decompose_char(
          cp, decomposed, 32,
          static_cast<utf8proc_option_t>(UTF8PROC_STABLE | UTF8PROC_DECOMPOSE | UTF8PROC_COMPAT | UTF8PROC_CASEFOLD),
          nullptr);
      if (nd <= 0 || nd > 32 || utf8proc_get_property(decomposed[0])->combining_class != 0) continue;
      utf8proc_uint8_t in[4];
      const utf8proc_ssize_t nin = utf8proc_encode_char(cp, in);
      utf8proc_uint8_t* mapped = nullptr;
      const utf8proc_ssize_t n = utf8proc_map(in, nin, &mapped, kFoldOptions);
      // A Hangul jamo in the folding (halfwidth Hangul letters fold to
      // them) composes with its neighbours into a syllable: not simple.
      bool jamo = false;
      for (utf8proc_ssize_t at = 0; n > 0 && mapped != nullptr && at < n;) {
        utf8proc_int32_t c = -1;
        const utf8proc_ssize_t step = utf8proc_iterate(mapped + at, n - at, &c);
        if (step <= 0) break;
        jamo = jamo || (c >= 0x1100 && c <= 0x11FF);
        at += step;
      }
      if (n >= 0 && mapped != nullptr && !jamo && static_cast<size_t>(n) <= sizeof(FoldEntry::bytes)) {
        FoldEntry& e = (*t)[k];
        e.simple = true;
        e.len = static_cast<uint8_t>(n);
        std::memcpy(e.bytes, mapped, static_cast<size_t>(n));
      }
      std::free(mapped);
    }
    return t;
  }();
  return *table;
}

// Letters of the scripts of East Asian text in the three-byte range, which
// NFKC and case folding leave as they are: starters (combining class 0)
// that compose with no code point before them (a kana's voiced mark or a
// Hangul trailing jamo after one is no such letter, so a run with it goes
// to utf8proc). Tests check both against utf8proc (Normalize.FoldingByTable*,
// Normalize.EastAsianLetters*).
bool EastAsianLetter(int32_t cp) {
  return (cp >= 0x4E00 && cp <= 0x9FFF) ||  // CJK Unified Ideographs
         (cp >= 0x3400 && cp <= 0x4DBF) ||  // CJK Extension A
         (cp >= 0xAC00 && cp <= 0xD7A3) ||  // Hangul syllables
         (cp >= 0x3041 && cp <= 0x3096) ||  // Hiragana
         (cp >= 0x30A1 && cp <= 0x30FA) ||  // Katakana
         (cp >= 0x30FC && cp <= 0x30FE);    // prolonged sound mark, iteration marks
}

// The eight ASCII bytes of `w` with A-Z lowered: a byte at or above 'A'
// gets its high bit from adding 0x3F, one above 'Z' from adding 0x25 (no
// byte carries into the next, all being below 0x80).
uint64_t LowerAscii8(uint64_t w) {
  constexpr uint64_t kOnes = 0x0101010101010101ull, kHighBits = 0x8080808080808080ull;
  const uint64_t upper = (w + 0x3F * kOnes) & ~(w + 0x25 * kOnes) & kHighBits;
  return w | (upper >> 2);
}

}  // namespace

// One pass over `s`, writing into `out` as far as it is sized: ASCII is
// lowered (eight bytes at a time between non-ASCII runs); a run of non-ASCII
// (from its first byte >= 0x80 to the next ASCII space or newline, so that
// composition stays local) is folded code point by code point from
// FoldTable, East Asian letters copied, until a code point the table cannot
// answer: then the whole run is folded again by utf8proc_map, which is what
// the table stands for (Normalize.FoldingByTableAgreesWithUtf8proc).
void AppendFoldedNfkc(std::string_view s, std::string* out) {
  const auto& table = FoldTable();
  constexpr size_t kEntry = sizeof(FoldEntry::bytes);
  const size_t n = s.size();
  size_t pos = out->size();
  // Room for the rest of `s` as it is and one table entry more: ASCII never
  // grows, a code point of the table may, so its room is checked.
  auto ensure = [&](size_t rest) {
    if (pos + rest + kEntry > out->size()) out->resize(std::max(out->size() * 2, pos + rest + kEntry));
  };
  ensure(n);
  size_t i = 0;
  while (i < n) {
    while (i + 8 <= n) {
      uint64_t w;
      std::memcpy(&w, s.data() + i, 8);
      if ((w & kHigh) != 0) break;
      w = LowerAscii8(w);
      std::memcpy(out->data() + pos, &w, 8);
      pos += 8;
      i += 8;
    }
    while (i < n && static_cast<unsigned char>(s[i]) < 0x80) {
      const char c = s[i++];
      (*out)[pos++] = internal::LowerAscii(c);
    }
    if (i == n) break;
    const size_t run = i, run_pos = pos;
    bool by_table = true;
    while (i < n && s[i] != ' ' && s[i] != '\n') {
      const unsigned char c = static_cast<unsigned char>(s[i]);
      if (c < 0x80) {
        (*out)[pos++] = internal::LowerAscii(c);
        ++i;
        continue;
      }
      size_t k = 0, len = 0;
      if (const int32_t cp = TwoByteCodepoint(s.data() + i, n - i); cp >= 0) {
        k = static_cast<size_t>(cp);
        len = 2;
      } else if ((c & 0xF0) == 0xE0) {
        const int32_t cp = ThreeByteCodepoint(s.data() + i, n - i);
        if (cp >= 0 && EastAsianLetter(cp)) {
          std::memcpy(out->data() + pos, s.data() + i, 3);
          pos += 3;
          i += 3;
          continue;
        }
        if (cp >= 0 && (k = FoldIndex(cp)) != SIZE_MAX) len = 3;
      }
      if (len == 0 || !table[k].simple) {
        by_table = false;
        break;
      }
      ensure(n - i);
      std::memcpy(out->data() + pos, table[k].bytes, kEntry);
      pos += table[k].len;
      i += len;
    }
    if (by_table) continue;
    while (i < n && s[i] != ' ' && s[i] != '\n') ++i;
    pos = run_pos;
    utf8proc_uint8_t* mapped = nullptr;
    const utf8proc_ssize_t m = utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(s.data() + run),
                                            static_cast<utf8proc_ssize_t>(i - run), &mapped, kFoldOptions);
    const std::string_view folded = m >= 0 && mapped != nullptr
                                        ? std::string_view(reinterpret_cast<const char*>(mapped), static_cast<size_t>(m))
                                        : s.substr(run, i - run);
    ensure(folded.size() + (n - i));
    std::memcpy(out->data() + pos, folded.data(), folded.size());
    pos += folded.size();
    std::free(mapped);
  }
  out->resize(pos);
}

bool IsUnspacedScript(int32_t cp) {
  if (cp < 0x0E00) return false;  // the common case: Latin, Greek, Cyrillic, Arabic
  return (cp >= 0x3040 && cp <= 0x30FF) ||   // Hiragana, Katakana
         (cp >= 0x3400 && cp <= 0x4DBF) ||   // CJK Extension A
         (cp >= 0x4E00 && cp <= 0x9FFF) ||   // CJK Unified Ideographs
         (cp >= 0xF900 && cp <= 0xFAFF) ||   // CJK Compatibility Ideographs
         (cp >= 0x20000 && cp <= 0x3FFFF) || // CJK Extensions B..
         (cp >= 0x0E00 && cp <= 0x0EFF) ||   // Thai, Lao
         (cp >= 0x1000 && cp <= 0x109F) ||   // Myanmar
         (cp >= 0x1780 && cp <= 0x17FF);     // Khmer
}

namespace {

bool WordCategory(int32_t cp) {
  switch (utf8proc_category(cp)) {
    case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL: case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM: case UTF8PROC_CATEGORY_LO:
    case UTF8PROC_CATEGORY_MN: case UTF8PROC_CATEGORY_MC: case UTF8PROC_CATEGORY_ME:
    case UTF8PROC_CATEGORY_ND: case UTF8PROC_CATEGORY_NL: case UTF8PROC_CATEGORY_NO:
      return true;
    default:
      return false;
  }
}

// WordCategory of every code point of one or two UTF-8 bytes (Latin, Greek,
// Cyrillic, Hebrew, Arabic...), computed once: a bit each.
const std::array<uint64_t, 0x800 / 64>& TwoByteWordBits() {
  static const std::array<uint64_t, 0x800 / 64> bits = [] {
    std::array<uint64_t, 0x800 / 64> b{};
    for (int32_t cp = 0; cp < 0x800; ++cp) {
      if (WordCategory(cp)) b[static_cast<size_t>(cp) >> 6] |= uint64_t{1} << (cp & 63);
    }
    return b;
  }();
  return bits;
}

}  // namespace

bool IsWordCodepoint(int32_t cp) {
  if (cp < 0x80) {
    return (cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9') || (cp >= 'A' && cp <= 'Z');
  }
  if (cp < 0x800) return (TwoByteWordBits()[static_cast<size_t>(cp) >> 6] >> (cp & 63)) & 1;
  return EastAsianLetter(cp) || WordCategory(cp);
}

namespace {

using internal::kAsciiWord;

}  // namespace

bool internal::MarkUtf8WordBytes(std::string_view f, size_t k, uint64_t utf8, uint64_t* word, uint64_t* spill,
                                 size_t* decoded_end) {
  // Sequences that began in an earlier block are read already.
  if (*decoded_end > k) utf8 &= *decoded_end - k >= 64 ? 0 : ~uint64_t{0} << (*decoded_end - k);
  bool unspaced = false;
  while (utf8 != 0) {
    const size_t at = k + static_cast<size_t>(__builtin_ctzll(utf8));
    size_t next = at;
    const int32_t cp = DecodeUtf8(f, &next);
    const unsigned shift = static_cast<unsigned>(at - k);
    const size_t bytes = next - at;  // 1 to 4
    if (cp >= 0 && IsWordCodepoint(cp)) {
      const uint64_t bits = (uint64_t{1} << bytes) - 1;
      *word |= bits << shift;
      if (shift + bytes > 64) *spill = bits >> (64 - shift);
      unspaced |= IsUnspacedScript(cp);
    }
    *decoded_end = next;
    utf8 &= next - k >= 64 ? 0 : ~uint64_t{0} << (next - k);
  }
  return unspaced;
}

namespace {

// The key of a folded line, 64 bytes at a time with AVX-512 (VBMI2: Ice
// Lake and Zen 4 on): the bytes kept are the word bytes (lowered) and the
// first separator after a word (written as a space), packed together with
// one compress; a trailing space is trimmed. A UTF-8 sequence is a word's
// bytes when its code point is a word code point (IsWordCodepoint) and a
// separator otherwise; sequences are read left to right with DecodeUtf8 as
// the byte loop reads them (a broken one is one separator byte), few per
// line, so one at a time (kUtf8: an ASCII line skips that look). Returns
// the key's length; `out` needs len + 64 bytes.
#ifdef WINNOW_HAVE_AVX512_ASCII
template <bool kUtf8>
__attribute__((target("avx512f,avx512bw,avx512vbmi2,popcnt"))) size_t LineKeyAvx512(std::string_view f, char* out) {
  const __m512i space = _mm512_set1_epi8(' ');
  const size_t len = f.size();
  size_t n = 0;
  uint64_t after_word = 0;  // 1 when the byte before this block was a word byte
  [[maybe_unused]] uint64_t spill = 0;      // word bytes of a code point begun in the block before
  [[maybe_unused]] size_t decoded_end = 0;  // the end of the last UTF-8 sequence read
  for (size_t k = 0; k < len; k += 64) {
    const size_t c = std::min<size_t>(64, len - k);
    const __mmask64 valid = c == 64 ? ~__mmask64{0} : (__mmask64{1} << c) - 1;
    const __m512i x = _mm512_maskz_loadu_epi8(valid, f.data() + k);  // nothing read past the end
    uint64_t word, upper;
    __m512i lowered;
    internal::ClassifyAscii64(&x, &word, &upper, &lowered);
    if constexpr (kUtf8) {
      word |= spill;
      spill = 0;
      const uint64_t utf8 = _mm512_movepi8_mask(x);
      if (utf8 != 0) internal::MarkUtf8WordBytes(f, k, utf8, &word, &spill, &decoded_end);
    }
    const uint64_t keep = (word | (word << 1) | after_word) & valid;
    const __m512i v = _mm512_mask_blend_epi8(word, space, lowered);
    _mm512_storeu_si512(out + n, _mm512_maskz_compress_epi8(keep, v));
    n += static_cast<size_t>(__builtin_popcountll(keep));
    after_word = (word >> (c - 1)) & 1;
  }
  if (n > 0 && out[n - 1] == ' ') --n;
  return n;
}

bool HaveAvx512Key() {
  static const bool have = __builtin_cpu_supports("avx512bw") && __builtin_cpu_supports("avx512vbmi2");
  return have;
}
#endif

// One ASCII byte of a line key, branch-free, with one add on the write
// position: every byte is written; the position moves past a word byte, and
// past a space before it when a word starts after a gap (`gap`: 1 after a
// separator that follows a word; `seen`: 1 once a word byte was written).
inline void KeyAsciiByte(unsigned char c, char* out, size_t* n, size_t* gap, size_t* seen) {
  const size_t w = kAsciiWord[c];
  const size_t sp = w & *gap;
  out[*n] = ' ';
  out[*n + sp] = internal::LowerAscii(c);
  *n += w + sp;
  *seen |= w;
  *gap = (w ^ 1) & *seen;
}

// The same one byte at a time (any machine).
size_t AsciiLineKeyBytes(const char* f, size_t len, char* out) {
  size_t n = 0;
  size_t gap = 0;   // 1 after a separator that follows a word
  size_t seen = 0;  // 1 once a word byte was written
  for (size_t i = 0; i < len; ++i) KeyAsciiByte(static_cast<unsigned char>(f[i]), out, &n, &gap, &seen);
  return n;
}


// The key of a folded line one byte (or code point) at a time (any
// machine). The key is never longer than the folded line: a space is
// written only where at least one separator byte was dropped, so `out`
// needs len + 1 bytes.
size_t FoldedLineKeyBytes(std::string_view folded, char* out) {
  const char* f = folded.data();
  const size_t len = folded.size();
  size_t n = 0;
  size_t gap = 0;   // 1 after a separator that follows a word
  size_t seen = 0;  // 1 once a word byte was written
  size_t i = 0;
  while (i < len) {
    unsigned char c = static_cast<unsigned char>(f[i]);
    if (c < 0x80) {
      KeyAsciiByte(c, out, &n, &gap, &seen);
      ++i;
      continue;
    }
    size_t next = i;
    int32_t cp = DecodeUtf8(folded, &next);
    if (cp >= 0 && IsWordCodepoint(cp)) {
      if (gap) out[n++] = ' ';
      std::memcpy(out + n, f + i, next - i);
      n += next - i;
      gap = 0;
      seen = 1;
    } else {
      gap = seen;
    }
    i = next;
  }
  return n;
}

// The key of an ASCII line (utf8 false) or of a folded one.
void KeyOf(std::string_view text, bool utf8, std::string* key) {
#ifdef WINNOW_HAVE_AVX512_ASCII
  if (HaveAvx512Key()) {
    key->resize(text.size() + 64);
    key->resize(utf8 ? LineKeyAvx512<true>(text, key->data()) : LineKeyAvx512<false>(text, key->data()));
    return;
  }
#endif
  key->resize(text.size() + 8);
  key->resize(utf8 ? FoldedLineKeyBytes(text, key->data()) : AsciiLineKeyBytes(text.data(), text.size(), key->data()));
}

// Turkish has two i's: "I" is the capital of "ı" and "İ" that of "i", but
// case folding takes "I" to "i" and "İ" to "i" and a combining dot. In a
// key both are a plain "i" (a dotless "ı" occurs in no other language we
// read), so a headline in capitals meets the lead's words ("KIYI" and
// "kıyı", "İZMİR" and "İzmir"). Works on the folded line in place.
void FoldTurkishI(std::string* folded) {
  constexpr std::string_view kDotless = "\xC4\xB1", kDot = "i\xCC\x87";
  const std::string_view f = *folded;
  // Their lead bytes (C4, CC) are rare: two memchr calls rule most lines out.
  const void* c4 = std::memchr(f.data(), 0xC4, f.size());
  const void* cc = std::memchr(f.data(), 0xCC, f.size());
  if (c4 == nullptr && cc == nullptr) return;
  const size_t first = std::min(f.find(kDotless), f.find(kDot));
  if (first == std::string_view::npos) return;
  size_t n = first;
  for (size_t i = first; i < f.size();) {
    const std::string_view rest = f.substr(i);
    if (rest.starts_with(kDotless) || rest.starts_with(kDot)) {
      (*folded)[n++] = 'i';
      i += rest.starts_with(kDot) ? kDot.size() : kDotless.size();
    } else {
      (*folded)[n++] = f[i++];
    }
  }
  folded->resize(n);
}

}  // namespace

void LineKey(std::string_view line, std::string* key, std::string* scratch) {
  uint64_t high = 0;  // OR of all bytes, eight at a time
  size_t k = 0;
  for (; k + 8 <= line.size(); k += 8) {
    uint64_t w;
    std::memcpy(&w, line.data() + k, 8);
    high |= w;
  }
  for (; k < line.size(); ++k) high |= static_cast<unsigned char>(line[k]);
  // ASCII-only lines (most) need no folding pass.
  if ((high & kHigh) == 0) return KeyOf(line, false, key);
  scratch->clear();
  AppendFoldedNfkc(line, scratch);
  FoldTurkishI(scratch);
  KeyOf(*scratch, true, key);
}

std::string internal::PortableLineKey(std::string_view line) {
  std::string folded;
  AppendFoldedNfkc(line, &folded);
  FoldTurkishI(&folded);
  std::string key(folded.size() + 1, ' ');
  key.resize(FoldedLineKeyBytes(folded, key.data()));
  return key;
}

std::string internal::PortableAsciiLineKey(std::string_view line) {
  std::string key(line.size() + 8, ' ');
  key.resize(AsciiLineKeyBytes(line.data(), line.size(), key.data()));
  return key;
}

std::string LineKey(std::string_view line) {
  std::string key, scratch;
  LineKey(line, &key, &scratch);
  return key;
}

uint64_t KeyHash(std::string_view key) {
  if (key.empty()) return 0;
  uint64_t h = XXH3_64bits(key.data(), key.size());
  return h == 0 ? 1 : h;
}

uint64_t LineKeyHash(std::string_view line) { return KeyHash(LineKey(line)); }

}  // namespace winnow
