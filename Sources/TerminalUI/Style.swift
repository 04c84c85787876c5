/// The eight basic terminal colors; backends map them to what the terminal has.
public enum Color: Int, Hashable, Sendable, CaseIterable {
    case black = 0, red, green, yellow, blue, magenta, cyan, white
}

/// How a cell looks. Readable in monochrome: every meaning carried by color is also carried by
/// bold, reverse or underline somewhere, so `NO_COLOR` loses nothing essential.
public struct Style: Hashable, Sendable {
    public var fg: Color?
    public var bg: Color?
    public var bold: Bool
    public var reverse: Bool
    public var underline: Bool
    public var dim: Bool

    public init(fg: Color? = nil, bg: Color? = nil, bold: Bool = false, reverse: Bool = false,
                underline: Bool = false, dim: Bool = false) {
        self.fg = fg; self.bg = bg; self.bold = bold; self.reverse = reverse; self.underline = underline; self.dim = dim
    }

    public static let plain = Style()

    /// The style with colors removed (for `NO_COLOR` and monochrome terminals).
    public var monochrome: Style { Style(bold: bold, reverse: reverse, underline: underline, dim: dim) }
}
