#pragma once
// A plain HTTP/1.1 client for the scale bench's load: one keep-alive connection to the
// server on loopback, a signed-in staff session (its cookie and CSRF token), and requests
// timed from the first byte written to the last byte of the answer read.
#include <cstdint>
#include <memory>
#include <string>

namespace rp::bench::scale {

struct Answer {
  int status = 0;  // 0: the connection failed
  std::string body;
  double ms = 0;
};

class LoadClient {
 public:
  LoadClient(std::string host, unsigned short port);
  ~LoadClient();
  LoadClient(const LoadClient&) = delete;
  LoadClient& operator=(const LoadClient&) = delete;

  // Signs in; throws std::runtime_error naming the username when the server refuses.
  void sign_in(const std::string& username, const std::string& password);
  // `as_browser`: asks for gzip as a browser does (the server's cost includes
  // compressing); else for the plain JSON, to read it.
  Answer get(const std::string& target, bool as_browser = true);
  Answer post(const std::string& target, const std::string& json);

 private:
  Answer send(const std::string& method, const std::string& target, const std::string& body, bool gzip = true);
  struct Connection;
  std::unique_ptr<Connection> c_;
  std::string host_;
  unsigned short port_;
  std::string cookie_, csrf_;
};

// Text for a URL's query: every byte but unreserved ASCII percent-encoded (UTF-8 names, '+').
std::string url_encoded(const std::string& text);

}  // namespace rp::bench::scale
