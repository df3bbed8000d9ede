#include "winnow/distributed.h"

#include <fcntl.h>
#include <tbb/global_control.h>
#include <tbb/parallel_pipeline.h>
#include <tbb/info.h>
#include <unistd.h>

#include <algorithm>
#include <barrier>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <map>
#include <mutex>

#include "pipeline_internal.h"
#include "winnow/sink.h"

namespace winnow {

using namespace internal;

namespace {

// ---- Byte buffers of fixed-width fields (little-endian, as the host) ----

struct Put {
  std::string s;
  void U8(uint8_t v) { s.push_back(static_cast<char>(v)); }
  void U32(uint32_t v) { s.append(reinterpret_cast<const char*>(&v), sizeof(v)); }
  void U64(uint64_t v) { s.append(reinterpret_cast<const char*>(&v), sizeof(v)); }
  void F64(double v) { s.append(reinterpret_cast<const char*>(&v), sizeof(v)); }
  void Bytes(const void* p, size_t n) {
    if (n > 0) s.append(static_cast<const char*>(p), n);
  }
  void Str(std::string_view v) {
    U32(static_cast<uint32_t>(v.size()));
    s.append(v);
  }
};

struct Get {
  std::string_view s;
  size_t p = 0;
  explicit Get(std::string_view v) : s(v) {}
  bool more() const { return p < s.size(); }
  template <typename T>
  T Fixed() {
    T v{};
    if (p + sizeof(T) <= s.size()) std::memcpy(&v, s.data() + p, sizeof(T));
    p += sizeof(T);
    return v;
  }
  uint8_t U8() { return Fixed<uint8_t>(); }
  uint32_t U32() { return Fixed<uint32_t>(); }
  uint64_t U64() { return Fixed<uint64_t>(); }
  double F64() { return Fixed<double>(); }
  std::string_view Bytes(size_t n) {
    std::string_view v = s.substr(std::min(p, s.size()), n);
    p += n;
    return v;
  }
  std::string_view Str() { return Bytes(U32()); }
};

// ---- Collectives over Exchange ----

std::vector<std::string> AllGather(Comm* comm, const std::string& mine) {
  return comm->Exchange(std::vector<std::string>(static_cast<size_t>(comm->size()), mine));
}

std::vector<std::string> Gather(Comm* comm, std::string mine, int root) {
  std::vector<std::string> send(static_cast<size_t>(comm->size()));
  send[root] = std::move(mine);
  return comm->Exchange(std::move(send));
}

std::string Scatter(Comm* comm, std::vector<std::string> from_root, int root) {
  if (comm->rank() != root) from_root.assign(static_cast<size_t>(comm->size()), std::string());
  return std::move(comm->Exchange(std::move(from_root))[root]);
}

// Sends puts[r] to rank r (the buffers are moved out).
std::vector<std::string> Exchange(Comm* comm, std::vector<Put>* puts) {
  std::vector<std::string> send(puts->size());
  for (size_t r = 0; r < puts->size(); ++r) send[r] = std::move((*puts)[r].s);
  return comm->Exchange(std::move(send));
}

std::vector<uint64_t> AllSum(Comm* comm, const std::vector<uint64_t>& v) {
  Put p;
  for (uint64_t x : v) p.U64(x);
  std::vector<uint64_t> sum(v.size(), 0);
  for (const std::string& s : AllGather(comm, p.s)) {
    Get g(s);
    for (uint64_t& x : sum) x += g.U64();
  }
  return sum;
}

}  // namespace

Status Agree(Comm* comm, const Status& local) {
  Put p;
  p.U32(static_cast<uint32_t>(local.code()));
  p.Str(local.message());
  std::vector<std::string> all = AllGather(comm, p.s);
  for (int r = 0; r < comm->size(); ++r) {
    Get g(all[r]);
    auto code = static_cast<StatusCode>(g.U32());
    if (code == StatusCode::kOk) continue;
    std::string msg(g.Str());
    if (comm->size() > 1) msg = "rank " + std::to_string(r) + ": " + msg;
    return Status(code, std::move(msg));
  }
  return Status::Ok();
}

namespace {

// ---- Global positions: rank in the top bits, the rank's record number below ----

constexpr int kLocalBits = 40;
constexpr uint64_t kLocalMask = (uint64_t{1} << kLocalBits) - 1;
constexpr uint64_t kFollowerBit = uint64_t{1} << 63;
uint64_t Gpos(int rank, uint64_t local) { return (static_cast<uint64_t>(rank) << kLocalBits) | local; }
int RankOf(uint64_t g) { return static_cast<int>((g & ~kFollowerBit) >> kLocalBits); }
uint64_t LocalOf(uint64_t g) { return g & kLocalMask; }

// The rank that counts a line: by its template key (the hash's top 39 bits,
// as TemplateCounter keys it), so lines one counter would merge meet on one rank.
int LineOwner(uint64_t h, int n) {
  uint64_t k = h >> 25;
  return static_cast<int>((k == 0 ? 1 : k) % static_cast<uint64_t>(n));
}

// This rank's share of the inputs: the inputs as one stream of bytes (an
// input that is not a regular file weighs one byte), cut into `size` equal
// contiguous shares. A splittable input is cut where the shares cut it; any
// other input goes whole to the share its first byte falls in.
std::vector<InputUnit> PlanUnits(const PipelineOptions& opt, int rank, int size) {
  std::vector<uint64_t> weight(opt.inputs.size());
  std::vector<bool> split(opt.inputs.size());
  unsigned __int128 total = 0;
  for (size_t i = 0; i < opt.inputs.size(); ++i) {
    weight[i] = std::max<uint64_t>(1, InputSize(opt.inputs[i]));
    split[i] = weight[i] > 1 && RecordReader::Splittable(opt.inputs[i], opt.reader);
    total += weight[i];
  }
  auto cut = [&](int k) { return static_cast<uint64_t>(total * static_cast<unsigned>(k) / static_cast<unsigned>(size)); };
  const uint64_t lo = cut(rank), hi = cut(rank + 1);
  std::vector<InputUnit> units;
  uint64_t at = 0;
  for (size_t i = 0; i < opt.inputs.size(); ++i) {
    const uint64_t b = at, e = at + weight[i];
    at = e;
    if (split[i]) {
      uint64_t s = std::max(b, lo), t = std::min(e, hi);
      if (s >= t) continue;
      InputUnit u{static_cast<uint32_t>(i), true, s - b, t == e ? ~0ull : t - b};
      units.push_back(u);
    } else if (b >= lo && b < hi) {
      units.push_back(InputUnit{static_cast<uint32_t>(i)});
    }
  }
  return units;
}

// A file that is gone from its directory while it is open: what this rank
// holds of its output lines between cleaning and the dedup verdicts. Nothing
// is left on disk whatever happens to the process.
class Spill {
 public:
  Status Open(const std::string& near_path) {
    std::filesystem::path dir = std::filesystem::path(near_path).parent_path();
    std::string tmpl = (dir.empty() ? std::string(".") : dir.string()) + "/.winnow-spill-XXXXXX";
    int fd = ::mkstemp(tmpl.data());
    if (fd < 0) return IoError(tmpl + ": cannot create the spill file: " + std::strerror(errno));
    ::unlink(tmpl.c_str());
    f_ = ::fdopen(fd, "w+b");
    if (f_ == nullptr) {
      ::close(fd);
      return IoError("cannot open the spill file: " + std::string(std::strerror(errno)));
    }
    name_ = tmpl;
    return Status::Ok();
  }
  ~Spill() {
    if (f_ != nullptr) std::fclose(f_);
  }
  Status Write(std::string_view s) {
    if (s.empty()) return Status::Ok();
    if (std::fwrite(s.data(), 1, s.size(), f_) != s.size()) return IoError(name_ + ": spill write error");
    return Status::Ok();
  }
  // Empties the file for the next use.
  Status Reset() {
    if (std::fflush(f_) != 0 || ::ftruncate(::fileno(f_), 0) != 0 || std::fseek(f_, 0, SEEK_SET) != 0) {
      return IoError(name_ + ": spill error");
    }
    return Status::Ok();
  }
  Status Rewind() {
    if (std::fflush(f_) != 0 || std::fseek(f_, 0, SEEK_SET) != 0) return IoError(name_ + ": spill error");
    return Status::Ok();
  }
  Status Read(size_t n, std::string* out) {
    out->resize(n);
    if (std::fread(out->data(), 1, n, f_) != n) return IoError(name_ + ": spill read error");
    return Status::Ok();
  }

