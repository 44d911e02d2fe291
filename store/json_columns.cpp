#include "store/json_columns.hpp"

#include <cmath>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <type_traits>
#include <variant>

#include "domain/instruments/registry.hpp"

namespace rp::store {

using nlohmann::json;

json scores_to_json(const instruments::Scores& scores) {
  json values = json::object();
  for (const auto& entry : scores.values) {
    // Not a structured binding: clang 14 cannot capture those in the lambda.
    const std::string name(entry.first);
    std::visit(
        [&](const auto& v) {
          using T = std::decay_t<decltype(v)>;
          if constexpr (std::is_same_v<T, std::monostate>) {
            values[name] = nullptr;
          } else {
            values[name] = v;
          }
        },
        entry.second);
  }
  const instruments::InstrumentDef& def = instruments::instrument(scores.instrument);
  return json{{"instrument", def.key}, {"title", def.title}, {"scores", values}};
}

namespace {

// Whole numbers up to 2^53 are exact in a double; beyond, the number is kept as a double.
json number(double value, bool whole) {
  constexpr double kExactWhole = 9007199254740992.0;
  if (whole && std::fabs(value) <= kExactWhole) return static_cast<std::int64_t>(value);
  return value;
}

json sent_value(const instruments::SentValue& v) {
  switch (v.kind) {
    case instruments::SentValue::Kind::number:
      return number(v.number, v.whole);
    case instruments::SentValue::Kind::code:
      return v.code;
    case instruments::SentValue::Kind::not_answered:
    case instruments::SentValue::Kind::other:  // refused by answers_from before anything is kept
      break;
  }
  return nullptr;
}

}  // namespace

std::string answers_json(const instruments::SentAnswers& answers) {
  json out = json::object();
  for (const instruments::SentItem& item : answers) {
    if (!item.group) {
      out[item.id] = sent_value(item.value);
      continue;
    }
    json group = json::object();
    for (const auto& [child, v] : item.items) group[child] = sent_value(v);
    out[item.id] = std::move(group);
  }
  return out.dump();
}

std::string findings_json(const RecordedFindings& findings) {
  json out = json::object();
  for (const auto& [name, f] : findings) {
    switch (f.kind) {
      case RecordedFinding::Kind::yes_no:
        out[name] = f.value != 0;
        break;
      case RecordedFinding::Kind::number:
        out[name] = number(f.value, f.whole);
        break;
      case RecordedFinding::Kind::not_recorded:
      case RecordedFinding::Kind::other:  // refused by check_findings before anything is kept
        out[name] = nullptr;
        break;
    }
  }
  return out.dump();
}

std::string reasons_json(const std::vector<EligibilityReason>& reasons) {
  json out = json::array();
  for (const auto& r : reasons) out.push_back({{"rule", r.rule}, {"kind", r.kind}, {"finding", r.finding}});
  return out.dump();
}

std::string patient_change_json(const std::vector<FieldChange>& changed, const std::string& reason) {
  const auto value = [](const FieldChange::Value& v) {
    return std::holds_alternative<bool>(v) ? json(std::get<bool>(v)) : json(std::get<std::string>(v));
  };
  json fields = json::object();
  for (const auto& c : changed) fields[c.field] = {{"from", value(c.from)}, {"to", value(c.to)}};
  const json detail = {{"changed", fields}, {"reason", reason}};
  return detail.dump(-1, ' ', false, json::error_handler_t::replace);
}

}  // namespace rp::store
