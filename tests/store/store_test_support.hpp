#pragma once
#include <filesystem>
#include <string>

#include <unistd.h>

namespace rp::test {

// A fresh database path in a private temporary folder, removed at the end of the test.
class TempDb {
 public:
  TempDb() {
    dir_ = std::filesystem::temp_directory_path() /
           ("rp-store-" + std::to_string(::getpid()) + "-" + std::to_string(counter()++));
    std::filesystem::create_directories(dir_);
  }
  ~TempDb() { std::filesystem::remove_all(dir_); }
  std::string path() const { return (dir_ / "test.db").string(); }
  const std::filesystem::path& dir() const { return dir_; }

 private:
  static int& counter() {
    static int n = 0;
    return n;
  }
  std::filesystem::path dir_;
};

}  // namespace rp::test
