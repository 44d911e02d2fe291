// The cell product as JSON (api/product_json.hpp).
#include "api/product_json.hpp"

namespace rp::api {
namespace {

using nlohmann::json;

template <typename T>
json opt(const std::optional<T>& v) {
  return v ? json(*v) : json(nullptr);
}

json text_or_null(const std::string& s) { return s.empty() ? json(nullptr) : json(s); }

json qc_json(const product::QcTest& t) {
  return {{"result", std::string(to_string(t.result))}, {"due", t.due ? json(t.due->iso()) : json(nullptr)}};
}

}  // namespace

json product_json(const product::Product& p) {
  const product::Din din = product::parse_din(p.din);
  return {{"id", p.id},
          {"din", din.with_check()},
          {"flag", din.flag()},
          {"product_code", p.product_code},
          {"episode_id", p.episode_id},
          {"centre_id", p.centre_id},
          {"state", std::string(to_string(p.state))},
          {"migrated", p.migrated},
          {"source", p.source ? json(std::string(to_string(*p.source))) : json(nullptr)},
          {"harvest",
           {{"side", p.harvest_side ? json(std::string(to_string(*p.harvest_side))) : json(nullptr)},
            {"volume_ml", opt(p.harvest_volume_ml)},
            {"anaesthesia", text_or_null(p.anaesthesia)},
            {"started_at", text_or_null(p.harvest_started_at)},
            {"ended_at", text_or_null(p.harvest_ended_at)},
            {"by", text_or_null(p.harvested_by)}}},
          {"receipt",
           {{"at", text_or_null(p.received_at)},
            {"by", text_or_null(p.received_by)},
            {"temperature_c", opt(p.receipt_temperature_c)}}},
          {"processing",
           {{"method", p.method ? json(std::string(to_string(*p.method))) : json(nullptr)},
            {"passages", opt(p.passages)},
            {"at", text_or_null(p.processed_at)},
            {"by", text_or_null(p.processed_by)}}},
          {"counts",
           {{"total_nucleated_cells", opt(p.total_nucleated_cells)},
            {"viability_percent", opt(p.viability_percent)},
            {"cfu_f", opt(p.cfu_f)},
            {"isct_markers_met", opt(p.isct_markers_met)},
            {"isct_markers",
             {{"cd105", opt(p.isct.cd105)},
              {"cd73", opt(p.isct.cd73)},
              {"cd90", opt(p.isct.cd90)},
              {"cd45", opt(p.isct.cd45)},
              {"cd34", opt(p.isct.cd34)},
              {"cd14_or_cd11b", opt(p.isct.cd14_or_cd11b)},
              {"cd79a_or_cd19", opt(p.isct.cd79a_or_cd19)},
              {"hla_dr", opt(p.isct.hla_dr)}}}}},
          {"storage", {{"frozen_at", text_or_null(p.frozen_at)}, {"thawed_at", text_or_null(p.thawed_at)}}},
          {"qc",
           {{"sterility", qc_json(p.sterility)},
            {"endotoxin", qc_json(p.endotoxin)},
            {"mycoplasma", qc_json(p.mycoplasma)}}},
          {"expires_at", text_or_null(p.expires_at)},
          {"release",
           {{"at", text_or_null(p.released_at)},
            {"by", text_or_null(p.released_by)},
            {"exception_by", text_or_null(p.exception_by)},
            {"exception_reason", text_or_null(p.exception_reason)},
            {"exception_criteria", p.exception_criteria}}},
          {"used", {{"at", text_or_null(p.used_at)}, {"by", text_or_null(p.used_by)}}}};
}

json donor_json(const service::Donor& d) {
  return {{"id", d.id}, {"mrn", d.mrn}, {"name_fa", d.name_fa}, {"name_latin", d.name_latin}};
}

json listed_product_json(const service::ListedProduct& l) {
  json j = product_json(l.product);
  j["patient"] = donor_json(l.donor);
  return j;
}

json custody_event_json(const store::ProductEventRow& e) {
  return {{"at", e.at},     {"actor", e.actor},       {"role", e.role},    {"location", e.location},
          {"kind", e.kind}, {"verified", e.verified}, {"detail", e.detail}};
}

json trace_json(const service::ProductTrace& t) {
  json events = json::array();
  for (const auto& e : t.events) events.push_back(custody_event_json(e));
  json readings = json::array();
  for (const auto& r : t.readings)
    readings.push_back({{"at", r.at},
                        {"temperature_c", r.temperature_c},
                        {"location", r.location},
                        {"by", r.by},
                        {"excursion", r.excursion}});
  json passages = json::array();
  for (const auto& p : t.passages)
    passages.push_back({{"n", p.n},
                        {"seeded_on", p.seeded_on.iso()},
                        {"harvested_on", p.harvested_on ? json(p.harvested_on->iso()) : json(nullptr)}});
  json j = product_json(t.product);
  return {{"din", j["din"]},  {"state", j["state"]},  {"product", j},        {"patient", donor_json(t.donor)},
          {"events", events}, {"readings", readings}, {"passages", passages}};
}

}  // namespace rp::api
