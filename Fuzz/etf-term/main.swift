// etf-term: ETFDecoder.decode on arbitrary bytes (Replayx writes its traces, and the payloads
// inside its JSON traces, in Erlang's External Term Format), then elixirInspect of the term.
//
// Properties: decoding never traps, hangs or allocates beyond what the input declares
// (lengths are checked against the bytes left, compressed terms inflate only to their
// declared size); a decoded term equals itself decoded again, with the same hash, and
// inspects to non-empty text; and decoding the input written as Base64 (padded, and
// unpadded with line breaks) gives exactly the same term or error as decoding the bytes.
import FuzzSupport
import ReplayCore

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let result = decode { () throws(ETFError) in try ETFDecoder.decode(bytes) }
    if case .success(let term) = result {
        let again = try? ETFDecoder.decode(bytes)
        fuzzCheck(again == term, "decoding the same bytes twice gives different terms: \(term.elixirInspect)")
        fuzzCheck(again?.hashValue == term.hashValue, "equal terms with different hashes: \(term.elixirInspect)")
        fuzzCheck(!term.elixirInspect.isEmpty, "a term inspects to nothing")
    }
    let padded = base64(bytes, padded: true)
    let viaText = decode { () throws(ETFError) in try ETFDecoder.decode(base64: padded) }
    fuzzCheck(viaText == result, "decode(base64: \(padded)) gives \(viaText), decoding the bytes \(result)")
    let broken = base64(bytes, padded: false).enumerated().map { $0.offset % 76 == 75 ? "\($0.element)\r\n" : "\($0.element)" }.joined()
    let viaBrokenText = decode { () throws(ETFError) in try ETFDecoder.decode(base64: broken) }
    fuzzCheck(viaBrokenText == result, "decode(base64:) of unpadded text with line breaks gives \(viaBrokenText), decoding the bytes \(result)")

    // Text that is not Base64 must be rejected cleanly too.
    _ = try? ETFDecoder.decode(base64: String(decoding: bytes, as: UTF8.self))
    return 0
}

/// The term `body` decodes, or its error.
private func decode(_ body: () throws(ETFError) -> ErlangTerm) -> Result<ErlangTerm, ETFError> {
    do throws(ETFError) {
        return .success(try body())
    } catch {
        return .failure(error)
    }
}

/// `bytes` in Base64 (RFC 4648, standard alphabet): an independent reference that ReplayCore's
/// `Base64` is checked against, so it is deliberately not that code.
private func base64(_ bytes: [UInt8], padded: Bool) -> String {
    let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")
    var text = ""
    for start in stride(from: 0, to: bytes.count, by: 3) {
        let chunk = bytes[start..<min(start + 3, bytes.count)]
        let group = chunk.enumerated().reduce(UInt32(0)) { $0 | UInt32($1.element) << (16 - 8 * $1.offset) }
        for digit in 0...chunk.count {
            text.append(alphabet[Int(group >> (18 - 6 * digit) & 63)])
        }
        if padded { text += String(repeating: "=", count: 3 - chunk.count) }
    }
    return text
}
