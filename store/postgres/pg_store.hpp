#pragma once
// The PostgreSQL store (store::open_postgres): a small pool of libpq connections, each
// with its prepared statements; writes one at a time across every server on the database
// (see PgStore::write), reads in read-only snapshots.
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "store/postgres/pg_connection.hpp"
#include "store/store.hpp"

namespace rp::store::postgres {

// How a PostgreSQL store is set up, from the --db URL's own parameters (pg_store.cpp):
// postgresql://host/db?pool_size=8&pool_wait_ms=10000 (libpq never sees these two).
struct PgOptions {
  std::string conninfo;                        // the URL as libpq takes it
  int pool_size = 8;                           // connections at most
  std::chrono::milliseconds pool_wait{10000};  // how long a caller waits for a free one
};
PgOptions parse_url(const std::string& url);

// The schedule_items columns item_id, kind, anchor, offset_text, start_date, end_date,
// window_start, window_end, status, done_on of row `row`, from column `first` on.
ScheduledItem read_scheduled_item(const Result& r, int row, int first);

// The patients columns a Patient is read from (read_patient, pg_transaction.cpp).
inline constexpr const char* kPatientColumns =
    "id, centre_id, mrn, name_fa, name_latin, sex, birth_date, mobile, national_id, consent_treatment, "
    "consent_registry, consent_contact, language, email, preferred_channel";
Patient read_patient(const Result& r, int i);

// pg_patient_search.cpp: the statement list_patients runs for `q` and its parameters (the
// plan test runs EXPLAIN on the same), and migration 0018's own step: the folded names of
// every patient already registered.
const std::string& patient_search_sql(const PatientQuery& q);
Params patient_search_params(const PatientQuery& q);
void fill_search_names(Connection& c);

class PgTransaction final : public Transaction {
 public:
  explicit PgTransaction(Connection& c) : c_(c) {}

  // set_config('regenpath.centre', ..., true): the row-level security of migration 0017.
  void limit_to(const CentreScope& scope) override;

  void upsert_centre(const Centre& c) override;
  std::optional<Centre> find_centre(const std::string& id) override;
  std::vector<Centre> list_centres() override;
  std::int64_t insert_patient(const Patient& p, const std::string& now) override;
  std::optional<Patient> find_patient(std::int64_t id) override;
  void update_patient(const Patient& p) override;
  std::vector<Patient> list_patients(const PatientQuery& q) override;
  std::vector<Patient> patients_with_national_id(const std::string& national_id) override;
  std::vector<std::string> centres_with_national_id(const std::string& national_id) override;
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
  // pg_audit.cpp
  std::vector<AuditRow> audit_rows(std::int64_t after_seq, int limit) override;
  std::optional<AuditRow> last_audit_row() override;
  std::vector<AuditRow> audit_rows_about_patient(std::int64_t patient_id) override;
  std::vector<AuditRow> audit_search(const AuditQuery& q) override;
  // pg_record_content.cpp
  std::vector<std::int64_t> record_ids(const std::string& kind) override;
  std::optional<RecordContent> record_content(const std::string& kind, std::int64_t id) override;
  std::int64_t first_id_with_content(const std::string& kind) override;
  // pg_access.cpp
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
  // pg_sign_in.cpp
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
  // pg_submissions.cpp
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
  // pg_outcomes.cpp
  OutcomeColumns outcome_columns(const std::string& protocol_id, const std::vector<std::string>& time_points,
                                 const ConsentScope& consent) override;
  OutcomeColumns scan_outcome_columns(const std::string& protocol_id, const std::vector<std::string>& time_points,
                                      const ConsentScope& consent) override;
  std::size_t refresh_outcome_rows_up_to(std::size_t marks) override;
  std::size_t read_marked_joints(std::size_t marks) override;
  // pg_worklist.cpp
  std::vector<WorklistOpenItemRow> worklist_holds(const WorklistItemsQuery& q) override;
  std::int64_t worklist_holds_count(const WorklistItemsQuery& q) override;
  std::vector<WorklistRedFlagRow> worklist_red_flags(const std::string& centre_id) override;
  std::vector<WorklistProductRow> worklist_awaiting_release(const std::string& centre_id, int limit) override;
  std::vector<WorklistQcPendingRow> worklist_qc_pending(const std::string& centre_id, int limit) override;
  std::vector<WorklistRefusalRow> worklist_bedside_refusals(const std::string& centre_id, const std::string& since,
                                                            int limit) override;
  std::vector<WorklistCodeGuessRow> worklist_code_guesses(const std::string& centre_id, const std::string& since,
                                                          int min_wrong) override;
  // pg_worklist_items.cpp
  std::vector<WorklistOpenItemRow> worklist_open_items(const WorklistItemsQuery& q) override;
  std::int64_t worklist_open_count(const WorklistItemsQuery& q) override;
  std::vector<WorklistOpenItemRow> worklist_window_closed(const WorklistItemsQuery& q) override;
  std::int64_t worklist_window_closed_count(const WorklistItemsQuery& q) override;
  std::vector<WorklistClosedRow> worklist_closed_missed(const WorklistItemsQuery& q) override;
  // One part of the day's items counted (store/worklist_parts.hpp).
  std::int64_t open_part_count(const WorklistItemsQuery& q, int part, bool from_cursor);
  std::int64_t insert_schedule_closure(const ScheduleClosureRow& r) override;
  std::vector<ScheduleClosureRow> schedule_closures(std::int64_t episode_id, const std::string& item_id) override;

