// Records as the audit log vouches for them (store/record_content.hpp), on SQLite: which
// records a transaction changed, noted by temporary triggers, and each record's content
// hash, computed the same way when a row is appended and when `audit verify` checks.
#include <sodium.h>
#include <sqlite3.h>

#include <charconv>
#include <cstdio>
#include <map>
#include <stdexcept>

#include "store/product_content.hpp"
#include "store/record_content.hpp"
#include "store/sqlite/sqlite_store.hpp"

namespace rp::store::sqlite {
namespace {

// The tables that hold records, with the kind of record each row belongs to and the
// column naming it. Temporary triggers on this connection only: they note changes made
// through regenpath, which is what the audit rows vouch for; an edit by another program
// leaves no note, and the record's hash then differs from its last row.
struct RecordTable {
  const char* table;
  const char* kind;
  const char* column;
};
constexpr RecordTable kRecordTables[] = {
    {"patients", "patient", "id"},
    {"episodes", "episode", "id"},
    {"episode_transitions", "episode", "episode_id"},
    {"schedule_items", "episode", "episode_id"},
    {"eligibility_assessments", "episode", "episode_id"},
    {"questionnaire_responses", "questionnaire_response", "id"},
    {"adverse_events", "adverse_event", "id"},
    {"products", "product", "id"},
    {"product_events", "product", "product_id"},
    {"product_readings", "product", "product_id"},
    {"product_passages", "product", "product_id"},
};

// Content v1: every column named, so a column a later migration adds changes no v1 hash.
// Each kind's main statement names the record's centre second.
struct RecordKind {
  const char* kind;
  const char* table;
  const char* sql;
};
constexpr RecordKind kKinds[] = {
    {"patient", "patients",
     "SELECT id, centre_id, mrn, name_fa, name_latin, sex, birth_date, mobile, national_id, consent_treatment, "
     "consent_registry, consent_contact, created_at FROM patients WHERE id = ?"},
    {"episode", "episodes",
     "SELECT id, centre_id, patient_id, protocol_id, side, diagnosis_system, diagnosis_code, kl_grade, tonnis_grade, "
     "cell_source, guidance, state, bilateral_with, repeat_of, harvest_date, injection_date, created_at, updated_at "
     "FROM episodes WHERE id = ?"},
    {"adverse_event", "adverse_events",
     "SELECT id, centre_id, episode_id, kind, category, severity, description, onset_date, reported_by, role, "
     "reported_at, status, acknowledged_by, acknowledged_at, ctcae_grade, serious, serious_reasons, relatedness, "
     "outcome, red_flag_id, triage, triage_reason, assessed_by, assessed_at FROM adverse_events WHERE id = ?"},
    {"questionnaire_response", "questionnaire_responses",
     "SELECT id, centre_id, episode_id, instrument, item_id, answers_json, scores_json, source, submitted_by, "
     "submitted_at, idempotency_key FROM questionnaire_responses WHERE id = ?"},
    {"product", "products", kProductRowSql},
};

const RecordKind& record_kind(const std::string& kind) {
  for (const RecordKind& k : kKinds) {
    if (kind == k.kind) return k;
  }
  throw std::invalid_argument("not a kind of record: " + kind);
}

// The rows of an episode's course, each table in its own order.
struct EpisodePart {
  const char* table;
  const char* sql;
};
constexpr EpisodePart kEpisodeParts[] = {
    {"episode_transitions",
     "SELECT id, from_state, to_state, reason, actor, role, at, on_date FROM episode_transitions "
     "WHERE episode_id = ? ORDER BY id"},
    {"schedule_items",
     "SELECT item_id, kind, anchor, offset_text, start_date, end_date, window_start, window_end, status, done_on "
     "FROM schedule_items WHERE episode_id = ? ORDER BY item_id"},
    {"eligibility_assessments",
     "SELECT id, findings_json, decision, reasons_json, actor, at FROM eligibility_assessments "
     "WHERE episode_id = ? ORDER BY id"},
};

// Columns added to the episodes row after content v1, each hashed only when set (a tagged
// 'F' name, then the row): an episode that never had them hashes exactly as before, so
// old audit rows still verify. pg_record_content.cpp has the same list.
constexpr EpisodePart kEpisodeLaterFields[] = {
    {"injected_by", "SELECT injected_by FROM episodes WHERE id = ? AND injected_by IS NOT NULL"},
};
// Columns added to the patients row after content v1, hashed only when they differ from
// the value every earlier patient was given (the same rule as the episode's).
constexpr EpisodePart kPatientLaterFields[] = {
    {"language", "SELECT language FROM patients WHERE id = ? AND language <> 'fa'"},
    {"email", "SELECT email FROM patients WHERE id = ? AND email <> ''"},
    {"preferred_channel", "SELECT preferred_channel FROM patients WHERE id = ? AND preferred_channel <> 'sms'"},
};

// BLAKE2b-256 over a stream of tagged, length-prefixed values: no two different records
// give the same input, whatever their text holds.
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
  // The statement's current row, every column with its storage type: a value stored as
  // text where a number was is a change too.
  void row(SQLite::Statement& q) {
    tagged('R', {});
    for (int i = 0; i < q.getColumnCount(); ++i) column(q.getColumn(i));
  }
  // The table's name, then each of the statement's rows.
  void table(std::string_view name, SQLite::Statement& q) {
    tagged('T', name);
    while (q.executeStep()) row(q);
  }
  // A part of a record hashed only when it has rows (store/product_content.hpp): the
  // part's name, then its rows.
  void part(std::string_view name, SQLite::Statement& q) {
    if (!q.executeStep()) return;
    tagged('T', name);
    do row(q);
    while (q.executeStep());
  }
  std::string hex() {
    unsigned char out[32];
    crypto_generichash_final(&st_, out, sizeof out);
    char text[65];
    sodium_bin2hex(text, sizeof text, out, sizeof out);
    return text;
  }

