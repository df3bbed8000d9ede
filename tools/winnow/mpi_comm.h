// winnow::MpiComm: the Comm of an MPI job (MPI_COMM_WORLD), for the CLI's
// MPI build. Exchange() is MPI_Alltoall of the sizes, then MPI_Alltoallv in
// rounds small enough for MPI's int counts.
#ifndef WINNOW_TOOLS_MPI_COMM_H_
#define WINNOW_TOOLS_MPI_COMM_H_

#include <string>
#include <vector>

#include "winnow/distributed.h"

namespace winnow {

// True when this process was started by an MPI launcher (mpirun, srun).
bool LaunchedByMpi();

class MpiComm final : public Comm {
 public:
  // MPI_Init_thread (funneled: only the main thread calls MPI).
  MpiComm(int* argc, char*** argv);
  ~MpiComm() override;  // MPI_Finalize
  int rank() const override { return rank_; }
  int size() const override { return size_; }
  // Ranks on this machine (for the default thread count).
  int local_size() const { return local_size_; }

 protected:
  std::vector<std::string> DoExchange(std::vector<std::string> send) override;

 private:
  int rank_ = 0, size_ = 1, local_size_ = 1;
};

}  // namespace winnow

#endif  // WINNOW_TOOLS_MPI_COMM_H_
