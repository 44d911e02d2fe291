// The denominators of the outcome report, said once for every place that shows it: a
// figure is only as clear as what it counts.
#include <string>

#include "service/outcomes.hpp"

namespace rp::service {
namespace {

std::string persian_digits(const std::string& s) {
  static const char* const kDigits[] = {"۰", "۱", "۲", "۳", "۴", "۵", "۶", "۷", "۸", "۹"};
  std::string out;
  for (char c : s) out += c >= '0' && c <= '9' ? kDigits[c - '0'] : std::string(1, c);
  return out;
}

LocalText text(std::string en, std::string fa) { return {std::move(en), std::move(fa)}; }

}  // namespace

// The sentences stay whole: clang-format counts a Persian letter as two columns and
// would split them afresh on every run.
// clang-format off
OutcomeDefinitions outcome_definitions(const OutcomeReport& r) {
  const bool repeat_ends = r.end_point == ProtocolOutcomes::EndPoint::joint_replacement_or_repeat;
  const std::string days = std::to_string(r.safety_follow_up_days);
  const std::string min_n = std::to_string(kMinNForInterval);
  return {
      .treated =
          text("Treated joints: joints whose injection is recorded as done (a planned injection is not counted). A "
               "repeat treatment of the same joint counts once, as an event of its own.",
               "مفصل‌های درمان‌شده: مفصل‌هایی که تزریق آن‌ها انجام‌شده ثبت شده است (تزریق برنامه‌ریزی‌شده شمرده نمی‌شود). درمان تکراری همان مفصل یک بار شمرده می‌شود و رویدادی جداگانه است."),
      .survival =
          text(std::string("Every treated joint, from its injection to a joint replacement") +
                   (repeat_ends ? " or a repeat treatment" : "") +
                   " (an event) or to its last contact without one (censored).",
               std::string(
                   "همه مفصل‌های درمان‌شده، از روز تزریق تا تعویض مفصل") +
                   (repeat_ends ? " یا درمان تکراری" : "") + " (رویداد) یا تا آخرین تماس بدون آن (سانسورشده)."),
      .trajectories =
          text("Mean score of the treated joints answered at each time point, with a 95 % t interval kept inside the "
               "scale; below " +
                   min_n + " answers no interval is given.",
               "میانگین نمره مفصل‌های درمان‌شده‌ای که در هر زمان پاسخ داده‌اند، با فاصله اطمینان ۹۵ درصد (توزیع تی استیودنت) که درون مقیاس می‌ماند؛ با کمتر از " +
                   persian_digits(min_n) + " پاسخ فاصله‌ای داده نمی‌شود."),
      .responders =
          text("Treated joints whose status at the time point is known: scored at baseline and then, or replaced "
               "before it (a non-responder). Missing: due (the window has closed) but unknown; the worst case counts "
               "them as non-responders.",
               "مفصل‌های درمان‌شده‌ای که وضعیتشان در آن زمان معلوم است: با نمره پایه و نمره آن زمان، یا تعویض‌شده پیش از آن (بدون پاسخ). نامعلوم: موعدش گذشته اما پاسخی نیست؛ در بدترین حالت بدون پاسخ شمرده می‌شوند."),
      .completeness =
          text("Treated joints whose window for the time point has closed and that were not replaced before it; "
               "received: those with an answer.",
               "مفصل‌های درمان‌شده‌ای که بازه آن زمان برایشان بسته شده و پیش از آن تعویض نشده‌اند؛ دریافت‌شده: آن‌هایی که پاسخ داده‌اند."),
      .adverse_events =
          text("Adverse events staff recorded for treated joints, including red flags a clinician triaged as adverse "
               "events. Not assessed: neither graded nor a seriousness criterion ticked yet.",
               "عوارضی که کارکنان برای مفصل‌های درمان‌شده ثبت کرده‌اند، از جمله علائم هشداری که پزشک عارضه تشخیص داده است. ارزیابی‌نشده: هنوز نه درجه‌بندی شده و نه معیار جدی بودن برایش زده شده است."),
      .serious_rate =
          text("Treated joints followed at least " + days +
                   " days after the injection, or with a serious event sooner: the same count as the serious-event "
                   "claim.",
               "مفصل‌های درمان‌شده‌ای که دست‌کم " + persian_digits(days) +
                   " روز پس از تزریق پیگیری شده‌اند، یا زودتر عارضه جدی داشته‌اند: همان شمارش ادعای عوارض جدی."),
      .repeats = text("Treated joints treated again (the injection of a repeat episode), and the days from the first "
                      "injection to it.",
                      "مفصل‌های درمان‌شده‌ای که دوباره درمان شده‌اند (تزریق یک دوره تکراری)، و روزهای میان تزریق نخست و آن."),
  };
}
// clang-format on

}  // namespace rp::service
