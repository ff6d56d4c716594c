#include "lesson_panel.h"

#include "canvas/stream_canvas.h"
#include "lesson_challenge.h"
#include "lesson_extras.h"
#include "lesson_prediction.h"
#include "model/history/library_store.h"
#include "model/lessons/lesson_checks.h"
#include "model/lessons/narration.h"
#include "settings_keys.h"

#include <QAbstractButton>
#include <QButtonGroup>
#include <QComboBox>
#include <QDir>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QScopedValueRollback>
#include <QSettings>
#include <QTextBrowser>
#include <QToolTip>
#include <QUuid>
#include <QVBoxLayout>

namespace streamscope::ui {

LessonPanel::LessonPanel(model::SimulationController &controller, StreamCanvas &canvas, QWidget *parent)
    : QWidget(parent), m_controller(controller), m_canvas(canvas) {
  auto *layout = new QVBoxLayout(this);
  m_list = new QComboBox(this);
  m_list->setToolTip(tr("Choose a lesson; your progress is kept"));
  layout->addWidget(m_list);
  m_progress = new QLabel(this);
  layout->addWidget(m_progress);
  m_challenge = new ChallengeBox(controller, this);
  layout->addWidget(m_challenge);
  m_view = new QTextBrowser(this);
  m_view->setOpenExternalLinks(false);
  layout->addWidget(m_view, 1);
  m_extras = new LessonExtras(controller, canvas, this);
  layout->addWidget(m_extras);
  m_prediction = new PredictionBox(this);
  layout->addWidget(m_prediction);
  auto *tryRow = new QHBoxLayout;
  m_hint = new QPushButton(tr("Hint"), this);
  m_showMe = new QPushButton(tr("Show me"), this);
  m_showMe->setToolTip(tr("Do the task for me"));
  tryRow->addWidget(m_hint);
  tryRow->addWidget(m_showMe);
  layout->addLayout(tryRow);
  auto *nav = new QHBoxLayout;
  m_back = new QPushButton(tr("Back"), this);
  m_back->setToolTip(tr("The previous step, from the state it started in (Ctrl+Left)"));
  m_next = new QPushButton(tr("Next"), this);
  m_next->setToolTip(tr("The next step (Ctrl+Right)"));
  m_restart = new QPushButton(tr("Restart"), this);
  m_notes = new QPushButton(tr("Teacher notes"), this);
  m_notes->setCheckable(true);
  nav->addWidget(m_back);
  nav->addWidget(m_next);
  nav->addWidget(m_restart);
  nav->addWidget(m_notes);
  layout->addLayout(nav);

  connect(m_list, &QComboBox::currentIndexChanged, this, &LessonPanel::selectLesson);
  connect(m_prediction, &PredictionBox::answered, this, &LessonPanel::answer);
  connect(m_prediction, &PredictionBox::tryAgain, this, &LessonPanel::tryAgain);
  connect(m_hint, &QPushButton::clicked, this, [this] {
    if (lesson() && m_step >= 0 && m_step < static_cast<int>(lesson()->steps.size()) && lesson()->steps[static_cast<std::size_t>(m_step)].tryIt)
      QToolTip::showText(m_hint->mapToGlobal(QPoint(0, 0)), lesson()->steps[static_cast<std::size_t>(m_step)].tryIt->hint, m_hint);
  });
  connect(m_showMe, &QPushButton::clicked, this, &LessonPanel::showMe);
  connect(m_back, &QPushButton::clicked, this, &LessonPanel::back);
  connect(m_next, &QPushButton::clicked, this, &LessonPanel::next);
  connect(m_restart, &QPushButton::clicked, this, &LessonPanel::restart);
  connect(m_notes, &QPushButton::toggled, this, &LessonPanel::render);
  connect(&controller, &model::SimulationController::frameReady, this, &LessonPanel::checkTryIt);
  // Highlights belong to the lesson: any scenario the lesson did not load ends it.
  connect(&controller, &model::SimulationController::scenarioLoaded, this, [this] {
    if (!m_loading)
      leaveLesson();
  });
  render();
}

void LessonPanel::loadLessons(const QString &dir) {
  m_lessons.clear();
  m_loadErrors.clear();
  for (const QString &name : QDir(dir).entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name)) {
    const model::LessonLoadResult loaded = model::loadLessonFile(QDir(dir).filePath(name));
    if (loaded.lesson)
      m_lessons.push_back(*loaded.lesson);
    else
      m_loadErrors << loaded.error; // shown, never fatal
  }
  const QSignalBlocker block(m_list);
  m_list->clear();
  for (const auto &[id, label] : lessonsWithProgress())
    m_list->addItem(label);
  m_list->setCurrentIndex(-1); // nothing chosen yet: choosing any lesson, the first included, starts it
  m_list->setPlaceholderText(tr("Choose a lesson…"));
  m_current = -1;
  render();
}

