import Domain
import Foundation
import Storage
import TerminalUI

/// The read-only file of one child, in sections. ID and phone numbers are masked unless revealed.
enum DetailView {
    enum Line: Equatable {
        case title(String, String)
        case section(String)
        case field(String, String)
        /// A line of its own under a section (a pairing, a history entry).
        case text(String)
        /// A contact of the log: date, words, and whether it is the one chosen (Tab) to correct or delete.
        case contact(String, String, selected: Bool)
        case blank
    }

    static func lines(_ state: AppState) -> [Line] {
        guard let d = state.detail, let c = d.child else { return [] }
        let s = state.strings
        let none = s[.none]
        // An empty value was not filled in: 未登记, never 无 (which would read as a fact: no capacity,
        // not left behind). 无 stays for what is known to be absent (no 困境/低保/残疾 flag).
        let blank = s[.notRecorded]
        func or(_ v: String?) -> String { (v?.isEmpty ?? true) ? blank : v! }
        func yesNo(_ b: Bool) -> String { b ? s[.yes] : s[.no] }
        func phone(_ p: String) -> String { p.isEmpty ? blank : (d.reveal ? p : Phone.masked(p)) }

        var subtitle: [String] = []
        if let sex = c.sex { subtitle.append(s.label("sex", sex)) }
        if let age = c.age(on: state.today) { subtitle.append(s.format(.ageYears, age)) }
        if !c.ethnicity.isEmpty { subtitle.append(c.ethnicity) }
        var status = s.label("status", c.status)
        if c.status == .archived {
            status += "（" + (c.archiveReason.map { s.label("archive", $0) } ?? "")
            if let on = c.archivedOn { status += "，" + s.format(.archivedOn, on.description) }
            status += "）"
        }
        var out: [Line] = [.title(c.name, subtitle.joined(separator: " · ")), .blank]

        out.append(.section(s[.sectionBasic]))
        let id = c.idNumber.map { d.reveal ? $0 : IDNumber.masked($0) } ?? s[.notRecorded]
        out.append(.field(s[.fieldIDNumber], id))
        out.append(.field(s[.fieldBirthDate], or(c.birthDate?.description)))
        out.append(.field(s[.fieldSchool], or([c.schoolName, c.className].compactMap { $0 }.joined(separator: " "))))
        out.append(.field(s[.fieldGrid], or(c.gridName)))
        out.append(.field(s[.fieldAddress], or(c.address)))
        out.append(.field(s[.fieldType], c.leftBehindType.map { s.label("type", $0) } ?? blank))
        out.append(.field(s[.fieldStatus], status))
        out.append(.blank)

        out.append(.section(s[.sectionGuardian]))
        if let g = c.guardian {
            out.append(.field(s[.fieldGuardian], s.format(.withRelation, g.name, g.relation.map { s.label("relation", $0) } ?? s[.relationNotGiven])))
            out.append(.field(s[.fieldPhone], phone(g.phone)))
            out.append(.field(s[.fieldCapacity], or(g.capacityNotes)))
        } else {
            out.append(.field(s[.fieldGuardian], s[.notRecorded]))
        }
        out.append(.blank)

        out.append(.section(s[.sectionParents]))
        for (label, p) in [(s[.fieldFather], c.father), (s[.fieldMother], c.mother)] {
            out.append(.field(label, or(p.name)))
            out.append(.field("  " + s[.fieldWorkPlace], or(p.workPlace)))
            out.append(.field("  " + s[.fieldPhone], phone(p.phone)))
        }
        out.append(.blank)

        out.append(.section(s[.sectionCare]))
        let flags = [(c.hardship, s[.flagHardship]), (c.dibao, s[.flagDibao]), (c.disability, s[.flagDisability])]
            .filter(\.0).map(\.1)
        out.append(.field(s[.fieldFlags], flags.isEmpty ? none : flags.joined(separator: "、")))
        out.append(.field(s[.fieldHealth], or(c.health)))
        out.append(.field(s[.fieldInterests], or(c.interests)))
        var notice = yesNo(c.careNoticeGiven)
        if c.careNoticeGiven, let date = c.careNoticeDate { notice = s.format(.noticeGiven, date.description) }
        out.append(.field(s[.fieldCareNotice], notice))
        out.append(.field(s[.fieldWeeklyContact], yesNo(c.weeklyParentContact)))
        out.append(.field(s[.fieldConsent], consent(c, state)))
        out.append(.field(s[.fieldNotes], or(c.notes)))

        out.append(.blank)
        out.append(.section(s[.sectionPairings]))
        let pairings = d.file?.pairings ?? []
        if !pairings.contains(where: { $0.pairing.isActive }) { out.append(.text(s[.pairNone])) }
        for p in pairings { out.append(.text(MentorsView.pairingText(p, showChild: false, s))) }

        if let coverage = d.file?.coverage, !coverage.isEmpty {
            let english = s.language == .en
            let multi = Set(coverage.map(\.period)).count > 1
            let text = coverage.map { c in
                (english ? c.nameEn : c.nameZh) + (multi ? " " + c.period : "") + " " + ObligationCell.mark(c.state)
                    + (c.date.map { " " + String($0.description.dropFirst(5)) } ?? "")
            }.joined(separator: "  ")
            out.append(.field(s[.coverageTitle], text))
        }
        out.append(.blank)
        let contacts = d.file?.contacts ?? []
        out.append(contactsSection(hasContacts: !contacts.isEmpty, state))
        if contacts.isEmpty { out.append(.text(s[.contactNone])) }
        for (i, c) in contacts.enumerated() {
            out.append(.contact(c.contact.date.description, contactText(c, showChild: false, state), selected: i == d.contactCursor))
        }

        if let access = d.file?.access, !access.isEmpty {
            out.append(.blank)
            out.append(.section(s[.sectionAccess]))
            for a in access {
                out.append(.field(String(a.at.prefix(16)).replacingOccurrences(of: "T", with: " "),
                                  s.text("audit.access." + a.action) + " · " + by(a.actor, s)))
            }
        }
        if let growth = d.file?.growth, !growth.isEmpty {
            out.append(.blank)
            out.append(.section(s[.sectionGrowth]))
            for g in growth { out.append(.field(g.date.description, g.note)) }
        }
        if let history = d.file?.history, !history.isEmpty {
            out.append(.blank)
            out.append(.section(s[.sectionHistory]))
            for h in history { out.append(.field(String(h.at.prefix(16)).replacingOccurrences(of: "T", with: " "), describe(h, state))) }
        }
        return wrapped(out, width: state.size.width)
    }

