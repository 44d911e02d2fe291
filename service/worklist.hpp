#pragma once
// The staff worklist for one day at the actor's centre: what is due today or late, what
// is due soon, what came in and waits for a clinician, and apart from those, items whose
// window closed with nothing recorded (to be closed as missed, service/worklist_closing).
// It shows identifying data, so each read leaves one audit row.
#include <optional>
#include <vector>

#include "base/clock.hpp"
#include "service/actor.hpp"
#include "service/payments.hpp"
#include "service/sign_in_limits.hpp"
#include "store/store.hpp"

namespace rp::service {

// Narrows the worklist's items (and holds); red flags, products and code guesses are
// alerts and always shown. Empty text means any.
struct WorklistFilter {
  std::string kind;         // visit, imaging, questionnaire, order (work-up) or hold
  std::string patient;      // part of either name, or of the record number
  std::string responsible;  // the role responsible (domain/worklist_rules.hpp)
  int limit = 50;           // rows per section, 1-1000 (a page; `after` reads the next)
  int offset = 0;           // of the day's items
  int closed_offset = 0;    // of the items whose window closed
  int holds_offset = 0;     // of the drug holds
  // The day's items after this row (a page's `next`, service/worklist_cursor.hpp), then
  // `offset` more skipped.
  std::optional<store::WorklistCursor> after;
};

// A schedule item on the worklist with what the protocol says about it.
struct WorklistEntry {
  store::WorklistPatient who;
  ScheduledItem item;
  LocalText title;
  TimelineState status = TimelineState::due;  // on the worklist's day
  // A drug hold whose stop needs the prescriber's approval (protocol flag
  // needs_prescriber_approval): someone must ask the prescriber before it starts.
  bool needs_prescriber_approval = false;
  // today | overdue | upcoming | window_closed | hold: where the row stands on the day.
  std::string group;
  std::string responsible;  // the role that carries it out
  // The patient's mobile, for a call; only for roles shown mobiles in lists.
  std::optional<std::string> mobile;
};

// A cell product in the lab, not yet released.
struct WorklistProduct {
  store::WorklistPatient who;
  std::optional<CivilDate> harvest_date;
  std::optional<int> days_since_harvest;
  std::string din;  // 14 characters: the DIN and its check character
  std::string state;
  std::string expires_at;  // UTC instant; "" when none was set
};

// A quality-control result still pending for a product: the test, the day it is due, and
// whether that day has passed. One entry per pending test.
struct WorklistQcDue {
  store::WorklistPatient who;
  std::string din;  // 14 characters: the DIN and its check character
  std::string state;
  std::string test;  // sterility, endotoxin or mycoplasma
  std::optional<CivilDate> due;
  bool overdue = false;
};

// A message that did not reach its patient and needs a person: it failed for good, or its
// sending ended without a result (`unknown`: check with the provider before sending again).
// It stays on the worklist until a coordinator sends it again or cancels it.
struct WorklistMessage {
  std::int64_t patient_id = 0;
  std::string mrn, name_fa, name_latin;
  store::MessageRow message;
};

struct Worklist {
  CivilDate date;
  WorklistFilter filter;
  // Visits, imaging, questionnaires and work-up tests: due today, then overdue (target
  // passed, window still open), then those whose window is open or that are due within
  // kUpcomingDays (group upcoming); one page, and how many.
  std::vector<WorklistEntry> items;
  std::int64_t items_total = 0;
  // Counts stop at kCountedUpTo: true when more than items_total items are open.
  bool items_total_capped = false;
  // Where the next page of items starts, when more items follow this page.
  std::optional<store::WorklistCursor> next;
  // Still planned with the window closed before the day: the latest closed first.
  std::vector<WorklistEntry> window_closed;
  std::int64_t window_closed_total = 0;
  bool window_closed_total_capped = false;
  // Drug holds starting within kHoldLookaheadDays, by start date: one page, and how many.
  std::vector<WorklistEntry> holds;
  std::int64_t holds_total = 0;
  std::vector<store::WorklistRedFlagRow> red_flags;  // open, newest first
  std::vector<WorklistProduct> awaiting_release;     // products in the lab, the soonest to expire first
  // QC results still pending, released and injected products' too: the soonest due first
  // (those without a day last), so the lab chases a culture before it is forgotten.
  std::vector<WorklistQcDue> qc_due;
  // Bedside checks that refused a product within kRefusalAlertDays, the latest first: a
  // product was nearly given to the wrong patient, or given unreleased, failed or expired.
  std::vector<store::WorklistRefusalRow> bedside_refusals;
  // Patients whose sign-in code is being guessed: wrong codes typed for their number
  // within the alert's window, the most recent first.
  std::vector<store::WorklistCodeGuessRow> code_guesses;
  // Messages that did not reach their patient, the latest due first (at most
  // kUndeliveredMessagesShown), and how many there are in all.
  std::vector<WorklistMessage> undelivered_messages;
  int undelivered_total = 0;
  // Payment plans with an instalment (or the down payment) due before the day and not
  // paid, the oldest plan first (at most kOverduePlansShown): for the roles who record
  // payments, empty for the others.
  std::vector<OverduePlan> overdue_payments;
};

inline constexpr int kHoldLookaheadDays = 7;
// The open and window-closed counts say "more than 1,000" beyond this: counting a large
// centre's tens of thousands would read its whole index range on every worklist read,
// and no one works down a list by its exact length past a thousand.
inline constexpr int kCountedUpTo = 1000;
inline constexpr int kUpcomingDays = 7;
inline constexpr int kRefusalAlertDays = 7;
inline constexpr int kLabProductsShown = 200;
inline constexpr int kUndeliveredMessagesShown = 100;

// Checks a filter's words (InputError naming kind, responsible, limit or an offset).
void check_filter(const WorklistFilter& f);

// The store query for a filter at the actor's centre on `date`: the kind and the
// patient's text as given, the responsible role as the protocols' items it covers, its
// counts stopping one past kCountedUpTo.
store::WorklistItemsQuery items_query(const std::string& centre, const CivilDate& date, const WorklistFilter& f);

// Fills an item row's words, group, responsible role and (when the role may see it)
// mobile for the worklist's day.
WorklistEntry worklist_entry(const store::WorklistOpenItemRow& row, const CivilDate& date, const Actor& actor);

// The cursor that follows an item row in the worklist's order on `date`.
store::WorklistCursor cursor_after(const store::WorklistOpenItemRow& row, const CivilDate& date);

// Clinical staff (patient_read) of the actor's own centre. The lists are read from a
// snapshot beside the writer (no write waits on them), then the audit row naming every
// patient shown is written in a short write of its own, before the answer is returned. `date` is the clinic's today
// unless given; `guesses` says when a patient's code counts as being guessed.
Worklist worklist(store::Store& store, const Clock& clock, const Actor& actor, std::optional<CivilDate> date,
                  const GuessAlert& guesses = {}, const WorklistFilter& filter = {});

}  // namespace rp::service
