#pragma once
// Anchors: the audit chain's head (sequence and hash), signed with a key kept outside the
// database. The hash chain alone is unkeyed, so whoever can write the database can
// rewrite every row and re-hash the chain; an anchor pins the head as it was, and a
// rewrite, a forged row or a cut tail no longer matches it. One anchor is one line of
// text, so anchors can be kept in an append-only file and copied anywhere (e-mail, a
// second store) and checked with the public key alone:
//
//   regenpath-audit-anchor v1 seq=42 head=<64 hex> at=2026-11-25T08:00:00.000Z key=<64 hex> sig=<128 hex>
//
// sig is Ed25519 (libsodium crypto_sign_detached) over the line up to " sig=". key is
// the signer's public key, so that a line names the key it claims; a verifier trusts
// only the public key it is given.
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace rp::store {

struct AuditAnchor {
  std::int64_t seq = 0;
  std::string head;        // the hash of row `seq` (hex)
  std::string at;          // when it was signed: UTC, 2026-11-25T08:00:00.000Z
  std::string public_key;  // hex, 32 bytes
  std::string signature;   // hex, 64 bytes
  bool operator==(const AuditAnchor&) const = default;
};

// An Ed25519 key pair. The secret never leaves this struct but for the key file.
struct SigningKey {
  SigningKey() = default;
  SigningKey(const SigningKey&) = default;
  SigningKey& operator=(const SigningKey&) = default;
  ~SigningKey();  // wipes the secret
  std::array<unsigned char, 32> seed{};
  std::array<unsigned char, 32> public_key{};
  std::array<unsigned char, 64> secret_key{};
  std::string public_key_hex() const;
};

SigningKey generate_signing_key();
SigningKey signing_key_from_seed(const std::array<unsigned char, 32>& seed);

// The signed anchor for a head.
AuditAnchor sign_anchor(std::int64_t seq, const std::string& head, const std::string& at, const SigningKey& key);
// The anchor's line, without the newline.
std::string anchor_line(const AuditAnchor& a);
// The part of the line the signature covers.
std::string anchor_signed_text(const AuditAnchor& a);

// A line in exactly the format anchor_line writes (fields in order, lower-case hex of the
// right lengths, a decimal sequence without leading zeros, the instant to the
// millisecond). Anything else: nullopt, with why in `why` when given.
std::optional<AuditAnchor> parse_anchor_line(std::string_view line, std::string* why = nullptr);

// Whether the anchor is signed by `trusted_public_key` (hex): the line names that key and
// the signature verifies with it.
bool anchor_signed_by(const AuditAnchor& a, std::string_view trusted_public_key);

// A public key as hex (64 characters), or nullopt.
std::optional<std::array<unsigned char, 32>> parse_public_key(std::string_view hex);

}  // namespace rp::store
