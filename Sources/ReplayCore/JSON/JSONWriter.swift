/// Writes ``JSONValue``s back as JSON text: numbers as their literals, members in order,
/// non-ASCII text as UTF-8, and only the characters JSON requires escaped.
public struct JSONWriter {
    /// How the output is laid out.
    public enum Style: Sendable {
        /// No whitespace at all: `{"a":[1,2]}`.
        case compact
        /// Two-space indentation, one member or element a line: the `state` command's default.
        case pretty
    }

    public var style: Style
    /// The bytes written so far. A caller composing a larger document (a recorder's event
    /// line) may append JSON text of its own between values, or cut back what it wrote.
    public var output: [UInt8] = []

    public init(style: Style) {
        self.style = style
    }

    /// The text of `value` in the given style.
    public static func text(_ value: JSONValue, style: Style = .pretty) -> String {
        var writer = JSONWriter(style: style)
        writer.write(value)
        return String(decoding: writer.output, as: UTF8.self)
    }

    /// Appends `value` at the given indentation level.
    public mutating func write(_ value: JSONValue, level: Int = 0) {
        switch value {
        case .null: append("null")
        case .bool(let flag): append(flag ? "true" : "false")
        case .number(let number): append(number.literal)
        case .string(let text): writeString(text)
        case .array(let elements):
            guard !elements.isEmpty else { return append("[]") }
            output.append(UInt8(ascii: "["))
            for (offset, element) in elements.enumerated() {
                if offset > 0 { output.append(UInt8(ascii: ",")) }
                newline(level + 1)
                write(element, level: level + 1)
            }
            newline(level)
            output.append(UInt8(ascii: "]"))
        case .object(let members):
            guard !members.isEmpty else { return append("{}") }
            output.append(UInt8(ascii: "{"))
            for (offset, member) in members.enumerated() {
                if offset > 0 { output.append(UInt8(ascii: ",")) }
                newline(level + 1)
                writeString(member.key)
                append(style == .pretty ? ": " : ":")
                write(member.value, level: level + 1)
            }
            newline(level)
            output.append(UInt8(ascii: "}"))
        }
    }

    /// Appends `text` as a JSON string literal.
    public mutating func writeString(_ text: String) {
        output.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): append("\\\"")
            case UInt8(ascii: "\\"): append("\\\\")
            case 0x0A: append("\\n")
            case 0x0D: append("\\r")
            case 0x09: append("\\t")
            case 0x08: append("\\b")
            case 0x0C: append("\\f")
            case 0..<0x20:
                append("\\u00")
                output.append(hexDigits[Int(byte >> 4)])
                output.append(hexDigits[Int(byte & 0xF)])
            default: output.append(byte)
            }
        }
        output.append(UInt8(ascii: "\""))
    }

    private mutating func newline(_ level: Int) {
        guard style == .pretty else { return }
        output.append(UInt8(ascii: "\n"))
        output.append(contentsOf: repeatElement(UInt8(ascii: " "), count: 2 * level))
    }

    private mutating func append(_ text: String) {
        output.append(contentsOf: text.utf8)
    }
}

private let hexDigits = Array("0123456789abcdef".utf8)

extension JSONValue {
    /// The value as JSON text (pretty by default).
    public func jsonText(_ style: JSONWriter.Style = .pretty) -> String {
        JSONWriter.text(self, style: style)
    }
}
