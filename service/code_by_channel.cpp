#include "service/code_by_channel.hpp"

#include "base/digits.hpp"

namespace rp::service {
namespace {

std::string ids_text(const std::vector<std::int64_t>& ids) {
  std::string out;
  for (const auto id : ids) out += (out.empty() ? "#" : ", #") + std::to_string(id);
  return out;
}

}  // namespace

std::string code_message_text(const std::string& code) {
  return "کد ورود رگن\u200cپث: " + persian_digits(code) + "\nregenpath sign-in code: " + code;
}

ChannelCodeSender::ChannelCodeSender(channels::Channel& channel, Log log, std::size_t queue_limit)
    : channel_(channel), log_(std::move(log)), queue_limit_(queue_limit), worker_([this] { run(); }) {}

ChannelCodeSender::~ChannelCodeSender() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  worker_.join();
}

CodeSender ChannelCodeSender::sender() {
  return [this](const std::vector<std::int64_t>& ids, const std::string& mobile, const std::string& code) {
    enqueue({ids, mobile, code});
  };
}

void ChannelCodeSender::enqueue(Pending p) {
  {
    std::lock_guard lock(mutex_);
    if (queue_.size() < queue_limit_) {
      queue_.push_back(std::move(p));
      wake_.notify_one();
      return;
    }
  }
  log_("error", "one-time code for patient " + ids_text(p.patient_ids) + " not sent: too many codes waiting");
}

void ChannelCodeSender::run() {
  for (;;) {
    Pending p;
    {
      std::unique_lock lock(mutex_);
      wake_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
      if (stopping_) return;
      p = std::move(queue_.front());
      queue_.pop_front();
    }
    deliver(p);
  }
}

void ChannelCodeSender::deliver(const Pending& p) {
  channels::OutgoingMessage message{p.mobile, "", code_message_text(p.code), "otp-" + random_hex(12)};
  channels::SendResult result;
  try {
    result = channel_.send(message);
  } catch (const std::exception& e) {
    result = {channels::SendResult::Outcome::failed, "", std::string("the channel failed: ") + e.what()};
  }
  const std::string line = "one-time code for patient " + ids_text(p.patient_ids) + " by " + channel_.name() + ": " +
                           channels::to_string(result.outcome) + " (" + result.detail + ")";
  log_(result.outcome == channels::SendResult::Outcome::sent ? "info" : "error", line);
}

}  // namespace rp::service
