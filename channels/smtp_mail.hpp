#pragma once
// E-mail through SMTP (libcurl): STARTTLS on a smtp:// URL (required, or used when the
// server offers it), implicit TLS on smtps://, authentication when a user is set. The
// message is MIME with its subject and body in UTF-8 (base64), so Persian arrives intact.
#include <chrono>
#include <string>

#include "channels/channel.hpp"

namespace rp::channels {

struct SmtpConfig {
  std::string url;                // smtp://host:587 or smtps://host:465; empty: no e-mail channel
  bool starttls_required = true;  // refuse to send over a connection that stayed plain
  std::string user, password;     // empty user: no authentication
  std::string from;               // the sender's address, e.g. clinic@example.ir
  // PEM certificates to trust instead of the system's (a clinic's own mail server signed by
  // its own authority); empty: the system's. The server's certificate is always verified.
  std::string ca_file;
  std::chrono::milliseconds timeout{30000};
};

// The message as it goes over the wire (RFC 5322 + MIME): Date, From, To, an RFC 2047
// encoded Subject, a Message-ID made from the idempotency key (so a resend of the same
// message carries the same id), and the body in base64 UTF-8 with CRLF line ends.
std::string mime_message(const SmtpConfig& config, const OutgoingMessage& message, const std::string& date,
                         const std::string& message_id);

class SmtpMailChannel final : public Channel {
 public:
  explicit SmtpMailChannel(SmtpConfig config);
  std::string name() const override { return "email"; }
  SendResult send(const OutgoingMessage& message) override;

 private:
  SmtpConfig config_;
};

}  // namespace rp::channels
