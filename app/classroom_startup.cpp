#include "classroom_startup.h"

#include "model/classroom/join_code.h"
#include "ui/classroom/classroom_ui.h"
#include "ui/classroom/session_dialogs.h"
#include "ui/lesson_panel.h"
#include "ui/main_window.h"

#include <QApplication>
#include <QTimer>

#include <cstdio>

namespace streamscope::app {
namespace {

int refuse(const QString &message) {
  std::fprintf(stderr, "streamscope: %s\n", qPrintable(message));
  return 2;
}

/// Pictures `window` after `delayMs`, then quits.
int pictureAfter(ui::MainWindow &window, const QString &path, int delayMs) {
  int status = 0;
  QTimer::singleShot(delayMs, &window, [&] {
    if (!window.grab().save(path, "PNG")) {
      std::fprintf(stderr, "streamscope: cannot write screenshot to %s\n", qPrintable(path));
      status = 1;
    }
    QApplication::quit();
  });
  QApplication::exec();
  return status;
}

} // namespace

ClassroomStartupOptions::ClassroomStartupOptions()
    : join(QStringLiteral("join"), QObject::tr("Join the classroom session at <host:port> (with --code and --name)."), QStringLiteral("host:port")),
      host(QStringLiteral("host-session"), QObject::tr("Host a classroom session of the open lesson or scenario on <port>."), QStringLiteral("port")),
      code(QStringLiteral("code"), QObject::tr("The classroom session's join code."), QStringLiteral("code")),
      name(QStringList{QStringLiteral("student-name"), QStringLiteral("name")}, QObject::tr("Your name in the classroom session."),
           QStringLiteral("name")),
      revealAfter(QStringLiteral("reveal-after"),
                  QObject::tr("Hosting with --screenshot: reveal the open prediction once <n> students answered, then picture it."),
                  QStringLiteral("n")) {}

void ClassroomStartupOptions::addTo(QCommandLineParser &parser) const { parser.addOptions({join, host, code, name, revealAfter}); }

bool ClassroomStartupOptions::anySet(const QCommandLineParser &parser) const { return parser.isSet(join) || parser.isSet(host); }

std::optional<int> startClassroom(const QCommandLineParser &parser, const ClassroomStartupOptions &o, ui::MainWindow &window, int lessonSteps,
                                  const QString &screenshot) {
  ui::ClassroomUi *classroom = window.classroom();
  if (parser.isSet(o.join) && parser.isSet(o.host))
    return refuse(QObject::tr("give --join or --host-session, not both"));
  if (parser.isSet(o.join)) {
    QString why;
    const auto where = ui::parseHostPort(parser.value(o.join), &why);
    if (!where)
      return refuse(QObject::tr("--join: %1").arg(why));
    if (!parser.isSet(o.code) || !parser.isSet(o.name))
      return refuse(QObject::tr("--join needs --code and --name"));
    classroom::ClassroomClient::Options options;
    options.host = where->first;
    options.port = where->second;
    options.code = parser.value(o.code);
    options.name = parser.value(o.name);
    classroom->join(options);
    if (screenshot.isEmpty())
      return std::nullopt;
    return pictureAfter(window, screenshot, 4000); // joined and caught up
  }
  bool ok = false;
  const int port = parser.value(o.host).toInt(&ok);
  if (!ok || port < 1 || port > 65535)
    return refuse(QObject::tr("--host-session needs a port from 1 to 65535, not \"%1\"").arg(parser.value(o.host)));
  classroom::ClassroomServer::Options options;
  options.address = QHostAddress::AnyIPv4;
  options.port = static_cast<quint16>(port);
  options.code = parser.isSet(o.code) ? classroom::normalizeJoinCode(parser.value(o.code)) : classroom::generateJoinCode();
  QString why;
  if (!classroom->host(options, false, &why)) {
    std::fprintf(stderr, "streamscope: cannot host on port %d: %s\n", port, qPrintable(why));
    return 3;
  }
  std::fprintf(stderr, "Hosting on port %d with code %s\n", port, qPrintable(options.code));
  window.lessons()->playSteps(lessonSteps);
  if (screenshot.isEmpty())
    return std::nullopt;
  const int wanted = parser.isSet(o.revealAfter) ? parser.value(o.revealAfter).toInt() : 0;
  auto *poll = new QTimer(&window);
  QObject::connect(poll, &QTimer::timeout, &window, [&window, classroom, wanted, poll] {
    const int step = window.lessons()->stepIndex();
    if (static_cast<int>(classroom->teacher()->answers(step).byStudent.size()) < wanted)
      return;
    poll->stop();
    if (wanted > 0)
      classroom->reveal(step);
  });
  poll->start(100);
  return pictureAfter(window, screenshot, wanted > 0 ? 8000 : 2000);
}

} // namespace streamscope::app
