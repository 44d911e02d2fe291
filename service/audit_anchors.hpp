#pragma once
// The server's side of anchors (store/audit_anchor.hpp): it signs the audit chain's head
// with its key (kept in a file outside the database) when it starts, at intervals while
// the head moves, when an admin checks the log, and when it stops, and appends each
// anchor to the anchor file and to every copy (another disk or host, later the admin's
// e-mail), so that a cut, a rewrite or a re-hash of the chain shows against them.
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "base/clock.hpp"
#include "store/audit_anchor_file.hpp"
#include "store/store.hpp"

namespace rp::service {

struct AnchorConfig {
  std::string key_path;                 // the signing key (created on first use, mode 0600)
  std::string anchor_path;              // the anchor file (append-only)
  std::vector<std::string> copy_paths;  // more append-only files that get every anchor
};

class AuditAnchors {
 public:
  // Loads or creates the key. InputError("audit_key") for a key file that is unsafe or not
  // a key. `on_error` hears an anchor that could not be written (the server goes on: a
  // missing anchor weakens the evidence, it loses no data).
  AuditAnchors(store::Store& store, Clock clock, AnchorConfig config,
               std::function<void(const std::string&)> on_error = {});
  ~AuditAnchors();
  AuditAnchors(const AuditAnchors&) = delete;
  AuditAnchors& operator=(const AuditAnchors&) = delete;

  // Signs and publishes this head, unless it is the head last published. Returns the
  // anchor written. Throws when the anchor file cannot be written.
  std::optional<store::AuditAnchor> anchor(std::int64_t seq, const std::string& hash);
  // The chain's head now.
  std::optional<store::AuditAnchor> anchor_now();
  // anchor(), under the anchoring lock taken by servers sharing the database (the admin's
  // "verify now" with several servers): nullopt when another server holds it.
  std::optional<store::AuditAnchor> anchor_in_turn(std::int64_t seq, const std::string& hash);

  // Checks the file's last anchor against the chain, signs the head as found, then signs
  // it every `interval` while it moves, on a thread of its own; stop() ends that and
  // signs the head once more (the shutdown anchor).
  void start(std::chrono::seconds interval);
  void stop();

  const AnchorConfig& config() const { return config_; }
  std::string public_key() const { return key_.public_key_hex(); }
  // The anchor file checked against this key.
  store::AnchorFile read_anchors() const;

 private:
  void run(std::chrono::seconds interval);
  // Under the anchoring lock (Store::try_work_lock): anchors the head unless another
  // server holds the lock; nothing when it does.
  void anchor_logged();
  // Takes the anchor file's last signed anchor as the last one published, whoever wrote it.
  void adopt_last_anchor();
  // Whether the chain still holds the row the file's last anchor names, as signed; tells
  // on_error when not (the log was cut or rewritten while no server ran).
  void check_last_anchor();

  store::Store& store_;
  Clock clock_;
  AnchorConfig config_;
  std::function<void(const std::string&)> on_error_;
  store::SigningKey key_;
  std::mutex mutex_;
  std::optional<std::int64_t> last_seq_;  // of the last anchor published by this process
  std::string last_hash_;
  std::thread thread_;
  std::condition_variable wake_;
  bool stopping_ = false;
};

}  // namespace rp::service
