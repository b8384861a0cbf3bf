import Foundation
import Testing
@testable import ReplayTUI

/// Whole-screen golden files, as ratatui's `Buffer::with_lines` asserts and tig's saved
/// screens do it: a canvas is written as text plus a map of its roles and compared with a
/// checked-in file in `Tests/ReplayTUITests/Screens/` (and `screenshots/*.svg` with the SVG
/// the program draws). With `RECORD_SCREENS=1` in the environment the files are rewritten
/// instead (only when they changed) and the changed names are printed; the tests then pass.
enum Golden {
    /// The repository's root, found from this source file so that record mode writes the
    /// source tree, not a copy of it.
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    static let screens = repository.appendingPathComponent("Tests/ReplayTUITests/Screens")

    static var isRecording: Bool { ProcessInfo.processInfo.environment["RECORD_SCREENS"] == "1" }

    /// Compares `actual` with the file at `url`, or writes it there in record mode.
    /// Mismatches report the first differing lines.
    static func expect(_ actual: String, matchesFileAt url: URL, sourceLocation: SourceLocation = #_sourceLocation) {
        let name = url.path.replacingOccurrences(of: repository.path + "/", with: "")
        let expected = try? String(contentsOf: url, encoding: .utf8)
        if isRecording {
            guard expected != actual else { return }
            do {
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try actual.write(to: url, atomically: true, encoding: .utf8)
                print("RECORD_SCREENS: \(expected == nil ? "new" : "changed") \(name)")
            } catch {
                Issue.record("could not write \(name): \(error)", sourceLocation: sourceLocation)
            }
            return
        }
        guard let expected else {
            Issue.record("\(name) does not exist; record it with RECORD_SCREENS=1 swift test --filter ReplayTUITests",
                         sourceLocation: sourceLocation)
            return
        }
        if expected != actual {
            Issue.record("\(name) differs (RECORD_SCREENS=1 rewrites it):\n\(differences(expected, actual))",
                         sourceLocation: sourceLocation)
        }
    }

    /// The first few lines that differ, each as expected and actual, named by their section
    /// and row in a golden screen (`[foreground] row 4`), with escape characters shown as ␛ so
    /// that ANSI text reads in a test log.
    static func differences(_ expected: String, _ actual: String, limit: Int = 6) -> String {
        let old = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let new = actual.split(separator: "\n", omittingEmptySubsequences: false)
        func shown(_ lines: [Substring], _ index: Int) -> String {
            guard index < lines.count else { return "(no line)" }
            return "\"" + lines[index].replacingOccurrences(of: "\u{1B}", with: "␛") + "\""
        }
        func place(_ index: Int) -> String {
            let lines = index < old.count ? old : new
            guard let header = lines[..<index].lastIndex(where: { $0.hasPrefix("[") && $0.hasSuffix("]") }) else {
                return "line \(index + 1)"
            }
            return "\(lines[header]) row \(index - header - 1)"
        }
        let differing = (0..<max(old.count, new.count)).filter { $0 >= old.count || $0 >= new.count || old[$0] != new[$0] }
        var report = differing.prefix(limit).map { "\(place($0)):\n  expected \(shown(old, $0))\n  actual   \(shown(new, $0))" }
        if differing.count > limit { report.append("… and \(differing.count - limit) more differing lines") }
        return report.joined(separator: "\n")
    }
}

/// Compares the whole `canvas` (its text and its role map, ``GoldenScreen``) with
/// `Screens/NAME.txt`.
func expectScreen(_ canvas: Canvas, named name: String, sourceLocation: SourceLocation = #_sourceLocation) {
    Golden.expect(GoldenScreen(canvas, name: name).file, matchesFileAt: Golden.screens.appendingPathComponent(name + ".txt"),
                  sourceLocation: sourceLocation)
}

/// Compares the canvas drawn through `ANSIRenderer` with `theme` with `Screens/NAME.ansi`
/// (`cat` shows it in colour): the one place the theme's colours are pinned.
func expectANSI(_ canvas: Canvas, theme: Theme, named name: String, sourceLocation: SourceLocation = #_sourceLocation) {
    Golden.expect(ANSIRenderer.render(canvas, theme: theme), matchesFileAt: Golden.screens.appendingPathComponent(name + ".ansi"),
                  sourceLocation: sourceLocation)
}

/// A canvas written as a golden file: a header with the legend, then three sections of one
/// line a row. `text` is the screen as it reads (trailing spaces dropped; a wide character
/// takes the two columns it takes on a terminal). `foreground` has one letter a cell for the
/// role its glyph is drawn in, capital when bold, `.` for a blank cell (whose foreground
/// cannot be seen); the right half of a wide character repeats its letter, so every map row
/// is exactly as wide as the canvas. `background` has the same letters for the cell's
/// background role, `.` for none. An `attributes` section (`r` reverse, `u` underline, `x`
/// both) follows only when some cell is reversed or underlined.
struct GoldenScreen {
    /// One letter a role, shared by the foreground and background maps.
    static let letters: [(Role, Character)] = [
        (.text, "t"), (.dim, "d"), (.accent, "a"), (.crash, "c"), (.error, "e"), (.added, "n"), (.removed, "r"),
        (.changed, "u"), (.playhead, "p"), (.breakpoint, "b"), (.selection, "s"), (.header, "h"), (.border, "l"),
        (.match, "m"), (.background, "k"), (.critical, "v"),
    ]

    static let legend = """
        # foreground: one letter a cell, CAPITAL = bold, . = blank cell
        #   \(letters.map { "\($0.1) \($0.0.rawValue)" }.joined(separator: "  "))
        # background: the same letters, . = none; attributes (shown only when used): r reverse, u underline, x both
        """

    let file: String

    init(_ canvas: Canvas, name: String) {
        let rows = 0..<canvas.height
        func map(_ letter: (Cell) -> Character) -> [String] {
            rows.map { y in String((0..<canvas.width).map { x in letter(Self.owner(of: x, y, in: canvas)) }) }
        }
        let foreground = map { cell in
            guard cell.text != " " else { return "." }
            let letter = Self.letter(cell.style.foreground)
            return cell.style.bold ? Character(letter.uppercased()) : letter
        }
        let background = map { cell in cell.style.background.map(Self.letter) ?? "." }
        let attributes = map { cell in
            switch (cell.style.reverse, cell.style.underline) {
            case (true, true): "x"
            case (true, false): "r"
            case (false, true): "u"
            case (false, false): "."
            }
        }
        var sections = [
            "# golden screen \(name), \(canvas.width)x\(canvas.height); RECORD_SCREENS=1 swift test --filter ReplayTUITests rewrites it",
            Self.legend,
            "[text]",
        ] + rows.map(canvas.line)
        sections += ["[foreground]"] + foreground + ["[background]"] + background
        if attributes.contains(where: { $0.contains { $0 != "." } }) {
            sections += ["[attributes]"] + attributes
        }
        file = sections.joined(separator: "\n") + "\n"
    }

    static func letter(_ role: Role) -> Character {
        letters.first { $0.0 == role }!.1
    }

    /// The cell at (x, y), or for the right half of a wide character the left half that owns it.
    private static func owner(of x: Int, _ y: Int, in canvas: Canvas) -> Cell {
        canvas[x, y].isContinuation && x > 0 ? canvas[x - 1, y] : canvas[x, y]
    }
}
