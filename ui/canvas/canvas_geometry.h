#pragma once
// Where everything sits on the canvas for one frame: panes, boxes, replica strips, shard
// lanes, the labels that fit, and the anchor point of every network node. Built from the
// world's view and the scene size alone (no painting), so painters, hit-testing and tests all agree.
//
// Level of detail is decided here: a strip shows one cell per record while cells stay wide
// enough to see, otherwise one bar with proportions and counts; a label is placed only where
// it fits without touching another. Zooming in enlarges the scene, so more detail appears.
// Contract: built and read on the GUI thread for one frame; valid while the view it was built from is.
#include "canvas_theme.h"
#include "model/explain/world_item.h"
#include "model/view/world_view.h"
#include "overview_geometry.h"
#include "recent_changes.h"

#include <QObject>
#include <QRectF>
#include <QString>
#include <QStringList>

#include <optional>
#include <unordered_map>
#include <vector>

namespace streamscope::ui {

using model::NodeId;
using model::Offset;

struct CanvasShape {
  model::WorldItem item;
  QRectF rect;
};

struct CanvasLabel {
  QRectF rect; ///< where the text is drawn; no two labels intersect
  QString text;
  bool title = false; ///< title font, else small
  Qt::Alignment align = Qt::AlignLeft | Qt::AlignVCenter;
  bool muted = false;
  bool headline = false; ///< the headline font (the clock and counters while presenting)
  bool elided = false; ///< cut to fit, ending in "…"
  /// The item a caption outside its rectangle describes (a strip's numbers): a highlight of
  /// that item keeps its caption in the clear too.
  model::WorldItem owner;
};

/// What the hidden status bar says, drawn on the canvas while presenting.
struct CanvasReadout {
  double seconds = 0, durationSeconds = 0;
  double speed = 1;
  std::int64_t produced = 0, acknowledged = 0, lost = 0; ///< lost: acknowledged but lost
};

/// One replica's log as a strip of cells. Every replica of a partition shares the window
/// [first, end), so equal offsets line up from broker to broker.
struct StripGeometry {
  int partition = -1;
  int broker = -1;
  QRectF rect; ///< the whole strip, label included
  QRectF cells; ///< the record area
  Offset first = 0, end = 0; ///< offsets drawn as cells
  Offset logStart = 0; ///< older retained records are summarised left of `first`
  double cellWidth = 0; ///< 0: level of detail too low, drawn as one bar
  double x0 = 0; ///< x of offset `first`
  double xOf(Offset o) const { return x0 + static_cast<double>(o - first) * cellWidth; }
};

/// One shard as a lane of three availability-zone rows; cells are the newest records.
struct LaneGeometry {
  int slot = -1;
  QRectF rect, cells;
  QRectF zoneRows[3];
  std::size_t first = 0, end = 0; ///< indices into the shard's records drawn as cells
  double cellWidth = 0; ///< 0: drawn as one bar
  std::vector<std::uint64_t> counters; ///< of the records drawn, so a click names one for good
  double xOfIndex(std::size_t i) const { return cells.left() + static_cast<double>(i - first) * cellWidth; }
};

/// A partition number drawn at the end of a consumer-protocol member's row: owned and read,
/// revoking (given up, acknowledgement pending), or pending (in its target, not yet handed over).
struct PartitionChip {
  enum Kind { Reading, Revoking, Pending };
  QRectF rect;
  Kind kind = Reading;
};

/// The metadata log (__cluster_metadata): committed entries solid, the uncommitted ones of the
/// active controller pale, and each broker's applied offset marked under it.
struct MetadataStripGeometry {
  QRectF rect, cells;
  Offset first = 0, end = 0; ///< offsets drawn
  double cellWidth = 0; ///< 0: one proportional bar
  double x0 = 0; ///< x of offset `first` (cells); offsets below it are summed up left of it
  double xOf(Offset o) const;
};

/// A swatch in the legend row; the painter draws the sample, a label says what it means.
struct LegendSwatch {
  enum Kind {
    OnDisk,
    InCache,
    AboveHighWatermark,
    HighWatermark,
    Committed,
    OutOfIsr,
    EligibleLeader,
    InFlight,
    ZoneCopy,
    Awaiting,
    Throttled,
    ChipReading,
    ChipRevoking,
    ChipPending,
    LastStable,
    OpenTxn,
    CommitMarker,
    AbortMarker,
    AbortedRecord,
    SecondCopy,
    Reordered,
    ShareAvailable,
    ShareAcquired,
    ShareAcknowledged,
    ShareArchived,
    BrokerHeat, ///< the far levels: a broker tile's fill, from idle to busiest
    LeaderBar,
    Controller,
    PartitionLag, ///< healthy partitions, from no consumer lag to the most
    UnderReplicated,
    UnderMinIsr,
    Offline,
    LeaderReplica,
    FollowerInSync,
    FollowerOutOfIsr,
    ShardLoad, ///< a shard's recent writes against its limit
    ShardThrottled,
    Flow
  };
  QRectF rect;
  Kind kind = OnDisk;
};

/// An hourglass beside a stalled client, with its caption's labels when they had room
/// (waiting_marks.cpp lays them out and paints the hourglass).
struct WaitMark {
  model::WorldItem client;
  QRectF icon;
  bool kinesis = false; ///< drawn in the Kinesis pane
  std::vector<std::size_t> captionLabels; ///< indices into CanvasGeometry::labels
};

class CanvasGeometry {
public:
  /// Lays out the world's view in `scene` (the zoomed canvas size).
  /// `recent` (optional) lets captions call out what just changed, such as a new leader.
  /// `readout` (optional) adds a header row with the clock, the speed and the counters.
  /// `highlights` (optional): what a lesson points at; their captions are kept when space is short.
  /// `visible` (optional): the part of the scene on screen; strips and lanes off it are left out.
  static CanvasGeometry build(const model::WorldView &view, const QRectF &scene, const CanvasTheme &theme, const RecentChanges *recent = nullptr,
                              const CanvasReadout *readout = nullptr, const std::vector<model::WorldItem> *highlights = nullptr,
                              const QRectF *visible = nullptr);

