// The patient outbox on SQLite (0028_messages.sql).
#include "base/error.hpp"
#include "store/sqlite/sqlite_store.hpp"

namespace rp::store::sqlite {
namespace {

constexpr const char* kMessageColumns =
    "SELECT id, patient_id, episode_id, centre_id, dedupe_key, template, item_id, channel, language, to_address, "
    "due_at, expires_at, state, attempts, next_attempt_at, provider_id, body, created_at, claimed_at, sent_at, "
    "delivered_at, "
    "cancelled_by, cancel_reason, last_detail, subject FROM messages ";

void bind_optional(SQLite::Statement& q, int i, const std::optional<std::string>& v) {
  if (v)
    q.bind(i, *v);
  else
    q.bind(i);
}

MessageRow read_message(SQLite::Statement& q) {
  MessageRow m;
  m.id = q.getColumn(0).getInt64();
  m.patient_id = q.getColumn(1).getInt64();
  if (!q.getColumn(2).isNull()) m.episode_id = q.getColumn(2).getInt64();
  m.centre_id = q.getColumn(3).getString();
  m.dedupe_key = q.getColumn(4).getString();
  m.template_id = q.getColumn(5).getString();
  m.item_id = q.getColumn(6).getString();
  m.channel = q.getColumn(7).getString();
  m.language = q.getColumn(8).getString();
  m.to_address = q.getColumn(9).getString();
  m.due_at = q.getColumn(10).getString();
  m.expires_at = q.getColumn(11).getString();
  m.state = parse_message_state(q.getColumn(12).getString()).value_or(MessageState::unknown);
  m.attempts = q.getColumn(13).getInt();
  m.next_attempt_at = optional_text(q.getColumn(14));
  m.provider_id = optional_text(q.getColumn(15));
  m.body = q.getColumn(16).getString();
  m.created_at = q.getColumn(17).getString();
  m.claimed_at = optional_text(q.getColumn(18));
  m.sent_at = optional_text(q.getColumn(19));
  m.delivered_at = optional_text(q.getColumn(20));
  m.cancelled_by = optional_text(q.getColumn(21));
  m.cancel_reason = optional_text(q.getColumn(22));
  m.last_detail = q.getColumn(23).getString();
  m.subject = q.getColumn(24).getString();
  return m;
}

std::vector<MessageRow> all_messages(SQLite::Statement& q) {
  std::vector<MessageRow> out;
  while (q.executeStep()) out.push_back(read_message(q));
  return out;
}

std::optional<MessageRow> first_message(SQLite::Statement& q) {
  if (!q.executeStep()) return std::nullopt;
  return read_message(q);
}

}  // namespace

std::optional<std::int64_t> SqliteTransaction::insert_message(const MessageRow& m) {
  auto& q = c_.statement(
      "INSERT INTO messages (patient_id, episode_id, centre_id, dedupe_key, template, item_id, channel, language, "
      "to_address, due_at, expires_at, state, attempts, next_attempt_at, provider_id, body, created_at, claimed_at, "
      "sent_at, delivered_at, cancelled_by, cancel_reason, last_detail, subject) VALUES "
      "(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) "
      "ON CONFLICT (dedupe_key) DO NOTHING");
  q.bind(1, static_cast<int64_t>(m.patient_id));
  if (m.episode_id)
    q.bind(2, static_cast<int64_t>(*m.episode_id));
  else
    q.bind(2);
  q.bind(3, m.centre_id);
  q.bind(4, m.dedupe_key);
  q.bind(5, m.template_id);
  q.bind(6, m.item_id);
  q.bind(7, m.channel);
  q.bind(8, m.language);
  q.bind(9, m.to_address);
  q.bind(10, m.due_at);
  q.bind(11, m.expires_at);
  q.bind(12, std::string(to_string(m.state)));
  q.bind(13, m.attempts);
  bind_optional(q, 14, m.next_attempt_at);
  bind_optional(q, 15, m.provider_id);
  q.bind(16, m.body);
  q.bind(17, m.created_at);
  bind_optional(q, 18, m.claimed_at);
  bind_optional(q, 19, m.sent_at);
  bind_optional(q, 20, m.delivered_at);
  bind_optional(q, 21, m.cancelled_by);
  bind_optional(q, 22, m.cancel_reason);
  q.bind(23, m.last_detail);
  q.bind(24, m.subject);
  if (q.exec() != 1) return std::nullopt;
  return c_.db().getLastInsertRowid();
}

std::optional<MessageRow> SqliteTransaction::find_message(std::int64_t id) {
  static const std::string sql = std::string(kMessageColumns) + "WHERE id = ?";
  auto& q = c_.statement(sql.c_str());
  q.bind(1, static_cast<int64_t>(id));
  return first_message(q);
}

std::optional<MessageRow> SqliteTransaction::find_message_by_provider_id(const std::string& provider_id) {
  static const std::string sql = std::string(kMessageColumns) + "WHERE provider_id = ? ORDER BY id DESC LIMIT 1";
  auto& q = c_.statement(sql.c_str());
  q.bind(1, provider_id);
  return first_message(q);
}

std::vector<MessageRow> SqliteTransaction::messages_of_patient(std::int64_t patient_id, int limit) {
  static const std::string sql = std::string(kMessageColumns) + "WHERE patient_id = ? ORDER BY due_at, id LIMIT ?";
  auto& q = c_.statement(sql.c_str());
  q.bind(1, static_cast<int64_t>(patient_id));
  q.bind(2, limit);
  return all_messages(q);
}

std::vector<MessageRow> SqliteTransaction::messages_of_patient_after(std::int64_t patient_id, std::int64_t after,
                                                                     int limit) {
  static const std::string sql =
      std::string(kMessageColumns) +
      "WHERE patient_id = ? AND (due_at, id) > (SELECT due_at, id FROM messages WHERE id = ?) "
      "ORDER BY due_at, id LIMIT ?";
  auto& q = c_.statement(sql.c_str());
  q.bind(1, static_cast<int64_t>(patient_id));
  q.bind(2, static_cast<int64_t>(after));
  q.bind(3, limit);
  return all_messages(q);
}

std::vector<MessageRow> SqliteTransaction::messages_of_episode(std::int64_t episode_id) {
  static const std::string sql = std::string(kMessageColumns) + "WHERE episode_id = ? ORDER BY due_at, id";
  auto& q = c_.statement(sql.c_str());
  q.bind(1, static_cast<int64_t>(episode_id));
  return all_messages(q);
}

std::vector<MessageRow> SqliteTransaction::due_messages(const std::string& now, int limit) {
  static const std::string sql =
      std::string(kMessageColumns) +
      "WHERE state = 'pending' AND due_at <= ? AND (next_attempt_at IS NULL OR next_attempt_at <= ?) "
      "ORDER BY due_at, id LIMIT ?";
  auto& q = c_.statement(sql.c_str());
  q.bind(1, now);
  q.bind(2, now);
  q.bind(3, limit);
  return all_messages(q);
}

std::vector<MessageRow> SqliteTransaction::messages_for_a_person(const std::string& centre_id, int limit) {
  // The predicate is the index's, word for word, so that SQLite uses it.
  static const std::string sql = std::string(kMessageColumns) +
                                 "WHERE centre_id = ? AND state IN ('failed', 'unknown') ORDER BY due_at DESC, id DESC "
                                 "LIMIT ?";
  auto& q = c_.statement(sql.c_str());
  q.bind(1, centre_id);
  q.bind(2, limit);
  return all_messages(q);
}

int SqliteTransaction::count_messages_for_a_person(const std::string& centre_id) {
  auto& q = c_.statement("SELECT COUNT(*) FROM messages WHERE centre_id = ? AND state IN ('failed', 'unknown')");
  q.bind(1, centre_id);
  q.executeStep();
  return q.getColumn(0).getInt();
}

std::vector<MessageRow> SqliteTransaction::stuck_sending(const std::string& claimed_by, int limit) {
  static const std::string sql =
      std::string(kMessageColumns) + "WHERE state = 'sending' AND claimed_at <= ? ORDER BY claimed_at, id LIMIT ?";
  auto& q = c_.statement(sql.c_str());
  q.bind(1, claimed_by);
  q.bind(2, limit);
  return all_messages(q);
}

bool SqliteTransaction::claim_message(std::int64_t id, const std::string& now) {
  auto& q = c_.statement(
      "UPDATE messages SET state = 'sending', claimed_at = ?, attempts = attempts + 1 "
      "WHERE id = ? AND state = 'pending'");
  q.bind(1, now);
  q.bind(2, static_cast<int64_t>(id));
  return q.exec() == 1;
}

void SqliteTransaction::update_message(const MessageRow& m) {
  auto& q = c_.statement(
      "UPDATE messages SET state = ?, attempts = ?, next_attempt_at = ?, provider_id = ?, body = ?, due_at = ?, "
      "expires_at = ?, claimed_at = ?, sent_at = ?, delivered_at = ?, cancelled_by = ?, cancel_reason = ?, "
      "last_detail = ?, language = ?, to_address = ?, channel = ?, subject = ? WHERE id = ?");
  q.bind(1, std::string(to_string(m.state)));
  q.bind(2, m.attempts);
  bind_optional(q, 3, m.next_attempt_at);
  bind_optional(q, 4, m.provider_id);
  q.bind(5, m.body);
  q.bind(6, m.due_at);
  q.bind(7, m.expires_at);
  bind_optional(q, 8, m.claimed_at);
  bind_optional(q, 9, m.sent_at);
  bind_optional(q, 10, m.delivered_at);
  bind_optional(q, 11, m.cancelled_by);
  bind_optional(q, 12, m.cancel_reason);
  q.bind(13, m.last_detail);
  q.bind(14, m.language);
  q.bind(15, m.to_address);
  q.bind(16, m.channel);
  q.bind(17, m.subject);
  q.bind(18, static_cast<int64_t>(m.id));
  if (q.exec() != 1) throw NotFoundError("id", "message_not_found"_err, {{"id", std::to_string(m.id)}});
}

std::int64_t SqliteTransaction::insert_message_attempt(const MessageAttemptRow& a) {
  auto& q = c_.statement(
      "INSERT INTO message_attempts (message_id, centre_id, at, outcome, provider_id, detail) VALUES (?,?,?,?,?,?)");
  q.bind(1, static_cast<int64_t>(a.message_id));
  q.bind(2, a.centre_id);
  q.bind(3, a.at);
  q.bind(4, a.outcome);
  bind_optional(q, 5, a.provider_id);
  q.bind(6, a.detail);
  q.exec();
  return c_.db().getLastInsertRowid();
}

std::vector<MessageAttemptRow> SqliteTransaction::message_attempts(std::int64_t message_id) {
  auto& q = c_.statement(
      "SELECT id, message_id, centre_id, at, outcome, provider_id, detail FROM message_attempts "
      "WHERE message_id = ? ORDER BY id");
  q.bind(1, static_cast<int64_t>(message_id));
  std::vector<MessageAttemptRow> out;
  while (q.executeStep())
    out.push_back({q.getColumn(0).getInt64(), q.getColumn(1).getInt64(), q.getColumn(2).getString(),
                   q.getColumn(3).getString(), q.getColumn(4).getString(), optional_text(q.getColumn(5)),
                   q.getColumn(6).getString()});
  return out;
}

int SqliteTransaction::messages_sent_between(std::int64_t patient_id, const std::string& from, const std::string& to) {
  auto& q = c_.statement(
      "SELECT COUNT(*) FROM messages WHERE patient_id = ? AND claimed_at >= ? AND claimed_at < ? "
      "AND state <> 'cancelled' AND template <> 'red_flag_on_call'");
  q.bind(1, static_cast<int64_t>(patient_id));
  q.bind(2, from);
  q.bind(3, to);
  q.executeStep();
  return q.getColumn(0).getInt();
}

namespace {

// A page of episodes from `sql`, whose parameters are the id to start after and the limit.
std::vector<PathwayEpisodeRow> episode_page(SQLite::Statement& q, std::int64_t after_id, int limit) {
  q.bind(1, static_cast<int64_t>(after_id));
  q.bind(2, limit);
  std::vector<PathwayEpisodeRow> out;
  while (q.executeStep())
    out.push_back({q.getColumn(0).getInt64(), q.getColumn(1).getInt64(), q.getColumn(2).getString()});
  return out;
}

}  // namespace

std::vector<PathwayEpisodeRow> SqliteTransaction::pathway_episodes(std::int64_t after_id, int limit) {
  static const std::string sql = std::string("SELECT id, patient_id, centre_id FROM episodes WHERE id > ? AND state ") +
                                 "NOT IN " + kOffPathwayStates + " ORDER BY id LIMIT ?";
  return episode_page(c_.statement(sql.c_str()), after_id, limit);
}

std::vector<PathwayEpisodeRow> SqliteTransaction::episodes_to_replan(std::int64_t after_id, int limit) {
  static const std::string sql =
      std::string("SELECT e.id, e.patient_id, e.centre_id FROM messages_replan r JOIN episodes e ON e.id = ") +
      "r.episode_id WHERE r.episode_id > ? AND e.state NOT IN " + kOffPathwayStates + " ORDER BY r.episode_id LIMIT ?";
  return episode_page(c_.statement(sql.c_str()), after_id, limit);
}

void SqliteTransaction::clear_replan_marks(std::int64_t after_id, std::int64_t through_id) {
  auto& q = c_.statement("DELETE FROM messages_replan WHERE episode_id > ? AND episode_id <= ?");
  q.bind(1, static_cast<int64_t>(after_id));
  q.bind(2, static_cast<int64_t>(through_id));
  q.exec();
}

}  // namespace rp::store::sqlite
