// The UI's view of Kafka transactions says what the engine holds: each partition's last
// stable offset (below the high watermark while a transaction is open), what each log entry
// is (open, committed or aborted data, a commit or abort marker, a coordinator's record),
// a transactional producer's phase, crash and instance, a group's isolation.level; and the
// inspector explains each of them.
#include "example_scenario.h"
#include "model/explain/item_explainer.h"
#include "model/simulation_controller.h"
#include "model/view/world_view.h"

#include <QtTest>

#include <map>

using namespace streamscope;
using model::TxnMark;
using Kind = model::WorldItem::Kind;

namespace {

QString factOf(const model::Explanation &e, const QString &name) {
  for (const auto &f : e.facts)
    if (f.first == name)
      return f.second;
  return {};
}

/// The view's partitions of the application topic "payments".
std::vector<const model::PartitionView *> payments(const model::KafkaView &k) {
  std::vector<const model::PartitionView *> out;
  for (const model::PartitionView &p : k.partitions)
    if (k.topics[static_cast<std::size_t>(p.topic)].name == "payments")
      out.push_back(&p);
  return out;
}

} // namespace

class TstTransactionsView : public QObject {
  Q_OBJECT
private slots:
  void lastStableOffsetLagsTheHighWatermarkWhileATransactionIsOpen() {
    model::SimulationController c;
    c.load(test::exampleScenario("transactions.json"));
    c.runTo(2250 * engine::kMillisecond); // half-way through the fifth transaction
    const model::KafkaView &k = c.view().kafka();
    QVERIFY(k.transactions);
    int lagging = 0;
    for (const model::PartitionView *p : payments(k)) {
      const engine::kafka::Partition &part = c.world().kafka.partitions[static_cast<std::size_t>(p->id)];
      const model::Offset hw = part.logOf(part.leader).highWatermark();
      QCOMPARE(p->highWatermark, hw);
      QCOMPARE(p->lastStable, part.lastStableOffset(hw));
      QVERIFY(p->transactional);
      QVERIFY(p->lastStable <= p->highWatermark);
      if (p->lastStable < p->highWatermark) {
        ++lagging;
        QVERIFY(p->openTransactions > 0);
        // The LSO is held by the first record of a transaction whose marker is not yet replicated.
        const model::ReplicaLog &log = p->logOf(p->leader);
        const auto &entry = log.entries()[log.lowerBound(p->lastStable)];
        QCOMPARE(entry.offset, p->lastStable);
        const TxnMark mark = k.txnMarkOf(entry);
        QVERIFY2(mark == TxnMark::Open || mark == TxnMark::Committed || mark == TxnMark::Aborted, qPrintable(QString::number(int(mark))));
        const model::Explanation e = model::explainItem(c.view(), {Kind::Replica, p->id, p->leader});
        QCOMPARE(factOf(e, QStringLiteral("Last stable offset (LSO)")), QLocale().toString(static_cast<qlonglong>(p->lastStable)));
        QVERIFY2(e.why.contains(QStringLiteral("is below the high watermark")), qPrintable(e.why));
      }
    }
    QVERIFY(lagging > 0);
    // The coordinator's own topic is internal, and no transaction writes to it.
    int internal = 0;
    for (const model::PartitionView &p : k.partitions)
      if (k.topics[static_cast<std::size_t>(p.topic)].internal) {
        ++internal;
        QCOMPARE(k.topics[static_cast<std::size_t>(p.topic)].name, std::string("__transaction_state"));
        QVERIFY(!p.transactional);
      }
    QVERIFY(internal > 0);
  }

