#include "student_dock.h"

#include "model/lessons/lesson_runner.h"

#include <QButtonGroup>
#include <QCheckBox>
#include <QGroupBox>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QRadioButton>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace streamscope::ui {

StudentDock::StudentDock(classroom::StudentSession &session, model::SimulationController &controller, QWidget *parent)
    : QWidget(parent), m_session(session), m_controller(controller), m_status(new QLabel(tr("Joining…"), this)),
      m_follow(new QCheckBox(tr("&Follow the teacher"), this)), m_progress(new QProgressBar(this)), m_text(new QTextBrowser(this)),
      m_prediction(new QGroupBox(tr("Your prediction"), this)), m_choices(new QButtonGroup(this)), m_answer(new QPushButton(tr("&Answer"), this)) {
  m_status->setWordWrap(true);
  m_follow->setChecked(true);
  m_follow->setToolTip(tr("Off: explore on your own (what you do stays on your computer). On again: back to where the teacher is"));
  m_progress->setVisible(false);
  m_progress->setFormat(tr("catching up: %v of %m"));
  auto *choices = new QVBoxLayout(m_prediction);
  choices->addWidget(m_answer);
  m_prediction->setVisible(false);
  auto *layout = new QVBoxLayout(this);
  layout->addWidget(m_status);
  layout->addWidget(m_follow);
  layout->addWidget(m_progress);
  layout->addWidget(m_text, 1);
  layout->addWidget(m_prediction);
  connect(m_follow, &QCheckBox::toggled, this, [this](bool on) {
    if (!m_session.setFollowing(on)) {
      const QSignalBlocker block(m_follow);
      m_follow->setChecked(true);
    }
  });
  connect(m_answer, &QPushButton::clicked, this, [this] {
    if (m_choices->checkedId() < 0)
      return;
    m_session.answer(m_choices->checkedId(), m_asked.elapsed());
    m_answered = true;
    m_answer->setText(tr("Answered — change your mind until the reveal"));
  });
  connect(&m_session, &classroom::StudentSession::sessionStarted, this, &StudentDock::sessionStarted);
  connect(&m_session, &classroom::StudentSession::lessonStep, this, &StudentDock::showStep);
  connect(&m_session, &classroom::StudentSession::revealed, this, &StudentDock::showReveal);
  connect(&m_session, &classroom::StudentSession::catchingUp, this, [this](int done, int total) {
    m_progress->setVisible(done < total);
    m_progress->setRange(0, total);
    m_progress->setValue(done);
  });
  connect(&m_session, &classroom::StudentSession::lockChanged, this, [this](bool locked) {
    m_follow->setEnabled(!locked);
    m_follow->setToolTip(locked ? tr("The teacher is demonstrating: everyone follows") : QString());
  });
  connect(&m_session, &classroom::StudentSession::followingChanged, this, [this](bool on) {
    const QSignalBlocker block(m_follow);
    m_follow->setChecked(on);
  });
  connect(&m_session, &classroom::StudentSession::refused, this, [this](const QString &why) { setStatus(tr("Could not join: %1").arg(why)); });
  connect(&m_session, &classroom::StudentSession::ended, this, [this](const QString &why) { setStatus(why); });
  // A try-it done on the student's own branch (not the teacher's solution followed) is reported once.
  connect(&m_controller, &model::SimulationController::frameReady, this, [this] {
    if (m_triedSent || m_session.following() || !m_lesson || m_step < 0 || m_step >= static_cast<int>(m_lesson->steps.size()))
      return;
    const auto &tryIt = m_lesson->steps[static_cast<std::size_t>(m_step)].tryIt;
    if (tryIt && m_controller.hasSimulation() && model::tryItDone(*tryIt, m_controller.world()).holds) {
      m_triedSent = true;
      m_session.tried();
      setStatus(tr("You did it: the teacher sees it"));
    }
  });
  connect(&m_session.client(), &classroom::ClassroomClient::connectionLost, this, [this] { setStatus(tr("Connection lost: reconnecting…")); });
  connect(&m_session.client(), &classroom::ClassroomClient::reconnected, this,
          [this] { setStatus(tr("Back in the session as %1").arg(m_session.client().name())); });
}

