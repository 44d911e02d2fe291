#include "base/error.hpp"

#include "base/error_catalogue.hpp"

namespace rp {

// An unknown code still makes a readable sentence: the code and its values. A test keeps
// every code the source uses in the catalogue.
static std::string english_sentence(ErrorCode code, const ErrorParams& params) {
  if (auto s = errors::sentence(code.id, params, "en")) return *s;
  std::string out(code.id);
  for (const ErrorParam& p : params) out += " " + p.name + "=" + p.value;
  return out;
}

InputError::InputError(std::string field, ErrorCode code, ErrorParams params)
    : std::runtime_error(english_sentence(code, params)),
      field_(std::move(field)),
      code_(code.id),
      params_(std::move(params)) {}

}  // namespace rp
