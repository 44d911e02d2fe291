#include "api/contract/centres.hpp"

#include "base/text.hpp"
#include "domain/centre_licence.hpp"

namespace rp::api::contract {

void CentreIn::check_names(const CentreIn& in) {
  const std::string none;
  const std::pair<const char*, const std::string*> names[] = {{"name_en", &in.name_en},
                                                              {"name_fa", &in.name_fa},
                                                              {"city_en", in.city_en ? &*in.city_en : &none},
                                                              {"city_fa", in.city_fa ? &*in.city_fa : &none}};
  for (const auto& [field, text] : names)
    if (!text->empty()) check_name(*text, field);
}

Centre to_centre(const CentreIn& in, const std::string& id) {
  Centre c;
  c.id = id;
  c.name_en = in.name_en;
  c.name_fa = in.name_fa;
  c.city_en = in.city_en.value_or("");
  c.city_fa = in.city_fa.value_or("");
  c.licence_status =
      std::string(http::EnumNames<LicenceStatus>::name(in.licence_status.value_or(LicenceStatus::unknown)));
  c.licence_number = in.licence_number.value_or("");
  c.phone = in.phone.value_or("");
  c.facility_code = in.facility_code.value_or("");
  c.on_call_mobile = in.on_call_mobile.value_or("");
  c.address_en = in.address_en.value_or("");
  c.address_fa = in.address_fa.value_or("");
  c.map_url = in.map_url.value_or("");
  c.services = in.services.value_or(std::vector<std::string>{});
  c.licence_issuer = in.licence_issuer.value_or("");
  c.licence_expires = in.licence_expires;
  return c;
}

CentreOut centre_out(const Centre& c) {
  CentreOut out{c.id,    c.name_en,       c.name_fa,       c.city_en, c.city_fa, c.licence_status, c.licence_number,
                c.phone, c.facility_code, c.on_call_mobile};
  out.address_en = c.address_en;
  out.address_fa = c.address_fa;
  out.map_url = c.map_url;
  out.services = c.services;
  out.licence_issuer = c.licence_issuer;
  out.licence_expires = c.licence_expires;
  return out;
}

DirectoryCentreOut directory_centre_out(const Centre& c, CivilDate today) {
  DirectoryCentreOut out;
  out.id = c.id;
  out.name_en = c.name_en;
  out.name_fa = c.name_fa;
  out.city_en = c.city_en;
  out.city_fa = c.city_fa;
  out.address_en = c.address_en;
  out.address_fa = c.address_fa;
  out.phone = c.phone;
  out.map_url = c.map_url;
  out.services = c.services;
  out.licence_status = c.licence_status;
  out.licence_number = c.licence_number;
  out.licence_issuer = c.licence_issuer;
  out.licence_expires = c.licence_expires;
  out.licence_standing = std::string(standing_name(licence_standing(c, today)));
  out.books_procedures = may_book(c, today);
  return out;
}

}  // namespace rp::api::contract
