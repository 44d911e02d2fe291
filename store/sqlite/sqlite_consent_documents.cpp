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

namespace rp::store::sqlite {
namespace {

consent::SignedConsent signature_of(SQLite::Statement& q) {
  consent::SignedConsent s;
  s.id = q.getColumn(0).getInt64();
  const std::string what = "consent_signatures row " + std::to_string(s.id);
  s.centre_id = q.getColumn(1).getString();
  s.patient_id = q.getColumn(2).getInt64();
  if (!q.getColumn(3).isNull()) s.episode_id = q.getColumn(3).getInt64();
  s.document_id = q.getColumn(4).getInt64();
  s.protocol = q.getColumn(5).getString();
  s.kind = consent::parse_consent_kind(q.getColumn(6).getString());
  s.version = q.getColumn(7).getInt();
  s.language = q.getColumn(8).getString();
  s.signed_name = q.getColumn(9).getString();
  s.strokes = consent::parse_strokes(q.getColumn(10).getString());
  s.answers = parse_answers(q.getColumn(11).getString(), what);
  s.signed_at = q.getColumn(12).getString();
  s.witness_by = q.getColumn(13).getString();
  s.witness_role = q.getColumn(14).getString();
  s.witnessed_at = q.getColumn(15).getString();
  s.withdrawn_at = q.getColumn(16).getString();
  s.withdrawn_by = q.getColumn(17).getString();
  s.withdrawal_reason = q.getColumn(18).getString();
  s.pdf_sha256 = q.getColumn(19).getString();
  return s;
}

}  // namespace

std::int64_t SqliteTransaction::add_consent_signature(const consent::SignedConsent& s) {
  auto& q = c_.statement(
      "INSERT INTO consent_signatures (centre_id, patient_id, episode_id, document_id, protocol, kind, version, "
      "language, signed_name, strokes, answers, shown, pdf, pdf_sha256, signed_at) VALUES "
      "(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) RETURNING id");
  int i = 1;
  q.bind(i++, s.centre_id);
  q.bind(i++, static_cast<int64_t>(s.patient_id));
  if (s.episode_id)
    q.bind(i++, static_cast<int64_t>(*s.episode_id));
  else
    q.bind(i++);
  q.bind(i++, static_cast<int64_t>(s.document_id));
  q.bind(i++, s.protocol);
  q.bind(i++, std::string(consent::to_string(s.kind)));
  q.bind(i++, s.version);
  q.bind(i++, s.language);
  q.bind(i++, s.signed_name);
  q.bind(i++, consent::strokes_text(s.strokes));
  q.bind(i++, answers_text(s.answers));
  q.bind(i++, shown_copy_json(s.shown));
  q.bind(i++, base64_of(s.pdf));
  q.bind(i++, s.pdf_sha256);
  q.bind(i++, s.signed_at);
  q.executeStep();
  const std::int64_t id = q.getColumn(0).getInt64();
  q.reset();
  return id;
}

std::vector<consent::SignedConsent> SqliteTransaction::consent_signatures_of(std::int64_t patient_id) {
  auto& q = c_.statement(
      "SELECT id, centre_id, patient_id, episode_id, document_id, protocol, kind, version, language, signed_name, "
      "strokes, answers, signed_at, witness_by, witness_role, witnessed_at, withdrawn_at, withdrawn_by, "
      "withdrawal_reason, pdf_sha256 FROM consent_signatures WHERE patient_id = ? ORDER BY id");
  q.bind(1, static_cast<int64_t>(patient_id));
  std::vector<consent::SignedConsent> out;
  while (q.executeStep()) out.push_back(signature_of(q));
  q.reset();
  return out;
}

std::optional<consent::SignedConsent> SqliteTransaction::consent_signature(std::int64_t id) {
  auto& q = c_.statement(
      "SELECT id, centre_id, patient_id, episode_id, document_id, protocol, kind, version, language, signed_name, "
      "strokes, answers, signed_at, witness_by, witness_role, witnessed_at, withdrawn_at, withdrawn_by, "
      "withdrawal_reason, pdf_sha256, shown, pdf FROM consent_signatures WHERE id = ?");
  q.bind(1, static_cast<int64_t>(id));
  std::optional<consent::SignedConsent> out;
  if (q.executeStep()) {
    out = signature_of(q);
    const std::string what = "consent_signatures row " + std::to_string(id);
    out->shown = read_shown_copy(q.getColumn(20).getString(), what);
    out->pdf = bytes_of_base64(q.getColumn(21).getString(), what);
  }
  q.reset();
  return out;
}

bool SqliteTransaction::countersign_consent(std::int64_t id, const std::string& by, const std::string& role,
                                            const std::string& at, const std::string& pdf,
                                            const std::string& pdf_sha256) {
  auto& q = c_.statement(
      "UPDATE consent_signatures SET witness_by = ?, witness_role = ?, witnessed_at = ?, pdf = ?, pdf_sha256 = ? "
      "WHERE id = ? AND witnessed_at = ''");
  q.bind(1, by);
  q.bind(2, role);
  q.bind(3, at);
  q.bind(4, base64_of(pdf));
  q.bind(5, pdf_sha256);
  q.bind(6, static_cast<int64_t>(id));
  const bool changed = q.exec() > 0;
  q.reset();
  return changed;
}

bool SqliteTransaction::withdraw_consent(std::int64_t id, const std::string& by, const std::string& at,
                                         const std::string& reason) {
  auto& q = c_.statement(
      "UPDATE consent_signatures SET withdrawn_by = ?, withdrawn_at = ?, withdrawal_reason = ? WHERE id = ? AND "
      "withdrawn_at = ''");
  q.bind(1, by);
  q.bind(2, at);
  q.bind(3, reason);
  q.bind(4, static_cast<int64_t>(id));
  const bool changed = q.exec() > 0;
  q.reset();
  return changed;
}

}  // namespace rp::store::sqlite
