#pragma once
// Which way a patient's messages go. Pure: the scheduler (service/messaging/) writes the
// route on each message and hands it to the channel that carries it.
#include <optional>
#include <string>

#include "domain/patient.hpp"

namespace rp::messaging {

struct Route {
  ContactChannel channel = ContactChannel::sms;
  std::string address;  // +989XXXXXXXXX, or an e-mail address
};

// The patient's preferred channel when its address is recorded, else the other one when
// its address is; none without consent to contact or without any address. Every
// message of one patient goes the one way, so a change of preference or address moves
// them all.
std::optional<Route> route_for(const Patient& patient);

// The channel a message row names: "email", else a text message (rows of the first
// releases say "log" for the demo's text messages).
ContactChannel channel_named(const std::string& name);

}  // namespace rp::messaging
