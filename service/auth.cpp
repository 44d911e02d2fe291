#include "service/auth.hpp"

#include <sodium.h>

#include <algorithm>
#include <stdexcept>

#include "domain/instruments/instrument_id.hpp"
#include "domain/patient.hpp"
#include "service/accounts.hpp"
#include "service/pathway.hpp"
#include "service/protocols.hpp"

namespace rp::service {
namespace {

Actor staff_actor(const store::AccountRow& a) { return {a.username, a.role, a.centre_id, false, std::nullopt}; }
Actor patient_actor(std::int64_t patient_id, const std::string& centre_id) {
  return {"patient:" + std::to_string(patient_id), "patient", centre_id, false, patient_id};
}

// The delay after the n-th consecutive failure: none for the first few, then doubling.
int delay_after_failures(const AuthPolicy& p, int failures) {
  if (failures < p.free_failures) return 0;
  const int steps = std::min(failures - p.free_failures, 16);
  return std::min(1 << steps, p.max_delay_s);
}

std::vector<Patient> patients_with_mobile(store::Transaction& tx, const std::string& mobile) {
  store::PatientQuery q;
  q.text = mobile;
  q.limit = 20;
  auto all = tx.list_patients(q);
  std::erase_if(all, [&](const Patient& p) { return p.mobile != mobile; });
  return all;
}

bool is_hex_token(std::string_view t, std::size_t length) {
  return t.size() == length &&
         std::all_of(t.begin(), t.end(), [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

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

Login Auth::open_session(const std::string& kind, const Actor& actor, std::optional<std::int64_t> account_id,
                         std::optional<std::int64_t> patient_id, std::int64_t lifetime_ms) {
  Login out;
  out.token = random_hex(32);
  out.principal = {actor, random_hex(16), token_hash(out.token)};
  out.expires_in_s = lifetime_ms / 1000;
  store::SessionRow row{
      out.principal.token_hash,      kind, account_id, patient_id, out.principal.csrf, clock_.now_iso(),
      iso_after(clock_, lifetime_ms)};
  store_.write([&](store::Transaction& tx) {
    tx.insert_session(row);
    tx.append_audit(audit_entry(clock_, actor, actor.centre, "auth.login", kind == "staff" ? "account" : "patient",
                                account_id ? std::to_string(*account_id) : std::to_string(patient_id.value_or(0))));
  });
  std::lock_guard lock(mutex_);
  cache_[row.token_hash] = {out.principal, row.expires_at, clock_.now_ms(), clock_.now_ms()};
  return out;
}

Login Auth::login(const std::string& username, const std::string& password) {
  if (username.empty() || username.size() > 64) throw UnauthorizedError("username", "wrong username or password");
  std::optional<store::AccountRow> account;
  store_.read([&](store::Transaction& tx) { account = tx.find_account_by_username(username); });
  if (!account) {
    verify_password(dummy_hash_, password);
    throw UnauthorizedError("username", "wrong username or password");
  }
  const std::string now = clock_.now_iso();
  if (account->locked) {
    throw TooManyAttemptsError("username", "account locked after repeated failed logins; ask an admin to reset it", 0);
  }
  if (!account->locked_until.empty() && account->locked_until > now) {
    throw TooManyAttemptsError("username", "too many failed logins; wait before trying again",
                               delay_after_failures(policy_, account->failed_logins));
  }
  if (!verify_password(account->password_hash, password)) {
    store_.write([&](store::Transaction& tx) {
      auto a = tx.find_account(account->id);
      if (!a) return;
      ++a->failed_logins;
      const int delay = delay_after_failures(policy_, a->failed_logins);
      a->locked_until = delay > 0 ? iso_after(clock_, delay * 1000LL) : "";
      if (a->failed_logins >= policy_.lockout_failures) a->locked = true;
      tx.update_account(*a);
      tx.append_audit(audit_entry(clock_, staff_actor(*a), a->centre_id, "auth.login_failed", "account",
                                  std::to_string(a->id), std::to_string(a->failed_logins) + " consecutive"));
    });
    throw UnauthorizedError("username", "wrong username or password");
  }
  // Told only to someone who knows the password: it reveals nothing to a guesser.
  if (account->disabled)
    throw UnauthorizedError("username", "this account is disabled; ask your centre's admin to enable it");
  if (account->failed_logins > 0) {
    store_.write([&](store::Transaction& tx) {
      account->failed_logins = 0;
      account->locked_until.clear();
      tx.update_account(*account);
    });
  }
  return open_session("staff", staff_actor(*account), account->id, std::nullopt, policy_.staff_session_ms);
}

std::optional<Principal> Auth::session(const std::string& token) {
  if (!is_hex_token(token, 64)) return std::nullopt;
  const std::string hash = token_hash(token);
  const std::int64_t now_ms = clock_.now_ms();
  const std::string now = clock_.now_iso();
  bool ended = false;
  std::optional<std::int64_t> recheck_idle_since;
  {
    std::lock_guard lock(mutex_);
    if (auto it = cache_.find(hash); it != cache_.end()) {
      const bool alive = it->second.expires_at > now && now_ms - it->second.last_seen_ms <= policy_.idle_ms;
      if (alive && now_ms - it->second.checked_ms <= policy_.recheck_ms) {
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
      if (a && !a->locked && !a->disabled) found = Principal{staff_actor(*a), s->csrf, hash};
    } else if (s->patient_id) {
      auto p = tx.find_patient(*s->patient_id);
      if (p) found = Principal{patient_actor(p->id, p->centre_id), s->csrf, hash};
    }
    if (found) {
      std::lock_guard lock(mutex_);
      // A session found only in the store (after a restart) was idle for an unknown
      // time; counting from now is the kind reading.
      cache_[hash] = {*found, s->expires_at, recheck_idle_since.value_or(now_ms), now_ms};
    }
  });
  if (expired) store_.write([&](store::Transaction& tx) { tx.delete_session(hash); });
  return found;
}

void Auth::end_staff_sessions(const std::string& username) {
  std::lock_guard lock(mutex_);
  std::erase_if(cache_, [&](const auto& entry) {
    const Actor& a = entry.second.principal.actor;
    return a.role != "patient" && a.user == username;
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

void Auth::request_code(const std::string& mobile_text) {
  const std::string mobile = normalise_mobile(mobile_text);
  struct Sent {
    std::int64_t patient_id;
    std::string code;
  };
  std::vector<Sent> sent;
  const std::string now = clock_.now_iso();
  const std::string window_start = iso_after(clock_, -policy_.code_ms);
  store_.write([&](store::Transaction& tx) {
    for (const Patient& p : patients_with_mobile(tx, mobile)) {
      const auto recent = tx.access_tokens_of(p.id, "login_code");
      const auto in_window =
          std::count_if(recent.begin(), recent.end(), [&](const auto& t) { return t.created_at > window_start; });
      if (in_window >= 3) continue;  // rate limit: a few codes per code lifetime
      if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
      char code[8];
      std::snprintf(code, sizeof code, "%06u", randombytes_uniform(1000000));
      store::AccessTokenRow t;
      t.token_hash = token_hash(std::to_string(p.id) + ":" + code);
      t.purpose = "login_code";
      t.patient_id = p.id;
      t.created_at = now;
      t.expires_at = iso_after(clock_, policy_.code_ms);
      tx.insert_access_token(t);
      tx.append_audit(audit_entry(clock_, patient_actor(p.id, p.centre_id), p.centre_id, "auth.code_sent", "patient",
                                  std::to_string(p.id)));
      sent.push_back({p.id, code});
    }
  });
  for (const auto& s : sent) sender_(s.patient_id, mobile, s.code);
}

Login Auth::patient_login(const std::string& mobile_text, const std::string& code) {
  const std::string mobile = normalise_mobile(mobile_text);
  if (code.size() != 6 || !std::all_of(code.begin(), code.end(), ::isdigit))
    throw UnauthorizedError("code", "wrong or expired code");
  const std::string now = clock_.now_iso();
  std::optional<Patient> who;
  store_.write([&](store::Transaction& tx) {
    for (const Patient& p : patients_with_mobile(tx, mobile)) {
      for (auto t : tx.access_tokens_of(p.id, "login_code")) {
        if (!t.used_at.empty() || t.expires_at <= now || t.attempts >= policy_.code_attempts) continue;
        if (t.token_hash == token_hash(std::to_string(p.id) + ":" + code)) {
          t.used_at = now;
          tx.update_access_token(t);
          who = p;
          return;
        }
        ++t.attempts;  // counts against the newest live code only
        tx.update_access_token(t);
        break;
      }
    }
  });
  if (!who) throw UnauthorizedError("code", "wrong or expired code");
  return open_session("patient", patient_actor(who->id, who->centre_id), std::nullopt, who->id,
                      policy_.patient_session_ms);
}

QuestionnaireLink Auth::issue_link(const Actor& actor, std::int64_t episode_id, const std::string& instrument,
                                   const std::string& item_id) {
  require(actor, Permission::link_issue);
  if (!instruments::parse_instrument_key(instrument))
    throw InputError("instrument", "unknown instrument '" + instrument + "'");
  QuestionnaireLink out{random_hex(16), iso_after(clock_, policy_.link_ms)};
  store_.write([&](store::Transaction& tx) {
    auto e = tx.find_episode(episode_id);
    if (!e || !actor.sees_centre(e->centre_id))
      throw NotFoundError("episode", "no episode " + std::to_string(episode_id));
    check_time_point(*load_protocol(e->protocol_id), item_id, instrument);
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
                                std::to_string(episode_id), instrument));
  });
  return out;
}

store::AccessTokenRow Auth::find_link(store::Transaction& tx, const std::string& token) {
  const NotFoundError unknown("token", "this link is unknown, used or expired");
  if (!is_hex_token(token, 32)) throw unknown;
  auto t = tx.find_access_token(token_hash(token));
  if (!t || t->purpose != "questionnaire" || !t->used_at.empty() || t->expires_at <= clock_.now_iso()) throw unknown;
  return *t;
}

}  // namespace rp::service
