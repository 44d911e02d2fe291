#pragma once
// The HTTP/1.1 server: Boost.Beast on Asio with C++20 coroutines. A few I/O threads
// read and write sockets; handlers run on a worker pool because they may wait for a
// group commit. Keep-alive, header and body limits, timeouts, optional TLS, and a
// graceful stop: the listener closes, idle connections close, in-flight requests
// finish and are answered, then run() returns.
#include <functional>
#include <memory>
#include <string>

#include "api/http/message.hpp"
#include "api/http/server_config.hpp"

namespace rp::api::http {

using RequestHandler = std::function<Response(Request&)>;
// Takes a request it can answer without holding a thread (true) and replies later, from
// any thread, with a function that makes the response; the server runs that function on
// the connection's executor. False leaves the request to the RequestHandler on the
// worker pool.
using AsyncRequestHandler = std::function<bool(Request&, std::function<void(std::function<Response()>)> reply)>;

class Server {
 public:
  Server(const ServerConfig& config, RequestHandler handler, std::function<void(int delta)> on_connection = {});
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Before run(): requests it takes skip the worker pool (see AsyncRequestHandler).
  void set_async_handler(AsyncRequestHandler handler);
  // The bound port (useful when the config asked for port 0).
  unsigned short port() const;
  // Serves until stop() or SIGTERM/SIGINT.
  void run();
  // Thread-safe; begins the graceful stop.
  void stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Throws InputError("port") naming the option when another program holds the port: for
// a command to refuse before it does anything else (the demo rebuilds its database).
void check_port_free(const std::string& address, unsigned short port);

}  // namespace rp::api::http
