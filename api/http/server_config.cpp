#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cstdlib>
#include <string_view>
#include <thread>

#include "api/http/client_address.hpp"
#include "api/http/imaging_config.hpp"
#include "api/http/messaging_config.hpp"
#include "api/http/server_config.hpp"
#include "base/error.hpp"
#include "store/audit_anchor_file.hpp"

namespace rp::api::http {
namespace {

template <typename T>
void read_key(const YAML::Node& root, const char* key, T& out) {
  const auto node = root[key];
  if (!node) return;
  try {
    out = node.as<T>();
  } catch (const YAML::Exception&) {
    throw InputError(key, "config_key_type"_err, {{"key", key}});
  }
}

void read_seconds(const YAML::Node& root, const char* key, std::chrono::seconds& out) {
  long long s = out.count();
  read_key(root, key, s);
  if (s <= 0 || s > 3600) throw InputError(key, "seconds_range"_err, {{"key", key}});
  out = std::chrono::seconds(s);
}

const char* env(const char* name) {
  const char* v = std::getenv(name);
  return v && *v ? v : nullptr;
}

int env_int(const char* name, int fallback, int lo, int hi) {
  const char* v = env(name);
  if (!v) return fallback;
  try {
    const int n = std::stoi(v);
    if (n < lo || n > hi) throw std::out_of_range(name);
    return n;
  } catch (const std::exception&) {
    throw InputError(name, "integer_range"_err, {{"name", name}, {"min", lo}, {"max", hi}});
  }
}

std::vector<std::string> split_list(std::string_view text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= text.size()) {
    const auto comma = std::min(text.find(',', start), text.size());
    if (comma > start) out.emplace_back(text.substr(start, comma - start));
    start = comma + 1;
  }
  return out;
}

}  // namespace

