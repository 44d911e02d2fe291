#pragma once
// GET /api/v1/registry/export: the de-identified export (service/deidentified_export.hpp)
// as one NDJSON answer for the analyst.
#include <optional>
#include <string>
#include <vector>

#include "api/http/query.hpp"

namespace rp::api::contract {

inline std::vector<std::string> registry_export_formats() { return {"ndjson"}; }

struct RegistryExportQuery {
  std::optional<std::string> format, centre, protocol;
  template <class V>
  static void fields(V& v) {
    using http::ParamRule;
    v("format", &RegistryExportQuery::format, "ndjson (the default; CSV is one file per table: the command line's)",
      ParamRule{.max_bytes = 16, .cut = true, .empty_is_absent = true, .values = registry_export_formats});
    v("centre", &RegistryExportQuery::centre, "one centre's records (a centre's admin: their own, the default)",
      ParamRule{.max_bytes = 64, .cut = true, .empty_is_absent = true});
    v("protocol", &RegistryExportQuery::protocol, "the records of one protocol's patients",
      ParamRule{.max_bytes = 64, .cut = true, .empty_is_absent = true});
  }
};

}  // namespace rp::api::contract
