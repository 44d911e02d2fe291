#pragma once
// The staff worklist and the closing of its items as missed, as the API writes them
// (api/routes_worklist.cpp, api/routes_worklist_closing.cpp). Every row names the patient
// and episode in flat fields (WorklistWho's), then what the row is about.
#include <optional>
#include <string>
#include <vector>

#include "api/contract/episodes.hpp"
#include "domain/worklist_rules.hpp"
#include "service/worklist.hpp"
#include "service/worklist_closing.hpp"

namespace rp::api::http {

namespace enum_names {
inline constexpr char kMissedReason[] = "MissedReason";
}  // namespace enum_names

template <>
struct EnumNames<MissedReason> : ParsedEnum<MissedReason, enum_names::kMissedReason, parse_missed_reason> {
  static std::vector<MissedReason> values() {
    using R = MissedReason;
    return {R::patient_unreachable, R::declined, R::moved_away, R::clinical_reason, R::other};
  }
};

}  // namespace rp::api::http

namespace rp::api::contract {

// The patient a row names, the same four fields wherever a list shows one.
struct PatientLabel {
  static constexpr const char* kSchema = "PatientLabel";
  std::int64_t patient_id = 0;
  std::string mrn, name_fa, name_latin;
  template <class V>
  static void fields(V& v) {
    v("patient_id", &PatientLabel::patient_id, "");
    v("mrn", &PatientLabel::mrn, "");
    v("name_fa", &PatientLabel::name_fa, "");
    v("name_latin", &PatientLabel::name_latin, "");
  }
};

// Who a row is about. `mobile` is left out, not blanked, for a role not shown mobiles in
// lists: "not shown" never reads as "none".
struct WorklistWho : PatientLabel {
  static constexpr const char* kSchema = "WorklistWho";
  std::int64_t episode_id = 0;
  Side side = Side::right;
  EpisodeState state = EpisodeState::referred;
  std::optional<std::string> mobile;
  template <class V>
  static void fields(V& v) {
    PatientLabel::fields(v);
    v("episode_id", &WorklistWho::episode_id, "");
    v("side", &WorklistWho::side, "");
    v("state", &WorklistWho::state, "");
    v("mobile", &WorklistWho::mobile, "only for the roles shown mobiles in lists", FieldRule{.omit_when_empty = true});
  }
};

struct WorklistItemOut {
  static constexpr const char* kSchema = "WorklistItem";
  std::string id, kind;
  Texts title;
  std::string due, due_jalali, ends, window_from, window_to;
  TimelineState status = TimelineState::due;
  std::string group, responsible;
  bool needs_prescriber_approval = false;
  template <class V>
  static void fields(V& v) {
    using I = WorklistItemOut;
    v("id", &I::id, "the protocol item's id");
    v("kind", &I::kind, "visit, imaging, questionnaire, order (work-up test) or hold");
    v("title", &I::title, "");
    v("due", &I::due, "the target day, YYYY-MM-DD");
    v("due_jalali", &I::due_jalali, "the target day in the Jalali calendar, YYYY/MM/DD");
    v("ends", &I::ends, "");
    v("window_from", &I::window_from, "");
    v("window_to", &I::window_to, "");
    v("status", &I::status, "where it stands on the worklist's day");
    v("group", &I::group, "today, overdue, upcoming, window_closed or hold");
    v("responsible", &I::responsible, "the role that carries it out");
    v("needs_prescriber_approval", &I::needs_prescriber_approval,
      "a drug hold whose stop the prescriber must approve first");
  }
};

struct WorklistEntryOut : WorklistWho {
  static constexpr const char* kSchema = "WorklistEntry";
  WorklistItemOut item;
  template <class V>
  static void fields(V& v) {
    WorklistWho::fields(v);
    v("item", &WorklistEntryOut::item, "");
  }
};

struct ClosureOut {
  static constexpr const char* kSchema = "WorklistClosure";
  std::int64_t id = 0;
  std::string action, reason, note, by, role, at;
  template <class V>
  static void fields(V& v) {
    v("id", &ClosureOut::id, "");
    v("action", &ClosureOut::action, "closed or reopened");
    v("reason", &ClosureOut::reason, "for closed: patient_unreachable, declined, moved_away, clinical_reason or other");
    v("note", &ClosureOut::note, "");
    v("by", &ClosureOut::by, "the account that decided");
    v("role", &ClosureOut::role, "", FieldRule{.ref = "Role"});
    v("at", &ClosureOut::at, "UTC instant, ISO 8601");
  }
};

struct ClosedItemOut : WorklistEntryOut {
  static constexpr const char* kSchema = "WorklistClosedItem";
  ClosureOut closure;
  template <class V>
  static void fields(V& v) {
    WorklistEntryOut::fields(v);
    v("closure", &ClosedItemOut::closure, "the latest decision on the item");
  }
};

struct WorklistFilterOut {
  static constexpr const char* kSchema = "WorklistFilter";
  std::string kind, patient, responsible;
  std::int64_t limit = 0, offset = 0, closed_offset = 0, holds_offset = 0;
  template <class V>
  static void fields(V& v) {
    v("kind", &WorklistFilterOut::kind, "empty: any");
    v("patient", &WorklistFilterOut::patient, "empty: any");
    v("responsible", &WorklistFilterOut::responsible, "empty: any");
    v("limit", &WorklistFilterOut::limit, "rows per section");
    v("offset", &WorklistFilterOut::offset, "");
    v("closed_offset", &WorklistFilterOut::closed_offset, "");
    v("holds_offset", &WorklistFilterOut::holds_offset, "");
  }
};

struct RedFlagCard {
  static constexpr const char* kSchema = "WorklistRedFlagEvent";
  std::int64_t id = 0;
  std::string category, severity, description, onset, reported_by, reported_at, status, acknowledged_by,
      acknowledged_at, acknowledged_role;
  std::optional<std::string> ack_action;
  std::string ack_note;
  template <class V>
  static void fields(V& v) {
    using F = RedFlagCard;
    v("id", &F::id, "the red flag's event id");
    v("category", &F::category, "");
    v("severity", &F::severity, "the patient's word");
    v("description", &F::description, "");
    v("onset", &F::onset, "YYYY-MM-DD, or empty");
    v("reported_by", &F::reported_by, "");
    v("reported_at", &F::reported_at, "");
    v("status", &F::status, "open or acknowledged (kept on the list until triaged)");
    v("acknowledged_by", &F::acknowledged_by, "");
    v("acknowledged_at", &F::acknowledged_at, "");
    v("acknowledged_role", &F::acknowledged_role, "");
    v("ack_action", &F::ack_action, "called, asked_to_come_in or referred_to_emergency");
    v("ack_note", &F::ack_note, "");
  }
};

struct WorklistRedFlagOut : WorklistWho {
  static constexpr const char* kSchema = "WorklistRedFlag";
  RedFlagCard red_flag;
  template <class V>
  static void fields(V& v) {
    WorklistWho::fields(v);
    v("red_flag", &WorklistRedFlagOut::red_flag, "");
  }
};

struct WorklistProductOut : WorklistWho {
  static constexpr const char* kSchema = "WorklistProduct";
  std::optional<std::string> harvest_date;
  std::optional<std::int64_t> days_since_harvest;
  std::string din, product_state;
  std::optional<std::string> expires_at;
  template <class V>
  static void fields(V& v) {
    WorklistWho::fields(v);
    v("harvest_date", &WorklistProductOut::harvest_date, "YYYY-MM-DD");
    v("days_since_harvest", &WorklistProductOut::days_since_harvest, "");
    v("din", &WorklistProductOut::din, "the product's DIN with its check character (14 characters)");
    v("product_state", &WorklistProductOut::product_state,
      "received, processing, qc_pending, awaiting_release or quarantined (state is the episode's)");
    v("expires_at", &WorklistProductOut::expires_at, "UTC instant; absent when none was set");
  }
};

// A QC result still pending for a product, one per test: what the lab chases.
struct WorklistQcDueOut : WorklistWho {
  static constexpr const char* kSchema = "WorklistQcDue";
  std::string din, product_state, test;
  std::optional<std::string> due, due_jalali;
  bool overdue = false;
  template <class V>
  static void fields(V& v) {
    WorklistWho::fields(v);
    v("din", &WorklistQcDueOut::din, "the product's DIN with its check character; the patient fields are its donor's");
    v("product_state", &WorklistQcDueOut::product_state, "the product's state (released and used included)");
    v("test", &WorklistQcDueOut::test, "sterility, endotoxin or mycoplasma");
    v("due", &WorklistQcDueOut::due, "YYYY-MM-DD the result is expected; absent when no day was given",
      FieldRule{.omit_when_empty = true});
    v("due_jalali", &WorklistQcDueOut::due_jalali, "the same day, YYYY/MM/DD", FieldRule{.omit_when_empty = true});
    v("overdue", &WorklistQcDueOut::overdue, "the day has passed without the result");
  }
};

// A bedside check that refused a product: the alert a nurse or the lab acts on.
struct WorklistRefusalOut : WorklistWho {
  static constexpr const char* kSchema = "WorklistBedsideRefusal";
  std::string din, at, actor, location, scanned, verdict;
  template <class V>
  static void fields(V& v) {
    WorklistWho::fields(v);
    v("din", &WorklistRefusalOut::din,
      "the product's DIN with its check character; the patient fields are its donor's");
    v("at", &WorklistRefusalOut::at, "UTC instant of the check");
    v("actor", &WorklistRefusalOut::actor, "who scanned");
    v("location", &WorklistRefusalOut::location, "where");
    v("scanned", &WorklistRefusalOut::scanned, "what was scanned: the DIN and the wristband");
    v("verdict", &WorklistRefusalOut::verdict, "wrong_patient, not_released, expired, used, failed_qc or quarantined");
  }
};

struct CodeGuessOut : PatientLabel {
  static constexpr const char* kSchema = "WorklistCodeGuess";
  std::int64_t wrong_codes = 0;
  std::string last_wrong_at;
  template <class V>
  static void fields(V& v) {
    PatientLabel::fields(v);
    v("wrong_codes", &CodeGuessOut::wrong_codes, "wrong sign-in codes typed for the patient's number");
    v("last_wrong_at", &CodeGuessOut::last_wrong_at, "UTC instant");
  }
};

// A message that did not reach its patient: on the list until sent again or cancelled.
struct UndeliveredMessageOut : PatientLabel {
  static constexpr const char* kSchema = "WorklistUndeliveredMessage";
  std::int64_t message_id = 0;
  std::optional<std::int64_t> episode_id;
  std::string template_id, item_id, channel, state, due_at;
  std::int64_t attempts = 0;
  std::string last_detail;
  template <class V>
  static void fields(V& v) {
    using M = UndeliveredMessageOut;
    PatientLabel::fields(v);
    v("message_id", &M::message_id, "the message, as the patient's messages list it");
    v("episode_id", &M::episode_id, "the episode whose schedule asked for it; absent for a message of no episode",
      FieldRule{.omit_when_empty = true});
    v("template", &M::template_id, "what kind of message (as PatientMessage.template)");
    v("item_id", &M::item_id, "the schedule item (or questionnaire time point) it is about");
    v("channel", &M::channel, "sms or email (log in rows of earlier releases)");
    v("state", &M::state,
      "failed (every try failed, or the provider refused it) or unknown (sending ended without a result: check with "
      "the provider before sending it again)");
    v("due_at", &M::due_at, "UTC instant it was due");
    v("attempts", &M::attempts, "tries made");
    v("last_detail", &M::last_detail, "what became of the last try");
  }
};

// A payment plan with something overdue: on the list until it is paid.
struct OverduePaymentOut : PatientLabel {
  static constexpr const char* kSchema = "WorklistOverduePayment";
  std::int64_t episode_id = 0, overdue_rials = 0, balance_rials = 0;
  std::string overdue_since;
  template <class V>
  static void fields(V& v) {
    using O = OverduePaymentOut;
    PatientLabel::fields(v);
    v("episode_id", &O::episode_id, "");
    v("overdue_rials", &O::overdue_rials, "due before the day and not paid");
    v("overdue_since", &O::overdue_since, "YYYY-MM-DD the oldest unpaid payment fell due");
    v("balance_rials", &O::balance_rials, "all still to pay");
  }
};

struct WorklistOut {
  static constexpr const char* kSchema = "Worklist";
  std::string date, date_jalali;
  WorklistFilterOut filter;
  std::vector<WorklistEntryOut> items;
  std::int64_t items_total = 0;
  bool items_total_capped = false;
  std::optional<std::string> next;
  std::vector<WorklistEntryOut> window_closed;
  std::int64_t window_closed_total = 0;
  bool window_closed_total_capped = false;
  std::vector<WorklistEntryOut> holds;
  std::int64_t holds_total = 0;
  std::vector<WorklistRedFlagOut> red_flags;
  std::vector<WorklistProductOut> awaiting_release;
  std::vector<WorklistQcDueOut> qc_due;
  std::vector<WorklistRefusalOut> bedside_refusals;
  std::vector<CodeGuessOut> code_guesses;
  std::vector<UndeliveredMessageOut> undelivered_messages;
  std::int64_t undelivered_total = 0;
  std::vector<OverduePaymentOut> overdue_payments;
  template <class V>
  static void fields(V& v) {
    using W = WorklistOut;
    v("date", &W::date, "the worklist's day, YYYY-MM-DD");
    v("date_jalali", &W::date_jalali, "the same day, YYYY/MM/DD");
    v("filter", &W::filter, "the filter applied");
    v("items", &W::items, "due today, then overdue, then upcoming: one page");
    v("items_total", &W::items_total, "items on all pages, counted up to 1000");
    v("items_total_capped", &W::items_total_capped, "true: more than items_total (1000) items are open");
    v("next", &W::next,
      "present when more items follow this page: pass it as `after` for the next page (opaque; it stays right while "
      "rows come and go, as an offset does not)",
      FieldRule{.omit_when_empty = true});
    v("window_closed", &W::window_closed, "still planned with the window closed before the day: one page");
    v("window_closed_total", &W::window_closed_total, "counted up to 1000");
    v("window_closed_total_capped", &W::window_closed_total_capped, "true: more than window_closed_total (1000)");
    v("holds", &W::holds, "drug holds starting within 7 days, by start date: one page");
    v("holds_total", &W::holds_total, "drug holds on all pages");
    v("red_flags", &W::red_flags, "open red flags, newest first");
    v("awaiting_release", &W::awaiting_release,
      "cell products in the lab, not yet released (quarantined included), the soonest to expire first");
    v("qc_due", &W::qc_due,
      "QC results still pending, of released and injected products too, the soonest due first (those without a day "
      "last)");
    v("bedside_refusals", &W::bedside_refusals,
      "bedside checks that refused a product in the last 7 days, latest first");
    v("code_guesses", &W::code_guesses, "patients whose sign-in code is being guessed");
    v("undelivered_messages", &W::undelivered_messages,
      "messages that did not reach their patient (failed or unknown), the latest due first: each waits for a "
      "coordinator to send it again or cancel it; at most 100");
    v("undelivered_total", &W::undelivered_total, "how many messages did not reach their patient, listed or not");
    v("overdue_payments", &W::overdue_payments,
      "payment plans with a payment due before the day and not paid, the oldest plan first (at most 100); for the "
      "roles who record payments (admin, coordinator), empty for the others");
  }
};

struct MissedClosingIn {
  static constexpr const char* kSchema = "MissedClosing";
  MissedReason reason = MissedReason::other;
  std::optional<std::string> note;
  template <class V>
  static void fields(V& v) {
    v("reason", &MissedClosingIn::reason, "patient_unreachable, declined, moved_away, clinical_reason or other",
      FieldRule{.max_bytes = 64});
    v("note", &MissedClosingIn::note, "required with other", FieldRule{.max_bytes = 500});
  }
};

struct ReopenIn {
  static constexpr const char* kSchema = "ReopenRequest";
  std::string reason;
  template <class V>
  static void fields(V& v) {
    v("reason", &ReopenIn::reason, "why the item goes back on the worklist", FieldRule{.max_bytes = 500});
  }
};

struct BulkClosingIn {
  static constexpr const char* kSchema = "BulkMissedClosing";
  CivilDate before;
  MissedReason reason = MissedReason::other;
  std::optional<std::string> note, kind, patient, responsible;
  template <class V>
  static void fields(V& v) {
    using B = BulkClosingIn;
    v("before", &B::before, "required (or before_jalali): the day before which the windows closed, not after today",
      FieldRule{.missing = "closed_before_required"_err});
    v("reason", &B::reason, "", FieldRule{.max_bytes = 64});
    v("note", &B::note, "required with other", FieldRule{.max_bytes = 500});
    v("kind", &B::kind, "only items of this kind, as the worklist's filter");
    v("patient", &B::patient, "only patients whose name or record number contains this text");
    v("responsible", &B::responsible, "only items this role carries out");
  }
};

struct BulkClosedOut {
  static constexpr const char* kSchema = "WorklistBulkClosed";
  std::string before;
  std::int64_t closed = 0;
  std::vector<ClosedItemOut> items;
  template <class V>
  static void fields(V& v) {
    v("before", &BulkClosedOut::before, "YYYY-MM-DD");
    v("closed", &BulkClosedOut::closed, "how many items were closed");
    v("items", &BulkClosedOut::items, "the items closed");
  }
};

WorklistEntryOut worklist_entry_out(const service::WorklistEntry& e);
ClosedItemOut closed_item_out(const service::ClosedItem& c);
std::vector<ClosedItemOut> closed_items_out(const std::vector<service::ClosedItem>& items);
WorklistOut worklist_out(const service::Worklist& w);
service::MissedClosing to_closing(const MissedClosingIn& in);

}  // namespace rp::api::contract
