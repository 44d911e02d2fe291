#include "service/protocols.hpp"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <sstream>

#include "base/error.hpp"

namespace rp::service {
namespace fs = std::filesystem;

std::string data_dir() {
  const char* env = std::getenv("REGENPATH_DATA_DIR");
  return env && *env ? env : RP_DATA_DIR;
}

std::vector<std::string> protocol_names() {
  std::vector<std::string> names;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(fs::path(data_dir()) / "protocols", ec)) {
    if (e.path().extension() == ".yaml") names.push_back(e.path().stem().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

std::string protocol_source(const std::string& name) {
  const auto names = protocol_names();
  // Only listed names: a name is never read as a path.
  if (std::find(names.begin(), names.end(), name) == names.end())
    throw NotFoundError("protocol", "unknown protocol '" + name.substr(0, 64) + "'");
  std::ifstream in(fs::path(data_dir()) / "protocols" / (name + ".yaml"), std::ios::binary);
  if (!in) throw NotFoundError("protocol", "cannot read protocol '" + name + "'");
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::shared_ptr<const Protocol> load_protocol(const std::string& name_or_path) {
  static std::mutex mutex;
  static std::map<std::string, std::shared_ptr<const Protocol>> cache;
  const bool is_path = name_or_path.find('/') != std::string::npos || name_or_path.ends_with(".yaml");
  const fs::path path =
      is_path ? fs::path(name_or_path) : fs::path(data_dir()) / "protocols" / (name_or_path + ".yaml");
  std::lock_guard lock(mutex);
  if (auto it = cache.find(path.string()); it != cache.end()) return it->second;
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    if (is_path) throw NotFoundError("protocol", "cannot read protocol file '" + name_or_path + "'");
    std::string known;
    for (const auto& n : protocol_names()) known += (known.empty() ? "" : ", ") + n;
    throw NotFoundError("protocol", "unknown protocol '" + name_or_path + "' (known: " + known + ")");
  }
  std::ostringstream text;
  text << in.rdbuf();
  auto protocol = std::make_shared<const Protocol>(parse_protocol(text.str(), path.filename().string()));
  cache[path.string()] = protocol;
  return protocol;
}

}  // namespace rp::service
