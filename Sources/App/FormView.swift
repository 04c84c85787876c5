import Domain
import TerminalUI

/// The child form: a title, the fields (in sections) with inline problems, the message line.
enum FormView {
    enum Line: Equatable {
        case section(StringKey)
        case field(Int) // index into form.order
    }

    static func section(of field: ChildField, sweep: Bool) -> StringKey {
        if sweep { return ChildForm.householdFields.contains(field) ? .formSectionHousehold : .formSectionChild }
        switch field {
        case .name, .sex, .ethnicity, .idNumber, .birthDate, .school, .className, .grid, .address: return .sectionBasic
        case .guardianName, .guardianRelation, .guardianPhone, .guardianNotes: return .sectionGuardian
        case .fatherName, .fatherWorkPlace, .fatherPhone, .motherName, .motherWorkPlace, .motherPhone: return .sectionParents
        default: return .sectionCare
        }
    }

    static func lines(_ form: ChildForm) -> [Line] {
        var out: [Line] = []
        var current: StringKey?
        for (i, f) in form.order.enumerated() {
            let s = section(of: f, sweep: form.isSweep)
            if s != current { out.append(.section(s)); current = s }
            out.append(.field(i))
        }
        return out
    }

    /// How a value reads on screen: choices by their label, yes/no as 是/否.
    static func display(_ form: ChildForm, _ f: ChildField, _ s: Strings) -> String {
        let v = form.value(f)
        switch ChildForm.kind(f) {
        case .choice(_, let kind): return v.isEmpty ? "—" : (s.table["\(kind).\(v)"] ?? v)
        case .yesNo: return v == "1" ? s[.yes] : s[.no]
        default: return form.values[f]?.text ?? ""
        }
    }

    static func render(_ state: AppState, into buffer: inout Buffer, area: Rect) {
        guard let form = state.form else { return }
        let s = state.strings
        let title: String
        switch form.mode {
        case .add: title = s[.formAddTitle]
        case .edit: title = s.format(.formEditTitle, form.value(.name))
        case .sweep(_, _, let saved): title = s.format(.formSweepTitle, saved)
        }
        var issues: [ChildField: FieldProblem] = [:]
        for issue in form.issues(today: state.today) where issues[issue.field] == nil { issues[issue.field] = issue.problem }
        let rows: [FormRow<ChildField>] = lines(form).map {
            switch $0 {
            case .section(let key): return .section(s[key])
            case .field(let i): return .field(form.order[i])
            }
        }
        draw(form, title: title, rows: rows, label: { s.fieldName($0) }, display: { display(form, $0, s) }, issues: issues,
             state: state, into: &buffer, area: area)
    }

    /// A line of a form: a section title or a field.
    enum FormRow<Field: Hashable>: Equatable {
        case section(String)
        case field(Field)
    }

    /// Draws any form: title, rows with the focused one marked and its cursor placed, each field's
    /// problem beside it, and the whole explanation of the focused field's problem at the bottom.
    static func draw<F: EditableForm>(_ form: F, title: String, rows all: [FormRow<F.Field>], label: (F.Field) -> String,
                                      display: (F.Field) -> String, issues: [F.Field: FieldProblem], state: AppState,
                                      into buffer: inout Buffer, area: Rect) {
        let s = state.strings
        let (titleRow, rest) = area.splitTop(1)
        let (body, messageRow) = rest.splitBottom(1)
        buffer.put(title, x: titleRow.x + 1, y: titleRow.y, style: Theme.title)
        let pos = "\(form.focus + 1)/\(form.order.count)"
        buffer.put(pos, x: titleRow.maxX - 1 - TextWidth.of(pos), y: titleRow.y, style: Theme.hint)

        let focusLine = all.firstIndex(of: .field(form.focusedField)) ?? 0
        let top = focusLine < body.height - 1 ? 0 : focusLine - body.height + 2
        let labelWidth = min(16, form.order.map { TextWidth.of(label($0)) }.max() ?? 10)
        let valueWidth = body.width >= 110 ? 40 : 30
        let valueX = body.x + 3 + labelWidth + 1
        let issueX = valueX + valueWidth + 2

        for (row, line) in all.dropFirst(top).prefix(body.height).enumerated() {
            let y = body.y + row
            switch line {
            case .section(let text):
                buffer.put("── " + text + " ", x: body.x + 1, y: y, style: Theme.section)
            case .field(let f):
                let focused = f == form.focusedField
                if focused { buffer.put("▶", x: body.x + 1, y: y, style: Theme.prompt) }
                buffer.putPadded(label(f), x: body.x + 3, y: y, width: labelWidth, style: focused ? Theme.prompt : Theme.label)
                let fieldStyle = focused ? Style(underline: true, dim: false) : Style(underline: true, dim: true)
                let kind = F.kind(f)
                if kind.isChoice, focused {
                    buffer.putPadded("‹ " + display(f) + " ›", x: valueX, y: y, width: valueWidth, style: fieldStyle)
                } else if focused, let field = form.values[f] {
                    let (shown, col) = field.visible(width: valueWidth)
                    buffer.putPadded(shown, x: valueX, y: y, width: valueWidth, style: fieldStyle)
                    buffer.cursor = (valueX + col, y)
                } else {
                    buffer.putPadded(display(f), x: valueX, y: y, width: valueWidth, style: fieldStyle)
                }
                let showIssue = form.touched.contains(f) || (!form.value(f).isEmpty && issues[f] != .required)
                if let problem = issues[f], showIssue {
                    let mark = problem.isBlocking ? "✗ " : "! "
                    buffer.put(mark + s.describe(problem), x: issueX, y: y,
                               style: problem.isBlocking ? Theme.error : Theme.warning, maxWidth: body.maxX - issueX)
                } else if focused, kind.isChoice {
                    buffer.put(s[.formChoiceHint], x: issueX, y: y, style: Theme.hint)
                }
            }
        }
        if let m = state.message {
            buffer.put(m.text, x: messageRow.x + 1, y: messageRow.y, style: m.isError ? Theme.error : Theme.hint)
        } else if let problem = issues[form.focusedField] {
            // The whole explanation of the focused field's problem (the column beside it may cut it).
            buffer.put(s.format(.formIssueLine, label(form.focusedField), s.describe(problem)), x: messageRow.x + 1,
                       y: messageRow.y, style: problem.isBlocking ? Theme.error : Theme.warning)
        }
    }
}
