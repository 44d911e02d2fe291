#include "store/record_content.hpp"

#include <algorithm>
#include <charconv>
#include <tuple>

namespace rp::store {
namespace {

bool is_kind(std::string_view k) {
  return std::any_of(std::begin(kRecordKinds), std::end(kRecordKinds), [&](const char* known) { return k == known; });
}

bool is_hex64(std::string_view h) {
  return h.size() == 64 &&
         std::all_of(h.begin(), h.end(), [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

}  // namespace

std::string format_content(std::vector<RecordHash> records) {
  if (records.empty()) return {};
  std::sort(records.begin(), records.end(),
            [](const RecordHash& a, const RecordHash& b) { return std::tie(a.kind, a.id) < std::tie(b.kind, b.id); });
  std::string out = "v1";
  for (const RecordHash& r : records) out += ' ' + r.kind + ':' + std::to_string(r.id) + '=' + r.hash;
  return out;
}

std::optional<std::vector<RecordHash>> parse_content(std::string_view content) {
  std::vector<RecordHash> out;
  if (content.empty()) return out;
  if (content.substr(0, 2) != "v1") return std::nullopt;
  content.remove_prefix(2);
  while (!content.empty()) {
    if (content.front() != ' ') return std::nullopt;
    content.remove_prefix(1);
    const auto colon = content.find(':');
    const auto equals = content.find('=');
    if (colon == std::string_view::npos || equals == std::string_view::npos || equals < colon) return std::nullopt;
    RecordHash r;
    r.kind = std::string(content.substr(0, colon));
    const std::string_view id = content.substr(colon + 1, equals - colon - 1);
    const auto [end, ec] = std::from_chars(id.data(), id.data() + id.size(), r.id);
    if (!is_kind(r.kind) || id.empty() || ec != std::errc() || end != id.data() + id.size() || r.id <= 0)
      return std::nullopt;
    std::string_view hash = content.substr(equals + 1);
    hash = hash.substr(0, hash.find(' '));
    if (!is_hex64(hash)) return std::nullopt;
    r.hash = std::string(hash);
    content.remove_prefix(equals + 1 + hash.size());
    out.push_back(std::move(r));
  }
  return out;
}

}  // namespace rp::store
