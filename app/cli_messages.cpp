// messages sub-commands: one pass of the outbox's scheduler (service/messaging/) through
// the channels the configuration names (the log where it names none), as the server runs
// every minute, and a patient's messages.
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include "api/http/server_config.hpp"
#include "app/cli.hpp"
#include "app/messaging_channels.hpp"
#include "app/store_options.hpp"
#include "base/error.hpp"
#include "base/utc_instant.hpp"
#include "channels/log_channel.hpp"
#include "service/messaging/outbox.hpp"
#include "service/messaging/scheduler.hpp"

namespace rp::app {
namespace {

struct MessagesOptions {
  std::string db = kDefaultDb;
  std::string config;
  std::string now;
  std::int64_t patient = 0;
};

nlohmann::json summary_json(const service::messaging::PassSummary& s) {
  return {{"episodes", s.episodes},
          {"inserted", s.inserted},
          {"readdressed", s.readdressed},
          {"cancelled",
           {{"replanned", s.cancelled_replanned},
            {"consent_withdrawn", s.cancelled_consent},
            {"no_address", s.cancelled_no_address},
            {"superseded", s.cancelled_superseded},
            {"expired", s.cancelled_expired},
            {"episode_closed", s.cancelled_closed}}},
          {"marked_unknown", s.marked_unknown},
          {"claimed", s.claimed},
          {"sent", s.sent},
          {"retrying", s.retrying},
          {"failed", s.failed},
          {"unknown", s.unknown},
          {"deferred_by_cap", s.deferred_by_cap},
          {"quiet_hours", s.quiet_hours}};
}

nlohmann::json optional_json(const std::optional<std::string>& v) { return v ? nlohmann::json(*v) : nullptr; }

}  // namespace

void add_messages_commands(CLI::App& app) {
  auto* messages = app.add_subcommand("messages", "The patient outbox: run the scheduler once, list a patient's");
  messages->require_subcommand(1);
  auto o = std::make_shared<MessagesOptions>();

  auto* run = messages->add_subcommand(
      "run",
      "One pass: plan every episode's messages, send those due: text messages through the SMS gateway and e-mails "
      "through SMTP as the server's configuration names them, else to the log (JSON summary)");
  add_db_option(run, o->db);
  run->add_option("--config", o->config,
                  "the server's YAML config file: its sms and smtp blocks (REGENPATH_SMS_* and REGENPATH_SMTP_* too)");
  run->add_option("--now", o->now, "the pass's instant, UTC (2026-12-05T05:30:00Z); default now");
  run->callback([o] {
    const auto config = api::http::load_server_config(o->config);
    auto store = open_store(o->db);
    const std::int64_t now = o->now.empty() ? Clock::system().now_ms() : parse_utc_instant(o->now, "now").ms;
    // The log channel's lines go to stderr: stdout carries the JSON summary alone.
    spdlog::set_default_logger(spdlog::stderr_logger_mt("messages"));
    const MessagingChannels configured = messaging_channels(config);
    channels::LogChannel log;
    channels::Channel& text = configured.sms ? *configured.sms : static_cast<channels::Channel&>(log);
    channels::Channel& email = configured.email ? *configured.email : static_cast<channels::Channel&>(log);
    service::messaging::SchedulerSettings settings;
    settings.portal_link = config.portal_url;
    service::messaging::Scheduler scheduler(*store, text, email, settings);
    const auto turn = store->try_work_lock("messages");
    if (!turn) throw ConflictError("db", "messages_busy"_err);
    nlohmann::json out = summary_json(scheduler.pass(now));
    out["now"] = service::messaging::iso_of(now);
    // What carried each way to the patients: the gateway ("sms"), SMTP ("email") or the log.
    out["carriers"] = {{"sms", text.name()}, {"email", email.name()}};
    print_json(out);
  });

  auto* list = messages->add_subcommand("list", "A patient's messages with their tries (JSON)");
  add_db_option(list, o->db);
  list->add_option("--patient", o->patient, "patient id")->required();
  list->callback([o] {
    auto store = open_store(o->db);
    const auto rows =
        service::messaging::Outbox(*store, Clock::system()).of_patient(service::Actor::cli_operator(), o->patient);
    nlohmann::json out = nlohmann::json::array();
    for (const auto& [m, attempts] : rows) {
      nlohmann::json tries = nlohmann::json::array();
      for (const auto& a : attempts)
        tries.push_back({{"at", a.at},
                         {"outcome", a.outcome},
                         {"provider_id", optional_json(a.provider_id)},
                         {"detail", a.detail}});
      out.push_back({{"id", m.id},
                     {"episode_id", m.episode_id ? nlohmann::json(*m.episode_id) : nullptr},
                     {"key", m.dedupe_key},
                     {"template", m.template_id},
                     {"item_id", m.item_id},
                     {"channel", m.channel},
                     {"language", m.language},
                     {"due_at", m.due_at},
                     {"expires_at", m.expires_at},
                     {"state", std::string(to_string(m.state))},
                     {"attempts", m.attempts},
                     {"next_attempt_at", optional_json(m.next_attempt_at)},
                     {"sent_at", optional_json(m.sent_at)},
                     {"cancel_reason", optional_json(m.cancel_reason)},
                     {"last_detail", m.last_detail},
                     {"tries", tries}});
    }
    print_json(out);
  });
}

}  // namespace rp::app
