import Domain
import Foundation
import GRDB
import Scheduling

/// The activity calendar (行事历, tables `activity`, `activity_history`, migration v4).
///
/// Every write is one transaction and leaves a line per change in the history. Deleting only marks
/// the row: it disappears from the calendar, its history and attendance stay.
///
///     let id = try db.addActivity(Activity(title: "家庭茶话会", category: .parentMeeting, date: day),
///                                 actor: "李老师", timestamp: now)
///     try db.activities(from: semester.start, to: semester.end)   // by date, all-day first, then time, title
extension AppDatabase {
    /// Adds one activity and returns its id.
    @discardableResult
    public func addActivity(_ a: Activity, actor: String, timestamp: String) throws -> Int64 {
        let v = try a.validated()
        return try writer.write { db in
            let id = try Self.insertActivity(db, v, templateKey: nil, semesterID: nil, timestamp: timestamp)
            try Self.recordActivityHistory(db, id: id, actor: actor, at: timestamp, field: "created", old: nil, new: "added")
            return id
        }
    }

    /// Adds `a` on every day of `rule` from `a.date` to `until` (both included), all sharing a new
    /// series id, and returns their ids by date. `a.date` itself is an occurrence only if the rule gives it.
    @discardableResult
    public func addRecurringActivity(_ a: Activity, rule: Recurrence, until: LocalDate, actor: String,
                                     timestamp: String) throws -> [Int64] {
        if let problem = rule.problem { throw ActivityError.badRecurrence(problem) }
        let v = try a.validated()
        let dates = rule.dates(from: v.date, until: until)
        guard !dates.isEmpty else { throw ActivityError.noOccurrences }
        guard dates.count <= ActivityError.maxOccurrences else { throw ActivityError.tooManyOccurrences(dates.count) }
        let series = "series-" + UUID().uuidString.lowercased()
        return try writer.write { db in
            try dates.map { date in
                var occurrence = v
                occurrence.date = date
                occurrence.seriesID = series
                let id = try Self.insertActivity(db, occurrence, templateKey: nil, semesterID: nil, timestamp: timestamp)
                try Self.recordActivityHistory(db, id: id, actor: actor, at: timestamp, field: "created", old: nil,
                                               new: "series \(series) \(dates.first!)…\(dates.last!)")
                return id
            }
        }
    }

    /// Saves changes to an activity; with `.series`, to it and every later occurrence of its series:
    /// their texts, category and times become `a`'s, and their dates move by as many days as this
    /// one's did. Cancellation is left as it is (see `cancelActivity`). Each changed field is written
    /// to the history.
    public func updateActivity(_ a: Activity, id: Int64, scope: ActivityScope, actor: String, timestamp: String) throws {
        let v = try a.validated()
        try writer.write { db in
            guard let old = try Self.storedActivity(db, id: id) else { throw ActivityError.unknownActivity }
            let shift = v.date.dayNumber - old.date.dayNumber
            for target in try Self.scopeTargets(db, of: old, scope: scope) {
                var new = v
                new.id = target.id
                new.date = target.date.adding(days: shift)
                new.seriesID = target.seriesID
                new.cancelled = target.cancelled
                let before = Self.fieldValues(target), after = Self.fieldValues(new)
                let changed = before.indices.filter { before[$0].1 != after[$0].1 }
                guard !changed.isEmpty else { continue }
                try db.execute(sql: """
                    UPDATE activity SET title = ?, category = ?, date = ?, start_time = ?, end_time = ?, place = ?,
                        organiser = ?, notes = ?, version = version + 1, updated_at = ?
                    WHERE id = ?
                    """, arguments: [new.title, new.category.rawValue, new.date.description, new.startTime, new.endTime,
                                     new.place, new.organiser, new.notes, timestamp, target.id])
                for i in changed {
                    try Self.recordActivityHistory(db, id: target.id!, actor: actor, at: timestamp, field: before[i].0,
                                                   old: before[i].1, new: after[i].1)
                }
            }
        }
    }