 private:
  std::FILE* f_ = nullptr;
  std::string name_;
};

// ---- Templates ----

Result<std::shared_ptr<const TemplateModel>> LearnDistributed(const PipelineOptions& opt,
                                                              const std::vector<InputUnit>& units, int threads,
                                                              Spill* spill, Comm* comm, TemplateReport* st) {
  const auto t0 = Clock::now();
  const int me = comm->rank(), n = comm->size();
  // Each record's line hashes wait in the spill file (they are counted
  // once the collapse is decided): memory per record is its line count and
  // site, and its prose-line hashes on their way to rank 0.
  std::vector<uint32_t> line_count;
  std::vector<uint64_t> sites;
  Status spilled;
  Put prose;
  BatchSource source(opt, nullptr, units);
  auto work = [&](Batch* b) { TemplateLines(b, opt); };
  auto ordered = [&](Batch* b) {
    for (Item& it : b->items) {
      if (!it.is_record) continue;
      if (spilled.ok()) {
        spilled = spill->Write(std::string_view(reinterpret_cast<const char*>(it.counted.line_hashes.data()),
                                                it.counted.line_hashes.size() * sizeof(uint64_t)));
      }
      line_count.push_back(static_cast<uint32_t>(it.counted.line_hashes.size()));
      sites.push_back(SiteHash(it.rec.url));
      prose.U32(static_cast<uint32_t>(it.prose_hashes.size()));
      prose.Bytes(it.prose_hashes.data(), it.prose_hashes.size() * sizeof(uint64_t));
    }
  };
  Status pass = ForEachBatch(threads, &source, work, ordered);
  if (pass.ok()) pass = spilled;
  if (pass.ok()) pass = spill->Rewind();
  WINNOW_RETURN_IF_ERROR(Agree(comm, pass));

  // The collapse is keep-first over all records in input order: rank 0
  // decides it over every rank's prose-line sets, in rank order.
  std::vector<std::string> got = Gather(comm, std::move(prose.s), 0);
  std::vector<std::string> copies(static_cast<size_t>(n));
  uint64_t collapsed = 0;
  if (me == 0) {
    StoryCollapser collapser(opt);
    std::vector<uint64_t> p;
    for (int r = 0; r < n; ++r) {
      Get g(got[r]);
      while (g.more()) {
        p.resize(g.U32());
        std::string_view b = g.Bytes(p.size() * sizeof(uint64_t));
        if (!b.empty()) std::memcpy(p.data(), b.data(), b.size());
        copies[r].push_back(collapser.Copy(p) ? 1 : 0);
      }
    }
    collapsed = collapser.collapsed();
  }
  got.clear();
  const std::string copy = Scatter(comm, std::move(copies), 0);

  // Counting, partitioned by line: each rank counts the lines it owns, in
  // rounds of at most kRoundBytes sent per rank (TemplateCounter's counts do
  // not depend on the order records come in, so rounds may interleave ranks).
  constexpr size_t kRoundBytes = size_t{64} << 20;
  TemplateCounter counter(opt.templates);
  std::vector<std::vector<uint64_t>> part(static_cast<size_t>(n));
  std::string buf;
  std::vector<uint64_t> v;
  Status read;
  const uint64_t records = line_count.size();
  for (size_t i = 0;;) {
    std::vector<Put> to(static_cast<size_t>(n));
    size_t bytes = 0;
    for (; i < line_count.size() && read.ok() && bytes < kRoundBytes; ++i) {
      read = spill->Read(line_count[i] * sizeof(uint64_t), &buf);
      if (i < copy.size() && copy[i]) continue;
      v.resize(line_count[i]);
      if (!buf.empty()) std::memcpy(v.data(), buf.data(), buf.size());
      for (uint64_t h : v) part[LineOwner(h, n)].push_back(h);
      for (int o = 0; o < n; ++o) {
        if (part[o].empty()) continue;
        to[o].U64(sites[i]);
        to[o].U32(static_cast<uint32_t>(part[o].size()));
        to[o].Bytes(part[o].data(), part[o].size() * sizeof(uint64_t));
        bytes += 12 + part[o].size() * sizeof(uint64_t);
        part[o].clear();
      }
    }
    const bool more = read.ok() && i < line_count.size();
    std::vector<std::string> recv = Exchange(comm, &to);
    for (std::string& r : recv) {
      Get g(r);
      while (g.more()) {
        uint64_t site = g.U64();
        v.resize(g.U32());
        std::string_view b = g.Bytes(v.size() * sizeof(uint64_t));
        if (!b.empty()) std::memcpy(v.data(), b.data(), b.size());
        counter.Add(&v, site);
      }
      std::string().swap(r);
    }
    if (AllSum(comm, {more ? 1u : 0u})[0] == 0) break;
  }
  std::vector<uint32_t>().swap(line_count);
  WINNOW_RETURN_IF_ERROR(Agree(comm, read));
  std::shared_ptr<const TemplateModel> slice = counter.Model();
  Put mine;
  mine.Bytes(slice->entries().data(), slice->entries().size() * sizeof(uint64_t));
  std::vector<uint64_t> entries;
  for (const std::string& s : AllGather(comm, mine.s)) {
    size_t k = entries.size();
    entries.resize(k + s.size() / sizeof(uint64_t));
    if (!s.empty()) std::memcpy(entries.data() + k, s.data(), s.size());
  }
  auto model = TemplateModel::FromEntries(std::move(entries), opt.templates.min_records, opt.templates.min_site_records);
  std::vector<uint64_t> sums = AllSum(comm, {records, collapsed, counter.distinct_lines(), counter.MemoryBytes(),
                                             counter.PeakBytes(), counter.prunes(), counter.pruned_lines()});
  st->source = "learned";
  st->records = sums[0];
  st->collapsed = sums[1];
  st->distinct_lines = sums[2];
  st->counter_bytes = sums[3];
  st->counter_peak_bytes = sums[4];  // the ranks' peaks, summed: a bound on their sum at any moment
  st->counter_max_bytes = opt.templates.max_bytes;  // each rank's
  st->prunes = sums[5];
  st->pruned_lines = sums[6];
  st->template_lines = model->size();
  st->seconds = Since(t0);
  return model;
}

// ---- Report pieces ----

void PutCounts(Put* p, const Counts& c) {
  for (uint64_t v : {c.records_in, c.kept, c.bytes_in, c.bytes_out, c.text_bytes_in, c.text_bytes_out}) p->U64(v);
  p->F64(c.seconds);
  for (const auto* m : {&c.dropped, &c.rejected, &c.lines_removed, &c.languages}) {
    p->U32(static_cast<uint32_t>(m->size()));
    for (const auto& [k, v] : *m) {
      p->Str(k);
      p->U64(v);
    }
  }
}

void AddCounts(Get* g, Counts* c) {
  Counts o;
  for (uint64_t* v : {&o.records_in, &o.kept, &o.bytes_in, &o.bytes_out, &o.text_bytes_in, &o.text_bytes_out}) {
    *v = g->U64();
  }
  o.seconds = g->F64();
  for (auto* m : {&o.dropped, &o.rejected, &o.lines_removed, &o.languages}) {
    for (uint32_t k = g->U32(); k > 0; --k) {
      std::string key(g->Str());
      (*m)[key] = g->U64();
    }
  }
  c->Add(o);
  c->seconds = std::max(c->seconds, o.seconds);
}

// What a rank keeps of each of its records until the verdicts are in.
struct LocalRec {
  std::string id_json;
  uint64_t line = 0;
  uint32_t input = 0;       // input index
  uint32_t name = 0;        // index into the position names
  uint32_t out_len = 0;     // bytes in the spill
  // Dropped before dedup: "empty" (cleaning kept nothing) or "too-short"
  // (fewer words kept than --min-words); null when it went on.
  const char* early_drop = nullptr;
  bool indexed = false;     // went to dedup (single process: Add() was called)
  uint64_t text_out = 0;
};

struct Verdict {
  uint64_t local = 0, source = 0;
  bool exact = false;
  double sim = 0;
};

}  // namespace

std::string ShardPath(const std::string& path, int rank, int size) {
  std::filesystem::path p(path);
  std::string name = p.filename().string();
  size_t dot = name.find('.', 1);
  char tag[48];
  std::snprintf(tag, sizeof(tag), "-%05d-of-%05d", rank, size);
  name = dot == std::string::npos ? name + tag : name.substr(0, dot) + tag + name.substr(dot);
  return (p.parent_path() / name).string();
}

Status RunDistributed(const PipelineOptions& opt, Comm* comm, Report* report) {
  const auto t0 = Clock::now();
  const int me = comm->rank(), n = comm->size();
  // Checks every rank makes alike (no agreement needed).
  if (opt.inputs.empty()) return InvalidArgument("no input given");
  for (const std::string& in : opt.inputs) {
    if (in == "-") return InvalidArgument("stdin cannot be shared between MPI ranks: give input files");
  }
  if (opt.output == "-") return InvalidArgument("under MPI each rank writes a shard of the output: give -o FILE");
  if (!opt.index_dir.empty()) return InvalidArgument("--index is not supported under MPI yet: run it in one process");
  if (opt.mode != Mode::kClean && opt.dedup.verify == VerifyMode::kExact) {
    return InvalidArgument("--verify exact is not supported under MPI yet (signatures are what the ranks exchange)");
  }
  const int threads = opt.threads > 0 ? opt.threads : static_cast<int>(tbb::info::default_concurrency());
  tbb::global_control gc(tbb::global_control::max_allowed_parallelism, static_cast<size_t>(threads));

  CleanerOptions cleaner_options = opt.cleaner;
  TemplateReport templates;
  if (opt.mode != Mode::kDedup && !opt.templates_path.empty()) {
    auto loaded = TemplateModel::Load(opt.templates_path);
    WINNOW_RETURN_IF_ERROR(Agree(comm, loaded.status()));
    cleaner_options.templates = loaded.value();
    templates.source = opt.templates_path;
    templates.template_lines = loaded.value()->size();
  }
  std::unique_ptr<DedupIndex> index;  // the signature codec; Add() is never called
  if (opt.mode != Mode::kClean) {
    auto created = DedupIndex::Create(opt.dedup);
    if (!created.ok()) return created.status();
    index = std::move(created.value());
  }

  // Outputs first, so an unwritable path fails before any work.
  std::unique_ptr<OutputFile> out, dropped, rejects, clusters, report_file;
  std::string out_path = ShardPath(opt.output, me, n);
  Spill spill;
  {
    auto open = [&](const std::string& path, std::unique_ptr<OutputFile>* f) {
      return OpenOutput(path, opt.compression_level, f);
    };
    auto shard = [&](const std::string& p) { return p.empty() ? p : ShardPath(p, me, n); };
    Status s = open(out_path, &out);
    if (s.ok()) s = open(shard(opt.dropped_path), &dropped);
    if (s.ok()) s = open(shard(opt.rejects_path), &rejects);
    if (s.ok() && me == 0) s = open(opt.clusters_path, &clusters);
    if (s.ok() && me == 0) s = open(opt.report_path, &report_file);
    if (s.ok()) s = spill.Open(out_path);
    WINNOW_RETURN_IF_ERROR(Agree(comm, s));
  }

  const std::vector<InputUnit> units = PlanUnits(opt, me, n);
  if (opt.mode != Mode::kDedup && opt.templates_path.empty() && opt.learn_templates) {
    auto model = LearnDistributed(opt, units, threads, &spill, comm, &templates);
    if (!model.ok()) return model.status();
    WINNOW_RETURN_IF_ERROR(Agree(comm, spill.Reset()));
    cleaner_options.templates = model.value();
  }
  Cleaner cleaner(cleaner_options);

  internal::StartReport(opt, *cleaner.options().rules, templates, threads, report);
  report->ranks = n;

  // ---- Clean and hash this rank's share ----
  std::vector<double> input_start(opt.inputs.size(), -1.0);
  std::mutex start_mu;
  BatchSource source(opt, [&](uint32_t idx, const RecordReader& reader) {
    report->inputs[idx].format = InputFormatName(reader.format());
    report->inputs[idx].compression = CompressionName(reader.compression());
    std::lock_guard<std::mutex> lock(start_mu);
    input_start[idx] = Since(t0);
  }, units);
  std::vector<LocalRec> recs;
  std::vector<std::string> names;  // distinct position names (input or file names)
  std::vector<uint32_t> fed;       // records that go to dedup (non-empty features), by record number
  std::vector<uint64_t> hashes;    // their exact hashes (lo, hi)
  std::vector<uint8_t> sigs;       // their packed signatures
  const size_t sb = index ? index->packed_bytes() : 0;
  std::vector<std::map<uint32_t, uint64_t>> lines_removed(opt.inputs.size());
  Status write_status;

  auto work_stage = [&](Batch* batch) { PrepareRecords(batch, opt, cleaner, index.get()); };
  auto spill_stage = [&](Batch* batch) {
    if (!write_status.ok()) return;
    for (Item& it : batch->items) {
      const Position& pos = it.is_record ? it.rec.pos : it.rej.pos;
      write_status = TakeIn(it, opt.mode, &report->inputs[pos.input_index].counts, &lines_removed[pos.input_index],
                            rejects.get());
      if (!write_status.ok()) return;
      if (!it.is_record) continue;
      const Record& r = it.rec;
      LocalRec lr;
      lr.id_json = r.id_json;
      lr.line = r.pos.line;
      lr.input = pos.input_index;
      if (names.empty() || names.back() != r.pos.input) names.push_back(r.pos.input);
      lr.name = static_cast<uint32_t>(names.size() - 1);
      if (it.empty && !opt.keep_empty) {
        lr.early_drop = "empty";
      } else if (it.too_short) {
        lr.early_drop = "too-short";
      } else {
        if (it.out.empty()) {
          write_status = spill.Write(r.raw);
          if (write_status.ok()) write_status = spill.Write("\n");
          lr.out_len = static_cast<uint32_t>(r.raw.size() + 1);
        } else {
          write_status = spill.Write(it.out);
          lr.out_len = static_cast<uint32_t>(it.out.size());
        }
        lr.text_out = TextOf(it, opt.mode).size();
        lr.indexed = index && !it.empty;
        if (lr.indexed && !it.feat.empty) {
          fed.push_back(static_cast<uint32_t>(recs.size()));
          hashes.push_back(it.feat.exact_lo);
          hashes.push_back(it.feat.exact_hi);
          if (opt.dedup.near) {
            sigs.resize(sigs.size() + sb);
            index->Pack(it.feat, sigs.data() + sigs.size() - sb);
          }
        }
      }
      recs.push_back(std::move(lr));
      if (!write_status.ok()) return;
    }
    if (!batch->items.empty()) {
      const Item& last = batch->items.back();
      uint32_t idx = last.is_record ? last.rec.pos.input_index : last.rej.pos.input_index;
      std::lock_guard<std::mutex> lock(start_mu);
      report->inputs[idx].counts.seconds = Since(t0) - input_start[idx];
    }
  };
  Status pass = ForEachBatch(threads, &source, work_stage, spill_stage);
  if (pass.ok()) pass = write_status;
  WINNOW_RETURN_IF_ERROR(Agree(comm, pass));

  // ---- Dedup: exchange, verify, resolve ----
  std::vector<Verdict> verdicts;                        // this rank's dropped duplicates, by record number
  std::vector<uint64_t> src_g;                          // sources fetched (global positions, sorted)
  std::vector<std::string> src_id;                      // their ids
  std::string src_sig;                                  // their packed signatures
  uint64_t clusters_total = 0;
  auto src_index = [&](uint64_t g) {
    return static_cast<size_t>(std::lower_bound(src_g.begin(), src_g.end(), g) - src_g.begin());
  };
  if (index) {
    const DedupOptions& d = opt.dedup;
    const LshParams lsh = index->lsh_params();
    std::vector<uint64_t> follower(fed.size(), 0);  // global position of the first copy, or 0 (none)
    std::vector<uint32_t> fed_of(recs.size(), ~0u);
    for (size_t i = 0; i < fed.size(); ++i) fed_of[fed[i]] = static_cast<uint32_t>(i);
    auto sig_of = [&](size_t i) { return sigs.data() + i * sb; };

    // Exact: equal hashes meet on one rank; every later copy follows the
    // first. Only a first copy can ever be kept (a later copy either
    // matches it, or has its signature and so its near verdict).
    if (d.exact) {
      std::vector<Put> to(static_cast<size_t>(n));
      for (size_t i = 0; i < fed.size(); ++i) {
        Put& p = to[hashes[2 * i] % static_cast<uint64_t>(n)];
        p.U64(hashes[2 * i]);
        p.U64(hashes[2 * i + 1]);
        p.U64(Gpos(me, fed[i]));
      }
      struct H {
        uint64_t lo, hi, g;
      };
      std::vector<H> all;
      std::vector<std::string> recv = Exchange(comm, &to);
      for (std::string& s : recv) {
        Get g(s);
        while (g.more()) {
          H h;
          h.lo = g.U64();
          h.hi = g.U64();
          h.g = g.U64();
          all.push_back(h);
        }
        std::string().swap(s);
      }
      std::sort(all.begin(), all.end(),
                [](const H& a, const H& b) { return std::tie(a.lo, a.hi, a.g) < std::tie(b.lo, b.hi, b.g); });
      std::vector<Put> back(static_cast<size_t>(n));
      for (size_t a = 0; a < all.size();) {
        size_t b = a + 1;
        while (b < all.size() && all[b].lo == all[a].lo && all[b].hi == all[a].hi) {
          back[RankOf(all[b].g)].U64(LocalOf(all[b].g));
          back[RankOf(all[b].g)].U64(all[a].g);
          ++b;
        }
        a = b;
      }
      std::vector<H>().swap(all);
      for (const std::string& s : Exchange(comm, &back)) {
        Get g(s);
        while (g.more()) {
          uint64_t local = g.U64();
          follower[fed_of[local]] = g.U64() | kFollowerBit;  // the bit: "set" even for position 0
        }
      }
    }

    // Near: band keys meet on the rank owning the key; every pair in a
    // bucket (a later record and an earlier one that may be kept) is a
    // candidate, sent to the later record's rank.
    std::vector<std::pair<uint64_t, uint64_t>> cand;  // (record number, source position)
    if (d.near) {
      // A few bands a round, so the keys in flight stay near 16 bytes x
      // records x kBandsPerRound whatever the band count.
      constexpr int kBandsPerRound = 3;
      for (int b0 = 0; b0 < lsh.bands; b0 += kBandsPerRound) {
        const int b1 = std::min(lsh.bands, b0 + kBandsPerRound);
        std::vector<Put> to(static_cast<size_t>(n));
        for (size_t i = 0; i < fed.size(); ++i) {
          const uint64_t g = Gpos(me, fed[i]) | (follower[i] ? kFollowerBit : 0);
          for (int b = b0; b < b1; ++b) {
            uint64_t key = index->BandKey(sig_of(i), b);
            Put& p = to[key % static_cast<uint64_t>(n)];
            p.U64(key);
            p.U64(g);
          }
        }
        std::vector<std::pair<uint64_t, uint64_t>> keys;
        std::vector<std::string> recv = Exchange(comm, &to);
        for (std::string& s : recv) {
          Get g(s);
          while (g.more()) {
            uint64_t k = g.U64();
            keys.emplace_back(k, g.U64());
          }
          std::string().swap(s);
        }
        std::sort(keys.begin(), keys.end(), [](const auto& a, const auto& b) {
          return a.first != b.first ? a.first < b.first : (a.second & ~kFollowerBit) < (b.second & ~kFollowerBit);
        });
        std::vector<Put> back(static_cast<size_t>(n));
        std::vector<uint64_t> earlier;
        for (size_t a = 0; a < keys.size();) {
          size_t b = a;
          earlier.clear();
          for (; b < keys.size() && keys[b].first == keys[a].first; ++b) {
            const uint64_t g = keys[b].second & ~kFollowerBit;
            for (uint64_t e : earlier) {
              if (e == g) continue;
              back[RankOf(g)].U64(LocalOf(g));
              back[RankOf(g)].U64(e);
            }
            if (!(keys[b].second & kFollowerBit)) earlier.push_back(g);
          }
          a = b;
        }
        std::vector<std::pair<uint64_t, uint64_t>>().swap(keys);
        for (const std::string& s : Exchange(comm, &back)) {
          Get g(s);
          while (g.more()) {
            uint64_t local = g.U64();
            cand.emplace_back(local, g.U64());
          }
        }
        std::sort(cand.begin(), cand.end());
        cand.erase(std::unique(cand.begin(), cand.end()), cand.end());
      }
    }

    // Fetch the sources' signatures and ids from their ranks.
    for (uint64_t f : follower) {
      if (f) src_g.push_back(f & ~kFollowerBit);
    }
    for (const auto& c : cand) src_g.push_back(c.second);
    std::sort(src_g.begin(), src_g.end());
    src_g.erase(std::unique(src_g.begin(), src_g.end()), src_g.end());
    {
      std::vector<Put> req(static_cast<size_t>(n));
      for (uint64_t g : src_g) req[RankOf(g)].U64(LocalOf(g));
      std::vector<std::string> asked = Exchange(comm, &req);
      std::vector<Put> ans(static_cast<size_t>(n));
      for (int r = 0; r < n; ++r) {
        Get g(asked[r]);
        while (g.more()) {
          uint64_t local = g.U64();
          ans[r].Str(recs[local].id_json);
          if (d.near) ans[r].Bytes(sig_of(fed_of[local]), sb);
        }
      }
      std::vector<std::string> got = Exchange(comm, &ans);
      std::vector<Get> readers;
      for (const std::string& s : got) readers.emplace_back(s);
      src_id.reserve(src_g.size());
      for (uint64_t g : src_g) {  // replies come in request order, per rank
        Get& rd = readers[RankOf(g)];
        src_id.emplace_back(rd.Str());
        if (d.near) src_sig.append(rd.Bytes(sb));
      }
    }

    // Verified edges (target, source, exact?, similarity) go to rank 0.
    Put edges;
    for (size_t i = 0; i < fed.size(); ++i) {
      if (!follower[i]) continue;
      edges.U64(Gpos(me, fed[i]));
      edges.U64(follower[i] & ~kFollowerBit);
      edges.U8(1);
      edges.F64(1.0);
    }
    for (const auto& [local, g] : cand) {
      const uint8_t* a = sig_of(fed_of[local]);
      const uint8_t* b = reinterpret_cast<const uint8_t*>(src_sig.data()) + src_index(g) * sb;
      if (!index->ShareBand(a, b)) continue;  // a band-key hash collision, not a candidate
      double sim = index->Similarity(a, b);
      if (sim < d.threshold) continue;
      edges.U64(Gpos(me, local));
      edges.U64(g);
      edges.U8(0);
      edges.F64(sim);
    }
    std::vector<std::string> all_edges = Gather(comm, std::move(edges.s), 0);

    // Keep-first in global input order, as one process decides record by
    // record: a target is dropped for its exact first copy if that is kept,
    // else for its most similar kept source (ties: the earliest).
    std::vector<std::string> verdict_msgs(static_cast<size_t>(n));
    if (me == 0) {
      struct E {
        uint64_t t, s;
        uint8_t exact;
        double sim;
      };
      std::vector<E> es;
      for (const std::string& s : all_edges) {
        Get g(s);
        while (g.more()) {
          E e;
          e.t = g.U64();
          e.s = g.U64();
          e.exact = g.U8();
          e.sim = g.F64();
          es.push_back(e);
        }
      }
      all_edges.clear();
      std::sort(es.begin(), es.end(), [](const E& a, const E& b) { return a.t != b.t ? a.t < b.t : a.s < b.s; });
      std::vector<uint64_t> gone;     // dropped targets, ascending
      std::vector<uint64_t> sources;  // kept sources of dropped records (clusters)
      std::vector<Put> vm(static_cast<size_t>(n));
      auto kept = [&](uint64_t g) { return !std::binary_search(gone.begin(), gone.end(), g); };
      for (size_t a = 0; a < es.size();) {
        size_t b = a;
        while (b < es.size() && es[b].t == es[a].t) ++b;
        const E* pick = nullptr;
        for (size_t k = a; k < b; ++k) {
          if (es[k].exact && kept(es[k].s)) pick = &es[k];
        }
        if (pick == nullptr) {
          for (size_t k = a; k < b; ++k) {
            if (es[k].exact || !kept(es[k].s)) continue;
            if (pick == nullptr || es[k].sim > pick->sim) pick = &es[k];  // ascending s: ties keep the earliest
          }
        }
        if (pick != nullptr) {
          gone.push_back(pick->t);
          sources.push_back(pick->s);
          Put& p = vm[RankOf(pick->t)];
          p.U64(LocalOf(pick->t));
          p.U64(pick->s);
          p.U8(pick->exact);
          p.F64(pick->sim);
        }
        a = b;
      }
      std::sort(sources.begin(), sources.end());
      clusters_total = static_cast<uint64_t>(std::unique(sources.begin(), sources.end()) - sources.begin());
      for (int r = 0; r < n; ++r) verdict_msgs[r] = std::move(vm[r].s);
    }
    const std::string mine = Scatter(comm, std::move(verdict_msgs), 0);
    Get vg(mine);
    while (vg.more()) {
      Verdict v;
      v.local = vg.U64();
      v.source = vg.U64();
      v.exact = vg.U8() != 0;
      v.sim = vg.F64();
      verdicts.push_back(v);
    }
  }

  // ---- Write this rank's shards, in input order ----
  // Lines go to `kept_text` / `dropped_text` of the current chunk (of about
  // opt.batch_bytes) when that output compresses: each chunk is then
  // compressed on any thread into one gzip member or zstd frame and written
  // in order, as the run pass does. Otherwise they go straight to the file.
  Status ws = spill.Rewind();
  Put members;  // (source, target, source id, target id) of each dropped duplicate, for the clusters file
  uint64_t index_records = 0, id_bytes = 0;
  std::string line;
  size_t next = 0;
  const bool kept_chunks = out->compresses();
  const bool dropped_chunks = dropped && dropped->compresses();
  struct Chunk {
    std::string kept_text, dropped_text, kept_encoded, dropped_encoded;
    Status status;
  };
  Chunk* chunk = nullptr;  // the one being filled
  auto write_kept = [&](std::string_view s) {
    if (kept_chunks) {
      chunk->kept_text.append(s);
    } else {
      ws = out->Write(s);
    }
  };
  auto write_dropped = [&](std::string_view s) {
    if (dropped_chunks) {
      chunk->dropped_text.append(s);
    } else {
      ws = dropped->Write(s);
    }
  };
  // Record k's verdict and output line.
  auto one = [&](size_t k) {
    const LocalRec& lr = recs[k];
    Counts& c = report->inputs[lr.input].counts;
    Record r;  // what the dropped line names
    auto dropped_line = [&](const char* reason, std::string_view dup, double sim) {
      r.id_json = lr.id_json;
      r.pos.input = names[lr.name];
      r.pos.line = lr.line;
      c.dropped[reason]++;
      if (dropped) write_dropped(DroppedJson(r, reason, dup, sim));
    };
    if (lr.early_drop != nullptr) {
      dropped_line(lr.early_drop, {}, 0);
      return;
    }
    ws = spill.Read(lr.out_len, &line);
    if (!ws.ok()) return;
    if (next < verdicts.size() && verdicts[next].local == k) {
      const Verdict& v = verdicts[next++];
      const std::string& dup = src_id[src_index(v.source)];
      dropped_line(v.exact ? "exact-duplicate" : "near-duplicate", dup, v.sim);
      members.U64(v.source);
      members.U64(Gpos(me, k));
      members.Str(dup);
      members.Str(lr.id_json);
      return;
    }
    if (lr.indexed) {
      ++index_records;
      id_bytes += lr.id_json.size() + 1;
    }
    ++c.kept;
    c.text_bytes_out += lr.text_out;
    c.bytes_out += lr.out_len;
    write_kept(line);
  };
  if (!kept_chunks && !dropped_chunks) {
    for (size_t k = 0; k < recs.size() && ws.ok(); ++k) one(k);
  } else {
    size_t k = 0;
    Status encode_status, write_status;
    auto fill = tbb::make_filter<void, Chunk*>(tbb::filter_mode::serial_in_order, [&](tbb::flow_control& fc) -> Chunk* {
      if (k >= recs.size() || !ws.ok() || !write_status.ok()) {
        fc.stop();
        return nullptr;
      }
      chunk = new Chunk;
      while (k < recs.size() && ws.ok() && chunk->kept_text.size() + chunk->dropped_text.size() < opt.batch_bytes) {
        one(k++);
      }
      return chunk;
    });
    auto encode = tbb::make_filter<Chunk*, Chunk*>(tbb::filter_mode::parallel, [&](Chunk* ch) {
      if (kept_chunks && !ch->kept_text.empty()) ch->status = out->Encode(ch->kept_text, &ch->kept_encoded);
      if (ch->status.ok() && dropped_chunks && !ch->dropped_text.empty()) {
        ch->status = dropped->Encode(ch->dropped_text, &ch->dropped_encoded);
      }
      return ch;
    });
    auto write = tbb::make_filter<Chunk*, void>(tbb::filter_mode::serial_in_order, [&](Chunk* ch) {
      std::unique_ptr<Chunk> owned(ch);
      if (!write_status.ok()) return;
      write_status = ch->status;
      if (write_status.ok() && !ch->kept_encoded.empty()) {
        write_status = out->WriteEncoded(ch->kept_encoded, ch->kept_text.size());
      }
      if (write_status.ok() && !ch->dropped_encoded.empty()) {
        write_status = dropped->WriteEncoded(ch->dropped_encoded, ch->dropped_text.size());
      }
    });
    tbb::parallel_pipeline(static_cast<size_t>(threads) * 2 + 2, fill & encode & write);
    if (ws.ok()) ws = write_status;
  }

  // ---- Merge the report on rank 0 ----
  Put mine;
  for (size_t i = 0; i < opt.inputs.size(); ++i) {
    const InputReport& ir = report->inputs[i];
    mine.Str(ir.format);
    mine.Str(ir.compression);
    Counts c = ir.counts;
    for (const auto& [key, count] : lines_removed[i]) c.lines_removed[cleaner.Reason(FromReasonKey(key))] += count;
    PutCounts(&mine, c);
  }
  mine.U64(index_records);
  mine.U64(id_bytes);
  mine.U64(fed.size() * 16 + sigs.size());  // hashes and signatures held for the exchange
  mine.U64(PeakRssBytes());
  mine.U64(comm->bytes_sent());
  std::vector<std::string> parts = Gather(comm, std::move(mine.s), 0);
  std::vector<std::string> member_parts = Gather(comm, opt.clusters_path.empty() ? std::string() : std::move(members.s), 0);
  if (me == 0) {
    for (InputReport& ir : report->inputs) ir.counts = Counts();
    for (const std::string& s : parts) {
      Get g(s);
      for (InputReport& ir : report->inputs) {
        std::string f(g.Str()), z(g.Str());
        if (ir.format.empty()) ir.format = f;
        if (ir.compression.empty()) ir.compression = z;
        AddCounts(&g, &ir.counts);
      }
      report->index_records += g.U64();
      report->index_id_bytes += g.U64();
      report->index_bytes += g.U64();
      report->peak_rss_bytes = std::max(report->peak_rss_bytes, g.U64());
      report->bytes_exchanged += g.U64();
    }
    for (InputReport& ir : report->inputs) report->total.Add(ir.counts);
    if (index) {
      report->dedup = true;
      report->clusters = clusters_total;
      report->lsh_bands = index->lsh_params().bands;
      report->lsh_rows = index->lsh_params().rows;
      report->num_perm = opt.dedup.num_perm;
      report->shingle = opt.dedup.shingle.shingle_words;
      report->threshold = opt.dedup.threshold;
    }
    if (clusters && ws.ok()) {
      // The kept record first, then its duplicates in input order.
      struct M {
        uint64_t s, t;
        std::string_view sid, tid;
      };
      std::vector<M> ms;
      for (const std::string& s : member_parts) {
        Get g(s);
        while (g.more()) {
          M m;
          m.s = g.U64();
          m.t = g.U64();
          m.sid = g.Str();
          m.tid = g.Str();
          ms.push_back(m);
        }
      }
      std::sort(ms.begin(), ms.end(), [](const M& a, const M& b) { return a.s != b.s ? a.s < b.s : a.t < b.t; });
      for (size_t i = 0; i < ms.size() && ws.ok();) {
        size_t j = i;
        while (j < ms.size() && ms[j].s == ms[i].s) ++j;
        std::string size = std::to_string(j - i + 1);
        auto cl = [&](std::string_view id) {
          return "{\"id\":" + std::string(id) + ",\"cluster\":" + std::string(ms[i].sid) + ",\"size\":" + size + "}\n";
        };
        ws = clusters->Write(cl(ms[i].sid));
        for (size_t k = i; k < j && ws.ok(); ++k) ws = clusters->Write(cl(ms[k].tid));
        i = j;
      }
    }
  }
  WINNOW_RETURN_IF_ERROR(Agree(comm, ws));

  // Every rank wrote everything: commit.
  Status cs = out->Commit();
  if (cs.ok() && dropped) cs = dropped->Commit();
  if (cs.ok() && rejects) cs = rejects->Commit();
  if (cs.ok() && clusters) cs = clusters->Commit();
  report->total.seconds = Since(t0);
  if (cs.ok() && report_file) {
    cs = report_file->Write(report->ToJson());
    if (cs.ok()) cs = report_file->Commit();
  }
  return Agree(comm, cs);
}

// ---- Threads as ranks ----

namespace {

struct ThreadShared {
  explicit ThreadShared(int n) : box(static_cast<size_t>(n) * static_cast<size_t>(n)), sync(n) {}
  std::vector<std::string> box;  // [to * n + from]
  std::barrier<> sync;
};

class ThreadComm final : public Comm {
 public:
  ThreadComm(std::shared_ptr<ThreadShared> shared, int rank, int size)
      : shared_(std::move(shared)), rank_(rank), size_(size) {}
  int rank() const override { return rank_; }
  int size() const override { return size_; }

 protected:
  std::vector<std::string> DoExchange(std::vector<std::string> send) override {
    for (int to = 0; to < size_; ++to) shared_->box[static_cast<size_t>(to * size_ + rank_)] = std::move(send[to]);
    shared_->sync.arrive_and_wait();
    std::vector<std::string> got(static_cast<size_t>(size_));
    for (int from = 0; from < size_; ++from) got[from] = std::move(shared_->box[static_cast<size_t>(rank_ * size_ + from)]);
    shared_->sync.arrive_and_wait();
    return got;
  }

 private:
  std::shared_ptr<ThreadShared> shared_;
  int rank_, size_;
};

}  // namespace

std::vector<std::unique_ptr<Comm>> MakeThreadGroup(int size) {
  auto shared = std::make_shared<ThreadShared>(size);
  std::vector<std::unique_ptr<Comm>> group;
  for (int r = 0; r < size; ++r) group.push_back(std::make_unique<ThreadComm>(shared, r, size));
  return group;
}

}  // namespace winnow
