#pragma once
// What SMS and e-mail adapters share of libcurl: one global initialisation before any
// thread uses it, and the outcome of a transfer that failed before an answer.
#include <curl/curl.h>

#include <memory>

#include "channels/channel.hpp"

namespace rp::channels {

// curl_global_init, once per process, before the first handle.
void init_curl_once();

struct CurlHandleDeleter {
  void operator()(CURL* c) const { curl_easy_cleanup(c); }
};
using CurlHandle = std::unique_ptr<CURL, CurlHandleDeleter>;
CurlHandle new_curl_handle();

// A transfer that ended with `code` and no usable answer: `failed` (safe to retry) when
// nothing reached the provider, `unknown` when the request went out and then the answer
// did not come (a timeout, a cut connection): the provider may have acted on it.
SendResult transport_failure(CURL* handle, CURLcode code);

}  // namespace rp::channels