 private:
  void column(const SQLite::Column& c) {
    switch (c.getType()) {
      case SQLITE_NULL:
        tagged('n', {});
        break;
      case SQLITE_INTEGER: {
        char text[24];
        const auto end = std::to_chars(text, text + sizeof text, c.getInt64()).ptr;
        tagged('i', std::string_view(text, static_cast<std::size_t>(end - text)));
        break;
      }
      case SQLITE_FLOAT: {
        char text[40];
        const int len = std::snprintf(text, sizeof text, "%.17g", c.getDouble());
        tagged('r', std::string_view(text, static_cast<std::size_t>(len)));
        break;
      }
      case SQLITE_BLOB: {
        const auto* p = static_cast<const char*>(c.getBlob());
        const auto size = static_cast<std::size_t>(c.getBytes());  // after the value, as SQLite asks
        tagged('b', std::string_view(p ? p : "", size));
        break;
      }
      default: {
        const char* p = c.getText();
        const auto size = static_cast<std::size_t>(c.getBytes());
        tagged('t', std::string_view(p, size));
      }
    }
  }
  crypto_generichash_state st_;
};

}  // namespace

void Connection::track_record_changes() {
  db_.exec(
      "CREATE TEMP TABLE IF NOT EXISTS rp_changed_records (kind TEXT NOT NULL, id INTEGER NOT NULL, "
      "PRIMARY KEY (kind, id)) WITHOUT ROWID");
  // One trigger per table and event, noting the record each changed row belongs to (for
  // an update, before and after: a row that moved records would change both).
  auto trigger = [this](const RecordTable& t, const char* event, std::initializer_list<const char*> rows) {
    std::string sql = "CREATE TEMP TRIGGER IF NOT EXISTS rp_changed_";
    sql.append(t.table).append("_").append(event).append(" AFTER ").append(event).append(" ON main.");
    sql.append(t.table).append(" BEGIN INSERT OR IGNORE INTO rp_changed_records VALUES ");
    const char* sep = "";
    for (const char* row : rows) {
      sql.append(sep).append("('").append(t.kind).append("', ").append(row).append(".").append(t.column).append(")");
      sep = ", ";
    }
    sql.append("; END");
    db_.exec(sql);
  };
  for (const RecordTable& t : kRecordTables) {
    trigger(t, "INSERT", {"NEW"});
    trigger(t, "UPDATE", {"OLD", "NEW"});
    trigger(t, "DELETE", {"OLD"});
  }
  tracking_changes_ = true;
}

