#include "winnow/reader.h"

#include <simdjson.h>

#include <algorithm>
#include <charconv>
#include <cstring>
#include <filesystem>
#include <system_error>
#include <utility>
#include <vector>

#include "winnow/json.h"
#include "winnow/source.h"

namespace winnow {

const char* InputFormatName(InputFormat f) {
  switch (f) {
    case InputFormat::kAuto: return "auto";
    case InputFormat::kJsonl: return "jsonl";
    case InputFormat::kText: return "text";
    case InputFormat::kWet: return "wet";
  }
  return "?";
}

const char* RejectReasonName(RejectReason r) {
  switch (r) {
    case RejectReason::kInvalidJson: return "invalid-json";
    case RejectReason::kNotAnObject: return "not-an-object";
    case RejectReason::kMissingText: return "missing-text";
    case RejectReason::kTextNotString: return "text-not-string";
    case RejectReason::kDuplicateText: return "duplicate-text-field";
    case RejectReason::kInvalidUtf8: return "invalid-utf8";
    case RejectReason::kTooLarge: return "too-large";
    case RejectReason::kUnreadable: return "unreadable";
    case RejectReason::kInvalidWarc: return "invalid-warc";
    case RejectReason::kCorruptInput: return "corrupt-input";
  }
  return "?";
}

namespace {

namespace od = simdjson::ondemand;
namespace fs = std::filesystem;

constexpr std::string_view kBom = "\xEF\xBB\xBF";

bool EndsWith(std::string_view s, std::string_view suf) {
  return s.size() >= suf.size() && s.substr(s.size() - suf.size()) == suf;
}

std::string_view TrimWs(std::string_view s) {
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == '\n')) s.remove_suffix(1);
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r' || s.front() == '\n')) s.remove_prefix(1);
  return s;
}

const char* JsonTypeName(od::json_type t) {
  switch (t) {
    case od::json_type::array: return "an array";
    case od::json_type::object: return "an object";
    case od::json_type::number: return "a number";
    case od::json_type::string: return "a string";
    case od::json_type::boolean: return "a boolean";
    case od::json_type::null: return "null";
  }
  return "unknown";
}

// A ByteSource that first replays bytes already read for sniffing, and a
// corrupt part the source skipped right after them (ReadHead).
class PrefixedSource final : public ByteSource {
 public:
  PrefixedSource(std::unique_ptr<ByteSource> inner, std::string prefix, Status skipped)
      : ByteSource(inner->name()), inner_(std::move(inner)), prefix_(std::move(prefix)),
        head_skip_(std::move(skipped)) {}
  Result<size_t> Read(char* buf, size_t n) override {
    if (pos_ < prefix_.size() || !head_skip_.ok()) {
      size_t k = std::min(n, prefix_.size() - pos_);
      std::memcpy(buf, prefix_.data() + pos_, k);
      pos_ += k;
      if (pos_ == prefix_.size()) {
        std::string().swap(prefix_);  // free the sniffed head
        pos_ = 0;
        skipped_ = std::exchange(head_skip_, Status::Ok());  // told with the head's last bytes
      }
      return k;
    }
    return inner_->Read(buf, n);
  }
  void SkipCorrupt() override { inner_->SkipCorrupt(); }
  Status TakeSkipped() override {
    if (!skipped_.ok()) return std::exchange(skipped_, Status::Ok());
    return inner_->TakeSkipped();
  }
  Compression compression() const override { return inner_->compression(); }
  uint64_t file_bytes_read() const override { return inner_->file_bytes_read(); }
  uint64_t file_size() const override { return inner_->file_size(); }

 private:
  std::unique_ptr<ByteSource> inner_;
  std::string prefix_;
  size_t pos_ = 0;
  Status head_skip_;  // a skip right after the head
  Status skipped_;    // TakeSkipped
};

// Reads up to `n` bytes of `src` for sniffing. A source that fails gives
// the bytes before the fault, and the fault again to its reader (sources'
// errors stay), which rejects the rest of the input. A corrupt part the
// source skipped ends the head: `*skipped` says what it was.
std::string ReadHead(ByteSource* src, size_t n, Status* skipped) {
  std::string head(n, '\0');
  size_t got = 0;
  while (got < n) {
    auto r = src->Read(head.data() + got, n - got);
    if (!r.ok()) break;
    got += r.value();
    *skipped = src->TakeSkipped();
    if (!skipped->ok() || r.value() == 0) break;
  }
  head.resize(got);
  return head;
}

