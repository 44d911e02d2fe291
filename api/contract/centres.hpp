#pragma once
// Centres as the admin's routes read and write them (api/routes_admin.cpp). A centre's
// licence status is text in the domain (domain/centre.hpp); the document names its values.
#include <optional>
#include <string>
#include <vector>

#include "api/http/contract.hpp"
#include "domain/centre.hpp"

namespace rp::api::contract {

using http::FieldRule;

// Only for the document: the values of a licence status (the component LicenceStatus).
enum class LicenceStatus { licensed, pending, suspended, unknown };

}  // namespace rp::api::contract

namespace rp::api::http {

template <>
struct EnumNames<contract::LicenceStatus> {
  using E = contract::LicenceStatus;
  static constexpr const char* kSchema = "LicenceStatus";
  static std::vector<E> values() { return {E::licensed, E::pending, E::suspended, E::unknown}; }
  static std::string_view name(E e) {
    switch (e) {
      case E::licensed:
        return "licensed";
      case E::pending:
        return "pending";
      case E::suspended:
        return "suspended";
      case E::unknown:
        break;
    }
    return "unknown";
  }
  static E parse(std::string_view text, std::string_view field) {
    for (const E e : values())
      if (name(e) == text) return e;
    throw InputError(std::string(field), "unknown_licence_status"_err);
  }
};

}  // namespace rp::api::http

namespace rp::api::contract {

struct CentreOut {
  static constexpr const char* kSchema = "Centre";
  std::string id, name_en, name_fa, city_en, city_fa, licence_status, licence_number, phone, facility_code,
      on_call_mobile;
  template <class V>
  static void fields(V& v) {
    v("id", &CentreOut::id, "");
    v("name_en", &CentreOut::name_en, "");
    v("name_fa", &CentreOut::name_fa, "");
    v("city_en", &CentreOut::city_en, "empty when not given");
    v("city_fa", &CentreOut::city_fa, "empty when not given");
    v("licence_status", &CentreOut::licence_status, "set by the registry", FieldRule{.ref = "LicenceStatus"});
    v("licence_number", &CentreOut::licence_number, "empty when not given");
    v("phone", &CentreOut::phone, "empty when not given");
    v("facility_code", &CentreOut::facility_code,
      "the ISBT 128 facility identification number that begins the centre's DINs; empty when not set");
    v("on_call_mobile", &CentreOut::on_call_mobile,
      "+989XXXXXXXXX: the on-call clinician's mobile, which a patient's red flag reaches by SMS at any hour; empty "
      "when not set");
  }
};

struct CentreUpdated : CentreOut {
  static constexpr const char* kSchema = "CentreUpdated";
  bool changed = false;
  template <class V>
  static void fields(V& v) {
    CentreOut::fields(v);
    v("changed", &CentreUpdated::changed, "false when the centre already was so (nothing was written)");
  }
};

// The body of PUT /centres/{id}. The names are checked as names once all four are read,
// before the licence fields.
struct CentreIn {
  static constexpr const char* kSchema = "CentreChange";
  std::string name_en, name_fa;
  std::optional<std::string> city_en, city_fa;
  std::optional<LicenceStatus> licence_status;
  std::optional<std::string> licence_number, phone, facility_code, on_call_mobile;
  template <class V>
  static void fields(V& v) {
    v("name_en", &CentreIn::name_en, "");
    v("name_fa", &CentreIn::name_fa, "");
    v("city_en", &CentreIn::city_en, "");
    v("city_fa", &CentreIn::city_fa, "");
    v.rule(check_names);
    v("licence_status", &CentreIn::licence_status, "not sent: the status the registry set stays",
      FieldRule{.max_bytes = 16});
    v("licence_number", &CentreIn::licence_number, "", FieldRule{.max_bytes = 64});
    v("phone", &CentreIn::phone, "", FieldRule{.max_bytes = 32});
    v("facility_code", &CentreIn::facility_code,
      "the ISBT 128 facility identification number ICCBBA assigned the centre: 5 letters or digits, the first not O "
      "or 0. Not sent: it stays as it was; empty: unset",
      FieldRule{.max_bytes = 16});
    v("on_call_mobile", &CentreIn::on_call_mobile,
      "the on-call clinician's mobile in any usual form: a patient's red flag goes to it by SMS at any hour. Not "
      "sent: it stays as it was; empty: none",
      FieldRule{.max_bytes = 32});
  }
  // Names patients and staff read: a letter at least, nothing invisible or reordering.
  static void check_names(const CentreIn& in);
};

// The centre `id` as the body describes it; the licence status "unknown" when not sent.
Centre to_centre(const CentreIn& in, const std::string& id);

struct LicenceChange {
  static constexpr const char* kSchema = "LicenceChange";
  std::string licence_status;
  std::optional<std::string> licence_number;
  template <class V>
  static void fields(V& v) {
    // Text rather than the enum: the service refuses another value, in its own words.
    v("licence_status", &LicenceChange::licence_status, "", FieldRule{.ref = "LicenceStatus"});
    v("licence_number", &LicenceChange::licence_number, "", FieldRule{.max_bytes = 64});
  }
};

inline CentreOut centre_out(const Centre& c) {
  return {c.id,    c.name_en,       c.name_fa,       c.city_en, c.city_fa, c.licence_status, c.licence_number,
          c.phone, c.facility_code, c.on_call_mobile};
}

inline CentreUpdated centre_updated(const Centre& c, bool changed) {
  CentreUpdated out;
  static_cast<CentreOut&>(out) = centre_out(c);
  out.changed = changed;
  return out;
}

}  // namespace rp::api::contract
