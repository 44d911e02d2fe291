// Typed query parameters (api/http/query.hpp) and rules across a body's fields
// (v.rule in api/http/contract.hpp): how each reads, refuses and documents.
#include <gtest/gtest.h>

#include <optional>
#include <string>

#include "api/contract/enums.hpp"
#include "api/http/contract.hpp"
#include "api/http/query.hpp"

namespace rp::test {
namespace {

using api::http::FieldRule;
using api::http::ParamRule;
using api::http::QueryMap;

struct Search {
  std::optional<std::string> text, kind;
  std::optional<EpisodeState> state;
  std::optional<std::int64_t> limit;
  std::optional<CivilDate> day;
  std::int64_t patient = 0;
  template <class V>
  static void fields(V& v) {
    v("text", &Search::text, "any digits", ParamRule{.max_bytes = 8, .digits = true});
    v("kind", &Search::kind, "cut, not refused", ParamRule{.max_bytes = 4, .cut = true});
    v("state", &Search::state, "", ParamRule{.empty_is_absent = true});
    v("limit", &Search::limit, "", ParamRule{.min = 1, .max = 50});
    v("day", &Search::day, "", ParamRule{.empty_is_absent = true});
    v("patient", &Search::patient, "", ParamRule{.id = true});
  }
};

using Refusal = std::pair<std::string, std::string>;
Refusal query_refused(const char* code, const char* field) { return {code, field}; }

// The code and field of the InputError `f` throws ("" when it throws none).
template <class F>
Refusal refusal(F f) {
  try {
    f();
  } catch (const InputError& e) {
    return {e.code(), e.field()};
  }
  return {"", ""};
}

TEST(TypedQuery, ReadsEachParameterByItsRule) {
  const auto s = api::http::decode_query<Search>({{"text", "۱۲۳"},
                                                  {"kind", "visits"},
                                                  {"state", ""},
                                                  {"limit", "۵"},
                                                  {"day_jalali", "1404/12/29"},
                                                  {"patient", "7"}});
  EXPECT_EQ(s.text, "123");
  EXPECT_EQ(s.kind, "visi");
  EXPECT_FALSE(s.state.has_value());
  EXPECT_EQ(s.limit, 5);
  ASSERT_TRUE(s.day.has_value());
  EXPECT_EQ(s.day->iso(), "2026-03-20");
  EXPECT_EQ(s.patient, 7);
}

TEST(TypedQuery, RefusesABadValueNamingItsParameter) {
  const QueryMap good{{"patient", "7"}};
  const auto with = [&](const std::string& name, const std::string& value) {
    QueryMap q = good;
    q[name] = value;
    return refusal([&] { api::http::decode_query<Search>(q); });
  };
  EXPECT_EQ(with("text", "123456789"), query_refused("too_many_bytes", "text"));
  EXPECT_EQ(with("state", "nowhere").second, "state");
  EXPECT_EQ(with("limit", "51"), query_refused("whole_number_range", "limit"));
  EXPECT_EQ(with("limit", ""), query_refused("whole_number_range", "limit"));
  EXPECT_EQ(with("day", "2026-02-30").second, "day");
  EXPECT_EQ(refusal([] { api::http::decode_query<Search>({}); }), query_refused("required", "patient"));
  // An id is a record's: a bad one is not found, as in a path.
  EXPECT_THROW(api::http::decode_query<Search>({{"patient", "x"}}), NotFoundError);
}

TEST(TypedQuery, DocumentsEachParameterOnceWithItsSchema) {
  const auto params = api::http::query_params<Search>();
  std::vector<std::string> names;
  for (const auto& p : params) names.push_back(p.name);
  EXPECT_EQ(names, (std::vector<std::string>{"text", "kind", "state", "limit", "day", "day_jalali", "patient"}));
  api::http::SchemaSet set;
  const auto schema = [&](std::size_t i) { return params[i].schema.schema(set); };
  EXPECT_EQ(schema(0)["maxLength"], 8);
  EXPECT_FALSE(schema(1).contains("maxLength")) << "a cut parameter is not refused for its length";
  EXPECT_EQ(schema(2)["$ref"], "#/components/schemas/EpisodeState");
  EXPECT_TRUE(set.components().contains("EpisodeState"));
  EXPECT_EQ(schema(3)["minimum"], 1);
  EXPECT_EQ(schema(3)["maximum"], 50);
  EXPECT_EQ(schema(4)["format"], "date");
  EXPECT_FALSE(params[5].schema) << "the Jalali twin is text";
  EXPECT_TRUE(params[6].required);
  EXPECT_EQ(schema(6)["minimum"], 1);
  EXPECT_FALSE(params[0].required);
}

// A rule across fields runs where it is listed: a body bad in a field before it and in
// one after it is refused for the first.
struct Names {
  static constexpr const char* kSchema = "Names";
  std::string first;
  std::optional<std::string> second;
  std::optional<std::int64_t> count;
  template <class V>
  static void fields(V& v) {
    v("first", &Names::first, "");
    v("second", &Names::second, "");
    v.rule([](const Names& n) {
      if (n.second && *n.second == n.first) throw InputError("second", "give_one_not_both"_err);
    });
    v("count", &Names::count, "");
  }
};

TEST(TypedBody, ARuleAcrossFieldsRunsAtItsPlace) {
  using J = nlohmann::json;
  EXPECT_EQ(refusal([] {
              api::http::decode<Names>(J{{"first", "a"}, {"second", "a"}, {"count", "x"}});
            }),
            query_refused("give_one_not_both", "second"));
  EXPECT_EQ(refusal([] {
              api::http::decode<Names>(J{{"first", "a"}, {"second", "b"}, {"count", "x"}});
            }).second,
            "count");
  EXPECT_EQ(api::http::decode<Names>(J{{"first", "a"}, {"second", "b"}}).second, "b");
  // The rule is the decoder's: the schema lists the fields only.
  api::http::SchemaSet set;
  api::http::schema_of<Names>(set);
  EXPECT_EQ(set.components()["Names"]["properties"].size(), 3U);
}

}  // namespace
}  // namespace rp::test
