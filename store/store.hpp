#pragma once
// The Store interface: fine-grained operations on the clinic's data, grouped in
// transactions. SQLite is the embedded default; a PostgreSQL adapter implements the same
// interface. Services never see SQL.
#include <cstdint>
#include <exception>
#include <functional>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "domain/centre.hpp"
#include "domain/consent/document.hpp"
#include "domain/consent/signing.hpp"
#include "domain/cost/payments.hpp"
#include "domain/cost/price_list.hpp"
#include "domain/education/page.hpp"
#include "domain/episode.hpp"
#include "domain/evidence/evidence.hpp"
#include "domain/imaging/imaging.hpp"
#include "domain/patient.hpp"
#include "domain/rating/rating.hpp"
#include "domain/schedule.hpp"
#include "store/access_records.hpp"
#include "store/bulk_export_records.hpp"
#include "store/calendar_feed_records.hpp"
#include "store/fhir_link_records.hpp"
#include "store/message_records.hpp"
#include "store/outcome_columns.hpp"
#include "store/product_records.hpp"
#include "store/pseudonym_records.hpp"
#include "store/sheet_export_records.hpp"
#include "store/submission_records.hpp"
#include "store/table_copy.hpp"
#include "store/work_lock.hpp"
#include "store/worklist_records.hpp"

namespace rp::store {

struct AuditEntry {
  std::string at;  // UTC instant, ISO 8601
  std::string actor, role, centre_id;
  std::string action;  // patient.create, episode.transition, patient.read, ...
  std::string entity;  // patient, episode, ...
  std::string entity_id;
  std::string detail;  // never identifying data
  // The patients a list read showed (a search, the worklist), as ids: "3,5,9" (format_shown
  // in store/audit_chain.hpp), so the log answers who saw a patient. Empty for other rows.
  std::string shown;
};

struct AuditRow : AuditEntry {
  std::int64_t seq = 0;
  std::string prev_hash, hash;
  // The records the row's transaction wrote, each with the hash of its content after the
  // write (store/record_content.hpp). Set by the store, never by a use case; empty for
  // reads and for rows written before migration 0008.
  std::string content;
};

// A record the audit log vouches for, with its content hash now and its centre.
struct RecordContent {
  std::string hash;
  std::string centre_id;
};

// The audit viewer's question: rows newest first, each filter optional. Instants are UTC
// ISO 8601 text (as the rows carry them), `from` inclusive and `to` exclusive.
struct AuditQuery {
  std::optional<std::string> centre_id;    // unset: every centre (operator only)
  std::optional<std::int64_t> patient_id;  // rows naming or showing the patient (audit_rows_about_patient)
  std::string actor;                       // a username; empty: anyone
  std::string from, to;                    // empty: unbounded
  std::optional<std::int64_t> before_seq;  // paging: rows older than this one
  int limit = 100;
};

struct PatientQuery {
  std::optional<std::string> centre_id;       // unset: every centre (operator only)
  std::string text;                           // matches either name, record number, national id or mobile
  bool by_identifiers = true;                 // false: the text never matches a national id or mobile
  std::optional<EpisodeState> episode_state;  // patients with an episode in this state
  int limit = 50;
  std::int64_t after = 0;  // the next page: patients with a greater id (results are in id order)
};

// Whose rows a transaction may read and write: one centre's (its staff, its patients) or
// every centre's (the operator, the registry's de-identified reads, system work). On
// PostgreSQL the adapter sets it per transaction (the setting regenpath.centre, SET LOCAL
// semantics) and row-level security (migration 0017) holds every query to it, so a check
// the service misses still cannot return another centre's row. SQLite ignores it: there
// the service's own checks are the only wall.
class CentreScope {
 public:
  // One centre's rows. A centre id of "*" or "" names no centre: no rows.
  static CentreScope of_centre(const std::string& centre_id) {
    return CentreScope(centre_id == kEvery ? std::string() : centre_id);
  }
  static CentreScope every_centre() { return CentreScope(kEvery); }
  bool every() const { return setting_ == kEvery; }
  // The value of regenpath.centre: a centre id, or "*" for every centre.
  const std::string& setting() const { return setting_; }

 private:
  static constexpr const char* kEvery = "*";
  explicit CentreScope(std::string setting) : setting_(std::move(setting)) {}
  std::string setting_;
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

  // Holds the rest of the transaction to one scope (Store::read and write with a scope
  // call it first). PostgreSQL sets regenpath.centre; engines without row-level security
  // do nothing.
  virtual void limit_to(const CentreScope&) {}

  virtual void upsert_centre(const Centre& c) = 0;
  virtual std::optional<Centre> find_centre(const std::string& id) = 0;
  virtual std::vector<Centre> list_centres() = 0;

