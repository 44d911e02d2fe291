#include "service/messaging/scheduler.hpp"

#include <algorithm>
#include <chrono>
#include <limits>
#include <map>
#include <set>
#include <thread>

#include "base/error.hpp"
#include "base/jalali.hpp"
#include "domain/messaging/plan.hpp"
#include "domain/messaging/route.hpp"
#include "domain/messaging/templates.hpp"
#include "service/audit_entry.hpp"
#include "service/messaging/on_call_alert.hpp"
#include "service/protocols.hpp"

namespace rp::service::messaging {
namespace {

using store::MessageRow;
using store::MessageState;

// The scheduler's rows in the audit log: system work, across centres.
const Actor& scheduler_actor() {
  static const Actor actor{"scheduler", Role::operator_, "", true};
  return actor;
}

const std::string& name_in(const Patient& p, Language language) {
  if (language == Language::fa) return p.name_fa.empty() ? p.name_latin : p.name_fa;
  return p.name_latin.empty() ? p.name_fa : p.name_latin;
}

// {link}: the portal; for a questionnaire, its time point's page there (every instrument
// of the time point in one sitting, after the patient signs in with a code by SMS).
std::string link_for(const SchedulerSettings& settings, std::int64_t episode_id, const ProtocolItem* item) {
  if (settings.portal_link.empty() || !item || item->kind != "questionnaire") return settings.portal_link;
  std::string base = settings.portal_link;
  while (!base.empty() && base.back() == '/') base.pop_back();
  return base + "/questionnaire/" + std::to_string(episode_id) + "/" + item->id;
}

// The message in the patient's own language, with their name in its script, by their
// route: its channel, address, text and (for an e-mail) subject line.
void address_message(MessageRow& out, const Patient& patient, const rp::messaging::Route& route,
                     const std::optional<Centre>& centre, const Protocol& protocol, std::int64_t episode_id,
                     const rp::messaging::PlannedMessage& m, const SchedulerSettings& settings) {
  const std::string lang(to_string(patient.language));
  const ProtocolItem* item = protocol.find_item(m.item_id);
  std::map<std::string, std::string> values = {
      {"name", name_in(patient, patient.language)},
      {"item", item ? item->title.in(lang) : m.item_id},
      {"date", display_date(m.about, lang, lang == "fa")},
      {"link", link_for(settings, episode_id, item)},
      {"centre", centre ? (lang == "fa" ? centre->name_fa : centre->name_en) : std::string()},
  };
  const auto& templates = rp::messaging::MessageTemplates::built_in();
  out.channel = std::string(to_string(route.channel));
  out.to_address = route.address;
  out.language = lang;
  out.body = templates.render(m.template_id, lang, values);
  out.subject =
      route.channel == ContactChannel::email ? templates.render_subject(m.template_id, lang, values) : std::string();
}

// A pending message still planned that its patient's language or route has left behind.
bool addressed_otherwise(const MessageRow& m, const Patient& patient, const rp::messaging::Route& route) {
  return m.language != to_string(patient.language) || m.to_address != route.address ||
         rp::messaging::channel_named(m.channel) != route.channel;
}

// A centre read once per page of episodes.
const std::optional<Centre>& centre_of(store::Transaction& tx, std::map<std::string, std::optional<Centre>>& centres,
                                       const std::string& id) {
  auto at = centres.find(id);
  if (at == centres.end()) at = centres.emplace(id, tx.find_centre(id)).first;
  return at->second;
}

// A page's planning counted in the pass's summary once its write committed.
void add_planning(PassSummary& s, const PassSummary& page) {
  s.episodes += page.episodes;
  s.inserted += page.inserted;
  s.readdressed += page.readdressed;
  s.cancelled_replanned += page.cancelled_replanned;
  s.cancelled_consent += page.cancelled_consent;
  s.cancelled_no_address += page.cancelled_no_address;
}

void cancel(store::Transaction& tx, MessageRow& m, const std::string& reason, const Clock& clock) {
  m.state = MessageState::cancelled;
  m.cancelled_by = "scheduler";
  m.cancel_reason = reason;
  tx.update_message(m);
  tx.append_audit(
      audit_entry(clock, scheduler_actor(), m.centre_id, "message.cancel", "message", std::to_string(m.id), reason));
}

}  // namespace

std::string message_group(const std::string& dedupe_key) {
  // episode:<id>:item:<item>:... -> the first four parts.
  std::size_t at = 0;
  for (int parts = 0; parts < 4; ++parts) {
    at = dedupe_key.find(':', at);
    if (at == std::string::npos) return dedupe_key;
    ++at;
  }
  return dedupe_key.substr(0, at - 1);
}

std::string iso_of(std::int64_t utc_ms) { return Clock::fixed(utc_ms).now_iso(); }

Scheduler::Scheduler(store::Store& store, channels::Channel& text, channels::Channel& email, SchedulerSettings settings)
    : store_(store), text_(text), email_(email), settings_(std::move(settings)) {}

PassSummary Scheduler::pass(std::int64_t now_ms) {
  PassSummary s;
  recover_stuck(now_ms, s);
  plan_all(now_ms, s);
  if (!interrupted_) send_due(now_ms, s);
  return s;
}

PassSummary Scheduler::plan(std::int64_t now_ms) {
  PassSummary s;
  recover_stuck(now_ms, s);
  plan_all(now_ms, s);
  return s;
}

void Scheduler::recover_stuck(std::int64_t now_ms, PassSummary& s) {
  const Clock clock = Clock::fixed(now_ms);
  const std::string now = iso_of(now_ms);
  store_.write([&](store::Transaction& tx) {
    for (MessageRow m : tx.stuck_sending(iso_of(now_ms - settings_.stuck_after_ms), settings_.send_batch)) {
      m.state = MessageState::unknown;
      m.last_detail = "claimed for sending but no result was recorded: check with the provider before resending";
      tx.update_message(m);
      tx.insert_message_attempt({0, m.id, m.centre_id, now, "unknown", m.provider_id, m.last_detail});
      tx.append_audit(audit_entry(clock, scheduler_actor(), m.centre_id, "message.unknown", "message",
                                  std::to_string(m.id), "left sending"));
      ++s.marked_unknown;
    }
  });
}

void Scheduler::plan_episode(store::Transaction& tx, const store::PathwayEpisodeRow& row, std::int64_t now_ms,
                             CentreCache& centres, PassSummary& s) {
  const std::string now = iso_of(now_ms);
  const Clock clock = Clock::fixed(now_ms);
  ++s.episodes;
  const auto episode = tx.find_episode(row.episode_id);
  const auto patient = tx.find_patient(row.patient_id);
  if (!episode || !patient) return;
  std::shared_ptr<const Protocol> protocol;
  try {
    protocol = load_protocol(episode->protocol_id);
  } catch (const NotFoundError&) {
    return;  // a protocol no longer in the catalogue plans nothing
  }
  const auto route = rp::messaging::route_for(*patient);
  const auto plan = rp::messaging::plan_messages(row.episode_id, *patient, *protocol, tx.schedule_of(row.episode_id),
                                                 settings_.hours);
  std::map<std::string, const rp::messaging::PlannedMessage*> planned;
  for (const auto& p : plan) planned[p.dedupe_key] = &p;
  int inserted = 0, cancelled = 0, readdressed = 0;
  std::set<std::string> existing;
  for (MessageRow m : tx.messages_of_episode(row.episode_id)) {
    existing.insert(m.dedupe_key);
    if (m.state != MessageState::pending) continue;
    if (const auto still = planned.find(m.dedupe_key); still != planned.end()) {
      if (!addressed_otherwise(m, *patient, *route)) continue;  // planned: the patient has a route
      address_message(m, *patient, *route, centre_of(tx, centres, row.centre_id), *protocol, row.episode_id,
                      *still->second, settings_);
      tx.update_message(m);
      ++readdressed;
      continue;
    }
    const char* reason = !patient->consent.contact ? "consent_withdrawn" : route ? "replanned" : "no_address";
    cancel(tx, m, reason, clock);
    ++(!patient->consent.contact ? s.cancelled_consent : route ? s.cancelled_replanned : s.cancelled_no_address);
    ++cancelled;
  }
  s.readdressed += readdressed;
  for (const auto& p : plan) {
    if (existing.count(p.dedupe_key) || p.expires_ms <= now_ms) continue;
    MessageRow m;
    m.patient_id = row.patient_id;
    m.episode_id = row.episode_id;
    m.centre_id = row.centre_id;
    m.dedupe_key = p.dedupe_key;
    m.template_id = p.template_id;
    m.item_id = p.item_id;
    m.due_at = iso_of(p.due_ms);
    m.expires_at = iso_of(p.expires_ms);
    address_message(m, *patient, *route, centre_of(tx, centres, row.centre_id), *protocol, row.episode_id, p,
                    settings_);
    m.created_at = now;
    if (tx.insert_message(m)) ++inserted;
  }
  s.inserted += inserted;
  if (inserted || cancelled || readdressed)
    tx.append_audit(audit_entry(clock, scheduler_actor(), row.centre_id, "messages.plan", "episode",
                                std::to_string(row.episode_id),
                                "inserted " + std::to_string(inserted) + ", cancelled " + std::to_string(cancelled) +
                                    ", readdressed " + std::to_string(readdressed)));
}

void Scheduler::plan_all(std::int64_t now_ms, PassSummary& s) {
  // A scheduler's first plan walks every episode on the pathway: the protocols and the
  // settings may have changed since the marks were set. Later ones plan the marked only.
  const bool everything = !planned_everything_;
  std::int64_t after = 0;
  for (bool more = true; more;) {
    if (interrupted_) return;  // planned_everything_ stays false: the next pass walks again
    PassSummary page_summary;
    std::int64_t next = after;
    const auto page_start = std::chrono::steady_clock::now();
    store_.write([&](store::Transaction& tx) {
      page_summary = {};
      const auto page = everything ? tx.pathway_episodes(after, settings_.episode_page)
                                   : tx.episodes_to_replan(after, settings_.episode_page);
      more = static_cast<int>(page.size()) == settings_.episode_page;
      CentreCache centres;
      for (const auto& row : page) plan_episode(tx, row, now_ms, centres, page_summary);
      // Every episode on the pathway in (after, next] is planned now: its mark goes.
      next = more ? page.back().episode_id : std::numeric_limits<std::int64_t>::max();
      tx.clear_replan_marks(after, next);
    });
    add_planning(s, page_summary);
    after = next;
    if (everything && more && settings_.pause_between_pages)
      std::this_thread::sleep_for(std::chrono::steady_clock::now() - page_start);
  }
  planned_everything_ = true;
}

void Scheduler::send_due(std::int64_t now_ms, PassSummary& s) {
  const std::string now = iso_of(now_ms);
  const Clock clock = Clock::fixed(now_ms);
  const std::string stale_before = iso_of(now_ms - settings_.stale_after_ms);
  std::vector<MessageRow> to_send;
  // Tidy the due messages first: expired, superseded, of a closed episode.
  store_.write([&](store::Transaction& tx) {
    const auto due = tx.due_messages(now, settings_.send_batch);
    std::map<std::string, std::string> latest_due;  // group -> the latest due instant
    for (const auto& m : due) {
      auto& latest = latest_due[message_group(m.dedupe_key)];
      latest = std::max(latest, m.due_at);
    }
    std::map<std::int64_t, bool> on_pathway;
    for (MessageRow m : due) {
      if (m.expires_at <= now) {
        cancel(tx, m, "expired", clock);
        ++s.cancelled_expired;
        continue;
      }
      if (m.due_at < stale_before && m.due_at < latest_due[message_group(m.dedupe_key)]) {
        cancel(tx, m, "superseded", clock);
        ++s.cancelled_superseded;
        continue;
      }
      if (m.episode_id) {
        if (!on_pathway.count(*m.episode_id)) {
          const auto e = tx.find_episode(*m.episode_id);
          const auto closed = {EpisodeState::ineligible, EpisodeState::completed, EpisodeState::converted_to_thr,
                               EpisodeState::withdrawn, EpisodeState::lost_to_follow_up};
          on_pathway[*m.episode_id] = e && std::find(closed.begin(), closed.end(), e->state) == closed.end();
        }
        if (!on_pathway[*m.episode_id]) {
          cancel(tx, m, "episode_closed", clock);
          ++s.cancelled_closed;
          continue;
        }
      }
      to_send.push_back(std::move(m));
    }
  });
  // Quiet hours hold the patients' messages; an on-call alert goes at any hour.
  if (rp::messaging::in_quiet_hours(now_ms, settings_.hours)) {
    const auto held = std::stable_partition(to_send.begin(), to_send.end(), [](const auto& m) { return urgent(m); });
    s.quiet_hours = held != to_send.end();
    to_send.erase(held, to_send.end());
  }
  const CivilDate today = civil_date_in_zone(now_ms, settings_.hours.zone);
  const std::string day_from = iso_of(rp::messaging::local_instant(today, 0, settings_.hours));
  const std::string day_to = iso_of(rp::messaging::local_instant(today.plus_days(1), 0, settings_.hours));
  const std::string next_morning =
      iso_of(rp::messaging::local_instant(today.plus_days(1), settings_.hours.quiet_until_minute, settings_.hours));
  // The next message of to_send from `from` on that may go, claimed in tx (pending ->
  // sending); one at the patient's daily cap waits for the next morning instead.
  const auto claim_next = [&](store::Transaction& tx, std::size_t from) -> std::optional<std::size_t> {
    for (std::size_t i = from; i < to_send.size(); ++i) {
      const MessageRow& due = to_send[i];
      if (!urgent(due) && tx.messages_sent_between(due.patient_id, day_from, day_to) >= settings_.daily_cap) {
        auto m = tx.find_message(due.id);
        if (!m || m->state != MessageState::pending) continue;
        m->next_attempt_at = next_morning;
        m->last_detail = "the patient's messages for the day are at the cap: waits for the next morning";
        tx.update_message(*m);
        tx.append_audit(audit_entry(clock, scheduler_actor(), m->centre_id, "message.defer", "message",
                                    std::to_string(m->id), "daily cap"));
        ++s.deferred_by_cap;
        continue;
      }
      if (!tx.claim_message(due.id, now)) continue;
      tx.append_audit(
          audit_entry(clock, scheduler_actor(), due.centre_id, "message.claim", "message", std::to_string(due.id)));
      return i;
    }
    return std::nullopt;
  };
  // One message claimed at a time, and its result written in the same write as the next
  // one's claim: one commit a message, and a crash leaves at most the one in flight
  // `sending` (made `unknown` by a later pass), as a write per step would.
  std::optional<std::size_t> next;
  store_.write([&](store::Transaction& tx) { next = claim_next(tx, 0); });
  while (next) {
    const MessageRow& due = to_send[*next];
    ++s.claimed;
    // Outside any transaction: a provider that takes seconds holds no lock.
    channels::SendResult result;
    try {
      channels::Channel& carrier = rp::messaging::channel_named(due.channel) == ContactChannel::email ? email_ : text_;
      result = carrier.send({due.to_address, due.subject, due.body, "message-" + std::to_string(due.id)});
    } catch (const std::exception& e) {
      // It may or may not have reached the provider: a person checks.
      result = {channels::SendResult::Outcome::unknown, "", std::string("the channel failed: ") + e.what()};
    }
    const std::size_t after = *next + 1;
    store_.write([&](store::Transaction& tx) {
      record_result(tx, due.id, result, now_ms, s);
      next = claim_next(tx, after);
    });
  }
}

void Scheduler::record_result(store::Transaction& tx, std::int64_t id, const channels::SendResult& result,
                              std::int64_t now_ms, PassSummary& s) {
  const std::string now = iso_of(now_ms);
  const Clock clock = Clock::fixed(now_ms);
  auto m = tx.find_message(id);
  if (!m) return;
  m->last_detail = result.detail;
  if (!result.provider_id.empty()) m->provider_id = result.provider_id;
  std::string outcome = channels::to_string(result.outcome);
  switch (result.outcome) {
    case channels::SendResult::Outcome::sent:
      m->state = MessageState::sent;
      m->sent_at = now;
      m->next_attempt_at.reset();
      ++s.sent;
      break;
    case channels::SendResult::Outcome::failed:
      if (m->attempts >= settings_.max_attempts) {
        m->state = MessageState::failed;
        ++s.failed;
      } else {
        m->state = MessageState::pending;
        m->next_attempt_at = iso_of(now_ms + (settings_.first_backoff_ms << (m->attempts - 1)));
        ++s.retrying;
      }
      break;
    case channels::SendResult::Outcome::rejected:
      m->state = MessageState::failed;
      ++s.failed;
      break;
    case channels::SendResult::Outcome::unknown:
      m->state = MessageState::unknown;
      ++s.unknown;
      break;
  }
  tx.update_message(*m);
  tx.insert_message_attempt({0, m->id, m->centre_id, now, outcome, m->provider_id, result.detail});
  tx.append_audit(
      audit_entry(clock, scheduler_actor(), m->centre_id, "message.send", "message", std::to_string(m->id), outcome));
}

}  // namespace rp::service::messaging
