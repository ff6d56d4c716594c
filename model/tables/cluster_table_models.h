#pragma once
// Read-only table models of the cluster's state, refreshed once per frame: brokers,
// partitions (leader, epoch, ISR, HW, LEO and flushed offset per replica) and consumer groups.
// Rows only change on load (a structural reset); each frame sends one dataChanged per table.
// Contract: Qt item models on the GUI thread; they read the controller's world when it emits frameReady.
#include "model/simulation_controller.h"

#include <QAbstractTableModel>

namespace streamscope::model {

class ClusterTableModel : public QAbstractTableModel {
  Q_OBJECT
public:
  explicit ClusterTableModel(const SimulationController &controller, QObject *parent = nullptr);
  int rowCount(const QModelIndex &parent = {}) const override;
  int columnCount(const QModelIndex &parent = {}) const override;
  QVariant headerData(int section, Qt::Orientation orientation, int role) const override;
  QVariant data(const QModelIndex &index, int role) const override;

protected:
  virtual int rows() const = 0;
  virtual QStringList headers() const = 0;
  virtual QVariant cell(int row, int column) const = 0;
  virtual QString tip(int row, int column) const {
    Q_UNUSED(row)
    Q_UNUSED(column)
    return {};
  }
  const SimulationController &m_controller;

private:
  void refresh();
  int m_rows = 0;
};

class BrokerTableModel final : public ClusterTableModel {
public:
  using ClusterTableModel::ClusterTableModel;

protected:
  int rows() const override;
  QStringList headers() const override;
  QVariant cell(int row, int column) const override;
  QString tip(int row, int column) const override;
};

class PartitionTableModel final : public ClusterTableModel {
public:
  using ClusterTableModel::ClusterTableModel;

protected:
  int rows() const override;
  QStringList headers() const override;
  QVariant cell(int row, int column) const override;
  QString tip(int row, int column) const override;
};

class GroupTableModel final : public ClusterTableModel {
public:
  using ClusterTableModel::ClusterTableModel;

protected:
  int rows() const override;
  QStringList headers() const override;
  QVariant cell(int row, int column) const override;
  QString tip(int row, int column) const override;
};

} // namespace streamscope::model
