#include "winnow/segment.h"

#include <cstring>

namespace winnow {

bool IsBlank(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v') {
      ++i;
    } else if (c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xA0) {
      i += 2;  // NBSP
    } else if (c == 0xE2 && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0x80 &&
               static_cast<unsigned char>(s[i + 2]) == 0x8B) {
      i += 3;  // ZWSP
    } else if (c == 0xE3 && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0x80 &&
               static_cast<unsigned char>(s[i + 2]) == 0x80) {
      i += 3;  // ideographic space
    } else {
      return false;
    }
  }
  return true;
}

std::vector<LineSpan> SegmentLines(std::string_view text) {
  std::vector<LineSpan> lines;
  SegmentLines(text, &lines);
  return lines;
}

void SegmentLines(std::string_view text, std::vector<LineSpan>* out) {
  std::vector<LineSpan>& lines = *out;
  lines.clear();
  size_t pos = 0;
  for (;;) {
    const void* nl = std::memchr(text.data() + pos, '\n', text.size() - pos);
    size_t end = nl ? static_cast<size_t>(static_cast<const char*>(nl) - text.data()) : text.size();
    size_t content_end = end;
    if (content_end > pos && text[content_end - 1] == '\r') --content_end;
    lines.push_back(LineSpan{pos, content_end, IsBlank(text.substr(pos, content_end - pos))});
    if (nl == nullptr) break;
    pos = end + 1;
  }
}

std::string AssembleKept(std::string_view text, const std::vector<LineSpan>& lines,
                         const std::vector<bool>& keep) {
  std::string out;
  AssembleKept(text, lines, keep, &out);
  return out;
}

void AssembleKept(std::string_view text, const std::vector<LineSpan>& lines, const std::vector<bool>& keep,
                  std::string* result) {
  std::string& out = *result;
  out.clear();
  bool all = true;
  for (size_t i = 0; i < lines.size(); ++i) {
    if (!keep[i] && !lines[i].blank) {
      all = false;
      break;
    }
  }
  if (all) {
    out.assign(text);
    return;
  }
  out.reserve(text.size());
  bool have_out = false;    // a kept non-blank line was written
  bool gap_blank = false;   // a blank line stood since the last kept line
  bool gap_removed = false; // a removed line stood since the last kept line
  size_t last_end = 0;      // end (incl. newline) of the last kept line
  for (size_t i = 0; i < lines.size(); ++i) {
    const LineSpan& l = lines[i];
    if (l.blank) {
      gap_blank = true;
      continue;
    }
    if (!keep[i]) {
      gap_removed = true;
      continue;
    }
    if (have_out) {
      if (!gap_removed) {
        // Untouched stretch: keep the original separator exactly.
        out.append(text.substr(last_end, l.begin - last_end));
      } else {
        out.append(gap_blank ? "\n\n" : "\n");
      }
    }
    out.append(LineText(text, l));
    have_out = true;
    gap_blank = gap_removed = false;
    last_end = l.end;
    // Include a '\r' that ended the line in the separator bookkeeping.
    if (last_end < text.size() && text[last_end] == '\r') ++last_end;
  }
  if (have_out && !text.empty() && text.back() == '\n') out.push_back('\n');
}

}  // namespace winnow
