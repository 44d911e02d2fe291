// The demo's education pages (issue 19): the seed article's FAQ questions, answered with
// the protocol's own items (its drug holds, rest, rehabilitation, visits and imaging, in
// both languages as the protocol words them) and, wherever the article gives a result,
// the claim embedded so that the page shows what the centre measured. Published at every
// centre by its admin; one centre keeps a newer draft of one answer waiting.
#include "demo/demo.hpp"
#include "service/education.hpp"
#include "service/protocols.hpp"

namespace rp::demo {
namespace {

// The titles of the protocol's items `ids`, one per line.
LocalText item_lines(const Protocol& protocol, std::initializer_list<const char*> ids) {
  LocalText out;
  for (const char* id : ids)
    if (const ProtocolItem* item = protocol.find_item(id)) {
      out.en += "- " + item->title.en + "\n";
      out.fa += "- " + item->title.fa + "\n";
    }
  return out;
}

struct DemoPage {
  const char* slug;
  education::PageKind kind;
  int position;
  LocalText title, body;
};

std::vector<DemoPage> demo_pages(const Protocol& p) {
  using education::PageKind;
  const LocalText follow_up = item_lines(p, {"visit-2w", "visit-6w", "visit-12w", "imaging-3m", "imaging-6m"});
  const LocalText holds = item_lines(p, {"hold-anti-inflammatory", "hold-blood-thinner"});
  const LocalText after =
      item_lines(p, {"rest-48h", "rehab-water-stretch", "rehab-walking", "rehab-strength", "no-high-impact"});
  const LocalText pain = item_lines(p, {"site-pain-analgesia", "no-nsaid"});
  const LocalText red_flags = item_lines(p, {"red-flags"});
  return {
      {"what-we-measure",
       PageKind::page,
       1,
       {"What this centre measures", "آنچه این مرکز می‌سنجد"},
       {"Articles about stem-cell injection for the hip give success figures. We do not repeat them as facts: "
        "we follow every patient we treat, with questionnaires up to three years, and show here what we have "
        "measured in our own patients, with its uncertainty, or that it is not yet known.\n\n"
        "{{claim:success-75-85}}\n\n{{claim:free-of-replacement-70-2y}}\n\n"
        "Your follow-up, from the day of the injection:\n" +
            follow_up.en,
        "مقاله‌ها دربارهٔ تزریق سلول بنیادی در مفصل ران رقم‌هایی از موفقیت می‌دهند. ما "
        "آنها "
        "را "
        "به‌عنوان "
        "واقعیت "
        "تکرار نمی‌کنیم: همهٔ بیمارانی را که درمان می‌کنیم با پرسشنامه تا سه سال پیگیری می‌کنیم "
        "و "
        "آنچه "
        "در "
        "بیماران "
        "خودمان سنجیده‌ایم را با میزان عدم قطعیتش، یا این‌که هنوز معلوم "
        "نیست، "
        "اینجا "
        "نشان "
        "می‌دهیم.\n\n"
        "{{claim:success-75-85}}\n\n{{claim:free-of-replacement-70-2y}}\n\n"
        "پیگیری شما از روز تزریق:\n" +
            follow_up.fa}},
      {"who-is-it-for",
       PageKind::faq,
       10,
       {"Is stem-cell therapy suitable for every patient?", "آیا درمان با سلول بنیادی برای همهٔ بیماران مناسب است؟"},
       {"It is offered for mild to moderate osteoarthritis of the hip. Before any treatment the surgeon examines "
        "you and orders X-rays, an MRI and blood tests; severe arthritis, an active infection, a tumour, a "
        "bleeding disorder or pregnancy rule it out. Before the harvest:\n" +
            holds.en,
        "این درمان برای آرتروز خفیف تا متوسط مفصل ران پیشنهاد می‌شود. پیش از هر درمانی جراح "
        "شما "
        "را "
        "معاینه "
        "می‌کند "
        "و عکس رادیولوژی، ام‌آر‌آی و آزمایش خون درخواست می‌کند؛ آرتروز شدید، "
        "عفونت "
        "فعال، "
        "تومور، "
        "اختلال "
        "انعقادی یا بارداری مانع درمان است. پیش از برداشت سلول:\n" +
            holds.fa}},
      {"how-soon",
       PageKind::faq,
       20,
       {"How long until I see results?",
        "چه مدت طول می‌کشد تا نتیجهٔ درمان دیده شود؟"},
       {"The article gives times for the first signs and the greatest effect; our own patients answer pain "
        "questionnaires at set times, so what we can measure is this:\n\n{{claim:pain-relief-80-6m}}\n\n"
        "{{claim:first-signs-3-4w}}",
        "مقاله زمان‌هایی برای نخستین نشانه‌ها و بیشترین اثر می‌دهد؛ بیماران ما در "
        "زمان‌های "
        "مشخص "
        "به "
        "پرسشنامهٔ "
        "درد پاسخ می‌دهند، پس آنچه می‌توانیم بسنجیم این "
        "است:\n\n{{claim:pain-relief-80-6m}}\n\n"
        "{{claim:first-signs-3-4w}}"}},
      {"is-it-painful",
       PageKind::faq,
       30,
       {"Is the treatment painful?", "آیا درمان دردناک است؟"},
       {"The harvest and the injection are done under local anaesthesia. After the injection:\n" + pain.en +
            "\n{{claim:common-side-effects-injection-site}}",
        "برداشت و تزریق سلول‌ها با بی‌حسی موضعی انجام می‌شود. پس از "
        "تزریق:\n" +
            pain.fa + "\n{{claim:common-side-effects-injection-site}}"}},
      {"time-off",
       PageKind::faq,
       40,
       {"How long will I be away from work and daily activities?", "چه مدت باید از کار و فعالیت روزانه دور باشم؟"},
       {"Your plan after the injection:\n" + after.en + "\n{{claim:daily-activities-90-2w}}",
        "برنامهٔ شما پس از تزریق:\n" + after.fa + "\n{{claim:daily-activities-90-2w}}"}},
      {"does-it-last",
       PageKind::faq,
       50,
       {"Can the pain come back after the injection?", "آیا ممکن است درد پس از تزریق برگردد؟"},
       {"If needed, the treatment can be repeated. How long the benefit lasts in our patients:\n\n"
        "{{claim:benefit-lasts-2y}}\n\n{{claim:benefit-lasts-3y}}",
        "در صورت نیاز، درمان تکرارشدنی است. ماندگاری اثر در بیماران ما:\n\n"
        "{{claim:benefit-lasts-2y}}\n\n{{claim:benefit-lasts-3y}}"}},
      {"side-effects",
       PageKind::faq,
       60,
       {"Does it have serious side effects?", "آیا عوارض جدی دارد؟"},
       {"{{claim:serious-side-effects-under-1}}\n\nAfter the injection:\n" + red_flags.en,
        "{{claim:serious-side-effects-under-1}}\n\nپس از تزریق:\n" + red_flags.fa}},
  };
}

}  // namespace

void add_demo_pages(store::Store& store, const Clock& clock, const std::vector<std::string>& centres) {
  const auto protocol = service::load_protocol("hip-msc-v1");
  service::Education education(store, clock, nullptr);
  const service::Actor op = service::Actor::cli_operator();
  for (const auto& centre : centres)
    for (const auto& d : demo_pages(*protocol)) {
      education::Page page;
      page.centre_id = centre;
      page.slug = d.slug;
      page.kind = d.kind;
      page.position = d.position;
      page.protocol = protocol->id;
      page.title = d.title;
      page.body = d.body;
      const auto saved = education.save(op, page);
      education.publish(op, centre, saved.slug, saved.version);
    }
  // A newer answer waiting for the first centre's admin: the public still reads version 1.
  if (centres.empty()) return;
  auto draft = demo_pages(*protocol)[3];
  education::Page page;
  page.centre_id = centres.front();
  page.slug = draft.slug;
  page.kind = draft.kind;
  page.position = draft.position;
  page.protocol = protocol->id;
  page.title = draft.title;
  page.body = {draft.body.en + "\nAsk for paracetamol if the pain keeps you awake.",
               draft.body.fa + "\nاگر درد مانع خوابتان شد، استامینوفن بخواهید."};
  education.save(op, page);
}

}  // namespace rp::demo
