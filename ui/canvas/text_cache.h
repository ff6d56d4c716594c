#pragma once
// Texts of the canvas measured, cut and laid out once and remembered across frames. A big
// world's frame measures and draws the same few hundred labels (broker titles, rates, counts,
// legend entries) every time, and shaping them again was half of its layout and most of its
// text drawing; a width, a cut or a layout depends only on the font and the text.
// Contract: any thread; each thread remembers its own (thread_local).
#include <QFont>
#include <QStaticText>
#include <QString>

namespace streamscope::ui {

/// The width of `text` in `font`, as QFontMetricsF::horizontalAdvance gives it.
double textWidth(const QFont &font, const QString &text);

/// `text` cut at its right end with an ellipsis to fit `width`, as QFontMetricsF::elidedText
/// with Qt::ElideRight gives it (unchanged when it fits).
QString elidedText(const QFont &font, const QString &text, double width);

/// `text` laid out in `font` as one line of plain text, for QPainter::drawStaticText (which
/// puts its top left corner at the point given: the baseline is one ascent below). A shared
/// copy: drawing it does not lay it out again.
QStaticText staticText(const QFont &font, const QString &text);

} // namespace streamscope::ui
