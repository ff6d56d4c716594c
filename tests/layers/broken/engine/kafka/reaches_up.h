#include "engine/sim/simulation.h"
#include "engine/kinesis/shard_reader.h"