// The reject for a source that failed (`error`, which names the input) at
// `pos`: a truncated or corrupt compressed stream is `corrupt-input`, a
// read error `unreadable`. `what` says what the fault cut short.
Reject StreamFault(const Position& pos, const Status& error, const std::string& what, uint64_t bytes) {
  const RejectReason why = error.code() == StatusCode::kDataError ? RejectReason::kCorruptInput : RejectReason::kUnreadable;
  return Reject{pos, why, error.message() + ": " + what, bytes};
}

// The end of a reader's `lines`: kEnd, after one reject (`*told` then set)
// when the source failed between lines: what followed is lost, and
// nothing says how much.
RecordReader::Item EndOfLines(const LineReader& lines, const std::string& input, uint32_t index, bool* told,
                              Reject* rej) {
  if (lines.error().ok() || *told) return RecordReader::Item::kEnd;
  *told = true;
  const uint64_t after = lines.line_number();
  *rej = StreamFault(Position{input, after + 1, lines.offset(), index}, lines.error(),
                     "the input ends after line " + std::to_string(after) + "; what followed is lost", 0);
  return RecordReader::Item::kReject;
}

// ---------------------------------------------------------------------------
// JSONL

// Parses one JSONL line into a record. One per thread (Local): the simdjson
// parser and the padded copy are reused from line to line.
class JsonlParser {
 public:
  using Item = RecordReader::Item;

  static JsonlParser& Local(const ReaderOptions& opt) {
    thread_local JsonlParser p;
    p.opt_ = &opt;
    return p;
  }

