#pragma once
// Which wording each instrument is asked with: the latest one the clinic loaded (its
// licensed translation), else the project's short labels shipped in instruments/. Each
// answer set keeps the version it was given with.
#include <map>
#include <string>

#include "base/clock.hpp"
#include "service/actor.hpp"
#include "service/instrument_wording.hpp"
#include "store/store.hpp"

namespace rp::service {

// The forms in use, by instrument key (only instruments with a form), read in `tx`.
std::map<std::string, instruments::InstrumentForm> forms_in_use(store::Transaction& tx);
// The same in a read of its own (the instruments route, the command line).
std::map<std::string, instruments::InstrumentForm> forms_in_use(store::Store& store);
// The version ("url|version") an answer set of `instrument` given now is given with.
std::string wording_in_use(store::Transaction& tx, const std::string& instrument);

// Loads a clinic's wording (the operator or a centre admin): checked, then kept as a new
// version with its audit row. ConflictError("version") when that version is loaded.
store::InstrumentWordingRow load_wording(store::Store& store, const Clock& clock, const Actor& actor,
                                         std::string_view questionnaire_text, const std::string& instrument);

}  // namespace rp::service
