#pragma once
#include <SQLiteCpp/SQLiteCpp.h>

#include <atomic>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "store/store.hpp"

namespace rp::store::sqlite {

// A nullable text column.
inline std::optional<std::string> optional_text(const SQLite::Column& c) {
  if (c.isNull()) return std::nullopt;
  return c.getString();
}

// A nullable date column, stored as Gregorian YYYY-MM-DD.
inline std::optional<CivilDate> opt_date(const SQLite::Column& c) {
  return c.isNull() ? std::nullopt : std::optional<CivilDate>(parse_gregorian(c.getString()));
}

// One connection with its prepared statements, kept across transactions because
// preparing costs more than running most of these statements.
class Connection {
 public:
  // read_only: a snapshot reader (sqlite_snapshot.cpp), which leaves the file's settings
  // (WAL, synchronous) to the writing connection.
  explicit Connection(const std::string& path, bool create, bool read_only = false);
  SQLite::Database& db() { return db_; }
  // A prepared statement for this SQL text, reset and with no bindings.
  SQLite::Statement& statement(const char* sql);
  // Rows inserted, updated or deleted on this connection, audit rows and the outcome
  // report's derived rows left out: when a transaction leaves this unchanged it changed no
  // record (sqlite_generation.cpp).
  std::int64_t record_changes();
  std::int64_t audit_rows_appended = 0;
  // By refresh_outcome_rows, and the exports' own rows (not_a_record below).
  std::int64_t derived_rows_written = 0;
  // Runs `write`, its rows counted as no record's: the exports' state and files, written
  // part by part while one is made, must not empty every cache (sqlite_generation.cpp).
  template <class Write>
  void not_a_record(Write&& write) {
    const std::int64_t before = total_changes();
    write();
    derived_rows_written += total_changes() - before;
  }
  std::int64_t total_changes();
  // Resets every statement still stepping (a lookup that read its one row and stopped),
  // called before COMMIT or ROLLBACK. Such a statement would keep the transaction's
  // snapshot open after it ends; once another process commits, the next BEGIN IMMEDIATE
  // on that stale snapshot fails at once with "database is locked" (sqlite_statements.cpp).
  void finish_statements();
  // sqlite_record_content.cpp: temporary triggers that note each record a transaction
  // changes, once the schema is current; and forgetting the notes at a transaction's (or a
  // batched request's) start, so that a change without an audit row is not vouched for
  // by the next request's row.
  void track_record_changes();
  void forget_changed_records();
  bool tracking_changes() const { return tracking_changes_; }

 private:
  SQLite::Database db_;
  bool tracking_changes_ = false;
  std::map<const char*, std::unique_ptr<SQLite::Statement>> cache_;
};

// The patients columns a Patient is read from, in read_patient's order.
inline constexpr const char* kPatientColumns =
    "id, centre_id, mrn, name_fa, name_latin, sex, birth_date, mobile, national_id, consent_treatment, "
    "consent_registry, consent_contact, language, email, preferred_channel";

// sqlite_patient_search.cpp: the statement list_patients runs for `q` (one of a few fixed
// texts, so that the connection prepares each once), and its parameters bound from `q`.
// The plan test runs EXPLAIN QUERY PLAN on the same text.
const char* patient_search_sql(const PatientQuery& q);
void bind_patient_search(SQLite::Statement& st, const PatientQuery& q);
// Migration 0018's own step: the folded names of every patient already registered.
void fill_search_names(SQLite::Database& db);

// The schedule_items columns item_id, kind, anchor, offset_text, start_date, end_date,
// window_start, window_end, status, done_on, read from column `first` on.
ScheduledItem read_scheduled_item(SQLite::Statement& q, int first);

class SqliteTransaction final : public Transaction {
 public:
  explicit SqliteTransaction(Connection& c) : c_(c) {}

