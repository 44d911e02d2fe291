#pragma once
// The portal's one-time codes sent through a channel (the SMS gateway), off the
// requester's thread: asking for a code answers at once and alike whether the number is
// known and whether the gateway is up, so neither the answer nor its timing tells who is
// registered. A failed send is logged with the patients' ids and the outcome only, never
// the number or the code.
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "channels/channel.hpp"
#include "service/auth.hpp"

namespace rp::service {

// The code's text: Persian (Persian digits) then English, one line each. Patients have no
// language of their own yet, and one short message of both fits a single SMS.
std::string code_message_text(const std::string& code);

class ChannelCodeSender {
 public:
  // `log(level, line)` receives one line per send: level "info" when sent, "error" when not.
  using Log = std::function<void(const std::string& level, const std::string& line)>;
  // At most `queue_limit` codes wait; beyond, a code is dropped (and logged): a flood of
  // requests is already refused by the code budgets, this only bounds memory.
  ChannelCodeSender(channels::Channel& channel, Log log, std::size_t queue_limit = 256);
  ~ChannelCodeSender();  // codes still waiting are dropped (they expire in minutes anyway)
  ChannelCodeSender(const ChannelCodeSender&) = delete;
  ChannelCodeSender& operator=(const ChannelCodeSender&) = delete;

  // What service::Auth takes: queues the code and returns.
  CodeSender sender();

 private:
  struct Pending {
    std::vector<std::int64_t> patient_ids;
    std::string mobile, code;
  };
  void enqueue(Pending p);
  void run();
  void deliver(const Pending& p);

  channels::Channel& channel_;
  Log log_;
  std::size_t queue_limit_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<Pending> queue_;
  bool stopping_ = false;
  std::thread worker_;
};

}  // namespace rp::service
