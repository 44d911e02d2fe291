#include "store/audit_anchor.hpp"

#include <sodium.h>

#include <algorithm>
#include <charconv>
#include <stdexcept>

namespace rp::store {
namespace {

constexpr std::string_view kPrefix = "regenpath-audit-anchor v1 ";

void init() {
  if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
}

template <std::size_t N>
std::string hex(const std::array<unsigned char, N>& bytes) {
  std::string out(2 * N + 1, '\0');
  sodium_bin2hex(out.data(), out.size(), bytes.data(), N);
  out.pop_back();
  return out;
}

bool is_lower_hex(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

template <std::size_t N>
std::optional<std::array<unsigned char, N>> from_hex(std::string_view s) {
  if (s.size() != 2 * N || !is_lower_hex(s)) return std::nullopt;
  std::array<unsigned char, N> out{};
  std::size_t len = 0;
  if (sodium_hex2bin(out.data(), N, s.data(), s.size(), nullptr, &len, nullptr) != 0 || len != N) return std::nullopt;
  return out;
}

bool digit(char c) { return c >= '0' && c <= '9'; }

// 2026-11-25T08:00:00.000Z: digits where digits go, within range for month, day, hour,
// minute and second. (Whether the day exists in its month matters to nobody here.)
bool is_instant(std::string_view s) {
  static constexpr std::string_view shape = "dddd-dd-ddTdd:dd:dd.dddZ";
  if (s.size() != shape.size()) return false;
  for (std::size_t i = 0; i < shape.size(); ++i) {
    if (shape[i] == 'd' ? !digit(s[i]) : s[i] != shape[i]) return false;
  }
  auto two = [&](std::size_t at) { return (s[at] - '0') * 10 + (s[at + 1] - '0'); };
  return two(5) >= 1 && two(5) <= 12 && two(8) >= 1 && two(8) <= 31 && two(11) <= 23 && two(14) <= 59 && two(17) <= 59;
}

// Takes "name=" and the value up to the next space (or the end when `last`).
bool field(std::string_view& rest, std::string_view name, bool last, std::string_view& value) {
  if (rest.substr(0, name.size()) != name || rest.size() == name.size() || rest[name.size()] != '=') return false;
  rest.remove_prefix(name.size() + 1);
  const auto space = rest.find(' ');
  if (last) {
    if (space != std::string_view::npos) return false;
    value = rest;
    rest = {};
    return true;
  }
  if (space == std::string_view::npos) return false;
  value = rest.substr(0, space);
  rest.remove_prefix(space + 1);
  return true;
}

}  // namespace

std::string SigningKey::public_key_hex() const { return hex(public_key); }

SigningKey::~SigningKey() {
  sodium_memzero(seed.data(), seed.size());
  sodium_memzero(secret_key.data(), secret_key.size());
}

SigningKey signing_key_from_seed(const std::array<unsigned char, 32>& seed) {
  init();
  SigningKey k;
  k.seed = seed;
  crypto_sign_seed_keypair(k.public_key.data(), k.secret_key.data(), k.seed.data());
  return k;
}

SigningKey generate_signing_key() {
  init();
  std::array<unsigned char, 32> seed{};
  randombytes_buf(seed.data(), seed.size());
  SigningKey k = signing_key_from_seed(seed);
  sodium_memzero(seed.data(), seed.size());
  return k;
}

std::string anchor_signed_text(const AuditAnchor& a) {
  return std::string(kPrefix) + "seq=" + std::to_string(a.seq) + " head=" + a.head + " at=" + a.at +
         " key=" + a.public_key;
}

std::string anchor_line(const AuditAnchor& a) { return anchor_signed_text(a) + " sig=" + a.signature; }

AuditAnchor sign_anchor(std::int64_t seq, const std::string& head, const std::string& at, const SigningKey& key) {
  init();
  AuditAnchor a{seq, head, at, key.public_key_hex(), {}};
  const std::string text = anchor_signed_text(a);
  std::array<unsigned char, crypto_sign_BYTES> sig{};
  crypto_sign_detached(sig.data(), nullptr, reinterpret_cast<const unsigned char*>(text.data()), text.size(),
                       key.secret_key.data());
  a.signature = hex(sig);
  return a;
}

std::optional<AuditAnchor> parse_anchor_line(std::string_view line, std::string* why) {
  auto fail = [why](const char* reason) -> std::optional<AuditAnchor> {
    if (why) *why = reason;
    return std::nullopt;
  };
  if (line.substr(0, kPrefix.size()) != kPrefix) return fail("not a regenpath-audit-anchor v1 line");
  std::string_view rest = line.substr(kPrefix.size());
  std::string_view seq, head, at, key, sig;
  if (!field(rest, "seq", false, seq) || !field(rest, "head", false, head) || !field(rest, "at", false, at) ||
      !field(rest, "key", false, key) || !field(rest, "sig", true, sig))
    return fail("fields are not seq, head, at, key, sig in that order");
  AuditAnchor a;
  if (seq.empty() || seq.size() > 18 || !std::all_of(seq.begin(), seq.end(), digit) ||
      (seq.size() > 1 && seq[0] == '0'))
    return fail("seq is not a decimal row number");
  std::from_chars(seq.data(), seq.data() + seq.size(), a.seq);
  if (head.size() != 64 || !is_lower_hex(head)) return fail("head is not 64 lower-case hex digits");
  if (!is_instant(at)) return fail("at is not a UTC instant like 2026-11-25T08:00:00.000Z");
  if (!from_hex<32>(key)) return fail("key is not 64 lower-case hex digits");
  if (!from_hex<64>(sig)) return fail("sig is not 128 lower-case hex digits");
  a.head = std::string(head);
  a.at = std::string(at);
  a.public_key = std::string(key);
  a.signature = std::string(sig);
  return a;
}

std::optional<std::array<unsigned char, 32>> parse_public_key(std::string_view text) { return from_hex<32>(text); }

bool anchor_signed_by(const AuditAnchor& a, std::string_view trusted_public_key) {
  init();
  if (a.public_key != trusted_public_key) return false;
  const auto key = from_hex<32>(a.public_key);
  const auto sig = from_hex<64>(a.signature);
  if (!key || !sig) return false;
  const std::string text = anchor_signed_text(a);
  return crypto_sign_verify_detached(sig->data(), reinterpret_cast<const unsigned char*>(text.data()), text.size(),
                                     key->data()) == 0;
}

}  // namespace rp::store
