// Price lists on SQLite (0034_price_lists.sql).
#include "store/sqlite/sqlite_store.hpp"

namespace rp::store::sqlite {
namespace {

constexpr const char* kListColumns =
    "SELECT id, series_id, version, centre_id, from_year, to_year, note, created_by, created_at, superseded_at "
    "FROM price_lists ";

cost::PriceList read_list(SQLite::Statement& q) {
  cost::PriceList l;
  l.id = q.getColumn(0).getInt64();
  l.series_id = q.getColumn(1).getInt64();
  l.version = q.getColumn(2).getInt();
  l.centre_id = q.getColumn(3).getString();
  l.from_year = q.getColumn(4).getInt();
  l.to_year = q.getColumn(5).getInt();
  l.note = q.getColumn(6).getString();
  l.created_by = q.getColumn(7).getString();
  l.created_at = q.getColumn(8).getString();
  l.superseded_at = optional_text(q.getColumn(9));
  return l;
}

}  // namespace

std::int64_t SqliteTransaction::insert_price_list(const cost::PriceList& list) {
  auto& q = c_.statement(
      "INSERT INTO price_lists (series_id, version, centre_id, from_year, to_year, note, created_by, created_at) "
      "VALUES (?,?,?,?,?,?,?,?)");
  q.bind(1, static_cast<int64_t>(list.series_id));
  q.bind(2, list.version);
  q.bind(3, list.centre_id);
  q.bind(4, list.from_year);
  q.bind(5, list.to_year);
  q.bind(6, list.note);
  q.bind(7, list.created_by);
  q.bind(8, list.created_at);
  q.exec();
  const std::int64_t id = c_.db().getLastInsertRowid();
  if (list.series_id == 0) {
    auto& own = c_.statement("UPDATE price_lists SET series_id = id WHERE id = ?");
    own.bind(1, static_cast<int64_t>(id));
    own.exec();
  }
  auto& line =
      c_.statement("INSERT INTO price_list_lines (price_list_id, centre_id, item, amount_rials) VALUES (?,?,?,?)");
  for (const auto& l : list.lines) {
    line.bind(1, static_cast<int64_t>(id));
    line.bind(2, list.centre_id);
    line.bind(3, std::string(cost::to_string(l.item)));
    line.bind(4, static_cast<int64_t>(l.amount.in_rials()));
    line.exec();
    line.reset();
  }
  return id;
}

bool SqliteTransaction::supersede_price_list(std::int64_t id, const std::string& at) {
  auto& q = c_.statement("UPDATE price_lists SET superseded_at = ? WHERE id = ? AND superseded_at IS NULL");
  q.bind(1, at);
  q.bind(2, static_cast<int64_t>(id));
  return q.exec() == 1;
}

std::optional<cost::PriceList> SqliteTransaction::find_price_list(std::int64_t id) {
  static const std::string sql = std::string(kListColumns) + "WHERE id = ?";
  auto& q = c_.statement(sql.c_str());
  q.bind(1, static_cast<int64_t>(id));
  if (!q.executeStep()) return std::nullopt;
  cost::PriceList l = read_list(q);
  q.reset();
  auto& lines = c_.statement("SELECT item, amount_rials FROM price_list_lines WHERE price_list_id = ?");
  lines.bind(1, static_cast<int64_t>(id));
  while (lines.executeStep())
    l.lines.push_back(
        {cost::parse_price_item(lines.getColumn(0).getString()), Money::rials(lines.getColumn(1).getInt64())});
  std::sort(l.lines.begin(), l.lines.end(), [](const auto& a, const auto& b) { return a.item < b.item; });
  return l;
}

std::vector<cost::PriceList> SqliteTransaction::price_lists_of(const std::string& centre_id, bool with_superseded) {
  static const std::string all =
      std::string(kListColumns) + "WHERE centre_id = ? ORDER BY from_year, series_id, version";
  static const std::string current =
      std::string(kListColumns) +
      "WHERE centre_id = ? AND superseded_at IS NULL ORDER BY from_year, series_id, version";
  auto& q = c_.statement((with_superseded ? all : current).c_str());
  q.bind(1, centre_id);
  std::vector<std::int64_t> ids;
  while (q.executeStep()) ids.push_back(q.getColumn(0).getInt64());
  q.reset();
  std::vector<cost::PriceList> out;
  out.reserve(ids.size());
  for (std::int64_t id : ids) out.push_back(*find_price_list(id));
  return out;
}

}  // namespace rp::store::sqlite
