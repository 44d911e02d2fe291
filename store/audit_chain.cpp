#include "store/audit_chain.hpp"

#include <sodium.h>

#include <algorithm>
#include <charconv>
#include <stdexcept>

namespace rp::store {

std::string audit_hash(const std::string& prev_hash, std::int64_t seq, const AuditEntry& e, std::string_view content) {
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
  // Two more fields only when either is set, so older rows keep their hash. A row with
  // them and one without never hash the same input: every field is length-prefixed.
  if (!content.empty() || !e.shown.empty()) {
    add(content);
    add(e.shown);
  }
  unsigned char out[32];
  crypto_generichash_final(&st, out, sizeof out);
  char hex[65];
  sodium_bin2hex(hex, sizeof hex, out, sizeof out);
  return hex;
}

std::string format_shown(std::vector<std::int64_t> patient_ids) {
  std::sort(patient_ids.begin(), patient_ids.end());
  patient_ids.erase(std::unique(patient_ids.begin(), patient_ids.end()), patient_ids.end());
  std::string out;
  for (const std::int64_t id : patient_ids) {
    if (!out.empty()) out += ',';
    out += std::to_string(id);
  }
  return out;
}

bool shows_patient(std::string_view shown, std::int64_t patient_id) {
  const std::string id = std::to_string(patient_id);
  for (std::size_t start = 0; start <= shown.size();) {
    std::size_t end = shown.find(',', start);
    if (end == std::string_view::npos) end = shown.size();
    if (shown.substr(start, end - start) == id) return true;
    start = end + 1;
  }
  return false;
}

}  // namespace rp::store