QString StudentDock::stepText() const { return m_text->toPlainText(); }

void StudentDock::setStatus(const QString &text) { m_status->setText(text); }

void StudentDock::sessionStarted(const classroom::SessionInfo &session) {
  m_lesson.reset();
  setStatus(tr("In the session as %1").arg(m_session.client().name()));
  if (session.kind != classroom::SessionInfo::Kind::Lesson) {
    m_text->setMarkdown(tr("The teacher runs a scenario: your canvas follows theirs."));
    return;
  }
  QString why;
  const auto file = model::lessonFileById(session.lessonId, &why);
  const model::LessonLoadResult loaded = file ? model::loadLessonFile(*file) : model::LessonLoadResult{};
  if (loaded.lesson && loaded.lesson->id == session.lessonId) {
    m_lesson = *loaded.lesson;
    m_text->setMarkdown(QStringLiteral("## %1\n\n%2").arg(m_lesson->title, tr("Waiting for the teacher's first step…")));
  } else {
    m_text->setMarkdown(
        tr("This copy of StreamScope does not have the lesson **%1**: the canvas follows, the steps cannot be shown.").arg(session.lessonId));
  }
}

void StudentDock::showStep(int step) {
  m_step = step;
  m_answered = false;
  m_triedSent = false;
  for (QAbstractButton *b : m_choices->buttons()) {
    m_choices->removeButton(b);
    delete b;
  }
  m_answer->setText(tr("&Answer"));
  if (!m_lesson || step < 0 || step >= static_cast<int>(m_lesson->steps.size())) {
    m_prediction->setVisible(false);
    return;
  }
  const model::LessonStep &s = m_lesson->steps[static_cast<std::size_t>(step)];
  // The setup only: the reveal comes when the teacher shows it.
  m_text->setMarkdown(QStringLiteral("## %1. %2\n\n%3").arg(step + 1).arg(s.title, s.text));
  m_prediction->setVisible(s.prediction.has_value());
  if (!s.prediction)
    return;
  m_prediction->setTitle(s.prediction->question);
  auto *layout = static_cast<QVBoxLayout *>(m_prediction->layout());
  for (int i = 0; i < s.prediction->choices.size(); ++i) {
    auto *choice = new QRadioButton(s.prediction->choices[i], m_prediction);
    m_choices->addButton(choice, i);
    layout->insertWidget(i, choice);
  }
  m_answer->setEnabled(true);
  m_asked.start();
}

void StudentDock::showReveal(int step, const QString &explanation, const std::map<int, int> &answers) {
  if (!m_lesson || step != m_step || step >= static_cast<int>(m_lesson->steps.size()))
    return;
  const model::LessonStep &s = m_lesson->steps[static_cast<std::size_t>(step)];
  const model::RenderedStep rendered = model::renderStep(m_controller.world(), s);
  QString md = QStringLiteral("## %1. %2\n\n%3\n\n%4").arg(step + 1).arg(s.title, rendered.text, rendered.reveal);
  if (s.prediction) {
    md += tr("\n\n**Answer:** %1\n\n%2")
              .arg(s.prediction->choices.value(s.prediction->answer), explanation.isEmpty() ? rendered.explanation : explanation);
    md += tr("\n\n**The class answered:**\n\n");
    for (int i = 0; i < s.prediction->choices.size(); ++i) {
      const auto it = answers.find(i);
      const int n = it == answers.end() ? 0 : it->second;
      md += QStringLiteral("- %1 %2 — %3%4\n")
                .arg(QString(n, QChar(0x2588)), QString::number(n), s.prediction->choices[i], i == s.prediction->answer ? tr(" ✓") : QString());
    }
  }
  m_text->setMarkdown(md);
  m_answer->setEnabled(false);
  for (QAbstractButton *b : m_choices->buttons())
    b->setEnabled(false);
}

} // namespace streamscope::ui
