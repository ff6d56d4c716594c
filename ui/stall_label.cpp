#include "stall_label.h"

#include "model/explain/wait_words.h"

namespace streamscope::ui {

StallLabel::StallLabel(model::SimulationController &controller, QWidget *parent) : QLabel(parent), m_controller(controller) {
  setObjectName(QStringLiteral("longestStall"));
  setToolTip(tr("The client that has waited longest for an answer, a leader or a lease; select it on the canvas for the details."));
  connect(&controller, &model::SimulationController::frameReady, this, &StallLabel::refresh);
}

void StallLabel::refresh() { setText(m_controller.hasSimulation() ? model::longestStallText(m_controller.view()) : QString()); }

} // namespace streamscope::ui