  /// The innermost item at `p` (cells and records included), or a None item.
  model::WorldItem hit(QPointF p) const;
  const StripGeometry *strip(int partition, int broker) const;
  const LaneGeometry *lane(int slot) const;
  /// The rectangle drawn for an item (strips, lanes, boxes); empty if not on screen.
  QRectF rectOf(const model::WorldItem &item) const;
  /// The far levels: the pixel of a replica (or of its partition), the span of a shard.
  QRectF overviewRectOf(const model::WorldItem &item) const;
  /// The replica a matrix's cell names.
  static model::WorldItem replicaOfCell(const PixelMatrix &matrix, int cell);

  QRectF scene, header, kafkaPane, kinesisPane, legend;
  std::vector<CanvasShape> shapes; ///< containers before their contents
  std::vector<CanvasLabel> labels;
  std::vector<StripGeometry> strips;
  std::vector<LaneGeometry> lanes;
  std::vector<LegendSwatch> swatches;
  std::vector<PartitionChip> chips; ///< on consumer-protocol member rows
  std::vector<WaitMark> waitMarks; ///< one per stalled client on screen
  std::optional<MetadataStripGeometry> metadataStrip; ///< KRaft only
  Detail kafkaDetail = Detail::Strips, kinesisDetail = Detail::Strips;
  std::vector<BrokerTile> tiles; ///< the far levels of Kafka
  std::vector<PixelMatrix> matrices;
  std::vector<KeySpaceGeometry> keySpaces; ///< the far level of Kinesis, one per stream
  QRectF visible; ///< what strips and lanes were laid out for (the scene when not culled)
  /// Where a message to or from a node starts or ends, per system (a side-by-side
  /// producer is one node drawn in both panes).
  std::unordered_map<NodeId, QPointF> kafkaAnchors, kinesisAnchors;

