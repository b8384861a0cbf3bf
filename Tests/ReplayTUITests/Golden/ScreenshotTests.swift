import Testing
@testable import ReplayCore
@testable import ReplayTUI

/// One picture in screenshots/, as scripts/make-screenshots.sh makes it with
/// `replay-tui render TRACE --at AT --size 120x40 --format svg --theme THEME -o screenshots/NAME.svg`.
struct Screenshot: CustomStringConvertible, Sendable {
    let name: String
    let trace: String
    let at: TracePosition
    let theme: String

    var description: String { name }

    /// Every line of scripts/make-screenshots.sh.
    static let all = [
        Screenshot(name: "start", trace: "bank-crash.json", at: .start, theme: "dark"),
        Screenshot(name: "mid-run-diff", trace: "bank-crash.json", at: .event(21), theme: "dark"),
        Screenshot(name: "crash", trace: "bank-crash.json", at: .crash, theme: "dark"),
        Screenshot(name: "crash-light", trace: "bank-crash.json", at: .crash, theme: "light"),
        Screenshot(name: "replayx-elixir", trace: "replayx-bank.json", at: .event(3), theme: "dark"),
    ]
}

/// The checked-in screenshots are drawn again, the way the `render` command draws them, and
/// must match byte for byte: they cannot drift from the program. `RECORD_SCREENS=1`
/// rewrites them, as `bash scripts/make-screenshots.sh` would.
@Suite struct ScreenshotTests {
    @Test(arguments: Screenshot.all)
    func screenshotIsWhatTheProgramDraws(_ shot: Screenshot) throws {
        let trace = try TraceLoader.load(path: Golden.repository.appendingPathComponent("examples/" + shot.trace).path)
        let model = Model(trace: trace, fileName: shot.trace, width: 120, height: 40).moved(to: try shot.at.resolve(in: trace))
        let svg = SVGRenderer.render(view(model), theme: try Theme.named(shot.theme))
        Golden.expect(svg, matchesFileAt: Golden.repository.appendingPathComponent("screenshots/\(shot.name).svg"))
    }

    /// The list above is the script's: same traces, positions, sizes and themes.
    @Test func theScriptMakesTheSameScreenshots() throws {
        let script = try String(contentsOf: Golden.repository.appendingPathComponent("scripts/make-screenshots.sh"), encoding: .utf8)
        let renders = script.split(separator: "\n").filter { $0.contains(" render ") }
        #expect(renders.count == Screenshot.all.count)
        for shot in Screenshot.all {
            let at = shot.at.description.replacingOccurrences(of: "#", with: "")
            let arguments = "--at \(at) --size 120x40 --format svg --theme \(shot.theme) -o screenshots/\(shot.name).svg"
            let line = renders.first { $0.hasSuffix(arguments) }
            let trace = line.map { $0.contains("examples/" + shot.trace) || $0.contains("\"$trace\"") && script.contains("trace=examples/" + shot.trace) }
            #expect(trace == true, "scripts/make-screenshots.sh does not make \(shot.name).svg from \(shot.trace) with \(arguments)")
        }
    }
}
