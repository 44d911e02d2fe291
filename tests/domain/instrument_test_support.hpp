#pragma once
// Helpers shared by the instrument tests: build Answers and check which field an
// InputError names.
#include <gtest/gtest.h>

#include <functional>
#include <initializer_list>
#include <string>
#include <utility>

#include "base/error.hpp"
#include "domain/instruments/answers.hpp"

namespace rp::instruments::testing {

inline Answers answers(std::initializer_list<std::pair<const char*, AnswerValue>> items) {
  Answers a;
  for (const auto& [id, v] : items) a.set(id, v);
  return a;
}

// The field named by the InputError `f` throws, or "<no error>".
inline std::string error_field(const std::function<void()>& f) {
  try {
    f();
  } catch (const InputError& e) {
    return e.field();
  }
  return "<no error>";
}

}  // namespace rp::instruments::testing