    /// The title of a contact log, with its keys when there is something this account may correct.
    static func contactsSection(hasContacts: Bool, _ state: AppState) -> Line {
        let s = state.strings
        guard hasContacts, state.allows(.editContact) else { return .section(s[.sectionContacts]) }
        return .section(s[.sectionContacts] + "  " + s[.contactKeysHint])
    }

    /// One contact in words: kind, the other party, place, summary, concerns and follow-up. A letter's
    /// content shows only to its author and to coordinators (未成年人保护法 art. 63).
    static func contactText(_ c: ContactRow, showChild: Bool, _ state: AppState) -> String {
        let s = state.strings
        var parts = [s.label("ckind", c.contact.kind), showChild ? c.childName : c.mentorName]
        if !c.contact.place.isEmpty { parts.append(c.contact.place) }
        if c.contact.kind == .letter, !c.contact.summary.isEmpty, !(state.isCoordinator || c.author == state.actor) {
            parts.append(s[.contactLetterHidden])
        } else if !c.contact.summary.isEmpty {
            parts.append(c.contact.summary)
        }
        var text = parts.joined(separator: " · ")
        if !c.contact.concerns.isEmpty {
            text += "  ⚠ " + c.contact.concerns.map { s.label("concern", $0) }.joined(separator: "、")
        }
        if !c.contact.followUp.isEmpty { text += "  → " + c.contact.followUp }
        return text
    }

    /// A new file's line: how it came (`form`, `sweep`, `import:<file>`, as stored) in words.
    static func created(_ source: String?, _ s: Strings) -> String {
        let source = source ?? ""
        let how: String
        switch source {
        case "form": how = s[.historySourceForm]
        case "sweep": how = s[.historySourceSweep]
        case "demo": how = s[.historySourceDemo]
        case let x where x.hasPrefix("import:"): how = s.format(.historySourceImport, String(x.dropFirst("import:".count)))
        default: how = source
        }
        return s.format(.historyCreated, how)
    }

