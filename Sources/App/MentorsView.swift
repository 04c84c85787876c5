import Domain
import Storage
import TerminalUI

/// The mentors screen: search line, table, position; a mentor's file; the pair picker.
enum MentorsView {
    static func columns(_ s: Strings) -> [TableColumn] {
        [
            TableColumn(s[.mentorColName], .flex(min: 8, weight: 1)),
            TableColumn(s[.mentorColRole], .fixed(12)),
            TableColumn(s[.mentorColGrid], .flex(min: 11, weight: 1)),
            TableColumn(s[.mentorColLoad], .fixed(6), alignRight: true),
            TableColumn(s[.mentorColLastContact], .fixed(max(10, TextWidth.of(s[.mentorColLastContact])))),
            TableColumn(s[.mentorColPhone], .fixed(11)),
            TableColumn(s[.mentorColOrganisation], .flex(min: 6, weight: 2)),
        ]
    }

    static func cells(_ m: MentorRow, _ s: Strings) -> [String] {
        var name = m.name
        if m.status == .left { name += "（" + s[.statusLeft] + "）" }
        return [name, s.label("mrole", m.role), m.gridName ?? "—", "\(m.load)/\(m.capacity)",
                m.lastContact?.description ?? "—", Phone.masked(m.phone), m.organisation.isEmpty ? "—" : m.organisation]
    }

    static func render(_ state: AppState, into buffer: inout Buffer, area: Rect) {
        if state.mentors.detail != nil { return renderDetail(state, into: &buffer, area: area) }
        let s = state.strings
        let m = state.mentors
        let (searchRow, rest) = area.splitTop(1)
        let (tableArea, messageRow) = rest.splitBottom(1)
        View.drawSearchLine(state, query: m.query, searching: m.searching, result: s.format(.searchResults, m.list.count),
                            hint: s[.mentorSearchHint], into: &buffer, area: searchRow)
        var filters: [String] = []
        if let role = m.filter.role { filters.append(s.format(.mentorFilterRole, s.label("mrole", role))) }
        if let grid = m.filter.grid { filters.append(grid) }
        if m.filter.freeCapacityOnly { filters.append(s[.mentorFilterFree]) }
        if !filters.isEmpty {
            let text = s[.filterPrefix] + filters.joined(separator: " · ")
            let w = min(TextWidth.of(text), searchRow.width / 2)
            buffer.put(text, x: searchRow.maxX - 1 - w, y: searchRow.y, style: Theme.prompt, maxWidth: w)
        }
        let visible = m.list.visibleIDs(pageSize: state.rosterPageSize)
        let rows = visible.map { id in m.list.rows[id].map { cells($0, s) } ?? ["…"] }
        Table(columns: columns(s), rows: rows, selected: m.list.count == 0 ? nil : m.list.cursor - m.list.top,
              headerStyle: Theme.tableHeader, selectedStyle: Theme.selected).render(into: &buffer, area: tableArea)
        if m.list.count == 0, m.loadedQuery != nil, m.query.isEmpty, m.filter.isEmpty, tableArea.height > 2 {
            buffer.put(s[.mentorEmpty], x: tableArea.x + 2, y: tableArea.y + 2, style: Theme.hint)
        }
        if let msg = state.message {
            buffer.put(msg.text, x: messageRow.x + 1, y: messageRow.y, style: msg.isError ? Theme.error : Theme.hint)
        } else {
            if let counts = m.counts {
                buffer.put(s.format(.mentorCounts, counts.active, counts.free), x: messageRow.x + 1, y: messageRow.y, style: Theme.hint)
            }
            if m.list.count > 0 {
                let pos = s.format(.position, m.list.cursor + 1, m.list.count)
                buffer.put(pos, x: messageRow.maxX - 1 - TextWidth.of(pos), y: messageRow.y, style: Theme.hint)
            }
        }
    }

    /// A pairing in one line: the other party, role, dates, who made it.
    static func pairingText(_ p: PairingRow, showChild: Bool, _ s: Strings) -> String {
        let who = showChild ? p.childName : p.mentorName + " · " + s.label("mrole", p.mentorRole)
        var text: String
        if let end = p.pairing.end {
            let reason = p.pairing.endReason.map { s.label("pend", $0) } ?? ""
            text = s.format(.pairingEnded, who, s.label("prole", p.pairing.role), p.pairing.start.description, end.description, reason)
        } else {
            text = s.format(.pairingActive, who, s.label("prole", p.pairing.role), p.pairing.start.description, p.actor)
        }
        if let o = p.pairing.overrideReason { text += " · " + s.format(.pairingOverride, o) }
        return text
    }

