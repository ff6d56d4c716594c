// Build tool: renders the application's SVG icon to a square PNG of the given size for the
// hicolor icon theme, and checks the result (right size, something drawn) before exiting 0.
// Usage: render_icon ICON.svg OUT.png SIZE
#include <QDir>
#include <QFileInfo>
#include <QGuiApplication>
#include <QImage>
#include <QPainter>
#include <QSvgRenderer>

#include <cstdio>

int main(int argc, char **argv) {
  qputenv("QT_QPA_PLATFORM", "offscreen"); // a build machine has no display
  QGuiApplication app(argc, argv);
  const QStringList args = QGuiApplication::arguments();
  bool ok = false;
  const int size = args.size() == 4 ? args[3].toInt(&ok) : 0;
  if (!ok || size < 8 || size > 1024) {
    std::fprintf(stderr, "usage: render_icon ICON.svg OUT.png SIZE (8 to 1024)\n");
    return 2;
  }
  QSvgRenderer svg(args[1]);
  if (!svg.isValid()) {
    std::fprintf(stderr, "render_icon: %s: not a valid SVG\n", qPrintable(args[1]));
    return 1;
  }
  QImage image(size, size, QImage::Format_ARGB32_Premultiplied);
  image.fill(Qt::transparent);
  QPainter painter(&image);
  painter.setRenderHint(QPainter::Antialiasing);
  svg.render(&painter);
  painter.end();
  QDir().mkpath(QFileInfo(args[2]).path());
  if (!image.save(args[2], "PNG")) {
    std::fprintf(stderr, "render_icon: cannot write %s\n", qPrintable(args[2]));
    return 1;
  }
  const QImage back(args[2]);
  const bool drawn = back.size() == QSize(size, size) && qAlpha(back.pixel(size / 2, size / 2)) > 0;
  if (!drawn) {
    std::fprintf(stderr, "render_icon: %s came out empty or the wrong size\n", qPrintable(args[2]));
    return 1;
  }
  return 0;
}
