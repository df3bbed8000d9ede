// Fuzz target: a RecordReader over arbitrary bytes, as JSONL or as WET
// (WINNOW_FUZZ_FORMAT). Every record or reject it yields must be
// consistent; it must never crash, hang or read out of bounds.
#include <cstdint>
#include <cstdlib>

#include "fuzz_util.h"
#include "winnow/reader.h"

#ifndef WINNOW_FUZZ_FORMAT
#define WINNOW_FUZZ_FORMAT kJsonl
#endif

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  winnow::fuzz::MemFile file(data, size, "reader");
  winnow::ReaderOptions o;
  o.format = winnow::InputFormat::WINNOW_FUZZ_FORMAT;
  o.max_record_bytes = 1 << 16;
  auto r = winnow::RecordReader::Open(file.path(), 0, o);
  if (!r.ok()) return 0;
  winnow::Record rec;
  winnow::Reject rej;
  uint64_t last_offset = 0;
  for (int n = 0; n < 100000; ++n) {
    auto item = r.value()->Next(&rec, &rej);
    if (!item.ok() || item.value() == winnow::RecordReader::Item::kEnd) break;
    const winnow::Position& pos = item.value() == winnow::RecordReader::Item::kRecord ? rec.pos : rej.pos;
    if (pos.offset < last_offset || pos.offset > size) std::abort();  // positions move forward, inside the input
    last_offset = pos.offset;
    if (item.value() == winnow::RecordReader::Item::kRecord) {
      if (rec.format == winnow::InputFormat::kJsonl &&
          (rec.text_token_begin > rec.text_token_end || rec.text_token_end > rec.raw.size())) {
        std::abort();
      }
    }
  }
  return 0;
}
