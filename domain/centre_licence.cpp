#include "domain/centre_licence.hpp"

#include <algorithm>

#include "base/error.hpp"
#include "base/text.hpp"

namespace rp {

std::string_view standing_name(LicenceStanding s) {
  switch (s) {
    case LicenceStanding::in_force:
      return "in_force";
    case LicenceStanding::expired:
      return "expired";
    case LicenceStanding::suspended:
      return "suspended";
    case LicenceStanding::pending:
      return "pending";
    case LicenceStanding::unknown:
      break;
  }
  return "unknown";
}

std::vector<std::string> services_from_list(std::string_view text) {
  std::vector<std::string> out;
  std::size_t from = 0;
  while (from <= text.size()) {
    const std::size_t comma = std::min(text.find(',', from), text.size());
    std::string_view item = text.substr(from, comma - from);
    while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
    while (!item.empty() && item.back() == ' ') item.remove_suffix(1);
    if (!item.empty()) out.emplace_back(item);
    from = comma + 1;
  }
  return out;
}

LicenceStanding licence_standing(const Centre& c, CivilDate on) {
  if (c.licence_status == "suspended") return LicenceStanding::suspended;
  if (c.licence_status == "pending") return LicenceStanding::pending;
  if (c.licence_status != "licensed") return LicenceStanding::unknown;
  if (c.licence_expires && *c.licence_expires < on) return LicenceStanding::expired;
  return LicenceStanding::in_force;
}

bool may_book(const Centre& c, CivilDate day) {
  return c.licence_status != "suspended" && !(c.licence_expires && *c.licence_expires < day);
}

void check_may_book(const Centre& c, CivilDate day, std::string_view field) {
  const LicenceStanding s = licence_standing(c, day);
  if (s == LicenceStanding::suspended)
    throw ConflictError(std::string(field), "centre_licence_suspended"_err, {{"centre", c.id}});
  // An expiry is a licence's last valid day, whatever its status says now: a centre whose
  // licence ends before the day books nothing for it.
  if (c.licence_expires && *c.licence_expires < day)
    throw ConflictError(std::string(field), "centre_licence_expires_before"_err,
                        {{"centre", c.id}, {"expires", c.licence_expires->iso()}});
}

namespace {

constexpr std::size_t kMaxAddressBytes = 300;
constexpr std::size_t kMaxMapUrlBytes = 500;
constexpr std::size_t kMaxIssuerBytes = 120;

void check_length(const std::string& text, std::size_t max, std::string_view field) {
  if (text.size() > max) throw InputError(std::string(field), "too_many_bytes"_err, {{"max", max}});
}

// A map link patients open from the directory: https only (never javascript: or a plain
// http page a network could change), one printable line without spaces.
void check_map_url(const std::string& url) {
  check_length(url, kMaxMapUrlBytes, "map_url");
  check_typed_text(url, "map_url", false);
  const bool https = url.rfind("https://", 0) == 0 && url.size() > 8;
  if (!https || url.find_first_of(" \t\"<>\\") != std::string::npos)
    throw InputError("map_url", "map_url_not_https"_err);
}

}  // namespace

void validate_centre_directory(Centre& c) {
  for (const auto& [text, field] : {std::pair{&c.address_en, "address_en"}, std::pair{&c.address_fa, "address_fa"}}) {
    check_length(*text, kMaxAddressBytes, field);
    check_typed_text(*text, field, false);
  }
  check_length(c.licence_issuer, kMaxIssuerBytes, "licence_issuer");
  check_typed_text(c.licence_issuer, "licence_issuer", false);
  if (!c.map_url.empty()) check_map_url(c.map_url);
  std::vector<std::string> ordered;
  for (const auto& s : c.services)
    if (std::find(std::begin(kCentreServices), std::end(kCentreServices), s) == std::end(kCentreServices))
      throw InputError("services", "unknown_centre_service"_err, {{"service", s.substr(0, 32)}});
  for (const std::string_view known : kCentreServices)
    if (std::find(c.services.begin(), c.services.end(), known) != c.services.end()) ordered.emplace_back(known);
  c.services = std::move(ordered);
}

}  // namespace rp