void Connection::forget_changed_records() {
  if (tracking_changes_) statement("DELETE FROM temp.rp_changed_records").exec();
}

std::string SqliteTransaction::take_changed_content() {
  if (!c_.tracking_changes()) return {};
  std::vector<RecordHash> records;
  auto& q = c_.statement("SELECT kind, id FROM temp.rp_changed_records");
  while (q.executeStep()) records.push_back({q.getColumn(0).getString(), q.getColumn(1).getInt64(), {}});
  q.reset();
  if (records.empty()) return {};
  c_.statement("DELETE FROM temp.rp_changed_records").exec();
  for (RecordHash& r : records) {
    const auto now = record_content(r.kind, r.id);
    r.hash = now ? now->hash : kAbsentRecordHash;
  }
  return format_content(std::move(records));
}

std::optional<RecordContent> SqliteTransaction::record_content(const std::string& kind, std::int64_t id) {
  const RecordKind& k = record_kind(kind);
  auto& main = c_.statement(k.sql);
  main.bind(1, static_cast<int64_t>(id));
  if (!main.executeStep()) return std::nullopt;
  ContentHash h;
  h.tagged('K', "regenpath record v1");
  h.tagged('K', kind);
  h.tagged('T', k.table);
  h.row(main);
  RecordContent out;
  out.centre_id = main.getColumn(1).getString();
  main.reset();
  // Columns added after content v1: each a tagged 'F' name and its row, when set.
  const auto later_fields = [&](const auto& fields) {
    for (const EpisodePart& field : fields) {
      auto& q = c_.statement(field.sql);
      q.bind(1, static_cast<int64_t>(id));
      if (q.executeStep()) {
        h.tagged('F', field.table);
        h.row(q);
      }
      q.reset();
    }
  };
  if (kind == "patient") later_fields(kPatientLaterFields);
  if (kind == "episode") {
    for (const EpisodePart& part : kEpisodeParts) {
      auto& q = c_.statement(part.sql);
      q.bind(1, static_cast<int64_t>(id));
      h.table(part.table, q);
    }
    later_fields(kEpisodeLaterFields);
  }
  if (kind == "product") {
    for (const ProductPart& part : kProductParts) {
      auto& q = c_.statement(part.sql);
      q.bind(1, static_cast<int64_t>(id));
      h.part(part.name, q);
      q.reset();
    }
  }
  out.hash = h.hex();
  return out;
}

std::vector<std::int64_t> SqliteTransaction::record_ids(const std::string& kind) {
  // Fixed text per kind (statements are cached by their text's address).
  static const auto sql = [] {
    std::map<std::string, std::string> m;
    for (const RecordKind& k : kKinds) m[k.kind] = std::string("SELECT id FROM ") + k.table + " ORDER BY id";
    return m;
  }();
  auto& q = c_.statement(sql.at(record_kind(kind).kind).c_str());
  std::vector<std::int64_t> out;
  while (q.executeStep()) out.push_back(q.getColumn(0).getInt64());
  return out;
}

std::int64_t SqliteTransaction::first_id_with_content(const std::string& kind) {
  auto& q = c_.statement("SELECT first_id FROM audit_content_start WHERE kind = ?");
  q.bind(1, kind);
  return q.executeStep() ? q.getColumn(0).getInt64() : 1;
}

}  // namespace rp::store::sqlite
