#define _GNU_SOURCE
#include <sched.h>
#include <unistd.h>

#include "CCores.h"

int replay_usable_cores(void) {
#if defined(__linux__)
    cpu_set_t allowed;
    if (sched_getaffinity(0, sizeof allowed, &allowed) == 0) return CPU_COUNT(&allowed);
#endif
    return (int)sysconf(_SC_NPROCESSORS_ONLN);
}
