// winnow::DedupIndex: exact and near-duplicate detection, keep-first.
//
// Lifecycle: Features() is pure and may run on any thread; Add() must be
// called once per record in input order, so the kept set is the same for any
// thread count. A record is an exact duplicate when the XXH3-128 of its
// normalized text was seen before, a near duplicate when an LSH candidate's
// verified Jaccard similarity is >= threshold; otherwise it is inserted.
#ifndef WINNOW_DEDUP_H_
#define WINNOW_DEDUP_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "winnow/minhash.h"
#include "winnow/status.h"

namespace winnow {

enum class VerifyMode {
  kSignature,  // estimated Jaccard from the stored signatures (4-bit MinHash; half a byte a slot)
  kExact,      // true shingle Jaccard; keeps every kept record's shingle set (8 bytes a shingle)
};

struct DedupOptions {
  bool exact = true;          // drop exact duplicates (XXH3-128 of the normalized text)
  bool near = true;           // drop near duplicates (MinHash LSH)
  // Jaccard similarity of word shingles at or above which a record is a near
  // duplicate. 0.6: light edits (a few changed words, a cut last paragraph)
  // keep true copies above it; different stories on one topic stay far below.
  double threshold = 0.6;
  int num_perm = 128;         // MinHash slots; half a byte each per kept record in the index
  int bands = 0;              // LSH bands; 0 = derived from threshold and num_perm
  int rows = 0;               // LSH rows per band; 0 = derived
  VerifyMode verify = VerifyMode::kSignature;
  ShingleOptions shingle;     // k, digit folding, seed
  uint64_t seed = 1;          // MinHash family seed
};

// What Add() needs of one record; computed by Features() off the ordered path.
struct DedupFeatures {
  bool empty = true;                // no token at all
  uint64_t exact_lo = 0, exact_hi = 0;  // XXH3-128 of the normalized token stream
  std::vector<uint32_t> signature;  // num_perm minima (empty when near is off)
  std::vector<uint64_t> shingles;   // only with VerifyMode::kExact
  // The LSH band keys of the signature: filled by Features (in the parallel
  // stage), so Add, which runs in input order, does not compute them. Add
  // computes them itself when this is empty.
  std::vector<uint64_t> band_keys;
};

struct DedupVerdict {
  enum class Kind { kUnique, kExact, kNear };
  Kind kind = Kind::kUnique;
  uint32_t duplicate_of = 0;  // ordinal of the kept record (kExact, kNear)
  double similarity = 1.0;    // verified Jaccard (1 for exact)
};

// The banding DedupIndex derives from --threshold. Every candidate is
// verified, so a chance collision costs one signature comparison and a
// missed pair a duplicate kept: false negatives weigh 0.8, false positives
// 0.2. Bands are read from the index's 4-bit slots, which match by chance
// one time in 16, and have at least 6 of them, so two unrelated records
// share a band with chance 2^-24. There are at most 19 bands: with the
// exact table, 20 tables of 4-byte slots cost at most 8.6 bytes a record
// each (just after a table grows, 47% full), so with a record's 64-byte
// signature and 16-byte hash the index stays within 256 bytes a record.
// At 0.6 that is 19 bands of 6, which bring a pair of Jaccard 0.6 to
// verification 69% of the time and one of 0.65 84%; datasketch's rule
// gives 18 bands of 7: 50% and 68%.
LshParams IndexLshParams(double threshold, int num_perm);

class DedupIndex {
 public:
  // Fails (InvalidArgument) on out-of-range options.
  static Result<std::unique_ptr<DedupIndex>> Create(const DedupOptions& options);
  ~DedupIndex();
  // Holds the whole corpus index; move the pointer, do not copy.
  DedupIndex(const DedupIndex&) = delete;
  DedupIndex& operator=(const DedupIndex&) = delete;

  // Computes the features of one record's (cleaned) text. Thread-safe.
  DedupFeatures Features(std::string_view text) const;
  // The same into `*out` (replaced), in the memory its vectors already have.
  void Features(std::string_view text, DedupFeatures* out) const;

  // Checks a record against everything kept so far; when unique, keeps it
  // under `id_json` (the record id as a JSON value) and returns kUnique.
  // Not thread-safe: call in input order.
  DedupVerdict Add(const DedupFeatures& features, std::string_view id_json);

  // Sizes the tables for `records` indexed records at once, so they are not
  // grown (and refilled) again and again on the way there; ReserveBytes is
  // what that costs. Verdicts are the same with or without it.
  void Reserve(uint64_t records);
  uint64_t ReserveBytes(uint64_t records) const;

  // The id (JSON value) of kept record `ordinal` (0-based, in keep order).
  std::string_view IdJson(uint32_t ordinal) const;
  uint32_t size() const;
  // Resident bytes of the index structures: signatures, band tables, exact
  // hashes and table (and shingle sets with VerifyMode::kExact).
  uint64_t MemoryBytes() const;
  // Resident bytes of the kept records' ids (for duplicate_of).
  uint64_t IdBytes() const;

  // Writes the index to `path` atomically (temporary file + rename): a
  // versioned, checksummed file that Load() reads back.
  Status Save(const std::string& path) const;
  // Reads an index written by Save(). Fails with a message naming `path` when
  // the file is damaged, of another format version, or was built with other
  // shingle, permutation, band or seed parameters than `options` ask for.
  static Result<std::unique_ptr<DedupIndex>> Load(const std::string& path, const DedupOptions& options);
  LshParams lsh_params() const;
  const DedupOptions& options() const;

  // The signature as the index stores it (packed 4-bit slots), and what
  // Add() computes from stored signatures: a distributed run exchanges
  // these instead of calling Add().
  size_t packed_bytes() const;
  void Pack(const DedupFeatures& features, uint8_t* out) const;  // packed_bytes() bytes
  uint64_t BandKey(const uint8_t* packed, int band) const;        // a hash of the band's slots
  bool ShareBand(const uint8_t* a, const uint8_t* b) const;      // equal in some band: an LSH candidate
  double Similarity(const uint8_t* a, const uint8_t* b) const;    // the Jaccard estimate Add() compares

 private:
  struct Impl;
  explicit DedupIndex(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace winnow

#endif  // WINNOW_DEDUP_H_
