// A welcome larger than a frame: the log is cut where the frame is full and the remaining
// commands follow as command messages, which the client applies in seq order either way.
#include "classroom_protocol.h"

#include <QJsonDocument>

namespace streamscope::classroom {

QList<QByteArray> welcomeFrames(const Welcome &welcome, qsizetype limit) {
  Welcome head = welcome;
  head.log.clear();
  const qsizetype headSize = encode(head).size();
  if (headSize > limit)
    return {};
  qsizetype budget = limit - headSize;
  qsizetype fitting = 0;
  for (const Command &command : welcome.log) {
    // An entry costs its own encoding ({"seq":..,"command":{..}}) and a separating comma.
    const qsizetype cost = QJsonDocument(QJsonObject{{QStringLiteral("seq"), command.seq}, {QStringLiteral("command"), command.payload}})
                               .toJson(QJsonDocument::Compact)
                               .size() +
        1;
    if (cost > budget)
      break;
    budget -= cost;
    ++fitting;
  }
  head.log = welcome.log.mid(0, fitting);
  QList<QByteArray> frames{encode(head)};
  for (qsizetype i = fitting; i < welcome.log.size(); ++i)
    frames.append(encode(HostMessage(welcome.log.at(i))));
  return frames;
}

} // namespace streamscope::classroom
