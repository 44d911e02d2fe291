// Fuzzes questionnaire submissions end to end: JSON text → answers → validation →
// scoring → JSON output. The first byte picks the instrument. Every input must either
// score within the instrument's range or be rejected with InputError; anything else
// (another exception, a crash, an out-of-range score) is a bug.
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string_view>

#include "api/answers_json.hpp"
#include "base/error.hpp"
#include "domain/instruments/registry.hpp"
#include "store/json_columns.hpp"

namespace {

namespace ins = rp::instruments;

void check_range(const ins::Scores& scores) {
  for (const auto& [name, value] : scores.values) {
    double v = 0;
    if (const auto* d = std::get_if<double>(&value)) {
      v = *d;
    } else if (const auto* i = std::get_if<std::int64_t>(&value)) {
      v = static_cast<double>(*i);
    } else {
      continue;
    }
    // Every score regenpath produces lies in 0–100 (raw sums are smaller: 24, 48, 96).
    if (!(v >= 0 && v <= 100)) __builtin_trap();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const auto instruments = ins::all_instruments();
  const ins::InstrumentDef& def = instruments[data[0] % instruments.size()];
  const std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);
  const nlohmann::json body = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (body.is_discarded()) return 0;
  try {
    const ins::Scores scores = ins::score(def.id, rp::api::submission_from_json(body));
    if (scores.values.size() != def.scores.size()) __builtin_trap();
    check_range(scores);
    (void)rp::store::scores_to_json(scores).dump();
  } catch (const rp::InputError&) {
  }
  return 0;
}
