// A generated patient's history (scale_history.hpp). The steps follow the demo's
// (demo/history.hpp) with the proportions of a clinic that has run for years: most hips
// are in follow-up or done with it, a few in each step before the injection, some lost,
// converted to hip replacement, found ineligible or withdrawn.
#include "bench/scale/scale_history.hpp"

#include <algorithm>
#include <array>
#include <random>

#include "demo/demo.hpp"
#include "demo/history.hpp"
#include "domain/eligibility.hpp"
#include "service/adverse_event_rows.hpp"
#include "store/json_columns.hpp"

namespace rp::bench::scale {
namespace {

using S = EpisodeState;

// How many hips in a hundred are in each state.
constexpr std::array<std::pair<S, int>, 14> kStateShare{{{S::referred, 2},
                                                         {S::screening, 2},
                                                         {S::eligible, 1},
                                                         {S::ineligible, 4},
                                                         {S::workup, 3},
                                                         {S::scheduled, 3},
                                                         {S::harvested, 1},
                                                         {S::product_released, 1},
                                                         {S::injected, 1},
                                                         {S::follow_up, 50},
                                                         {S::completed, 18},
                                                         {S::converted_to_thr, 4},
                                                         {S::withdrawn, 3},
                                                         {S::lost_to_follow_up, 7}}};

// Family names beyond the demo's, written with a zero-width non-joiner (U+200C) between
// their parts as Persian spelling has them.
constexpr std::array<demo::Name, 6> kJoinedFamily{{{"حسین‌زاده", "Hosseinzadeh"},
                                                   {"علی‌پور", "Alipour"},
                                                   {"قلی‌زاده", "Gholizadeh"},
                                                   {"نیک‌نام", "Niknam"},
                                                   {"کریم‌خانی", "Karimkhani"},
                                                   {"تقی‌یار", "Taghiyar"}}};

std::mt19937 engine(std::uint64_t seed, std::int64_t index, std::uint32_t stream) {
  std::seed_seq s{static_cast<std::uint32_t>(seed), static_cast<std::uint32_t>(seed >> 32),
                  static_cast<std::uint32_t>(index), static_cast<std::uint32_t>(index >> 32), stream};
  return std::mt19937(s);
}

// The Arabic letters a Persian name is sometimes typed with: ي for ی, ك for ک.
std::string arabic_letters(std::string text) {
  const std::pair<std::string, std::string> swaps[] = {{"ی", "ي"}, {"ک", "ك"}};
  for (const auto& [persian, arabic] : swaps)
    for (auto at = text.find(persian); at != std::string::npos; at = text.find(persian, at + arabic.size()))
      text.replace(at, persian.size(), arabic);
  return text;
}

// Digits of `index` through a bijection of 0..10^digits-1 (a multiplier prime to 10), so
// different indexes never share a number.
std::string spread_digits(std::int64_t index, std::uint64_t seed, int digits) {
  std::uint64_t mod = 1;
  for (int i = 0; i < digits; ++i) mod *= 10;
  const std::uint64_t v = (static_cast<std::uint64_t>(index) * 7919 + seed * 104729) % mod;
  std::string out = std::to_string(v);
  return std::string(static_cast<std::size_t>(digits) - out.size(), '0') + out;
}

S pick_state(std::mt19937& rng) {
  std::uniform_int_distribution<int> percent(0, 99);
  int left = percent(rng);
  for (const auto& [state, share] : kStateShare) {
    if (left < share) return state;
    left -= share;
  }
  return S::follow_up;
}

bool passes(const std::vector<S>& path, S s) { return std::find(path.begin(), path.end(), s) != path.end(); }

int uniform(std::mt19937& rng, int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); }

// The anchors' days for a hip in `target` on `today`: when it was (or will be) harvested
// and injected.
std::pair<CivilDate, CivilDate> anchor_days(S target, const CivilDate& today, std::mt19937& rng) {
  const bool expanded = uniform(rng, 0, 4) == 0;  // a fifth of products are expanded three weeks
  auto injected_ago = [&](int lo, int hi) {
    const CivilDate injection = today.plus_days(-uniform(rng, lo, hi));
    return std::pair{injection.plus_days(expanded ? -21 : 0), injection};
  };
  switch (target) {
    case S::completed:
      return injected_ago(1100, 2200);
    case S::converted_to_thr:
    case S::lost_to_follow_up:
      return injected_ago(60, 2000);
    case S::follow_up:
      return injected_ago(14, 1090);
    case S::injected:
      return injected_ago(0, 13);
    case S::harvested:
    case S::product_released: {
      const CivilDate harvest = today.plus_days(-uniform(rng, 1, 20));
      return {harvest, harvest.plus_days(21)};
    }
    case S::ineligible:
    case S::withdrawn: {  // decided long ago or lately
      const CivilDate harvest = today.plus_days(-uniform(rng, 0, 2000));
      return {harvest, harvest};
    }
    default: {
      const CivilDate harvest = today.plus_days(uniform(rng, 5, 60));
      return {harvest, harvest.plus_days(expanded ? 21 : 0)};
    }
  }
}

std::string step_reason(S s) {
  switch (s) {
    case S::ineligible:
      return "severe osteoarthritis on X-ray";
    case S::withdrawn:
      return "patient chose not to proceed";
    case S::lost_to_follow_up:
      return "no answer to three calls";
    case S::converted_to_thr:
      return "total hip replacement after persistent pain";
    default:
      return "";
  }
}

void mark(std::vector<ScheduledItem>& items, const std::string& id, const CivilDate& on) {
  for (auto& item : items)
    if (item.id == id) {
      item.status = ItemStatus::done;
      item.done_on = on;
    }
}

// Items whose window closed before `until`: most done on their day, some missed, some
// never recorded (the worklist's closed windows).
void record_follow_up(std::vector<ScheduledItem>& items, const CivilDate& until, std::mt19937& rng) {
  for (auto& item : items) {
    if (item.status != ItemStatus::planned || item.window_end >= until) continue;
    if (item.kind != "visit" && item.kind != "imaging" && item.kind != "questionnaire" && item.kind != "order")
      continue;
    const int roll = uniform(rng, 0, 99);
    if (roll < 86) {
      item.status = ItemStatus::done;
      item.done_on = item.start;
    } else if (roll < 92) {
      item.status = ItemStatus::missed;
    }
  }
}

std::vector<store::QuestionnaireResponseRow> answers_of(const History& h, const Protocol& protocol,
                                                        const std::string& by, std::mt19937& rng) {
  std::vector<store::QuestionnaireResponseRow> out;
  const demo::Course course = demo::course_of(rng);
  const CivilDate injection = *h.episode.injection_date;
  for (const ScheduledItem& item : h.schedule) {
    if (item.kind != "questionnaire" || item.status != ItemStatus::done || !item.done_on) continue;
    const ProtocolItem* def = protocol.find_item(item.id);
    if (def == nullptr) continue;
    for (const std::string& key : def->instruments)
      if (auto r = demo::demo_response(key, course, item, injection, h.episode.centre_id, by, rng))
        out.push_back(std::move(*r));
  }
  return out;
}

// One in sixteen treated hips has an adverse event, graded and resolved; one in twenty of
// those injected in the last four months reported a red flag, open if it came in the
// last two days, else triaged as no adverse event.
void add_events(History& h, const HistoryPlan& plan, std::mt19937& rng) {
  using service::Actor;
  const Episode& e = h.episode;
  const CivilDate injection = *e.injection_date;
  const Actor surgeon{plan.surgeon, service::Role::surgeon, e.centre_id};
  if (uniform(rng, 0, 15) == 0) {
    const demo::DemoEvent& ev = demo::kDemoEvents[static_cast<std::size_t>(uniform(rng, 0, 9))];
    const CivilDate onset = injection.plus_days(uniform(rng, 1, 10));
    if (onset < plan.today) {
      service::AdverseEventInput in{ev.category, ev.severity, ev.description, onset, {}};
      store::AdverseEventRow a =
          service::adverse_event_rows::event_row(surgeon, e, "adverse_event", in, demo::clock_on(onset.plus_days(1)));
      EventAssessment assessment;
      assessment.ctcae_grade = ev.grade;
      if (ev.hospitalised) assessment.serious = {SeriousReason::hospitalisation};
      assessment.relatedness = ev.related;
      assessment.outcome = EventOutcome::resolved;
      service::adverse_event_rows::set_assessment(a, assessment);
      a.status = "resolved";
      a.assessed_by = surgeon.user;
      a.assessed_at = a.reported_at;
      h.events.push_back(std::move(a));
    }
  }
  const auto since = plan.today.days_since_epoch() - injection.days_since_epoch();
  if (e.state != S::follow_up || since > 120 || uniform(rng, 0, 19) != 0) return;
  const CivilDate reported = plan.today.plus_days(-uniform(rng, 0, std::min<int>(20, static_cast<int>(since))));
  const Actor patient{"patient", service::Role::patient, e.centre_id, false, h.patient.id};
  const char* categories[] = {"unusual_pain", "swelling", "redness"};
  service::AdverseEventInput in{categories[uniform(rng, 0, 2)],
                                uniform(rng, 0, 2) ? "moderate" : "mild",
                                "از دیروز ران درد و ورم دارد",
                                reported,
                                {}};
  store::AdverseEventRow flag =
      service::adverse_event_rows::event_row(patient, e, "red_flag", in, demo::clock_on(reported));
  if (plan.today.days_since_epoch() - reported.days_since_epoch() > 2) {
    const std::string at = demo::clock_on(reported.plus_days(1)).now_iso();
    flag.status = "resolved";
    flag.acknowledged_by = plan.coordinator;
    flag.acknowledged_role = "coordinator";
    flag.acknowledged_at = at;
    flag.triage = "not_adverse_event";
    flag.triage_reason = "expected soreness after the injection, settled on a phone call";
    flag.assessed_by = plan.coordinator;
    flag.assessed_at = at;
  }
  h.events.push_back(std::move(flag));
}

}  // namespace

