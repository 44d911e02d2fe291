#pragma once
// A questionnaire's answers as sent, before the instrument's checks: item id -> not
// answered, a number, a code, or (one level deep) a group of such items, as in
//   {"P1": 2, "P2": null, "rom": {"flexion": 90, ...}, "pain": "mild"}
// Mapping a request body to this is the api's (api/answers_json.hpp); the checks are here.
#include <cstddef>
#include <string>
#include <utility>
#include <vector>

#include "domain/instruments/answers.hpp"

namespace rp::instruments {

// One value as sent: not answered, a number, a code, or a value of another type, which is
// refused naming `other_type` ("a boolean", "an array", "an object"). Written in code as a
// literal: {{"pain_rest", 3}, {"pain", "mild"}, {"P2", nullptr}}.
struct SentValue {
  enum class Kind { not_answered, number, code, other };
  Kind kind = Kind::not_answered;
  double number = 0;
  bool whole = false;  // number: written without a fraction (2, not 2.0), kept so when stored
  std::string code;
  std::string other_type;

  SentValue() = default;
  SentValue(std::nullptr_t) {}
  SentValue(int n) : kind(Kind::number), number(n), whole(true) {}
  SentValue(double n, bool whole_number = false) : kind(Kind::number), number(n), whole(whole_number) {}
  SentValue(std::string c) : kind(Kind::code), code(std::move(c)) {}
  SentValue(const char* c) : SentValue(std::string(c)) {}
  SentValue(bool) = delete;  // no answer is a boolean: a request's true is of_other_type
  static SentValue of_other_type(std::string type) {
    SentValue v;
    v.kind = Kind::other;
    v.other_type = std::move(type);
    return v;
  }
};

// An item: a value, or a group of items (grouped items: Harris "rom", "deformity").
struct SentItem {
  std::string id;
  SentValue value;
  bool group = false;
  std::vector<std::pair<std::string, SentValue>> items;  // a group's items, in the order sent
};
using SentAnswers = std::vector<SentItem>;

// Groups flatten to dotted ids ("rom.flexion"); not answered items are left out. Booleans,
// arrays and groups inside groups are wrong types and throw InputError naming the item.
Answers answers_from(const SentAnswers& sent);

}  // namespace rp::instruments
