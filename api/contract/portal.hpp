#pragma once
// The patient portal's reads and the red flags a patient reports, as the API writes them
// (api/routes_portal.cpp). Nothing here names another patient or a staff member.
#include <optional>
#include <string>
#include <vector>

#include "api/contract/episodes.hpp"
#include "domain/centre.hpp"
#include "service/submissions.hpp"

namespace rp::api::contract {

// How the patient reaches their centre.
struct CentreContactOut {
  static constexpr const char* kSchema = "CentreContact";
  std::string name_en, name_fa, city_en, city_fa, phone;
  template <class V>
  static void fields(V& v) {
    v("name_en", &CentreContactOut::name_en, "");
    v("name_fa", &CentreContactOut::name_fa, "");
    v("city_en", &CentreContactOut::city_en, "");
    v("city_fa", &CentreContactOut::city_fa, "");
    v("phone", &CentreContactOut::phone, "");
  }
};

struct PortalEpisodeOut : EpisodeOut {
  static constexpr const char* kSchema = "PortalEpisode";
  std::vector<ScheduleItemOut> schedule, rehab_stage, holds_in_effect;
  template <class V>
  static void fields(V& v) {
    EpisodeOut::fields(v);
    v("schedule", &PortalEpisodeOut::schedule, "");
    v("rehab_stage", &PortalEpisodeOut::rehab_stage, "the rehab stages in effect today");
    v("holds_in_effect", &PortalEpisodeOut::holds_in_effect, "the drug holds in effect today");
  }
};

struct PortalRecordOut {
  static constexpr const char* kSchema = "PortalRecord";
  std::string name_fa, name_latin, mrn, centre;
  std::optional<CentreContactOut> centre_contact;
  std::string today;
  std::vector<PortalEpisodeOut> episodes;
  template <class V>
  static void fields(V& v) {
    v("name_fa", &PortalRecordOut::name_fa, "");
    v("name_latin", &PortalRecordOut::name_latin, "");
    v("mrn", &PortalRecordOut::mrn, "the record number, on the printed schedule for the front desk");
    v("centre", &PortalRecordOut::centre, "the centre's id");
    v("centre_contact", &PortalRecordOut::centre_contact, "null when the centre is not known");
    v("today", &PortalRecordOut::today, "the clinic's today, YYYY-MM-DD");
    v("episodes", &PortalRecordOut::episodes, "");
  }
};

// A patient reports a red flag: what and how bad, never a grade.
struct RedFlagReportIn {
  static constexpr const char* kSchema = "RedFlagReport";
  std::string category, severity;
  std::optional<std::string> description;
  std::optional<CivilDate> onset;
  template <class V>
  static void fields(V& v) {
    v("category", &RedFlagReportIn::category, "pain, swelling, redness, fever, ...", FieldRule{.max_bytes = 64});
    v("severity", &RedFlagReportIn::severity, "the patient's word: mild, moderate, severe", FieldRule{.max_bytes = 16});
    v("description", &RedFlagReportIn::description, "", FieldRule{.max_bytes = 4000});
    v("onset", &RedFlagReportIn::onset, "the day it began");
  }
};

// One of the patient's own red-flag reports: whether it was seen, when, by which role of
// the clinic's team (never a name) and what was done.
struct OwnRedFlagOut {
  static constexpr const char* kSchema = "OwnRedFlag";
  std::int64_t id = 0, episode_id = 0;
  std::string category, severity, reported_at;
  bool seen = false;
  std::optional<std::string> seen_at, seen_by_role, action;
  template <class V>
  static void fields(V& v) {
    v("id", &OwnRedFlagOut::id, "");
    v("episode_id", &OwnRedFlagOut::episode_id, "");
    v("category", &OwnRedFlagOut::category, "");
    v("severity", &OwnRedFlagOut::severity, "");
    v("reported_at", &OwnRedFlagOut::reported_at, "");
    v("seen", &OwnRedFlagOut::seen, "");
    v("seen_at", &OwnRedFlagOut::seen_at, "");
    v("seen_by_role", &OwnRedFlagOut::seen_by_role,
      "the role of who saw it (surgeon, coordinator, ...); clinician for those seen before roles were kept");
    v("action", &OwnRedFlagOut::action, "called, asked_to_come_in or referred_to_emergency");
  }
};

PortalRecordOut portal_record_out(const service::PortalRecord& rec, const std::vector<Centre>& centres,
                                  std::string_view lang, const CivilDate& today);
OwnRedFlagOut own_red_flag_out(const store::AdverseEventRow& f);
service::RedFlagReport to_red_flag(const RedFlagReportIn& in);

}  // namespace rp::api::contract
