// `regenpath consent-document list|save|publish`: a centre's informed-consent documents, as
// the operator (issue 21, service/consent_documents.hpp); the API does the same.
//
//   regenpath consent-document save --centre tehran-1 --kind treatment --file treatment.json
//       (the file: the API's body, {protocol?, title_en, title_fa, sections, questions})
//   regenpath consent-document publish --centre tehran-1 --kind treatment --version 2
//   regenpath consent-document list --centre tehran-1
//
// JSON on stdout as the API answers it.
#include <nlohmann/json.hpp>

#include "api/contract/consent_documents.hpp"
#include "app/cli.hpp"
#include "app/store_options.hpp"
#include "base/error.hpp"

namespace rp::app {
namespace {

struct ConsentArgs {
  std::string db = kDefaultDb, centre, kind, file, protocol = api::contract::kDefaultConsentProtocol;
  int version = 0;
};

api::contract::ConsentDocumentIn read_document(const std::string& path) {
  const std::string text = read_text(path, "file");
  nlohmann::json body;
  try {
    body = nlohmann::json::parse(text);
  } catch (const nlohmann::json::parse_error&) {
    throw InputError("file", "not_json"_err);
  }
  return api::http::decode<api::contract::ConsentDocumentIn>(body);
}

}  // namespace

void add_consent_document_commands(CLI::App& app) {
  auto* cmd = app.add_subcommand("consent-document", "A centre's informed-consent documents: list, save, publish");
  cmd->require_subcommand(1);
  auto a = std::make_shared<ConsentArgs>();

  auto* list = cmd->add_subcommand("list", "The centre's documents: each one's latest version (JSON)");
  add_db_option(list, a->db);
  list->add_option("--centre", a->centre, "the centre's id")->required();
  list->callback([a] {
    auto store = open_store(a->db);
    const Clock clock = Clock::system();
    api::contract::ConsentDocumentsOut out;
    for (const auto& st : service::ConsentDocuments(*store, clock).of_centre(service::Actor::cli_operator(), a->centre))
      out.documents.push_back(api::contract::consent_document_out(st.latest, st.published_version));
    print_json(api::http::encode(out));
  });

  auto* save = cmd->add_subcommand("save", "Writes a document from a JSON file: the draft, or the next version (JSON)");
  add_db_option(save, a->db);
  save->add_option("--centre", a->centre, "the centre's id")->required();
  save->add_option("--kind", a->kind, "treatment, registry or contact")->required();
  save->add_option("--file", a->file, "the document as the API takes it, or - for standard input")->required();
  save->callback([a] {
    const auto in = read_document(a->file);
    const auto kind = consent::parse_consent_kind(a->kind, "kind");
    auto store = open_store(a->db);
    const Clock clock = Clock::system();
    const auto saved =
        service::ConsentDocuments(*store, clock)
            .save(service::Actor::cli_operator(), api::contract::to_consent_document(in, a->centre, kind));
    print_json(api::http::encode(api::contract::consent_document_out(saved.latest, saved.published_version)));
  });

  auto* publish = cmd->add_subcommand("publish", "Publishes a document's latest version: patients sign it (JSON)");
  add_db_option(publish, a->db);
  publish->add_option("--centre", a->centre, "the centre's id")->required();
  publish->add_option("--kind", a->kind, "treatment, registry or contact")->required();
  publish->add_option("--protocol", a->protocol, "the protocol (default hip-msc-v1)");
  publish->add_option("--version", a->version, "its latest version, as last read")->required();
  publish->callback([a] {
    const auto kind = consent::parse_consent_kind(a->kind, "kind");
    auto store = open_store(a->db);
    const Clock clock = Clock::system();
    const auto d = service::ConsentDocuments(*store, clock)
                       .publish(service::Actor::cli_operator(), a->centre, a->protocol, kind, a->version);
    print_json(api::http::encode(api::contract::consent_document_out(d, d.version)));
  });
}

}  // namespace rp::app
