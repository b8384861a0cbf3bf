import ReplayCore

/// A 24-bit colour.
public struct RGB: Hashable, Sendable {
    public var red: UInt8
    public var green: UInt8
    public var blue: UInt8

    /// Parses `#rrggbb`.
    public init?(hex: String) {
        guard hex.count == 7, hex.first == "#", let value = UInt32(hex.dropFirst(), radix: 16) else { return nil }
        red = UInt8(value >> 16)
        green = UInt8((value >> 8) & 0xFF)
        blue = UInt8(value & 0xFF)
    }

    public var hex: String {
        "#" + [red, green, blue].map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
    }

    /// The nearest colour of the xterm 256-colour palette (its 6x6x6 cube or grey ramp).
    public var xterm256: Int {
        func level(_ component: UInt8) -> Int {
            component < 48 ? 0 : component < 115 ? 1 : (Int(component) - 35) / 40
        }
        let (r, g, b) = (level(red), level(green), level(blue))
        let cubeValues = [0, 95, 135, 175, 215, 255]
        let cube = (cubeValues[r], cubeValues[g], cubeValues[b])
        let average = (Int(red) + Int(green) + Int(blue)) / 3
        let greyIndex = average > 238 ? 23 : max((average - 3) / 10, 0)
        let grey = 8 + greyIndex * 10
        func distance(_ c: (Int, Int, Int)) -> Int {
            let dr = c.0 - Int(red), dg = c.1 - Int(green), db = c.2 - Int(blue)
            return dr * dr + dg * dg + db * db
        }
        return distance((grey, grey, grey)) < distance(cube) ? 232 + greyIndex : 16 + 36 * r + 6 * g + b
    }
}

/// The colours of the roles views use. A theme with no colours is monochrome: roles are
/// told apart by attributes alone (``Theme/attributes(for:)``).
public struct Theme: Equatable, Sendable {
    public var name: String
    public var colors: [Role: RGB]

    public var isMonochrome: Bool { colors.isEmpty }

    /// Reads a theme document: `{"name": "...", "colors": {"<role>": "#rrggbb", ...}}`.
    /// Every role must be given (a role with a ``Role/fallback`` may be left out), or none
    /// (monochrome).
    public init(json: JSONValue) throws(ThemeError) {
        guard let name = json["name"]?.stringValue else { throw ThemeError("a theme needs a \"name\" string") }
        guard let colors = json["colors"]?.objectValue else { throw ThemeError("a theme needs a \"colors\" object") }
        self.name = name
        self.colors = [:]
        for (key, value) in colors {
            guard let role = Role(rawValue: key) else {
                throw ThemeError("unknown role \"\(key)\"; roles are \(Role.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            guard let text = value.stringValue, let color = RGB(hex: text) else {
                throw ThemeError("\"\(key)\" must be a colour like \"#1e90ff\"")
            }
            self.colors[role] = color
        }
        let missing = Role.allCases.filter { self.colors[$0] == nil && $0.fallback == nil }
        if !self.colors.isEmpty, !missing.isEmpty {
            throw ThemeError("missing colours for \(missing.map(\.rawValue).joined(separator: ", "))")
        }
    }

    /// The names of the built-in themes: dark, light, mono.
    public static var builtInNames: [String] { BuiltInThemes.names }

    /// The built-in theme called `name`, or the theme file at `path`; `NO_COLOR` callers
    /// pass "mono".
    public static func named(_ nameOrPath: String) throws(ThemeError) -> Theme {
        let text: String
        if let builtIn = BuiltInThemes.documents[nameOrPath] {
            text = builtIn
        } else {
            let data: TraceData
            do throws(TraceError) {
                data = try TraceData(contentsOf: nameOrPath)
            } catch {
                throw ThemeError("no theme \"\(nameOrPath)\" (built in: \(BuiltInThemes.names.joined(separator: ", "))) and no such file: \(error.message)")
            }
            text = data.withBytes { String(decoding: $0, as: UTF8.self) }
        }
        let document: JSONValue
        do throws(JSONSyntaxError) {
            document = try JSONValue(parsing: text)
        } catch {
            throw ThemeError("\(nameOrPath): \(error.message)")
        }
        return try Theme(json: document)
    }

    /// The colour of `role`, with its fallback's colour or else the theme's text colour for
    /// roles a theme leaves out.
    public func color(_ role: Role) -> RGB? {
        colors[role] ?? role.fallback.flatMap { colors[$0] } ?? colors[.text]
    }

    /// How a style is drawn without colour: emphasis by bold, dim and underline, selection
    /// and the playhead by reverse video.
    public func attributes(for style: Style) -> (bold: Bool, dim: Bool, underline: Bool, reverse: Bool) {
        let strong: Set<Role> = [.crash, .error, .accent, .playhead, .breakpoint, .added, .match, .critical]
        let bold = style.bold || (isMonochrome && strong.contains(style.foreground))
        let dim = isMonochrome && (style.foreground == .dim || style.foreground == .border)
        let underline = style.underline || (isMonochrome && (style.foreground == .changed || style.foreground == .removed))
        let reverse = style.reverse || (isMonochrome && (style.background == .selection || style.foreground == .crash && style.bold))
        return (bold, dim, underline, reverse)
    }
}

/// A theme that cannot be used, and why.
public struct ThemeError: Error, Equatable, CustomStringConvertible {
    public var description: String
    init(_ description: String) { self.description = description }
}
