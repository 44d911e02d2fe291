// Price lists on PostgreSQL (0034_price_lists.sql); store/sqlite/sqlite_price_lists.cpp
// is the reference.
#include <algorithm>

#include "store/postgres/pg_store.hpp"

namespace rp::store::postgres {
namespace {

constexpr const char* kListColumns =
    "SELECT id, series_id, version, centre_id, from_year, to_year, note, created_by, created_at, superseded_at "
    "FROM price_lists ";

cost::PriceList read_list(const Result& r, int i) {
  cost::PriceList l;
  l.id = r.int64(i, 0);
  l.series_id = r.int64(i, 1);
  l.version = r.int32(i, 2);
  l.centre_id = r.text(i, 3);
  l.from_year = r.int32(i, 4);
  l.to_year = r.int32(i, 5);
  l.note = r.text(i, 6);
  l.created_by = r.text(i, 7);
  l.created_at = r.text(i, 8);
  if (!r.null(i, 9)) l.superseded_at = r.text(i, 9);
  return l;
}

}  // namespace

std::int64_t PgTransaction::insert_price_list(const cost::PriceList& list) {
  // A first version is its own series: COALESCE(NULLIF(...)) takes the new row's id.
  auto res = c_.exec(
      "INSERT INTO price_lists (id, series_id, version, centre_id, from_year, to_year, note, created_by, created_at) "
      "SELECT n, COALESCE(NULLIF($1::bigint, 0), n), $2, $3, $4, $5, $6, $7, $8 "
      "FROM (SELECT nextval(pg_get_serial_sequence('price_lists', 'id')) AS n) s RETURNING id",
      Params()
          .integer(list.series_id)
          .integer(list.version)
          .text(list.centre_id)
          .integer(list.from_year)
          .integer(list.to_year)
          .text(list.note)
          .text(list.created_by)
          .text(list.created_at));
  const std::int64_t id = res.int64(0, 0);
  for (const auto& l : list.lines)
    c_.exec("INSERT INTO price_list_lines (price_list_id, centre_id, item, amount_rials) VALUES ($1,$2,$3,$4)",
            Params()
                .integer(id)
                .text(list.centre_id)
                .text(std::string(cost::to_string(l.item)))
                .integer(l.amount.in_rials()));
  return id;
}

bool PgTransaction::supersede_price_list(std::int64_t id, const std::string& at) {
  return c_.exec("UPDATE price_lists SET superseded_at = $1 WHERE id = $2 AND superseded_at IS NULL RETURNING id",
                 Params().text(at).integer(id))
             .rows() == 1;
}

std::optional<cost::PriceList> PgTransaction::find_price_list(std::int64_t id) {
  auto r = c_.exec(std::string(kListColumns) + "WHERE id = $1", Params().integer(id));
  if (r.rows() == 0) return std::nullopt;
  cost::PriceList l = read_list(r, 0);
  auto lines =
      c_.exec("SELECT item, amount_rials FROM price_list_lines WHERE price_list_id = $1", Params().integer(id));
  for (int i = 0; i < lines.rows(); ++i)
    l.lines.push_back({cost::parse_price_item(lines.view(i, 0)), Money::rials(lines.int64(i, 1))});
  std::sort(l.lines.begin(), l.lines.end(), [](const auto& a, const auto& b) { return a.item < b.item; });
  return l;
}

std::vector<cost::PriceList> PgTransaction::price_lists_of(const std::string& centre_id, bool with_superseded) {
  auto r =
      c_.exec(std::string("SELECT id FROM price_lists WHERE centre_id = $1") +
                  (with_superseded ? "" : " AND superseded_at IS NULL") + " ORDER BY from_year, series_id, version",
              Params().text(centre_id));
  std::vector<cost::PriceList> out;
  out.reserve(static_cast<std::size_t>(r.rows()));
  for (int i = 0; i < r.rows(); ++i) out.push_back(*find_price_list(r.int64(i, 0)));
  return out;
}

}  // namespace rp::store::postgres
