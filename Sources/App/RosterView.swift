import Domain
import TerminalUI

/// The child roster (花名册): search line, table, position or message line.
enum RosterView {
    static func columns(_ s: Strings) -> [TableColumn] {
        [
            TableColumn(s[.colName], .flex(min: 8, weight: 1)),
            TableColumn(s[.colSex], .fixed(max(4, TextWidth.of(s[.colSex])))),
            TableColumn(s[.colAge], .fixed(max(4, TextWidth.of(s[.colAge]))), alignRight: true),
            TableColumn(s[.colSchoolClass], .flex(min: 18, weight: 4)),
            TableColumn(s[.colGrid], .flex(min: 11, weight: 1)),
            TableColumn(s[.colGuardian], .flex(min: 14, weight: 2)),
            TableColumn(s[.colType], .fixed(max(10, TextWidth.of(s[.colType])))),
        ]
    }

    static func cells(_ row: RosterRow, _ state: AppState) -> [String] {
        let s = state.strings
        let age = row.birthDate.map { String($0.age(on: state.today)) } ?? "—"
        // Class first: in a township the class tells children apart more than the school does,
        // and it must survive truncation at 80 columns.
        let schoolClass = [row.className, row.schoolName].compactMap { $0 }.joined(separator: " ")
        var guardian = row.guardianName ?? "—"
        if let rel = row.guardianRelation { guardian = s.format(.withRelation, guardian, s.label("relation", rel)) }
        return [
            row.name,
            row.sex.map { s.label("sex", $0) } ?? "—",
            age,
            schoolClass.isEmpty ? "—" : schoolClass,
            row.gridName ?? "—",
            guardian,
            row.leftBehindType.map { s.label("type", $0) } ?? "—",
        ]
    }

    static func render(_ state: AppState, into buffer: inout Buffer, area: Rect) {
        let s = state.strings
        let r = state.roster
        let (searchRow, rest) = area.splitTop(1)
        let (tableArea, messageRow) = rest.splitBottom(1)

        // Search line.
        let result = r.count == 0 && r.loadedQuery == r.rosterQuery ? s[.searchNone] : s.format(.searchResults, r.count)
        View.drawSearchLine(state, query: r.query, searching: r.searching, result: result, hint: s[.searchHint],
                            into: &buffer, area: searchRow)

        // Active filters and order, at the right of the search line.
        let summary = FilterPanel.summary(r.filter, sort: r.sort, s)
        if !summary.isEmpty {
            let w = min(TextWidth.of(summary), searchRow.width / 2)
            buffer.put(summary, x: searchRow.maxX - 1 - w, y: searchRow.y, style: Theme.prompt, maxWidth: w)
        }
        if let panel = state.filterPanel {
            FilterPanel.render(state, panel, into: &buffer, area: rest)
            return
        }

        // Table of the visible window.
        let visible = Update.visibleIDs(state)
        let rows = visible.map { id in r.rows[id].map { cells($0, state) } ?? ["…"] }
        let selected = r.count == 0 ? nil : r.cursor - r.top
        Table(columns: columns(s), rows: rows, selected: selected, headerStyle: Theme.tableHeader,
              selectedStyle: Theme.selected).render(into: &buffer, area: tableArea)
        if r.count == 0, r.loadedQuery != nil, tableArea.height > 2 {
            // An empty result says how to get out of it.
            let text = r.query.isEmpty && r.filter.isEmpty ? s[.emptyRoster] : s[.rosterNoMatch]
            buffer.put(text, x: tableArea.x + 2, y: tableArea.y + 2, style: Theme.hint)
        }

        // Message or position.
        if let m = state.message {
            buffer.put(m.text, x: messageRow.x + 1, y: messageRow.y, style: m.isError ? Theme.error : Theme.hint)
        } else if r.count > 0 {
            let pos = s.format(.position, r.cursor + 1, r.count)
            buffer.put(pos, x: messageRow.maxX - 1 - TextWidth.of(pos), y: messageRow.y, style: Theme.hint)
        }
    }
}
