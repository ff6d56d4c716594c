// MainWindow, part: files. Opening scenarios and recordings (with replay progress), saving
// the scenario with the user's actions, saving and live-recording the run, the library, and
// exporting the canvas as an image.
#include "main_window.h"

#include "canvas/stream_canvas.h"
#include "lesson_panel.h"
#include "library_dialog.h"
#include "live/live_kafka_window.h"
#include "live/live_kinesis_window.h"
#include "model/history/library_store.h"
#include "model/history/recording_store.h"
#include "model/json/fault_json.h"
#include "model/json/scenario_loader.h"
#include "recent_files.h"
#include "scenario_details_dialog.h"
#include "speed_control.h"

#include <QAction>
#include <QDateTime>
#include <QFileDialog>
#include <QFileInfo>
#include <QMessageBox>
#include <QProgressDialog>
#include <QPushButton>
#include <QSaveFile>
#include <QStatusBar>

#include <limits>

namespace streamscope::ui {

LiveKafkaWindow *MainWindow::openLiveKafka(const live::KafkaConnection &c, int mockBrokers) {
  auto *window = new LiveKafkaWindow(c, mockBrokers, this);
  window->setWindowFlag(Qt::Window);
  connect(window, &LiveKafkaWindow::openScenario, this, [this](const QString &path) {
    if (openScenario(path)) {
      raise();
      activateWindow();
    }
  });
  window->show();
  return window;
}

LiveKinesisWindow *MainWindow::openLiveKinesis(const live::kinesis::ClientOptions &options, const QString &stream, int createShards) {
  auto *window = new LiveKinesisWindow(options, stream, createShards, this);
  window->setWindowFlag(Qt::Window);
  window->show();
  return window;
}

void MainWindow::chooseScenario() {
  const QString path =
      QFileDialog::getOpenFileName(this, tr("Open scenario"), QFileInfo(m_scenarioPath).path(), tr("Scenarios (*.json);;All files (*)"));
  if (!path.isEmpty())
    openScenario(path);
}

bool MainWindow::openScenario(const QString &path) { return useLoaded(model::loadScenarioFile(path), path); }

bool MainWindow::openScenarioText(const QByteArray &text, const QString &name) { return useLoaded(model::loadScenarioText(text, name), QString()); }

bool MainWindow::useLoaded(const model::ScenarioLoadResult &loaded, const QString &path) {
  if (!loaded.scenario) {
    showError(tr("Cannot open scenario"), loaded.error);
    return false;
  }
  if (!mayReplaceSession())
    return false;
  m_scenarioText = loaded.text;
  m_scenarioPath = path;
  m_controller.load(*loaded.scenario, loaded.playbackSpeed, loaded.text);
  showCanvas();
  setWindowTitle(tr("%1 — StreamScope").arg(QString::fromStdString(loaded.scenario->name)));
  if (!path.isEmpty()) {
    remember(path, false);
  }
  return true;
}

bool MainWindow::openFile(const QString &path) { return model::isSqliteFile(path) ? openRecording(path) : openScenario(path); }

bool MainWindow::openRecording(const QString &path) {
  QString error;
  const std::optional<model::Recording> recording = model::readRecording(path, &error);
  if (!recording) {
    showError(tr("Cannot open recording"), error);
    return false;
  }
  if (!mayReplaceSession())
    return false;
  // Replaying a long recording takes seconds: show how far it is, and let it be cancelled.
  QProgressDialog progress(tr("Replaying %1 and checking it…").arg(QFileInfo(path).fileName()), tr("Cancel"), 0, 1000, this);
  progress.setWindowTitle(tr("Opening recording"));
  progress.setWindowModality(Qt::WindowModal);
  progress.setMinimumDuration(m_interactive ? 400 : std::numeric_limits<int>::max());
  const auto report = [&progress](double share) {
    progress.setValue(static_cast<int>(share * 1000));
    return !progress.wasCanceled();
  };
  const double speedBefore = m_speed->speed();
  if (const auto failed = m_controller.loadRecording(*recording, report)) {
    if (*failed == model::replayCancelledMessage()) {
      statusBar()->showMessage(tr("Opening %1 was cancelled; the current run is kept.").arg(QFileInfo(path).fileName()), 8000);
      return false;
    }
    showError(tr("Cannot open recording"), QStringLiteral("%1: %2").arg(path, *failed));
    return false;
  }
  progress.setValue(1000);
  m_savedEdits = m_explorationEdits; // the replayed actions and branches are in the file
  // The speed it was watched at; a file without one keeps the speed of now, not the scenario's.
  m_speed->setSpeed(recording->playbackSpeed.value_or(speedBefore));
  m_controller.setSpeed(m_speed->speed());
  m_scenarioText = recording->scenarioJson;
  m_scenarioPath.clear();
  showCanvas();
  setWindowTitle(tr("%1 (recording) — StreamScope").arg(QString::fromStdString(m_controller.scenario().name)));
  remember(path, true);
  return true;
}

bool MainWindow::saveRecording(const QString &path) {
  if (!m_controller.hasSimulation())
    return false;
  QString error;
  model::RecordingWriter writer;
  QByteArray text = m_scenarioText;
  if (!writer.create(path, text, &error) || !writer.writeBatch(m_controller.history(), m_controller.simulation(), &error) ||
      !writer.writePlaybackSpeed(m_speed->speed(), &error)) {
    showError(tr("Cannot save recording"), error);
    return false;
  }
  statusBar()->showMessage(tr("Saved the run to %1").arg(path), 6000);
  m_savedEdits = m_explorationEdits;
  remember(path, true);
  return true;
}

void MainWindow::setUnsavedAnswer(UnsavedChoice choice, const QString &recordingPath) {
  m_unsavedAnswer = choice;
  m_unsavedRecordingPath = recordingPath;
}

bool MainWindow::hasUnsavedExploration() const {
  // A lesson's run is not exploration: the lesson rebuilds it.
  if (!m_controller.hasSimulation() || m_recorder || m_explorationEdits == m_savedEdits || !m_lessons->currentLessonId().isEmpty())
    return false;
  return !m_controller.userActions().empty() || m_controller.history().branches().size() > 1;
}

bool MainWindow::mayReplaceSession() {
  if (!hasUnsavedExploration())
    return true;
  UnsavedChoice choice = m_unsavedAnswer;
  QString path = m_unsavedRecordingPath;
  if (m_interactive) {
    QMessageBox box(QMessageBox::Question, tr("Keep your exploration?"),
                    tr("This run has actions or branches you have not saved. Opening something else replaces it."), QMessageBox::NoButton, this);
    QPushButton *keep = box.addButton(tr("Keep as Recording…"), QMessageBox::AcceptRole);
    QPushButton *discard = box.addButton(tr("Discard"), QMessageBox::DestructiveRole);
    box.addButton(QMessageBox::Cancel);
    box.setDefaultButton(keep);
    box.exec();
    choice = box.clickedButton() == keep ? UnsavedChoice::KeepAsRecording
        : box.clickedButton() == discard ? UnsavedChoice::Discard
                                         : UnsavedChoice::Cancel;
    if (choice == UnsavedChoice::KeepAsRecording)
      path = QFileDialog::getSaveFileName(this, tr("Save recording"), QString(), tr("Recordings (*.db)"));
  }
  switch (choice) {
  case UnsavedChoice::Discard: return true;
  case UnsavedChoice::Cancel: break;
  case UnsavedChoice::KeepAsRecording:
    if (!path.isEmpty() && saveRecording(path))
      return true;
    break;
  }
  statusBar()->showMessage(tr("Nothing was opened; the current run is kept."), 6000);
  return false;
}

void MainWindow::keepRecording() {
  connect(&m_controller, &model::SimulationController::frameReady, this, [this] {
    QString error;
    if (m_recorder && !m_recorder->writeBatch(m_controller.history(), m_controller.simulation(), &error)) {
      setRecording(QString());
      showError(tr("Recording stopped"), error);
    }
  });
  connect(m_speed, &SpeedControl::speedChanged, this, [this](double speed) {
    QString error;
    if (m_recorder && !m_recorder->writePlaybackSpeed(speed, &error)) {
      setRecording(QString());
      showError(tr("Recording stopped"), error);
    }
  });
  connect(&m_controller, &model::SimulationController::scenarioLoaded, this, [this] {
    if (m_recorder) // a recording holds one run
      setRecording(QString());
  });
}

bool MainWindow::setRecording(const QString &path) {
  if (path.isEmpty()) {
    if (m_recorder) {
      m_recorder.reset();
      statusBar()->showMessage(tr("Recording saved to %1").arg(m_recordingPath), 6000);
      remember(m_recordingPath, true);
    }
    const QSignalBlocker block(m_record);
    m_record->setChecked(false);
    return true;
  }
  if (!m_controller.hasSimulation())
    return false;
  auto recorder = std::make_unique<model::RecordingWriter>();
  QString error;
  if (!recorder->create(path, m_scenarioText, &error) || !recorder->writeBatch(m_controller.history(), m_controller.simulation(), &error) ||
      !recorder->writePlaybackSpeed(m_speed->speed(), &error)) {
    showError(tr("Cannot record"), error);
    return false;
  }
  m_recorder = std::move(recorder);
  m_recordingPath = path;
  const QSignalBlocker block(m_record);
  m_record->setChecked(true);
  statusBar()->showMessage(tr("Recording to %1").arg(path), 4000);
  return true;
}

void MainWindow::rememberInLibrary(const QString &path, bool recording) {
  model::LibraryStore library(model::LibraryStore::defaultPath());
  const engine::Scenario &s = m_controller.scenario();
  const QString systems = s.kafka && s.kinesis ? tr("Kafka + Kinesis") : s.kafka ? tr("Kafka") : tr("Kinesis");
  library.remember({path, recording ? QStringLiteral("recording") : QStringLiteral("scenario"), QString::fromStdString(s.name), systems,
                    s.duration / engine::kMillisecond, QDateTime::currentDateTimeUtc()});
}

void MainWindow::showLibrary() {
  model::LibraryStore library(model::LibraryStore::defaultPath());
  if (!library.ok()) {
    showError(tr("Cannot open the library"), library.error());
    return;
  }
  LibraryDialog dialog(library, this);
  if (dialog.exec() == QDialog::Accepted && !dialog.chosenPath().isEmpty())
    openFile(dialog.chosenPath());
}

void MainWindow::remember(const QString &path, bool recording) {
  rememberRecentFile(path);
  rememberInLibrary(path, recording);
}

void MainWindow::saveScenarioAs() {
  if (!m_controller.hasSimulation())
    return;
  const QString path = QFileDialog::getSaveFileName(this, tr("Save scenario"), m_scenarioPath, tr("Scenarios (*.json)"));
  if (!path.isEmpty())
    saveScenarioTo(path);
}

bool MainWindow::saveScenarioTo(const QString &path) {
  if (!m_controller.hasSimulation())
    return false;
  ScenarioDetailsDialog details(QString::fromStdString(m_controller.scenario().name), QString::fromStdString(m_controller.scenario().description),
                                this);
  if (m_answerDetails)
    m_answerDetails(details);
  else if (m_interactive)
    details.exec();
  else
    details.accept(); // --screenshot and scripted runs keep the current name and description
  if (details.result() != QDialog::Accepted)
    return false;
  QString error;
  const QByteArray text = model::withDetails(model::withFaults(m_scenarioText, m_controller.scenario(), m_controller.userActions(), &error),
                                             details.name(), details.description());
  QSaveFile file(path);
  if (text.isEmpty() || !file.open(QIODevice::WriteOnly) || file.write(text) != text.size() || !file.commit()) {
    showError(tr("Cannot save scenario"), error.isEmpty() ? tr("%1: %2").arg(path, file.errorString()) : error);
    return false;
  }
  // The run's changes are faults and settings changes alike: call them changes.
  const int changes = static_cast<int>(m_controller.userActions().size());
  statusBar()->showMessage(changes == 0       ? tr("Saved %1 (no changes made during the run)").arg(path)
                               : changes == 1 ? tr("Saved %1 with 1 change made during the run").arg(path)
                                              : tr("Saved %1 with %2 changes made during the run").arg(path).arg(changes),
                           6000);
  remember(path, false);
  return true;
}

void MainWindow::exportView(bool svg) {
  const QString path = QFileDialog::getSaveFileName(this, svg ? tr("Export view as SVG") : tr("Export view as PNG"), QString(),
                                                    svg ? tr("SVG drawings (*.svg)") : tr("PNG images (*.png)"));
  if (path.isEmpty())
    return;
  const bool ok = svg ? m_canvas->exportSvg(path, m_canvas->size()) : m_canvas->exportPng(path, m_canvas->size());
  if (!ok)
    showError(tr("Cannot export the view"), tr("%1 could not be written.").arg(path));
  else
    statusBar()->showMessage(tr("Exported %1").arg(path), 5000);
}

} // namespace streamscope::ui
