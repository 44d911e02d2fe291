#pragma once
// Where anchors (store/audit_anchor.hpp) and the key that signs them live: files outside
// the database. The signing key is created on first use, readable by its owner only; the
// anchor file is append-only, one signed line per anchor, and is checked with the public
// key alone.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "store/audit_anchor.hpp"

namespace rp::store {

// Defaults when the configuration names no path: beside the database. A clinic that
// wants the key out of reach of whoever can copy the database sets another path.
// Beside the SQLite file (FILE or sqlite:FILE); for a postgresql:// URL, beside
// regenpath-data/postgresql-<database> in the working folder.
std::string default_signing_key_path(const std::string& db);  // <folder of db>/audit-signing.key
std::string default_anchor_path(const std::string& db);       // <db>.anchors
std::string public_key_path(const std::string& key_path);     // <key>.pub

// Reads the signing key, or creates it (mode 0600, in a folder created 0700) with its
// public key file beside it when there is none. InputError("audit_key") for a key file
// others may read, one that is not a key, or a public key file that is not its key.
SigningKey load_or_create_signing_key(const std::string& path);
// The public key in a .pub file, as hex. InputError(field) when it cannot be read or is
// not a key.
std::string read_public_key_file(const std::string& path, const std::string& field);

// Appends one line (O_APPEND, created 0644) and syncs it to disk before returning. A file
// whose last line was cut short (a crash mid-write) gets a line break first, so the new
// line stands whole.
void append_anchor_line(const std::string& path, const std::string& line);

struct AnchorDefect {
  std::size_t line = 0;  // 1-based
  std::string why;
};
struct NumberedAnchor {
  std::size_t line = 0;
  AuditAnchor anchor;
};
// An anchor file checked against the trusted public key: the anchors it signed, and every
// line that is not one (unreadable, or signed by another key or not at all).
struct AnchorFile {
  std::string path;
  bool exists = false;
  std::string public_key;  // hex, the key trusted
  std::vector<NumberedAnchor> anchors;
  std::vector<AnchorDefect> defects;
};
AnchorFile check_anchor_text(std::string_view text, const std::string& trusted_public_key);
// A file that does not exist gives exists = false and no anchors; one that exists but
// cannot be read throws (the server or its disk is wrong, not the request).
AnchorFile read_anchor_file(const std::string& path, const std::string& trusted_public_key);

}  // namespace rp::store
