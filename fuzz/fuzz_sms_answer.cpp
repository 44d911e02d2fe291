// Fuzzes the reading of an SMS provider's answer (channels/provider_answer.hpp). The
// input's first line is a JSON path, the rest an answer body: any bytes give an outcome
// and never throw; a provider id is given only when sent, and a sent answer with a
// success test holds the success value at its path.
#include <cstdint>
#include <string_view>

#include "channels/provider_answer.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const auto newline = input.find('\n');
  const std::string_view path = newline == std::string_view::npos ? "" : input.substr(0, newline);
  const std::string_view body = newline == std::string_view::npos ? input : input.substr(newline + 1);
  using rp::channels::SendResult;
  (void)rp::channels::scalar_at(body, path);
  const rp::channels::AnswerRules rules{std::string(path), "return.status", "200"};
  for (const long status : {200L, 404L, 503L}) {
    const SendResult r = rp::channels::read_answer(rules, status, body);
    if (r.outcome != SendResult::Outcome::sent && !r.provider_id.empty()) __builtin_trap();
    if (r.outcome == SendResult::Outcome::sent && rp::channels::scalar_at(body, "return.status") != "200")
      __builtin_trap();
    if (status != 200 && r.outcome == SendResult::Outcome::sent) __builtin_trap();
  }
  return 0;
}
