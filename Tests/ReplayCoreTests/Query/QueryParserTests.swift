import Testing
@testable import ReplayCore

/// How expressions group and what they read, shown fully parenthesised; and malformed
/// expressions, each with the exact column and message.
@Suite struct QueryParserTests {
    private func parsed(_ text: String) throws -> String {
        try Query(text).expression.description
    }

    private func error(_ text: String) -> QueryError? {
        do {
            _ = try Query(text)
            return nil
        } catch {
            return error
        }
    }

    @Test func precedenceIsPythonAndSQLs() throws {
        #expect(try parsed("/a == 1 or /b == 2 and not /c < 3") == "((/a == 1) or ((/b == 2) and (not (/c < 3))))")
        #expect(try parsed("not /a == 1 and /b == 2") == "((not (/a == 1)) and (/b == 2))")
        #expect(try parsed("/a == 1 and /b == 2 or /c == 3") == "(((/a == 1) and (/b == 2)) or (/c == 3))")
        #expect(try parsed("exists(/a) and exists(/b) and exists(/c)") == "((exists(/a) and exists(/b)) and exists(/c))")
        #expect(try parsed("exists(/a) or exists(/b) or exists(/c)") == "((exists(/a) or exists(/b)) or exists(/c))")
        #expect(try parsed("not not exists(/x)") == "(not (not exists(/x)))")
    }

    @Test func parenthesesGroup() throws {
        #expect(try parsed("(/a == 1 or /b == 2) and /c == 3") == "(((/a == 1) or (/b == 2)) and (/c == 3))")
        #expect(try parsed("not (exists(/a) or exists(/b))") == "(not (exists(/a) or exists(/b)))")
        #expect(try parsed("((( @kind == \"call\" )))") == "(@kind == \"call\")")
    }

    @Test(arguments: ["==", "!=", "<", "<=", ">", ">="])
    func everyComparison(_ operation: String) throws {
        #expect(try parsed("@t \(operation) 5") == "(@t \(operation) 5)")
        #expect(try parsed("/a\(operation)-1") == "(/a \(operation) -1)")
    }

    @Test func regexFunctionsAndFields() throws {
        #expect(try parsed(#"@name =~ "^with""#) == #"(@name =~ "^with")"#)
        #expect(try parsed("len(/ledger) > 3") == "(len(/ledger) > 3)")
        #expect(try parsed("len(@payload/items) == len(/items)") == "(len(@payload/items) == len(/items))")
        #expect(try parsed("changed(/stats/failed)") == "changed(/stats/failed)")
        #expect(try parsed("exists(@error) and exists(@payload)") == "(exists(@error) and exists(@payload))")
        #expect(try parsed("@index >= 3 and @kind != @name") == "((@index >= 3) and (@kind != @name))")
        #expect(try parsed("@payload/amount > /accounts/0/balance") == "(@payload/amount > /accounts/0/balance)")
    }

    @Test func theIssuesExamplesParse() throws {
        #expect(try parsed("/accounts/1/balance < 0") == "(/accounts/1/balance < 0)")
        #expect(try parsed(#"changed(/stats/failed) and @kind == "call""#) == #"(changed(/stats/failed) and (@kind == "call"))"#)
        #expect(try parsed(#"@name =~ "^with" and not exists(/frozen)"#) == #"((@name =~ "^with") and (not exists(/frozen)))"#)
        #expect(try parsed("len(/ledger) > 3") == "(len(/ledger) > 3)")
    }

    @Test func literalsStayExact() throws {
        #expect(try parsed("/x == 123456789012345678901234567890") == "(/x == 123456789012345678901234567890)")
        #expect(try parsed("/x == -1.50e-3") == "(/x == -1.50e-3)")
        #expect(try parsed("/x == 9007199254740993") == "(/x == 9007199254740993)")
        #expect(try parsed("/x != -0") == "(/x != -0)")
        #expect(try parsed(#"/x == "é\n\"\u0041""#) == #"(/x == "é\n\"A")"#)
        #expect(try parsed("/x == true or /x == false or /x == null") == "(((/x == true) or (/x == false)) or (/x == null))")
    }

    @Test func pointersDecodeTildesAndBackslashes() throws {
        guard case .compare(.state(let pointer), .equal, _) = try Query(#"/a~1b/m~0n/x\ y/\(\=\\ == 1"#).expression else {
            Issue.record("not a comparison of a state pointer")
            return
        }
        #expect(pointer.tokens == ["a/b", "m~n", "x y", "(=\\"])
        guard case .compare(.payload(let inPayload), _, _) = try Query("@payload/0/ == 1").expression else {
            Issue.record("not a payload pointer")
            return
        }
        #expect(inPayload.tokens == ["0", ""])
    }

