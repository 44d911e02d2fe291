#include "service/time_point_links.hpp"

#include <algorithm>

#include "base/error.hpp"
#include "domain/instruments/instrument_id.hpp"
#include "domain/instruments/registry.hpp"
#include "service/instrument_forms.hpp"
#include "service/protocols.hpp"

namespace rp::service {

std::vector<std::string> patient_instruments_at(const Protocol& protocol, const std::string& item_id) {
  const ProtocolItem* item = protocol.find_item(item_id);
  if (!item || item->kind != "questionnaire")
    throw InputError("item_id", "not_a_time_point"_err, {{"time_point", item_id}, {"protocol", protocol.id}});
  std::vector<std::string> out;
  for (const auto& key : item->instruments) {
    const auto id = instruments::parse_instrument_key(key);
    if (id && not_for_patients(instruments::instrument(*id)).empty()) out.push_back(key);
  }
  if (out.empty()) throw InputError("item_id", "time_point_asks_nothing"_err, {{"time_point", item_id}});
  return out;
}

std::vector<std::string> still_asked(store::Transaction& tx, const store::AccessTokenRow& link,
                                     const std::string& protocol_id) {
  // A link for one instrument asks for it until spent, even if it was answered before:
  // the clinic asked for it again on purpose.
  if (!link.instrument.empty()) return {link.instrument};
  auto asked = patient_instruments_at(*load_protocol(protocol_id), link.item_id);
  const auto answered = tx.instruments_answered(link.episode_id.value_or(0), link.item_id);
  std::erase_if(asked,
                [&](const std::string& k) { return std::find(answered.begin(), answered.end(), k) != answered.end(); });
  return asked;
}

}  // namespace rp::service
