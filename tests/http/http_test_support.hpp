#pragma once
// Integration tests talk to a real `regenpath serve` process over real HTTP on
// 127.0.0.1, against a real SQLite file. This header holds the plumbing: a small
// blocking HTTP/1.1 client (plain sockets: no Beast, so tests compile fast), the server
// process, and a seeded database (two centres, one account per role per centre, one
// patient with one episode per centre). A test may run the server on a PostgreSQL
// database instead (tests/support/pg_test_cluster.hpp; pathway_walk_test.cpp).
#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cctype>
#include <cstdio>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "../store/store_test_support.hpp"
#include "../support/made_once.hpp"
#include "service/accounts.hpp"
#include "service/pathway.hpp"
#include "store/store.hpp"

namespace rp::test {

inline constexpr const char* kPassword = "Testing-pass-2026";

// `text` as one query parameter's value or one path segment: letters, digits and - _ .
// as they are, every other byte as %XX.
inline std::string percent_encoded(std::string_view text) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (const unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}

struct Reply {
  int status = 0;
  std::multimap<std::string, std::string> headers;  // names lower-cased
  std::string body;
  nlohmann::json json() const { return nlohmann::json::parse(body, nullptr, false); }
  std::string header(const std::string& name) const {
    auto it = headers.find(name);
    return it == headers.end() ? "" : it->second;
  }
};

// A whole HTTP/1.1 reply as received: status line, headers, body. Status 0 when it is
// not one.
inline Reply parse_reply(const std::string& in) {
  Reply r;
  const auto head_end = in.find("\r\n\r\n");
  if (in.size() < 12 || head_end == std::string::npos) return r;  // status 0: no reply
  r.status = std::stoi(in.substr(9, 3));
  std::size_t pos = in.find("\r\n") + 2;
  while (pos < head_end) {
    const auto eol = in.find("\r\n", pos);
    const std::string line = in.substr(pos, eol - pos);
    const auto colon = line.find(':');
    std::string name = line.substr(0, colon);
    for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    r.headers.emplace(name, line.substr(colon + 2));
    pos = eol + 2;
  }
  r.body = in.substr(head_end + 4);
  return r;
}

// Sends raw bytes and reads the reply until the server closes (Connection: close).
// `from` (optional) is the loopback address to send from, such as 127.0.0.2: another
// client address as the server sees it.
inline Reply raw_exchange(int port, const std::string& bytes, const std::string& from = "") {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (!from.empty()) {
    sockaddr_in source{};
    source.sin_family = AF_INET;
    if (::inet_pton(AF_INET, from.c_str(), &source.sin_addr) != 1 ||
        ::bind(fd, reinterpret_cast<sockaddr*>(&source), sizeof source) != 0) {
      ::close(fd);
      throw std::runtime_error("cannot send from " + from);
    }
  }
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<std::uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    ::close(fd);
    throw std::runtime_error("cannot connect to the server");
  }
  std::size_t sent = 0;
  while (sent < bytes.size()) {
    const auto n = ::send(fd, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) break;  // the server may refuse early (413) and close
    sent += static_cast<std::size_t>(n);
  }
  std::string in;
  char buf[65536];
  for (;;) {
    const auto n = ::recv(fd, buf, sizeof buf, 0);
    if (n <= 0) break;
    in.append(buf, static_cast<std::size_t>(n));
  }
  ::close(fd);
  return parse_reply(in);
}

// A signed-in client: the session cookie and the CSRF token, and (optional) the loopback
// address it sends from.
struct Client {
  int port = 0;
  std::string cookie, csrf;
  std::string from;

  Reply call(const std::string& method, const std::string& path, const std::string& body = "",
             std::map<std::string, std::string> extra = {}, bool send_csrf = true) const {
    std::string req = method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n";
    if (!cookie.empty()) req += "Cookie: " + cookie + "\r\n";
    if (send_csrf && !csrf.empty()) req += "X-CSRF-Token: " + csrf + "\r\n";
    if (!body.empty() && !extra.count("Content-Type")) req += "Content-Type: application/json\r\n";
    for (const auto& [k, v] : extra) req += k + ": " + v + "\r\n";
    req += "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
    return raw_exchange(port, req, from);
  }
  Reply get(const std::string& path) const { return call("GET", path); }
  Reply post(const std::string& path, const nlohmann::json& body, std::map<std::string, std::string> extra = {}) const {
    return call("POST", path, body.dump(), std::move(extra));
  }

  // Signs in; on success keeps the cookie and CSRF token.
  Reply login(const std::string& username, const std::string& password = kPassword) {
    Reply r = Client{port, "", "", from}.post("/api/v1/auth/login", {{"username", username}, {"password", password}});
    keep_session(r);
    return r;
  }

