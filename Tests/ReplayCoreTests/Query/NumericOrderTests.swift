import Testing
@testable import ReplayCore

/// `JSONNumber.numericOrder`, which the query language's `<` and friends use: exact at any
/// size and precision, and consistent with numeric equality.
@Suite struct NumericOrderTests {
    /// Literals in increasing order of value, no two equal; several a `Double` cannot tell apart.
    static let increasing = [
        "-1e999999", "-123456789012345678901234567890", "-9007199254740993", "-9007199254740992", "-1.5", "-1",
        "-0.10000000000000001", "-0.1", "-1e-999999", "0", "1e-999999", "0.1", "0.10000000000000001", "1",
        "1.000000000000000000001", "1.5", "9007199254740992", "9007199254740993",
        "999999999999999999", "1000000000000000000", "123456789012345678901234567890", "1.2345678901234567890123456789e30", "1e999999",
    ]

    /// Groups of literals that are the same number.
    static let equalGroups = [
        ["0", "-0", "0.0", "0e5", "-0.000E-3"],
        ["1", "1.0", "10e-1", "0.1e1", "1.000E0"],
        ["0.1", "1e-1", "1.0E-1", "0.100", "100e-3"],
        ["-250", "-2.5e2", "-250.00", "-0.25E3"],
        ["123456789012345678901234567890", "1.2345678901234567890123456789e29", "12345678901234567890123456789e1"],
    ]

    @Test func increasingLiteralsOrderByValue() {
        let numbers = Self.increasing.map { JSONNumber(literal: $0)! }
        for (i, a) in numbers.enumerated() {
            for (j, b) in numbers.enumerated() {
                let order = a.numericOrder(comparedTo: b)
                #expect(order.signum() == (i - j).signum(), "\(a) vs \(b)")
            }
        }
    }

    @Test func equalNumbersOrderAsEqual() {
        for group in Self.equalGroups {
            let numbers = group.map { JSONNumber(literal: $0)! }
            for a in numbers {
                for b in numbers {
                    #expect(a.numericOrder(comparedTo: b) == 0, "\(a) vs \(b)")
                    #expect(a.isNumericallyEqual(to: b))
                }
            }
        }
        let one = JSONNumber(literal: "1.0")!
        #expect(one.numericOrder(comparedTo: JSONNumber(literal: "0.9999999999999999999")!) > 0)
        #expect(one.numericOrder(comparedTo: JSONNumber(literal: "1.0000000000000000001")!) < 0)
    }
}
