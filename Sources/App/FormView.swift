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
        let (titleRow, rest) = area.splitTop(1)
        let (body, messageRow) = rest.splitBottom(1)

        let title: String
        switch form.mode {
        case .add: title = s[.formAddTitle]
        case .edit: title = s.format(.formEditTitle, form.value(.name))
        case .sweep(_, _, let saved): title = s.format(.formSweepTitle, saved)
        }
        buffer.put(title, x: titleRow.x + 1, y: titleRow.y, style: Theme.title)
        let pos = "\(form.focus + 1)/\(form.order.count)"
        buffer.put(pos, x: titleRow.maxX - 1 - TextWidth.of(pos), y: titleRow.y, style: Theme.hint)

        let issues = form.issues(today: state.today)
        var issueByField: [ChildField: FieldIssue] = [:]
        for issue in issues where issueByField[issue.field] == nil { issueByField[issue.field] = issue }

        let all = lines(form)
        let focusLine = all.firstIndex(of: .field(form.focus)) ?? 0
        let top = focusLine < body.height - 1 ? 0 : focusLine - body.height + 2
        let labelWidth = min(16, form.order.map { TextWidth.of(s.fieldName($0)) }.max() ?? 10)
        let valueWidth = body.width >= 110 ? 40 : 30
        let valueX = body.x + 3 + labelWidth + 1
        let issueX = valueX + valueWidth + 2

        for (row, line) in all.dropFirst(top).prefix(body.height).enumerated() {
            let y = body.y + row
            switch line {
            case .section(let key):
                buffer.put("── " + s[key] + " ", x: body.x + 1, y: y, style: Theme.section)
            case .field(let i):
                let f = form.order[i]
                let focused = i == form.focus
                if focused { buffer.put("▶", x: body.x + 1, y: y, style: Theme.prompt) }
                buffer.putPadded(s.fieldName(f), x: body.x + 3, y: y, width: labelWidth, style: focused ? Theme.prompt : Theme.label)
                let fieldStyle = focused ? Style(underline: true, dim: false) : Style(underline: true, dim: true)
                let kind = ChildForm.kind(f)
                if case .choice = kind, focused {
                    buffer.putPadded("‹ " + display(form, f, s) + " ›", x: valueX, y: y, width: valueWidth, style: fieldStyle)
                } else if kind == .yesNo, focused {
                    buffer.putPadded("‹ " + display(form, f, s) + " ›", x: valueX, y: y, width: valueWidth, style: fieldStyle)
                } else if focused, let field = form.values[f] {
                    let (shown, col) = field.visible(width: valueWidth)
                    buffer.putPadded(shown, x: valueX, y: y, width: valueWidth, style: fieldStyle)
                    buffer.cursor = (valueX + col, y)
                } else {
                    buffer.putPadded(display(form, f, s), x: valueX, y: y, width: valueWidth, style: fieldStyle)
                }
                let showIssue = form.touched.contains(f) || (!form.value(f).isEmpty && issueByField[f]?.problem != .required)
                if let issue = issueByField[f], showIssue {
                    let mark = issue.problem.isBlocking ? "✗ " : "! "
                    buffer.put(mark + s.describe(issue.problem), x: issueX, y: y,
                               style: issue.problem.isBlocking ? Theme.error : Theme.warning, maxWidth: body.maxX - issueX)
                } else if focused, kind.isChoice {
                    buffer.put(s[.formChoiceHint], x: issueX, y: y, style: Theme.hint)
                }
            }
        }
        if let m = state.message {
            buffer.put(m.text, x: messageRow.x + 1, y: messageRow.y, style: m.isError ? Theme.error : Theme.hint)
        } else if let issue = issueByField[form.focusedField] {
            // The whole explanation of the focused field's problem (the column beside it may cut it).
            buffer.put(s.format(.formIssueLine, s.fieldName(issue.field), s.describe(issue.problem)), x: messageRow.x + 1, y: messageRow.y,
                       style: issue.problem.isBlocking ? Theme.error : Theme.warning)
        }
    }
}