  virtual std::int64_t insert_patient(const Patient& p, const std::string& now) = 0;
  virtual std::optional<Patient> find_patient(std::int64_t id) = 0;
  // Every field but the id and the centre, which never change. ConflictError (mrn) when
  // the record number is taken at the centre.
  virtual void update_patient(const Patient& p) = 0;
  virtual std::vector<Patient> list_patients(const PatientQuery& q) = 0;
  // Every patient with this national id, at any centre the transaction's scope reaches
  // (index patients_by_national_id).
  virtual std::vector<Patient> patients_with_national_id(const std::string& national_id) = 0;
  // The centres where a patient with this national id is registered, whatever the scope:
  // a registration names the other centres (never their records).
  virtual std::vector<std::string> centres_with_national_id(const std::string& national_id) {
    std::vector<std::string> out;
    for (const Patient& p : patients_with_national_id(national_id)) out.push_back(p.centre_id);
    return out;
  }

  virtual std::int64_t insert_episode(const Episode& e, const std::string& now) = 0;
  virtual void update_episode(const Episode& e, const std::string& now) = 0;
  virtual std::optional<Episode> find_episode(std::int64_t id) = 0;
  virtual std::vector<Episode> episodes_of_patient(std::int64_t patient_id) = 0;

  virtual void insert_transition(const Transition& t) = 0;
  virtual std::vector<Transition> transitions_of(std::int64_t episode_id) = 0;

  virtual void replace_schedule(std::int64_t episode_id, const std::vector<ScheduledItem>& items) = 0;
  virtual std::vector<ScheduledItem> schedule_of(std::int64_t episode_id) = 0;
  // One item, for a write that changes only it (a submission completing its time point).
  virtual std::optional<ScheduledItem> schedule_item(std::int64_t episode_id, const std::string& item_id) = 0;
  // Writes one item's status and done date; NotFoundError when the episode has no such item.
  virtual void update_schedule_item_status(std::int64_t episode_id, const ScheduledItem& item) = 0;

  virtual std::int64_t insert_eligibility(const EligibilityRecord& r) = 0;
  virtual std::vector<EligibilityRecord> eligibility_of(std::int64_t episode_id) = 0;

  // Appends to the hash chain: reads the last hash and writes the new row. The row's
  // content names every record (store/record_content.hpp) this transaction changed since
  // its previous audit row, with the record's content hash now.
  virtual void append_audit(const AuditEntry& e) = 0;
  // Appends several rows in order; an engine may read the chain's last hash once for all.
  virtual void append_audits(const std::vector<AuditEntry>& entries) {
    for (const auto& e : entries) append_audit(e);
  }
  virtual std::vector<AuditRow> audit_rows(std::int64_t after_seq, int limit) = 0;
  // The chain's head: its last row, if any.
  virtual std::optional<AuditRow> last_audit_row() = 0;
  // Every row that named the patient, one of their episodes or adverse events, or showed
  // them in a list, oldest first.
  virtual std::vector<AuditRow> audit_rows_about_patient(std::int64_t patient_id) = 0;
  // The rows an audit query matches, newest first, at most q.limit of them.
  virtual std::vector<AuditRow> audit_search(const AuditQuery& q) = 0;
  // Records as the audit log vouches for them (store/record_content.hpp): the ids of one
  // kind ("patient", "episode"), one record's content hash now (nullopt: no such record),
  // and the first id created under migration 0008, from which every record must have
  // been written with an audit row that carries its content.
  virtual std::vector<std::int64_t> record_ids(const std::string& kind) = 0;
  virtual std::optional<RecordContent> record_content(const std::string& kind, std::int64_t id) = 0;
  virtual std::int64_t first_id_with_content(const std::string& kind) = 0;

  // Sign-in (0002_accounts.sql). Usernames are unique: ConflictError("username").
  virtual std::int64_t insert_account(const AccountRow& a) = 0;
  virtual std::optional<AccountRow> find_account(std::int64_t id) = 0;
  virtual std::optional<AccountRow> find_account_by_username(const std::string& username) = 0;
  virtual std::vector<AccountRow> list_accounts(const std::optional<std::string>& centre_id) = 0;
  // Writes password_hash, failed_logins, role and disabled.
  virtual void update_account(const AccountRow& a) = 0;
  // Adds one to failed_logins of the account with this username, if there is one: the
  // same statement whether or not there is, so a failure costs the same for both.
  virtual void count_failed_login(const std::string& username) = 0;
  virtual void insert_session(const SessionRow& s) = 0;
  virtual std::optional<SessionRow> find_session(const std::string& token_hash) = 0;
  virtual void delete_session(const std::string& token_hash) = 0;
  virtual void delete_sessions_of_account(std::int64_t account_id) = 0;
  virtual void insert_access_token(const AccessTokenRow& t) = 0;
  virtual std::optional<AccessTokenRow> find_access_token(const std::string& token_hash) = 0;
  // Writes used_at and attempts.
  virtual void update_access_token(const AccessTokenRow& t) = 0;
  // Sign-in delays and patients' codes (0009_sign_in_limits.sql).
  virtual std::optional<SignInDelayRow> find_sign_in_delay(const std::string& key) = 0;
  virtual void put_sign_in_delay(const SignInDelayRow& r) = 0;  // inserts or replaces
  virtual void delete_sign_in_delay(const std::string& key) = 0;
  // Forgets the delays whose last failure is before `before`.
  virtual void prune_sign_in_delays(const std::string& before) = 0;
  virtual std::optional<LoginCodeRow> find_login_code(const std::string& mobile) = 0;
  virtual std::optional<LoginCodeRow> find_login_code_by_choice(const std::string& choice_hash) = 0;
  // Inserts, or replaces the number's code: one per mobile number.
  virtual void put_login_code(const LoginCodeRow& r) = 0;
  // Deletes codes that expired, and whose choice expired, before `before`.
  virtual void prune_login_codes(const std::string& before) = 0;
  virtual void insert_code_event(const CodeEventRow& e) = 0;
  virtual CodeEventCount count_code_events(const CodeEventQuery& q) = 0;
  virtual void prune_code_events(const std::string& before) = 0;
  virtual std::optional<IdempotencyRow> find_idempotency(const std::string& actor, const std::string& key) = 0;
  virtual void insert_idempotency(const IdempotencyRow& r) = 0;

