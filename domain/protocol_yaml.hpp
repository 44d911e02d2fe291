#pragma once
// Reading a protocol file's YAML: every error names the source file, the line and the
// key path. Shared by the protocol's parts (domain/protocol.cpp, protocol_outcomes.cpp).
#include <yaml-cpp/yaml.h>

#include <charconv>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "base/error.hpp"
#include "base/error_catalogue.hpp"
#include "domain/protocol.hpp"
#include "domain/rule_text.hpp"

namespace rp::protocol_yaml {

// Error helpers: every message names the source file, the line and the key path, and
// the rule in the message's language.
struct Ctx {
  std::string_view source;
  [[noreturn]] void fail(const YAML::Node& node, const std::string& path, const RuleText& why) const {
    const int line = node.Mark().is_null() ? 0 : node.Mark().line + 1;
    if (line == 0) throw InputError(path, "protocol_rule"_err, {{"source", source}, {"path", path}, rule_param(why)});
    throw InputError(path, "protocol_rule_at_line"_err,
                     {{"source", source}, {"line", line}, {"path", path}, rule_param(why)});
  }
};

// A mapping's key must itself be a plain value: YAML allows a list or a mapping as a
// key ("? [a, b]: 1"), which no protocol field is.
inline std::string key_of(const Ctx& ctx, const YAML::Node& key, const std::string& path) {
  if (!key.IsScalar()) ctx.fail(key, path, {"has a key that is not a single value", "کلیدی دارد که یک مقدار تکی نیست"});
  return key.Scalar();
}

inline void allow_keys(const Ctx& ctx, const YAML::Node& map, const std::string& path, std::set<std::string> allowed) {
  if (!map.IsMap()) ctx.fail(map, path, rules::mapping());
  for (const auto& kv : map) {
    const auto key = key_of(ctx, kv.first, path.empty() ? "protocol" : path);
    if (!allowed.count(key))
      ctx.fail(kv.first, path.empty() ? key : path + "." + key,
               {"is not a known key", "کلید شناخته‌شده‌ای نیست"});
  }
}

inline YAML::Node need(const Ctx& ctx, const YAML::Node& map, const std::string& key, const std::string& path) {
  const YAML::Node n = map[key];
  if (!n.IsDefined() || n.IsNull()) ctx.fail(map, path.empty() ? key : path + "." + key, rules::required());
  return n;
}

inline std::string scalar(const Ctx& ctx, const YAML::Node& n, const std::string& path) {
  if (!n.IsScalar()) ctx.fail(n, path, {"must be a single value", "باید یک مقدار تکی باشد"});
  const std::string s = n.as<std::string>();
  if (s.empty()) ctx.fail(n, path, {"must not be empty", "نباید خالی باشد"});
  return s;
}

inline std::string child_path(const std::string& path, const std::string& key) {
  return path.empty() ? key : path + "." + key;
}

inline std::string req_string(const Ctx& ctx, const YAML::Node& map, const std::string& key, const std::string& path) {
  return scalar(ctx, need(ctx, map, key, path), child_path(path, key));
}

inline double number(const Ctx& ctx, const YAML::Node& n, const std::string& path) {
  const std::string s = scalar(ctx, n, path);
  double v = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || end != s.data() + s.size())
    ctx.fail(n, path, {"must be a number, not '" + s + "'", "باید عدد باشد، نه «" + s + "»"});
  return v;
}

inline bool boolean(const Ctx& ctx, const YAML::Node& n, const std::string& path) {
  const std::string s = scalar(ctx, n, path);
  if (s == "true") return true;
  if (s == "false") return false;
  ctx.fail(n, path, {"must be true or false", "باید true یا false باشد"});
}

inline LocalText local_text(const Ctx& ctx, const YAML::Node& n, const std::string& path) {
  allow_keys(ctx, n, path, {"en", "fa"});
  return {req_string(ctx, n, "en", path), req_string(ctx, n, "fa", path)};
}

inline Offset offset(const Ctx& ctx, const YAML::Node& n, const std::string& path) {
  try {
    return Offset::parse(scalar(ctx, n, path), path);
  } catch (const InputError& e) {
    ctx.fail(n, path, {e.what(), errors::message(e, "fa")});
  }
}

inline std::vector<std::string> string_list(const Ctx& ctx, const YAML::Node& n, const std::string& path) {
  if (!n.IsSequence()) ctx.fail(n, path, rules::list());
  std::vector<std::string> out;
  for (std::size_t i = 0; i < n.size(); ++i) out.push_back(scalar(ctx, n[i], path + "[" + std::to_string(i) + "]"));
  return out;
}

// The `outcomes:` section (absent: the defaults), checked against the protocol's items.
ProtocolOutcomes parse_protocol_outcomes(const Ctx& ctx, const YAML::Node& n, const Protocol& p);

// The `product:` section (absent: nullopt, the clinic's settings apply).
std::optional<ProtocolProduct> parse_protocol_product(const Ctx& ctx, const YAML::Node& n);

}  // namespace rp::protocol_yaml
