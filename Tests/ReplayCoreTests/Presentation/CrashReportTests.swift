import Testing
@testable import ReplayCore

/// Crash reasons in the shapes recorders write them, made into an exception line, a
/// location and one frame a line.
@Suite struct CrashReportTests {
    @Test func elixirFormattedExceptionsKeepTheirFrames() {
        let report = CrashReport(error: """
            ** (ArithmeticError) bad argument in arithmetic expression
                (bank 2.3.1) lib/bank/server.ex:88: Bank.Server.handle_call/3
            """)
        #expect(report.headline == "ArithmeticError: bad argument in arithmetic expression")
        #expect(report.exceptionLine == "** (ArithmeticError) bad argument in arithmetic expression")
        #expect(report.location == "lib/bank/server.ex:88")
        #expect(report.frames == ["    (bank 2.3.1) lib/bank/server.ex:88: Bank.Server.handle_call/3"])
        #expect(report.summary == "ArithmeticError: bad argument in arithmetic expression at lib/bank/server.ex:88")
    }

    @Test func anErlangReasonAndStacktraceReadAsElixirFormatsThem() {
        let report = CrashReport(error: #"""
            {:badarith, [{:erlang, :+, [329, "100"], [error_info: %{module: :erl_erts_errors}]}, {Fixgen.BankAccount, :handle_call_impl, 3, [file: 'replayx/servers.ex', line: 43]}, {:gen_server, :try_handle_call, 4, [file: 'gen_server.erl', line: 1149]}]}
            """#)
        #expect(report.headline == "ArithmeticError: bad argument in arithmetic expression")
        #expect(report.exceptionLine == "** (ArithmeticError) bad argument in arithmetic expression")
        #expect(report.location == "replayx/servers.ex:43")
        #expect(report.frames == [
            #"    :erlang.+(329, "100")"#,
            "    replayx/servers.ex:43: Fixgen.BankAccount.handle_call_impl/3",
            "    gen_server.erl:1149: :gen_server.try_handle_call/4",
        ])
    }

    @Test func anOpenTelemetryExceptionReadsItsStacktrace() throws {
        let payload = try JSONValue(parsing: #"""
            {"events": [{"name": "exception", "attributes": {"exception.type": "ValueError",
              "exception.message": "order 1 not found in shard 0",
              "exception.stacktrace": "Traceback (most recent call last):\n  File \"gen_otlp.py\", line 153, in build_trace\n    raise ValueError(f\"order {ti} not found\")\nValueError: order 1 not found in shard 0\n"}}]}
            """#)
        let report = CrashReport(error: "lookup failed for order 1; ValueError: order 1 not found in shard 0", payload: payload)
        #expect(report.headline == "ValueError: order 1 not found in shard 0")
        #expect(report.exceptionLine == "ValueError: order 1 not found in shard 0")
        #expect(report.location == "gen_otlp.py:153")
        #expect(report.frames == [#"  File "gen_otlp.py", line 153, in build_trace"#, #"    raise ValueError(f"order {ti} not found")"#])
    }

    @Test func aPythonTracebackPutsTheExceptionFirst() {
        let report = CrashReport(error: """
            Traceback (most recent call last):
              File "app.py", line 10, in main
                run()
              File "app.py", line 5, in run
                1 / 0
            ZeroDivisionError: division by zero
            """)
        #expect(report.headline == "ZeroDivisionError: division by zero")
        #expect(report.location == "app.py:5")
        #expect(report.frames.count == 4)
    }

    @Test func anythingElseIsItsFirstLineThenTheRest() {
        let report = CrashReport(error: "bad argument\n  in arithmetic")
        #expect(report.headline == "bad argument")
        #expect(report.exceptionLine == "bad argument")
        #expect(report.location == nil)
        #expect(report.frames == ["  in arithmetic"])
        #expect(CrashReport(error: "would go negative").summary == "would go negative")
    }
}
