import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs a program to completion with posix_spawn and wait4. (Foundation's `Process` can
/// miss a child's exit on Linux and wait forever; these tests must never hang.) Output goes
/// through temporary files, so a chatty child can never block on a full pipe.
enum Subprocess {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs `arguments[0]` (looked up in PATH) with `input` on stdin; with `capture` false,
    /// its output is discarded (for programs that leave a daemon holding it, like tmux).
    /// Unless `environment` names one, `XDG_CACHE_HOME` is a folder of this run's own, so
    /// that no run reads or writes the user's index cache or another run's.
    static func run(_ arguments: [String], input: Data? = nil, capture: Bool = true, environment: [String: String] = [:]) throws -> Result {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("replay-run-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let inPath = directory.appendingPathComponent("in").path
        let outPath = capture ? directory.appendingPathComponent("out").path : "/dev/null"
        let errPath = capture ? directory.appendingPathComponent("err").path : "/dev/null"
        try (input ?? Data()).write(to: URL(fileURLWithPath: inPath))

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, inPath, O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        var cArguments = arguments.map { strdup($0) } + [nil]
        defer { cArguments.forEach { free($0) } }
        var variables = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        if environment["XDG_CACHE_HOME"] == nil { variables["XDG_CACHE_HOME"] = directory.appendingPathComponent("cache").path }
        variables = variables.filter { !$0.value.isEmpty || environment[$0.key] == nil }
        var cEnvironment = variables.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { cEnvironment.forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawnp(&pid, arguments[0], &actions, nil, &cArguments, &cEnvironment)
        guard spawned == 0 else { throw SubprocessError(message: "cannot run \(arguments[0]): \(String(cString: strerror(spawned)))") }
        var status: Int32 = 0
        while wait4(pid, &status, 0, nil) < 0 {
            guard errno == EINTR else { throw SubprocessError(message: "wait4 failed: \(String(cString: strerror(errno)))") }
        }
        // WIFEXITED / WEXITSTATUS / WTERMSIG are macros: decode the status word by hand.
        let exitStatus = (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
        func read(_ path: String) -> String {
            capture ? (try? String(contentsOfFile: path, encoding: .utf8)) ?? "" : ""
        }
        return Result(status: exitStatus, stdout: read(outPath), stderr: read(errPath))
    }

    /// Runs a program as ``run(_:input:capture:environment:)`` does and measures its peak
    /// resident memory in kilobytes.
    ///
    /// The program is started by a small Python process, not by this one: a child that
    /// posix_spawn starts shares its parent's memory until it execs, and Linux then counts
    /// the parent's peak as the child's (`ru_maxrss`), which for a test runner holding
    /// hundreds of megabytes would swamp what is measured.
    static func runMeasuringPeak(_ arguments: [String], environment: [String: String] = [:]) throws -> (result: Result, peakKilobytes: Int) {
        let peakFile = FileManager.default.temporaryDirectory.appendingPathComponent("replay-peak-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: peakFile) }
        let script = """
            import resource, subprocess, sys
            status = subprocess.call(sys.argv[2:])
            open(sys.argv[1], "w").write(str(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss))
            sys.exit(status if status >= 0 else 128 - status)
            """
        let result = try run(["python3", "-c", script, peakFile] + arguments, environment: environment)
        let peak = (try? String(contentsOfFile: peakFile, encoding: .utf8)).flatMap { Int($0) }
        guard let peak else { throw SubprocessError(message: "no peak memory measured: \(result.stderr)") }
        return (result, peak)
    }
}

extension Subprocess {
    /// Starts `arguments[0]` with its output discarded and returns at once with its process
    /// id; the caller ends it (``stop(_:signal:)``).
    static func start(_ arguments: [String]) throws -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        var cArguments = arguments.map { strdup($0) } + [nil]
        defer { cArguments.forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawnp(&pid, arguments[0], &actions, nil, &cArguments, environ)
        guard spawned == 0 else { throw SubprocessError(message: "cannot run \(arguments[0]): \(String(cString: strerror(spawned)))") }
        return pid
    }

    /// Sends `signal` to a process `start` started and waits for it to end.
    static func stop(_ pid: pid_t, signal: Int32) {
        kill(pid, signal)
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0, errno == EINTR {}
    }
}

struct SubprocessError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}
