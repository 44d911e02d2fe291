#pragma once
// How both stores keep a consent document's sections and questions
// (0043_consent_documents.sql): one JSON text column,
//   {"sections": [{"heading": {"en","fa"}, "body": {"en","fa"}}],
//    "questions": [{"prompt": {"en","fa"}, "options": [{"en","fa"}], "correct": n}]}
#include <string>

#include "domain/consent/document.hpp"
#include "domain/consent/signing.hpp"

namespace rp::store {

std::string consent_content_json(const consent::Document& d);
// Reads the column into d's sections and questions; a malformed column throws
// std::runtime_error (the store wrote it: not a user's input).
void read_consent_content(const std::string& json_text, consent::Document& d);

// A signed consent's columns (0044_consent_signatures.sql): the copy shown as JSON
//   {"language", "title", "figures_as_of", "sections": [{"heading", "blocks": [{"text", "figure"}]}],
//    "questions": [{"prompt", "options": [...]}]},
// the answers as "0,2,1" and the PDF's bytes in base64. Malformed columns throw
// std::runtime_error naming `what`.
std::string shown_copy_json(const consent::ShownCopy& copy);
consent::ShownCopy read_shown_copy(const std::string& json_text, const std::string& what);
std::string answers_text(const std::vector<int>& answers);
std::vector<int> parse_answers(const std::string& text, const std::string& what);
std::string base64_of(const std::string& bytes);
std::string bytes_of_base64(const std::string& text, const std::string& what);

}  // namespace rp::store