  // Submissions (0003_submissions.sql).
  virtual std::int64_t insert_questionnaire_response(const QuestionnaireResponseRow& r) = 0;
  virtual std::optional<QuestionnaireResponseRow> find_response_by_key(const std::string& submitted_by,
                                                                       const std::string& idempotency_key) = 0;
  virtual std::vector<QuestionnaireResponseRow> responses_of(std::int64_t episode_id) = 0;
  // The instruments answered for one schedule item of an episode, each once.
  virtual std::vector<std::string> instruments_answered(std::int64_t episode_id, const std::string& item_id) = 0;
  // Loaded questionnaire wordings (0012_instrument_wordings.sql). ConflictError("version")
  // when the instrument already has that version.
  virtual std::int64_t insert_instrument_wording(const InstrumentWordingRow& r) = 0;
  // The latest loaded wording of each instrument that has one.
  virtual std::vector<InstrumentWordingRow> latest_instrument_wordings() = 0;
  virtual std::int64_t insert_adverse_event(const AdverseEventRow& r) = 0;
  virtual std::optional<AdverseEventRow> find_adverse_event(std::int64_t id) = 0;
  virtual std::vector<AdverseEventRow> adverse_events_of(std::int64_t episode_id) = 0;
  // Open red flags, oldest first; every centre when centre_id is unset.
  virtual std::vector<AdverseEventRow> open_red_flags(const std::optional<std::string>& centre_id) = 0;
  // Writes every field that may change after the report: status, acknowledgement, the
  // assessment with `serious`, the triage and who assessed it. NotFoundError for no row.
  virtual void update_adverse_event(const AdverseEventRow& r) = 0;
  // De-identified aggregates: episodes per centre and state; adverse events per centre
  // and by what a clinician decided of them: adverse_event:serious | not_serious |
  // not_assessed, red_flag:untriaged | adverse_event | not_adverse_event (never the
  // patient's severity word, which decides nothing). Registry figures: only patients who
  // consent to the registry count; each row also says how many distinct patients it covers.
  virtual std::vector<CountRow> episode_state_counts() = 0;
  virtual std::vector<CountRow> adverse_event_counts() = 0;

  // The registry as columns for the outcome report, one pass per table
  // (store/outcome_columns.hpp); PROM columns for the questionnaire items `time_points`
  // (schedule item ids), in that order.
  // Only episodes of `protocol_id`: a knee protocol's patients never count in a hip
  // protocol's figures (nor its conversions to hip replacement in theirs).
  // `consent`: whose joints count (store/outcome_columns.hpp ConsentScope).
  // Read from the derived rows of migration 0019 (store/outcome_rows.hpp): stored rows,
  // and rows computed from the source tables for the joints marked stale since.
  virtual OutcomeColumns outcome_columns(const std::string& protocol_id, const std::vector<std::string>& time_points,
                                         const ConsentScope& consent = ConsentScope::everyone()) = 0;
  // The same columns read from the source tables alone, every table scanned: the
  // reference the derived rows are checked against (tests, `db check`).
  virtual OutcomeColumns scan_outcome_columns(const std::string& protocol_id,
                                              const std::vector<std::string>& time_points,
                                              const ConsentScope& consent = ConsentScope::everyone()) = 0;
  // Recomputes and stores the derived rows of the joints marked stale (in scope), and
  // clears their marks: a write as short as the changes since the last one. Returns the
  // joints recomputed.
  std::size_t refresh_outcome_rows() { return refresh_outcome_rows_up_to(std::numeric_limits<std::size_t>::max()); }
  // The same for the joints of at most `marks` of the marks, the lowest episode ids first
  // (a joint marked through two episodes may take two), so that one write stays short
  // while other writes wait for it: the server refreshes a batch per write.
  virtual std::size_t refresh_outcome_rows_up_to(std::size_t marks) = 0;
  // Reads the source rows of the joints of the same `marks` marks and stores nothing: run
  // in a snapshot just before that write, it brings their pages into memory, so that the
  // write then holds the writer for the computation alone (a joint whose pages are on disk
  // takes several milliseconds more). Returns the marks read: 0 when none is left.
  virtual std::size_t read_marked_joints(std::size_t marks) = 0;

