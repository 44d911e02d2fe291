// The demo's consent documents (issue 21): the treatment, the registry and contact, each
// with the sections a clinic writes (what is done, the risks of harvest and injection, the
// alternatives, the costs, the use of data, whom to call), the centre's measured figures
// embedded where the article makes a claim, and a question that checks the patient
// understood. Published after the demo's histories at every centre but the first, which
// takes consent on paper (the patient's flag): the others' patients are asked to sign in
// the portal before their harvest.
#include "demo/demo.hpp"
#include "service/consent_documents.hpp"

namespace rp::demo {
namespace {

using consent::ConsentKind;

// The documents' words, both languages side by side: clang-format miscounts the width of
// Persian with zero-width non-joiners and never settles on them, so they stand as written.
// clang-format off

consent::Question understood() {
  return {{"Is it proven that this treatment works?", "آیا ثابت شده است که این درمان اثر دارد؟"},
          {{"Yes, it always works", "بله، همیشه اثر دارد"},
           {"No: it is being studied, and this centre shows what it has measured",
            "نه: هنوز بررسی می‌شود و این مرکز آنچه را سنجیده نشان "
            "می‌دهد"}},
          1};
}

consent::Question withdraw_any_time() {
  return {{"Can you withdraw this consent later?",
           "آیا بعداً می‌توانید این رضایت را پس بگیرید؟"},
          {{"Yes, at any time, with no effect on my care",
            "بله، هر زمان، بی‌آنکه درمانم تغییر کند"},
           {"No, never", "نه، هرگز"}},
          0};
}

consent::Document treatment() {
  consent::Document d;
  d.kind = ConsentKind::treatment;
  d.title = {"Consent to treatment with your own stem cells",
             "رضایت به درمان با سلول‌های بنیادی خودتان"};
  d.sections = {
      {{"What is done", "چه انجام می‌شود"},
       {"Cells are taken from your hip bone or belly fat under local anaesthesia, prepared in the laboratory and "
        "injected into your hip joint under ultrasound or X-ray guidance.",
        "سلول‌ها با بی‌حسی موضعی از استخوان لگن یا چربی شکم گرفته می‌شود، در آزمایشگاه آماده می‌شود و با "
        "هدایت "
        "سونوگرافی یا تصویر اشعهٔ ایکس در مفصل ران تزریق می‌شود."}},
      {{"What the article claims, and what this centre measured", "ادعای مقاله و آنچه این مرکز سنجیده است"},
       {"{{claim:success-75-85}}\n\n{{claim:free-of-replacement-70-2y}}",
        "{{claim:success-75-85}}\n\n{{claim:free-of-replacement-70-2y}}"}},
      {{"Risks of the harvest and the injection", "خطرهای برداشت و تزریق"},
       {"Pain, bruising and swelling where the cells were taken and in the hip for a few days; rarely an "
        "infection, which needs treatment at once.\n\n{{claim:serious-side-effects-under-1}}",
        "درد، کبودی و تورم در جای برداشت و در مفصل تا چند روز؛ به‌ندرت عفونت که باید بی‌درنگ درمان "
        "شود."
        "\n\n{{claim:serious-side-effects-under-1}}"}},
      {{"Other choices", "راه‌های دیگر"},
       {"Exercise and physiotherapy, weight loss, pain relief, a steroid injection, or a hip replacement.",
        "ورزش و فیزیوتراپی، کاهش وزن، داروی مسکن، تزریق کورتون یا تعویض مفصل ران."}},
      {{"Costs", "هزینه‌ها"},
       {"The centre gives you a written estimate before the harvest; insurers may pay nothing for this treatment.",
        "مرکز پیش از برداشت برآورد کتبی هزینه را به شما می‌دهد؛ بیمه ممکن است هزینهٔ این درمان را "
        "نپردازد."}},
      {{"Whom to call", "با چه کسی تماس بگیرید"},
       {"Call the centre at once for fever, redness, growing swelling or pain that keeps you awake.",
        "در صورت تب، قرمزی، تورم رو به افزایش یا دردی که مانع خواب شود، بی‌درنگ با مرکز تماس "
        "بگیرید."}}};
  d.questions = {understood(), withdraw_any_time()};
  return d;
}

consent::Document registry() {
  consent::Document d;
  d.kind = ConsentKind::registry;
  d.title = {"Consent to the registry's use of your data",
             "رضایت به استفادهٔ سامانهٔ ثبت از داده‌های شما"};
  d.sections = {{{"What is shared", "چه چیزی به اشتراک گذاشته می‌شود"},
                 {"Your answers and results, without your name, national id or telephone number, so that centres can "
                  "learn how well the treatment works.",
                  "پاسخ‌ها و نتایج شما، بدون نام، کد ملی یا شمارهٔ تلفن، تا مراکز بدانند این درمان چقدر اثر "
                  "دارد."}}};
  d.questions = {withdraw_any_time()};
  return d;
}

consent::Document contact() {
  consent::Document d;
  d.kind = ConsentKind::contact;
  d.title = {"Consent to reminders", "رضایت به یادآوری‌ها"};
  d.sections = {{{"What we send", "چه می‌فرستیم"},
                 {"Text messages or e-mails before your visits, drug holds and questionnaires.",
                  "پیامک یا رایانامه پیش از ویزیت‌ها، قطع داروها و "
                  "پرسشنامه‌ها."}}};
  d.questions = {withdraw_any_time()};
  return d;
}

// clang-format on

}  // namespace

void add_demo_consents(store::Store& store, const Clock& clock, const std::vector<std::string>& centres) {
  service::ConsentDocuments documents(store, clock);
  const service::Actor op = service::Actor::cli_operator();
  for (std::size_t i = 1; i < centres.size(); ++i)
    for (auto d : {treatment(), registry(), contact()}) {
      d.centre_id = centres[i];
      d.protocol = "hip-msc-v1";
      const auto saved = documents.save(op, d);
      documents.publish(op, d.centre_id, d.protocol, d.kind, saved.latest.version);
    }
}

}  // namespace rp::demo