Patient person(std::uint64_t seed, std::int64_t index) {
  std::mt19937 rng = engine(seed, index, 1);
  Patient p;
  const bool female = uniform(rng, 0, 99) < 55;
  const demo::Name& first = female ? demo::kFemale[uniform(rng, 0, demo::kFemale.size() - 1)]
                                   : demo::kMale[uniform(rng, 0, demo::kMale.size() - 1)];
  const int family_pick = uniform(rng, 0, demo::kFamily.size() + kJoinedFamily.size() - 1);
  const demo::Name& family = family_pick < static_cast<int>(demo::kFamily.size())
                                 ? demo::kFamily[static_cast<std::size_t>(family_pick)]
                                 : kJoinedFamily[static_cast<std::size_t>(family_pick) - demo::kFamily.size()];
  p.sex = female ? Sex::female : Sex::male;
  p.name_fa = std::string(first.fa) + " " + family.fa;
  if (uniform(rng, 0, 19) == 0) p.name_fa = arabic_letters(p.name_fa);
  if (uniform(rng, 0, 19) != 0) p.name_latin = std::string(first.latin) + " " + family.latin;  // some: Persian only
  const std::string nine = spread_digits(index, seed, 9);
  p.national_id = nine + national_id_check_digit(nine);
  const char* operators[] = {"912", "935", "919", "901", "921"};
  p.mobile = std::string("+98") + operators[index % 5] + spread_digits(index, seed + 1, 7);
  p.consent = {true, uniform(rng, 0, 24) != 0, uniform(rng, 0, 6) != 0};
  return p;
}