    /// Marks the activity (with `.series`, also the later occurrences) as cancelled: it stays on the
    /// calendar, flagged, and no longer counts for the month grid's dots.
    public func cancelActivity(id: Int64, scope: ActivityScope, actor: String, timestamp: String) throws {
        try setFlag("cancelled", to: true, id: id, scope: scope, actor: actor, timestamp: timestamp)
    }

    /// Undoes `cancelActivity` for the activity (with `.series`, also the later occurrences).
    public func reinstateActivity(id: Int64, scope: ActivityScope, actor: String, timestamp: String) throws {
        try setFlag("cancelled", to: false, id: id, scope: scope, actor: actor, timestamp: timestamp)
    }

    /// Takes the activity (with `.series`, also the later occurrences) off the calendar. The rows,
    /// their history and attendance are kept.
    public func deleteActivity(id: Int64, scope: ActivityScope, actor: String, timestamp: String) throws {
        try setFlag("deleted", to: true, id: id, scope: scope, actor: actor, timestamp: timestamp)
    }

    // MARK: - Reading

    /// The activities from `from` to `to` (both included), cancelled ones with their flag, deleted ones
    /// not: by date, all-day ones first, then by start time, then title.
    public func activities(from: LocalDate, to: LocalDate) throws -> [Activity] {
        try writer.read { db in
            try Row.fetchAll(db, sql: """
                SELECT \(Self.activityColumns) FROM activity WHERE deleted = 0 AND date BETWEEN ? AND ?
                ORDER BY date, start_time IS NOT NULL, start_time, title, id
                """, arguments: [from.description, to.description]).compactMap(Self.activity(from:))
        }
    }

    /// The activity with this id; nil when there is none or it was deleted.
    public func activity(id: Int64) throws -> Activity? {
        try writer.read { db in try Self.storedActivity(db, id: id) }
    }

    /// The days (1…31) of a month that have at least one activity not cancelled (the month grid's dots).
    public func activityDays(year: Int, month: Int) throws -> Set<Int> {
        guard let first = LocalDate(year: year, month: month, day: 1),
              let last = LocalDate(year: year, month: month, day: LocalDate.daysIn(month: month, year: year)) else { return [] }
        return try writer.read { db in
            Set(try Int.fetchAll(db, sql: """
                SELECT DISTINCT CAST(substr(date, 9, 2) AS INTEGER) FROM activity
                WHERE deleted = 0 AND cancelled = 0 AND date BETWEEN ? AND ?
                """, arguments: [first.description, last.description]))
        }
    }

    /// Every occurrence (not deleted) of the activity's series, this one included, by date; just this
    /// one outside a series.
    public func activitySeries(id: Int64) throws -> [Activity] {
        try writer.read { db in
            guard let a = try Self.storedActivity(db, id: id) else { throw ActivityError.unknownActivity }
            guard let series = a.seriesID else { return [a] }
            return try Row.fetchAll(db, sql: """
                SELECT \(Self.activityColumns) FROM activity WHERE deleted = 0 AND series_id = ? ORDER BY date, id
                """, arguments: [series]).compactMap(Self.activity(from:))
        }
    }

    /// The change history of an activity (deleted ones too), newest first.
    public func activityHistory(activityID: Int64, limit: Int = 200) throws -> [HistoryEntry] {
        try writer.read { db in
            try Row.fetchAll(db, sql: """
                SELECT at, actor, field, old_value, new_value FROM activity_history WHERE activity_id = ? ORDER BY id DESC LIMIT ?
                """, arguments: [activityID, limit]).map {
                HistoryEntry(at: $0["at"], actor: $0["actor"], field: $0["field"], old: $0["old_value"], new: $0["new_value"])
            }
        }
    }

    // MARK: - Inside a transaction

