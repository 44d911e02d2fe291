#pragma once
// The server config's messaging blocks: `sms:` (an SMS gateway over HTTP, its request as
// configuration, and its delivery reports) and `smtp:` (e-mail), each from the YAML file
// and then from REGENPATH_SMS_* / REGENPATH_SMTP_* environment variables, so that an API
// key or a password can stay out of the file.
#include <yaml-cpp/yaml.h>

#include <string>

#include "api/http/server_config.hpp"

namespace rp::api::http {

// Reads root["sms"] and root["smtp"] when present. Throws InputError naming the key.
void read_messaging_config(const YAML::Node& root, ServerConfig& config);
// Applies the environment's overrides, then checks the blocks as a whole (a url's scheme,
// a success path without its value, an SMTP url without a sender).
void apply_messaging_env(ServerConfig& config);
// The sample config's documented messaging blocks (commented out).
std::string messaging_sample_config();

}  // namespace rp::api::http
