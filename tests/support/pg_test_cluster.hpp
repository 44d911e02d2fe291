#pragma once
// A throw-away PostgreSQL 15 cluster for tests: initdb into a temporary folder (as the
// `postgres` user when run as root, since initdb refuses root), started with pg_ctl on
// 127.0.0.1 and a free port with its socket in that folder, stopped and removed when the
// test process ends. One cluster per process, shared by its tests; each test takes a
// database of its own (fresh_database). No system service is used. The cluster trades
// durability for speed (fsync off): it is rebuilt from nothing on every run.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <pwd.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <stdexcept>
#include <string>

#include "store/postgres/pg_connection.hpp"

namespace rp::test {

class PgTestCluster {
 public:
  // The process's cluster, started on first use; or, under ctest, the one the pg_cluster
  // fixture started for every test process (RP_TEST_PG_DIR, tests/CMakeLists.txt), so
  // that a run pays for one initdb rather than one per test.
  static PgTestCluster& shared() {
    static PgTestCluster cluster;
    return cluster;
  }

  // The ctest fixture's steps (tests/support/pg_cluster_main.cpp): a cluster in `dir` that
  // outlives the process starting it, with its port in dir/port; and its end.
  static void start_shared(const std::filesystem::path& dir) {
    stop_shared(dir);  // one left by an interrupted run
    PgTestCluster c(dir);
    std::ofstream(dir / "port") << c.port_;
    c.owned_ = false;
  }
  static void stop_shared(const std::filesystem::path& dir) {
    if (!std::filesystem::exists(dir)) return;
    PgTestCluster c(dir, 0);
    c.started_ = std::filesystem::exists(dir / "data" / "postmaster.pid");
  }

  // A new, empty database (from template0) and its URL.
  std::string fresh_database() {
    const std::string name = "rp_test_" + std::to_string(::getpid()) + "_" + std::to_string(++databases_);
    store::postgres::Connection admin(url("postgres"));
    admin.run("CREATE DATABASE " + name + " TEMPLATE template0");
    return url(name);
  }

  std::string url(const std::string& database) const {
    return "postgresql://postgres@127.0.0.1:" + std::to_string(port_) + "/" + database;
  }
  int port() const { return port_; }

  ~PgTestCluster() {
    if (!owned_) return;
    if (started_)
      run(as_owner_ + bin("pg_ctl") + " -D " + (dir_ / "data").string() + " -m immediate -w stop > " +
              log("pg_ctl.log") + " 2>&1",
          false);
    std::error_code ignored;
    std::filesystem::remove_all(dir_, ignored);
  }

  PgTestCluster(const PgTestCluster&) = delete;
  PgTestCluster& operator=(const PgTestCluster&) = delete;

 private:
  PgTestCluster() {
    if (::geteuid() == 0) as_owner_ = "runuser -u postgres -- ";
    const char* shared_dir = std::getenv("RP_TEST_PG_DIR");
    if (shared_dir && *shared_dir) {
      std::ifstream port(std::filesystem::path(shared_dir) / "port");
      if (port >> port_) {
        dir_ = shared_dir;
        owned_ = false;
        return;
      }
    }
    stop_orphans();
    char pattern[] = "/tmp/rp-pg-XXXXXX";
    if (!::mkdtemp(pattern)) throw std::runtime_error("cannot make a temporary folder for PostgreSQL");
    dir_ = pattern;
    std::ofstream(dir_ / "owner.pid") << ::getpid();
    start();
  }

  // A cluster to start in `dir` (made afresh), or, with the second argument, one that is
  // there to stop and remove.
  explicit PgTestCluster(std::filesystem::path dir) : dir_(std::move(dir)) {
    if (::geteuid() == 0) as_owner_ = "runuser -u postgres -- ";
    std::filesystem::create_directories(dir_);
    start();
  }
  PgTestCluster(std::filesystem::path dir, int) : dir_(std::move(dir)) {
    if (::geteuid() == 0) as_owner_ = "runuser -u postgres -- ";
  }

