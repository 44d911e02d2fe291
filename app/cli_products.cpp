// product sub-commands: a clinic's cell products as scripts and checks read them, the
// bedside check (recorded in the audit, exit 2 with the verdict's code when refused) and
// a product's chain of custody.
#include "api/product_json.hpp"
#include "app/cli.hpp"
#include "app/store_options.hpp"
#include "base/error.hpp"

namespace rp::app {
namespace {

struct ProductOptions {
  std::string db = kDefaultDb;
  std::string state, din, mrn, location, by;
  int limit = 500;
};

service::Actor actor_of(const ProductOptions& o) {
  service::Actor a = service::Actor::cli_operator();
  if (!o.by.empty()) a.user = "cli:" + o.by;
  return a;
}

}  // namespace

void add_product_commands(CLI::App& app) {
  auto* product = app.add_subcommand("product", "Cell products: list, the bedside check, the chain of custody");
  product->require_subcommand(1);
  auto o = std::make_shared<ProductOptions>();

  auto* list = product->add_subcommand("list", "Products, optionally in one state (JSON array)");
  add_db_option(list, o->db);
  list->add_option("--state", o->state,
                   "received, processing, qc_pending, awaiting_release, released, quarantined, used, discarded or "
                   "expired");
  list->add_option("--limit", o->limit, "at most this many, 1-5000")->capture_default_str();
  list->callback([o] {
    std::optional<product::State> state;
    if (!o->state.empty()) state = product::parse_state(o->state, "state");
    if (o->limit < 1 || o->limit > 5000)
      throw InputError("limit", "not_one_of"_err, {{"value", o->limit}, {"allowed", "1-5000"}});
    auto store = open_store(o->db);
    nlohmann::json out = nlohmann::json::array();
    for (const auto& l : service::Products(*store, Clock::system()).list(actor_of(*o), state, o->limit))
      out.push_back(api::listed_product_json(l));
    print_json(out);
  });

  auto* verify = product->add_subcommand(
      "verify", "The bedside check: the product's DIN beside the patient's wristband (record number)");
  add_db_option(verify, o->db);
  verify->add_option("--din", o->din, "the DIN as typed (with its check character) or scanned")->required();
  verify->add_option("--mrn", o->mrn, "the record number on the patient's wristband")->required();
  verify->add_option("--location", o->location, "where the check is made");
  verify->add_option("--by", o->by, "the clinician checking, for the audit row");
  verify->callback([o] {
    auto store = open_store(o->db);
    const auto c = service::Products(*store, Clock::system()).verify(actor_of(*o), o->din, o->mrn, o->location);
    if (c.verdict != product::Verdict::ok)
      throw ConflictError(c.verdict == product::Verdict::wrong_patient ? "mrn" : "din",
                          ErrorCode{to_string(c.verdict)});
    print_json({{"verdict", "ok"},
                {"din", api::product_json(c.product)["din"]},
                {"state", std::string(to_string(c.product.state))},
                {"expires_at", c.product.expires_at},
                {"patient", {{"id", c.patient.id}, {"mrn", c.patient.mrn}}}});
  });

  auto* trace = product->add_subcommand("trace", "A product's chain of custody, in order (JSON)");
  add_db_option(trace, o->db);
  trace->add_option("DIN", o->din, "the DIN as typed or scanned")->required();
  trace->callback([o] {
    auto store = open_store(o->db);
    print_json(api::trace_json(service::Products(*store, Clock::system()).trace(actor_of(*o), o->din)));
  });

  add_product_label_command(product);
}

}  // namespace rp::app
