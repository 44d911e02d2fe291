#pragma once
// A submitted questionnaire before validation: item id -> number or code.
// A missing answer is simply absent. Grouped items (Harris "rom", "deformity") use
// dotted ids, "rom.flexion", matching the FHIR linkIds of the nested items.
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace rp::instruments {

using AnswerValue = std::variant<double, std::string>;

class Answers {
 public:
  // Throws InputError(item) if the item was already given.
  void set(std::string item, AnswerValue value);
  // nullptr when the item was not answered.
  const AnswerValue* find(std::string_view item) const;
  bool empty() const { return items_.empty(); }
  std::size_t size() const { return items_.size(); }
  auto begin() const { return items_.begin(); }
  auto end() const { return items_.end(); }

 private:
  // A questionnaire has at most a few dozen items: a flat vector beats a map here.
  std::vector<std::pair<std::string, AnswerValue>> items_;
};

}  // namespace rp::instruments
