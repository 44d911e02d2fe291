#include "store/consent_columns.hpp"

#include <nlohmann/json.hpp>

namespace rp::store {
namespace {

nlohmann::json local(const LocalText& t) { return {{"en", t.en}, {"fa", t.fa}}; }
LocalText local_of(const nlohmann::json& j) { return {j.at("en").get<std::string>(), j.at("fa").get<std::string>()}; }

}  // namespace

std::string consent_content_json(const consent::Document& d) {
  nlohmann::json sections = nlohmann::json::array(), questions = nlohmann::json::array();
  for (const auto& s : d.sections) sections.push_back({{"heading", local(s.heading)}, {"body", local(s.body)}});
  for (const auto& q : d.questions) {
    nlohmann::json options = nlohmann::json::array();
    for (const auto& o : q.options) options.push_back(local(o));
    questions.push_back({{"prompt", local(q.prompt)}, {"options", options}, {"correct", q.correct}});
  }
  return nlohmann::json{{"sections", sections}, {"questions", questions}}.dump();
}

void read_consent_content(const std::string& json_text, consent::Document& d) {
  try {
    const auto j = nlohmann::json::parse(json_text);
    d.sections.clear();
    d.questions.clear();
    for (const auto& s : j.at("sections")) d.sections.push_back({local_of(s.at("heading")), local_of(s.at("body"))});
    for (const auto& q : j.at("questions")) {
      consent::Question out;
      out.prompt = local_of(q.at("prompt"));
      for (const auto& o : q.at("options")) out.options.push_back(local_of(o));
      out.correct = q.at("correct").get<int>();
      d.questions.push_back(std::move(out));
    }
  } catch (const nlohmann::json::exception& e) {
    throw std::runtime_error("consent_documents.content of document " + std::to_string(d.id) + ": " + e.what());
  }
}

}  // namespace rp::store
