@testable import Domain
import Scheduling
import Testing

@Suite("Dates")
struct LocalDateTests {
    @Test func parsesBothForms() {
        #expect(LocalDate(parsing: "2026-09-01") == LocalDate(year: 2026, month: 9, day: 1))
        #expect(LocalDate(parsing: "20260901") == LocalDate(year: 2026, month: 9, day: 1))
        #expect(LocalDate(parsing: "2026-9-1") == LocalDate(year: 2026, month: 9, day: 1))
    }

    @Test(arguments: ["2026-02-29", "20260230", "2026/09/01", "2026-13-01", "abc", "", "202609011"])
    func rejectsNonDates(_ s: String) { #expect(LocalDate(parsing: s) == nil) }

    @Test func leapDays() {
        #expect(LocalDate(year: 2024, month: 2, day: 29) != nil)
        #expect(LocalDate(year: 1900, month: 2, day: 29) == nil)
        #expect(LocalDate(year: 2000, month: 2, day: 29) != nil)
    }

    @Test func ageCountsCompletedYears() {
        let birth = LocalDate(year: 2010, month: 11, day: 24)!
        #expect(birth.age(on: LocalDate(year: 2026, month: 11, day: 23)!) == 15)
        #expect(birth.age(on: LocalDate(year: 2026, month: 11, day: 24)!) == 16)
        let leap = LocalDate(year: 2012, month: 2, day: 29)!
        #expect(leap.age(on: LocalDate(year: 2028, month: 2, day: 28)!) == 15)
        #expect(leap.age(on: LocalDate(year: 2028, month: 2, day: 29)!) == 16)
    }

    @Test func dayNumbersRoundTrip() {
        #expect(LocalDate(year: 1970, month: 1, day: 1)!.dayNumber == 0)
        var d = LocalDate(year: 1999, month: 12, day: 25)!
        for _ in 0..<800 {
            #expect(LocalDate(dayNumber: d.dayNumber) == d)
            d = d.adding(days: 1)
        }
        #expect(d == LocalDate(year: 2002, month: 3, day: 4))
    }

    @Test func weekdays() {
        #expect(LocalDate(year: 2026, month: 11, day: 23)!.isoWeekday == 1) // Monday
        #expect(LocalDate(year: 2026, month: 10, day: 1)!.isoWeekday == 4)  // Thursday
    }

    @Test func defaultSemesters() {
        #expect(Semester.standard(containing: LocalDate(year: 2026, month: 11, day: 23)!).id == "2026-autumn")
        #expect(Semester.standard(containing: LocalDate(year: 2027, month: 1, day: 20)!).id == "2026-autumn")
        #expect(Semester.standard(containing: LocalDate(year: 2027, month: 3, day: 1)!).id == "2027-spring")
        let autumn = Semester(id: "2026-autumn")!
        #expect(autumn.start == LocalDate(year: 2026, month: 9, day: 1))
        #expect(autumn.end == LocalDate(year: 2027, month: 1, day: 31))
        #expect(Semester(id: "2026-winter") == nil)
    }
}

@Suite("Pinyin keys")
struct PinyinTests {
    @Test(arguments: [
        ("张三", "zhangsan", "zs"),
        ("曾小明", "zengxiaoming", "zxm"),
        ("单丽", "shanli", "sl"),
        ("仇晓", "qiuxiao", "qx"),
        ("解红", "xiehong", "xh"),
        ("区华", "ouhua", "oh"),
        ("查文", "zhawen", "zw"),
        ("朴明", "piaoming", "pm"),
        ("尉迟恭", "yuchigong", "ycg"),
        ("王 芳", "wangfang", "wf"),
    ])
    func keys(name: String, full: String, initials: String) {
        let k = PinyinKeys(name: name)
        #expect(k.full == full)
        #expect(k.initials == initials)
    }

    @Test func spacedFormSortsBySyllable() {
        #expect(PinyinKeys(name: "张三").spaced == "zhang san")
    }

    /// The keys as first written (whole-table surname scan, arrays joined): the faster version
    /// must give the same keys for every name.
    static func reference(_ name: String) -> [String] {
        var syllables: [String] = []
        var rest = Substring(name.filter { !$0.isWhitespace })
        if let (surname, readings) = PinyinKeys.surnameReadings.first(where: { rest.hasPrefix($0.0) }) {
            syllables += readings
            rest = rest.dropFirst(surname.count)
        }
        for ch in rest { syllables += PinyinKeys.syllables(of: String(ch)) }
        return [syllables.joined(), syllables.joined(separator: " "), String(syllables.compactMap(\.first))]
    }

    @Test func sameKeysAsTheReference() {
        let names = ["张三", "曾小明", "尉迟恭", "尉小", "长孙无忌", "单于", "单", "万俟卨", "王 芳", " 李四 ", "乐\u{3000}乐", "樂樂",
                     "\u{F914}明", "Anna", "ANNA·玛丽", "阿依古丽·买买提", "e\u{301}", "", "  ", "欧阳修", "诸葛亮", "翟", "能文", "覃 美"]
        for name in names {
            let k = PinyinKeys(name: name)
            #expect([k.full, k.spaced, k.initials] == Self.reference(name), "\(name)")
        }
    }
}
