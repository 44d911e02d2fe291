// `regenpath rating list|moderate`: the centre's ratings and the moderation of their
// comments, as the operator (issue 19, service/ratings.hpp). Patients rate on the portal
// only: no command gives a rating.
#include "api/contract/ratings.hpp"
#include "api/http/contract.hpp"
#include "app/cli.hpp"
#include "app/store_options.hpp"
#include "base/clock.hpp"
#include "base/error.hpp"
#include "service/ratings.hpp"

namespace rp::app {

void add_rating_commands(CLI::App& app) {
  auto* rating = app.add_subcommand("rating", "Patients' ratings of their treatment: list, moderate comments");
  rating->require_subcommand(1);
  struct Args {
    std::string db = kDefaultDb, centre;
    bool pending = false, approve = false, reject = false;
    std::int64_t id = 0;
  };
  auto a = std::make_shared<Args>();

  auto* list = rating->add_subcommand("list", "The centre's ratings, the latest changed first (JSON)");
  add_db_option(list, a->db);
  list->add_option("--centre", a->centre, "the centre's id")->required();
  list->add_flag("--pending", a->pending, "only those whose comment waits for moderation");
  list->callback([a] {
    auto store = open_store(a->db);
    nlohmann::json out = nlohmann::json::array();
    for (const auto& r :
         service::Ratings(*store, Clock::system()).of_centre(service::Actor::cli_operator(), a->centre, a->pending))
      out.push_back(api::http::encode(api::contract::rating_out(r)));
    print_json(out);
  });

  auto* moderate = rating->add_subcommand("moderate", "Approves (the public sees it) or rejects a rating's comment");
  add_db_option(moderate, a->db);
  moderate->add_option("id", a->id, "the rating's id")->required();
  auto* approve = moderate->add_flag("--approve", a->approve, "show the comment to the public");
  auto* reject = moderate->add_flag("--reject", a->reject, "keep the comment from the public");
  approve->excludes(reject);
  moderate->callback([a] {
    if (!a->approve && !a->reject) throw InputError("decision", "unknown_moderation_decision"_err);
    auto store = open_store(a->db);
    print_json(api::http::encode(api::contract::rating_out(
        service::Ratings(*store, Clock::system()).moderate(service::Actor::cli_operator(), a->id, a->approve))));
  });
}

}  // namespace rp::app
