// The test platform's screen as a projector's: the offscreen platform's default screen (800x600)
// would make a full-screen window smaller than the sizes presentation mode is tested at.
#pragma once

#include <QByteArray>
#include <QDir>
#include <QFile>

namespace streamscope::test {

/// Call before the QApplication exists: one offscreen screen of `width` x `height`.
inline void useProjectorScreen(int width, int height) {
  const QString path = QDir::temp().filePath(QStringLiteral("streamscope-projector-screen.json"));
  QFile file(path);
  if (file.open(QIODevice::WriteOnly | QIODevice::Truncate))
    file.write(QStringLiteral(R"({"synchronousWindowSystemEvents": false, "windowFrameMargins": false,
                                 "screens": [{"name": "projector", "x": 0, "y": 0, "width": %1, "height": %2,
                                              "logicalDpiX": 96, "logicalDpiY": 96, "dpr": 1}]})")
                   .arg(width)
                   .arg(height)
                   .toUtf8());
  file.close();
  qputenv("QT_QPA_PLATFORM", "offscreen:configfile=" + path.toLocal8Bit());
}

} // namespace streamscope::test

/// QTEST_MAIN with a projector's screen.
#define PROJECTOR_TEST_MAIN(TestObject, width, height)                                                                                               \
  int main(int argc, char *argv[]) {                                                                                                                 \
    streamscope::test::useProjectorScreen(width, height);                                                                                            \
    QApplication app(argc, argv);                                                                                                                    \
    app.setAttribute(Qt::AA_Use96Dpi, true);                                                                                                         \
    TestObject tc;                                                                                                                                   \
    QTEST_SET_MAIN_SOURCE_PATH                                                                                                                       \
    return QTest::qExec(&tc, argc, argv);                                                                                                            \
  }
