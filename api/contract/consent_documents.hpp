#pragma once
// A centre's informed-consent documents as its clinical staff write them and its admin
// publishes them (api/routes_consent_documents.cpp, service/consent_documents.hpp).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "api/contract/episodes.hpp"  // Texts
#include "api/http/contract.hpp"
#include "service/consent_documents.hpp"

namespace rp::api::contract {

using http::FieldRule;

struct ConsentSectionIO {
  static constexpr const char* kSchema = "ConsentSection";
  Texts heading, body;
  template <class V>
  static void fields(V& v) {
    v("heading", &ConsentSectionIO::heading, "one line in each language");
    v("body", &ConsentSectionIO::body,
      "paragraphs separated by blank lines; {{claim:ID}} where the centre's measured figure for a claim stands");
  }
};

struct ConsentQuestionIO {
  static constexpr const char* kSchema = "ConsentQuestion";
  Texts prompt;
  std::vector<Texts> options;
  std::int64_t correct = 0;
  template <class V>
  static void fields(V& v) {
    v("prompt", &ConsentQuestionIO::prompt, "the question, one line in each language");
    v("options", &ConsentQuestionIO::options, "2 to 6 answers to choose from", FieldRule{.max_items = 6});
    v("correct", &ConsentQuestionIO::correct, "the index of the right answer among options, from 0");
  }
};

struct ConsentDocumentIn {
  static constexpr const char* kSchema = "ConsentDocumentIn";
  std::optional<std::string> protocol;
  std::string title_en, title_fa;
  std::vector<ConsentSectionIO> sections;
  std::vector<ConsentQuestionIO> questions;
  template <class V>
  static void fields(V& v) {
    using D = ConsentDocumentIn;
    v("protocol", &D::protocol, "the protocol it is for; left out: hip-msc-v1", FieldRule{.max_bytes = 64});
    v("title_en", &D::title_en, "one line", FieldRule{.max_bytes = 300});
    v("title_fa", &D::title_fa, "one line", FieldRule{.max_bytes = 300});
    v("sections", &D::sections,
      "1 to 20: the procedure, the risks of harvest and injection, the alternatives, the costs, the use of data, "
      "whom to call",
      FieldRule{.max_items = 20});
    v("questions", &D::questions, "up to 10 comprehension questions the patient answers before signing; [] for none",
      FieldRule{.max_items = 10});
  }
};

struct ConsentDocumentOut {
  static constexpr const char* kSchema = "ConsentDocument";
  std::string centre, protocol, kind;
  std::int64_t version = 0;
  Texts title;
  std::vector<ConsentSectionIO> sections;
  std::vector<ConsentQuestionIO> questions;
  std::string written_by, written_at, published_by, published_at;
  std::optional<std::int64_t> published_version;
  template <class V>
  static void fields(V& v) {
    using D = ConsentDocumentOut;
    v("centre", &D::centre, "");
    v("protocol", &D::protocol, "");
    v("kind", &D::kind, "treatment, registry or contact: the consent it asks for");
    v("version", &D::version, "1 for the first; a save after publication writes the next");
    v("title", &D::title, "");
    v("sections", &D::sections, "");
    v("questions", &D::questions, "");
    v("written_by", &D::written_by, "");
    v("written_at", &D::written_at, "UTC");
    v("published_by", &D::published_by, "empty for a draft");
    v("published_at", &D::published_at, "UTC; empty: a draft");
    v("published_version", &D::published_version, "the version patients sign; null: never published");
  }
};

struct ConsentDocumentsOut {
  static constexpr const char* kSchema = "ConsentDocuments";
  std::vector<ConsentDocumentOut> documents;
  template <class V>
  static void fields(V& v) {
    v("documents", &ConsentDocumentsOut::documents, "each document's latest version, by protocol then kind");
  }
};

struct ConsentPublicationIn {
  static constexpr const char* kSchema = "ConsentDocumentPublication";
  std::optional<std::string> protocol;
  std::int64_t version = 0;
  template <class V>
  static void fields(V& v) {
    v("protocol", &ConsentPublicationIn::protocol, "left out: hip-msc-v1", FieldRule{.max_bytes = 64});
    v("version", &ConsentPublicationIn::version, "the document's latest version, as the editor last read it");
  }
};

inline constexpr const char* kDefaultConsentProtocol = "hip-msc-v1";

ConsentDocumentOut consent_document_out(const consent::Document& d, std::optional<int> published_version);
consent::Document to_consent_document(const ConsentDocumentIn& in, const std::string& centre,
                                      consent::ConsentKind kind);

}  // namespace rp::api::contract
