// Protocols, read-only: the versions in the data directory and each one's parsed form
// beside the YAML text it came from, for the admin's protocol view.
#include "api/json_pathway.hpp"
#include "api/routes.hpp"
#include "service/protocols.hpp"

namespace rp::api {

void add_protocol_routes(http::Router& r, Services&) {
  r.add({"GET",
         "/api/v1/protocols",
         "The treatment protocols in the data directory: id, version, joint and title",
         service::Permission::protocol_read,
         {},
         "",
         false,
         false,
         [](http::Call&) {
           nlohmann::json out = nlohmann::json::array();
           for (const auto& name : service::protocol_names()) {
             const auto p = service::load_protocol(name);
             out.push_back({{"id", p->id}, {"version", p->version}, {"joint", p->joint}, {"title", to_json(p->title)}});
           }
           return ok(out);
         }});
  r.add({"GET",
         "/api/v1/protocols/{protocol_id}",
         "One protocol: its parsed anchors, eligibility rules and items, and the YAML text of its file",
         service::Permission::protocol_read,
         {},
         "",
         false,
         false,
         [](http::Call& c) {
           const std::string& id = c.request.params.at("protocol_id");
           std::string yaml = service::protocol_source(id);  // checks the name before anything is parsed
           nlohmann::json j = to_json(*service::load_protocol(id));
           j["yaml"] = std::move(yaml);
           return ok(j);
         }});
}

}  // namespace rp::api
