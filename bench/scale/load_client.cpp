#include "bench/scale/load_client.hpp"

// Boost 1.74's Asio needs <utility> before it (api/http/asio.hpp says why).
#include <utility>

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <cctype>
#include <chrono>
#include <nlohmann/json.hpp>
#include <optional>
#include <stdexcept>

namespace rp::bench::scale {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;

struct LoadClient::Connection {
  asio::io_context io;
  std::optional<beast::tcp_stream> stream;
  beast::flat_buffer buffer;
};

LoadClient::LoadClient(std::string host, unsigned short port)
    : c_(std::make_unique<Connection>()), host_(std::move(host)), port_(port) {}

LoadClient::~LoadClient() {
  if (c_->stream) {
    beast::error_code ignored;
    c_->stream->socket().shutdown(asio::ip::tcp::socket::shutdown_both, ignored);
  }
}

Answer LoadClient::send(const std::string& method, const std::string& target, const std::string& body, bool gzip) {
  http::request<http::string_body> req{http::string_to_verb(method), target, 11};
  req.set(http::field::host, host_);
  if (gzip) req.set(http::field::accept_encoding, "gzip");
  req.keep_alive(true);
  if (!cookie_.empty()) req.set(http::field::cookie, cookie_);
  if (method != "GET") {
    req.set(http::field::content_type, "application/json");
    if (!csrf_.empty()) req.set("X-CSRF-Token", csrf_);
    req.body() = body;
    req.prepare_payload();
  }
  // One retry on a fresh connection: the server may have closed an idle keep-alive one.
  for (int attempt = 0; attempt < 2; ++attempt) {
    const auto start = std::chrono::steady_clock::now();
    beast::error_code ec;
    if (!c_->stream) {
      c_->stream.emplace(c_->io);
      c_->stream->connect(asio::ip::tcp::endpoint(asio::ip::make_address(host_), port_), ec);
      if (ec) {
        c_->stream.reset();
        continue;
      }
      c_->stream->socket().set_option(asio::ip::tcp::no_delay(true));
    }
    http::write(*c_->stream, req, ec);
    http::response_parser<http::string_body> parser;
    parser.body_limit(boost::none);  // a whole worklist may be tens of megabytes
    if (!ec) http::read(*c_->stream, c_->buffer, parser, ec);
    if (ec) {
      c_->stream.reset();
      c_->buffer.clear();
      continue;
    }
    Answer a;
    a.ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    auto res = parser.release();
    a.status = static_cast<int>(res.result_int());
    a.body = std::move(res.body());
    if (!res.keep_alive()) c_->stream.reset();
    if (method == "POST" && target == "/api/v1/auth/login") {
      for (const auto& field : res) {
        if (field.name() != http::field::set_cookie) continue;
        const std::string value(field.value());
        if (value.rfind("rp_session=", 0) == 0) cookie_ = value.substr(0, value.find(';'));
      }
    }
    return a;
  }
  return {};
}

void LoadClient::sign_in(const std::string& username, const std::string& password) {
  const Answer a =
      send("POST", "/api/v1/auth/login", nlohmann::json{{"username", username}, {"password", password}}.dump());
  if (a.status != 200) throw std::runtime_error("sign-in refused for " + username + ": " + std::to_string(a.status));
  csrf_ = nlohmann::json::parse(a.body).value("csrf_token", "");
}

Answer LoadClient::get(const std::string& target, bool as_browser) { return send("GET", target, "", as_browser); }

Answer LoadClient::post(const std::string& target, const std::string& json) { return send("POST", target, json); }

std::string url_encoded(const std::string& text) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (const unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('%');
      out.push_back(hex[c >> 4]);
      out.push_back(hex[c & 15]);
    }
  }
  return out;
}

}  // namespace rp::bench::scale