  // The staff worklist of one centre (store/worklist_records.hpp), one query each.
  // Drug holds still planned that start from q.today to q.upcoming_until, by start date,
  // one page (q.limit, q.offset; q.kind unused), and how many there are: a centre of
  // tens of thousands of patients starts hundreds in a week.
  virtual std::vector<WorklistOpenItemRow> worklist_holds(const WorklistItemsQuery& q) = 0;
  virtual std::int64_t worklist_holds_count(const WorklistItemsQuery& q) = 0;
  // Red flags not yet triaged: open ones first, then those acknowledged, newest first in each.
  virtual std::vector<WorklistRedFlagRow> worklist_red_flags(const std::string& centre_id) = 0;
  // The centre's cell products in the lab, not yet released (received to awaiting release,
  // quarantined), the soonest to expire first; at most `limit`.
  virtual std::vector<WorklistProductRow> worklist_awaiting_release(const std::string& centre_id, int limit) = 0;
  // The centre's products, not discarded nor expired, with a QC result still pending, by
  // id; at most `limit` (0027's partial index holds only them).
  virtual std::vector<WorklistQcPendingRow> worklist_qc_pending(const std::string& centre_id, int limit) = 0;
  // Bedside checks of the centre's products that refused them since `since` (a UTC
  // instant), the latest first; at most `limit` (0023's partial index keeps it to them).
  virtual std::vector<WorklistRefusalRow> worklist_bedside_refusals(const std::string& centre_id,
                                                                    const std::string& since, int limit) = 0;
  // Patients of the centre whose mobile number got at least `min_wrong` wrong sign-in
  // codes since `since`, the most recently guessed first.
  virtual std::vector<WorklistCodeGuessRow> worklist_code_guesses(const std::string& centre_id,
                                                                  const std::string& since, int min_wrong) = 0;
  // The day's items (sqlite_worklist_items.cpp): due today, then overdue (the window
  // closing soonest first), then those whose window is open or that are due by
  // q.upcoming_until, by date; each with its count.
  virtual std::vector<WorklistOpenItemRow> worklist_open_items(const WorklistItemsQuery& q) = 0;
  virtual std::int64_t worklist_open_count(const WorklistItemsQuery& q) = 0;
  // Items whose window closed before q.today, still planned: the latest closed first.
  virtual std::vector<WorklistOpenItemRow> worklist_window_closed(const WorklistItemsQuery& q) = 0;
  virtual std::int64_t worklist_window_closed_count(const WorklistItemsQuery& q) = 0;
  // Items now missed that were closed from the worklist, the latest closure first
  // (q.today, q.upcoming_until unused).
  virtual std::vector<WorklistClosedRow> worklist_closed_missed(const WorklistItemsQuery& q) = 0;
  virtual std::int64_t insert_schedule_closure(const ScheduleClosureRow& r) = 0;
  // One item's decisions, oldest first.
  virtual std::vector<ScheduleClosureRow> schedule_closures(std::int64_t episode_id, const std::string& item_id) = 0;

  // The de-identified export's pseudonyms (store/pseudonym_records.hpp): every one of a
  // kind ("patient", "episode"), and a new one, written unless the record already has
  // one or the pseudonym is taken (false then, and nothing written).
  virtual std::vector<PseudonymRow> pseudonyms(const std::string& kind) = 0;
  virtual bool insert_pseudonym(const PseudonymRow& r) = 0;

  // A FHIR import's links (0046_fhir_links.sql, store/fhir_link_records.hpp): the record a
  // resource of a sending system became when it was read before, and a new link (written
  // once: ConflictError("resource") when the resource is linked already).
  virtual std::optional<FhirLinkRow> find_fhir_link(const std::string& source, const std::string& resource) = 0;
  virtual void insert_fhir_link(const FhirLinkRow& r) = 0;
  // The links whose records are a patient's: the patient and its consents, its episodes
  // (their conditions, plans, procedures and visits), answers and adverse events, by source
  // and resource; what the export's Provenance names.
  virtual std::vector<FhirLinkRow> fhir_links_of_patient(std::int64_t patient_id) = 0;

  // Cell products and their chain of custody (0021_products.sql, store/product_records.hpp).
  // ConflictError("din") when another product has the DIN; NotFoundError for no product.
  virtual std::int64_t insert_product(const product::Product& p, const std::string& now) = 0;
  virtual void update_product(const product::Product& p, const std::string& now) = 0;
  virtual std::optional<product::Product> find_product(std::int64_t id) = 0;
  virtual std::optional<product::Product> find_product_by_din(const std::string& din) = 0;
  // Products by id, at most q.limit of them.
  virtual std::vector<product::Product> list_products(const ProductQuery& q) = 0;
  // The highest sequence number among DINs that begin with `facility_year` (7 characters),
  // 0 when there is none: the next DIN of a facility takes the one after.
  virtual std::int64_t last_din_sequence(const std::string& facility_year) = 0;
  virtual std::int64_t insert_product_event(const ProductEventRow& e) = 0;
  // The product's custody chain, oldest first.
  virtual std::vector<ProductEventRow> product_events(std::int64_t product_id) = 0;
  // Its storage temperature readings, oldest first, and its culture passages by n
  // (0025_product_storage.sql); the passages are replaced as one list.
  virtual std::int64_t insert_product_reading(const product::StorageReading& r) = 0;
  virtual std::vector<product::StorageReading> product_readings(std::int64_t product_id) = 0;
  virtual void replace_product_passages(std::int64_t product_id, const std::vector<product::Passage>& passages) = 0;
  virtual std::vector<product::Passage> product_passages(std::int64_t product_id) = 0;

