#include "domain/email_address.hpp"

#include <algorithm>

#include "base/error.hpp"

namespace rp {
namespace {

constexpr std::size_t kMaxAddress = 254, kMaxLocal = 64, kMaxLabel = 63;

bool ascii_alnum(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }

bool atext(char c) {
  return ascii_alnum(c) || std::string_view("!#$%&'*+/=?^_`{|}~-").find(c) != std::string_view::npos;
}

// Parts between dots, each non-empty and passing `ok` character by character.
template <class Ok>
bool dotted(std::string_view text, std::size_t max_part, Ok ok) {
  std::size_t from = 0;
  for (;;) {
    const std::size_t dot = text.find('.', from);
    const std::string_view part =
        text.substr(from, dot == std::string_view::npos ? std::string_view::npos : dot - from);
    if (part.empty() || part.size() > max_part || !ok(part)) return false;
    if (dot == std::string_view::npos) return true;
    from = dot + 1;
  }
}

bool dns_label(std::string_view label) {
  return std::all_of(label.begin(), label.end(), [](char c) { return ascii_alnum(c) || c == '-'; }) &&
         label.front() != '-' && label.back() != '-';
}

std::string_view trimmed(std::string_view t) {
  const auto space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  while (!t.empty() && space(t.front())) t.remove_prefix(1);
  while (!t.empty() && space(t.back())) t.remove_suffix(1);
  return t;
}

}  // namespace

std::string normalise_email(std::string_view text, std::string_view field) {
  const std::string_view t = trimmed(text);
  if (t.size() > kMaxAddress) throw InputError(std::string(field), "too_many_bytes"_err, {{"max", kMaxAddress}});
  const std::size_t at = t.find('@');
  const bool one_at = at != std::string_view::npos && t.find('@', at + 1) == std::string_view::npos;
  const std::string_view local = one_at ? t.substr(0, at) : std::string_view();
  const std::string_view domain = one_at ? t.substr(at + 1) : std::string_view();
  const bool local_ok =
      dotted(local, kMaxLocal, [](std::string_view atom) { return std::all_of(atom.begin(), atom.end(), atext); }) &&
      local.size() <= kMaxLocal;
  const bool domain_ok = dotted(domain, kMaxLabel, dns_label) && domain.find('.') != std::string_view::npos;
  if (!local_ok || !domain_ok) throw InputError(std::string(field), "email_format"_err);
  std::string out(t);
  std::transform(out.begin() + static_cast<std::ptrdiff_t>(at) + 1, out.end(),
                 out.begin() + static_cast<std::ptrdiff_t>(at) + 1,
                 [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; });
  return out;
}

}  // namespace rp