  // Parses `text` (which may alias rec->raw), the line at rec->pos that
  // took rec->raw_bytes of input.
  Item Parse(std::string_view text, Record* rec, Reject* rej) {
    const Position& pos = rec->pos;
    const uint64_t bytes = rec->raw_bytes;
    pad_.resize(text.size() + simdjson::SIMDJSON_PADDING);
    std::memcpy(pad_.data(), text.data(), text.size());
    std::memset(pad_.data() + text.size(), 0, simdjson::SIMDJSON_PADDING);
    auto bad = [&](simdjson::error_code e) {
      if (e == simdjson::UTF8_ERROR) {
        return Fail(pos, RejectReason::kInvalidUtf8, "line is not valid UTF-8", bytes, rej);
      }
      return Fail(pos, RejectReason::kInvalidJson, std::string("invalid JSON: ") + simdjson::error_message(e),
                  bytes, rej);
    };
    od::document doc;
    if (auto e = parser_.iterate(pad_.data(), text.size(), pad_.size()).get(doc)) return bad(e);
    od::json_type top;
    if (auto e = doc.type().get(top)) return bad(e);
    if (top != od::json_type::object) {
      // type() reads a value's first byte only ('n' is null): a line of
      // prose ("not json") is invalid JSON, not null.
      if (auto e = ValidateScalar(doc, top)) return bad(e);
      return Fail(pos, RejectReason::kNotAnObject, std::string("line is ") + JsonTypeName(top) + ", not an object",
                  bytes, rej);
    }
    od::object obj;
    if (auto e = doc.get_object().get(obj)) return bad(e);

    bool have_text = false, have_id = false;
    // Written in place, in the memory the record's strings already have (a
    // reused record allocates nothing); a rejected line leaves them
    // half-written, and only the Reject is read then.
    std::string& id = rec->id;
    std::string& id_json = rec->id_json;
    std::string& url = rec->url;
    std::string& text_copy = rec->text;
    id.clear();
    id_json.clear();
    url.clear();
    text_copy.clear();
    std::string_view text_token;
    std::string_view text_value;
    for (auto fr : obj) {
      od::field f;
      if (auto e = std::move(fr).get(f)) return bad(e);
      std::string_view key;
      if (auto e = f.unescaped_key().get(key)) return bad(e);
      od::value v = f.value();
      if (key == opt_->text_field) {
        if (have_text) {
          return Fail(pos, RejectReason::kDuplicateText, "text field \"" + opt_->text_field + "\" appears twice",
                      bytes, rej);
        }
        od::json_type t;
        if (auto e = v.type().get(t)) return bad(e);
        if (t != od::json_type::string) {
          return Fail(pos, RejectReason::kTextNotString,
                      "text field \"" + opt_->text_field + "\" is " + JsonTypeName(t) + ", not a string", bytes, rej);
        }
        text_token = v.raw_json_token();
        while (!text_token.empty() && text_token.back() != '"') text_token.remove_suffix(1);
        if (auto e = v.get_string().get(text_value)) return bad(e);
        text_copy.assign(text_value);
        have_text = true;
      } else if (!have_id && key == opt_->id_field) {
        od::json_type t;
        if (auto e = v.type().get(t)) return bad(e);
        if (t == od::json_type::string) {
          std::string_view s;
          if (auto e = v.get_string().get(s)) return bad(e);
          id.assign(s);
          AppendJsonString(&id_json, id);
          have_id = true;
        } else if (t == od::json_type::number) {
          std::string_view raw = TrimWs(v.raw_json_token());
          od::number n;
          if (auto e = v.get_number().get(n)) return bad(e);
          id.assign(raw);
          id_json.assign(raw);
          have_id = true;
        } else if (auto e = Validate(v)) {
          return bad(e);
        }
      } else if (url.empty() && key == opt_->url_field) {
        od::json_type t;
        if (auto e = v.type().get(t)) return bad(e);
        if (t == od::json_type::string) {
          std::string_view s;
          if (auto e = v.get_string().get(s)) return bad(e);
          url.assign(s);
        } else if (auto e = Validate(v)) {
          return bad(e);
        }
      } else if (auto e = Validate(v)) {
        return bad(e);
      }
    }
    // Anything after the object (a second value, garbage) is an error; the
    // iterator is out of bounds exactly when the line is fully consumed.
    if (doc.current_location().error() == simdjson::SUCCESS) {
      return Fail(pos, RejectReason::kInvalidJson, "invalid JSON: trailing content after the object", bytes, rej);
    }
    if (!have_text) {
      return Fail(pos, RejectReason::kMissingText, "no \"" + opt_->text_field + "\" field", bytes, rej);
    }
    // simdjson has validated the line's UTF-8; escapes may still decode to
    // something odd (a lone surrogate is refused by simdjson itself).
    rec->format = InputFormat::kJsonl;
    if (!have_id) {
      id.assign(pos.input).append(":").append(std::to_string(pos.line));
      AppendJsonString(&id_json, id);
    }
    if (rec->raw.data() != text.data()) rec->raw.assign(text);
    rec->text_token_begin = static_cast<size_t>(text_token.data() - pad_.data());
    rec->text_token_end = rec->text_token_begin + text_token.size();
    rec->date.clear();
    return Item::kRecord;
  }

 private:
  static Item Fail(const Position& pos, RejectReason why, std::string detail, uint64_t bytes, Reject* rej) {
    *rej = Reject{pos, why, std::move(detail), bytes};
    return Item::kReject;
  }

  // Visits every value so that invalid JSON anywhere in the line is caught.
  // JSON nested deeper than this is refused (as simdjson's DOM parser
  // does by default): validation recurses, and a line of a million '['
  // must not overflow the stack.
  static constexpr int kMaxDepth = 1024;

  static simdjson::error_code Validate(od::value v, int depth = 1) {
    if (depth > kMaxDepth) return simdjson::DEPTH_ERROR;
    od::json_type t;
    if (auto e = v.type().get(t)) return e;
    switch (t) {
      case od::json_type::object: {
        od::object o;
        if (auto e = v.get_object().get(o)) return e;
        for (auto fr : o) {
          od::field f;
          if (auto e = std::move(fr).get(f)) return e;
          std::string_view k;
          if (auto e = f.unescaped_key().get(k)) return e;
          if (auto e = Validate(f.value(), depth + 1)) return e;
        }
        return simdjson::SUCCESS;
      }
      case od::json_type::array: {
        od::array a;
        if (auto e = v.get_array().get(a)) return e;
        for (auto er : a) {
          od::value ev;
          if (auto e = std::move(er).get(ev)) return e;
          if (auto e = Validate(ev, depth + 1)) return e;
        }
        return simdjson::SUCCESS;
      }
      default: return ValidateScalar(v, t);
    }
  }

