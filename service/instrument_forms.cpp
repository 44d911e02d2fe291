#include "service/instrument_forms.hpp"

#include <filesystem>
#include <map>
#include <mutex>
#include <optional>

#include "base/error.hpp"
#include "domain/instruments/instrument_id.hpp"
#include "service/protocols.hpp"
#include "store/questionnaire_form.hpp"

namespace rp::service {
namespace {

// Why an instrument cannot be sent to a patient, as the catalogue's error; none when it can.
std::optional<InputError> refusal_for_patients(const instruments::InstrumentDef& d) {
  const std::string key(d.key);
  if (d.clinician_completed)
    return InputError("instrument", "clinician_reported_instrument"_err, {{"instrument", key}});
  if (d.questionnaire_file.empty()) return InputError("instrument", "derived_instrument"_err, {{"instrument", key}});
  return std::nullopt;
}

}  // namespace

std::string not_for_patients(const instruments::InstrumentDef& d) {
  const auto refusal = refusal_for_patients(d);
  return refusal ? refusal->what() : "";
}

const instruments::InstrumentDef& patient_instrument(const std::string& key) {
  const auto id = instruments::parse_instrument_key(key);
  if (!id) throw InputError("instrument", "unknown_instrument"_err, {{"instrument", key}});
  const auto& d = instruments::instrument(*id);
  if (auto refusal = refusal_for_patients(d)) throw *refusal;
  return d;
}

const instruments::InstrumentForm& instrument_form(std::string_view questionnaire_file) {
  static std::mutex mutex;
  static std::map<std::string, instruments::InstrumentForm, std::less<>> cache;
  std::lock_guard lock(mutex);
  if (auto it = cache.find(questionnaire_file); it != cache.end()) return it->second;
  const std::string file(questionnaire_file);
  const auto path = std::filesystem::path(data_dir()) / "instruments" / file;
  return cache.emplace(file, store::read_questionnaire_file(path.string(), file)).first->second;
}

}  // namespace rp::service
