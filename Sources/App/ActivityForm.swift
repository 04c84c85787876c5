import Domain
import Scheduling
import Storage
import TerminalUI

/// The fields of the activity form.
public enum ActivityField: String, CaseIterable, Codable, Sendable {
    case title, category, date, startTime = "start_time", endTime = "end_time", place, organiser, notes
    /// New activities only: repeat weekly or monthly until a date (the semester's end when blank).
    case repeats, until
}

/// How a new activity repeats, read from its first date.
public enum RepeatChoice: String, CaseIterable, Codable, Sendable {
    case none, weekly, monthlyDay = "monthly_day", monthlyNth = "monthly_nth"

    /// The rule for an activity first held on `date`.
    public func rule(from date: LocalDate) -> Recurrence? {
        switch self {
        case .none: return nil
        case .weekly: return .weekly(weekday: date.isoWeekday)
        case .monthlyDay: return .monthlyOnDay(date.day)
        case .monthlyNth: return .monthlyNthWeekday(n: min(4, (date.day - 1) / 7 + 1), weekday: date.isoWeekday)
        }
    }
}

/// Adding or editing an activity on the calendar.
public struct ActivityForm: Equatable, Sendable, Codable, EditableForm {
    public enum Mode: Equatable, Sendable, Codable {
        case add
        case edit(id: Int64)
    }

    public var mode: Mode
    public var order: [ActivityField]
    public var values: [ActivityField: TextField]
    public var focus = 0
    public var touched: Set<ActivityField> = []
    public var dirty = false

    static func kind(_ f: ActivityField) -> FieldKind {
        switch f {
        case .category: return .choice(values: ActivityCategory.allCases.map(\.rawValue), labelKind: "acat")
        case .repeats: return .choice(values: RepeatChoice.allCases.map(\.rawValue), labelKind: "arep")
        case .date, .until: return .date
        case .startTime, .endTime: return .text(max: 5)
        case .notes: return .text(max: 500)
        default: return .text(max: 100)
        }
    }

    public static func new(on date: LocalDate) -> ActivityForm {
        ActivityForm(mode: .add, values: [.category: TextField(ActivityCategory.homeActivity.rawValue),
                                          .date: TextField(date.description), .repeats: TextField(RepeatChoice.none.rawValue)])
    }

    public static func editing(_ a: Activity) -> ActivityForm {
        ActivityForm(mode: .edit(id: a.id ?? 0), values: [
            .title: TextField(a.title), .category: TextField(a.category.rawValue), .date: TextField(a.date.description),
            .startTime: TextField(a.startTime ?? ""), .endTime: TextField(a.endTime ?? ""), .place: TextField(a.place),
            .organiser: TextField(a.organiser), .notes: TextField(a.notes),
        ])
    }

    init(mode: Mode, values: [ActivityField: TextField]) {
        self.mode = mode
        // Repetition is chosen when an activity is created; a series is then edited as a whole or one day.
        order = mode == .add ? ActivityField.allCases : ActivityField.allCases.filter { $0 != .repeats && $0 != .until }
        var v: [ActivityField: TextField] = [:]
        for f in order { v[f] = values[f] ?? TextField() }
        self.values = v
    }

    /// The repetition chosen, and its end date if typed.
    public var repetition: (RepeatChoice, until: LocalDate?) {
        (RepeatChoice(rawValue: value(.repeats)) ?? .none, FieldParsing.date(value(.until)))
    }

    /// `9:30` or `0930` → `09:30`; nil when not a time of day.
    static func time(_ text: String) -> String? {
        let digits = text.filter(\.isNumber)
        guard text.allSatisfy({ $0.isNumber || $0 == ":" || $0 == "：" }), (3...4).contains(digits.count) else { return nil }
        let h = Int(digits.dropLast(2))!, m = Int(digits.suffix(2))!
        guard (0...23).contains(h), (0...59).contains(m) else { return nil }
        return (h < 10 ? "0\(h)" : "\(h)") + ":" + (m < 10 ? "0\(m)" : "\(m)")
    }

    /// Problems by field: a title and a real date; times as `9:30`, the end not before the start.
    public func issues() -> [ActivityField: FieldProblem] {
        var out: [ActivityField: FieldProblem] = [:]
        if value(.title).isEmpty { out[.title] = .required }
        if FieldParsing.date(value(.date)) == nil { out[.date] = value(.date).isEmpty ? .required : .date }
        for f in [ActivityField.startTime, .endTime] where !value(f).isEmpty && Self.time(value(f)) == nil { out[f] = .time }
        if value(.startTime).isEmpty, !value(.endTime).isEmpty { out[.startTime] = .required }
        if let a = Self.time(value(.startTime)), let b = Self.time(value(.endTime)), b < a { out[.endTime] = .endBeforeStart }
        if !value(.until).isEmpty {
            if let until = FieldParsing.date(value(.until)) {
                if let d = FieldParsing.date(value(.date)), until < d { out[.until] = .endBeforeStart }
            } else {
                out[.until] = .date
            }
        }
        return out
    }

    /// The activity described (only when `issues()` is empty).
    public func activity() -> Activity? {
        guard issues().isEmpty, let date = FieldParsing.date(value(.date)) else { return nil }
        var id: Int64?
        if case .edit(let editID) = mode { id = editID }
        return Activity(id: id, title: value(.title), category: ActivityCategory(rawValue: value(.category)) ?? .other,
                        date: date, startTime: Self.time(value(.startTime)), endTime: Self.time(value(.endTime)),
                        place: value(.place), organiser: value(.organiser), notes: value(.notes))
    }
}

/// Keys, save and view of the activity form.
enum ActivityFormUpdate {
    static func key(_ state: inout AppState, _ key: Key) -> [Command] {
        let inSeries = state.calendar.selectedActivity?.seriesID != nil
        var scopeQuestion: Prompt?
        let commands = SimpleForm.key(&state, key, \.activityForm, issues: { $0.issues() }, save: { form in
            guard let activity = form.activity() else { return [] }
            if case .edit(let id) = form.mode {
                // One day of a series, or it and all later days? Asked before saving.
                if inSeries {
                    scopeQuestion = .activityScope(.save(activity, id: id))
                    return []
                }
                return [.saveActivity(activity, id: id, scope: .occurrence)]
            }
            let (choice, until) = form.repetition
            if let rule = choice.rule(from: activity.date) { return [.addRecurringActivity(activity, rule: rule, until: until)] }
            return [.saveActivity(activity, id: nil, scope: .occurrence)]
        })
        if let scopeQuestion { state.prompt = scopeQuestion }
        return commands
    }

    static func render(_ state: AppState, into buffer: inout Buffer, area: Rect) {
        guard let form = state.activityForm else { return }
        let s = state.strings
        let title: String
        switch form.mode {
        case .add: title = s[.activityFormAddTitle]
        case .edit: title = s.format(.activityFormEditTitle, form.value(.title))
        }
        let display: (ActivityField) -> String = { f in
            if f == .category { return s.label("acat", ActivityCategory(rawValue: form.value(.category)) ?? .other) }
            if f == .repeats { return s.label("arep", RepeatChoice(rawValue: form.value(.repeats)) ?? .none) }
            return form.values[f]?.text ?? ""
        }
        FormView.draw(form, title: title, rows: form.order.map { .field($0) }, label: { s.label("af", $0) }, display: display,
                      issues: form.issues(), state: state, into: &buffer, area: area)
    }
}
