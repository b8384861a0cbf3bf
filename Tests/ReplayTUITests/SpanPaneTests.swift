import Testing
@testable import ReplayCore
@testable import ReplayTUI

/// The span pane (`s`): the current event's trace as a tree and a waterfall, a cursor of its
/// own, Enter going to a span's start, the pane following the playhead.
@Suite struct SpanPaneTests {
    /// Trace T1: GET /orders (0-100 ms) over db query (10-40), cache (12-20) and charge
    /// (50-95, failing); trace T2: cron (200-210). Events in time order:
    /// #0 GET #1 db #2 cache #3 cache end #4 db end #5 charge #6 charge end #7 GET end #8 cron #9 cron end.
    static let trace: Trace = {
        func span(_ kind: String, _ trace: String, _ id: String, _ parent: String?, _ name: String, _ service: String, _ t: Double, error: Bool = false) -> String {
            #"{"kind": "span.\#(kind)", "name": "\#(name)", "t": \#(t), "lane": "\#(service)", \#(error ? #""error": "card declined", "# : "")"payload": {"traceId": "\#(trace)", "spanId": "\#(id)", "parentSpanId": \#(parent.map { "\"\($0)\"" } ?? "null")}}"#
        }
        return Fixture.trace([
            #"{"format": "replay-trace", "initial_state": {}}"#,
            span("start", "T1", "r", nil, "GET /orders", "gateway", 0),
            span("start", "T1", "d", "r", "db query", "db", 10),
            span("start", "T1", "c", "r", "cache", "cache", 12),
            span("end", "T1", "c", "r", "cache", "cache", 20),
            span("end", "T1", "d", "r", "db query", "db", 40),
            span("start", "T1", "p", "r", "charge", "payments", 50),
            span("end", "T1", "p", "r", "charge", "payments", 95, error: true),
            span("end", "T1", "r", nil, "GET /orders", "gateway", 100),
            span("start", "T2", "x", nil, "cron", "scheduler", 200),
            span("end", "T2", "x", nil, "cron", "scheduler", 210),
        ].joined(separator: "\n"))
    }()

    /// At #5 (charge starts), the pane open.
    static var atCharge: Model {
        Fixture.model(trace).goingTo(5).pressing(.character("s"))
    }

    @Test func sOpensTheTreeOfTheCurrentEventsTraceOnItsSpan() throws {
        let model = Self.atCharge
        #expect(model.ui.spanPane != nil)
        #expect(model.ui.focus == .spans)
        let lines = model.screen.split(separator: "\n").map(String.init)
        #expect(lines.contains { $0.hasPrefix(" Spans  trace T1 · 4 spans · 1 error · 100 ms") })
        // The root and charge are in flight (▸, and ✖ for the failing one), the cursor on charge.
        #expect(lines.contains { $0.hasPrefix(" ▸ GET /orders") && $0.contains("gateway") && $0.contains("100 ms") })
        #expect(lines.contains { $0.hasPrefix("     db query") && $0.contains("30 ms") })
        #expect(lines.contains { $0.hasPrefix("     cache") })
        #expect(lines.contains { $0.hasPrefix("▶✖   charge") && $0.contains("45 ms") })
    }

    @Test func barsShowTheCriticalPathErrorsAndThePlayhead() throws {
        let model = Self.atCharge
        let canvas = view(model)
        let layout = try #require(Layout(model))
        func barRoles(onRowWith name: String) -> Set<Role> {
            guard let y = (layout.spans.y..<layout.spans.maxY).first(where: { canvas.line($0).contains(name) }) else { return [] }
            return Set((0..<canvas.width).filter { canvas[$0, y].text == "█" }.map { canvas[$0, y].style.foreground })
        }
        #expect(barRoles(onRowWith: "GET /orders") == [.critical])
        #expect(barRoles(onRowWith: "db query") == [.critical])
        #expect(barRoles(onRowWith: "cache") == [.dim])
        #expect(barRoles(onRowWith: "charge") == [.error])
        // The playhead's moment (50 ms) crosses the rows whose bars do not cover it.
        let cacheRow = try #require((layout.spans.y..<layout.spans.maxY).first { canvas.line($0).contains("cache") })
        #expect(canvas.line(cacheRow).contains("│"))
    }

    @Test func theCursorMovesOnItsOwnAndEnterGoesToTheSpansStart() {
        let up = Self.atCharge.pressing(.up)
        #expect(up.ui.spanPane?.selected == 2)
        #expect(up.session.position == 6)
        let there = up.pressing(.enter)
        #expect(there.session.position == 3)
        #expect(there.session.event?.name == "cache")
        #expect(there.ui.spanPane?.selected == nil)
        #expect(there.session.spanWaterfall?.focus == 2)
        // The cursor stops at the ends.
        #expect(Self.atCharge.pressing(.down, .down, .down).ui.spanPane?.selected == 3)
        #expect(Self.atCharge.pressing(.up, .up, .up, .up, .up).ui.spanPane?.selected == 0)
    }

