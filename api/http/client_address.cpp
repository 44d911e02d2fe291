#include "api/http/client_address.hpp"

#include <arpa/inet.h>

#include <algorithm>
#include <array>

namespace rp::api::http {
namespace {

std::string_view trimmed(std::string_view s) {
  const auto first = s.find_first_not_of(" \t");
  if (first == std::string_view::npos) return {};
  return s.substr(first, s.find_last_not_of(" \t") - first + 1);
}

}  // namespace

std::string canonical_ip(std::string_view text) {
  const std::string s(trimmed(text));
  std::array<unsigned char, 16> bytes{};
  std::array<char, INET6_ADDRSTRLEN> out{};
  if (::inet_pton(AF_INET, s.c_str(), bytes.data()) == 1)
    return ::inet_ntop(AF_INET, bytes.data(), out.data(), out.size());
  if (::inet_pton(AF_INET6, s.c_str(), bytes.data()) == 1)
    return ::inet_ntop(AF_INET6, bytes.data(), out.data(), out.size());
  return "";
}

std::string client_address(const Request& request, const std::vector<std::string>& trusted_proxies) {
  auto trusted = [&](const std::string& ip) {
    return !ip.empty() && std::find(trusted_proxies.begin(), trusted_proxies.end(), ip) != trusted_proxies.end();
  };
  std::string hop = canonical_ip(request.peer_address);
  if (!trusted(hop)) return request.peer_address;
  // From the right: each trusted proxy appended the address it saw.
  std::string_view rest = request.forwarded_for;
  while (!rest.empty()) {
    const auto comma = rest.rfind(',');
    const std::string_view entry = comma == std::string_view::npos ? rest : rest.substr(comma + 1);
    rest = comma == std::string_view::npos ? std::string_view() : rest.substr(0, comma);
    hop = canonical_ip(entry);
    if (hop.empty()) break;
    if (!trusted(hop)) return hop;
  }
  return request.peer_address;
}

}  // namespace rp::api::http
