import Domain
import Storage
import TerminalUI

/// The fields of the form that ends one pairing.
public enum PairingEndField: String, CaseIterable, Codable, Sendable {
    /// Which of the active pairings (shown when there are several).
    case pairing
    case date, reason
}

/// Ending one pairing (`u` in a mentor's or a child's file): which active pairing, the last day (today
/// by default; not before the pairing began, not after today) and why. A coordinator's; the store
/// records it in the history and the audit trail as it does every pairing write.
public struct PairingEndForm: Equatable, Sendable, EditableForm {
    /// An active pairing offered: its id, the two names, the role and the day it began.
    public struct Choice: Equatable, Sendable {
        public var id: Int64
        public var childID: Int64
        public var mentorID: Int64
        public var childName: String
        public var mentorName: String
        public var role: PairRole
        public var start: LocalDate

        public init(_ row: PairingRow) {
            id = row.id; childID = row.pairing.childID; mentorID = row.pairing.mentorID
            childName = row.childName; mentorName = row.mentorName; role = row.pairing.role; start = row.pairing.start
        }
    }

    /// Opened from a mentor's file (the choices name the children) or a child's (they name the mentors).
    public enum Anchor: Equatable, Sendable {
        case mentor(String)
        case child(String)
    }

    /// The reasons a person gives when ending one pairing. `child_archived` is left to archiving the
    /// file (`x`), which ends every pairing of the child with it.
    public static let reasons: [PairingEndReason] = [.other, .childMoved, .reassigned, .mentorLeft]

    public var anchor: Anchor
    public var choices: [Choice]
    public var values: [PairingEndField: TextField]
    public var focus = 0
    public var touched: Set<PairingEndField> = []
    public var dirty = false

    public var order: [PairingEndField] { choices.count > 1 ? PairingEndField.allCases : [.date, .reason] }

    static func kind(_ f: PairingEndField) -> FieldKind {
        switch f {
        case .pairing: return .choice(values: [], labelKind: "") // cycled by id in `PairingEnding.key`
        case .date: return .date
        case .reason: return .choice(values: reasons.map(\.rawValue), labelKind: "pend")
        }
    }

    /// `choices` must not be empty; the first is chosen, the date is `today`, the reason `other`.
    public init(anchor: Anchor, choices: [Choice], today: LocalDate, chosen: Int64? = nil) {
        self.anchor = anchor
        self.choices = choices
        let first = choices.first { $0.id == chosen } ?? choices.first
        values = [.pairing: TextField(first.map { String($0.id) } ?? ""), .date: TextField(today.description),
                  .reason: TextField(PairingEndReason.other.rawValue)]
        focus = order.firstIndex(of: .date) ?? 0
    }

    public var chosen: Choice? { choices.first { String($0.id) == value(.pairing) } ?? choices.first }

    public func issues(today: LocalDate) -> [PairingEndField: FieldProblem] {
        var out: [PairingEndField: FieldProblem] = [:]
        if value(.date).isEmpty {
            out[.date] = .required
        } else if let d = FieldParsing.date(value(.date)) {
            if d > today { out[.date] = .dateInFuture }
            if let start = chosen?.start, d < start { out[.date] = .beforePairingStart(start) }
        } else {
            out[.date] = .date
        }
        if PairingEndReason(rawValue: value(.reason)) == nil { out[.reason] = .required }
        if chosen == nil { out[.pairing] = .required }
        return out
    }

    /// What the form asks for, when it is complete.
    public func request() -> PairingEndRequest? {
        guard let c = chosen, let date = FieldParsing.date(value(.date)), let reason = PairingEndReason(rawValue: value(.reason))
        else { return nil }
        return PairingEndRequest(id: c.id, on: date, reason: reason, childName: c.childName, mentorName: c.mentorName)
    }
}

/// A pairing to end, waiting for `y` (the names are for the question).
public struct PairingEndRequest: Equatable, Sendable {
    public var id: Int64
    public var on: LocalDate
    public var reason: PairingEndReason
    public var childName: String
    public var mentorName: String
}

enum PairingEnding {
    // MARK: Opening

    /// `u` in a mentor's file: their active pairings, by child.
    static func openFromMentor(_ state: inout AppState) -> [Command] {
        guard let d = state.mentors.detail, let m = d.row else { return [] }
        return open(&state, anchor: .mentor(m.name), d.pairings)
    }

    /// `u` in a child's file: the child's active pairings, by mentor.
    static func openFromChild(_ state: inout AppState) -> [Command] {
        guard let file = state.detail?.file else { return [] }
        return open(&state, anchor: .child(file.child.name), file.pairings)
    }

    static func open(_ state: inout AppState, anchor: PairingEndForm.Anchor, _ pairings: [PairingRow]) -> [Command] {
        let active = pairings.filter { $0.pairing.isActive && $0.pairing.id != nil }.map(PairingEndForm.Choice.init)
        guard !active.isEmpty else {
            state.message = StatusMessage(state.strings[.pairingEndNone], isError: true)
            return []
        }
        state.pairingEndForm = PairingEndForm(anchor: anchor, choices: active, today: state.today)
        return []
    }

