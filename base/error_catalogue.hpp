#pragma once
// The error catalogue (messages/errors.json, compiled in): for each error code its
// sentence in English and in Persian, with named parameters whose type says how each
// language writes them. The API, the command line and the tests read it from here; the
// web app reads the same file.
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/error.hpp"

namespace rp::errors {

// The sentence of `code` in `language` ("en" or "fa"; anything else is English) with the
// params written in; nullopt for a code the catalogue does not have.
std::optional<std::string> sentence(std::string_view code, const ErrorParams& params, std::string_view language);

// An error's sentence in `language`, made from its code and params (its English
// sentence, what(), for a code the catalogue lacks).
std::string message(const InputError& e, std::string_view language);

// One catalogue entry, for tests and tools.
struct Entry {
  std::string code;
  std::string en;
  std::string fa;
  std::vector<std::pair<std::string, std::string>> params;  // name, type
};
const std::vector<Entry>& entries();

}  // namespace rp::errors
