/// What the debugger's `/` and `events --grep` look for: events whose name, kind, payload or
/// error contains a text, ignoring case.
///
/// The payload is matched in full, on one line, as ``ValueSyntax/text(_:)`` writes it in
/// the search's syntax: compact JSON, or Elixir's inspect text. It is written only for
/// events whose name, kind and error do not match already. A payload the syntax cannot
/// write (in Elixir: a number beyond float range, or an object that is no term's JSON form)
/// is matched as compact JSON, so that a search never fails; `events` still reports such a
/// payload as an error when it lists the event.
///
/// ``candidates(in:range:)`` narrows a search over a native trace to the events whose raw
/// bytes may hold a match (``SearchPrefilter``); only those need parsing and ``matches(_:)``.
/// In Elixir the written text is not the bytes, and every event is a candidate.
public struct EventSearch: Sendable {
    /// The text looked for, lower-cased.
    public let needle: String
    public let syntax: ValueSyntax
    /// What a matching event's raw bytes must hold.
    public let prefilter: SearchPrefilter

    public init(_ text: String, syntax: ValueSyntax) {
        needle = text.lowercased()
        self.syntax = syntax
        prefilter = syntax == .json ? SearchPrefilter(lowercasedNeedle: needle) : .everything
    }

    /// The events in `range` of `trace` that may match, ascending: a superset of those
    /// ``matches(_:)`` accepts, found from the raw bytes of a native trace without parsing.
    public func candidates(in trace: Trace, range: Range<Int>) -> [Int] {
        trace.events.candidates(for: prefilter, in: range)
    }

    /// True when the name, kind, payload or error of `event` contains the text.
    public func matches(_ event: Event) -> Bool {
        if contains(event.name) || contains(event.kind) || contains(event.error) { return true }
        guard let payload = event.payload else { return false }
        return contains((try? syntax.text(payload)) ?? payload.jsonText(.compact))
    }

    /// True when `text` contains the needle, ignoring case: what ``matches(_:)`` asks of the
    /// name, the kind and the error. An event whose name or kind (which the index of a native
    /// trace keeps) contains it matches without being parsed.
    public func contains(_ text: String?) -> Bool {
        text?.lowercased().contains(needle) ?? false
    }
}
