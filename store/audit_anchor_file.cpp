#include "store/audit_anchor_file.hpp"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "base/error.hpp"

namespace rp::store {
namespace {

namespace fs = std::filesystem;

std::string system_error(const std::string& what, const std::string& path) {
  return what + " '" + path + "': " + std::strerror(errno);
}

void write_all(int fd, std::string_view bytes, const std::string& path) {
  while (!bytes.empty()) {
    const ssize_t n = ::write(fd, bytes.data(), bytes.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) throw std::runtime_error(system_error("cannot write", path));
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
}

// A new file's directory entry is durable only once its folder is synced.
void sync_folder(const fs::path& file) {
  const fs::path folder = file.parent_path().empty() ? fs::path(".") : file.parent_path();
  const int fd = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd >= 0) {
    ::fsync(fd);
    ::close(fd);
  }
}

// Writes a new file with this mode; false when it exists already.
bool create_file(const std::string& path, std::string_view text, mode_t mode) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
  if (fd < 0) {
    if (errno == EEXIST) return false;
    throw std::runtime_error(system_error("cannot create", path));
  }
  try {
    write_all(fd, text, path);
    if (::fsync(fd) != 0) throw std::runtime_error(system_error("cannot sync", path));
  } catch (...) {
    ::close(fd);
    throw;
  }
  ::close(fd);
  sync_folder(path);
  return true;
}

std::string read_small_file(const std::string& path, const std::string& field) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(field, "cannot_read_file"_err, {{"path", path}});
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
  return text;
}

}  // namespace

namespace {

// The file the defaults sit beside: the SQLite file (FILE or sqlite:FILE); for a
// PostgreSQL URL, which names no folder, regenpath-data/postgresql-<database> in the
// working folder, as the default SQLite file is.
std::string local_base(const std::string& db) {
  if (db.rfind("sqlite:", 0) == 0) return db.substr(7);
  if (db.rfind("postgresql://", 0) != 0 && db.rfind("postgres://", 0) != 0) return db;
  std::string name = db.substr(db.find("://") + 3);
  name = name.substr(0, name.find('?'));
  name = name.find('/') == std::string::npos ? "postgres" : name.substr(name.rfind('/') + 1);
  for (char& c : name)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_' && c != '-') c = '_';
  return "regenpath-data/postgresql-" + (name.empty() ? std::string("postgres") : name);
}

}  // namespace

std::string default_signing_key_path(const std::string& db) {
  return (fs::path(local_base(db)).parent_path() / "audit-signing.key").string();
}
std::string default_anchor_path(const std::string& db) { return local_base(db) + ".anchors"; }
std::string public_key_path(const std::string& key_path) { return key_path + ".pub"; }

SigningKey load_or_create_signing_key(const std::string& path) {
  if (path.empty()) throw InputError("audit_key", "signing_key_not_set"_err);
  const fs::path parent = fs::path(path).parent_path();
  if (!parent.empty() && !fs::exists(parent)) {
    fs::create_directories(parent);
    fs::permissions(parent, fs::perms::owner_all);
  }
  if (!fs::exists(path)) {
    const SigningKey fresh = generate_signing_key();
    char seed_hex[65];
    sodium_bin2hex(seed_hex, sizeof seed_hex, fresh.seed.data(), fresh.seed.size());
    const bool created = create_file(path, std::string(seed_hex) + "\n", 0600);
    sodium_memzero(seed_hex, sizeof seed_hex);
    if (created) {
      std::remove(public_key_path(path).c_str());  // a stale one would name another key
      create_file(public_key_path(path), fresh.public_key_hex() + "\n", 0644);
      return fresh;
    }
    // Another process created it meanwhile: read theirs.
  }
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0)
    throw InputError("audit_key", "cannot_read_because"_err, {{"path", path}, {"why", std::strerror(errno)}});
  if ((st.st_mode & 077) != 0) throw InputError("audit_key", "signing_key_readable"_err, {{"path", path}});
  std::string text = read_small_file(path, "audit_key");
  std::array<unsigned char, 32> seed{};
  std::size_t len = 0;
  const bool ok = text.size() == 64 &&
                  sodium_hex2bin(seed.data(), seed.size(), text.data(), text.size(), nullptr, &len, nullptr) == 0 &&
                  len == seed.size();
  sodium_memzero(text.data(), text.size());
  if (!ok) throw InputError("audit_key", "not_a_signing_key"_err, {{"path", path}});
  SigningKey key = signing_key_from_seed(seed);
  sodium_memzero(seed.data(), seed.size());
  const std::string pub = public_key_path(path);
  if (!fs::exists(pub)) {
    create_file(pub, key.public_key_hex() + "\n", 0644);
  } else if (read_small_file(pub, "audit_key") != key.public_key_hex()) {
    throw InputError("audit_key", "public_key_mismatch"_err, {{"public", pub}, {"path", path}});
  }
  return key;
}

std::string read_public_key_file(const std::string& path, const std::string& field) {
  std::string text = read_small_file(path, field);
  if (!parse_public_key(text)) throw InputError(field, "not_a_public_key"_err, {{"path", path}});
  return text;
}

void append_anchor_line(const std::string& path, const std::string& line) {
  const fs::path parent = fs::path(path).parent_path();
  if (!parent.empty()) fs::create_directories(parent);
  const int fd = ::open(path.c_str(), O_RDWR | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) throw std::runtime_error(system_error("cannot open the anchor file", path));
  try {
    std::string text;
    struct stat st {};
    char last = '\n';
    if (::fstat(fd, &st) == 0 && st.st_size > 0 && ::pread(fd, &last, 1, st.st_size - 1) == 1 && last != '\n')
      text = "\n";
    text += line + "\n";
    // One write: with O_APPEND it lands whole at the end even if another writer appends.
    write_all(fd, text, path);
    if (::fsync(fd) != 0) throw std::runtime_error(system_error("cannot sync the anchor file", path));
  } catch (...) {
    ::close(fd);
    throw;
  }
  ::close(fd);
}

AnchorFile check_anchor_text(std::string_view text, const std::string& trusted_public_key) {
  AnchorFile f;
  f.exists = true;
  f.public_key = trusted_public_key;
  std::size_t number = 0;
  while (!text.empty()) {
    const auto eol = text.find('\n');
    const std::string_view line = text.substr(0, eol);
    text = eol == std::string_view::npos ? std::string_view() : text.substr(eol + 1);
    ++number;
    std::string why;
    auto anchor = parse_anchor_line(line, &why);
    if (!anchor) {
      f.defects.push_back({number, "not a signed anchor: " + why});
    } else if (anchor->public_key != trusted_public_key) {
      f.defects.push_back({number, "signed by another key, not the trusted public key"});
    } else if (!anchor_signed_by(*anchor, trusted_public_key)) {
      f.defects.push_back({number, "the signature does not verify: the line was forged or altered"});
    } else {
      f.anchors.push_back({number, std::move(*anchor)});
    }
  }
  return f;
}

AnchorFile read_anchor_file(const std::string& path, const std::string& trusted_public_key) {
  if (!fs::exists(path)) {
    AnchorFile none;
    none.path = path;
    none.public_key = trusted_public_key;
    return none;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read the anchor file '" + path + "'");
  std::ostringstream text;
  text << in.rdbuf();
  AnchorFile f = check_anchor_text(text.str(), trusted_public_key);
  f.path = path;
  return f;
}

}  // namespace rp::store
