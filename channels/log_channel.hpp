#pragma once
// The demo's channel: each message becomes a line of the server log that names the
// outbox's message (whose row names the patient), never the number or the text, and is
// "sent" at once. A clinic without a gateway configured sends nothing, and says so.
#include <cstdint>

#include "channels/channel.hpp"

namespace rp::channels {

class LogChannel final : public Channel {
 public:
  std::string name() const override { return "log"; }
  SendResult send(const OutgoingMessage& message) override;
  std::int64_t sent() const { return sent_; }

 private:
  std::int64_t sent_ = 0;
};

}  // namespace rp::channels
