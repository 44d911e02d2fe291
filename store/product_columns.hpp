#pragma once
// The products table's columns as text cells, shared by both engines' adapters: each
// binds and reads the cells in kProductColumns order (NULL for an unset value), so the
// mapping of a product to its row is written once.
#include <optional>
#include <string>
#include <vector>

#include "domain/product/product.hpp"

namespace rp::store {

using TextCells = std::vector<std::optional<std::string>>;

// Every column but id, in the order of product_cells.
extern const char* const kProductColumns;
// How many columns kProductColumns names.
std::size_t product_column_count();

// The insert (ON CONFLICT (din) DO NOTHING) and the update by id of every column, with
// numbered placeholders written `mark` then the number ('?' for SQLite, '$' for
// PostgreSQL): cells, then created_at and updated_at (insert) or updated_at and id (update).
std::string product_insert_sql(char mark);
std::string product_update_sql(char mark);

TextCells product_cells(const product::Product& p);
// Throws std::runtime_error for a cell that does not read (a row changed behind the store).
product::Product product_from_cells(std::int64_t id, const TextCells& cells);

}  // namespace rp::store
