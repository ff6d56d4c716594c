// The Kafka control plane, as a band above the brokers: one box per controller (KRaft) or the
// broker acting as controller (ZooKeeper mode), and the metadata log as one strip with each
// broker's applied offset marked under it, so a leader change can be watched travelling from
// the active controller's log, through the quorum's commit, to the brokers that act on it.
#include "canvas_geometry.h"
#include "text_cache.h"

#include <QFontMetricsF>
#include <QLocale>

#include <algorithm>
#include <map>

namespace streamscope::ui {
namespace {

using Kind = model::WorldItem::Kind;
using namespace model; // the view's rows

QString roleWord(ControllerView::Role role) {
  switch (role) {
  case ControllerView::Role::Leader: return QObject::tr("active");
  case ControllerView::Role::Candidate: return QObject::tr("candidate");
  case ControllerView::Role::Offline: return QObject::tr("OFFLINE");
  case ControllerView::Role::Voter: break;
  }
  return QObject::tr("voter");
}

/// The longest log among the controllers: the strip's right end.
Offset metadataEnd(const KafkaView &k) {
  Offset end = k.metadataCommitted;
  for (const ControllerView &c : k.controllers)
    end = std::max(end, c.logEnd);
  return end;
}

void layoutControllerBox(const KafkaView &k, std::size_t i, const QRectF &box, const CanvasTheme &t, CanvasGeometry &g) {
  const ControllerView &c = k.controllers[i];
  g.addShape({Kind::Controller, static_cast<int>(i)}, box);
  const QRectF inner = box.adjusted(t.px(6), t.px(2), -t.px(6), -t.px(2));
  const QRectF top(inner.left(), inner.top(), inner.width(), inner.height() / 2);
  const QRectF bottom(inner.left(), top.bottom(), inner.width(), inner.height() / 2);
  const QString role = roleWord(c.role);
  if (k.zookeeper) {
    g.addFirstFitting(top, {QObject::tr("controller: broker %1 (ZooKeeper)").arg(c.id), QObject::tr("controller: b%1").arg(c.id)}, false, t);
  } else {
    const QString star = c.role == ControllerView::Role::Leader ? QStringLiteral(" ★") : QString();
    g.addFirstFitting(top,
                      {QObject::tr("controller %1%2 · %3").arg(c.id).arg(star, role), QObject::tr("c%1%2 · %3").arg(c.id).arg(star, role),
                       QObject::tr("c%1%2").arg(c.id).arg(star)},
                      false, t);
  }
  const QLocale locale;
  const auto n = [&](Offset o) { return locale.toString(static_cast<qlonglong>(o)); };
  QStringList details;
  if (k.zookeeper)
    details = {QObject::tr("epoch %1 · pushes changes to brokers").arg(c.epoch), QObject::tr("epoch %1").arg(c.epoch),
               QObject::tr("e%1").arg(c.epoch)};
  else
    details = {QObject::tr("epoch %1 · log end %2 · committed %3").arg(c.epoch).arg(n(c.logEnd), n(c.committed)),
               QObject::tr("e%1 · end %2 · commit %3").arg(c.epoch).arg(n(c.logEnd), n(c.committed)),
               QObject::tr("end %1 · commit %2").arg(n(c.logEnd), n(c.committed)), QObject::tr("epoch %1").arg(c.epoch),
               QObject::tr("e%1").arg(c.epoch)};
  g.addFirstFitting(bottom, details, false, t, Qt::AlignLeft | Qt::AlignVCenter, true);
}

/// The strip's window: the newest entries at a readable width, or one bar.
MetadataStripGeometry metadataStrip(const KafkaView &k, const QRectF &rect, double labelW, const CanvasTheme &t) {
  MetadataStripGeometry s;
  s.rect = rect;
  s.cells = rect.adjusted(labelW, 0, 0, 0);
  s.end = metadataEnd(k);
  Offset oldest = s.end;
  for (const BrokerView &b : k.brokers)
    if (!b.removed && b.running())
      oldest = std::min(oldest, b.metadataApplied);
  const double cellWidth = std::clamp(s.cells.width() / 24, t.px(6), t.px(18));
  // The first cells sum up what came before the window: at least the bootstrap snapshot
  // (the brokers, topics and partitions the cluster started with).
  const Offset summary = 3;
  const auto capacity = static_cast<Offset>(s.cells.width() / cellWidth) - summary;
  s.x0 = s.cells.left();
  // Cells while every broker's applied offset is in the window; otherwise one bar from
  // offset 0, so a broker far behind still shows where it is.
  if (s.end - oldest + 2 <= capacity) {
    s.cellWidth = cellWidth;
    s.first = std::max<Offset>(0, s.end - capacity + 1);
    if (s.first > 0) {
      s.first = std::max(s.first, std::min(k.metadataBase, s.end)); // the snapshot is never cells
      s.x0 = s.cells.left() + static_cast<double>(summary) * cellWidth;
    }
  }
  return s;
}

} // namespace

double MetadataStripGeometry::xOf(Offset o) const {
  if (cellWidth > 0)
    return std::clamp(x0 + static_cast<double>(o - first) * cellWidth, cells.left(), cells.right());
  const double span = static_cast<double>(std::max<Offset>(1, end - first));
  return cells.left() + cells.width() * static_cast<double>(std::clamp(o, first, end) - first) / span;
}

double controlPlaneHeight(const KafkaView &k, const CanvasTheme &t) {
  if (k.controllers.empty() && !k.zookeeper)
    return 0;
  const QFontMetricsF small(t.small);
  return 2 * small.height() + t.px(14) + small.height(); // boxes of two lines, and the brokers' marks under the strip
}

void layoutControlPlane(const WorldView &w, const QRectF &band, const CanvasTheme &t, CanvasGeometry &g) {
  const KafkaView &k = w.kafka();
  const QFontMetricsF small(t.small);
  const double boxH = 2 * small.height() + t.px(6);
  const double gap = t.px(6);
  if (k.zookeeper && k.controllers.empty()) { // between controllers: the election through ZooKeeper
    g.addLabel(QRectF(band.left(), band.top(), band.width(), boxH), QObject::tr("no controller: the brokers race for the /controller znode"), false,
               t);
    return;
  }
  // Controller boxes from the left, each wide enough for its detail line where possible.
  const auto n = static_cast<double>(k.controllers.size());
  const double wanted = textWidth(t.small, QStringLiteral("e00 · end 00000 · commit 00000")) + t.px(14);
  const double share = k.zookeeper ? band.width() * 0.45 : band.width() * 0.55;
  const double boxW = std::min(wanted, (share - gap * (n - 1)) / n);
  for (std::size_t i = 0; i < k.controllers.size(); ++i) {
    const QRectF box(band.left() + static_cast<double>(i) * (boxW + gap), band.top(), boxW, boxH);
    layoutControllerBox(k, i, box, t, g);
    if (k.controllers[i].node >= 0 && !g.kafkaAnchors.count(k.controllers[i].node)) // combined mode: the broker's box is its anchor
      g.kafkaAnchors[k.controllers[i].node] = QPointF(box.center().x(), box.bottom());
  }
  const double left = band.left() + n * (boxW + gap) + gap;
  const QRectF rest(left, band.top(), band.right() - left, boxH);
  if (rest.width() < t.px(60))
    return;
  if (k.zookeeper) {
    const bool loading = k.controllerReadyAt > 0 && !k.controllers.empty() && k.controllerReadyAt > w.now();
    g.addLabel(rest,
               loading ? QObject::tr("loading every partition's metadata from ZooKeeper before acting · ready at %1 s")
                             .arg(static_cast<double>(k.controllerReadyAt) / static_cast<double>(kSecond), 0, 'f', 1)
                       : QObject::tr("no metadata log: the controller sends each change to the brokers"),
               false, t, Qt::AlignLeft | Qt::AlignVCenter, !loading);
    return;
  }
  // The log's real name where it fits: the inspector and the lessons call it that too.
  const QStringList titles = {QObject::tr("__cluster_metadata"), QObject::tr("metadata log"), QObject::tr("metadata")};
  double labelW = 0;
  for (const QString &title : titles)
    if ((labelW = textWidth(t.small, title) + t.px(6)) <= rest.width() * 0.3)
      break;
  labelW = std::min(labelW, rest.width() * 0.3);
  const QRectF stripRect(rest.left(), rest.top() + t.px(3), rest.width(), boxH - t.px(6));
  g.addFirstFitting(QRectF(stripRect.left(), stripRect.top(), labelW - t.px(4), stripRect.height()), titles, false, t);
  MetadataStripGeometry s = metadataStrip(k, stripRect, labelW, t);
  // Under the strip: where the brokers have applied the log, one label per offset ("b0 b2"),
  // left to right, each only where it clears the one before.
  const QLocale locale;
  const double markY = stripRect.bottom() + t.px(2);
  std::map<Offset, QStringList> byOffset;
  for (const BrokerView &b : k.brokers)
    if (!b.removed)
      byOffset[b.metadataApplied] << QObject::tr("b%1").arg(b.id);
  double clearFrom = stripRect.left() + labelW;
  for (const auto &[offset, names] : byOffset) {
    const QString text = names.join(QLatin1Char(' '));
    const double w = std::max(textWidth(t.small, text) + t.px(2), small.averageCharWidth() * 3.5); // addLabel's narrowest
    const double x = std::max(s.xOf(offset) - w / 2, clearFrom);
    if (x + w > stripRect.right() + t.px(4))
      continue;
    g.addLabel(QRectF(x, markY + t.px(4), w, small.height()), text, false, t, Qt::AlignLeft | Qt::AlignVCenter);
    clearFrom = x + w + t.px(4);
  }
  const QString committed = locale.toString(static_cast<qlonglong>(k.metadataCommitted));
  const QString committedText = QObject::tr("committed %1").arg(committed);
  if (textWidth(t.small, committedText) + 1 <= labelW - t.px(4)) // whole or not at all: a cut number misleads
    g.addLabel(QRectF(stripRect.left(), markY + t.px(4), labelW - t.px(4), small.height()), committedText, false, t, Qt::AlignLeft | Qt::AlignVCenter,
               true);
  g.metadataStrip = s;
}

} // namespace streamscope::ui
