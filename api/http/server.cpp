#include "api/http/server.hpp"

#include "api/http/asio.hpp"  // first: see the note in asio.hpp

#include <spdlog/spdlog.h>

#include "api/http/error_language.hpp"
#include "api/http/event_stream.hpp"
#include "api/http/response_head.hpp"
#include "base/error.hpp"

#include <array>
#include <atomic>
#include <map>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

namespace rp::api::http {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bh = beast::http;
using tcp = asio::ip::tcp;

// A connection's executor is its strand, named as a concrete type rather than Asio's
// default any_io_executor: the type-erased executor copied and reference-counted its
// strand at every suspension, about a tenth of a request's instructions.
using Executor = asio::strand<asio::io_context::executor_type>;
using Socket = asio::basic_stream_socket<tcp, Executor>;
using Stream = beast::basic_stream<tcp, Executor>;
template <class T>
using Task = asio::awaitable<T, Executor>;

// A port another program holds is the user's to change: say so, naming the option.
void bind_or_explain(tcp::acceptor& acceptor, const tcp::endpoint& ep) {
  boost::system::error_code ec;
  acceptor.bind(ep, ec);
  if (ec == asio::error::address_in_use)
    throw InputError("port", "port_in_use"_err, {{"port", ep.port()}, {"address", ep.address().to_string()}});
  if (ec) throw boost::system::system_error(ec, "bind");
}

constexpr asio::use_awaitable_t<Executor> use_task;

// The first read of a request: most requests' whole header, so the parser seldom reads again.
constexpr std::size_t kFirstRead = 4096;

// What the graceful stop needs to know about a live connection. Touched only on the
// connection's strand.
struct ConnectionState {
  Socket* socket = nullptr;
  bool idle = true;  // waiting for the next request, nothing in flight (or streaming events)
};

// An event stream's waits: the timer sleeps until the next heartbeat and is cancelled
// to wake the writer early (an event queued, the stream ended, the client gone). Touched
// only on the connection's strand; shared with the handlers that may outlive a wait.
struct StreamWatch {
  explicit StreamWatch(const Executor& ex) : timer(ex) {}
  asio::steady_timer timer;
  std::array<char, 512> scratch{};
  bool client_gone = false;
  bool reading = false;
};

std::string header(const bh::request<bh::string_body>& r, std::string_view name) {
  const auto it = r.find(beast::string_view(name.data(), name.size()));
  return it == r.end() ? std::string() : std::string(it->value());
}

// A parse error (as opposed to a closed, reset or timed-out connection).
bool malformed(const beast::error_code& ec) {
  return ec.category() == bh::make_error_code(bh::error::bad_target).category() && ec != bh::error::end_of_stream &&
         ec != bh::error::partial_message;
}

// The client's address, for counting sign-in attempts per address; empty if the socket
// is gone.
std::string peer_address(const Socket* socket) {
  boost::system::error_code ec;
  const auto endpoint = socket ? socket->remote_endpoint(ec) : tcp::endpoint();
  return socket && !ec ? endpoint.address().to_string() : std::string();
}

}  // namespace

struct Server::Impl {
  ServerConfig cfg;
  RequestHandler handler;
  AsyncRequestHandler async_handler;
  std::function<void(int)> on_connection;
  asio::io_context ioc;
  asio::thread_pool workers;
  tcp::acceptor acceptor;
  asio::signal_set signals;
  std::optional<asio::ssl::context> tls;
  std::atomic<bool> stopping{false};
  std::mutex closers_mutex;
  std::map<std::uint64_t, std::function<void()>> idle_closers;
  std::uint64_t next_connection = 0;

