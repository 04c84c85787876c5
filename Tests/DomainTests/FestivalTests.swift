import Domain
import Foundation
import Scheduling
import Testing

private func day(_ s: String) -> LocalDate { LocalDate(parsing: s)! }

/// Published dates (the State Council holiday notices and the Purple Mountain Observatory almanac as
/// printed on Chinese calendars), each also checked against Foundation's Chinese calendar and, for
/// 清明, against PyEphem and lunar-python, before being written here.
private let published: [Festival: [Int: String]] = [
    .springFestival: [2025: "2025-01-29", 2026: "2026-02-17", 2027: "2027-02-06", 2028: "2028-01-26", 2029: "2029-02-13", 2030: "2030-02-03"],
    .lanternFestival: [2025: "2025-02-12", 2026: "2026-03-03", 2027: "2027-02-20", 2028: "2028-02-09", 2029: "2029-02-27", 2030: "2030-02-17"],
    .qingming: [2025: "2025-04-04", 2026: "2026-04-05", 2027: "2027-04-05", 2028: "2028-04-04", 2029: "2029-04-04", 2030: "2030-04-05"],
    .dragonBoat: [2025: "2025-05-31", 2026: "2026-06-19", 2027: "2027-06-09", 2028: "2028-05-28", 2029: "2029-06-16", 2030: "2030-06-05"],
    .midAutumn: [2025: "2025-10-06", 2026: "2026-09-25", 2027: "2027-09-15", 2028: "2028-10-03", 2029: "2029-09-22", 2030: "2030-09-12"],
    .doubleNinth: [2025: "2025-10-29", 2026: "2026-10-18", 2027: "2027-10-08", 2028: "2028-10-26", 2029: "2029-10-16", 2030: "2030-10-05"],
]

/// The Gregorian ones, by month and day.
private let fixed: [Festival: (Int, Int)] = [
    .newYear: (1, 1), .womensDay: (3, 8), .labourDay: (5, 1), .youthDay: (5, 4), .childrensDay: (6, 1),
    .partyFoundingDay: (7, 1), .teachersDay: (9, 10), .nationalDay: (10, 1),
]

@Suite("Festivals")
struct FestivalTests {
    @Test(arguments: 2025...2030)
    func everyFestivalMatchesThePublishedDate(_ year: Int) throws {
        for festival in Festival.allCases {
            let expected: LocalDate
            if let md = fixed[festival] {
                expected = LocalDate(year: year, month: md.0, day: md.1)!
            } else {
                expected = day(try #require(published[festival]?[year], "no published date for \(festival) \(year)"))
            }
            #expect(festival.date(in: year) == expected, "\(festival.chineseName) \(year)")
        }
    }

    @Test func theTableCoversEveryFestival() {
        #expect(Set(published.keys).union(fixed.keys) == Set(Festival.allCases))
    }

    @Test func yearListIsSortedAndComplete() throws {
        let list = Festival.festivals(in: 2027)
        #expect(list.map(\.0.rawValue) == [
            "new_year", "spring_festival", "lantern_festival", "womens_day", "qingming", "labour_day", "youth_day",
            "childrens_day", "dragon_boat", "party_founding_day", "teachers_day", "mid_autumn", "national_day", "double_ninth",
        ])
        #expect(list.map(\.1) == list.map(\.1).sorted())
        #expect(list.count == Festival.allCases.count)
        #expect(list.first?.0 == .newYear && list.first?.1 == day("2027-01-01"))
    }

    @Test func sameDayFestivalsKeepDeclarationOrder() {
        // 2020 and 2001: 中秋 fell on 国庆.
        #expect(Festival.festivals(on: day("2020-10-01")) == [.midAutumn, .nationalDay])
        #expect(Festival.festivals(on: day("2001-10-01")) == [.midAutumn, .nationalDay])
        #expect(WallCalendar.label(for: day("2020-10-01")) == "中秋")
        #expect(Festival.festivals(on: day("2026-10-02")).isEmpty)
    }

    @Test func stableIdsAndNames() {
        #expect(Festival.springFestival.rawValue == "spring_festival")
        #expect(Festival.doubleNinth.rawValue == "double_ninth")
        #expect(Festival.qingming.chineseName == "清明节")
        #expect(Festival.doubleNinth.shortName == "重阳")
        #expect(Festival.midAutumn.englishName == "Mid-Autumn Festival")
        for f in Festival.allCases {
            #expect(!f.chineseName.isEmpty && !f.englishName.isEmpty)
            #expect((2...3).contains(f.shortName.count), "\(f) short name fits a grid cell")
            #expect(Festival(rawValue: f.rawValue) == f)
        }
    }

    /// Leap months must not be taken for the festival month: 1995 had a leap 8th month, 2014 a leap
    /// 9th, 2009/2028 a leap 5th, 2025 a leap 6th.
    @Test func leapMonthsAreSkipped() {
        #expect(Festival.midAutumn.date(in: 1995) == day("1995-09-09"))
        #expect(Festival.doubleNinth.date(in: 2014) == day("2014-10-02"))
        #expect(Festival.dragonBoat.date(in: 2009) == day("2009-05-28"))
        #expect(Festival.dragonBoat.date(in: 2028) == day("2028-05-28"))
        #expect(Festival.midAutumn.date(in: 2025) == day("2025-10-06"))
    }

    @Test func coversTheSupportedYearsAndNothingElse() {
        for year in [1950, 1999, 2100, 2150] {
            #expect(Festival.festivals(in: year).count == Festival.allCases.count, "\(year)")
        }
        #expect(Festival.springFestival.date(in: 1950) == day("1950-02-17"))
        #expect(Festival.springFestival.date(in: 1949) == nil)
        #expect(Festival.qingming.date(in: 2151) == nil)
        #expect(Festival.festivals(in: 2151).isEmpty)
    }

    @Test func lunarFestivalsAreTheRightLunarDays() {
        for year in stride(from: 1950, through: 2150, by: 7) {
            #expect(LunarDate(Festival.springFestival.date(in: year)!) == LunarDate(month: 1, day: 1))
            #expect(LunarDate(Festival.lanternFestival.date(in: year)!) == LunarDate(month: 1, day: 15))
            #expect(LunarDate(Festival.dragonBoat.date(in: year)!) == LunarDate(month: 5, day: 5))
            #expect(LunarDate(Festival.midAutumn.date(in: year)!) == LunarDate(month: 8, day: 15))
            #expect(LunarDate(Festival.doubleNinth.date(in: year)!) == LunarDate(month: 9, day: 9))
        }
    }
}

