// `regenpath evidence list|import|withdraw`: the published evidence kept beside the claims,
// as the operator (issue 21, service/evidence.hpp); the clinical lead's screen and the API
// do the same.
//
//   regenpath evidence list --protocol hip-msc-v1
//   regenpath evidence import --file claims/seed-evidence.yaml   (or - for stdin)
//   regenpath evidence withdraw --id miles-2023 --reason "superseded by its 24-month report"
//
// JSON on stdout as the API answers it. An import writes every entry of the file or none.
#include "api/contract/evidence.hpp"
#include "app/cli.hpp"
#include "app/store_options.hpp"
#include "service/evidence.hpp"

namespace rp::app {
namespace {

struct EvidenceArgs {
  std::string db = kDefaultDb;
  std::string protocol, file, id, reason;
};

}  // namespace

void add_evidence_commands(CLI::App& app) {
  auto* evidence =
      app.add_subcommand("evidence", "The published evidence kept beside the claims: list, import, withdraw");
  evidence->require_subcommand(1);
  auto a = std::make_shared<EvidenceArgs>();

  auto* list = evidence->add_subcommand("list", "A protocol's standing entries and each claim's support (JSON)");
  add_db_option(list, a->db);
  list->add_option("--protocol", a->protocol, "the protocol's id")->required();
  list->callback([a] {
    auto store = open_store(a->db);
    const Clock clock = Clock::system();
    print_json(api::http::encode(
        api::contract::evidence_list_out(service::Evidence(*store, clock).of_protocol(a->protocol, false))));
  });

  auto* import = evidence->add_subcommand(
      "import", "Writes every entry of a file (evidence: [...]) or none when one is bad (JSON: how many changed)");
  add_db_option(import, a->db);
  import->add_option("--file", a->file, "the YAML file, or - for standard input")->required();
  import->callback([a] {
    const std::string text = read_text(a->file, "file");
  auto entries = evidence::parse_entries(text, a->file);
  auto store = open_store(a->db);
  const Clock clock = Clock::system();
  const int written = service::Evidence(*store, clock).import(service::Actor::cli_operator(), std::move(entries));
  print_json({{"written", written}});
});

auto* withdraw = evidence->add_subcommand("withdraw", "Withdraws an entry with why: kept, no longer shown (JSON)");
add_db_option(withdraw, a->db);
withdraw->add_option("--id", a->id, "the entry's id")->required();
withdraw->add_option("--reason", a->reason, "why it no longer stands")->required();
withdraw->callback([a] {
  auto store = open_store(a->db);
  const Clock clock = Clock::system();
  print_json(api::http::encode(api::contract::evidence_out(
      service::Evidence(*store, clock).withdraw(service::Actor::cli_operator(), a->id, a->reason))));
});
}  // namespace rp::app

}  // namespace rp::app
