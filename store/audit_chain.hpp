#pragma once
#include <string>

#include "store/store.hpp"

namespace rp::store {

// BLAKE2b-256 (libsodium) over the previous hash and every field of the row, hex.
std::string audit_hash(const std::string& prev_hash, std::int64_t seq, const AuditEntry& e);

// The hash the first row chains from.
inline const std::string kAuditGenesis(64, '0');

}  // namespace rp::store
