#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CPages

/// Appending a large stretch of memory to another by moving its pages (`mremap`) rather
/// than copying its bytes: the reader appending the other core's parts of an index
/// (``IndexColumn/append(moving:)``). A copy makes the kernel zero fresh pages to copy
/// into and then free the pages copied from; at 5M events that was some 30 ms of the
/// serial tail after the two cores meet. Moving the pages costs a shift of the bytes
/// within their own pages and one page's copy, whatever the length. Linux only.
enum PageMove {
    /// Appends the `length` bytes at `source` at `destination`, moving the pages that hold
    /// them; false, having changed nothing, when it cannot (elsewhere than on Linux, fewer
    /// than four pages, a `source` not at a page's start or without room in its pages for
    /// the bytes shifted), and the caller copies.
    ///
    /// `source` must start memory mapped here (`sourceRoom` bytes of it, whole pages),
    /// which no one reads afterwards: its pages past the first are moved out, leaving a hole
    /// that unmapping the whole of it later passes over. The pages from the one after
    /// `destination`'s own on, through the one the last byte lands in, must be free to
    /// replace: mapped here for the destination and holding nothing anyone reads.
    ///
    /// The bytes are first shifted within `source`'s pages to the place in its page that
    /// `destination` has; the part of the first page that follows `destination` is copied
    /// into `destination`'s page, and the pages after it are moved after that one. Should
    /// the move be refused after the shift, the rest is copied.
    static func append(_ source: UnsafeMutableRawPointer, sourceRoom: Int, length: Int, at destination: UnsafeMutableRawPointer) -> Bool {
        #if canImport(Glibc)
        let page = pageSize
        let shift = Int(bitPattern: destination) % page
        guard Int(bitPattern: source) % page == 0, length >= 4 * page, shift + length <= sourceRoom else { return false }
        if shift > 0 { memmove(source + shift, source, length) }
        let head = page - shift
        destination.copyMemory(from: source + shift, byteCount: head)
        let moved = (shift + length + page - 1) / page * page - page
        let target = destination - shift + page
        if replay_move_pages(source + page, moved, target) != 0 {
            (destination + head).copyMemory(from: source + shift + head, byteCount: length - head)
        }
        return true
        #else
        return false
        #endif
    }

    /// The system's page size, which mapping, faulting in and moving pages count in.
    static let pageSize = Int(sysconf(Int32(_SC_PAGESIZE)))

    /// Memory for a column of `bytes` bytes or more is mapped here, in whole pages, so that
    /// its pages can be moved (``append(_:sourceRoom:length:at:)``); smaller columns come
    /// from the allocator.
    static let mappedFrom = 64 << 10
}
