#include "welcome_page.h"

#include <QFileInfo>
#include <QGridLayout>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

namespace streamscope::ui {
namespace {

QLabel *heading(const QString &text, QWidget *parent) {
  auto *label = new QLabel(text, parent);
  QFont f = label->font();
  f.setBold(true);
  f.setPointSizeF(f.pointSizeF() * 1.2);
  label->setFont(f);
  return label;
}

/// Items are chosen by a double click, Enter, or a single click (activation follows the style).
QListWidget *choiceList(const QString &tip, QWidget *parent) {
  auto *list = new QListWidget(parent);
  list->setToolTip(tip);
  list->setAlternatingRowColors(true);
  return list;
}

} // namespace

WelcomePage::WelcomePage(QWidget *parent) : QWidget(parent) {
  auto *outer = new QVBoxLayout(this);
  outer->setContentsMargins(32, 24, 32, 24);
  auto *title = new QLabel(tr("StreamScope"), this);
  QFont big = title->font();
  big.setBold(true);
  big.setPointSizeF(big.pointSizeF() * 2.2);
  title->setFont(big);
  outer->addWidget(title);
  auto *intro = new QLabel(tr("Apache Kafka and Amazon Kinesis, simulated and animated: records, replicas, the "
                              "high watermark, shards and zones, failures and what they lose."),
                           this);
  intro->setWordWrap(true);
  outer->addWidget(intro);
  outer->addSpacing(12);

  auto *buttons = new QHBoxLayout;
  m_demo = new QPushButton(tr("Start the side-by-side demo"), this);
  m_demo->setToolTip(tr("Kafka above, Kinesis below, on one clock, playing slowly"));
  m_demo->setDefault(true);
  auto *openScenario = new QPushButton(tr("Open Scenario…"), this);
  openScenario->setToolTip(tr("A scenario file (.json): a cluster, clients and timed faults"));
  auto *openRecording = new QPushButton(tr("Open Recording…"), this);
  openRecording->setToolTip(tr("A saved run (.db), replayed and checked"));
  buttons->addWidget(m_demo);
  buttons->addWidget(openScenario);
  buttons->addWidget(openRecording);
  buttons->addStretch(1);
  outer->addLayout(buttons);
  outer->addSpacing(12);

  auto *grid = new QGridLayout;
  grid->addWidget(heading(tr("Lessons"), this), 0, 0);
  grid->addWidget(heading(tr("Recent scenarios and recordings"), this), 0, 1);
  m_lessons = choiceList(tr("Double-click or press Enter to start a lesson; ✓ done, 3/5 steps so far"), this);
  m_recent = choiceList(tr("Double-click or press Enter to open"), this);
  grid->addWidget(m_lessons, 1, 0);
  grid->addWidget(m_recent, 1, 1);
  grid->setColumnStretch(0, 3);
  grid->setColumnStretch(1, 2);
  outer->addLayout(grid, 2);
  outer->addSpacing(8);
  outer->addWidget(heading(tr("Course map"), this));
  m_map = new CourseMap(this);
  outer->addWidget(m_map, 3); // the map takes the room its boxes can use; the lists scroll

  connect(m_demo, &QPushButton::clicked, this, &WelcomePage::demoRequested);
  connect(openScenario, &QPushButton::clicked, this, &WelcomePage::openScenarioRequested);
  connect(openRecording, &QPushButton::clicked, this, &WelcomePage::openRecordingRequested);
  connect(m_recent, &QListWidget::itemActivated, this, [this](QListWidgetItem *item) {
    if (const QString path = item->data(Qt::UserRole).toString(); !path.isEmpty())
      emit recentChosen(path);
  });
  connect(m_map, &CourseMap::lessonChosen, this, &WelcomePage::lessonChosen);
  connect(m_lessons, &QListWidget::itemActivated, this, [this](QListWidgetItem *item) {
    if (const QString id = item->data(Qt::UserRole).toString(); !id.isEmpty())
      emit lessonChosen(id);
  });
}

void WelcomePage::setRecent(const QStringList &paths) {
  m_recent->clear();
  for (const QString &path : paths) {
    auto *item = new QListWidgetItem(QFileInfo(path).fileName(), m_recent);
    item->setData(Qt::UserRole, path);
    item->setToolTip(path);
  }
  if (paths.isEmpty()) {
    auto *none = new QListWidgetItem(tr("Nothing opened yet"), m_recent);
    none->setFlags(Qt::NoItemFlags);
  }
}

void WelcomePage::setLessons(const QList<QPair<QString, QString>> &lessons) {
  m_lessons->clear();
  for (const auto &[id, label] : lessons) {
    // The number the docs and `--lesson 07` use: the digits that start the lesson's id.
    qsizetype digits = 0;
    while (digits < id.size() && id[digits].isDigit())
      ++digits;
    auto *item = new QListWidgetItem(digits > 0 ? tr("%1 · %2").arg(id.left(digits), label) : label, m_lessons);
    item->setData(Qt::UserRole, id);
  }
  if (lessons.isEmpty()) {
    auto *none = new QListWidgetItem(tr("No lessons found"), m_lessons);
    none->setFlags(Qt::NoItemFlags);
  }
}

void WelcomePage::setCourse(std::vector<CourseMap::Node> nodes) { m_map->setNodes(std::move(nodes)); }

} // namespace streamscope::ui
