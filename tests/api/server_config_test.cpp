// The sample config that `regenpath config sample` writes says it shows the defaults:
// read back, it must give exactly them. Unknown keys and out-of-range values are
// refused naming the key.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <thread>

#include "api/http/server_config.hpp"
#include "base/error.hpp"

namespace rp::api::http {
namespace {

class ConfigFile {
 public:
  explicit ConfigFile(const std::string& text)
      : path_(std::filesystem::temp_directory_path() / ("rp-config-" + std::to_string(::getpid()) + ".yaml")) {
    std::ofstream(path_) << text;
  }
  ~ConfigFile() { std::filesystem::remove(path_); }
  std::string path() const { return path_.string(); }

 private:
  std::filesystem::path path_;
};

TEST(ServerConfig, TheSampleReadsBackAsTheDefaults) {
  ::unsetenv("REGENPATH_IO_THREADS");
  ::unsetenv("REGENPATH_WORKERS");
  ::unsetenv("REGENPATH_REQUEST_TIMEOUT");
  ::unsetenv("REGENPATH_METRICS_TOKEN");
  ::unsetenv("REGENPATH_HEAVY_READS");
  ::unsetenv("REGENPATH_REPORT_CACHE_MB");
  const ServerConfig defaults = load_server_config("");
  const ConfigFile sample(sample_server_config());
  const ServerConfig read = load_server_config(sample.path());
  EXPECT_EQ(read.io_threads, defaults.io_threads);
  EXPECT_EQ(read.io_threads, default_io_threads());
  EXPECT_EQ(read.workers, defaults.workers);
  EXPECT_EQ(read.port, defaults.port);
  EXPECT_EQ(read.address, defaults.address);
  EXPECT_EQ(read.body_limit, defaults.body_limit);
  EXPECT_EQ(read.header_limit, defaults.header_limit);
  EXPECT_EQ(read.request_timeout, defaults.request_timeout);
  EXPECT_EQ(read.request_timeout, std::chrono::seconds(30));
  EXPECT_EQ(read.idle_timeout, defaults.idle_timeout);
  EXPECT_EQ(read.write_timeout, defaults.write_timeout);
  EXPECT_EQ(read.session_idle_s, defaults.session_idle_s);
  EXPECT_EQ(read.trusted_proxies, defaults.trusted_proxies);
  EXPECT_EQ(read.db, defaults.db);
  EXPECT_EQ(read.metrics_token, defaults.metrics_token);
  EXPECT_EQ(read.metrics_token, "");
  EXPECT_EQ(read.audit_key_path(), defaults.audit_key_path());
  EXPECT_EQ(read.audit_anchor_path(), defaults.audit_anchor_path());
  EXPECT_EQ(read.audit_anchor_interval_s, defaults.audit_anchor_interval_s);
  EXPECT_EQ(read.messages_interval_s, defaults.messages_interval_s);
  EXPECT_EQ(read.messages_interval_s, 60);
  EXPECT_EQ(read.portal_url, defaults.portal_url);
  EXPECT_EQ(read.event_streams, defaults.event_streams);
  EXPECT_EQ(read.event_streams_per_account, defaults.event_streams_per_account);
  EXPECT_EQ(read.event_heartbeat_s, defaults.event_heartbeat_s);
  EXPECT_EQ(read.heavy_reads, defaults.heavy_reads);
  EXPECT_EQ(read.report_cache_mb, defaults.report_cache_mb);
  EXPECT_FALSE(read.tls());
}

TEST(ServerConfig, OneIoThreadPerCoreButOne) {
  const unsigned cores = std::thread::hardware_concurrency();
  EXPECT_GE(default_io_threads(), 1);
  if (cores > 2) {
    EXPECT_EQ(default_io_threads(), static_cast<int>(cores) - 1);
  }
}

TEST(ServerConfig, BadKeysAndValuesAreRefusedNamingTheKey) {
  const auto field_of = [](const std::string& text) {
    const ConfigFile f(text);
    try {
      load_server_config(f.path());
    } catch (const InputError& e) {
      return e.field();
    }
    return std::string("accepted");
  };
  EXPECT_EQ(field_of("io_threads: 0\n"), "io_threads");
  EXPECT_EQ(field_of("workers: 1000\n"), "workers");
  EXPECT_EQ(field_of("port: 70000\n"), "port");
  EXPECT_EQ(field_of("colour: blue\n"), "colour");
  EXPECT_EQ(field_of("tls_cert: a.pem\n"), "tls_cert");
  EXPECT_EQ(field_of("io_threads: 3\n"), "accepted");
  EXPECT_EQ(field_of("request_timeout: 0\n"), "request_timeout");
  EXPECT_EQ(field_of("metrics_token: short\n"), "metrics_token");
  EXPECT_EQ(field_of("metrics_token: \"with a space in the middle\"\n"), "metrics_token");
  EXPECT_EQ(field_of("metrics_token: 0123456789abcdef\n"), "accepted");
  EXPECT_EQ(field_of("read_timeout: 10\nrequest_timeout: 20\n"), "read_timeout");
  EXPECT_EQ(field_of("trusted_proxies: [proxy.example]\n"), "trusted_proxies");
  EXPECT_EQ(field_of("trusted_proxies: 10.0.0.2\n"), "trusted_proxies");  // a list, not one address
  EXPECT_EQ(field_of("audit_anchor_interval_s: 0\n"), "audit_anchor_interval_s");
  EXPECT_EQ(field_of("audit_anchor_interval_s: soon\n"), "audit_anchor_interval_s");
  EXPECT_EQ(field_of("heavy_reads: -1\n"), "heavy_reads");
  EXPECT_EQ(field_of("heavy_reads: 2\n"), "accepted");
  EXPECT_EQ(field_of("report_cache_mb: -5\n"), "report_cache_mb");
  EXPECT_EQ(field_of("report_cache_mb: 0\n"), "accepted");
}

// read_timeout, the key's former name, still sets the one request deadline.
TEST(ServerConfig, TheFormerReadTimeoutKeySetsTheRequestDeadline) {
  ::unsetenv("REGENPATH_REQUEST_TIMEOUT");
  const ConfigFile f("read_timeout: 7\n");
  EXPECT_EQ(load_server_config(f.path()).request_timeout, std::chrono::seconds(7));
  const ConfigFile g("request_timeout: 9\n");
  EXPECT_EQ(load_server_config(g.path()).request_timeout, std::chrono::seconds(9));
}

TEST(ServerConfig, TheEnvironmentSetsTheRequestDeadlineAndMetricsToken) {
  ::setenv("REGENPATH_REQUEST_TIMEOUT", "5", 1);
  ::setenv("REGENPATH_METRICS_TOKEN", "env-token-0123456789", 1);
  const ServerConfig c = load_server_config("");
  EXPECT_EQ(c.request_timeout, std::chrono::seconds(5));
  EXPECT_EQ(c.metrics_token, "env-token-0123456789");
  ::setenv("REGENPATH_METRICS_TOKEN", "short", 1);
  try {
    load_server_config("");
    ADD_FAILURE() << "a short token was accepted";
  } catch (const InputError& e) {
    EXPECT_EQ(e.field(), "metrics_token");
  }
  ::unsetenv("REGENPATH_REQUEST_TIMEOUT");
  ::unsetenv("REGENPATH_METRICS_TOKEN");
}

TEST(ServerConfig, TrustedProxiesFromTheFileOrTheEnvironment) {
  ::unsetenv("REGENPATH_TRUSTED_PROXIES");
  EXPECT_TRUE(load_server_config("").trusted_proxies.empty());
  const ConfigFile f("trusted_proxies: [127.0.0.1, '2001:DB8::0:1']\n");
  EXPECT_EQ(load_server_config(f.path()).trusted_proxies, (std::vector<std::string>{"127.0.0.1", "2001:db8::1"}));
  ::setenv("REGENPATH_TRUSTED_PROXIES", "10.0.0.2,10.0.0.3", 1);
  EXPECT_EQ(load_server_config(f.path()).trusted_proxies, (std::vector<std::string>{"10.0.0.2", "10.0.0.3"}));
  ::setenv("REGENPATH_TRUSTED_PROXIES", "10.0.0.2,nonsense", 1);
  EXPECT_THROW(load_server_config(""), InputError);
  ::unsetenv("REGENPATH_TRUSTED_PROXIES");
}

// The audit key and anchors sit beside the database unless the config puts them elsewhere.
TEST(ServerConfig, AuditKeyAndAnchorsDefaultBesideTheDatabase) {
  ::unsetenv("REGENPATH_AUDIT_KEY");
  ::unsetenv("REGENPATH_AUDIT_ANCHORS");
  const ConfigFile beside("db: /srv/rp/clinic.db\n");
  ServerConfig c = load_server_config(beside.path());
  EXPECT_EQ(c.audit_key_path(), "/srv/rp/audit-signing.key");
  EXPECT_EQ(c.audit_anchor_path(), "/srv/rp/clinic.db.anchors");
  EXPECT_EQ(c.audit_anchor_interval_s, 60);
  const ConfigFile elsewhere(
      "db: /srv/rp/clinic.db\naudit_key: /etc/rp/k\naudit_anchors: /evidence/a\naudit_anchor_copy: /mnt/b\n"
      "audit_anchor_interval_s: 300\n");
  c = load_server_config(elsewhere.path());
  EXPECT_EQ(c.audit_key_path(), "/etc/rp/k");
  EXPECT_EQ(c.audit_anchor_path(), "/evidence/a");
  EXPECT_EQ(c.audit_anchor_copy, "/mnt/b");
  EXPECT_EQ(c.audit_anchor_interval_s, 300);
}

}  // namespace
}  // namespace rp::api::http