    static let activityColumns = "id, title, category, date, start_time, end_time, place, organiser, notes, series_id, cancelled"

    static func activity(from row: Row) -> Activity? {
        guard let date = LocalDate(parsing: row["date"] as String),
              let category = ActivityCategory(rawValue: row["category"] as String) else { return nil }
        return Activity(id: row["id"], title: row["title"], category: category, date: date, startTime: row["start_time"],
                        endTime: row["end_time"], place: row["place"], organiser: row["organiser"], notes: row["notes"],
                        seriesID: row["series_id"], cancelled: row["cancelled"])
    }

    static func storedActivity(_ db: Database, id: Int64) throws -> Activity? {
        try Row.fetchOne(db, sql: "SELECT \(activityColumns) FROM activity WHERE id = ? AND deleted = 0", arguments: [id])
            .flatMap(activity(from:))
    }

    /// `a` (already validated) as a new row.
    static func insertActivity(_ db: Database, _ a: Activity, templateKey: String?, semesterID: String?,
                               timestamp: String) throws -> Int64 {
        try db.cachedStatement(sql: """
            INSERT INTO activity(title, category, date, start_time, end_time, place, organiser, notes, series_id,
                                 template_key, semester_id, cancelled, created_at, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [a.title, a.category.rawValue, a.date.description, a.startTime, a.endTime, a.place,
                                     a.organiser, a.notes, a.seriesID, templateKey, semesterID, a.cancelled, timestamp, timestamp])
        return db.lastInsertedRowID
    }

    static func recordActivityHistory(_ db: Database, id: Int64, actor: String, at: String, field: String,
                                      old: String?, new: String?) throws {
        try db.cachedStatement(sql: """
            INSERT INTO activity_history(activity_id, at, actor, field, old_value, new_value) VALUES (?, ?, ?, ?, ?, ?)
            """).execute(arguments: [id, at, actor, field, old, new])
        try AuditChain.append(db, at: at, actor: actor, action: .write, entity: "activity", entityID: id, childID: nil,
                              field: field, old: old, new: new)
    }

    /// The rows a change of `scope` reaches from `a`: `a`, or `a` and its series' later occurrences, by date.
    static func scopeTargets(_ db: Database, of a: Activity, scope: ActivityScope) throws -> [Activity] {
        guard scope == .series, let series = a.seriesID else { return [a] }
        return try Row.fetchAll(db, sql: """
            SELECT \(activityColumns) FROM activity WHERE deleted = 0 AND series_id = ? AND (date > ? OR id = ?) ORDER BY date, id
            """, arguments: [series, a.date.description, a.id]).compactMap(activity(from:))
    }

    /// The fields the history names, in a fixed order.
    static func fieldValues(_ a: Activity) -> [(String, String?)] {
        [("title", a.title), ("category", a.category.rawValue), ("date", a.date.description), ("start_time", a.startTime),
         ("end_time", a.endTime), ("place", a.place), ("organiser", a.organiser), ("notes", a.notes)]
    }

    /// Sets `cancelled` or `deleted` on the rows `scope` reaches, recording each actual change.
    private func setFlag(_ column: String, to value: Bool, id: Int64, scope: ActivityScope, actor: String,
                         timestamp: String) throws {
        precondition(column == "cancelled" || column == "deleted")
        try writer.write { db in
            guard let a = try Self.storedActivity(db, id: id) else { throw ActivityError.unknownActivity }
            for target in try Self.scopeTargets(db, of: a, scope: scope) {
                try db.execute(sql: """
                    UPDATE activity SET \(column) = ?, version = version + 1, updated_at = ? WHERE id = ? AND \(column) <> ?
                    """, arguments: [value, timestamp, target.id, value])
                if db.changesCount > 0 {
                    try Self.recordActivityHistory(db, id: target.id!, actor: actor, at: timestamp, field: column,
                                                   old: value ? "0" : "1", new: value ? "1" : "0")
                }
            }
        }
    }
}
