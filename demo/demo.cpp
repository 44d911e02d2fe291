#include "demo/demo.hpp"

#include <array>
#include <random>

#include "base/error.hpp"
#include "domain/instruments/hoos.hpp"
#include "domain/instruments/oxford_hip.hpp"
#include "domain/instruments/registry.hpp"
#include "service/accounts.hpp"
#include "service/audit_entry.hpp"
#include "service/protocols.hpp"
#include "store/json_columns.hpp"
#include "store/response_scores.hpp"

namespace rp::demo {
using namespace rp::service;

namespace {

struct Name {
  const char* fa;
  const char* latin;
};
constexpr std::array<Name, 12> kFemale{{{"مریم", "Maryam"},
                                        {"زهرا", "Zahra"},
                                        {"فاطمه", "Fatemeh"},
                                        {"سارا", "Sara"},
                                        {"نرگس", "Narges"},
                                        {"لیلا", "Leila"},
                                        {"پروین", "Parvin"},
                                        {"شیرین", "Shirin"},
                                        {"مینا", "Mina"},
                                        {"الهام", "Elham"},
                                        {"طاهره", "Tahereh"},
                                        {"فرزانه", "Farzaneh"}}};
constexpr std::array<Name, 12> kMale{{{"علی", "Ali"},
                                      {"محمد", "Mohammad"},
                                      {"حسین", "Hossein"},
                                      {"رضا", "Reza"},
                                      {"مهدی", "Mahdi"},
                                      {"حسن", "Hassan"},
                                      {"مجید", "Majid"},
                                      {"بهرام", "Bahram"},
                                      {"کاوه", "Kaveh"},
                                      {"داریوش", "Dariush"},
                                      {"جواد", "Javad"},
                                      {"سعید", "Saeed"}}};
constexpr std::array<Name, 16> kFamily{{{"رضایی", "Rezaei"},
                                        {"احمدی", "Ahmadi"},
                                        {"محمدی", "Mohammadi"},
                                        {"حسینی", "Hosseini"},
                                        {"کریمی", "Karimi"},
                                        {"موسوی", "Mousavi"},
                                        {"جعفری", "Jafari"},
                                        {"صادقی", "Sadeghi"},
                                        {"رحیمی", "Rahimi"},
                                        {"نوری", "Nouri"},
                                        {"کاظمی", "Kazemi"},
                                        {"قاسمی", "Ghasemi"},
                                        {"شریفی", "Sharifi"},
                                        {"تهرانی", "Tehrani"},
                                        {"اصفهانی", "Esfahani"},
                                        {"شیرازی", "Shirazi"}}};

const std::vector<Centre>& demo_centres() {
  static const std::vector<Centre> centres{
      {"tehran-1", "Tehran Cell Therapy Centre", "مرکز سلول‌درمانی تهران", "Tehran", "تهران",
       "licensed", "TH-1402-117", "+982100000001"},
      {"mashhad-1", "Mashhad Orthopaedic Centre", "مرکز ارتوپدی مشهد", "Mashhad", "مشهد", "licensed", "MS-1401-052",
       "+985100000002"},
      {"shiraz-1", "Shiraz Regenerative Clinic", "درمانگاه طب بازساختی شیراز", "Shiraz", "شیراز", "pending", "",
       "+987100000003"},
  };
  return centres;
}

// Nine random digits and the check digit that makes a valid national id.
std::string national_id(std::mt19937& rng) {
  std::uniform_int_distribution<int> digit(0, 9);
  std::string d;
  for (int i = 0; i < 9; ++i) d.push_back(static_cast<char>('0' + digit(rng)));
  d.push_back(national_id_check_digit(d));
  return d;
}

// The states an episode passes through to reach `target`, in order.
std::vector<EpisodeState> path_to(EpisodeState target) {
  using S = EpisodeState;
  const std::vector<S> main{S::screening, S::eligible,         S::workup,   S::scheduled,
                            S::harvested, S::product_released, S::injected, S::follow_up};
  std::vector<S> path;
  switch (target) {
    case S::referred:
      return {};
    case S::ineligible:
      return {S::screening, S::ineligible};
    case S::completed:
    case S::converted_to_thr:
    case S::lost_to_follow_up:
      path = main;
      path.push_back(target);
      return path;
    case S::withdrawn:
      return {S::screening, S::eligible, S::workup, S::withdrawn};
    default:
      for (S s : main) {
        path.push_back(s);
        if (s == target) break;
      }
      return path;
  }
}

// The clinic's noon (09:00 UTC) of a day, as the fixed clock of the step recorded then.
Clock clock_on(const CivilDate& day) {
  constexpr std::int64_t kNineUtcSeconds = std::int64_t{9} * 3600;
  return Clock::fixed((day.days_since_epoch() * 86400 + kNineUtcSeconds) * 1000);
}

// The day each step of an episode happened, so its history reads in order: referral
// eight weeks before the harvest, a step a week through screening and work-up, the
// product released on the injection day (or, while it waits, the day after harvest),
// follow-up from the injection, completion at the three-year visit. Nothing is dated after `today`; a step never
// precedes the one before it.
CivilDate day_of_step(EpisodeState s, const CivilDate& referral, const CivilDate& harvest, const CivilDate& injection,
                      bool injected, const CivilDate& today) {
  using S = EpisodeState;
  CivilDate d = today;
  switch (s) {
    case S::screening:
      d = referral.plus_days(7);
      break;
    case S::eligible:
    case S::ineligible:
      d = referral.plus_days(14);
      break;
    case S::workup:
      d = referral.plus_days(21);
      break;
    case S::scheduled:
    case S::withdrawn:
      d = referral.plus_days(28);
      break;
    case S::harvested:
      d = harvest;
      break;
    case S::product_released:
      d = injected ? injection : harvest.plus_days(1);
      break;
    case S::injected:
    case S::follow_up:
      d = injection;
      break;
    case S::completed:  // the three-year visit
      d = injection.plus_days(1096);
      break;
    default:
      break;
  }
  return std::min(d, today);
}

RecordedFindings findings(bool eligible, std::mt19937& rng) {
  std::uniform_int_distribution<int> kl(2, 3), bmi(21, 33);
  return demo_hip_findings(eligible ? kl(rng) : 4, bmi(rng));
}

// ---- questionnaire answers and adverse events, so the outcome report has content ----

// How one patient's hip responds: most improve a little or a lot, some not at all, a few
// get worse; the benefit builds over three months and partly fades after a year.
struct Course {
  double peak;     // fraction of baseline symptoms relieved at best (negative = worse)
  int level;       // baseline HOOS item level 1–3 (0 = no problem, 4 = extreme)
  int pain;        // baseline NRS on activity 4–9
  int back_after;  // days from injection to usual daily activities
};

Course course_of(std::mt19937& rng) {
  std::discrete_distribution<int> kind{35, 30, 25, 10};  // strong, moderate, none, worse
  std::uniform_int_distribution<int> level(1, 3), pain(4, 9), back(2, 30);
  const double peaks[] = {0.65, 0.35, 0.05, -0.15};
  return {peaks[kind(rng)], level(rng), pain(rng), back(rng)};
}

double relief(const Course& c, int day) {
  if (day <= 0) return 0;
  const double build = std::min(1.0, day / 90.0);
  const double fade = day > 365 ? std::max(0.5, 1.0 - (day - 365) / 1460.0) : 1.0;
  return c.peak * build * fade;
}

instruments::SentAnswers demo_answers(std::string_view instrument, const Course& c, int day, const CivilDate& injection,
                                      std::mt19937& rng) {
  std::uniform_int_distribution<int> jitter(-1, 1);
  std::bernoulli_distribution skip(0.04);  // now and then an item is left blank
  const double f = relief(c, day);
  auto item = [&](double base, int lo, int hi) {
    return std::clamp(static_cast<int>(std::lround(base * (1 - f))) + jitter(rng), lo, hi);
  };
  // Items in id order, as the answers_json column keeps them.
  std::map<std::string, instruments::SentValue> a;
  if (instrument == "nrs") {
    const int activity = item(c.pain, 0, 10);
    a["pain_activity"] = activity;
    a["pain_rest"] = std::max(0, activity - 2);
  } else if (instrument == "hoos") {
    for (std::string_view id : instruments::kHoosItemIds)
      if (!skip(rng)) a[std::string(id)] = item(c.level, 0, 4);
  } else if (instrument == "oxford-hip") {
    for (std::string_view id : instruments::kOxfordHipItemIds) a[std::string(id)] = 4 - item(c.level, 0, 4);
  } else if (instrument == "patient-global") {
    a["global"] = std::clamp(static_cast<int>(std::lround(c.pain * 10 * (1 - f))) + 5 * jitter(rng), 0, 100);
  } else if (instrument == "return-to-activity") {
    a["returned_on"] = c.back_after <= day ? injection.plus_days(c.back_after).iso() : std::string("not_yet");
  } else if (instrument == "satisfaction") {
    a["satisfaction"] = f > 0.3 ? 4 + (jitter(rng) > 0) : 2 + jitter(rng);
  }
  instruments::SentAnswers out;
  for (auto& [id, v] : a) out.push_back({id, std::move(v)});
  return out;
}

struct DemoEvent {
  const char* category;
  const char* severity;  // the patient's word
  int grade;             // CTCAE, as the surgeon graded it
  bool hospitalised;     // the seriousness criterion met, if any
  Relatedness related;
  const char* description;
};
// Mostly minor local reactions, as published series report them; one serious event in ten.
constexpr std::array<DemoEvent, 10> kDemoEvents{{
    {"injection_site_pain", "mild", 1, false, Relatedness::injection,
     "Pain at the injection site for three days, simple analgesics"},
    {"effusion", "moderate", 2, false, Relatedness::injection,
     "Hip effusion and swelling in the first week, settled with rest"},
    {"bleeding_haematoma", "mild", 1, false, Relatedness::harvest, "Bruising at the iliac-crest harvest site"},
    {"flare", "moderate", 2, false, Relatedness::injection, "Post-injection flare of pain, settled in ten days"},
    {"infection", "serious", 3, true, Relatedness::injection,
     "Septic arthritis, admitted for washout and intravenous antibiotics"},
    {"injection_site_pain", "mild", 1, false, Relatedness::injection, "Aching at the injection site for two days"},
    {"harvest_site_pain", "mild", 1, false, Relatedness::harvest, "Soreness at the harvest site for a week"},
    {"swelling", "mild", 1, false, Relatedness::injection, "Mild swelling of the hip region, no treatment needed"},
    {"vasovagal", "mild", 1, false, Relatedness::harvest, "Fainting feeling during the harvest, recovered lying down"},
    {"effusion", "moderate", 2, false, Relatedness::injection, "Effusion needing aspiration at the clinic"},
}};

// Answers for each questionnaire the schedule shows as done (up to a conversion), one
// adverse event for some patients, written as staff would enter them.
void add_outcome_data(store::Store& store, const Clock& clock, const Actor& op, const Protocol& protocol,
                      const EpisodeRecord& record, const CivilDate& injection, int index) {
  std::mt19937 rng(static_cast<unsigned>(7919 * index + 17));  // per patient, so the main sequence is untouched
  const Course c = course_of(rng);
  const Episode& e = record.episode;
  std::optional<CivilDate> converted;
  for (const Transition& t : record.transitions)
    if (t.to == EpisodeState::converted_to_thr) converted = t.on;
  std::bernoulli_distribution unanswered(0.08);
  store.write([&](store::Transaction& tx) {
    for (const ScheduledItem& item : record.schedule) {
      if (item.kind != "questionnaire" || item.status != ItemStatus::done || !item.done_on) continue;
      if ((converted && *item.done_on > *converted) || unanswered(rng)) continue;
      const ProtocolItem* def = protocol.find_item(item.id);
      if (def == nullptr) continue;
      const int day = static_cast<int>(item.done_on->days_since_epoch() - injection.days_since_epoch());
      for (const std::string& key : def->instruments) {
        const auto id = instruments::parse_instrument_key(key);
        if (!id) continue;
        store::QuestionnaireResponseRow r;
        r.episode_id = e.id;
        r.centre_id = e.centre_id;
        r.instrument = key;
        r.item_id = item.id;
        const instruments::SentAnswers answers = demo_answers(key, c, day, injection, rng);
        r.answers_json = store::answers_json(answers);
        const instruments::Scores scores = instruments::score(*id, instruments::answers_from(answers));
        r.scores_json = store::scores_json(scores);
        r.scores = store::typed_scores(scores);
        r.source = "staff";
        r.submitted_by = op.user;
        r.submitted_at = item.done_on->iso() + "T06:30:00.000Z";
        r.id = tx.insert_questionnaire_response(r);
        tx.append_audit(audit_entry(clock, op, e.centre_id, "questionnaire.submit", "episode", std::to_string(e.id),
                                    key + " " + item.id));
      }
    }
    if (index % 6 != 1) return;
    const DemoEvent& ev = kDemoEvents[static_cast<std::size_t>(index / 6) % kDemoEvents.size()];
    store::AdverseEventRow a;
    a.episode_id = e.id;
    a.centre_id = e.centre_id;
    a.kind = "adverse_event";
    a.category = ev.category;
    a.severity = ev.severity;
    a.description = ev.description;
    a.onset_date = injection.plus_days(2 + index % 5).iso();
    a.reported_by = op.user;
    a.role = to_string(op.role);
    a.reported_at = clock.now_iso();
    a.status = "resolved";
    a.assessment.ctcae_grade = ev.grade;
    if (ev.hospitalised) a.assessment.serious = {SeriousReason::hospitalisation};
    a.assessment.relatedness = ev.related;
    a.assessment.outcome = EventOutcome::resolved;
    validate_assessment(a.assessment);
    a.serious = a.assessment.is_serious();
    a.assessed_by = op.user;
    a.assessed_at = a.reported_at;
    a.id = tx.insert_adverse_event(a);
    tx.append_audit(audit_entry(clock, op, e.centre_id, "adverse_event.record", "episode", std::to_string(e.id),
                                std::string(ev.category)));
  });
}

}  // namespace

RecordedFindings demo_hip_findings(int kl_grade, int bmi) {
  return {{"kl_grade", kl_grade},
          {"active_infection", false},
          {"malignancy", false},
          {"bleeding_disorder", false},
          {"pregnancy", false},
          {"inflammatory_arthritis", false},
          {"weeks_since_intra_articular_steroid", 26},
          {"anticoagulant_use", false},
          {"diabetes", false},
          {"bmi", bmi}};
}

std::string demo_surgeon(const std::string& centre_id) { return "surgeon." + centre_id; }

DemoSummary build_demo(store::Store& store, const CivilDate& today, int patient_count) {
  std::mt19937 rng(20261124);
  // Timestamps are the clinic's noon of `today`, so the demo is the same on every run.
  const Clock clock = clock_on(today);
  Pathway pathway(store, clock);
  const Actor op = Actor::cli_operator();
  DemoSummary summary;
  for (const Centre& c : demo_centres()) pathway.upsert_centre(op, c);
  // Each centre's surgeon, recorded as the one who injected its patients (injected_by must
  // name an account of the centre). Serving the demo gives the account a password to show.
  Accounts accounts(store, clock);
  for (const Centre& c : demo_centres()) accounts.create(op, demo_surgeon(c.id), "surgeon", c.id, random_password());
  summary.centres = static_cast<int>(demo_centres().size());

  const auto& states = all_episode_states();
  const auto protocol = load_protocol("hip-msc-v1");
  std::uniform_int_distribution<int> pick_name(0, 11), pick_family(0, 15), age(45, 75), day_of_year(0, 364);
  for (int i = 0; i < patient_count; ++i) {
    const bool female = i % 2 == 0;
    const Name& first = female ? kFemale[pick_name(rng)] : kMale[pick_name(rng)];
    const Name& family = kFamily[pick_family(rng)];
    Patient p;
    p.centre_id = demo_centres()[i % demo_centres().size()].id;
    p.mrn = "MRN-" + std::to_string(1000 + i);
    p.name_fa = std::string(first.fa) + " " + family.fa;
    p.name_latin = std::string(first.latin) + " " + family.latin;
    p.sex = female ? Sex::female : Sex::male;
    p.birth_date = CivilDate::from_ymd(today.year() - age(rng), 1, 1).plus_days(day_of_year(rng));
    p.mobile = "+98912" + std::to_string(1000000 + i * 7919 % 9000000);
    p.national_id = national_id(rng);
    p.consent = {true, i % 7 != 0, i % 5 != 0};
    // When this episode's steps happen (see day_of_step): harvests over three years ago
    // for completed episodes, up to three years ago for the others past injection, in the last days for products
    // awaiting release or injection, in the coming weeks for the others.
    const EpisodeState target = states[i % states.size()];
    const std::vector<EpisodeState> path = path_to(target);
    const auto passes = [&path](EpisodeState s) { return std::find(path.begin(), path.end(), s) != path.end(); };
    const bool injected = passes(EpisodeState::injected);
    const bool awaiting_injection = passes(EpisodeState::harvested) && !injected;
    std::uniform_int_distribution<int> days_ago(40, 1000), days_ahead(5, 60), days_since_harvest(1, 6);
    std::uniform_int_distribution<int> over_three_years(1100, 1300);
    const CivilDate harvest = target == EpisodeState::completed ? today.plus_days(-over_three_years(rng))
                              : injected                        ? today.plus_days(-days_ago(rng))
                              : awaiting_injection              ? today.plus_days(-days_since_harvest(rng))
                                                                : today.plus_days(days_ahead(rng));
    // Some products are expanded in the laboratory for three weeks first.
    const CivilDate injection = harvest.plus_days(i % 5 == 0 || awaiting_injection ? 21 : 0);
    const CivilDate referral = std::min(today, harvest.plus_days(-56));
    const auto on = [&](const CivilDate& day) { return Pathway(store, clock_on(day)); };

    p = on(referral).add_patient(op, p);
    Episode e;
    e.patient_id = p.id;
    e.protocol_id = "hip-msc-v1";
    e.side = i % 3 == 0 ? Side::left : Side::right;
    e.diagnosis = {std::string(kIcd10Cm), e.side == Side::left ? "M16.12" : "M16.11"};
    e.tonnis_grade = 1 + i % 2;
    e.cell_source = i % 4 == 0 ? CellSource::adipose : CellSource::bone_marrow;
    e.guidance = i % 3 == 0 ? Guidance::fluoroscopy : Guidance::ultrasound;
    if (injected) e.injected_by = demo_surgeon(p.centre_id);
    e = on(referral).add_episode(op, e);

    for (EpisodeState s : path) {
      CivilDate day = day_of_step(s, referral, harvest, injection, injected, today);
      TransitionRequest req{s, "", day};
      if (s == EpisodeState::ineligible) req.reason = "severe osteoarthritis on X-ray";
      if (s == EpisodeState::withdrawn) req.reason = "patient chose not to proceed";
      const auto since = today.days_since_epoch() - injection.days_since_epoch();
      if (s == EpisodeState::lost_to_follow_up) {
        // Lost some months after the injection: the schedule after that day stays undone.
        req.reason = "no answer to three calls";
        req.on = injection.plus_days(std::max<std::int64_t>(1, since * (40 + i % 50) / 100));
      }
      if (s == EpisodeState::converted_to_thr) {
        req.reason = "total hip replacement after persistent pain";
        req.on = injection.plus_days(std::max<std::int64_t>(1, since * (30 + i % 60) / 100));
      }
      day = *req.on;
      Pathway at = on(day);
      if (s == EpisodeState::eligible || s == EpisodeState::ineligible) {
        at.assess_eligibility(op, e.id, findings(target != EpisodeState::ineligible, rng));
      }
      if (s == EpisodeState::scheduled) at.plan(op, e.id, harvest, injection);
      at.advance(op, e.id, req);
    }
    // Items whose window has passed were mostly done; a few were missed. Nothing is done
    // after the episode ended (lost to follow-up, converted to hip replacement).
    if (injected) {
      const auto record = pathway.episode_record(op, e.id);
      const CivilDate until = record.transitions.empty() ? today : std::min(today, record.transitions.back().on);
      int n = 0;
      for (const auto& item : record.schedule) {
        if (item.status != ItemStatus::planned || item.window_end >= until) continue;
        if (item.kind != "visit" && item.kind != "imaging" && item.kind != "questionnaire" && item.kind != "order")
          continue;
        const bool missed = (++n + i) % 9 == 0;
        pathway.mark_item(op, e.id, item.id, missed ? ItemStatus::missed : ItemStatus::done,
                          missed ? std::nullopt : std::optional<CivilDate>(item.start));
      }
      add_outcome_data(store, clock, op, *protocol, pathway.episode_record(op, e.id), injection, i);
    }
    ++summary.episodes_by_state[std::string(to_string(target))];
    ++summary.patients;
  }
  add_demo_extras(store, today, summary);
  return summary;
}

}  // namespace rp::demo
