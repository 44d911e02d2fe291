#include "domain/instruments/answers_json.hpp"

#include <nlohmann/json.hpp>
#include <string>

#include "base/error.hpp"
#include "domain/instruments/registry.hpp"

namespace rp::instruments {
namespace {

using nlohmann::json;

const char* type_name(const json& v) {
  switch (v.type()) {
    case json::value_t::boolean:
      return "a boolean";
    case json::value_t::array:
      return "an array";
    case json::value_t::object:
      return "an object";
    default:
      return "this type";
  }
}

// Adds one scalar answer; returns false for a type that is not a scalar answer.
bool add_scalar(Answers& out, const std::string& id, const json& v) {
  if (v.is_null()) return true;  // not answered
  if (v.is_number()) {
    out.set(id, v.get<double>());
    return true;
  }
  if (v.is_string()) {
    out.set(id, v.get<std::string>());
    return true;
  }
  return false;
}

}  // namespace

Answers answers_from_json(const json& answers) {
  if (!answers.is_object()) throw InputError("answers", "'answers' must be an object of item id → value");
  Answers out;
  for (const auto& [id, v] : answers.items()) {
    if (add_scalar(out, id, v)) continue;
    if (!v.is_object()) {
      throw InputError(id, "item '" + id + "' must be a number, a code or null, not " + type_name(v));
    }
    for (const auto& [child, cv] : v.items()) {
      const std::string dotted = id + "." + child;
      if (!add_scalar(out, dotted, cv)) {
        throw InputError(dotted, "item '" + dotted + "' must be a number, a code or null, not " + type_name(cv));
      }
    }
  }
  return out;
}

Answers submission_from_json(const json& body) {
  if (!body.is_object() || !body.contains("answers")) {
    throw InputError("answers", "expected an object {\"answers\": {ITEM_ID: value, ...}}");
  }
  for (const auto& [key, v] : body.items()) {
    if (key != "answers") throw InputError(key, "unexpected field '" + key + "'; answers go under \"answers\"");
  }
  return answers_from_json(body.at("answers"));
}

json scores_to_json(const Scores& scores) {
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
  const InstrumentDef& def = instrument(scores.instrument);
  return json{{"instrument", def.key}, {"title", def.title}, {"scores", values}};
}

}  // namespace rp::instruments
