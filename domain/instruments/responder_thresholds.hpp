#pragma once
// Responder thresholds are configuration, each stored with its citation and status,
// never as a bare number. Parsed from YAML text (instruments/responder-thresholds.yaml);
// the caller reads the file once at start-up.
#include <string>
#include <string_view>

namespace rp::instruments {

struct Citation {
  std::string source;  // bibliographic reference
  std::string status;  // e.g. "verified", "single source", "unverified"
};

struct OarsiThresholds {
  double high_relative = 0, high_absolute = 0;
  double moderate_relative = 0, moderate_absolute = 0;
  int moderate_min_domains = 0;
  Citation citation;
};

struct ImmpactThresholds {
  double moderate_relative = 0, substantial_relative = 0;
  Citation citation;
};

struct McidThreshold {
  double value = 0;    // points on the 0–100 HOOS Pain scale
  std::string method;  // e.g. "anchor-based MCII"
  std::string population;
  Citation citation;
};

struct ResponderThresholds {
  OarsiThresholds oarsi;
  ImmpactThresholds immpact;
  McidThreshold hoos_pain_mcid;
};

// Throws InputError whose field is the dotted key ("omeract_oarsi.high.relative") and
// whose message names `source_name` and the line, e.g.
// "responder-thresholds.yaml line 7: omeract_oarsi.high.relative must be a number 0–1".
ResponderThresholds parse_responder_thresholds(std::string_view yaml_text, std::string_view source_name);

}  // namespace rp::instruments
