#include "lesson_challenge.h"

#include <QFrame>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace streamscope::ui {

ChallengeBox::ChallengeBox(model::SimulationController &controller, QWidget *parent) : QWidget(parent), m_controller(controller) {
  auto *layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  m_goal = new QLabel(this);
  m_goal->setWordWrap(true);
  m_goal->setTextFormat(Qt::MarkdownText);
  layout->addWidget(m_goal);
  m_status = new QLabel(this);
  m_status->setWordWrap(true);
  m_status->setTextFormat(Qt::MarkdownText);
  layout->addWidget(m_status);
  m_hintText = new QLabel(this);
  m_hintText->setWordWrap(true);
  m_hintText->hide();
  layout->addWidget(m_hintText);
  auto *row = new QHBoxLayout;
  m_hint = new QPushButton(tr("Hint"), this);
  m_showMe = new QPushButton(tr("Show me"), this);
  m_showMe->setToolTip(tr("Do one route to the goal for me"));
  row->addWidget(m_hint);
  row->addWidget(m_showMe);
  row->addStretch(1);
  layout->addLayout(row);
  connect(m_hint, &QPushButton::clicked, this, [this] {
    if (m_challenge) {
      m_hintText->setText(tr("Hint: %1").arg(m_challenge->hint));
      m_hintText->show();
    }
  });
  connect(m_showMe, &QPushButton::clicked, this, &ChallengeBox::showMe);
  connect(&controller, &model::SimulationController::frameReady, this, &ChallengeBox::grade);
  hide();
}

std::optional<QString> ChallengeBox::start(const std::optional<model::Challenge> &challenge) {
  m_challenge = challenge;
  m_met = false;
  setVisible(challenge.has_value());
  if (!challenge)
    return std::nullopt;
  m_goal->setText(QStringLiteral("### %1\n\n%2").arg(tr("Challenge"), challenge->goal));
  m_hint->setVisible(!challenge->hint.isEmpty());
  m_hintText->hide();
  const auto failed = model::performActions(m_controller, challenge->setup);
  grade();
  return failed;
}

void ChallengeBox::showMe() {
  if (m_challenge && !m_met)
    model::performActions(m_controller, m_challenge->solution);
  grade();
}

void ChallengeBox::grade() {
  if (!m_challenge || !m_controller.hasSimulation())
    return;
  const model::ChallengeGrade g = model::gradeChallenge(m_controller.world(), *m_challenge);
  // Once reached, it stays reached: the learner may run on and watch.
  const bool reached = !m_met && g.met;
  m_met = m_met || g.met;
  QString md = m_met ? QStringLiteral("**%1**\n\n").arg(tr("✓ Goal reached.")) : QStringLiteral("**%1**\n\n").arg(tr("Not yet:"));
  for (const QString &line : g.details)
    md += QStringLiteral("- %1 `%2`\n").arg(line.startsWith(QLatin1String("ok")) ? QStringLiteral("✓") : QStringLiteral("✗"), line.mid(6));
  m_status->setText(md);
  m_showMe->setEnabled(!m_met);
  if (reached)
    emit goalReached();
}

} // namespace streamscope::ui
