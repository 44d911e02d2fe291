#pragma once
// The words and dates a label prints, in its language: English with Gregorian ISO dates,
// Persian with Jalali dates in Persian digits and no Latin word.
#include <string>
#include <string_view>

#include "domain/patient.hpp"
#include "domain/product/product.hpp"

namespace rp::labels {

struct Words {
  const char* title;      // Autologous cell product
  const char* only;       // for autologous use only
  const char* mrn;        // MRN
  const char* harvested;  // Harvested
  const char* expires;    // Expires
  const char* product_code;
  const char* born;
  const char* tehran_time;
  const char* not_processed;
  const char* wristband;
};
const Words& words(std::string_view lang);

// What the product is: where its cells came from and how they were processed.
std::string source_text(const std::optional<CellSource>& source, std::string_view lang);
std::string method_text(const product::Product& p, std::string_view lang);

// The patient's name as this label's language writes it (a Persian label never prints
// the Latin one; an English label prints the Latin one when there is one).
std::string name_text(const Patient& patient, std::string_view lang);

// A civil date, and an instant as its date and time of day in Tehran (the clinic's zone),
// as the label's language writes them; "—" for an instant never recorded.
std::string date_text(const CivilDate& date, std::string_view lang);
std::string instant_date_text(const std::string& iso, std::string_view lang);
std::string instant_time_text(const std::string& iso, std::string_view lang);

// A number as the label's language writes it.
std::string number_text(long long n, std::string_view lang);

}  // namespace rp::labels
