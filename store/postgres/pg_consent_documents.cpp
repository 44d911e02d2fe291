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

namespace rp::store::postgres {
namespace {

constexpr const char* kSignatureColumns =
    "id, centre_id, patient_id, episode_id, document_id, protocol, kind, version, language, signed_name, strokes, "
    "answers, signed_at, witness_by, witness_role, witnessed_at, withdrawn_at, withdrawn_by, withdrawal_reason, "
    "pdf_sha256";

consent::SignedConsent signature_of(const Result& res, int i) {
  consent::SignedConsent s;
  s.id = res.int64(i, 0);
  const std::string what = "consent_signatures row " + std::to_string(s.id);
  s.centre_id = res.text(i, 1);
  s.patient_id = res.int64(i, 2);
  s.episode_id = res.opt_int64(i, 3);
  s.document_id = res.int64(i, 4);
  s.protocol = res.text(i, 5);
  s.kind = consent::parse_consent_kind(res.text(i, 6));
  s.version = res.int32(i, 7);
  s.language = res.text(i, 8);
  s.signed_name = res.text(i, 9);
  s.strokes = consent::parse_strokes(res.text(i, 10));
  s.answers = parse_answers(res.text(i, 11), what);
  s.signed_at = res.text(i, 12);
  s.witness_by = res.text(i, 13);
  s.witness_role = res.text(i, 14);
  s.witnessed_at = res.text(i, 15);
  s.withdrawn_at = res.text(i, 16);
  s.withdrawn_by = res.text(i, 17);
  s.withdrawal_reason = res.text(i, 18);
  s.pdf_sha256 = res.text(i, 19);
  return s;
}

}  // namespace

std::int64_t PgTransaction::add_consent_signature(const consent::SignedConsent& s) {
  return c_
      .exec(
          "INSERT INTO consent_signatures (centre_id, patient_id, episode_id, document_id, protocol, kind, version, "
          "language, signed_name, strokes, answers, shown, pdf, pdf_sha256, signed_at) VALUES "
          "($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15) RETURNING id",
          Params()
              .text(s.centre_id)
              .integer(s.patient_id)
              .opt_integer(s.episode_id)
              .integer(s.document_id)
              .text(s.protocol)
              .text(std::string(consent::to_string(s.kind)))
              .integer(s.version)
              .text(s.language)
              .text(s.signed_name)
              .text(consent::strokes_text(s.strokes))
              .text(answers_text(s.answers))
              .text(shown_copy_json(s.shown))
              .text(base64_of(s.pdf))
              .text(s.pdf_sha256)
              .text(s.signed_at))
      .int64(0, 0);
}

std::vector<consent::SignedConsent> PgTransaction::consent_signatures_of(std::int64_t patient_id) {
  const auto res =
      c_.exec(std::string("SELECT ") + kSignatureColumns + " FROM consent_signatures WHERE patient_id = $1 ORDER BY id",
              Params().integer(patient_id));
  std::vector<consent::SignedConsent> out;
  out.reserve(static_cast<std::size_t>(res.rows()));
  for (int i = 0; i < res.rows(); ++i) out.push_back(signature_of(res, i));
  return out;
}

std::optional<consent::SignedConsent> PgTransaction::consent_signature(std::int64_t id) {
  const auto res =
      c_.exec(std::string("SELECT ") + kSignatureColumns + ", shown, pdf FROM consent_signatures WHERE id = $1",
              Params().integer(id));
  if (res.rows() == 0) return std::nullopt;
  auto s = signature_of(res, 0);
  const std::string what = "consent_signatures row " + std::to_string(id);
  s.shown = read_shown_copy(res.text(0, 20), what);
  s.pdf = bytes_of_base64(res.text(0, 21), what);
  return s;
}

bool PgTransaction::countersign_consent(std::int64_t id, const std::string& by, const std::string& role,
                                        const std::string& at, const std::string& pdf, const std::string& pdf_sha256) {
  return c_.exec(
               "UPDATE consent_signatures SET witness_by = $2, witness_role = $3, witnessed_at = $4, pdf = $5, "
               "pdf_sha256 = $6 WHERE id = $1 AND witnessed_at = ''",
               Params().integer(id).text(by).text(role).text(at).text(base64_of(pdf)).text(pdf_sha256))
             .affected() > 0;
}

bool PgTransaction::withdraw_consent(std::int64_t id, const std::string& by, const std::string& at,
                                     const std::string& reason) {
  return c_.exec(
               "UPDATE consent_signatures SET withdrawn_by = $2, withdrawn_at = $3, withdrawal_reason = $4 WHERE "
               "id = $1 AND withdrawn_at = ''",
               Params().integer(id).text(by).text(at).text(reason))
             .affected() > 0;
}

}  // namespace rp::store::postgres
