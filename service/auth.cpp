#include "service/auth.hpp"
#include "service/centre_scope.hpp"

#include <sodium.h>

#include <algorithm>
#include <stdexcept>

#include "domain/instruments/instrument_id.hpp"
#include "service/accounts.hpp"
#include "service/audit_entry.hpp"
#include "service/auth_helpers.hpp"
#include "service/idempotency.hpp"
#include "service/instrument_forms.hpp"
#include "service/pathway.hpp"
#include "service/protocols.hpp"
#include "service/time_point_links.hpp"

namespace rp::service {
namespace {

// An account's role as stored; text that names no role (never written by Accounts) gets
// no more than a visitor would.
Actor staff_actor(const store::AccountRow& a) {
  return {a.username, role_from_string(a.role).value_or(Role::anonymous), a.centre_id, false, std::nullopt};
}

// The one who failed to sign in with a username no account has: named in the audit row
// by nothing they typed (it may be a password typed in the wrong field).
Actor unknown_user() { return {"anonymous", Role::anonymous, "", false, std::nullopt}; }

// Holds a client address's one staff sign-in in flight, or is refused because another
// is: attempts sent all at once would otherwise each pass the wait check before any of
// their failures is counted.
class OneAttemptAtATime {
 public:
  OneAttemptAtATime(std::mutex& mutex, std::unordered_set<std::string>& in_flight, std::string key)
      : mutex_(mutex), in_flight_(in_flight), key_(std::move(key)) {
    std::lock_guard lock(mutex_);
    admitted_ = in_flight_.insert(key_).second;
  }
  ~OneAttemptAtATime() {
    if (!admitted_) return;
    std::lock_guard lock(mutex_);
    in_flight_.erase(key_);
  }
  OneAttemptAtATime(const OneAttemptAtATime&) = delete;
  OneAttemptAtATime& operator=(const OneAttemptAtATime&) = delete;
  bool admitted() const { return admitted_; }

 private:
  std::mutex& mutex_;
  std::unordered_set<std::string>& in_flight_;
  std::string key_;
  bool admitted_ = false;
};

}  // namespace

std::string random_hex(std::size_t bytes) {
  if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
  std::string raw(bytes, '\0');
  randombytes_buf(raw.data(), raw.size());
  std::string hex(bytes * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), reinterpret_cast<const unsigned char*>(raw.data()), raw.size());
  hex.pop_back();
  return hex;
}

std::string token_hash(std::string_view token) {
  unsigned char out[32];
  crypto_generichash(out, sizeof out, reinterpret_cast<const unsigned char*>(token.data()), token.size(), nullptr, 0);
  char hex[65];
  sodium_bin2hex(hex, sizeof hex, out, sizeof out);
  return hex;
}

std::string iso_after(const Clock& clock, std::int64_t ms) { return Clock::fixed(clock.now_ms() + ms).now_iso(); }

Auth::Auth(store::Store& store, Clock clock, AuthPolicy policy, CodeSender sender)
    : store_(store), clock_(std::move(clock)), policy_(policy), sender_(std::move(sender)) {
  dummy_hash_ = hash_password(random_hex(16));
}

Auth::NewSession Auth::insert_session(store::Transaction& tx, const std::string& kind, const Actor& actor,
                                      std::optional<std::int64_t> account_id, std::optional<std::int64_t> patient_id,
                                      std::int64_t lifetime_ms) {
  NewSession out;
  out.login.token = random_hex(32);
  out.login.principal = {actor, random_hex(16), token_hash(out.login.token)};
  out.login.expires_in_s = lifetime_ms / 1000;
  out.expires_at = iso_after(clock_, lifetime_ms);
  tx.insert_session({out.login.principal.token_hash, kind, account_id, patient_id, out.login.principal.csrf,
                     clock_.now_iso(), out.expires_at});
  tx.append_audit(audit_entry(clock_, actor, actor.centre, "auth.login", kind == "staff" ? "account" : "patient",
                              account_id ? std::to_string(*account_id) : std::to_string(patient_id.value_or(0))));
  return out;
}

void Auth::remember(const NewSession& s, std::optional<std::uint64_t> generation) {
  std::lock_guard lock(mutex_);
  cache_[s.login.principal.token_hash] = {s.login.principal, s.expires_at, clock_.now_ms(), clock_.now_ms(),
                                          generation};
}

bool Auth::confirmed_lately(const Cached& c, std::int64_t now_ms, std::optional<std::uint64_t> generation) const {
  if (now_ms - c.checked_ms > policy_.recheck_ms) return false;
  // Unknown now (nullopt): only the time bound holds. Known: it must be the one seen
  // when the store last confirmed the session.
  return !generation || c.generation == generation;
}