  Impl(const ServerConfig& c, RequestHandler h, std::function<void(int)> on_conn)
      : cfg(c),
        handler(std::move(h)),
        on_connection(std::move(on_conn)),
        ioc(c.io_threads),
        workers(static_cast<std::size_t>(c.workers)),
        acceptor(ioc),
        signals(ioc, SIGINT, SIGTERM) {
    const tcp::endpoint ep(asio::ip::make_address(cfg.address), cfg.port);
    acceptor.open(ep.protocol());
    acceptor.set_option(asio::socket_base::reuse_address(true));
    bind_or_explain(acceptor, ep);
    acceptor.listen(asio::socket_base::max_listen_connections);
    if (cfg.tls()) {
      tls.emplace(asio::ssl::context::tls_server);
      tls->set_options(asio::ssl::context::default_workarounds | asio::ssl::context::no_sslv2 |
                       asio::ssl::context::no_sslv3 | asio::ssl::context::no_tlsv1 | asio::ssl::context::no_tlsv1_1 |
                       asio::ssl::context::single_dh_use);
      tls->use_certificate_chain_file(cfg.tls_cert);
      tls->use_private_key_file(cfg.tls_key, asio::ssl::context::pem);
    }
  }

  void begin_stop() {
    if (stopping.exchange(true)) return;
    spdlog::info("stopping: finishing in-flight requests");
    beast::error_code ec;
    acceptor.close(ec);
    signals.cancel(ec);
    std::lock_guard lock(closers_mutex);
    for (auto& [id, close] : idle_closers) close();
  }

  template <class AnyStream>
  Task<void> send(AnyStream& stream, Response res, unsigned version, bool keep_alive, beast::error_code& ec) {
    if (res.parts) {
      co_await send_parts(stream, std::move(res), version, keep_alive, ec);
      co_return;
    }
    const std::string_view body = res.body_text();
    // Content-Length stays that of the body, which HEAD does not send.
    const std::string head = response_head(res, version, keep_alive, body.size());
    const std::array<asio::const_buffer, 2> buffers{asio::buffer(head),
                                                    asio::buffer(body.data(), res.head ? 0 : body.size())};
    beast::get_lowest_layer(stream).expires_after(cfg.write_timeout);
    co_await asio::async_write(stream, buffers, asio::redirect_error(use_task, ec));
  }

  // A body in parts (BodyParts): the head with the whole size, then each part as a worker
  // reads it, so that the connection's thread never waits on the database. A part that
  // could not be read, or a size that does not add up, ends the connection (ec set).
  template <class AnyStream>
  Task<void> send_parts(AnyStream& stream, Response res, unsigned version, bool keep_alive, beast::error_code& ec) {
    const std::shared_ptr<BodyParts> parts = std::move(res.parts);
    const std::string head = response_head(res, version, keep_alive, static_cast<std::size_t>(parts->size));
    beast::get_lowest_layer(stream).expires_after(cfg.write_timeout);
    co_await asio::async_write(stream, asio::buffer(head), asio::redirect_error(use_task, ec));
    if (ec || res.head) co_return;
    std::int64_t sent = 0;
    for (int i = 0; i < parts->count; ++i) {
      const std::optional<std::string> part = co_await asio::co_spawn(workers, read_part_on_worker(parts, i), use_task);
      if (!part || sent + static_cast<std::int64_t>(part->size()) > parts->size) break;
      sent += static_cast<std::int64_t>(part->size());
      beast::get_lowest_layer(stream).expires_after(cfg.write_timeout);
      co_await asio::async_write(stream, asio::buffer(*part), asio::redirect_error(use_task, ec));
      if (ec) co_return;
    }
    if (sent != parts->size) ec = asio::error::connection_aborted;
  }

  // A coroutine of its own, its arguments copied into its frame (a capturing lambda's
  // captures would live in the lambda, not the frame).
  static asio::awaitable<std::optional<std::string>> read_part_on_worker(std::shared_ptr<BodyParts> parts, int i) {
    co_return read_part(*parts, i);
  }

  static std::optional<std::string> read_part(const BodyParts& parts, int i) {
    try {
      return parts.read(i);
    } catch (const std::exception& e) {
      spdlog::warn("a body's part {} could not be read: {}", i, e.what());
      return std::nullopt;
    }
  }

  // A refusal before any route runs, in the language the request asks for.
  Response protocol_error(int status, std::string_view code, ErrorCode reason, const ErrorParams& params,
                          std::string_view accept_language) {
    Response r = error_response(status, code, reason, params);
    add_security_headers(r, cfg.tls());
    localize_error(r, accept_language);
    return r;
  }

