#pragma once
// Decoding JSON request bodies strictly: the body must be a JSON object, every field
// must have the expected type, and a field the route does not know is an error (a
// typo must not be silently ignored in a clinical record). Each failure throws
// InputError naming the field.
#include <initializer_list>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/civil_date.hpp"
#include "base/error.hpp"

namespace rp::api::http {

// Thrown for a body that is not JSON at all (HTTP 400 rather than 422); a catalogued
// error on the field "body", caught before InputError.
class MalformedBody : public InputError {
 public:
  using InputError::InputError;
};

// Parses the body as a JSON object (an empty body is {}). Nesting deeper than 32 levels
// is refused: the parser recurses.
nlohmann::json parse_json_object(std::string_view body);

class BodyReader {
 public:
  // Throws InputError for any field not in `known`.
  BodyReader(const nlohmann::json& body, std::initializer_list<std::string_view> known);
  // The same for a typed request's field names (api/http/contract.hpp).
  BodyReader(const nlohmann::json& body, const std::vector<std::string>& known);

  std::string text(const char* field, std::size_t max_bytes = 200) const;  // required
  std::optional<std::string> opt_text(const char* field, std::size_t max_bytes = 200) const;
  std::optional<std::int64_t> opt_int(const char* field) const;
  std::int64_t integer(const char* field) const;
  std::optional<bool> opt_bool(const char* field) const;
  // A decimal: a JSON number (an integer one too), finite, within [min, max]; text that
  // spells a number is refused like an integer's.
  std::optional<double> opt_number(const char* field, double min, double max) const;
  // The day in `field` (Gregorian, 2026-03-20) or in its twin `field`_jalali (Jalali,
  // 1404/12/29), any digits (base/date_input.hpp). The route lists both as known. A
  // Gregorian date with a Jalali year (1300-1499) is refused, saying where it goes.
  std::optional<CivilDate> opt_date(const char* field) const;
  const nlohmann::json* opt_object(const char* field) const;
  // A list of objects, at most max_items of them (an empty list is a list).
  const nlohmann::json* opt_object_list(const char* field, std::size_t max_items) const;
  // A list of strings (an empty list is a list, not an absence).
  std::optional<std::vector<std::string>> opt_text_list(const char* field, std::size_t max_items,
                                                        std::size_t max_bytes = 64) const;
  const nlohmann::json& body() const { return body_; }

 private:
  const nlohmann::json* find(const char* field) const;
  const nlohmann::json& body_;
};

// A whole number a person typed (a query parameter such as ?limit=), in any digits,
// within [min, max]; anything else is InputError(field) saying the range, never clamped.
std::int64_t bounded_integer(std::string_view text, const char* field, std::int64_t min, std::int64_t max);

// The integer in a path parameter; NotFoundError for anything else, as for an unknown id.
std::int64_t id_param(const std::string& value, const char* name);

}  // namespace rp::api::http
