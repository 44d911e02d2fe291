#pragma once
// The pieces of a plausible patient history that the demo database and the scale bench's
// generator (bench/scale) share: names in both scripts, valid national ids, the states an
// episode passes through and the day of each step, how a hip responds and the answers it
// gives, and typical adverse events. Deterministic for a given random engine.
#include <array>
#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "base/civil_date.hpp"
#include "base/clock.hpp"
#include "domain/adverse_event.hpp"
#include "domain/episode.hpp"
#include "domain/instruments/registry.hpp"
#include "domain/instruments/sent_answers.hpp"
#include "domain/schedule.hpp"
#include "store/submission_records.hpp"

namespace rp::demo {

struct Name {
  const char* fa;
  const char* latin;
};
inline constexpr std::array<Name, 12> kFemale{{{"مریم", "Maryam"},
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
inline constexpr std::array<Name, 12> kMale{{{"علی", "Ali"},
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
inline constexpr std::array<Name, 16> kFamily{{{"رضایی", "Rezaei"},
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

// Nine random digits and the check digit that makes a valid national id.
std::string national_id(std::mt19937& rng);

// The states an episode passes through to reach `target`, in order.
std::vector<EpisodeState> path_to(EpisodeState target);

// The clinic's noon (09:00 UTC) of a day, as the fixed clock of the step recorded then.
Clock clock_on(const CivilDate& day);

// The day each step of an episode happened, so its history reads in order: referral
// eight weeks before the harvest, a step a week through screening and work-up, the
// product released on the injection day (or, while it waits, the day after harvest),
// follow-up from the injection, completion at the three-year visit. Nothing is dated
// after `today`; a step never precedes the one before it.
CivilDate day_of_step(EpisodeState s, const CivilDate& referral, const CivilDate& harvest, const CivilDate& injection,
                      bool injected, const CivilDate& today);

// How one patient's hip responds: most improve a little or a lot, some not at all, a few
// get worse; the benefit builds over three months and partly fades after a year.
struct Course {
  double peak;     // fraction of baseline symptoms relieved at best (negative = worse)
  int level;       // baseline HOOS item level 1–3 (0 = no problem, 4 = extreme)
  int pain;        // baseline NRS on activity 4–9
  int back_after;  // days from injection to usual daily activities
};
Course course_of(std::mt19937& rng);

// One instrument's answers `day` days after the injection, as the patient's course gives them.
instruments::SentAnswers demo_answers(std::string_view instrument, const Course& c, int day, const CivilDate& injection,
                                      std::mt19937& rng);

// One instrument's answers at a questionnaire time point done on `item.done_on`, scored
// by the instrument's own rules, as staff enter them: the row without its episode and id.
// nullopt for a key that names no instrument.
std::optional<store::QuestionnaireResponseRow> demo_response(const std::string& key, const Course& c,
                                                             const ScheduledItem& item, const CivilDate& injection,
                                                             const std::string& centre_id, const std::string& by,
                                                             std::mt19937& rng);

struct DemoEvent {
  const char* category;
  const char* severity;  // the patient's word
  int grade;             // CTCAE, as the surgeon graded it
  bool hospitalised;     // the seriousness criterion met, if any
  Relatedness related;
  const char* description;
};
// Mostly minor local reactions, as published series report them; one serious event in ten.
inline constexpr std::array<DemoEvent, 10> kDemoEvents{{
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

}  // namespace rp::demo
