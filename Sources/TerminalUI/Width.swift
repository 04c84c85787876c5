import CWidth

/// Display widths of text in terminal columns, as ncursesw computes them (glibc `wcwidth` in a
/// UTF-8 locale): a Han character takes two columns, ASCII one, combining marks none.
public enum TextWidth {
    /// Makes sure the C library measures in UTF-8 (falls back to C.UTF-8 when the environment's
    /// locale is not UTF-8). Returns false if no UTF-8 locale exists at all.
    @discardableResult
    public static func prepareLocale() -> Bool { shouhu_ensure_utf8_ctype() == 1 }

    /// Columns taken by one grapheme: its first scalar's width; controls and unknowns count as 1
    /// so that a stray control character can never shift a line (the screen shows it as the one-column
    /// placeholder of `InertText`, bidi controls included).
    public static func of(_ ch: Character) -> Int {
        let scalars = ch.unicodeScalars
        guard let first = scalars.first else { return 0 }
        if first.value < 0x7F { return 1 }
        if InertText.isUnsafe(ch) { return 1 }
        let w = Int(shouhu_wcwidth(first.value))
        if w < 0 { return 1 }
        // Emoji presentation selector widens a narrow base (e.g. ❤️).
        if w == 1, scalars.contains(where: { $0.value == 0xFE0F }) { return 2 }
        return w
    }

    /// Columns taken by a string.
    public static func of(_ s: String) -> Int {
        var total = 0
        for ch in s { total += of(ch) }
        return total
    }

    /// `s` cut to at most `width` columns; when cut, it ends in `…` and never in half a wide character.
    ///
    ///     TextWidth.truncate("留守儿童关爱", to: 7)  // "留守儿…" (6 columns + 1)
    public static func truncate(_ s: String, to width: Int) -> String {
        guard width > 0 else { return "" }
        if of(s) <= width { return s }
        var out = ""
        var used = 0
        for ch in s {
            let w = of(ch)
            if used + w > width - 1 { break }
            out.append(ch)
            used += w
        }
        return out + "…"
    }

    /// `s` truncated and then padded with spaces to exactly `width` columns.
    public static func fit(_ s: String, to width: Int, alignRight: Bool = false) -> String {
        let t = truncate(s, to: width)
        let pad = String(repeating: " ", count: max(0, width - of(t)))
        return alignRight ? pad + t : t + pad
    }
}

extension TextWidth {
    /// Whether the C library's current character type is UTF-8.
    public static func localeIsUTF8() -> Bool { shouhu_ctype_is_utf8() == 1 }
}
