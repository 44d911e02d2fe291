#pragma once
// Finds protocol files by name (protocols/NAME.yaml under the data directory) or by path,
// parses each once and keeps it for the life of the process.
#include <memory>
#include <string>
#include <vector>

#include "domain/protocol.hpp"

namespace rp::service {

// The folder holding protocols/ and instruments/: $REGENPATH_DATA_DIR, else the source tree.
std::string data_dir();

// NAME (hip-msc-v1) or a path to a .yaml file. Throws NotFoundError("protocol") for an
// unknown name and InputError (file, line and key) for a malformed file.
std::shared_ptr<const Protocol> load_protocol(const std::string& name_or_path);

// The names of the protocols in the data directory.
std::vector<std::string> protocol_names();

// The YAML text of a protocol in the data directory, by name only (never a path).
// Throws NotFoundError("protocol") for a name that is not one of protocol_names().
std::string protocol_source(const std::string& name);

}  // namespace rp::service
