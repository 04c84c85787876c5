import Domain
import Foundation
import Storage
import TestSupport
import XCTest

/// `shouhu calendar apply-template | export | list` as the real binary, and the exported file read by
/// real calendar software: Python's `icalendar` package (PyPI) and calcurse (Debian). A test whose
/// reader is not installed is skipped, saying how to install it.
final class CalendarExportEndToEndTests: EndToEndTestCase {
    static let longTitle = "关爱留守儿童“手拉手传递温暖 心连心共促成长”主题活动暨“我是留守娃、我快乐、我幸福”展示会,邀请爱心妈妈、代理家长和监护人共同参加"

    private func lines(_ text: String) -> [String] { text.split(separator: "\n").map(String.init) }

    /// A database with the default plan of 2026-autumn applied, plus a long timed activity with
    /// commas, semicolons and a line break, a cancelled one without an end time, and a deleted one.
    private func plannedDatabase() throws -> String {
        let db = path("calendar.sqlite")
        let r = try runShouhu(["calendar", "apply-template", "--semester", "2026-autumn", "--db", db])
        XCTAssertEqual(r.status, 0, r.stderr)
        try withDatabase(db) { d in
            try d.addActivity(Activity(title: Self.longTitle, category: .parentMeeting, date: LocalDate(parsing: "2026-11-21")!,
                                       startTime: "14:00", endTime: "16:30", place: "社区留守儿童之家, 二楼",
                                       organiser: "社区关工委", notes: "带上:茶点; 签到表\n请提前十分钟到"), actor: "e2e", timestamp: "t")
            let call = try d.addActivity(Activity(title: "亲情电话", category: .familyCall, date: LocalDate(parsing: "2026-12-20")!,
                                                  startTime: "19:00"), actor: "e2e", timestamp: "t")
            try d.cancelActivity(id: call, scope: .occurrence, actor: "e2e", timestamp: "t")
            let gone = try d.addActivity(Activity(title: "已删除的活动", category: .other, date: LocalDate(parsing: "2026-12-21")!),
                                         actor: "e2e", timestamp: "t")
            try d.deleteActivity(id: gone, scope: .occurrence, actor: "e2e", timestamp: "t")
        }
        return db
    }

    private func export(_ db: String) throws -> (file: String, activities: [Activity]) {
        let file = path("行事历.ics")
        let r = try runShouhu(["calendar", "export", "--semester", "2026-autumn", "--out", file, "--db", db])
        XCTAssertEqual(r.status, 0, r.stderr)
        let activities = try withDatabase(db) { try $0.activities(from: LocalDate(parsing: "2026-09-01")!, to: LocalDate(parsing: "2027-01-31")!) }
        XCTAssertTrue(r.stderr.contains(Catalog.zh.text("calendar.exported", activities.count, "2026-autumn", file)), r.stderr)
        return (file, activities)
    }

