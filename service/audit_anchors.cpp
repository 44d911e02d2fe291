#include "service/audit_anchors.hpp"

#include <algorithm>
#include <exception>
#include <fstream>

namespace rp::service {
namespace {

// The anchor file's last line signed by `public_key`, read from the file's end only: the
// file grows by a line per anchor for as long as the clinic runs.
std::optional<store::AuditAnchor> last_signed_anchor(const std::string& path, const std::string& public_key) {
  std::ifstream in(path, std::ios::binary | std::ios::ate);
  if (!in) return std::nullopt;
  const std::streamoff size = in.tellg();
  const std::streamoff tail = std::min<std::streamoff>(size, 4096);  // several lines of ~300 bytes
  std::string text(static_cast<std::size_t>(tail), '\0');
  in.seekg(size - tail);
  in.read(text.data(), tail);
  // The first line of the tail may be cut; it is not the last one unless the file is short.
  if (tail < size) text.erase(0, text.find('\n') == std::string::npos ? text.size() : text.find('\n') + 1);
  const store::AnchorFile found = store::check_anchor_text(text, public_key);
  if (found.anchors.empty()) return std::nullopt;
  return found.anchors.back().anchor;
}

}  // namespace

AuditAnchors::AuditAnchors(store::Store& store, Clock clock, AnchorConfig config,
                           std::function<void(const std::string&)> on_error)
    : store_(store),
      clock_(std::move(clock)),
      config_(std::move(config)),
      on_error_(std::move(on_error)),
      key_(store::load_or_create_signing_key(config_.key_path)) {}

AuditAnchors::~AuditAnchors() {
  // Without the shutdown anchor: a process that did not stop() is being unwound.
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

std::optional<store::AuditAnchor> AuditAnchors::anchor(std::int64_t seq, const std::string& hash) {
  std::lock_guard lock(mutex_);
  if (last_seq_ == seq && last_hash_ == hash) return std::nullopt;
  const store::AuditAnchor a = store::sign_anchor(seq, hash, clock_.now_iso(), key_);
  const std::string line = store::anchor_line(a);
  store::append_anchor_line(config_.anchor_path, line);
  last_seq_ = seq;
  last_hash_ = hash;
  // The copies are extra evidence: one that fails is reported, and the others still get it.
  for (const std::string& copy : config_.copy_paths) {
    try {
      store::append_anchor_line(copy, line);
    } catch (const std::exception& e) {
      if (on_error_) on_error_(std::string("audit anchor copy not written: ") + e.what());
    }
  }
  return a;
}

std::optional<store::AuditAnchor> AuditAnchors::anchor_now() {
  std::optional<store::AuditRow> head;
  store_.read([&](store::Transaction& tx) { head = tx.last_audit_row(); });
  if (!head) return std::nullopt;  // an empty log: nothing to vouch for
  return anchor(head->seq, head->hash);
}

std::optional<store::AuditAnchor> AuditAnchors::anchor_in_turn(std::int64_t seq, const std::string& hash) {
  // As the periodic turn: a server whose peer holds the lock leaves the head to it.
  const auto turn = store_.try_work_lock("audit_anchoring");
  if (!turn) return std::nullopt;
  adopt_last_anchor();
  return anchor(seq, hash);
}

void AuditAnchors::anchor_logged() {
  try {
    // Servers sharing a database take turns: the one holding the lock signs, the others
    // skip this turn (the head they would sign gets signed by the holder, or by whoever
    // holds it next). A shutdown anchor skipped so is written by a server still running.
    const auto turn = store_.try_work_lock("audit_anchoring");
    if (!turn) return;
    adopt_last_anchor();
    anchor_now();
  } catch (const std::exception& e) {
    if (on_error_) on_error_(std::string("audit anchor not written: ") + e.what());
  }
}

void AuditAnchors::adopt_last_anchor() {
  // Another server writing to the same anchor file may have signed the head since this
  // one last did: signing it again would add a second line for one head.
  const auto last = last_signed_anchor(config_.anchor_path, key_.public_key_hex());
  if (!last) return;
  std::lock_guard lock(mutex_);
  last_seq_ = last->seq;
  last_hash_ = last->head;
}

void AuditAnchors::check_last_anchor() {
  try {
    const store::AnchorFile file = read_anchors();
    if (!file.defects.empty() && on_error_)
      on_error_("the audit anchor file has " + std::to_string(file.defects.size()) +
                " lines not signed by this server's key (first: line " + std::to_string(file.defects.front().line) +
                "): run `regenpath audit verify`");
    if (file.anchors.empty()) return;
    const store::AuditAnchor& last = file.anchors.back().anchor;
    {
      // A restart with nothing new to vouch for adds no line.
      std::lock_guard lock(mutex_);
      last_seq_ = last.seq;
      last_hash_ = last.head;
    }
    std::vector<store::AuditRow> rows;
    store_.read([&](store::Transaction& tx) { rows = tx.audit_rows(last.seq - 1, 1); });
    if ((rows.empty() || rows.front().seq != last.seq || rows.front().hash != last.head) && on_error_)
      on_error_("the audit log does not match its last signed anchor (row " + std::to_string(last.seq) + ", signed " +
                last.at +
                "): rows were removed or rewritten while the server was stopped; run "
                "`regenpath audit verify`");
  } catch (const std::exception& e) {
    if (on_error_) on_error_(std::string("the audit anchor file could not be checked: ") + e.what());
  }
}

void AuditAnchors::start(std::chrono::seconds interval) {
  check_last_anchor();
  anchor_logged();  // the head as found at start: rows the command line wrote meanwhile
  thread_ = std::thread([this, interval] { run(interval); });
}

void AuditAnchors::run(std::chrono::seconds interval) {
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    if (wake_.wait_for(lock, interval, [this] { return stopping_; })) break;
    lock.unlock();
    anchor_logged();
    lock.lock();
  }
}

void AuditAnchors::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
  anchor_logged();
}

store::AnchorFile AuditAnchors::read_anchors() const {
  return store::read_anchor_file(config_.anchor_path, key_.public_key_hex());
}

}  // namespace rp::service
