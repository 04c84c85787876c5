import Domain
import Foundation
import GRDB

extension AppDatabase {
    /// Inside an open transaction: the activities of the last year (about two a month, festivals among
    /// them) with the children who came, so the calendar and the reports have something to show.
    /// Deterministic from the seed.
    static func fillDemoActivities(_ db: Database, seed: UInt64, referenceDate ref: LocalDate) throws {
        var rng = SeededRandom(seed: seed ^ 0x4143_5449_5649_5459) // "ACTIVITY"
        let children = try Int64.fetchAll(db, sql: "SELECT id FROM child WHERE status = 'active' ORDER BY id")
        guard !children.isEmpty else { return }
        let plans: [(String, ActivityCategory, String)] = [
            ("家庭茶话会", .homeActivity, "儿童之家"), ("亲情视频通话", .familyCall, "儿童之家"),
            ("防溺水安全教育", .safetyEducation, "中心小学"), ("心理健康讲座", .counselling, "中心小学"),
            ("监护人培训", .training, "村委会"), ("入户走访", .visit, "各组"), ("读书分享会", .homeActivity, "儿童之家"),
            ("家长会", .parentMeeting, "中心小学"),
        ]
        let festivals: [(Int, Int, String)] = [(6, 1, "六一儿童节游园"), (9, 10, "教师节感恩卡"), (10, 1, "国庆手抄报"),
                                               (3, 8, "三八节给妈妈写信"), (5, 4, "五四青年志愿服务")]
        let insert = try db.makeStatement(sql: """
            INSERT INTO activity(title, category, date, start_time, end_time, place, organiser, created_at, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, '儿童主任', ?, ?)
            """)
        let attend = try db.makeStatement(sql: """
            INSERT OR IGNORE INTO activity_attendance(activity_id, child_id, marked_at, actor) VALUES (?, ?, ?, 'demo')
            """)
        let timestamp = ref.description + "T09:00:00+08:00"
        var dates: [(LocalDate, String, ActivityCategory, String)] = []
        for back in stride(from: 360, through: 0, by: -15) {
            let day = ref.adding(days: -back - rng.int(5))
            guard day <= ref else { continue }
            let plan = rng.pick(plans)
            dates.append((day, plan.0, plan.1, plan.2))
        }
        for (m, d, title) in festivals {
            for year in [ref.year - 1, ref.year] {
                if let day = LocalDate(year: year, month: m, day: d), day <= ref, day > ref.adding(days: -365) {
                    dates.append((day, title, .festival, "儿童之家"))
                }
            }
        }
        for (day, title, category, place) in dates.sorted(by: { $0.0 < $1.0 }) {
            try insert.execute(arguments: [title, category.rawValue, day.description, "14:30", "16:30", place, timestamp, timestamp])
            let id = db.lastInsertedRowID
            let count = min(children.count, 8 + rng.int(30))
            for _ in 0..<count { try attend.execute(arguments: [id, rng.pick(children), timestamp]) }
        }
    }
}
