// `serve`, `config sample` and `user add/reset/list/disable/enable`: the server and its
// accounts.
#include <fmt/ranges.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <thread>

#include "api/fhir/bulk_export_runner.hpp"
#include "api/http/api.hpp"
#include "api/http/server.hpp"
#include "api/http/server_config.hpp"
#include "api/sheets/sheet_export_runner.hpp"
#include "app/cli.hpp"
#include "app/messaging_channels.hpp"
#include "app/store_options.hpp"
#include "base/error.hpp"
#include "channels/log_channel.hpp"
#include "service/accounts.hpp"
#include "service/audit_anchors.hpp"
#include "service/code_by_channel.hpp"
#include "service/heavy_reads.hpp"
#include "service/messaging/scheduler_loop.hpp"
#include "service/outcome_rows_keeper.hpp"
#include "service/protocols.hpp"
#include "store/audit_anchor_file.hpp"
#include "store/group_commit.hpp"

namespace rp::app {
namespace {

void setup_logging(const std::string& level) {
  // Logs go to stderr; stdout carries the one JSON line saying where the server listens.
  auto logger = spdlog::stderr_logger_mt("regenpath");
  spdlog::set_default_logger(logger);
  spdlog::set_level(spdlog::level::from_str(level));
}

// No SMS gateway is configured: one-time codes go to the server log, with the patients'
// ids only (never the number or the name). For the demo and development. A number shared
// by several patients gets one code, logged once for each of them.
void log_code(const std::vector<std::int64_t>& patient_ids, const std::string& /*mobile*/, const std::string& code) {
  for (const std::int64_t id : patient_ids) spdlog::info("one-time code for patient #{}: {}", id, code);
}

// The one-time codes' way to the patient: the SMS gateway when one is configured (sent off
// the request's thread; each send logged with the patients' ids and its outcome, never the
// number or the code), else the log, and the server says so.
service::CodeSender code_sender(channels::Channel* sms, std::unique_ptr<service::ChannelCodeSender>& by_sms) {
  if (!sms) {
    spdlog::warn("no SMS gateway: one-time codes go to the server log (configure sms: to send them by SMS)");
    return log_code;
  }
  by_sms = std::make_unique<service::ChannelCodeSender>(*sms, [](const std::string& level, const std::string& line) {
    if (level == "info") {
      spdlog::info("{}", line);
    } else {
      spdlog::error("{}", line);
    }
  });
  spdlog::info("SMS gateway configured: one-time codes go by SMS");
  return by_sms->sender();
}

// Whether only this machine can connect to the address (127.0.0.0/8 or ::1).
bool loopback_only(const std::string& address) { return address.rfind("127.", 0) == 0 || address == "::1"; }

nlohmann::json account_json(const service::Account& a) {
  return {{"id", a.id},
          {"username", a.username},
          {"role", a.role},
          {"centre", a.centre_id},
          {"failed_logins", a.failed_logins},
          {"disabled", a.disabled}};
}

service::HeavyReadLimits heavy_read_limits(const api::http::ServerConfig& cfg) {
  service::HeavyReadLimits limits;
  if (cfg.heavy_reads > 0) limits.at_once = cfg.heavy_reads;
  limits.report_cache_bytes = static_cast<std::size_t>(cfg.report_cache_mb) << 20;
  return limits;
}

// For tests only (tests/http/heavy_reads_test.cpp): with REGENPATH_TEST_HOLD_HEAVY_READS
// naming a folder, every heavy read, inside its snapshot, creates `held` there and waits
// (a minute at most) until `release` appears, so that a test keeps a snapshot open for
// as long as it checks what else goes on meanwhile. Unset, nothing waits.
void hold_heavy_reads_for_tests(service::HeavyReads& heavy) {
  const char* dir = std::getenv("REGENPATH_TEST_HOLD_HEAVY_READS");
  if (!dir || !*dir) return;
  spdlog::warn("heavy reads wait for {}/release (REGENPATH_TEST_HOLD_HEAVY_READS: for tests only)", dir);
  heavy.hold_inside_reads([folder = std::filesystem::path(dir)] {
    std::ofstream(folder / "held") << "held\n";
    const auto until = std::chrono::steady_clock::now() + std::chrono::minutes(1);
    while (!std::filesystem::exists(folder / "release") && std::chrono::steady_clock::now() < until)
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
  });
}

}  // namespace

void run_server(const api::http::ServerConfig& cfg, const std::function<void(const std::string& url)>& on_ready) {
  if (!spdlog::get("regenpath")) setup_logging(cfg.log_level);
  // The protocol catalogue is read now: a malformed protocol or claims file stops the
  // start with its file, line and key, rather than failing the first request to use it.
  spdlog::info("protocols: {} (data folder {})", fmt::join(service::protocol_names(), ", "), service::data_dir());
  auto sqlite = open_store(cfg.db);  // refuses a schema it does not know: see `db migrate`
  store::GroupCommitStore store(*sqlite);
  const Clock clock = Clock::system();
  service::Pathway pathway(store, clock);
  service::AuthPolicy policy;
  policy.idle_ms = cfg.session_idle_s * 1000LL;
  const MessagingChannels messaging = messaging_channels(cfg);
  std::unique_ptr<service::ChannelCodeSender> codes_by_sms;  // outlives auth, which sends through it
  service::Auth auth(store, clock, policy, code_sender(messaging.sms.get(), codes_by_sms));
  if (messaging.email) spdlog::info("e-mail: SMTP configured");
  service::Accounts accounts(store, clock, &auth);
  service::Submissions submissions(store, clock, auth);
  // Red flags raised and acknowledged reach the staff's open pages at once.
  service::RedFlagAlerts alerts;
  submissions.set_alerts(&alerts);
  api::EventStreams event_streams(alerts, auth,
                                  {cfg.event_streams_per_account, cfg.event_streams,
                                   std::chrono::seconds(cfg.event_heartbeat_s), std::chrono::seconds(3)});
  // The audit chain's head is signed now, at intervals and at the end (service/audit_anchors.hpp).
  service::AnchorConfig anchoring{cfg.audit_key_path(), cfg.audit_anchor_path(), {}};
  if (!cfg.audit_anchor_copy.empty()) anchoring.copy_paths.push_back(cfg.audit_anchor_copy);
  service::AuditAnchors anchors(store, clock, anchoring,
                                [](const std::string& problem) { spdlog::error("{}", problem); });
  anchors.start(std::chrono::seconds(cfg.audit_anchor_interval_s));
  spdlog::info("audit anchors: {} (public key {})", anchoring.anchor_path, store::public_key_path(anchoring.key_path));
  // The patient outbox: a scheduler pass every minute (service/messaging/), text messages
  // through the SMS gateway and e-mails through SMTP where configured; otherwise to the
  // server log (their ids only), and it says so.
  channels::LogChannel log_channel;
  channels::Channel& text_channel = messaging.sms ? *messaging.sms : static_cast<channels::Channel&>(log_channel);
  channels::Channel& email_channel = messaging.email ? *messaging.email : static_cast<channels::Channel&>(log_channel);
  service::messaging::SchedulerSettings message_settings;
  message_settings.portal_link = cfg.portal_url;
  service::messaging::Scheduler message_scheduler(store, text_channel, email_channel, message_settings);
  service::messaging::SchedulerLoop message_loop(store, clock, message_scheduler,
                                                 [](const std::string& problem) { spdlog::error("{}", problem); });
  if (cfg.messages_interval_s > 0) message_loop.start(std::chrono::seconds(cfg.messages_interval_s));
  if (!messaging.sms)
    spdlog::warn("messages: no SMS gateway configured: patients' text messages are written to the log, not sent");
  if (!messaging.email)
    spdlog::warn("messages: no SMTP server configured: patients' e-mails are written to the log, not sent");
  // The outcome report's rows of the joints changed meanwhile, stored a few milliseconds
  // of the writer at a time, so that a report finds few left (service/outcome_rows_keeper.hpp).
  service::OutcomeRowsKeeper outcome_rows(store);
  outcome_rows.start();
  service::HeavyReads heavy_reads(heavy_read_limits(cfg));
  hold_heavy_reads_for_tests(heavy_reads);
  api::Services services{store,
                         clock,
                         pathway,
                         accounts,
                         auth,
                         submissions,
                         cfg.tls(),
                         cfg.lang,
                         cfg.web_dir,
                         &anchors,
                         [db = cfg.db] { return store::open_store(db, store::OpenMode::existing_no_migrate); },
                         cfg.metrics_token,
                         cfg.trusted_proxies,
                         &event_streams,
                         &heavy_reads,
                         cfg.sms_delivery,
                         cfg.sms_delivery_token};
  const auto imaging_archive =
      cfg.orthanc.configured() ? channels::orthanc_archive(cfg.orthanc) : std::unique_ptr<channels::ImagingArchive>();
  services.imaging_archive = imaging_archive.get();
  api::fhir::BulkExportRunner bulk_exports(
      store, clock, [db = cfg.db] { return store::open_store(db, store::OpenMode::existing_no_migrate); });
  services.bulk_exports = &bulk_exports;
  api::sheets::SheetExportRunner sheet_exports(
      store, clock, [db = cfg.db] { return store::open_store(db, store::OpenMode::existing_no_migrate); });
  services.sheet_exports = &sheet_exports;
  if (!imaging_archive) spdlog::info("imaging: no archive configured (orthanc.url): grades are recorded by study date");
  if (cfg.metrics_token.empty() && !loopback_only(cfg.address))
    spdlog::warn("/metrics is open to every client that reaches {}: set metrics_token to require a token", cfg.address);
  api::http::Api api(services, &store);
  api::http::Server server(
      cfg, [&api](api::http::Request& r) { return api.handle(r); },
      [&api](int delta) { delta > 0 ? api.metrics().connection_opened() : api.metrics().connection_closed(); });
  server.set_async_handler(
      [&api](api::http::Request& r, std::function<void(std::function<api::http::Response()>)> reply) {
        return api.handle_async(r, std::move(reply));
      });
  const std::string url =
      std::string(cfg.tls() ? "https" : "http") + "://" + cfg.address + ":" + std::to_string(server.port());
  spdlog::info("regenpath listening on {} (database {})", url, cfg.db);
  if (on_ready) on_ready(url);
  std::cout << nlohmann::json{{"listening", url}}.dump() << std::endl;
  server.run();
  outcome_rows.stop();
  message_loop.stop();
  anchors.stop();  // the shutdown anchor: every row written is now vouched for
  spdlog::info("stopped; audit head signed; store closed cleanly");
}

void check_demo_port(int port) {
  api::http::check_port_free(api::http::load_server_config("").address, static_cast<unsigned short>(port));
}

std::string demo_portal_url(int port) { return "http://127.0.0.1:" + std::to_string(port) + "/portal"; }

void serve_demo(const std::string& db, int port) {
  auto cfg = api::http::load_server_config("");
  cfg.db = db;
  cfg.port = static_cast<unsigned short>(port);
  if (cfg.portal_url.empty()) cfg.portal_url = demo_portal_url(port);
  // The demo's anchors live beside its database, which each demo builds afresh.
  cfg.audit_anchors.clear();
  cfg.audit_anchor_copy.clear();
  std::vector<service::Accounts::Credential> credentials;
  {
    auto s = store::open_store(db, store::OpenMode::scratch);  // the demo file, or a --db URL
    service::Pathway pathway(*s, Clock::system());
    std::vector<std::string> centres;
    for (const auto& c : pathway.centres()) centres.push_back(c.id);
    service::Accounts accounts(*s, Clock::system());
    credentials = accounts.create_demo_accounts(service::Actor::cli_operator(), centres);
  }
  run_server(cfg, [&](const std::string& url) {
    // One write: std::cerr is unbuffered, and the server's threads already log to the
    // same stream, so a listing written piece by piece could be cut by their lines.
    std::ostringstream text;
    text << "\nregenpath demo: open " << url << "/\nDemo accounts (username / password):\n";
    for (const auto& c : credentials) text << "  " << c.username << "  " << c.password << '\n';
    text << (cfg.sms_configured() ? "Patients sign in with their mobile number; one-time codes go by SMS.\n"
                                  : "Patients sign in with their mobile number; one-time codes appear in this log.\n")
         << "Stop with Ctrl-C.\n\n";
    std::cerr << text.str() << std::flush;
  });
}

void add_serve_commands(CLI::App& app) {
  auto config_path = std::make_shared<std::string>();
  auto port = std::make_shared<int>(-1);
  auto db = std::make_shared<std::string>();
  auto* serve = app.add_subcommand("serve", "Run the HTTP server (JSON API under /api/v1)");
  serve->add_option("--config", *config_path, "YAML config file (see `regenpath config sample`)");
  serve->add_option("--port", *port, "port (overrides the config; 0 picks a free one)")->check(CLI::Range(0, 65535));
  serve->add_option("--db", *db,
                    "the database: FILE or sqlite:FILE (SQLite), postgresql://... (PostgreSQL); overrides the config");
  serve->callback([config_path, port, db] {
    auto cfg = api::http::load_server_config(*config_path);
    if (*port >= 0) cfg.port = static_cast<unsigned short>(*port);
    if (!db->empty()) cfg.db = *db;
    run_server(cfg, nullptr);
  });

  auto* config = app.add_subcommand("config", "Server configuration");
  config->require_subcommand(1);
  config->add_subcommand("sample", "Print a documented sample config file")->callback([] {
    std::cout << api::http::sample_server_config();
  });

  struct UserOpts {
    std::string db = kDefaultDb, username, role, centre, password;
  };
  auto o = std::make_shared<UserOpts>();
  auto* user = app.add_subcommand("user", "Staff accounts");
  user->require_subcommand(1);
  auto* add = user->add_subcommand("add", "Create a staff account (prints a generated password unless given)");
  add_db_option(add, o->db);
  add->add_option("--username", o->username, "login name")->required();
  add->add_option("--role", o->role, "admin, surgeon, coordinator, lab, physiotherapist or analyst")->required();
  add->add_option("--centre", o->centre, "centre id")->required();
  add->add_option("--password", o->password, "password (default: generated and printed)");
  add->callback([o] {
    auto s = open_store(o->db);
    service::Accounts accounts(*s, Clock::system());
    const std::string password = o->password.empty() ? service::random_password() : o->password;
    const auto a = accounts.create(service::Actor::cli_operator(), o->username, o->role, o->centre, password);
    nlohmann::json out = {{"id", a.id}, {"username", a.username}, {"role", a.role}, {"centre", a.centre_id}};
    if (o->password.empty()) out["password"] = password;
    print_json(out);
  });
  auto* reset = user->add_subcommand(
      "reset",
      "Set a new password and end the account's sessions (there is no lock-out to clear: failed sign-ins only "
      "make their address wait)");
  add_db_option(reset, o->db);
  reset->add_option("--username", o->username, "login name")->required();
  reset->add_option("--password", o->password, "password (default: generated and printed)");
  reset->callback([o] {
    auto s = open_store(o->db);
    service::Accounts accounts(*s, Clock::system());
    const std::string password = o->password.empty() ? service::random_password() : o->password;
    const auto a = accounts.reset_password(service::Actor::cli_operator(), o->username, password);
    nlohmann::json out = {{"id", a.id}, {"username", a.username}};
    if (o->password.empty()) out["password"] = password;
    print_json(out);
  });
  auto* list = user->add_subcommand("list", "Every staff account, with its role, centre and state");
  add_db_option(list, o->db);
  list->callback([o] {
    auto s = open_store(o->db);
    service::Accounts accounts(*s, Clock::system());
    nlohmann::json out = nlohmann::json::array();
    for (const auto& a : accounts.list(service::Actor::cli_operator())) out.push_back(account_json(a));
    print_json(out);
  });
  // A running server notices within seconds (it checks cached sessions against the file).
  for (const bool disable : {true, false}) {
    auto* cmd = user->add_subcommand(disable ? "disable" : "enable",
                                     disable ? "Stop an account signing in and end its sessions (kept, audited)"
                                             : "Let a disabled account sign in again");
    add_db_option(cmd, o->db);
    cmd->add_option("--username", o->username, "login name")->required();
    cmd->callback([o, disable] {
      auto s = open_store(o->db);
      service::Accounts accounts(*s, Clock::system());
      print_json(account_json(accounts.update(service::Actor::cli_operator(), o->username, {std::nullopt, disable})));
    });
  }
}

}  // namespace rp::app
