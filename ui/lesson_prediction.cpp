#include "lesson_prediction.h"

#include <QButtonGroup>
#include <QPushButton>
#include <QRadioButton>
#include <QVBoxLayout>

namespace streamscope::ui {

PredictionBox::PredictionBox(QWidget *parent) : QGroupBox(tr("Your prediction"), parent) {
  auto *layout = new QVBoxLayout(this);
  m_choices = new QButtonGroup(this);
  m_answer = new QPushButton(tr("Answer and run"), this);
  m_answer->setToolTip(tr("Lock in your prediction; the step then runs and shows what really happens"));
  m_tryAgain = new QPushButton(tr("Try again"), this);
  m_tryAgain->setToolTip(tr("Back to the start of this step, to answer again"));
  layout->addWidget(m_answer);
  layout->addWidget(m_tryAgain);
  connect(m_answer, &QPushButton::clicked, this, &PredictionBox::answered);
  connect(m_tryAgain, &QPushButton::clicked, this, &PredictionBox::tryAgain);
  clear();
}

void PredictionBox::setChoices(const QStringList &labels, const QList<int> &order) {
  for (QAbstractButton *b : m_choices->buttons()) {
    m_choices->removeButton(b);
    delete b;
  }
  auto *layout = static_cast<QVBoxLayout *>(this->layout());
  for (int place = 0; place < labels.size(); ++place) {
    const int index = order.size() == labels.size() ? order[place] : place;
    auto *radio = new QRadioButton(labels[index], this);
    layout->insertWidget(place, radio);
    m_choices->addButton(radio, index);
  }
}

void PredictionBox::ask(const QStringList &choices, const QList<int> &order) {
  setChoices(choices, order);
  m_answer->show();
  m_tryAgain->hide();
  show();
}

void PredictionBox::reveal(const model::Prediction &prediction, int chosen, const QList<int> &order) {
  QStringList labels = prediction.choices;
  labels[prediction.answer] = tr("%1 ✓ (what happened)").arg(labels[prediction.answer]);
  setChoices(labels, order);
  for (QAbstractButton *b : m_choices->buttons())
    b->setEnabled(false);
  if (QAbstractButton *b = m_choices->button(chosen))
    b->setChecked(true);
  m_answer->hide();
  m_tryAgain->show();
  show();
}

void PredictionBox::clear() {
  setChoices({}, {});
  hide();
}

QString PredictionBox::revealMarkdown(const model::Prediction &prediction, int chosen, const QString &explanation, const QString &whyNot) {
  const QString right = prediction.choices[prediction.answer];
  QString md = chosen == prediction.answer ? QStringLiteral("**%1** %2 *%3*.\n\n").arg(tr("Right!"), tr("You predicted it:"), right)
                                           : QStringLiteral("**%1** %2 *%3*; %4 *%5*.\n\n")
                                                 .arg(tr("Not quite."), tr("You chose"), prediction.choices[chosen], tr("what happened was"), right);
  if (chosen != prediction.answer && !whyNot.isEmpty())
    md += QStringLiteral("%1 %2\n\n").arg(tr("Why not *%1*:").arg(prediction.choices[chosen]), whyNot);
  md += explanation + QStringLiteral("\n\n");
  return md;
}

} // namespace streamscope::ui
