import CNcursesw
import Foundation
import TerminalUI

/// The one place that talks to ncursesw: starts and restores the terminal, draws buffers, reads keys.
///
/// The terminal is restored by `stop()`, by an `atexit` handler registered before curses starts,
/// and by the crash-signal handlers in `TerminalGuard`; SIGHUP/SIGTERM/SIGINT only set a flag that
/// the run loop polls, so the normal exit path (with the database closed cleanly) runs.
public final class CursesBackend: TerminalBackend {
    public enum StartError: Error, CustomStringConvertible {
        case notATerminal
        case unknownTerminal(String)
        public var description: String {
            switch self {
            case .notATerminal: return "shouhu needs an interactive terminal (standard input and output must be a terminal)"
            case .unknownTerminal(let t):
                return "unknown terminal type '\(t)'; set TERM to one this system knows, for example TERM=xterm-256color"
            }
        }
    }

    private let screen: OpaquePointer
    private let useColor: Bool
    private var pairs: [Int: Int16] = [:]
    private var stopped = false
    /// Consecutive reads that failed at once instead of waiting: the terminal has gone away.
    private var instantFailures = 0

    /// Sets a UTF-8 locale (falling back to C.UTF-8), then starts curses on the controlling terminal.
    public static func start(useColor requested: Bool) throws -> CursesBackend {
        guard isatty(0) == 1, isatty(1) == 1 else { throw StartError.notATerminal }
        setlocale(LC_ALL, "")
        if !TextWidth.localeIsUTF8() { setlocale(LC_ALL, "C.UTF-8") }
        TextWidth.prepareLocale()
        let term = ProcessInfo.processInfo.environment["TERM"] ?? ""
        TerminalGuard.install()
        // newterm, unlike initscr, returns nil for an unknown TERM instead of exiting the process.
        guard !term.isEmpty, let scr = newterm(nil, stdout, stdin) else { throw StartError.unknownTerminal(term) }
        set_term(scr)
        let backend = CursesBackend(screen: scr, useColor: requested && has_colors())
        TerminalGuard.active = true
        return backend
    }

    private init(screen: OpaquePointer, useColor: Bool) {
        self.screen = screen
        self.useColor = useColor
        raw()          // Ctrl-C, Ctrl-S, Ctrl-Z arrive as keys
        noecho()
        nonl()
        keypad(shouhu_stdscr(), true)
        set_escdelay(25)
        curs_set(0)
        if useColor {
            start_color()
            use_default_colors()
        }
    }

    deinit { stop() }

    /// Restores the terminal. Safe to call more than once.
    public func stop() {
        guard !stopped else { return }
        stopped = true
        TerminalGuard.restore()
        delscreen(screen)
    }

    public var size: Size { Size(width: Int(shouhu_cols()), height: Int(shouhu_lines())) }

    private func pair(for style: Style) -> Int16 {
        guard useColor, style.fg != nil || style.bg != nil else { return 0 }
        let key = (style.fg?.rawValue ?? 9) * 16 + (style.bg?.rawValue ?? 9)
        if let p = pairs[key] { return p }
        let n = Int16(pairs.count + 1)
        guard Int32(n) < COLOR_PAIRS else { return 0 }
        init_pair(n, Int16(style.fg?.rawValue ?? -1), Int16(style.bg?.rawValue ?? -1))
        pairs[key] = n
        return n
    }

    private func attributes(for style: Style) -> attr_t {
        // With colors, the colors carry the meaning and reverse is dropped; without, reverse shows it.
        let s = useColor ? style : style.monochrome
        var a = shouhu_a_normal()
        if s.bold { a |= shouhu_a_bold() }
        if s.underline { a |= shouhu_a_underline() }
        if s.dim { a |= shouhu_a_dim() }
        if s.reverse && !(useColor && (style.fg != nil || style.bg != nil)) { a |= shouhu_a_reverse() }
        return a
    }

