#pragma once
// Whole tables as text, for moving a clinic between stores (store/copy.hpp): what an
// engine's bulk read gives and its bulk insert takes. Values are the engine's text of each
// value (integers in decimal, reals as %.17g so both engines write the same digits), a
// null an unset optional.
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace rp::store {

struct TableRows {
  std::string table;
  std::vector<std::string> columns;
  std::vector<std::vector<std::optional<std::string>>> rows;
};

// One table the copy moves, in an order where every table comes after those it refers to.
struct CopiedTable {
  const char* name;
  // The rows' order when read: the primary key, so both engines list them alike. A table
  // whose order of writing is read back (schedule_items) is read in that order instead.
  const char* order_by;
  // Columns naming rows of the same table (a bilateral pair names each other): inserted
  // as null, then set once every row is in.
  std::vector<std::string> self_references;
  // Filled by a migration in every database, so its rows replace the target's.
  bool seeded_by_migration = false;
};

// A copy refused because the target already holds a record or an audit row.
class TargetNotEmpty : public std::runtime_error {
 public:
  explicit TargetNotEmpty(const std::string& table)
      : std::runtime_error("the target database is not empty: table " + table + " has rows"), table_(table) {}
  const std::string& table() const { return table_; }

 private:
  std::string table_;
};

const std::vector<CopiedTable>& copied_tables();
// The table's entry, or std::invalid_argument: names never come from outside this list.
const CopiedTable& copied_table(const std::string& name);

}  // namespace rp::store