QList<QPair<QString, QString>> LessonPanel::lessonsWithProgress() const {
  model::LibraryStore library(model::LibraryStore::defaultPath());
  QList<QPair<QString, QString>> out;
  for (const model::Lesson &l : m_lessons) {
    const auto p = library.progress(l.id);
    const QString mark = p && p->completed ? QStringLiteral("✓ ") : p ? QStringLiteral("%1/%2 ").arg(p->stepsDone).arg(p->steps) : QString();
    out.append({l.id, mark + l.title});
  }
  return out;
}

QStringList LessonPanel::passedLessons() { return QSettings().value(settings_keys::kLessonsPassed).toStringList(); }

QList<int> LessonPanel::choiceOrder() const {
  const model::Lesson *l = lesson();
  if (!l || m_step < 0 || m_step >= static_cast<int>(l->steps.size()) || !l->steps[static_cast<std::size_t>(m_step)].prediction)
    return {};
  QSettings settings;
  QString learner = settings.value(settings_keys::kLearnerId).toString();
  if (learner.isEmpty()) {
    learner = QUuid::createUuid().toString(QUuid::WithoutBraces);
    settings.setValue(settings_keys::kLearnerId, learner);
  }
  const auto count = l->steps[static_cast<std::size_t>(m_step)].prediction->choices.size();
  return model::shuffledChoiceOrder(static_cast<int>(count), model::choiceSeed(learner, l->id, m_step));
}

QPushButton *LessonPanel::answerButton() const { return m_prediction->answerButton(); }
QPushButton *LessonPanel::tryAgainButton() const { return m_prediction->tryAgainButton(); }
QButtonGroup *LessonPanel::choices() const { return m_prediction->choices(); }

QString LessonPanel::currentLessonId() const { return lesson() ? lesson()->id : QString(); }

model::RenderedStep LessonPanel::stepNarration() const {
  const model::Lesson *l = lesson();
  if (!l || m_step < 0 || m_step >= static_cast<int>(l->steps.size()))
    return {};
  if (m_phase == Phase::Done)
    return m_rendered;
  const model::LessonStep &step = l->steps[static_cast<std::size_t>(m_step)];
  model::RenderedStep before; // nothing is revealed before the step has run
  before.text = model::narrationBeforeItsMoment(step.text);
  before.teacherNotes = model::narrationBeforeItsMoment(step.teacherNotes);
  return before;
}

void LessonPanel::setNotesAllowed(bool allowed) {
  m_notesAllowed = allowed;
  m_notes->setVisible(allowed);
  render();
}

bool LessonPanel::notesShown() const { return m_notesAllowed && m_notes->isChecked(); }

bool LessonPanel::selectLessonById(const QString &id) {
  for (std::size_t i = 0; i < m_lessons.size(); ++i)
    if (m_lessons[i].id.startsWith(id)) {
      const int index = static_cast<int>(i);
      m_list->setCurrentIndex(index); // selects it, unless it was already in the list
      if (m_current != index && m_list->currentIndex() == index)
        selectLesson(index);
      return m_current == index;
    }
  return false;
}

