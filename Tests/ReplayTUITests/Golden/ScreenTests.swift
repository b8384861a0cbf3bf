import Foundation
import Testing
@testable import ReplayCore
@testable import ReplayTUI

/// A terminal size, written as golden files name it: `80x24`.
struct ScreenSize: CustomStringConvertible, Sendable {
    let width: Int
    let height: Int

    var description: String { "\(width)x\(height)" }

    static let standard = ScreenSize(width: 80, height: 24)
    static let large = ScreenSize(width: 120, height: 40)
    static let narrowest = ScreenSize(width: Layout.minimumWidth, height: Layout.minimumHeight)
    /// The sizes every main screen is recorded at.
    static let all = [standard, large, narrowest]
}

/// The traces golden screens show, and the debugger opened on them.
enum ScreenTraces {
    /// The bundled bank server that crashes at #40 (examples/bank-crash.json).
    static let bank = example("bank-crash.json")
    /// A real Replayx recording, shown in Elixir (examples/replayx-bank.json).
    static let replayx = example("replayx-bank.json")
    /// Wide characters everywhere: CJK and emoji in keys, values, names and payloads.
    static let wide = Fixture.trace(#"""
        {"format": "replay-trace", "initial_state": {"名前": "山田太郎🎉", "emoji": "🇫🇷❤️", "都市": ["東京", "大阪"]},
         "events": [{"kind": "call", "name": "挨拶", "t": 5,
                     "payload": {"text": "こんにちは世界こんにちは世界こんにちは世界こんにちは世界こんにちは世界"},
                     "patch": [{"op": "replace", "path": "/名前", "value": "鈴木花子🌸"}, {"op": "add", "path": "/都市/-", "value": "京都"}]},
                    {"kind": "crash", "name": "💥", "t": 9, "error": "文字化け: 予期しないバイト🙈"}]}
        """#)
    static let empty = Fixture.trace(#"{"format": "replay-trace", "initial_state": {}, "events": []}"#)

    private static func example(_ name: String) -> Trace {
        try! TraceLoader.load(path: Golden.repository.appendingPathComponent("examples/" + name).path)
    }

    /// The debugger as it opens `trace` in a terminal of `size`, with the header naming `file`.
    static func open(_ trace: Trace, file: String, _ size: ScreenSize) -> Model {
        Model(trace: trace, fileName: file, width: size.width, height: size.height)
    }

    static func bank(_ size: ScreenSize) -> Model { open(bank, file: "bank-crash.json", size) }
}

extension Model {
    /// The model after typing `text`, one character key at a time.
    func typing(_ text: String) -> Model {
        text.reduce(self) { $0.pressing(.character($1)) }
    }

    /// The model after going to event `index` with the `:` prompt.
    func goingTo(_ index: Int) -> Model {
        pressing(.character(":")).typing(String(index)).pressing(.enter)
    }
}

/// Every view and overlay, compared whole with Screens/*.txt (see ``GoldenScreen``).
@Suite struct ScreenTests {
    @Test(arguments: ScreenSize.all)
    func start(_ size: ScreenSize) {
        expectScreen(view(ScreenTraces.bank(size)), named: "start-\(size)")
    }

    @Test(arguments: ScreenSize.all)
    func midRunWithADiff(_ size: ScreenSize) {
        expectScreen(view(ScreenTraces.bank(size).goingTo(21)), named: "mid-run-\(size)")
    }

    @Test(arguments: ScreenSize.all)
    func crash(_ size: ScreenSize) {
        expectScreen(view(ScreenTraces.bank(size).pressing(.character("c"))), named: "crash-\(size)")
    }

    /// The state pane focused: the first account and its `limits` opened (the cursor on
    /// them), the others closed but for the one the event changed.
    @Test(arguments: ScreenSize.all)
    func stateFocusedWithNodesOpenedAndClosed(_ size: ScreenSize) {
        let model = ScreenTraces.bank(size).goingTo(21)
            .pressing(.tab, .down, .right, .down, .down, .down, .down, .down, .down, .right)
        expectScreen(view(model), named: "state-focused-\(size)")
    }

    /// The detail pane focused on the crash, its long error scrolled down.
    @Test(arguments: ScreenSize.all)
    func detailScrolled(_ size: ScreenSize) {
        let model = ScreenTraces.bank(size).pressing(.character("c"), .tab, .tab, .tab, .down, .down, .down)
        expectScreen(view(model), named: "detail-scrolled-\(size)")
    }

    @Test(arguments: ScreenSize.all)
    func help(_ size: ScreenSize) {
        expectScreen(view(ScreenTraces.bank(size).pressing(.character("?"))), named: "help-\(size)")
    }

    /// The bank trace still being indexed: its first 20 events as the background index hands
    /// them out, the header saying how far the index is, `End` waiting for the rest.
    @Test func stillIndexing() throws {
        let bytes = try Array(Data(contentsOf: Golden.repository.appendingPathComponent("examples/bank-crash.json")))
        let prefixes = Prefixes()
        _ = try NativeFormat.read(TraceData(bytes: bytes), splitAbove: .max, prefixes: NativePrefixes(stride: 1, interval: 0) { trace, _ in
            if trace.count == 20, prefixes.twenty == nil { prefixes.twenty = trace }
        })
        var model = ScreenTraces.open(try #require(prefixes.twenty), file: "bank-crash.json", .standard)
        model.ui.indexing = Indexing(fraction: 0.37)
        expectScreen(view(model.goingTo(12).pressing(.end)), named: "indexing-80x24")
    }

    private final class Prefixes: @unchecked Sendable {
        var twenty: Trace?
    }

    @Test func diffFocusedAndScrolled() {
        let model = ScreenTraces.bank(.standard).goingTo(24).pressing(.tab, .tab, .down, .down)
        expectScreen(view(model), named: "diff-scrolled-80x24")
    }

    @Test func goToPrompt() {
        expectScreen(view(ScreenTraces.bank(.standard).pressing(.character(":")).typing("3")), named: "prompt-go-to-80x24")
    }

    @Test func searchPrompt() {
        expectScreen(view(ScreenTraces.bank(.standard).pressing(.character("/")).typing("freeze")), named: "prompt-search-80x24")
    }

    @Test func messageLine() {
        expectScreen(view(ScreenTraces.bank(.standard).pressing(.left)), named: "message-80x24")
    }

    /// A search under way on the worker: its progress in the status line; and the line
    /// after Esc cancelled it.
    @Test func searchUnderWay() {
        let typed = ScreenTraces.bank(.standard).pressing(.character("/")).typing("withdraw")
        let (started, effects) = typed.starting(.key(.enter))
        guard case .run(let job)? = effects.first else {
            Issue.record("the search started no job")
            return
        }
        let halfway = update(started, .jobProgress(id: job.id, fraction: 0.42)).0
        expectScreen(view(halfway), named: "search-under-way-80x24")
        expectScreen(view(halfway.pressing(.escape)), named: "search-cancelled-80x24")
    }

    /// `/` in the state pane: the match selected and opened, the breadcrumb showing its path.
    @Test(arguments: [ScreenSize.standard, ScreenSize.large])
    func stateSearch(_ size: ScreenSize) {
        let model = ScreenTraces.bank(size).goingTo(21).pressing(.tab, .character("/")).typing("overdraft").pressing(.enter)
        expectScreen(view(model), named: "state-search-\(size)")
    }

    /// `m` at #5, then at #21 `M`: the changes pane shows the changes from the mark.
    @Test func changesFromTheMark() {
        let model = ScreenTraces.bank(.standard).goingTo(5).pressing(.character("m")).goingTo(21).pressing(.character("M"))
        expectScreen(view(model), named: "changes-from-mark-80x24")
    }

    /// `W` with a watchpoint and two breakpoints, the second row selected.
    @Test func stopsList() {
        let model = ScreenTraces.bank(.standard).goingTo(21).pressing(.character("b"), .tab, .character("w"))
            .goingTo(22).pressing(.character("b"), .character("W"), .down)
        expectScreen(view(model), named: "stops-list-80x24")
    }

    /// `f` keeps the calls named withdraw (the list shows only them); `B` marks ◈ where
    /// requests have failed; `w` on a state node marks its changes ◇.
    @Test(arguments: [ScreenSize.standard, ScreenSize.large])
    func filterConditionAndWatchMarks(_ size: ScreenSize) {
        let model = ScreenTraces.bank(size).pressing(.character("f")).typing(#"@name == "withdraw""#).pressing(.enter)
            .pressing(.character("B")).typing("/stats/failed > 0").pressing(.enter)
            .pressing(.tab, .down, .enter, .down, .down, .down, .character("w"), .tab, .tab, .tab)
            .goingTo(30)
        expectScreen(view(model), named: "filter-condition-watch-\(size)")
    }

    /// `H` on a ledger entry: it appeared at #3 and #39 replaced it.
    @Test func historyOverlay() {
        let model = ScreenTraces.bank(.large).goingTo(40).pressing(.tab, .down, .enter, .down, .down, .down, .character("H"))
        expectScreen(view(model), named: "history-120x40")
    }

    @Test func playing() {
        let model = ScreenTraces.bank(.standard).pressing(.character(" ")).after(.tick(milliseconds: 400))
        expectScreen(view(model), named: "playing-80x24")
    }

    /// Breakpoints on every `withdraw`, seen from the start: the timeline marks each one.
    @Test(arguments: [ScreenSize.standard, ScreenSize.large])
    func breakpointsOnTheTimeline(_ size: ScreenSize) {
        let model = ScreenTraces.bank(size).goingTo(3).pressing(.character("b"), .home)
        expectScreen(view(model), named: "breakpoints-\(size)")
    }

    @Test(arguments: [ScreenSize(width: 59, height: 16), ScreenSize(width: 60, height: 15), ScreenSize(width: 30, height: 8)])
    func tooSmall(_ size: ScreenSize) {
        expectScreen(view(ScreenTraces.bank(size)), named: "too-small-\(size)")
    }

    @Test(arguments: [ScreenSize.standard, ScreenSize.narrowest])
    func wideCharacters(_ size: ScreenSize) {
        let model = ScreenTraces.open(ScreenTraces.wide, file: "宽字符.json", size).pressing(.right)
        expectScreen(view(model), named: "wide-\(size)")
        expectScreen(view(model.pressing(.right)), named: "wide-crash-\(size)")
    }

    @Test(arguments: [ScreenSize.standard, ScreenSize.large])
    func elixir(_ size: ScreenSize) {
        let model = ScreenTraces.open(ScreenTraces.replayx, file: "replayx-bank.json", size).goingTo(3)
        expectScreen(view(model), named: "elixir-\(size)")
        expectScreen(view(model.pressing(.character("c"))), named: "elixir-crash-\(size)")
    }

    /// `z` on the event pane at the crash: the stack and the payload whole, one frame a line.
    @Test(arguments: [ScreenSize.standard, ScreenSize.narrowest])
    func zoomedCrash(_ size: ScreenSize) {
        let model = ScreenTraces.open(ScreenTraces.replayx, file: "replayx-bank.json", size)
            .pressing(.character("c"), .backTab, .character("z"))
        expectScreen(view(model), named: "zoomed-crash-\(size)")
    }

    /// A span trace of three services: a timeline row per lane, the crash in its lane, and
    /// the lane column in the list.
    @Test func lanes() throws {
        let trace = try TraceLoader.load(path: Golden.repository.appendingPathComponent("Tests/ReplayCoreTests/Fixtures/otlp/otlp_with_error.json").path)
        expectScreen(view(ScreenTraces.open(trace, file: "otlp_with_error.json", .large).pressing(.character("c"))), named: "lanes-120x40")
    }

    /// `s` on the crash of a span trace, the cursor moved up a row: the trace's spans as a
    /// tree and a waterfall, the failed span, the critical path, the spans in flight and the
    /// playhead's moment.
    @Test(arguments: [ScreenSize.standard, ScreenSize.large])
    func spanPane(_ size: ScreenSize) throws {
        let trace = try TraceLoader.load(path: Golden.repository.appendingPathComponent("Tests/ReplayCoreTests/Fixtures/otlp/otlp_with_error.json").path)
        let model = ScreenTraces.open(trace, file: "otlp_with_error.json", size).pressing(.character("c"), .character("s"), .up)
        expectScreen(view(model), named: "spans-\(size)")
    }

    /// `L`: every loading warning in the text overlay.
    @Test func loadingWarnings() {
        expectScreen(view(TextPanelTests.warned(3).pressing(.character("L"))), named: "warnings-80x24")
    }

    /// Enter on a long string in the state: the whole string with its own line breaks.
    @Test func aValueWhole() {
        let model = Model(trace: TextPanelTests.longString, fileName: "s.json", width: 80, height: 24).pressing(.tab, .down, .enter)
        expectScreen(view(model), named: "value-whole-80x24")
    }

    @Test(arguments: [ScreenSize.standard, ScreenSize.narrowest])
    func emptyTrace(_ size: ScreenSize) {
        expectScreen(view(ScreenTraces.open(ScreenTraces.empty, file: "empty.json", size)), named: "empty-\(size)")
    }

    /// Roles map to colours only in a theme: the crash screen through each built-in theme.
    @Test(arguments: BuiltInThemes.names)
    func themes(_ name: String) throws {
        let canvas = view(ScreenTraces.bank(.standard).pressing(.character("c")))
        expectANSI(canvas, theme: try Theme.named(name), named: "crash-80x24-\(name)")
    }

    @Test func everyRoleHasItsOwnLetter() {
        let letters = GoldenScreen.letters
        #expect(Set(letters.map(\.0)) == Set(Role.allCases))
        #expect(Set(letters.map(\.1)).count == letters.count)
    }
}
