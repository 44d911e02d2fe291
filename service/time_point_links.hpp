#pragma once
// A questionnaire time point is one sitting: a link (or the portal) asks the patient for
// every instrument the protocol lists at that time point that a patient can fill, each
// saved as its own answer set, and the link is spent once none is left to answer.
#include <string>
#include <vector>

#include "domain/protocol.hpp"
#include "store/store.hpp"

namespace rp::service {

// The instruments the time point `item_id` asks the patient for, in protocol order
// (clinician forms and scores derived from other answers left out). InputError("item_id")
// when the protocol has no such questionnaire time point or it asks the patient nothing.
std::vector<std::string> patient_instruments_at(const Protocol& protocol, const std::string& item_id);

// What a questionnaire link still asks for: its one instrument (until the link is spent),
// or the patient's instruments of its time point less those already answered for the
// episode at that time point (an answer set saved from this link, the portal or by staff).
std::vector<std::string> still_asked(store::Transaction& tx, const store::AccessTokenRow& link,
                                     const std::string& protocol_id);

}  // namespace rp::service
