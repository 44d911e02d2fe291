// Consent documents on SQLite (0043_consent_documents.sql).
#include "store/consent_columns.hpp"
#include "store/sqlite/sqlite_store.hpp"

namespace rp::store::sqlite {

std::int64_t SqliteTransaction::save_consent_document(const consent::Document& d) {
  auto& q = c_.statement(
      "INSERT INTO consent_documents (id, centre_id, protocol, kind, version, title_en, title_fa, content, "
      "written_by, written_at, published_by, published_at) VALUES (NULLIF(?, 0),?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT "
      "(id) DO UPDATE SET title_en = excluded.title_en, title_fa = excluded.title_fa, content = excluded.content, "
      "written_by = excluded.written_by, written_at = excluded.written_at, published_by = excluded.published_by, "
      "published_at = excluded.published_at RETURNING id");
  int i = 1;
  q.bind(i++, static_cast<int64_t>(d.id));
  q.bind(i++, d.centre_id);
  q.bind(i++, d.protocol);
  q.bind(i++, std::string(consent::to_string(d.kind)));
  q.bind(i++, d.version);
  q.bind(i++, d.title.en);
  q.bind(i++, d.title.fa);
  q.bind(i++, consent_content_json(d));
  q.bind(i++, d.written_by);
  q.bind(i++, d.written_at);
  q.bind(i++, d.published_by);
  q.bind(i++, d.published_at);
  q.executeStep();
  const std::int64_t id = q.getColumn(0).getInt64();
  q.reset();
  return id;
}

std::vector<consent::Document> SqliteTransaction::consent_documents(const std::string& centre_id,
                                                                    const std::optional<std::string>& protocol) {
  auto& q = c_.statement(
      "SELECT id, centre_id, protocol, kind, version, title_en, title_fa, content, written_by, written_at, "
      "published_by, published_at FROM consent_documents WHERE centre_id = ? AND (? IS NULL OR protocol = ?) ORDER "
      "BY protocol, kind, version");
  q.bind(1, centre_id);
  if (protocol) {
    q.bind(2, *protocol);
    q.bind(3, *protocol);
  } else {
    q.bind(2);
    q.bind(3);
  }
  std::vector<consent::Document> out;
  while (q.executeStep()) {
    consent::Document d;
    d.id = q.getColumn(0).getInt64();
    d.centre_id = q.getColumn(1).getString();
    d.protocol = q.getColumn(2).getString();
    d.kind = consent::parse_consent_kind(q.getColumn(3).getString());
    d.version = q.getColumn(4).getInt();
    d.title = {q.getColumn(5).getString(), q.getColumn(6).getString()};
    read_consent_content(q.getColumn(7).getString(), d);
    d.written_by = q.getColumn(8).getString();
    d.written_at = q.getColumn(9).getString();
    d.published_by = q.getColumn(10).getString();
    d.published_at = q.getColumn(11).getString();
    out.push_back(std::move(d));
  }
  q.reset();
  return out;
}

}  // namespace rp::store::sqlite
