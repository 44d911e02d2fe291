#pragma once
// The texts sent to patients, as data (messages/patient-messages.yaml, compiled in): one
// template per kind of message in English and Persian, with placeholders in braces.
#include <map>
#include <string>
#include <string_view>

#include "domain/protocol.hpp"

namespace rp::messaging {

class MessageTemplates {
 public:
  // Reads the file's text. Throws InputError("templates", message_template) when a
  // template or its subject lacks a language or names a placeholder that is not one of
  // {name}, {item}, {date}, {link}, {centre}, {record}.
  static MessageTemplates parse(std::string_view yaml_text);
  // The file compiled into the binary, read once.
  static const MessageTemplates& built_in();

  bool has(const std::string& id) const { return texts_.count(id) != 0; }
  // The template's text in `language` ("fa", else English) with each placeholder
  // replaced by its value (a missing value becomes empty). InputError for an unknown id.
  std::string render(const std::string& id, std::string_view language,
                     const std::map<std::string, std::string>& values) const;
  // The template's e-mail subject line, filled the same way.
  std::string render_subject(const std::string& id, std::string_view language,
                             const std::map<std::string, std::string>& values) const;

 private:
  std::map<std::string, LocalText> texts_, subjects_;
};

// The text of messages/patient-messages.yaml (generated from the file at build time).
extern const char* const kPatientMessagesYaml;

}  // namespace rp::messaging
