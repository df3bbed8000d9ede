// winnow::RunDistributed: the pipeline across several processes (MPI ranks),
// with the same kept, dropped and rejected records as one process.
//
// The library sees the process group only through Comm, an all-to-all byte
// exchange; the CLI's MPI build implements it with MPI_Alltoallv (and the
// tests also with threads in one process). The run:
//
//   1. Split: the inputs, as one stream of bytes, are cut into one contiguous
//      share per rank: whole files, or byte ranges of uncompressed JSONL
//      files cut at line starts. Rank order is input order.
//   2. Templates (run, clean): each rank finds the lines of its records; the
//      story collapse (sequential by definition: keep-first) runs on rank 0
//      over the records' prose-line hashes; the line counts are partitioned
//      by line hash, each rank counting a slice of the lines; the slices'
//      template lines are gathered by every rank.
//   3. Each rank cleans its records and computes their signatures, spilling
//      the output lines to an unlinked temporary file.
//   4. Dedup: exact hashes and LSH band keys go to the rank owning their
//      hash (MPI_Alltoallv); owners emit candidate pairs, the target's rank
//      fetches the source's signature and verifies; the verified edges are
//      resolved on rank 0 by the keep-first rule in global input order (the
//      rule one process applies record by record), and the verdicts go back.
//   5. Each rank writes its shard of each output (ShardPath); shards
//      concatenated in rank order are the single-process output. Rank 0
//      writes the clusters file and the merged report.
//
// A rank that fails makes every rank return its error (naming the rank); no
// output is committed at its final path unless every rank succeeded.
#ifndef WINNOW_DISTRIBUTED_H_
#define WINNOW_DISTRIBUTED_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "winnow/pipeline.h"
#include "winnow/report.h"
#include "winnow/status.h"

namespace winnow {

class Comm {
 public:
  virtual ~Comm() = default;
  virtual int rank() const = 0;
  virtual int size() const = 0;

  // All-to-all: `send[r]` goes to rank r (send.size() == size()); returns
  // what every rank sent to this one, indexed by source rank. Collective:
  // every rank calls it, in the same order.
  std::vector<std::string> Exchange(std::vector<std::string> send) {
    for (int r = 0; r < static_cast<int>(send.size()); ++r) {
      if (r != rank()) bytes_sent_ += send[r].size();
    }
    return DoExchange(std::move(send));
  }
  // Bytes this rank sent to other ranks so far.
  uint64_t bytes_sent() const { return bytes_sent_; }

 protected:
  virtual std::vector<std::string> DoExchange(std::vector<std::string> send) = 0;

 private:
  uint64_t bytes_sent_ = 0;
};

// Every rank's status, for all: the first failure (by rank), its message
// naming the rank when there are several. Collective.
Status Agree(Comm* comm, const Status& local);

// `size` ranks in one process, one thread each (tests; no MPI needed).
// Returns one Comm per rank; they share state and must be used by `size`
// concurrent threads.
std::vector<std::unique_ptr<Comm>> MakeThreadGroup(int size);

// The path rank `rank` of `size` writes for output `path`:
// "dir/kept.jsonl.zst" -> "dir/kept-00001-of-00003.jsonl.zst".
std::string ShardPath(const std::string& path, int rank, int size);

// Runs `options` as rank comm->rank() of comm->size(). Every rank passes the
// same options. `report` is filled on rank 0 (the merged report); other
// ranks get their own counts.
Status RunDistributed(const PipelineOptions& options, Comm* comm, Report* report);

}  // namespace winnow

#endif  // WINNOW_DISTRIBUTED_H_
