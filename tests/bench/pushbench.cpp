#include "benchrun.h"

void BenchRun::pushPhase() { }
