#include "api/http/json_body.hpp"

#include <charconv>
#include <cmath>

#include "base/date_input.hpp"
#include "base/digits.hpp"
#include "base/error.hpp"
#include "base/text.hpp"

namespace rp::api::http {
namespace {

// Text fields must be valid UTF-8 without control characters (other than tab and
// newline), bidirectional overrides or line separators: they end up in records, exports
// and terminals, and are shown to other people.
void check_utf8_text(const std::string& field, const std::string& s) { check_typed_text(s, field, true); }

// A date in Persian digits takes two bytes a digit, and may come wrapped in direction marks.
constexpr std::size_t kDateBytes = 64;

// A limit as a person reads it: no exponent (10000000000000, not 1e+13), no trailing zeros.
std::string decimal_text(double d) {
  char buf[400];
  const auto r = std::to_chars(buf, buf + sizeof buf, d, std::chars_format::fixed);
  return r.ec == std::errc() ? std::string(buf, r.ptr) : std::to_string(d);
}

}  // namespace

nlohmann::json parse_json_object(std::string_view body) {
  if (body.empty()) return nlohmann::json::object();
  int depth = 0, max_depth = 0;
  auto limit = [&](int d, nlohmann::json::parse_event_t e, nlohmann::json&) {
    if (e == nlohmann::json::parse_event_t::object_start || e == nlohmann::json::parse_event_t::array_start) {
      depth = d;
      max_depth = std::max(max_depth, d);
    }
    return d <= 32;
  };
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(body.begin(), body.end(), limit);
  } catch (const nlohmann::json::exception& e) {
    throw MalformedBody("body", "body_not_json"_err, {{"detail", e.what()}});
  }
  (void)depth;
  if (max_depth > 32 || j.is_discarded()) throw MalformedBody("body", "body_too_deep"_err);
  if (!j.is_object()) throw InputError("body", "not_a_json_object"_err);
  return j;
}

namespace {

template <class Names>
void refuse_unknown(const nlohmann::json& body, const Names& known) {
  if (!body.is_object()) throw InputError("body", "not_a_json_object"_err);
  for (const auto& [key, value] : body.items()) {
    bool ok = false;
    for (const auto& k : known) ok = ok || k == key;
    if (!ok) throw InputError(key, "unknown_field"_err);
  }
}

}  // namespace

BodyReader::BodyReader(const nlohmann::json& body, std::initializer_list<std::string_view> known) : body_(body) {
  refuse_unknown(body, known);
}

BodyReader::BodyReader(const nlohmann::json& body, const std::vector<std::string>& known) : body_(body) {
  refuse_unknown(body, known);
}

const nlohmann::json* BodyReader::find(const char* field) const {
  auto it = body_.find(field);
  if (it == body_.end() || it->is_null()) return nullptr;
  return &*it;
}

std::optional<std::string> BodyReader::opt_text(const char* field, std::size_t max_bytes) const {
  const auto* v = find(field);
  if (!v) return std::nullopt;
  if (!v->is_string()) throw InputError(field, "not_a_string"_err);
  std::string s = v->get<std::string>();
  if (s.size() > max_bytes) throw InputError(field, "too_many_bytes"_err, {{"max", std::to_string(max_bytes)}});
  check_utf8_text(field, s);
  return s;
}

std::string BodyReader::text(const char* field, std::size_t max_bytes) const {
  auto s = opt_text(field, max_bytes);
  if (!s || s->empty()) throw InputError(field, "required"_err);
  return *s;
}

std::optional<std::int64_t> BodyReader::opt_int(const char* field) const {
  const auto* v = find(field);
  if (!v) return std::nullopt;
  // A grade or an id is a JSON number. Text that spells one ("3", "۳") is refused rather
  // than read: the web app and any client send numbers, and text here is a mistake.
  if (v->is_string()) throw InputError(field, "not_a_json_integer"_err);
  if (!v->is_number_integer()) throw InputError(field, "not_an_integer"_err);
  return v->get<std::int64_t>();
}