Login Auth::login(const std::string& username, const std::string& password, const std::string& address) {
  const UnauthorizedError wrong("username", "wrong_password"_err);
  if (username.empty() || username.size() > 64) throw wrong;
  // Counted under the username at this address and under the address alone: an
  // attacker's failures make the attacker wait, never the same user elsewhere.
  const std::string where = address_key(address);
  const std::string at_address = token_hash("account\n" + username + "\n" + where);
  const std::string from_address = token_hash("address\n" + where);
  const OneAttemptAtATime one(attempts_mutex_, attempts_in_flight_, from_address);
  if (!one.admitted()) throw TooManyAttemptsError("username", "too_many_failed_logins"_err, 1);
  const std::int64_t now_ms = clock_.now_ms();
  int wait = 0;
  std::optional<store::AccountRow> account;
  store_.read([&](store::Transaction& tx) {
    wait = std::max(wait_s(tx, at_address, now_ms), wait_s(tx, from_address, now_ms));
    if (wait == 0) account = tx.find_account_by_username(username);
  });
  if (wait > 0) throw TooManyAttemptsError("username", "too_many_failed_logins"_err, wait);
  // The same argon2id work whether or not the username exists, so time tells nothing.
  const bool verified = verify_password(account ? account->password_hash : dummy_hash_, password);
  if (!verified || !account) {
    // The same statements for a known and an unknown username.
    store_.write([&](store::Transaction& tx) {
      count_failure(tx, at_address, policy_.account_at_address, clock_);
      count_failure(tx, from_address, policy_.address, clock_);
      tx.count_failed_login(username);
      tx.prune_sign_in_delays(
          iso_after(clock_, -std::max(policy_.account_at_address.memory_ms, policy_.address.memory_ms)));
      tx.append_audit(audit_entry(clock_, account ? staff_actor(*account) : unknown_user(),
                                  account ? account->centre_id : "", "auth.login_failed", "account",
                                  account ? std::to_string(account->id) : "", account ? "" : "unknown username"));
    });
    throw wrong;
  }
  // Told only to someone who knows the password: it reveals nothing to a guesser.
  if (account->disabled) throw UnauthorizedError("username", "account_disabled"_err);
  NewSession session;
  // Read before the write: a change committed meanwhile elsewhere is then seen as one.
  const auto generation = store_.data_generation();
  store_.write([&](store::Transaction& tx) {
    tx.delete_sign_in_delay(at_address);
    if (auto a = tx.find_account(account->id); a && a->failed_logins > 0) {
      a->failed_logins = 0;
      tx.update_account(*a);
    }
    session = insert_session(tx, "staff", staff_actor(*account), account->id, std::nullopt, policy_.staff_session_ms);
  });
  remember(session, generation);
  return session.login;
}

std::optional<Principal> Auth::session(const std::string& token) {
  if (!is_hex_token(token, 64)) return std::nullopt;
  const std::string hash = token_hash(token);
  const std::int64_t now_ms = clock_.now_ms();
  const std::string now = clock_.now_iso();
  // Before any read below, so a change committed during it moves the number past this one.
  const auto generation = store_.data_generation();
  bool ended = false;
  std::optional<std::int64_t> recheck_idle_since;
  {
    std::lock_guard lock(mutex_);
    if (auto it = cache_.find(hash); it != cache_.end()) {
      const bool alive = it->second.expires_at > now && now_ms - it->second.last_seen_ms <= policy_.idle_ms;
      if (alive && confirmed_lately(it->second, now_ms, generation)) {
        it->second.last_seen_ms = now_ms;
        return it->second.principal;
      }
      if (alive) {
        recheck_idle_since = it->second.last_seen_ms;  // confirmed below, idle time kept
      } else {
        ended = true;
      }
      cache_.erase(it);
    }
  }
  if (ended) {
    // Expired or idle: gone for good, from the store too.
    store_.write([&](store::Transaction& tx) { tx.delete_session(hash); });
    return std::nullopt;
  }
  std::optional<Principal> found;
  bool expired = false;
  store_.read([&](store::Transaction& tx) {
    auto s = tx.find_session(hash);
    if (!s) return;
    if (s->expires_at <= now) {
      expired = true;
      return;
    }
    if (s->kind == "staff" && s->account_id) {
      auto a = tx.find_account(*s->account_id);
      if (a && !a->disabled) found = Principal{staff_actor(*a), s->csrf, hash};
    } else if (s->patient_id) {
      auto p = tx.find_patient(*s->patient_id);
      if (p) found = Principal{patient_actor(p->id, p->centre_id), s->csrf, hash};
    }
    if (found) {
      std::lock_guard lock(mutex_);
      // A session found only in the store (after a restart) was idle for an unknown
      // time; counting from now is the kind reading.
      cache_[hash] = {*found, s->expires_at, recheck_idle_since.value_or(now_ms), now_ms, generation};
    }
  });
  if (expired) store_.write([&](store::Transaction& tx) { tx.delete_session(hash); });
  return found;
}

