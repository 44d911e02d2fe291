#include <gtest/gtest.h>

#include "base/error.hpp"
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

// The dates the "done when" names, for injection and harvest on 2026-12-01.
TEST(Schedule, SeedPathwayForInjectionOnFirstDecember) {
  const auto s = hip_schedule("2026-12-01", "2026-12-01");
  EXPECT_EQ(item(s, "visit-2w").start.iso(), "2026-12-15");
  EXPECT_EQ(item(s, "visit-6w").start.iso(), "2027-01-12");
  EXPECT_EQ(item(s, "visit-12w").start.iso(), "2027-02-23");
  EXPECT_EQ(item(s, "imaging-3m").start.iso(), "2027-03-01");
  EXPECT_EQ(item(s, "imaging-6m").start.iso(), "2027-06-01");
  EXPECT_EQ(item(s, "hold-anti-inflammatory").start.iso(), "2026-11-17");
  EXPECT_EQ(item(s, "hold-blood-thinner").start.iso(), "2026-11-17");
  EXPECT_EQ(item(s, "no-nsaid").end.iso(), "2027-01-12");
  EXPECT_EQ(item(s, "rest-48h").end.iso(), "2026-12-03");
  EXPECT_EQ(item(s, "rehab-water-stretch").start.iso(), "2026-12-15");
  EXPECT_EQ(item(s, "rehab-walking").start.iso(), "2026-12-22");
  EXPECT_EQ(item(s, "rehab-strength").start.iso(), "2027-02-01");
  EXPECT_EQ(item(s, "no-high-impact").end.iso(), "2027-03-01");
  EXPECT_EQ(item(s, "prom-36m").start.iso(), "2029-12-01");
  EXPECT_EQ(item(s, "visit-2w").window_start.iso(), "2026-12-12");
  EXPECT_EQ(item(s, "visit-2w").window_end.iso(), "2026-12-18");
  // The work-up window closes before the drug hold begins.
  EXPECT_LT(item(s, "workup-mri").window_end, item(s, "hold-anti-inflammatory").start);
}

TEST(Schedule, AnchorsAreIndependent) {
  // Cells expanded for three weeks: the hold follows the harvest, visits follow the injection.
  const auto s = hip_schedule("2026-12-01", "2026-12-22");
  EXPECT_EQ(item(s, "hold-anti-inflammatory").start.iso(), "2026-11-17");
  EXPECT_EQ(item(s, "visit-2w").start.iso(), "2027-01-05");
}

// No anti-inflammatory drug from 14 days before the harvest until 6 weeks after the
// injection, without a gap, however long the cells are expanded in between.
TEST(Schedule, NoNsaidPeriodHasNoGapBetweenHarvestAndInjection) {
  for (const char* injection : {"2026-12-01", "2026-12-22", "2027-02-15"}) {
    SCOPED_TRACE(injection);
    const auto s = hip_schedule("2026-12-01", injection);
    const auto& before = item(s, "hold-anti-inflammatory");
    const auto& after = item(s, "no-nsaid");
    EXPECT_EQ(before.start.iso(), "2026-11-17");
    EXPECT_EQ(before.end.iso(), injection);
    EXPECT_EQ(after.start.iso(), injection);
    EXPECT_EQ(after.end, parse_gregorian(injection).plus_days(42));
  }
  // Before the injection is planned, the hold is known to start, not yet to end.
  const auto harvest_only = derive_schedule(test::hip_protocol(), {{"harvest", parse_gregorian("2026-12-01")}});
  EXPECT_EQ(item(harvest_only, "hold-anti-inflammatory").start.iso(), "2026-11-17");
}

// The pathway starts with the consultation, before the work-up.
TEST(Schedule, ConsultationComesFirst) {
  const auto s = hip_schedule("2026-12-01", "2026-12-01");
  EXPECT_EQ(s.front().id, "consultation");
  EXPECT_EQ(item(s, "consultation").start.iso(), "2026-10-27");
  EXPECT_LT(item(s, "consultation").start, item(s, "workup-exam").start);
}

TEST(Schedule, MonthEndsClamp) {
  const auto s = hip_schedule("2027-08-31", "2027-08-31");
  EXPECT_EQ(item(s, "imaging-6m").start.iso(), "2028-02-29");
  EXPECT_EQ(item(s, "imaging-3m").start.iso(), "2027-11-30");
}

