#pragma once
// Typed requests and answers. A request or answer type lists its own fields once:
//
//   struct Login {
//     static constexpr const char* kSchema = "Login";
//     std::string username, password;
//     template <class V> static void fields(V& v) {
//       v("username", &Login::username, "the account's name", {.max_bytes = 64});
//       ...
//     }
//   };
//
// and that one list decodes a request body (strictly, with the field-by-field errors of
// BodyReader, in the listed order), encodes an answer, and describes both in the OpenAPI
// document (components/schemas/<kSchema>). Enums name their values through EnumNames.
// A rule across fields that must be checked at one point of that order (so that the
// first bad field of a body is the one named) is listed there too:
//   v.rule([](const Login& in) { ... throw InputError(...); });
// the decoder runs it once the fields before it are read; the other visitors skip it.
#include <cmath>
#include <functional>
#include <limits>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <type_traits>
#include <vector>

#include "api/http/json_body.hpp"
#include "base/civil_date.hpp"
#include "base/error.hpp"

namespace rp::api::http {

// How one field is read and written.
struct FieldRule {
  std::size_t max_bytes = 200;  // a text field in a request
  std::size_t max_items = 0;    // a list of texts in a request
  // Answers: an empty optional leaves the key out instead of writing null.
  bool omit_when_empty = false;
  // Requests: a required date or object that is missing is refused with this catalogue code.
  ErrorCode missing = "required"_err;
  // The schema is this component instead of the C++ type's (a role named by a string).
  const char* ref = nullptr;
  // A decimal (double) field in a request: a finite JSON number within [min, max].
  double min = -std::numeric_limits<double>::infinity();
  double max = std::numeric_limits<double>::infinity();
};

// Specialise for each enum a contract carries:
//   static constexpr const char* kSchema; static std::vector<E> values();
//   static std::string_view name(E); static E parse(std::string_view text, std::string_view field);
template <class E>
struct EnumNames;

// Free-form JSON a type carries as it is (a questionnaire's answers, a rule's findings).
using AnyJson = nlohmann::json;

namespace contract_detail {

template <class T, class = void>
struct is_described : std::false_type {};
template <class T>
struct is_described<T, std::void_t<decltype(T::kSchema)>> : std::bool_constant<!std::is_enum_v<T>> {};

template <class T, class = void>
struct is_named_enum : std::false_type {};
template <class T>
struct is_named_enum<T, std::void_t<decltype(EnumNames<T>::kSchema)>> : std::true_type {};

template <class T>
struct is_optional : std::false_type {};
template <class T>
struct is_optional<std::optional<T>> : std::true_type {
  using inner = T;
};

template <class T>
struct is_text_map : std::false_type {};
template <class T>
struct is_text_map<std::map<std::string, T>> : std::true_type {
  using inner = T;
};

template <class T>
struct is_vector : std::false_type {};
template <class T>
struct is_vector<std::vector<T>> : std::true_type {
  using inner = T;
};

// A value that writes itself (a mixed row of numbers): `static nlohmann::json schema_json()`
// and `nlohmann::json json() const`. Answers only.
template <class T, class = void>
struct writes_itself : std::false_type {};
template <class T>
struct writes_itself<T, std::void_t<decltype(T::schema_json()), decltype(std::declval<const T&>().json())>>
    : std::true_type {};

template <class T, class = void>
struct has_check : std::false_type {};
template <class T>
struct has_check<T, std::void_t<decltype(std::declval<const T&>().check())>> : std::true_type {};

}  // namespace contract_detail

template <class T>
inline constexpr bool is_described_v = contract_detail::is_described<T>::value;

// components/schemas as they are collected, one entry per C++ type.
class SchemaSet {
 public:
  // {"$ref": "#/components/schemas/<name>"}; `make` runs once per name.
  nlohmann::json ref(const std::string& name, const std::function<nlohmann::json()>& make);
  const nlohmann::json& components() const { return components_; }

  // While a request body is described: a field the decoder lets a client leave out (an
  // optional, a bool read as false, a date that may come as its _jalali twin) is not
  // `required`, where an answer's is.
  bool describing_request() const { return request_; }
  void set_describing_request(bool request) { request_ = request; }

  // A type that is both a request's and an answer's (a patient's consent) and says
  // different things as each keeps its name for the answer; the request's form is named
  // <name>Request. Which names answers use is learnt in a first pass over the routes.
  const std::set<std::string>& answer_names() const { return answer_names_; }
  void set_answer_names(std::set<std::string> names) { known_answers_ = std::move(names); }

 private:
  // The name a type's schema is kept under in the mode described now.
  std::string name_for(const std::string& name, const std::function<nlohmann::json()>& make);