  // A request refused while its head or body was read. Made here rather than in the
  // coroutine: GCC 12 cannot keep a braced list of params in a coroutine frame.
  template <class Parser>
  Response read_refusal(int status, const Parser& parser, const beast::flat_buffer& buffer) {
    // Beast keeps the fields it parsed before the refusal (and consumes their bytes); a
    // head refused before its fields were parsed is still in the buffer.
    std::string language = header(parser.get(), "Accept-Language");
    if (language.empty()) {
      const auto bytes = buffer.data();
      language =
          raw_header_value(std::string_view(static_cast<const char*>(bytes.data()), bytes.size()), "Accept-Language");
    }
    if (status == 413)
      return protocol_error(413, "payload_too_large", "payload_too_large"_err, {{"max", cfg.body_limit}}, language);
    if (status == 431) return protocol_error(431, "header_too_large", "header_too_large"_err, {}, language);
    return protocol_error(400, "bad_request", "malformed_request"_err, {}, language);
  }

  Response target_refusal(const bh::request<bh::string_body>& request) {
    return protocol_error(400, "bad_request", "malformed_target"_err, {}, header(request, "Accept-Language"));
  }

  Task<Response> answer(Request& req) {
    if (async_handler) {
      // Status 0 from the async path: not taken.
      Response res = co_await asio::async_initiate<const asio::use_awaitable_t<Executor>&, void(Response)>(
          [this, &req](auto resume) {
            auto shared = std::make_shared<decltype(resume)>(std::move(resume));
            // Counts as work, so that a graceful stop waits for this answer too.
            auto work =
                std::make_shared<asio::executor_work_guard<asio::io_context::executor_type>>(ioc.get_executor());
            // Resumed through the connection's executor, never inside this call.
            auto reply = [shared, work](std::function<Response()> make) {
              auto executor = shared->get_executor();
              asio::post(executor, [shared, make = std::move(make)]() { (*shared)(make()); });
            };
            if (!async_handler(req, reply)) reply([] { return Response{0, {}, {}, {}}; });
          },
          use_task);
      if (res.status != 0) co_return res;
    }
    // Handlers may wait for a group commit: run them on the worker pool, not here.
    co_return co_await asio::co_spawn(
        workers, [&]() -> asio::awaitable<Response> { co_return handler(req); }, use_task);
  }

  // One connection's requests, one after another (HTTP/1.1 keep-alive).
  template <class AnyStream>
  Task<void> serve(AnyStream& stream, ConnectionState& state) {
    beast::flat_buffer buffer;
    beast::error_code ec;
    for (;;) {
      bh::request_parser<bh::string_body> parser;
      parser.body_limit(cfg.body_limit);
      parser.header_limit(static_cast<std::uint32_t>(cfg.header_limit));
      state.idle = true;
      if (stopping) co_return;
      // The keep-alive wait lasts until the next request's first byte (a pipelined one may
      // be buffered already). From that byte on, the whole request, header and body, has
      // one deadline: a client trickling its header a byte at a time would otherwise hold
      // the connection for an idle timeout per byte.
      if (buffer.size() == 0) {
        beast::get_lowest_layer(stream).expires_after(cfg.idle_timeout);
        const std::size_t n =
            co_await stream.async_read_some(buffer.prepare(kFirstRead), asio::redirect_error(use_task, ec));
        buffer.commit(n);
        if (ec) co_return;  // closed, reset, or idle too long
      }
      beast::get_lowest_layer(stream).expires_after(cfg.request_timeout);
      co_await bh::async_read_header(stream, buffer, parser, asio::redirect_error(use_task, ec));
      state.idle = false;
      if (ec == bh::error::body_limit) {  // a Content-Length over the limit is refused unread
        co_await send(stream, read_refusal(413, parser, buffer), 11, false, ec);
        co_return;
      }
      if (ec == bh::error::header_limit) {
        co_await send(stream, read_refusal(431, parser, buffer), 11, false, ec);
        co_return;
      }
      if (ec) {
        // Closed, timed out, or not HTTP at all: answer garbage with 400, then close.
        if (malformed(ec)) co_await send(stream, read_refusal(400, parser, buffer), 11, false, ec);
        co_return;
      }
      // A request without a body (most GETs) is complete with its header: no second read.
      if (!parser.is_done())  // still within the request's deadline, set at its first byte
        co_await bh::async_read(stream, buffer, parser, asio::redirect_error(use_task, ec));
      if (ec == bh::error::body_limit) {
        co_await send(stream, read_refusal(413, parser, buffer), 11, false, ec);
        co_return;
      }
      if (ec) {
        if (malformed(ec)) co_await send(stream, read_refusal(400, parser, buffer), 11, false, ec);
        co_return;
      }
      auto& breq = parser.get();
      Request req;
      Response res;
      if (!parse_target(std::string_view(breq.target().data(), breq.target().size()), req)) {
        res = target_refusal(breq);
      } else {
        req.method = std::string(breq.method_string());
        req.body = std::move(breq.body());
        req.content_type = header(breq, "Content-Type");
        req.cookie = header(breq, "Cookie");
        req.csrf_token = header(breq, "X-CSRF-Token");
        req.idempotency_key = header(breq, "Idempotency-Key");
        req.accept_encoding = header(breq, "Accept-Encoding");
        req.accept_language = header(breq, "Accept-Language");
        req.authorization = header(breq, "Authorization");
        req.host = header(breq, "Host");
        req.prefer = header(breq, "Prefer");
        req.tls = cfg.tls();
        req.peer_address = peer_address(state.socket);
        req.forwarded_for = header(breq, "X-Forwarded-For");
        res = co_await answer(req);
        res.head = res.head || req.method == "HEAD";
      }
      if (res.stream && res.status == 200 && !res.head) {
        co_await stream_events(stream, state, std::move(res), breq.version());
        co_return;
      }
      res.stream.reset();
      const bool keep_alive = breq.keep_alive() && !stopping;
      co_await send(stream, std::move(res), breq.version(), keep_alive, ec);
      if (ec || !keep_alive) co_return;
    }
  }