  // Keeps the cookie and CSRF token of a reply that opened a session.
  void keep_session(const Reply& r) {
    if (r.status != 200 || !r.json().contains("csrf_token")) return;
    auto range = r.headers.equal_range("set-cookie");
    for (auto it = range.first; it != range.second; ++it) {
      if (it->second.rfind("rp_session=", 0) == 0) cookie = it->second.substr(0, it->second.find(';'));
    }
    csrf = r.json()["csrf_token"].get<std::string>();
  }
};

class TempDir {
 public:
  TempDir() {
    char tmpl[] = "/tmp/rp-http-test-XXXXXX";
    path_ = ::mkdtemp(tmpl);
  }
  ~TempDir() { std::filesystem::remove_all(path_); }
  std::string file(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

// `regenpath serve --port 0`: reads the {"listening": url} line for the port.
class ServerProcess {
 public:
  // `log` (optional) receives the server's stderr log, where one-time codes appear.
  // `args` are added to the command line (--config FILE, say).
  explicit ServerProcess(const std::string& db, std::vector<std::string> env = {}, std::string log = "",
                         std::vector<std::string> args = {})
      : log_(std::move(log)) {
    start(db, env, args);
  }
  ~ServerProcess() { stop(SIGTERM); }

  int port() const { return port_; }
  pid_t pid() const { return pid_; }
  // Sends the signal and waits; returns the exit status (or -signal).
  int stop(int sig) {
    if (pid_ <= 0) return 0;
    ::kill(pid_, sig);
    int status = 0;
    ::waitpid(pid_, &status, 0);
    pid_ = -1;
    if (out_) ::fclose(out_);
    out_ = nullptr;
    return WIFEXITED(status) ? WEXITSTATUS(status) : -WTERMSIG(status);
  }

 private:
  void start(const std::string& db, const std::vector<std::string>& env, const std::vector<std::string>& args) {
    int pipe_fd[2];
    if (::pipe(pipe_fd) != 0) throw std::runtime_error("pipe");
    pid_ = ::fork();
    if (pid_ == 0) {
      ::dup2(pipe_fd[1], 1);
      ::close(pipe_fd[0]);
      ::close(pipe_fd[1]);
      if (!log_.empty()) {
        FILE* f = ::fopen(log_.c_str(), "a");
        if (f) ::dup2(::fileno(f), 2);
        ::setenv("REGENPATH_LOG_LEVEL", "info", 1);
      }
      for (const auto& e : env) ::putenv(const_cast<char*>(e.c_str()));
      ::setenv("REGENPATH_LOG_LEVEL", "warn", 0);
      // No outbox pass in the background unless a test asks for one: a pass writes
      // messages and audit rows that a test comparing the database would not expect.
      ::setenv("REGENPATH_MESSAGES_INTERVAL_S", "0", 0);
      std::vector<const char*> argv{RP_BINARY, "serve", "--port", "0", "--db", db.c_str()};
      for (const auto& a : args) argv.push_back(a.c_str());
      argv.push_back(nullptr);
      ::execv(RP_BINARY, const_cast<char* const*>(argv.data()));
      ::_exit(127);
    }
    ::close(pipe_fd[1]);
    out_ = ::fdopen(pipe_fd[0], "r");
    char line[512];
    while (::fgets(line, sizeof line, out_)) {
      auto j = nlohmann::json::parse(line, nullptr, false);
      if (j.is_object() && j.contains("listening")) {
        const std::string url = j["listening"];
        port_ = std::stoi(url.substr(url.rfind(':') + 1));
        return;
      }
    }
    throw std::runtime_error("server did not start");
  }

  std::string log_;
  pid_t pid_ = -1;
  FILE* out_ = nullptr;
  int port_ = 0;
};

// The newest one-time code the log sender wrote for a patient.
inline std::string code_from_log(const std::string& log, std::int64_t patient_id) {
  std::FILE* f = std::fopen(log.c_str(), "r");
  if (!f) return "";
  const std::string marker = "one-time code for patient #" + std::to_string(patient_id) + ": ";
  std::string code;
  char line[1024];
  while (std::fgets(line, sizeof line, f)) {
    const std::string l = line;
    if (auto pos = l.find(marker); pos != std::string::npos) code = l.substr(pos + marker.size(), 6);
  }
  std::fclose(f);
  return code;
}

// A patient signed in to the portal with the one-time code the server logged (`log` is
// the ServerProcess's log file), picking `patient_id` when the number is shared. Port 0
// when sign-in failed.
inline Client patient_client(int port, const std::string& log, std::int64_t patient_id,
                             const std::string& mobile = "09121234567") {
  Client{port}.post("/api/v1/patient-auth/code", {{"mobile", mobile}});
  const std::string code = code_from_log(log, patient_id);
  Reply r = Client{port}.post("/api/v1/patient-auth/login", {{"mobile", mobile}, {"code", code}});
  if (r.status == 200 && r.json().contains("choose_patient")) {
    r = Client{port}.post("/api/v1/patient-auth/choose",
                          {{"choice", r.json()["choose_patient"]["choice"]}, {"patient_id", patient_id}});
  }
  Client p{port};
  p.keep_session(r);
  return p.csrf.empty() ? Client{0} : p;
}

// Findings of a patient the protocol finds eligible (KL 2, no contraindication).
inline nlohmann::json eligible_findings() {
  return {{"kl_grade", 2},
          {"active_infection", false},
          {"malignancy", false},
          {"bleeding_disorder", false},
          {"pregnancy", false},
          {"inflammatory_arthritis", false},
          {"weeks_since_intra_articular_steroid", 52},
          {"anticoagulant_use", false},
          {"diabetes", false},
          {"bmi", 26}};
}

struct Seeded {
  std::int64_t patient_a = 0, episode_a = 0, patient_b = 0, episode_b = 0;
};

inline Patient test_patient(const std::string& centre, const std::string& mrn) {
  Patient p;
  p.centre_id = centre;
  p.mrn = mrn;
  p.name_latin = "Test Patient";
  p.name_fa = "بیمار آزمون";
  p.sex = Sex::female;
  p.birth_date = CivilDate::from_ymd(1961, 3, 21);
  p.national_id = test_national_id(mrn);
  p.mobile = "09121234567";
  p.consent = {true, true, true};
  return p;
}

// Centres a and b, every staff role at each (username role.centre, kPassword), a second
// person of each lab (qa.centre: a product is released by someone who did not process
// it), and a patient with a referred episode at each centre.
inline Seeded seed_into(const std::string& db) {
  // The seeded accounts' hashes at libsodium's least cost: the tests sign in by the
  // hundred, and a server verifies a hash at the cost the hash names, which at the
  // interactive limits (64 MiB, a quarter of a second) was most of the HTTP suites'
  // processor time. An account a test creates itself keeps the process's own limits.
  struct LeastCostWhileSeeding {
    service::PasswordHashCost before = service::password_hash_cost();
    LeastCostWhileSeeding() { service::set_password_hash_cost(service::PasswordHashCost::least); }
    ~LeastCostWhileSeeding() { service::set_password_hash_cost(before); }
  } least_cost;
  auto store = store::open_store(db);  // a file, or a postgresql:// URL
  const auto op = service::Actor::cli_operator();
  service::Pathway pathway(*store, Clock::system());
  service::Accounts accounts(*store, Clock::system());
  Seeded s;
  for (const std::string c : {"a", "b"}) {
    pathway.upsert_centre(op, {c, "Centre " + c, "مرکز", "Tehran", "تهران", "licensed", "", ""});
    for (auto role : service::kStaffRoles)
      accounts.create(op, std::string(role) + "." + c, std::string(role), c, kPassword);
    accounts.create(op, "qa." + c, "lab", c, kPassword);
    Patient p = pathway.add_patient(op, test_patient(c, "MRN-" + c));
    Episode e;
    e.patient_id = p.id;
    e.protocol_id = "hip-msc-v1";
    e.side = Side::right;
    e.diagnosis = {std::string(kIcd10Cm), "M16.11"};
    e = pathway.add_episode(op, e);
    (c == "a" ? s.patient_a : s.patient_b) = p.id;
    (c == "a" ? s.episode_a : s.episode_b) = e.id;
  }
  return s;
}

// The seeded database, for a SQLite file that does not exist yet, is a copy of one
// seeded once per build (made_once.hpp): the same database with the same ids.
inline Seeded seed(const std::string& db) {
  namespace fs = std::filesystem;
  if (db.rfind("postgres", 0) == 0 || fs::exists(db)) return seed_into(db);
  const fs::path made = made_once("seed", [](const fs::path& dir) {
    const Seeded s = seed_into((dir / "seed.db").string());
    if (fs::exists(dir / "seed.db-wal")) throw std::runtime_error("seed: the database kept its WAL after closing");
    std::FILE* f = std::fopen((dir / "ids").c_str(), "w");
    if (!f) throw std::runtime_error("seed: cannot write the ids");
    std::fprintf(f, "%lld %lld %lld %lld\n", static_cast<long long>(s.patient_a), static_cast<long long>(s.episode_a),
                 static_cast<long long>(s.patient_b), static_cast<long long>(s.episode_b));
    std::fclose(f);
  });
  long long pa = 0, ea = 0, pb = 0, eb = 0;
  std::FILE* f = std::fopen((made / "ids").c_str(), "r");
  const bool read = f && std::fscanf(f, "%lld %lld %lld %lld", &pa, &ea, &pb, &eb) == 4;
  if (f) std::fclose(f);
  if (!read) throw std::runtime_error("seed: cannot read " + (made / "ids").string());
  fs::copy_file(made / "seed.db", db);
  return {pa, ea, pb, eb};
}

}  // namespace rp::test
