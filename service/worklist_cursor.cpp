#include "service/worklist_cursor.hpp"

#include <sodium.h>

#include <charconv>
#include <vector>

#include "base/error.hpp"

namespace rp::service {
namespace {

constexpr int kVariant = sodium_base64_VARIANT_URLSAFE_NO_PADDING;
constexpr std::size_t kMaxText = 512;  // far above any cursor written: a long one is not ours

[[noreturn]] void refuse(std::string_view field) {
  throw InputError(std::string(field), "worklist_cursor_invalid"_err);
}

// Only YYYY-MM-DD in ASCII digits, the form encode_cursor writes.
CivilDate read_date(std::string_view text, std::string_view field) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') refuse(field);
  int parts[3] = {0, 0, 0};
  const std::string_view pieces[3] = {text.substr(0, 4), text.substr(5, 2), text.substr(8, 2)};
  for (int i = 0; i < 3; ++i) {
    const auto [end, ec] = std::from_chars(pieces[i].data(), pieces[i].data() + pieces[i].size(), parts[i]);
    if (ec != std::errc() || end != pieces[i].data() + pieces[i].size()) refuse(field);
  }
  try {
    return CivilDate::from_ymd(parts[0], parts[1], parts[2]);
  } catch (const InputError&) {
    refuse(field);
  }
}

}  // namespace

std::string encode_cursor(const store::WorklistCursor& c) {
  const std::string plain = std::to_string(c.group) + "|" + c.window_end.iso() + "|" + c.start.iso() + "|" +
                            std::to_string(c.episode_id) + "|" + c.item_id;
  std::string out(sodium_base64_encoded_len(plain.size(), kVariant), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(plain.data()), plain.size(),
                    kVariant);
  out.resize(out.find('\0'));
  return out;
}

store::WorklistCursor decode_cursor(std::string_view text, std::string_view field) {
  if (text.empty() || text.size() > kMaxText) refuse(field);
  std::vector<unsigned char> bytes(text.size());
  std::size_t size = 0;
  if (sodium_base642bin(bytes.data(), bytes.size(), text.data(), text.size(), nullptr, &size, nullptr, kVariant) != 0)
    refuse(field);
  const std::string_view plain(reinterpret_cast<const char*>(bytes.data()), size);
  // Four separators; the item is the rest, whatever it holds.
  std::string_view parts[5];
  std::size_t from = 0;
  for (int i = 0; i < 4; ++i) {
    const std::size_t bar = plain.find('|', from);
    if (bar == std::string_view::npos) refuse(field);
    parts[i] = plain.substr(from, bar - from);
    from = bar + 1;
  }
  parts[4] = plain.substr(from);
  store::WorklistCursor c;
  if (parts[0].size() != 1 || parts[0][0] < '0' || parts[0][0] > '2') refuse(field);
  c.group = parts[0][0] - '0';
  c.window_end = read_date(parts[1], field);
  c.start = read_date(parts[2], field);
  const auto [end, ec] = std::from_chars(parts[3].data(), parts[3].data() + parts[3].size(), c.episode_id);
  if (ec != std::errc() || end != parts[3].data() + parts[3].size() || c.episode_id < 1) refuse(field);
  if (parts[4].empty()) refuse(field);
  c.item_id = std::string(parts[4]);
  return c;
}

}  // namespace rp::service
