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
        guard var form = state.semesterForm else { return [] }
        switch form.handle(key, strings: state.strings) {
        case .save:
            let issues = form.issues()
            if let first = form.order.first(where: { issues[$0] != nil }) {
                form.touched = Set(form.order)
                form.focus = form.order.firstIndex(of: first) ?? 0
                state.semesterForm = form
                state.message = StatusMessage(state.strings.format(.formFixFirst, issues.count), isError: true)
                return []
            }
            return [.setSemester(id: form.semesterID, from: FieldParsing.date(form.value(.start))!,
                                 to: FieldParsing.date(form.value(.end))!)]
        case .cancel:
            state.semesterForm = nil
            return []
        case .help:
            state.showHelp = true
            return []
        case .quit:
            state.running = false
            return []
        case .nextHousehold, .edited:
            state.semesterForm = form
            return []
        }
    }

    static func render(_ state: AppState, into buffer: inout Buffer, area: Rect) {
        guard let form = state.semesterForm else { return }
        let s = state.strings
        FormView.draw(form, title: s.format(.semesterFormTitle, form.name), rows: form.order.map { .field($0) },
                      label: { s.label("sf", $0) }, display: { form.values[$0]?.text ?? "" }, issues: form.issues(),
                      state: state, into: &buffer, area: area)
    }
}
