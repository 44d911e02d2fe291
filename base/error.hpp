#pragma once
// Errors that reach a user. An InputError names the field and the rule it broke;
// callers turn it into exit code 2 (CLI) or an HTTP 4xx (API) and write nothing.
#include <stdexcept>
#include <string>

namespace rp {

class InputError : public std::runtime_error {
 public:
  InputError(std::string field, const std::string& message) : std::runtime_error(message), field_(std::move(field)) {}
  const std::string& field() const { return field_; }

 private:
  std::string field_;
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

}  // namespace rp

namespace rp {

// The actor's role or centre does not allow the action (HTTP 403).
class ForbiddenError : public InputError {
 public:
  using InputError::InputError;
};

}  // namespace rp