  void everyLogEntryIsClassifiedAsTheEngineHoldsIt() {
    model::SimulationController c;
    c.load(test::exampleScenario("transactions.json"));
    c.runTo(12 * engine::kSecond);
    const model::KafkaView &k = c.view().kafka();
    const engine::kafka::KafkaState &ks = c.world().kafka;
    std::map<TxnMark, int> seen;
    model::WorldItem commitCell, abortCell, abortedCell;
    for (const model::PartitionView &p : k.partitions) {
      if (p.leader < 0)
        continue;
      for (const model::LogEntry &entry : p.logOf(p.leader).entries()) {
        const engine::kafka::RecordInfo &r = ks.records[entry.record];
        const TxnMark mark = k.txnMarkOf(entry);
        ++seen[mark];
        const bool internal = k.topics[static_cast<std::size_t>(p.topic)].internal;
        if (r.has(engine::kafka::RecordInfo::Control)) {
          QVERIFY(internal ? mark == TxnMark::CoordinatorLog : model::KafkaView::isMarker(mark));
          if (!internal)
            QCOMPARE(mark == TxnMark::CommitMarker, ks.transactions[static_cast<std::size_t>(r.txn)].committing());
        } else {
          QVERIFY(!model::KafkaView::isMarker(mark));
          QCOMPARE(mark == TxnMark::None, r.txn < 0);
        }
        const model::WorldItem cell{Kind::LogCell, p.id, p.leader, entry.offset};
        if (mark == TxnMark::CommitMarker && !commitCell)
          commitCell = cell;
        if (mark == TxnMark::AbortMarker && !abortCell)
          abortCell = cell;
        if (mark == TxnMark::Aborted && !abortedCell)
          abortedCell = cell;
      }
    }
    QVERIFY(seen[TxnMark::CommitMarker] > 0);
    QVERIFY(seen[TxnMark::AbortMarker] > 0);
    QVERIFY(seen[TxnMark::Committed] > 0);
    QVERIFY(seen[TxnMark::Aborted] > 0);
    QVERIFY(seen[TxnMark::CoordinatorLog] > 0);
    // The inspector names what a marker is and what an aborted record means for readers.
    const model::Explanation commit = model::explainItem(c.view(), commitCell);
    QVERIFY2(factOf(commit, QStringLiteral("Kind")).startsWith(QStringLiteral("COMMIT marker")), qPrintable(factOf(commit, QStringLiteral("Kind"))));
    QVERIFY2(commit.why.contains(QStringLiteral("commit marker")), qPrintable(commit.why));
    const model::Explanation abort = model::explainItem(c.view(), abortCell);
    QVERIFY(factOf(abort, QStringLiteral("Kind")).startsWith(QStringLiteral("ABORT marker")));
    QVERIFY2(abort.why.contains(QStringLiteral("read_committed consumers skip")), qPrintable(abort.why));
    const model::Explanation aborted = model::explainItem(c.view(), abortedCell);
    QVERIFY2(aborted.why.contains(QStringLiteral("was aborted")), qPrintable(aborted.why));
  }

  void producerPhaseCrashAndInstanceFollowTheRun() {
    model::SimulationController c;
    c.load(test::exampleScenario("transactions.json"));
    c.runTo(3 * engine::kSecond);
    const auto producer = [&]() { return c.view().kafka().producers.front(); };
    QVERIFY(producer().transactional());
    QCOMPARE(producer().transactionalId, std::string("payments-app-1"));
    QVERIFY(!producer().crashed);
    QCOMPARE(producer().instance, 0);
    const std::int32_t firstEpoch = producer().epoch;
    QVERIFY(firstEpoch >= 0);
    const model::Explanation running = model::explainItem(c.view(), {Kind::KafkaProducer, 0});
    QCOMPARE(factOf(running, QStringLiteral("transactional.id")), QStringLiteral("payments-app-1"));

    c.runTo(6 * engine::kSecond); // crashed at 5 s, inside a transaction
    QVERIFY(producer().crashed);
    QVERIFY(producer().transaction >= 0);
    const model::Explanation crashed = model::explainItem(c.view(), {Kind::KafkaProducer, 0});
    QVERIFY2(crashed.why.contains(QStringLiteral("crashed")), qPrintable(crashed.why));

    c.runTo(8500 * engine::kMillisecond); // restarted at 8 s: a new instance with a higher epoch
    QVERIFY(!producer().crashed);
    QCOMPARE(producer().instance, 1);
    QVERIFY2(producer().epoch > firstEpoch, qPrintable(QString::number(producer().epoch)));
    QVERIFY(producer().zombieBatches > 0); // the old instance comes back at 9 s
    c.runTo(10 * engine::kSecond);
    QCOMPARE(producer().zombieBatches, 0);
  }

  void groupsSayTheirIsolationLevel() {
    model::SimulationController c;
    c.load(test::exampleScenario("transactions.json"));
    c.runTo(2 * engine::kSecond);
    const model::KafkaView &k = c.view().kafka();
    QCOMPARE(k.groups.size(), std::size_t(2));
    QVERIFY(k.groups[0].readCommitted);
    QVERIFY(!k.groups[1].readCommitted);
    const model::Explanation e = model::explainItem(c.view(), {Kind::Group, 0});
    QCOMPARE(factOf(e, QStringLiteral("isolation.level")), QStringLiteral("read_committed"));
    QVERIFY2(e.why.contains(QStringLiteral("last stable offset")), qPrintable(e.why));
    QCOMPARE(factOf(model::explainItem(c.view(), {Kind::Group, 1}), QStringLiteral("isolation.level")), QStringLiteral("read_uncommitted"));
  }

  void aClusterWithoutTransactionsShowsNone() {
    model::SimulationController c;
    c.load(test::exampleScenario("calm-cluster.json"));
    c.runTo(3 * engine::kSecond);
    const model::KafkaView &k = c.view().kafka();
    QVERIFY(!k.transactions);
    for (const model::PartitionView &p : k.partitions) {
      QVERIFY(!p.transactional);
      QCOMPARE(p.lastStable, p.highWatermark);
      for (const model::LogEntry &entry : p.logOf(p.replicas.front().broker).entries())
        QCOMPARE(k.txnMarkOf(entry), TxnMark::None);
    }
    QVERIFY(factOf(model::explainItem(c.view(), {Kind::Group, 0}), QStringLiteral("isolation.level")).isEmpty());
  }
};

QTEST_GUILESS_MAIN(TstTransactionsView)
#include "tst_transactions_view.moc"
