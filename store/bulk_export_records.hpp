#pragma once
// A FHIR Bulk Data export and its files (0048_bulk_exports.sql, 0050, service/bulk_exports.hpp).
#include <cstdint>
#include <string>

namespace rp::store {

struct BulkExportRow {
  std::string id, centre_id, requested_by, request, types;
  std::string state;  // running | done | failed
  std::string transaction_time, progress, error, created_at, updated_at, finished_at;
  // centre: a centre's records, identified; registry: the de-identified registry's
  // (0050), centre_id empty when of every centre.
  std::string kind = "centre";
  bool operator==(const BulkExportRow&) const = default;
};

struct BulkExportFileRow {
  std::string export_id;
  int n = 0;
  std::string type;
  std::int64_t resources = 0;
  std::string content;  // left empty in a listing
};

}  // namespace rp::store
