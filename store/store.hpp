#pragma once
// The Store interface: fine-grained operations on the clinic's data, grouped in
// transactions. SQLite is the embedded default; a PostgreSQL adapter implements the same
// interface. Services never see SQL.
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "domain/centre.hpp"
#include "domain/episode.hpp"
#include "domain/patient.hpp"
#include "domain/schedule.hpp"

namespace rp::store {

struct AuditEntry {
  std::string at;  // UTC instant, ISO 8601
  std::string actor, role, centre_id;
  std::string action;  // patient.create, episode.transition, patient.read, ...
  std::string entity;  // patient, episode, ...
  std::string entity_id;
  std::string detail;  // never identifying data
};

struct AuditRow : AuditEntry {
  std::int64_t seq = 0;
  std::string prev_hash, hash;
};

struct PatientQuery {
  std::optional<std::string> centre_id;       // unset: every centre (operator only)
  std::string text;                           // matches either name, record number, national id or mobile
  std::optional<EpisodeState> episode_state;  // patients with an episode in this state
  int limit = 200;
};

struct EligibilityRecord {
  std::int64_t id = 0;
  std::int64_t episode_id = 0;
  std::string findings_json, decision, reasons_json, actor, at;
};

// Every operation of one transaction. Conflicts (a duplicate record number) throw
// ConflictError naming the field.
class Transaction {
 public:
  virtual ~Transaction() = default;

  virtual void upsert_centre(const Centre& c) = 0;
  virtual std::optional<Centre> find_centre(const std::string& id) = 0;
  virtual std::vector<Centre> list_centres() = 0;

  virtual std::int64_t insert_patient(const Patient& p, const std::string& now) = 0;
  virtual std::optional<Patient> find_patient(std::int64_t id) = 0;
  virtual std::vector<Patient> list_patients(const PatientQuery& q) = 0;

  virtual std::int64_t insert_episode(const Episode& e, const std::string& now) = 0;
  virtual void update_episode(const Episode& e, const std::string& now) = 0;
  virtual std::optional<Episode> find_episode(std::int64_t id) = 0;
  virtual std::vector<Episode> episodes_of_patient(std::int64_t patient_id) = 0;

  virtual void insert_transition(const Transition& t) = 0;
  virtual std::vector<Transition> transitions_of(std::int64_t episode_id) = 0;

  virtual void replace_schedule(std::int64_t episode_id, const std::vector<ScheduledItem>& items) = 0;
  virtual std::vector<ScheduledItem> schedule_of(std::int64_t episode_id) = 0;

  virtual std::int64_t insert_eligibility(const EligibilityRecord& r) = 0;
  virtual std::vector<EligibilityRecord> eligibility_of(std::int64_t episode_id) = 0;

  // Appends to the hash chain: reads the last hash and writes the new row.
  virtual void append_audit(const AuditEntry& e) = 0;
  virtual std::vector<AuditRow> audit_rows(std::int64_t after_seq, int limit) = 0;
};

class Store {
 public:
  virtual ~Store() = default;
  // Runs fn in one transaction and returns once it is durably committed; an exception
  // from fn rolls everything back and propagates.
  virtual void write(const std::function<void(Transaction&)>& fn) = 0;
  // A read-only snapshot.
  virtual void read(const std::function<void(Transaction&)>& fn) = 0;
  virtual int schema_version() = 0;
  // Applies the migrations the database lacks; returns how many.
  virtual int migrate() = 0;
  // Engine integrity check ("ok" or the problems found).
  virtual std::string integrity_check() = 0;
};

enum class OpenMode {
  create_or_migrate,    // the embedded default: create the file, apply pending migrations
  existing_no_migrate,  // for `db check`: open as is, never change the schema
};

// Opens (or creates) an SQLite database file: WAL, foreign keys on, full sync.
// Refuses a schema newer than this binary knows.
std::unique_ptr<Store> open_sqlite(const std::string& path, OpenMode mode = OpenMode::create_or_migrate);

// The schema version this binary brings (the highest migration).
int latest_schema_version();

}  // namespace rp::store