    static func detailLines(_ state: AppState) -> [DetailView.Line] {
        guard let d = state.mentors.detail, let m = d.row else { return [] }
        let s = state.strings
        var out: [DetailView.Line] = [.title(m.name, s.label("mrole", m.role)), .blank, .section(s[.mentorSectionInfo])]
        out.append(.field(s[.fieldPhone], d.reveal ? m.phone : Phone.masked(m.phone)))
        out.append(.field(s[.fieldOrganisation], m.organisation.isEmpty ? s[.none] : m.organisation))
        out.append(.field(s[.fieldGrid], m.gridName ?? s[.none]))
        out.append(.field(s[.fieldLoad], "\(m.load)/\(m.capacity)"))
        out.append(.field(s[.fieldStatus], m.status == .left ? s[.statusLeft] + (m.leftOn.map { " " + $0.description } ?? "")
                                                              : s.label("status", ChildStatus.active)))
        let active = d.pairings.filter(\.pairing.isActive), ended = d.pairings.filter { !$0.pairing.isActive }
        // The key that ends one of them, where it can be used (as the contacts section names its keys).
        let hint = !active.isEmpty && state.allows(.endPairing) ? "  " + s[.pairingEndKeysHint] : ""
        out += [.blank, .section(s[.mentorSectionChildren] + hint)]
        if active.isEmpty { out.append(.text(s[.pairNone])) }
        for p in active { out.append(.text(pairingText(p, showChild: true, s))) }
        if !ended.isEmpty {
            out += [.blank, .section(s[.mentorSectionEnded])]
            for p in ended { out.append(.text(pairingText(p, showChild: true, s))) }
        }
        out += [.blank, DetailView.contactsSection(hasContacts: !d.contacts.isEmpty, state)]
        if d.contacts.isEmpty { out.append(.text(s[.contactNone])) }
        for (i, c) in d.contacts.enumerated() {
            out.append(.contact(c.contact.date.description, DetailView.contactText(c, showChild: true, state), selected: i == d.contactCursor))
        }
        if !d.history.isEmpty {
            out += [.blank, .section(s[.sectionHistory])]
            for h in d.history {
                let field = h.field == "created" ? DetailView.created(h.new, s)
                    : s.format(.historyLine, fieldLabel(h.field, s), value(h.field, h.old, reveal: d.reveal, s),
                               value(h.field, h.new, reveal: d.reveal, s))
                out.append(.field(String(h.at.prefix(16)).replacingOccurrences(of: "T", with: " "), field + " · " + DetailView.by(h.actor, s)))
            }
        }
        return DetailView.wrapped(out, width: state.size.width)
    }

    /// A mentor-history field name in words.
    static func fieldLabel(_ field: String, _ s: Strings) -> String {
        if let f = MentorField(rawValue: field) { return s.label("mf", f) }
        switch field {
        case "status": return s[.fieldStatus]
        case "left_on": return s[.fieldLeftOn]
        default: return field
        }
    }

    /// A mentor-history value in words: roles and statuses by their labels, phones masked unless revealed.
    static func value(_ field: String, _ v: String?, reveal: Bool, _ s: Strings) -> String {
        guard let v, !v.isEmpty else { return s[.none] }
        switch field {
        case "role": return MentorRole(rawValue: v).map { s.label("mrole", $0) } ?? v
        case "phone": return reveal ? v : Phone.masked(v)
        case "status":
            if v == MentorStatus.active.rawValue { return s.label("status", ChildStatus.active) }
            if v.hasPrefix("left") { return s[.statusLeft] + (v.count > 5 ? " " + v.dropFirst(5) : "") }
            return v
        default: return v
        }
    }

    static func renderDetail(_ state: AppState, into buffer: inout Buffer, area: Rect) {
        guard let d = state.mentors.detail else { return }
        let (body, footer) = area.splitBottom(1)
        guard d.loaded else {
            buffer.put(state.strings[.detailLoading], x: body.x + 2, y: body.y + 1, style: Theme.hint)
            return
        }
        DetailView.draw(detailLines(state), scroll: d.scroll, into: &buffer, body: body)
        if let m = state.message {
            buffer.put(m.text, x: footer.x + 1, y: footer.y, style: m.isError ? Theme.error : Theme.title)
        }
    }

    /// The pair picker, drawn over the child's file.
    static func renderPicker(_ state: AppState, _ picker: PairPicker, into buffer: inout Buffer, area: Rect) {
        let s = state.strings
        buffer.fill(area)
        let title: String
        switch picker.target {
        case .mentorForChild(_, let name): title = s.format(.pickerTitle, name, s.label("prole", picker.role))
        case .childForMentor(_, let name, _): title = s.format(.pickerChildTitle, name, s.label("prole", picker.role))
        }
        buffer.put(title, x: area.x + 1, y: area.y, style: Theme.title)
        let searchY = area.y + 1
        let x = area.x + 1 + buffer.put(s[.searchPrompt], x: area.x + 1, y: searchY, style: Theme.prompt) + 1
        let (shown, col) = picker.query.visible(width: 30)
        buffer.putPadded(shown, x: x, y: searchY, width: 30, style: Style(underline: true))
        buffer.cursor = state.prompt == nil ? (x + col, searchY) : nil
        let isChildPicker: Bool
        if case .childForMentor = picker.target { isChildPicker = true } else { isChildPicker = false }
        let hint = picker.query.text.isEmpty ? (isChildPicker ? s[.pickerChildSuggestions] : s[.pickerSuggestions]) : s[.pickerResults]
        buffer.put(hint, x: area.x + 1, y: area.y + 2, style: Theme.hint)
        let tableArea = Rect(x: area.x, y: area.y + 3, width: area.width, height: area.height - 3)
        if picker.count == 0 {
            buffer.put(isChildPicker ? s[.pickerNoChild] : s[.pickerNone], x: area.x + 2, y: tableArea.y + 2, style: Theme.hint)
            return
        }
        let page = max(1, tableArea.height - 1)
        let top = Scrolling.top(cursor: picker.cursor, top: 0, height: page, count: picker.count)
        if isChildPicker {
            let rows = picker.children.dropFirst(top).prefix(page).map { RosterView.cells($0, state) }
            Table(columns: RosterView.columns(s), rows: Array(rows), selected: picker.cursor - top, headerStyle: Theme.tableHeader,
                  selectedStyle: Theme.selected).render(into: &buffer, area: tableArea)
            return
        }
        let rows = picker.candidates.dropFirst(top).prefix(page).map { m -> [String] in
            var c = cells(m, s)
            if picker.sameGrid.contains(m.id) { c[2] = "★ " + c[2] }
            return c
        }
        Table(columns: columns(s), rows: Array(rows), selected: picker.cursor - top, headerStyle: Theme.tableHeader,
              selectedStyle: Theme.selected).render(into: &buffer, area: tableArea)
    }
}
