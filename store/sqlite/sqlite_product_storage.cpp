// A product's storage readings and culture passages on SQLite (0025_product_storage.sql).
#include "base/civil_date.hpp"
#include "store/sqlite/sqlite_store.hpp"

namespace rp::store::sqlite {

std::int64_t SqliteTransaction::insert_product_reading(const product::StorageReading& r) {
  auto& q = c_.statement(
      "INSERT INTO product_readings (product_id, at, temperature_c, location, actor, excursion) "
      "VALUES (?,?,?,?,?,?)");
  q.bind(1, static_cast<int64_t>(r.product_id));
  q.bind(2, r.at);
  q.bind(3, r.temperature_c);
  q.bind(4, r.location);
  q.bind(5, r.by);
  q.bind(6, r.excursion ? 1 : 0);
  q.exec();
  return c_.db().getLastInsertRowid();
}

std::vector<product::StorageReading> SqliteTransaction::product_readings(std::int64_t product_id) {
  auto& q = c_.statement(
      "SELECT id, product_id, at, temperature_c, location, actor, excursion FROM product_readings "
      "WHERE product_id = ? ORDER BY at, id");
  q.bind(1, static_cast<int64_t>(product_id));
  std::vector<product::StorageReading> out;
  while (q.executeStep())
    out.push_back({q.getColumn(0).getInt64(), q.getColumn(1).getInt64(), q.getColumn(2).getString(),
                   q.getColumn(3).getDouble(), q.getColumn(4).getString(), q.getColumn(5).getString(),
                   q.getColumn(6).getInt() != 0});
  return out;
}

void SqliteTransaction::replace_product_passages(std::int64_t product_id,
                                                 const std::vector<product::Passage>& passages) {
  auto& del = c_.statement("DELETE FROM product_passages WHERE product_id = ?");
  del.bind(1, static_cast<int64_t>(product_id));
  del.exec();
  auto& q = c_.statement("INSERT INTO product_passages (product_id, n, seeded_on, harvested_on) VALUES (?,?,?,?)");
  for (const auto& p : passages) {
    q.reset();
    q.bind(1, static_cast<int64_t>(product_id));
    q.bind(2, p.n);
    q.bind(3, p.seeded_on.iso());
    p.harvested_on ? q.bind(4, p.harvested_on->iso()) : q.bind(4);
    q.exec();
  }
}

std::vector<product::Passage> SqliteTransaction::product_passages(std::int64_t product_id) {
  auto& q = c_.statement("SELECT n, seeded_on, harvested_on FROM product_passages WHERE product_id = ? ORDER BY n");
  q.bind(1, static_cast<int64_t>(product_id));
  std::vector<product::Passage> out;
  while (q.executeStep()) {
    product::Passage p;
    p.n = q.getColumn(0).getInt();
    p.seeded_on = parse_gregorian(q.getColumn(1).getString());
    if (!q.getColumn(2).isNull()) p.harvested_on = parse_gregorian(q.getColumn(2).getString());
    out.push_back(p);
  }
  return out;
}

}  // namespace rp::store::sqlite
