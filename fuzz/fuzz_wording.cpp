// Fuzzes the loading of a clinic's questionnaire wording: any text → the FHIR R4
// Questionnaire parser and the check against an instrument's structure. The first byte
// picks the instrument named (or none: found by its items). Every input must either be
// accepted with exactly the instrument's answerable items, in its order, and a version,
// or be refused with InputError; anything else (another exception, a crash) is a bug.
#include <cstdint>
#include <string>
#include <string_view>

#include "base/error.hpp"
#include "service/instrument_forms.hpp"
#include "service/instrument_wording.hpp"

namespace {

constexpr const char* kNamed[] = {"", "hoos", "hoos-jr", "oxford-hip", "nrs", "satisfaction", "harris-hip"};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const std::string named = kNamed[data[0] % std::size(kNamed)];
  const std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);
  try {
    const auto w = rp::service::check_wording(text, named);
    if (!named.empty() && w.instrument != named) __builtin_trap();
    if (w.version.size() < 2 || w.languages.empty()) __builtin_trap();
    const auto& def = rp::service::patient_instrument(w.instrument);
    const auto& ours = rp::service::instrument_form(def.questionnaire_file).questions;
    const auto& theirs = w.form.questions;
    if (ours.size() != theirs.size()) __builtin_trap();
    for (std::size_t i = 0; i < ours.size(); ++i)
      if (ours[i].id != theirs[i].id) __builtin_trap();
    if (w.form.version != w.version || w.form.languages != w.languages) __builtin_trap();
  } catch (const rp::InputError&) {
  }
  return 0;
}
