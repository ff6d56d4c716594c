#!/bin/sh
# Regenerates the screenshots in this folder with the app's own --screenshot option.
# Usage: docs/screenshots/make-screenshots.sh [path/to/streamscope]   (needs xvfb-run)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
app=${1:-"$root/build/app/streamscope"}
scenarios="$root/lessons/scenarios"
shot() { # name, then the app's arguments
  name=$1; shift
  xvfb-run -a -s '-screen 0 1600x900x24' "$app" "$@" --screenshot "$here/$name.png"
  echo "wrote $here/$name.png"
}
shot kafka-replication "$scenarios/calm-cluster.json" --at 12002.1 # two follower fetch responses in flight
shot kinesis-throttling "$scenarios/kinesis-throttling.json" --at 10000
shot side-by-side "$scenarios/first-look.json" --at 6000
shot broker-power-loss "$scenarios/acks1-leader-power-loss.json" --at 6500
shot stalled-producer "$scenarios/acks1-leader-power-loss.json" --at 7600 # producer and consumer wait for broker 0
shot leader-election "$scenarios/acks1-leader-power-loss.json" --at 15500 # broker 0 fenced at 15 s, broker 1 elected
shot shard-split "$scenarios/kinesis-throttling.json" --at 24000
shot presentation-mode "$scenarios/first-look.json" --at 6000 --present
shot timeline-markers "$scenarios/acks1-leader-power-loss.json" --at 30000 --then-seek 15500 # every marker of the run, cursor at the election
shot metrics-broker-failure "$scenarios/acks-all-leader-power-loss.json" --at 16000 --metrics
shot transactions "$scenarios/transactions.json" --at 8250 # after the fencing: markers, aborted records, an open transaction, the LSO
shot branched-history "$scenarios/first-look.json" --at 12000 --then-seek 5000 --then-act '{"action":"power_loss","broker":0}' --then-run 11000 --metrics
# A big cluster (B1: 100 brokers, 3,000 partitions, brokers 7 and 8 down) and a big stream (N2: 1,000 shards) at their far levels of detail.
shot canvas-b1 "$here/canvas-b1.json" --at 20000
shot canvas-n2 "$here/canvas-n2.json" --at 3000
# B1 with 1.5 times the room each way (what zooming in 1.5 times gives): a pixel per replica in each tile.
xvfb-run -a -s '-screen 0 2400x1350x24' "$app" "$here/canvas-b1.json" --at 20000 --size 2400x1350 --screenshot "$here/canvas-b1-zoomed.png"
echo "wrote $here/canvas-b1-zoomed.png"
shot lesson-player --lesson 09 --lesson-steps 2 # lesson 9, step 2: the prediction before the power cut
# The presenter view (the lecturer's screen while presenting): lesson 9, step 1 and its notes.
xvfb-run -a -s '-screen 0 1600x900x24' "$app" --present --lesson 09 --lesson-steps 1 --screenshot-presenter "$here/presenter-view.png"
echo "wrote $here/presenter-view.png"
shot scrub --lesson 10 --lesson-steps 6 # lesson 10's flush.ms scrub: lost records against flush.ms, on the last branch
# The first screen of a first launch: no recent files, no lesson progress yet.
fresh=$(mktemp -d)
XDG_CONFIG_HOME="$fresh/config" XDG_DATA_HOME="$fresh/data" shot welcome --welcome
rm -rf "$fresh"
# The course map on the welcome page, with the first four lessons done.
fresh=$(mktemp -d)
mkdir -p "$fresh/config/StreamScope"
printf '[lessons]\npassed=01-why-a-log, 02-topics-and-streams, 03-partitions-and-shards, 04-offsets-and-sequence-numbers\n' \
  >"$fresh/config/StreamScope/StreamScope.conf"
XDG_CONFIG_HOME="$fresh/config" XDG_DATA_HOME="$fresh/data" shot course-map --welcome
rm -rf "$fresh"
