import Domain
import Foundation
import GRDB
import Scheduling
import Testing
@testable import Storage

private func day(_ s: String) -> LocalDate { LocalDate(parsing: s)! }

private func activity(_ title: String, _ date: String, _ start: String? = nil, _ end: String? = nil,
                      category: ActivityCategory = .homeActivity) -> Activity {
    Activity(title: title, category: category, date: day(date), startTime: start, endTime: end, place: "留守儿童之家",
             organiser: "关工委")
}

private func activityError(_ body: () throws -> Void) -> ActivityError? {
    do { try body() } catch let e as ActivityError { return e } catch { return nil }
    return nil
}

@Suite("Activities (v4): store, series, soft delete")
struct ActivityStoreTests {
    @Test func migrationCreatesTablesWithTheirChecks() throws {
        let db = try AppDatabase.inMemory()
        #expect(try db.appliedMigrations().contains("v4-activities"))
        let tables = try db.writer.read { db in
            try ["activity", "activity_attendance", "activity_history"].filter { try db.tableExists($0) }
        }
        #expect(tables.count == 3)
        let bad = [
            "('  ', 'other', '2026-09-01', NULL, NULL)",          // blank title
            "('x', 'outing', '2026-09-01', NULL, NULL)",          // unknown category
            "('x', 'other', '2026/09/01', NULL, NULL)",           // not ISO
            "('x', 'other', '2026-09-01', '9:30', NULL)",         // not HH:mm
            "('x', 'other', '2026-09-01', NULL, '10:00')",        // end without start
            "('x', 'other', '2026-09-01', '10:00', '09:00')",     // end before start
        ]
        for values in bad {
            #expect(throws: DatabaseError.self, "\(values)") {
                try db.writer.write { db in
                    try db.execute(sql: "INSERT INTO activity(title, category, date, start_time, end_time, created_at, updated_at) VALUES \(values.dropLast()), 't', 't')")
                }
            }
        }
    }

    @Test func addValidatesAndReadsBackInAgendaOrder() throws {
        let db = try AppDatabase.inMemory()
        let late = try db.addActivity(activity("乙 下午", "2026-10-18", "14:00", "15:00"), actor: "李", timestamp: "t1")
        let allDay = try db.addActivity(activity("重阳节", "2026-10-18", category: .festival), actor: "李", timestamp: "t1")
        let early = try db.addActivity(activity("  甲 上午 ", "2026-10-18", "9:30"), actor: "李", timestamp: "t1")
        let other = try db.addActivity(activity("前一天", "2026-10-17"), actor: "李", timestamp: "t1")
        _ = try db.addActivity(activity("下个月", "2026-11-01"), actor: "李", timestamp: "t1")
        let listed = try db.activities(from: day("2026-10-17"), to: day("2026-10-18"))
        #expect(listed.map(\.id) == [other, allDay, early, late])
        #expect(listed[2].title == "甲 上午" && listed[2].startTime == "09:30" && listed[2].endTime == nil)
        #expect(try db.activity(id: late) == Activity(id: late, title: "乙 下午", category: .homeActivity, date: day("2026-10-18"),
                                                       startTime: "14:00", endTime: "15:00", place: "留守儿童之家", organiser: "关工委"))
        #expect(try db.activityHistory(activityID: late).map(\.field) == ["created"])

        #expect(activityError { _ = try db.addActivity(activity("  ", "2026-10-18"), actor: "a", timestamp: "t") } == .emptyTitle)
        #expect(activityError { _ = try db.addActivity(activity("x", "2026-10-18", "25:00"), actor: "a", timestamp: "t") } == .badTime("25:00"))
        #expect(activityError { _ = try db.addActivity(activity("x", "2026-10-18", "10:00", "9:59"), actor: "a", timestamp: "t") } == .endBeforeStart)
        #expect(activityError { _ = try db.addActivity(activity("x", "2026-10-18", nil, "10:00"), actor: "a", timestamp: "t") } == .endWithoutStart)
        #expect(ActivityError.badTime("25:00").description.contains("'25:00' is not a time"))
        #expect(try db.activities(from: day("2026-01-01"), to: day("2026-12-31")).count == 5)
    }

    @Test func monthDotsCountOnlyActivitiesNotCancelledNorDeleted() throws {
        let db = try AppDatabase.inMemory()
        try db.addActivity(activity("a", "2026-10-03"), actor: "a", timestamp: "t")
        try db.addActivity(activity("b", "2026-10-03"), actor: "a", timestamp: "t")
        let cancelled = try db.addActivity(activity("c", "2026-10-10"), actor: "a", timestamp: "t")
        let deleted = try db.addActivity(activity("d", "2026-10-20"), actor: "a", timestamp: "t")
        try db.addActivity(activity("e", "2026-10-31"), actor: "a", timestamp: "t")
        try db.addActivity(activity("f", "2026-11-01"), actor: "a", timestamp: "t")
        try db.cancelActivity(id: cancelled, scope: .occurrence, actor: "a", timestamp: "t2")
        try db.deleteActivity(id: deleted, scope: .occurrence, actor: "a", timestamp: "t2")
        #expect(try db.activityDays(year: 2026, month: 10) == [3, 31])
        #expect(try db.activityDays(year: 2026, month: 13) == [])
        // The cancelled one is still listed, with its flag; the deleted one is not.
        let october = try db.activities(from: day("2026-10-01"), to: day("2026-10-31"))
        #expect(october.map(\.title) == ["a", "b", "c", "e"])
        #expect(october.filter(\.cancelled).map(\.title) == ["c"])
        try db.reinstateActivity(id: cancelled, scope: .occurrence, actor: "a", timestamp: "t3")
        #expect(try db.activityDays(year: 2026, month: 10) == [3, 10, 31])
    }

    @Test func recurringActivitiesShareASeries() throws {
        let db = try AppDatabase.inMemory()
        let ids = try db.addRecurringActivity(activity("亲情电话", "2026-09-01", "19:00", "20:00", category: .familyCall),
                                              rule: .weekly(weekday: 5), until: day("2026-09-30"), actor: "a", timestamp: "t")
        let series = try ids.map { try #require(try db.activity(id: $0)) }
        #expect(series.map(\.date) == ["2026-09-04", "2026-09-11", "2026-09-18", "2026-09-25"].map(day))
        #expect(Set(series.map(\.seriesID)).count == 1 && series[0].seriesID != nil)
        #expect(try db.activitySeries(id: ids[2]).map(\.id) == ids)

        #expect(activityError { _ = try db.addRecurringActivity(activity("x", "2026-09-01"), rule: .monthlyOnDay(31),
                                                                 until: day("2026-09-30"), actor: "a", timestamp: "t") } == .noOccurrences)
        #expect(activityError { _ = try db.addRecurringActivity(activity("x", "2026-09-01"), rule: .weekly(weekday: 9),
                                                                 until: day("2026-09-30"), actor: "a", timestamp: "t") }
                == .badRecurrence(.weekday(9)))
        #expect(activityError { _ = try db.addRecurringActivity(activity("x", "2026-09-01"), rule: .weekly(weekday: 1),
                                                                 until: day("2036-09-30"), actor: "a", timestamp: "t") }
                == .tooManyOccurrences(526))
        #expect(try db.activities(from: day("2026-01-01"), to: day("2040-01-01")).count == 4)
    }

    @Test func updateOneOccurrenceOrThisAndLater() throws {
        let db = try AppDatabase.inMemory()
        let ids = try db.addRecurringActivity(activity("家园活动", "2026-09-01", "09:30", "11:00"),
                                              rule: .monthlyNthWeekday(n: 1, weekday: 6), until: day("2027-01-31"), actor: "a", timestamp: "t")
        #expect(ids.count == 5)
        // One occurrence: a new place; the others keep theirs.
        var one = try #require(try db.activity(id: ids[1]))
        one.place = "村委会"
        try db.updateActivity(one, id: ids[1], scope: .occurrence, actor: "王", timestamp: "t2")
        #expect(try ids.map { try db.activity(id: $0)!.place } == ["留守儿童之家", "村委会", "留守儿童之家", "留守儿童之家", "留守儿童之家"])
        #expect(try db.activityHistory(activityID: ids[1]).first == HistoryEntry(at: "t2", actor: "王", field: "place",
                                                                                  old: "留守儿童之家", new: "村委会"))
        // This and later, from the third: a new title and time, moved a day later (Saturday → Sunday).
        var later = try #require(try db.activity(id: ids[2]))
        later.title = "家园活动(周日)"
        later.startTime = "14:00"; later.endTime = "16:00"
        later.date = later.date.adding(days: 1)
        try db.updateActivity(later, id: ids[2], scope: .series, actor: "王", timestamp: "t3")
        let all = try ids.map { try #require(try db.activity(id: $0)) }
        #expect(all.map(\.title) == ["家园活动", "家园活动", "家园活动(周日)", "家园活动(周日)", "家园活动(周日)"])
        #expect(all.map(\.date) == ["2026-09-05", "2026-10-03", "2026-11-08", "2026-12-06", "2027-01-03"].map(day))
        #expect(all.map(\.startTime) == ["09:30", "09:30", "14:00", "14:00", "14:00"])
        #expect(Set(all.map(\.seriesID)).count == 1)
        #expect(Set(try db.activityHistory(activityID: ids[4]).map(\.field)) == ["created", "title", "date", "start_time", "end_time"])
        // An invalid change writes nothing.
        later.title = " "
        #expect(activityError { try db.updateActivity(later, id: ids[2], scope: .series, actor: "王", timestamp: "t4") } == .emptyTitle)
        #expect(try db.activity(id: ids[4])?.title == "家园活动(周日)")
    }

    @Test func cancelAndDeleteBySeriesKeepRowsAndHistory() throws {
        let db = try AppDatabase.inMemory()
        let ids = try db.addRecurringActivity(activity("周五亲情电话", "2026-09-01", "19:00"), rule: .weekly(weekday: 5),
                                              until: day("2026-10-02"), actor: "a", timestamp: "t")
        #expect(ids.count == 5)
        try db.cancelActivity(id: ids[3], scope: .series, actor: "a", timestamp: "t2")
        #expect(try ids.map { try db.activity(id: $0)!.cancelled } == [false, false, false, true, true])
        try db.deleteActivity(id: ids[1], scope: .occurrence, actor: "a", timestamp: "t3")
        #expect(try db.activity(id: ids[1]) == nil)
        #expect(try db.activitySeries(id: ids[0]).map(\.id) == [ids[0], ids[2], ids[3], ids[4]])
        try db.deleteActivity(id: ids[2], scope: .series, actor: "a", timestamp: "t4")
        #expect(try db.activities(from: day("2026-09-01"), to: day("2026-10-31")).map(\.id) == [ids[0]])
        // Soft: the rows and their history stay.
        let rows = try db.writer.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM activity WHERE deleted = 1") }
        #expect(rows == 4)
        #expect(try db.activityHistory(activityID: ids[4]).map(\.field) == ["deleted", "cancelled", "created"])
        // A deleted activity can no longer be changed.
        #expect(activityError { try db.cancelActivity(id: ids[1], scope: .occurrence, actor: "a", timestamp: "t") } == .unknownActivity)
        #expect(activityError { try db.deleteActivity(id: 999, scope: .series, actor: "a", timestamp: "t") } == .unknownActivity)
        #expect(activityError { try db.updateActivity(activity("x", "2026-09-01"), id: ids[2], scope: .occurrence,
                                                      actor: "a", timestamp: "t") } == .unknownActivity)
    }

    @Test func attendanceReplacesTheSetInOneGo() throws {
        let db = try AppDatabase.inMemory()
        let kids = try ["王小明", "李小红", "张小刚"].map { try db.saveNewChild(Child(name: $0), actor: "a", source: "form", timestamp: "t").id }
        let id = try db.addActivity(activity("茶话会", "2026-09-12"), actor: "a", timestamp: "t")
        #expect(try db.attendance(activityID: id) == [])
        try db.setAttendance(activityID: id, childIDs: [kids[1], kids[0]], actor: "李", timestamp: "t1")
        #expect(try db.attendance(activityID: id) == [kids[0], kids[1]])
        try db.setAttendance(activityID: id, childIDs: Set([kids[1], kids[2]]), actor: "李", timestamp: "t2")
        #expect(try db.attendance(activityID: id) == [kids[1], kids[2]])
        #expect(try db.attendanceCount(activityID: id) == 2)
        #expect(try db.attendanceCounts(from: day("2026-09-01"), to: day("2026-09-30")) == [id: 2])
        let marks = try db.writer.read { try Row.fetchAll($0, sql: "SELECT child_id, marked_at FROM activity_attendance ORDER BY child_id") }
        #expect(marks.map { $0["marked_at"] as String } == ["t1", "t2"], "a child kept keeps its first mark")
        #expect(try db.activityHistory(activityID: id).first == HistoryEntry(at: "t2", actor: "李", field: "attendance",
                                                                             old: "\(kids[0]),\(kids[1])", new: "\(kids[1]),\(kids[2])"))
        // An unknown child or activity changes nothing.
        #expect(activityError { try db.setAttendance(activityID: id, childIDs: [kids[0], 9999], actor: "李", timestamp: "t3") } == .unknownChild)
        #expect(try db.attendance(activityID: id) == [kids[1], kids[2]])
        #expect(activityError { try db.setAttendance(activityID: 9999, childIDs: [kids[0]], actor: "李", timestamp: "t3") } == .unknownActivity)
        // Setting the same set again records nothing; clearing works.
        try db.setAttendance(activityID: id, childIDs: [kids[2], kids[1]], actor: "李", timestamp: "t4")
        #expect(try db.activityHistory(activityID: id).count == 3)
        try db.setAttendance(activityID: id, childIDs: [], actor: "李", timestamp: "t5")
        #expect(try db.attendanceCount(activityID: id) == 0)
        // A deleted activity keeps its attendance rows.
        try db.setAttendance(activityID: id, childIDs: [kids[0]], actor: "李", timestamp: "t6")
        try db.deleteActivity(id: id, scope: .occurrence, actor: "李", timestamp: "t7")
        #expect(try db.attendance(activityID: id) == [kids[0]])
    }

    @Test func applyingAPlanTwiceCreatesNothingNew() throws {
        let db = try AppDatabase.inMemory()
        let template = SemesterTemplate(name: "plan", entries: [
            .init(key: "tea", title: "家庭茶话会", category: .parentMeeting, terms: [.autumn], rule: .monthWeek(month: 9, week: 2, weekday: 6)),
            .init(key: "home", title: "家园活动", category: .homeActivity, terms: [.autumn, .spring],
                  rule: .monthly(.monthlyNthWeekday(n: 1, weekday: 6)), startTime: "09:30"),
        ])
        let semester = try db.semester(id: "2026-autumn")
        let first = try db.applySemesterPlan(template.plan(for: semester), actor: "a", timestamp: "t1")
        #expect(first.created.count == 6 && first.alreadyThere == 0)
        let second = try db.applySemesterPlan(template.plan(for: semester), actor: "a", timestamp: "t2")
        #expect(second == TemplateApplication(created: [], alreadyThere: 6))
        // A planned activity someone deleted is not brought back; another semester gets its own.
        try db.deleteActivity(id: first.created[0], scope: .occurrence, actor: "a", timestamp: "t3")
        #expect(try db.applySemesterPlan(template.plan(for: semester), actor: "a", timestamp: "t4").created == [])
        let spring = try db.applySemesterPlan(template.plan(for: db.semester(id: "2027-spring")), actor: "a", timestamp: "t5")
        #expect(spring.created.count == 6)
        #expect(try db.activities(from: day("2026-09-01"), to: day("2027-07-31")).count == 11)
        // The monthly entry's occurrences form one series.
        let home = try db.activities(from: day("2026-09-01"), to: day("2027-01-31")).filter { $0.title == "家园活动" }
        #expect(Set(home.map(\.seriesID)) == ["template:2026-autumn:home"])
        // A plan that does not validate writes nothing.
        let broken = SemesterTemplate(name: "bad", entries: [
            .init(key: "ok", title: "好", category: .other, terms: [.autumn], rule: .fixed(month: 10, day: 1)),
            .init(key: "bad", title: "坏", category: .other, terms: [.autumn], rule: .fixed(month: 10, day: 2), startTime: "10:00", endTime: "09:00"),
        ])
        #expect(activityError { _ = try db.applySemesterPlan(broken.plan(for: semester), actor: "a", timestamp: "t6") } == .endBeforeStart)
        #expect(try db.activities(from: day("2026-10-01"), to: day("2026-10-02")).isEmpty)
    }
}