History make_history(const HistoryPlan& plan) {
  std::mt19937 rng = engine(plan.seed, plan.index, 2);
  const Protocol& protocol = *plan.protocol;
  History h;
  h.patient = person(plan.seed, plan.index);
  h.patient.centre_id = plan.centre_id;
  h.patient.mrn = "MRN-" + std::to_string(100000 + plan.number_at_centre);

  const S target = pick_state(rng);
  const std::vector<S> path = demo::path_to(target);
  const bool injected = passes(path, S::injected);
  const auto [harvest, injection] = anchor_days(target, plan.today, rng);
  const CivilDate referral = std::min(plan.today, harvest.plus_days(-56));
  h.patient.birth_date = referral.plus_days(-uniform(rng, 40 * 365, 80 * 365));

  Episode& e = h.episode;
  e.centre_id = plan.centre_id;
  e.protocol_id = protocol.id;
  e.side = uniform(rng, 0, 2) == 0 ? Side::left : Side::right;
  e.diagnosis = {std::string(kIcd10Cm), e.side == Side::left ? "M16.12" : "M16.11"};
  e.tonnis_grade = uniform(rng, 1, 2);
  e.cell_source = uniform(rng, 0, 3) == 0 ? CellSource::adipose : CellSource::bone_marrow;
  e.guidance = uniform(rng, 0, 2) == 0 ? Guidance::fluoroscopy : Guidance::ultrasound;
  if (injected) e.injected_by = plan.surgeon;

  const std::string referral_at = demo::clock_on(referral).now_iso();
  h.transitions.push_back(
      {0, S::referred, S::referred, "referral", plan.coordinator, "coordinator", referral_at, referral});
  S state = S::referred;
  CivilDate last = referral;
  const auto since = plan.today.days_since_epoch() - injection.days_since_epoch();
  for (const S s : path) {
    CivilDate on = std::max(last, demo::day_of_step(s, referral, harvest, injection, injected, plan.today));
    std::string reason = step_reason(s);
    if (s == S::lost_to_follow_up || s == S::converted_to_thr)
      on = std::min(plan.today, injection.plus_days(std::max<std::int64_t>(1, since * uniform(rng, 20, 90) / 100)));
    if (s == S::eligible || s == S::ineligible) {
      const int kl = s == S::eligible ? uniform(rng, 2, 3) : 4;
      const RecordedFindings recorded = demo::demo_hip_findings(kl, uniform(rng, 21, 33));
      const EligibilityResult result =
          assess_eligibility(protocol.eligibility, check_findings(recorded, protocol.eligibility));
      e.kl_grade = kl;
      h.eligibility = store::EligibilityRecord{0,
                                               0,
                                               store::findings_json(recorded),
                                               std::string(to_string(result.decision)),
                                               store::reasons_json(result.reasons),
                                               plan.surgeon,
                                               demo::clock_on(on).now_iso()};
      if (s == S::eligible && result.decision == Decision::needs_review) reason = "cautions reviewed by the surgeon";
    }
    if (s == S::scheduled) {
      e.harvest_date = harvest;
      e.injection_date = injection;
      h.schedule = derive_schedule(protocol, {{"harvest", harvest}, {"injection", injection}});
    }
    if (s == S::harvested) mark(h.schedule, "harvest", on);
    if (s == S::injected) mark(h.schedule, "injection", on);
    const bool clinical =
        s == S::eligible || s == S::ineligible || s == S::harvested || s == S::injected || s == S::converted_to_thr;
    h.transitions.push_back({0, state, s, reason, clinical ? plan.surgeon : plan.coordinator,
                             clinical ? "surgeon" : "coordinator", demo::clock_on(on).now_iso(), on});
    state = s;
    last = on;
  }
  e.state = state;
  if (injected) {
    const bool ended = target == S::completed || target == S::lost_to_follow_up || target == S::converted_to_thr;
    record_follow_up(h.schedule, ended ? last : plan.today, rng);
    h.responses = answers_of(h, protocol, plan.coordinator, rng);
    add_events(h, plan, rng);
  }
  return h;
}

}  // namespace rp::bench::scale
