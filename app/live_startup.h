#pragma once
// The app's live-mode options: open a live window on a Kafka cluster (or librdkafka's mock
// cluster) or on a Kinesis stream at startup, optionally run the durability probe in it,
// and with --screenshot picture the window once the probe is over.
#include <QCommandLineOption>
#include <QCommandLineParser>

#include <optional>

namespace streamscope::ui {
class MainWindow;
}

namespace streamscope::app {

struct LiveStartupOptions {
  QCommandLineOption kafka, mock, kinesis, stream, createShards, probe;
  LiveStartupOptions();
  void addTo(QCommandLineParser &parser) const;
  bool anySet(const QCommandLineParser &parser) const;
};

/// Opens what the options ask for. Returns nullopt when the app should run on as usual
/// (the live window is open), or the exit status: 2 after a bad option, or, with a
/// screenshot path, once the picture was taken (0) or could not be (1, 3 if the probe failed).
std::optional<int> openLiveWindows(const QCommandLineParser &parser, const LiveStartupOptions &o, ui::MainWindow &window, const QString &screenshot,
                                   QSize size);

} // namespace streamscope::app