TEST(Schedule, IsDeterministicAndOrderedByStart) {
  const auto a = hip_schedule("2026-12-01", "2026-12-01");
  const auto b = hip_schedule("2026-12-01", "2026-12-01");
  ASSERT_EQ(a.size(), b.size());
  for (std::size_t i = 0; i < a.size(); ++i) EXPECT_EQ(a[i].id, b[i].id);
  for (std::size_t i = 1; i < a.size(); ++i) EXPECT_LE(a[i - 1].start, a[i].start);
}

TEST(Schedule, OnlyItemsOfKnownAnchorsAndUnknownAnchorsRefused) {
  const auto s = derive_schedule(test::hip_protocol(), {{"harvest", parse_gregorian("2026-12-01")}});
  for (const auto& i : s) EXPECT_EQ(i.anchor, "harvest");
  EXPECT_THROW(derive_schedule(test::hip_protocol(), {{"surgery", parse_gregorian("2026-12-01")}}), InputError);
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

TEST(Schedule, TimelineStatesOfAOneDayItem) {
  const auto s = hip_schedule("2026-12-01", "2026-12-01");
  ScheduledItem v = item(s, "visit-2w");  // due 12-15, window 12-12 .. 12-18
  const auto on = [&](const char* day) { return std::string(to_string(timeline_state(v, parse_gregorian(day)))); };
  EXPECT_EQ(on("2026-12-11"), "upcoming");
  EXPECT_EQ(on("2026-12-12"), "due");
  EXPECT_EQ(on("2026-12-15"), "due");
  EXPECT_EQ(on("2026-12-16"), "overdue");
  EXPECT_EQ(on("2026-12-18"), "overdue");
  EXPECT_EQ(on("2026-12-19"), "out_of_window");
  v.status = ItemStatus::done;
  EXPECT_EQ(on("2026-12-19"), "done");
  EXPECT_EQ(on("2026-12-01"), "done");  // a recorded outcome wins over the calendar
  v.status = ItemStatus::missed;
  EXPECT_EQ(on("2026-12-13"), "missed");
  v.status = ItemStatus::cancelled;
  EXPECT_EQ(on("2026-12-13"), "cancelled");
}

// An item without a window is due on its day only.
TEST(Schedule, TimelineStatesWithoutAWindow) {
  const ScheduledItem h = item(hip_schedule("2026-12-01", "2026-12-05"), "harvest");
  EXPECT_FALSE(spans_days(h));
  EXPECT_EQ(timeline_state(h, parse_gregorian("2026-11-30")), TimelineState::upcoming);
  EXPECT_EQ(timeline_state(h, parse_gregorian("2026-12-01")), TimelineState::due);
  EXPECT_EQ(timeline_state(h, parse_gregorian("2026-12-02")), TimelineState::out_of_window);
}

// Holds, rest and rehab stages run for a span: active while they run, then ended, never overdue.
TEST(Schedule, TimelineStatesOfASpan) {
  const ScheduledItem hold = item(hip_schedule("2026-12-01", "2026-12-01"), "hold-blood-thinner");  // 11-17 .. 12-01
  EXPECT_TRUE(spans_days(hold));
  EXPECT_EQ(timeline_state(hold, parse_gregorian("2026-11-16")), TimelineState::upcoming);
  EXPECT_EQ(timeline_state(hold, parse_gregorian("2026-11-17")), TimelineState::active);
  EXPECT_EQ(timeline_state(hold, parse_gregorian("2026-12-01")), TimelineState::active);
  EXPECT_EQ(timeline_state(hold, parse_gregorian("2026-12-02")), TimelineState::ended);
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

// A second protocol with other anchors, kinds and units runs through the same engine.
TEST(Schedule, ASecondProtocolNeedsNoCodeChange) {
  const Protocol knee =
      parse_protocol(test::read_file(std::string(RP_DATA_DIR) + "/protocols/knee-prp-test.yaml"), "knee-prp-test.yaml");
  const auto s = derive_schedule(knee, {{"injection", parse_gregorian("2027-01-31")}});
  ASSERT_EQ(s.size(), 4u);
  EXPECT_EQ(item(s, "prom-baseline").start.iso(), "2027-01-24");
  EXPECT_EQ(item(s, "visit-1m").start.iso(), "2027-02-28");
  EXPECT_EQ(item(s, "prom-1y").start.iso(), "2028-01-31");
  EXPECT_EQ(item(s, "prom-1y").window_start.iso(), "2027-12-31");
  EXPECT_THROW(derive_schedule(knee, {{"harvest", parse_gregorian("2027-01-01")}}), InputError);
}

}  // namespace
}  // namespace rp