    @Test func whatAQueryNeeds() throws {
        let byName = try Query(#"@name == "x" and @kind != "y" and @index > 2"#)
        #expect(!byName.needsState && !byName.needsStateBefore && !byName.needsParsedEvent)
        let byState = try Query("len(/ledger) > 3")
        #expect(byState.needsState && !byState.needsStateBefore && !byState.needsParsedEvent)
        let byChange = try Query("not changed(/a)")
        #expect(byChange.needsState && byChange.needsStateBefore && !byChange.needsParsedEvent)
        for text in ["@payload/x == 1", "exists(@error)", "@t > 3", "len(@payload) > 0"] {
            let query = try Query(text)
            #expect(query.needsParsedEvent && !query.needsState, "\(text)")
        }
    }

    @Test func malformedExpressionsNameTheirColumn() {
        let cases: [(String, Int, String)] = [
            ("/accounts/1/balance <", 22, "expected a value after '<'"),
            ("/accounts/1/balance < and", 23, "expected a value after '<', found 'and'"),
            (#"@kind == "call" and"#, 20, "expected a condition"),
            ("/a == 1 /b == 2", 9, "expected 'and', 'or' or the end, found '/b'"),
            ("(/a == 1", 9, "expected ')' to close the '(' at column 1"),
            ("/a == 1)", 8, "expected 'and', 'or' or the end, found ')'"),
            ("/a = 1", 4, "'=' is not an operator: use '==' to compare"),
            ("/a == 1 && /b == 2", 9, "use 'and' instead of '&&'"),
            ("!exists(/a)", 1, "'!' is not an operator: use 'not', or '!=' to compare"),
            ("/a == 01", 7, "invalid number '01'"),
            (#"@name == "abc"#, 10, "unterminated string"),
            ("/a", 3, "expected a comparison (==, !=, <, <=, >, >=, =~) after '/a'"),
            ("len(/x)", 8, "expected a comparison (==, !=, <, <=, >, >=, =~) after 'len(/x)'"),
            ("changed(@name)", 9, "changed() takes a pointer into the state, such as /accounts/0"),
            ("exists(3)", 8, "exists() takes a path such as /accounts/0 or @payload/id, found '3'"),
            ("len /x > 1", 5, "expected '(' after 'len', found '/x'"),
            ("", 1, "expected a condition, found an empty expression"),
            ("   ", 1, "expected a condition, found an empty expression"),
            ("/a == foo", 7, "unknown word 'foo'"),
            ("/a == TRUE", 7, "unknown word 'TRUE' (write 'true' in lower case)"),
            ("/a == 1 AND /b == 2", 9, "expected 'and', 'or' or the end, found 'AND'"),
            ("@kind/x == 1", 6, "only @payload takes a pointer, not @kind"),
            ("/a =~ 5", 7, "expected a string holding a regex after '=~', found '5'"),
            (#"@name == "é" and"#, 17, "expected a condition"),
            ("/a == 1 and or /b == 2", 13, "expected a condition before 'or', found 'or'"),
            ("not", 4, "expected a condition after 'not'"),
            ("/a < 1 < 2", 8, "expected 'and', 'or' or the end, found '<'"),
            ("() or /a == 1", 2, "expected a condition inside '(', found ')'"),
            ("/a # 1", 4, "unexpected character '#'"),
        ]
        for (text, column, message) in cases {
            #expect(error(text) == QueryError(column: column, message), "\(text)")
        }
        #expect(error("@nme == 1")?.column == 1)
        #expect(error("@nme == 1")?.message.hasPrefix("unknown event field '@nme'") == true)
        #expect(error("/a~2 == 1")?.column == 1)
        #expect(error("/a~2 == 1")?.message.hasPrefix("invalid pointer '/a~2'") == true)
        #expect(error(#"@name =~ "(" or /a == 1"#)?.column == 10)
        #expect(error(#"@name =~ "(" or /a == 1"#)?.message.hasPrefix(#"invalid regex "(": "#) == true)
    }

    @Test func anErrorRendersLikeACompilers() {
        #expect(QueryError(column: 14, "expected a value after '<'").description == "expression:1:14: expected a value after '<'")
    }
}
