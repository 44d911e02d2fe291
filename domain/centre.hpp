#pragma once
// A treatment centre. The article tells patients to check a centre's licence before
// treatment, so its licence status is part of the record.
#include <optional>
#include <string>
#include <vector>

#include "base/civil_date.hpp"

namespace rp {

struct Centre {
  std::string id;
  std::string name_en, name_fa;
  std::string city_en, city_fa;
  std::string licence_status = "unknown";  // licensed | pending | suspended | unknown
  std::string licence_number;
  std::string phone;
  // The ISBT 128 facility identification number ICCBBA assigned the centre (5 characters),
  // which begins every DIN the centre makes; empty until the centre's admin sets it.
  std::string facility_code;
  // The on-call clinician's mobile (+989XXXXXXXXX): a patient's red flag goes to it by SMS
  // at any hour. Empty: none (the worklist and the live alert still show the flag).
  std::string on_call_mobile;
  // What the public directory shows (issue 19), set by the centre's admin: the street
  // address in both scripts, a map link (https), and the services the centre offers, as
  // the codes of kCentreServices in that order.
  std::string address_en, address_fa, map_url;
  std::vector<std::string> services;
  // Who issued the licence and the last day it is valid, set with its status by the
  // registry: past that day the centre books no new harvest or injection.
  std::string licence_issuer;
  std::optional<CivilDate> licence_expires;

  bool operator==(const Centre&) const = default;
};

}  // namespace rp
