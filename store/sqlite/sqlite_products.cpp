// Cell products and their custody events on SQLite (0021_products.sql). The row's cells
// come from store/product_columns.hpp, which both engines share.
#include "base/error.hpp"
#include "store/product_columns.hpp"
#include "store/sqlite/sqlite_store.hpp"

namespace rp::store::sqlite {
namespace {

void bind_cells(SQLite::Statement& q, const TextCells& cells) {
  int i = 1;
  for (const auto& c : cells) {
    if (c)
      q.bind(i, *c);
    else
      q.bind(i);
    ++i;
  }
}

product::Product read_product(SQLite::Statement& q) {
  TextCells cells;
  const int n = static_cast<int>(product_column_count());
  for (int i = 1; i <= n; ++i)
    cells.push_back(q.getColumn(i).isNull() ? std::nullopt : std::optional(q.getColumn(i).getString()));
  return product_from_cells(q.getColumn(0).getInt64(), cells);
}

const std::string& select_products() {
  static const std::string sql = std::string("SELECT id, ") + kProductColumns + " FROM products ";
  return sql;
}

std::vector<product::Product> read_products(SQLite::Statement& q) {
  std::vector<product::Product> out;
  while (q.executeStep()) out.push_back(read_product(q));
  return out;
}

}  // namespace

std::int64_t SqliteTransaction::insert_product(const product::Product& p, const std::string& now) {
  static const std::string sql = product_insert_sql('?');
  auto& q = c_.statement(sql.c_str());
  auto cells = product_cells(p);
  cells.push_back(now);
  cells.push_back(now);
  bind_cells(q, cells);
  if (q.exec() != 1) throw ConflictError("din", "product_din_used"_err, {{"din", p.din}});
  return c_.db().getLastInsertRowid();
}

void SqliteTransaction::update_product(const product::Product& p, const std::string& now) {
  static const std::string sql = product_update_sql('?');
  auto& q = c_.statement(sql.c_str());
  auto cells = product_cells(p);
  cells.push_back(now);
  cells.push_back(std::to_string(p.id));
  bind_cells(q, cells);
  if (q.exec() != 1) throw NotFoundError("din", "product_not_found"_err, {{"din", p.din}});
}

std::optional<product::Product> SqliteTransaction::find_product(std::int64_t id) {
  static const std::string sql = select_products() + "WHERE id = ?";
  auto& q = c_.statement(sql.c_str());
  q.bind(1, static_cast<int64_t>(id));
  if (!q.executeStep()) return std::nullopt;
  return read_product(q);
}

std::optional<product::Product> SqliteTransaction::find_product_by_din(const std::string& din) {
  static const std::string sql = select_products() + "WHERE din = ?";
  auto& q = c_.statement(sql.c_str());
  q.bind(1, din);
  if (!q.executeStep()) return std::nullopt;
  return read_product(q);
}

std::vector<product::Product> SqliteTransaction::list_products(const ProductQuery& f) {
  static const std::string sql = select_products() +
                                 "WHERE (?1 IS NULL OR centre_id = ?1) AND (?2 IS NULL OR state = ?2) "
                                 "AND (?3 IS NULL OR episode_id = ?3) ORDER BY id LIMIT ?4";
  // One episode's products through products_by_episode. SQLite plans a statement once,
  // whatever is bound later, so the form above walks every product in id order: an export
  // reading each episode's products took time growing with the square of the clinic.
  static const std::string of_episode = select_products() +
                                        "WHERE episode_id = ?3 AND (?1 IS NULL OR centre_id = ?1) "
                                        "AND (?2 IS NULL OR state = ?2) ORDER BY id LIMIT ?4";
  auto& q = c_.statement(f.episode_id ? of_episode.c_str() : sql.c_str());
  f.centre_id ? q.bind(1, *f.centre_id) : q.bind(1);
  f.state ? q.bind(2, std::string(to_string(*f.state))) : q.bind(2);
  f.episode_id ? q.bind(3, static_cast<int64_t>(*f.episode_id)) : q.bind(3);
  q.bind(4, f.limit);
  return read_products(q);
}

std::int64_t SqliteTransaction::last_din_sequence(const std::string& facility_year) {
  auto& q = c_.statement(
      "SELECT COALESCE(MAX(CAST(substr(din, 8, 6) AS INTEGER)), 0) FROM products WHERE substr(din, 1, 7) = ?");
  q.bind(1, facility_year);
  q.executeStep();
  return q.getColumn(0).getInt64();
}

std::int64_t SqliteTransaction::insert_product_event(const ProductEventRow& e) {
  auto& q = c_.statement(
      "INSERT INTO product_events (product_id, at, actor, role, location, kind, verified, detail) "
      "VALUES (?,?,?,?,?,?,?,?)");
  bind_cells(q, {std::to_string(e.product_id), e.at, e.actor, e.role, e.location, e.kind, e.verified, e.detail});
  q.exec();
  return c_.db().getLastInsertRowid();
}

std::vector<ProductEventRow> SqliteTransaction::product_events(std::int64_t product_id) {
  auto& q = c_.statement(
      "SELECT id, product_id, at, actor, role, location, kind, verified, detail FROM product_events "
      "WHERE product_id = ? ORDER BY id");
  q.bind(1, static_cast<int64_t>(product_id));
  std::vector<ProductEventRow> out;
  while (q.executeStep())
    out.push_back({q.getColumn(0).getInt64(), q.getColumn(1).getInt64(), q.getColumn(2).getString(),
                   q.getColumn(3).getString(), q.getColumn(4).getString(), q.getColumn(5).getString(),
                   q.getColumn(6).getString(), q.getColumn(7).getString(), q.getColumn(8).getString()});
  return out;
}

}  // namespace rp::store::sqlite
