#include "api/contract/sheet_exports.hpp"

namespace rp::api::contract {

service::SheetExportAsk sheet_export_ask(const SheetExportIn& in) {
  service::SheetExportAsk ask;
  ask.kind = in.kind;
  if (in.format) ask.format = *in.format;
  if (in.layout) ask.layout = *in.layout;
  ask.centre = in.centre;
  ask.protocol = in.protocol;
  return ask;
}

SheetExportOut sheet_export_out(const service::SheetExportStatus& st) {
  const auto& r = st.row;
  SheetExportOut out{r.id,     r.kind,       r.centre_id,   r.protocol_id,
                     r.format, r.layout,     r.state,       r.progress,
                     r.error,  r.created_at, r.finished_at, nlohmann::json::parse(r.summary, nullptr, false),
                     {},       r.error_code};
  if (out.summary.is_discarded()) out.summary = nlohmann::json::object();
  for (const auto& f : st.files)
    out.files.push_back({f.n, f.name, "/api/v1/exports/" + r.id + "/files/" + std::to_string(f.n), f.bytes});
  return out;
}

SheetExportsOut sheet_exports_out(const std::vector<service::SheetExportStatus>& exports) {
  SheetExportsOut out;
  for (const auto& st : exports) out.exports.push_back(sheet_export_out(st));
  return out;
}

}  // namespace rp::api::contract
