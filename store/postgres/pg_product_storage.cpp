// A product's storage readings and culture passages on PostgreSQL
// (0025_product_storage.sql); store/sqlite/sqlite_product_storage.cpp is the reference.
#include "base/civil_date.hpp"
#include "store/postgres/pg_store.hpp"

namespace rp::store::postgres {

std::int64_t PgTransaction::insert_product_reading(const product::StorageReading& r) {
  auto res = c_.exec(
      "INSERT INTO product_readings (product_id, at, temperature_c, location, actor, excursion) "
      "VALUES ($1,$2,$3,$4,$5,$6) RETURNING id",
      Params()
          .integer(r.product_id)
          .text(r.at)
          .real(r.temperature_c)
          .text(r.location)
          .text(r.by)
          .integer(r.excursion ? 1 : 0));
  note_change("product", r.product_id);
  return res.int64(0, 0);
}

std::vector<product::StorageReading> PgTransaction::product_readings(std::int64_t product_id) {
  auto r = c_.exec(
      "SELECT id, product_id, at, temperature_c, location, actor, excursion FROM product_readings "
      "WHERE product_id = $1 ORDER BY at, id",
      Params().integer(product_id));
  std::vector<product::StorageReading> out;
  for (int i = 0; i < r.rows(); ++i)
    out.push_back(
        {r.int64(i, 0), r.int64(i, 1), r.text(i, 2), r.number(i, 3), r.text(i, 4), r.text(i, 5), r.int64(i, 6) != 0});
  return out;
}

void PgTransaction::replace_product_passages(std::int64_t product_id, const std::vector<product::Passage>& passages) {
  c_.exec("DELETE FROM product_passages WHERE product_id = $1", Params().integer(product_id));
  note_change("product", product_id);
  for (const auto& p : passages) {
    Params params;
    params.integer(product_id).integer(p.n).text(p.seeded_on.iso());
    p.harvested_on ? params.text(p.harvested_on->iso()) : params.null();
    c_.exec("INSERT INTO product_passages (product_id, n, seeded_on, harvested_on) VALUES ($1,$2,$3,$4)", params);
  }
}

std::vector<product::Passage> PgTransaction::product_passages(std::int64_t product_id) {
  auto r = c_.exec("SELECT n, seeded_on, harvested_on FROM product_passages WHERE product_id = $1 ORDER BY n",
                   Params().integer(product_id));
  std::vector<product::Passage> out;
  for (int i = 0; i < r.rows(); ++i) {
    product::Passage p;
    p.n = static_cast<int>(r.int64(i, 0));
    p.seeded_on = parse_gregorian(r.text(i, 1));
    if (!r.null(i, 2)) p.harvested_on = parse_gregorian(r.text(i, 2));
    out.push_back(p);
  }
  return out;
}

}  // namespace rp::store::postgres
