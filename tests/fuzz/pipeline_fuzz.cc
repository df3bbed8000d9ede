// Fuzz target: the whole pipeline (run: templates, clean, dedup) on
// arbitrary bytes as input. Records in must equal kept + dropped +
// rejected; it must never crash.
#include <cstdint>
#include <cstdlib>

#include "fuzz_util.h"
#include "winnow/pipeline.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  winnow::fuzz::MemFile file(data, size, "pipeline");
  winnow::PipelineOptions o;
  o.mode = winnow::Mode::kRun;
  o.inputs = {file.path()};
  o.output = "/dev/null";
  o.threads = 1;
  o.reader.max_record_bytes = 1 << 16;
  winnow::Report report;
  winnow::Status st = winnow::Pipeline(o).Run(&report);
  if (st.ok() && !report.total.Balanced()) std::abort();
  return 0;
}
