/// A 128-bit fingerprint of an event's identity (kind, name and payload), equal for events
/// that correspond: the payload is hashed as a value, so member order and the way it was
/// written do not matter, and numbers count as written (`1` is not `1.0`), as
/// ``JSONValue/isSameValue(as:)`` compares them.
///
/// Two events with different identities share a fingerprint with a chance of about 2^-128 a
/// pair. Fingerprints are made with the process's hash seed: compare them only within one run.
public struct EventFingerprint: Hashable, Comparable, Sendable {
    var high: UInt64
    var low: UInt64

    /// An order for sorting fingerprints (finding the events that occur once); it means
    /// nothing else.
    public static func < (left: EventFingerprint, right: EventFingerprint) -> Bool {
        (left.high, left.low) < (right.high, right.low)
    }

    /// The fingerprint of an event with this kind, name and payload (already stripped of
    /// ignored fields).
    public init(kind: String, name: String?, payload: JSONValue?) {
        func lane(_ seed: UInt8) -> UInt64 {
            var hasher = Hasher()
            hasher.combine(seed)
            hasher.combine(kind)
            hasher.combine(name)
            if let payload {
                hasher.combine(true)
                payload.combineIdentity(into: &hasher, seed: seed)
            } else {
                hasher.combine(false)
            }
            return UInt64(bitPattern: Int64(hasher.finalize()))
        }
        high = lane(1)
        low = lane(2)
    }
}

extension JSONValue {
    /// Feeds the value to `hasher` so that values the same by ``isSameValue(as:)`` feed the
    /// same: an object's members are hashed one by one and summed, whatever their order.
    func combineIdentity(into hasher: inout Hasher, seed: UInt8) {
        switch self {
        case .null:
            hasher.combine(0 as UInt8)
        case .bool(let value):
            hasher.combine(1 as UInt8)
            hasher.combine(value)
        case .number(let number):
            hasher.combine(2 as UInt8)
            hasher.combine(number.literal)
        case .string(let text):
            hasher.combine(3 as UInt8)
            hasher.combine(text)
        case .array(let elements):
            hasher.combine(4 as UInt8)
            hasher.combine(elements.count)
            for element in elements { element.combineIdentity(into: &hasher, seed: seed) }
        case .object(let members):
            hasher.combine(5 as UInt8)
            hasher.combine(members.count)
            var sum: UInt64 = 0
            for (key, value) in members {
                var member = Hasher()
                member.combine(seed)
                member.combine(key)
                value.combineIdentity(into: &member, seed: seed)
                sum &+= UInt64(bitPattern: Int64(member.finalize()))
            }
            hasher.combine(sum)
        }
    }
}
