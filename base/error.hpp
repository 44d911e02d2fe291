#pragma once
// Errors that reach a user. An InputError names the field, the rule it broke (a code of
// the error catalogue, messages/errors.json) and the values the rule's sentence needs;
// callers turn it into exit code 2 (CLI) or an HTTP 4xx (API) and write nothing. The
// catalogue makes the sentence in English (what()) and in Persian.
#include <concepts>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace rp {

// A catalogue code, written "patient_not_found"_err so that a test can find every code
// the source uses and check the catalogue has it.
struct ErrorCode {
  std::string_view id;
};

inline constexpr ErrorCode operator""_err(const char* id, std::size_t size) { return ErrorCode{{id, size}}; }

// One named value of an error's sentence, as plain text; the catalogue's type for the
// name says how each language writes it (digits, a Jalali date, a state's name). A text
// that has its own Persian (the rule a protocol file broke) carries it in `fa`, which the
// Persian sentence writes as it is; `value` is the English and what the API's params show.
struct ErrorParam {
  std::string name;
  std::string value;
  std::string fa;  // empty: the Persian is made from `value` by the param's type
  ErrorParam(std::string n, std::string v) : name(std::move(n)), value(std::move(v)) {}
  ErrorParam(std::string n, std::string en, std::string persian)
      : name(std::move(n)), value(std::move(en)), fa(std::move(persian)) {}
  ErrorParam(std::string n, const char* v) : name(std::move(n)), value(v) {}
  ErrorParam(std::string n, std::string_view v) : name(std::move(n)), value(v) {}
  template <std::integral T>
  ErrorParam(std::string n, T v) : name(std::move(n)), value(std::to_string(v)) {}
};

using ErrorParams = std::vector<ErrorParam>;

class InputError : public std::runtime_error {
 public:
  // what() is the catalogue's English sentence with the params in it; every error that
  // reaches a user has a code, so each language makes its sentence from code and params.
  InputError(std::string field, ErrorCode code, ErrorParams params = {});

  const std::string& field() const { return field_; }
  const std::string& code() const { return code_; }
  const ErrorParams& params() const { return params_; }

 private:
  std::string field_;
  std::string code_;
  ErrorParams params_;
};

// A request that is well formed but not allowed in the current state
// (an illegal transition, a duplicate record number).
class ConflictError : public InputError {
 public:
  using InputError::InputError;
};

// The named thing does not exist (unknown patient, unknown protocol).
class NotFoundError : public InputError {
 public:
  using InputError::InputError;
};

// The actor's role or centre does not allow the action (HTTP 403).
class ForbiddenError : public InputError {
 public:
  using InputError::InputError;
};

}  // namespace rp
