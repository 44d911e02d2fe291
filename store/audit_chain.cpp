#include "store/audit_chain.hpp"

#include <sodium.h>

#include <charconv>
#include <stdexcept>
#include <string_view>

namespace rp::store {

std::string audit_hash(const std::string& prev_hash, std::int64_t seq, const AuditEntry& e) {
  if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
  crypto_generichash_state st;
  crypto_generichash_init(&st, nullptr, 0, 32);
  // Each field is length-prefixed ("12:") so that no two different rows hash the same
  // input. Written without allocating: the committer thread hashes every audit row.
  auto add = [&](std::string_view field) {
    char len[24];
    char* end = std::to_chars(len, len + sizeof len - 1, field.size()).ptr;
    *end++ = ':';
    crypto_generichash_update(&st, reinterpret_cast<const unsigned char*>(len), static_cast<std::size_t>(end - len));
    crypto_generichash_update(&st, reinterpret_cast<const unsigned char*>(field.data()), field.size());
  };
  for (const std::string* f :
       {&prev_hash, &e.at, &e.actor, &e.role, &e.centre_id, &e.action, &e.entity, &e.entity_id, &e.detail}) {
    add(*f);
  }
  char seq_text[24];
  add(std::string_view(
      seq_text, static_cast<std::size_t>(std::to_chars(seq_text, seq_text + sizeof seq_text, seq).ptr - seq_text)));
  unsigned char out[32];
  crypto_generichash_final(&st, out, sizeof out);
  char hex[65];
  sodium_bin2hex(hex, sizeof hex, out, sizeof out);
  return hex;
}

}  // namespace rp::store
