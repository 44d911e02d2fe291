#include "service/instrument_wordings.hpp"

#include "base/error.hpp"
#include "domain/instruments/registry.hpp"
#include "service/audit_entry.hpp"
#include "service/idempotency.hpp"
#include "service/instrument_forms.hpp"
#include "service/pathway.hpp"
#include "store/questionnaire_form.hpp"

namespace rp::service {
namespace {

// What an Idempotency-Key keeps of a loaded wording: the fields its answer shows, one a
// line (the Questionnaire itself is not part of the answer).
std::string wording_reference(const store::InstrumentWordingRow& r) {
  return std::to_string(r.id) + "\n" + r.instrument + "\n" + r.version + "\n" + r.languages + "\n" + r.loaded_by +
         "\n" + r.loaded_at;
}

store::InstrumentWordingRow wording_answered(const std::string& reference) {
  std::vector<std::string> f;
  std::size_t from = 0;
  for (std::size_t nl; (nl = reference.find('\n', from)) != std::string::npos; from = nl + 1)
    f.push_back(reference.substr(from, nl - from));
  f.push_back(reference.substr(from));
  f.resize(6);
  store::InstrumentWordingRow r;
  r.id = f[0].empty() ? 0 : std::stoll(f[0]);
  r.instrument = f[1];
  r.version = f[2];
  r.languages = f[3];
  r.loaded_by = f[4];
  r.loaded_at = f[5];
  return r;
}

}  // namespace

std::map<std::string, instruments::InstrumentForm> forms_in_use(store::Transaction& tx) {
  std::map<std::string, instruments::InstrumentForm> out;
  for (const auto& d : instruments::all_instruments())
    if (!d.questionnaire_file.empty()) out[std::string(d.key)] = instrument_form(d.questionnaire_file);
  for (const auto& w : tx.latest_instrument_wordings()) {
    auto form = store::stored_questionnaire_form(w.questionnaire_json);
    form.version = w.version;
    form.loaded_at = w.loaded_at;
    out[w.instrument] = std::move(form);
  }
  return out;
}

std::map<std::string, instruments::InstrumentForm> forms_in_use(store::Store& store) {
  std::map<std::string, instruments::InstrumentForm> out;
  store.read([&](store::Transaction& tx) { out = forms_in_use(tx); });
  return out;
}

std::string wording_in_use(store::Transaction& tx, const std::string& instrument) {
  for (const auto& w : tx.latest_instrument_wordings())
    if (w.instrument == instrument) return w.version;
  const auto id = instruments::parse_instrument_key(instrument);
  if (!id) return "";
  const auto& d = instruments::instrument(*id);
  return d.questionnaire_file.empty() ? "" : instrument_form(d.questionnaire_file).version;
}

store::InstrumentWordingRow load_wording(store::Store& store, const Clock& clock, const Actor& actor,
                                         std::string_view questionnaire_text, const std::string& instrument) {
  if (actor.role != Role::operator_ && actor.role != Role::admin)
    throw ForbiddenError("role", "wording_operator_only"_err);
  const CheckedWording w = check_wording(questionnaire_text, instrument);
  store::InstrumentWordingRow row;
  row.instrument = w.instrument;
  row.version = w.version;
  row.questionnaire_json = w.questionnaire;
  for (const auto& l : w.languages) row.languages += (row.languages.empty() ? "" : " ") + l;
  row.loaded_by = actor.user;
  row.loaded_at = clock.now_iso();
  store.write([&](store::Transaction& tx) {
    if (const auto earlier = earlier_request(tx, actor)) {
      row = wording_answered(*earlier);
      return;
    }
    row.id = tx.insert_instrument_wording(row);
    tx.append_audit(audit_entry(clock, actor, actor.centre, "instrument.wording_load", "instrument", row.instrument,
                                row.version + " (" + row.languages + ")"));
    remember_request(tx, actor, wording_reference(row), row.loaded_at);
  });
  return row;
}

}  // namespace rp::service
