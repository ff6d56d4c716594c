#pragma once
// The options of `streamscope-cli live kafka`: connection, probe and mirror.
#include "command_line.h"

#include "model/live/kafka/kafka_connection.h"
#include "model/live/kafka/kafka_probe.h"

namespace streamscope::app {

struct LiveKafkaOptions {
  QCommandLineOption mock{QStringLiteral("mock-cluster"),
                          QStringLiteral("Start librdkafka's in-process mock cluster of N brokers (1 to 16) instead of connecting."),
                          QStringLiteral("N")};
  QCommandLineOption mockDown{QStringLiteral("mock-broker-down"),
                              QStringLiteral("Mock cluster only: once the probe has sent N records, take broker B down and move its leaderships to "
                                             "the next live broker, as an election would."),
                              QStringLiteral("B@N")};
  QCommandLineOption topic{QStringLiteral("topic"), QStringLiteral("Show only this topic; the probe's topic (default streamscope-probe)."),
                           QStringLiteral("T")};
  QCommandLineOption group{QStringLiteral("group"),
                           QStringLiteral("Also describe this consumer group (repeatable), even where the cluster cannot list groups."),
                           QStringLiteral("G")};
  QCommandLineOption json{QStringLiteral("json"), QStringLiteral("Print one JSON object.")};
  QCommandLineOption timeout{QStringLiteral("timeout-ms"), QStringLiteral("Time allowed for each request (100 to 600000, default 10000)."),
                             QStringLiteral("MS"), QStringLiteral("10000")};
  QCommandLineOption protocol{QStringLiteral("security-protocol"), QStringLiteral("plaintext (default), ssl, sasl_plaintext or sasl_ssl."),
                              QStringLiteral("P"), QStringLiteral("plaintext")};
  QCommandLineOption mechanism{
      QStringLiteral("sasl-mechanism"),
      QStringLiteral("PLAIN (default), SCRAM-SHA-256 or SCRAM-SHA-512; the password is read from STREAMSCOPE_KAFKA_PASSWORD."), QStringLiteral("M")};
  QCommandLineOption username{QStringLiteral("sasl-username"), QStringLiteral("SASL user name."), QStringLiteral("U")};
  QCommandLineOption ca{QStringLiteral("ssl-ca"), QStringLiteral("CA certificate file (PEM)."), QStringLiteral("FILE")};
  QCommandLineOption cert{QStringLiteral("ssl-cert"), QStringLiteral("Client certificate file (PEM)."), QStringLiteral("FILE")};
  QCommandLineOption key{QStringLiteral("ssl-key"),
                         QStringLiteral("Client key file (PEM); its password, if any, from STREAMSCOPE_KAFKA_SSL_KEY_PASSWORD."),
                         QStringLiteral("FILE")};
  QCommandLineOption probe{QStringLiteral("probe"), QStringLiteral("Run the durability probe first: produce, read back, count.")};
  QCommandLineOption records{QStringLiteral("records"), QStringLiteral("Probe records (1 to 10000000, default 1000)."), QStringLiteral("N"),
                             QStringLiteral("1000")};
  QCommandLineOption rate{QStringLiteral("rate"), QStringLiteral("Probe records per second (1 to 1000000, default 1000)."), QStringLiteral("R"),
                          QStringLiteral("1000")};
  QCommandLineOption acks{QStringLiteral("acks"), QStringLiteral("0, 1 or all (default all)."), QStringLiteral("A"), QStringLiteral("all")};
  QCommandLineOption noIdempotence{QStringLiteral("no-idempotence"), QStringLiteral("Turn the idempotent producer off (needed for acks 0 or 1).")};
  QCommandLineOption keys{QStringLiteral("keys"), QStringLiteral("Distinct record keys (1 to 1000000, default 100)."), QStringLiteral("K"),
                          QStringLiteral("100")};
  QCommandLineOption recordBytes{QStringLiteral("record-bytes"), QStringLiteral("Value size (20 to 1000000, default 100)."), QStringLiteral("B"),
                                 QStringLiteral("100")};
  QCommandLineOption partitions{QStringLiteral("partitions"), QStringLiteral("Create the probe topic with P partitions (1 to 10000)."),
                                QStringLiteral("P")};
  QCommandLineOption replication{QStringLiteral("replication-factor"), QStringLiteral("... and replication factor F (1 to 64)."),
                                 QStringLiteral("F")};
  QCommandLineOption minIsr{QStringLiteral("min-insync-replicas"), QStringLiteral("... and min.insync.replicas (default 1)."), QStringLiteral("M"),
                            QStringLiteral("1")};
  QCommandLineOption mirror{QStringLiteral("mirror"),
                            QStringLiteral("Write a scenario of the cluster and the probe's workload to OUT.json (run it with streamscope-cli run)."),
                            QStringLiteral("OUT.json")};

  void addTo(CommandLine &cli) const {
    for (const QCommandLineOption *o :
         {&mock,  &mockDown, &topic, &group, &json,          &timeout, &protocol,    &mechanism,  &username,    &ca,     &cert,  &key,
          &probe, &records,  &rate,  &acks,  &noIdempotence, &keys,    &recordBytes, &partitions, &replication, &minIsr, &mirror})
      cli.addOption(*o);
  }
};

} // namespace streamscope::app
