// Fuzzes the reading of an SMS provider's delivery report (channels/sms_delivery_report.hpp):
// any body, JSON or form, gives a report or none and never throws; a report always names
// a provider id, and a status is delivered or failed only for a value so configured.
#include <cstdint>
#include <string_view>

#include "channels/sms_delivery_report.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view body(reinterpret_cast<const char*>(data), size);
  using rp::channels::DeliveryReport;
  for (const auto& rules : {rp::channels::DeliveryReportRules{"messageid", "status", {"10"}, {"6", "11"}},
                            rp::channels::DeliveryReportRules{"data[0].id", "data.0.state", {"ok"}, {"no"}}}) {
    const auto report = rp::channels::parse_delivery_report(rules, body);
    if (!report) continue;
    if (report->provider_id.empty() || report->provider_id.size() > 256) __builtin_trap();
    if (report->status == DeliveryReport::Status::delivered && rules.delivered.empty()) __builtin_trap();
  }
  return 0;
}
