import Foundation
import Testing

/// `replay-tui spans`: span trees with the critical path, as text and JSON.
@Suite(.timeLimit(.minutes(5))) struct SpansCommandTests {
    let otlp = CLI.coreFixture("otlp/otlp_with_error.json")

    @Test func aTraceAsATreeWithItsCriticalPathAndErrors() throws {
        let result = try CLI.run(["spans", otlp, "--trace", "770348a05d300cb90706a045defc044a"])
        #expect(result.status == 0)
        #expect(result.stdout == """
            trace 770348a05d300cb90706a045defc044a: 8 spans
              api-gateway  GET /api/orders/{id}  +0 ms  58 ms  *
                inventory-service  inventory-service handle  +1 ms  0.644 ms  *
                orders-service  orders-service.compute  +1.768 ms  0.372 ms  *
                  inventory-service  inventory-service call  +3.47 ms  0.822 ms
                    orders-service  orders-service handle  +3.956 ms  0.667 ms
                    inventory-service  inventory-service.compute  +4.34 ms  0.684 ms
                inventory-service  orders publish  +2.361 ms  0.541 ms  *
                orders-service  orders process  +2.752 ms  0.667 ms  ✖  *

            """)
    }

    @Test func jsonLinesGiveEverySpan() throws {
        let result = try CLI.run(["spans", otlp, "--json"])
        #expect(result.status == 0)
        let spans = try result.stdout.split(separator: "\n").map { try JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any] }
        #expect(spans.count == 15)
        #expect(spans.filter { $0["error"] as? Bool == true }.count == 1)
        #expect(spans.filter { $0["parentId"] is NSNull }.count == 2)
        #expect(spans.allSatisfy { $0["endEvent"] is Int })
    }

    @Test func noSpansIsSaid() throws {
        let result = try CLI.run(["spans", CLI.fixture("bank-crash.json")])
        #expect(result.status == 1)
        #expect(result.stderr.hasSuffix("no spans: the trace has no span.start events\n"))
        let unknown = try CLI.run(["spans", otlp, "--trace", "nope"])
        #expect(unknown.status == 1)
        #expect(unknown.stderr.hasSuffix("no spans in trace nope\n"))
    }
}
