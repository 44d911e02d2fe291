#pragma once
// The centres table's columns as text cells, shared by both engines' adapters: each binds
// and reads the cells in centre_columns() order, so the mapping of a centre to its row
// (services as comma-separated codes, the licence's expiry as an ISO date or '') is
// written once.
#include <string>
#include <vector>

#include "domain/centre.hpp"

namespace rp::store {

// Every column, id first, in the order of centre_cells ("id, name_en, ...").
const std::string& centre_columns();

// INSERT ... ON CONFLICT (id) DO UPDATE of every column, with numbered placeholders
// written `mark` then the number ('?' for SQLite, '$' for PostgreSQL).
std::string centre_upsert_sql(char mark);

std::vector<std::string> centre_cells(const Centre& c);
// Throws std::runtime_error for a cell that does not read (a row changed behind the store).
Centre centre_from_cells(const std::vector<std::string>& cells);

}  // namespace rp::store
