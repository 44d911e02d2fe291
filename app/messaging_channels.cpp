#include "app/messaging_channels.hpp"

#include "channels/sms_http.hpp"
#include "channels/smtp_mail.hpp"

namespace rp::app {

MessagingChannels messaging_channels(const api::http::ServerConfig& config) {
  MessagingChannels out;
  if (config.sms_configured()) out.sms = std::make_unique<channels::SmsHttpChannel>(config.sms);
  if (config.smtp_configured()) out.email = std::make_unique<channels::SmtpMailChannel>(config.smtp);
  return out;
}

}  // namespace rp::app
