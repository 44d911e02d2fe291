#include "channels/curl_transfer.hpp"

#include <mutex>
#include <stdexcept>
#include <string>

namespace rp::channels {

void init_curl_once() {
  static std::once_flag once;
  std::call_once(once, [] {
    if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) throw std::runtime_error("libcurl failed to initialise");
  });
}

CurlHandle new_curl_handle() {
  init_curl_once();
  CurlHandle h(curl_easy_init());
  if (!h) throw std::runtime_error("libcurl: no handle");
  return h;
}

SendResult transport_failure(CURL* handle, CURLcode code) {
  using O = SendResult::Outcome;
  // curl_easy_strerror names the kind of failure only: never the URL (which may carry an
  // API key or the number), the host or the text.
  const std::string what = std::string("transport: ") + curl_easy_strerror(code);
  long request_bytes = 0;
  curl_easy_getinfo(handle, CURLINFO_REQUEST_SIZE, &request_bytes);
  switch (code) {
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_RESOLVE_PROXY:
    case CURLE_COULDNT_CONNECT:
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_USE_SSL_FAILED:
    case CURLE_LOGIN_DENIED:
      return {O::failed, "", what};
    default:
      break;
  }
  // Anything else: whether the request left decides between safe to retry and unknown.
  if (request_bytes > 0) return {O::unknown, "", what + " (after the request was sent)"};
  return {O::failed, "", what};
}

}  // namespace rp::channels
