// `regenpath consent list|pdf|countersign|withdraw`: patients' signed consents, as the
// operator (issue 21, service/consent_signing.hpp); the API does the same. Patients sign
// in the portal only: a signature is theirs to draw.
//
//   regenpath consent list --patient 12
//   regenpath consent pdf 7 --out consent-7.pdf
//   regenpath consent countersign 7 --by dr.karimi
//   regenpath consent withdraw 7 --reason "the patient called to withdraw" --by coordinator.a
//   regenpath consent verify 7 --file consent-7.pdf    (exit 3: not the copy signed, or the log tampered)
//
// JSON on stdout as the API answers it; the PDF to the file named.
#include <fstream>

#include "api/contract/consent_signatures.hpp"
#include "api/labels/consent_sheet.hpp"
#include "app/cli.hpp"
#include "app/store_options.hpp"
#include "base/error.hpp"

namespace rp::app {
namespace {

struct SignedConsentArgs {
  std::string db = kDefaultDb, out, by, reason, file;
  std::int64_t patient = 0, signature = 0;
};

service::Actor signing_actor(const SignedConsentArgs& a) {
  service::Actor actor = service::Actor::cli_operator();
  if (!a.by.empty()) actor.user = "cli:" + a.by;
  return actor;
}

template <class F>
void with_signing(const SignedConsentArgs& a, F&& f) {
  auto store = open_store(a.db);
  const Clock clock = Clock::system();
  service::ConsentSigning signing(*store, clock, nullptr, labels::consent_pdf);
  f(signing, signing_actor(a));
}

}  // namespace

void add_consent_commands(CLI::App& app) {
  auto* cmd = app.add_subcommand("consent", "Patients' signed consents: list, pdf, countersign, withdraw");
  cmd->require_subcommand(1);
  auto a = std::make_shared<SignedConsentArgs>();

  auto* list = cmd->add_subcommand("list", "A patient's signed consents, withdrawn ones too (JSON)");
  add_db_option(list, a->db);
  list->add_option("--patient", a->patient, "the patient's id")->required();
  list->callback([a] {
    with_signing(*a, [&](service::ConsentSigning& s, const service::Actor& actor) {
      std::vector<api::contract::SignedConsentOut> out;
      for (const auto& x : s.of_patient(actor, a->patient)) out.push_back(api::contract::signed_consent_out(x));
      print_json(api::http::encode(out));
    });
  });

  auto* pdf = cmd->add_subcommand("pdf", "Writes a signed copy as kept to a file; prints its SHA-256 (JSON)");
  add_db_option(pdf, a->db);
  pdf->add_option("SIGNATURE", a->signature, "the signed consent's id")->required();
  pdf->add_option("--out", a->out, "the file to write")->required();
  pdf->add_option("--by", a->by, "who reads it, for the audit row");
  pdf->callback([a] {
    with_signing(*a, [&](service::ConsentSigning& s, const service::Actor& actor) {
      const auto copy = s.signed_copy(actor, a->signature);
      std::ofstream file(a->out, std::ios::binary);
      if (!(file << copy.pdf)) throw InputError("out", "cannot_write_file"_err, {{"path", a->out}});
      print_json({{"file", a->out}, {"pdf_sha256", copy.pdf_sha256}, {"bytes", copy.pdf.size()}});
    });
  });

  auto* countersign = cmd->add_subcommand("countersign", "A witness countersigns a signed consent (JSON)");
  add_db_option(countersign, a->db);
  countersign->add_option("SIGNATURE", a->signature, "the signed consent's id")->required();
  countersign->add_option("--by", a->by, "the witness, as drawn on the copy and in the audit row")->required();
  countersign->callback([a] {
    with_signing(*a, [&](service::ConsentSigning& s, const service::Actor& actor) {
      print_json(api::http::encode(api::contract::signed_consent_out(s.countersign(actor, a->signature))));
    });
  });

  auto* verify = cmd->add_subcommand(
      "verify",
      "Checks a copy against the audit chain: the row that signed it with that hash, the chain intact (JSON)");
  add_db_option(verify, a->db);
  verify->add_option("SIGNATURE", a->signature, "the signed consent's id")->required();
  verify->add_option("--file", a->file, "the PDF to check")->required();
  verify->callback([a] {
    const std::string bytes = read_text(a->file, "file");
    with_signing(*a, [&](service::ConsentSigning& s, const service::Actor& actor) {
      const auto check = s.check_copy(actor, a->signature, bytes);
      nlohmann::json out{{"pdf_sha256", check.pdf_sha256},
                         {"kept", check.kept},
                         {"verified", check.verified()},
                         {"chain", check.chain}};
      if (check.row)
        out["audit"] = {
            {"seq", check.row->seq}, {"action", check.row->action}, {"at", check.row->at}, {"actor", check.row->actor}};
      print_json(out);
      if (!check.verified())
        throw CommandVerdict(kExitTampered, check.row ? "the audit log shows tampering"
                                                      : "no audit row signed a copy with this SHA-256");
    });
  });

  auto* withdraw = cmd->add_subcommand("withdraw", "Records that the patient withdrew a consent, with why (JSON)");
  add_db_option(withdraw, a->db);
  withdraw->add_option("SIGNATURE", a->signature, "the signed consent's id")->required();
  withdraw->add_option("--reason", a->reason, "why, as the patient said it")->required();
  withdraw->add_option("--by", a->by, "who took the call, for the audit row");
  withdraw->callback([a] {
    with_signing(*a, [&](service::ConsentSigning& s, const service::Actor& actor) {
      print_json(api::http::encode(api::contract::signed_consent_out(s.withdraw(actor, a->signature, a->reason))));
    });
  });
}

}  // namespace rp::app
