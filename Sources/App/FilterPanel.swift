import Domain
import Storage
import TerminalUI

/// The roster's filter panel (`f`): one row per filter, changed with ← →, applied with Enter.
public struct FilterPanel: Equatable, Sendable {
    public enum Row: String, CaseIterable, Sendable {
        case grid, school, className = "class", ageBand = "age", leftBehindType = "type", hardship, disability, unpaired, archive
    }

    /// The filter being composed (applied to the roster only on Enter).
    public var draft: RosterFilter
    public var focus = 0
    public var options: FilterOptions?

    public init(draft: RosterFilter) { self.draft = draft }

    public var focusedRow: Row { Row.allCases[focus] }

    /// The choices of a row as (value key, label); the first is always "all" (no filter) except for archive.
    func choices(_ row: Row, _ s: Strings) -> [String] {
        let all = [""]
        switch row {
        case .grid: return all + (options?.grids ?? [])
        case .school: return all + (options?.schools ?? [])
        case .className: return all + (options?.classes ?? [])
        case .ageBand: return all + RosterFilter.AgeBand.allCases.map(\.rawValue)
        case .leftBehindType: return all + LeftBehindType.allCases.map(\.rawValue)
        case .hardship, .disability: return all + ["1", "0"]
        case .unpaired: return all + ["1"]
        case .archive: return RosterFilter.Archive.allCases.map(\.rawValue)
        }
    }

    func value(_ row: Row) -> String {
        switch row {
        case .grid: return draft.grid ?? ""
        case .school: return draft.school ?? ""
        case .className: return draft.className ?? ""
        case .ageBand: return draft.ageBand?.rawValue ?? ""
        case .leftBehindType: return draft.leftBehindType?.rawValue ?? ""
        case .hardship: return draft.hardship.map { $0 ? "1" : "0" } ?? ""
        case .disability: return draft.disability.map { $0 ? "1" : "0" } ?? ""
        case .unpaired: return draft.unpairedOnly ? "1" : ""
        case .archive: return draft.archive.rawValue
        }
    }

    mutating func set(_ row: Row, _ v: String) {
        let value: String? = v.isEmpty ? nil : v
        switch row {
        case .grid: draft.grid = value
        case .school: draft.school = value
        case .className: draft.className = value
        case .ageBand: draft.ageBand = value.flatMap(RosterFilter.AgeBand.init(rawValue:))
        case .leftBehindType: draft.leftBehindType = value.flatMap(LeftBehindType.init(rawValue:))
        case .hardship: draft.hardship = value.map { $0 == "1" }
        case .disability: draft.disability = value.map { $0 == "1" }
        case .unpaired: draft.unpairedOnly = value == "1"
        case .archive: draft.archive = value.flatMap(RosterFilter.Archive.init(rawValue:)) ?? .active
        }
    }

    /// Moves the focused row's choice by `step`, wrapping around.
    mutating func cycle(by step: Int, _ s: Strings) {
        let row = focusedRow
        let list = choices(row, s)
        guard !list.isEmpty else { return }
        let i = list.firstIndex(of: value(row)) ?? 0
        set(row, list[(i + step + list.count) % list.count])
    }

    /// How a row's value reads.
    static func label(_ row: Row, _ v: String, _ s: Strings) -> String {
        if v.isEmpty { return s[.filterAll] }
        switch row {
        case .ageBand: return s.label("age", RosterFilter.AgeBand(rawValue: v)!)
        case .leftBehindType: return s.label("type", LeftBehindType(rawValue: v)!)
        case .hardship, .disability: return v == "1" ? s[.yes] : s[.no]
        case .unpaired: return s[.filterUnpairedOnly]
        case .archive: return s.label("archive_filter", RosterFilter.Archive(rawValue: v)!)
        default: return v
        }
    }

    /// The active filters in a few words, for the line above the table ("" when none).
    static func summary(_ f: RosterFilter, sort: RosterSort, _ s: Strings) -> String {
        var parts: [String] = []
        if let g = f.grid { parts.append(g) }
        if let x = f.school { parts.append(x) }
        if let k = f.className { parts.append(k) }
        if let a = f.ageBand { parts.append(s.label("age", a)) }
        if let t = f.leftBehindType { parts.append(s.label("type", t)) }
        if let h = f.hardship { parts.append((h ? "" : s[.filterNot]) + s[.flagHardship]) }
        if let d = f.disability { parts.append((d ? "" : s[.filterNot]) + s[.flagDisability]) }
        if f.unpairedOnly { parts.append(s[.filterUnpairedOnly]) }
        if f.archive != .active { parts.append(s.label("archive_filter", f.archive)) }
        var out = parts.isEmpty ? "" : s[.filterPrefix] + parts.joined(separator: " · ")
        if sort != .pinyin { out += (out.isEmpty ? "" : "  ") + s[.sortPrefix] + s.label("sort", sort) }
        return out
    }

    static func render(_ state: AppState, _ panel: FilterPanel, into buffer: inout Buffer, area: Rect) {
        let s = state.strings
        buffer.put(s[.filterTitle], x: area.x + 2, y: area.y + 1, style: Theme.title)
        let labelWidth = Row.allCases.map { TextWidth.of(s.label("filter", $0)) }.max() ?? 8
        for (i, row) in Row.allCases.enumerated() {
            let y = area.y + 3 + i
            guard y < area.maxY else { break }
            let focused = i == panel.focus
            if focused { buffer.put("▶", x: area.x + 2, y: y, style: Theme.prompt) }
            buffer.putPadded(s.label("filter", row), x: area.x + 4, y: y, width: labelWidth, style: focused ? Theme.prompt : Theme.label)
            let text = label(row, panel.value(row), s)
            buffer.put(focused ? "‹ " + text + " ›" : "  " + text, x: area.x + 6 + labelWidth, y: y,
                       style: focused ? Theme.selected : .plain, maxWidth: area.width - labelWidth - 8)
        }
        let hintY = area.y + 4 + Row.allCases.count
        if hintY < area.maxY { buffer.put(s[.filterHint], x: area.x + 2, y: hintY, style: Theme.hint) }
    }
}
