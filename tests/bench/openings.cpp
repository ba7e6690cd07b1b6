#include "benchrun.h"

void BenchRun::webhookOpeningPhase() { }

void BenchRun::prequeueOpeningPhase() { }
