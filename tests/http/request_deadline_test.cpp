// One deadline for a whole request: a client that sends its header a byte at a time is
// cut off at the request deadline (REGENPATH_REQUEST_TIMEOUT, 2 s here), not held open
// for an idle timeout per byte. The keep-alive wait between requests keeps its own,
// longer timeout.
#include <gtest/gtest.h>
#include <poll.h>

#include <chrono>
#include <thread>

#include "http_test_support.hpp"

namespace rp::test {
namespace {

using std::chrono::steady_clock;

int connect_loopback(int port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<std::uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    ::close(fd);
    throw std::runtime_error("cannot connect to the server");
  }
  return fd;
}

// Whether the server closed the connection within `wait` (end of stream or reset).
bool closed_within(int fd, std::chrono::milliseconds wait) {
  pollfd p{fd, POLLIN, 0};
  if (::poll(&p, 1, static_cast<int>(wait.count())) <= 0) return false;
  char byte = 0;
  return ::recv(fd, &byte, 1, MSG_DONTWAIT) <= 0;
}

// Sends a whole request on an open connection and reads one reply (its Content-Length).
Reply exchange_on(int fd, const std::string& request) {
  if (::send(fd, request.data(), request.size(), MSG_NOSIGNAL) != static_cast<ssize_t>(request.size())) return {};
  std::string in;
  char buf[4096];
  for (;;) {
    const auto head_end = in.find("\r\n\r\n");
    if (head_end != std::string::npos) {
      const Reply head = parse_reply(in);
      const std::string length = head.header("content-length");
      if (in.size() >= head_end + 4 + (length.empty() ? 0 : std::stoul(length))) return parse_reply(in);
    }
    const auto n = ::recv(fd, buf, sizeof buf, 0);
    if (n <= 0) return parse_reply(in);
    in.append(buf, static_cast<std::size_t>(n));
  }
}

class RequestDeadline : public ::testing::Test {
 protected:
  void SetUp() override {
    seed(dir_.file("deadline.db"));
    server_ = std::make_unique<ServerProcess>(dir_.file("deadline.db"),
                                              std::vector<std::string>{"REGENPATH_REQUEST_TIMEOUT=2"});
  }
  TempDir dir_;
  std::unique_ptr<ServerProcess> server_;
};

TEST_F(RequestDeadline, ATricklingHeaderIsCutAtTheDeadline) {
  const int fd = connect_loopback(server_->port());
  // A header that never ends, one byte a second, for up to 15 s.
  const std::string header = "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Trickle: " + std::string(64, 't');
  const auto start = steady_clock::now();
  bool closed = false;
  std::size_t sent = 0;
  while (!closed && sent < header.size() && steady_clock::now() - start < std::chrono::seconds(15)) {
    if (::send(fd, &header[sent], 1, MSG_NOSIGNAL) != 1) {
      closed = true;
      break;
    }
    ++sent;
    closed = closed_within(fd, std::chrono::milliseconds(1000));
  }
  const auto elapsed = std::chrono::duration<double>(steady_clock::now() - start).count();
  ::close(fd);
  ASSERT_TRUE(closed) << "the server still held the connection after " << sent << " bytes over " << elapsed << " s";
  // Configured 2 s: closed well before 10 s, and not before the deadline had a chance.
  EXPECT_LT(elapsed, 10.0) << sent << " bytes";
  EXPECT_GE(elapsed, 1.0) << sent << " bytes";
}

TEST_F(RequestDeadline, AKeptAliveConnectionWaitsLongerThanTheDeadlineForTheNextRequest) {
  const int fd = connect_loopback(server_->port());
  const std::string request = "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
  // Longer than the request deadline, shorter than the idle timeout (60 s): not cut off.
  std::this_thread::sleep_for(std::chrono::milliseconds(3000));
  EXPECT_EQ(exchange_on(fd, request).status, 200);
  std::this_thread::sleep_for(std::chrono::milliseconds(3000));
  EXPECT_EQ(exchange_on(fd, request).status, 200);
  ::close(fd);
}

// A request sent whole, however late in a connection's life, gets its answer; a body
// that arrives in pieces within the deadline is read whole.
TEST_F(RequestDeadline, ARequestInPiecesWithinTheDeadlineIsAnswered) {
  const int fd = connect_loopback(server_->port());
  const std::string body = R"({"username":"nobody.here","password":"not-the-password-1"})";
  const std::string head =
      "POST /api/v1/auth/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
      "Content-Length: " +
      std::to_string(body.size()) + "\r\n\r\n";
  ASSERT_EQ(::send(fd, head.data(), head.size(), MSG_NOSIGNAL), static_cast<ssize_t>(head.size()));
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  EXPECT_EQ(exchange_on(fd, body).status, 401);
  ::close(fd);
}

}  // namespace
}  // namespace rp::test
