#include "service/protocols.hpp"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "base/error.hpp"

namespace rp::service {
namespace fs = std::filesystem;
namespace {

// A data file of the installation, named by the code (never by a request).
std::string read_data_file(const fs::path& path, const std::string& field) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw NotFoundError(field, "cannot_read_file"_err, {{"path", path.string()}});
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

std::string data_file_text(const std::string& relative_path, const std::string& field) {
  return read_data_file(fs::path(data_dir()) / relative_path, field);
}

namespace {

struct Catalogue {
  std::map<std::string, CatalogueEntry> entries;
  instruments::ResponderThresholds thresholds;
};

// Reads every protocols/*.yaml of the data directory; a malformed file, a file whose id
// is not its name, or a claims file that does not fit its protocol stops the start with
// the file, line and key named.
Catalogue read_catalogue() {
  Catalogue c;
  const fs::path root(data_dir());
  const fs::path thresholds = root / "instruments" / "responder-thresholds.yaml";
  c.thresholds =
      instruments::parse_responder_thresholds(read_data_file(thresholds, "thresholds"), thresholds.filename().string());
  std::error_code ec;
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(root / "protocols", ec))
    if (e.path().extension() == ".yaml") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  for (const fs::path& file : files) {
    CatalogueEntry entry;
    entry.yaml = read_data_file(file, "protocol");
    const std::string name = file.filename().string();
    auto protocol = std::make_shared<const Protocol>(parse_protocol(entry.yaml, name));
    if (protocol->id != file.stem().string())
      throw InputError("protocol", "protocol_id_not_file_name"_err, {{"file", name}, {"id", protocol->id}});
    if (!protocol->outcomes.claims.empty()) {
      const std::string claims_name = protocol->outcomes.claims + ".yaml";
      ClaimSet claims = parse_claims(read_data_file(root / "claims" / claims_name, "claims"), claims_name);
      check_claims(claims, *protocol, claims_name);
      entry.claims = std::move(claims);
    }
    entry.protocol = std::move(protocol);
    c.entries.emplace(entry.protocol->id, std::move(entry));
  }
  return c;
}

const Catalogue& catalogue() {
  static const Catalogue c = read_catalogue();  // once, thread-safe
  return c;
}

}  // namespace

const cost::InsuranceRules& insurance_rules() {
  static const cost::InsuranceRules rules =
      cost::InsuranceRules::parse(read_data_file(fs::path(data_dir()) / "insurance" / "insurers.yaml", "insurance"));
  return rules;
}

std::string data_dir() {
  const char* env = std::getenv("REGENPATH_DATA_DIR");
  if (env && *env) return env;
  // An installed binary's own data comes first, so that a source tree left at the path
  // the package was built from never stands in for a file the package lacks.
  std::error_code ec;
  const fs::path installed = fs::read_symlink("/proc/self/exe", ec).parent_path().parent_path() / "share" / "regenpath";
  if (!ec && fs::is_directory(installed / "protocols", ec)) return installed.string();
  return RP_DATA_DIR;
}

const CatalogueEntry& catalogue_entry(const std::string& id) {
  const auto& entries = catalogue().entries;
  const auto it = entries.find(id);
  if (it != entries.end()) return it->second;
  std::string known;
  for (const auto& [name, e] : entries) known += (known.empty() ? "" : ", ") + name;
  // The request's text is not repeated: the answer is the same whatever was asked.
  throw NotFoundError("protocol", "unknown_protocol_known"_err, {{"known", known}});
}

std::shared_ptr<const Protocol> load_protocol(const std::string& id) { return catalogue_entry(id).protocol; }

std::vector<std::string> protocol_names() {
  std::vector<std::string> names;
  for (const auto& [id, e] : catalogue().entries) names.push_back(id);
  return names;
}

std::string protocol_source(const std::string& id) { return catalogue_entry(id).yaml; }

const instruments::ResponderThresholds& responder_thresholds() { return catalogue().thresholds; }

std::shared_ptr<const Protocol> load_protocol_file(const std::string& path) {
  const std::string text = read_data_file(path, "protocol");
  return std::make_shared<const Protocol>(parse_protocol(text, fs::path(path).filename().string()));
}

std::shared_ptr<const Protocol> protocol_for_cli(const std::string& id_or_path) {
  const bool is_path = id_or_path.find('/') != std::string::npos || id_or_path.ends_with(".yaml");
  return is_path ? load_protocol_file(id_or_path) : load_protocol(id_or_path);
}

void check_claims(const ClaimSet& claims, const Protocol& protocol, const std::string& source) {
  auto follow_up = [&](const Claim& c, const std::string& item_id, const char* key) {
    const ProtocolItem* item = protocol.find_item(item_id);
    if (!item || item->kind != "questionnaire" || item_id == protocol.outcomes.baseline)
      throw InputError(
          "claims", "claim_not_a_follow_up"_err,
          {{"source", source}, {"claim", c.id}, {"key", key}, {"item", item_id}, {"protocol", protocol.id}});
  };
  for (const Claim& c : claims.claims) {
    if (!c.time_point.empty()) follow_up(c, c.time_point, "time_point");
    if (!c.until.empty()) follow_up(c, c.until, "until");
  }
}

void check_time_point(const Protocol& protocol, const std::string& item_id, const std::string& instrument) {
  if (item_id.empty()) return;
  const ProtocolItem* item = protocol.find_item(item_id);
  if (!item || item->kind != "questionnaire")
    throw InputError("item_id", "not_a_time_point"_err, {{"time_point", item_id}, {"protocol", protocol.id}});
  if (std::find(item->instruments.begin(), item->instruments.end(), instrument) != item->instruments.end()) return;
  std::string asked;
  for (const auto& i : item->instruments) asked += (asked.empty() ? "" : ", ") + i;
  throw InputError("instrument", "not_asked_at"_err,
                   {{"instrument", instrument}, {"time_point", item_id}, {"asked", asked}});
}

}  // namespace rp::service
