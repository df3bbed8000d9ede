#include "mpi_comm.h"

#include <mpi.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <cstring>

namespace winnow {

bool LaunchedByMpi() {
  for (const char* v : {"OMPI_COMM_WORLD_SIZE", "PMIX_RANK", "PMI_RANK", "PMI_SIZE"}) {
    if (std::getenv(v) != nullptr) return true;
  }
  return false;
}

MpiComm::MpiComm(int* argc, char*** argv) {
  int provided = 0;
  MPI_Init_thread(argc, argv, MPI_THREAD_FUNNELED, &provided);
  MPI_Comm_rank(MPI_COMM_WORLD, &rank_);
  MPI_Comm_size(MPI_COMM_WORLD, &size_);
  MPI_Comm local;
  MPI_Comm_split_type(MPI_COMM_WORLD, MPI_COMM_TYPE_SHARED, rank_, MPI_INFO_NULL, &local);
  MPI_Comm_size(local, &local_size_);
  MPI_Comm_free(&local);
}

MpiComm::~MpiComm() { MPI_Finalize(); }

std::vector<std::string> MpiComm::DoExchange(std::vector<std::string> send) {
  const int n = size_;
  std::vector<uint64_t> ssz(n), rsz(n);
  std::vector<std::string> recv(n);
  recv[rank_] = std::move(send[rank_]);  // to itself: no copy
  for (int r = 0; r < n; ++r) ssz[r] = r == rank_ ? 0 : send[r].size();
  MPI_Alltoall(ssz.data(), 1, MPI_UINT64_T, rsz.data(), 1, MPI_UINT64_T, MPI_COMM_WORLD);
  for (int r = 0; r < n; ++r) {
    if (r != rank_) recv[r].resize(rsz[r]);
  }
  // At most `chunk` bytes per pair per round: the round's copies stay
  // under 256 MiB and every count and displacement fits an int.
  const uint64_t chunk = std::max<uint64_t>(1, (uint64_t{1} << 28) / static_cast<uint64_t>(n));
  uint64_t most = 0;
  for (int r = 0; r < n; ++r) most = std::max({most, ssz[r], rsz[r]});
  uint64_t rounds = (most + chunk - 1) / chunk, all_rounds = 0;
  MPI_Allreduce(&rounds, &all_rounds, 1, MPI_UINT64_T, MPI_MAX, MPI_COMM_WORLD);
  std::vector<int> sc(n), sd(n), rc(n), rd(n);
  std::string sbuf, rbuf;
  for (uint64_t round = 0; round < all_rounds; ++round) {
    const uint64_t at = round * chunk;
    int s_total = 0, r_total = 0;
    for (int r = 0; r < n; ++r) {
      sc[r] = static_cast<int>(ssz[r] > at ? std::min(chunk, ssz[r] - at) : 0);
      rc[r] = static_cast<int>(rsz[r] > at ? std::min(chunk, rsz[r] - at) : 0);
      sd[r] = s_total;
      rd[r] = r_total;
      s_total += sc[r];
      r_total += rc[r];
    }
    sbuf.resize(static_cast<size_t>(s_total));
    rbuf.resize(static_cast<size_t>(r_total));
    for (int r = 0; r < n; ++r) {
      if (sc[r] > 0) std::memcpy(sbuf.data() + sd[r], send[r].data() + at, static_cast<size_t>(sc[r]));
    }
    MPI_Alltoallv(sbuf.data(), sc.data(), sd.data(), MPI_BYTE, rbuf.data(), rc.data(), rd.data(), MPI_BYTE,
                  MPI_COMM_WORLD);
    for (int r = 0; r < n; ++r) {
      if (rc[r] > 0) std::memcpy(recv[r].data() + at, rbuf.data() + rd[r], static_cast<size_t>(rc[r]));
    }
  }
  return recv;
}

}  // namespace winnow
