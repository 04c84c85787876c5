import Domain
import Scheduling
import Storage
import TerminalUI

/// The fields of the semester form.
public enum SemesterField: String, CaseIterable, Codable, Sendable {
    case start, end
}

/// Changing the dates of a semester (`S` on the calendar): they differ by province.
public struct SemesterForm: Equatable, Sendable, EditableForm {
    public var semesterID: String
    public var name: String
    public var order: [SemesterField] = SemesterField.allCases
    public var values: [SemesterField: TextField]
    public var focus = 0
    public var touched: Set<SemesterField> = []
    public var dirty = false

    static func kind(_ f: SemesterField) -> FieldKind { .date }

    public init(semester: Semester, name: String) {
        semesterID = semester.id
        self.name = name
        values = [.start: TextField(semester.start.description), .end: TextField(semester.end.description)]
    }

    public func issues() -> [SemesterField: FieldProblem] {
        var out: [SemesterField: FieldProblem] = [:]
        for f in order where FieldParsing.date(value(f)) == nil { out[f] = value(f).isEmpty ? .required : .date }
        if let a = FieldParsing.date(value(.start)), let b = FieldParsing.date(value(.end)), b < a { out[.end] = .endBeforeStart }
        return out
    }
}

enum SemesterFormUpdate {
    static func open(_ state: inout AppState) -> [Command] {
        guard let f = state.calendar.facts, let start = f.semesterStart, let end = f.semesterEnd, let name = f.semesterName else { return [] }
        let standard = Semester.standard(containing: LocalDate(year: f.year, month: f.month, day: 15)!)
        state.semesterForm = SemesterForm(semester: Semester(year: standard.year, term: standard.term, start: start, end: end), name: name)
        return []
    }

    static func key(_ state: inout AppState, _ key: Key) -> [Command] {
        SimpleForm.key(&state, key, \.semesterForm, issues: { $0.issues() }, save: { form in
            [.setSemester(id: form.semesterID, from: FieldParsing.date(form.value(.start))!, to: FieldParsing.date(form.value(.end))!)]
        })
    }

    static func render(_ state: AppState, into buffer: inout Buffer, area: Rect) {
        guard let form = state.semesterForm else { return }
        let s = state.strings
        FormView.draw(form, title: s.format(.semesterFormTitle, form.name), rows: form.order.map { .field($0) },
                      label: { s.label("sf", $0) }, display: { form.values[$0]?.text ?? "" }, issues: form.issues(),
                      state: state, into: &buffer, area: area)
    }
}