ServerConfig load_server_config(const std::string& path) {
  ServerConfig c;
  c.web_dir = RP_WEB_DIR;
  if (!path.empty()) {
    YAML::Node root;
    try {
      root = YAML::LoadFile(path);
    } catch (const YAML::BadFile&) {
      throw NotFoundError("config", "cannot_read_config"_err, {{"path", path}});
    } catch (const YAML::Exception& e) {
      throw InputError("config", "config_file_invalid"_err, {{"path", path}, {"detail", e.what()}});
    }
    if (root && !root.IsNull() && !root.IsMap()) throw InputError("config", "config_not_mapping"_err);
    // read_timeout: request_timeout's former name, still read from older files.
    static const char* known[] = {"address",
                                  "port",
                                  "io_threads",
                                  "workers",
                                  "body_limit",
                                  "header_limit",
                                  "request_timeout",
                                  "read_timeout",
                                  "idle_timeout",
                                  "write_timeout",
                                  "tls_cert",
                                  "tls_key",
                                  "db",
                                  "lang",
                                  "log_level",
                                  "session_idle_s",
                                  "web_dir",
                                  "metrics_token",
                                  "trusted_proxies",
                                  "audit_key",
                                  "audit_anchors",
                                  "audit_anchor_copy",
                                  "audit_anchor_interval_s",
                                  "messages_interval_s",
                                  "portal_url",
                                  "event_streams",
                                  "event_streams_per_account",
                                  "event_heartbeat_s",
                                  "heavy_reads",
                                  "report_cache_mb",
                                  "sms",
                                  "smtp",
                                  "orthanc"};
    for (const auto& kv : root) {
      if (!kv.first.IsScalar()) throw InputError("config", "config_key_type"_err, {{"key", "?"}});
      const auto key = kv.first.Scalar();
      if (std::find(std::begin(known), std::end(known), key) == std::end(known))
        throw InputError(key, "unknown_config_key"_err, {{"key", key}});
    }
    read_key(root, "address", c.address);
    int port = c.port;
    read_key(root, "port", port);
    if (port < 0 || port > 65535) throw InputError("port", "port_range"_err);
    c.port = static_cast<unsigned short>(port);
    read_key(root, "io_threads", c.io_threads);
    read_key(root, "workers", c.workers);
    read_key(root, "body_limit", c.body_limit);
    read_key(root, "header_limit", c.header_limit);
    if (root["read_timeout"] && root["request_timeout"]) throw InputError("read_timeout", "read_timeout_renamed"_err);
    read_seconds(root, "read_timeout", c.request_timeout);
    read_seconds(root, "request_timeout", c.request_timeout);
    read_seconds(root, "idle_timeout", c.idle_timeout);
    read_seconds(root, "write_timeout", c.write_timeout);
    read_key(root, "tls_cert", c.tls_cert);
    read_key(root, "tls_key", c.tls_key);
    read_key(root, "db", c.db);
    read_key(root, "lang", c.lang);
    read_key(root, "log_level", c.log_level);
    read_key(root, "session_idle_s", c.session_idle_s);
    read_key(root, "web_dir", c.web_dir);
    read_key(root, "metrics_token", c.metrics_token);
    read_key(root, "trusted_proxies", c.trusted_proxies);
    read_key(root, "audit_key", c.audit_key);
    read_key(root, "audit_anchors", c.audit_anchors);
    read_key(root, "audit_anchor_copy", c.audit_anchor_copy);
    read_key(root, "audit_anchor_interval_s", c.audit_anchor_interval_s);
    read_key(root, "messages_interval_s", c.messages_interval_s);
    read_key(root, "portal_url", c.portal_url);
    read_key(root, "event_streams", c.event_streams);
    read_key(root, "event_streams_per_account", c.event_streams_per_account);
    read_key(root, "event_heartbeat_s", c.event_heartbeat_s);
    read_key(root, "heavy_reads", c.heavy_reads);
    read_key(root, "report_cache_mb", c.report_cache_mb);
    read_messaging_config(root, c);
    read_imaging_config(root, c);
  }
  if (const char* v = env("REGENPATH_ADDRESS")) c.address = v;
  c.port = static_cast<unsigned short>(env_int("REGENPATH_PORT", c.port, 0, 65535));
  if (const char* v = env("REGENPATH_DB")) c.db = v;
  if (const char* v = env("REGENPATH_TLS_CERT")) c.tls_cert = v;
  if (const char* v = env("REGENPATH_TLS_KEY")) c.tls_key = v;
  if (const char* v = env("REGENPATH_LOG_LEVEL")) c.log_level = v;
  if (const char* v = env("REGENPATH_WEB_DIR")) c.web_dir = v;
  if (const char* v = env("REGENPATH_METRICS_TOKEN")) c.metrics_token = v;
  c.request_timeout =
      std::chrono::seconds(env_int("REGENPATH_REQUEST_TIMEOUT", static_cast<int>(c.request_timeout.count()), 1, 3600));
  if (const char* v = env("REGENPATH_TRUSTED_PROXIES")) c.trusted_proxies = split_list(v);
  for (auto& proxy : c.trusted_proxies) {
    const std::string ip = canonical_ip(proxy);
    if (ip.empty()) throw InputError("trusted_proxies", "trusted_proxy_not_ip"_err, {{"proxy", proxy}});
    proxy = ip;
  }
  c.session_idle_s = env_int("REGENPATH_SESSION_IDLE_S", c.session_idle_s, 1, 7 * 24 * 3600);
  if (const char* v = env("REGENPATH_AUDIT_KEY")) c.audit_key = v;
  if (const char* v = env("REGENPATH_AUDIT_ANCHORS")) c.audit_anchors = v;
  if (const char* v = env("REGENPATH_AUDIT_ANCHOR_COPY")) c.audit_anchor_copy = v;
  c.audit_anchor_interval_s = env_int("REGENPATH_AUDIT_ANCHOR_INTERVAL_S", c.audit_anchor_interval_s, 1, 86400);
  if (c.audit_anchor_interval_s < 1 || c.audit_anchor_interval_s > 86400)
    throw InputError("audit_anchor_interval_s", "anchor_interval_range"_err);
  c.messages_interval_s = env_int("REGENPATH_MESSAGES_INTERVAL_S", c.messages_interval_s, 0, 86400);
  if (c.messages_interval_s < 0 || c.messages_interval_s > 86400)
    throw InputError("messages_interval_s", "messages_interval_range"_err);
  c.event_streams = env_int("REGENPATH_EVENT_STREAMS", c.event_streams, 1, 100000);
  c.event_streams_per_account = env_int("REGENPATH_EVENT_STREAMS_PER_ACCOUNT", c.event_streams_per_account, 1, 1000);
  c.event_heartbeat_s = env_int("REGENPATH_EVENT_HEARTBEAT_S", c.event_heartbeat_s, 1, 3600);
  if (c.event_streams < 1 || c.event_streams_per_account < 1)
    throw InputError("event_streams", "event_streams_at_least_one"_err);
  if (c.event_heartbeat_s < 1 || c.event_heartbeat_s > 3600)
    throw InputError("event_heartbeat_s", "heartbeat_range"_err);
  c.heavy_reads = env_int("REGENPATH_HEAVY_READS", c.heavy_reads, 0, 256);
  if (c.heavy_reads < 0 || c.heavy_reads > 256)
    throw InputError("heavy_reads", "integer_range"_err, {{"name", "heavy_reads"}, {"min", 0}, {"max", 256}});
  c.report_cache_mb = env_int("REGENPATH_REPORT_CACHE_MB", c.report_cache_mb, 0, 65536);
  if (c.report_cache_mb < 0 || c.report_cache_mb > 65536)
    throw InputError("report_cache_mb", "integer_range"_err, {{"name", "report_cache_mb"}, {"min", 0}, {"max", 65536}});
  c.workers = env_int("REGENPATH_WORKERS", c.workers, 1, 256);
  c.io_threads = env_int("REGENPATH_IO_THREADS", c.io_threads, 1, 64);
  if (c.io_threads < 1 || c.io_threads > 64) throw InputError("io_threads", "io_threads_range"_err);
  if (c.workers < 1 || c.workers > 256) throw InputError("workers", "workers_range"_err);
  if (c.body_limit < 1024 || c.body_limit > (64u << 20)) throw InputError("body_limit", "body_limit_range"_err);
  if (c.header_limit < 1024 || c.header_limit > (1u << 20)) throw InputError("header_limit", "header_limit_range"_err);
  // It goes in a header (Authorization: Bearer ...) and must resist guessing.
  const bool visible_ascii =
      std::all_of(c.metrics_token.begin(), c.metrics_token.end(), [](char ch) { return ch > ' ' && ch < 0x7f; });
  if (!c.metrics_token.empty() && (c.metrics_token.size() < 16 || c.metrics_token.size() > 256 || !visible_ascii))
    throw InputError("metrics_token", "metrics_token_shape"_err);
  if (c.tls_cert.empty() != c.tls_key.empty()) throw InputError("tls_cert", "tls_pair"_err);
  apply_messaging_env(c);
  apply_imaging_env(c);
  return c;
}