@Suite("Solar terms")
struct SolarTermTests {
    /// 清明 for every year 1950–2150 as computed independently by PyEphem 4.2.1 (VSOP87, IAU nutation)
    /// and lunar-python 1.4.8 (寿星天文历), which agree on every one: the April day, one digit a year
    /// from 1950. The closest calls: 2071 (00:10 on the 5th), 1976 (23:46 on the 4th), 2009 (23:34).
    static let qingmingDays =
        "5555555555555555555555555545554555455545554555455545554555445544" // 1950–2013
        + "5544554455445544554455445544454445444544454445444544454445444444" // 2014–2077
        + "4444444444444444444444555545554555455545554555455545554555445544" // 2078–2141
        + "554455445" // 2142–2150

    @Test func qingmingMatchesTheIndependentComputationForEveryYear() {
        #expect(Self.qingmingDays.count == 201)
        for (i, c) in Self.qingmingDays.enumerated() {
            let year = 1950 + i
            #expect(Festival.qingming.date(in: year) == LocalDate(year: year, month: 4, day: Int(String(c))!), "\(year)")
        }
    }

    private func beijing(_ s: String) -> Date {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "Asia/Shanghai")
        f.dateFormat = "yyyy-MM-dd HH:mm:ss"
        return f.date(from: s)!
    }

    /// Moments to within a minute of lunar-python's (Beijing time; PyEphem agrees to under a minute).
    @Test(arguments: [
        (15.0, 2025, "2025-04-04 20:48:36"), (15.0, 2026, "2026-04-05 02:40:00"), (15.0, 2071, "2071-04-05 00:10:36"),
        (15.0, 1976, "1976-04-04 23:46:27"), (0.0, 2025, "2025-03-20 17:01:29"), (270.0, 2025, "2025-12-21 23:03:05"),
    ])
    func momentsAreWithinAMinute(_ longitude: Double, _ year: Int, _ expected: String) throws {
        let moment = try #require(SolarTerms.moment(ofLongitude: longitude, in: year))
        #expect(abs(moment.timeIntervalSince(beijing(expected))) < 60, "\(longitude)° \(year): \(moment)")
    }

    @Test func theTimeZoneDecidesTheDay() {
        // 2026's 清明 is at 02:40 Beijing time, still 4 April in London (18:40 UTC).
        #expect(Festival.qingming.date(in: 2026, timeZone: TimeZone(identifier: "Europe/London")!) == day("2026-04-04"))
        #expect(Festival.qingming.date(in: 2026) == day("2026-04-05"))
    }
}

@Suite("Lunar dates")
struct LunarDateTests {
    @Test func springFestival2026IsTheFirstOfTheFirstMonth() {
        let l = LunarDate(day("2026-02-17"))
        #expect(l == LunarDate(month: 1, day: 1, isLeapMonth: false))
        #expect(l.monthName == "正月")
        #expect(l.dayName == "初一")
        #expect(l.label == "正月")
        #expect(l.description == "正月初一")
    }

