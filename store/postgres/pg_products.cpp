// Cell products and their custody events on PostgreSQL (0021_products.sql). The row's
// cells come from store/product_columns.hpp, which both engines share; SQLite's adapter
// (store/sqlite/sqlite_products.cpp) is the reference.
#include "base/error.hpp"
#include "store/postgres/pg_store.hpp"
#include "store/product_columns.hpp"

namespace rp::store::postgres {
namespace {

Params params_of(const TextCells& cells) {
  Params p;
  for (const auto& c : cells) c ? p.text(*c) : p.null();
  return p;
}

std::vector<product::Product> read_products(const Result& r) {
  std::vector<product::Product> out;
  const int n = static_cast<int>(product_column_count());
  for (int i = 0; i < r.rows(); ++i) {
    TextCells cells;
    for (int col = 1; col <= n; ++col) cells.push_back(r.null(i, col) ? std::nullopt : std::optional(r.text(i, col)));
    out.push_back(product_from_cells(r.int64(i, 0), cells));
  }
  return out;
}

const std::string& select_products() {
  static const std::string sql = std::string("SELECT id, ") + kProductColumns + " FROM products ";
  return sql;
}

std::optional<product::Product> first(std::vector<product::Product> v) {
  if (v.empty()) return std::nullopt;
  return std::move(v.front());
}

}  // namespace

std::int64_t PgTransaction::insert_product(const product::Product& p, const std::string& now) {
  static const std::string sql = product_insert_sql('$') + " RETURNING id";
  auto cells = product_cells(p);
  cells.push_back(now);
  cells.push_back(now);
  auto r = c_.exec(sql, params_of(cells));
  if (r.rows() != 1) throw ConflictError("din", "product_din_used"_err, {{"din", p.din}});
  note_change("product", r.int64(0, 0));
  return r.int64(0, 0);
}

void PgTransaction::update_product(const product::Product& p, const std::string& now) {
  static const std::string sql = product_update_sql('$');
  auto cells = product_cells(p);
  cells.push_back(now);
  cells.push_back(std::to_string(p.id));
  auto r = c_.exec(sql, params_of(cells));
  if (r.affected() != 1) throw NotFoundError("din", "product_not_found"_err, {{"din", p.din}});
  note_change("product", p.id);
}

std::optional<product::Product> PgTransaction::find_product(std::int64_t id) {
  return first(read_products(c_.exec(select_products() + "WHERE id = $1", Params().integer(id))));
}

std::optional<product::Product> PgTransaction::find_product_by_din(const std::string& din) {
  return first(read_products(c_.exec(select_products() + "WHERE din = $1", Params().text(din))));
}

std::vector<product::Product> PgTransaction::list_products(const ProductQuery& f) {
  static const std::string sql = select_products() +
                                 "WHERE ($1::text IS NULL OR centre_id = $1) AND ($2::text IS NULL OR state = $2) "
                                 "AND ($3::bigint IS NULL OR episode_id = $3) ORDER BY id LIMIT $4";
  Params p;
  p.opt_text(f.centre_id);
  f.state ? p.text(std::string(to_string(*f.state))) : p.null();
  p.opt_integer(f.episode_id).integer(f.limit);
  return read_products(c_.exec(sql, p));
}

std::int64_t PgTransaction::last_din_sequence(const std::string& facility_year) {
  auto r = c_.exec("SELECT COALESCE(MAX(substr(din, 8, 6)::bigint), 0) FROM products WHERE substr(din, 1, 7) = $1",
                   Params().text(facility_year));
  return r.int64(0, 0);
}

std::int64_t PgTransaction::insert_product_event(const ProductEventRow& e) {
  auto r = c_.exec(
      "INSERT INTO product_events (product_id, at, actor, role, location, kind, verified, detail) "
      "VALUES ($1,$2,$3,$4,$5,$6,$7,$8) RETURNING id",
      Params()
          .integer(e.product_id)
          .text(e.at)
          .text(e.actor)
          .text(e.role)
          .text(e.location)
          .text(e.kind)
          .text(e.verified)
          .text(e.detail));
  note_change("product", e.product_id);
  return r.int64(0, 0);
}

std::vector<ProductEventRow> PgTransaction::product_events(std::int64_t product_id) {
  auto r = c_.exec(
      "SELECT id, product_id, at, actor, role, location, kind, verified, detail FROM product_events "
      "WHERE product_id = $1 ORDER BY id",
      Params().integer(product_id));
  std::vector<ProductEventRow> out;
  for (int i = 0; i < r.rows(); ++i)
    out.push_back({r.int64(i, 0), r.int64(i, 1), r.text(i, 2), r.text(i, 3), r.text(i, 4), r.text(i, 5), r.text(i, 6),
                   r.text(i, 7), r.text(i, 8)});
  return out;
}

}  // namespace rp::store::postgres
