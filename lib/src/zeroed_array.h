// ZeroedArray: a fixed-size array of zero-initialised integers for the big
// hash tables (the dedup index's band tables, the template counter's pair
// table and its 256 line tables, each of which is large only in a large
// corpus).
//
// Those tables are read and written at random, one cache miss per access,
// and at a million records they are tens to hundreds of megabytes. Two
// costs come with that on 4 KiB pages, and this array removes both:
// - every access is also a TLB miss, whose page walk costs more than the
//   miss itself under virtualisation (nested page tables). An array of 2 MiB
//   or more is mapped on its own, 2 MiB-aligned, and asks the kernel for
//   transparent huge pages (madvise(MADV_HUGEPAGE): honoured under the
//   "madvise" and "always" THP settings, ignored under "never");
// - growing a table used to write every slot of the new one (memset) before
//   the first insert touched it again. Fresh anonymous memory is zero
//   already, so nothing is written up front.
// Smaller arrays come from calloc. Not copyable; movable.
#ifndef WINNOW_SRC_ZEROED_ARRAY_H_
#define WINNOW_SRC_ZEROED_ARRAY_H_

#include <sys/mman.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <new>
#include <type_traits>
#include <utility>

namespace winnow::internal {

template <typename T>
class ZeroedArray {
  static_assert(std::is_trivial_v<T>, "ZeroedArray holds plain integers");

 public:
  ZeroedArray() = default;
  explicit ZeroedArray(size_t n) : size_(n) {
    if (n == 0) return;
    const size_t bytes = n * sizeof(T);
    if (bytes < kHuge) {
      data_ = static_cast<T*>(std::calloc(n, sizeof(T)));
      if (data_ == nullptr) throw std::bad_alloc();
      return;
    }
    // Map 2 MiB more than needed and give back the unaligned head and the
    // tail, so the array starts on a huge page boundary. Only its whole
    // huge pages are advised: the last partial one stays in small pages,
    // so no more memory is taken than the array's bytes.
    mapped_ = (bytes + kPage - 1) / kPage * kPage;
    void* p = ::mmap(nullptr, mapped_ + kHuge, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) throw std::bad_alloc();
    const uintptr_t start = reinterpret_cast<uintptr_t>(p);
    const uintptr_t aligned = (start + kHuge - 1) / kHuge * kHuge;
    if (aligned > start) ::munmap(p, aligned - start);
    const uintptr_t end = start + mapped_ + kHuge;
    if (end > aligned + mapped_) ::munmap(reinterpret_cast<void*>(aligned + mapped_), end - aligned - mapped_);
#ifdef MADV_HUGEPAGE
    ::madvise(reinterpret_cast<void*>(aligned), mapped_ / kHuge * kHuge, MADV_HUGEPAGE);
#endif
    data_ = reinterpret_cast<T*>(aligned);
  }
  ~ZeroedArray() { Release(); }
  ZeroedArray(ZeroedArray&& o) noexcept { *this = std::move(o); }
  ZeroedArray& operator=(ZeroedArray&& o) noexcept {
    if (this != &o) {
      Release();
      data_ = std::exchange(o.data_, nullptr);
      size_ = std::exchange(o.size_, 0);
      mapped_ = std::exchange(o.mapped_, 0);
    }
    return *this;
  }
  ZeroedArray(const ZeroedArray&) = delete;
  ZeroedArray& operator=(const ZeroedArray&) = delete;

  T& operator[](size_t i) { return data_[i]; }
  const T& operator[](size_t i) const { return data_[i]; }
  T* begin() { return data_; }
  T* end() { return data_ + size_; }
  const T* begin() const { return data_; }
  const T* end() const { return data_ + size_; }
  size_t size() const { return size_; }
  // Bytes reserved (a mapping counts whole 4 KiB pages).
  uint64_t bytes() const { return mapped_ != 0 ? mapped_ : size_ * sizeof(T); }

 private:
  static constexpr size_t kHuge = size_t{2} << 20;
  static constexpr size_t kPage = 4096;

  void Release() {
    if (data_ == nullptr) return;
    if (mapped_ != 0) {
      ::munmap(data_, mapped_);
    } else {
      std::free(data_);
    }
    data_ = nullptr;
    size_ = mapped_ = 0;
  }

  T* data_ = nullptr;
  size_t size_ = 0;
  size_t mapped_ = 0;  // bytes mapped for a large array; 0 for calloc
};

}  // namespace winnow::internal

#endif  // WINNOW_SRC_ZEROED_ARRAY_H_
