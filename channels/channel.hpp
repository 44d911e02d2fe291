#pragma once
// What the outbox (service/messaging/) needs of a way to reach a patient: send one
// message and say what became of it. channels/ sits beside store/, a layer of adapters
// to the world outside (an SMS gateway over HTTP, SMTP for e-mail, the server log for
// the demo); app/ picks one from the configuration, so the scheduler never knows which
// provider it talks to.
#include <string>

namespace rp::channels {

struct OutgoingMessage {
  std::string to;       // +989XXXXXXXXX for SMS, an address for e-mail
  std::string subject;  // e-mail only
  std::string body;     // the rendered text, in the patient's language and digits
  // The same for every attempt at one message (the outbox's message id), so that a
  // provider that honours it never delivers a resent message twice.
  std::string idempotency_key;
};

struct SendResult {
  enum class Outcome {
    sent,      // the provider took it; delivery may still be reported later
    failed,    // the provider refused it or could not be reached: safe to try again
    unknown,   // it may or may not have gone (a timeout after the request was sent)
    rejected,  // the provider says it can never go (a bad number): no retry
  };
  Outcome outcome = Outcome::failed;
  std::string provider_id;  // the provider's id of the message, for delivery reports
  std::string detail;       // what happened, for the attempt log; never the text or the number
};

// The outcome as the attempt log and the server log write it.
inline const char* to_string(SendResult::Outcome o) {
  switch (o) {
    case SendResult::Outcome::sent:
      return "sent";
    case SendResult::Outcome::failed:
      return "failed";
    case SendResult::Outcome::unknown:
      return "unknown";
    case SendResult::Outcome::rejected:
      return "rejected";
  }
  return "unknown";
}

class Channel {
 public:
  virtual ~Channel() = default;
  virtual std::string name() const = 0;  // "sms", "email", "log"
  virtual SendResult send(const OutgoingMessage& message) = 0;
};

}  // namespace rp::channels