  // Used by the per-system layouts.
  const RecentChanges *recent = nullptr; ///< not owned; only during build()
  const std::vector<model::WorldItem> *highlights = nullptr; ///< not owned; only during build()
  /// Whether `rect` is on screen (strips and lanes elsewhere are not laid out).
  bool onScreen(const QRectF &rect) const { return visible.intersects(rect); }
  /// Whether a highlight is described by a caption owned by `owner` (so it should have one).
  bool wantsCaption(const model::WorldItem &owner) const;
  /// Adds a label if the text fits `rect` (elided to its width); returns whether it did.
  bool addLabel(const QRectF &rect, const QString &text, bool title, const CanvasTheme &theme, Qt::Alignment align = Qt::AlignLeft | Qt::AlignVCenter,
                bool muted = false);
  /// Adds the first of `forms` (longest first) that fits `rect` whole; only when none does,
  /// the last one, elided. Returns whether a label was added.
  bool addFirstFitting(const QRectF &rect, const QStringList &forms, bool title, const CanvasTheme &theme,
                       Qt::Alignment align = Qt::AlignLeft | Qt::AlignVCenter, bool muted = false);
  void addShape(model::WorldItem item, const QRectF &rect) { shapes.push_back({item, rect}); }
};

/// Whether a label owned by `owner` is a caption of `item` (a strip's numbers describe the
/// strip, its cells and its broker).
bool captionOf(const model::WorldItem &owner, const model::WorldItem &item);

/// A box of clients on the right of a pane (a consumer group, a KCL application): a title and
/// one row per member, each with its dot, its text and its node's anchor.
struct ClientRow {
  model::WorldItem item;
  QString text;
  /// A shorter form shown when `text` does not fit the row; it keeps what tells rows apart
  /// (the member's short name) at its start, so rows stay distinct even when elided.
  QString compact;
  bool down = false; ///< dead or gone: drawn muted
  NodeId node = -1;
  std::vector<std::pair<int, PartitionChip::Kind>> chips = {}; ///< partition numbers, right-aligned
};
struct ClientBox {
  model::WorldItem item;
  QString title;
  std::vector<ClientRow> rows;
  QStringList shorterTitles = {}; ///< tried in order when `title` does not fit whole
};
/// The number at the end of a member id ("billing-member-07" gives 07), or its index: the
/// short name a member's row and its wait caption show.
QString memberNumber(const std::string &id, int index);
void layoutClientColumn(CanvasGeometry &g, const QRectF &column, const std::vector<ClientBox> &boxes, const CanvasTheme &t,
                        std::unordered_map<NodeId, QPointF> &anchors);
/// A producer's box on the left of a pane: its name and one line of detail.
struct ProducerBox {
  model::WorldItem item;
  QString title; ///< elided when it does not fit, after `shorterTitles`
  QStringList details; ///< one line of detail, longest form first (shorter ones when narrow)
  NodeId node = -1;
  QStringList shorterTitles = {}; ///< tried in order when `title` does not fit whole
};
void layoutProducerColumn(CanvasGeometry &g, const QRectF &column, const std::vector<ProducerBox> &boxes, const CanvasTheme &t,
                          std::unordered_map<NodeId, QPointF> &anchors);

/// A pane's title row (the first of `headings` that fits, longest first), with the live
/// acknowledgement caption on the right; returns the body.
QRectF layoutPaneHeading(CanvasGeometry &g, const QRectF &pane, const QStringList &headings, std::optional<double> ackMs, const CanvasTheme &t);

/// A pane's three columns: producers, the system itself, and its consumers (empty if none).
struct PaneColumns {
  QRectF producers, middle, clients;
};
PaneColumns paneColumns(const QRectF &body, bool hasClients, const CanvasTheme &t);

/// `n` boxes of at most `maxHeight`, stacked from the top of `column` with `gap` between.
std::vector<QRectF> stackBoxes(const QRectF &column, int n, double maxHeight, double gap);

/// Rows of items of the given widths, left to right, wrapped where the next would pass `width`:
/// each item's row and x offset. Returns the number of rows (0 for no items).
int flowRows(const std::vector<double> &widths, double width, double gap, std::vector<std::pair<int, double>> &places);
/// The header row while presenting: the clock, the speed and the counters; returns its height
/// for `width` (laid out when `g` is given).
double layoutReadout(CanvasGeometry *g, const QRectF &area, const CanvasReadout &readout, const CanvasTheme &t);

/// The band above the brokers for the controllers and the metadata log: its height (0 when
/// the view has no control plane), and its layout.
double controlPlaneHeight(const model::KafkaView &kafka, const CanvasTheme &theme);
void layoutControlPlane(const model::WorldView &view, const QRectF &band, const CanvasTheme &theme, CanvasGeometry &g);
void layoutKafka(const model::WorldView &view, const QRectF &pane, const CanvasTheme &theme, CanvasGeometry &g);
void layoutKinesis(const model::WorldView &view, const QRectF &pane, const CanvasTheme &theme, CanvasGeometry &g);

/// Thinnest shard lane drawn; a stream whose lanes would be thinner shows its key space.
inline constexpr double kMinLanePitch = 3;
/// The level of detail for the Kafka pane `pane` / the Kinesis pane: the strips while each
/// replica's strip (each shard's lane) keeps a few pixels, else the far levels.
Detail kafkaDetailFor(const model::WorldView &view, const QRectF &pane, const CanvasTheme &theme);
Detail kinesisDetailFor(const model::WorldView &view, const QRectF &pane, const CanvasTheme &theme);
/// The pitch of a replica strip in a detailed layout of `middle` (the brokers' column).
double detailedStripPitch(const model::KafkaView &kafka, const QRectF &middle, const CanvasTheme &theme);
/// Broker tiles in `middle` (and, at the Summary level, a pixel matrix per topic).
void layoutKafkaOverview(const model::WorldView &view, const QRectF &middle, const CanvasTheme &theme, CanvasGeometry &g);
/// A stream's key space as bands of shard spans in `area`.
void layoutKeySpace(const model::WorldView &view, int stream, const QRectF &area, const CanvasTheme &theme, CanvasGeometry &g);
/// The legend's entries for the far levels: swatch and text (`brokerController`: a broker
/// is the active controller, so a tile is marked).
std::vector<std::pair<LegendSwatch::Kind, QString>> overviewLegend(Detail kafka, Detail kinesis, bool brokerController);

} // namespace streamscope::ui
