// Education pages on PostgreSQL (0037_education_pages.sql); store/sqlite/sqlite_education_pages.cpp
// is the reference.
#include "store/postgres/pg_store.hpp"

namespace rp::store::postgres {
namespace {

constexpr const char* kPageColumns =
    "SELECT id, centre_id, slug, version, kind, position, protocol, title_en, title_fa, body_en, body_fa, "
    "written_by, written_at, published_by, published_at, withdrawn_by, withdrawn_at, withdrawn_reason FROM "
    "education_pages ";

education::Page read_page(const Result& r, int i) {
  education::Page p;
  p.id = r.int64(i, 0);
  p.centre_id = r.text(i, 1);
  p.slug = r.text(i, 2);
  p.version = r.int32(i, 3);
  p.kind = education::parse_page_kind(r.text(i, 4), "kind");
  p.position = r.int32(i, 5);
  p.protocol = r.text(i, 6);
  p.title = {r.text(i, 7), r.text(i, 8)};
  p.body = {r.text(i, 9), r.text(i, 10)};
  p.written_by = r.text(i, 11);
  p.written_at = r.text(i, 12);
  p.published_by = r.text(i, 13);
  p.published_at = r.text(i, 14);
  p.withdrawn_by = r.text(i, 15);
  p.withdrawn_at = r.text(i, 16);
  p.withdrawn_reason = r.text(i, 17);
  return p;
}

}  // namespace

std::int64_t PgTransaction::save_education_page(const education::Page& p) {
  const auto params = [&](Params head) {
    head.text(p.centre_id)
        .text(p.slug)
        .integer(p.version)
        .text(std::string(education::to_string(p.kind)))
        .integer(p.position)
        .text(p.protocol)
        .text(p.title.en)
        .text(p.title.fa)
        .text(p.body.en)
        .text(p.body.fa)
        .text(p.written_by)
        .text(p.written_at)
        .text(p.published_by)
        .text(p.published_at)
        .text(p.withdrawn_by)
        .text(p.withdrawn_at)
        .text(p.withdrawn_reason);
    return head;
  };
  if (p.id == 0)
    return c_
        .exec(
            "INSERT INTO education_pages (centre_id, slug, version, kind, position, protocol, title_en, title_fa, "
            "body_en, body_fa, written_by, written_at, published_by, published_at, withdrawn_by, withdrawn_at, "
            "withdrawn_reason) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17) RETURNING id",
            params(Params()))
        .int64(0, 0);
  c_.exec(
      "UPDATE education_pages SET centre_id = $2, slug = $3, version = $4, kind = $5, position = $6, protocol = $7, "
      "title_en = $8, title_fa = $9, body_en = $10, body_fa = $11, written_by = $12, written_at = $13, published_by "
      "= $14, published_at = $15, withdrawn_by = $16, withdrawn_at = $17, withdrawn_reason = $18 WHERE id = $1",
      params(Params().integer(p.id)));
  return p.id;
}

std::vector<education::Page> PgTransaction::education_pages(const std::string& centre_id,
                                                            const std::optional<std::string>& slug) {
  auto res = c_.exec(
      std::string(kPageColumns) + "WHERE centre_id = $1 AND ($2::text IS NULL OR slug = $2) ORDER BY slug, version",
      Params().text(centre_id).opt_text(slug));
  std::vector<education::Page> out;
  out.reserve(static_cast<std::size_t>(res.rows()));
  for (int i = 0; i < res.rows(); ++i) out.push_back(read_page(res, i));
  return out;
}

}  // namespace rp::store::postgres
