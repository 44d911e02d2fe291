#pragma once
// The imaging archive through Orthanc's REST API (libcurl): /tools/find at the patient,
// study and series levels, with HTTP basic authentication when configured, and short
// timeouts so that a slow archive never holds a clinician's screen.
#include <chrono>
#include <memory>
#include <string>

#include "channels/imaging_archive.hpp"

namespace rp::channels {

struct OrthancConfig {
  std::string url;  // http(s)://host:port, no trailing slash; empty: no archive
  std::string user, password;
  // The viewer's address for a study; {id} is Orthanc's study id, {uid} its Study Instance
  // UID. Empty: Orthanc Explorer's page of the study.
  std::string viewer_url;
  std::chrono::milliseconds timeout{3000};
  std::chrono::milliseconds connect_timeout{1000};
  bool configured() const { return !url.empty(); }
};

std::unique_ptr<ImagingArchive> orthanc_archive(OrthancConfig config);

}  // namespace rp::channels
