// Every JSON body decoder of the API: arbitrary bytes must yield a typed command or an
// InputError / MalformedBody, never a crash.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include <cmath>

#include "api/contract/products.hpp"
#include "api/decode.hpp"
#include "api/http/json_body.hpp"
#include "base/error.hpp"
#include "base/text.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  nlohmann::json body;
  try {
    body = rp::api::http::parse_json_object(std::string_view(reinterpret_cast<const char*>(data), size));
  } catch (const rp::api::http::MalformedBody&) {
    return 0;
  } catch (const rp::InputError&) {
    return 0;
  }
  auto attempt = [&](auto&& decode) {
    try {
      decode();
    } catch (const rp::InputError&) {
    }
  };
  attempt([&] { rp::api::decode_patient(body); });
  attempt([&] { rp::api::decode_patient_change(body); });
  attempt([&] { rp::api::decode_episode(body, 1); });
  attempt([&] { rp::api::decode_transition(body); });
  attempt([&] { rp::api::decode_details(body); });
  attempt([&] { rp::api::decode_plan(body); });
  attempt([&] { rp::api::decode_mark(body); });
  attempt([&] { rp::api::decode_questionnaire(body); });
  attempt([&] { rp::api::decode_event(body); });
  attempt([&] { rp::api::decode_red_flag(body); });
  attempt([&] { rp::api::decode_assessment_change(body); });
  attempt([&] { rp::api::decode_triage(body); });
  attempt([&] { rp::api::decode_centre(body, "c"); });
  // The lab's bodies: their decimals come out finite and within their rules, or not at all.
  const auto within = [](const std::optional<double>& v, double min, double max) {
    if (v && (!std::isfinite(*v) || *v < min || *v > max)) __builtin_trap();
  };
  namespace contract = rp::api::contract;
  attempt([&] {
    const auto h = rp::api::http::decode<contract::HarvestIn>(body);
    within(h.volume_ml, contract::kMinVolumeMl, 1000);
  });
  attempt([&] { within(rp::api::http::decode<contract::ReceiptIn>(body).temperature_c, -200, 45); });
  attempt([&] {
    const auto qc = rp::api::http::decode<contract::QcIn>(body);
    within(qc.viability_percent, 0, 100);
    within(qc.total_nucleated_cells, 0, 1e13);
    within(qc.cfu_f, 0, 1e9);
  });
  attempt([&] {
    const auto qc = rp::api::http::decode<contract::QcIn>(body);
    if (const auto& m = qc.isct_markers)
      for (const auto* v :
           {&m->cd105, &m->cd73, &m->cd90, &m->cd45, &m->cd34, &m->cd14_or_cd11b, &m->cd79a_or_cd19, &m->hla_dr})
        within(*v, 0, 100);
  });
  attempt([&] {
    const auto r = rp::api::http::decode<contract::ReadingIn>(body);
    within(r.temperature_c, -200, 45);
  });
  attempt([&] { within(rp::api::http::decode<contract::FreezeIn>(body).temperature_c, -200, 45); });
  attempt([&] { within(rp::api::http::decode<contract::ReturnIn>(body).temperature_c, -200, 45); });
  // A list of objects: at most 50, each a passage with a day it was seeded.
  attempt([&] {
    if (rp::api::http::decode<contract::PassagesIn>(body).passages.size() > 50) __builtin_trap();
  });
  attempt([&] { within(rp::api::http::decode<contract::InjectionIn>(body).volume_ml, contract::kMinVolumeMl, 100); });
  attempt([&] { rp::api::http::decode<contract::ReleaseIn>(body); });
  attempt([&] { rp::api::http::decode<contract::SetAsideIn>(body); });
  // The person-typed text rules and numbers every decoder relies on, on the raw bytes.
  const std::string_view raw(reinterpret_cast<const char*>(data), size);
  attempt([&] { rp::check_name(raw, "name"); });
  attempt([&] { rp::check_typed_text(raw, "text", size % 2 == 0); });
  attempt([&] {
    const auto n = rp::api::http::bounded_integer(raw, "limit", 1, 1000);
    if (n < 1 || n > 1000) __builtin_trap();
  });
  return 0;
}
