// Protocols, read-only: the versions in the data directory and each one's parsed form
// beside the YAML text it came from, for the admin's protocol view.
#include "api/contract/protocols.hpp"
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
           std::vector<contract::ProtocolSummaryOut> out;
           for (const auto& name : service::protocol_names())
             out.push_back(contract::protocol_summary_out(*service::load_protocol(name)));
           return out;
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
           return contract::protocol_out(*service::load_protocol(id), std::move(yaml));
         }});
}

}  // namespace rp::api
