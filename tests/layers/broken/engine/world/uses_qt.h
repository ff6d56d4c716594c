#include <QString>
#include "model/json/scenario_loader.h"
