// The demo's ratings (issue 19): most patients whose 12-week visit is done rate their
// treatment, a few with a comment; the centre approved most comments, one or two wait for
// its admin and one was rejected, so the directory and the admin's panel both show some.
#include <array>

#include "demo/demo.hpp"
#include "service/ratings.hpp"

namespace rp::demo {
namespace {

// Invented comments, in Persian as the demo's patients write them.
constexpr std::array<const char*, 6> kComments{
    "درد مفصل رانم در راه رفتن کمتر شده است.",
    "از پیگیری‌های مرکز و پیامک‌های یادآوری راضی بودم.",
    "برداشت از لگن دردناک‌تر از آن بود که فکر می‌کردم.",
    "هنوز برای بالا رفتن از پله درد دارم.",
    "در پیاده‌روی‌های طولانی درد کمتری دارم؛ تماس‌های پیگیری کمک "
    "کرد.",
    "کارکنان صبور بودند و همه چیز را توضیح دادند.",
};

}  // namespace

void add_demo_rating(store::Store& store, const Clock& clock, const service::EpisodeRecord& record, int index) {
  bool visited = false;
  for (const auto& item : record.schedule)
    if (item.id == rating::kOpensAfterItem && item.status == ItemStatus::done) visited = true;
  if (!visited || index % 5 == 4) return;  // a fifth never rate
  const Episode& e = record.episode;
  service::Actor patient{"patient", service::Role::patient, e.centre_id, false, e.patient_id};
  const int stars = index % 7 == 0 ? 2 : index % 5 == 0 ? 3 : index % 2 == 0 ? 5 : 4;
  const bool comments = index % 3 != 1;
  service::Ratings ratings(store, clock);
  const auto r = ratings.rate(patient, e.id, stars,
                              comments ? kComments[static_cast<std::size_t>(index / 3) % kComments.size()] : "");
  if (!comments || index % 4 == 1) return;  // waits for the centre's admin
  ratings.moderate(service::Actor::cli_operator(), r.id, index % 7 != 0);
}

}  // namespace rp::demo