    public func draw(_ buffer: Buffer) {
        let win = shouhu_stdscr()
        let width = min(buffer.size.width, Int(shouhu_cols()))
        let height = min(buffer.size.height, Int(shouhu_lines()))
        var cc = cchar_t()
        for y in 0..<height {
            for x in 0..<width {
                let cell = buffer[x, y]
                if cell.isContinuation { continue }
                var wide: [wchar_t] = cell.grapheme.unicodeScalars.prefix(4).map { wchar_t(bitPattern: $0.value) }
                wide.append(0)
                let p = pair(for: cell.style)
                setcchar(&cc, wide, attributes(for: cell.style), p, nil)
                mvwadd_wch(win, Int32(y), Int32(x), &cc)
            }
        }
        if let (x, y) = buffer.cursor, x < width, y < height {
            wmove(win, Int32(y), Int32(x))
            curs_set(1)
        } else {
            curs_set(0)
        }
        wnoutrefresh(win)
        doupdate()
    }

    public func nextEvent(timeoutMilliseconds: Int) -> InputEvent? {
        let win = shouhu_stdscr()
        wtimeout(win, Int32(timeoutMilliseconds))
        var ch: wint_t = 0
        let started = DispatchTime.now().uptimeNanoseconds
        let r = wget_wch(win, &ch)
        if r == ERR {
            // A timeout waits; a closed terminal (input at EOF, hangup without a signal) fails at once.
            let waited = DispatchTime.now().uptimeNanoseconds - started
            instantFailures = timeoutMilliseconds > 0 && waited < 1_000_000 ? instantFailures + 1 : 0
            return instantFailures > 50 ? .hangup : nil
        }
        instantFailures = 0
        if r == KEY_CODE_YES {
            let code = Int32(ch)
            if code == KEY_RESIZE { return .resize(size) }
            return Self.functionKey(code).map(InputEvent.key)
        }
        return Self.character(UInt32(ch)).map(InputEvent.key)
    }

    static func functionKey(_ code: Int32) -> Key? {
        switch code {
        case KEY_UP: return .up
        case KEY_DOWN: return .down
        case KEY_LEFT: return .left
        case KEY_RIGHT: return .right
        case KEY_PPAGE: return .pageUp
        case KEY_NPAGE: return .pageDown
        case KEY_HOME: return .home
        case KEY_END: return .end
        case KEY_BACKSPACE: return .backspace
        case KEY_DC: return .delete
        case KEY_IC: return .insert
        case KEY_BTAB: return .backTab
        case KEY_ENTER: return .enter
        default:
            for n in 1...12 where code == shouhu_key_f(Int32(n)) { return .function(n) }
            return nil
        }
    }

    static func character(_ value: UInt32) -> Key? {
        switch value {
        case 10, 13: return .enter
        case 27: return .escape
        case 9: return .tab
        case 8, 127: return .backspace
        case 1...26: return .ctrl(Character(Unicode.Scalar(value + 96)!))
        case 0..<32: return nil
        default:
            guard let scalar = Unicode.Scalar(value) else { return nil }
            return .char(Character(scalar))
        }
    }
}

/// Process-wide terminal safety: restore on exit and on crashes; note stop signals for the loop.
public enum TerminalGuard {
    nonisolated(unsafe) static var active = false
    nonisolated(unsafe) static var installed = false
    /// The last stop signal received (SIGHUP, SIGTERM, SIGINT), 0 if none.
    nonisolated(unsafe) public private(set) static var stopSignal: Int32 = 0

    static func restore() {
        guard active else { return }
        active = false
        endwin()
    }

    /// Registers the exit handler and signal handlers. Called before curses starts.
    public static func install() {
        guard !installed else { return }
        installed = true
        atexit { TerminalGuard.restore() }
        signal(SIGPIPE, SIG_IGN)
        for sig in [SIGHUP, SIGTERM, SIGINT, SIGQUIT] {
            signal(sig) { s in TerminalGuard.stopSignal = s }
        }
        for sig in [SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGABRT, SIGFPE] {
            signal(sig) { s in
                if TerminalGuard.active { endwin() }
                signal(s, SIG_DFL)
                raise(s)
            }
        }
    }
}
