#include "text_cache.h"

#include <QFontMetricsF>
#include <QHash>

#include <list>
#include <utility>

namespace streamscope::ui {
namespace {

/// What one font has measured. Labels with changing numbers (rates, offsets) make new texts
/// every frame, so each table is emptied when it grows past a bound.
struct FontMemory {
  explicit FontMemory(const QFont &f) : font(f), metrics(f) {}
  QFont font;
  QFontMetricsF metrics;
  QHash<QString, double> widths;
  QHash<std::pair<QString, qint64>, QString> elided; ///< by text and width in 1/64 pixels
  QHash<QString, QStaticText> laidOut;
};

constexpr qsizetype kMaxTexts = 8192;
constexpr std::size_t kMaxFonts = 8; ///< the canvas uses three; a theme change brings new ones

/// Qt measures in 26.6 fixed point: whole 1/64 pixels, cut toward zero as QFixed::fromReal does.
qint64 sixtyFourths(double width) { return static_cast<qint64>(width * 64); }

FontMemory &memoryOf(const QFont &font) {
  thread_local std::list<FontMemory> fonts; // most recently used first
  for (auto it = fonts.begin(); it != fonts.end(); ++it)
    if (it->font == font) {
      if (it != fonts.begin())
        fonts.splice(fonts.begin(), fonts, it);
      return fonts.front();
    }
  if (fonts.size() >= kMaxFonts)
    fonts.pop_back();
  return fonts.emplace_front(font);
}

/// `table`'s value for `key`, made by `make` the first time it is asked for.
template <typename Key, typename Value, typename Make> Value remembered(QHash<Key, Value> &table, const Key &key, Make make) {
  if (const auto it = table.constFind(key); it != table.cend())
    return *it;
  if (table.size() >= kMaxTexts)
    table.clear();
  return *table.insert(key, make());
}

} // namespace

double textWidth(const QFont &font, const QString &text) {
  FontMemory &m = memoryOf(font);
  return remembered(m.widths, text, [&] { return m.metrics.horizontalAdvance(text); });
}

QString elidedText(const QFont &font, const QString &text, double width) {
  // Qt returns the text whole when its width, in 1/64 pixels, is within the width.
  if (sixtyFourths(textWidth(font, text)) <= sixtyFourths(width))
    return text;
  FontMemory &m = memoryOf(font);
  return remembered(m.elided, std::pair(text, sixtyFourths(width)), [&] { return m.metrics.elidedText(text, Qt::ElideRight, width); });
}

QStaticText staticText(const QFont &font, const QString &text) {
  FontMemory &m = memoryOf(font);
  return remembered(m.laidOut, text, [&] {
    QStaticText laidOut(text);
    laidOut.setTextFormat(Qt::PlainText);
    laidOut.prepare(QTransform(), font);
    return laidOut;
  });
}

} // namespace streamscope::ui
