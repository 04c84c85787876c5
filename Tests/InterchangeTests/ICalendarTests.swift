import Domain
import Foundation
import Testing
@testable import Interchange

private func day(_ s: String) -> LocalDate { LocalDate(parsing: s)! }

/// The physical lines of a document, as bytes, split at CRLF.
private func physicalLines(_ text: String) -> [[UInt8]] {
    var lines: [[UInt8]] = [[]]
    let bytes = Array(text.utf8)
    var i = 0
    while i < bytes.count {
        if bytes[i] == 13, i + 1 < bytes.count, bytes[i + 1] == 10 { lines.append([]); i += 2; continue }
        lines[lines.count - 1].append(bytes[i]); i += 1
    }
    if lines.last == [] { lines.removeLast() }
    return lines
}

private let longTitle = "关爱留守儿童“手拉手传递温暖 心连心共促成长”主题活动暨“我是留守娃、我快乐、我幸福”展示会,邀请爱心妈妈、代理家长和监护人共同参加;地点在社区留守儿童之家"

@Suite("iCalendar export (RFC 5545)")
struct ICalendarTests {
    @Test func foldingNeverSplitsACharacterAndUnfoldsBack() {
        for line in ["SUMMARY:" + longTitle, "SUMMARY:" + String(repeating: "a", count: 200),
                     "DESCRIPTION:" + String(repeating: "x家👨‍👩‍👧", count: 40), "SUMMARY:" + String(repeating: "é", count: 90)] {
            let folded = ICalendarWriter.fold(line)
            let physical = physicalLines(folded)
            #expect(physical.count > 1)
            for (i, bytes) in physical.enumerated() {
                #expect(bytes.count <= 75, "line \(i) has \(bytes.count) octets")
                #expect(String(validating: bytes, as: UTF8.self) != nil, "line \(i) is whole UTF-8 characters")
                if i > 0 { #expect(bytes.first == 0x20, "a continuation starts with a space") }
            }
            #expect(ICalendarWriter.unfold(folded) == line)
        }
        // Exactly 75 octets stays on one line; 76 is folded.
        #expect(ICalendarWriter.fold(String(repeating: "a", count: 75)) == String(repeating: "a", count: 75))
        #expect(ICalendarWriter.fold(String(repeating: "a", count: 76)) == String(repeating: "a", count: 75) + "\r\n a")
        // 8 ASCII octets then 22 three-octet characters (66 octets) fill 74; the 23rd goes to the next line.
        let chinese = "SUMMARY:" + String(repeating: "中", count: 23)
        #expect(ICalendarWriter.fold(chinese) == "SUMMARY:" + String(repeating: "中", count: 22) + "\r\n 中")
    }

    @Test func textIsEscaped() {
        #expect(ICalendarWriter.escape("茶话会, 座谈会; 备注\\路径\n第二行\r\n第三行\r第四行") ==
                "茶话会\\, 座谈会\\; 备注\\\\路径\\n第二行\\n第三行\\n第四行")
        #expect(ICalendarWriter.escape("a\u{7}b\tc") == "ab\tc")
        let text = "一, 二; 三\\四\n五"
        #expect(ICalendarWriter.unescape(ICalendarWriter.escape(text)) == text)
    }

    func sample() -> [Activity] {
        [
            Activity(id: 7, title: "重阳节尊老敬老活动", category: .festival, date: day("2026-10-18")),
            Activity(id: 8, title: longTitle, category: .parentMeeting, date: day("2026-10-18"), startTime: "09:30",
                     endTime: "11:00", place: "社区留守儿童之家, 二楼", organiser: "社区关工委",
                     notes: "带上:茶点; 签到表\n请提前到"),
            Activity(id: 9, title: "亲情电话", category: .familyCall, date: day("2026-12-31"), startTime: "19:00", cancelled: true),
        ]
    }

