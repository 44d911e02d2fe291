#pragma once
// Signed consents (api/routes_consents.cpp, service/consent_signing.hpp): what a patient
// reads and signs in the portal, and what the clinic sees of it, countersigns and keeps.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "api/http/contract.hpp"
#include "service/consent_signing.hpp"

namespace rp::api::contract {

using http::FieldRule;

struct ShownBlockOut {
  static constexpr const char* kSchema = "ConsentShownBlock";
  std::string text;
  bool figure = false;
  template <class V>
  static void fields(V& v) {
    v("text", &ShownBlockOut::text, "a paragraph; a figure's lines are split by newlines");
    v("figure", &ShownBlockOut::figure,
      "true: regenpath wrote it (a claim, the centre's measured figure, the published evidence); false: the "
      "clinic's words");
  }
};

struct ShownSectionOut {
  static constexpr const char* kSchema = "ConsentShownSection";
  std::string heading;
  std::vector<ShownBlockOut> blocks;
  template <class V>
  static void fields(V& v) {
    v("heading", &ShownSectionOut::heading, "");
    v("blocks", &ShownSectionOut::blocks, "");
  }
};

struct ShownQuestionOut {
  static constexpr const char* kSchema = "ConsentShownQuestion";
  std::string prompt;
  std::vector<std::string> options;
  template <class V>
  static void fields(V& v) {
    v("prompt", &ShownQuestionOut::prompt, "");
    v("options", &ShownQuestionOut::options, "answered by index, from 0");
  }
};

struct SignedConsentOut {
  static constexpr const char* kSchema = "SignedConsent";
  std::int64_t id = 0, patient = 0, version = 0;
  std::optional<std::int64_t> episode;
  std::string kind, protocol, language, signed_name, signed_at, pdf_sha256;
  std::string witness_by, witness_role, witnessed_at, withdrawn_at, withdrawn_by, withdrawal_reason;
  bool standing = false, drawn = false;
  template <class V>
  static void fields(V& v) {
    using S = SignedConsentOut;
    v("id", &S::id, "");
    v("patient", &S::patient, "");
    v("episode", &S::episode, "a treatment consent's episode; null for the registry and contact");
    v("kind", &S::kind, "treatment, registry or contact");
    v("protocol", &S::protocol, "");
    v("version", &S::version, "the document's version signed");
    v("language", &S::language, "en or fa: the copy the patient read");
    v("signed_name", &S::signed_name, "the name the patient typed");
    v("signed_at", &S::signed_at, "UTC");
    v("pdf_sha256", &S::pdf_sha256,
      "SHA-256 of the signed copy's PDF as kept now, in hex: the audit row of its signing or countersigning "
      "carries the same");
    v("witness_by", &S::witness_by, "who countersigned; empty: not yet");
    v("witness_role", &S::witness_role, "");
    v("witnessed_at", &S::witnessed_at, "UTC; empty: not yet");
    v("withdrawn_at", &S::withdrawn_at, "UTC; empty: it stands");
    v("withdrawn_by", &S::withdrawn_by, "");
    v("withdrawal_reason", &S::withdrawal_reason, "");
    v("standing", &S::standing, "not withdrawn");
    v("drawn", &S::drawn, "signed with a drawing; false: with the typed name alone (typed_only)");
  }
};

struct ConsentToReadOut {
  static constexpr const char* kSchema = "ConsentToRead";
  std::string kind, protocol, title, figures_as_of;
  std::int64_t version = 0;
  std::optional<std::int64_t> episode;
  std::vector<ShownSectionOut> sections;
  std::vector<ShownQuestionOut> questions;
  std::optional<SignedConsentOut> signed_copy;
  template <class V>
  static void fields(V& v) {
    using C = ConsentToReadOut;
    v("kind", &C::kind, "treatment, registry or contact");
    v("protocol", &C::protocol, "");
    v("version", &C::version, "the version published now: the one signed");
    v("episode", &C::episode, "a treatment consent's episode (one per hip); null for the registry and contact");
    v("title", &C::title, "");
    v("figures_as_of", &C::figures_as_of, "UTC instant of the data the figures rest on");
    v("sections", &C::sections,
      "the clinic's sections, each embedded claim filled with the centre's figure and the published evidence, "
      "then every claim of the protocol so");
    v("questions", &C::questions, "to answer before signing");
    v("signed", &C::signed_copy, "the patient's standing signature of this version; null: not signed");
  }
};

struct ConsentsOut {
  static constexpr const char* kSchema = "PatientConsents";
  std::vector<ConsentToReadOut> documents;
  std::vector<SignedConsentOut> signatures;
  template <class V>
  static void fields(V& v) {
    v("documents", &ConsentsOut::documents, "what the centre asks the patient to read and sign, in the language asked");
    v("signatures", &ConsentsOut::signatures, "every consent the patient signed, withdrawn ones too, by id");
  }
};

struct ConsentAnswerIn {
  static constexpr const char* kSchema = "ConsentAnswer";
  std::int64_t option = 0;
  template <class V>
  static void fields(V& v) {
    v("option", &ConsentAnswerIn::option, "the index of the option chosen, from 0");
  }
};

struct ConsentSigningIn {
  static constexpr const char* kSchema = "ConsentSigning";
  std::optional<std::int64_t> episode;
  std::string language, name;
  std::optional<std::string> signature;
  bool typed_only = false;
  std::vector<ConsentAnswerIn> answers;
  template <class V>
  static void fields(V& v) {
    using C = ConsentSigningIn;
    v("episode", &C::episode, "required for a treatment consent: the episode (hip) it is for");
    v("language", &C::language, "en or fa: the copy read, which the signed PDF is drawn in", FieldRule{.max_bytes = 8});
    v("answers", &C::answers, "one per question, in order", FieldRule{.max_items = 10});
    v("name", &C::name, "the patient's name as they type it", FieldRule{.max_bytes = 200});
    v("signature", &C::signature,
      "the drawn strokes: points as 'x y' in the pad's unit square (x across, y down, the pad three times as wide "
      "as high), split by ',', strokes by ';'; left out with typed_only",
      FieldRule{.max_bytes = 80000});
    v("typed_only", &C::typed_only,
      "true: the patient cannot draw, and the typed name is the signature (the clinic's witness countersigns it as "
      "any); false or left out: a drawn signature is required");
  }
};

struct ConsentWithdrawalIn {
  static constexpr const char* kSchema = "ConsentWithdrawal";
  std::string reason;
  template <class V>
  static void fields(V& v) {
    v("reason", &ConsentWithdrawalIn::reason, "why, as the patient says it", FieldRule{.max_bytes = 500});
  }
};

SignedConsentOut signed_consent_out(const consent::SignedConsent& s);
ConsentToReadOut consent_to_read_out(const service::ConsentToRead& r);
consent::Signing to_signing(const ConsentSigningIn& in);

}  // namespace rp::api::contract
