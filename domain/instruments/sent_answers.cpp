#include "domain/instruments/sent_answers.hpp"

#include "base/error.hpp"

namespace rp::instruments {
namespace {

// Adds one scalar answer; returns false for a value of a type that is no scalar answer.
bool add_scalar(Answers& out, const std::string& id, const SentValue& v) {
  switch (v.kind) {
    case SentValue::Kind::not_answered:
      return true;
    case SentValue::Kind::number:
      out.set(id, v.number);
      return true;
    case SentValue::Kind::code:
      out.set(id, v.code);
      return true;
    case SentValue::Kind::other:
      break;
  }
  return false;
}

}  // namespace

Answers answers_from(const SentAnswers& sent) {
  Answers out;
  for (const SentItem& item : sent) {
    const std::string& id = item.id;
    if (!item.group) {
      if (add_scalar(out, id, item.value)) continue;
      throw InputError(id, "item_answer_invalid"_err,
                       {{"item", id}, {"rule", "a number, a code or null, not " + item.value.other_type}});
    }
    for (const auto& [child, cv] : item.items) {
      const std::string dotted = id + "." + child;
      if (!add_scalar(out, dotted, cv)) {
        throw InputError(dotted, "item_answer_invalid"_err,
                         {{"item", dotted}, {"rule", "a number, a code or null, not " + cv.other_type}});
      }
    }
  }
  return out;
}

}  // namespace rp::instruments