  // A response that stays open (text/event-stream): the head, then whatever the stream
  // queues, until it ends, the client goes, a write stalls past the write timeout or the
  // server stops. The request's deadline no longer applies; the connection holds no
  // worker thread, only this coroutine on its strand. A pending read notices at once a
  // client that closed (a browser leaving the page), so its slot is freed at once.
  template <class AnyStream>
  Task<void> stream_events(AnyStream& stream, ConnectionState& state, Response res, unsigned version) {
    const std::shared_ptr<EventStream> events = std::move(res.stream);
    auto& lowest = beast::get_lowest_layer(stream);
    const auto executor = lowest.socket().get_executor();
    auto watch = std::make_shared<StreamWatch>(executor);
    beast::error_code ec;
    lowest.expires_never();
    lowest.expires_after(cfg.write_timeout);
    res.stream = events;  // the head leaves out Content-Length for a stream
    const std::string head = response_head(res, version, false, 0);
    co_await asio::async_write(stream, asio::buffer(head), asio::redirect_error(use_task, ec));
    // A graceful stop closes it like an idle connection.
    state.idle = !ec;
    if (!ec) {
      lowest.expires_never();
      events->set_wake([executor, weak = std::weak_ptr<StreamWatch>(watch)] {
        asio::post(executor, [weak] {
          if (auto w = weak.lock()) w->timer.cancel();
        });
      });
      // The read has no deadline (expires_never above); a client has nothing to send.
      watch->reading = true;
      stream.async_read_some(asio::buffer(watch->scratch), [watch](const beast::error_code&, std::size_t) {
        watch->client_gone = true;
        watch->reading = false;
        watch->timer.cancel();
      });
      for (;;) {
        bool ended = false;
        const std::string text = events->drain(ended);
        if (!text.empty() && !watch->client_gone) {
          // Only the write's timer is set: the read is pending, so its deadline stays never.
          lowest.expires_after(cfg.write_timeout);
          co_await asio::async_write(stream, asio::buffer(text), asio::redirect_error(use_task, ec));
          if (ec) break;
        }
        if (ended || watch->client_gone || stopping) break;
        watch->timer.expires_after(events->heartbeat_interval());
        beast::error_code waited;
        co_await watch->timer.async_wait(asio::redirect_error(use_task, waited));
        // The full interval passed, no wake: a heartbeat. Its session check may read the
        // store, which can wait for a commit: on the worker pool, not this I/O thread.
        if (!waited)
          co_await asio::co_spawn(
              workers,
              [&]() -> asio::awaitable<void> {
                try {
                  events->heartbeat();
                } catch (const std::exception& e) {
                  // The session could not be checked: end the stream; the browser
                  // reconnects and is checked afresh.
                  spdlog::warn("event stream heartbeat failed: {}", e.what());
                  events->end();
                }
                co_return;
              },
              use_task);
      }
    }
    state.idle = false;
    events->set_wake({});
    // The pending read must finish before the stream it reads goes away.
    beast::error_code ignored;
    lowest.socket().shutdown(tcp::socket::shutdown_both, ignored);
    lowest.socket().cancel(ignored);
    while (watch->reading) {
      watch->timer.expires_after(std::chrono::seconds(1));
      co_await watch->timer.async_wait(asio::redirect_error(use_task, ignored));
    }
  }