void LessonPanel::playSteps(int steps) {
  for (int i = 0; i < steps && lesson(); ++i) {
    next();
    if (m_phase == Phase::Predicting && i + 1 < steps) { // the last one stays open, asking
      choices()->button(lesson()->steps[static_cast<std::size_t>(m_step)].prediction->answer)->setChecked(true);
      answer();
    }
    if (m_phase == Phase::Trying && i + 1 < steps)
      showMe();
  }
}

void LessonPanel::leaveLesson() {
  m_canvas.setHighlights({});
  m_extras->enterStep(std::nullopt);
  m_challenge->start(std::nullopt);
  if (m_current < 0)
    return;
  m_current = -1;
  m_step = -1;
  m_phase = Phase::Reading;
  m_failure.clear();
  m_results.clear();
  m_answers.clear();
  {
    const QSignalBlocker block(m_list);
    m_list->setCurrentIndex(-1);
  }
  render();
  emit stepChanged();
}

const model::Lesson *LessonPanel::lesson() const {
  return m_current >= 0 && m_current < static_cast<int>(m_lessons.size()) ? &m_lessons[static_cast<std::size_t>(m_current)] : nullptr;
}

void LessonPanel::selectLesson(int index) {
  if (index != m_current && m_mayLoad && !m_mayLoad()) {
    const QSignalBlocker block(m_list);
    m_list->setCurrentIndex(m_current);
    return;
  }
  m_current = index;
  m_answers.clear();
  restart();
}

void LessonPanel::restart() {
  m_step = -1;
  m_phase = Phase::Reading;
  m_failure.clear();
  m_results.clear();
  if (const model::Lesson *l = lesson()) {
    const QScopedValueRollback<bool> own(m_loading, true);
    if (const auto error = model::startLesson(m_controller, *l))
      m_failure = *error;
  }
  m_canvas.setHighlights({});
  m_extras->enterStep(std::nullopt);
  m_challenge->start(std::nullopt);
  render();
  emit stepChanged();
}

void LessonPanel::enterStep(int index) {
  m_step = index;
  m_chosen = -1;
  m_passed = false;
  m_failure.clear();
  m_results.clear();
  m_rendered = {};
  const model::Lesson *l = lesson();
  if (!l || index < 0 || index >= static_cast<int>(l->steps.size())) {
    m_phase = Phase::Done;
    if (l)
      m_comparison = model::renderComparison(m_controller.world(), *l);
    m_canvas.setHighlights({});
    m_extras->enterStep(std::nullopt);
    if (l && index == static_cast<int>(l->steps.size())) { // the challenge, then the table
      const QScopedValueRollback<bool> own(m_loading, true);
      if (const auto failed = m_challenge->start(l->challenge))
        m_failure = *failed;
    }
    saveProgress();
    render();
    emit stepChanged();
    return;
  }
  const model::LessonStep &step = l->steps[static_cast<std::size_t>(index)];
  m_canvas.setHighlights(model::resolveHighlights(m_controller.world(), step.highlights));
  m_challenge->start(std::nullopt);
  m_extras->enterStep(step);
  if (step.prediction) {
    m_phase = Phase::Predicting; // runs once the learner has answered
    render();
    emit stepChanged();
    return;
  }
  runStep();
  emit stepChanged();
}

void LessonPanel::runStep() {
  const model::LessonStep &step = lesson()->steps[static_cast<std::size_t>(m_step)];
  const QScopedValueRollback<bool> own(m_loading, true); // a step may load its own scenario
  if (const auto failed = model::performActions(m_controller, step.actions))
    m_failure = *failed;
  m_canvas.setHighlights(model::resolveHighlights(m_controller.world(), step.highlights));
  if (step.tryIt && m_failure.isEmpty() && !model::tryItDone(*step.tryIt, m_controller.world()).holds) {
    m_phase = Phase::Trying; // the learner acts on the canvas; checked on every frame
    render();
    return;
  }
  finishStep();
}