  void start() {
    if (!std::filesystem::exists(bin("initdb"))) install();
    if (::geteuid() == 0) {
      const passwd* pg = ::getpwnam("postgres");
      if (!pg || ::chown(dir_.c_str(), pg->pw_uid, pg->pw_gid) != 0)
        throw std::runtime_error("cannot hand " + dir_.string() + " to the postgres user");
    }
    const std::string data = (dir_ / "data").string();
    // A non-C locale, as a production cluster has: the schema's byte-wise text order must
    // not depend on it.
    const std::string initdb =
        as_owner_ + bin("initdb") + " -D " + data + " -U postgres -A trust -E UTF8 --no-sync --no-instructions";
    if (!run(initdb + " --locale=en_US.UTF-8 > " + log("initdb.log") + " 2>&1", false)) {
      std::filesystem::remove_all(data);
      run(initdb + " --locale=C.UTF-8 > " + log("initdb.log") + " 2>&1");
    }
    port_ = free_port();
    const std::string options = "-p " + std::to_string(port_) +
                                " -c listen_addresses=127.0.0.1 -c unix_socket_directories=" + dir_.string() +
                                " -c fsync=off -c full_page_writes=off -c deadlock_timeout=100ms -c max_connections=60"
                                " -c shared_buffers=16MB";
    run(as_owner_ + bin("pg_ctl") + " -D " + data + " -l " + log("server.log") + " -w -t 60 -o '" + options +
        "' start > " + log("pg_ctl.log") + " 2>&1");
    started_ = true;
  }

  // A test process that crashed (or was killed at its time limit) left its cluster
  // running: stop and remove those whose owner is gone.
  void stop_orphans() const {
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator("/tmp", ec)) {
      if (entry.path().filename().string().rfind("rp-pg-", 0) != 0) continue;
      std::ifstream owner(entry.path() / "owner.pid");
      pid_t pid = 0;
      if (!(owner >> pid) || pid <= 0 || ::kill(pid, 0) == 0 || errno != ESRCH) continue;
      if (std::filesystem::exists(entry.path() / "data" / "postmaster.pid"))
        run(as_owner_ + bin("pg_ctl") + " -D " + (entry.path() / "data").string() +
                " -m immediate -w stop > /dev/null 2>&1",
            false);
      std::filesystem::remove_all(entry.path(), ec);
    }
  }

  static std::string bin(const std::string& tool) { return "/usr/lib/postgresql/15/bin/" + tool; }
  std::string log(const std::string& name) const { return (dir_ / name).string(); }

  // Installs PostgreSQL 15 from Debian, as scripts/setup installs the other packages.
  void install() const {
    if (::geteuid() != 0) throw std::runtime_error("PostgreSQL 15 is not installed: run scripts/setup as root");
    run("DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends postgresql-15 "
        "> /tmp/regenpath-apt-postgres.log 2>&1 || (apt-get update -q >> /tmp/regenpath-apt-postgres.log 2>&1 && "
        "DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends postgresql-15 "
        ">> /tmp/regenpath-apt-postgres.log 2>&1)");
  }

  bool run(const std::string& command, bool must = true) const {
    const int status = std::system(command.c_str());
    if (status != 0 && must) {
      std::ostringstream what;
      what << "failed (" << status << "): " << command;
      for (const char* name : {"initdb.log", "pg_ctl.log", "server.log"}) {
        std::ifstream f(dir_ / name);
        if (f) what << "\n--- " << name << "\n" << f.rdbuf();
      }
      throw std::runtime_error(what.str());
    }
    return status == 0;
  }

  // A port nothing listens on now (the kernel's pick for an ephemeral bind).
  static int free_port() {
    const int s = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    a.sin_port = 0;
    socklen_t len = sizeof a;
    if (::bind(s, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0 ||
        ::getsockname(s, reinterpret_cast<sockaddr*>(&a), &len) != 0) {
      ::close(s);
      throw std::runtime_error("no free port for PostgreSQL");
    }
    const int port = ntohs(a.sin_port);
    ::close(s);
    return port;
  }

  std::filesystem::path dir_;
  std::string as_owner_;
  int port_ = 0;
  bool started_ = false;
  bool owned_ = true;  // stopped and removed by this object
  std::atomic<int> databases_{0};
};

}  // namespace rp::test
