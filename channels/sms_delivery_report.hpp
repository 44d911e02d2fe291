#pragma once
// A provider's delivery report, called back to regenpath, read by configuration: the
// paths of the provider's message id and of the delivery status, and which status values
// mean delivered and which failed. The body may be JSON or a form
// (messageid=...&status=...): in a form a path is the field's name. Pure; fuzzed by
// fuzz/fuzz_sms_delivery_report.cpp.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace rp::channels {

struct DeliveryReportRules {
  std::string id_path = "messageid";
  std::string status_path = "status";
  std::vector<std::string> delivered;  // status values meaning delivered to the handset
  std::vector<std::string> failed;     // status values meaning it never will be
};

struct DeliveryReport {
  enum class Status { delivered, failed, unknown };
  std::string provider_id;
  Status status = Status::unknown;
  std::string detail;  // the provider's status value (short, plain) for the attempt log
};

inline const char* to_string(DeliveryReport::Status s) {
  switch (s) {
    case DeliveryReport::Status::delivered:
      return "delivered";
    case DeliveryReport::Status::failed:
      return "failed";
    case DeliveryReport::Status::unknown:
      break;
  }
  return "unknown";
}

// The report, or nullopt when the body names no message id (nothing to apply it to).
// A status that is neither delivered nor failed (queued at the operator, say) is unknown.
std::optional<DeliveryReport> parse_delivery_report(const DeliveryReportRules& rules, std::string_view body);

}  // namespace rp::channels
