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

namespace rp::api::http {

// Thrown for a body that is not JSON at all (HTTP 400 rather than 422).
class MalformedBody : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Parses the body as a JSON object (an empty body is {}). Nesting deeper than 32 levels
// is refused: the parser recurses.
nlohmann::json parse_json_object(std::string_view body);

class BodyReader {
 public:
  // Throws InputError for any field not in `known`.
  BodyReader(const nlohmann::json& body, std::initializer_list<std::string_view> known);

  std::string text(const char* field, std::size_t max_bytes = 200) const;  // required
  std::optional<std::string> opt_text(const char* field, std::size_t max_bytes = 200) const;
  std::optional<std::int64_t> opt_int(const char* field) const;
  std::int64_t integer(const char* field) const;
  std::optional<bool> opt_bool(const char* field) const;
  // ISO Gregorian (2025-03-01) or Jalali with a "j:" prefix is not accepted here: dates
  // in the API are Gregorian; the web app converts.
  std::optional<CivilDate> opt_date(const char* field) const;
  const nlohmann::json* opt_object(const char* field) const;
  // A list of strings (an empty list is a list, not an absence).
  std::optional<std::vector<std::string>> opt_text_list(const char* field, std::size_t max_items,
                                                        std::size_t max_bytes = 64) const;
  const nlohmann::json& body() const { return body_; }

 private:
  const nlohmann::json* find(const char* field) const;
  const nlohmann::json& body_;
};

// The integer in a path parameter; NotFoundError for anything else, as for an unknown id.
std::int64_t id_param(const std::string& value, const char* name);

}  // namespace rp::api::http
