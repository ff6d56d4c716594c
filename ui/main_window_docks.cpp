// MainWindow, part: its docks (inspector, settings, branches, metrics, lessons, tables), how
// they are tabbed and when they show themselves.
#include "main_window.h"

#include "action_factory.h"
#include "branch_panel.h"
#include "canvas/stream_canvas.h"
#include "inspector_panel.h"
#include "lesson_panel.h"
#include "memory_budget_dialog.h"
#include "metrics_panel.h"
#include "model/lessons/lesson_runner.h"
#include "model/tables/cluster_table_models.h"
#include "settings_panel.h"

#include <QAction>
#include <QDockWidget>
#include <QEvent>
#include <QHeaderView>
#include <QTabWidget>
#include <QTableView>
#include <QToolBar>

#include <algorithm>
#include <functional>

namespace streamscope::ui {
namespace {

QTableView *tableFor(QAbstractItemModel *model, QWidget *parent) {
  auto *view = new QTableView(parent);
  view->setModel(model);
  view->setAlternatingRowColors(true);
  view->setSelectionBehavior(QAbstractItemView::SelectRows);
  view->verticalHeader()->hide();
  view->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
  view->horizontalHeader()->setStretchLastSection(true);
  return view;
}

/// Calls `closed` when its dock is closed by its close button.
class DockCloseWatcher : public QObject {
public:
  DockCloseWatcher(QObject *parent, std::function<void()> closed) : QObject(parent), m_closed(std::move(closed)) {}
  bool eventFilter(QObject *watched, QEvent *event) override {
    if (event->type() == QEvent::Close)
      m_closed();
    return QObject::eventFilter(watched, event);
  }

private:
  std::function<void()> m_closed;
};

} // namespace

void MainWindow::buildDocks() {
  m_inspector = new InspectorPanel(m_controller, this);
  connect(m_inspector, &InspectorPanel::glossaryRequested, this, [this](const QString &id) { showGlossary(id); });
  m_inspectorDock = new QDockWidget(tr("Inspector"), this);
  m_inspectorDock->setObjectName(QStringLiteral("inspectorDock"));
  m_inspectorDock->setWidget(m_inspector);
  addDockWidget(Qt::RightDockWidgetArea, m_inspectorDock);

  m_settingsDock = new QDockWidget(tr("Settings"), this);
  m_settingsDock->setObjectName(QStringLiteral("settingsDock"));
  m_settingsDock->setWidget(new SettingsPanel(
      m_controller, [this](const engine::Fault &f) { return applyFault(f); }, this));
  addDockWidget(Qt::RightDockWidgetArea, m_settingsDock);
  tabifyDockWidget(m_inspectorDock, m_settingsDock);
  m_inspectorDock->raise();

  m_branchDock = new QDockWidget(tr("Branches"), this);
  m_branchDock->setObjectName(QStringLiteral("branchDock"));
  m_branchDock->setWidget(makeBranchDockContent(m_controller, this));
  addDockWidget(Qt::RightDockWidgetArea, m_branchDock);
  tabifyDockWidget(m_settingsDock, m_branchDock);
  m_inspectorDock->raise();
  // The dock's title reports what time travel costs in memory.
  const auto showSnapshots = [this] {
    const auto &h = m_controller.history();
    m_branchDock->setWindowTitle(tr("Branches · %n snapshot(s), %1 MiB", nullptr, static_cast<int>(h.snapshotCount()))
                                     .arg(static_cast<double>(m_controller.memoryUse().snapshots) / (1 << 20), 0, 'f', 1));
  };
  connect(&m_controller, &model::SimulationController::frameReady, this, [this, showSnapshots] {
    if (m_controller.frames() % 30 == 0 || !m_controller.isPlaying())
      showSnapshots();
  });
  // Over the memory budget: the Branches dock shows the bar, the dialog asks how to go on.
  connect(&m_controller, &model::SimulationController::memoryBudgetReached, this, [this] {
    if (!isPresenting()) {
      m_branchDock->show();
      m_branchDock->raise();
    }
    auto *dialog = new MemoryBudgetDialog(m_controller, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
  });
  connect(&m_controller, &model::SimulationController::refused, this, [this](const QString &why) { showError(tr("Refused"), why); });
  // A new branch is news: show it.
  connect(&m_controller, &model::SimulationController::branchesChanged, this, [this] {
    if (m_controller.history().branches().size() > 1 && !isPresenting()) {
      m_branchDock->show();
      m_branchDock->raise();
    }
  });

  m_metrics = new MetricsPanel(m_controller, this);
  m_metricsDock = new QDockWidget(tr("Metrics"), this);
  m_metricsDock->setObjectName(QStringLiteral("metricsDock"));
  m_metricsDock->setWidget(m_metrics);
  addDockWidget(Qt::BottomDockWidgetArea, m_metricsDock);
  m_metricsDock->toggleViewAction()->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_M));
  m_metricsDock->toggleViewAction()->setToolTip(tr("Show or hide the metric plots (Ctrl+M)"));
  connect(m_metricsDock, &QDockWidget::visibilityChanged, m_metrics, [this](bool visible) {
    if (!visible)
      return;
    if (m_metricsDock->height() < 200 && !m_metricsDock->isFloating()) // room for two plots at least
      resizeDocks({m_metricsDock}, {std::max(360, height() / 2 - 40)}, Qt::Vertical);
    m_metrics->refresh();
  });
  m_metricsDock->hide();
  m_toolBar->addAction(m_metricsDock->toggleViewAction());
  addAction(m_metricsDock->toggleViewAction());

