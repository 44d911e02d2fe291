#pragma once
// A folder that is slow to fill (a seeded database, a demo database), filled once per
// build of the programs that fill it and shared by every test process that asks. CTest
// runs each test in a process of its own, so a fixture made "once per suite" was made
// once per test: seeding hashes fourteen passwords (argon2id, a quarter second each) and
// the demo builds hundreds of episodes.
#include <unistd.h>

#include <filesystem>
#include <functional>
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
  const fs::path done =
      cache / (name + "-" + self.filename().string() + "-" + build_stamp(self) + "-" + build_stamp(RP_BINARY));
  if (fs::exists(done)) return done;
  const fs::path mine = done.string() + ".making." + std::to_string(::getpid());
  fs::remove_all(mine);
  fs::create_directories(mine);
  fill(mine);
  std::error_code taken;
  fs::rename(mine, done, taken);  // fails when another process renamed its folder first
  if (taken) fs::remove_all(mine);
  return done;
}

}  // namespace rp::test
