import Foundation
import ReplayCore
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// recorder-demo, a bank-account actor that records itself with ReplayRecorder: its trace
/// opens in replay-tui with the crash, and a run killed mid-way leaves every whole event.
@Suite(.timeLimit(.minutes(2))) struct RecorderDemoTests {
    static var demo: String { CLI.productsDirectory.appendingPathComponent("recorder-demo").path }

    private func temporaryPath(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("recorder-demo-\(getpid())-\(name).ndjson").path
    }

    private func size(of path: String) -> Int {
        var info = stat()
        return stat(path, &info) == 0 ? Int(info.st_size) : 0
    }

    @Test func theDemosTraceValidatesAndInfoReportsItsCrash() throws {
        let path = temporaryPath("run")
        defer { unlink(path) }
        let run = try Subprocess.run([Self.demo, path])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("recorded 25 events to \(path)"))
        let validate = try CLI.run(["validate", path])
        #expect(validate.status == 0, "\(validate.stderr)")
        #expect(validate.stdout.hasPrefix("\(path): ok: replay-trace, 25 events, crash at #24"))
        let info = try CLI.run(["info", path, "--json"])
        let facts = try JSONValue(parsing: info.stdout)
        #expect(facts["crash"]?["index"] == 24)
        #expect(facts["crash"]?["reason"]?.stringValue?.hasPrefix("Corruption: account 3 is frozen") == true)
        #expect(facts["title"] == "recorder-demo: a bank-account actor")
        // The refusals are error events, and the states read back as the bank's.
        #expect((facts["errors"]?.numberValue?.intValue ?? 0) >= 2)
        let balance = try CLI.run(["state", path, "--at", "crash", "--path", "/accounts/3/status"])
        #expect(balance.stdout == "\"frozen\"\n")
    }

    @Test func aTraceThatCannotBeCreatedIsOneLineAndExitOne() throws {
        let run = try Subprocess.run([Self.demo, "/nonexistent/bank.ndjson"])
        #expect(run.status == 1)
        #expect(run.stderr == "recorder-demo: /nonexistent/bank.ndjson: cannot create the trace: No such file or directory\n")
    }

    @Test func aRunKilledMidWayOpensWithEveryWholeEvent() throws {
        let path = temporaryPath("killed")
        defer { unlink(path) }
        let pid = try Subprocess.start([Self.demo, path, "--operations", "100000000"])
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline, size(of: path) < 400_000 {
            usleep(10_000)
        }
        Subprocess.stop(pid, signal: SIGKILL)
        let bytes = try Array(Data(contentsOf: URL(fileURLWithPath: path)))
        #expect(bytes.count >= 400_000, "the demo wrote too little before it was killed")
        #expect(bytes.last == UInt8(ascii: "\n"), "the file ends in the middle of a line")
        let lines = bytes.split(separator: UInt8(ascii: "\n")).count
        let trace = try TraceLoader.load(path: path)
        #expect(trace.warnings.isEmpty)
        #expect(trace.count == lines - 1)
        let replayer = Replayer(trace: trace, checkpointInterval: Replayer.noCheckpoints)
        let last = try replayer.state(at: trace.count)
        #expect(last["stats"]?["calls"]?.numberValue?.intValue == trace.count)
    }
}
