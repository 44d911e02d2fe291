#include "bench/scale/set_aside_indexes.hpp"

#include <SQLiteCpp/SQLiteCpp.h>

#include <array>
#include <string_view>

namespace rp::bench::scale {
namespace {

// The tables a generated patient's history writes (scale_generate.cpp).
constexpr std::array<std::string_view, 8> kTables{"patients",
                                                  "episodes",
                                                  "episode_transitions",
                                                  "schedule_items",
                                                  "eligibility_assessments",
                                                  "questionnaire_responses",
                                                  "response_scores",
                                                  "adverse_events"};

// Led by a record's id: new rows land at the index's end.
bool led_by_an_id(std::string_view column) {
  return column == "id" || (column.size() > 3 && column.substr(column.size() - 3) == "_id");
}

bool generated_table(std::string_view table) {
  for (const auto t : kTables)
    if (t == table) return true;
  return false;
}

}  // namespace

std::vector<SetAsideIndex> drop_unordered_indexes(const std::string& path) {
  SQLite::Database db(path, SQLite::OPEN_READWRITE);
  std::vector<SetAsideIndex> out;
  SQLite::Statement q(db,
                      "SELECT m.name, m.tbl_name, m.sql, (SELECT name FROM pragma_index_info(m.name) WHERE seqno = 0) "
                      "FROM sqlite_master m WHERE m.type = 'index' AND m.sql IS NOT NULL "
                      "AND m.sql NOT LIKE 'CREATE UNIQUE%' ORDER BY m.name");
  while (q.executeStep()) {
    const std::string first = q.getColumn(3).isNull() ? "" : q.getColumn(3).getString();
    if (!generated_table(q.getColumn(1).getString()) || first.empty() || led_by_an_id(first)) continue;
    out.push_back({q.getColumn(0).getString(), q.getColumn(2).getString()});
  }
  q.reset();
  SQLite::Transaction tx(db);
  for (const auto& index : out) db.exec("DROP INDEX \"" + index.name + "\"");
  tx.commit();
  return out;
}

void restore_indexes(const std::string& path, const std::vector<SetAsideIndex>& indexes) {
  SQLite::Database db(path, SQLite::OPEN_READWRITE);
  db.exec("PRAGMA cache_size = -1048576");  // KiB: 1 GB for the sorts
  db.exec("PRAGMA temp_store = MEMORY");
  SQLite::Transaction tx(db);
  for (const auto& index : indexes) db.exec(index.sql);
  tx.commit();
}

}  // namespace rp::bench::scale
