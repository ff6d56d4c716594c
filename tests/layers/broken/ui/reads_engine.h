#include "engine/world/world.h"