  // Private calendar feeds (0026_calendar_feeds.sql, store/calendar_feed_records.hpp).
  // ConflictError("patient_id") when the patient already has a live feed: revoke it first.
  virtual std::int64_t insert_calendar_feed(const CalendarFeedRow& r) = 0;
  // The feed with this token hash, live or revoked.
  virtual std::optional<CalendarFeedRow> find_calendar_feed(const std::string& token_hash) = 0;
  // The patient's live feed, if any.
  virtual std::optional<CalendarFeedRow> live_calendar_feed(std::int64_t patient_id) = 0;
  // Sets revoked_by and revoked_at of a live feed; false when it was not live.
  virtual bool revoke_calendar_feed(std::int64_t id, const std::string& by, const std::string& at) = 0;

  // Price lists (0034_price_lists.sql, domain/cost/price_list.hpp).
  // Inserts a version with its lines: its id. A list's first version (series_id 0) gets
  // its own id as series_id.
  virtual std::int64_t insert_price_list(const cost::PriceList& list) = 0;
  // Marks a version replaced by a later one; false when it already was.
  virtual bool supersede_price_list(std::int64_t id, const std::string& at) = 0;
  virtual std::optional<cost::PriceList> find_price_list(std::int64_t id) = 0;
  // The centre's lists by first year then version: the current versions only, or every
  // version ever written.
  virtual std::vector<cost::PriceList> price_lists_of(const std::string& centre_id, bool with_superseded) = 0;

  // FHIR Bulk Data exports (0048_bulk_exports.sql, 0050, store/bulk_export_records.hpp).
  virtual void insert_bulk_export(const BulkExportRow& r) = 0;
  virtual std::optional<BulkExportRow> find_bulk_export(const std::string& id) = 0;
  // Writes the export's state, progress, error, updated_at and finished_at.
  virtual void update_bulk_export(const BulkExportRow& r) = 0;
  virtual void insert_bulk_export_file(const BulkExportFileRow& f) = 0;
  // The export's files in order, without their content.
  virtual std::vector<BulkExportFileRow> bulk_export_files(const std::string& export_id) = 0;
  virtual std::optional<std::string> bulk_export_file_content(const std::string& export_id, int n) = 0;
  // The export and its files.
  virtual void delete_bulk_export(const std::string& id) = 0;
  // The export's files only (its read began again: they are written anew).
  virtual void delete_bulk_export_files(const std::string& id) = 0;
  // The ids of the exports begun before `created_before`; the centre's running exports of
  // its records; the registry exports running that `requested_by` asked for.
  virtual std::vector<std::string> bulk_exports_begun_before(const std::string& created_before) = 0;
  virtual std::vector<BulkExportRow> running_bulk_exports(const std::string& centre_id) = 0;
  virtual std::vector<BulkExportRow> running_registry_exports(const std::string& requested_by) = 0;

  // Spreadsheet exports (0049_sheet_exports.sql, store/sheet_export_records.hpp).
  virtual void insert_sheet_export(const SheetExportRow& r) = 0;
  virtual std::optional<SheetExportRow> find_sheet_export(const std::string& id) = 0;
  // Writes the export's state, progress, error, summary, updated_at and finished_at.
  virtual void update_sheet_export(const SheetExportRow& r) = 0;
  // A user's exports, the latest first.
  virtual std::vector<SheetExportRow> sheet_exports_of(const std::string& requested_by) = 0;
  virtual void insert_sheet_export_file(const SheetExportFileRow& f) = 0;
  virtual std::vector<SheetExportFileRow> sheet_export_files(const std::string& export_id) = 0;
  // One part of a file's bytes (binary: an XLSX part is a piece of a zip).
  virtual void insert_sheet_export_part(const std::string& export_id, int n, int part, const std::string& bytes) = 0;
  virtual std::optional<std::string> sheet_export_part(const std::string& export_id, int n, int part) = 0;
  // The export, its files and their parts.
  virtual void delete_sheet_export(const std::string& id) = 0;
  virtual std::vector<std::string> sheet_exports_begun_before(const std::string& created_before) = 0;

  // Imaging (0047_imaging.sql, domain/imaging/imaging.hpp): which archive patient a
  // patient is, and the radiographic grades read on an episode's studies.
  virtual std::optional<imaging::ArchiveLink> imaging_link(std::int64_t patient_id) = 0;
  // Writes the patient's link, a new one or over the one before.
  virtual void save_imaging_link(const imaging::ArchiveLink& link) = 0;
  // The episode's grades by study date, then id.
  virtual std::vector<imaging::RadiographicGrade> radiographic_grades(std::int64_t episode_id) = 0;
  // Writes the grade of the episode's study, a new one or over the study's grade before:
  // its id.
  virtual std::int64_t save_radiographic_grade(const imaging::RadiographicGrade& g) = 0;

