extension NativeEventIndex {
    /// The bytes of the event's `payload` and of its state/patch/merge value, found by
    /// skipping over the event's members (the scan validated them); nil should the bytes
    /// not read as they did then, and the caller parses the event instead.
    func recordedParts(_ index: Int) -> RecordedParts? {
        data.noteRead()
        return data.withBytes { bytes -> RecordedParts? in
            var parser = JSONParser(bytes: bytes, position: table.starts[index])
            var payload: [UInt8]?
            var effect: [UInt8]?
            do throws(JSONSyntaxError) {
                try parser.readMembers { (parser: inout JSONParser, keyStart: Int, keyEnd: Int) throws(JSONSyntaxError) in
                    let start = parser.position
                    let field = parser.eventField(keyStart, keyEnd)
                    try parser.skipValue()
                    guard let field else { return }
                    if field == .payload {
                        payload = Array(parser.slice(start..<parser.position))
                    } else if field.effect != nil {
                        effect = Array(parser.slice(start..<parser.position))
                    }
                }
            } catch {
                return nil
            }
            return RecordedParts(payload: payload, effect: effect)
        }
    }
}
