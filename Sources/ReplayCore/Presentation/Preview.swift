/// Compact JSON text of a value, cut after about `limit` characters without serialising
/// the rest: a huge payload or state node costs no more to preview than a small one.
public enum Preview {
    public static func of(_ value: JSONValue, limit: Int) -> String {
        var text = ""
        append(value, to: &text, limit: limit)
        return text.truncated(to: limit)
    }

    private static func append(_ value: JSONValue, to text: inout String, limit: Int) {
        guard text.utf8.count <= limit else { return }
        switch value {
        case .array(let elements):
            text += "["
            for (index, element) in elements.enumerated() {
                if index > 0 { text += "," }
                append(element, to: &text, limit: limit)
                if text.utf8.count > limit { return }
            }
            text += "]"
        case .object(let members):
            text += "{"
            for (index, member) in members.enumerated() {
                if index > 0 { text += "," }
                text += JSONValue.string(member.key).jsonText(.compact) + ":"
                append(member.value, to: &text, limit: limit)
                if text.utf8.count > limit { return }
            }
            text += "}"
        default:
            text += value.jsonText(.compact)
        }
    }
}
