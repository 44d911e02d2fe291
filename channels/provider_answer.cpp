// A provider's answer read by its configured paths. nlohmann's parser never throws here
// (allow_exceptions = false) and refuses documents nested deeper than the path could use.
#include "channels/provider_answer.hpp"

#include <algorithm>
#include <cctype>
#include <nlohmann/json.hpp>
#include <vector>

namespace rp::channels {
namespace {

// The path's steps: `a.b[0].c` and `a.b.0.c` both give a, b, 0, c.
std::optional<std::vector<std::string>> steps_of(std::string_view path) {
  std::vector<std::string> steps;
  std::string step;
  for (std::size_t i = 0; i < path.size(); ++i) {
    const char c = path[i];
    if (c == '.') {
      if (!step.empty()) steps.push_back(std::move(step));
      step.clear();
    } else if (c == '[') {
      if (!step.empty()) steps.push_back(std::move(step));
      step.clear();
      const auto close = path.find(']', i);
      if (close == std::string_view::npos || close == i + 1) return std::nullopt;
      steps.emplace_back(path.substr(i + 1, close - i - 1));
      i = close;
    } else {
      step += c;
    }
  }
  if (!step.empty()) steps.push_back(std::move(step));
  return steps;
}

bool all_digits(const std::string& s) {
  return !s.empty() && s.size() <= 9 &&
         std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isdigit(c); });
}

const nlohmann::json* find(const nlohmann::json& doc, const std::vector<std::string>& steps) {
  const nlohmann::json* at = &doc;
  for (const auto& step : steps) {
    if (at->is_object()) {
      const auto it = at->find(step);
      if (it == at->end()) return nullptr;
      at = &*it;
    } else if (at->is_array() && all_digits(step)) {
      const auto index = static_cast<std::size_t>(std::stoul(step));
      if (index >= at->size()) return nullptr;
      at = &(*at)[index];
    } else {
      return nullptr;
    }
  }
  return at;
}

std::optional<std::string> text_of(const nlohmann::json& value) {
  if (value.is_string()) return value.get<std::string>();
  if (value.is_number() || value.is_boolean()) return value.dump();
  return std::nullopt;
}

std::optional<nlohmann::json> parsed(std::string_view body) {
  if (body.size() > kMaxAnswerBytes) return std::nullopt;
  auto doc = nlohmann::json::parse(body.begin(), body.end(), nullptr, false);
  if (doc.is_discarded()) return std::nullopt;
  return doc;
}

// A value short and plain enough to name in the attempt log: a provider's status code,
// not a sentence that might quote the message or the number.
bool loggable(const std::string& value) {
  return value.size() <= 8 && std::all_of(value.begin(), value.end(), [](unsigned char c) {
           return std::isalpha(c) || c == '-' || c == '_' || (std::isdigit(c));
         });
}

}  // namespace

std::optional<std::string> scalar_at(std::string_view json_body, std::string_view path) {
  const auto doc = parsed(json_body);
  const auto steps = steps_of(path);
  if (!doc || !steps) return std::nullopt;
  const nlohmann::json* value = find(*doc, *steps);
  return value ? text_of(*value) : std::nullopt;
}

SendResult read_answer(const AnswerRules& rules, long http_status, std::string_view body) {
  using O = SendResult::Outcome;
  const std::string status = "HTTP " + std::to_string(http_status);
  if (http_status >= 500 || http_status == 429 || http_status == 408)
    return {O::failed, "", status + ": the provider is busy or failing; try again"};
  if (http_status < 200 || http_status >= 300) return {O::rejected, "", status + ": the provider refused the request"};
  const bool needs_json = !rules.success_path.empty() || !rules.message_id_path.empty();
  if (!needs_json) return {O::sent, "", status};
  const auto doc = parsed(body);
  // The provider took the request but its answer cannot be read: it may have sent it.
  if (!doc) return {O::unknown, "", status + ": the answer is not JSON (or larger than 64 KiB)"};
  if (!rules.success_path.empty()) {
    const auto steps = steps_of(rules.success_path);
    const nlohmann::json* at = steps ? find(*doc, *steps) : nullptr;
    const auto value = at ? text_of(*at) : std::nullopt;
    if (!value) return {O::unknown, "", status + ": the answer has no " + rules.success_path};
    if (*value != rules.success_value) {
      return {O::rejected, "",
              status + ": " + rules.success_path + " is " + (loggable(*value) ? *value : "another value") + ", not " +
                  rules.success_value};
    }
  }
  SendResult out{O::sent, "", status};
  if (!rules.message_id_path.empty()) {
    const auto steps = steps_of(rules.message_id_path);
    const nlohmann::json* at = steps ? find(*doc, *steps) : nullptr;
    if (auto id = at ? text_of(*at) : std::nullopt; id && id->size() <= 256) {
      out.provider_id = *id;
    } else {
      out.detail += ": sent, but the answer has no " + rules.message_id_path;
    }
  }
  return out;
}

}  // namespace rp::channels
