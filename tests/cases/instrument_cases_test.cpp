// Runs tests/cases/instruments/*.yaml: a questionnaire's answers go through the same
// scoring a submission goes through (score, then the missing-item rule that refuses a
// questionnaire with no score at all), and each score the case names is compared with
// the number written there, or the refusal with the field the case names.
#include <charconv>
#include <optional>
#include <stdexcept>
#include <utility>

#include "base/error.hpp"
#include "case_files.hpp"
#include "domain/instruments/registry.hpp"
#include "domain/instruments/score_rules.hpp"

namespace rp::cases {
namespace {

using instruments::Answers;
using instruments::AnswerValue;
using instruments::ScoreValue;

// A number unless the case quotes it ("2" is the text 2, which a number item refuses).
AnswerValue answer_value(const YAML::Node& node) {
  const std::string& text = node.Scalar();
  if (node.Tag() == "?") {
    double number = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), number);
    if (error == std::errc{} && end == text.data() + text.size()) return number;
  }
  return text;
}

// One answer as the case gives it; `~` (not answered) removes one the file started with.
struct WrittenAnswer {
  std::string id;
  std::optional<AnswerValue> value;
};

// Grouped items are written nested (rom: {flexion: 90}) and scored as "rom.flexion",
// as the questionnaire's linkIds are. Later entries replace earlier ones. (Values are
// copied out of the nodes: assigning one YAML::Node to another writes through it.)
void flatten(const YAML::Node& node, const std::string& prefix, std::vector<WrittenAnswer>& out) {
  for (const auto& entry : node) {
    const std::string id = prefix + entry.first.as<std::string>();
    if (entry.second.IsMap()) {
      flatten(entry.second, id + ".", out);
      continue;
    }
    std::erase_if(out, [&](const WrittenAnswer& item) { return item.id == id; });
    out.push_back({id, entry.second.IsNull() ? std::nullopt : std::optional(answer_value(entry.second))});
  }
}

// The file's `starting answers` (if any), changed by the case's `answers`.
Answers answers_of(const YAML::Node& file, const YAML::Node& one_case) {
  std::vector<WrittenAnswer> items;
  if (file["starting answers"]) flatten(file["starting answers"], "", items);
  if (one_case["answers"]) flatten(one_case["answers"], "", items);
  Answers answers;
  for (const auto& [id, value] : items) {
    if (value) answers.set(id, *value);
  }
  return answers;
}

void expect_score(const std::string& name, const ScoreValue& computed, const YAML::Node& written) {
  if (std::holds_alternative<std::monostate>(computed)) {
    EXPECT_TRUE(written.IsNull()) << name << ": expected " << written.Scalar() << ", the score was withheld";
  } else if (written.IsNull()) {
    ADD_FAILURE() << name << ": expected no score (~), one was computed";
  } else if (const auto* whole = std::get_if<std::int64_t>(&computed)) {
    EXPECT_TRUE(matches_written(name, static_cast<double>(*whole), written));
  } else if (const auto* number = std::get_if<double>(&computed)) {
    EXPECT_TRUE(matches_written(name, *number, written));
  } else if (const auto* yes_no = std::get_if<bool>(&computed)) {
    EXPECT_EQ(*yes_no, written.as<bool>()) << name;
  } else {
    EXPECT_EQ(std::get<std::string>(computed), written.Scalar()) << name;
  }
}

void run_case(const YAML::Node& file, const YAML::Node& one_case) {
  const auto id = instruments::parse_instrument_key(file["instrument"].as<std::string>(""));
  ASSERT_TRUE(id) << "`instrument:` must be one of the keys in instruments/README.md";
  expect_only_keys(file, {"instrument", "starting answers", "cases"});
  expect_only_keys(one_case, {"case", "source", "answers", "scores", "refused"});
  const Answers answers = answers_of(file, one_case);
  if (const YAML::Node refused = one_case["refused"]) {
    try {
      const auto scores = instruments::score(*id, answers);
      instruments::require_a_score(scores, answers);
      ADD_FAILURE() << "accepted; the case expects a refusal naming " << refused.Scalar();
    } catch (const InputError& e) {
      EXPECT_EQ(e.field(), refused.Scalar()) << e.what();
    }
    return;
  }
  ASSERT_TRUE(one_case["scores"] && one_case["scores"].IsMap()) << "a case needs `scores:` or `refused:`";
  try {
    const auto scores = instruments::score(*id, answers);
    instruments::require_a_score(scores, answers);
    for (const auto& entry : one_case["scores"]) {
      const std::string name = entry.first.as<std::string>();
      try {
        expect_score(name, scores.at(name), entry.second);
      } catch (const std::out_of_range&) {
        ADD_FAILURE() << instruments::instrument_key(*id) << " has no score called " << name;
      }
    }
  } catch (const InputError& e) {
    FAIL() << "refused (" << e.field() << "): " << e.what();
  }
}

[[maybe_unused]] const bool registered = (register_cases("instruments", "Instrument", run_case), true);

}  // namespace
}  // namespace rp::cases