    /// Who: an account's name, or the computer itself where nobody signs in (a demo database).
    static func by(_ actor: String, _ s: Strings) -> String {
        s.format(.historyBy, actor == "local" ? s[.historyActorLocal] : actor)
    }

    /// One change in words, with ID and phone numbers masked unless revealed.
    static func describe(_ h: HistoryEntry, _ state: AppState) -> String {
        let s = state.strings
        if h.field == "created" { return created(h.new, s) + " · " + by(h.actor, s) }
        if h.field == "status" {
            // Archiving and restoring: `active`, `archived`, `archived:<reason>`.
            func status(_ v: String?) -> String {
                guard let v, !v.isEmpty else { return s[.none] }
                let parts = v.split(separator: ":", maxSplits: 1).map(String.init)
                let word = ChildStatus(rawValue: parts[0]).map { s.label("status", $0) } ?? parts[0]
                guard parts.count > 1 else { return word }
                return word + "（" + (ArchiveReason(rawValue: parts[1]).map { s.label("archive", $0) } ?? parts[1]) + "）"
            }
            return s.format(.historyLine, s[.fieldStatus], status(h.old), status(h.new)) + " · " + by(h.actor, s)
        }
        let field = ChildField(rawValue: h.field)
        let name = field.map { s.fieldName($0) } ?? h.field
        func shown(_ v: String?) -> String {
            guard let v, !v.isEmpty else { return s[.none] }
            // Choices and yes/no are stored as their codes (`male`, `1`): shown as the form shows them.
            if let field {
                switch ChildForm.kind(field) {
                case .choice(_, let kind): return s.table["\(kind).\(v)"] ?? v
                case .yesNo: return v == "1" ? s[.yes] : s[.no]
                default: break
                }
            }
            if state.detail?.reveal == true { return v }
            switch field {
            case .idNumber?: return IDNumber.masked(v)
            case .guardianPhone?, .fatherPhone?, .motherPhone?: return Phone.masked(v)
            default: return v
            }
        }
        return s.format(.historyLine, name, shown(h.old), shown(h.new)) + " · " + by(h.actor, s)
    }

    static func lineCount(_ state: AppState) -> Int { lines(state).count }

    /// Long `.text` lines (pairings with their reasons) broken into screen-wide pieces, so nothing is
    /// cut off; the pieces after the first are indented.
    static func wrapped(_ lines: [Line], width: Int) -> [Line] {
        let limit = max(20, width - 4)
        // A field's value goes on under its label (a long note, an address, the five ones of the
        // term), broken after a space where one is near the end of the line.
        let valueLimit = max(10, width - labelWidth(lines) - 6)
        return lines.flatMap { line -> [Line] in
            switch line {
            case .text(let text) where TextWidth.of(text) > limit:
                var out: [Line] = []
                var current = "", used = 0
                for ch in text {
                    let w = TextWidth.of(ch)
                    if used + w > limit - (out.isEmpty ? 0 : 2) {
                        out.append(.text(out.isEmpty ? current : "  " + current))
                        current = ""; used = 0
                    }
                    current.append(ch); used += w
                }
                if !current.isEmpty { out.append(.text(out.isEmpty ? current : "  " + current)) }
                return out
            case let .field(label, value) where TextWidth.of(value) > valueLimit:
                return broken(value, width: valueLimit).enumerated().map { .field($0.offset == 0 ? label : "", $0.element) }
            default:
                return [line]
            }
        }
    }

    /// `text` in lines of at most `width` columns, each broken after the last space of its final
    /// third when there is one (else at the width), without the spaces at a break.
    static func broken(_ text: String, width: Int) -> [String] {
        var lines: [String] = []
        var rest = Substring(text)
        while TextWidth.of(String(rest)) > width {
            var cut = rest.startIndex, used = 0, lastSpace: String.Index?
            while cut < rest.endIndex {
                let w = TextWidth.of(rest[cut])
                if used + w > width { break }
                if rest[cut] == " ", used >= width * 2 / 3 { lastSpace = cut }
                used += w
                cut = rest.index(after: cut)
            }
            let end = lastSpace ?? cut
            lines.append(String(rest[..<end]).trimmingCharacters(in: .whitespaces))
            rest = rest[end...].drop { $0 == " " }
        }
        if !rest.isEmpty || lines.isEmpty { lines.append(String(rest)) }
        return lines
    }

