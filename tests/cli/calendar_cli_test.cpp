// `regenpath schedule --format ics`: the schedule as iCalendar, read back by an
// independent reader (python3-icalendar) and held against the schedule's own JSON.
#include <gtest/gtest.h>

#include <map>
#include <set>

#include "base/civil_date.hpp"
#include "score_cli_support.hpp"
#include "tests/support/ics_reader.hpp"

namespace rp::cli_test {
namespace {

const char* kPlan = "schedule --protocol hip-msc-v1 --harvest 2026-12-01 --injection 2026-12-01";
const char* kStamp = " --now 2026-11-20T08:30:00Z";

std::string day_after(const std::string& iso) { return parse_gregorian(iso, "test").plus_days(1).iso(); }

nlohmann::json ics_events_of(const std::string& args) {
  const auto r = run(args, "");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  return test::read_ics_events(r.out).at("events");
}

std::map<std::string, nlohmann::json> by_uid(const nlohmann::json& events) {
  std::map<std::string, nlohmann::json> out;
  for (const auto& e : events) out[e.at("uid").get<std::string>()] = e;
  return out;
}

// Every dated item is one all-day event over its days (a questionnaire over its
// window), titled and described as the schedule titles it in that language.
void expect_events_match_schedule(const std::string& lang) {
  const auto schedule = run(std::string(kPlan) + " --lang " + lang, "");
  ASSERT_EQ(schedule.exit_code, 0) << schedule.err;
  const auto items = schedule.json();
  const auto events = ics_events_of(std::string(kPlan) + " --format ics --lang " + lang + kStamp);
  ASSERT_EQ(events.size(), items.size());
  const auto uids = by_uid(events);
  ASSERT_EQ(uids.size(), items.size()) << "every UID is its own";
  for (const auto& item : items) {
    const std::string id = item.at("id");
    const auto found = uids.find(id + ".plan@regenpath");
    ASSERT_NE(found, uids.end()) << id;
    const auto& e = found->second;
    const bool questionnaire = item.at("kind") == "questionnaire";
    EXPECT_TRUE(e.at("all_day").get<bool>()) << id;
    EXPECT_EQ(e.at("start"), item.at(questionnaire ? "window_start" : "start")) << id;
    EXPECT_EQ(e.at("end"), day_after(item.at(questionnaire ? "window_end" : "end"))) << id;
    EXPECT_EQ(e.at("summary"), item.at("titles").at(lang)) << id;
    EXPECT_EQ(e.at("description"), item.contains("details") ? item.at("details").at(lang) : nlohmann::json("")) << id;
    EXPECT_EQ(e.at("stamp"), "2026-11-20T08:30:00+00:00") << id;
  }
}

TEST(CalendarCli, IcsEventsMatchTheScheduleInEnglish) { expect_events_match_schedule("en"); }

TEST(CalendarCli, IcsEventsMatchTheScheduleInPersian) {
  expect_events_match_schedule("fa");
  // Dates stay machine values in a Persian calendar: ASCII digits only on DTSTART.
  const auto r = run(std::string(kPlan) + " --format ics --lang fa" + kStamp, "");
  EXPECT_NE(r.out.find("DTSTART;VALUE=DATE:20261201\r\n"), std::string::npos);
  EXPECT_NE(r.out.find("SUMMARY:ویزیت پیگیری ۲ هفته\r\n"), std::string::npos);
}

TEST(CalendarCli, AReplanMovesEventsButKeepsTheirUids) {
  const auto first = by_uid(ics_events_of(std::string(kPlan) + " --format ics" + kStamp));
  const auto moved = by_uid(ics_events_of(
      "schedule --protocol hip-msc-v1 --harvest 2027-01-10 --injection 2027-01-12 --format ics" + std::string(kStamp)));
  ASSERT_EQ(first.size(), moved.size());
  for (const auto& [uid, e] : first) {
    ASSERT_TRUE(moved.count(uid)) << uid;
    EXPECT_NE(moved.at(uid).at("start"), e.at("start")) << uid;
  }
  // The same plan twice gives the same calendar, byte for byte, at a fixed DTSTAMP.
  EXPECT_EQ(run(std::string(kPlan) + " --format ics" + kStamp, "").out,
            run(std::string(kPlan) + " --format ics" + kStamp, "").out);
}

TEST(CalendarCli, JsonStaysTheDefaultAndABadStampNamesItsField) {
  EXPECT_TRUE(run(kPlan, "").json().is_array());
  const auto r = run(std::string(kPlan) + " --format ics --now 2026-11-20", "");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.error_field(), "now");
  EXPECT_TRUE(r.out.empty());
}

}  // namespace
}  // namespace rp::cli_test
