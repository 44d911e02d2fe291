// The patient outbox on PostgreSQL (0028_messages.sql); store/sqlite/sqlite_messages.cpp
// is the reference.
#include "base/error.hpp"
#include "store/postgres/pg_store.hpp"

namespace rp::store::postgres {
namespace {

constexpr const char* kMessageColumns =
    "SELECT id, patient_id, episode_id, centre_id, dedupe_key, template, item_id, channel, language, to_address, "
    "due_at, expires_at, state, attempts, next_attempt_at, provider_id, body, created_at, claimed_at, sent_at, "
    "delivered_at, "
    "cancelled_by, cancel_reason, last_detail, subject FROM messages ";

std::optional<std::string> optional_text(const Result& r, int row, int col) {
  if (r.null(row, col)) return std::nullopt;
  return r.text(row, col);
}

MessageRow read_message(const Result& r, int i) {
  MessageRow m;
  m.id = r.int64(i, 0);
  m.patient_id = r.int64(i, 1);
  m.episode_id = r.opt_int64(i, 2);
  m.centre_id = r.text(i, 3);
  m.dedupe_key = r.text(i, 4);
  m.template_id = r.text(i, 5);
  m.item_id = r.text(i, 6);
  m.channel = r.text(i, 7);
  m.language = r.text(i, 8);
  m.to_address = r.text(i, 9);
  m.due_at = r.text(i, 10);
  m.expires_at = r.text(i, 11);
  m.state = parse_message_state(r.view(i, 12)).value_or(MessageState::unknown);
  m.attempts = r.int32(i, 13);
  m.next_attempt_at = optional_text(r, i, 14);
  m.provider_id = optional_text(r, i, 15);
  m.body = r.text(i, 16);
  m.created_at = r.text(i, 17);
  m.claimed_at = optional_text(r, i, 18);
  m.sent_at = optional_text(r, i, 19);
  m.delivered_at = optional_text(r, i, 20);
  m.cancelled_by = optional_text(r, i, 21);
  m.cancel_reason = optional_text(r, i, 22);
  m.last_detail = r.text(i, 23);
  m.subject = r.text(i, 24);
  return m;
}

std::vector<MessageRow> all_messages(const Result& r) {
  std::vector<MessageRow> out;
  for (int i = 0; i < r.rows(); ++i) out.push_back(read_message(r, i));
  return out;
}

std::optional<MessageRow> first_message(const Result& r) {
  if (r.rows() == 0) return std::nullopt;
  return read_message(r, 0);
}

}  // namespace

std::optional<std::int64_t> PgTransaction::insert_message(const MessageRow& m) {
  auto res = c_.exec(
      "INSERT INTO messages (patient_id, episode_id, centre_id, dedupe_key, template, item_id, channel, language, "
      "to_address, due_at, expires_at, state, attempts, next_attempt_at, provider_id, body, created_at, claimed_at, "
      "sent_at, delivered_at, cancelled_by, cancel_reason, last_detail, subject) VALUES "
      "($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19,$20,$21,$22,$23,$24) "
      "ON CONFLICT (dedupe_key) DO NOTHING RETURNING id",
      Params()
          .integer(m.patient_id)
          .opt_integer(m.episode_id)
          .text(m.centre_id)
          .text(m.dedupe_key)
          .text(m.template_id)
          .text(m.item_id)
          .text(m.channel)
          .text(m.language)
          .text(m.to_address)
          .text(m.due_at)
          .text(m.expires_at)
          .text(std::string(to_string(m.state)))
          .integer(m.attempts)
          .opt_text(m.next_attempt_at)
          .opt_text(m.provider_id)
          .text(m.body)
          .text(m.created_at)
          .opt_text(m.claimed_at)
          .opt_text(m.sent_at)
          .opt_text(m.delivered_at)
          .opt_text(m.cancelled_by)
          .opt_text(m.cancel_reason)
          .text(m.last_detail)
          .text(m.subject));
  if (res.rows() != 1) return std::nullopt;
  return res.int64(0, 0);
}

std::optional<MessageRow> PgTransaction::find_message(std::int64_t id) {
  return first_message(c_.exec(std::string(kMessageColumns) + "WHERE id = $1", Params().integer(id)));
}

std::optional<MessageRow> PgTransaction::find_message_by_provider_id(const std::string& provider_id) {
  return first_message(c_.exec(std::string(kMessageColumns) + "WHERE provider_id = $1 ORDER BY id DESC LIMIT 1",
                               Params().text(provider_id)));
}

std::vector<MessageRow> PgTransaction::messages_of_patient(std::int64_t patient_id, int limit) {
  return all_messages(c_.exec(std::string(kMessageColumns) + "WHERE patient_id = $1 ORDER BY due_at, id LIMIT $2",
                              Params().integer(patient_id).integer(limit)));
}

std::vector<MessageRow> PgTransaction::messages_of_patient_after(std::int64_t patient_id, std::int64_t after,
                                                                 int limit) {
  return all_messages(
      c_.exec(std::string(kMessageColumns) +
                  "WHERE patient_id = $1 AND (due_at, id) > (SELECT due_at, id FROM messages WHERE id = $2) "
                  "ORDER BY due_at, id LIMIT $3",
              Params().integer(patient_id).integer(after).integer(limit)));
}

std::vector<MessageRow> PgTransaction::messages_of_episode(std::int64_t episode_id) {
  return all_messages(c_.exec(std::string(kMessageColumns) + "WHERE episode_id = $1 ORDER BY due_at, id",
                              Params().integer(episode_id)));
}

std::vector<MessageRow> PgTransaction::due_messages(const std::string& now, int limit) {
  return all_messages(
      c_.exec(std::string(kMessageColumns) +
                  "WHERE state = 'pending' AND due_at <= $1 AND (next_attempt_at IS NULL OR next_attempt_at <= $1) "
                  "ORDER BY due_at, id LIMIT $2",
              Params().text(now).integer(limit)));
}

std::vector<MessageRow> PgTransaction::messages_for_a_person(const std::string& centre_id, int limit) {
  return all_messages(
      c_.exec(std::string(kMessageColumns) +
                  "WHERE centre_id = $1 AND state IN ('failed', 'unknown') ORDER BY due_at DESC, id DESC "
                  "LIMIT $2",
              Params().text(centre_id).integer(limit)));
}

int PgTransaction::count_messages_for_a_person(const std::string& centre_id) {
  return c_
      .exec("SELECT COUNT(*) FROM messages WHERE centre_id = $1 AND state IN ('failed', 'unknown')",
            Params().text(centre_id))
      .int32(0, 0);
}

std::vector<MessageRow> PgTransaction::stuck_sending(const std::string& claimed_by, int limit) {
  return all_messages(c_.exec(std::string(kMessageColumns) +
                                  "WHERE state = 'sending' AND claimed_at <= $1 ORDER BY claimed_at, id "
                                  "LIMIT $2",
                              Params().text(claimed_by).integer(limit)));
}

bool PgTransaction::claim_message(std::int64_t id, const std::string& now) {
  auto res = c_.exec(
      "UPDATE messages SET state = 'sending', claimed_at = $1, attempts = attempts + 1 "
      "WHERE id = $2 AND state = 'pending' RETURNING id",
      Params().text(now).integer(id));
  return res.rows() == 1;
}

void PgTransaction::update_message(const MessageRow& m) {
  auto res = c_.exec(
      "UPDATE messages SET state = $1, attempts = $2, next_attempt_at = $3, provider_id = $4, body = $5, "
      "due_at = $6, expires_at = $7, claimed_at = $8, sent_at = $9, delivered_at = $10, cancelled_by = $11, "
      "cancel_reason = $12, last_detail = $13, language = $14, to_address = $15, channel = $16, subject = $17 "
      "WHERE id = $18 RETURNING id",
      Params()
          .text(std::string(to_string(m.state)))
          .integer(m.attempts)
          .opt_text(m.next_attempt_at)
          .opt_text(m.provider_id)
          .text(m.body)
          .text(m.due_at)
          .text(m.expires_at)
          .opt_text(m.claimed_at)
          .opt_text(m.sent_at)
          .opt_text(m.delivered_at)
          .opt_text(m.cancelled_by)
          .opt_text(m.cancel_reason)
          .text(m.last_detail)
          .text(m.language)
          .text(m.to_address)
          .text(m.channel)
          .text(m.subject)
          .integer(m.id));
  if (res.rows() != 1) throw NotFoundError("id", "message_not_found"_err, {{"id", std::to_string(m.id)}});
}

std::int64_t PgTransaction::insert_message_attempt(const MessageAttemptRow& a) {
  auto res = c_.exec(
      "INSERT INTO message_attempts (message_id, centre_id, at, outcome, provider_id, detail) "
      "VALUES ($1,$2,$3,$4,$5,$6) RETURNING id",
      Params()
          .integer(a.message_id)
          .text(a.centre_id)
          .text(a.at)
          .text(a.outcome)
          .opt_text(a.provider_id)
          .text(a.detail));
  return res.int64(0, 0);
}

std::vector<MessageAttemptRow> PgTransaction::message_attempts(std::int64_t message_id) {
  auto r = c_.exec(
      "SELECT id, message_id, centre_id, at, outcome, provider_id, detail FROM message_attempts "
      "WHERE message_id = $1 ORDER BY id",
      Params().integer(message_id));
  std::vector<MessageAttemptRow> out;
  for (int i = 0; i < r.rows(); ++i)
    out.push_back(
        {r.int64(i, 0), r.int64(i, 1), r.text(i, 2), r.text(i, 3), r.text(i, 4), optional_text(r, i, 5), r.text(i, 6)});
  return out;
}

int PgTransaction::messages_sent_between(std::int64_t patient_id, const std::string& from, const std::string& to) {
  auto r = c_.exec(
      "SELECT COUNT(*) FROM messages WHERE patient_id = $1 AND claimed_at >= $2 AND claimed_at < $3 "
      "AND state <> 'cancelled' AND template <> 'red_flag_on_call'",
      Params().integer(patient_id).text(from).text(to));
  return r.int32(0, 0);
}

namespace {

// A page of episodes from `sql`, whose parameters are the id to start after and the limit.
std::vector<PathwayEpisodeRow> episode_page(Connection& c, const std::string& sql, std::int64_t after_id, int limit) {
  auto r = c.exec(sql, Params().integer(after_id).integer(limit));
  std::vector<PathwayEpisodeRow> out;
  for (int i = 0; i < r.rows(); ++i) out.push_back({r.int64(i, 0), r.int64(i, 1), r.text(i, 2)});
  return out;
}

}  // namespace

std::vector<PathwayEpisodeRow> PgTransaction::pathway_episodes(std::int64_t after_id, int limit) {
  static const std::string sql =
      std::string("SELECT id, patient_id, centre_id FROM episodes WHERE id > $1 AND state ") + "NOT IN " +
      kOffPathwayStates + " ORDER BY id LIMIT $2";
  return episode_page(c_, sql, after_id, limit);
}

std::vector<PathwayEpisodeRow> PgTransaction::episodes_to_replan(std::int64_t after_id, int limit) {
  static const std::string sql =
      std::string("SELECT e.id, e.patient_id, e.centre_id FROM messages_replan r JOIN episodes e ON e.id = ") +
      "r.episode_id WHERE r.episode_id > $1 AND e.state NOT IN " + kOffPathwayStates +
      " ORDER BY r.episode_id LIMIT $2";
  return episode_page(c_, sql, after_id, limit);
}

void PgTransaction::clear_replan_marks(std::int64_t after_id, std::int64_t through_id) {
  c_.exec("DELETE FROM messages_replan WHERE episode_id > $1 AND episode_id <= $2",
          Params().integer(after_id).integer(through_id));
}

}  // namespace rp::store::postgres
