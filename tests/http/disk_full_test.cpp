// A full disk, for real: the database lives on a small tmpfs that a filler file fills.
// Writes then answer 507 with a clear message and change nothing, /healthz answers 503
// "degraded", and once the filler is gone both recover by themselves. Every write the
// server acknowledged, before or while the disk filled, is still there afterwards.
// The test mounts the tmpfs itself (it runs as root); it fails, never skips, if it cannot.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/mount.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <set>
#include <thread>

#include "http_test_support.hpp"

namespace rp::test {
namespace {

// A tmpfs of `size` mounted on `dir` for the life of the object.
class SmallDisk {
 public:
  SmallDisk(const std::string& dir, const std::string& size) : dir_(dir) {
    std::filesystem::create_directories(dir);
    const std::string options = "size=" + size + ",mode=0700";
    if (::mount("tmpfs", dir.c_str(), "tmpfs", MS_NOSUID | MS_NODEV, options.c_str()) == 0) {
      mounted_ = true;
    } else {
      error_ = "cannot mount a " + size + " tmpfs on " + dir + ": " + std::strerror(errno) +
               " (the test needs root or CAP_SYS_ADMIN to mount it)";
    }
  }
  ~SmallDisk() {
    if (mounted_) ::umount2(dir_.c_str(), MNT_DETACH);
  }
  bool mounted() const { return mounted_; }
  const std::string& error() const { return error_; }

