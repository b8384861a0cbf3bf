import Testing
@testable import ReplayCore
@testable import ReplayTUI

/// The text overlay: every loading warning (`L`), and a value of the state whole (Enter on
/// a leaf).
@Suite struct TextPanelTests {
    /// The small fixture trace as if loading had warned `count` times.
    static func warned(_ count: Int) -> Model {
        let trace = Fixture.small
        let warnings = (0..<count).map { TraceError(.event($0), "warning number \($0 + 1)") }
        let warned = Trace(format: trace.format, meta: trace.meta, initialState: trace.initialState, events: trace.events,
                           crash: trace.crash, warnings: warnings)
        return Model(trace: warned, fileName: "small.json", width: 80, height: 24)
    }

    /// A trace whose state holds a stack trace as one long string with line breaks.
    static let longString = Fixture.trace(#"""
        {"format": "replay-trace", "initial_state": {"short": 1, "trace": "Traceback (most recent call last):\n  File \"app.py\", line 12, in handle\n    total = balance + amount\nTypeError: unsupported operand type(s) for +: 'int' and 'str' — and a long tail of words that does not fit in one row of the panel at eighty columns"},
         "events": []}
        """#)

    @Test func everyWarningIsListed() {
        let model = Self.warned(3)
        #expect(model.screen.contains("3 loading warnings (L lists them): small.json: event #0: warning number 1"))
        let listed = model.pressing(.character("L"))
        guard case .text(let panel)? = listed.ui.overlay else { Issue.record("no panel"); return }
        #expect(panel.title == "Loading warnings: 3")
        #expect(panel.lines == ["small.json: event #0: warning number 1", "small.json: event #1: warning number 2", "small.json: event #2: warning number 3"])
        for line in panel.lines { #expect(listed.screen.contains(line)) }
        #expect(listed.pressing(.escape).ui.overlay == nil)
        #expect(listed.pressing(.character("L")).ui.overlay == nil)
    }

    @Test func oneWarningIsShownAsIsAndNoneIsSaid() {
        #expect(Self.warned(1).screen.contains("small.json: event #0: warning number 1"))
        #expect(!Self.warned(1).screen.contains("L lists them"))
        #expect(Fixture.model().pressing(.character("L")).ui.message == "no loading warnings: the trace read cleanly")
    }

    @Test func scrollingStaysWithinTheLines() {
        let model = Self.warned(40).pressing(.character("L"))
        #expect(model.screen.contains("lines 1–18 of 40"))
        let end = model.pressing(.end)
        guard case .text(let panel)? = end.ui.overlay else { Issue.record("no panel"); return }
        #expect(panel.scroll == 22)
        #expect(end.screen.contains("warning number 40"))
        guard case .text(let down)? = end.pressing(.down).ui.overlay, case .text(let home)? = end.pressing(.home).ui.overlay else { return }
        #expect(down.scroll == 22)
        #expect(home.scroll == 0)
    }

    @Test func enterOnALeafShowsTheValueWhole() {
        let model = Model(trace: Self.longString, fileName: "s.json", width: 80, height: 24)
            .pressing(.tab, .down, .enter)
        guard case .text(let panel)? = model.ui.overlay else { Issue.record("no panel"); return }
        #expect(panel.title.hasPrefix("/trace · string, "))
        #expect(panel.title.hasSuffix("4 lines"))
        #expect(panel.lines[1] == #"  File "app.py", line 12, in handle"#)
        let screen = model.screen
        #expect(screen.contains("TypeError: unsupported operand type(s) for +: 'int' and 'str' — and a"))
        #expect(screen.contains("      long tail of words"))
        #expect(model.pressing(.escape).ui.overlay == nil)
    }

    @Test func enterOnAContainerStillOpensIt() {
        let model = ScreenTraces.bank(.standard).pressing(.tab, .down, .enter)
        #expect(model.ui.overlay == nil)
        #expect(model.ui.expanded.count == 2)
    }
}