  // Reads a scalar of type `t` in full: a value, or a line's top-level
  // value (a document) that is not an object (of an array, its first byte
  // is enough: it is rejected as an array either way).
  template <typename V>
  static simdjson::error_code ValidateScalar(V& v, od::json_type t) {
    switch (t) {
      case od::json_type::null: {
        bool n;
        if (auto e = v.is_null().get(n)) return e;
        return n ? simdjson::SUCCESS : simdjson::N_ATOM_ERROR;
      }
      case od::json_type::boolean: {
        bool b;
        return v.get_bool().get(b);
      }
      case od::json_type::number: {
        od::number n;
        return v.get_number().get(n);
      }
      case od::json_type::string: {
        std::string_view s;
        return v.get_string().get(s);
      }
      default: return simdjson::SUCCESS;
    }
  }

  const ReaderOptions* opt_ = nullptr;
  od::parser parser_;
  std::vector<char> pad_;
};

class JsonlReader final : public RecordReader {
 public:
  JsonlReader(std::unique_ptr<ByteSource> src, std::string input, uint32_t index,
              const ReaderOptions& opt)
      : src_(std::move(src)),
        lines_(src_.get(), opt.max_record_bytes),
        input_(std::move(input)),
        index_(index),
        opt_(opt) {}

  // Reads only the lines that start before byte `end`; the source starts at
  // byte `offset`, after `lines` lines of the file.
  void SetRange(uint64_t offset, uint64_t lines, uint64_t end) {
    lines_.StartAt(offset, lines);
    end_ = end;
  }

  InputFormat format() const override { return InputFormat::kJsonl; }
  Compression compression() const override { return src_->compression(); }
  uint64_t file_bytes_read() const override { return src_->file_bytes_read(); }
  uint64_t file_size() const override { return src_->file_size(); }

  Result<Item> Next(Record* rec, Reject* rej) override {
    std::string_view text;
    auto r = NextLine(&text, rec, rej);
    if (!r.ok() || r.value() != Item::kUnparsed) return r;
    return JsonlParser::Local(opt_).Parse(text, rec, rej);
  }

  Result<Item> NextUnparsed(Record* rec, Reject* rej) override {
    std::string_view text;
    auto r = NextLine(&text, rec, rej);
    if (r.ok() && r.value() == Item::kUnparsed) rec->raw.assign(text);
    return r;
  }

 private:
  // The next non-blank line (kUnparsed: `text`, rec->pos and rec->raw_bytes
  // set), a too-long line (kReject), or kEnd.
  Result<Item> NextLine(std::string_view* text, Record* rec, Reject* rej) {
    LineReader::Line line;
    for (;;) {
      auto more = lines_.Next(&line);
      if (!more.ok()) return more.status();
      if (!more.value()) return EndOfLines(lines_, input_, index_, &told_, rej);
      if (line.offset >= end_) return Item::kEnd;
      Position pos{input_, line.number, line.offset, index_};
      if (line.gap) {  // the source skipped a corrupt part: reading goes on after it
        *rej = StreamFault(pos, lines_.gap_error(),
                           line.length > 0 ? "this line is cut short, and the lines after it in the skipped part are lost"
                                           : "the lines in the skipped part are lost",
                           line.length);
        return Item::kReject;
      }
      if (line.cut) {  // the source failed inside this line
        told_ = true;
        *rej = StreamFault(pos, lines_.error(), "the input ends inside this line; nothing after it can be read",
                           line.length);
        return Item::kReject;
      }
      if (line.too_long) {
        *rej = Reject{pos, RejectReason::kTooLarge,
                      "record of " + std::to_string(line.length) + " bytes exceeds --max-record-bytes " +
                          std::to_string(opt_.max_record_bytes),
                      line.length + 1};
        return Item::kReject;
      }
      std::string_view t = line.text;
      if (line.number == 1 && t.substr(0, 3) == kBom) t.remove_prefix(3);
      if (!t.empty() && t.back() == '\r') t.remove_suffix(1);
      if (TrimWs(t).empty()) continue;  // blank lines are not records
      *text = t;
      rec->pos = std::move(pos);
      rec->raw_bytes = line.length + 1;
      return Item::kUnparsed;
    }
  }

