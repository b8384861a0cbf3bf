// How a fuzz target reports a broken property: a message on stderr, then abort, so that
// libFuzzer keeps the input. Fuzz/Support is the FuzzSupport module every target links
// (scripts/fuzz.sh; docs/reliability.md, "Fuzzing").

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ReplayCore

/// Reports a broken property and aborts, so that libFuzzer saves the input as a crash.
public func fuzzFail(_ message: String, file: StaticString = #fileID, line: UInt = #line) -> Never {
    var text = "==FUZZ== property failed at \(file):\(line): \(message)\n"
    text.withUTF8 { buffer in _ = write(2, buffer.baseAddress, buffer.count) }
    abort()
}

/// Aborts with `message` when `condition` is false.
@inline(__always)
public func fuzzCheck(_ condition: Bool, _ message: @autoclosure () -> String, file: StaticString = #fileID, line: UInt = #line) {
    if !condition { fuzzFail(message(), file: file, line: line) }
}

/// A value shortened for a failure message.
public func brief(_ value: JSONValue?) -> String {
    guard let value else { return "nil" }
    let text = value.jsonText(.compact)
    return text.utf8.count <= 300 ? text : String(decoding: text.utf8.prefix(297), as: UTF8.self) + "..."
}
