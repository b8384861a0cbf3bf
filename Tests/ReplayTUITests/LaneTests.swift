import Testing
@testable import ReplayCore
@testable import ReplayTUI

/// Lanes in the debugger: a lane column when there are several, `o` showing one lane at a
/// time, and `@lane` in queries.
@Suite struct LaneUITests {
    static let trace = Fixture.trace("""
        {"format": "replay-trace", "initial_state": {"n": 0}}
        {"kind": "call", "name": "a", "lane": "gateway", "merge": {"n": 1}}
        {"kind": "call", "name": "b", "lane": "orders", "merge": {"n": 2}}
        {"kind": "call", "name": "c", "lane": "gateway", "merge": {"n": 3}}
        {"kind": "call", "name": "d", "lane": "billing", "merge": {"n": 4}}

        """)

    @Test func oShowsOneLaneAtATimeThenAllAgain() {
        let start = Fixture.model(Self.trace).pressing(.right, .right)
        let orders = start.pressing(.character("o"))
        #expect(orders.session.filter?.query.text == #"@lane == "orders""#)
        #expect(orders.session.filter?.kept == [1])
        let billing = orders.pressing(.character("o"))
        #expect(billing.session.filter?.kept == [3])
        let all = billing.pressing(.character("o"))
        #expect(all.session.filter == nil)
        #expect(all.ui.message == "every lane shown")
        #expect(Fixture.model().pressing(.character("o")).ui.message == "this trace has no lanes (services, nodes)")
    }

    @Test func theListShowsEachRowsLane() {
        let screen = Fixture.model(Self.trace).pressing(.right).screen
        #expect(screen.contains("#0  gateway  call a"))
        #expect(screen.contains("#3  billing  call d"))
    }

    @Test func queriesReadTheLane() throws {
        let query = try Query(#"@lane == "gateway""#)
        var found: [Int] = []
        try query.search(Self.trace, events: 0..<4, found: { found.append($0); return true })
        #expect(found == [0, 2])
    }

    @Test func theTimelineHasARowPerLaneWhenThereIsRoom() throws {
        let model = Fixture.model(Self.trace, width: 100, height: 40)
        let lanes = try #require(model.session.lanes)
        #expect(lanes.rows.map(\.label) == ["gateway", "orders", "billing"])
        #expect(lanes.gutter == 8)
        #expect(lanes.rows[0].cells.filter { $0 != .empty }.count == 2)
        let layout = try #require(Layout(model))
        #expect(layout.lanes == Rect(x: 0, y: 3, width: 100, height: 3))
        #expect(layout.events.y == 6)
        #expect(view(model).line(3).hasPrefix("gateway│"))
        // Too low a screen: no lane rows; few rows: the last sums up the rest.
        #expect(Fixture.model(Self.trace, width: 100, height: 20).session.lanes == nil)
        let two = try #require(Fixture.model(Self.trace, width: 100, height: 24).session.lanes)
        #expect(two.rows.map(\.label) == ["gateway", "+2 lanes"])
    }

    @Test func aClickOnALaneRowSeeksThere() throws {
        let model = Fixture.model(Self.trace, width: 100, height: 40)
        let lanes = try #require(model.session.lanes)
        let clicked = model.after(.mouse(.click(x: lanes.gutter + lanes.trackWidth - 1, y: 4)))
        #expect(clicked.session.playhead.currentEvent == 3)
        #expect(model.after(.mouse(.click(x: 2, y: 4))).session.position == 0)
    }
}