  m_lessons = new LessonPanel(m_controller, *m_canvas, this);
  m_lessons->loadLessons(model::lessonDirectory());
  m_lessonDock = new QDockWidget(tr("Lessons"), this);
  m_lessonDock->setObjectName(QStringLiteral("lessonDock"));
  m_lessonDock->setWidget(m_lessons);
  addDockWidget(Qt::LeftDockWidgetArea, m_lessonDock);
  m_lessonDock->hide();
  m_lessonDock->toggleViewAction()->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_L));
  // Closing the dock (its close button, or unticking it) leaves the lesson and cleans the canvas.
  m_lessonDock->installEventFilter(new DockCloseWatcher(m_lessonDock, [this] { m_lessons->leaveLesson(); }));
  connect(m_lessonDock->toggleViewAction(), &QAction::triggered, this, [this](bool shown) {
    if (!shown)
      m_lessons->leaveLesson();
  });
  // While presenting, Page Down and Page Up (what a presentation clicker sends) also step.
  m_nextLessonStep = makeAction(this, tr("Next Lesson Step"), QKeySequence(Qt::CTRL | Qt::Key_Right),
                                tr("The lesson's next step (also Page Down while presenting)"));
  connect(m_nextLessonStep, &QAction::triggered, m_lessons, &LessonPanel::next);
  m_previousLessonStep = makeAction(this, tr("Previous Lesson Step"), QKeySequence(Qt::CTRL | Qt::Key_Left),
                                    tr("Back to the lesson's previous step, from the state it started in (also Page Up while presenting)"));
  connect(m_previousLessonStep, &QAction::triggered, m_lessons, &LessonPanel::back);
  addActions({m_nextLessonStep, m_previousLessonStep, m_lessonDock->toggleViewAction()});
  m_toolBar->addAction(m_lessonDock->toggleViewAction());
  m_lessonActions = {m_lessonDock->toggleViewAction(), m_nextLessonStep, m_previousLessonStep};

  auto *tabs = new QTabWidget(this);
  tabs->addTab(tableFor(new model::BrokerTableModel(m_controller, this), tabs), tr("Brokers"));
  tabs->addTab(tableFor(new model::PartitionTableModel(m_controller, this), tabs), tr("Partitions"));
  tabs->addTab(tableFor(new model::GroupTableModel(m_controller, this), tabs), tr("Consumer groups"));
  m_tablesDock = new QDockWidget(tr("Tables"), this);
  m_tablesDock->setObjectName(QStringLiteral("tablesDock"));
  m_tablesDock->setWidget(tabs);
  addDockWidget(Qt::BottomDockWidgetArea, m_tablesDock);
  m_tablesDock->hide();
  tabifyDockWidget(m_tablesDock, m_metricsDock);
}

} // namespace streamscope::ui
