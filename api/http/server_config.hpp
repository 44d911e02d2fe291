#pragma once
// Everything `regenpath serve` reads from its config file and environment.
#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include "channels/orthanc_archive.hpp"
#include "channels/sms_delivery_report.hpp"
#include "channels/sms_http.hpp"
#include "channels/smtp_mail.hpp"

namespace rp::api::http {

// One thread per core but one: the store's committer thread (SQLite, fsync) takes the
// last core. On two cores one I/O thread served timeline reads with less CPU per read
// than two, which spent the difference switching between threads.
int default_io_threads();

struct ServerConfig {
  std::string address = "127.0.0.1";
  unsigned short port = 8080;             // 0: any free port (tests)
  int io_threads = default_io_threads();  // socket work
  int workers = 64;  // handlers wait for the group commit: one per connection lets a commit take them all
  std::size_t body_limit = 1 << 20;     // bytes
  std::size_t header_limit = 16 << 10;  // bytes
  // One deadline for a whole request, header and body, from its first byte: a client
  // trickling its header holds a connection this long at most. Also the TLS handshake's.
  std::chrono::seconds request_timeout{30};
  std::chrono::seconds idle_timeout{60};  // keep-alive wait for the next request's first byte
  std::chrono::seconds write_timeout{30};
  std::string tls_cert, tls_key;  // PEM files; TLS is on when both are set
  std::string db = "./regenpath-data/regenpath.db";
  std::string lang = "en";
  std::string log_level = "info";
  int session_idle_s = 30 * 60;  // a staff or patient session ends after this long unused
  std::string web_dir;           // the built web app; load_server_config defaults it to the source tree's web/dist
  std::string metrics_token;     // when set, /metrics answers only `Authorization: Bearer <token>`
  // Reverse proxies whose X-Forwarded-For names the client (canonical IP addresses).
  std::vector<std::string> trusted_proxies;
  // Audit anchors (store/audit_anchor.hpp): the key that signs the chain's head, the
  // append-only file the anchors go to, an optional copy of it, and how often the head is
  // signed while it moves. Empty paths: beside the database.
  std::string audit_key, audit_anchors, audit_anchor_copy;
  int audit_anchor_interval_s = 60;
  // The patient outbox's scheduler (service/messaging/): a pass every this many seconds,
  // 0 for none; and the portal's public address, the questionnaire invitations' {link}.
  int messages_interval_s = 60;
  std::string portal_url;
  // Live event streams (GET /api/v1/events): the bounds overall and per account, and the
  // heartbeat, at which the session is also checked.
  int event_streams = 200;
  int event_streams_per_account = 4;
  int event_heartbeat_s = 15;
  // Heavy reads at once (0: one per core) and the outcome reports' cache (service/heavy_reads.hpp).
  int heavy_reads = 0;
  int report_cache_mb = 64;
  // Messaging (api/http/messaging_config.hpp): the `sms:` block (an HTTP gateway; no url:
  // none, and one-time codes go to the server log) with its delivery reports, and the
  // `smtp:` block (no url: no e-mail).
  channels::SmsGatewayConfig sms;
  channels::DeliveryReportRules sms_delivery;
  std::string sms_delivery_token;  // the callback's shared secret; empty: reports are refused
  channels::SmtpConfig smtp;
  // The imaging archive (api/http/imaging_config.hpp): the `orthanc:` block; no url: none.
  channels::OrthancConfig orthanc;
  bool sms_configured() const { return !sms.url.empty(); }
  bool smtp_configured() const { return !smtp.url.empty(); }
  bool tls() const { return !tls_cert.empty() && !tls_key.empty(); }
  std::string audit_key_path() const;
  std::string audit_anchor_path() const;
};

// Reads a YAML config file (every key optional), then applies REGENPATH_* environment
// overrides (REGENPATH_ADDRESS, _PORT, _DB, _TLS_CERT, _TLS_KEY, _WORKERS, _IO_THREADS,
// _LOG_LEVEL, _SESSION_IDLE_S, _WEB_DIR, _REQUEST_TIMEOUT, _METRICS_TOKEN, _TRUSTED_PROXIES
// comma-separated, _AUDIT_KEY, _AUDIT_ANCHORS, _AUDIT_ANCHOR_COPY, _AUDIT_ANCHOR_INTERVAL_S,
// _EVENT_STREAMS, _EVENT_STREAMS_PER_ACCOUNT, _EVENT_HEARTBEAT_S, _HEAVY_READS, _REPORT_CACHE_MB,
// and the messaging blocks' REGENPATH_SMS_* and REGENPATH_SMTP_*: messaging_config.hpp).
// An empty path reads no file. Throws InputError naming a bad key.
ServerConfig load_server_config(const std::string& path);
// A documented sample config file.
std::string sample_server_config();

}  // namespace rp::api::http
