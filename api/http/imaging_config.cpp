#include "api/http/imaging_config.hpp"

#include <algorithm>
#include <cstdlib>

#include "api/http/config_block.hpp"
#include "base/error.hpp"

namespace rp::api::http {
namespace {

const char* orthanc_env(const char* name) {
  const char* v = std::getenv(name);
  return v && *v ? v : nullptr;
}

}  // namespace

void read_imaging_config(const YAML::Node& root, ServerConfig& c) {
  const auto block = root["orthanc"];
  if (!block) return;
  check_config_block(block, "orthanc", {"url", "user", "password", "viewer_url", "timeout_ms", "connect_timeout_ms"});
  auto& o = c.orthanc;
  read_config_key(block, "orthanc", "url", o.url);
  read_config_key(block, "orthanc", "user", o.user);
  read_config_key(block, "orthanc", "password", o.password);
  read_config_key(block, "orthanc", "viewer_url", o.viewer_url);
  long long timeout = o.timeout.count(), connect = o.connect_timeout.count();
  read_config_key(block, "orthanc", "timeout_ms", timeout);
  read_config_key(block, "orthanc", "connect_timeout_ms", connect);
  o.timeout = config_milliseconds("orthanc.timeout_ms", timeout, 100, 60000);
  o.connect_timeout = config_milliseconds("orthanc.connect_timeout_ms", connect, 100, 60000);
}

void apply_imaging_env(ServerConfig& c) {
  auto& o = c.orthanc;
  if (const char* v = orthanc_env("REGENPATH_ORTHANC_URL")) o.url = v;
  if (const char* v = orthanc_env("REGENPATH_ORTHANC_USER")) o.user = v;
  if (const char* v = orthanc_env("REGENPATH_ORTHANC_PASSWORD")) o.password = v;
  if (const char* v = orthanc_env("REGENPATH_ORTHANC_VIEWER_URL")) o.viewer_url = v;
  if (!o.configured()) return;
  const auto scheme = [](const std::string& url) {
    return url.rfind("http://", 0) == 0 || url.rfind("https://", 0) == 0;
  };
  if (!scheme(o.url))
    throw InputError("orthanc.url", "config_value_choice"_err,
                     {{"key", "orthanc.url"}, {"choices", "http://host:8042, https://…"}});
  if (!o.viewer_url.empty() && !scheme(o.viewer_url))
    throw InputError("orthanc.viewer_url", "config_value_choice"_err,
                     {{"key", "orthanc.viewer_url"}, {"choices", "http://…, https://…"}});
  if (!o.user.empty() && o.password.empty())
    throw InputError("orthanc.password", "config_value_needed"_err,
                     {{"key", "orthanc.password"}, {"why", "the password of orthanc.user"}});
}

std::string imaging_sample_config() {
  return R"(
# The imaging archive (a PACS): Orthanc's REST API. Staff link each patient to the
# archive's Patient ID once (looked up by record number or national id, never by name);
# the episode's studies then show against its X-ray, MRI and control imaging items, with a
# link to the viewer. Without orthanc.url there is no archive: grades are recorded with
# the study's date typed in. viewer_url: {id} is Orthanc's study id, {uid} the Study
# Instance UID (default: Orthanc Explorer's page of the study). A slow archive never holds
# a screen: after timeout_ms the panel says the archive did not answer.
# Environment: REGENPATH_ORTHANC_URL, _ORTHANC_USER, _ORTHANC_PASSWORD, _ORTHANC_VIEWER_URL.
# orthanc:
#   url: http://pacs.example.internal:8042
#   user: regenpath
#   password: "..."
#   viewer_url: http://pacs.example.internal:8042/ui/app/#/filtered-studies?StudyInstanceUID={uid}
#   timeout_ms: 3000
#   connect_timeout_ms: 1000
)";
}

}  // namespace rp::api::http
