#include "teacher_dock.h"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>
#include <qcustomplot.h>

namespace streamscope::ui {

TeacherDock::TeacherDock(classroom::TeacherSession &session, const QString &joinText, QWidget *parent)
    : QWidget(parent), m_session(session), m_join(new QLabel(joinText, this)), m_answered(new QLabel(this)), m_tried(new QLabel(this)),
      m_students(new QListWidget(this)), m_lock(new QCheckBox(tr("&Lock following"), this)),
      m_reveal(new QPushButton(tr("&Reveal to the Class"), this)), m_remove(new QPushButton(tr("Remove Student"), this)),
      m_chart(new QCustomPlot(this)) {
  QFont big = font();
  big.setPointSizeF(big.pointSizeF() * 1.4);
  m_join->setFont(big);
  m_join->setWordWrap(true);
  m_join->setTextInteractionFlags(Qt::TextSelectableByMouse);
  m_lock->setToolTip(tr("A demonstration: students who left to explore come back, and none may leave"));
  m_reveal->setToolTip(tr("Show every student the answer, its explanation and this chart of the class's choices"));
  m_remove->setToolTip(tr("Disconnect the selected student; they cannot rejoin this session"));
  m_tried->setWordWrap(true);
  m_chart->setMinimumHeight(160);
  m_chart->setVisible(false);
  m_chart->setToolTip(tr("The class's answers to this step's prediction; the right choice in green"));
  auto *buttons = new QHBoxLayout;
  auto *exportButton = new QPushButton(tr("Export Record…"), this);
  exportButton->setToolTip(tr("Every answer of this session as CSV: student, lesson, step, choice, correct, time to answer"));
  auto *endButton = new QPushButton(tr("End Session"), this);
  buttons->addWidget(m_remove);
  buttons->addWidget(exportButton);
  buttons->addWidget(endButton);
  auto *layout = new QVBoxLayout(this);
  layout->addWidget(m_join);
  layout->addWidget(m_lock);
  layout->addWidget(m_students, 1);
  layout->addLayout(buttons);
  layout->addWidget(m_answered);
  layout->addWidget(m_reveal);
  layout->addWidget(m_chart, 1);
  layout->addWidget(m_tried);
  connect(m_lock, &QCheckBox::toggled, this, [this](bool on) { m_session.setLocked(on); });
  connect(m_reveal, &QPushButton::clicked, this, [this] { emit revealRequested(m_step); });
  connect(m_remove, &QPushButton::clicked, this, [this] {
    if (QListWidgetItem *item = m_students->currentItem())
      m_session.server().remove(item->data(Qt::UserRole).toString(), tr("removed by the teacher"));
  });
  connect(exportButton, &QPushButton::clicked, this, &TeacherDock::exportRequested);
  connect(endButton, &QPushButton::clicked, this, &TeacherDock::endRequested);
  connect(&m_session, &classroom::TeacherSession::studentsChanged, this, &TeacherDock::refreshStudents);
  connect(&m_session, &classroom::TeacherSession::answersChanged, this, [this](int step) {
    if (step == m_step)
      refreshAnswers();
  });
  connect(&m_session, &classroom::TeacherSession::triedChanged, this, [this](int step) {
    if (step == m_step)
      refreshAnswers();
  });
  refreshStudents();
  setStep(-1, {}, -1);
}

void TeacherDock::setStep(int step, const QStringList &choices, int correct) {
  m_step = step;
  m_choices = choices;
  m_correct = correct;
  m_revealed = false;
  m_chart->setVisible(false);
  refreshAnswers();
}

void TeacherDock::refreshStudents() {
  const QString selected = m_students->currentItem() ? m_students->currentItem()->data(Qt::UserRole).toString() : QString();
  m_students->clear();
  for (const classroom::ClassroomServer::StudentInfo &s : m_session.server().students()) {
    QString state = !s.connected ? tr("reconnecting") : s.following ? tr("following") : tr("exploring");
    if (s.status)
      state += tr(" · step %1").arg(s.status->step + 1);
    auto *item = new QListWidgetItem(QStringLiteral("%1 — %2").arg(s.name, state), m_students);
    item->setData(Qt::UserRole, s.id);
    if (s.id == selected)
      m_students->setCurrentItem(item);
  }
  m_remove->setEnabled(m_students->count() > 0);
  refreshAnswers();
}

void TeacherDock::refreshAnswers() {
  const int students = static_cast<int>(m_session.server().students().size());
  const int answered = static_cast<int>(m_session.answers(m_step).byStudent.size());
  m_answered->setVisible(!m_choices.isEmpty());
  m_answered->setText(tr("%1 of %n student(s) answered", nullptr, students).arg(answered));
  m_reveal->setEnabled(!m_choices.isEmpty() && !m_revealed);
  m_reveal->setVisible(!m_choices.isEmpty());
  const QStringList tried = m_session.tried(m_step);
  m_tried->setVisible(!tried.isEmpty());
  m_tried->setText(tr("Did the try-it: %1").arg(tried.join(QStringLiteral(", "))));
  if (m_revealed)
    showAnswers();
}

void TeacherDock::showAnswers() {
  m_revealed = true;
  m_reveal->setEnabled(false);
  m_chart->setVisible(true);
  m_chart->clearPlottables();
  const std::map<int, int> counts = m_session.answers(m_step).counts();
  QVector<double> ticks, right, wrong;
  QVector<QString> labels;
  for (int i = 0; i < m_choices.size(); ++i) {
    ticks << i + 1;
    labels << QFontMetrics(font()).elidedText(m_choices[i], Qt::ElideRight, 160);
    const auto it = counts.find(i);
    const double n = it == counts.end() ? 0 : it->second;
    right << (i == m_correct ? n : 0);
    wrong << (i == m_correct ? 0 : n);
  }
  const QColor text = palette().color(QPalette::WindowText);
  for (auto [values, colour] : {std::pair{right, QColor(0x1b, 0x9e, 0x77)}, std::pair{wrong, QColor(0xd9, 0x5f, 0x02)}}) {
    auto *bars = new QCPBars(m_chart->yAxis, m_chart->xAxis); // horizontal: long choice texts fit
    bars->setData(ticks, values);
    bars->setBrush(colour);
    bars->setPen(Qt::NoPen);
    bars->setWidth(0.7);
  }
  QSharedPointer<QCPAxisTickerText> ticker(new QCPAxisTickerText);
  ticker->addTicks(ticks, labels);
  m_chart->yAxis->setTicker(ticker);
  m_chart->yAxis->setRange(0.4, m_choices.size() + 0.6);
  int most = 1;
  for (const auto &[choice, n] : counts)
    most = std::max(most, n);
  m_chart->xAxis->setRange(0, most + 0.5);
  m_chart->xAxis->setLabel(tr("students"));
  for (QCPAxis *axis : {m_chart->xAxis, m_chart->yAxis}) {
    axis->setTickLabelColor(text);
    axis->setLabelColor(text);
    axis->setBasePen(QPen(text));
    axis->setTickPen(QPen(text));
  }
  m_chart->setBackground(palette().brush(QPalette::Base));
  m_chart->replot();
}

} // namespace streamscope::ui
