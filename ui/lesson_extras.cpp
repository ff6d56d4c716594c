#include "lesson_extras.h"

#include "canvas/stream_canvas.h"
#include "lesson_scrub.h"
#include "model/lessons/followed_record.h"
#include "model/lessons/lesson_futures.h"

#include <QButtonGroup>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace streamscope::ui {

LessonExtras::LessonExtras(model::SimulationController &controller, StreamCanvas &canvas, QWidget *parent)
    : QWidget(parent), m_controller(controller), m_canvas(canvas) {
  auto *layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  m_follow = new QLabel(this);
  m_follow->setWordWrap(true);
  layout->addWidget(m_follow);
  m_forkRow = new QWidget(this);
  auto *row = new QHBoxLayout(m_forkRow);
  row->setContentsMargins(0, 0, 0, 0);
  row->addWidget(new QLabel(tr("Futures:"), m_forkRow));
  row->addStretch(1);
  layout->addWidget(m_forkRow);
  m_futures = new QButtonGroup(this);
  m_futures->setExclusive(true);
  m_scrub = new ScrubView(controller, this);
  layout->addWidget(m_scrub);
  connect(m_futures, &QButtonGroup::idClicked, this, [this](int id) {
    if (id >= 0 && id < static_cast<int>(m_futureBranches.size()))
      m_controller.switchBranch(m_futureBranches[static_cast<std::size_t>(id)]);
  });
  connect(&controller, &model::SimulationController::frameReady, this, &LessonExtras::onFrame);
  enterStep(std::nullopt);
}

void LessonExtras::enterStep(const std::optional<model::LessonStep> &step) {
  m_step = step;
  m_futureBranches.clear();
  for (QAbstractButton *b : m_futures->buttons()) {
    m_futures->removeButton(b);
    delete b;
  }
  m_forkRow->hide();
  m_scrub->hide();
  m_follow->setVisible(step && step->follow);
  if (!step || step->show.empty())
    m_canvas.setShown({});
  if (!step || !step->follow)
    m_canvas.setFollowed({});
  setVisible(step && (step->follow || step->scrub || !step->fork.empty()));
  onFrame();
}

model::StepResult LessonExtras::runFutures() {
  model::StepResult r;
  if (!m_step)
    return r;
  r.title = m_step->title;
  if (m_step->scrub) {
    const model::ScrubResult result = model::runScrub(m_controller, *m_step->scrub);
    m_scrub->setResult(*m_step->scrub, result);
    m_scrub->show();
    r.passed = result.passed;
    r.details = result.details;
    r.shown = result.shown;
  } else if (!m_step->fork.empty()) {
    runFork(r);
  }
  onFrame(); // the step's own highlights were just set again: the followed record joins them
  return r;
}

void LessonExtras::runFork(model::StepResult &r) {
  auto *row = static_cast<QHBoxLayout *>(m_forkRow->layout());
  for (const model::FutureResult &f : model::runFutures(m_controller, m_step->fork)) {
    auto *button = new QPushButton(f.name, m_forkRow);
    button->setCheckable(true);
    button->setToolTip(tr("Show the future \"%1\" on the canvas (its own branch)").arg(f.name));
    m_futures->addButton(button, static_cast<int>(m_futureBranches.size()));
    row->insertWidget(row->count() - 1, button);
    m_futureBranches.push_back(f.branch);
    r.passed = r.passed && f.passed;
    r.details += f.details;
    r.shown += f.shown;
  }
  if (!m_futures->buttons().isEmpty())
    m_futures->buttons().back()->setChecked(true); // the controller is on the last future
  m_forkRow->show();
}

QString LessonExtras::followed() const { return m_step && m_step->follow ? m_follow->text() : QString(); }

void LessonExtras::onFrame() {
  if (!m_step || !m_controller.hasSimulation())
    return;
  const engine::World &world = m_controller.world();
  if (!m_step->show.empty())
    m_canvas.setShown(model::resolveHighlights(world, m_step->show));
  if (m_step->follow) {
    // The record moves (produced, replicated, flushed, read): point at where it is now.
    std::vector<model::WorldItem> items = model::resolveHighlights(world, m_step->highlights);
    std::vector<model::WorldItem> record = model::followedRecordItems(world, *m_step->follow);
    items.insert(items.end(), record.begin(), record.end());
    if (items != m_canvas.highlights())
      m_canvas.setHighlights(std::move(items));
    m_canvas.setFollowed(std::move(record));
    m_follow->setText(model::describeFollowedRecord(world, *m_step->follow));
  }
}

} // namespace streamscope::ui
