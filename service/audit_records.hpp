#pragma once
// The record half of the audit check (service/audit.hpp): every record's content now
// against the last audit row that vouched for it.
#include <cstdint>
#include <map>
#include <string>
#include <utility>

#include "service/audit.hpp"

namespace rp::service {

struct VouchedContent {
  std::int64_t seq = 0;  // the row
  std::string hash;
  std::string centre_id;  // the row's: a write is audited under its record's centre
};
// By (kind, id): the last content the chain vouched for.
using VouchedRecords = std::map<std::pair<std::string, std::int64_t>, VouchedContent>;

// Fills the records_* and changed_* fields of `v`, and adds a finding per changed record.
void check_records(store::Transaction& tx, const Actor& actor, const VouchedRecords& vouched, AuditVerification& v);

}  // namespace rp::service