std::string ServerConfig::audit_key_path() const {
  return audit_key.empty() ? store::default_signing_key_path(db) : audit_key;
}

std::string ServerConfig::audit_anchor_path() const {
  return audit_anchors.empty() ? store::default_anchor_path(db) : audit_anchors;
}

int default_io_threads() {
  const unsigned cores = std::thread::hardware_concurrency();
  return cores > 2 ? static_cast<int>(cores) - 1 : 1;
}

std::string sample_server_config() {
  return std::string(R"(# regenpath server configuration (YAML). Every key is optional; the values shown are
# the defaults. Environment variables override the file: REGENPATH_ADDRESS,
# REGENPATH_PORT, REGENPATH_DB, REGENPATH_TLS_CERT, REGENPATH_TLS_KEY, REGENPATH_WORKERS,
# REGENPATH_IO_THREADS, REGENPATH_LOG_LEVEL, REGENPATH_SESSION_IDLE_S, REGENPATH_WEB_DIR,
# REGENPATH_REQUEST_TIMEOUT, REGENPATH_METRICS_TOKEN, REGENPATH_TRUSTED_PROXIES (comma-separated),
# REGENPATH_AUDIT_KEY, REGENPATH_AUDIT_ANCHORS, REGENPATH_AUDIT_ANCHOR_COPY,
# REGENPATH_AUDIT_ANCHOR_INTERVAL_S, REGENPATH_EVENT_STREAMS, REGENPATH_EVENT_STREAMS_PER_ACCOUNT,
# REGENPATH_EVENT_HEARTBEAT_S, and the messaging blocks' REGENPATH_SMS_* and REGENPATH_SMTP_*
# (below).

# Where to listen. Keep 127.0.0.1 behind a reverse proxy; 0.0.0.0 listens everywhere.
address: 127.0.0.1
port: 8080

# The embedded SQLite database (created and migrated on first start).
db: ./regenpath-data/regenpath.db

# Threads: io_threads move bytes (default: one per core but one, which the store's
# committer thread takes); workers run requests and wait for the store's group commit,
# so there are more of them than cores (one per expected concurrent connection lets one
# commit acknowledge them all).
io_threads: )") +
         std::to_string(default_io_threads()) + R"(
workers: 64

# Limits: larger requests are refused with 413 / 431 before they are read.
body_limit: 1048576     # bytes
header_limit: 16384     # bytes

# Timeouts in seconds. request_timeout: one deadline for a whole request, header and
# body, from its first byte (and for a TLS handshake), so a client sending its header a
# byte at a time holds a connection no longer. idle_timeout: how long a kept-alive
# connection waits for the next request to begin. write_timeout: sending a response.
# (read_timeout, request_timeout's former name, is still read.)
request_timeout: 30
idle_timeout: 60
write_timeout: 30

# TLS: set both to PEM files to serve HTTPS (session cookies then carry Secure).
tls_cert: ""
tls_key: ""

# Default language of titles in responses: en or fa.
lang: en

# A session (staff or patient) ends after this many seconds unused.
session_idle_s: 1800

# Live events (GET /api/v1/events, the red-flag alerts on every staff page). Each open
# page holds one connection, without a worker thread, for as long as it stays open; the
# request deadline does not cut it. At most event_streams at once (503 beyond) and
# event_streams_per_account per account (429 beyond: a few tabs). A comment goes every
# event_heartbeat_s seconds so that proxies keep the connection open; the session is
# checked then too, and a stream ends with its session.
event_streams: 200
event_streams_per_account: 4
event_heartbeat_s: 15

# Heavy reads (the outcome report, the registry summary and exports) each read a snapshot
# of their own while the clinic's writes and record reads go on. At most heavy_reads run at
# once (0: one per core); others wait in line up to 15 s, then get 503 with Retry-After.
# Rendered outcome reports are kept while the data stays unchanged, in at most
# report_cache_mb megabytes (0: none kept).
heavy_reads: 0
report_cache_mb: 64

# /metrics (Prometheus). Empty: anyone who reaches the server reads it, fine while it
# listens on 127.0.0.1 only; a reverse proxy that forwards every path makes it public.
# Set a token (16 to 256 visible ASCII characters, e.g. `openssl rand -hex 32`) and
# /metrics answers 401 unless the scraper sends `Authorization: Bearer <token>`
# (Prometheus: `authorization: {credentials_file: ...}`). REGENPATH_METRICS_TOKEN sets it
# from the environment, out of this file.
metrics_token: ""
# Sign-in counts failed attempts per client address. Behind a reverse proxy every
# connection comes from the proxy: list its address here, and the client's address is
# read from the X-Forwarded-For the proxy appends (never believed from anyone else).
# Without it, all clients share the proxy's address and its waits.
trusted_proxies: []

# The built web app (`./dev build` writes it), served at / beside the API. Default: the
# source tree's web/dist. Without an index.html there, / answers 503 "not built".
# web_dir: /usr/share/regenpath/web

# trace, debug, info, warn, error. Logs never contain patients' identifying data.
log_level: info

# The audit log is hash-chained; its head (row number and hash) is signed with an Ed25519
# key kept outside the database, at start, every audit_anchor_interval_s seconds while it
# moves, when an admin checks the log, and at shutdown. Each signature is one line appended
# to the anchor file, which `regenpath audit verify` checks with the public key alone
# (<audit_key>.pub). The key is created on first start, readable by its owner only; keep
# it where a copy of the database does not go (another volume, a secrets mount), and the
# anchor file's copy on another disk or host, so that whoever can rewrite the database
# can neither sign nor erase the anchors.
# Defaults: audit_key <folder of db>/audit-signing.key, audit_anchors <db>.anchors.
# audit_key: /etc/regenpath/audit-signing.key
# audit_anchors: /var/lib/regenpath/regenpath.db.anchors
# audit_anchor_copy: /mnt/evidence/regenpath.anchors
audit_anchor_interval_s: 60

# Patient messages (reminders of holds, visits and questionnaires): the outbox's scheduler
# runs every messages_interval_s seconds (0: never), one server at a time. Without an SMS
# gateway configured they are written to the log (their ids only), not sent. portal_url is
# the portal's public address, the link in questionnaire invitations.
messages_interval_s: 60
# portal_url: https://clinic.example/portal
)" + messaging_sample_config() +
         imaging_sample_config();
}

}  // namespace rp::api::http
