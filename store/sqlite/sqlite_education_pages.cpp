// Education pages on SQLite (0037_education_pages.sql).
#include "store/sqlite/sqlite_store.hpp"

namespace rp::store::sqlite {
namespace {

constexpr const char* kPageColumns =
    "SELECT id, centre_id, slug, version, kind, position, protocol, title_en, title_fa, body_en, body_fa, "
    "written_by, written_at, published_by, published_at, withdrawn_by, withdrawn_at, withdrawn_reason FROM "
    "education_pages ";

education::Page read_page(SQLite::Statement& q) {
  education::Page p;
  p.id = q.getColumn(0).getInt64();
  p.centre_id = q.getColumn(1).getString();
  p.slug = q.getColumn(2).getString();
  p.version = q.getColumn(3).getInt();
  p.kind = education::parse_page_kind(q.getColumn(4).getString(), "kind");
  p.position = q.getColumn(5).getInt();
  p.protocol = q.getColumn(6).getString();
  p.title = {q.getColumn(7).getString(), q.getColumn(8).getString()};
  p.body = {q.getColumn(9).getString(), q.getColumn(10).getString()};
  p.written_by = q.getColumn(11).getString();
  p.written_at = q.getColumn(12).getString();
  p.published_by = q.getColumn(13).getString();
  p.published_at = q.getColumn(14).getString();
  p.withdrawn_by = q.getColumn(15).getString();
  p.withdrawn_at = q.getColumn(16).getString();
  p.withdrawn_reason = q.getColumn(17).getString();
  return p;
}

}  // namespace

std::int64_t SqliteTransaction::save_education_page(const education::Page& p) {
  auto& q = c_.statement(
      "INSERT INTO education_pages (id, centre_id, slug, version, kind, position, protocol, title_en, title_fa, "
      "body_en, body_fa, written_by, written_at, published_by, published_at, withdrawn_by, withdrawn_at, "
      "withdrawn_reason) VALUES (NULLIF(?, 0),?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT (id) DO UPDATE SET "
      "withdrawn_by = excluded.withdrawn_by, withdrawn_at = excluded.withdrawn_at, withdrawn_reason = "
      "excluded.withdrawn_reason, kind = excluded.kind, position = "
      "excluded.position, protocol = excluded.protocol, title_en = excluded.title_en, title_fa = excluded.title_fa, "
      "body_en = excluded.body_en, body_fa = excluded.body_fa, written_by = excluded.written_by, written_at = "
      "excluded.written_at, published_by = excluded.published_by, published_at = excluded.published_at RETURNING id");
  q.bind(1, static_cast<int64_t>(p.id));
  q.bind(2, p.centre_id);
  q.bind(3, p.slug);
  q.bind(4, p.version);
  q.bind(5, std::string(education::to_string(p.kind)));
  q.bind(6, p.position);
  q.bind(7, p.protocol);
  q.bind(8, p.title.en);
  q.bind(9, p.title.fa);
  q.bind(10, p.body.en);
  q.bind(11, p.body.fa);
  q.bind(12, p.written_by);
  q.bind(13, p.written_at);
  q.bind(14, p.published_by);
  q.bind(15, p.published_at);
  q.bind(16, p.withdrawn_by);
  q.bind(17, p.withdrawn_at);
  q.bind(18, p.withdrawn_reason);
  q.executeStep();
  const std::int64_t id = q.getColumn(0).getInt64();
  q.reset();
  return id;
}

std::vector<education::Page> SqliteTransaction::education_pages(const std::string& centre_id,
                                                                const std::optional<std::string>& slug) {
  static const std::string sql =
      std::string(kPageColumns) + "WHERE centre_id = ? AND (? IS NULL OR slug = ?) ORDER BY slug, version";
  auto& q = c_.statement(sql.c_str());
  q.bind(1, centre_id);
  if (slug) {
    q.bind(2, *slug);
    q.bind(3, *slug);
  } else {
    q.bind(2);
    q.bind(3);
  }
  std::vector<education::Page> out;
  while (q.executeStep()) out.push_back(read_page(q));
  return out;
}

}  // namespace rp::store::sqlite
