import ReplayCore
import ReplayTUI

/// The man page, replay-tui(1), written from the commands themselves: the command tree as
/// swift-argument-parser describes it (the JSON of `--experimental-dump-help`), the keys from
/// ``KeyMap/bindings`` and the exit codes, so that docs/replay-tui.1 cannot drift from them.
struct ManualPage {
    /// The tool's description, as `ReplayTUI._dumpHelp()` gives it.
    let tool: JSONValue
    let version: String

    /// The page, in roff with the man macros.
    var text: String {
        let command = tool["command"] ?? [:]
        let name = command["commandName"]?.stringValue ?? "replay-tui"
        let subcommands = (command["subcommands"]?.arrayValue ?? []).filter(Self.isShown).filter { $0["commandName"]?.stringValue != "help" }
        var page = [
            #".TH "\#(name.uppercased())" 1 "" "\#(version)" "User Commands""#,
            ".SH NAME",
            "\(name) \\- \(Self.escaped(command["abstract"]?.stringValue ?? ""))",
            ".SH SYNOPSIS",
        ]
        let defaultName = command["defaultSubcommand"]?.stringValue
        if let opening = subcommands.first(where: { $0["commandName"]?.stringValue == defaultName }) {
            page.append(Self.synopsis([name], opening))
            page.append(".br")
        }
        page.append(".B \(name)\n.I COMMAND TRACE\n[\\fIOPTIONS\\fR]")
        page.append(".br")
        page.append(".B \(name)\n[\\fB\\-\\-version\\fR] [\\fB\\-\\-help\\fR] [\\fB\\-\\-generate\\-completion\\-script\\fR \\fIbash\\fR|\\fIzsh\\fR|\\fIfish\\fR]")
        page.append(".SH DESCRIPTION")
        page += Self.paragraphs(command["discussion"]?.stringValue ?? "")
        page.append(".PP\nWith no command, \\fB\(name) TRACE\\fR opens the debugger (the \\fB\(defaultName ?? "open")\\fR command). \\fB\(name) help COMMAND\\fR prints a command's help.")
        page.append(".SH COMMANDS")
        for subcommand in subcommands {
            page += commandSection(name, subcommand)
        }
        page += keysSection(name)
        page += Self.closingSections
        return page.joined(separator: "\n") + "\n"
    }

    private func commandSection(_ tool: String, _ command: JSONValue) -> [String] {
        var lines = [".SS \(command["commandName"]?.stringValue ?? "")", Self.synopsis([tool], command), ".PP"]
        lines.append(Self.escaped(command["abstract"]?.stringValue ?? ""))
        lines += Self.paragraphs(command["discussion"]?.stringValue ?? "")
        for argument in Self.arguments(of: command) {
            lines.append(".TP")
            lines.append(Self.term(argument))
            var help = argument["abstract"]?.stringValue ?? ""
            if let values = argument["allValues"]?.arrayValue?.compactMap(\.stringValue), !values.isEmpty {
                help += " One of: \(values.joined(separator: ", "))."
            }
            if let value = argument["defaultValue"]?.stringValue {
                help += " Default: \(value)."
            }
            lines.append(Self.escaped(help))
        }
        return lines
    }

    private func keysSection(_ tool: String) -> [String] {
        var lines = [
            ".SH KEYS",
            "In the debugger (press \\fB?\\fR there for the same list):",
        ]
        for binding in KeyMap.bindings {
            lines.append(".TP")
            lines.append(".B \(Self.quoted(binding.label))")
            lines.append(Self.escaped(binding.help))
        }
        return lines
    }