    @Test func documentStructure() throws {
        let ics = ICalendarWriter(calendarName: "2026年秋季学期 行事历", stamp: "20261123T020000Z").document(sample())
        // CRLF only, a CRLF at the end, no physical line over 75 octets.
        #expect(!ics.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
        #expect(!ics.replacingOccurrences(of: "\r\n", with: "").contains("\r"))
        #expect(ics.hasSuffix("END:VCALENDAR\r\n"))
        #expect(physicalLines(ics).allSatisfy { $0.count <= 75 })
        let lines = ICalendarWriter.unfold(ics).components(separatedBy: "\r\n").filter { !$0.isEmpty }
        #expect(Array(lines.prefix(2)) == ["BEGIN:VCALENDAR", "VERSION:2.0"])
        #expect(lines.contains("X-WR-CALNAME:2026年秋季学期 行事历"))
        #expect(lines.filter { $0 == "BEGIN:VEVENT" }.count == 3 && lines.filter { $0 == "END:VEVENT" }.count == 3)
        #expect(lines.contains("BEGIN:VTIMEZONE") && lines.contains("TZID:Asia/Shanghai") && lines.contains("TZOFFSETTO:+0800"))
        // The all-day one: DATE values, the end the next day.
        let allDay = try #require(event(lines, "activity-7@shouhu"))
        #expect(allDay.contains("DTSTART;VALUE=DATE:20261018") && allDay.contains("DTEND;VALUE=DATE:20261019"))
        #expect(allDay.contains("SUMMARY:重阳节尊老敬老活动") && allDay.contains("CATEGORIES:节日活动"))
        #expect(allDay.contains("STATUS:CONFIRMED") && allDay.contains("DTSTAMP:20261123T020000Z"))
        // The timed one: in Asia/Shanghai, texts escaped.
        let timed = try #require(event(lines, "activity-8@shouhu"))
        #expect(timed.contains("DTSTART;TZID=Asia/Shanghai:20261018T093000"))
        #expect(timed.contains("DTEND;TZID=Asia/Shanghai:20261018T110000"))
        #expect(timed.contains("SUMMARY:" + ICalendarWriter.escape(longTitle)))
        #expect(timed.contains("LOCATION:社区留守儿童之家\\, 二楼"))
        #expect(timed.contains("DESCRIPTION:组织: 社区关工委\\n带上:茶点\\; 签到表\\n请提前到"))
        // Without an end time, no DTEND (it ends when it starts); cancelled.
        let cancelled = try #require(event(lines, "activity-9@shouhu"))
        #expect(cancelled.contains("DTSTART;TZID=Asia/Shanghai:20261231T190000"))
        #expect(!cancelled.contains { $0.hasPrefix("DTEND") } && cancelled.contains("STATUS:CANCELLED"))
        // The same activities give the same file.
        #expect(ics == ICalendarWriter(calendarName: "2026年秋季学期 行事历", stamp: "20261123T020000Z").document(sample()))
    }

    @Test func onlyAllDayActivitiesNeedNoTimeZone() {
        let ics = ICalendarWriter(calendarName: "x", stamp: "20261123T020000Z").document([sample()[0]])
        #expect(!ics.contains("BEGIN:VTIMEZONE"))
        #expect(ICalendarWriter(calendarName: "x", stamp: "s").document([]).contains("BEGIN:VCALENDAR\r\n"))
        #expect(ICalendarWriter.utcStamp(Date(timeIntervalSince1970: 1_795_399_200)) == "20261123T020000Z")
    }

    /// The unfolded lines of the VEVENT with this UID.
    func event(_ lines: [String], _ uid: String) -> [String]? {
        guard let u = lines.firstIndex(of: "UID:" + uid),
              let start = lines[..<u].lastIndex(of: "BEGIN:VEVENT"),
              let end = lines[u...].firstIndex(of: "END:VEVENT") else { return nil }
        return Array(lines[start...end])
    }
}
