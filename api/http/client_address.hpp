#pragma once
// The client's address, as sign-in counts attempts by it. Behind a reverse proxy every
// connection comes from the proxy: then the address the proxy appended to
// X-Forwarded-For is the client's, believed only when the connection comes from a proxy
// the configuration trusts (a client can write any X-Forwarded-For it likes).
#include <string>
#include <string_view>
#include <vector>

#include "api/http/message.hpp"

namespace rp::api::http {

// The canonical text of an IP address (IPv4 or IPv6), or "" for anything else.
std::string canonical_ip(std::string_view text);

// The socket's peer, unless it is one of `trusted_proxies`: then the rightmost address of
// X-Forwarded-For that is not itself a trusted proxy (the peer when there is none, or
// when that entry is not an IP address).
std::string client_address(const Request& request, const std::vector<std::string>& trusted_proxies);

}  // namespace rp::api::http
