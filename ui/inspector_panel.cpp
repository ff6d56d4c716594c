#include "inspector_panel.h"

namespace streamscope::ui {

InspectorPanel::InspectorPanel(model::SimulationController &controller, QWidget *parent) : QTextBrowser(parent), m_controller(controller) {
  setOpenLinks(false);
  connect(this, &QTextBrowser::anchorClicked, this, [this](const QUrl &url) {
    if (url.scheme() == QLatin1String("glossary"))
      emit glossaryRequested(url.path());
  });
  setMinimumWidth(260);
  connect(&controller, &model::SimulationController::frameReady, this, &InspectorPanel::refresh);
  refresh();
}

void InspectorPanel::inspect(const model::WorldItem &item) {
  m_item = item;
  refresh();
}

void InspectorPanel::refresh() {
  if (!m_controller.hasSimulation())
    return;
  m_explanation = model::explainItem(m_controller.view(), m_item);
  const QString html = model::explanationHtml(m_explanation);
  if (html != m_html) { // unchanged text keeps the reader's scroll position and selection
    m_html = html;
    setHtml(html);
  }
}

} // namespace streamscope::ui
