#pragma once
// Reads iCalendar text with an independent reader, python3-icalendar (Debian's
// /usr/bin/python3: tests/calendar/ics_events.py), and hands back its events as JSON:
// {"version", "events": [{uid, summary, description, all_day, start, end, stamp}]}.
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <stdexcept>
#include <string>

namespace rp::test {

inline nlohmann::json read_ics_events(const std::string& ics) {
  const auto dir = std::filesystem::temp_directory_path() / ("rp-ics-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "in.ics", std::ios::binary) << ics;
  const std::string cmd = "/usr/bin/python3 " RP_SOURCE_DIR "/tests/calendar/ics_events.py " +
                          (dir / "in.ics").string() + " >" + (dir / "out.json").string() + " 2>" +
                          (dir / "err.txt").string();
  const int status = std::system(cmd.c_str());
  std::ifstream out(dir / "out.json"), err(dir / "err.txt");
  std::ostringstream out_text, err_text;
  out_text << out.rdbuf();
  err_text << err.rdbuf();
  std::filesystem::remove_all(dir);
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    throw std::runtime_error("python3-icalendar refused the calendar: " + err_text.str());
  }
  return nlohmann::json::parse(out_text.str());
}

}  // namespace rp::test
