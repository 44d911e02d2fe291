#pragma once
// Where the command line finds the audit anchors and the public key that checks them:
// what the options say, else the server's config (--config), else the defaults beside the
// database, so that `regenpath audit verify` checks what `regenpath serve` wrote.
#include <string>

#include "service/audit.hpp"

namespace rp::app {

struct AuditPaths {
  std::string db;
  std::string config;      // the server's config file, if given
  std::string anchors;     // the anchor file, if given
  std::string public_key;  // the public key file, if given
};

struct AuditEvidence {
  std::string db;
  std::string anchor_file;
  std::string public_key;  // hex; empty when there is no key and no anchor file to check
  service::AuditCheckOptions options;
};

// InputError("anchors") for an anchor file named but missing; InputError("public_key")
// for an anchor file without its public key, or a key file that is not a key.
AuditEvidence resolve_audit_evidence(const AuditPaths& given);

// The database at the schema this binary verifies. InputError("db") otherwise.
void require_current_schema(store::Store& s, const std::string& db);

}  // namespace rp::app