  nlohmann::json components_ = nlohmann::json::object();
  std::set<std::string> answer_names_, known_answers_, comparing_;
  bool request_ = false;
};

template <class T>
nlohmann::json schema_of(SchemaSet& set);

namespace contract_detail {

inline nlohmann::json nullable(nlohmann::json s) {
  if (s.contains("$ref")) return {{"allOf", nlohmann::json::array({s})}, {"nullable", true}};
  s["nullable"] = true;
  return s;
}

inline nlohmann::json describe(nlohmann::json s, const char* doc) {
  // Siblings of $ref are ignored in OpenAPI 3.0: wrap it.
  if (s.contains("$ref")) return {{"allOf", nlohmann::json::array({s})}, {"description", doc}};
  s["description"] = doc;
  return s;
}

// Builds one type's object schema: properties in listed order, required as they apply.
template <class Owner>
struct SchemaVisitor {
  SchemaSet& set;
  nlohmann::json properties = nlohmann::json::object();
  std::vector<std::string> required;

  template <class F>
  void rule(const F&) {}

  template <class M, class C>
  void operator()(const char* name, M C::*, const char* doc, FieldRule rule = {}) {
    nlohmann::json s;
    bool optional = false;
    const bool request = set.describing_request();
    if constexpr (is_optional<M>::value) {
      optional = true;
      s = schema_of<typename is_optional<M>::inner>(set);
    } else {
      s = schema_of<M>(set);
    }
    if constexpr (std::is_same_v<M, std::string>) {
      if (rule.max_bytes != 200) s["maxLength"] = rule.max_bytes;
    }
    if constexpr (std::is_same_v<M, double> || std::is_same_v<M, std::optional<double>>) {
      if (std::isfinite(rule.min)) s["minimum"] = rule.min;
      if (std::isfinite(rule.max)) s["maximum"] = rule.max;
    }
    if (rule.ref) s = {{"$ref", std::string("#/components/schemas/") + rule.ref}};
    if (optional && !rule.omit_when_empty) s = nullable(std::move(s));
    if (doc && *doc) s = describe(std::move(s), doc);
    properties[name] = std::move(s);
    if (request) {
      // The decoder reads an absent bool as false, and a date from either twin.
      constexpr bool may_be_left_out = is_optional<M>::value || std::is_same_v<M, bool> || std::is_same_v<M, CivilDate>;
      if (!may_be_left_out) required.emplace_back(name);
    } else if (!optional || !rule.omit_when_empty) {
      // An answer's null optional is always present; a left-out one is not.
      required.emplace_back(name);
    }
    if constexpr (std::is_same_v<M, std::optional<CivilDate>> || std::is_same_v<M, CivilDate>) {
      properties[std::string(name) + "_jalali"] = {
          {"type", "string"},
          {"description", std::string("the same day as ") + name + " in the Jalali calendar, YYYY/MM/DD"}};
    }
  }
};

// The date twin `name`_jalali is known wherever `name` is a date.
template <class Owner>
struct KnownVisitor {
  std::vector<std::string> names;
  template <class F>
  void rule(const F&) {}
  template <class M, class C>
  void operator()(const char* name, M C::*, const char*, FieldRule = {}) {
    names.emplace_back(name);
    if constexpr (std::is_same_v<M, std::optional<CivilDate>> || std::is_same_v<M, CivilDate>)
      names.push_back(std::string(name) + "_jalali");
  }
};

template <class T>
T decode_object(const nlohmann::json& body);

template <class Owner>
struct DecodeVisitor {
  const BodyReader& r;
  Owner& out;

  // A rule may also look at the body as sent (which fields came at all).
  template <class F>
  void rule(const F& check) {
    if constexpr (std::is_invocable_v<const F&, const Owner&, const BodyReader&>)
      check(static_cast<const Owner&>(out), r);
    else
      check(static_cast<const Owner&>(out));
  }

  template <class M, class C>
  void operator()(const char* name, M C::*member, const char*, FieldRule rule = {}) {
    read(name, out.*member, rule);
  }

  [[noreturn]] static void missing(const char* name, const FieldRule& rule) { throw InputError(name, rule.missing); }

