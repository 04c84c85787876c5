/// A key press, independent of the terminal library.
public enum Key: Hashable, Sendable, CustomStringConvertible {
    case char(Character)
    case ctrl(Character)  // Ctrl-A … Ctrl-Z as lowercase letters
    case up, down, left, right
    case pageUp, pageDown, home, end
    case enter, escape, tab, backTab, backspace, delete, insert
    case function(Int)

    /// How the help screen and status bar spell the key.
    public var description: String {
        switch self {
        case .char(" "): return "Space"
        case .char(let c): return String(c)
        case .ctrl(let c): return "Ctrl-" + c.uppercased()
        case .up: return "↑"
        case .down: return "↓"
        case .left: return "←"
        case .right: return "→"
        case .pageUp: return "PgUp"
        case .pageDown: return "PgDn"
        case .home: return "Home"
        case .end: return "End"
        case .enter: return "Enter"
        case .escape: return "Esc"
        case .tab: return "Tab"
        case .backTab: return "Shift-Tab"
        case .backspace: return "Backspace"
        case .delete: return "Del"
        case .insert: return "Ins"
        case .function(let n): return "F\(n)"
        }
    }
}

/// What the terminal reports.
public enum InputEvent: Hashable, Sendable {
    case key(Key)
    case resize(Size)
    /// The terminal is gone (input closed); the program should save what it can and stop.
    case hangup
}

/// The terminal, as the run loop sees it. The curses backend is the real one; tests use `TestBackend`.
public protocol TerminalBackend: AnyObject {
    var size: Size { get }
    /// Puts a frame on the screen.
    func draw(_ buffer: Buffer)
    /// The next input event, or nil when `timeoutMilliseconds` passed without one.
    func nextEvent(timeoutMilliseconds: Int) -> InputEvent?
}

/// An in-memory terminal: records frames and replays scripted events.
public final class TestBackend: TerminalBackend {
    public var size: Size
    public private(set) var frames: [Buffer] = []
    public var events: [InputEvent]

    public init(size: Size, events: [InputEvent] = []) { self.size = size; self.events = events }

    public func draw(_ buffer: Buffer) { frames.append(buffer) }

    public func nextEvent(timeoutMilliseconds: Int) -> InputEvent? {
        guard !events.isEmpty else { return nil }
        let e = events.removeFirst()
        if case .resize(let s) = e { size = s }
        return e
    }
}
