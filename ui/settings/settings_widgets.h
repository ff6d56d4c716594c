#pragma once
// Small pieces the settings dock's boxes share: how a change is sent, a spin box, an inline
// error label and a combo box refilled without losing the user's choice. GUI thread.
#include "model/simulation_controller.h"

#include <QString>
#include <QStringList>

#include <functional>

class QComboBox;
class QLabel;
class QSpinBox;
class QWidget;

namespace streamscope::ui {

/// Sends one change through the controller; true when it took effect (a refusal is shown by
/// whoever sends it, never silently dropped).
using ApplyFault = std::function<bool(const engine::Fault &)>;

/// A spin box over [min, max] with `tip` as its tooltip.
QSpinBox *settingsSpin(int min, int max, const QString &tip, QWidget *parent);
/// A hidden, word-wrapped red label for what the real system would refuse.
QLabel *settingsErrorLabel(QWidget *parent);
/// Shows `text` on `label`, or hides it when empty.
void showSettingsError(QLabel *label, const QString &text);
/// Replaces the items by `names`, keeping the current one when it is still there; emits no
/// signal (the caller loads the values after).
void refillCombo(QComboBox *combo, const QStringList &names);

} // namespace streamscope::ui
