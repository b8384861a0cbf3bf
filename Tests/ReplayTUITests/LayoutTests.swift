import Testing
@testable import ReplayCore
@testable import ReplayTUI

/// Panes sized to what they show, and `z` zooming one to the whole body.
@Suite struct LayoutTests {
    let bank = ScreenTraces.bank(.standard)

    @Test func theChangesPaneShrinksToItsChangesAndGivesTheRestToTheState() {
        let none = Layout(width: 80, height: 24, content: .init(eventLines: 3, eventIsError: false, changeLines: 0))!
        let three = Layout(width: 80, height: 24, content: .init(eventLines: 3, eventIsError: false, changeLines: 3))!
        let many = Layout(width: 80, height: 24, content: .init(eventLines: 3, eventIsError: false, changeLines: 50))!
        #expect(none.diff.height == 2)
        #expect(three.diff.height == 4)
        #expect(many.diff.height == (many.events.height * 2) / 5)
        for layout in [none, three, many] {
            #expect(layout.state.height + layout.diff.height == layout.events.height)
            #expect(layout.diff.maxY == layout.detail.y)
        }
    }

    @Test func theEventPaneTakesWhatItNeedsAndMoreForACrash() {
        let short = Layout(width: 80, height: 24, content: .init(eventLines: 2, eventIsError: false, changeLines: 1))!
        let long = Layout(width: 80, height: 24, content: .init(eventLines: 40, eventIsError: false, changeLines: 1))!
        let crash = Layout(width: 80, height: 24, content: .init(eventLines: 40, eventIsError: true, changeLines: 1))!
        #expect(short.detail.height == 3)
        #expect(long.detail.height == 5)
        #expect(crash.detail.height == 11)
        #expect(crash.detail.maxY == crash.status.y)
        #expect(crash.events.y == 3)
        #expect(crash.events.maxY == crash.detail.y)
    }

    @Test func onTheCrashTheStackShowsOneFrameALine() {
        let model = ScreenTraces.open(ScreenTraces.replayx, file: "replayx-bank.json", .standard).pressing(.character("c"))
        let screen = model.screen
        #expect(screen.contains("     :erlang.+(329, \"100\")"))
        #expect(screen.contains("     replayx/servers.ex:43: Fixgen.BankAccount.handle_call_impl/3"))
        #expect(screen.contains("     proc_lib.erl:240: :proc_lib.init_p_do_apply/3"))
    }

    @Test func zZoomsTheFocusedPaneAndTabMovesTheZoom() {
        let zoomed = bank.goingTo(58).pressing(.tab, .tab, .tab, .character("z"))
        #expect(zoomed.ui.zoomed)
        let layout = Layout(zoomed)!
        #expect(layout.shown == [.detail])
        #expect(layout.detail == Rect(x: 0, y: 3, width: 80, height: 20))
        #expect(layout.pane(atX: 5, y: 5) == .detail)
        let screen = zoomed.screen
        #expect(screen.contains(" Event #58  crash badarith"))
        #expect(screen.contains("\"overdraft\": 100000"))
        #expect(!screen.contains("State at"))
        #expect(screen.contains("zoomed: the event fills the screen"))
        let next = zoomed.pressing(.tab)
        #expect(Layout(next)!.shown == [.events])
        #expect(next.screen.contains("#49"))
        #expect(!zoomed.pressing(.character("z")).ui.zoomed)
        #expect(!zoomed.pressing(.escape).ui.zoomed)
        #expect(Layout(zoomed.pressing(.escape))!.shown == [.events, .state, .diff, .detail])
    }

    @Test func theZoomedEventListShowsWholePayloads() {
        let zoomed = bank.goingTo(21).pressing(.character("z"))
        #expect(zoomed.screen.contains(#"▶  #21   5.652 s  call freeze    {"account":"acc-1005","reason":"kyc"}"#))
    }

    @Test func aZoomedPaneScrollsByItsOwnHeight() {
        let zoomed = TextPanelTests.warned(0).pressing(.right, .tab, .tab, .tab, .character("z"))
        #expect(Layout(zoomed)!.contentHeight(of: .detail) == 19)
    }
}
