#pragma once
// How both stores keep a consent document's sections and questions
// (0043_consent_documents.sql): one JSON text column,
//   {"sections": [{"heading": {"en","fa"}, "body": {"en","fa"}}],
//    "questions": [{"prompt": {"en","fa"}, "options": [{"en","fa"}], "correct": n}]}
#include <string>

#include "domain/consent/document.hpp"

namespace rp::store {

std::string consent_content_json(const consent::Document& d);
// Reads the column into d's sections and questions; a malformed column throws
// std::runtime_error (the store wrote it: not a user's input).
void read_consent_content(const std::string& json_text, consent::Document& d);

}  // namespace rp::store
