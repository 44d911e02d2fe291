#pragma once
// The channels the server's configuration names (api/http/messaging_config.hpp): the SMS
// gateway and SMTP, each present only when configured. app/ is the one place that picks
// providers; service/ sees channels::Channel alone.
#include <memory>

#include "api/http/server_config.hpp"
#include "channels/channel.hpp"

namespace rp::app {

struct MessagingChannels {
  std::unique_ptr<channels::Channel> sms;    // null: no SMS gateway (codes go to the log)
  std::unique_ptr<channels::Channel> email;  // null: no e-mail
};

MessagingChannels messaging_channels(const api::http::ServerConfig& config);

}  // namespace rp::app
