#ifndef REPLAY_CCORES_H
#define REPLAY_CCORES_H

/// The C bridge for what Swift cannot reach of the scheduler: sched_getaffinity and
/// CPU_COUNT are GNU extensions the Glibc module does not declare.

/// How many cores this process may run on: on Linux those its affinity allows (taskset, a
/// container's cpuset), elsewhere, or when that cannot be read, the cores online.
int replay_usable_cores(void);

#endif