  Task<void> connection(Socket socket) {
    ConnectionState state;
    const auto executor = socket.get_executor();
    std::uint64_t id;
    {
      std::lock_guard lock(closers_mutex);
      id = next_connection++;
      idle_closers[id] = [executor, &state] {
        asio::post(executor, [&state] {
          beast::error_code ignored;
          if (state.idle && state.socket) state.socket->close(ignored);
        });
      };
    }
    if (on_connection) on_connection(+1);
    Stream stream(std::move(socket));
    state.socket = &stream.socket();
    beast::error_code ec;
    try {
      if (tls) {
        beast::ssl_stream<Stream&> secure(stream, *tls);
        stream.expires_after(cfg.request_timeout);
        co_await secure.async_handshake(asio::ssl::stream_base::server, asio::redirect_error(use_task, ec));
        if (!ec) {
          co_await serve(secure, state);
          stream.expires_after(std::chrono::seconds(5));
          co_await secure.async_shutdown(asio::redirect_error(use_task, ec));
        }
      } else {
        co_await serve(stream, state);
        stream.socket().shutdown(tcp::socket::shutdown_send, ec);
      }
    } catch (const std::exception& e) {
      spdlog::warn("connection ended by an error: {}", e.what());
    }
    state.socket = nullptr;
    {
      std::lock_guard lock(closers_mutex);
      idle_closers.erase(id);
    }
    if (on_connection) on_connection(-1);
  }

  asio::awaitable<void> accept_loop() {
    for (;;) {
      beast::error_code ec;
      Socket socket =
          co_await acceptor.async_accept(asio::make_strand(ioc), asio::redirect_error(asio::use_awaitable, ec));
      if (ec) {
        if (stopping || !acceptor.is_open()) co_return;
        continue;  // e.g. too many open files: keep serving the connections we have
      }
      socket.set_option(tcp::no_delay(true), ec);
      const auto executor = socket.get_executor();
      asio::co_spawn(executor, connection(std::move(socket)), asio::detached);
    }
  }
};

Server::Server(const ServerConfig& config, RequestHandler handler, std::function<void(int)> on_connection)
    : impl_(std::make_unique<Impl>(config, std::move(handler), std::move(on_connection))) {}

Server::~Server() = default;

void Server::set_async_handler(AsyncRequestHandler handler) { impl_->async_handler = std::move(handler); }

unsigned short Server::port() const { return impl_->acceptor.local_endpoint().port(); }

void Server::run() {
  Impl& s = *impl_;
  s.signals.async_wait([&s](const boost::system::error_code& ec, int) {
    if (!ec) s.begin_stop();
  });
  asio::co_spawn(s.ioc, s.accept_loop(), asio::detached);
  std::vector<std::thread> threads;
  for (int i = 1; i < s.cfg.io_threads; ++i) threads.emplace_back([&s] { s.ioc.run(); });
  s.ioc.run();
  for (auto& t : threads) t.join();
  s.workers.join();
}

void Server::stop() {
  asio::post(impl_->ioc, [s = impl_.get()] { s->begin_stop(); });
}

void check_port_free(const std::string& address, unsigned short port) {
  asio::io_context ioc;
  const tcp::endpoint ep(asio::ip::make_address(address), port);
  tcp::acceptor probe(ioc);
  probe.open(ep.protocol());
  probe.set_option(asio::socket_base::reuse_address(true));
  bind_or_explain(probe, ep);
}

}  // namespace rp::api::http
