#include "store/consent_columns.hpp"

#include <sodium.h>

#include <nlohmann/json.hpp>
#include <sstream>
#include <stdexcept>

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

std::string shown_copy_json(const consent::ShownCopy& copy) {
  nlohmann::json sections = nlohmann::json::array(), questions = nlohmann::json::array();
  for (const auto& s : copy.sections) {
    nlohmann::json blocks = nlohmann::json::array();
    for (const auto& b : s.blocks) blocks.push_back({{"text", b.text}, {"figure", b.figure}});
    sections.push_back({{"heading", s.heading}, {"blocks", blocks}});
  }
  for (const auto& q : copy.questions) questions.push_back({{"prompt", q.prompt}, {"options", q.options}});
  return nlohmann::json{{"language", copy.language},
                        {"title", copy.title},
                        {"figures_as_of", copy.figures_as_of},
                        {"sections", sections},
                        {"questions", questions}}
      .dump();
}

consent::ShownCopy read_shown_copy(const std::string& json_text, const std::string& what) {
  try {
    const auto j = nlohmann::json::parse(json_text);
    consent::ShownCopy copy;
    copy.language = j.at("language").get<std::string>();
    copy.title = j.at("title").get<std::string>();
    copy.figures_as_of = j.at("figures_as_of").get<std::string>();
    for (const auto& s : j.at("sections")) {
      consent::ShownSection section{s.at("heading").get<std::string>(), {}};
      for (const auto& b : s.at("blocks"))
        section.blocks.push_back({b.at("text").get<std::string>(), b.at("figure").get<bool>()});
      copy.sections.push_back(std::move(section));
    }
    for (const auto& q : j.at("questions"))
      copy.questions.push_back({q.at("prompt").get<std::string>(), q.at("options").get<std::vector<std::string>>()});
    return copy;
  } catch (const nlohmann::json::exception& e) {
    throw std::runtime_error(what + ": " + e.what());
  }
}

std::string answers_text(const std::vector<int>& answers) {
  std::string out;
  for (std::size_t i = 0; i < answers.size(); ++i) out += (i ? "," : "") + std::to_string(answers[i]);
  return out;
}

std::vector<int> parse_answers(const std::string& text, const std::string& what) {
  std::vector<int> out;
  std::istringstream in(text);
  std::string one;
  while (std::getline(in, one, ',')) {
    try {
      out.push_back(std::stoi(one));
    } catch (const std::exception&) {
      throw std::runtime_error(what + ": not a list of answers");
    }
  }
  return out;
}

std::string base64_of(const std::string& bytes) {
  constexpr int kVariant = sodium_base64_VARIANT_ORIGINAL;
  std::string out(sodium_base64_encoded_len(bytes.size(), kVariant), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(),
                    kVariant);
  out.resize(out.size() - 1);  // the terminating NUL
  return out;
}

std::string bytes_of_base64(const std::string& text, const std::string& what) {
  std::string out(text.size() / 4 * 3 + 3, '\0');
  std::size_t length = 0;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), text.data(), text.size(), nullptr,
                        &length, nullptr, sodium_base64_VARIANT_ORIGINAL) != 0)
    throw std::runtime_error(what + ": not base64");
  out.resize(length);
  return out;
}

}  // namespace rp::store
