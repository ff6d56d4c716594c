#pragma once
// The main window: the animated canvas in the middle, the inspector and the cluster tables
// as docks, menus and a toolbar for files, playback, faults, zoom and presentation mode, and
// a status bar with the clock and the run's counters. It never touches the engine: it asks
// the controller, which records every user action. GUI thread.
//
// Its code is split by concern: main_window.cpp (wiring, status, welcome page, faults),
// main_window_actions.cpp (actions, toolbar, menus), main_window_docks.cpp (the docks),
// main_window_files.cpp (scenarios, recordings, the library, export); recent_files,
// presentation_mode (with presenter_view) and help_dialogs are small helpers of their own.
#include "model/explain/world_item.h"
#include "model/simulation_controller.h"

#include <QMainWindow>

#include <cstdint>
#include <functional>
#include <memory>

class QAction;
class QDialog;
class QDockWidget;
class QLabel;
class QMenu;
class QProgressDialog;
class QStackedWidget;

namespace streamscope::model {
struct ScenarioLoadResult;
class RecordingWriter;
} // namespace streamscope::model

namespace streamscope::live {
struct KafkaConnection;
namespace kinesis {
struct ClientOptions;
}
} // namespace streamscope::live

namespace streamscope::ui {

class GlossaryDialog;
class LiveKafkaWindow;
class LiveKinesisWindow;
class ClassroomUi;
class InspectorPanel;
class PresentationMode;
class ScenarioDetailsDialog;
class TimelineBar;
class MetricsPanel;
class LessonPanel;
class SpeedControl;
class StreamCanvas;
class WelcomePage;

class MainWindow : public QMainWindow {
  Q_OBJECT
public:
  explicit MainWindow(model::SimulationController &controller, QWidget *parent = nullptr);
  ~MainWindow() override;

  /// Loads a scenario file; on error shows the message and keeps the current session.
  bool openScenario(const QString &path);
  /// Opens a recording: replays it (checking it) and continues where it was saved. On error
  /// shows the message and keeps the current session.
  bool openRecording(const QString &path);
  /// Writes the whole run (all branches) as a recording.
  bool saveRecording(const QString &path);
  /// Starts recording to `path` (everything so far, then one batch per frame) or, with an
  /// empty path, stops. False with a message if the file cannot be written.
  bool setRecording(const QString &path);
  bool isRecording() const { return m_recorder != nullptr; }
  /// Opens a scenario (.json) or a recording (anything else) by its content.
  bool openFile(const QString &path);
  /// Loads scenario text (the built-in default); `name` appears in messages and the title.
  bool openScenarioText(const QByteArray &text, const QString &name);

  /// Opens a window on a real Kafka cluster (or, with `mockBrokers` > 0, on librdkafka's mock
  /// cluster); its mirror opens here. Returns the window (it deletes itself when closed).
  LiveKafkaWindow *openLiveKafka(const live::KafkaConnection &c, int mockBrokers);
  ClassroomUi *classroom() const { return m_classroom; }
  /// Opens a window on a real Kinesis stream (`createShards` > 0 creates it if missing).
  LiveKinesisWindow *openLiveKinesis(const live::kinesis::ClientOptions &options, const QString &stream, int createShards);

  /// The first screen (recent files, lessons, the demo) in place of the canvas, paused;
  /// choosing anything there, or opening any file, brings the canvas back.
  void showWelcome();
  bool isShowingWelcome() const;
  WelcomePage *welcomePage() const { return m_welcome; }
  QDialog *glossaryDialog() const;
  /// Loads and plays the built-in side-by-side first look.
  void startDemo();

  /// Restores the window geometry, dock layout and toolbar from the last session.
  void restoreSettings();

  /// The JSON of the scenario running now (what Save Scenario writes, with the user's actions).
  const QByteArray &scenarioText() const { return m_scenarioText; }
  StreamCanvas *canvas() const { return m_canvas; }
  InspectorPanel *inspector() const { return m_inspector; }
  TimelineBar *timeline() const { return m_timeline; }
  MetricsPanel *metrics() const { return m_metrics; }
  LessonPanel *lessons() const { return m_lessons; }
  QDockWidget *lessonDock() const { return m_lessonDock; }
  QDockWidget *metricsDock() const { return m_metricsDock; }
  bool isPresenting() const;
  /// The presenter view while presenting with a second screen (on the lecturer's), else nullptr.
  QWidget *presenterView() const;
  /// A new presenter view window (the lesson, its notes, what is next, clocks, controls) that
  /// follows this window's lesson and shares its actions and their shortcuts.
  QWidget *makePresenterView();
  /// Shows an error without a modal dialog when false (tests, --screenshot runs).
  void setInteractive(bool interactive) { m_interactive = interactive; }
  /// Writes the scenario with the run's changes to `path`, after asking for its name and
  /// description (prefilled with the current ones). False if cancelled or not written.
  bool saveScenarioTo(const QString &path);
  /// Tests answer the name and description dialog through this instead of a modal exec: it
  /// receives the prefilled dialog and may change the fields and accept or reject it.
  void setScenarioDetailsAnswer(std::function<void(ScenarioDetailsDialog &)> answer) { m_answerDetails = std::move(answer); }

