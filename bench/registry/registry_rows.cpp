// The registry bench's generated rows (registry_rows.hpp). The case mix drives the
// outcomes as a registry would see them: older patients and higher Kellgren-Lawrence
// grades respond less often and convert to hip replacement sooner, centres differ a
// little beyond their case mix, and adipose-derived cells respond a little less often.
// A responder's HOOS pain and function improve by 40 points and their global burden
// falls from 70 to 20 (an OMERACT-OARSI responder without doubt); a non-responder's
// scores move by at most 3 points (and 2.5 more on the instruments' steps), so the
// report's classification and R's input agree.
#include "bench/registry/registry_rows.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <random>
#include <string>

#include "base/civil_date.hpp"

namespace rp::bench {
namespace {

constexpr int kCentres = 20;
constexpr const char* kCreatedAt = "2026-11-24T06:00:00Z";

std::string day_iso(std::int32_t day) { return CivilDate::from_days(day).iso(); }

std::string centre_id(int c) {
  char id[16];
  std::snprintf(id, sizeof id, "centre-%02d", c + 1);
  return id;
}

struct Files {
  explicit Files(const std::filesystem::path& dir)
      : patients(dir / "patients.csv"),
        episodes(dir / "episodes.csv"),
        transitions(dir / "episode_transitions.csv"),
        schedule(dir / "schedule_items.csv"),
        responses(dir / "questionnaire_responses.csv"),
        scores(dir / "response_scores.csv"),
        peer(dir / "peer.csv") {
    patients << "id,centre_id,mrn,name_fa,name_latin,sex,birth_date,mobile,national_id,consent_treatment,"
                "consent_registry,consent_contact,created_at\n";
    episodes << "id,patient_id,centre_id,protocol_id,side,diagnosis_system,diagnosis_code,kl_grade,cell_source,"
                "guidance,state,harvest_date,injection_date,created_at,updated_at\n";
    transitions << "episode_id,from_state,to_state,reason,actor,role,at,on_date\n";
    schedule << "episode_id,item_id,kind,anchor,offset_text,start_date,end_date,window_start,window_end,status,"
                "done_on\n";
    responses << "id,episode_id,centre_id,instrument,item_id,answers_json,scores_json,source,submitted_by,"
                 "submitted_at\n";
    scores << "response_id,name,value\n";
    peer << "centre,age_band,kl_grade,cell_source,responder,time,event,registry\n";
  }
  std::ofstream patients, episodes, transitions, schedule, responses, scores, peer;
};

// The questionnaire items the bench answers: id, days after injection, window.
struct TimePointItem {
  const char* id;
  const char* offset;
  int day, before, after;
};
constexpr std::array<TimePointItem, 3> kItems{
    {{"prom-baseline", "-7d", -7, 21, 7}, {"prom-6m", "+6m", 182, 30, 30}, {"prom-12m", "+12m", 365, 30, 60}}};

}  // namespace

RegistryCounts write_registry(std::size_t n, const std::filesystem::path& dir) {
  std::filesystem::create_directories(dir);
  {
    std::ofstream centres(dir / "centres.csv");
    centres << "id,name_en,name_fa,city_en,city_fa,licence_status\n";
    for (int c = 0; c < kCentres; ++c)
      centres << centre_id(c) << ",Centre " << c + 1 << ",مرکز " << c + 1 << ",City,شهر,licensed\n";
  }
  Files f(dir);
  RegistryCounts counts;
  const auto as_of = static_cast<std::int32_t>(CivilDate::from_ymd(2026, 11, 24).days_since_epoch());
  std::mt19937_64 rng(20261204);
  std::uniform_int_distribution<int> centre_of(0, kCentres - 1), entry(20, 4 * 365), age_of(35, 79);
  std::uniform_real_distribution<double> unit(0, 1);
  std::int64_t response_id = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const auto id = static_cast<std::int64_t>(i + 1);
    const int c = centre_of(rng);
    const int age = age_of(rng);
    const double u = unit(rng);
    const int kl = u < 0.15 ? 1 : u < 0.55 ? 2 : u < 0.90 ? 3 : 4;
    const bool adipose = unit(rng) < 0.3;
    const std::int32_t injected = as_of - entry(rng);
    // Born half a year past the age's birthday: the age at injection is `age` whatever the
    // leap years.
    const auto born = injected - static_cast<std::int32_t>(std::lround((age + 0.5) * 365.2425));
    const std::string centre = centre_id(c);

    // Conversion: a proportional hazard in age, KL grade and centre.
    const double rate = 0.00025 * std::exp(0.03 * (age - 60) + 0.45 * (kl - 2) + 0.02 * (c - kCentres / 2));
    const auto t_event = static_cast<std::int32_t>(std::ceil(std::exponential_distribution<double>(rate)(rng)));
    const std::int32_t open = as_of - injected;
    const auto t_drop = static_cast<std::int32_t>(std::ceil(std::exponential_distribution<double>(0.0002)(rng)));
    const bool converted = t_event <= std::min(open, t_drop);
    const bool lost = !converted && t_drop < open;
    const std::int32_t followed = converted ? t_event : std::min(open, t_drop);

    // Response at six months: logistic in the same factors.
    const double logit = 0.8 - 0.04 * (age - 60) - 0.5 * (kl - 2) - (adipose ? 0.3 : 0) + 0.03 * (c - kCentres / 2);
    const bool responder = unit(rng) < 1 / (1 + std::exp(-logit));

    const int registry = unit(rng) < 0.04 ? 0 : 1;  // a few withdraw registry consent
    f.patients << id << ',' << centre << ",B" << id << ",بیمار " << id << ",Patient " << id << ','
               << (id % 2 ? "female" : "male") << ',' << day_iso(born) << ",0912" << 1000000 + id % 9000000 << ','
               << 1000000000 + id << ",1," << registry << ",1," << kCreatedAt << '\n';
    const char* state = converted ? "converted_to_thr" : lost ? "lost_to_follow_up" : "injected";
    f.episodes << id << ',' << id << ',' << centre << ",hip-msc-v1," << (id % 3 ? "right" : "left")
               << ",http://hl7.org/fhir/sid/icd-10,M16.1," << kl << ',' << (adipose ? "adipose" : "bone_marrow")
               << ",ultrasound," << state << ',' << day_iso(injected - 1) << ',' << day_iso(injected) << ','
               << kCreatedAt << ',' << kCreatedAt << '\n';
    f.transitions << id << ",product_released,injected,\"\",bench,surgeon," << kCreatedAt << ',' << day_iso(injected)
                  << '\n';
    ++counts.transitions;
    if (converted || lost) {
      f.transitions << id << ",injected," << state << ",\"\",bench,surgeon," << kCreatedAt << ','
                    << day_iso(injected + followed) << '\n';
      ++counts.transitions;
    }

    bool answered_baseline = false, answered_6m = false;
    std::int32_t last_contact = injected;  // the report's censoring day: the last answer
    for (const TimePointItem& item : kItems) {
      const std::int32_t due = injected + item.day;
      const std::int32_t end = due + item.after;
      const bool reached = item.day <= followed;
      const bool answered = reached && unit(rng) < 0.85;
      const char* status = answered ? "done" : (end < as_of && reached) ? "missed" : "planned";
      f.schedule << id << ',' << item.id << ",questionnaire,injection," << item.offset << ',' << day_iso(due) << ','
                 << day_iso(due) << ',' << day_iso(due - item.before) << ',' << day_iso(end) << ',' << status << ','
                 << (answered ? day_iso(due) : "") << '\n';
      ++counts.schedule_items;
      if (!answered) continue;
      const bool after = item.day > 0;
      if (item.day == 182) answered_6m = true;
      if (item.day < 0) answered_baseline = true;
      last_contact = std::max(last_contact, due);
      const double base = 20 + 30 * unit(rng);
      const double shift = after && responder ? 40 : 3 * (2 * unit(rng) - 1);
      const double global = after && responder ? 20 : 70 + 3 * (2 * unit(rng) - 1);
      const std::string at = day_iso(due) + "T08:00:00Z";
      f.responses << ++response_id << ',' << id << ',' << centre << ",hoos," << item.id << ",{},{},staff,bench," << at
                  << '\n';
      // On the instrument's steps, as scored answers are: HOOS pain 2.5 points (10 items
      // of 0-4), function 100/68 (17 items); the global a whole number.
      const auto on_steps = [](double v, double step) { return std::min(100.0, step * std::round(v / step)); };
      f.scores << response_id << ",pain," << on_steps(base + shift, 2.5) << '\n'
               << response_id << ",adl," << on_steps(base + 5 + shift, 100.0 / 68) << '\n';
      f.responses << ++response_id << ',' << id << ',' << centre << ",patient-global," << item.id
                  << ",{},{},staff,bench," << at << '\n';
      f.scores << response_id << ",global," << std::round(global) << '\n';
      counts.responses += 2;
      counts.scores += 3;
    }
    // Follow-up as the report counts it: to the conversion, the exit, or the last answer.
    const std::int32_t time = converted || lost ? followed : last_contact - injected;
    f.peer << c << ',' << age / 5 << ',' << kl << ',' << (adipose ? 1 : 0) << ','
           << (answered_baseline && answered_6m ? (responder ? "1" : "0") : "NA") << ',' << time << ','
           << (converted ? 1 : 0) << ',' << registry << '\n';
    ++counts.patients;
  }
  return counts;
}

}  // namespace rp::bench