    func testApplyTemplateTwiceCreatesNothingNewAndAMalformedOneWritesNothing() throws {
        let db = path("plan.sqlite")
        let first = try runShouhu(["calendar", "apply-template", "--semester", "2026-autumn", "--db", db])
        XCTAssertEqual(first.status, 0, first.stderr)
        XCTAssertTrue(lines(first.stdout).contains("created\t2026-09-12\t09:30-11:30\t留守儿童家庭茶话会"), first.stdout)
        XCTAssertTrue(lines(first.stdout).contains("created\t2026-10-18\t09:00-11:00\t九九重阳节尊老敬老活动"), first.stdout)
        XCTAssertEqual(lines(first.stdout).last,
                       "新建 15 项，已有 0 项：“留守儿童关爱工作行事历”，2026年秋季学期（“2026-autumn”，2026-09-01 至 2027-01-31）")
        // 春节 2027 is in February, after this term: the entry is skipped, with its reason in Chinese.
        let skipped = try XCTUnwrap(lines(first.stdout).first { $0.hasPrefix("skipped\t") }, first.stdout)
        let reason = String(skipped.split(separator: "\t").last ?? "")
        XCTAssertTrue(reason.hasPrefix("春节后 3 天是") && reason.contains("不在本学期（2026-09-01 至 2027-01-31）内"), skipped)
        XCTAssertEqual(englishWords(inChinese: reason), [], skipped)
        // In English the same lines, the term named in English.
        let again = try runShouhu(["calendar", "apply-template", "--semester", "2026-autumn", "--db", db, "--lang", "en"])
        XCTAssertEqual(again.status, 0, again.stderr)
        XCTAssertEqual(lines(again.stdout).last,
                       "0 created, 15 already there: 留守儿童关爱工作行事历 in Autumn term 2026 (2026-autumn, 2026-09-01 – 2027-01-31)")
        XCTAssertTrue(lines(again.stdout).contains { $0.hasPrefix("skipped\t") && $0.contains("3 days after Spring Festival falls on")
                                                       && $0.hasSuffix("outside the semester (2026-09-01 – 2027-01-31)") }, again.stdout)
        XCTAssertFalse(again.stdout.contains("created\t"), again.stdout)

        let listed = try runShouhu(["calendar", "list", "--from", "2026-10-01", "--to", "2026-10-31", "--db", db])
        XCTAssertEqual(listed.status, 0, listed.stderr)
        XCTAssertEqual(lines(listed.stdout).map { $0.split(separator: "\t").dropFirst().joined(separator: "\t") }, [
            "2026-10-03\t09:30-11:00\thome_activity\t家园活动\t0",
            "2026-10-10\tall-day\tfamily_call\t“我给留守儿童家长发条短信”活动\t0",
            "2026-10-18\t09:00-11:00\tfestival\t九九重阳节尊老敬老活动\t0",
        ])

        let bad = path("bad.yaml")
        try "autumn:\n  - title: 茶话会\n    category: other\n    month: 13\n    week: 2\n    weekday: 6\n  - title: x\n    categroy: other\n"
            .write(toFile: bad, atomically: true, encoding: .utf8)
        let refused = try runShouhu(["calendar", "apply-template", bad, "--semester", "2026-autumn", "--db", path("bad.sqlite")])
        XCTAssertNotEqual(refused.status, 0)
        XCTAssertEqual(refused.stdout, "")
        // Every problem on a line of its own, by file, line and column, the reason in the user's language.
        XCTAssertEqual(lines(refused.stderr).count, 4, refused.stderr)
        XCTAssertTrue(refused.stderr.contains("bad.yaml 第 4 行第 12 列：“month”必须是 1 至 12 之间的整数，不能是“13”"), refused.stderr)
        XCTAssertTrue(refused.stderr.contains("bad.yaml 第 8 行第 15 列：未知的键“categroy”（可用的键："), refused.stderr)
        XCTAssertEqual(englishWords(inChinese: refused.stderr, data: ["bad.yaml"]), [], refused.stderr)
        let english = try runShouhu(["calendar", "apply-template", bad, "--semester", "2026-autumn", "--db", path("bad.sqlite"), "--lang", "en"])
        XCTAssertNotEqual(english.status, 0)
        XCTAssertTrue(english.stderr.contains("bad.yaml line 4, column 12: month must be a whole number from 1 to 12, not '13'"), english.stderr)
        XCTAssertTrue(english.stderr.contains("bad.yaml line 8, column 15: unknown key 'categroy' (known: "), english.stderr)
        let count = try withDatabase(path("bad.sqlite")) { try $0.activities(from: LocalDate(parsing: "2026-01-01")!, to: LocalDate(parsing: "2027-12-31")!).count }
        XCTAssertEqual(count, 0)
    }

