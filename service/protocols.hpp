#pragma once
// The protocol catalogue: every protocol in the data directory's protocols/ folder, read
// and checked once, on first use (the server's start), with the claims file each names
// and the responder thresholds. A request names a protocol by its id and only ever gets
// one from here: no text a request carries reaches the file system.
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "domain/claims.hpp"
#include "domain/cost/insurance.hpp"
#include "domain/instruments/responder_thresholds.hpp"
#include "domain/protocol.hpp"

namespace rp::service {

// The folder holding protocols/, claims/, instruments/, templates/ and insurance/:
// $REGENPATH_DATA_DIR; else share/regenpath beside the binary's folder, where the Debian
// package installs them (/usr/bin/regenpath -> /usr/share/regenpath); else the source tree.
std::string data_dir();
// The text of a file of the data directory the code names (claims/seed-evidence.yaml),
// never a request. NotFoundError(field, cannot_read_file) when it cannot be read.
std::string data_file_text(const std::string& relative_path, const std::string& field);

struct CatalogueEntry {
  std::shared_ptr<const Protocol> protocol;
  std::string yaml;                // the file's text, for the admin's protocol view
  std::optional<ClaimSet> claims;  // the claims file the protocol names, checked against it
};

// The catalogue's protocol `id`. Throws NotFoundError("protocol") naming the known ids,
// the same for every unknown text, whatever files exist.
const CatalogueEntry& catalogue_entry(const std::string& id);
std::shared_ptr<const Protocol> load_protocol(const std::string& id);
// The ids of the catalogue's protocols, sorted.
std::vector<std::string> protocol_names();
// The YAML text of a catalogue protocol (NotFoundError as load_protocol).
std::string protocol_source(const std::string& id);
// The responder thresholds (instruments/responder-thresholds.yaml), read with the catalogue.
const instruments::ResponderThresholds& responder_thresholds();
// Who pays what of a treatment (insurance/insurers.yaml), read once, on first use.
const cost::InsuranceRules& insurance_rules();

// A protocol file the operator names on the command line (`schedule --protocol FILE`),
// read now; never reachable from a request.
std::shared_ptr<const Protocol> load_protocol_file(const std::string& path);
// The operator's id or file, for command-line tools: a path (with '/' or ending .yaml)
// is read as a file, anything else looked up in the catalogue.
std::shared_ptr<const Protocol> protocol_for_cli(const std::string& id_or_path);

// A questionnaire answered for a time point (item_id prom-6w, ...): the item must be one
// of the protocol's questionnaire time points (InputError "item_id"), and the instrument
// one it lists (InputError "instrument"). An empty item_id is an answer outside the
// schedule, for any instrument.
void check_time_point(const Protocol& protocol, const std::string& item_id, const std::string& instrument);

// Checks a claims set against a protocol: each claim's time points are follow-up
// questionnaires of the protocol. Throws InputError naming the claim.
void check_claims(const ClaimSet& claims, const Protocol& protocol, const std::string& source);

}  // namespace rp::service
