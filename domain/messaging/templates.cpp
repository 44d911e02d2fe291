#include "domain/messaging/templates.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <array>

#include "base/error.hpp"

namespace rp::messaging {
namespace {

constexpr std::array<std::string_view, 6> kPlaceholders = {"name", "item", "date", "link", "centre", "record"};

[[noreturn]] void bad(const std::string& what) {
  throw InputError("templates", "message_template"_err, {{"what", what}});
}

// Calls fn(name) for each {name} of the text; throws on an unclosed brace.
template <typename Fn>
void each_placeholder(std::string_view text, const std::string& where, Fn fn) {
  for (std::size_t at = text.find('{'); at != std::string_view::npos; at = text.find('{', at + 1)) {
    const std::size_t close = text.find('}', at);
    if (close == std::string_view::npos) bad(where + ": an unclosed {");
    fn(text.substr(at + 1, close - at - 1));
  }
}

void check_text(const std::string& text, const std::string& where) {
  if (text.empty()) bad(where + ": no text");
  each_placeholder(text, where, [&](std::string_view name) {
    if (std::find(kPlaceholders.begin(), kPlaceholders.end(), name) == kPlaceholders.end())
      bad(where + ": unknown placeholder {" + std::string(name) + "}");
  });
}

// A map's "en" and "fa" texts, each checked; `where` names it in errors.
LocalText local_text(const YAML::Node& node, const std::string& where) {
  if (!node.IsMap()) bad(where + ": not a map");
  LocalText text;
  for (auto [lang, field] : {std::pair{"en", &LocalText::en}, std::pair{"fa", &LocalText::fa}}) {
    const YAML::Node value = node[lang];
    if (value && !value.IsScalar()) bad(where + "." + lang + ": not text");
    text.*field = value ? value.Scalar() : std::string();
    check_text(text.*field, where + "." + lang);
  }
  return text;
}

// The text with each {placeholder} replaced by its value, spaces tidied.
std::string filled(const std::string& text, const std::map<std::string, std::string>& values) {
  std::string out;
  std::size_t from = 0;
  for (std::size_t at = text.find('{'); at != std::string::npos; at = text.find('{', from)) {
    const std::size_t close = text.find('}', at);
    out.append(text, from, at - from);
    const auto value = values.find(text.substr(at + 1, close - at - 1));
    if (value != values.end()) out += value->second;
    from = close + 1;
  }
  out.append(text, from, std::string::npos);
  // A missing value leaves a double space or a space before the end: tidy both.
  std::string tidy;
  for (char c : out)
    if (!(c == ' ' && !tidy.empty() && tidy.back() == ' ')) tidy += c;
  while (!tidy.empty() && tidy.back() == ' ') tidy.pop_back();
  return tidy.substr(tidy.find_first_not_of(' ') == std::string::npos ? tidy.size() : tidy.find_first_not_of(' '));
}

}  // namespace

MessageTemplates MessageTemplates::parse(std::string_view yaml_text) {
  MessageTemplates out;
  try {
    const YAML::Node root = YAML::Load(std::string(yaml_text));
    if (!root.IsMap() || !root["templates"] || !root["templates"].IsMap()) bad("no templates");
    for (const auto& entry : root["templates"]) {
      if (!entry.first.IsScalar()) bad("a template's name is not text");
      const std::string id = entry.first.Scalar();
      const YAML::Node& node = entry.second;
      out.texts_[id] = local_text(node, id);
      if (!node["subject"]) bad(id + ": no subject");
      out.subjects_[id] = local_text(node["subject"], id + ".subject");
      // A subject is one header line: a line break in it would end the mail's headers.
      for (const std::string* s : {&out.subjects_[id].en, &out.subjects_[id].fa})
        if (s->find_first_of("\r\n") != std::string::npos) bad(id + ".subject: a line break");
    }
  } catch (const YAML::Exception& e) {
    bad(e.what());
  }
  return out;
}

const MessageTemplates& MessageTemplates::built_in() {
  static const MessageTemplates templates = parse(kPatientMessagesYaml);
  return templates;
}

std::string MessageTemplates::render(const std::string& id, std::string_view language,
                                     const std::map<std::string, std::string>& values) const {
  const auto found = texts_.find(id);
  if (found == texts_.end()) bad("no template " + id);
  return filled(found->second.in(language), values);
}

std::string MessageTemplates::render_subject(const std::string& id, std::string_view language,
                                             const std::map<std::string, std::string>& values) const {
  const auto found = subjects_.find(id);
  if (found == subjects_.end()) bad("no template " + id);
  return filled(found->second.in(language), values);
}

}  // namespace rp::messaging
