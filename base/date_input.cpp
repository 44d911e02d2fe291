#include "base/date_input.hpp"

#include <array>
#include <cstdio>

#include "base/error.hpp"
#include "base/jalali.hpp"

namespace rp {
namespace {

// Spaces and the invisible direction marks a date copied out of right-to-left text
// often carries at its ends (LRM U+200E, RLM U+200F, ALM U+061C): not part of the date.
std::string_view trimmed(std::string_view text) {
  static constexpr std::array<std::string_view, 5> kEdges{" ", "\t", "\xE2\x80\x8E", "\xE2\x80\x8F", "\xD8\x9C"};
  for (bool again = true; again && !text.empty();) {
    again = false;
    for (const auto edge : kEdges) {
      if (text.substr(0, edge.size()) == edge) {
        text.remove_prefix(edge.size());
        again = true;
      }
      if (text.size() >= edge.size() && text.substr(text.size() - edge.size()) == edge) {
        text.remove_suffix(edge.size());
        again = true;
      }
    }
  }
  return text;
}

// The date as typed, in ISO's shape with ASCII digits, for the message.
std::string ymd_text(const DateParts& p) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", p.y, p.m, p.d);
  return buf;
}

}  // namespace

bool has_jalali_year(int year) { return year >= 1300 && year <= 1499; }
bool has_gregorian_year(int year) { return year >= 1900 && year <= 2199; }

CivilDate parse_gregorian_input(std::string_view text, std::string_view field, std::string_view jalali_twin) {
  const DateParts p = parse_date_parts(trimmed(text), field);
  if (has_jalali_year(p.y)) {
    if (jalali_twin.empty())
      throw InputError(std::string(field), "jalali_date_for_gregorian_field"_err,
                       {{"value", ymd_text(p)}, {"field", field}});
    throw InputError(std::string(field), "jalali_date_for_gregorian_field_send_as"_err,
                     {{"value", ymd_text(p)}, {"field", field}, {"jalali_field", jalali_twin}});
  }
  return CivilDate::from_ymd(p.y, p.m, p.d, field);
}

CivilDate parse_jalali_input(std::string_view text, std::string_view jalali_field, std::string_view gregorian_field) {
  const DateParts p = parse_date_parts(trimmed(text), jalali_field);
  if (has_gregorian_year(p.y)) {
    throw InputError(std::string(jalali_field), "gregorian_date_for_jalali_field"_err,
                     {{"value", ymd_text(p)},
                      {"field", std::string(jalali_field)},
                      {"gregorian_field", std::string(gregorian_field)}});
  }
  return from_jalali(p.y, p.m, p.d, jalali_field);
}

std::optional<CivilDate> date_from_twins(const std::optional<std::string>& gregorian,
                                         const std::optional<std::string>& jalali, std::string_view field) {
  const std::string twin = std::string(field) + std::string(kJalaliTwinSuffix);
  if (gregorian && jalali)
    throw InputError(std::string(field), "give_one_not_both"_err, {{"first", std::string(field)}, {"second", twin}});
  if (gregorian) return parse_gregorian_input(*gregorian, field, twin);
  if (jalali) return parse_jalali_input(*jalali, twin, field);
  return std::nullopt;
}

}  // namespace rp
