#pragma once
// The prediction part of the lesson player: the choices, "Answer and run", and after the step
// has run the reveal (right or not, the explanation, why the chosen one was wrong) with
// "Try again". GUI thread only.
#include "model/lessons/lesson.h"

#include <QGroupBox>

class QButtonGroup;
class QPushButton;

namespace streamscope::ui {

class PredictionBox : public QGroupBox {
  Q_OBJECT
public:
  explicit PredictionBox(QWidget *parent = nullptr);

  /// Asks: the choices shown in `order` (a permutation of their indices; empty: as written),
  /// none chosen, "Answer and run" offered. Each button's id in choices() is its index in the
  /// lesson, whatever its place on screen.
  void ask(const QStringList &choices, const QList<int> &order = {});
  /// After the step ran: the choices kept in the same order (the learner's checked, the right
  /// one marked), none selectable, "Try again" offered.
  void reveal(const model::Prediction &prediction, int chosen, const QList<int> &order = {});
  /// Nothing to predict.
  void clear();

  QButtonGroup *choices() const { return m_choices; }
  QPushButton *answerButton() const { return m_answer; }
  QPushButton *tryAgainButton() const { return m_tryAgain; }

  /// The reveal's Markdown: whether `chosen` was right, the explanation and, for a wrong
  /// choice, why it is wrong (`whyNot`, if the lesson says). Live numbers already rendered.
  static QString revealMarkdown(const model::Prediction &prediction, int chosen, const QString &explanation, const QString &whyNot);

signals:
  void answered();
  void tryAgain();

private:
  void setChoices(const QStringList &labels, const QList<int> &order);

  QButtonGroup *m_choices = nullptr;
  QPushButton *m_answer = nullptr, *m_tryAgain = nullptr;
};

} // namespace streamscope::ui
