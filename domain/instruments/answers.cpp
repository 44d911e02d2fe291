#include "domain/instruments/answers.hpp"

#include "base/error.hpp"

namespace rp::instruments {

void Answers::set(std::string item, AnswerValue value) {
  if (find(item) != nullptr) throw InputError(item, "item_answered_twice"_err, {{"item", item}});
  items_.emplace_back(std::move(item), std::move(value));
}

const AnswerValue* Answers::find(std::string_view item) const {
  for (const auto& [id, value] : items_) {
    if (id == item) return &value;
  }
  return nullptr;
}

}  // namespace rp::instruments
