// Fuzzes the decoder of the outcome report's derived rows (store/outcome_rows.hpp): a
// facts blob read back from outcome_joints is either decoded into columns that agree in
// length, with every index in range, or refused with std::runtime_error (a blob that
// ends early); it never reads past its end. The input is two blobs, the first's length
// in its first two bytes (little-endian), so that a good row and a bad one meet in one
// merge.
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>

#include "store/outcome_rows.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 2) return 0;
  const std::string_view input(reinterpret_cast<const char*>(data) + 2, size - 2);
  const std::size_t length = data[0] | static_cast<std::size_t>(data[1]) << 8;
  const std::string_view first = input.substr(0, length);
  const std::string_view second = length < input.size() ? input.substr(length) : std::string_view();
  rp::store::OutcomeColumns out;
  out.centre_ids = {"a", "b"};
  const std::vector<std::string> time_points = {"prom-baseline", "prom-6m"};
  const std::string protocol = "hip-msc-v1";
  const auto consent = rp::store::ConsentScope::everyone();
  rp::store::OutcomeRowsMerge merge(out, time_points, {}, {}, protocol, consent);
  try {
    merge.stored(1, "a", first);
    if (!second.empty()) merge.stored(2, "b", second);
  } catch (const std::runtime_error&) {
    return 0;  // refused: the columns are not used
  }
  merge.finish();
  const auto& e = out.episodes;
  const std::size_t rows = e.size();
  if (e.injection_day.size() != rows || e.age_band.size() != rows || e.injecting_operator.size() != rows ||
      out.adverse_events.untriaged_red_flags.size() != rows)
    __builtin_trap();
  for (int tp = 0; tp < out.proms.time_points; ++tp)
    if (out.proms.window_end_day[tp].size() != rows ||
        out.proms.column(rp::store::PromMeasure::nrs_pain, tp).size() != rows)
      __builtin_trap();
  for (const auto op : e.injecting_operator)
    if (op >= static_cast<std::int32_t>(out.operator_ids.size())) __builtin_trap();
  const auto& a = out.adverse_events;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (a.episode_row[i] < 0 || static_cast<std::size_t>(a.episode_row[i]) >= rows ||
        a.category[i] >= static_cast<std::int16_t>(a.category_names.size()))
      __builtin_trap();
  return 0;
}
