#include "api/http/imaging_config.hpp"

#include <algorithm>
#include <cstdlib>

#include "base/error.hpp"

namespace rp::api::http {
namespace {

const char* orthanc_env(const char* name) {
  const char* v = std::getenv(name);
  return v && *v ? v : nullptr;
}

template <typename T>
void read_orthanc_key(const YAML::Node& block, const char* key, T& out) {
  const auto node = block[key];
  if (!node) return;
  const std::string field = std::string("orthanc.") + key;
  try {
    out = node.as<T>();
  } catch (const YAML::Exception&) {
    throw InputError(field, "config_key_type"_err, {{"key", field}});
  }
}

std::chrono::milliseconds orthanc_ms(const char* key, long long ms) {
  const std::string field = std::string("orthanc.") + key;
  if (ms < 100 || ms > 60000)
    throw InputError(field, "integer_range"_err, {{"name", field}, {"min", 100}, {"max", 60000}});
  return std::chrono::milliseconds(ms);
}

}  // namespace

void read_imaging_config(const YAML::Node& root, ServerConfig& c) {
  const auto block = root["orthanc"];
  if (!block) return;
  if (!block.IsMap()) throw InputError("orthanc", "config_key_type"_err, {{"key", "orthanc"}});
  static constexpr const char* known[] = {"url", "user", "password", "viewer_url", "timeout_ms", "connect_timeout_ms"};
  for (const auto& kv : block) {
    const std::string key = kv.first.IsScalar() ? kv.first.Scalar() : "?";
    if (std::none_of(std::begin(known), std::end(known), [&](const char* k) { return key == k; }))
      throw InputError("orthanc." + key, "unknown_config_key"_err, {{"key", "orthanc." + key}});
  }
  auto& o = c.orthanc;
  read_orthanc_key(block, "url", o.url);
  read_orthanc_key(block, "user", o.user);
  read_orthanc_key(block, "password", o.password);
  read_orthanc_key(block, "viewer_url", o.viewer_url);
  long long timeout = o.timeout.count(), connect = o.connect_timeout.count();
  read_orthanc_key(block, "timeout_ms", timeout);
  read_orthanc_key(block, "connect_timeout_ms", connect);
  o.timeout = orthanc_ms("timeout_ms", timeout);
  o.connect_timeout = orthanc_ms("connect_timeout_ms", connect);
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
