#include "presenter_view.h"

#include "lesson_panel.h"
#include "model/lessons/narration.h"

#include <QAction>
#include <QBoxLayout>
#include <QFrame>
#include <QLabel>
#include <QRegularExpression>
#include <QScrollArea>
#include <QTime>
#include <QTimer>
#include <QToolButton>

namespace streamscope::ui {
namespace {

/// The first sentence of a paragraph of Markdown (all of it if it has one sentence).
QString firstSentence(const QString &markdown) {
  static const QRegularExpression end(QStringLiteral("[.!?](\\s|$)|\\n\\s*\\n"));
  const QRegularExpressionMatch m = end.match(markdown);
  return m.hasMatch() ? markdown.left(m.capturedStart() + (m.captured().at(0).isSpace() ? 0 : 1)) : markdown;
}

QFont scaled(const QFont &base, double factor, bool bold = false) {
  QFont f = base;
  f.setPointSizeF(base.pointSizeF() * factor);
  f.setBold(bold);
  return f;
}

/// A Markdown label that wraps, in a scroll area (a long step stays readable).
QLabel *markdownLabel(QBoxLayout *into, QWidget *parent, double fontScale, QPalette::ColorRole background, int stretch) {
  auto *label = new QLabel(parent);
  label->setTextFormat(Qt::MarkdownText);
  label->setWordWrap(true);
  label->setAlignment(Qt::AlignTop | Qt::AlignLeft);
  label->setContentsMargins(12, 8, 12, 8);
  label->setFont(scaled(parent->font(), fontScale));
  auto *scroll = new QScrollArea(parent);
  scroll->setWidget(label);
  scroll->setWidgetResizable(true);
  scroll->setFocusPolicy(Qt::NoFocus); // the keys belong to the shortcuts
  scroll->setFrameShape(QFrame::StyledPanel);
  scroll->viewport()->setBackgroundRole(background); // palette roles: right in light and dark
  into->addWidget(scroll, stretch);
  return label;
}

QLabel *heading(const QString &text, QBoxLayout *into, QWidget *parent) {
  auto *label = new QLabel(text, parent);
  label->setFont(scaled(parent->font(), 1.1, true));
  into->addWidget(label);
  return label;
}

} // namespace

PresenterView::PresenterView(model::SimulationController &controller, LessonPanel &lessons, const PresenterControls &controls, QWidget *parent)
    : QWidget(parent, Qt::Window), m_controller(controller), m_lessons(lessons) {
  setObjectName(QStringLiteral("presenterView"));
  setWindowTitle(tr("StreamScope — Presenter View"));
  m_presenting.start();
  auto *layout = new QVBoxLayout(this);

  auto *top = new QHBoxLayout;
  m_lessonTitle = new QLabel(this);
  m_lessonTitle->setFont(scaled(font(), 1.4, true));
  m_lessonTitle->setWordWrap(true);
  top->addWidget(m_lessonTitle, 1);
  auto *clocks = new QVBoxLayout;
  m_wallClock = new QLabel(this);
  m_wallClock->setFont(scaled(font(), 2.4, true));
  m_wallClock->setToolTip(tr("The time of day"));
  m_elapsed = new QLabel(this);
  m_elapsed->setFont(scaled(font(), 1.2));
  m_elapsed->setToolTip(tr("How long you have been presenting"));
  m_simClock = new QLabel(this);
  m_simClock->setFont(scaled(font(), 1.2));
  m_simClock->setToolTip(tr("The simulation's clock, as the status bar shows it"));
  for (QLabel *clock : {m_wallClock, m_elapsed, m_simClock}) {
    clock->setAlignment(Qt::AlignRight);
    clocks->addWidget(clock);
  }
  top->addLayout(clocks);
  layout->addLayout(top);

  auto *columns = new QHBoxLayout;
  auto *left = new QVBoxLayout;
  heading(tr("What the room sees"), left, this);
  m_step = markdownLabel(left, this, 1.3, QPalette::Base, 1);
  m_step->setObjectName(QStringLiteral("presenterStep"));
  columns->addLayout(left, 3);
  auto *right = new QVBoxLayout;
  heading(tr("Teacher notes"), right, this);
  m_notes = markdownLabel(right, this, 1.3, QPalette::AlternateBase, 2);
  m_notes->setObjectName(QStringLiteral("presenterNotes"));
  heading(tr("Next"), right, this);
  m_next = markdownLabel(right, this, 1.2, QPalette::Base, 1);
  m_next->setObjectName(QStringLiteral("presenterNext"));
  columns->addLayout(right, 2);
  layout->addLayout(columns, 1);

  // The window's own actions: their text, icon, tooltip and shortcut, and one place that acts.
  auto *buttons = new QHBoxLayout;
  const auto button = [&](QAction *action) {
    auto *b = new QToolButton(this);
    b->setDefaultAction(action);
    b->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    b->setFont(scaled(font(), 1.2));
    b->setFocusPolicy(Qt::NoFocus); // Space plays or pauses, never presses the focused button
    b->setMinimumHeight(44);
    buttons->addWidget(b);
  };
  for (QAction *a : {controls.stepBack, controls.play, controls.step})
    button(a);
  buttons->addSpacing(24);
  for (QAction *a : {controls.previousStep, controls.nextStep})
    button(a);
  buttons->addStretch(1);
  button(controls.leave);
  layout->addLayout(buttons);
  // The keys, for a lecturer who will not hover over the buttons.
  const auto keys = [](const QAction *a) {
    QStringList names;
    for (const QKeySequence &k : a->shortcuts())
      names << k.toString(QKeySequence::NativeText);
    return names.join(QLatin1Char('/'));
  };
  auto *hint = new QLabel(tr("Keys: %1 play or pause · %2 step · %3 back · %4 next lesson step · %5 previous lesson step · %6 leave")
                              .arg(keys(controls.play), keys(controls.step), keys(controls.stepBack), keys(controls.nextStep),
                                   keys(controls.previousStep), keys(controls.leave)),
                          this);
  hint->setObjectName(QStringLiteral("presenterKeys"));
  hint->setWordWrap(true);
  layout->addWidget(hint);

  connect(&lessons, &LessonPanel::rendered, this, &PresenterView::showLesson);
  connect(&lessons, &LessonPanel::stepChanged, this, &PresenterView::showLesson);
  connect(&controller, &model::SimulationController::frameReady, this, &PresenterView::showClocks);
  auto *tick = new QTimer(this);
  connect(tick, &QTimer::timeout, this, &PresenterView::showClocks);
  tick->start(1000);
  showLesson();
  showClocks();
}

QString PresenterView::stepText() const { return m_step->text(); }
QString PresenterView::notesText() const { return m_notes->text(); }
QString PresenterView::nextText() const { return m_next->text(); }
QString PresenterView::clockText() const { return QStringList{m_wallClock->text(), m_elapsed->text(), m_simClock->text()}.join(QLatin1Char('\n')); }

QString PresenterView::nextStepMarkdown(const model::Lesson &lesson, int stepIndex) {
  const int steps = static_cast<int>(lesson.steps.size());
  const int next = stepIndex + 1;
  if (next < steps) {
    const model::LessonStep &step = lesson.steps[static_cast<std::size_t>(next)];
    return QStringLiteral("**%1** %2\n\n%3")
        .arg(tr("Step %1 of %2:").arg(next + 1).arg(steps), step.title, firstSentence(model::narrationBeforeItsMoment(step.text)));
  }
  if (next == steps)
    return tr("**Kafka and Kinesis compared:** the lesson's closing table.");
  return tr("*The end of the lesson.*");
}

void PresenterView::showLesson() {
  const model::Lesson *lesson = m_lessons.currentLesson();
  if (!lesson) {
    m_lessonTitle->setText(tr("No lesson is running"));
    m_step->setText(tr("No lesson is running: the room sees the simulation. To start one, leave presentation mode (Esc) and choose a "
                       "lesson from the **Lessons** menu or the welcome page."));
    m_notes->setText(QString());
    m_next->setText(QString());
    return;
  }
  const int steps = static_cast<int>(lesson->steps.size());
  const int index = m_lessons.stepIndex();
  if (index < 0) {
    m_lessonTitle->setText(tr("%1 · introduction").arg(lesson->title));
    m_step->setText(QStringLiteral("## %1\n\n%2").arg(lesson->title, lesson->summary));
    m_notes->setText(tr("*The lesson's summary is on the screen; Next Lesson Step begins it.*"));
  } else if (index >= steps) {
    m_lessonTitle->setText(tr("%1 · done").arg(lesson->title));
    m_step->setText(tr("## Kafka and Kinesis compared\n\nThe lesson is done: the room sees its closing table."));
    m_notes->setText(QString());
  } else {
    const model::LessonStep &step = lesson->steps[static_cast<std::size_t>(index)];
    const model::RenderedStep narration = m_lessons.stepNarration();
    m_lessonTitle->setText(tr("%1 · step %2 of %3").arg(lesson->title).arg(index + 1).arg(steps));
    QString md = QStringLiteral("## %1\n\n%2\n\n").arg(step.title, narration.text);
    if (step.prediction)
      md += QStringLiteral("**%1** %2\n\n").arg(tr("Predict:"), step.prediction->question);
    if (step.tryIt)
      md += QStringLiteral("**%1** %2\n\n").arg(tr("Try it:"), step.tryIt->task);
    m_step->setText(md);
    m_notes->setText(narration.teacherNotes.isEmpty() ? tr("*No teacher notes for this step.*") : narration.teacherNotes);
  }
  m_next->setText(nextStepMarkdown(*lesson, index));
}

void PresenterView::showClocks() {
  m_wallClock->setText(QTime::currentTime().toString(QStringLiteral("HH:mm")));
  const qint64 seconds = m_presenting.elapsed() / 1000;
  m_elapsed->setText(
      tr("presenting for %1:%2:%3").arg(seconds / 3600).arg(seconds / 60 % 60, 2, 10, QLatin1Char('0')).arg(seconds % 60, 2, 10, QLatin1Char('0')));
  if (!m_controller.hasSimulation()) {
    m_simClock->setText(tr("no simulation"));
    return;
  }
  const model::WorldView &view = m_controller.view();
  m_simClock->setText(
      tr("simulated t = %1 s of %2 s").arg(model::toMs(view.now()) / 1000, 0, 'f', 3).arg(model::toMs(view.duration()) / 1000, 0, 'f', 0));
}

} // namespace streamscope::ui