std::int64_t BodyReader::integer(const char* field) const {
  auto v = opt_int(field);
  if (!v) throw InputError(field, "required"_err);
  return *v;
}

std::optional<double> BodyReader::opt_number(const char* field, double min, double max) const {
  const auto* v = find(field);
  if (!v) return std::nullopt;
  if (v->is_string()) throw InputError(field, "not_a_json_number"_err);
  if (!v->is_number()) throw InputError(field, "not_a_number"_err);
  const double d = v->get<double>();
  // A literal past the double's range (1e400) is read as infinity.
  if (!std::isfinite(d)) throw InputError(field, "not_finite"_err);
  if (d < min || d > max)
    throw InputError(field, "number_range"_err, {{"min", decimal_text(min)}, {"max", decimal_text(max)}});
  return d;
}

std::optional<bool> BodyReader::opt_bool(const char* field) const {
  const auto* v = find(field);
  if (!v) return std::nullopt;
  if (!v->is_boolean()) throw InputError(field, "not_a_boolean"_err);
  return v->get<bool>();
}

std::optional<CivilDate> BodyReader::opt_date(const char* field) const {
  const std::string twin = std::string(field) + std::string(kJalaliTwinSuffix);
  return date_from_twins(opt_text(field, kDateBytes), opt_text(twin.c_str(), kDateBytes), field);
}

std::optional<std::vector<std::string>> BodyReader::opt_text_list(const char* field, std::size_t max_items,
                                                                  std::size_t max_bytes) const {
  const auto* v = find(field);
  if (!v) return std::nullopt;
  if (!v->is_array()) throw InputError(field, "not_a_string_list"_err);
  if (v->size() > max_items) throw InputError(field, "too_many_items"_err, {{"max", std::to_string(max_items)}});
  std::vector<std::string> out;
  for (const auto& item : *v) {
    if (!item.is_string()) throw InputError(field, "not_a_string_list"_err);
    std::string s = item.get<std::string>();
    if (s.size() > max_bytes) throw InputError(field, "each_too_many_bytes"_err, {{"max", std::to_string(max_bytes)}});
    check_utf8_text(field, s);
    out.push_back(std::move(s));
  }
  return out;
}

const nlohmann::json* BodyReader::opt_object(const char* field) const {
  const auto* v = find(field);
  if (!v) return nullptr;
  if (!v->is_object()) throw InputError(field, "not_an_object"_err);
  return v;
}

const nlohmann::json* BodyReader::opt_object_list(const char* field, std::size_t max_items) const {
  const auto* v = find(field);
  if (!v) return nullptr;
  if (!v->is_array()) throw InputError(field, "not_an_object_list"_err);
  if (v->size() > max_items) throw InputError(field, "too_many_items"_err, {{"max", std::to_string(max_items)}});
  for (const auto& item : *v)
    if (!item.is_object()) throw InputError(field, "not_an_object_list"_err);
  return v;
}

std::int64_t bounded_integer(std::string_view text, const char* field, std::int64_t min, std::int64_t max) {
  if (text.size() > 64) throw InputError(field, "whole_number_range"_err, {{"min", min}, {"max", max}});
  const std::string ascii = ascii_digits(text, field);
  std::int64_t out = 0;
  const auto [end, ec] = std::from_chars(ascii.data(), ascii.data() + ascii.size(), out);
  if (ascii.empty() || ec != std::errc() || end != ascii.data() + ascii.size())
    throw InputError(field, "whole_number_range"_err, {{"min", min}, {"max", max}});
  if (out < min || out > max) throw InputError(field, "whole_number_range"_err, {{"min", min}, {"max", max}});
  return out;
}

std::int64_t id_param(const std::string& value, const char* name) {
  std::int64_t out = 0;
  const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), out);
  if (ec != std::errc() || end != value.data() + value.size() || out <= 0)
    throw NotFoundError(name, "no_such_id"_err, {{"name", name}, {"value", value.substr(0, 40)}});
  return out;
}

}  // namespace rp::api::http
