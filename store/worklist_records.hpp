#pragma once
// Rows behind the staff worklist: schedule items, red flags and products of one centre,
// each with the patient and episode it belongs to, read in one query per section.
#include <cstdint>
#include <optional>
#include <string>

#include "domain/product/product.hpp"

#include "domain/episode.hpp"
#include "domain/schedule.hpp"
#include "store/submission_records.hpp"

namespace rp::store {

// Who a worklist row is about.
struct WorklistPatient {
  std::int64_t patient_id = 0;
  std::string mrn, name_fa, name_latin;
  std::int64_t episode_id = 0;
  Side side = Side::right;
  EpisodeState state = EpisodeState::referred;
  std::string protocol_id;
};

struct WorklistRedFlagRow {
  WorklistPatient who;
  AdverseEventRow event;
  std::string mobile;  // the patient's, to call them; the service blanks it for roles not shown it
};

// A cell product in the lab, not yet released (received to awaiting release, or
// quarantined), with its donor's episode.
struct WorklistProductRow {
  WorklistPatient who;
  std::optional<CivilDate> harvest_date;
  std::string din;  // the 13 characters
  std::string state;
  std::string expires_at;  // UTC instant, ISO 8601; "" when none was set
};

// A product with a quality-control result still pending (a culture takes days, and a
// protocol may release on a pending sterility result): its three tests as they stand.
struct WorklistQcPendingRow {
  WorklistPatient who;  // the product's donor and episode
  std::string din;      // the 13 characters
  std::string state;
  product::QcTest sterility, endotoxin, mycoplasma;
};

// A bedside check that refused a product: the product, its donor, who scanned it when and
// where, what was scanned and the verdict.
struct WorklistRefusalRow {
  WorklistPatient who;  // the product's donor and episode
  std::string din;
  std::string at, actor, location;
  std::string scanned;  // what was scanned ("din ..., wristband ...")
  std::string verdict;  // wrong_patient, not_released, expired, used, failed_qc, quarantined
};

// A patient whose sign-in code is being guessed: wrong codes typed for their mobile
// number since an instant (the portal's codes are per number, so every patient with the
// number is listed).
struct WorklistCodeGuessRow {
  std::int64_t patient_id = 0;
  std::string mrn, name_fa, name_latin;
  int wrong_codes = 0;
  std::string last_wrong_at;  // UTC instant
};

// Where a page of the day's items starts: after this row, in the worklist's order (group
// today, overdue, upcoming; then the group's own order: overdue by the day the window
// closes, every group by start date, episode and item). The last row of a page makes the
// next page's cursor, which stays right while rows come and go.
struct WorklistCursor {
  int group = 0;  // 0 today, 1 overdue, 2 upcoming
  CivilDate window_end, start;
  std::int64_t episode_id = 0;
  std::string item_id;
  bool operator==(const WorklistCursor&) const = default;
};

// The worklist's schedule items at a centre (visits, imaging, questionnaires, work-up
// orders), still planned, of episodes still running; a questionnaire with an answer
// for its time point is left out. Filters: "" means any.
struct WorklistItemsQuery {
  std::string centre_id;
  CivilDate today;
  CivilDate upcoming_until;  // open items: window open today, or due up to this day
  std::string kind;          // one worklist kind
  std::string patient;       // part of either name, or of the record number
  // The items kept, as ",protocol/item,protocol/item," (the items one role is
  // responsible for, as the protocols say).
  std::string items;
  int limit = 200, offset = 0;
  // The day's items only: the page starts after this row (then skips `offset` more).
  std::optional<WorklistCursor> after;
  // The open and window-closed counts stop at this many (0: they count every row), so a
  // count reads no more of a large centre's index than a page does.
  int count_up_to = 0;
};

// A schedule item with its patient, and the patient's mobile for a call.
struct WorklistOpenItemRow {
  WorklistPatient who;
  std::string mobile;
  ScheduledItem item;
};

// One decision on a worklist item (0011_worklist_closures.sql).
struct ScheduleClosureRow {
  std::int64_t id = 0;
  std::int64_t episode_id = 0;
  std::string item_id;
  std::string action;  // closed | reopened
  std::string reason;  // for closed: a MissedReason word; '' for reopened
  std::string note;
  std::string actor, role, at;
};

// An item closed as missed, with the decision that closed it.
struct WorklistClosedRow {
  WorklistPatient who;
  std::string mobile;
  ScheduledItem item;
  ScheduleClosureRow closure;
};

}  // namespace rp::store
