#include "store/audit_chain.hpp"

#include <sodium.h>

#include <stdexcept>

namespace rp::store {

std::string audit_hash(const std::string& prev_hash, std::int64_t seq, const AuditEntry& e) {
  if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
  crypto_generichash_state st;
  crypto_generichash_init(&st, nullptr, 0, 32);
  // Each field is length-prefixed so that no two different rows hash the same input.
  auto add = [&](const std::string& field) {
    const std::string len = std::to_string(field.size()) + ":";
    crypto_generichash_update(&st, reinterpret_cast<const unsigned char*>(len.data()), len.size());
    crypto_generichash_update(&st, reinterpret_cast<const unsigned char*>(field.data()), field.size());
  };
  for (const std::string* f :
       {&prev_hash, &e.at, &e.actor, &e.role, &e.centre_id, &e.action, &e.entity, &e.entity_id, &e.detail}) {
    add(*f);
  }
  add(std::to_string(seq));
  unsigned char out[32];
  crypto_generichash_final(&st, out, sizeof out);
  char hex[65];
  sodium_bin2hex(hex, sizeof hex, out, sizeof out);
  return hex;
}

}  // namespace rp::store
