#pragma once
// The server config's `orthanc:` block (the imaging archive, channels/orthanc_archive.hpp),
// from the YAML file and then from REGENPATH_ORTHANC_* environment variables, so that a
// password can stay out of the file.
#include <yaml-cpp/yaml.h>

#include <string>

#include "api/http/server_config.hpp"

namespace rp::api::http {

// Reads root["orthanc"] when present. Throws InputError naming the key.
void read_imaging_config(const YAML::Node& root, ServerConfig& config);
// Applies REGENPATH_ORTHANC_URL, _USER, _PASSWORD, _VIEWER_URL, then checks the block
// (the url's scheme, a user without a password).
void apply_imaging_env(ServerConfig& config);
// The sample config's documented block (commented out).
std::string imaging_sample_config();

}  // namespace rp::api::http