bool Auth::session_alive(const std::string& hash) {
  const std::int64_t now_ms = clock_.now_ms();
  const std::string now = clock_.now_iso();
  const auto generation = store_.data_generation();
  {
    std::lock_guard lock(mutex_);
    const auto it = cache_.find(hash);
    if (it == cache_.end()) return false;
    if (it->second.expires_at <= now || now_ms - it->second.last_seen_ms > policy_.idle_ms) return false;
    if (confirmed_lately(it->second, now_ms, generation)) return true;
  }
  // Confirmed against the store (a sign-out on another server, an account disabled by
  // another process), idle time kept.
  bool live = false;
  store_.read([&](store::Transaction& tx) {
    const auto s = tx.find_session(hash);
    if (!s || s->expires_at <= now) return;
    if (s->kind == "staff" && s->account_id) {
      const auto a = tx.find_account(*s->account_id);
      live = a && !a->disabled;
    } else {
      live = s->patient_id.has_value();
    }
  });
  std::lock_guard lock(mutex_);
  const auto it = cache_.find(hash);
  if (!live || it == cache_.end()) return false;
  it->second.checked_ms = now_ms;
  it->second.generation = generation;
  return true;
}

void Auth::end_staff_sessions(const std::string& username) {
  std::lock_guard lock(mutex_);
  std::erase_if(cache_, [&](const auto& entry) {
    const Actor& a = entry.second.principal.actor;
    return a.role != Role::patient && a.user == username;
  });
}

void Auth::logout(const std::string& token) {
  const std::string hash = token_hash(token);
  std::optional<Principal> p = session(token);
  {
    std::lock_guard lock(mutex_);
    cache_.erase(hash);
  }
  store_.write([&](store::Transaction& tx) {
    tx.delete_session(hash);
    if (p) tx.append_audit(audit_entry(clock_, p->actor, p->actor.centre, "auth.logout", "session", ""));
  });
}

QuestionnaireLink Auth::issue_link(const Actor& actor, std::int64_t episode_id, const std::string& instrument,
                                   const std::string& item_id) {
  require(actor, Permission::link_issue);
  // One instrument, or (none named) every instrument the time point asks the patient for.
  if (instrument.empty() && item_id.empty()) throw InputError("instrument", "instrument_required_for_link"_err);
  if (!instrument.empty()) patient_instrument(instrument);
  QuestionnaireLink out{random_hex(16), iso_after(clock_, policy_.link_ms)};
  store_.write(record_scope(actor), [&](store::Transaction& tx) {
    // The token is kept only as a hash, so a retry's answer is the key's own record of it.
    if (const auto earlier = earlier_request(tx, actor)) {
      const auto space = earlier->find(' ');
      out = {earlier->substr(0, space), space == std::string::npos ? "" : earlier->substr(space + 1)};
      return;
    }
    auto e = tx.find_episode(episode_id);
    if (!e || !actor.sees_centre(e->centre_id))
      throw NotFoundError("episode", "episode_not_found"_err, {{"id", std::to_string(episode_id)}});
    const auto protocol = load_protocol(e->protocol_id);
    if (instrument.empty())
      patient_instruments_at(*protocol, item_id);
    else
      check_time_point(*protocol, item_id, instrument);
    store::AccessTokenRow t;
    t.token_hash = token_hash(out.token);
    t.purpose = "questionnaire";
    t.patient_id = e->patient_id;
    t.episode_id = episode_id;
    t.instrument = instrument;
    t.item_id = item_id;
    t.created_at = clock_.now_iso();
    t.expires_at = out.expires_at;
    tx.insert_access_token(t);
    tx.append_audit(audit_entry(clock_, actor, e->centre_id, "questionnaire.link_issue", "episode",
                                std::to_string(episode_id), instrument.empty() ? item_id : instrument));
    remember_request(tx, actor, out.token + " " + out.expires_at, t.created_at);
  });
  return out;
}

store::AccessTokenRow Auth::find_link(store::Transaction& tx, const std::string& token) {
  const NotFoundError unknown("token", "link_spent"_err);
  if (!is_hex_token(token, 32)) throw unknown;
  auto t = tx.find_access_token(token_hash(token));
  if (!t || t->purpose != "questionnaire" || !t->used_at.empty() || t->expires_at <= clock_.now_iso()) throw unknown;
  return *t;
}

}  // namespace rp::service
