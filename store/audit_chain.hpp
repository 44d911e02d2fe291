#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "store/store.hpp"

namespace rp::store {

// BLAKE2b-256 (libsodium) over the previous hash and every field of the row, hex. A row
// that carries record content or shown patients (migration 0008) hashes those two fields
// after the others; a row without them hashes exactly as rows did before, so databases
// written by earlier versions keep verifying.
std::string audit_hash(const std::string& prev_hash, std::int64_t seq, const AuditEntry& e,
                       std::string_view content = {});
inline std::string audit_hash(const std::string& prev_hash, std::int64_t seq, const AuditRow& r) {
  return audit_hash(prev_hash, seq, r, r.content);
}

// The hash the first row chains from.
inline const std::string kAuditGenesis(64, '0');

// AuditEntry::shown for these patient ids: ascending, each once, comma-separated.
std::string format_shown(std::vector<std::int64_t> patient_ids);
// Whether a row's `shown` names the patient.
bool shows_patient(std::string_view shown, std::int64_t patient_id);

}  // namespace rp::store