  void upsert_centre(const Centre& c) override;
  std::optional<Centre> find_centre(const std::string& id) override;
  std::vector<Centre> list_centres() override;
  std::int64_t insert_patient(const Patient& p, const std::string& now) override;
  std::optional<Patient> find_patient(std::int64_t id) override;
  void update_patient(const Patient& p) override;
  std::vector<Patient> list_patients(const PatientQuery& q) override;
  std::vector<Patient> patients_with_national_id(const std::string& national_id) override;
  std::int64_t insert_episode(const Episode& e, const std::string& now) override;
  void update_episode(const Episode& e, const std::string& now) override;
  std::optional<Episode> find_episode(std::int64_t id) override;
  std::vector<Episode> episodes_of_patient(std::int64_t patient_id) override;
  void insert_transition(const Transition& t) override;
  std::vector<Transition> transitions_of(std::int64_t episode_id) override;
  void replace_schedule(std::int64_t episode_id, const std::vector<ScheduledItem>& items) override;
  std::vector<ScheduledItem> schedule_of(std::int64_t episode_id) override;
  std::optional<ScheduledItem> schedule_item(std::int64_t episode_id, const std::string& item_id) override;
  void update_schedule_item_status(std::int64_t episode_id, const ScheduledItem& item) override;
  std::int64_t insert_eligibility(const EligibilityRecord& r) override;
  std::vector<EligibilityRecord> eligibility_of(std::int64_t episode_id) override;
  void append_audit(const AuditEntry& e) override;
  void append_audits(const std::vector<AuditEntry>& entries) override;
  // sqlite_audit.cpp
  std::vector<AuditRow> audit_rows(std::int64_t after_seq, int limit) override;
  std::optional<AuditRow> last_audit_row() override;
  std::vector<AuditRow> audit_rows_about_patient(std::int64_t patient_id) override;
  std::vector<AuditRow> audit_search(const AuditQuery& q) override;
  // sqlite_record_content.cpp
  std::vector<std::int64_t> record_ids(const std::string& kind) override;
  std::optional<RecordContent> record_content(const std::string& kind, std::int64_t id) override;
  std::int64_t first_id_with_content(const std::string& kind) override;
  // sqlite_access.cpp
  std::int64_t insert_account(const AccountRow& a) override;
  std::optional<AccountRow> find_account(std::int64_t id) override;
  std::optional<AccountRow> find_account_by_username(const std::string& username) override;
  std::vector<AccountRow> list_accounts(const std::optional<std::string>& centre_id) override;
  void update_account(const AccountRow& a) override;
  void count_failed_login(const std::string& username) override;
  void insert_session(const SessionRow& s) override;
  std::optional<SessionRow> find_session(const std::string& token_hash) override;
  void delete_session(const std::string& token_hash) override;
  void delete_sessions_of_account(std::int64_t account_id) override;
  void insert_access_token(const AccessTokenRow& t) override;
  std::optional<AccessTokenRow> find_access_token(const std::string& token_hash) override;
  void update_access_token(const AccessTokenRow& t) override;
  std::optional<IdempotencyRow> find_idempotency(const std::string& actor, const std::string& key) override;
  void insert_idempotency(const IdempotencyRow& r) override;
  // sqlite_sign_in.cpp
  std::optional<SignInDelayRow> find_sign_in_delay(const std::string& key) override;
  void put_sign_in_delay(const SignInDelayRow& r) override;
  void delete_sign_in_delay(const std::string& key) override;
  void prune_sign_in_delays(const std::string& before) override;
  std::optional<LoginCodeRow> find_login_code(const std::string& mobile) override;
  std::optional<LoginCodeRow> find_login_code_by_choice(const std::string& choice_hash) override;
  void put_login_code(const LoginCodeRow& r) override;
  void prune_login_codes(const std::string& before) override;
  void insert_code_event(const CodeEventRow& e) override;
  CodeEventCount count_code_events(const CodeEventQuery& q) override;
  void prune_code_events(const std::string& before) override;
  // sqlite_submissions.cpp
  std::int64_t insert_questionnaire_response(const QuestionnaireResponseRow& r) override;
  std::optional<QuestionnaireResponseRow> find_response_by_key(const std::string& submitted_by,
                                                               const std::string& idempotency_key) override;
  std::vector<QuestionnaireResponseRow> responses_of(std::int64_t episode_id) override;
  std::vector<std::string> instruments_answered(std::int64_t episode_id, const std::string& item_id) override;
  std::int64_t insert_instrument_wording(const InstrumentWordingRow& r) override;
  std::vector<InstrumentWordingRow> latest_instrument_wordings() override;
  std::vector<PseudonymRow> pseudonyms(const std::string& kind) override;
  bool insert_pseudonym(const PseudonymRow& r) override;
  std::optional<FhirLinkRow> find_fhir_link(const std::string& source, const std::string& resource) override;
  void insert_fhir_link(const FhirLinkRow& r) override;
  std::vector<FhirLinkRow> fhir_links_of_patient(std::int64_t patient_id) override;
  std::int64_t insert_product(const product::Product& p, const std::string& now) override;
  void update_product(const product::Product& p, const std::string& now) override;
  std::optional<product::Product> find_product(std::int64_t id) override;
  std::optional<product::Product> find_product_by_din(const std::string& din) override;
  std::vector<product::Product> list_products(const ProductQuery& q) override;
  std::int64_t last_din_sequence(const std::string& facility_year) override;
  std::int64_t insert_product_event(const ProductEventRow& e) override;
  std::vector<ProductEventRow> product_events(std::int64_t product_id) override;
  std::int64_t insert_product_reading(const product::StorageReading& r) override;
  std::vector<product::StorageReading> product_readings(std::int64_t product_id) override;
  void replace_product_passages(std::int64_t product_id, const std::vector<product::Passage>& passages) override;
  std::vector<product::Passage> product_passages(std::int64_t product_id) override;
  std::int64_t insert_calendar_feed(const CalendarFeedRow& r) override;
  std::optional<CalendarFeedRow> find_calendar_feed(const std::string& token_hash) override;
  std::optional<CalendarFeedRow> live_calendar_feed(std::int64_t patient_id) override;
  bool revoke_calendar_feed(std::int64_t id, const std::string& by, const std::string& at) override;
  std::int64_t insert_price_list(const cost::PriceList& list) override;
  bool supersede_price_list(std::int64_t id, const std::string& at) override;
  std::optional<cost::PriceList> find_price_list(std::int64_t id) override;
  std::vector<cost::PriceList> price_lists_of(const std::string& centre_id, bool with_superseded) override;
  void insert_bulk_export(const BulkExportRow& r) override;
  std::optional<BulkExportRow> find_bulk_export(const std::string& id) override;
  void update_bulk_export(const BulkExportRow& r) override;
  void insert_bulk_export_file(const BulkExportFileRow& f) override;
  std::vector<BulkExportFileRow> bulk_export_files(const std::string& export_id) override;
  std::optional<std::string> bulk_export_file_content(const std::string& export_id, int n) override;
  void delete_bulk_export(const std::string& id) override;
  std::vector<std::string> bulk_exports_begun_before(const std::string& created_before) override;
  std::vector<BulkExportRow> running_bulk_exports(const std::string& centre_id) override;
  std::vector<BulkExportRow> running_registry_exports(const std::string& requested_by) override;
  void delete_bulk_export_files(const std::string& id) override;
  void insert_sheet_export(const SheetExportRow& r) override;
  std::optional<SheetExportRow> find_sheet_export(const std::string& id) override;
  void update_sheet_export(const SheetExportRow& r) override;
  std::vector<SheetExportRow> sheet_exports_of(const std::string& requested_by) override;
  void insert_sheet_export_file(const SheetExportFileRow& f) override;
  std::vector<SheetExportFileRow> sheet_export_files(const std::string& export_id) override;
  void insert_sheet_export_part(const std::string& export_id, int n, int part, const std::string& bytes) override;
  std::optional<std::string> sheet_export_part(const std::string& export_id, int n, int part) override;
  void delete_sheet_export(const std::string& id) override;
  std::vector<std::string> sheet_exports_begun_before(const std::string& created_before) override;
  std::optional<imaging::ArchiveLink> imaging_link(std::int64_t patient_id) override;
  void save_imaging_link(const imaging::ArchiveLink& link) override;
  std::vector<imaging::RadiographicGrade> radiographic_grades(std::int64_t episode_id) override;
  std::int64_t save_radiographic_grade(const imaging::RadiographicGrade& g) override;
  std::int64_t save_rating(const rating::Rating& r) override;
  std::optional<rating::Rating> rating_of_episode(std::int64_t episode_id) override;
  std::optional<rating::Rating> find_rating(std::int64_t id) override;
  std::vector<rating::Rating> ratings_of_centre(const std::string& centre_id, bool pending_only) override;
  std::int64_t save_payment_plan(const cost::PaymentPlan& plan) override;
  std::optional<cost::PaymentPlan> payment_plan_of_episode(std::int64_t episode_id) override;
  std::int64_t insert_payment(const cost::Payment& payment, const std::string& centre_id) override;
  std::vector<cost::Payment> payments_of_plan(std::int64_t plan_id) override;
  void save_evidence(const evidence::Entry& entry) override;
  std::int64_t save_consent_document(const consent::Document& document) override;
  std::vector<consent::Document> consent_documents(const std::string& centre_id,
                                                   const std::optional<std::string>& protocol) override;
  std::int64_t add_consent_signature(const consent::SignedConsent& signature) override;
  std::vector<consent::SignedConsent> consent_signatures_of(std::int64_t patient_id) override;
  std::optional<consent::SignedConsent> consent_signature(std::int64_t id) override;
  bool countersign_consent(std::int64_t id, const std::string& by, const std::string& role, const std::string& at,
                           const std::string& pdf, const std::string& pdf_sha256) override;
  bool withdraw_consent(std::int64_t id, const std::string& by, const std::string& at,
                        const std::string& reason) override;
  std::vector<evidence::Entry> evidence_entries(const std::optional<std::string>& protocol) override;
  bool reverse_payment(std::int64_t plan_id, std::int64_t payment_id, const std::string& by, const std::string& at,
                       const std::string& reason) override;
  std::vector<cost::PaymentPlan> plans_overdue_on(const std::string& centre_id, const CivilDate& day,
                                                  int limit) override;
  std::int64_t save_education_page(const education::Page& page) override;
  std::vector<education::Page> education_pages(const std::string& centre_id,
                                               const std::optional<std::string>& slug) override;
  std::vector<int> latest_satisfaction_of_centre(const std::string& centre_id) override;
  std::optional<std::int64_t> insert_message(const MessageRow& m) override;
  std::optional<MessageRow> find_message(std::int64_t id) override;
  std::optional<MessageRow> find_message_by_provider_id(const std::string& provider_id) override;
  std::vector<MessageRow> messages_of_patient(std::int64_t patient_id, int limit) override;
  std::vector<MessageRow> messages_of_patient_after(std::int64_t patient_id, std::int64_t after, int limit) override;
  std::vector<MessageRow> messages_of_episode(std::int64_t episode_id) override;
  std::vector<MessageRow> due_messages(const std::string& now, int limit) override;
  std::vector<MessageRow> messages_for_a_person(const std::string& centre_id, int limit) override;
  int count_messages_for_a_person(const std::string& centre_id) override;
  std::vector<MessageRow> stuck_sending(const std::string& claimed_by, int limit) override;
  bool claim_message(std::int64_t id, const std::string& now) override;
  void update_message(const MessageRow& m) override;
  std::int64_t insert_message_attempt(const MessageAttemptRow& a) override;
  std::vector<MessageAttemptRow> message_attempts(std::int64_t message_id) override;
  int messages_sent_between(std::int64_t patient_id, const std::string& from, const std::string& to) override;
  std::vector<PathwayEpisodeRow> pathway_episodes(std::int64_t after_id, int limit) override;
  std::vector<PathwayEpisodeRow> episodes_to_replan(std::int64_t after_id, int limit) override;
  void clear_replan_marks(std::int64_t after_id, std::int64_t through_id) override;
  std::int64_t insert_adverse_event(const AdverseEventRow& r) override;
  std::optional<AdverseEventRow> find_adverse_event(std::int64_t id) override;
  std::vector<AdverseEventRow> adverse_events_of(std::int64_t episode_id) override;
  std::vector<AdverseEventRow> open_red_flags(const std::optional<std::string>& centre_id) override;
  void update_adverse_event(const AdverseEventRow& r) override;
  std::vector<CountRow> episode_state_counts() override;
  std::vector<CountRow> adverse_event_counts() override;
  // sqlite_outcomes.cpp
  OutcomeColumns outcome_columns(const std::string& protocol_id, const std::vector<std::string>& time_points,
                                 const ConsentScope& consent) override;
  OutcomeColumns scan_outcome_columns(const std::string& protocol_id, const std::vector<std::string>& time_points,
                                      const ConsentScope& consent) override;
  std::size_t refresh_outcome_rows_up_to(std::size_t marks) override;
  std::size_t read_marked_joints(std::size_t marks) override;
  // sqlite_worklist.cpp
  std::vector<WorklistOpenItemRow> worklist_holds(const WorklistItemsQuery& q) override;
  std::int64_t worklist_holds_count(const WorklistItemsQuery& q) override;
  std::vector<WorklistRedFlagRow> worklist_red_flags(const std::string& centre_id) override;
  std::vector<WorklistProductRow> worklist_awaiting_release(const std::string& centre_id, int limit) override;
  std::vector<WorklistQcPendingRow> worklist_qc_pending(const std::string& centre_id, int limit) override;
  std::vector<WorklistRefusalRow> worklist_bedside_refusals(const std::string& centre_id, const std::string& since,
                                                            int limit) override;
  std::vector<WorklistCodeGuessRow> worklist_code_guesses(const std::string& centre_id, const std::string& since,
                                                          int min_wrong) override;
  // sqlite_worklist_items.cpp
  std::vector<WorklistOpenItemRow> worklist_open_items(const WorklistItemsQuery& q) override;
  std::int64_t worklist_open_count(const WorklistItemsQuery& q) override;
  std::vector<WorklistOpenItemRow> worklist_window_closed(const WorklistItemsQuery& q) override;
  std::int64_t worklist_window_closed_count(const WorklistItemsQuery& q) override;
  std::vector<WorklistClosedRow> worklist_closed_missed(const WorklistItemsQuery& q) override;
  // One part of the day's items counted (store/worklist_parts.hpp).
  std::int64_t open_part_count(const WorklistItemsQuery& q, int part, bool from_cursor);
  std::int64_t insert_schedule_closure(const ScheduleClosureRow& r) override;
  std::vector<ScheduleClosureRow> schedule_closures(std::int64_t episode_id, const std::string& item_id) override;

