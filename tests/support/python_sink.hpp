#pragma once
// A test server written in Python (Debian's /usr/bin/python3) on 127.0.0.1: the SMS
// gateway's stand-in (tests/channels/sms_sink.py) or an SMTP server
// (tests/channels/smtp_sink.py). The script prints its port; each request or message it
// receives becomes one JSON line in a record file, which the test reads back.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace rp::test {

class PythonSink {
 public:
  // `script` under tests/channels/, with `option` after the record's path when given; the
  // record goes to a fresh folder in /tmp (dir()), where a script may leave other files.
  explicit PythonSink(const std::string& script, const std::string& option = "") {
    char tmpl[] = "/tmp/rp-sink-XXXXXX";
    dir_ = ::mkdtemp(tmpl);
    record_ = dir_ + "/record.jsonl";
    const std::string path = std::string(RP_SOURCE_DIR) + "/tests/channels/" + script;
    int out[2];
    if (::pipe(out) != 0) throw std::runtime_error("pipe");
    pid_ = ::fork();
    if (pid_ == 0) {
      ::dup2(out[1], 1);
      ::close(out[0]);
      ::close(out[1]);
      if (option.empty())
        ::execl("/usr/bin/python3", "python3", path.c_str(), record_.c_str(), static_cast<char*>(nullptr));
      else
        ::execl("/usr/bin/python3", "python3", path.c_str(), record_.c_str(), option.c_str(),
                static_cast<char*>(nullptr));
      ::_exit(127);
    }
    ::close(out[1]);
    FILE* f = ::fdopen(out[0], "r");
    char line[64] = {0};
    const bool got = std::fgets(line, sizeof line, f) != nullptr;
    std::fclose(f);
    port_ = got ? std::atoi(line) : 0;
    if (port_ <= 0) throw std::runtime_error("the sink " + script + " did not start");
  }
  ~PythonSink() {
    if (pid_ > 0) {
      ::kill(pid_, SIGTERM);
      ::waitpid(pid_, nullptr, 0);
    }
    std::filesystem::remove_all(dir_);
  }
  PythonSink(const PythonSink&) = delete;
  PythonSink& operator=(const PythonSink&) = delete;

  int port() const { return port_; }
  const std::string& dir() const { return dir_; }
  std::string url(const std::string& path) const { return "http://127.0.0.1:" + std::to_string(port_) + path; }

  // Every record so far, oldest first.
  std::vector<nlohmann::json> records() const {
    std::vector<nlohmann::json> out;
    std::ifstream in(record_);
    std::string line;
    while (std::getline(in, line)) {
      auto j = nlohmann::json::parse(line, nullptr, false);
      if (!j.is_discarded()) out.push_back(std::move(j));
    }
    return out;
  }
  // Waits (up to `limit`) until at least `n` records arrived; returns them.
  std::vector<nlohmann::json> await_records(std::size_t n,
                                            std::chrono::milliseconds limit = std::chrono::seconds(10)) const {
    const auto until = std::chrono::steady_clock::now() + limit;
    auto got = records();
    while (got.size() < n && std::chrono::steady_clock::now() < until) {
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
      got = records();
    }
    return got;
  }

 private:
  std::string dir_, record_;
  pid_t pid_ = -1;
  int port_ = 0;
};

}  // namespace rp::test
