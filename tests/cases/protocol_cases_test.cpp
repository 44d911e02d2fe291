// Runs tests/cases/protocols/*.yaml: a protocol file from protocols/ and a patient's
// dates (harvest, injection, ...) go through the schedule the pathway makes, and each
// item the case names is compared with its due date, last day, window and the state the
// timeline shows on given days; or the refusal with the field the case names.
#include <fstream>
#include <map>
#include <sstream>

#include "base/error.hpp"
#include "case_files.hpp"
#include "domain/protocol.hpp"
#include "domain/schedule.hpp"

namespace rp::cases {
namespace {

const Protocol& protocol_named(const std::string& name) {
  static std::map<std::string, Protocol> loaded;
  if (const auto it = loaded.find(name); it != loaded.end()) return it->second;
  const std::string file = name + ".yaml";
  std::ifstream in(std::string(RP_DATA_DIR) + "/protocols/" + file);
  if (!in) throw std::runtime_error("no protocol file protocols/" + file);
  std::ostringstream text;
  text << in.rdbuf();
  return loaded.emplace(name, parse_protocol(text.str(), file)).first->second;
}

const ScheduledItem* find_item(const std::vector<ScheduledItem>& schedule, const std::string& id) {
  for (const auto& item : schedule) {
    if (item.id == id) return &item;
  }
  return nullptr;
}

void expect_date(const std::string& what, const CivilDate& computed, const YAML::Node& written) {
  EXPECT_EQ(computed.iso(), written.Scalar()) << what;
}

void expect_item(const ScheduledItem& item, const YAML::Node& written) {
  expect_only_keys(written, {"due", "until", "window", "on"});
  if (written["due"]) expect_date(item.id + " due", item.start, written["due"]);
  if (written["until"]) expect_date(item.id + " until", item.end, written["until"]);
  if (const YAML::Node window = written["window"]) {
    ASSERT_TRUE(window.IsSequence() && window.size() == 2) << item.id << ": window is [first day, last day]";
    expect_date(item.id + " window opens", item.window_start, window[0]);
    expect_date(item.id + " window closes", item.window_end, window[1]);
  }
  // What the timeline shows on a day while nothing has been recorded for the item.
  for (const auto& day : written["on"]) {
    const std::string state(to_string(timeline_state(item, parse_gregorian(day.first.Scalar()))));
    EXPECT_EQ(state, day.second.Scalar()) << item.id << " on " << day.first.Scalar();
  }
}

void run_protocol_case(const YAML::Node& file, const YAML::Node& one_case) {
  expect_only_keys(file, {"protocol", "cases"});
  expect_only_keys(one_case, {"case", "source", "dates", "schedule", "first item", "number of items", "refused"});
  const Protocol& protocol = protocol_named(file["protocol"].as<std::string>(""));
  Anchors dates;
  for (const auto& date : one_case["dates"]) {
    dates.emplace(date.first.as<std::string>(), parse_gregorian(date.second.Scalar()));
  }
  if (const YAML::Node refused = one_case["refused"]) {
    try {
      derive_schedule(protocol, dates);
      ADD_FAILURE() << "a schedule was made; the case expects a refusal naming " << refused.Scalar();
    } catch (const InputError& e) {
      EXPECT_EQ(e.field(), refused.Scalar()) << e.what();
    }
    return;
  }
  ASSERT_TRUE(one_case["schedule"] && one_case["schedule"].IsMap()) << "a case needs `schedule:` or `refused:`";
  const std::vector<ScheduledItem> schedule = derive_schedule(protocol, dates);
  if (one_case["first item"]) {
    ASSERT_FALSE(schedule.empty());
    EXPECT_EQ(schedule.front().id, one_case["first item"].Scalar());
  }
  if (one_case["number of items"]) {
    EXPECT_EQ(schedule.size(), one_case["number of items"].as<std::size_t>());
  }
  for (const auto& entry : one_case["schedule"]) {
    const std::string id = entry.first.as<std::string>();
    const ScheduledItem* item = find_item(schedule, id);
    if (entry.second.IsNull()) {
      EXPECT_EQ(item, nullptr) << id << " is scheduled; the case expects it not to be";
    } else if (item == nullptr) {
      ADD_FAILURE() << id << " is not in the schedule";
    } else {
      expect_item(*item, entry.second);
    }
  }
}

[[maybe_unused]] const bool protocol_cases_registered =
    (register_cases("protocols", "Protocol", run_protocol_case), true);

}  // namespace
}  // namespace rp::cases
