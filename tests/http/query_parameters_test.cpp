// The query parameters the OpenAPI document lists for an operation are exactly those its
// route reads. Both directions are checked on the running server, from the served
// document: a parameter the document does not list is refused (422 unknown_field naming
// it) on every operation, and a bad value of each listed parameter is refused naming that
// parameter, which only happens when the route reads it.
#include <gtest/gtest.h>

#include <set>

#include "http_test_support.hpp"
#include "service/accounts.hpp"
#include "service/actor.hpp"

namespace rp::test {
namespace {

std::string upper(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

// A path with its parameters filled with the seeded records of centre a.
std::string filled(std::string path, const Seeded& s) {
  const std::map<std::string, std::string> values{{"patient_id", std::to_string(s.patient_a)},
                                                  {"episode_id", std::to_string(s.episode_a)},
                                                  {"event_id", "1"},
                                                  {"account_id", "1"},
                                                  {"centre_id", "a"},
                                                  {"item_id", "visit-2w"},
                                                  {"token", std::string(32, '0')},
                                                  {"protocol_id", "hip-msc-v1"},
                                                  {"resource_type", "Observation"}};
  for (const auto& [name, value] : values)
    if (auto pos = path.find("{" + name + "}"); pos != std::string::npos) path.replace(pos, name.size() + 2, value);
  return path;
}

// Signed-in callers: a staff member of each role and a patient, all at centre a; and
// nobody, for the public operations.
struct Callers {
  std::map<std::string, Client> by_role;

  const Client& for_operation(const nlohmann::json& op) {
    if (!op.contains("x-permission")) return by_role.at("public");
    const auto permission = service::permission_named(op["x-permission"].get<std::string>());
    if (!permission) throw std::runtime_error("unknown permission");
    for (const auto& role : service::role_names_with(*permission))
      if (by_role.count(role)) return by_role.at(role);
    throw std::runtime_error("no caller may call it");
  }
};

Callers sign_in_all(int port, const std::string& log, const Seeded& seeded) {
  Callers c;
  for (auto role : service::kStaffRoles) {
    Client client{port};
    if (client.login(std::string(role) + ".a").status != 200) throw std::runtime_error("sign-in refused");
    c.by_role[std::string(role)] = client;
  }
  Client registry{port};
  if (registry.login("registry.ir").status != 200) throw std::runtime_error("sign-in refused");
  c.by_role["registry"] = registry;
  c.by_role["patient"] = patient_client(port, log, seeded.patient_a);
  c.by_role["public"] = Client{port};
  return c;
}

// A value the parameter's schema says is wrong, or one the route must look up (text of
// no set form: a kind, a role, a protocol).
std::string bad_value(const nlohmann::json& param, const nlohmann::json& components) {
  nlohmann::json schema = param.value("schema", nlohmann::json::object());
  if (schema.contains("$ref")) {
    const std::string ref = schema["$ref"];
    schema = components[ref.substr(ref.rfind('/') + 1)];
  }
  if (schema.contains("enum")) return "not-one-of-them";
  if (schema.value("type", "") == "integer") return "not-a-number";
  if (schema.value("format", "") == "date") return "2026-02-30";
  const std::string name = param["name"];
  if (name.size() > 7 && name.substr(name.size() - 7) == "_jalali") return "1404/13/40";
  if (schema.contains("maxLength")) return std::string(schema["maxLength"].get<std::size_t>() + 1, 'a');
  return "no-such-thing";
}

class QueryParameters : public ::testing::Test {
 protected:
  void SetUp() override {
    seeded_ = seed(db_);
    {
      // The licensing registry's account, made as `regenpath user add` makes it.
      auto store = store::open_sqlite(db_);
      service::Accounts accounts(*store, Clock::system());
      accounts.create(service::Actor::cli_operator(), "registry.ir", "registry", "a", kPassword);
    }
    server_ = std::make_unique<ServerProcess>(db_, std::vector<std::string>{}, dir_.file("log"));
    doc_ = Client{server_->port()}.get("/api/v1/openapi.json").json();
    ASSERT_TRUE(doc_.contains("paths"));
    callers_ = sign_in_all(server_->port(), dir_.file("log"), seeded_);
  }

  TempDir dir_;
  std::string db_ = dir_.file("query.db");
  Seeded seeded_;
  std::unique_ptr<ServerProcess> server_;
  nlohmann::json doc_;
  Callers callers_;
};

// A refusal's reason and field: the API's error body, or under /fhir/ the OperationOutcome's
// first issue (its details' code and its expression).
std::pair<std::string, std::string> reason_and_field(const Reply& r) {
  const nlohmann::json body = r.json();
  if (body.value("resourceType", "") == "OperationOutcome") {
    const nlohmann::json& issue = body.at("issue").at(0);
    const std::string reason =
        issue.contains("details") ? issue["details"]["coding"][0].value("code", "") : std::string();
    const std::string field = issue.contains("expression") ? issue["expression"][0].get<std::string>() : "";
    return {reason, field};
  }
  const nlohmann::json& e = body.at("error");
  return {e.value("reason", ""), e.value("field", "")};
}

TEST_F(QueryParameters, EveryOperationRefusesAParameterTheDocumentDoesNotList) {
  int operations = 0;
  for (const auto& [path, methods] : doc_["paths"].items()) {
    for (const auto& [method, op] : methods.items()) {
      // Logging out would end the session the other operations use; it is checked, refused.
      const Client& caller = callers_.for_operation(op);
      const std::string target = filled(path, seeded_) + "?not_listed=1";
      const Reply r = caller.call(upper(method), target);
      SCOPED_TRACE(upper(method) + " " + target + " -> " + std::to_string(r.status) + " " + r.body);
      ASSERT_EQ(r.status, 422);
      const auto [reason, field] = reason_and_field(r);
      EXPECT_EQ(reason, "unknown_field");
      EXPECT_EQ(field, "not_listed");
      ++operations;
    }
  }
  EXPECT_GE(operations, 60);
  // Nothing was done: the session that would have been ended still works.
  EXPECT_EQ(callers_.by_role.at("coordinator").get("/api/v1/worklist").status, 200);
}

TEST_F(QueryParameters, AParameterNotPrintableIsRefusedWithoutEchoingIt) {
  const Reply r = callers_.by_role.at("coordinator").get("/api/v1/patients?%FF%00x=1");
  ASSERT_EQ(r.status, 422);
  EXPECT_EQ(r.json()["error"]["reason"], "unknown_field");
  EXPECT_EQ(r.json()["error"]["field"], "query");
}

TEST_F(QueryParameters, EveryListedParameterIsRead) {
  // Listed parameters whose every value is taken: a shared secret, which a wrong one does
  // not match (401, sms_delivery_test.cpp) and no value is malformed.
  const std::set<std::string> takes_any_text{"/api/v1/messaging/sms-delivery token"};
  int parameters = 0;
  for (const auto& [path, methods] : doc_["paths"].items()) {
    for (const auto& [method, op] : methods.items()) {
      for (const auto& param : op.value("parameters", nlohmann::json::array())) {
        if (param["in"] != "query") continue;
        const std::string name = param["name"];
        if (takes_any_text.count(path + " " + name)) continue;
        const std::string value = bad_value(param, doc_["components"]["schemas"]);
        std::string target = filled(path, seeded_) + "?" + name + "=" + value;
        // A required parameter other than this one is given a good value.
        for (const auto& other : op["parameters"])
          if (other["in"] == "query" && other["name"] != name && other.value("required", false))
            target += "&" + other["name"].get<std::string>() + "=" + std::to_string(seeded_.patient_a);
        const Reply r = callers_.for_operation(op).call(upper(method), target);
        SCOPED_TRACE(upper(method) + " " + target + " -> " + std::to_string(r.status) + " " + r.body);
        // 422 for a bad value, 404 for an id or a record not found, 403 for a centre not the caller's.
        EXPECT_TRUE(r.status == 422 || r.status == 404 || r.status == 403);
        const auto [reason, field] = reason_and_field(r);
        const std::string base = name.substr(0, name.rfind("_jalali"));
        EXPECT_TRUE(field == name || field == base) << "the refusal names " << field;
        EXPECT_NE(reason, "unknown_field");
        ++parameters;
      }
    }
  }
  // patients 3, worklist 10, closed 5, audit 2 × 8, who-saw 1, outcomes 2.
  EXPECT_GE(parameters, 35);
}

}  // namespace
}  // namespace rp::test
