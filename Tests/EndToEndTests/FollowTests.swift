import Foundation
import Testing

extension InTmux {
    /// Following a trace while another process writes it, as a person watches a recording grow:
    /// in the debugger (live, `+N new`, `End`, a crash arriving, a pipe) and with `events --follow`.
    @Suite(.serialized, .timeLimit(.minutes(2))) struct FollowTests {
        static let header = #"{"format": "replay-trace", "initial_state": {"n": 0}}"# + "\n"

        static func event(_ n: Int, name: String = "inc") -> String {
            #"{"kind": "call", "name": "\#(name)", "t": \#(n * 10), "merge": {"n": \#(n)}}"# + "\n"
        }

        /// A fresh trace file holding `text`.
        static func file(_ text: String) throws -> String {
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("follow-\(UUID().uuidString).ndjson").path
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            return path
        }

        static func append(_ text: String, to path: String) throws {
            let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
            handle.seekToEndOfFile()
            handle.write(Data(text.utf8))
            try handle.close()
        }

        @Test(arguments: [(120, 40), (80, 24)])
        func eventsArriveLiveAndACrashStopsThere(width: Int, height: Int) throws {
            let path = try Self.file(Self.header + Self.event(1))
            defer { try? FileManager.default.removeItem(atPath: path) }
            let tmux = try TmuxSession(["--follow", path], width: width, height: height)
            try tmux.waitFor { $0.contains("#0 of 1") && $0.contains("● live") }
            // Appended lines reach the header within a second, the playhead on the last one.
            try Self.append(Self.event(2) + Self.event(3), to: path)
            #expect(try tmux.waitFor(1.5) { $0.contains("#2 of 3") }.contains("● live"))
            // Looking back: new events are counted, End returns to live.
            try tmux.send("Left")
            try tmux.waitFor { $0.contains("#1 of 3") }
            try Self.append(Self.event(4), to: path)
            #expect(try tmux.waitFor { $0.contains("+1 new") }.contains("#1 of 4"))
            try tmux.send("End")
            try tmux.waitFor { $0.contains("#3 of 4") }
            // A half-written line shows nothing until its newline arrives.
            let crash = #"{"kind": "crash", "name": "boom", "t": 50, "error": "overdrawn"}"#
            try Self.append(String(crash.prefix(25)), to: path)
            Thread.sleep(forTimeInterval: 0.4)
            #expect(try tmux.header().contains("#3 of 4"))
            try Self.append(String(crash.dropFirst(25)) + "\n" + Self.event(6), to: path)
            let screen = try tmux.waitFor { $0.contains("CRASH at #4") }
            #expect(screen.contains("#4 of 6  crash boom"))
            #expect(screen.contains("+1 new"))
            try tmux.send("q")
            #expect(try tmux.waitFor { $0.contains("EXIT=") }.contains("EXIT=0 ECHO=on"))
        }

        @Test func truncationReadsAgainAndDeletionKeepsWhatWasRead() throws {
            let path = try Self.file(Self.header + Self.event(1) + Self.event(2) + Self.event(3))
            let tmux = try TmuxSession(["-f", path], width: 100, height: 30)
            try tmux.waitFor { $0.contains("#2 of 3") }
            try (Self.header + Self.event(7)).write(toFile: path, atomically: false, encoding: .utf8)
            #expect(try tmux.waitFor { $0.contains("the file was truncated") }.contains("#0 of 1"))
            try FileManager.default.removeItem(atPath: path)
            #expect(try tmux.waitFor { $0.contains("the file was deleted") }.contains("#0 of 1"))
            try tmux.send("q")
            #expect(try tmux.waitFor { $0.contains("EXIT=") }.contains("EXIT=0 ECHO=on"))
        }

        /// `myapp | replay-tui -`: the trace from the pipe, the keys from the terminal.
        @Test func aPipedTraceOpensTheDebuggerWithKeysFromTheTerminal() throws {
            let writer = FileManager.default.temporaryDirectory.appendingPathComponent("writer-\(UUID().uuidString).sh").path
            try """
                printf '%s' '\(Self.header)\(Self.event(1).dropLast())'; printf '\\n'; sleep 1
                printf '%s\\n' '\(Self.event(2).dropLast())'; sleep 1
                """.write(toFile: writer, atomically: true, encoding: .utf8)
            defer { try? FileManager.default.removeItem(atPath: writer) }
            let tmux = try TmuxSession(["-c", "bash \(writer) | \(CLI.binary.path) -"], program: "bash", width: 100, height: 30)
            try tmux.waitFor { $0.contains("#0 of 1") }
            #expect(try tmux.waitFor(3) { $0.contains("#1 of 2") }.contains("<stdin>"))
            try tmux.send("Left")
            #expect(try tmux.waitFor { $0.contains("start of 2") || $0.contains("#0 of 2") }.contains(" of 2"))
            #expect(try tmux.waitFor(4) { $0.contains("the input ended") }.contains("the input ended"))
            try tmux.send("q")
            #expect(try tmux.waitFor { $0.contains("EXIT=") }.contains("EXIT=0 ECHO=on"))
        }

        @Test func eventsFollowPrintsUntilTheCrash() throws {
            let path = try Self.file(Self.header + Self.event(1))
            defer { try? FileManager.default.removeItem(atPath: path) }
            let script = """
                ( sleep 0.3; printf '%s' '\(Self.event(2))' >> '\(path)'; sleep 0.3
                  printf '%s' '{"kind": "crash", "name": "bo' >> '\(path)'; sleep 0.3
                  printf '%s\\n%s' 'om", "error": "overdrawn"}' '\(Self.event(4))' >> '\(path)' ) &
                timeout 10 '\(CLI.binary.path)' events '\(path)' --follow --until-crash
                """
            let result = try Subprocess.run(["bash", "-c", script])
            #expect(result.status == 0)
            #expect(result.stdout == """
                  #0          10  call  inc
                  #1          20  call  inc
                X #2           -  crash  boom  ! overdrawn

                """)
            let piped = try Subprocess.run(["bash", "-c", "( printf '%s' '\(Self.header)\(Self.event(1))'; sleep 0.3; printf '%s' '\(Self.event(2))' ) | timeout 10 '\(CLI.binary.path)' events - --follow --json"])
            #expect(piped.status == 0)
            #expect(piped.stdout.split(separator: "\n").count == 2)
            #expect(piped.stderr == "replay-tui: <stdin>: the input ended\n")
        }
    }
}
