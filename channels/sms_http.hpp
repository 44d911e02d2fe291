#pragma once
// An SMS gateway over HTTP whose request is configuration, as Iranian providers expose
// HTTP APIs (an API key in the URL or a header, the number, the text and the sender's
// own id in a form or JSON body): one adapter for all of them, no code per provider.
#include <chrono>
#include <string>
#include <utility>
#include <vector>

#include "channels/channel.hpp"
#include "channels/provider_answer.hpp"

namespace rp::channels {

// How a placeholder's value is written into the body.
enum class BodyEncoding {
  json,  // JSON-string-escaped, for a template like {"receptor":"{to}","message":"{text}"}
  form,  // percent-encoded, for receptor={to_local}&message={text}
};

// Placeholders, in the URL (always percent-encoded) and the body (per `encoding`):
// {to} the number as +989XXXXXXXXX, {to_local} as 09XXXXXXXXX, {text} the message,
// {key} the message's idempotency key (a provider's "local id", so that it can refuse
// a second message with the same key).
struct SmsGatewayConfig {
  std::string url;  // empty: no gateway configured
  std::string method = "POST";
  std::vector<std::pair<std::string, std::string>> headers;  // sent as they are (an API key, Accept)
  BodyEncoding encoding = BodyEncoding::form;
  std::string body;  // the body template; empty for a GET whose URL carries everything
  AnswerRules answer;
  std::chrono::milliseconds timeout{10000};         // the whole exchange
  std::chrono::milliseconds connect_timeout{5000};  // reaching the provider
};

// `template_text` with each placeholder replaced by its value written per `encoding`.
// Exposed for its tests; text outside placeholders is kept byte for byte.
std::string fill_template(std::string_view template_text, const OutgoingMessage& message, BodyEncoding encoding);

// A +989XXXXXXXXX number in its local form 09XXXXXXXXX (other text as it is).
std::string local_mobile(const std::string& international);

class SmsHttpChannel final : public Channel {
 public:
  explicit SmsHttpChannel(SmsGatewayConfig config);
  std::string name() const override { return "sms"; }
  // Safe to call from several threads at once (each call has its own transfer).
  SendResult send(const OutgoingMessage& message) override;

 private:
  SmsGatewayConfig config_;
};

}  // namespace rp::channels
