#define _GNU_SOURCE
#include <sys/mman.h>

#include "CPages.h"

int replay_move_pages(void *from, size_t length, void *to) {
#if defined(__linux__)
    return mremap(from, length, length, MREMAP_MAYMOVE | MREMAP_FIXED, to) == MAP_FAILED ? -1 : 0;
#else
    (void)from;
    (void)length;
    (void)to;
    return -1;
#endif
}
