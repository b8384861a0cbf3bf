import ArgumentParser
import ReplayCore
import ReplayTUI

/// `replay-tui render TRACE --at I --size 120x40 --format text|ansi|svg [-o FILE]`: the
/// exact screen the debugger shows at a position, drawn by the same views.
struct Render: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Render the debugger's screen at a position as text, ANSI or SVG."
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, ansi, svg
    }

    @OptionGroup var input: RenderTraceArgument
    @OptionGroup var look: ThemeOption

    @Option(parsing: .unconditional, help: "Where: start, I (at event #I), crash, or end.", transform: TracePosition.argument)
    var at: TracePosition = .start

    @Option(help: "The terminal size, COLUMNSxROWS.")
    var size: String = "120x40"

    @Option(help: "text, ansi or svg.")
    var format: Format = .text

    @Option(name: .shortAndLong, help: "Write to this file (whole or not at all) instead of standard output.", completion: .file())
    var output: String?

    func run() throws {
        let parts = size.split(separator: "x").compactMap { Int($0) }
        guard parts.count == 2, parts[0] > 0, parts[1] > 0, parts[0] <= 1_000, parts[1] <= 500 else {
            throw ValidationError("--size must look like 120x40")
        }
        let theme = try look.resolve()
        guard Layout.fits(width: parts[0], height: parts[1]) else {
            Output.error("replay-tui: render: \(size) is smaller than the debugger's screen; the smallest is \(Layout.minimumWidth)x\(Layout.minimumHeight)")
            throw ExitCode(1)
        }
        var rendered = ""
        try input.reportingErrors { () throws(TraceError) in
            let trace = try input.load()
            var model = Model(trace: trace, fileName: baseName(input.displayPath), width: parts[0], height: parts[1])
            model = model.moved(to: try at.resolve(in: trace))
            if let failure = model.failure { throw failure }
            let canvas = view(model)
            rendered = switch format {
            case .text: canvas.text + "\n"
            case .ansi: ANSIRenderer.render(canvas, theme: theme)
            case .svg: SVGRenderer.render(canvas, theme: theme)
            }
        }
        guard let output else {
            Output.write(rendered)
            return Output.flush()
        }
        do {
            try AtomicFile.write(rendered, to: output)
        } catch {
            Output.error("replay-tui: \(error)")
            throw ExitCode(1)
        }
    }
}
