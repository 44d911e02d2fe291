#pragma once
// Sign-in requests and answers (api/routes_auth.cpp).
#include <optional>
#include <string>
#include <vector>

#include "api/http/contract.hpp"

namespace rp::api::contract {

using http::FieldRule;

struct StaffLogin {
  static constexpr const char* kSchema = "StaffLogin";
  std::string username, password;
  template <class V>
  static void fields(V& v) {
    v("username", &StaffLogin::username, "", FieldRule{.max_bytes = 64});
    v("password", &StaffLogin::password, "", FieldRule{.max_bytes = 128});
  }
};

// Who is signed in.
struct Session {
  static constexpr const char* kSchema = "Session";
  std::string user, role, centre, csrf_token;
  std::optional<std::int64_t> patient_id, expires_in;
  template <class V>
  static void fields(V& v) {
    v("user", &Session::user, "the account, or the patient's portal name");
    v("role", &Session::role, "", FieldRule{.ref = "Role"});
    v("centre", &Session::centre, "the centre's id");
    v("csrf_token", &Session::csrf_token, "send it back as X-CSRF-Token on every state-changing request");
    v("patient_id", &Session::patient_id, "a patient's own record (the portal)", FieldRule{.omit_when_empty = true});
    v("expires_in", &Session::expires_in, "seconds the new session lasts (sign-in only)",
      FieldRule{.omit_when_empty = true});
  }
};

struct SignedOut {
  static constexpr const char* kSchema = "SignedOut";
  bool signed_out = true;
  template <class V>
  static void fields(V& v) {
    v("signed_out", &SignedOut::signed_out, "");
  }
};

struct CodeRequest {
  static constexpr const char* kSchema = "CodeRequest";
  std::string mobile;
  template <class V>
  static void fields(V& v) {
    v("mobile", &CodeRequest::mobile, "the registered mobile number, any digits", FieldRule{.max_bytes = 32});
  }
};

struct CodeSent {
  static constexpr const char* kSchema = "CodeSent";
  bool sent = true;
  template <class V>
  static void fields(V& v) {
    v("sent", &CodeSent::sent, "always true: unknown numbers are answered alike");
  }
};

struct PatientLogin {
  static constexpr const char* kSchema = "PatientLogin";
  std::string mobile, code;
  template <class V>
  static void fields(V& v) {
    v("mobile", &PatientLogin::mobile, "", FieldRule{.max_bytes = 32});
    v("code", &PatientLogin::code, "six digits, Latin, Persian or Arabic-Indic, spaces allowed",
      FieldRule{.max_bytes = 64});
  }
};

struct OfferedPatient {
  static constexpr const char* kSchema = "OfferedPatient";
  std::int64_t patient_id = 0;
  std::string first_name_fa, first_name_latin, mrn;
  template <class V>
  static void fields(V& v) {
    v("patient_id", &OfferedPatient::patient_id, "");
    v("first_name_fa", &OfferedPatient::first_name_fa, "");
    v("first_name_latin", &OfferedPatient::first_name_latin, "");
    v("mrn", &OfferedPatient::mrn, "");
  }
};

struct PatientChoice {
  static constexpr const char* kSchema = "PatientChoice";
  std::string choice;
  std::vector<OfferedPatient> patients;
  std::int64_t expires_in = 0;
  template <class V>
  static void fields(V& v) {
    v("choice", &PatientChoice::choice, "the token to send to /api/v1/patient-auth/choose");
    v("patients", &PatientChoice::patients, "");
    v("expires_in", &PatientChoice::expires_in, "seconds");
  }
};

// A session (the Session fields), or, on a number several patients share, the choice.
struct PatientSignIn {
  static constexpr const char* kSchema = "PatientSignIn";
  std::optional<std::string> user, role, centre, csrf_token;
  std::optional<std::int64_t> patient_id, expires_in;
  std::optional<PatientChoice> choose_patient;
  template <class V>
  static void fields(V& v) {
    const FieldRule left_out{.omit_when_empty = true};
    v("user", &PatientSignIn::user, "", left_out);
    v("role", &PatientSignIn::role, "", FieldRule{.omit_when_empty = true, .ref = "Role"});
    v("centre", &PatientSignIn::centre, "", left_out);
    v("csrf_token", &PatientSignIn::csrf_token, "", left_out);
    v("patient_id", &PatientSignIn::patient_id, "", left_out);
    v("expires_in", &PatientSignIn::expires_in, "", left_out);
    v("choose_patient", &PatientSignIn::choose_patient, "instead of a session: pick who you are", left_out);
  }
};

struct ChoosePatient {
  static constexpr const char* kSchema = "ChoosePatient";
  std::string choice;
  std::int64_t patient_id = 0;
  template <class V>
  static void fields(V& v) {
    v("choice", &ChoosePatient::choice, "", FieldRule{.max_bytes = 64});
    v("patient_id", &ChoosePatient::patient_id, "");
  }
};

}  // namespace rp::api::contract