    // MARK: Keys

    static func key(_ state: inout AppState, _ key: Key) -> [Command] {
        // The pairing is a choice among ids the form carries: ← → cycle it here.
        if var form = state.pairingEndForm, form.focusedField == .pairing, form.choices.count > 1,
           let action = Keymap.action(for: key, in: [.form], textEntry: true), action == .cursorLeft || action == .cursorRight {
            let i = form.choices.firstIndex { String($0.id) == form.value(.pairing) } ?? 0
            let next = (i + (action == .cursorLeft ? -1 : 1) + form.choices.count) % form.choices.count
            form.values[.pairing] = TextField(String(form.choices[next].id))
            form.dirty = true
            state.pairingEndForm = form
            return []
        }
        let today = state.today
        var asked: PairingEndRequest?
        let commands = SimpleForm.key(&state, key, \.pairingEndForm, issues: { $0.issues(today: today) }, save: { form in
            asked = form.request()
            return []
        })
        if let asked { state.prompt = .endPairing(asked) }
        return commands
    }

    /// The answer to `结束 … 的结对？`: `y` ends it; anything else goes back to the form.
    static func answer(_ state: inout AppState, _ key: Key) -> [Command] {
        guard case .endPairing(let request)? = state.prompt else { return [] }
        guard let action = Keymap.action(for: key, in: [.prompt]) else { return [] }
        state.prompt = nil
        guard action == .yes else { return [] }
        return [.endPairing(id: request.id, on: request.on, reason: request.reason)]
    }

    // MARK: Results

    /// Ended: the form closes and everything that shows the pairing, a load or the child's state is read again.
    static func ended(_ state: inout AppState, childID: Int64, mentorID: Int64) -> [Command] {
        let request = state.pairingEndForm?.request()
        state.pairingEndForm = nil
        let s = state.strings
        if let r = request {
            state.message = StatusMessage(s.format(.pairingEndDone, r.childName, r.mentorName, r.on.description, s.label("pend", r.reason)))
        }
        var reload: [Command] = [.loadSummary, .loadRosterIDs(state.roster.rosterQuery), .loadMentorCounts]
        if state.detail?.childID == childID { reload.append(.loadDetail(childID)) }
        if state.mentors.detail?.mentorID == mentorID { reload.append(.loadMentorDetail(mentorID)) }
        if state.mentors.loadedQuery != nil { reload.append(.loadMentorIDs(state.mentors.mentorQuery)) }
        if state.obligations.board != nil { reload.append(.loadObligations(semesterID: state.obligations.semesterID)) }
        return reload
    }

    /// Refused by the store (ended meanwhile elsewhere, a date before the start): said on the message
    /// line; a pairing that is gone or already ended closes the form and the file is read again.
    static func refused(_ state: inout AppState, _ error: PairingError) -> [Command] {
        let s = state.strings
        state.message = StatusMessage(s.format(.pairingEndRefused, s.describe(error)), isError: true)
        guard error == .alreadyEnded || error == .unknownPairing else { return [] }
        state.pairingEndForm = nil
        var reload: [Command] = []
        if let id = state.detail?.childID { reload.append(.loadDetail(id)) }
        if let id = state.mentors.detail?.mentorID { reload.append(.loadMentorDetail(id)) }
        return reload
    }

    // MARK: Drawing

    static func choiceText(_ c: PairingEndForm.Choice, _ anchor: PairingEndForm.Anchor, _ s: Strings) -> String {
        let who: String
        switch anchor {
        case .mentor: who = c.childName
        case .child: who = c.mentorName
        }
        return s.format(.pairingEndChoice, who, s.label("prole", c.role), c.start.description)
    }

    static func label(_ f: PairingEndField, _ s: Strings) -> String {
        switch f {
        case .pairing: return s[.pairingEndFieldPairing]
        case .date: return s[.pairingEndFieldDate]
        case .reason: return s[.pairingEndFieldReason]
        }
    }

    static func render(_ state: AppState, into buffer: inout Buffer, area: Rect) {
        guard let form = state.pairingEndForm else { return }
        let s = state.strings
        let name: String
        switch form.anchor {
        case .mentor(let n), .child(let n): name = n
        }
        var rows: [FormView.FormRow<PairingEndField>] = form.order.map { .field($0) }
        if let c = form.chosen {
            // The chosen pairing in whole above the fields (the field itself, when there are several, is narrow).
            rows.insert(.section(choiceText(c, form.anchor, s)), at: 0)
        }
        FormView.draw(form, title: s.format(.pairingEndTitle, name), rows: rows, label: { label($0, s) },
                      display: { f in
                          switch f {
                          case .pairing:
                              guard let c = form.chosen else { return "" }
                              if case .mentor = form.anchor { return c.childName + " · " + c.start.description }
                              return c.mentorName + " · " + c.start.description
                          case .reason: return PairingEndReason(rawValue: form.value(.reason)).map { s.label("pend", $0) } ?? ""
                          case .date: return form.values[.date]?.text ?? ""
                          }
                      },
                      issues: form.issues(today: state.today), state: state, into: &buffer, area: area)
    }
}
