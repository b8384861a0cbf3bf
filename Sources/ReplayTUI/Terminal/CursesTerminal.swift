import CNcurses

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The real terminal, through ncursesw: the only file that imports CNcurses.
///
/// Full screen on the alternate screen, raw keys (Ctrl-C arrives as a key), mouse clicks and
/// wheel, SIGTERM/SIGHUP/SIGINT caught into a flag so that the loop can restore the terminal
/// before exiting. ``restore()`` is safe to call more than once.
public final class CursesTerminal: Terminal {
    private let theme: Theme
    private var pairs: [ColorKey: Int16] = [:]
    private var usesColor = false
    private var isOpen = false

    private struct ColorKey: Hashable {
        var foreground: Role
        var background: Role
    }

    /// Takes over the terminal: the process's own, or the one at `terminalPath` (`/dev/tty`
    /// when standard input brings the trace). Nil when that terminal cannot be opened.
    public init?(theme: Theme, terminalPath: String? = nil) {
        self.theme = theme
        replay_setup_locale()
        guard replay_open_terminal(terminalPath) == 0 else { return nil }
        replay_catch_signals()
        isOpen = true
        raw()
        noecho()
        nonl()
        keypad(replay_stdscr(), true)
        set_escdelay(25)
        curs_set(0)
        if !theme.isMonochrome, has_colors() {
            start_color()
            usesColor = true
        }
        replay_enable_mouse()
    }

    /// Mouse reports in the SGR encoding that curses passes on as characters.
    private var sgrMouse = SGRMouseDecoder()

    deinit {
        restore()
    }

    public var size: (width: Int, height: Int) {
        (Int(replay_cols()), Int(replay_lines()))
    }

    public func restore() {
        guard isOpen else { return }
        isOpen = false
        replay_disable_mouse()
        curs_set(1)
        endwin()
    }

    public func draw(_ canvas: Canvas) {
        erase()
        for y in 0..<canvas.height {
            var x = 0
            while x < canvas.width {
                let style = canvas[x, y].style
                var run = ""
                let start = x
                while x < canvas.width, canvas[x, y].style == style {
                    run += canvas[x, y].text
                    x += 1
                }
                let (attributes, pair) = self.attributes(for: style)
                run.withCString { replay_put(Int32(y), Int32(start), $0, attributes, pair) }
            }
        }
        refresh()
    }

    public func read(timeout milliseconds: Int?) -> [TerminalInput] {
        var inputs: [TerminalInput] = []
        var wait = Int32(milliseconds ?? -1)
        while inputs.count < 64 {
            var code: wint_t = 0
            let status = replay_read(wait, &code)
            let signal = replay_take_signal()
            if signal != 0 { return inputs + [.signal(signal)] }
            if status == ERR { break }
            if status == KEY_CODE_YES {
                if let msg = message(forKeyCode: Int32(code)) { inputs.append(.message(msg)) }
            } else {
                switch sgrMouse.feed(UInt32(code)) {
                case .pending: break
                case .mouse(let event): if let event { inputs.append(.message(.mouse(event))) }
                case .keys(let codes): inputs += codes.compactMap(message(forCharacter:)).map(TerminalInput.message)
                }
            }
            wait = 0
        }
        inputs += sgrMouse.flush().compactMap(message(forCharacter:)).map(TerminalInput.message)
        return inputs
    }

    private func message(forCharacter code: UInt32) -> Msg? {
        switch code {
        case 3: return .key(.interrupt)
        case 9: return .key(.tab)
        case 10, 13: return .key(.enter)
        case 27: return .key(.escape)
        case 8, 127: return .key(.backspace)
        default:
            guard let scalar = Unicode.Scalar(code), code >= 0x20 else { return nil }
            return .key(.character(Character(scalar)))
        }
    }

    private func message(forKeyCode code: Int32) -> Msg? {
        switch code {
        case KEY_LEFT: return .key(.left)
        case KEY_RIGHT: return .key(.right)
        case KEY_UP: return .key(.up)
        case KEY_DOWN: return .key(.down)
        case KEY_SLEFT: return .key(.shiftLeft)
        case KEY_SRIGHT: return .key(.shiftRight)
        case KEY_PPAGE: return .key(.pageUp)
        case KEY_NPAGE: return .key(.pageDown)
        case KEY_HOME, KEY_FIND, KEY_A1: return .key(.home)
        case KEY_END, KEY_SELECT, KEY_C1: return .key(.end)
        case KEY_ENTER: return .key(.enter)
        case KEY_BACKSPACE: return .key(.backspace)
        case KEY_BTAB: return .key(.backTab)
        case KEY_RESIZE: return .resize(width: Int(replay_cols()), height: Int(replay_lines()))
        case KEY_MOUSE:
            var x: Int32 = 0
            var y: Int32 = 0
            var buttons: UInt = 0
            guard replay_mouse(&x, &y, &buttons) == 0 else { return nil }
            if buttons & replay_wheel_up() != 0 { return .mouse(.wheelUp(x: Int(x), y: Int(y))) }
            if buttons & replay_wheel_down() != 0 { return .mouse(.wheelDown(x: Int(x), y: Int(y))) }
            if buttons & (replay_button1_pressed() | replay_button1_clicked()) != 0 { return .mouse(.click(x: Int(x), y: Int(y))) }
            return nil
        default:
            return nil
        }
    }

    /// Curses attributes and colour pair for a style under the theme.
    private func attributes(for style: Style) -> (attr_t, Int16) {
        let look = theme.attributes(for: style)
        var attributes: attr_t = 0
        if look.bold { attributes |= replay_attribute_bold() }
        if look.dim { attributes |= replay_attribute_dim() }
        if look.underline { attributes |= replay_attribute_underline() }
        if look.reverse { attributes |= replay_attribute_reverse() }
        guard usesColor else { return (attributes, 0) }
        return (attributes, pair(ColorKey(foreground: style.foreground, background: style.background ?? .background)))
    }

    private func pair(_ key: ColorKey) -> Int16 {
        if let pair = pairs[key] { return pair }
        let number = Int16(pairs.count + 1)
        guard Int32(number) < replay_color_pairs() else { return 0 }
        init_pair(number, color(key.foreground), color(key.background))
        pairs[key] = number
        return number
    }

    /// The palette index for a role: xterm-256 when the terminal has it, else one of 8.
    private func color(_ role: Role) -> Int16 {
        guard let rgb = theme.color(role) else { return -1 }
        if replay_colors() >= 256 { return Int16(rgb.xterm256) }
        let bright = (Int(rgb.red) + Int(rgb.green) + Int(rgb.blue)) > 384
        let index = (rgb.red > 127 ? 1 : 0) | (rgb.green > 127 ? 2 : 0) | (rgb.blue > 127 ? 4 : 0)
        return Int16(index == 0 && bright ? 7 : index)
    }
}