    /// The width of the label column: the widest label, at most 22.
    static func labelWidth(_ all: [Line]) -> Int {
        min(22, all.reduce(0) { acc, l in
            switch l {
            case .field(let label, _), .contact(let label, _, _): return max(acc, TextWidth.of(label))
            default: return acc
            }
        })
    }

    static func render(_ state: AppState, into buffer: inout Buffer, area: Rect) {
        let s = state.strings
        guard let d = state.detail else { return }
        let (body, footer) = area.splitBottom(1)
        guard d.loaded else {
            buffer.put(s[.detailLoading], x: body.x + 2, y: body.y + 1, style: Theme.hint)
            return
        }
        guard d.child != nil else {
            buffer.put(s[.detailMissing], x: body.x + 2, y: body.y + 1, style: Theme.error)
            return
        }
        let all = lines(state)
        draw(all, scroll: d.scroll, into: &buffer, body: body)
        if let m = state.message {
            buffer.put(m.text, x: footer.x + 1, y: footer.y, style: m.isError ? Theme.error : Theme.title)
        } else {
            // What `v` does now, for an account that may reveal; the others are told the numbers are hidden.
            let hint = !state.allows(.reveal) ? s[.revealHintMasked] : (d.reveal ? s[.revealHintShown] : s[.revealHint])
            buffer.put(hint, x: footer.x + 1, y: footer.y, style: Theme.hint)
        }
        if all.count > body.height {
            let pos = "\(d.scroll + 1)–\(min(all.count, d.scroll + body.height))/\(all.count)"
            buffer.put(pos, x: footer.maxX - 1 - TextWidth.of(pos), y: footer.y, style: Theme.hint)
        }
    }

    /// Draws file lines (title, sections, label–value fields) from `scroll` on; shared by the files
    /// of children and mentors.
    static func draw(_ all: [Line], scroll: Int, into buffer: inout Buffer, body: Rect) {
        let labelWidth = labelWidth(all)
        for (i, line) in all.dropFirst(scroll).prefix(body.height).enumerated() {
            let y = body.y + i
            switch line {
            case let .title(name, sub):
                let x = body.x + 2 + buffer.put(name, x: body.x + 2, y: y, style: Theme.title) + 2
                buffer.put(sub, x: x, y: y, style: .plain)
            case .section(let text):
                buffer.put("── " + text + " ", x: body.x + 1, y: y, style: Theme.section)
            case let .field(label, value):
                buffer.putPadded(label, x: body.x + 3, y: y, width: labelWidth, style: Theme.label)
                buffer.put(value, x: body.x + 3 + labelWidth + 2, y: y, maxWidth: body.width - labelWidth - 6)
            case let .contact(label, value, selected):
                let style = selected ? Theme.selected : Style.plain
                if selected { buffer.put("▸", x: body.x + 1, y: y, style: Theme.prompt) }
                buffer.putPadded(label, x: body.x + 3, y: y, width: labelWidth, style: selected ? Theme.selected : Theme.label)
                buffer.put(value, x: body.x + 3 + labelWidth + 2, y: y, style: style, maxWidth: body.width - labelWidth - 6)
            case .text(let value):
                buffer.put(value, x: body.x + 3, y: y, maxWidth: body.width - 4)
            case .blank:
                break
            }
        }
    }

    /// The guardian's consent: its date and form; for a child under 14 without one, a reminder; from 16
    /// on, that the file is due for review.
    static func consent(_ c: Child, _ state: AppState) -> String {
        let s = state.strings
        var text: String
        if let date = c.consentDate {
            text = c.consentForm.isEmpty ? date.description : s.format(.consentGiven, date.description, c.consentForm)
        } else if let age = c.age(on: state.today), age < Child.consentAge {
            text = s[.consentMissing]
        } else {
            text = s[.none]
        }
        if let age = c.age(on: state.today), age >= Child.reviewAge, c.status == .active { text += "  " + s[.reviewDue] }
        return text
    }
}