 private:
  // The content field for the records changed since the last audit row (and forgets them).
  std::string take_changed_content();
  Connection& c_;
};

// Marks, for this thread, the transaction a store is running functions in, so that a
// write or read called from inside one is refused (std::logic_error) rather than waiting
// for the lock its own caller holds. Transactions never nest: a use case owns its one
// transaction, its audit row and its idempotency key (sqlite_nesting.cpp).
class RunningTransaction {
 public:
  RunningTransaction(const void* store, Transaction& tx);
  ~RunningTransaction();
  RunningTransaction(const RunningTransaction&) = delete;
  RunningTransaction& operator=(const RunningTransaction&) = delete;
  // The transaction `store` is running on this thread, or null.
  static Transaction* of(const void* store);

 private:
  const void* outer_store_;
  Transaction* outer_tx_;
};

// `error` as a StorageFullError when the disk was full (SQLITE_FULL, or an I/O error from
// ENOSPC or EDQUOT), else `error` itself. Called where the failure is caught, before
// anything else runs on `db` (sqlite_disk_full.cpp).
std::exception_ptr storage_error_or_same(std::exception_ptr error, SQLite::Database& db);
// ROLLBACK unless no transaction is open: after a full disk or an I/O error SQLite may
// have rolled the transaction back itself, and a ROLLBACK then would fail and hide the
// error that matters.
void rollback_if_open(SQLite::Database& db);

class SqliteStore final : public Store {
 public:
  using Store::read;  // the scoped forms (CentreScope), which SQLite ignores
  using Store::snapshot;
  using Store::write;
  using Store::write_then;
  SqliteStore(const std::string& path, OpenMode mode);
  void write(const std::function<void(Transaction&)>& fn) override;
  void read(const std::function<void(Transaction&)>& fn) override;
  // sqlite_snapshot.cpp: a read transaction on a read-only connection of its own (WAL).
  void snapshot(const std::function<void(Transaction&)>& fn) override;
  // sqlite_group_commit.cpp: one BEGIN IMMEDIATE ... COMMIT, a savepoint per function.
  std::vector<std::exception_ptr> write_batch(
      const std::vector<const std::function<void(Transaction&)>*>& fns) override;
  std::optional<std::uint64_t> data_generation() override { return generation_.load(); }
  int schema_version() override;
  int migrate() override { return migrate_up_to(latest_schema_version()); }
  // Applies the migrations the database lacks up to `version` only: for the tests that
  // need the database an older binary left behind (which `serve` must refuse).
  int migrate_up_to(int version);
  std::string integrity_check() override;
  // sqlite_disk_full.cpp
  void probe_write() override;
  // sqlite_table_copy.cpp
  TableRows dump_table(const std::string& table) override;
  void load_tables(const std::vector<TableRows>& tables) override;

 private:
  void in_transaction(const char* begin, const std::function<void(Transaction&)>& fn);
  // sqlite_generation.cpp: called with the mutex held, right after BEGIN, and after COMMIT
  // with the record_changes() taken at BEGIN.
  void note_other_connections();
  void note_commit(std::int64_t record_changes_at_begin);

  // sqlite_snapshot.cpp: a reader connection, idle or newly opened, and its return.
  std::unique_ptr<Connection> take_reader();
  void give_back_reader(std::unique_ptr<Connection> reader);

  std::mutex mutex_;  // one writer at a time; SQLite serialises writers anyway
  Connection conn_;
  // The file snapshot readers open; empty for an in-memory database, which a second
  // connection would not share (snapshots then run as read()).
  std::string reader_path_;
  std::mutex readers_mutex_;
  std::vector<std::unique_ptr<Connection>> idle_readers_;
  std::atomic<std::uint64_t> generation_{0};
  std::int64_t data_version_ = -1;  // PRAGMA data_version last seen; moves on other connections' commits
};

}  // namespace rp::store::sqlite
