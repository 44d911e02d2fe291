// Consent documents on PostgreSQL (0043_consent_documents.sql);
// store/sqlite/sqlite_consent_documents.cpp is the reference.
#include "store/consent_columns.hpp"
#include "store/postgres/pg_store.hpp"

namespace rp::store::postgres {

std::int64_t PgTransaction::save_consent_document(const consent::Document& d) {
  const auto params = [&](Params head) {
    head.text(d.centre_id)
        .text(d.protocol)
        .text(std::string(consent::to_string(d.kind)))
        .integer(d.version)
        .text(d.title.en)
        .text(d.title.fa)
        .text(consent_content_json(d))
        .text(d.written_by)
        .text(d.written_at)
        .text(d.published_by)
        .text(d.published_at);
    return head;
  };
  if (d.id == 0)
    return c_
        .exec(
            "INSERT INTO consent_documents (centre_id, protocol, kind, version, title_en, title_fa, content, "
            "written_by, written_at, published_by, published_at) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11) "
            "RETURNING id",
            params(Params()))
        .int64(0, 0);
  c_.exec(
      "UPDATE consent_documents SET centre_id = $2, protocol = $3, kind = $4, version = $5, title_en = $6, title_fa = "
      "$7, content = $8, written_by = $9, written_at = $10, published_by = $11, published_at = $12 WHERE id = $1",
      params(Params().integer(d.id)));
  return d.id;
}

std::vector<consent::Document> PgTransaction::consent_documents(const std::string& centre_id,
                                                                const std::optional<std::string>& protocol) {
  const auto res = c_.exec(
      "SELECT id, centre_id, protocol, kind, version, title_en, title_fa, content, written_by, written_at, "
      "published_by, published_at FROM consent_documents WHERE centre_id = $1 AND ($2::text IS NULL OR protocol = "
      "$2) ORDER BY protocol, kind, version",
      Params().text(centre_id).opt_text(protocol));
  std::vector<consent::Document> out;
  for (int i = 0; i < res.rows(); ++i) {
    consent::Document d;
    d.id = res.int64(i, 0);
    d.centre_id = res.text(i, 1);
    d.protocol = res.text(i, 2);
    d.kind = consent::parse_consent_kind(res.text(i, 3));
    d.version = res.int32(i, 4);
    d.title = {res.text(i, 5), res.text(i, 6)};
    read_consent_content(res.text(i, 7), d);
    d.written_by = res.text(i, 8);
    d.written_at = res.text(i, 9);
    d.published_by = res.text(i, 10);
    d.published_at = res.text(i, 11);
    out.push_back(std::move(d));
  }
  return out;
}

}  // namespace rp::store::postgres
