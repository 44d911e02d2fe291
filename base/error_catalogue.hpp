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

// Transitional: the code and params of a sentence written in English at a throw site,
// found by matching the catalogue's English sentences (a parameter matches what its type
// allows). Nullopt for a sentence the catalogue does not know, or one longer than
// kLongestRecognised (libstdc++'s regex recurses once per character).
struct Recognised {
  std::string code;
  ErrorParams params;
};
inline constexpr std::size_t kLongestRecognised = 512;
std::optional<Recognised> recognise(std::string_view english);

// An error's code and params: its own, else those recognised from its English text.
std::optional<Recognised> coded(const InputError& e);

// An error's sentence in `language`: from its code (or its recognised English text);
// an error the catalogue does not know keeps its English sentence.
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
