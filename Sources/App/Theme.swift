import TerminalUI

/// The styles of the interface, by meaning. Each meaning also shows without color
/// (bold, reverse, underline), so monochrome terminals and `NO_COLOR` stay readable.
enum Theme {
    static let header = Style(fg: .white, bg: .blue, bold: true, reverse: false)
    static let demoMark = Style(fg: .black, bg: .yellow, bold: true, reverse: true)
    static let tabActive = Style(fg: .black, bg: .cyan, bold: true, reverse: true)
    static let tabInactive = Style(dim: true)
    static let tableHeader = Style(fg: .cyan, bold: true, underline: true)
    static let selected = Style(fg: .black, bg: .cyan, reverse: true)
    static let statusBar = Style(fg: .black, bg: .white, reverse: true)
    static let statusKey = Style(fg: .black, bg: .white, bold: true, reverse: true)
    static let hint = Style(dim: true)
    static let error = Style(fg: .red, bold: true)
    static let warning = Style(fg: .yellow, underline: false)
    static let promptLine = Style(fg: .black, bg: .yellow, bold: true, reverse: true)
    static let section = Style(fg: .cyan, bold: true)
    static let label = Style(dim: true)
    static let prompt = Style(bold: true)
    static let title = Style(bold: true)
}
