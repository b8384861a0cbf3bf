import Foundation
import Testing

/// Every suite that drives the program in tmux, run one test at a time: each test waits on
/// a screen with blocking sleeps, and the test runner has as few threads as cores, so two
/// such suites side by side would keep every other test from running.
@Suite(.serialized) enum InTmux {}

/// Runs the built binary in a real terminal — a detached tmux session — and reads the screen
/// as a person would see it: `send-keys` to type, `capture-pane` to look.
final class TmuxSession {
    let name: String
    private let directory: URL

    /// Starts `replay-tui arguments...` in a `width` x `height` pane. After the program exits,
    /// the pane shows `EXIT=<status>` and whether the terminal was left with echo on.
    /// `program` runs instead of replay-tui when given (e.g. `bash -c "... | replay-tui -"`).
    /// The index cache is `cacheHome`'s (`XDG_CACHE_HOME`), by default a folder of this
    /// session's own, so that no test reads or writes the user's cache or another test's.
    init(_ arguments: [String], program: String? = nil, width: Int = 120, height: Int = 40, cacheHome: String? = nil) throws {
        name = "replay-e2e-\(UUID().uuidString.prefix(8))"
        directory = FileManager.default.temporaryDirectory.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let script = directory.appendingPathComponent("run.sh")
        let command = ([program ?? CLI.binary.path] + arguments).map { "'\($0.replacingOccurrences(of: "'", with: "'\\''"))'" }.joined(separator: " ")
        try """
            #!/bin/bash
            export XDG_CACHE_HOME='\(cacheHome ?? directory.appendingPathComponent("cache").path)'
            \(command)
            status=$?
            if stty -a | grep -qw -- -echo; then echo "EXIT=$status ECHO=off"; else echo "EXIT=$status ECHO=on"; fi
            sleep 600
            """.write(to: script, atomically: true, encoding: .utf8)
        // Suites run side by side: when another test kills the last session, the tmux server
        // exits, and a new-session racing with its exit fails. A second try finds it gone.
        var attempt = 1
        while true {
            do {
                try TmuxSession.tmux(["new-session", "-d", "-s", name, "-x", "\(width)", "-y", "\(height)", "bash \(script.path)"], capture: false)
                break
            } catch where attempt < 3 {
                attempt += 1
                Thread.sleep(forTimeInterval: 0.2)
            }
        }
    }

    deinit {
        _ = try? TmuxSession.tmux(["kill-session", "-t", name])
        try? FileManager.default.removeItem(at: directory)
    }

    /// Sends tmux key names (`Right`, `Space`, `C-c`, `q`...).
    func send(_ keys: String...) throws {
        for key in keys { try TmuxSession.tmux(["send-keys", "-t", name, key]) }
    }

    /// Types `text` as it is (no key names).
    func type(_ text: String) throws {
        try TmuxSession.tmux(["send-keys", "-t", name, "-l", text])
    }

    /// The screen as text.
    func screen() throws -> String {
        try TmuxSession.tmux(["capture-pane", "-p", "-t", name])
    }

    /// The first screen line, the header.
    func header() throws -> String {
        try screen().split(separator: "\n", omittingEmptySubsequences: false).first.map(String.init) ?? ""
    }

    /// Waits up to `seconds` for the screen to satisfy `condition` twice, 30 ms apart (a
    /// frame caught half drawn is looked at again); returns that screen, or the last one.
    @discardableResult
    func waitFor(_ seconds: Double = 8, _ condition: (String) -> Bool) throws -> String {
        let deadline = Date().addingTimeInterval(seconds)
        var last = ""
        repeat {
            last = try screen()
            if condition(last) {
                // tmux may show a frame half drawn: look again a moment later, and take that
                // screen when it still holds, so that what the caller reads next is whole.
                Thread.sleep(forTimeInterval: 0.03)
                let settled = try screen()
                if condition(settled) { return settled }
                last = settled
                continue
            }
            Thread.sleep(forTimeInterval: 0.05)
        } while Date() < deadline
        return last
    }

    /// tmux's view of the pane's terminal modes: alternate screen, cursor visible, mouse reporting.
    func modes() throws -> String {
        try TmuxSession.tmux(["display-message", "-p", "-t", name, "#{alternate_on} #{cursor_flag} #{mouse_any_flag}"])
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The process id of the program (the child of the pane's shell).
    func programID() throws -> Int32? {
        let shell = try TmuxSession.tmux(["display-message", "-p", "-t", name, "#{pane_pid}"]).trimmingCharacters(in: .whitespacesAndNewlines)
        let children = try String(contentsOfFile: "/proc/\(shell)/task/\(shell)/children", encoding: .utf8)
        return children.split(separator: " ").first.flatMap { Int32($0) }
    }

    func resize(width: Int, height: Int) throws {
        try TmuxSession.tmux(["resize-window", "-t", name, "-x", "\(width)", "-y", "\(height)"])
    }

    /// Runs a tmux command. `new-session` may start the tmux server, which would hold
    /// captured output open forever, so its output is not captured.
    @discardableResult
    static func tmux(_ arguments: [String], capture: Bool = true) throws -> String {
        let result = try Subprocess.run(["tmux"] + arguments, capture: capture)
        guard result.status == 0 else {
            throw TmuxError(message: "tmux \(arguments.joined(separator: " ")) failed: \(result.stdout)\(result.stderr)")
        }
        return result.stdout
    }
}

struct TmuxError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}
