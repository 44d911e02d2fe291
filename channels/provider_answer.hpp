#pragma once
// Reading what an SMS provider answered, by configuration rather than code per provider:
// the JSON path of its message id and an optional success test (a path whose value must
// equal a given text, e.g. return.status == 200). Pure: no I/O, so a fuzz target drives
// it with any bytes (fuzz/fuzz_sms_answer.cpp).
#include <optional>
#include <string>
#include <string_view>

#include "channels/channel.hpp"

namespace rp::channels {

// A path into a JSON document: keys separated by dots, array elements by their index,
// as `entries.0.messageid` or `entries[0].messageid`. Empty: the document itself.
// The scalar found there as text (a string as is, a number or boolean as JSON writes
// it), or nullopt when the body is not JSON, the path is missing or leads to an object
// or array. Never throws.
std::optional<std::string> scalar_at(std::string_view json_body, std::string_view path);

struct AnswerRules {
  std::string message_id_path;  // empty: the provider's id is not read
  std::string success_path;     // empty: HTTP 2xx alone is success
  std::string success_value;    // the text success_path must hold
};

// Answers larger than this are not read (the transfer stops there): a provider's answer
// to one message is a few hundred bytes.
inline constexpr std::size_t kMaxAnswerBytes = 64 * 1024;

// What an HTTP answer means for the message: the outcome, the provider id when sent, and
// a detail naming the status and the rule that decided, never the answer's text (it may
// echo the number or the message).
SendResult read_answer(const AnswerRules& rules, long http_status, std::string_view body);

}  // namespace rp::channels
