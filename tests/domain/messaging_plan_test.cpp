// The messages one episode's schedule asks for (domain/messaging/plan.hpp): a demo-like
// patient's whole first year gives exactly these messages at these instants (09:00 in
// Tehran, 05:30 UTC), and quiet hours, consent and answered questionnaires change it as
// they should.
#include <gtest/gtest.h>

#include <algorithm>

#include "base/clock.hpp"
#include "base/error.hpp"
#include "domain/messaging/plan.hpp"
#include "domain/messaging/templates.hpp"
#include "test_protocols.hpp"

namespace rp::messaging {
namespace {

Patient messaging_patient() {
  Patient p;
  p.id = 3;
  p.centre_id = "a";
  p.name_fa = "مریم";
  p.name_latin = "Maryam";
  p.mobile = "+989121234567";
  p.consent.contact = true;
  return p;
}

std::vector<ScheduledItem> messaging_schedule() {
  return derive_schedule(test::hip_protocol(),
                         {{"harvest", parse_gregorian("2027-01-10")}, {"injection", parse_gregorian("2027-01-12")}});
}

std::string utc(std::int64_t ms) { return Clock::fixed(ms).now_iso(); }

TEST(MessagingPlan, ADemoPatientsFirstYearGivesExactlyTheseMessages) {
  const auto plan = plan_messages(7, messaging_patient(), test::hip_protocol(), messaging_schedule(), {});
  std::vector<std::string> first_year;
  for (const auto& m : plan)
    if (m.due_ms < instant_ms("2028-01-12T00:00:00Z"))
      first_year.push_back(utc(m.due_ms).substr(0, 10) + " " + m.template_id + " " + m.item_id);
  const std::vector<std::string> expected = {
      "2026-12-05 visit_day_before consultation",
      "2026-12-13 questionnaire_invite prom-baseline",
      "2026-12-16 questionnaire_reminder prom-baseline",
      "2026-12-20 questionnaire_reminder prom-baseline",
      "2026-12-24 hold_soon hold-anti-inflammatory",
      "2026-12-24 hold_blood_thinner_soon hold-blood-thinner",
      "2026-12-27 hold_today hold-anti-inflammatory",
      "2026-12-27 hold_blood_thinner_today hold-blood-thinner",
      "2027-01-09 procedure_day_before harvest",
      "2027-01-09 hold_soon no-nsaid",
      "2027-01-11 procedure_day_before injection",
      "2027-01-12 rehab_start no-high-impact",
      "2027-01-12 hold_today no-nsaid",
      "2027-01-12 rest_start rest-48h",
      "2027-01-23 questionnaire_invite prom-2w",
      "2027-01-25 visit_day_before visit-2w",
      "2027-01-26 questionnaire_reminder prom-2w",
      "2027-01-26 rehab_start rehab-water-stretch",
      "2027-01-30 questionnaire_reminder prom-2w",
      "2027-02-02 rehab_start rehab-walking",
      "2027-02-16 questionnaire_invite prom-6w",
      "2027-02-19 questionnaire_reminder prom-6w",
      "2027-02-22 visit_day_before visit-6w",
      "2027-02-23 questionnaire_reminder prom-6w",
      "2027-03-12 rehab_start rehab-strength",
      "2027-03-29 questionnaire_invite prom-3m",
      "2027-04-01 questionnaire_reminder prom-3m",
      "2027-04-05 questionnaire_reminder prom-3m",
      "2027-04-05 visit_day_before visit-12w",
      "2027-04-11 imaging_day_before imaging-3m",
      "2027-06-12 questionnaire_invite prom-6m",
      "2027-06-15 questionnaire_reminder prom-6m",
      "2027-06-19 questionnaire_reminder prom-6m",
      "2027-07-11 imaging_day_before imaging-6m",
      "2027-12-13 questionnaire_invite prom-12m",
      "2027-12-16 questionnaire_reminder prom-12m",
      "2027-12-20 questionnaire_reminder prom-12m",
  };
  EXPECT_EQ(first_year, expected);
  // Every one at 09:00 in Tehran (UTC+03:30), none inside quiet hours.
  for (const auto& m : plan) EXPECT_EQ(utc(m.due_ms).substr(10), "T05:30:00.000Z") << m.dedupe_key;
  // The 24- and 36-month time points follow: three messages each.
  EXPECT_EQ(plan.size(), expected.size() + 6);
  // Keys are unique and name the episode, the item, the message and its day.
  std::vector<std::string> keys;
  for (const auto& m : plan) keys.push_back(m.dedupe_key);
  std::sort(keys.begin(), keys.end());
  EXPECT_EQ(std::adjacent_find(keys.begin(), keys.end()), keys.end());
  const auto visit = std::find_if(plan.begin(), plan.end(), [](const auto& m) { return m.item_id == "visit-2w"; });
  ASSERT_NE(visit, plan.end());
  EXPECT_EQ(visit->dedupe_key, "episode:7:item:visit-2w:day-before:2027-01-25");
  EXPECT_EQ(visit->group, "episode:7:item:visit-2w");
  EXPECT_EQ(visit->about, parse_gregorian("2027-01-26"));
  EXPECT_EQ(utc(visit->expires_ms), "2027-01-25T20:30:00.000Z");  // midnight in Tehran, the visit's day
}

TEST(MessagingPlan, AMessageDueInQuietHoursWaitsForTheirEnd) {
  SendingHours late;
  late.send_minute = 22 * 60;  // 22:00 local: inside 21:00-08:00
  const auto plan = plan_messages(7, messaging_patient(), test::hip_protocol(), messaging_schedule(), late);
  ASSERT_FALSE(plan.empty());
  // The consultation's reminder, meant for 22:00 on 2026-12-05, goes at 08:00 the next
  // morning (04:30 UTC).
  EXPECT_EQ(utc(plan.front().due_ms), "2026-12-06T04:30:00.000Z");
  EXPECT_TRUE(in_quiet_hours(instant_ms("2026-12-05T18:00:00Z"), {}));   // 21:30 local
  EXPECT_TRUE(in_quiet_hours(instant_ms("2026-12-06T04:29:00Z"), {}));   // 07:59 local
  EXPECT_FALSE(in_quiet_hours(instant_ms("2026-12-06T04:30:00Z"), {}));  // 08:00 local
  EXPECT_FALSE(in_quiet_hours(instant_ms("2026-12-05T17:29:00Z"), {}));  // 20:59 local
  EXPECT_EQ(utc(outside_quiet_hours(instant_ms("2026-12-05T21:00:00Z"), {})), "2026-12-06T04:30:00.000Z");
}

TEST(MessagingPlan, NoConsentOrNoMobileMeansNoMessages) {
  Patient p = messaging_patient();
  p.consent.contact = false;
  EXPECT_TRUE(plan_messages(7, p, test::hip_protocol(), messaging_schedule(), {}).empty());
  p = messaging_patient();
  p.mobile.clear();
  EXPECT_TRUE(plan_messages(7, p, test::hip_protocol(), messaging_schedule(), {}).empty());
}

TEST(MessagingPlan, ItemsDoneOrAnsweredAreNotMessaged) {
  auto items = messaging_schedule();
  for (auto& item : items)
    if (item.id == "prom-2w" || item.id == "visit-6w") item.status = ItemStatus::done;
  const auto plan = plan_messages(7, messaging_patient(), test::hip_protocol(), items, {});
  for (const auto& m : plan) {
    EXPECT_NE(m.item_id, "prom-2w");
    EXPECT_NE(m.item_id, "visit-6w");
  }
  // A re-planned injection moves its messages to other keys.
  auto moved = derive_schedule(
      test::hip_protocol(), {{"harvest", parse_gregorian("2027-01-10")}, {"injection", parse_gregorian("2027-01-19")}});
  const auto replanned = plan_messages(7, messaging_patient(), test::hip_protocol(), moved, {});
  const auto has = [](const std::vector<PlannedMessage>& plan, const std::string& key) {
    return std::any_of(plan.begin(), plan.end(), [&](const auto& m) { return m.dedupe_key == key; });
  };
  EXPECT_FALSE(has(replanned, "episode:7:item:visit-2w:day-before:2027-01-25"));
  EXPECT_TRUE(has(replanned, "episode:7:item:visit-2w:day-before:2027-02-01"));
}

TEST(MessagingTemplates, EveryTemplateRendersInBothLanguages) {
  const auto& t = MessageTemplates::built_in();
  for (const char* id : {"hold_soon", "hold_today", "hold_blood_thinner_soon", "hold_blood_thinner_today",
                         "visit_day_before", "imaging_day_before", "procedure_day_before", "rest_start", "rehab_start",
                         "questionnaire_invite", "questionnaire_reminder"}) {
    EXPECT_TRUE(t.has(id)) << id;
    const std::map<std::string, std::string> values = {{"name", "N"}, {"item", "I"}, {"date", "D"}};
    EXPECT_EQ(t.render(id, "fa", values).find('{'), std::string::npos) << id;
    EXPECT_EQ(t.render(id, "en", values).find('{'), std::string::npos) << id;
  }
  const std::string fa =
      t.render("visit_day_before", "fa", {{"name", "مریم"}, {"item", "ویزیت"}, {"date", "۱۴۰۵/۱۱/۰۵"}});
  EXPECT_EQ(fa, "مریم گرامی، فردا ۱۴۰۵/۱۱/۰۵: ویزیت.");
  // The blood thinners carry the prescriber's rule in both languages.
  EXPECT_NE(t.render("hold_blood_thinner_soon", "en", {}).find("prescribing doctor"), std::string::npos);
  EXPECT_NE(t.render("hold_blood_thinner_soon", "fa", {}).find("پزشک تجویزکننده"), std::string::npos);
  // Persian texts carry no Latin digits.
  const std::string soon = t.render("hold_soon", "fa", {});
  EXPECT_EQ(soon.find_first_of("0123456789"), std::string::npos);
}

TEST(MessagingTemplates, AFileWithAnUnknownPlaceholderOrALanguageMissingIsRefused) {
  EXPECT_THROW(MessageTemplates::parse("templates:\n  a:\n    en: \"hi {nmae}\"\n    fa: \"x\"\n"), InputError);
  EXPECT_THROW(MessageTemplates::parse("templates:\n  a:\n    en: \"hi {name}\"\n"), InputError);
  EXPECT_THROW(MessageTemplates::parse("templates: [1, 2]"), InputError);
  EXPECT_THROW(MessageTemplates::parse("templates:\n  a:\n    en: \"hi {name\"\n    fa: \"x\"\n"), InputError);
  EXPECT_THROW(MessageTemplates::built_in().render("no_such", "en", {}), InputError);
  // Every template has an e-mail subject in both languages, one line, of the same placeholders.
  const std::string body = "templates:\n  a:\n    en: \"hi {name}\"\n    fa: \"x {link}\"\n";
  EXPECT_THROW(MessageTemplates::parse(body), InputError);
  EXPECT_THROW(MessageTemplates::parse(body + "    subject:\n      en: \"s {item}\"\n"), InputError);
  EXPECT_THROW(MessageTemplates::parse(body + "    subject:\n      en: \"s {nmae}\"\n      fa: \"t\"\n"), InputError);
  EXPECT_THROW(MessageTemplates::parse(body + "    subject:\n      en: \"s\\r\\nBcc: x@y.ir\"\n      fa: \"t\"\n"),
               InputError);
  const auto ok = MessageTemplates::parse(body + "    subject:\n      en: \"s {item}\"\n      fa: \"ت {item}\"\n");
  EXPECT_EQ(ok.render_subject("a", "en", {{"item", "Visit"}}), "s Visit");
  EXPECT_EQ(ok.render_subject("a", "fa", {{"item", "ویزیت"}}), "ت ویزیت");
}

TEST(MessagingTemplates, EveryBuiltInTemplateHasASubjectInBothLanguages) {
  const auto& t = MessageTemplates::built_in();
  for (const char* id : {"hold_soon", "hold_today", "hold_blood_thinner_soon", "hold_blood_thinner_today",
                         "visit_day_before", "imaging_day_before", "procedure_day_before", "rest_start", "rehab_start",
                         "questionnaire_invite", "questionnaire_reminder", "red_flag_on_call"}) {
    const std::string en = t.render_subject(id, "en", {{"item", "X"}, {"centre", "C"}});
    const std::string fa = t.render_subject(id, "fa", {{"item", "X"}, {"centre", "C"}});
    EXPECT_FALSE(en.empty()) << id;
    EXPECT_NE(en, fa) << id;
    EXPECT_EQ(fa.find_first_of("0123456789"), std::string::npos) << id;
  }
}

}  // namespace
}  // namespace rp::messaging
