/// One terminal cell: a grapheme and its style. A wide character occupies its cell and marks the
/// next one as its continuation (`isContinuation`), which backends skip when drawing.
public struct Cell: Hashable, Sendable {
    public var grapheme: Character
    public var width: Int
    public var style: Style
    public var isContinuation: Bool { width == 0 }

    public init(_ grapheme: Character = " ", width: Int = 1, style: Style = .plain) {
        self.grapheme = grapheme; self.width = width; self.style = style
    }

    static let blank = Cell()
    static func continuation(_ style: Style) -> Cell { Cell(" ", width: 0, style: style) }
}

/// A screen's worth of cells. Views only write here; a backend puts it on the terminal, and tests
/// read its text.
public struct Buffer: Equatable, Sendable {
    public let size: Size
    public private(set) var cells: [Cell]
    /// Where the terminal cursor should stand (a text field being edited), or nil to hide it.
    public var cursor: (x: Int, y: Int)? {
        get { cursorPosition.map { ($0 % max(1, size.width), $0 / max(1, size.width)) } }
        set { cursorPosition = newValue.map { $0.y * size.width + $0.x } }
    }
    private var cursorPosition: Int?

    public init(size: Size) {
        self.size = size
        cells = Array(repeating: .blank, count: max(0, size.width * size.height))
    }

    public var area: Rect { Rect(x: 0, y: 0, width: size.width, height: size.height) }

    public subscript(x: Int, y: Int) -> Cell {
        get { cells[y * size.width + x] }
    }

    func contains(_ x: Int, _ y: Int) -> Bool { x >= 0 && y >= 0 && x < size.width && y < size.height }

    /// Writes `text` from (x, y), clipped to `maxWidth` columns (and the buffer edge). A wide character
    /// that would not fit whole is replaced by `…`; longer text ends in `…`. Returns the columns used.
    ///
    /// This is the one door by which text reaches the screen: control characters, escape sequences and
    /// bidi overrides are made inert here (`InertText`), whatever the caller passed.
    @discardableResult
    public mutating func put(_ text: String, x: Int, y: Int, style: Style = .plain, maxWidth: Int? = nil) -> Int {
        guard y >= 0, y < size.height, x < size.width else { return 0 }
        let limit = min(maxWidth ?? Int.max, size.width - x)
        guard limit > 0 else { return 0 }
        let shown = TextWidth.truncate(InertText.make(text), to: limit)
        var col = x
        for ch in shown {
            let w = TextWidth.of(ch)
            if col < 0 { col += w; continue }
            setCell(col, y, Cell(ch, width: w, style: style))
            if w == 2 { setCell(col + 1, y, .continuation(style)) }
            col += w
        }
        return col - x
    }

    /// Writes `text` padded with spaces (in `style`) to exactly `width` columns.
    public mutating func putPadded(_ text: String, x: Int, y: Int, width: Int, style: Style = .plain, alignRight: Bool = false) {
        put(TextWidth.fit(text, to: width, alignRight: alignRight), x: x, y: y, style: style, maxWidth: width)
    }

    /// Fills a rectangle with blanks in `style`.
    public mutating func fill(_ rect: Rect, style: Style = .plain) {
        for y in rect.y..<rect.maxY where y >= 0 && y < size.height {
            for x in rect.x..<rect.maxX where x >= 0 && x < size.width {
                cells[y * size.width + x] = Cell(" ", width: 1, style: style)
            }
        }
    }

    /// Sets a style on every cell of a rectangle, keeping its characters.
    public mutating func restyle(_ rect: Rect, _ transform: (inout Style) -> Void) {
        for y in rect.y..<rect.maxY where y >= 0 && y < size.height {
            for x in rect.x..<rect.maxX where x >= 0 && x < size.width {
                transform(&cells[y * size.width + x].style)
            }
        }
    }

    private mutating func setCell(_ x: Int, _ y: Int, _ cell: Cell) {
        guard contains(x, y) else { return }
        let i = y * size.width + x
        // Overwriting half of a wide character blanks its other half so no half glyph remains.
        if cells[i].width == 2, x + 1 < size.width, cell.width != 2 { cells[i + 1] = .blank }
        if cells[i].isContinuation, x > 0 { cells[i - 1] = .blank }
        cells[i] = cell
        if cell.width == 2, x + 1 >= size.width { cells[i] = Cell("…", width: 1, style: cell.style) }
    }

    /// The text of one row (continuation cells omitted), trailing spaces removed.
    public func line(_ y: Int) -> String {
        var s = ""
        for x in 0..<size.width {
            let c = self[x, y]
            if !c.isContinuation { s.append(c.grapheme) }
        }
        while s.last == " " { s.removeLast() }
        return s
    }

    /// All rows joined with newlines: what a golden file holds.
    public var text: String { (0..<size.height).map(line).joined(separator: "\n") }
}
