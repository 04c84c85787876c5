import Domain
import Storage
import TerminalUI

/// The fields of the mentor form.
public enum MentorField: String, CaseIterable, Codable, Sendable {
    case name, role, phone, organisation, grid, capacity
}

/// Adding or editing a mentor. Like the child form, everything is text so a draft restores exactly.
public struct MentorForm: Equatable, Sendable, Codable, EditableForm {
    public enum Mode: Equatable, Sendable, Codable {
        case add
        case edit(id: Int64, version: Int, status: MentorStatus)
    }

    public var mode: Mode
    public var order: [MentorField] = MentorField.allCases
    public var values: [MentorField: TextField]
    public var focus = 0
    public var touched: Set<MentorField> = []
    public var dirty = false

    static func kind(_ f: MentorField) -> FieldKind {
        switch f {
        case .role: return .choice(values: MentorRole.allCases.map(\.rawValue), labelKind: "mrole")
        case .phone: return .phone
        case .capacity: return .number(maxDigits: 3)
        case .name: return .text(max: 50)
        default: return .text(max: 100)
        }
    }

    public static func new() -> MentorForm {
        MentorForm(mode: .add, values: [.role: TextField(MentorRole.volunteer.rawValue)])
    }

    public static func editing(_ m: MentorRow, version: Int) -> MentorForm {
        MentorForm(mode: .edit(id: m.id, version: version, status: m.status), values: [
            .name: TextField(m.name), .role: TextField(m.role.rawValue), .phone: TextField(m.phone),
            .organisation: TextField(m.organisation), .grid: TextField(m.gridName ?? ""), .capacity: TextField(String(m.capacity)),
        ])
    }

    init(mode: Mode, values: [MentorField: TextField]) {
        self.mode = mode
        var v: [MentorField: TextField] = [:]
        for f in MentorField.allCases { v[f] = values[f] ?? TextField() }
        self.values = v
    }

    /// The mentor described; capacity nil when left blank (the role's configured capacity applies).
    public func mentor() -> (Mentor, capacity: Int?) {
        let role = MentorRole(rawValue: value(.role)) ?? .volunteer
        var status = MentorStatus.active
        var id: Int64?
        if case let .edit(editID, _, s) = mode { id = editID; status = s }
        let capacity = Int(value(.capacity))
        var m = Mentor(id: id, name: value(.name), role: role, phone: value(.phone), organisation: value(.organisation),
                       gridName: value(.grid).isEmpty ? nil : value(.grid), capacity: capacity, status: status)
        if status == .left { m.leftOn = nil }
        return (m, capacity)
    }

    /// Problems by field: a name and a valid phone are required.
    public func issues() -> [MentorField: FieldProblem] {
        var out: [MentorField: FieldProblem] = [:]
        if value(.name).isEmpty { out[.name] = .required }
        if value(.phone).isEmpty { out[.phone] = .required } else if !Phone.isValid(value(.phone)) { out[.phone] = .phone }
        return out
    }
}

/// Keys, save and view of the mentor form.
enum MentorFormUpdate {
    static func key(_ state: inout AppState, _ key: Key) -> [Command] {
        let draftKey = state.draftKey
        return SimpleForm.key(&state, key, \.mentorForm, issues: { $0.issues() }, save: { form in
            let (mentor, capacity) = form.mentor()
            switch form.mode {
            case .add: return [.saveMentor(mentor, capacityGiven: capacity != nil, id: nil, expectedVersion: nil)]
            case let .edit(id, version, _): return [.saveMentor(mentor, capacityGiven: capacity != nil, id: id, expectedVersion: version)]
            }
        }, draft: { .saveMentorDraft(key: draftKey, form: $0) })
    }

    static func render(_ state: AppState, into buffer: inout Buffer, area: Rect) {
        guard let form = state.mentorForm else { return }
        let s = state.strings
        let title: String
        switch form.mode {
        case .add: title = s[.mentorFormAddTitle]
        case .edit: title = s.format(.mentorFormEditTitle, form.value(.name))
        }
        let display: (MentorField) -> String = { f in
            if f == .role { return s.label("mrole", MentorRole(rawValue: form.value(.role)) ?? .volunteer) }
            return form.values[f]?.text ?? ""
        }
        FormView.draw(form, title: title, rows: form.order.map { .field($0) }, label: { s.label("mf", $0) }, display: display,
                      issues: form.issues(), state: state, into: &buffer, area: area)
        if form.value(.capacity).isEmpty, form.focusedField == .capacity, state.message == nil {
            let (_, messageRow) = area.splitBottom(1)
            buffer.put(s[.mentorFormCapacityHint], x: messageRow.x + 1, y: messageRow.y, style: Theme.hint)
        }
    }
}
