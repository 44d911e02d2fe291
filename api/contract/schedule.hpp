#pragma once
// Eligibility, planning and the schedule as the API reads and writes them
// (api/routes_schedule.cpp). Each body is decoded by its type (api/http/contract.hpp);
// a rule across its fields is the type's check().
#include <optional>
#include <string>
#include <vector>

#include "api/contract/episodes.hpp"
#include "domain/eligibility.hpp"

namespace rp::api::contract {

struct EligibilityRequest {
  static constexpr const char* kSchema = "EligibilityRequest";
  FindingsJson findings;
  template <class V>
  static void fields(V& v) {
    v("findings", &EligibilityRequest::findings,
      "finding to value: grades and measures as numbers, yes/no findings as booleans (kl_grade, ...)");
  }
};

struct EligibilityReasonOut {
  static constexpr const char* kSchema = "EligibilityReason";
  std::string rule, kind, finding, text;
  template <class V>
  static void fields(V& v) {
    v("rule", &EligibilityReasonOut::rule, "the protocol rule's id");
    v("kind", &EligibilityReasonOut::kind, "indication, indication_not_met, exclusion, caution or missing");
    v("finding", &EligibilityReasonOut::finding, "the finding the rule reads");
    v("text", &EligibilityReasonOut::text, "the rule in the server's language");
  }
};

struct EligibilityResultOut {
  static constexpr const char* kSchema = "EligibilityResult";
  Decision decision = Decision::needs_review;
  std::vector<EligibilityReasonOut> reasons;
  template <class V>
  static void fields(V& v) {
    v("decision", &EligibilityResultOut::decision, "");
    v("reasons", &EligibilityResultOut::reasons, "each rule that contributed");
  }
};

struct PlanRequestIn {
  static constexpr const char* kSchema = "PlanRequest";
  std::optional<CivilDate> harvest, injection;
  std::optional<std::string> reason;
  template <class V>
  static void fields(V& v) {
    v("harvest", &PlanRequestIn::harvest, "the planned harvest (this or injection, or both)");
    v("injection", &PlanRequestIn::injection, "the planned injection");
    v("reason", &PlanRequestIn::reason, "required when a date is before today", FieldRule{.max_bytes = 500});
  }
  // One of the two dates at least (the reason is the service's to ask for).
  void check() const {
    if (!harvest && !injection) throw InputError("harvest", "plan_date_required"_err);
  }
};

struct EpisodePlanned : EpisodeRecordOut {
  static constexpr const char* kSchema = "EpisodePlanned";
  bool changed = false;
  template <class V>
  static void fields(V& v) {
    EpisodeRecordOut::fields(v);
    v("changed", &EpisodePlanned::changed, "false when these dates were already planned (nothing was written)");
  }
};

struct ScheduleMark {
  static constexpr const char* kSchema = "ScheduleMark";
  ItemStatus status = ItemStatus::done;
  std::optional<CivilDate> on;
  template <class V>
  static void fields(V& v) {
    v("status", &ScheduleMark::status, "done, missed, cancelled, or planned again", FieldRule{.max_bytes = 16});
    v("on", &ScheduleMark::on, "the day it was done (default today)");
  }
};

struct ItemMarked {
  static constexpr const char* kSchema = "ScheduleItemMarked";
  std::string id;
  ItemStatus status = ItemStatus::done;
  std::optional<std::string> done_on;
  bool changed = false;
  template <class V>
  static void fields(V& v) {
    v("id", &ItemMarked::id, "the protocol item's id");
    v("status", &ItemMarked::status, "what is recorded now");
    v("done_on", &ItemMarked::done_on, "YYYY-MM-DD");
    v("changed", &ItemMarked::changed, "false when the item already had this status (nothing was written)");
  }
};

EligibilityResultOut eligibility_result_out(const EligibilityResult& r, std::string_view lang);
std::vector<ScheduleItemOut> schedule_out(const std::vector<ScheduledItem>& items, const Protocol& protocol,
                                          std::string_view lang, const CivilDate& today);
ItemMarked item_marked(const ScheduledItem& item, bool changed);

}  // namespace rp::api::contract