  // Ratings (0036_ratings.sql, domain/rating/rating.hpp).
  // Writes the episode's rating, a new one or over the one before: its id.
  virtual std::int64_t save_rating(const rating::Rating& r) = 0;
  virtual std::optional<rating::Rating> rating_of_episode(std::int64_t episode_id) = 0;
  virtual std::optional<rating::Rating> find_rating(std::int64_t id) = 0;
  // The centre's ratings, the latest changed first; only those whose comment waits for
  // moderation when `pending_only`.
  virtual std::vector<rating::Rating> ratings_of_centre(const std::string& centre_id, bool pending_only) = 0;
  // The satisfaction questionnaire's score (1-5) of each of the centre's episodes that
  // answered it, its latest answer.
  virtual std::vector<int> latest_satisfaction_of_centre(const std::string& centre_id) = 0;

  // Payment plans and payments (0038_payment_plans.sql, domain/cost/payments.hpp).
  // Writes the episode's plan with its instalments, over the one before (whose
  // instalments it replaces): its id.
  virtual std::int64_t save_payment_plan(const cost::PaymentPlan& plan) = 0;
  virtual std::optional<cost::PaymentPlan> payment_plan_of_episode(std::int64_t episode_id) = 0;
  virtual std::int64_t insert_payment(const cost::Payment& payment, const std::string& centre_id) = 0;
  // The plan's payments, in the order recorded, the reversed ones too.
  virtual std::vector<cost::Payment> payments_of_plan(std::int64_t plan_id) = 0;
  // Marks the plan's payment reversed (0040_payment_reversals.sql) by `by` at `at` for
  // `reason`: false when the plan has no such payment still counting.
  virtual bool reverse_payment(std::int64_t plan_id, std::int64_t payment_id, const std::string& by,
                               const std::string& at, const std::string& reason) = 0;
  // The centre's plans with more fallen due before `day` than was paid in all (payments
  // settle the oldest first, so these are the plans with something overdue), by id, at
  // most `limit`.
  virtual std::vector<cost::PaymentPlan> plans_overdue_on(const std::string& centre_id, const CivilDate& day,
                                                          int limit) = 0;

  // A centre's consent documents (0043_consent_documents.sql, domain/consent/document.hpp):
  // writes a version (a new row for id 0, else the draft's row over itself), its id; every
  // version of the centre's documents (of one protocol, when given), by protocol, kind
  // and version.
  virtual std::int64_t save_consent_document(const consent::Document& document) = 0;
  virtual std::vector<consent::Document> consent_documents(const std::string& centre_id,
                                                           const std::optional<std::string>& protocol) = 0;

  // Signed consents (0044_consent_signatures.sql, domain/consent/signing.hpp): a new
  // signature, its id; a patient's, by id, without their copy and PDF (a list); one by id
  // whole (none: no such row); a countersignature (with the PDF redrawn with the witness
  // on it) and a withdrawal written on a row that had none (false: it had one already).
  virtual std::int64_t add_consent_signature(const consent::SignedConsent& signature) = 0;
  virtual std::vector<consent::SignedConsent> consent_signatures_of(std::int64_t patient_id) = 0;
  virtual std::optional<consent::SignedConsent> consent_signature(std::int64_t id) = 0;
  virtual bool countersign_consent(std::int64_t id, const std::string& by, const std::string& role,
                                   const std::string& at, const std::string& pdf, const std::string& pdf_sha256) = 0;
  virtual bool withdraw_consent(std::int64_t id, const std::string& by, const std::string& at,
                                const std::string& reason) = 0;

  // The published evidence beside the claims (0041_evidence.sql, domain/evidence/evidence.hpp):
  // writes the entry over the one of its id; the entries of a protocol (every protocol's
  // without one), the withdrawn too, by id.
  virtual void save_evidence(const evidence::Entry& entry) = 0;
  virtual std::vector<evidence::Entry> evidence_entries(const std::optional<std::string>& protocol) = 0;

  // Education pages (0037_education_pages.sql, domain/education/page.hpp).
  // Writes a version: a new row (id 0) or the draft's row over itself; its id.
  virtual std::int64_t save_education_page(const education::Page& page) = 0;
  // The centre's pages, every version, by slug then version; only the page `slug`'s when given.
  virtual std::vector<education::Page> education_pages(const std::string& centre_id,
                                                       const std::optional<std::string>& slug) = 0;

