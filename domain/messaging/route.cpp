#include "domain/messaging/route.hpp"

namespace rp::messaging {

std::optional<Route> route_for(const Patient& patient) {
  if (!patient.consent.contact) return std::nullopt;
  const auto address_of = [&](ContactChannel c) -> const std::string& {
    return c == ContactChannel::email ? patient.email : patient.mobile;
  };
  const ContactChannel other =
      patient.preferred_channel == ContactChannel::email ? ContactChannel::sms : ContactChannel::email;
  for (const ContactChannel c : {patient.preferred_channel, other})
    if (!address_of(c).empty()) return Route{c, address_of(c)};
  return std::nullopt;
}

ContactChannel channel_named(const std::string& name) {
  return name == "email" ? ContactChannel::email : ContactChannel::sms;
}

}  // namespace rp::messaging
