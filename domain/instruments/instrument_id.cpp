#include "domain/instruments/instrument_id.hpp"

#include <array>
#include <utility>

namespace rp::instruments {
namespace {

constexpr std::array<std::pair<InstrumentId, std::string_view>, 9> kKeys{{
    {InstrumentId::nrs, "nrs"},
    {InstrumentId::patient_global, "patient-global"},
    {InstrumentId::return_to_activity, "return-to-activity"},
    {InstrumentId::satisfaction, "satisfaction"},
    {InstrumentId::hoos, "hoos"},
    {InstrumentId::hoos_jr, "hoos-jr"},
    {InstrumentId::womac_from_hoos, "womac-from-hoos"},
    {InstrumentId::oxford_hip, "oxford-hip"},
    {InstrumentId::harris_hip, "harris-hip"},
}};

}  // namespace

std::string_view instrument_key(InstrumentId id) {
  for (const auto& [i, key] : kKeys) {
    if (i == id) return key;
  }
  return "unknown";
}

std::optional<InstrumentId> parse_instrument_key(std::string_view key) {
  for (const auto& [i, k] : kKeys) {
    if (k == key) return i;
  }
  return std::nullopt;
}

}  // namespace rp::instruments