    func testExportReadsBackWithPythonICalendar() throws {
        let env = ProcessInfo.processInfo.environment
        // The python3 on PATH (pip's icalendar), else Debian's (apt-get install python3-icalendar).
        var python: [String]?
        for candidate in [["/usr/bin/env", "python3"], ["/usr/bin/python3"]] where python == nil {
            guard FileManager.default.isExecutableFile(atPath: candidate[0]) else { continue }
            let probe = try ProcessRunner.run(executable: candidate[0], arguments: Array(candidate.dropFirst()) + ["-c", "import icalendar"],
                                              environment: env, timeout: 60)
            if probe.status == 0 { python = candidate }
        }
        guard let python else {
            throw XCTSkip("Python's icalendar package is not installed (python3 -m pip install icalendar, or apt-get install python3-icalendar)")
        }
        let (file, activities) = try export(try plannedDatabase())
        XCTAssertEqual(activities.count, 17)
        let script = path("read.py")
        try """
        import json, sys, icalendar
        cal = icalendar.Calendar.from_ical(open(sys.argv[1], 'rb').read())
        events = []
        for e in cal.walk('VEVENT'):
            start = e.decoded('DTSTART')
            events.append({'uid': str(e['UID']), 'summary': str(e['SUMMARY']), 'status': str(e.get('STATUS', '')),
                           'start': start.isoformat(), 'allday': not hasattr(start, 'hour'),
                           'end': e.decoded('DTEND').isoformat() if 'DTEND' in e else None,
                           'tzid': str(e['DTSTART'].params.get('TZID', '')),
                           'location': str(e.get('LOCATION', '')), 'description': str(e.get('DESCRIPTION', ''))})
        print(json.dumps({'name': str(cal.get('X-WR-CALNAME')), 'tzids': [str(t['TZID']) for t in cal.walk('VTIMEZONE')],
                          'events': events}, ensure_ascii=False))
        """.write(toFile: script, atomically: true, encoding: .utf8)
        let r = try ProcessRunner.run(executable: python[0], arguments: Array(python.dropFirst()) + [script, file], environment: env, timeout: 60)
        XCTAssertEqual(r.status, 0, r.stderr)
        let parsed = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any], r.stdout)
        XCTAssertEqual(parsed["name"] as? String, "2026年秋季学期 行事历")
        XCTAssertEqual(parsed["tzids"] as? [String], ["Asia/Shanghai"])
        let events = try XCTUnwrap(parsed["events"] as? [[String: Any]])
        XCTAssertEqual(events.map { $0["uid"] as? String }, activities.map { "activity-\($0.id!)@shouhu" })
        XCTAssertEqual(events.map { $0["summary"] as? String }, activities.map(\.title), "Chinese titles survive")
        XCTAssertEqual(events.map { $0["status"] as? String }, activities.map { $0.cancelled ? "CANCELLED" : "CONFIRMED" })
        XCTAssertFalse(events.contains { ($0["summary"] as? String) == "已删除的活动" })
        for (event, a) in zip(events, activities) {
            if let start = a.startTime {
                XCTAssertEqual(event["start"] as? String, "\(a.date)T\(start):00+08:00", a.title)
                XCTAssertEqual(event["tzid"] as? String, "Asia/Shanghai")
                XCTAssertEqual(event["end"] as? String, a.endTime.map { "\(a.date)T\($0):00+08:00" }, a.title)
            } else {
                XCTAssertEqual(event["allday"] as? Bool, true, a.title)
                XCTAssertEqual(event["start"] as? String, a.date.description)
                XCTAssertEqual(event["end"] as? String, a.date.adding(days: 1).description)
            }
        }
        let long = try XCTUnwrap(events.first { ($0["summary"] as? String) == Self.longTitle })
        XCTAssertEqual(long["location"] as? String, "社区留守儿童之家, 二楼")
        XCTAssertEqual(long["description"] as? String, "组织: 社区关工委\n带上:茶点; 签到表\n请提前十分钟到")
        // The file on disk: CRLF, folded, no physical line over 75 octets.
        let data = try Data(contentsOf: URL(fileURLWithPath: file))
        var physical: [Int] = [0]
        for (i, byte) in data.enumerated() {
            if byte == 10 { XCTAssertEqual(i > 0 ? data[data.startIndex + i - 1] : 0, 13, "LF only after CR"); physical.append(0) } else if byte != 13 { physical[physical.count - 1] += 1 }
        }
        XCTAssertLessThanOrEqual(physical.max() ?? 0, 75)
        XCTAssertTrue(String(decoding: data, as: UTF8.self).contains("\r\n "), "the long title is folded")
    }

    func testExportImportsIntoCalcurse() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/calcurse") else {
            throw XCTSkip("calcurse is not installed (apt-get install calcurse)")
        }
        let (file, activities) = try export(try plannedDatabase())
        let dir = path("calcurse")
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let env = ["HOME": workDir.path, "TZ": "Asia/Shanghai", "LANG": "C.UTF-8", "PATH": "/usr/bin:/bin"]
        let imported = try ProcessRunner.run(executable: "/usr/bin/calcurse", arguments: ["-D", dir, "-i", file], environment: env, timeout: 60)
        XCTAssertEqual(imported.status, 0, imported.stderr)
        let timed = activities.filter { !$0.isAllDay }.count
        XCTAssertTrue(imported.stdout.contains("\(timed) apps / \(activities.count - timed) events / 0 todos / 0 skipped"),
                      imported.stdout + imported.stderr)
        let query = try ProcessRunner.run(executable: "/usr/bin/calcurse",
                                          arguments: ["-D", dir, "--input-datefmt", "4", "-Q", "--from", "2026-09-01", "--days", "153"],
                                          environment: env, timeout: 60)
        XCTAssertEqual(query.status, 0, query.stderr)
        for a in activities { XCTAssertTrue(query.stdout.contains(a.title), "\(a.title) in calcurse:\n\(query.stdout)") }
        XCTAssertTrue(query.stdout.contains(" - 09:30 -> 11:30\n\t留守儿童家庭茶话会"), query.stdout)
        XCTAssertTrue(query.stdout.contains(" - 14:00 -> 16:30\n\t\(Self.longTitle)"), query.stdout)
        XCTAssertTrue(query.stdout.contains(" * 九九重阳节尊老敬老活动") || query.stdout.contains("\t九九重阳节尊老敬老活动"), query.stdout)
    }
}
