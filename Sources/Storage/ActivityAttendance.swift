import Domain
import GRDB
import Scheduling

/// What applying a semester template did.
public struct TemplateApplication: Equatable, Sendable {
    /// Ids of the activities created, by date.
    public var created: [Int64]
    /// Planned activities that an earlier application had already created (deleted ones included:
    /// an activity someone deleted is not brought back).
    public var alreadyThere: Int

    public init(created: [Int64], alreadyThere: Int) {
        self.created = created; self.alreadyThere = alreadyThere
    }
}

/// Attendance (which children came: table `activity_attendance`) and semester templates.
extension AppDatabase {
    /// Makes `childIDs` the children who attended the activity (replacing the earlier list, in one
    /// transaction). Children added keep no earlier mark; children kept keep theirs. The change goes to
    /// the activity's history. Throws `.unknownActivity` or `.unknownChild` (nothing is written then).
    public func setAttendance<S: Sequence>(activityID: Int64, childIDs: S, actor: String, timestamp: String) throws
        where S.Element == Int64 {
        let wanted = Set(childIDs)
        try writer.write { db in
            guard try Self.storedActivity(db, id: activityID) != nil else { throw ActivityError.unknownActivity }
            if !wanted.isEmpty {
                let known = try Int.fetchOne(db, sql: "SELECT count(*) FROM child WHERE id IN (SELECT value FROM json_each(?))",
                                             arguments: [Self.jsonArray(wanted)]) ?? 0
                guard known == wanted.count else { throw ActivityError.unknownChild }
            }
            let current = Set(try Int64.fetchAll(db, sql: "SELECT child_id FROM activity_attendance WHERE activity_id = ?",
                                                 arguments: [activityID]))
            guard current != wanted else { return }
            for child in current.subtracting(wanted) {
                try db.execute(sql: "DELETE FROM activity_attendance WHERE activity_id = ? AND child_id = ?",
                               arguments: [activityID, child])
            }
            for child in wanted.subtracting(current).sorted() {
                try db.execute(sql: "INSERT INTO activity_attendance(activity_id, child_id, marked_at, actor) VALUES (?, ?, ?, ?)",
                               arguments: [activityID, child, timestamp, actor])
            }
            try Self.recordActivityHistory(db, id: activityID, actor: actor, at: timestamp, field: "attendance",
                                           old: Self.idList(current), new: Self.idList(wanted))
        }
    }

    /// The ids of the children who attended, in id order.
    public func attendance(activityID: Int64) throws -> [Int64] {
        try writer.read { db in
            try Int64.fetchAll(db, sql: "SELECT child_id FROM activity_attendance WHERE activity_id = ? ORDER BY child_id",
                               arguments: [activityID])
        }
    }

    /// How many children attended.
    public func attendanceCount(activityID: Int64) throws -> Int {
        try writer.read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM activity_attendance WHERE activity_id = ?", arguments: [activityID]) ?? 0
        }
    }

    /// Attendance counts of the activities from `from` to `to` (activities nobody attended are left out),
    /// for an agenda that shows a count beside each line.
    public func attendanceCounts(from: LocalDate, to: LocalDate) throws -> [Int64: Int] {
        try writer.read { db in
            var out: [Int64: Int] = [:]
            for row in try Row.fetchAll(db, sql: """
                SELECT a.id, count(*) AS n FROM activity a JOIN activity_attendance t ON t.activity_id = a.id
                WHERE a.deleted = 0 AND a.date BETWEEN ? AND ? GROUP BY a.id
                """, arguments: [from.description, to.description]) {
                out[row["id"]] = row["n"]
            }
            return out
        }
    }

    /// Creates the activities of a template's plan for its semester that are not there yet (known by
    /// template key and semester), in one transaction: applying the same plan twice creates nothing
    /// the second time. A planned activity that does not validate throws and nothing is written.
    public func applySemesterPlan(_ plan: SemesterPlan, actor: String, timestamp: String) throws -> TemplateApplication {
        let semesterID = plan.semester.id
        let planned = try plan.activities.map { ($0.templateKey, try $0.activity.validated()) }
        return try writer.write { db in
            var result = TemplateApplication(created: [], alreadyThere: 0)
            for (key, activity) in planned {
                if try Bool.fetchOne(db, sql: "SELECT 1 FROM activity WHERE template_key = ? AND semester_id = ?",
                                     arguments: [key, semesterID]) == true {
                    result.alreadyThere += 1
                    continue
                }
                let id = try Self.insertActivity(db, activity, templateKey: key, semesterID: semesterID, timestamp: timestamp)
                try Self.recordActivityHistory(db, id: id, actor: actor, at: timestamp, field: "created", old: nil,
                                               new: "template \(semesterID) \(key)")
                result.created.append(id)
            }
            return result
        }
    }

    // MARK: - Helpers

    static func jsonArray(_ ids: Set<Int64>) -> String { "[" + ids.map(String.init).joined(separator: ",") + "]" }

    /// `3,7,12`; nil for none.
    static func idList(_ ids: Set<Int64>) -> String? {
        ids.isEmpty ? nil : ids.sorted().map(String.init).joined(separator: ",")
    }
}
