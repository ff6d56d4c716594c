#include "main_window.h"

#include "model/cluster_table_models.h"
#include "model/scenario_loader.h"

#include <QAction>
#include <QComboBox>
#include <QFileDialog>
#include <QGroupBox>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QSplitter>
#include <QStatusBar>
#include <QTableView>
#include <QToolBar>
#include <QVBoxLayout>

namespace streamscope::ui {
namespace {

QWidget *tableSection(const QString &title, QAbstractItemModel *model, QWidget *parent) {
  auto *box = new QGroupBox(title, parent);
  auto *layout = new QVBoxLayout(box);
  auto *view = new QTableView(box);
  view->setModel(model);
  view->setAlternatingRowColors(true);
  view->setSelectionBehavior(QAbstractItemView::SelectRows);
  view->verticalHeader()->hide();
  view->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
  view->horizontalHeader()->setStretchLastSection(true);
  layout->addWidget(view);
  return box;
}

} // namespace

MainWindow::MainWindow(model::SimulationController &controller, QWidget *parent)
    : QMainWindow(parent), m_controller(controller) {
  setWindowTitle(tr("StreamScope"));
  buildActions();

  auto *central = new QWidget(this);
  auto *layout = new QVBoxLayout(central);
  m_title = new QLabel(central);
  m_title->setWordWrap(true);
  m_title->setTextFormat(Qt::RichText);
  layout->addWidget(m_title);
  auto *split = new QSplitter(Qt::Vertical, central);
  split->addWidget(tableSection(tr("Brokers"), new model::BrokerTableModel(controller, this), split));
  split->addWidget(tableSection(tr("Partitions"), new model::PartitionTableModel(controller, this), split));
  split->addWidget(tableSection(tr("Consumer groups"), new model::GroupTableModel(controller, this), split));
  split->setStretchFactor(1, 2);
  layout->addWidget(split, 1);
  setCentralWidget(central);

  m_clock = new QLabel(this);
  m_counters = new QLabel(this);
  statusBar()->addWidget(m_clock);
  statusBar()->addPermanentWidget(m_counters);

  connect(&controller, &model::SimulationController::frameReady, this, &MainWindow::updateStatus);
  connect(&controller, &model::SimulationController::playingChanged, this, [this](bool playing) {
    m_play->setText(playing ? tr("Pause") : tr("Play"));
    m_play->setIcon(style()->standardIcon(playing ? QStyle::SP_MediaPause : QStyle::SP_MediaPlay));
  });
  connect(&controller, &model::SimulationController::scenarioLoaded, this, [this] {
    const auto &s = m_controller.scenario();
    m_title->setText(QStringLiteral("<b>%1</b><br>%2")
                         .arg(QString::fromStdString(s.name).toHtmlEscaped(),
                              QString::fromStdString(s.description).toHtmlEscaped()));
  });
  resize(1280, 800);
}

void MainWindow::buildActions() {
  QToolBar *bar = addToolBar(tr("Simulation"));
  bar->setObjectName(QStringLiteral("simulationToolBar"));
  bar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);

  auto *open = bar->addAction(style()->standardIcon(QStyle::SP_DialogOpenButton), tr("Open scenario…"));
  open->setShortcut(QKeySequence::Open);
  open->setToolTip(tr("Open a scenario file (Ctrl+O)"));
  connect(open, &QAction::triggered, this, &MainWindow::chooseScenario);
  bar->addSeparator();

  m_play = bar->addAction(style()->standardIcon(QStyle::SP_MediaPlay), tr("Play"));
  m_play->setShortcut(Qt::Key_Space);
  m_play->setToolTip(tr("Play or pause the simulation (Space)"));
  connect(m_play, &QAction::triggered, &m_controller, &model::SimulationController::togglePlay);

  auto *step = bar->addAction(style()->standardIcon(QStyle::SP_MediaSeekForward), tr("Step"));
  step->setShortcut(Qt::Key_Right);
  step->setToolTip(tr("Run to the next engine event (Right arrow)"));
  connect(step, &QAction::triggered, &m_controller, &model::SimulationController::stepEvent);

  auto *reset = bar->addAction(style()->standardIcon(QStyle::SP_BrowserReload), tr("Reset"));
  reset->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_R));
  reset->setToolTip(tr("Restart the scenario from time zero with the same seed (Ctrl+R)"));
  connect(reset, &QAction::triggered, &m_controller, &model::SimulationController::reset);
  bar->addSeparator();

  bar->addWidget(new QLabel(tr("Speed "), bar));
  m_speed = new QComboBox(bar);
  m_speed->setToolTip(tr("Simulated time per second of wall-clock time"));
  for (double s : {0.01, 0.1, 0.25, 0.5, 1.0, 2.0, 5.0, 10.0, 100.0, 1000.0})
    m_speed->addItem(QStringLiteral("%1×").arg(s), s);
  m_speed->setCurrentIndex(4);
  connect(m_speed, &QComboBox::currentIndexChanged, this,
          [this](int i) { m_controller.setSpeed(m_speed->itemData(i).toDouble()); });
  bar->addWidget(m_speed);
}

void MainWindow::updateStatus() {
  if (!m_controller.hasSimulation())
    return;
  const auto &w = m_controller.world();
  m_clock->setText(tr("t = %1 s of %2 s").arg(engine::toMs(w.now) / 1000, 0, 'f', 3)
                       .arg(engine::toMs(w.scenario.duration) / 1000, 0, 'f', 0));
  // Both systems together; only Kafka loses acknowledged records, only Kinesis throttles.
  const auto &c = w.kafka.counters;
  const auto &k = w.kinesis.counters;
  m_counters->setText(tr("produced %1 · acknowledged %2 · acknowledged but lost %3 · consumed %4 · duplicates %5 · throttled %6")
                          .arg(c.produced + k.produced).arg(c.acknowledged + k.acknowledged).arg(c.lostSeen)
                          .arg(c.consumed + k.consumed).arg(c.duplicatesDelivered + k.duplicatesDelivered)
                          .arg(k.throttledWrites + k.throttledReads));
}

void MainWindow::chooseScenario() {
  const QString path = QFileDialog::getOpenFileName(this, tr("Open scenario"), QString(),
                                                    tr("Scenarios (*.json);;All files (*)"));
  if (!path.isEmpty())
    openScenario(path);
}

bool MainWindow::openScenario(const QString &path) {
  const model::ScenarioLoadResult loaded = model::loadScenarioFile(path);
  if (!loaded.scenario) {
    QMessageBox::warning(this, tr("Cannot open scenario"), loaded.error);
    return false;
  }
  m_controller.load(*loaded.scenario);
  return true;
}

} // namespace streamscope::ui