void LessonPanel::checkTryIt() {
  if (m_phase != Phase::Trying || !lesson())
    return;
  const model::LessonStep &step = lesson()->steps[static_cast<std::size_t>(m_step)];
  if (model::tryItDone(*step.tryIt, m_controller.world()).holds)
    finishStep();
}

void LessonPanel::showMe() {
  if (m_phase != Phase::Trying)
    return;
  const model::LessonStep &step = lesson()->steps[static_cast<std::size_t>(m_step)];
  const QScopedValueRollback<bool> own(m_loading, true);
  if (const auto failed = model::performActions(m_controller, step.tryIt->solution))
    m_failure = *failed;
  if (m_phase == Phase::Trying) // performing the solution may already have finished the step
    finishStep();
}

void LessonPanel::finishStep() {
  const model::LessonStep &step = lesson()->steps[static_cast<std::size_t>(m_step)];
  model::StepResult futures;
  {
    const QScopedValueRollback<bool> own(m_loading, true); // a future may load its own scenario
    futures = m_extras->runFutures(); // a scrub's values or a fork's futures, each on a branch
  }
  const model::StepResult result = model::checkStep(m_controller, step);
  m_results = futures.shown + result.shown;
  m_rendered = result.rendered;
  m_passed = result.passed && futures.passed && m_failure.isEmpty();
  m_phase = Phase::Done;
  saveProgress();
  render();
}

void LessonPanel::answer() {
  if (m_phase != Phase::Predicting || choices()->checkedId() < 0)
    return;
  m_chosen = choices()->checkedId();
  m_answers << QStringLiteral("%1:%2").arg(m_step).arg(m_chosen);
  runStep(); // the step runs first; the reveal comes once it has been checked
}

void LessonPanel::tryAgain() {
  const model::Lesson *l = lesson();
  if (!l || m_phase != Phase::Done || m_chosen < 0 || m_step < 0 || m_step >= static_cast<int>(l->steps.size()))
    return;
  replayTo(m_step); // the state the step started from; it asks again
}

void LessonPanel::next() {
  const model::Lesson *l = lesson();
  if (!l || m_phase == Phase::Predicting || m_phase == Phase::Trying)
    return;
  if (m_step < static_cast<int>(l->steps.size()))
    enterStep(m_step + 1);
}

void LessonPanel::back() {
  const model::Lesson *l = lesson();
  if (!l || m_step <= 0) {
    restart();
    return;
  }
  // Replay the lesson up to the step before, which then starts again from its own beginning.
  replayTo(std::min(m_step, static_cast<int>(l->steps.size())) - 1);
}

void LessonPanel::replayTo(int target) {
  const model::Lesson *l = lesson();
  restart();
  const QScopedValueRollback<bool> own(m_loading, true);
  for (int i = 0; i < target; ++i) {
    const model::LessonStep &step = l->steps[static_cast<std::size_t>(i)];
    model::performActions(m_controller, step.actions);
    if (step.tryIt)
      model::performActions(m_controller, step.tryIt->solution);
    model::runStepFutures(m_controller, step);
  }
  enterStep(target);
}

void LessonPanel::saveProgress() {
  const model::Lesson *l = lesson();
  if (!l)
    return;
  model::LibraryStore library(model::LibraryStore::defaultPath());
  const int steps = static_cast<int>(l->steps.size());
  library.saveProgress({l->id, std::min(m_step + 1, steps), steps, m_step >= steps, m_answers.join(QLatin1Char(','))});
  if (m_step >= steps) {
    QSettings settings;
    QStringList passed = settings.value(settings_keys::kLessonsPassed).toStringList();
    if (!passed.contains(l->id))
      settings.setValue(settings_keys::kLessonsPassed, passed << l->id);
  }
}

