// Patients sign in with their mobile number and a one-time code: one live code per
// number, budgets of codes asked for and of wrong codes typed (per number, per client
// address, overall), and on a number several patients share, the choice of who is
// signing in, offered only once the code is proven.
#include <sodium.h>

#include <algorithm>
#include <cstdio>
#include <stdexcept>

#include "service/audit_entry.hpp"
#include "service/auth.hpp"
#include "service/auth_helpers.hpp"
#include "service/pathway.hpp"

namespace rp::service {
namespace {

// Someone typing at the portal, before any code is proven: not yet a patient.
Actor portal_visitor() { return {"anonymous", Role::anonymous, "", false, std::nullopt}; }

// The code is hashed with its number, so a code row matches only the number it was sent to.
std::string code_hash(const std::string& mobile, const std::string& code) { return token_hash(mobile + ":" + code); }

std::string random_code() {
  if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
  char code[8];
  std::snprintf(code, sizeof code, "%06u", randombytes_uniform(1000000));
  return code;
}

bool same_hash(const std::string& a, const std::string& b) {
  return a.size() == b.size() && sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

// The first word of a name: what a household calls its members by. Persian compound
// first names written with a zero-width non-joiner stay whole.
std::string first_word(const std::string& name) {
  const auto start = name.find_first_not_of(' ');
  if (start == std::string::npos) return "";
  return name.substr(start, name.find(' ', start) - start);
}

std::vector<PatientOption> options_of(const std::vector<Patient>& patients) {
  std::vector<PatientOption> out;
  out.reserve(patients.size());
  for (const Patient& p : patients) out.push_back({p.id, first_word(p.name_fa), first_word(p.name_latin), p.mrn});
  return out;
}

}  // namespace

void Auth::request_code(const std::string& mobile_text, const std::string& address) {
  const std::string mobile = normalise_mobile(mobile_text);
  const std::string where = token_hash("address\n" + address_key(address));
  const std::string now = clock_.now_iso();
  std::vector<std::int64_t> ids;
  std::string code;
  store_.write([&](store::Transaction& tx) {
    // Counted whether or not a patient has the number, so a refusal tells nothing either.
    check_budget(tx, "requested", mobile, where, policy_.codes_requested, policy_.code_window_ms, clock_, "mobile",
                 "too_many_codes_asked"_err);
    tx.prune_code_events(iso_after(clock_, -std::max(policy_.code_window_ms, policy_.guess_alert.window_ms)));
    tx.prune_login_codes(now);
    tx.insert_code_event({"requested", mobile, where, now});
    const auto patients = patients_with_mobile(tx, mobile);
    if (patients.empty()) {
      tx.append_audit(
          audit_entry(clock_, portal_visitor(), "", "auth.code_requested", "mobile", "", "no patient has this number"));
      return;
    }
    code = random_code();
    // One live code per number: this one replaces any other, and its wrong count.
    tx.put_login_code({mobile, code_hash(mobile, code), now, iso_after(clock_, policy_.code_ms), "", 0, "", ""});
    for (const Patient& p : patients) {
      tx.append_audit(
          audit_entry(clock_, portal_visitor(), p.centre_id, "auth.code_sent", "patient", std::to_string(p.id)));
      ids.push_back(p.id);
    }
  });
  if (!ids.empty()) sender_(ids, mobile, code);
}

PatientSignIn Auth::patient_login(const std::string& mobile_text, const std::string& code, const std::string& address) {
  const std::string mobile = normalise_mobile(mobile_text);
  const UnauthorizedError wrong("code", "wrong_code"_err);
  if (code.size() != 6 || !std::all_of(code.begin(), code.end(), [](char c) { return c >= '0' && c <= '9'; }))
    throw wrong;
  const std::string where = token_hash("address\n" + address_key(address));
  const std::string now = clock_.now_iso();
  PatientSignIn out;
  std::optional<NewSession> session;
  store_.write([&](store::Transaction& tx) {
    check_budget(tx, "wrong", mobile, where, policy_.wrong_codes, policy_.code_window_ms, clock_, "code",
                 "too_many_wrong_codes"_err);
    auto row = tx.find_login_code(mobile);
    const bool live = row && row->used_at.empty() && row->expires_at > now && row->wrong < policy_.code_attempts;
    const auto patients = patients_with_mobile(tx, mobile);
    if (live && !patients.empty() && same_hash(row->code_hash, code_hash(mobile, code))) {
      row->used_at = now;
      if (patients.size() == 1) {
        tx.put_login_code(*row);
        const Patient& p = patients.front();
        session = insert_session(tx, "patient", patient_actor(p.id, p.centre_id), std::nullopt, p.id,
                                 policy_.patient_session_ms);
        return;
      }
      // A shared number: who is signing in is asked now, and only now.
      PatientChoice choice{random_hex(16), options_of(patients), policy_.choice_ms / 1000};
      row->choice_hash = token_hash(choice.token);
      row->choice_expires_at = iso_after(clock_, policy_.choice_ms);
      tx.put_login_code(*row);
      for (const Patient& p : patients) {
        tx.append_audit(audit_entry(clock_, portal_visitor(), p.centre_id, "auth.code_accepted", "patient",
                                    std::to_string(p.id), "shared number: the patient is chosen next"));
      }
      out.choice = std::move(choice);
      return;
    }
    tx.insert_code_event({"wrong", mobile, where, now});
    if (live) {
      ++row->wrong;  // the live code ends after policy_.code_attempts of these
      tx.put_login_code(*row);
    }
    if (patients.empty()) tx.append_audit(audit_entry(clock_, portal_visitor(), "", "auth.code_wrong", "mobile", ""));
    for (const Patient& p : patients)
      tx.append_audit(
          audit_entry(clock_, portal_visitor(), p.centre_id, "auth.code_wrong", "patient", std::to_string(p.id)));
  });
  if (session) {
    remember(*session);
    out.login = session->login;
  }
  if (!out.login && !out.choice) throw wrong;
  return out;
}

Login Auth::choose_patient(const std::string& choice_token, std::int64_t patient_id) {
  const UnauthorizedError expired("choice", "choice_expired"_err);
  if (!is_hex_token(choice_token, 32)) throw expired;
  const std::string now = clock_.now_iso();
  NewSession session;
  store_.write([&](store::Transaction& tx) {
    auto row = tx.find_login_code_by_choice(token_hash(choice_token));
    if (!row || row->choice_expires_at <= now) throw expired;
    const auto patients = patients_with_mobile(tx, row->mobile);
    const auto chosen =
        std::find_if(patients.begin(), patients.end(), [&](const Patient& p) { return p.id == patient_id; });
    if (chosen == patients.end()) throw InputError("patient_id", "not_a_patient_of_this_mobile"_err);
    row->choice_hash.clear();  // used once
    row->choice_expires_at.clear();
    tx.put_login_code(*row);
    session = insert_session(tx, "patient", patient_actor(chosen->id, chosen->centre_id), std::nullopt, chosen->id,
                             policy_.patient_session_ms);
  });
  remember(session);
  return session.login;
}

}  // namespace rp::service
