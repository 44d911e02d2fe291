#include "api/contract/centres.hpp"

#include "base/text.hpp"

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
  return c;
}

}  // namespace rp::api::contract