    private static let closingSections = [
        ".SH EXIT STATUS",
        ".TP", ".B 0", "Success.",
        ".TP", ".B 1",
        escaped("The trace could not be read (the message says where: path:line:col: message, or path: event #i: message), a change did not apply, a position was past the end, find found nothing, or an output file could not be written."),
        ".TP", ".B 64",
        escaped("The command line was wrong: an unknown option, a missing argument or a value an option does not take."),
        ".TP", ".B 128+N",
        escaped("The debugger was ended by signal N (SIGINT, SIGTERM, SIGHUP), after restoring the terminal."),
        ".SH ENVIRONMENT",
        ".TP", ".B NO_COLOR",
        escaped("When set and not empty, the debugger and render use the mono theme unless --theme names another."),
        ".TP", ".B XDG_CACHE_HOME",
        escaped("Where the index cache lives: $XDG_CACHE_HOME/replay-tui, else ~/.cache/replay-tui."),
        ".TP", ".B REPLAY_TUI_CACHE_LIMIT",
        escaped("The most the index cache may take, in bytes or with K, M or G (2G by default); past it, the indexes used least recently are deleted. 0 turns the cache off, as --no-cache does for one command."),
        ".SH FILES",
        escaped("$XDG_CACHE_HOME/replay-tui/*.index: a native trace's index, saved when it was first read, reused while the trace's size, modification time, inode and first and last 64 KB are the same; traces under 128 KB, modified in the last 2 seconds, gzip or read from standard input are not cached. Each file is checksummed; a damaged, stale or foreign one is ignored and rebuilt."),
        ".PP",
        escaped("$XDG_CACHE_HOME/replay-tui/*.checkpoints: states replay passed in a cached trace, saved by state, diff and the debugger, so that End, c and state --at end on a second look start near the end; checked like the index, at most an eighth of the trace's size (16 MB to 256 MB)."),
        ".PP",
        escaped("Traces are read, never written. The native format is described in docs/trace-format.md, the other recorders' formats in docs/formats.md, the query language of find, B and f in docs/queries.md, every key and mouse action in docs/keys.md."),
        ".SH SEE ALSO",
        escaped("The README and docs/ of the replay-tui sources; the ReplayRecorder library records a Swift program's run as a trace (docs/recorder.md)."),
    ]

    /// Whether the parser shows this command or argument in help.
    private static func isShown(_ item: JSONValue) -> Bool {
        item["shouldDisplay"] != .bool(false)
    }

    /// The arguments a command documents, without the --version and --help every one has.
    private static func arguments(of command: JSONValue) -> [JSONValue] {
        (command["arguments"]?.arrayValue ?? []).filter(isShown).filter {
            let name = $0["preferredName"]?["name"]?.stringValue
            return name != "help" && name != "version"
        }
    }

    /// `.B replay-tui info` then the arguments, as usage writes them.
    private static func synopsis(_ prefix: [String], _ command: JSONValue) -> String {
        let name = (prefix + [command["commandName"]?.stringValue ?? ""]).joined(separator: " ")
        let usage = arguments(of: command).map { argument -> String in
            let text = usageTerm(argument)
            return argument["isOptional"] == .bool(true) ? "[\(text)]" : text
        }
        return ".B \(name)\n" + usage.joined(separator: " ")
    }

    /// `\fB--at\fR \fIAT\fR`, `\fITRACE\fR`: one argument in a usage line.
    private static func usageTerm(_ argument: JSONValue) -> String {
        let value = "\\fI\(escaped(argument["valueName"]?.stringValue?.uppercased() ?? "VALUE"))\\fR"
        switch argument["kind"]?.stringValue {
        case "positional": return value
        case "flag": return "\\fB\(flagName(argument["preferredName"]))\\fR"
        default: return "\\fB\(flagName(argument["preferredName"]))\\fR \(value)"
        }
    }

    /// The tag of an argument's entry: every name it has, and its value.
    private static func term(_ argument: JSONValue) -> String {
        let value = "\\fI\(escaped(argument["valueName"]?.stringValue?.uppercased() ?? "VALUE"))\\fR"
        guard argument["kind"]?.stringValue != "positional" else { return value }
        let names = (argument["names"]?.arrayValue ?? []).map { "\\fB\(flagName($0))\\fR" }.joined(separator: ", ")
        return argument["kind"]?.stringValue == "flag" ? names : "\(names) \(value)"
    }

    /// `-o` or `--output`, with roff's minus signs.
    private static func flagName(_ name: JSONValue?) -> String {
        let text = name?["name"]?.stringValue ?? ""
        let dashes = name?["kind"]?.stringValue == "long" ? "--" : "-"
        return escaped(dashes + text)
    }

    /// Text as roff paragraphs: a line per line, `.PP` between paragraphs.
    private static func paragraphs(_ text: String) -> [String] {
        guard !text.isEmpty else { return [] }
        return [".PP"] + text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            line.isEmpty ? ".PP" : escaped(String(line))
        }
    }

    /// A macro argument in double quotes.
    private static func quoted(_ text: String) -> String {
        "\"" + escaped(text).replacingAll("\"", with: "\\(dq") + "\""
    }

    /// Text roff prints as is: backslashes and minus signs escaped, and a line that would
    /// start with a control character (`.` or `'`) guarded.
    static func escaped(_ text: String) -> String {
        let escaped = text.replacingAll("\\", with: "\\e").replacingAll("-", with: "\\-")
        return escaped.hasPrefix(".") || escaped.hasPrefix("'") ? "\\&" + escaped : escaped
    }
}

extension String {
    /// Every occurrence of `target` replaced by `replacement`.
    func replacingAll(_ target: String, with replacement: String) -> String {
        split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
