#include "api/http/messages_fa.hpp"

#include <algorithm>
#include <regex>
#include <unordered_map>
#include <vector>

#include "base/digits.hpp"

namespace rp::api::http {
namespace {

const std::unordered_map<std::string_view, std::string_view>& exact() {
  static const std::unordered_map<std::string_view, std::string_view> m = {
      // Request bodies
      {"is required", "الزامی است"},
      {"unknown field", "فیلد ناشناخته است"},
      {"must be a string", "باید متن باشد"},
      {"must be an integer", "باید عدد صحیح باشد"},
      {"must be an integer (a JSON number, not text)", "باید عدد صحیح باشد (عدد JSON، نه متن)"},
      {"must be a number", "باید عدد باشد"},
      {"must be a finite number", "باید عددی متناهی باشد"},
      {"must not be negative", "نباید منفی باشد"},
      {"must be true or false", "باید true یا false باشد"},
      {"must be an object", "باید یک شیء JSON باشد"},
      {"must be a JSON object", "باید یک شیء JSON باشد"},
      {"must not contain control characters", "نباید نویسه‌های کنترلی داشته باشد"},
      {"is not valid UTF-8", "متن با UTF-8 معتبر نوشته نشده است"},
      {"body nests deeper than 32 levels", "بدنه درخواست بیش از ۳۲ سطح تودرتو است"},
      {"send the body as application/json", "بدنه درخواست را با نوع application/json بفرستید"},
      // Sessions and roles
      {"sign in first (no session or session expired)", "نخست وارد شوید (نشستی نیست یا نشست به پایان رسیده است)"},
      {"missing or wrong X-CSRF-Token header", "سرآیند X-CSRF-Token نیست یا نادرست است؛ صفحه را دوباره بارگذاری کنید"},
      {"wrong username or password", "نام کاربری یا گذرواژه نادرست است"},
      {"too many failed logins; wait before trying again",
       "ورود ناموفق بیش از اندازه بود؛ کمی صبر کنید و دوباره بکوشید"},
      {"this account is disabled; ask your centre's admin to enable it",
       "این حساب غیرفعال است؛ از مدیر مرکز بخواهید آن را فعال کند"},
      {"wrong or expired code", "کد نادرست است یا زمان آن گذشته است"},
      {"too many codes asked for; wait before asking again",
       "کد بیش از اندازه درخواست شده است؛ کمی صبر کنید و دوباره درخواست کنید"},
      {"too many wrong codes; wait before trying again",
       "کد نادرست بیش از اندازه وارد شده است؛ کمی صبر کنید و دوباره بکوشید"},
      {"this choice has expired; ask for a new code", "زمان این انتخاب گذشته است؛ کد تازه بخواهید"},
      {"is not one of the patients registered with this mobile number",
       "از بیمارانی نیست که با این شماره همراه ثبت شده‌اند"},
      {"this link is unknown, used or expired",
       "این پیوند شناخته نیست، پیش‌تر به کار رفته یا زمان آن گذشته "
       "است"},
      {"the portal is for signed-in patients",
       "درگاه بیماران برای بیمارانی است که وارد شده‌اند"},
      {"say what was done: called, asked_to_come_in or referred_to_emergency",
       "بنویسید چه کاری انجام شد: تماس با بیمار (called)، فراخواندن بیمار به مرکز (asked_to_come_in) یا فرستادن به "
       "اورژانس (referred_to_emergency)"},
      {"must be surgeon, coordinator or physiotherapist",
       "باید جراح، هماهنگ‌کننده یا فیزیوتراپیست باشد"},
      {"live events are not available on this server", "رویدادهای زنده در این سرور در دسترس نیست"},
      {"red flags are reported by the patient",
       "علامت هشدار را خود بیمار گزارش می‌کند"},
      {"only an admin may edit centres", "فقط مدیر می‌تواند مراکز را ویرایش کند"},
      {"a centre's licence status is set by the registry, not by the centre's own staff",
       "وضعیت مجوز مرکز را نهاد ثبت و صدور مجوز تعیین می‌کند، "
       "نه کارکنان خود مرکز"},
      {"only the operator manages registry accounts",
       "حساب‌های نهاد ثبت را فقط راهبر سامانه مدیریت می‌کند"},
      {"must not be before the from date", "نباید پیش از تاریخ آغاز باشد"},
      {"you may read the report of your own centre only",
       "فقط گزارش مرکز خودتان را می‌توانید ببینید"},
      {"the worklist is per centre; this account has none", "فهرست کارها برای هر مرکز است و این حساب مرکزی ندارد"},
      {"only visits, imaging, questionnaires and work-up tests are closed as missed",
       "فقط ویزیت، تصویربرداری، پرسشنامه و آزمایش‌های پیش از درمان به‌عنوان ازدست‌رفته بسته "
       "می‌شوند"},
      {"is required when the reason is other: say why", "وقتی دلیل «دیگر» است الزامی است: بنویسید چرا"},
      {"is required: the day before which the windows closed",
       "الزامی است: روزی که بازه‌ها پیش از آن بسته شده‌اند"},
      // Accounts
      {"must be at least 12 characters", "باید دست‌کم ۱۲ نویسه باشد"},
      {"must contain letters and digits", "باید هم حرف و هم رقم داشته باشد"},
      {"must not contain the username", "نباید نام کاربری را در بر داشته باشد"},
      {"is a well-known password", "گذرواژه‌ای شناخته‌شده و ناامن است"},
      {"must be 3 to 64 characters", "باید ۳ تا ۶۴ نویسه باشد"},
      {"may contain only letters, digits, '.', '_' and '-'",
       "فقط حرف و رقم لاتین و نویسه‌های . و _ و - مجاز است"},
      {"an account with this username exists", "حسابی با این نام کاربری وجود دارد"},
      {"must be one of admin, surgeon, coordinator, lab, physiotherapist, analyst",
       "باید یکی از نقش‌های admin، surgeon، coordinator، lab، physiotherapist یا analyst "
       "باشد"},
      {"an admin cannot disable their own account",
       "مدیر نمی‌تواند حساب خودش را غیرفعال کند"},
      {"an admin cannot change their own role", "مدیر نمی‌تواند نقش خودش را تغییر دهد"},
      {"send role, disabled or both", "نقش، غیرفعال بودن یا هر دو را بفرستید"},
      // Centres and patients
      {"must be licensed, pending, suspended or unknown", "باید یکی از licensed، pending، suspended یا unknown باشد"},
      {"names in English and Persian are required", "نام به انگلیسی و فارسی الزامی است"},
      {"is required when the name in Latin script is not given: one of the two is needed",
       "الزامی است، مگر آن‌که نام به خط لاتین داده شود: یکی از این دو لازم "
       "است"},
      {"must be one of female, male, other, unknown", "باید یکی از female، male، other یا unknown باشد"},
      {"must have exactly 10 digits", "باید دقیقاً ۱۰ رقم داشته باشد"},
      {"is not an issued national id (all digits equal)",
       "کد ملی صادرشده‌ای نیست (همه رقم‌ها یکسان‌اند)"},
      {"check digit does not match", "رقم کنترل کد ملی درست نیست"},
      {"must be an Iranian number (+98…)", "باید شماره‌ای ایرانی باشد (+98…)"},
      {"must be an Iranian mobile number like 0912 345 6789", "باید شماره همراه ایرانی باشد، مانند ۰۹۱۲ ۳۴۵ ۶۷۸۹"},
      {"must not be in the future", "نباید در آینده باشد"},
      {"must be within the last 120 years", "باید در ۱۲۰ سال گذشته باشد"},
      {"no patient", "بیمار یافت نشد"},
      {"is required: say why the details change",
       "الزامی است: بنویسید چرا مشخصات تغییر می‌کند"},
      // Episodes and the pathway
      {"must be 0 to 4", "باید از ۰ تا ۴ باشد"},
      {"must be 0 to 3", "باید از ۰ تا ۳ باشد"},
      {"Kellgren–Lawrence grade must be a whole number 0 to 4", "درجه کلگرن–لارنس باید عددی صحیح از ۰ تا ۴ باشد"},
      {"Tönnis grade must be a whole number 0 to 3", "درجه تونیس باید عددی صحیح از ۰ تا ۳ باشد"},
      {"is not a finding this protocol's eligibility uses",
       "از یافته‌هایی نیست که معیارهای این پروتکل به کار می‌برد"},
      {"must be a JSON object of finding: value", "باید شیء JSON از «یافته: مقدار» باشد"},
      {"must be icd-10-cm or icd-10", "باید icd-10-cm یا icd-10 باشد"},
      {"must be an episode of the same hip", "باید دوره درمانی همان مفصل ران باشد"},
      {"must be an episode of the same patient", "باید دوره درمانی همان بیمار باشد"},
      {"must be the episode of the other hip", "باید دوره درمانی مفصل ران دیگر باشد"},
      {"that episode is already linked", "آن دوره درمانی پیش‌تر پیوند داده شده است"},
      {"an episode names no known centre",
       "دوره درمانی به مرکز شناخته‌شده‌ای تعلق ندارد"},
      {"give a harvest or an injection date", "تاریخ برداشت یا تزریق را وارد کنید"},
      {"must not be before the harvest date", "نباید پیش از تاریخ برداشت باشد"},
      {"must not be before the injection", "نباید پیش از تزریق باشد"},
      {"the injection cannot precede the harvest", "تزریق نمی‌تواند پیش از برداشت باشد"},
      {"assess eligibility before marking the episode eligible",
       "پیش از واجد شرایط شمردن دوره درمانی، ارزیابی شرایط را ثبت کنید"},
      {"the last eligibility assessment was ineligible", "آخرین ارزیابی، بیمار را فاقد شرایط دانسته است"},
      {"the last assessment needs review: give the reviewing clinician's reason",
       "آخرین ارزیابی نیاز به بازبینی دارد: دلیل پزشک بازبین را بنویسید"},
      {"plan the harvest and injection dates before scheduling",
       "پیش از زمان‌بندی، تاریخ برداشت و تزریق را برنامه‌ریزی کنید"},
      {"the harvest has been done; its date is recorded by the harvest transition",
       "برداشت انجام شده است؛ تاریخ آن با مرحله برداشت ثبت شده است"},
      {"record the cell source (bone_marrow or adipose) at harvest",
       "منبع سلول (مغز استخوان یا بافت چربی) را هنگام برداشت ثبت کنید"},
      {"record the image guidance (ultrasound or fluoroscopy)",
       "روش هدایت تصویری (سونوگرافی یا فلوروسکوپی) را ثبت کنید"},
      {"must be one of planned, done, missed, cancelled", "باید یکی از planned، done، missed یا cancelled باشد"},
      {"no such item", "چنین موردی در برنامه نیست"},
      // Questionnaires and events
      {"is required: an object of item id to answer", "الزامی است: شیئی از شناسه پرسش به پاسخ"},
      {"'answers' must be an object of item id → value", "«answers» باید شیئی از شناسه پرسش به مقدار باشد"},
      {"this key was used for another submission", "این کلید برای ثبت دیگری به کار رفته است"},
      // Questionnaire links and wording
      {"is required unless item_id names a time point (the link then asks for all of its questionnaires)",
       "الزامی است، مگر آنکه item_id یک زمان پرسشنامه را نام ببرد (پیوند آنگاه همهٔ پرسشنامه‌های آن را "
       "می‌پرسد)"},
      {"nests deeper than 40 levels", "بیش از ۴۰ سطح تودرتو است"},
      {"is not JSON", "JSON نیست"},
      {"must be Questionnaire (a FHIR R4 Questionnaire resource)",
       "باید Questionnaire باشد (منبع Questionnaire در FHIR R4)"},
      {"is required: each loaded wording is kept under its own version",
       "الزامی است: هر متن بارگذاری‌شده با نسخهٔ خود نگه داشته "
       "می‌شود"},
      {"does not have the shape of a FHIR R4 Questionnaire (item, text, answerOption)",
       "ساختار Questionnaire در FHIR R4 را ندارد (item، text، answerOption)"},
      {"the file's items match no instrument's; name the instrument",
       "پرسش‌های پرونده با هیچ پرسشنامه‌ای جور نیست؛ پرسشنامه را نام "
       "ببرید"},
      {"no language has text for every title, heading, item and answer (Persian: translation extension, lang fa)",
       "هیچ زبانی برای همهٔ عنوان‌ها، سرفصل‌ها، پرسش‌ها و پاسخ‌ها متن ندارد (افزونهٔ translation با lang fa متن "
       "فارسی "
       "را می‌دهد)"},
      {"loading questionnaire wording needs the operator or an admin",
       "بارگذاری متن پرسشنامه کار گرداننده سامانه یا مدیر است"},
      {"is required: a FHIR R4 Questionnaire", "الزامی است: یک Questionnaire در FHIR R4"},
      {"must be mild, moderate, severe or serious", "باید یکی از mild، moderate، severe یا serious باشد"},
      {"the CTCAE grade must be 1 to 5", "درجه CTCAE باید از ۱ تا ۵ باشد"},
      {"must be a list of strings", "باید فهرستی از متن‌ها باشد"},
      {"say why the assessment changes", "بنویسید چرا ارزیابی تغییر می‌کند"},
      {"give the grade, the seriousness criteria, the relatedness or the outcome",
       "درجه، معیارهای جدی بودن، ارتباط یا پیامد را بنویسید"},
      {"say why this red flag is not an adverse event", "بنویسید چرا این علامت هشدار عارضه نیست"},
      {"a red flag is triaged, not graded",
       "علامت هشدار بررسی و دسته‌بندی می‌شود، نه درجه‌بندی"},
      {"must be adverse_event or not_adverse_event", "باید adverse_event یا not_adverse_event باشد"},
      {"only with the decision adverse_event", "فقط وقتی تصمیم adverse_event است"},
      {"is required: the adverse event's category", "الزامی است: نوع عارضه"},
      {"CTCAE grade 5 is death: the outcome must be death", "درجه ۵ CTCAE یعنی مرگ: پیامد باید مرگ باشد"},
      {"an event whose outcome is death is CTCAE grade 5",
       "عارضه‌ای که به مرگ انجامیده درجه ۵ CTCAE است"},
      {"the seriousness criterion death needs the outcome death",
       "معیار جدی بودنِ مرگ، پیامد مرگ را می‌خواهد"},
      {"a plan dated before today needs a reason",
       "برنامه‌ای با تاریخ گذشته به دلیل نیاز دارد"},
      {"the patient has not consented to treatment: record the consent first",
       "بیمار رضایت درمان نداده است: نخست رضایت را ثبت کنید"},
      {"the injection is done: say why its cell source or guidance changes",
       "تزریق انجام شده است: بنویسید چرا منبع سلول یا روش هدایت تغییر "
       "می‌کند"},
      {"the earlier episode has no injection yet: continue it instead",
       "دوره درمانی پیشین هنوز تزریق نشده است: همان را ادامه دهید"},
      // Dates, names and questionnaires as typed
      {"is required (or birth_date_jalali)", "الزامی است (یا birth_date_jalali)"},
      {"must contain a letter (only spaces or invisible characters)",
       "باید دست‌کم یک حرف داشته باشد "
       "(فقط فاصله یا نویسه‌های نادیدنی دارد)"},
      {"hoos scores a subscale only when at least half of its items are answered, and none has that many",
       "HOOS هر زیرمقیاس را فقط وقتی امتیاز می‌دهد "
       "که دست‌کم به نیمی از پرسش‌های آن پاسخ داده شده باشد، "
       "و هیچ زیرمقیاسی چنین نیست"},
      {"womac-from-hoos scores a subscale only when all of its items are answered, and none has them all",
       "WOMAC هر زیرمقیاس را فقط وقتی امتیاز می‌دهد "
       "که به همه پرسش‌های آن پاسخ داده شده باشد، "
       "و هیچ زیرمقیاسی چنین نیست"},
      // Routing and the server
      {"no such route", "چنین مسیری وجود ندارد"},
      {"no such file", "چنین پرونده‌ای وجود ندارد"},
      {"internal error; the request changed nothing", "خطای درونی رخ داد؛ درخواست چیزی را تغییر نداد"},
      {"the server's disk is full, so nothing was saved; try again later or tell the operator",
       "دیسک سرور پر است و چیزی ذخیره نشد؛ بعداً دوباره بکوشید یا به مسئول سرور خبر دهید"},
      {"send the metrics token as Authorization: Bearer <token>",
       "توکن سنجه‌ها را در سرآیند Authorization: Bearer <token> بفرستید"},
  };
  return m;
}

// The pathway's states as the web app names them in Persian.
std::string state_fa(const std::string& state) {
  static const std::unordered_map<std::string_view, std::string_view> names = {
      {"referred", "ارجاع‌شده"},
      {"screening", "غربالگری"},
      {"eligible", "واجد شرایط"},
      {"ineligible", "فاقد شرایط"},
      {"workup", "بررسی‌های پیش از درمان"},
      {"scheduled", "زمان‌بندی‌شده"},
      {"harvested", "برداشت سلول انجام شد"},
      {"product_released", "فرآورده آزاد شد"},
      {"injected", "تزریق انجام شد"},
      {"follow_up", "پیگیری"},
      {"completed", "پایان‌یافته"},
      {"converted_to_thr", "تبدیل به تعویض مفصل"},
      {"withdrawn", "انصراف"},
      {"lost_to_follow_up", "از پیگیری خارج‌شده"},
  };
  const auto it = names.find(state);
  return it == names.end() ? state : "«" + std::string(it->second) + "»";
}

struct Pattern {
  std::regex english;
  // The Persian text; $1, $2 ... are the English captures, numbers in Persian digits.
  std::string persian;
  // Captures that name a pathway state, shown by their Persian names.
  std::vector<int> states;
};

const std::vector<Pattern>& patterns() {
  static const std::vector<Pattern> p = [] {
    std::vector<Pattern> out;
    auto add = [&out](const char* re, const char* fa, std::vector<int> states = {}) {
      out.push_back({std::regex(re), fa, std::move(states)});
    };
    add(R"(must be at most (\d+) bytes)", "باید حداکثر $1 بایت باشد");
    add(R"(must be at most (\d+) characters)", "باید حداکثر $1 نویسه باشد");
    add(R"(no patient (\d+))", "بیمار شماره $1 یافت نشد");
    add(R"(no episode (\d+))", "دوره درمانی شماره $1 یافت نشد");
    add(R"(no event (\d+))", "رویداد شماره $1 یافت نشد");
    add(R"(no adverse event (\d+))", "عارضه شماره $1 یافت نشد");
    add(R"(no account (\d+))", "حساب شماره $1 یافت نشد");
    add(R"(no account '(.+)')", "حسابی با نام کاربری «$1» نیست");
    add(R"(no centre '(.+)')", "مرکزی با شناسه «$1» نیست");
    add(R"(episode (\d+) has no item (.+))", "دوره درمانی شماره $1 موردی با شناسه «$2» ندارد");
    add(R"(cannot move an episode from (\w+) to (\w+) \(.*\))",
        "دوره درمانی را نمی‌توان از $1 به $2 برد", {1, 2});
    add(R"(a reason is required to move an episode to (\w+))", "برای بردن دوره درمانی به $1 نوشتن دلیل لازم است", {1});
    add(R"(role '(.+)' may not move an episode to (\w+))",
        "نقش «$1» نمی‌تواند دوره درمانی را به $2 ببرد", {2});
    add(R"(the role '(.+)' may not read the outcome report)", "نقش «$1» اجازه دیدن گزارش پیامدها را ندارد");
    add(R"(role '(.+)' may not .+)", "نقش «$1» اجازه این کار را ندارد");
    add(R"(this event is already (\w+))", "به این رویداد پیش‌تر رسیدگی شده است ($1)");
    add(R"(must not be before the previous step \((.+)\))", "نباید پیش از مرحله قبلی ($1) باشد");
    add(R"(this path does not take (\w+))", "این مسیر روش $1 را نمی‌پذیرد");
    add(R"(unknown instrument '(.+)')", "پرسشنامه «$1» شناخته نیست");
    add(R"(unknown item '(.+)' for instrument (.+))", "پرسش «$1» در پرسشنامه $2 نیست");
    add(R"(item '(.+)' is answered twice)", "به پرسش «$1» دو بار پاسخ داده شده است");
    add(R"(item '(.+)' must be .+)", "پاسخ پرسش «$1» پذیرفته نیست");
    add(R"(Harris Hip Score needs every item; '(.+)' is missing)",
        "امتیاز هریس به پاسخ همه پرسش‌ها نیاز دارد؛ «$1» بی‌پاسخ است");
    add(R"(HOOS items are 0–4, got .+)", "پاسخ پرسش‌های HOOS باید از ۰ تا ۴ باشد");
    add(R"('(.+)' is not a hip osteoarthritis \(M16\) code of .+)", "«$1» کد استئوآرتریت مفصل ران (M16) نیست");
    add(R"('(.+)' is not a knee osteoarthritis \(M17\) code of .+)", "«$1» کد استئوآرتریت مفصل زانو (M17) نیست");
    add(R"(this account already has (\d+) live event streams open, the most it may; close another tab or window )"
        R"(of this site)",
        "این حساب هم‌اکنون $1 جریان رویداد زنده باز دارد که بیشترین اندازه مجاز است؛ یکی از زبانه‌ها یا "
        "پنجره‌های دیگر "
        "این سایت را ببندید");
    add(R"(the server is serving the most live event streams it may \((\d+)\); try again in a minute)",
        "سرور بیشترین شمار مجاز جریان‌های رویداد زنده ($1) را می‌فرستد؛ یک دقیقه دیگر دوباره "
        "بکوشید");
    add(R"(no red flag (\d+))", "علامت هشدار شماره $1 یافت نشد");
    add(R"('([-0-9]+)' is not a plausible plan: give a date from ([-0-9]+) to ([-0-9]+))",
        "«$1» تاریخ باورپذیری برای برنامه نیست: تاریخی از $2 تا $3 بدهید");
    add(R"(must not be before the episode began \(([-0-9]+)\))", "نباید پیش از آغاز دوره درمانی ($1) باشد");
    add(R"(the window of (.+) opens on ([-0-9]+): it cannot be done before)",
        "بازه «$1» از $2 باز می‌شود: پیش از آن انجام‌شده ثبت نمی‌شود");
    add(R"(the (\w+) joint already has an open episode (\d+) \((\w+)\): continue it, or end it first)",
        "این مفصل ($1) دوره درمانی باز شماره $2 دارد ($3): همان را ادامه دهید یا نخست آن را ببندید", {3});
    add(R"(a patient with this national id is already registered here \(record (.+)\))",
        "بیماری با این کد ملی پیش‌تر در این مرکز ثبت شده است (پرونده "
        "$1)");
    add(R"(this red flag was already triaged \((\w+)\))",
        "این علامت هشدار پیش‌تر بررسی شده است ($1)");
    add(R"(this item is already (\w+))", "این مورد پیش‌تر وضعیت «$1» گرفته است");
    add(R"(the window of (.+) is open until ([-0-9]+): it can be closed as missed once the window has closed)",
        "بازه «$1» تا $2 باز است: پس از بسته شدن بازه می‌توان آن را ازدست‌رفته "
        "بست");
    add(R"(must not be after today \(([-0-9]+)\): only items whose window has closed are closed as missed)",
        "نباید پس از امروز ($1) باشد: فقط مواردی که بازه‌شان بسته شده است ازدست‌رفته بسته "
        "می‌شوند");
    add(R"(only a missed item is reopened; this one is (\w+))",
        "فقط مورد ازدست‌رفته دوباره باز می‌شود؛ وضعیت این مورد «$1» "
        "است");
    add(R"(must hold at most (\d+) items)", "باید حداکثر $1 مورد داشته باشد");
    add(R"(each must be at most (\d+) bytes)", "هر کدام باید حداکثر $1 بایت باشد");
    add(R"(unknown protocol \(known: (.*)\))",
        "پروتکل شناخته نیست (پروتکل‌های موجود: $1)");
    add(R"('(.+)' is not one of (.+))", "«$1» از مقدارهای مجاز نیست ($2)");
    add(R"(may contain only digits and separators, found '(.+)')", "فقط رقم و جداکننده مجاز است، نه «$1»");
    add(R"(body is not valid JSON: .*)", "بدنه درخواست JSON معتبر نیست");
    add(R"('(\d+)-(\d+)-(\d+)' is not a day of the Gregorian calendar)", "«$1-$2-$3» روزی از تقویم میلادی نیست");
    add(R"('(\d+)-(\d+)-(\d+)' is not a day of the Jalali calendar)", "«$1-$2-$3» روزی از تقویم خورشیدی نیست");
    add(R"('(.*)' is not a date: .*)", "«$1» تاریخ نیست؛ آن را به شکل سال-ماه-روز بنویسید");
    add(R"(record number '(.+)' is already used at centre (.+))",
        "شماره پرونده «$1» پیش‌تر در مرکز $2 به کار رفته است");
    add(R"(this key was already used for a different request.*)",
        "این کلید برای درخواست دیگری به کار رفته است؛ برای درخواست تازه کلید تازه بفرستید");
    add(R"(unknown protocol '([^']*)'.*)", "پروتکل «$1» شناخته نیست");
    add(R"('(\d+)-(\d+)-(\d+)' is a Jalali date \(its year is 1300-1499\), but (\w+) takes a Gregorian one: send a Jalali )"
        R"(date as (\w+))",
        "«$1-$2-$3» تاریخ خورشیدی است (سال آن ۱۳۰۰ تا ۱۴۹۹ است)، "
        "اما $4 تاریخ میلادی می‌گیرد: "
        "تاریخ خورشیدی را در $5 بفرستید");
    add(R"('(\d+)-(\d+)-(\d+)' is a Jalali date \(its year is 1300-1499\), but (\w+) takes a Gregorian one)",
        "«$1-$2-$3» تاریخ خورشیدی است (سال آن ۱۳۰۰ تا ۱۴۹۹ است)، "
        "اما $4 تاریخ میلادی می‌گیرد");
    add(R"('(\d+)-(\d+)-(\d+)' is a Gregorian date \(its year is 1900-2199\), but (\w+) takes a Jalali one: send it as )"
        R"((\w+))",
        "«$1-$2-$3» تاریخ میلادی است (سال آن ۱۹۰۰ تا ۲۱۹۹ است)، "
        "اما $4 تاریخ خورشیدی می‌گیرد: "
        "آن را در $5 بفرستید");
    add(R"(give (\w+) or (\w+), not both)", "$1 یا $2 را بفرستید، نه هر دو را");
    add(R"(must not contain the bidirectional control (U\+[0-9A-F]+))", "نباید نویسه کنترل جهت متن ($1) داشته باشد");
    add(R"(must not contain the line or paragraph separator (U\+[0-9A-F]+))",
        "نباید جداکننده سطر یا بند ($1) داشته باشد");
    add(R"(must not contain the invisible character (U\+[0-9A-F]+))", "نباید نویسه نادیدنی ($1) داشته باشد");
    add(R"(must be a whole number (-?\d+)-(\d+))", "باید عددی صحیح از $1 تا $2 باشد");
    add(R"('(.+)' is not a questionnaire time point of protocol (.+))",
        "«$1» از زمان‌های پرسشنامه پروتکل $2 نیست");
    add(R"('(.+)' is not asked at (.+) \(asked: (.+)\))",
        "پرسشنامه «$1» در $2 پرسیده نمی‌شود (پرسیده می‌شود: $3)");
    add(R"((.+) is scored only with all (\d+) of its items answered; missing: (.+))",
        "$1 فقط با پاسخ به همه $2 پرسش آن امتیاز می‌گیرد؛ بی‌پاسخ: $3");
    add(R"((.+) gives no score without an answer to (.+))",
        "$1 بدون پاسخ به $2 امتیازی نمی‌دهد");
    add(R"('(.+)' is filled in by the clinician and cannot be sent to a patient)",
        "«$1» را پزشک پر می‌کند و نمی‌توان آن را برای بیمار فرستاد");
    add(R"('(.+)' has no questionnaire of its own \(it is computed from another instrument's answers\) and cannot )"
        R"(be sent to a patient)",
        "«$1» پرسشنامهٔ جداگانه‌ای ندارد (از پاسخ‌های پرسشنامهٔ دیگری حساب می‌شود) و نمی‌توان آن را برای بیمار "
        "فرستاد");
    add(R"('(.+)' asks the patient for no questionnaire)",
        "در «$1» پرسشنامه‌ای از بیمار پرسیده نمی‌شود");
    add(R"(is required: this link asks for several questionnaires \((.+)\))",
        "الزامی است: این پیوند چند پرسشنامه را می‌پرسد ($1)");
    add(R"('(.+)' is not asked by this link, or is answered already \(asked: (.+)\))",
        "«$1» را این پیوند نمی‌پرسد یا پیش‌تر پاسخ داده شده است (پرسیده می‌شود: "
        "$2)");
    add(R"(this instrument already has a wording with version '(.+)')",
        "این پرسشنامه پیش‌تر متنی با نسخهٔ «$1» دارد");
    add(R"(item (.+) is missing: (.+) has (\d+) answerable items, the file (\d+))",
        "پرسش $1 نیست: $2 دارای $3 پرسش است و پرونده $4 پرسش دارد");
    add(R"(item (\d+) is '(.+)' where (.+) has (.+) \(the same linkIds, in the same order\))",
        "پرسش $1 «$2» است، حال آنکه در $3 «$4» است (همان linkIdها به همان ترتیب)");
    add(R"(item (.+) has type (.+) where (.+) has (.+))", "نوع پرسش $1 ($2) با نوع آن در $3 ($4) یکی نیست");
    add(R"(item (.+) has another answer range than (.+)'s)", "بازهٔ پاسخ پرسش $1 با بازهٔ آن در $2 یکی نیست");
    add(R"(item (.+) has answer codes \[(.*)\] where (.+) scores \[(.*)\])",
        "کدهای پاسخ پرسش $1 [$2] است، حال آنکه $3 با [$4] امتیاز می‌دهد");
    add(R"(item (.+) has no text)", "پرسش $1 متنی ندارد");
    add(R"(item (.+) is not one of (.+)'s: it has (\d+) answerable items, the file (\d+))",
        "پرسش $1 از پرسش‌های $2 نیست: $2 دارای $3 پرسش است و پرونده $4 پرسش "
        "دارد");
    add(R"(unexpected field '(.+)'; answers go under "answers")",
        "فیلد «$1» پیش‌بینی نشده است؛ پاسخ‌ها را زیر «answers» بفرستید");
    return out;
  }();
  return p;
}

bool all_digits(const std::string& s) { return !s.empty() && s.find_first_not_of("0123456789") == std::string::npos; }

}  // namespace

std::optional<std::string> persian_message(std::string_view english) {
  if (const auto it = exact().find(english); it != exact().end()) return std::string(it->second);
  // libstdc++'s std::regex matches recursively, one frame per character: a message
  // quoting a long value from the request stays English rather than risk the stack.
  if (english.size() > kLongestPatterned) return std::nullopt;
  const std::string text(english);
  for (const Pattern& p : patterns()) {
    std::smatch m;
    if (!std::regex_match(text, m, p.english)) continue;
    std::string out;
    for (std::size_t i = 0; i < p.persian.size(); ++i) {
      const char c = p.persian[i];
      if (c == '$' && i + 1 < p.persian.size() && p.persian[i + 1] >= '1' && p.persian[i + 1] <= '9') {
        const int group = p.persian[++i] - '0';
        const std::string capture = m[group].str();
        const bool is_state = std::find(p.states.begin(), p.states.end(), group) != p.states.end();
        out += is_state ? state_fa(capture) : all_digits(capture) ? persian_digits(capture) : capture;
      } else {
        out += c;
      }
    }
    return out;
  }
  return std::nullopt;
}

std::vector<std::string_view> persian_catalogue() {
  std::vector<std::string_view> keys;
  keys.reserve(exact().size());
  for (const auto& entry : exact()) keys.push_back(entry.first);
  std::sort(keys.begin(), keys.end());
  return keys;
}

}  // namespace rp::api::http