  // The records (kind, id) this transaction changed since its last audit row: every write
  // above notes what it changed (the SQLite adapter's triggers, done in code).
  void note_change(const char* kind, std::int64_t id) { changed_.emplace(kind, id); }

 private:
  // The content field for the records changed since the last audit row (and forgets them).
  std::string take_changed_content();
  Connection& c_;
  std::set<std::pair<std::string, std::int64_t>> changed_;
};

// Connections at most PgOptions::pool_size; a caller waits up to pool_wait for one to
// come back, then gets a PgError "pool exhausted" (SQLSTATE 53300, too many connections).
class Pool {
 public:
  explicit Pool(PgOptions options) : options_(std::move(options)) {}
  class Lease {
   public:
    Lease(Pool& pool, std::unique_ptr<Connection> c) : pool_(pool), c_(std::move(c)) {}
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    ~Lease() { pool_.give_back(std::move(c_)); }
    Connection& operator*() { return *c_; }
    Connection* operator->() { return c_.get(); }

   private:
    Pool& pool_;
    std::unique_ptr<Connection> c_;
  };
  Lease acquire();
  const PgOptions& options() const { return options_; }

 private:
  void give_back(std::unique_ptr<Connection> c);
  PgOptions options_;
  std::mutex mutex_;
  std::condition_variable freed_;
  std::vector<std::unique_ptr<Connection>> idle_;
  int open_ = 0;
};

// pg_generation.cpp: statement triggers that note a change and NOTIFY rp_data (installed
// by migrate() on a current schema), and the connection that listens for them.
bool change_notices_installed(Connection& c);
void install_change_notices(Connection& c);

// pg_score_check.cpp: responses whose typed score rows are not those of their scores_json.
std::int64_t responses_whose_scores_disagree(Connection& c);

class GenerationListener {
 public:
  GenerationListener(std::string conninfo, std::atomic<std::uint64_t>& generation);
  ~GenerationListener();
  GenerationListener(const GenerationListener&) = delete;
  GenerationListener& operator=(const GenerationListener&) = delete;
  bool healthy() const { return healthy_; }

 private:
  void listen();
  void run();
  std::string conninfo_;
  std::atomic<std::uint64_t>& generation_;
  std::unique_ptr<Connection> conn_;  // used by the thread alone once it runs
  std::atomic<bool> stop_{false}, healthy_{false};
  std::thread thread_;
};

class PgStore final : public Store {
 public:
  using Store::read;  // the scoped forms (CentreScope)
  using Store::snapshot;
  using Store::write;
  using Store::write_then;
  PgStore(PgOptions options, OpenMode mode);
  void write(const std::function<void(Transaction&)>& fn) override;
  void read(const std::function<void(Transaction&)>& fn) override;
  // A REPEATABLE READ READ ONLY transaction on a connection of the snapshot pool, which
  // only heavy reads use: however long they read, the pool the writes and record reads
  // share keeps its connections.
  void snapshot(const std::function<void(Transaction&)>& fn) override;
  // Group commit: one transaction and one commit, a savepoint per function.
  std::vector<std::exception_ptr> write_batch(
      const std::vector<const std::function<void(Transaction&)>*>& fns) override;
  // Moves on every committed change but audit rows, by any server or program (nullopt
  // while the change notices are not installed or their listener is not connected).
  std::optional<std::uint64_t> data_generation() override;
  int schema_version() override;
  int migrate() override;
  std::string integrity_check() override;
  void probe_write() override;
  // pg_table_copy.cpp
  TableRows dump_table(const std::string& table) override;
  void load_tables(const std::vector<TableRows>& tables) override;
  // pg_work_lock.cpp: an advisory lock held by a connection of its own.
  std::optional<WorkLock> try_work_lock(std::string_view name) override;
  // How many times a write was run again after a serialization failure or deadlock.
  int retries() const { return retries_; }

 private:
  // reach_disk: take a transaction id even if fn writes nothing, so that the commit
  // writes and flushes a WAL record (probe_write).
  void in_transaction(bool writing, const std::function<void(Transaction&)>& fn, bool reach_disk = false,
                      Pool* pool = nullptr);
  // BEGIN (and the writer lock), body, COMMIT; run again after a deadlock or serialization
  // failure, rolled back on any other error. On a connection of `pool` (null: pool_).
  void transact(bool writing, bool reach_disk, const std::function<void(Connection&)>& body, Pool* pool = nullptr);
  int schema_version(Connection& c);
  Pool pool_;
  Pool snapshots_;  // as large as pool_, opened as heavy reads need them
  bool scratch_ = false;
  std::atomic<int> retries_{0};
  std::atomic<std::uint64_t> generation_{0};
  std::unique_ptr<GenerationListener> listener_;  // declared last: stopped first
};

}  // namespace rp::store::postgres
