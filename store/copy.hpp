#pragma once
// Moves a clinic between stores (`regenpath db copy`): every table of copied_tables()
// read from one store and written, ids kept, into an empty other one of either engine, then
// checked table by table. Ids kept, the audit chain and the records' content hashes
// stay valid on the target.
#include <cstdint>
#include <string>
#include <vector>

#include "store/store.hpp"

namespace rp::store {

struct TableCheck {
  std::string table;
  std::int64_t source_rows = 0, target_rows = 0;
  std::string source_checksum, target_checksum;
  bool matches() const { return source_rows == target_rows && source_checksum == target_checksum; }
};

struct CopyOutcome {
  std::vector<TableCheck> tables;
  // The first table whose rows differ after the copy, or empty.
  std::string first_mismatch() const;
};

// BLAKE2b (hex) over the table's rows in their order, each row's canonical text being
// its columns sorted by name with their values: computed alike on both engines.
std::string table_checksum(const TableRows& t);

// Copies `from` into `to`; TargetNotEmpty (nothing written) when `to` holds a row. The
// outcome compares each table's row count and checksum read back from both.
CopyOutcome copy_store(Store& from, Store& to);

// The checksum of every copied table of one store, to compare two stores.
std::vector<TableCheck> store_checksums(Store& s);

}  // namespace rp::store
