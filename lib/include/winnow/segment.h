// Splitting a record's text into lines with byte offsets back into it.
#ifndef WINNOW_SEGMENT_H_
#define WINNOW_SEGMENT_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace winnow {

struct LineSpan {
  size_t begin = 0;  // byte offset of the first byte of the line
  size_t end = 0;    // one past the last byte, excluding '\n' and a '\r' before it
  bool blank = false;  // only spaces, tabs, NBSP or other white space
};

// The bytes of line `l` of `text` (no line break).
inline std::string_view LineText(std::string_view text, const LineSpan& l) {
  return text.substr(l.begin, l.end - l.begin);
}

// Splits on '\n'. A text of n newlines has n+1 lines (the last may be empty).
std::vector<LineSpan> SegmentLines(std::string_view text);
// The same into `lines` (cleared first): no allocation once it has grown to
// the longest record's line count.
void SegmentLines(std::string_view text, std::vector<LineSpan>* lines);

// True when `s` holds only ASCII white space, NBSP (U+00A0), zero-width
// space (U+200B) or ideographic space (U+3000).
bool IsBlank(std::string_view s);

// Rebuilds the text from the lines whose keep[i] is true. When every line is
// kept the result is `text` unchanged. Otherwise kept lines keep their order;
// where removed lines stood, paragraph breaks survive as one blank line and
// no run of blank lines is left behind; leading and trailing blank lines go,
// and a final newline is kept when the text had one.
std::string AssembleKept(std::string_view text, const std::vector<LineSpan>& lines,
                         const std::vector<bool>& keep);
// The same into `*out` (replaced), in the memory it already has.
void AssembleKept(std::string_view text, const std::vector<LineSpan>& lines, const std::vector<bool>& keep,
                  std::string* out);

}  // namespace winnow

#endif  // WINNOW_SEGMENT_H_