    @Test func leapSixthMonthOf2025() {
        let first = LunarDate(day("2025-07-25"))
        #expect(first == LunarDate(month: 6, day: 1, isLeapMonth: true))
        #expect(first.monthName == "闰六月")
        #expect(first.dayName == "初一")
        #expect(first.label == "闰六月")
        #expect(LunarDate(day("2025-07-24")) == LunarDate(month: 6, day: 30, isLeapMonth: false))
        #expect(LunarDate(day("2025-08-23")) == LunarDate(month: 7, day: 1, isLeapMonth: false))
        #expect(LunarDate(day("2025-08-22")).label == "廿九")
    }

    @Test func dayNames() {
        let names = (1...30).map { LunarDate(month: 3, day: $0)!.dayName }
        #expect(names == ["初一", "初二", "初三", "初四", "初五", "初六", "初七", "初八", "初九", "初十",
                          "十一", "十二", "十三", "十四", "十五", "十六", "十七", "十八", "十九", "二十",
                          "廿一", "廿二", "廿三", "廿四", "廿五", "廿六", "廿七", "廿八", "廿九", "三十"])
    }

    @Test func monthNames() {
        let names = (1...12).map { LunarDate(month: $0, day: 1)!.label }
        #expect(names == ["正月", "二月", "三月", "四月", "五月", "六月", "七月", "八月", "九月", "十月", "冬月", "腊月"])
        #expect(LunarDate(month: 11, day: 1, isLeapMonth: true)!.label == "闰冬月")
        #expect(LunarDate(month: 13, day: 1) == nil)
        #expect(LunarDate(month: 1, day: 31) == nil)
    }

    @Test func wallCalendarLabels() {
        #expect(WallCalendar.label(for: day("2026-02-17")) == "春节")
        #expect(WallCalendar.label(for: day("2026-10-18")) == "重阳")
        #expect(WallCalendar.label(for: day("2026-03-03")) == "元宵")
        #expect(WallCalendar.label(for: day("2026-10-17")) == "初八")
        #expect(WallCalendar.label(for: day("2026-11-09")) == "十月") // 十月初一
        #expect(WallCalendar.label(for: day("2026-11-29")) == "廿一")
        #expect(WallCalendar.label(for: day("2026-03-19")) == "二月") // 2026-03-19 is 二月初一
    }

    /// The cached month walk (a Foundation call only where a month may end) gives what Foundation
    /// gives for each day: checked day by day over 2020–2035 (2033 has the famous leap 11th month).
    @Test func monthCacheAgreesWithFoundationDayByDay() {
        var chinese = Calendar(identifier: .chinese)
        chinese.timeZone = TimeZone(identifier: "Asia/Shanghai")!
        var d = day("2020-01-01")
        var checked = 0
        while d <= day("2035-12-31") {
            let noon = Date(timeIntervalSince1970: Double(d.dayNumber) * 86400 + 4 * 3600) // 12:00 in UTC+8
            let c = chinese.dateComponents([.month, .day, .isLeapMonth], from: noon)
            #expect(LunarDate(d) == LunarDate(month: c.month!, day: c.day!, isLeapMonth: c.isLeapMonth!), "\(d)")
            d = d.adding(days: 1)
            checked += 1
        }
        #expect(checked == 5844)
        #expect(LunarDate(day("2033-12-22")) == LunarDate(month: 11, day: 1, isLeapMonth: true))
    }

    @Test func wholeMonths() {
        let feb = LunarDate.days(year: 2026, month: 2)
        #expect(feb.count == 28)
        #expect(feb[16] == LunarDate(month: 1, day: 1))
        #expect(feb[15] == LunarDate(month: 12, day: 29)) // 除夕 2026 is 腊月廿九 (a 29-day 腊月)
        #expect(LunarDate.days(year: 2026, month: 13).isEmpty)
    }

    /// Foundation answers "day 0" where a new moon falls within seconds of midnight; the day is
    /// read as the last of the previous month instead.
    @Test func foundationsDayZeroIsRepaired() {
        #expect(LunarDate(day("2057-09-27")) == LunarDate(month: 8, day: 29))
        #expect(LunarDate(day("2057-09-28")) == LunarDate(month: 8, day: 30))
        #expect(LunarDate(day("2057-09-29")) == LunarDate(month: 9, day: 1))
        #expect(LunarDate(day("2057-09-28")).label == "三十")
    }
}

@Suite("Semester names")
struct SemesterNameTests {
    @Test func displayNames() {
        #expect(Semester(id: "2026-autumn")!.displayName == "2026年秋季学期")
        #expect(Semester(id: "2027-spring")!.displayName == "2027年春季学期")
        #expect(Semester(id: "2026-autumn")!.englishName == "Autumn term 2026")
        #expect(Semester(id: "2027-spring")!.englishName == "Spring term 2027")
    }

    @Test func neighbours() {
        let autumn = Semester(id: "2026-autumn")!
        #expect(autumn.previousID == "2026-spring")
        #expect(autumn.nextID == "2027-spring")
        let spring = Semester(id: "2027-spring")!
        #expect(spring.previousID == "2026-autumn")
        #expect(spring.nextID == "2027-autumn")
    }
}
