/// Text made inert before it reaches the screen: any character a terminal would interpret rather
/// than show is replaced by `�` (U+FFFD, one column). `Buffer.put` applies it to everything it writes,
/// so no view can forget — a name imported from a file may hold anything.
///
/// Replaced: C0 controls (U+0000–U+001F, ESC included, so no escape sequence survives), DEL (U+007F),
/// C1 controls (U+0080–U+009F, CSI and OSC among them), the bidirectional embeddings, overrides and
/// isolates (U+202A–U+202E, U+2066–U+2069), the direction marks U+200E, U+200F and U+061C, and the
/// line and paragraph separators U+2028, U+2029.
///
///     InertText.make("\u{1B}[2J张三")   // "�[2J张三"
public enum InertText {
    /// The placeholder shown in place of a character that must not reach the terminal.
    public static let placeholder: Unicode.Scalar = "\u{FFFD}"

    /// Whether `scalar` must be replaced before display.
    @inline(__always)
    public static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        if v < 0x20 || v == 0x7F { return true }
        if v < 0x80 { return false }
        if v <= 0x9F { return true }
        switch v {
        case 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069, 0x2028, 0x2029: return true
        default: return false
        }
    }

    /// Whether a grapheme holds a character that must be replaced (controls stand alone as
    /// graphemes, except CR LF, which is one).
    public static func isUnsafe(_ ch: Character) -> Bool { ch.unicodeScalars.contains(where: isUnsafe) }

    /// `text` with every unsafe grapheme replaced by one placeholder (the same string when none is),
    /// so the text keeps its number of graphemes and `TextWidth` measures both alike.
    public static func make(_ text: String) -> String {
        // Fast path: most text holds nothing to replace.
        guard text.unicodeScalars.contains(where: isUnsafe) else { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for ch in text {
            if isUnsafe(ch) { out.unicodeScalars.append(placeholder) } else { out.append(ch) }
        }
        return out
    }
}
