// How a contract type is described (api/http/contract.hpp): in a request, a field the
// decoder lets a client leave out is not `required`; in an answer, a null optional is
// present and so required; a type both a request's and an answer's that says different
// things as each keeps its name for the answer and names its request form <name>Request;
// a map of texts is an object of its values.
#include <gtest/gtest.h>

#include <map>
#include <optional>
#include <string>

#include "api/http/contract.hpp"

namespace rp::test {
namespace {

using api::http::AnyJson;
using api::http::FieldRule;
using api::http::SchemaSet;

struct Flags {
  static constexpr const char* kSchema = "Flags";
  bool urgent = false;
  std::optional<std::string> note;
  template <class V>
  static void fields(V& v) {
    v("urgent", &Flags::urgent, "");
    v("note", &Flags::note, "");
  }
};

struct Order {
  static constexpr const char* kSchema = "Order";
  std::string item;
  std::optional<std::int64_t> count;
  Flags flags;
  template <class V>
  static void fields(V& v) {
    v("item", &Order::item, "", FieldRule{.max_bytes = 16});
    v("count", &Order::count, "");
    v("flags", &Order::flags, "");
  }
};

struct Stock {
  static constexpr const char* kSchema = "Stock";
  std::map<std::string, std::int64_t> counts;
  template <class V>
  static void fields(V& v) {
    v("counts", &Stock::counts, "");
  }
};

nlohmann::json required(const nlohmann::json& schema) { return schema.value("required", nlohmann::json::array()); }

TEST(ContractSchema, ARequestRequiresOnlyWhatTheDecoderCannotDoWithout) {
  SchemaSet set;
  EXPECT_EQ(api::http::request_schema<Order>().schema(set)["$ref"], "#/components/schemas/Order");
  const auto& order = set.components()["Order"];
  EXPECT_EQ(required(order), nlohmann::json::array({"item", "flags"}));
  EXPECT_TRUE(order["properties"]["count"]["nullable"].get<bool>());
  EXPECT_EQ(order["properties"]["item"]["maxLength"], 16);
  EXPECT_EQ(required(set.components()["Flags"]), nlohmann::json::array());
  // What the decoder does agrees: a body with the required fields only is read.
  const Order o = api::http::decode<Order>({{"item", "gauze"}, {"flags", nlohmann::json::object()}});
  EXPECT_FALSE(o.count.has_value());
  EXPECT_FALSE(o.flags.urgent);
}

TEST(ContractSchema, AnAnswerRequiresItsNullOptionals) {
  SchemaSet set;
  api::http::type_schema<Flags>().schema(set);
  EXPECT_EQ(required(set.components()["Flags"]), nlohmann::json::array({"urgent", "note"}));
  EXPECT_EQ(api::http::encode(Flags{}), (nlohmann::json{{"urgent", false}, {"note", nullptr}}));
}

TEST(ContractSchema, ATypeBothWaysNamesItsRequestForm) {
  // The first pass: which types answers use.
  SchemaSet first;
  api::http::type_schema<Flags>().schema(first);
  api::http::request_schema<Order>().schema(first);
  SchemaSet set;
  set.set_answer_names(first.answer_names());
  EXPECT_EQ(api::http::type_schema<Flags>().schema(set)["$ref"], "#/components/schemas/Flags");
  api::http::request_schema<Order>().schema(set);
  EXPECT_EQ(set.components()["Order"]["properties"]["flags"]["$ref"], "#/components/schemas/FlagsRequest");
  EXPECT_EQ(required(set.components()["Flags"]), nlohmann::json::array({"urgent", "note"}));
  EXPECT_EQ(required(set.components()["FlagsRequest"]), nlohmann::json::array());
  EXPECT_FALSE(set.components().contains("OrderRequest"));  // a request's only: its own name
}

TEST(ContractSchema, AMapOfTextsIsAnObjectOfItsValues) {
  SchemaSet set;
  api::http::type_schema<Stock>().schema(set);
  EXPECT_EQ(set.components()["Stock"]["properties"]["counts"],
            (nlohmann::json{{"type", "object"}, {"additionalProperties", {{"type", "integer"}}}}));
  Stock s;
  s.counts = {{"b", 2}, {"a", 1}};
  EXPECT_EQ(api::http::encode(s)["counts"], (nlohmann::json{{"a", 1}, {"b", 2}}));
}

}  // namespace
}  // namespace rp::test
