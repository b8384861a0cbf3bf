#ifndef REPLAY_CPAGES_H
#define REPLAY_CPAGES_H

#include <stddef.h>

/// The C bridge for moving pages: mremap is variadic in C, and Swift imports no variadic
/// function.

/// Moves the `length` bytes of whole pages at `from` to `to` (both at a page's start),
/// replacing what was mapped there and leaving `from` unmapped (Linux's mremap with
/// MREMAP_MAYMOVE | MREMAP_FIXED). Returns 0 on success, -1 when it was refused (or
/// elsewhere than on Linux), having moved nothing.
int replay_move_pages(void *from, size_t length, void *to);

#endif
