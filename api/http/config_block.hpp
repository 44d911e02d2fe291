#pragma once
// Reading a block of the server's YAML config (sms:, smtp:, orthanc:): its keys checked,
// each value of the type it must be, durations in a range; every refusal names the key as
// block.key.
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <chrono>
#include <initializer_list>
#include <string>

#include "base/error.hpp"

namespace rp::api::http {

// `block` must be a mapping whose keys are all in `known`; its field names are block.key.
inline void check_config_block(const YAML::Node& block, const std::string& name,
                               std::initializer_list<const char*> known) {
  if (!block.IsMap()) throw InputError(name, "config_key_type"_err, {{"key", name}});
  for (const auto& kv : block) {
    const std::string key = kv.first.IsScalar() ? kv.first.Scalar() : "?";
    if (std::none_of(known.begin(), known.end(), [&](const char* k) { return key == k; }))
      throw InputError(name + "." + key, "unknown_config_key"_err, {{"key", name + "." + key}});
  }
}

template <typename T>
void read_config_key(const YAML::Node& block, const std::string& name, const char* key, T& out) {
  const auto node = block[key];
  if (!node) return;
  const std::string field = name + "." + key;
  try {
    out = node.as<T>();
  } catch (const YAML::Exception&) {
    throw InputError(field, "config_key_type"_err, {{"key", field}});
  }
}

inline std::chrono::milliseconds config_milliseconds(const std::string& field, long long ms, long long lo,
                                                     long long hi) {
  if (ms < lo || ms > hi) throw InputError(field, "integer_range"_err, {{"name", field}, {"min", lo}, {"max", hi}});
  return std::chrono::milliseconds(ms);
}

}  // namespace rp::api::http