  /// What to do with unsaved exploration before a lesson, scenario, recording or the demo
  /// replaces it.
  enum class UnsavedChoice { KeepAsRecording, Discard, Cancel };
  /// The answer used instead of asking while the window is not interactive (Discard unless
  /// set); KeepAsRecording saves to `recordingPath`.
  void setUnsavedAnswer(UnsavedChoice choice, const QString &recordingPath = QString());
  /// The run has user actions or more than one branch, changed since it was loaded, saved or
  /// recorded, and Record is not on.
  bool hasUnsavedExploration() const;
  /// Asks about unsaved exploration (Keep as recording… / Discard / Cancel) before it would
  /// be lost. False when the open should not go on (Cancel, or keeping it failed).
  bool mayReplaceSession();

public slots:
  void setPresenting(bool presenting);
  /// Help › Keyboard Shortcuts: every shortcut of the window's actions, with what it does.
  void showShortcuts();
  /// Help › Glossary, scrolled to the term `id` (from an inspector link) or at the top.
  void showGlossary(const QString &id = QString());
  /// Applies a fault through the controller; a refusal is shown, never silently dropped.
  /// True when it took effect.
  bool applyFault(const engine::Fault &fault);

protected:
  void closeEvent(QCloseEvent *event) override;

private:
  void buildActions();
  void buildMenus();
  /// Seeks `seconds` simulated seconds forward (or back, when negative), not before time zero.
  void stepSeconds(int seconds);
  void buildDocks();
  void updateStatus();
  void chooseScenario();
  void saveScenarioAs();
  void exportView(bool svg);
  /// A file was opened or saved: first in the recent files, and in the library.
  void remember(const QString &path, bool recording);
  void rememberInLibrary(const QString &path, bool recording);
  void showLibrary();
  void showItemMenu(const model::WorldItem &item, const QPoint &globalPos);
  void showError(const QString &title, const QString &message);
  /// Takes a load result: shows its error, or starts it. `path` is empty for built-ins.
  bool useLoaded(const model::ScenarioLoadResult &loaded, const QString &path);

  void showCanvas();
  /// While Record is on, writes each frame's news to the recording; a new scenario ends it.
  void keepRecording();

  model::SimulationController &m_controller;
  QStackedWidget *m_pages = nullptr;
  QWidget *m_canvasPage = nullptr;
  WelcomePage *m_welcome = nullptr;
  QAction *m_showWelcome = nullptr;
  GlossaryDialog *m_glossary = nullptr;
  QProgressDialog *m_longWork = nullptr; ///< while a seek computes new ground
  StreamCanvas *m_canvas = nullptr;
  InspectorPanel *m_inspector = nullptr;
  SpeedControl *m_speed = nullptr;
  QDockWidget *m_inspectorDock = nullptr;
  QDockWidget *m_tablesDock = nullptr;
  QDockWidget *m_settingsDock = nullptr;
  QDockWidget *m_branchDock = nullptr;
  QDockWidget *m_metricsDock = nullptr;
  QDockWidget *m_lessonDock = nullptr;
  LessonPanel *m_lessons = nullptr;
  QList<QAction *> m_lessonActions;
  MetricsPanel *m_metrics = nullptr;
  TimelineBar *m_timeline = nullptr;
  QToolBar *m_toolBar = nullptr;
  QMenu *m_recentMenu = nullptr;
  QMenu *m_faultMenu = nullptr;
  QAction *m_openRecording = nullptr, *m_saveRecording = nullptr, *m_record = nullptr, *m_library = nullptr;
  std::unique_ptr<model::RecordingWriter> m_recorder; ///< while Record is on: one batch per frame
  QString m_recordingPath;
  QAction *m_connectKafka = nullptr, *m_connectKinesis = nullptr;
  ClassroomUi *m_classroom = nullptr; ///< Classroom menu, hosting and joining
  QAction *m_open = nullptr, *m_save = nullptr, *m_exportPng = nullptr, *m_exportSvg = nullptr, *m_quit = nullptr;
  QAction *m_secondBack = nullptr, *m_secondForward = nullptr;
  QAction *m_play = nullptr, *m_stepBack = nullptr, *m_step = nullptr, *m_reset = nullptr, *m_faster = nullptr, *m_slower = nullptr;
  QAction *m_annotate = nullptr, *m_clearInk = nullptr, *m_itemFaults = nullptr, *m_dropRecord = nullptr, *m_powerOffAll = nullptr;
  QAction *m_zoomIn = nullptr, *m_zoomOut = nullptr, *m_fit = nullptr, *m_present = nullptr, *m_leavePresent = nullptr;
  QAction *m_swapScreens = nullptr;
  QAction *m_nextLessonStep = nullptr, *m_previousLessonStep = nullptr;
  QLabel *m_clock = nullptr;
  QLabel *m_counters = nullptr;
  QByteArray m_scenarioText;
  QString m_scenarioPath;
  std::unique_ptr<PresentationMode> m_presentation;
  bool m_interactive = true;
  std::uint64_t m_explorationEdits = 0; ///< user actions and branch changes since the start
  std::uint64_t m_savedEdits = 0; ///< m_explorationEdits when last loaded, saved or recorded
  UnsavedChoice m_unsavedAnswer = UnsavedChoice::Discard;
  QString m_unsavedRecordingPath;
  std::function<void(ScenarioDetailsDialog &)> m_answerDetails;
};

} // namespace streamscope::ui