  void read(const char* name, std::string& v, const FieldRule& rule) { v = r.text(name, rule.max_bytes); }
  void read(const char* name, std::optional<std::string>& v, const FieldRule& rule) {
    v = r.opt_text(name, rule.max_bytes);
  }
  void read(const char* name, std::int64_t& v, const FieldRule&) { v = r.integer(name); }
  void read(const char* name, std::optional<std::int64_t>& v, const FieldRule&) { v = r.opt_int(name); }
  void read(const char* name, std::optional<double>& v, const FieldRule& rule) {
    v = r.opt_number(name, rule.min, rule.max);
  }
  void read(const char* name, double& v, const FieldRule& rule) {
    const auto n = r.opt_number(name, rule.min, rule.max);
    if (!n) missing(name, rule);
    v = *n;
  }
  void read(const char* name, bool& v, const FieldRule&) { v = r.opt_bool(name).value_or(false); }
  void read(const char* name, std::optional<bool>& v, const FieldRule&) { v = r.opt_bool(name); }
  void read(const char* name, std::optional<CivilDate>& v, const FieldRule&) { v = r.opt_date(name); }
  void read(const char* name, CivilDate& v, const FieldRule& rule) {
    const auto d = r.opt_date(name);
    if (!d) missing(name, rule);
    v = *d;
  }
  void read(const char* name, AnyJson& v, const FieldRule& rule) {
    const auto* o = r.opt_object(name);
    if (!o) missing(name, rule);
    v = *o;
  }
  void read(const char* name, std::optional<std::vector<std::string>>& v, const FieldRule& rule) {
    v = r.opt_text_list(name, rule.max_items, rule.max_bytes == 200 ? 64 : rule.max_bytes);
  }
  template <class E, std::enable_if_t<is_named_enum<E>::value, int> = 0>
  void read(const char* name, E& v, const FieldRule& rule) {
    v = EnumNames<E>::parse(r.text(name, rule.max_bytes == 200 ? 32 : rule.max_bytes), name);
  }
  template <class E, std::enable_if_t<is_named_enum<E>::value, int> = 0>
  void read(const char* name, std::optional<E>& v, const FieldRule& rule) {
    if (const auto t = r.opt_text(name, rule.max_bytes == 200 ? 32 : rule.max_bytes)) v = EnumNames<E>::parse(*t, name);
  }
  template <class E, std::enable_if_t<is_named_enum<E>::value, int> = 0>
  void read(const char* name, std::optional<std::vector<E>>& v, const FieldRule& rule) {
    const auto texts = r.opt_text_list(name, rule.max_items, 64);
    if (!texts) return;
    v.emplace();
    for (const auto& t : *texts) v->push_back(EnumNames<E>::parse(t, name));
  }
  // Free JSON with a documented shape (api/contract/shaped_json.hpp): the object as sent,
  // its content the use case's to check.
  template <class S, std::enable_if_t<writes_itself<S>::value, int> = 0>
  void read(const char* name, S& v, const FieldRule& rule) {
    const auto* o = r.opt_object(name);
    if (!o) missing(name, rule);
    v = S{*o};
  }
  template <class S, std::enable_if_t<is_described<S>::value, int> = 0>
  void read(const char* name, S& v, const FieldRule& rule) {
    const auto* o = r.opt_object(name);
    if (!o) missing(name, rule);
    v = decode_object<S>(*o);
  }
  // A list of objects: each one's fields are named by its place (passages[2].seeded_on).
  template <class S, std::enable_if_t<is_described<S>::value, int> = 0>
  void read(const char* name, std::vector<S>& v, const FieldRule& rule) {
    const auto* list = r.opt_object_list(name, rule.max_items);
    if (!list) missing(name, rule);
    v.clear();
    for (std::size_t i = 0; i < list->size(); ++i) {
      try {
        v.push_back(decode_object<S>((*list)[i]));
      } catch (const InputError& e) {
        throw InputError(std::string(name) + "[" + std::to_string(i) + "]." + e.field(), ErrorCode{e.code()},
                         e.params());
      }
    }
  }
  // An optional object's own fields are named inside it (sterility.result), so that the
  // error says which of several alike objects is wrong.
  template <class S, std::enable_if_t<is_described<S>::value, int> = 0>
  void read(const char* name, std::optional<S>& v, const FieldRule&) {
    const auto* o = r.opt_object(name);
    if (!o) return;
    try {
      v = decode_object<S>(*o);
    } catch (const InputError& e) {
      throw InputError(std::string(name) + "." + e.field(), ErrorCode{e.code()}, e.params());
    }
  }
};

template <class T>
T decode_object(const nlohmann::json& body) {
  KnownVisitor<T> known;
  T::fields(known);
  const BodyReader r(body, known.names);
  T out{};
  DecodeVisitor<T> v{r, out};
  T::fields(v);
  if constexpr (has_check<T>::value) out.check();
  return out;
}

template <class T>
nlohmann::json encode_value(const T& v);

template <class Owner>
struct EncodeVisitor {
  const Owner& in;
  nlohmann::json out = nlohmann::json::object();

