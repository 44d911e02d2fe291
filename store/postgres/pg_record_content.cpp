// Records as the audit log vouches for them (store/record_content.hpp), on PostgreSQL.
// The records a transaction changed are noted by the write operations themselves
// (PgTransaction::note_change), and each record's content hash is computed exactly as the
// SQLite adapter computes it: the same statements, each value tagged with the SQLite
// storage type its column holds (integers 'i', reals 'r', text 't', NULL 'n'), so a
// record hashes the same on either engine and `audit verify` reads both alike.
#include <sodium.h>

#include <charconv>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <stdexcept>

#include "store/postgres/pg_store.hpp"
#include "store/product_content.hpp"
#include "store/record_content.hpp"

namespace rp::store::postgres {
namespace {

// Content v1: every column named (store/sqlite/sqlite_record_content.cpp has the same
// lists). Each kind's main statement names the record's centre second.
struct RecordKind {
  const char* kind;
  const char* table;
  const char* sql;
};
constexpr RecordKind kKinds[] = {
    {"patient", "patients",
     "SELECT id, centre_id, mrn, name_fa, name_latin, sex, birth_date, mobile, national_id, consent_treatment, "
     "consent_registry, consent_contact, created_at FROM patients WHERE id = $1"},
    {"episode", "episodes",
     "SELECT id, centre_id, patient_id, protocol_id, side, diagnosis_system, diagnosis_code, kl_grade, tonnis_grade, "
     "cell_source, guidance, state, bilateral_with, repeat_of, harvest_date, injection_date, created_at, updated_at "
     "FROM episodes WHERE id = $1"},
    {"adverse_event", "adverse_events",
     "SELECT id, centre_id, episode_id, kind, category, severity, description, onset_date, reported_by, role, "
     "reported_at, status, acknowledged_by, acknowledged_at, ctcae_grade, serious, serious_reasons, relatedness, "
     "outcome, red_flag_id, triage, triage_reason, assessed_by, assessed_at FROM adverse_events WHERE id = $1"},
    {"questionnaire_response", "questionnaire_responses",
     "SELECT id, centre_id, episode_id, instrument, item_id, answers_json, scores_json, source, submitted_by, "
     "submitted_at, idempotency_key FROM questionnaire_responses WHERE id = $1"},
    {"product", "products", kProductRowSql},
};

const RecordKind& record_kind(const std::string& kind) {
  for (const RecordKind& k : kKinds) {
    if (kind == k.kind) return k;
  }
  throw std::invalid_argument("not a kind of record: " + kind);
}

struct EpisodePart {
  const char* table;
  const char* sql;
};
constexpr EpisodePart kEpisodeParts[] = {
    {"episode_transitions",
     "SELECT id, from_state, to_state, reason, actor, role, at, on_date FROM episode_transitions "
     "WHERE episode_id = $1 ORDER BY id"},
    {"schedule_items",
     "SELECT item_id, kind, anchor, offset_text, start_date, end_date, window_start, window_end, status, done_on "
     "FROM schedule_items WHERE episode_id = $1 ORDER BY item_id"},
    {"eligibility_assessments",
     "SELECT id, findings_json, decision, reasons_json, actor, at FROM eligibility_assessments "
     "WHERE episode_id = $1 ORDER BY id"},
};

// Columns added to the episodes row after content v1, each hashed only when set, as
// sqlite_record_content.cpp does.
constexpr EpisodePart kEpisodeLaterFields[] = {
    {"injected_by", "SELECT injected_by FROM episodes WHERE id = $1 AND injected_by IS NOT NULL"},
};
constexpr EpisodePart kPatientLaterFields[] = {
    {"language", "SELECT language FROM patients WHERE id = $1 AND language <> 'fa'"},
    {"email", "SELECT email FROM patients WHERE id = $1 AND email <> ''"},
    {"preferred_channel", "SELECT preferred_channel FROM patients WHERE id = $1 AND preferred_channel <> 'sms'"},
};

// The shared statements (store/product_content.hpp) mark the record's id '?': here $1.
std::string numbered(const char* sql) {
  std::string out;
  for (const char* c = sql; *c; ++c) {
    if (*c == '?')
      out += "$1";
    else
      out += *c;
  }
  return out;
}

// pg_type oids of the column types the schema uses.
constexpr unsigned kInt8 = 20, kInt2 = 21, kInt4 = 23, kFloat4 = 700, kFloat8 = 701;

class ContentHash {
 public:
  ContentHash() {
    if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
    crypto_generichash_init(&st_, nullptr, 0, 32);
  }
  void tagged(char tag, std::string_view bytes) {
    char head[24];
    head[0] = tag;
    char* end = std::to_chars(head + 1, head + sizeof head - 1, bytes.size()).ptr;
    *end++ = ':';
    crypto_generichash_update(&st_, reinterpret_cast<const unsigned char*>(head), static_cast<std::size_t>(end - head));
    crypto_generichash_update(&st_, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
  }
  void row(const Result& r, int i) {
    tagged('R', {});
    for (int col = 0; col < r.columns(); ++col) column(r, i, col);
  }
  void table(std::string_view name, const Result& r) {
    tagged('T', name);
    for (int i = 0; i < r.rows(); ++i) row(r, i);
  }
  std::string hex() {
    unsigned char out[32];
    crypto_generichash_final(&st_, out, sizeof out);
    char text[65];
    sodium_bin2hex(text, sizeof text, out, sizeof out);
    return text;
  }

 private:
  void column(const Result& r, int i, int col) {
    if (r.null(i, col)) {
      tagged('n', {});
      return;
    }
    const unsigned type = r.type(col);
    if (type == kInt8 || type == kInt4 || type == kInt2) {
      tagged('i', r.view(i, col));  // PostgreSQL's text of an integer is SQLite's
    } else if (type == kFloat8 || type == kFloat4) {
      char text[40];
      const int len = std::snprintf(text, sizeof text, "%.17g", r.number(i, col));
      tagged('r', std::string_view(text, static_cast<std::size_t>(len)));
    } else {
      tagged('t', r.view(i, col));
    }
  }
  crypto_generichash_state st_;
};

}  // namespace

std::string PgTransaction::take_changed_content() {
  if (changed_.empty()) return {};
  std::vector<RecordHash> records;
  for (const auto& [kind, id] : changed_) {
    const auto now = record_content(kind, id);
    records.push_back({kind, id, now ? now->hash : kAbsentRecordHash});
  }
  changed_.clear();
  return format_content(std::move(records));
}

std::optional<RecordContent> PgTransaction::record_content(const std::string& kind, std::int64_t id) {
  const RecordKind& k = record_kind(kind);
  auto main = c_.exec(numbered(k.sql), Params().integer(id));
  if (main.rows() == 0) return std::nullopt;
  ContentHash h;
  h.tagged('K', "regenpath record v1");
  h.tagged('K', kind);
  h.tagged('T', k.table);
  h.row(main, 0);
  RecordContent out;
  out.centre_id = main.text(0, 1);
  const auto later_fields = [&](const auto& fields) {
    for (const EpisodePart& field : fields) {
      const auto r = c_.exec(field.sql, Params().integer(id));
      if (r.rows() == 0) continue;
      h.tagged('F', field.table);
      h.row(r, 0);
    }
  };
  if (kind == "patient") later_fields(kPatientLaterFields);
  if (kind == "episode") {
    for (const EpisodePart& part : kEpisodeParts) h.table(part.table, c_.exec(part.sql, Params().integer(id)));
    later_fields(kEpisodeLaterFields);
  }
  if (kind == "product") {
    // A part with no rows adds nothing (store/product_content.hpp).
    for (const ProductPart& part : kProductParts) {
      const auto r = c_.exec(numbered(part.sql), Params().integer(id));
      if (r.rows() > 0) h.table(part.name, r);
    }
  }
  out.hash = h.hex();
  return out;
}

std::vector<std::int64_t> PgTransaction::record_ids(const std::string& kind) {
  const std::string sql = std::string("SELECT id FROM ") + record_kind(kind).table + " ORDER BY id";
  auto r = c_.exec(sql);
  std::vector<std::int64_t> out;
  out.reserve(static_cast<std::size_t>(r.rows()));
  for (int i = 0; i < r.rows(); ++i) out.push_back(r.int64(i, 0));
  return out;
}

std::int64_t PgTransaction::first_id_with_content(const std::string& kind) {
  auto r = c_.exec("SELECT first_id FROM audit_content_start WHERE kind = $1", Params().text(kind));
  return r.rows() > 0 ? r.int64(0, 0) : 1;
}

}  // namespace rp::store::postgres
