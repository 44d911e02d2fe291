// Schedule mechanics. The dates the pathway gives (due dates, windows, holds, what the
// timeline shows on a day) are cases in tests/cases/protocols/*.yaml.
#include <gtest/gtest.h>

#include "domain/schedule.hpp"
#include "test_protocols.hpp"

namespace rp {
namespace {

const ScheduledItem& item(const std::vector<ScheduledItem>& items, const std::string& id) {
  for (const auto& s : items) {
    if (s.id == id) return s;
  }
  throw std::runtime_error("no item " + id);
}

std::vector<ScheduledItem> hip_schedule(const char* harvest, const char* injection) {
  return derive_schedule(test::hip_protocol(),
                         {{"harvest", parse_gregorian(harvest)}, {"injection", parse_gregorian(injection)}});
}

TEST(Schedule, IsDeterministicAndOrderedByStart) {
  const auto a = hip_schedule("2026-12-01", "2026-12-01");
  const auto b = hip_schedule("2026-12-01", "2026-12-01");
  ASSERT_EQ(a.size(), b.size());
  for (std::size_t i = 0; i < a.size(); ++i) EXPECT_EQ(a[i].id, b[i].id);
  for (std::size_t i = 1; i < a.size(); ++i) EXPECT_LE(a[i - 1].start, a[i].start);
}

TEST(Schedule, OnlyItemsOfTheAnchorsGiven) {
  const auto s = derive_schedule(test::hip_protocol(), {{"harvest", parse_gregorian("2026-12-01")}});
  for (const auto& i : s) EXPECT_EQ(i.anchor, "harvest");
}

TEST(Schedule, MovingAnAnchorKeepsWhatIsDone) {
  auto s = hip_schedule("2026-12-01", "2026-12-01");
  for (auto& i : s) {
    if (i.id == "workup-mri" || i.id == "harvest") {
      i.status = ItemStatus::done;
      i.done_on = i.start;
    }
  }
  const auto moved =
      reschedule(test::hip_protocol(),
                 {{"harvest", parse_gregorian("2026-12-01")}, {"injection", parse_gregorian("2026-12-10")}}, s);
  EXPECT_EQ(item(moved, "workup-mri").status, ItemStatus::done);
  EXPECT_EQ(item(moved, "workup-mri").start.iso(), "2026-11-03");
  EXPECT_EQ(item(moved, "visit-2w").start.iso(), "2026-12-24");
  EXPECT_EQ(item(moved, "visit-2w").status, ItemStatus::planned);
  EXPECT_EQ(moved.size(), s.size());
}

// What the timeline shows for an item with nothing recorded is in the case files; a
// recorded outcome wins over the calendar.
TEST(Schedule, TimelineStatesOfARecordedItem) {
  const auto s = hip_schedule("2026-12-01", "2026-12-01");
  ScheduledItem v = item(s, "visit-2w");  // due 12-15, window 12-12 .. 12-18
  const auto on = [&](const char* day) { return std::string(to_string(timeline_state(v, parse_gregorian(day)))); };
  v.status = ItemStatus::done;
  EXPECT_EQ(on("2026-12-19"), "done");
  EXPECT_EQ(on("2026-12-01"), "done");
  v.status = ItemStatus::missed;
  EXPECT_EQ(on("2026-12-13"), "missed");
  v.status = ItemStatus::cancelled;
  EXPECT_EQ(on("2026-12-13"), "cancelled");
}

// Holds, rest and rehab stages span days; visits and procedures are done on one day.
TEST(Schedule, WhichItemsSpanDays) {
  const auto s = hip_schedule("2026-12-01", "2026-12-05");
  EXPECT_FALSE(spans_days(item(s, "harvest")));
  EXPECT_TRUE(spans_days(item(s, "hold-blood-thinner")));
}

TEST(Schedule, RehabStageInEffect) {
  const auto s = hip_schedule("2026-12-01", "2026-12-01");
  const auto ids = [&](const char* day) {
    std::vector<std::string> out;
    for (const auto& i : in_effect(s, "rehab", parse_gregorian(day))) out.push_back(i.id);
    return out;
  };
  EXPECT_EQ(ids("2026-11-30"), std::vector<std::string>{});
  EXPECT_EQ(ids("2026-12-01"), std::vector<std::string>{"no-high-impact"});
  EXPECT_EQ(ids("2026-12-15"), (std::vector<std::string>{"no-high-impact", "rehab-water-stretch"}));
  EXPECT_EQ(ids("2027-02-01"),
            (std::vector<std::string>{"no-high-impact", "rehab-water-stretch", "rehab-walking", "rehab-strength"}));
  EXPECT_EQ(ids("2027-03-02"), std::vector<std::string>{});
}

}  // namespace
}  // namespace rp