  template <class F>
  void rule(const F&) {}

  template <class M, class C>
  void operator()(const char* name, M C::*member, const char*, FieldRule rule = {}) {
    const M& v = in.*member;
    if constexpr (is_optional<M>::value) {
      if (!v) {
        if (!rule.omit_when_empty) out[name] = nullptr;
        return;
      }
    }
    out[name] = encode_value(v);
  }
};

template <class T>
nlohmann::json encode_value(const T& v) {
  if constexpr (is_optional<T>::value) {
    return v ? encode_value(*v) : nlohmann::json(nullptr);
  } else if constexpr (is_vector<T>::value) {
    nlohmann::json a = nlohmann::json::array();
    for (const auto& x : v) a.push_back(encode_value(x));
    return a;
  } else if constexpr (is_text_map<T>::value) {
    nlohmann::json o = nlohmann::json::object();
    for (const auto& [key, x] : v) o[key] = encode_value(x);
    return o;
  } else if constexpr (writes_itself<T>::value) {
    return v.json();
  } else if constexpr (is_described<T>::value) {
    EncodeVisitor<T> e{v};
    T::fields(e);
    return std::move(e.out);
  } else if constexpr (is_named_enum<T>::value) {
    return std::string(EnumNames<T>::name(v));
  } else if constexpr (std::is_same_v<T, CivilDate>) {
    return v.iso();
  } else {
    return nlohmann::json(v);
  }
}

}  // namespace contract_detail

// The schema of a value of type T: a $ref for described types and enums (collected in
// `set`), inline for the rest.
template <class T>
nlohmann::json schema_of(SchemaSet& set) {
  using namespace contract_detail;
  if constexpr (is_optional<T>::value) {
    return nullable(schema_of<typename is_optional<T>::inner>(set));
  } else if constexpr (is_vector<T>::value) {
    return {{"type", "array"}, {"items", schema_of<typename is_vector<T>::inner>(set)}};
  } else if constexpr (is_text_map<T>::value) {
    return {{"type", "object"}, {"additionalProperties", schema_of<typename is_text_map<T>::inner>(set)}};
  } else if constexpr (writes_itself<T>::value) {
    return T::schema_json();
  } else if constexpr (is_described<T>::value) {
    return set.ref(T::kSchema, [&set] {
      SchemaVisitor<T> v{set};
      T::fields(v);
      nlohmann::json s = {{"type", "object"}, {"properties", v.properties}, {"additionalProperties", false}};
      if (!v.required.empty()) s["required"] = v.required;
      return s;
    });
  } else if constexpr (is_named_enum<T>::value) {
    return set.ref(EnumNames<T>::kSchema, [] {
      nlohmann::json names = nlohmann::json::array();
      for (const T e : EnumNames<T>::values()) names.push_back(std::string(EnumNames<T>::name(e)));
      return nlohmann::json{{"type", "string"}, {"enum", names}};
    });
  } else if constexpr (std::is_same_v<T, std::string>) {
    return {{"type", "string"}};
  } else if constexpr (std::is_same_v<T, bool>) {
    return {{"type", "boolean"}};
  } else if constexpr (std::is_integral_v<T>) {
    return {{"type", "integer"}};
  } else if constexpr (std::is_floating_point_v<T>) {
    return {{"type", "number"}};
  } else if constexpr (std::is_same_v<T, CivilDate>) {
    return {{"type", "string"}, {"format", "date"}};
  } else {
    static_assert(std::is_same_v<T, AnyJson>, "a contract field of a type with no schema");
    return nlohmann::json::object();  // any JSON value
  }
}

// A request body as its type (strict: unknown fields, wrong types and bad values throw
// InputError naming the field).
template <class T>
T decode(const nlohmann::json& body) {
  return contract_detail::decode_object<T>(body);
}

template <class T>
nlohmann::json encode(const T& value) {
  return contract_detail::encode_value(value);
}

// One side of a route's contract, the type erased: how to document it.
struct TypeSchema {
  std::function<nlohmann::json(SchemaSet&)> schema;  // empty: undocumented
  explicit operator bool() const { return static_cast<bool>(schema); }
};

template <class T>
TypeSchema type_schema() {
  return {[](SchemaSet& set) { return schema_of<T>(set); }};
}

// A request body's schema: its optional fields are not `required` (SchemaSet).
template <class T>
TypeSchema request_schema() {
  return {[](SchemaSet& set) {
    set.set_describing_request(true);
    nlohmann::json s = schema_of<T>(set);
    set.set_describing_request(false);
    return s;
  }};
}

}  // namespace rp::api::http
