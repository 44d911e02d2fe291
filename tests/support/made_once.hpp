#pragma once
// A folder that is slow to fill (a seeded database, a demo database), filled once per
// build of the programs that fill it and shared by every test process that asks. CTest
// runs each test in a process of its own, so a fixture made "once per suite" was made
// once per test: seeding hashes fourteen passwords (argon2id, a quarter second each) and
// the demo builds hundreds of episodes.
#include <unistd.h>

#include <cctype>
#include <chrono>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <functional>
#include <stdexcept>
#include <string>
#include <system_error>

namespace rp::test {

// A program file's identity: rebuilding the store or the service relinks the programs,
// so a folder made by an older build is never used.
inline std::string build_stamp(const std::filesystem::path& program) {
  namespace fs = std::filesystem;
  const auto written = static_cast<unsigned long long>(fs::last_write_time(program).time_since_epoch().count());
  return std::to_string(written) + "-" + std::to_string(fs::file_size(program));
}

// The folder build/test-cache/<name>-<stamps>, made by `fill` on first use. Tests that
// start together may each fill one under a name of their own; one is renamed into place
// and the others are dropped, so no test reads a half-filled folder. `fill` must make the
// same contents every time.
inline std::filesystem::path made_once(const std::string& name,
                                       const std::function<void(const std::filesystem::path&)>& fill) {
  namespace fs = std::filesystem;
  const fs::path self = fs::read_symlink("/proc/self/exe");
  const fs::path cache = fs::path(RP_BINARY).parent_path() / "test-cache";
  // And by the day: a demo made without --today, or a seed whose dates a test reads as
  // recent, would age in a build folder kept for days.
  const std::time_t now = std::time(nullptr);
  std::tm day{};
  ::gmtime_r(&now, &day);
  const std::string today = std::to_string(day.tm_year + 1900) + "-" + std::to_string(day.tm_yday);
  const fs::path done = cache / (name + "-" + self.filename().string() + "-" + today + "-" + build_stamp(self) + "-" +
                                 build_stamp(RP_BINARY));
  if (fs::exists(done)) return done;
  const fs::path mine = done.string() + ".making." + std::to_string(::getpid());
  fs::remove_all(mine);
  fs::create_directories(mine);
  fill(mine);
  std::error_code taken;
  fs::rename(mine, done, taken);  // fails when another process renamed its folder first
  if (taken) {
    fs::remove_all(mine);
    return done;
  }
  // Folders of earlier builds or days are no longer read; those two days old go.
  for (const auto& entry : fs::directory_iterator(cache)) {
    if (fs::last_write_time(entry.path(), taken) < fs::file_time_type::clock::now() - std::chrono::hours(48))
      fs::remove_all(entry.path(), taken);
  }
  return done;
}

// The demo clinic `regenpath demo --no-serve <args>` makes (the same for the same
// arguments and day), made once: the path of its demo.db, for a test to copy.
inline std::filesystem::path demo_made_once(const std::string& args) {
  namespace fs = std::filesystem;
  std::string name = "demo";
  for (const char c : args) name += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
  const fs::path made = made_once(name, [&](const fs::path& into) {
    const std::string command = std::string(RP_BINARY) + " demo --no-serve " + args + " --data " + into.string() +
                                " >" + (into / "demo.out").string() + " 2>&1";
    if (std::system(command.c_str()) != 0) throw std::runtime_error("the demo did not build: " + command);
    if (fs::exists(into / "demo.db-wal")) throw std::runtime_error("the demo database kept its WAL");
  });
  return made / "demo.db";
}

}  // namespace rp::test