  // The patient outbox (0028_messages.sql, store/message_records.hpp).
  // Inserts a message unless one with its dedupe key exists: its id, or nullopt (and
  // nothing written) when the key is taken, so that planning a message twice is harmless.
  virtual std::optional<std::int64_t> insert_message(const MessageRow& m) = 0;
  virtual std::optional<MessageRow> find_message(std::int64_t id) = 0;
  // The message a provider's id names (a delivery report), the latest if several do.
  virtual std::optional<MessageRow> find_message_by_provider_id(const std::string& provider_id) = 0;
  // A patient's messages by due instant, then id, at most `limit`.
  virtual std::vector<MessageRow> messages_of_patient(std::int64_t patient_id, int limit) = 0;
  // The next page: the patient's messages after message `after` in that order (none when
  // `after` is no message).
  virtual std::vector<MessageRow> messages_of_patient_after(std::int64_t patient_id, std::int64_t after, int limit) = 0;
  // An episode's messages by due instant, then id: what a re-plan compares against.
  virtual std::vector<MessageRow> messages_of_episode(std::int64_t episode_id) = 0;
  // Pending messages due by `now` whose next try (if any) is due by then too, by due
  // instant then id, at most `limit` (the partial index messages_pending_due).
  virtual std::vector<MessageRow> due_messages(const std::string& now, int limit) = 0;
  // A centre's messages that need a person: failed for good, or `unknown` (sending ended
  // without a result), the latest due first, at most `limit` (0030's partial index).
  virtual std::vector<MessageRow> messages_for_a_person(const std::string& centre_id, int limit) = 0;
  // How many there are, however many a page shows (the same index).
  virtual int count_messages_for_a_person(const std::string& centre_id) = 0;
  // Messages left `sending` whose claim is at or before `claimed_by` (a crash between
  // claim and send), at most `limit`.
  virtual std::vector<MessageRow> stuck_sending(const std::string& claimed_by, int limit) = 0;
  // pending -> sending with claimed_at = now, only if it is still pending: false when
  // another pass claimed it or a person cancelled it first.
  virtual bool claim_message(std::int64_t id, const std::string& now) = 0;
  // Writes every field that changes after the insert: state, attempts, next_attempt_at,
  // provider_id, body, due_at, claimed_at, sent_at, delivered_at, cancelled_by,
  // cancel_reason, last_detail, language, to_address, channel, subject (a pending message
  // follows its patient's language, address and channel). NotFoundError for no such message.
  virtual void update_message(const MessageRow& m) = 0;
  virtual std::int64_t insert_message_attempt(const MessageAttemptRow& a) = 0;
  // A message's attempts and reports, oldest first.
  virtual std::vector<MessageAttemptRow> message_attempts(std::int64_t message_id) = 0;
  // How many of a patient's messages were claimed for sending in [from, to) (UTC
  // instants), whatever became of them: the per-day cap. An on-call clinician's alert about
  // the patient (template red_flag_on_call) is not one of them.
  virtual int messages_sent_between(std::int64_t patient_id, const std::string& from, const std::string& to) = 0;
  // Episodes still on the pathway (not ineligible, completed, converted, withdrawn nor
  // lost) with id above `after_id`, by id, at most `limit` (index episodes_on_pathway).
  virtual std::vector<PathwayEpisodeRow> pathway_episodes(std::int64_t after_id, int limit) = 0;
  // As pathway_episodes, of only the episodes marked for a re-plan (migration 0032: a
  // change to the episode, its schedule, its patient or its centre marks it).
  virtual std::vector<PathwayEpisodeRow> episodes_to_replan(std::int64_t after_id, int limit) = 0;
  // Clears the re-plan marks of episodes with id in (after_id, through_id]: the scheduler,
  // in the write that planned every such episode still on the pathway.
  virtual void clear_replan_marks(std::int64_t after_id, std::int64_t through_id) = 0;
};

class Store {
 public:
  virtual ~Store() = default;
  // Runs fn in one transaction and returns once it is durably committed; an exception
  // from fn rolls everything back and propagates.
  virtual void write(const std::function<void(Transaction&)>& fn) = 0;
  // A read-only snapshot.
  virtual void read(const std::function<void(Transaction&)>& fn) = 0;
  // The same, held to one centre's rows (CentreScope). The plain forms above reach every
  // centre: system work, the operator, the registry's de-identified figures.
  void write(const CentreScope& scope, const std::function<void(Transaction&)>& fn) {
    write([&](Transaction& tx) {
      tx.limit_to(scope);
      fn(tx);
    });
  }
  void read(const CentreScope& scope, const std::function<void(Transaction&)>& fn) {
    read([&](Transaction& tx) {
      tx.limit_to(scope);
      fn(tx);
    });
  }
  // A heavy read (the outcome report, the registry's summary and exports): a read-only
  // snapshot on a connection of its own, so that it runs beside the writes and the record
  // reads rather than holding them up for as long as it reads (SQLite in WAL mode lets
  // readers run beside the writer; PostgreSQL gives it a pool of its own). No write
  // inside. Engines with a single connection run it as read().
  virtual void snapshot(const std::function<void(Transaction&)>& fn) { read(fn); }
  void snapshot(const CentreScope& scope, const std::function<void(Transaction&)>& fn) {
    snapshot([&](Transaction& tx) {
      tx.limit_to(scope);
      fn(tx);
    });
  }
  // Group commit: runs each function in its own savepoint of one transaction and commits
  // once, so concurrent writers share one fsync. A function that throws rolls back only
  // its own work; result i holds its exception (null on success). This default runs one
  // write() per function, for engines without savepoints.
  virtual std::vector<std::exception_ptr> write_batch(
      const std::vector<const std::function<void(Transaction&)>*>& fns) {
    std::vector<std::exception_ptr> out(fns.size());
    for (std::size_t i = 0; i < fns.size(); ++i) {
      try {
        write(*fns[i]);
      } catch (...) {
        out[i] = std::current_exception();
      }
    }
    return out;
  }
  // write(fn), then `then` with fn's exception (null on success) once it is durable; the
  // caller's thread need not wait. Engines without a committer thread run both here.
  virtual void write_then(std::function<void(Transaction&)> fn, std::function<void(std::exception_ptr)> then) {
    std::exception_ptr error;
    try {
      write(fn);
    } catch (...) {
      error = std::current_exception();
    }
    then(error);
  }
  // Appends one audit row and calls `then` once it is durable, like write_then. The
  // record reads' rows: a group-committing store appends all those queued for a batch in
  // one step, without a savepoint each (appending fails only if the commit does).
  virtual void audit_then(AuditEntry entry, std::function<void(std::exception_ptr)> then) {
    write_then([entry = std::move(entry)](Transaction& tx) { tx.append_audit(entry); }, std::move(then));
  }
  void write_then(const CentreScope& scope, std::function<void(Transaction&)> fn,
                  std::function<void(std::exception_ptr)> then) {
    write_then(
        [scope, fn = std::move(fn)](Transaction& tx) {
          tx.limit_to(scope);
          fn(tx);
        },
        std::move(then));
  }
  // A number that changes whenever committed records other than the audit log may have
  // changed, here or through another connection; the audit row of a record read leaves it
  // as it is. Caches of rendered records key on it; nullopt (engines that do not track it)
  // means "do not cache".
  virtual std::optional<std::uint64_t> data_generation() { return std::nullopt; }
  virtual int schema_version() = 0;
  // Applies the migrations the database lacks; returns how many.
  virtual int migrate() = 0;
  // Engine integrity check ("ok" or the problems found).
  virtual std::string integrity_check() = 0;
  // Whether the disk takes writes again after a full disk: throws StorageFullError while
  // it has too little room (an engine may ask for a margin of free space, so that a small
  // write squeezing into space a failed one left does not count as recovery), else
  // commits a write that changes no record but reaches the disk like any other, and
  // throws what that write throws.
  virtual void probe_write() = 0;
  // Bulk copy between stores (store/copy.hpp). Every row of one table of
  // copied_tables(), in its order; engines that cannot throw std::logic_error.
  virtual TableRows dump_table(const std::string& table);
  // Inserts the tables' rows, ids kept, in one write transaction, then moves the id
  // sequences past them. Throws TargetNotEmpty and writes nothing when any table but
  // those a migration fills already has a row.
  virtual void load_tables(const std::vector<TableRows>& tables);
  // Background work done by one server at a time (store/work_lock.hpp): the lock named
  // `name` ("audit_anchoring") when no other server or process on this database holds it,
  // else nullopt, without waiting. This default always grants it: one process per database
  // (SQLite's file, which a second server does not share).
  virtual std::optional<WorkLock> try_work_lock(std::string_view name);
};

enum class OpenMode {
  create_or_migrate,    // `db init` and tests: create the file, apply pending migrations
  existing_no_migrate,  // for `db check`: open as is, never change the schema
  // For `serve` and the commands that read or write records: the schema must be the one
  // this binary knows, else ConflictError (schema_not_current) naming `db migrate`; a
  // database with no schema yet (a new file) is created at the latest version.
  current_schema,
  // As create_or_migrate, but commits do not wait for the disk (synchronous = OFF): only
  // for a database rebuilt from nothing on every start, like the demo's.
  scratch,
  // As current_schema, for a program writing millions of rows into a database no server
  // uses yet (bench/scale's generator): commits do not wait for the disk, and SQLite keeps
  // 256 MB of pages in memory, so the indexes' inner pages are not read again per row.
  bulk_load,
};

// Opens (or creates) an SQLite database file: WAL, foreign keys on, full sync.
// Refuses a schema newer than this binary knows.
std::unique_ptr<Store> open_sqlite(const std::string& path, OpenMode mode = OpenMode::create_or_migrate);

// Opens a PostgreSQL database by its URL (postgresql://user@host:port/db, libpq's form;
// pool_size and pool_wait_ms parameters set the connection pool). The database must exist;
// its schema is created and migrated as open_sqlite does (store/postgres/).
std::unique_ptr<Store> open_postgres(const std::string& url, OpenMode mode = OpenMode::create_or_migrate);

// The store a --db value names: postgresql://... or postgres://... for PostgreSQL,
// sqlite:FILE or a plain FILE for SQLite (store/open/open_store.cpp).
std::unique_ptr<Store> open_store(const std::string& db, OpenMode mode = OpenMode::create_or_migrate);
// REGENPATH_DB when it is set and not empty, else `fallback` (what --db names by default).
std::string db_from_environment(const std::string& fallback);

// The schema version this binary brings (the highest migration).
int latest_schema_version();

}  // namespace rp::store
