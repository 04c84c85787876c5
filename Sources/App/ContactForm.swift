import Domain
import Storage
import TerminalUI

/// The fields of the contact form.
public enum ContactField: String, CaseIterable, Codable, Sendable {
    /// The other party: the mentor (opened from a child) or the child (opened from a mentor).
    case partner
    case kind, date, place, summary
    /// Letters only: keep the content (by default only the fact and date are stored).
    case keepLetter = "keep_letter"
    case safety, health, schooling, guardianship, emotional
    case followUp = "follow_up"

    static let concerns: [ContactField: Concern] = [
        .safety: .safety, .health: .health, .schooling: .schooling, .guardianship: .guardianship, .emotional: .emotional,
    ]
}

/// Recording (or correcting) a mentor's contact with a child. Opened from the obligations grid
/// (pre-filled), a child's file or a mentor's file. Everything is text so a draft restores exactly.
public struct ContactForm: Equatable, Sendable, Codable, EditableForm {
    /// Who the contact is between. `partners` are the choices of the partner field: the child's
    /// mentors (from a child) or the mentor's children (from a mentor), as (id, name).
    public struct Party: Equatable, Sendable, Codable {
        public var id: Int64
        public var name: String
        /// The days this party and the anchor were paired (every pairing of the two, ended ones too), for
        /// the warning on a contact that would count for nothing; nil when not known (no warning).
        public var spans: [PairingSpan]?
        public init(id: Int64, name: String, spans: [PairingSpan]? = nil) { self.id = id; self.name = name; self.spans = spans }
    }

    public enum Anchor: Equatable, Sendable, Codable {
        /// The child is fixed; the partner is a mentor.
        case child(Party)
        /// The mentor is fixed; the partner is a child.
        case mentor(Party)
    }

    public var anchor: Anchor
    public var partners: [Party]
    /// Set when correcting a recorded contact (a draft of the correction keeps it, so the restored
    /// form saves onto the same contact, with the version it was opened at).
    public var editing: Int64?
    public var version: Int?
    /// Correcting a letter whose kept content this account may not read (it is neither the author nor a
    /// coordinator): kind and content are not offered, and the content stays as stored.
    public var letterHidden: Bool?
    public var values: [ContactField: TextField]
    public var focus = 0
    public var touched: Set<ContactField> = []
    public var dirty = false

    public var order: [ContactField] {
        var fields = ContactField.allCases
        if partners.count < 2 { fields.removeAll { $0 == .partner } }
        if value(.kind) != ContactKind.letter.rawValue { fields.removeAll { $0 == .keepLetter } }
        if letterHidden == true { fields.removeAll { $0 == .kind || $0 == .keepLetter || $0 == .summary } }
        return fields
    }

    static func kind(_ f: ContactField) -> FieldKind {
        switch f {
        case .partner: return .choice(values: [], labelKind: "")
        case .kind: return .choice(values: ContactKind.allCases.map(\.rawValue), labelKind: "ckind")
        case .date: return .date
        case .keepLetter, .safety, .health, .schooling, .guardianship, .emotional: return .yesNo
        case .summary, .followUp: return .text(max: 500)
        case .place: return .text(max: 100)
        }
    }

    /// A new contact. `partners` must not be empty; the first is chosen.
    public init(anchor: Anchor, partners: [Party], kind: ContactKind = .visit, date: LocalDate) {
        self.anchor = anchor
        self.partners = partners
        var v: [ContactField: TextField] = [:]
        for f in ContactField.allCases { v[f] = TextField(Self.kind(f) == .yesNo ? "0" : "") }
        v[.partner] = TextField(partners.first.map { String($0.id) } ?? "")
        v[.kind] = TextField(kind.rawValue)
        v[.date] = TextField(date.description)
        values = v
        focus = order.firstIndex(of: .date) ?? 0
    }

    /// The chosen partner.
    public var partner: Party? { partners.first { String($0.id) == value(.partner) } ?? partners.first }

    /// The child and the mentor of the contact.
    public var childID: Int64? {
        switch anchor {
        case .child(let c): return c.id
        case .mentor: return partner?.id
        }
    }

    public var mentorID: Int64? {
        switch anchor {
        case .mentor(let m): return m.id
        case .child: return partner?.id
        }
    }

    public var childName: String {
        switch anchor {
        case .child(let c): return c.name
        case .mentor: return partner?.name ?? ""
        }
    }

    public var mentorName: String {
        switch anchor {
        case .mentor(let m): return m.name
        case .child: return partner?.name ?? ""
        }
    }

    public func issues(today: LocalDate) -> [ContactField: FieldProblem] {
        var out: [ContactField: FieldProblem] = [:]
        if ContactKind(rawValue: value(.kind)) == nil { out[.kind] = .required }
        if value(.date).isEmpty {
            out[.date] = .required
        } else if let d = FieldParsing.date(value(.date)) {
            if d > today {
                out[.date] = .dateInFuture
            } else if let spans = partner?.spans, let warning = PairingSpan.contactProblem(on: d, spans: spans) {
                // A warning: saved all the same, as the import keeps such a row (it counts toward nothing).
                out[.date] = warning
            }
        } else {
            out[.date] = .date
        }
        if childID == nil || mentorID == nil { out[.partner] = .required }
        return out
    }

    /// The contact as it will be stored. A letter's content is dropped unless the author chose to keep it.
    public func contact() -> Contact? {
        guard let child = childID, let mentor = mentorID, let kind = ContactKind(rawValue: value(.kind)),
              let date = FieldParsing.date(value(.date)) else { return nil }
        let keep = kind != .letter || value(.keepLetter) == "1"
        // A hidden letter's content is never in the form: the runtime keeps the stored one.
        return Contact(id: editing, childID: child, mentorID: mentor, kind: letterHidden == true ? .letter : kind, date: date,
                       place: value(.place), summary: keep && letterHidden != true ? value(.summary) : "",
                       concerns: ContactField.concerns.filter { value($0.key) == "1" }.map(\.value), followUp: value(.followUp))
    }

    /// Correcting a recorded contact, pre-filled with what is stored. `letterHidden`: the row is a
    /// letter whose content this account may not read (the row carries none).
    public static func editing(_ row: ContactRow, anchor: Anchor, partners: [Party], letterHidden: Bool = false) -> ContactForm {
        var f = ContactForm(anchor: anchor, partners: partners, kind: row.contact.kind, date: row.contact.date)
        f.editing = row.contact.id
        f.version = row.version
        if letterHidden, row.contact.kind == .letter { f.letterHidden = true }
        let partnerID = { if case .child = anchor { return row.contact.mentorID } else { return row.contact.childID } }()
        if !partners.contains(where: { $0.id == partnerID }) {
            let name = { if case .child = anchor { return row.mentorName } else { return row.childName } }()
            f.partners.insert(Party(id: partnerID, name: name), at: 0)
        }
        f.values[.partner] = TextField(String(partnerID))
        f.values[.place] = TextField(row.contact.place)
        f.values[.summary] = TextField(row.contact.summary)
        f.values[.keepLetter] = TextField(row.contact.kind == .letter && !row.contact.summary.isEmpty ? "1" : "0")
        f.values[.followUp] = TextField(row.contact.followUp)
        for (field, concern) in ContactField.concerns { f.values[field] = TextField(row.contact.concerns.contains(concern) ? "1" : "0") }
        f.focus = f.order.firstIndex(of: .date) ?? 0 // the fields shown may differ from a new contact's
        return f
    }
}