 private:
  std::string dir_, error_;
  bool mounted_ = false;
};

// Writes `path` until the disk refuses another byte.
void fill_disk(const std::string& path) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  if (fd < 0) throw std::runtime_error("cannot create the filler file: " + std::string(std::strerror(errno)));
  const std::string block(1 << 16, 'f');
  for (const std::size_t chunk : {block.size(), std::size_t{4096}, std::size_t{1}}) {
    while (::write(fd, block.data(), chunk) > 0) {
    }
  }
  ::close(fd);
}

nlohmann::json patient(const std::string& mrn) {
  return {{"mrn", mrn},
          {"name_fa", "نام"},
          {"name_latin", "Name"},
          {"sex", "female"},
          {"birth_date", "1970-01-01"},
          {"mobile", "09120000001"},
          {"national_id", test_national_id(mrn)}};
}

// Record numbers at centre a, and how many patient.create rows the audit log holds.
struct Stored {
  std::set<std::string> mrns;
  std::size_t creates_audited = 0;
};

Stored stored(const std::string& db) {
  auto store = store::open_sqlite(db, store::OpenMode::existing_no_migrate);
  Stored out;
  store->read([&](store::Transaction& tx) {
    store::PatientQuery q;
    q.centre_id = "a";
    q.limit = 1000000;
    for (const auto& p : tx.list_patients(q)) out.mrns.insert(p.mrn);
    for (const auto& row : tx.audit_rows(0, 1000000))
      if (row.action == "patient.create") ++out.creates_audited;
  });
  EXPECT_EQ(store->integrity_check(), "ok");
  return out;
}

TEST(DiskFull, WritesAnswer507HealthDegradesAndBothRecoverWhenSpaceReturns) {
  TempDir dir;
  const SmallDisk disk(dir.file("disk"), "32m");
  ASSERT_TRUE(disk.mounted()) << disk.error();
  const std::string db = dir.file("disk/regenpath.db");
  const std::string filler = dir.file("disk/filler");
  seed(db);
  const std::size_t seeded_creates = stored(db).creates_audited;
  ServerProcess server(db);
  Client coordinator{server.port()};
  ASSERT_EQ(coordinator.login("coordinator.a").status, 200);

  // A writer keeps creating patients while the disk fills: each answer is 201 (kept) or
  // 507 (refused), never anything else.
  std::set<std::string> acknowledged, refused;
  std::atomic<bool> writing{true};
  std::thread writer([&] {
    for (int i = 0; writing || refused.empty(); ++i) {
      if (i > 2000) break;  // the filler never filled the disk: the assertions below say so
      const std::string mrn = "RUN-" + std::to_string(i);
      const Reply r = coordinator.post("/api/v1/patients", patient(mrn));
      if (r.status == 201) {
        acknowledged.insert(mrn);
      } else if (r.status == 507) {
        refused.insert(mrn);
      } else {
        ADD_FAILURE() << mrn << ": " << r.status << " " << r.body;
        break;
      }
    }
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  fill_disk(filler);
  writing = false;
  writer.join();
  EXPECT_FALSE(acknowledged.empty());
  ASSERT_FALSE(refused.empty()) << "no write was refused after the disk filled";

  // With the disk full: 507 naming the cause, in either language; nothing created.
  const Reply full = coordinator.post("/api/v1/patients", patient("FULL-1"));
  ASSERT_EQ(full.status, 507) << full.body;
  EXPECT_EQ(full.json()["error"]["code"], "insufficient_storage");
  EXPECT_EQ(full.json()["error"]["message"],
            "the server's disk is full, so nothing was saved; try again later or tell the operator");
  const Reply full_fa =
      coordinator.call("POST", "/api/v1/patients", patient("FULL-2").dump(), {{"Accept-Language", "fa"}});
  ASSERT_EQ(full_fa.status, 507) << full_fa.body;
  EXPECT_EQ(full_fa.json()["error"]["message"],
            "دیسک سرور پر است و چیزی ذخیره نشد؛ بعداً دوباره بکوشید یا به مسئول سرور خبر دهید");
  refused.insert({"FULL-1", "FULL-2"});

  const Reply degraded = Client{server.port()}.get("/healthz");
  EXPECT_EQ(degraded.status, 503) << degraded.body;
  EXPECT_EQ(degraded.json()["status"], "degraded");
  EXPECT_EQ(degraded.json()["reason"], "disk_full");
  EXPECT_NE(Client{server.port()}.get("/metrics").body.find("regenpath_store_disk_full 1"), std::string::npos);

  // Space returns: health recovers at its next check, with no write from a client.
  ASSERT_TRUE(std::filesystem::remove(filler));
  const Reply healthy = Client{server.port()}.get("/healthz");
  EXPECT_EQ(healthy.status, 200) << healthy.body;
  EXPECT_EQ(healthy.json()["status"], "ok");
  const Reply after = coordinator.post("/api/v1/patients", patient("AFTER-1"));
  ASSERT_EQ(after.status, 201) << after.body;
  acknowledged.insert("AFTER-1");
  EXPECT_NE(Client{server.port()}.get("/metrics").body.find("regenpath_store_disk_full 0"), std::string::npos);

  // Everything acknowledged is there, nothing refused is, and the audit log holds one
  // create per patient kept: the refused writes left no row either.
  ASSERT_EQ(server.stop(SIGTERM), 0);
  const Stored now = stored(db);
  for (const auto& mrn : acknowledged) EXPECT_TRUE(now.mrns.count(mrn)) << "acknowledged, then lost: " << mrn;
  for (const auto& mrn : refused) EXPECT_FALSE(now.mrns.count(mrn)) << "refused with 507, yet stored: " << mrn;
  EXPECT_EQ(now.creates_audited, seeded_creates + acknowledged.size());
}

// Recovery needs no health check either: the next write that fits clears the state.
TEST(DiskFull, AWriteThatSucceedsClearsTheDegradedState) {
  TempDir dir;
  const SmallDisk disk(dir.file("disk"), "32m");
  ASSERT_TRUE(disk.mounted()) << disk.error();
  const std::string db = dir.file("disk/regenpath.db");
  seed(db);
  ServerProcess server(db);
  Client coordinator{server.port()};
  ASSERT_EQ(coordinator.login("coordinator.a").status, 200);
  fill_disk(dir.file("disk/filler"));
  ASSERT_EQ(coordinator.post("/api/v1/patients", patient("FULL-1")).status, 507);
  ASSERT_TRUE(std::filesystem::remove(dir.file("disk/filler")));
  ASSERT_EQ(coordinator.post("/api/v1/patients", patient("AFTER-1")).status, 201);
  const std::string metrics = Client{server.port()}.get("/metrics").body;
  EXPECT_NE(metrics.find("regenpath_store_disk_full 0"), std::string::npos);
  EXPECT_NE(metrics.find("regenpath_store_disk_full_writes_total 1"), std::string::npos);
  EXPECT_EQ(Client{server.port()}.get("/healthz").status, 200);
}

}  // namespace
}  // namespace rp::test