void LessonPanel::render() {
  const model::Lesson *l = lesson();
  // The whole view is one Markdown document; engine values go in code spans, as they are.
  QString md;
  for (const QString &e : m_loadErrors)
    md += QStringLiteral("**%1** `%2`\n\n").arg(tr("Not loaded:"), e);
  m_prediction->clear(); // the previous step's choices
  m_hint->hide();
  m_showMe->hide();
  if (!l) {
    m_progress->setText(m_lessons.empty() ? tr("No lessons found") : tr("Choose a lesson"));
    m_view->setMarkdown(md);
    m_next->setEnabled(false);
    m_back->setEnabled(false);
    emit rendered();
    return;
  }
  const int steps = static_cast<int>(l->steps.size());
  if (!m_failure.isEmpty())
    md += QStringLiteral("**%1** `%2`\n\n").arg(tr("The step could not run:"), m_failure);
  if (m_step < 0) {
    m_progress->setText(tr("%n step(s) — press Next to begin", nullptr, steps));
    md += QStringLiteral("## %1\n\n%2\n").arg(l->title, l->summary);
  } else if (m_step >= steps) {
    m_progress->setText(tr("Done"));
    md += QStringLiteral("## %1\n\n| | Kafka | Kinesis |\n|---|---|---|\n").arg(tr("Kafka and Kinesis compared"));
    for (const QStringList &row : m_comparison)
      md += QStringLiteral("| **%1** | %2 | %3 |\n").arg(row[0], row[1], row[2]);
  } else {
    const model::LessonStep &step = l->steps[static_cast<std::size_t>(m_step)];
    m_progress->setText(tr("Step %1 of %2").arg(m_step + 1).arg(steps));
    // Live numbers are the values of the moment the step was checked; "…" until then.
    const bool checked = m_phase == Phase::Done;
    const auto live = [&](const QString &rendered, const QString &source) { return checked ? rendered : model::narrationBeforeItsMoment(source); };
    md += QStringLiteral("## %1\n\n%2\n\n").arg(step.title, live(m_rendered.text, step.text));
    if (notesShown() && !step.teacherNotes.isEmpty())
      md += QStringLiteral("> **%1** %2\n\n").arg(tr("Teacher notes:"), live(m_rendered.teacherNotes, step.teacherNotes));
    if (m_notes->isChecked())
      for (const QString &w : l->warnings)
        md += QStringLiteral("> **%1** %2\n\n").arg(tr("For the author:"), w);
    if (step.prediction) {
      md += QStringLiteral("**%1** %2\n\n").arg(tr("Predict:"), step.prediction->question);
      if (m_phase == Phase::Predicting) {
        m_prediction->ask(step.prediction->choices, choiceOrder());
      } else if (m_chosen >= 0 && m_phase == Phase::Done) { // the step has run: the reveal
        m_prediction->reveal(*step.prediction, m_chosen, choiceOrder());
        const QString whyNot = m_chosen < m_rendered.whyNot.size() ? m_rendered.whyNot[m_chosen] : QString();
        md += PredictionBox::revealMarkdown(*step.prediction, m_chosen, m_rendered.explanation, whyNot);
      } else if (m_chosen >= 0) { // the try-it first; the reveal once it is done
        md += QStringLiteral("%1 *%2*\n\n").arg(tr("Your prediction:"), step.prediction->choices[m_chosen]);
      }
    }
    if (step.tryIt && m_phase == Phase::Trying) {
      md += QStringLiteral("**%1** %2\n\n").arg(tr("Your turn:"), step.tryIt->task);
      m_hint->show();
      m_showMe->show();
    }
    // The explanation the setup kept back, once the step has run (after the prediction's reveal).
    if (checked && !m_rendered.reveal.isEmpty())
      md += m_rendered.reveal + QStringLiteral("\n\n");
    if (!m_results.isEmpty()) {
      md += QStringLiteral("**%1**\n\n").arg(tr("What the engine shows:"));
      for (const QString &r : m_results)
        md += QStringLiteral("- %1\n").arg(r);
    }
  }
  m_view->setMarkdown(md);
  m_next->setEnabled(m_step < steps && m_phase != Phase::Predicting && m_phase != Phase::Trying);
  m_back->setEnabled(m_step >= 0);
  emit rendered();
}

} // namespace streamscope::ui
