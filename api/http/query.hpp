#pragma once
// Typed query parameters. A route's parameters are one struct that lists its fields once,
// as a request body does (api/http/contract.hpp):
//
//   struct PatientSearch {
//     std::optional<std::string> q;
//     std::optional<std::int64_t> limit;
//     template <class V> static void fields(V& v) {
//       v("q", &PatientSearch::q, "name, record number, ...");
//       v("limit", &PatientSearch::limit, "at most this many", ParamRule{.min = 1, .max = 1000});
//     }
//   };
//
// and that one list decodes the query (decode_query) and documents it (query_params, the
// operation's `parameters` in the OpenAPI document). A route takes it through
// querying<Q>(handler): the route table then lists exactly these parameters, and the
// server refuses any other (api/http/api.cpp). A member that is not optional is required.
#include <limits>
#include <map>
#include <string>
#include <vector>

#include "api/http/router.hpp"
#include "base/date_input.hpp"
#include "base/digits.hpp"

namespace rp::api::http {

// How one query parameter is read. Query text is what a person typed into an address or
// a filter box: the rules say how lenient each parameter is, as each was before it was
// typed (kept so that no answer changed).
struct ParamRule {
  std::size_t max_bytes = 200;                // longer text is refused with `too_long`
  ErrorCode too_long = "too_many_bytes"_err;  // params: max
  bool cut = false;                           // longer text is cut to max_bytes instead (the service checks it)
  bool empty_is_absent = false;               // ?x= reads as not given, rather than as empty (or a bad number)
  std::int64_t min = std::numeric_limits<std::int64_t>::min();
  std::int64_t max = std::numeric_limits<std::int64_t>::max();
  bool id = false;      // a record's id: a bad one is not found (404), as in a path
  bool digits = false;  // Persian and Arabic-Indic digits read as ASCII (stored numbers are ASCII)
  // Text of a set the service checks (naming the choices): documented as an enum.
  std::vector<std::string> (*values)() = nullptr;
};

using QueryMap = std::map<std::string, std::string>;

namespace query_detail {

using contract_detail::is_optional;

template <class M>
struct value_type {
  using type = M;
};
template <class M>
struct value_type<std::optional<M>> {
  using type = M;
};

inline std::optional<std::string> raw(const QueryMap& query, const std::string& name, const ParamRule& rule) {
  const auto it = query.find(name);
  if (it == query.end() || (rule.empty_is_absent && it->second.empty())) return std::nullopt;
  if (rule.cut) return it->second.substr(0, rule.max_bytes);
  return it->second;
}

template <class Owner>
struct DecodeVisitor {
  const QueryMap& query;
  Owner& out;

  template <class M, class C>
  void operator()(const char* name, M C::*member, const char*, ParamRule rule = {}) {
    read(name, out.*member, rule);
  }

  static std::int64_t number(const std::string& text, const char* name, const ParamRule& rule) {
    return rule.id ? id_param(text, name) : bounded_integer(text, name, rule.min, rule.max);
  }

  void read(const char* name, std::optional<std::string>& v, const ParamRule& rule) {
    v = raw(query, name, rule);
    if (v && v->size() > rule.max_bytes) throw InputError(name, rule.too_long, {{"max", rule.max_bytes}});
    if (v && rule.digits) v = ascii_digits(*v, name);
  }
  void read(const char* name, std::optional<std::int64_t>& v, const ParamRule& rule) {
    if (const auto text = raw(query, name, rule)) v = number(*text, name, rule);
  }
  void read(const char* name, std::int64_t& v, const ParamRule& rule) {
    const auto text = raw(query, name, rule);
    if (!text) throw InputError(name, "required"_err);
    v = number(*text, name, rule);
  }
  void read(const char* name, std::optional<CivilDate>& v, const ParamRule& rule) {
    v = date_from_twins(raw(query, name, rule), raw(query, std::string(name) + "_jalali", rule), name);
  }
  template <class E, std::enable_if_t<contract_detail::is_named_enum<E>::value, int> = 0>
  void read(const char* name, std::optional<E>& v, const ParamRule& rule) {
    if (const auto text = raw(query, name, rule)) v = EnumNames<E>::parse(*text, name);
  }
};

// The OpenAPI parameters of one struct, in listed order (a date's _jalali twin after it).
template <class Owner>
struct ParamsVisitor {
  std::vector<Param> out;

  template <class M, class C>
  void operator()(const char* name, M C::*, const char* doc, ParamRule rule = {}) {
    using T = typename value_type<M>::type;
    Param p{name, doc, !is_optional<M>::value};
    p.schema = {[rule](SchemaSet& set) {
      static_cast<void>(rule);  // a date's or a flag's schema has no rule to follow
      nlohmann::json s = schema_of<T>(set);
      if constexpr (std::is_same_v<T, std::int64_t>) {
        const std::int64_t min = rule.id ? 1 : rule.min;
        if (min != std::numeric_limits<std::int64_t>::min()) s["minimum"] = min;
        if (rule.max != std::numeric_limits<std::int64_t>::max()) s["maximum"] = rule.max;
      }
      if constexpr (std::is_same_v<T, std::string>) {
        if (!rule.cut) s["maxLength"] = rule.max_bytes;
        if (rule.values) s["enum"] = rule.values();
      }
      return s;
    }};
    out.push_back(std::move(p));
    if constexpr (std::is_same_v<T, CivilDate>) {
      out.push_back({std::string(name) + "_jalali", std::string("the same day as ") + name +
                                                        " in the Jalali calendar, YYYY/MM/DD, any digits (one or "
                                                        "the other)"});
    }
  }
};

}  // namespace query_detail

// The query as its type: a bad value throws InputError naming the parameter (NotFoundError
// for an id). Parameters the type does not list are not read here: the server refuses
// them before the handler runs.
template <class Q>
Q decode_query(const QueryMap& query) {
  Q out{};
  query_detail::DecodeVisitor<Q> v{query, out};
  Q::fields(v);
  return out;
}

template <class Q>
std::vector<Param> query_params() {
  query_detail::ParamsVisitor<Q> v;
  Q::fields(v);
  return std::move(v.out);
}

// A handler that reads the query as Q: f(Call&, const Q&) answers at once, typed or not
// (as Handler's forms do). The route's parameters are Q's.
template <class Q, class F>
Handler querying(F f) {
  Handler h([f = std::move(f)](Call& c) { return f(c, decode_query<Q>(c.request.query)); });
  h.query = query_params<Q>();
  return h;
}

}  // namespace rp::api::http
