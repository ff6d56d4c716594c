#pragma once
// The inspector's words: for any WorldItem, its state as facts (name, value) and one or two
// sentences saying why it is in that state ("offset 41 is above the high watermark:
// consumers cannot read it yet because only 1 of 3 replicas has it"). No widgets.
// Contract: reads a World it is given (const), on the GUI thread that owns the controller.
#include "engine/world/world.h"
#include "model/view/world_view.h"
#include "world_item.h"

#include <QCoreApplication>
#include <QList>
#include <QLocale>
#include <QObject>
#include <QPair>
#include <QString>

namespace streamscope::model {

struct Explanation {
  QString title;
  QList<QPair<QString, QString>> facts;
  QString why;
};

/// An explanation of `item` in `world`; a None or vanished item explains what to click.
Explanation explainItem(const engine::World &world, const WorldItem &item);
/// The same, for the UI, which reads the world only through its view.
inline Explanation explainItem(const WorldView &view, const WorldItem &item) { return explainItem(view.source(), item); }
/// The explanation as HTML for a rich-text view.
QString explanationHtml(const Explanation &explanation);
/// A human name for a network node ("broker 1", "producer orders", "AZ b", "worker w0").
QString nodeName(const engine::World &world, engine::NodeId node);

// Per system, used by explainItem.
Explanation explainKafka(const engine::World &world, const WorldItem &item);
Explanation explainKinesis(const engine::World &world, const WorldItem &item);
/// A KRaft controller by its index among the controllers.
Explanation explainController(const engine::World &world, int index);

} // namespace streamscope::model
