// The test platform's screen as a projector's: the offscreen platform's default screen (800x600)
// would clamp a full-screen window below the sizes presentation mode is tested at.
#pragma once

#include <QByteArray>
#include <QDir>
#include <QFile>

namespace streamscope::test {

/// Call before the QApplication exists: a 1920x1080 offscreen screen.
inline void useProjectorScreen() {
  const QString path = QDir::temp().filePath(QStringLiteral("streamscope-projector-screen.json"));
  QFile file(path);
  if (file.open(QIODevice::WriteOnly | QIODevice::Truncate))
    file.write(R"({"synchronousWindowSystemEvents": false, "windowFrameMargins": false,
                   "screens": [{"name": "projector", "x": 0, "y": 0, "width": 1920, "height": 1080,
                                "logicalDpiX": 96, "logicalDpiY": 96, "dpr": 1}]})");
  file.close();
  qputenv("QT_QPA_PLATFORM", "offscreen:configfile=" + path.toLocal8Bit());
}

} // namespace streamscope::test

/// QTEST_MAIN with the projector's screen.
#define PROJECTOR_TEST_MAIN(TestObject)                                                                                                              \
  int main(int argc, char *argv[]) {                                                                                                                 \
    streamscope::test::useProjectorScreen();                                                                                                         \
    QApplication app(argc, argv);                                                                                                                    \
    app.setAttribute(Qt::AA_Use96Dpi, true);                                                                                                         \
    TestObject tc;                                                                                                                                   \
    QTEST_SET_MAIN_SOURCE_PATH                                                                                                                       \
    return QTest::qExec(&tc, argc, argv);                                                                                                            \
  }
