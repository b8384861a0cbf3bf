import Testing
@testable import ReplayCore

/// What queries mean: missing paths, deep equality, exact numbers, strings, regexes,
/// `len`, `exists` and `changed`, on a state and event written out here.
@Suite struct QueryEvaluatorTests {
    let state = try! JSONValue(parsing: """
        {"accounts": [{"id": "acc-1", "balance": -30, "owner": "Zoë"}, {"id": "acc-2", "balance": 9007199254740993}],
         "ledger": [1, 2, 3, 4], "limits": {"daily": 500, "nested": {"a": [1, {"b": 2}]}},
         "big": 123456789012345678901234567891, "tenth": 0.1, "one": 1, "zero": -0, "huge": 1e999999,
         "text": "abc", "accent": "e\\u0301", "emoji": "🎉", "nothing": null, "flag": true}
        """)
    let event = Event(
        index: 7, t: JSONNumber(literal: "1500.915")!, kind: "call", name: "withdraw",
        payload: try! JSONValue(parsing: #"{"amount": 40, "limits": {"nested": {"a": [1.0, {"b": 2e0}]}, "daily": 5e2}, "tag": "urgent"}"#),
        error: "insufficient funds"
    )

    private func holds(_ text: String, event: Event? = nil, before: JSONValue? = nil) throws -> Bool {
        try Query(text).holds(QueryContext(event: event ?? self.event, state: state, stateBefore: before))
    }

    @Test func aMissingPathMakesEveryComparisonFalse() throws {
        for text in ["/nope == 1", "/nope != 1", "/nope < 1", "/nope >= 1", "/nope == null", "/nope == /nope",
                     "/accounts/5/balance < 0", "/ledger/x == 1", "/text/0 == \"a\"", "len(/nope) >= 0",
                     "len(/one) == 1", "@payload/nope == 1", #"/nope =~ ".*""#] {
            #expect(try !holds(text), "\(text)")
        }
        #expect(try holds("not /nope == 1"))
        #expect(try holds("/nothing == null"))
        let bare = Event(index: 0, kind: "info")
        for text in [#"@name != "x""#, "@t >= 0", ##"@error =~ ".""##, "@payload == null", "@payload/amount > 0"] {
            #expect(try !holds(text, event: bare), "\(text)")
        }
    }

    @Test func equalityIsDeepNumbersByValueObjectsInAnyOrder() throws {
        #expect(try holds("@payload/limits == /limits"))
        #expect(try !holds("@payload/limits != /limits"))
        #expect(try holds("/one == 1.0 and /one == 10e-1 and /one == 1 and /zero == 0"))
        #expect(try !holds("/one == 1.0000000000000001"))
        #expect(try holds("/accounts/0 == /accounts/0 and /accounts/0 != /accounts/1"))
        #expect(try !holds("/one == \"1\""))
        #expect(try !holds("/flag == 1"))
        #expect(try holds("/flag == true and /flag != false"))
        #expect(try holds(#"/accent == "\u00e9""#), "canonically equivalent strings are equal")
    }

    @Test func numbersOrderExactlyAtAnySize() throws {
        #expect(try holds("/accounts/1/balance > 9007199254740992"), "a Double would call these equal")
        #expect(try holds("/accounts/1/balance == 9007199254740993.0"))
        #expect(try holds("/accounts/1/balance < 9007199254740994"))
        #expect(try holds("/big > 123456789012345678901234567890"))
        #expect(try holds("/big < 123456789012345678901234567891.0000000001"))
        #expect(try holds("/big >= 1.23456789012345678901234567891e29 and /big <= 1.23456789012345678901234567891e29"))
        #expect(try holds("/tenth < 0.10000000000000001"), "a Double would call these equal")
        #expect(try holds("/tenth > 0.09999999999999999999"))
        #expect(try holds("/tenth == 1e-1 and /tenth >= 0.100"))
        #expect(try holds("/huge > 1e999998 and /huge > 99999999999999999999999999999"))
        #expect(try holds("/accounts/0/balance < 0 and /accounts/0/balance < -29 and /accounts/0/balance > -31"))
        #expect(try holds("/accounts/0/balance > -30.5 and /accounts/0/balance < -29.99"))
        #expect(try holds("/zero >= 0 and /zero <= 0 and /zero > -0.0001"))
        #expect(try holds("@t > 1500.9 and @t < 1500.92 and @t == 1500.915"))
        #expect(try holds("@index == 7 and @index > 6.5"))
    }

    @Test func orderHoldsBetweenTwoNumbersOrTwoStringsOnly() throws {
        #expect(try holds(#"/text < "abd" and /text > "ab" and /text >= "abc""#))
        #expect(try holds(#"/accounts/0/owner > "Zoz" and /accounts/0/owner < "Zz""#), "ë (U+00EB) is above z by code point")
        #expect(try holds(#"/emoji > "\uffff""#), "code points, not UTF-16 units")
        #expect(try holds(#"@name > "deposit""#))
        for text in [#"/one < "2""#, #"/text > 1"#, "/flag > false", "/nothing <= null", "/ledger >= /ledger", "/limits < 1"] {
            #expect(try !holds(text), "\(text)")
        }
    }

    @Test func regexesMatchStringsAnywhereAndOtherValuesInTheirJSONText() throws {
        #expect(try holds(#"@name =~ "^with""#))
        #expect(try holds(#"@name =~ "draw$" and @error =~ "funds""#))
        #expect(try !holds(#"@name =~ "^draw""#))
        #expect(try holds(#"@payload/tag =~ "g.n""#))
        #expect(try holds(#"/one =~ "^1$""#), "a number by its JSON text")
        #expect(try holds(#"/ledger =~ "^\\[1,2,3,4\\]$""#))
        #expect(try holds(#"@payload =~ "\"tag\":\"urgent\"""#), "a whole payload")
        #expect(try !holds(#"@payload =~ "overdue""#))
        #expect(try holds(#"/accounts/0/owner =~ "^Zo.$""#))
    }

    @Test func lenCountsElementsMembersAndCodePoints() throws {
        #expect(try holds("len(/ledger) == 4 and len(/ledger) > 3"))
        #expect(try holds("len(/limits) == 2 and len(/accounts/0) == 3"))
        #expect(try holds("len(/accounts/0/owner) == 3 and len(/emoji) == 1 and len(/accent) == 2"))
        #expect(try holds("len(@payload) == 3 and len(@name) == 8"))
        #expect(try !holds("len(/one) >= 0 or len(/nothing) >= 0 or len(/flag) >= 0"))
    }

    @Test func existsIsTrueForAnyValueNullIncluded() throws {
        #expect(try holds("exists(/nothing) and exists(/ledger/3) and exists(/limits/nested/a/1/b)"))
        #expect(try !holds("exists(/ledger/4) or exists(/frozen) or exists(/ledger/-)"))
        #expect(try holds("exists(@error) and exists(@payload) and exists(@payload/tag) and exists(@t)"))
        #expect(try !holds("exists(@error)", event: Event(index: 0, kind: "call")))
    }

    @Test func changedComparesTheStatesBeforeAndAfter() throws {
        var before = state
        #expect(try !holds("changed(/ledger) or changed(/accounts)", before: before))
        try JSONPatch.apply([PatchOperation(kind: .replace, path: JSONPointer(parsing: "/accounts/1/balance"), value: 5)], to: &before)
        #expect(try holds("changed(/accounts/1/balance) and changed(/accounts/1) and changed(/accounts)", before: before))
        #expect(try !holds("changed(/accounts/0) or changed(/accounts/1/id) or changed(/accounts/2)", before: before))
        // Absence is a value: a path created or removed changed.
        try JSONPatch.apply([PatchOperation(kind: .remove, path: JSONPointer(parsing: "/flag"))], to: &before)
        #expect(try holds("changed(/flag)", before: before))
        #expect(try !holds("changed(/flag/x)", before: before))
        // Without the state before, nothing changed.
        #expect(try !holds("changed(/flag)"))
        #expect(try holds("not changed(/flag)"))
    }

    @Test func theIssuesExamplesOnTheBankShape() throws {
        let bank = try JSONValue(parsing: #"{"accounts": [{"balance": 10}, {"balance": -30}], "stats": {"failed": 2}, "ledger": [1, 2, 3, 4]}"#)
        let before = try JSONValue(parsing: #"{"accounts": [{"balance": 10}, {"balance": 10}], "stats": {"failed": 1}, "ledger": [1, 2, 3]}"#)
        let context = QueryContext(event: event, state: bank, stateBefore: before)
        #expect(try Query("/accounts/1/balance < 0").holds(context))
        #expect(try Query(#"changed(/stats/failed) and @kind == "call""#).holds(context))
        #expect(try Query(#"@name =~ "^with" and not exists(/frozen)"#).holds(context))
        #expect(try Query("len(/ledger) > 3").holds(context))
        #expect(try !Query("len(/ledger) > 3").holds(QueryContext(event: event, state: before)))
    }
}
