#include "channels/log_channel.hpp"

#include <spdlog/spdlog.h>

namespace rp::channels {

SendResult LogChannel::send(const OutgoingMessage& message) {
  ++sent_;
  // The idempotency key names the outbox's message ("message-12"), whose row names the
  // patient; the number and the text stay out of the log.
  spdlog::info("messages: {} written to the log, not sent to the patient (no gateway configured)",
               message.idempotency_key);
  return {SendResult::Outcome::sent, "log-" + message.idempotency_key, "written to the server log"};
}

}  // namespace rp::channels
