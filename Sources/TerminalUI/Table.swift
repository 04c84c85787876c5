/// A column of a `Table`: a title and how wide it may be.
public struct TableColumn: Sendable {
    public enum Width: Sendable {
        /// Exactly this many columns.
        case fixed(Int)
        /// At least `min` columns; leftover space is shared by weight.
        case flex(min: Int, weight: Int)
    }

    public var title: String
    public var width: Width
    public var alignRight: Bool

    public init(_ title: String, _ width: Width, alignRight: Bool = false) {
        self.title = title; self.width = width; self.alignRight = alignRight
    }
}

/// A table with a header row, one selected row and vertical scrolling. Cells are plain strings:
/// wide characters are measured, never cut in half, and columns line up whatever the script.
public struct Table {
    public var columns: [TableColumn]
    /// The visible rows only (callers page their data; cost follows what is visible).
    public var rows: [[String]]
    /// Index into `rows` of the selected row, if it is visible.
    public var selected: Int?
    public var headerStyle: Style
    public var selectedStyle: Style
    public var rowStyle: Style
    /// Columns between cells.
    public var gap: Int

    public init(columns: [TableColumn], rows: [[String]], selected: Int?, headerStyle: Style = Style(bold: true, underline: true),
                selectedStyle: Style = Style(reverse: true), rowStyle: Style = .plain, gap: Int = 1) {
        self.columns = columns; self.rows = rows; self.selected = selected
        self.headerStyle = headerStyle; self.selectedStyle = selectedStyle; self.rowStyle = rowStyle; self.gap = gap
    }

    /// Column widths for a total width: fixed columns first, flex columns share the rest by weight.
    /// Columns that do not fit at their minimum are dropped from the right.
    public static func layout(_ columns: [TableColumn], totalWidth: Int, gap: Int = 1) -> [Int] {
        var widths = [Int](repeating: 0, count: columns.count)
        var used = 0
        var visible = 0
        for (i, c) in columns.enumerated() {
            let min: Int
            switch c.width { case .fixed(let n): min = n; case .flex(let m, _): min = m }
            let need = min + (visible > 0 ? gap : 0)
            if used + need > totalWidth { break }
            widths[i] = min
            used += need
            visible += 1
        }
        var spare = totalWidth - used
        let flexIndices = (0..<visible).filter { if case .flex = columns[$0].width { return true } else { return false } }
        let totalWeight = flexIndices.reduce(0) { acc, i in
            if case .flex(_, let w) = columns[i].width { return acc + w } else { return acc }
        }
        if totalWeight > 0 {
            let share = spare
            for i in flexIndices {
                if case .flex(_, let w) = columns[i].width {
                    let add = share * w / totalWeight
                    widths[i] += add
                    spare -= add
                }
            }
            if let last = flexIndices.last { widths[last] += spare }
        }
        return widths
    }

    /// Draws the header on the first row of `area` and the rows below it.
    public func render(into buffer: inout Buffer, area: Rect) {
        guard !area.isEmpty else { return }
        let widths = Table.layout(columns, totalWidth: area.width, gap: gap)
        func drawRow(_ cells: [String], y: Int, style: Style) {
            buffer.fill(Rect(x: area.x, y: y, width: area.width, height: 1), style: style)
            var x = area.x
            for (i, col) in columns.enumerated() where widths[i] > 0 {
                let text = i < cells.count ? cells[i] : ""
                buffer.putPadded(text, x: x, y: y, width: widths[i], style: style, alignRight: col.alignRight)
                x += widths[i] + gap
            }
        }
        drawRow(columns.map(\.title), y: area.y, style: headerStyle)
        for (i, row) in rows.enumerated() {
            let y = area.y + 1 + i
            guard y < area.maxY else { break }
            drawRow(row, y: y, style: i == selected ? selectedStyle : rowStyle)
        }
    }
}

/// Scrolling arithmetic shared by lists: keeps the cursor inside a window of `height` rows.
public enum Scrolling {
    /// The first visible index so that `cursor` is visible, moving `top` as little as possible.
    public static func top(cursor: Int, top: Int, height: Int, count: Int) -> Int {
        guard height > 0, count > 0 else { return 0 }
        var t = top
        if cursor < t { t = cursor }
        if cursor >= t + height { t = cursor - height + 1 }
        return max(0, min(t, max(0, count - height)))
    }
}
