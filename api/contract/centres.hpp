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

inline constexpr const char* kServicesText =
    "the services the centre offers, of bone_marrow, adipose (where it harvests cells), expansion_lab (its laboratory "
    "expands cells), ultrasound, fluoroscopy (how it guides an injection), in that order";

struct CentreOut {
  static constexpr const char* kSchema = "Centre";
  std::string id, name_en, name_fa, city_en, city_fa, licence_status, licence_number, phone, facility_code,
      on_call_mobile, address_en, address_fa, map_url;
  std::vector<std::string> services;
  std::string licence_issuer;
  std::optional<CivilDate> licence_expires;
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
    v("address_en", &CentreOut::address_en, "the street address in English; empty when not given");
    v("address_fa", &CentreOut::address_fa, "the street address in Persian; empty when not given");
    v("map_url", &CentreOut::map_url, "an https link to the centre on a map; empty when not given");
    v("services", &CentreOut::services, kServicesText);
    v("licence_issuer", &CentreOut::licence_issuer,
      "who issued the licence, set by the registry; empty when not known");
    v("licence_expires", &CentreOut::licence_expires,
      "the licence's last valid day, set by the registry; left out when not known", FieldRule{.omit_when_empty = true});
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
  std::optional<std::string> licence_number, phone, facility_code, on_call_mobile, address_en, address_fa, map_url,
      licence_issuer;
  std::optional<CivilDate> licence_expires;
  std::optional<std::vector<std::string>> services;
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
    v("address_en", &CentreIn::address_en, "not sent: it stays as it was", FieldRule{.max_bytes = 300});
    v("address_fa", &CentreIn::address_fa, "not sent: it stays as it was", FieldRule{.max_bytes = 300});
    v("map_url", &CentreIn::map_url, "https only; not sent: it stays as it was; empty: none",
      FieldRule{.max_bytes = 500});
    v("services", &CentreIn::services,
      "the services the centre offers, of bone_marrow, adipose, expansion_lab, ultrasound, fluoroscopy; not sent: they "
      "stay as they were",
      FieldRule{.max_items = 5});
    v("licence_issuer", &CentreIn::licence_issuer,
      "the registry's (PUT .../licence): not sent, or the same as it is; another value is refused",
      FieldRule{.max_bytes = 120});
    v("licence_expires", &CentreIn::licence_expires,
      "the registry's (PUT .../licence): not sent, or the same as it is; another value is refused");
  }
  // Names patients and staff read: a letter at least, nothing invisible or reordering.
  static void check_names(const CentreIn& in);
};

// The centre `id` as the body describes it; the licence status "unknown" when not sent.
Centre to_centre(const CentreIn& in, const std::string& id);

struct LicenceChange {
  static constexpr const char* kSchema = "LicenceChange";
  std::string licence_status;
  std::optional<std::string> licence_number, licence_issuer;
  std::optional<CivilDate> licence_expires;
  template <class V>
  static void fields(V& v) {
    // Text rather than the enum: the service refuses another value, in its own words.
    v("licence_status", &LicenceChange::licence_status, "", FieldRule{.ref = "LicenceStatus"});
    v("licence_number", &LicenceChange::licence_number, "not sent: it stays as it was", FieldRule{.max_bytes = 64});
    v("licence_issuer", &LicenceChange::licence_issuer, "who issued the licence; not sent: it stays as it was",
      FieldRule{.max_bytes = 120});
    v("licence_expires", &LicenceChange::licence_expires,
      "the licence's last valid day: from the next day the centre books no new harvest or injection. Not sent: it "
      "stays as it was; null: not known");
  }
};

CentreOut centre_out(const Centre& c);

// A centre as the public directory shows it (GET /api/v1/directory/centres): what a
// patient checks before choosing it, never its staff-only fields.
struct DirectoryCentreOut {
  static constexpr const char* kSchema = "DirectoryCentre";
  std::string id, name_en, name_fa, city_en, city_fa, address_en, address_fa, phone, map_url;
  std::vector<std::string> services;
  std::string licence_status, licence_number, licence_issuer;
  std::optional<CivilDate> licence_expires;
  std::string licence_standing;
  bool books_procedures = false;
  template <class V>
  static void fields(V& v) {
    v("id", &DirectoryCentreOut::id, "");
    v("name_en", &DirectoryCentreOut::name_en, "");
    v("name_fa", &DirectoryCentreOut::name_fa, "");
    v("city_en", &DirectoryCentreOut::city_en, "empty when not given");
    v("city_fa", &DirectoryCentreOut::city_fa, "empty when not given");
    v("address_en", &DirectoryCentreOut::address_en, "empty when not given");
    v("address_fa", &DirectoryCentreOut::address_fa, "empty when not given");
    v("phone", &DirectoryCentreOut::phone, "empty when not given");
    v("map_url", &DirectoryCentreOut::map_url, "https; empty when not given");
    v("services", &DirectoryCentreOut::services, kServicesText);
    v("licence_status", &DirectoryCentreOut::licence_status, "as the registry set it",
      FieldRule{.ref = "LicenceStatus"});
    v("licence_number", &DirectoryCentreOut::licence_number, "empty when not given");
    v("licence_issuer", &DirectoryCentreOut::licence_issuer, "empty when not known");
    v("licence_expires", &DirectoryCentreOut::licence_expires, "the licence's last valid day; left out when not known",
      FieldRule{.omit_when_empty = true});
    v("licence_standing", &DirectoryCentreOut::licence_standing,
      "today: in_force (licensed, not past its expiry), expired, suspended, pending or unknown");
    v("books_procedures", &DirectoryCentreOut::books_procedures,
      "whether the centre books a new harvest or injection today (not while suspended or expired); follow-up of its "
      "patients goes on either way");
  }
};

DirectoryCentreOut directory_centre_out(const Centre& c, CivilDate today);

struct DirectoryOut {
  static constexpr const char* kSchema = "CentreDirectory";
  std::vector<DirectoryCentreOut> centres;
  template <class V>
  static void fields(V& v) {
    v("centres", &DirectoryOut::centres, "every centre, by id");
  }
};

inline CentreUpdated centre_updated(const Centre& c, bool changed) {
  CentreUpdated out;
  static_cast<CentreOut&>(out) = centre_out(c);
  out.changed = changed;
  return out;
}

}  // namespace rp::api::contract