  std::unique_ptr<ByteSource> src_;
  LineReader lines_;
  bool told_ = false;  // the source's failure was rejected
  uint64_t end_ = ~0ull;
  std::string input_;
  uint32_t index_;
  ReaderOptions opt_;
};

// ---------------------------------------------------------------------------
// Text files: one record per file.

class TextReader final : public RecordReader {
 public:
  // `files` are (path on disk, id) pairs in reading order.
  TextReader(std::vector<std::pair<std::string, std::string>> files, std::string input, uint32_t index,
             const ReaderOptions& opt, std::unique_ptr<ByteSource> first, uint64_t total)
      : files_(std::move(files)), input_(std::move(input)), index_(index), opt_(opt),
        first_(std::move(first)), total_(total),
        first_codec_(first_ ? first_->compression() : Compression::kNone) {}

  InputFormat format() const override { return InputFormat::kText; }
  Compression compression() const override { return first_codec_; }
  uint64_t file_bytes_read() const override { return done_bytes_; }
  uint64_t file_size() const override { return total_; }

  Result<Item> Next(Record* rec, Reject* rej) override {
    if (next_ >= files_.size()) return Item::kEnd;
    const auto& [path, id] = files_[next_];
    Position pos{files_.size() == 1 && path == input_ ? input_ : path, 0, 0, index_};
    ++next_;
    std::unique_ptr<ByteSource> src;
    if (first_ != nullptr) {
      src = std::move(first_);
    } else {
      auto opened = ByteSource::Open(path);
      if (!opened.ok()) {
        *rej = Reject{pos, RejectReason::kUnreadable, opened.status().message(), 0};
        return Item::kReject;
      }
      src = std::move(opened.value());
    }
    std::string text;
    const size_t limit = opt_.max_record_bytes;
    char buf[1 << 16];
    uint64_t total = 0;
    bool too_large = false;
    for (;;) {
      auto r = src->Read(buf, sizeof(buf));
      if (!r.ok()) {
        if (r.status().code() != StatusCode::kIoError && r.status().code() != StatusCode::kDataError) {
          return r.status();
        }
        // A read error, a truncated or corrupt compressed file: the file
        // is one record, and it is incomplete.
        *rej = StreamFault(pos, r.status(), "the file is incomplete", total);
        done_bytes_ += src->file_bytes_read();
        return Item::kReject;
      }
      // A corrupt part the source skipped: the file, one record, is as
      // incomplete as if it ended there.
      if (Status skipped = src->TakeSkipped(); !skipped.ok()) {
        *rej = StreamFault(pos, skipped, "the file is incomplete", total + r.value());
        done_bytes_ += src->file_bytes_read();
        return Item::kReject;
      }
      if (r.value() == 0) break;
      total += r.value();
      if (total > limit) {
        too_large = true;
        continue;  // keep reading to count, but do not keep the bytes
      }
      text.append(buf, r.value());
    }
    done_bytes_ += src->file_bytes_read();
    if (too_large) {
      *rej = Reject{pos, RejectReason::kTooLarge,
                    "file of " + std::to_string(total) + " bytes exceeds --max-record-bytes " + std::to_string(limit),
                    total};
      return Item::kReject;
    }
    if (std::string_view(text).substr(0, 3) == kBom) text.erase(0, 3);
    if (!IsValidUtf8(text)) {
      *rej = Reject{pos, RejectReason::kInvalidUtf8, "file is not valid UTF-8", total};
      return Item::kReject;
    }
    rec->pos = pos;
    rec->format = InputFormat::kText;
    rec->id = id;
    rec->id_json = JsonString(id);
    rec->url.clear();
    rec->text = std::move(text);
    rec->raw.clear();
    rec->date.clear();
    rec->raw_bytes = total;
    return Item::kRecord;
  }

 private:
  std::vector<std::pair<std::string, std::string>> files_;
  std::string input_;
  uint32_t index_;
  ReaderOptions opt_;
  std::unique_ptr<ByteSource> first_;  // already opened (single file or stdin)
  uint64_t total_;
  Compression first_codec_;
  size_t next_ = 0;
  uint64_t done_bytes_ = 0;
};

// ---------------------------------------------------------------------------
// WET: WARC/1.0 records; 'conversion' records are the documents.

class WetReader final : public RecordReader {
 public:
  WetReader(std::unique_ptr<ByteSource> src, std::string input, uint32_t index, const ReaderOptions& opt)
      : src_(std::move(src)), lines_(src_.get(), 1 << 20), input_(std::move(input)), index_(index), opt_(opt) {}

