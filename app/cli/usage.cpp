#include "cli_commands.h"

#include <QTextStream>

namespace streamscope::app {

void printUsage(bool toStderr) {
  QTextStream out(toStderr ? stderr : stdout);
  out << "usage: streamscope-cli COMMAND [OPTIONS]\n"
         "\n"
         "commands:\n"
         "  partition --partitions N     read one key per line on stdin and print\n"
         "                               KEY<TAB>PARTITION, as the Kafka Java client's\n"
         "                               default partitioner assigns keyed records\n"
         "  shards --shards N            print the shards of a new Kinesis stream of N shards\n"
         "                               as SHARD_ID<TAB>STARTING_HASH_KEY<TAB>ENDING_HASH_KEY\n"
         "  shard --shards N             read one partition key per line on stdin and print\n"
         "                               KEY<TAB>SHARD_ID<TAB>HASH_KEY (MD5, decimal); keys\n"
         "                               Kinesis refuses are reported on stderr (exit 1)\n"
         "  run FILE [--seed S] [--json] [--timing] [--events] [--record OUT.db]\n"
         "                               run a scenario to its end and print the report;\n"
         "                               --seed overrides the scenario's seed, --json prints\n"
         "                               one JSON object, --timing adds wall-clock time and\n"
         "                               records per second, --events first prints every\n"
         "                               event, one per line\n"
         "  lesson [--verbose] FILE... | --all [DIR]\n"
         "                               play lessons headless (try-it steps by their\n"
         "                               scripted solution) and check every expectation;\n"
         "                               one line per step; exit 1 if any fails;\n"
         "                               --verbose prints every expectation's value\n"
         "  bench [--records N] [--brokers B] [--partitions P] [--json] [K1|K2|N1|S1...]\n"
         "                               time the engine workloads (default: all four,\n"
         "                               1,000,000 records) and print records/s, events/s,\n"
         "                               simulated seconds per second, peak RSS and bytes\n"
         "                               per retained record; --brokers and --partitions\n"
         "                               reshape K1 and K2's cluster (default 3 and 6)\n"
         "  soak [--runs N] [--seed S] [--family NAME] [--describe]\n"
         "                               generate N random scenarios per family (seeds S..,\n"
         "                               default 50 runs from seed 1) with random faults, check\n"
         "                               the invariants after every step, replay each run from\n"
         "                               its seed and from a halfway snapshot; print failing\n"
         "                               seeds and exit 1 if any invariant breaks. Families:\n"
         "                               kafka-safe, kafka-anything, kinesis, acks1-power-loss,\n"
         "                               unclean-election, all-brokers-power-loss;\n"
         "                               --describe prints each scenario and its faults\n"
         "  --help                       show this text\n"
         "\n"
         "Errors go to stderr with a non-zero exit status (2 for usage, 1 for bad input).\n";
}

} // namespace streamscope::app
