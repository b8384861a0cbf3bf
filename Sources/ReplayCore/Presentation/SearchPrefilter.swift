/// What an event's raw JSON bytes must hold for ``EventSearch`` to possibly match it: the byte
/// test that lets a search skip parsing the events that cannot match.
///
/// The search matches the lower-cased needle, character by character (Swift's `Character`
/// equality: canonical equivalence), against the lower-cased name, kind and error and the
/// payload written as compact JSON. The prefilter is conservative: it may let through an
/// event that does not match, never drop one that does. It rests on these facts:
///
/// - Compact JSON puts a structural character (`{ } [ ] , :`) or a quote between any two
///   tokens, numbers are written as their literals, and strings as their UTF-8 with only
///   quote, backslash and control characters escaped. So a run of the needle's printable
///   ASCII characters other than those (the **anchor**) lies, in the written payload,
///   inside one string, number, `true`, `false` or `null`, which the raw bytes hold as
///   they are unless the event's bytes hold an escape. Names, kinds and errors are strings
///   too.
/// - A needle character that is one ASCII scalar is equal only to itself, in either case,
///   or to a few other scalars: ``asciiLookalikes`` lists every scalar that is, or whose
///   lower case is, equal to an ASCII character (a test checks the list against all of
///   Unicode).
/// - A needle character that no ASCII character equals matches only text holding a
///   non-ASCII scalar: a byte of 0x80 or more in the raw bytes, or a `\u` escape.
///
/// So an event may match only if its bytes hold a backslash, or the anchor ignoring ASCII
/// case, or a lookalike of one of the anchor's characters; or, for a needle with no anchor
/// but a non-ASCII character, a backslash or a byte of 0x80 or more. A needle with neither
/// (`":"`, an empty one) filters nothing.
public struct SearchPrefilter: Equatable, Sendable {
    /// What the bytes are searched for.
    public enum Test: Equatable, Sendable {
        /// Every event may match.
        case none
        /// A backslash, these bytes ignoring ASCII case, or one of the lookalikes (the
        /// UTF-8 of scalars equal to one of the anchor's characters).
        case anchor([UInt8], lookalikes: [[UInt8]])
        /// A backslash or a byte of 0x80 or more.
        case nonASCII
    }

    public let test: Test

    /// The prefilter that lets every event through: for a search whose text is not written
    /// as compact JSON (Elixir), which the raw bytes do not spell.
    public static let everything = SearchPrefilter(test: .none)

    private init(test: Test) {
        self.test = test
    }

    /// The prefilter for `needle`, which is already lower-cased.
    public init(lowercasedNeedle needle: String) {
        var runs: [[UInt8]] = [[]]
        var hasNonASCII = false
        for character in needle {
            let scalars = character.unicodeScalars
            if scalars.count == 1, let byte = Self.anchorByte(scalars.first!) {
                runs[runs.count - 1].append(byte)
                continue
            }
            if runs[runs.count - 1].count > 0 { runs.append([]) }
            if scalars.contains(where: { !$0.isASCII }) && !Self.asciiCharacters.contains(character) {
                hasNonASCII = true
            }
        }
        let anchor = runs.max { $0.count < $1.count } ?? []
        if !anchor.isEmpty {
            let lookalikes = Self.asciiLookalikes.filter { anchor.contains($0.key) }.sorted { $0.key < $1.key }.map { Array(String($0.value).utf8) }
            test = .anchor(anchor, lookalikes: lookalikes)
        } else {
            test = hasNonASCII ? .nonASCII : .none
        }
    }

    /// The ASCII byte `scalar` stands for in an anchor, or nil when the scalar
    /// may be written differently in compact JSON than in the raw bytes, or is structure.
    private static func anchorByte(_ scalar: Unicode.Scalar) -> UInt8? {
        guard scalar.value >= 0x20, scalar.value < 0x7F else { return nil }
        let byte = UInt8(scalar.value)
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "{"), UInt8(ascii: "}"),
             UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: ","), UInt8(ascii: ":"):
            return nil
        default:
            return byte
        }
    }

    /// Every non-ASCII scalar that is equal to an ASCII character, or whose lower case is,
    /// keyed by that character (lower-cased): the Kelvin sign lower-cases to `k`, and the
    /// Greek question mark and varia are canonically `;` and `` ` ``.
    static let asciiLookalikes: [UInt8: Unicode.Scalar] = [
        UInt8(ascii: "k"): "\u{212A}",
        UInt8(ascii: ";"): "\u{037E}",
        UInt8(ascii: "`"): "\u{1FEF}",
    ]

    /// The 128 ASCII characters, compared as characters (so with canonical equivalence).
    static let asciiCharacters = Set((0..<128).map { Character(Unicode.Scalar(UInt8($0))) })
}
