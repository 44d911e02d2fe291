// What the demo shows beyond the hip pathway's sixty patients, each made as staff and
// patients would make it (through the use cases, on the day it happened): patients of
// the knee test protocol, so its outcome report has figures; red flags waiting for a
// clinician, and two already triaged, one each way; a hip treated a second time.
#include <algorithm>

#include "demo/demo.hpp"
#include "demo/product_walk.hpp"
#include "service/submissions.hpp"

namespace rp::demo {
using namespace rp::service;

namespace {

Clock noon_of(const CivilDate& day) {
  constexpr std::int64_t kNineUtcSeconds = std::int64_t{9} * 3600;
  return Clock::fixed((day.days_since_epoch() * 86400 + kNineUtcSeconds) * 1000);
}

Auth quiet_auth(store::Store& store, const Clock& clock) {
  return Auth(store, clock, {}, [](const std::vector<std::int64_t>&, const std::string&, const std::string&) {});
}

// Screening to injection, each step on its day; the injection on `injection`.
void walk_to_injection(store::Store& store, const Actor& op, std::int64_t episode, const CivilDate& injection,
                       const RecordedFindings& findings, bool harvests) {
  const CivilDate referral = injection.plus_days(-49);
  auto at = [&](int days_before) { return Pathway(store, noon_of(injection.plus_days(-days_before))); };
  at(42).advance(op, episode, {EpisodeState::screening, "", std::nullopt});
  at(35).assess_eligibility(op, episode, findings);
  at(35).advance(op, episode, {EpisodeState::eligible, "", std::nullopt});
  at(28).advance(op, episode, {EpisodeState::workup, "", std::nullopt});
  (void)referral;
  at(21).plan(op, episode, harvests ? std::optional(injection) : std::nullopt, injection);
  at(21).advance(op, episode, {EpisodeState::scheduled, "", std::nullopt});
  if (harvests) {
    // A protocol that harvests cells records those steps on the product, scan by scan.
    std::string centre;
    store.read([&](store::Transaction& tx) { centre = tx.find_episode(episode)->centre_id; });
    const Actor surgeon{demo_surgeon(centre), Role::surgeon, centre};
    const ProductCrew crew{surgeon, {"lab." + centre, Role::lab, centre}, {"qa." + centre, Role::lab, centre}, surgeon};
    walk_product(store, noon_of(injection), crew, episode, EpisodeState::injected);
    return;
  }
  at(0).advance(op, episode, {EpisodeState::harvested, "", std::nullopt});
  at(0).advance(op, episode, {EpisodeState::product_released, "", std::nullopt});
  at(0).advance(op, episode, {EpisodeState::injected, "", std::nullopt});
}

void answer_nrs(store::Store& store, const Actor& op, std::int64_t episode, const std::string& item,
                const CivilDate& day, int pain) {
  const Clock clock = noon_of(day);
  Auth auth = quiet_auth(store, clock);
  Submissions(store, clock, auth)
      .submit_questionnaire(op, episode,
                            {"nrs", item, {{"pain_activity", pain}, {"pain_rest", std::max(0, pain - 2)}}, ""});
}

// Six knees at the Tehran centre, injected one to two years ago; pain before and at a year.
void add_knee_patients(store::Store& store, const CivilDate& today, const Actor& op, DemoSummary& summary) {
  const int before[] = {7, 8, 6, 7, 9, 5}, after[] = {3, 4, 6, 2, 8, 2};
  for (int i = 0; i < 6; ++i) {
    const CivilDate injection = today.plus_days(-(400 + 70 * i));
    Patient p;
    p.centre_id = "tehran-1";
    p.mrn = "KNEE-" + std::to_string(101 + i);
    p.name_fa = i % 2 ? "بهرام کاظمی" : "پروین رحیمی";
    p.name_latin = i % 2 ? "Bahram Kazemi" : "Parvin Rahimi";
    p.sex = i % 2 ? Sex::male : Sex::female;
    p.birth_date = CivilDate::from_ymd(1958 + i, 3 + i, 10);
    p.mobile = "+98912" + std::to_string(3300100 + i);
    // A block of numbers apart from the example ids tests and documentation use.
    const std::string nine = "00907700" + std::to_string(i);
    p.national_id = nine + national_id_check_digit(nine);
    p.consent = {true, true, true};
    Pathway on_referral(store, noon_of(injection.plus_days(-49)));
    p = on_referral.add_patient(op, p);
    Episode e;
    e.patient_id = p.id;
    e.protocol_id = "knee-prp-test";
    e.side = i % 2 ? Side::left : Side::right;
    e.diagnosis = {std::string(kIcd10Cm), i % 2 ? "M17.12" : "M17.11"};
    e.kl_grade = 2;
    e.guidance = Guidance::ultrasound;
    e.injected_by = demo_surgeon(p.centre_id);
    e = on_referral.add_episode(op, e);
    walk_to_injection(store, op, e.id, injection, {{"kl_grade", 2}, {"age", 60 + i}}, false);
    answer_nrs(store, op, e.id, "prom-baseline", injection.plus_days(-7), before[i]);
    Pathway(store, noon_of(injection.plus_days(30))).mark_item(op, e.id, "visit-1m", ItemStatus::done, std::nullopt);
    Pathway(store, noon_of(injection)).advance(op, e.id, {EpisodeState::follow_up, "", std::nullopt});
    if (i == 4) {
      // Pain no better: a knee replacement ten months on.
      Pathway(store, noon_of(injection.plus_days(300)))
          .advance(op, e.id, {EpisodeState::converted_to_thr, "total knee replacement", std::nullopt});
    } else {
      answer_nrs(store, op, e.id, "prom-1y", injection.plus_days(365), after[i]);
    }
    ++summary.patients;
    ++summary.episodes_by_state[i == 4 ? "converted_to_thr" : "follow_up"];
  }
}

// The hip episodes of a centre past their injection and still followed, newest
// injection first.
std::vector<Episode> followed_hips(store::Store& store, const std::string& centre) {
  std::vector<Episode> out;
  store.read([&](store::Transaction& tx) {
    for (EpisodeState state : {EpisodeState::injected, EpisodeState::follow_up}) {
      store::PatientQuery q;
      q.centre_id = centre;
      q.episode_state = state;
      for (const Patient& p : tx.list_patients(q))
        for (const Episode& e : tx.episodes_of_patient(p.id))
          if (e.state == state && e.protocol_id == "hip-msc-v1" && e.injection_date && !e.repeat_of) out.push_back(e);
    }
  });
  std::sort(out.begin(), out.end(),
            [](const Episode& a, const Episode& b) { return *a.injection_date > *b.injection_date; });
  return out;
}

void add_red_flags(store::Store& store, const CivilDate& today) {
  // Reported yesterday: never after a flag a tester reports today, whatever the hour.
  const Clock clock = noon_of(today.plus_days(-1));
  Auth auth = quiet_auth(store, clock);
  Submissions submissions(store, clock, auth);
  for (const std::string centre : {"tehran-1", "mashhad-1"}) {
    const auto hips = followed_hips(store, centre);
    if (hips.size() < 2) continue;
    auto patient_of = [&](const Episode& e) { return Actor{"patient", Role::patient, centre, false, e.patient_id}; };
    const Actor nurse{"demo.coordinator", Role::coordinator, centre};
    if (centre == "tehran-1") {
      // Two waiting: one just reported, one a nurse has seen and is acting on.
      submissions.report_red_flag(patient_of(hips[0]), hips[0].id,
                                  {"swelling", "moderate", "از دیشب ران ورم کرده و داغ است", {}, {}});
      const auto seen =
          submissions.report_red_flag(patient_of(hips[1]), hips[1].id,
                                      {"unusual_pain", "severe", "هنگام راه رفتن درد تیز در کشاله ران دارم", {}, {}});
      submissions.acknowledge_red_flag(nurse, seen.id, {"called", "آمدن به درمانگاه فردا صبح هماهنگ شد"});
    } else {
      const auto effusion = submissions.report_red_flag(
          patient_of(hips[0]), hips[0].id, {"swelling", "moderate", "از دو روز پیش ران متورم شده است", {}, {}});
      RedFlagTriage as_event;
      as_event.adverse_event = true;
      as_event.event.category = "effusion";
      as_event.event.assessment.ctcae_grade = 2;
      as_event.event.assessment.relatedness = Relatedness::injection;
      submissions.triage_red_flag(nurse, effusion.id, as_event);
      const auto bruise = submissions.report_red_flag(patient_of(hips[1]), hips[1].id,
                                                      {"redness", "mild", "جای برداشت سلول قرمز شده است", {}, {}});
      RedFlagTriage dismissed;
      dismissed.reason =
          "کبودی محل برداشت، رو به بهبود چنان که انتظار می‌رود؛ تلفنی "
          "با "
          "بیمار "
          "صحبت "
          "شد";
      submissions.triage_red_flag(nurse, bruise.id, dismissed);
    }
  }
}

// A hip at the Shiraz centre treated again a year after its first injection.
void add_repeat(store::Store& store, const CivilDate& today, const Actor& op, DemoSummary& summary) {
  for (const Episode& first : followed_hips(store, "shiraz-1")) {
    const CivilDate again = first.injection_date->plus_days(365);
    if (first.state != EpisodeState::follow_up || today.plus_days(-30) < again) continue;
    // One open course per joint: the first ends as the second begins.
    Pathway(store, noon_of(again.plus_days(-49)))
        .advance(op, first.id, {EpisodeState::completed, "treated again: a second course", std::nullopt});
    Episode e;
    e.patient_id = first.patient_id;
    e.protocol_id = first.protocol_id;
    e.side = first.side;
    e.diagnosis = first.diagnosis;
    e.repeat_of = first.id;
    e.cell_source = CellSource::bone_marrow;
    e.guidance = Guidance::ultrasound;
    e.injected_by = demo_surgeon(first.centre_id);
    e = Pathway(store, noon_of(again.plus_days(-49))).add_episode(op, e);
    walk_to_injection(store, op, e.id, again, demo_hip_findings(3, 27), true);
    Pathway(store, noon_of(again)).advance(op, e.id, {EpisodeState::follow_up, "", std::nullopt});
    // The repeat is followed up in the first course's place, which is now completed.
    ++summary.episodes_by_state["completed"];
    return;
  }
}

}  // namespace

void add_demo_extras(store::Store& store, const CivilDate& today, DemoSummary& summary) {
  const Actor op = Actor::cli_operator();
  add_knee_patients(store, today, op, summary);
  add_red_flags(store, today);
  add_repeat(store, today, op, summary);
}

}  // namespace rp::demo