  InputFormat format() const override { return InputFormat::kWet; }
  Compression compression() const override { return src_->compression(); }
  uint64_t file_bytes_read() const override { return src_->file_bytes_read(); }
  uint64_t file_size() const override { return src_->file_size(); }

  Result<Item> Next(Record* rec, Reject* rej) override {
    LineReader::Line line;
    for (;;) {
      // Find the next "WARC/" version line.
      auto more = lines_.Next(&line);
      if (!more.ok()) return more.status();
      if (!more.value()) return EndOfLines(lines_, input_, index_, &told_, rej);
      std::string_view l = line.text;
      Position pos{input_, line.number, line.offset, index_};
      if (line.gap) {  // a corrupt part the source skipped, between records or in a record's block
        resyncing_ = true;
        *rej = StreamFault(pos, lines_.gap_error(), "the WARC records in the skipped part are lost", line.length);
        return Item::kReject;
      }
      if (line.number == 1 && l.substr(0, 3) == kBom) l.remove_prefix(3);
      if (TrimWs(l).empty()) continue;
      if (l.substr(0, 5) != "WARC/") {
        // Out of sync: report once, then skip to the next version line.
        if (!resyncing_) {
          resyncing_ = true;
          *rej = Reject{pos, RejectReason::kInvalidWarc, "expected a WARC/ version line", line.length};
          return Item::kReject;
        }
        continue;
      }
      resyncing_ = false;
      std::string type, id, uri, date;
      int64_t length = -1;
      for (;;) {
        auto h = lines_.Next(&line);
        if (!h.ok()) return h.status();
        if (!h.value()) {
          *rej = lines_.error().ok() ? Reject{pos, RejectReason::kInvalidWarc, "input ends inside a WARC header", 0}
                                     : StreamFault(pos, lines_.error(), "the input ends inside this WARC header", 0);
          told_ = true;
          return Item::kReject;
        }
        if (line.gap) {
          resyncing_ = true;
          *rej = StreamFault(pos, lines_.gap_error(), "this WARC header is cut short there, and its record is lost", 0);
          return Item::kReject;
        }
        std::string_view hl = TrimWs(line.text);
        if (hl.empty()) break;
        size_t colon = hl.find(':');
        if (colon == std::string_view::npos) continue;
        std::string_view name = TrimWs(hl.substr(0, colon));
        std::string_view value = TrimWs(hl.substr(colon + 1));
        auto is = [&](std::string_view want) {
          return name.size() == want.size() &&
                 std::equal(name.begin(), name.end(), want.begin(), [](char a, char b) {
                   return std::tolower(static_cast<unsigned char>(a)) == std::tolower(static_cast<unsigned char>(b));
                 });
        };
        if (is("WARC-Type")) type.assign(value);
        else if (is("WARC-Record-ID")) id.assign(value);
        else if (is("WARC-Target-URI")) uri.assign(value);
        else if (is("WARC-Date")) date.assign(value);
        else if (is("Content-Length")) {
          int64_t n = -1;
          auto [p, ec] = std::from_chars(value.data(), value.data() + value.size(), n);
          length = (ec == std::errc() && p == value.data() + value.size()) ? n : -2;
        }
      }
      if (length < 0) {
        resyncing_ = true;
        *rej = Reject{pos, RejectReason::kInvalidWarc, "missing or bad Content-Length", 0};
        return Item::kReject;
      }
      uint64_t len = static_cast<uint64_t>(length);
      if (type != "conversion") {
        auto s = lines_.SkipBytes(len);
        if (!s.ok()) return s.status();
        continue;  // warcinfo, metadata, ...: not documents
      }
      if (len > opt_.max_record_bytes) {
        auto s = lines_.SkipBytes(len);
        if (!s.ok()) return s.status();
        *rej = Reject{pos, RejectReason::kTooLarge,
                      "WARC block of " + std::to_string(len) + " bytes exceeds --max-record-bytes " +
                          std::to_string(opt_.max_record_bytes),
                      len};
        return Item::kReject;
      }
      std::string text;
      auto got = lines_.ReadBytes(len, &text);
      if (!got.ok()) return got.status();
      if (got.value() < len && lines_.at_gap()) {
        resyncing_ = true;
        *rej = StreamFault(pos, lines_.TakeGap(),
                           "this WARC block is cut short there (" + std::to_string(got.value()) + " of " +
                               std::to_string(len) + " bytes), and its record is lost",
                           got.value());
        return Item::kReject;
      }
      if (got.value() < len) {
        const std::string where =
            "inside a WARC block (" + std::to_string(got.value()) + " of " + std::to_string(len) + " bytes)";
        *rej = lines_.error().ok() ? Reject{pos, RejectReason::kInvalidWarc, "input ends " + where, got.value()}
                                   : StreamFault(pos, lines_.error(), "the input ends " + where, got.value());
        told_ = true;
        return Item::kReject;
      }
      if (!IsValidUtf8(text)) {
        *rej = Reject{pos, RejectReason::kInvalidUtf8, "WARC block is not valid UTF-8", len};
        return Item::kReject;
      }
      if (id.empty()) id = input_ + ":" + std::to_string(pos.line);
      rec->pos = pos;
      rec->format = InputFormat::kWet;
      rec->id = id;
      rec->id_json = JsonString(id);
      rec->url = std::move(uri);
      rec->date = std::move(date);
      rec->text = std::move(text);
      rec->raw.clear();
      rec->raw_bytes = len;
      return Item::kRecord;
    }
  }

