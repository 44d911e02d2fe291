// The served OpenAPI document is well formed for every route: each operation has an
// answer with a schema and its error answers with the error schema, every $ref resolves,
// every object schema requires only properties it has, the permission it names gives the
// roles it lists, and the enums of states and roles are there. Routes whose answer is
// not typed yet are listed here, so that the list can only shrink.
#include <gtest/gtest.h>

#include <set>

#include "http_test_support.hpp"
#include "service/actor.hpp"

namespace rp::test {
namespace {

// Every {"$ref": ...} under `node`, with where it was found.
void collect_refs(const nlohmann::json& node, const std::string& at,
                  std::vector<std::pair<std::string, std::string>>& out) {
  if (node.is_object()) {
    for (const auto& [key, value] : node.items()) {
      if (key == "$ref" && value.is_string()) out.emplace_back(value.get<std::string>(), at);
      collect_refs(value, at + "/" + key, out);
    }
  } else if (node.is_array()) {
    for (std::size_t i = 0; i < node.size(); ++i) collect_refs(node[i], at + "/" + std::to_string(i), out);
  }
}

nlohmann::json served_document() {
  TempDir dir;
  const std::string db = dir.file("doc.db");
  ServerProcess server(db, {}, dir.file("log"));
  return Client{server.port()}.get("/api/v1/openapi.json").json();
}

TEST(OpenApiDocument, EveryRefResolvesAndEveryObjectRequiresOnlyItsProperties) {
  const nlohmann::json doc = served_document();
  ASSERT_TRUE(doc.contains("components"));
  const nlohmann::json schemas = doc["components"]["schemas"];
  std::vector<std::pair<std::string, std::string>> refs;
  collect_refs(doc, "", refs);
  EXPECT_GT(refs.size(), 100U);
  const std::string prefix = "#/components/schemas/";
  for (const auto& [ref, at] : refs) {
    ASSERT_EQ(ref.rfind(prefix, 0), 0U) << ref << " at " << at;
    const std::string name = ref.substr(prefix.size());
    EXPECT_TRUE(schemas.contains(name)) << ref << " at " << at << " does not resolve";
  }
  for (const auto& [name, schema] : schemas.items()) {
    ASSERT_TRUE(schema.is_object()) << name;
    EXPECT_TRUE(schema.contains("type") || schema.contains("allOf")) << name;
    if (!schema.contains("required")) continue;
    for (const auto& field : schema["required"])
      EXPECT_TRUE(schema["properties"].contains(field.get<std::string>())) << name << " requires " << field;
  }
}

TEST(OpenApiDocument, EnumsOfStatesAndRolesAreListed) {
  const nlohmann::json doc = served_document();
  const nlohmann::json schemas = doc["components"]["schemas"];
  const auto states = schemas["EpisodeState"]["enum"].get<std::set<std::string>>();
  for (const EpisodeState s : all_episode_states())
    EXPECT_TRUE(states.count(std::string(to_string(s)))) << to_string(s);
  const auto roles = schemas["Role"]["enum"].get<std::set<std::string>>();
  for (const auto& role : service::all_roles()) EXPECT_TRUE(roles.count(role)) << role;
  EXPECT_TRUE(roles.count("patient"));
  EXPECT_TRUE(roles.count("registry"));
}

// A request's field the decoder lets a client leave out is not `required`: an optional
// (null reads as absent), a flag read as false. Every other field of the body is.
TEST(OpenApiDocument, ARequestRequiresOnlyTheFieldsItCannotDoWithout) {
  const nlohmann::json doc = served_document();
  const nlohmann::json schemas = doc["components"]["schemas"];
  const auto required = [&](const std::string& name) {
    return schemas[name].value("required", nlohmann::json::array()).get<std::set<std::string>>();
  };
  EXPECT_EQ(required("NewEpisode"), (std::set<std::string>{"protocol", "side", "diagnosis"}));
  EXPECT_EQ(required("DiagnosisIn"), std::set<std::string>{"code"});
  EXPECT_TRUE(required("AccountChange").empty());
  EXPECT_EQ(required("NewAccount"), (std::set<std::string>{"username", "role", "password"}));
  EXPECT_EQ(required("LicenceChange"), std::set<std::string>{"licence_status"});
  // No request body anywhere requires a field it also says may be null.
  for (const auto& [path, methods] : doc["paths"].items()) {
    for (const auto& [method, op] : methods.items()) {
      if (!op.contains("requestBody")) continue;
      const auto& schema = op["requestBody"]["content"]["application/json"]["schema"];
      if (!schema.contains("$ref")) continue;
      const std::string name = schema["$ref"].get<std::string>().substr(std::string("#/components/schemas/").size());
      for (const auto& field : required(name)) {
        const auto& property = schemas[name]["properties"][field];
        EXPECT_FALSE(property.value("nullable", false)) << method << " " << path << ": " << name << "." << field;
      }
    }
  }
  // An answer's null optional is present, and so required.
  EXPECT_TRUE(required("AuditVerification").count("first_broken_seq"));
  // who-saw documents the patient it asks about.
  const auto& params = doc["paths"]["/api/v1/audit/who-saw"]["get"]["parameters"];
  ASSERT_EQ(params.size(), 1U);
  EXPECT_EQ(params[0]["name"], "patient");
  EXPECT_EQ(params[0]["in"], "query");
  EXPECT_EQ(params[0]["required"], true);
}

TEST(OpenApiDocument, EveryOperationDocumentsItsAnswersAndWhoMayCallIt) {
  const nlohmann::json doc = served_document();
  int operations = 0, typed = 0;
  std::set<std::string> untyped;
  for (const auto& [path, methods] : doc["paths"].items()) {
    for (const auto& [method, op] : methods.items()) {
      ++operations;
      const std::string name = method + " " + path;
      SCOPED_TRACE(name);
      ASSERT_TRUE(op.contains("responses"));
      const auto& responses = op["responses"];
      // One success answer, with content and a schema.
      std::string success;
      for (const auto& [status, answer] : responses.items())
        if (status.size() == 3 && status[0] == '2') success = status;
      ASSERT_FALSE(success.empty()) << "no success answer";
      ASSERT_TRUE(responses[success].contains("content"));
      const auto& content = responses[success]["content"];
      // One media, or several a query parameter chooses between (a label as SVG or PDF).
      ASSERT_GE(content.size(), 1U);
      if (content.size() > 1) {
        EXPECT_TRUE(op.contains("parameters")) << "several media and nothing to choose one";
      }
      for (const auto& [media, body] : content.items()) ASSERT_TRUE(body.contains("schema")) << media;
      if (op.value("x-untyped-answer", false)) {
        untyped.insert(name);
      } else {
        ++typed;
        EXPECT_FALSE(content.begin().value()["schema"].empty()) << "a typed answer with an empty schema";
      }
      // The error answers, each with the error schema.
      const bool is_public = !op.contains("x-permission");
      for (const char* status : {"401", "403"}) {
        if (is_public && std::string(status) == "403") continue;
        if (is_public && path.rfind("/api/v1/patient-auth/", 0) != 0) continue;
        ASSERT_TRUE(responses.contains(status)) << status;
      }
      if (method != "get" && method != "delete") {  // a DELETE takes no body
        for (const char* status : {"400", "413", "422"}) ASSERT_TRUE(responses.contains(status)) << status;
        if (op.contains("requestBody")) {
          EXPECT_TRUE(op["requestBody"]["content"]["application/json"].contains("schema"));
        }
      }
      if (path.find('{') != std::string::npos) {
        EXPECT_TRUE(responses.contains("404"));
      }
      // The FHIR endpoint's are OperationOutcomes, as FHIR answers errors.
      const bool fhir = path.rfind("/fhir/", 0) == 0;
      for (const auto& [status, answer] : responses.items()) {
        if (status[0] != '4' && status != "default") continue;
        if (fhir)
          EXPECT_EQ(answer["content"]["application/fhir+json"]["schema"]["$ref"],
                    "#/components/schemas/OperationOutcome")
              << status;
        else
          EXPECT_EQ(answer["content"]["application/json"]["schema"]["$ref"], "#/components/schemas/Error") << status;
      }
      // Who may call it is what the permission table says.
      const auto listed = op["x-roles"].get<std::set<std::string>>();
      if (is_public) {
        EXPECT_EQ(listed, std::set<std::string>{"public"});
      } else {
        const auto permission = service::permission_named(op["x-permission"].get<std::string>());
        ASSERT_TRUE(permission.has_value()) << op["x-permission"];
        const auto roles = service::role_names_with(*permission);
        EXPECT_EQ(listed, std::set<std::string>(roles.begin(), roles.end()));
      }
    }
  }
  EXPECT_GT(operations, 55);
  // Every operation answers a type of the contract: none is left to free JSON.
  EXPECT_TRUE(untyped.empty()) << "an operation lost its typed answer: " << *untyped.begin();
  EXPECT_EQ(typed, operations);
}

}  // namespace
}  // namespace rp::test
