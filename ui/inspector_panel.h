#pragma once
// The inspector dock's contents: the selected item's state in words and numbers, refreshed
// once per frame while the simulation runs.
// Contract: a widget; GUI thread only. It reads the world through the controller's view when it paints or refreshes.
#include "model/explain/item_explainer.h"
#include "model/simulation_controller.h"

#include <QTextBrowser>

namespace streamscope::ui {

class InspectorPanel : public QTextBrowser {
  Q_OBJECT
public:
  explicit InspectorPanel(model::SimulationController &controller, QWidget *parent = nullptr);

  const model::Explanation &explanation() const { return m_explanation; }

signals:
  /// A glossary term in the explanation was clicked (its glossary id).
  void glossaryRequested(const QString &id);

public slots:
  void inspect(const model::WorldItem &item);
  void refresh();

private:
  model::SimulationController &m_controller;
  model::WorldItem m_item;
  model::Explanation m_explanation;
  QString m_html;
};

} // namespace streamscope::ui