 private:
  std::unique_ptr<ByteSource> src_;
  LineReader lines_;
  std::string input_;
  uint32_t index_;
  ReaderOptions opt_;
  bool resyncing_ = false;
  bool told_ = false;  // the source's failure was rejected
};

std::string StripCompressionSuffix(std::string name) {
  for (std::string_view suf : {".gz", ".zst", ".zstd"}) {
    if (EndsWith(name, suf)) {
      name.resize(name.size() - suf.size());
      break;
    }
  }
  return name;
}

}  // namespace

InputFormat SniffFormat(const std::string& name, const char* head, size_t len) {
  std::string_view h(head, len);
  if (h.substr(0, 3) == kBom) h.remove_prefix(3);
  if (h.substr(0, 5) == "WARC/") return InputFormat::kWet;
  std::string base = StripCompressionSuffix(name);
  for (std::string_view suf : {".jsonl", ".ndjson", ".json"}) {
    if (EndsWith(base, suf)) return InputFormat::kJsonl;
  }
  for (std::string_view suf : {".wet", ".warc"}) {
    if (EndsWith(base, suf)) return InputFormat::kWet;
  }
  h = TrimWs(h);
  if (!h.empty() && h.front() == '{') return InputFormat::kJsonl;
  return InputFormat::kText;
}

RecordReader::Item RecordReader::ParseUnparsed(const ReaderOptions& options, Record* rec, Reject* rej) {
  return JsonlParser::Local(options).Parse(rec->raw, rec, rej);
}

