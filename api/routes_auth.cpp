// Sign-in for staff (username + password) and patients (mobile + one-time code).
#include "api/contract/auth.hpp"
#include "api/http/client_address.hpp"
#include "api/http/json_body.hpp"
#include "api/routes.hpp"
#include "base/digits.hpp"

namespace rp::api {
namespace {

using http::Call;
using http::Response;

// The session cookie is invisible to scripts; the CSRF cookie is readable so the web
// app can echo it in X-CSRF-Token.
void set_session_cookies(Response& r, const service::Login& login, bool tls) {
  const std::string attrs =
      "; Path=/; SameSite=Strict; Max-Age=" + std::to_string(login.expires_in_s) + (tls ? "; Secure" : "");
  r.headers.emplace_back("Set-Cookie", std::string("rp_session=") + login.token + "; HttpOnly" + attrs);
  r.headers.emplace_back("Set-Cookie", std::string("rp_csrf=") + login.principal.csrf + attrs);
}

contract::Session whoami(const service::Principal& p, std::int64_t expires_in_s) {
  contract::Session s{p.actor.user,       std::string(service::to_string(p.actor.role)),
                      p.actor.centre,     p.csrf,
                      p.actor.patient_id, std::nullopt};
  if (expires_in_s) s.expires_in = expires_in_s;
  return s;
}

// The one-time code as the patient typed it: six digits in any script (a Persian phone
// keyboard types ۱۲۳۴۵۶), perhaps in groups with spaces.
std::string typed_code(const std::string& text) {
  std::string out;
  for (const char c : ascii_digits(text, "code"))
    if (c != ' ') out.push_back(c);
  return out;
}

contract::PatientChoice choice_of(const service::PatientChoice& choice) {
  contract::PatientChoice out{choice.token, {}, choice.expires_in_s};
  for (const auto& p : choice.patients)
    out.patients.push_back({p.patient_id, p.first_name_fa, p.first_name_latin, p.mrn});
  return out;
}

// A session opened: who is signed in, with the cookies. Never compressed (the CSRF token).
Response signed_in_response(const service::Login& login, bool tls) {
  Response res = ok(http::encode(whoami(login.principal, login.expires_in_s)));
  res.carries_secret = true;
  set_session_cookies(res, login, tls);
  return res;
}

}  // namespace

void add_auth_routes(http::Router& r, Services& s) {
  r.add({"POST",
         "/api/v1/auth/login",
         "Staff sign-in: sets the session cookie and returns the CSRF token. After a few failures the username "
         "at the client's address, and the address, must wait (429 with Retry-After), the wait doubling up to a "
         "cap; never a lock-out. Unknown usernames are answered exactly like known ones",
         http::kPublic,
         {},
         "{username, password}",
         false,
         false,
         http::answering<contract::Session>([&s](Call& c, const contract::StaffLogin& in) {
           const auto login =
               s.auth.login(in.username, in.password, http::client_address(c.request, s.trusted_proxies));
           return signed_in_response(login, s.tls);
         })});
  r.add({"POST",
         "/api/v1/auth/logout",
         "Ends the session",
         service::Permission::session_own,
         {},
         "",
         false,
         false,
         http::answering<contract::SignedOut>([&s](Call& c) {
           s.auth.logout(http::cookie_value(c.request.cookie, "rp_session"));
           // The session's live event streams end now, not at their next heartbeat.
           if (s.event_streams && c.principal) s.event_streams->end_session(c.principal->token_hash);
           Response res = ok(http::encode(contract::SignedOut{}));
           res.headers.emplace_back("Set-Cookie", "rp_session=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict");
           res.headers.emplace_back("Set-Cookie", "rp_csrf=; Path=/; Max-Age=0; SameSite=Strict");
           return res;
         })});
  r.add({"GET",
         "/api/v1/auth/me",
         "Who is signed in, with the CSRF token",
         service::Permission::session_own,
         {},
         "",
         false,
         false,
         http::answering<contract::Session>([](Call& c) {
           Response res = ok(http::encode(whoami(*c.principal, 0)));
           res.carries_secret = true;
           return res;
         })});
  r.add({"POST",
         "/api/v1/patient-auth/code",
         "Sends a one-time code to the mobile number of a registered patient, replacing the number's live code. "
         "Answers the same whether or not the number is known; 429 with Retry-After when the number, the client's "
         "address or everyone asked for too many codes within the hour",
         http::kPublic,
         {},
         "{mobile}",
         false,
         false,
         [&s](Call& c, const contract::CodeRequest& in) {
           s.auth.request_code(in.mobile, http::client_address(c.request, s.trusted_proxies));
           return http::Accepted<contract::CodeSent>{};
         }});
  r.add({"POST",
         "/api/v1/patient-auth/login",
         "Patient sign-in with mobile number and one-time code (six digits, Latin, Persian or Arabic-Indic). On a "
         "number several patients share, the right code answers {choose_patient: {choice, patients: [{patient_id, "
         "first_name_fa, first_name_latin, mrn}], expires_in}} instead of a session: the person picks who they are "
         "with POST /api/v1/patient-auth/choose. 429 with Retry-After when the number, the client's address or "
         "everyone typed too many wrong codes within the hour",
         http::kPublic,
         {},
         "{mobile, code}",
         false,
         false,
         http::answering<contract::PatientSignIn>([&s](Call& c, const contract::PatientLogin& in) {
           const auto signed_in =
               s.auth.patient_login(in.mobile, typed_code(in.code), http::client_address(c.request, s.trusted_proxies));
           if (signed_in.choice) {
             contract::PatientSignIn choosing;
             choosing.choose_patient = choice_of(*signed_in.choice);
             Response res = ok(http::encode(choosing));
             res.carries_secret = true;
             return res;
           }
           return signed_in_response(*signed_in.login, s.tls);
         })});
  r.add({"POST",
         "/api/v1/patient-auth/choose",
         "After the right code on a shared number: signs in as the patient picked from the offered list, with "
         "the choice token (single use, a few minutes)",
         http::kPublic,
         {},
         "{choice, patient_id}",
         false,
         false,
         http::answering<contract::Session>([&s](Call&, const contract::ChoosePatient& in) {
           return signed_in_response(s.auth.choose_patient(in.choice, in.patient_id), s.tls);
         })});
}

}  // namespace rp::api