    @Test func aClickOnASpanRowMovesTheCursorThere() throws {
        let model = Self.atCharge
        let layout = try #require(Layout(model))
        // The rows start under the pane's title: GET, db query, cache, charge.
        let clicked = model.after(.mouse(.click(x: 10, y: layout.spans.y + 2)))
        #expect(clicked.ui.spanPane?.selected == 1)
        #expect(clicked.session.position == 6)
        #expect(clicked.after(.mouse(.click(x: 10, y: layout.spans.y + 9))).ui.spanPane?.selected == 1)
    }

    @Test func thePaneFollowsThePlayheadIntoAnotherTrace() {
        let model = Self.atCharge.pressing(.up).goingTo(8)
        #expect(model.ui.spanPane?.selected == nil)
        #expect(model.session.spanWaterfall?.traceID == "T2")
        #expect(model.screen.contains(" Spans  trace T2 · 1 span · 0 errors · 10 ms"))
        #expect(model.screen.contains("▶▸ cron"))
    }

    @Test func tabCyclesTheSpanAndEventPanesAndSClosesThePane() throws {
        let model = Self.atCharge
        #expect(model.pressing(.tab).ui.focus == .detail)
        #expect(model.pressing(.tab, .tab).ui.focus == .spans)
        #expect(model.pressing(.backTab).ui.focus == .detail)
        let layout = try #require(Layout(model))
        #expect(layout.shown == [.spans, .detail])
        #expect(layout.spans.width == 120)
        #expect(layout.spans.maxY == layout.detail.y)
        let closed = model.pressing(.character("s"))
        #expect(closed.ui.spanPane == nil)
        #expect(closed.ui.focus == .events)
        #expect(Layout(closed)?.shown == [.events, .state, .diff, .detail])
    }

    @Test func aTraceWithoutSpansSaysSo() {
        let model = Fixture.model().pressing(.right, .character("s"))
        #expect(model.ui.spanPane == nil)
        #expect(model.ui.message == "no spans in this trace (s shows the spans of OTLP, Jaeger and Zipkin traces)")
    }

    /// A theme written before the critical role draws it in the accent colour.
    @Test func aThemeWithoutTheCriticalRoleStillLoads() throws {
        var colors = try Theme.named("dark").colors
        colors[.critical] = nil
        let document = JSONValue.object(["name": "old", "colors": .object(.init(uniqueKeysWithValues: colors.map { ($0.key.rawValue, JSONValue.string($0.value.hex)) }))])
        let theme = try Theme(json: document)
        #expect(theme.color(.critical) == theme.color(.accent))
    }

    /// The build job `effects` start, if they start one.
    static func buildJob(in effects: [Effect]) -> Job? {
        effects.lazy.compactMap { if case .build(let job) = $0 { job } else { nil } }.first
    }

    @Test func theTreeIsBuiltOnTheWorkerAndThePaneOpensWhenItIsDone() throws {
        let (building, effects) = Fixture.model(Self.trace).goingTo(5).starting(.key(.character("s")))
        let job = try #require(Self.buildJob(in: effects))
        #expect(building.ui.spanPane == nil)
        #expect(building.session.spanTree == nil)
        #expect(view(building).line(39).contains("building the span tree … 0%  Esc: cancel"))
        let built = building.after(.jobFinished(id: job.id, try job.perform(in: Self.trace, context: .synchronous)))
        #expect(built.ui.spanPane != nil)
        #expect(built.session.spanTree?.spans.count == 5)
        // s again while it builds stops it, and no pane opens.
        let (stopped, stopping) = building.starting(.key(.character("s")))
        #expect(stopping == [.cancel(jobID: job.id)])
        #expect(stopped.ui.spanBuild == nil)
        #expect(stopped.ui.message == "building the span tree: cancelled")
    }

    @Test func aTraceThatGrowsUnderTheOpenPaneIsBuiltAgainOnTheWorker() throws {
        let first = FollowingTests.spansPrefix(6)
        var model = Fixture.model(first, width: 120, height: 40)
        model.ui.following = Following()
        model = model.pressing(.character("s"))
        #expect(model.session.spanTree?.spans.count == 3)
        let (growing, effects) = model.starting(.follow(.grew(FollowingTests.spansPrefix(10), added: 4, milliseconds: 0)))
        let job = try #require(Self.buildJob(in: effects))
        // The old tree stays on screen until the new one is built.
        #expect(growing.session.spanTree?.spans.count == 3)
        #expect(growing.ui.spanPane != nil)
        let rebuilt = growing.after(.jobFinished(id: job.id, try job.perform(in: growing.session.trace, context: .synchronous)))
        #expect(rebuilt.session.spanTree?.spans.count == 5)
        #expect(rebuilt.ui.spanBuild == nil)
        // A tree built over fewer events than the trace now holds is built again.
        let (late, more) = growing.after(.follow(.grew(FollowingTests.spansPrefix(12), added: 2, milliseconds: 0)))
            .starting(.jobFinished(id: job.id, try job.perform(in: growing.session.trace, context: .synchronous)))
        #expect(Self.buildJob(in: more) != nil)
        #expect(late.session.spanTree?.spans.count == 5)
    }
}