Result<std::unique_ptr<RecordReader>> RecordReader::Open(const std::string& path, uint32_t input_index,
                                                         const ReaderOptions& options) {
  std::error_code ec;
  if (path != "-" && fs::is_directory(path, ec)) {
    if (options.format != InputFormat::kAuto && options.format != InputFormat::kText) {
      return InvalidArgument(path + ": is a directory; directories are read as text files (--format text)");
    }
    std::vector<std::pair<std::string, std::string>> files;
    uint64_t total = 0;
    auto rel = [&](const fs::path& p) {
      std::error_code rec;
      std::string r = fs::relative(p, path, rec).generic_string();
      return rec ? p.generic_string() : r;
    };
    // Walk the tree by hand: a sub-directory that cannot be listed is kept
    // as an entry (it comes out as an `unreadable` reject naming it) rather
    // than skipped without a word. Links to directories are not followed.
    std::vector<fs::path> dirs{fs::path(path)};
    while (!dirs.empty()) {
      fs::path dir = std::move(dirs.back());
      dirs.pop_back();
      std::error_code dec;
      fs::directory_iterator it(dir, dec), end;
      if (dec) {
        if (dir == fs::path(path)) return IoError(path + ": cannot list directory: " + dec.message());
        files.emplace_back(dir.string(), rel(dir));
        continue;
      }
      for (; it != end; it.increment(dec)) {
        if (dec) {  // the listing broke off midway
          files.emplace_back(dir.string(), rel(dir));
          break;
        }
        std::error_code fec;
        if (it->is_directory(fec) && !it->is_symlink(fec)) {
          dirs.push_back(it->path());
          continue;
        }
        if (!it->is_regular_file(fec)) {
          // A link to nothing is a file that cannot be read: it is listed,
          // so that it comes out as an `unreadable` reject instead of vanishing.
          std::error_code lec;
          if (!it->is_symlink(lec) || fs::exists(it->path(), lec)) continue;
        }
        files.emplace_back(it->path().string(), rel(it->path()));
        total += it->file_size(fec);
      }
    }
    std::sort(files.begin(), files.end(),
              [](const auto& a, const auto& b) { return a.second < b.second; });
    return std::unique_ptr<RecordReader>(
        new TextReader(std::move(files), path, input_index, options, nullptr, total));
  }
  auto src = ByteSource::Open(path);
  if (!src.ok()) return src.status();
  std::unique_ptr<ByteSource> s = std::move(src.value());
  // A gzip or zstd stream of many members or frames goes on after a
  // corrupt one (the readers reject what the fault cut short).
  s->SkipCorrupt();
  Status skipped;
  std::string head = ReadHead(s.get(), 4096, &skipped);
  InputFormat fmt = options.format;
  if (fmt == InputFormat::kAuto) fmt = SniffFormat(path, head.data(), head.size());
  uint64_t size = s->file_size();
  auto replay = std::make_unique<PrefixedSource>(std::move(s), std::move(head), std::move(skipped));
  switch (fmt) {
    case InputFormat::kJsonl:
      return std::unique_ptr<RecordReader>(new JsonlReader(std::move(replay), path, input_index, options));
    case InputFormat::kWet:
      return std::unique_ptr<RecordReader>(new WetReader(std::move(replay), path, input_index, options));
    case InputFormat::kText:
    case InputFormat::kAuto: {
      std::vector<std::pair<std::string, std::string>> files{{path, path}};
      return std::unique_ptr<RecordReader>(
          new TextReader(std::move(files), path, input_index, options, std::move(replay), size));
    }
  }
  return Internal("unreachable format");
}

bool RecordReader::Splittable(const std::string& path, const ReaderOptions& options) {
  std::error_code ec;
  if (path == "-" || !fs::is_regular_file(path, ec)) return false;
  auto r = Open(path, 0, options);
  return r.ok() && r.value()->format() == InputFormat::kJsonl && r.value()->compression() == Compression::kNone;
}

Result<std::unique_ptr<RecordReader>> RecordReader::OpenRange(const std::string& path, uint32_t input_index,
                                                              const ReaderOptions& options, uint64_t begin,
                                                              uint64_t end) {
  if (!Splittable(path, options)) return InvalidArgument(path + ": only uncompressed JSONL files are read in ranges");
  // The first line starting at or after `begin`, and how many lines come
  // before it: the bytes before it are scanned for newlines (at memchr speed).
  uint64_t start = 0, lines = 0;
  if (begin > 0) {
    auto src = ByteSource::OpenAt(path, 0);
    if (!src.ok()) return src.status();
    std::vector<char> buf(1 << 20);
    uint64_t pos = 0;
    bool found = false;
    for (;;) {
      auto n = src.value()->Read(buf.data(), buf.size());
      if (!n.ok()) return n.status();
      if (n.value() == 0) break;
      const char* p = buf.data();
      const char* e = p + n.value();
      while (const char* nl = static_cast<const char*>(std::memchr(p, '\n', static_cast<size_t>(e - p)))) {
        uint64_t at = pos + static_cast<uint64_t>(nl - buf.data());
        ++lines;
        p = nl + 1;
        if (at + 1 >= begin) {  // the line after this newline starts at or after `begin`
          start = at + 1;
          found = true;
          break;
        }
      }
      if (found) break;
      pos += n.value();
    }
    if (!found) start = pos;  // no line starts in the range
  }
  auto src = ByteSource::OpenAt(path, start);
  if (!src.ok()) return src.status();
  auto reader = std::make_unique<JsonlReader>(std::move(src.value()), path, input_index, options);
  reader->SetRange(start, lines, end);
  return std::unique_ptr<RecordReader>(std::move(reader));
}

}  // namespace winnow
