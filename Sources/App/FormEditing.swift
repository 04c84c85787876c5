import Domain
import TerminalUI

/// What a key did to a form.
enum FormEdit: Equatable {
    case none
    /// The focus or the text cursor moved (worth keeping in the draft of a changed form).
    case moved
    /// A value changed.
    case changed
}

/// A form of text fields, choices and yes/no fields: the child form and the mentor form.
/// The editing rules (wide characters, choices by arrows or typing, focus) live here once.
protocol EditableForm: Equatable {
    associatedtype Field: Hashable
    var order: [Field] { get }
    var values: [Field: TextField] { get set }
    var focus: Int { get set }
    var touched: Set<Field> { get set }
    var dirty: Bool { get set }
    static func kind(_ f: Field) -> FieldKind
}

extension EditableForm {
    var focusedField: Field { order[max(0, min(focus, order.count - 1))] }

    func value(_ f: Field) -> String { values[f]?.text.trimmingCharacters(in: .whitespaces) ?? "" }

    /// The form with its focus on one of its fields (a draft read back may say anything).
    func withFocusInBounds() -> Self {
        var f = self
        f.focus = max(0, min(focus, order.count - 1))
        return f
    }

    /// Applies a printable character (`key` is `.char`) or an editing action to the focused field.
    mutating func apply(_ key: Key, action: Action?, strings: Strings) -> FormEdit {
        let f = focusedField
        let kind = Self.kind(f)
        var field = values[f] ?? TextField()
        let before = field
        if case .char(let c) = key, !c.isNewline {
            switch kind {
            case .choice(let options, let labelKind):
                if let n = c.wholeNumberValue, c.isASCII, options.indices.contains(n) {
                    field.set(options[n])
                } else if let match = options.first(where: { !$0.isEmpty && strings.table["\(labelKind).\($0)"]?.first == c }) {
                    field.set(match)
                }
            case .yesNo:
                if let b = FieldParsing.yesNo(String(c)) { field.set(b ? "1" : "0") }
            case .text(let max):
                if field.characters.count < max { field.insert(c) }
            case .number(let maxDigits):
                if c.isASCII, c.isNumber, field.characters.count < maxDigits { field.insert(c) }
            case .date, .idNumber, .phone:
                if field.characters.count < 20 { field.insert(c) }
            }
        } else {
            switch action {
            case .nextField?, .previousField?:
                touched.insert(f)
                focus = max(0, min(order.count - 1, focus + (action == .nextField ? 1 : -1)))
                return .moved
            case .cursorLeft?, .cursorRight?:
                let step = action == .cursorLeft ? -1 : 1
                switch kind {
                case .choice(let options, _):
                    let i = options.firstIndex(of: field.text) ?? 0
                    field.set(options[(i + step + options.count) % options.count])
                case .yesNo:
                    field.set(field.text == "1" ? "0" : "1")
                default:
                    if step < 0 { field.left() } else { field.right() }
                }
            case .lineStart?: field.home()
            case .lineEnd?: field.end()
            case .erase?, .eraseForward?, .clearField?:
                if case .choice(let options, _) = kind, !options.contains("") {
                    // A choice that must be made (the kind of a contact) keeps its value: there is no "none".
                } else if kind.isChoice {
                    field.set(kind == .yesNo ? "0" : "")
                } else if action == .erase {
                    field.backspace()
                } else if action == .eraseForward {
                    field.delete()
                } else {
                    field.clear()
                }
            default:
                return .none
            }
        }
        values[f] = field
        if field.text != before.text {
            dirty = true
            return .changed
        }
        return field == before ? .none : .moved
    }
}

extension ChildForm: EditableForm {}

/// What a key means to a form: the form-level actions, or an edit already applied.
enum FormKeyOutcome: Equatable {
    case save, cancel, help, quit, nextHousehold
    case edited(FormEdit)
}

extension EditableForm {
    /// Applies a key to the form: typing and editing here, the rest returned for the screen to act on.
    mutating func handle(_ key: Key, strings: Strings) -> FormKeyOutcome {
        var action: Action?
        if case .char(let c) = key, !c.isNewline { action = nil } else {
            action = Keymap.action(for: key, in: [.form, .global], textEntry: true)
            guard action != nil else { return .edited(.none) }
        }
        switch action {
        case .save?: return .save
        case .cancelForm?: return .cancel
        case .help?: return .help
        case .quit?: return .quit
        case .nextHousehold?: return .nextHousehold
        default: return .edited(apply(key, action: action, strings: strings))
        }
    }
}

/// The key handling shared by the simple forms (mentor, activity, term dates): save stops at the
/// first problem, Esc asks before discarding changes, typing edits; `save` builds the commands for a
/// clean form and `draft`, when given, keeps every change as a draft.
enum SimpleForm {
    static func key<F: EditableForm>(_ state: inout AppState, _ key: Key, _ path: WritableKeyPath<AppState, F?>,
                                     issues: (F) -> [F.Field: FieldProblem], save: (F) -> [Command],
                                     draft: ((F) -> Command)? = nil) -> [Command] {
        guard var form = state[keyPath: path] else { return [] }
        switch form.handle(key, strings: state.strings) {
        case .save:
            // Only blocking problems stop a save; a warning (a contact that will count for nothing) shows
            // beside its field and lets it through.
            let problems = issues(form).filter { $0.value.isBlocking }
            if let first = form.order.first(where: { problems[$0] != nil }) {
                form.touched = Set(form.order)
                form.focus = form.order.firstIndex(of: first) ?? 0
                state[keyPath: path] = form
                state.message = StatusMessage(state.strings.format(.formFixFirst, problems.count), isError: true)
                return []
            }
            return save(form)
        case .cancel:
            if form.dirty { state.prompt = .discardChanges; return [] }
            state[keyPath: path] = nil
            return draft == nil ? [] : [.deleteDraft(key: state.draftKey)]
        case .help:
            state.showHelp = true
            return []
        case .quit:
            state.running = false
            return []
        case .nextHousehold:
            return []
        case .edited(let edit):
            state[keyPath: path] = form
            guard let draft, edit == .changed || (edit == .moved && form.dirty) else { return [] }
            return [draft(form)]
        }
    }
}
