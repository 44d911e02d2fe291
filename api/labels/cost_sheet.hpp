#pragma once
// The A4 sheets of what a treatment costs (issue 19), drawn line by line from the top in
// the sheet's language: English left to right with Gregorian dates, Persian right to left
// with Jalali dates and Persian digits, amounts in tomans. An estimate's sheet
// (estimate_sheet.hpp) and a payment plan's (plan_sheet.hpp) share the writer and the
// block that says what the cost is made of, so the two cannot word a step differently.
#include <string>
#include <string_view>
#include <vector>

#include "api/labels/label.hpp"
#include "base/civil_date.hpp"
#include "base/money.hpp"
#include "domain/cost/insurance.hpp"

namespace rp::labels {

class CostSheet {
 public:
  CostSheet(std::string_view lang, const std::string& title);

  bool fa() const { return fa_; }
  // A label and its value at the line's far end (none when empty).
  void line(const std::string& label, const std::string& value, bool bold = false, double size = 4);
  // A heading of a block.
  void head(const std::string& text);
  // Space between blocks, in parts of a line.
  void gap(double lines) { y_ += kRow * lines; }
  // A line of small print across the sheet.
  void note(const std::string& text);
  // Each step's price, the total, each insurer's share (named by `payer_names`, in order;
  // its id when a name is missing) with why when it is not simply its share, and the
  // patient's share: the steps sum to the total, and so do the insurers with the patient.
  void estimate(const cost::Estimate& e, const std::vector<std::string>& payer_names);
  // A table's row of up to four cells: the first at the line's start, the others placed at
  // the columns of `columns` (their far ends for amounts).
  void row(const std::vector<std::string>& cells, bool bold = false);

  std::string money(Money m) const { return m.tomans_text(lang_); }
  std::string date(const CivilDate& d) const;
  std::string number(long long n) const;

  // The sheet, framed, at least A4 high.
  Label finish();

 private:
  static constexpr double kWidth = 210, kHeight = 297, kMargin = 18, kRow = 7;
  Label label_;
  std::string lang_;
  bool fa_ = false;
  double y_ = kMargin + 8;
  double start_ = 0, end_ = 0;
  Align at_start_ = Align::left, at_end_ = Align::right;
};

}  // namespace rp::labels
