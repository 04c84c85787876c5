import Domain
import Foundation

/// China Standard Time, the zone in which Chinese calendars are reckoned (the default everywhere here).
public enum ChinaTime {
    /// Asia/Shanghai (UTC+8, with the summer time of 1986–1991 that tzdata knows).
    public static let zone: TimeZone = TimeZone(identifier: "Asia/Shanghai") ?? TimeZone(secondsFromGMT: 8 * 3600) ?? .gmt
}

/// A festival or commemorative day that the community plans activities around (节日活动).
///
/// Gregorian days are fixed; 春节, 元宵, 端午, 中秋 and 重阳 follow the Chinese lunisolar calendar
/// (Foundation's `Calendar(identifier: .chinese)`); 清明 is a solar term, computed by `SolarTerms`.
///
///     Festival.doubleNinth.date(in: 2026)   // 2026-10-18
///     Festival.festivals(in: 2027).first     // (.newYear, 2027-01-01)
public enum Festival: String, CaseIterable, Sendable, Codable {
    case newYear = "new_year"
    case springFestival = "spring_festival"
    case lanternFestival = "lantern_festival"
    case womensDay = "womens_day"
    case qingming = "qingming"
    case labourDay = "labour_day"
    case youthDay = "youth_day"
    case dragonBoat = "dragon_boat"
    case childrensDay = "childrens_day"
    case partyFoundingDay = "party_founding_day"
    case midAutumn = "mid_autumn"
    case teachersDay = "teachers_day"
    case nationalDay = "national_day"
    case doubleNinth = "double_ninth"

    /// Years for which dates are computed and checked (1950–2150); `date(in:)` is nil outside.
    ///
    /// Lunar dates are Foundation's. Checked day by day against lunar-python (寿星 algorithm), they
    /// agree on every day from 1950 to 2096; later, a few months differ by a day where a new moon falls
    /// within minutes of midnight (2097-08, 2101, 2115, 2119, 2122), and Foundation puts 2148's leap
    /// month after the first month instead of after the eleventh of 2147, which moves 春节 2148 to
    /// 2148-01-21 (astronomically 2148-02-20; 大寒 falls 28 minutes after midnight on 21 January).
    public static let supportedYears = 1950...2150

    /// How the date is found.
    public enum Rule: Hashable, Sendable {
        /// The same Gregorian month and day every year.
        case gregorian(month: Int, day: Int)
        /// A day of a (non-leap) month of the Chinese calendar, in the lunar year that starts in the Gregorian year.
        case lunar(month: Int, day: Int)
        /// The day the Sun's apparent longitude reaches this many degrees (a solar term, 节气).
        case solarTerm(longitude: Double)
    }

    public var rule: Rule {
        switch self {
        case .newYear: return .gregorian(month: 1, day: 1)
        case .springFestival: return .lunar(month: 1, day: 1)
        case .lanternFestival: return .lunar(month: 1, day: 15)
        case .womensDay: return .gregorian(month: 3, day: 8)
        case .qingming: return .solarTerm(longitude: 15)
        case .labourDay: return .gregorian(month: 5, day: 1)
        case .youthDay: return .gregorian(month: 5, day: 4)
        case .dragonBoat: return .lunar(month: 5, day: 5)
        case .childrensDay: return .gregorian(month: 6, day: 1)
        case .partyFoundingDay: return .gregorian(month: 7, day: 1)
        case .midAutumn: return .lunar(month: 8, day: 15)
        case .teachersDay: return .gregorian(month: 9, day: 10)
        case .nationalDay: return .gregorian(month: 10, day: 1)
        case .doubleNinth: return .lunar(month: 9, day: 9)
        }
    }

    /// The name as lists and the command line print it (元宵节, 五一劳动节…).
    public var chineseName: String {
        switch self {
        case .newYear: return "元旦"
        case .springFestival: return "春节"
        case .lanternFestival: return "元宵节"
        case .womensDay: return "三八妇女节"
        case .qingming: return "清明节"
        case .labourDay: return "五一劳动节"
        case .youthDay: return "五四青年节"
        case .dragonBoat: return "端午节"
        case .childrensDay: return "六一儿童节"
        case .partyFoundingDay: return "七一建党节"
        case .midAutumn: return "中秋节"
        case .teachersDay: return "教师节"
        case .nationalDay: return "国庆节"
        case .doubleNinth: return "重阳节"
        }
    }

    /// The name printed under the date in a month grid, as wall calendars do: at most three
    /// characters (six columns), most of them two (春节, 重阳, 三八…).
    public var shortName: String {
        switch self {
        case .newYear: return "元旦"
        case .springFestival: return "春节"
        case .lanternFestival: return "元宵"
        case .womensDay: return "三八"
        case .qingming: return "清明"
        case .labourDay: return "五一"
        case .youthDay: return "五四"
        case .dragonBoat: return "端午"
        case .childrensDay: return "六一"
        case .partyFoundingDay: return "七一"
        case .midAutumn: return "中秋"
        case .teachersDay: return "教师节"
        case .nationalDay: return "国庆"
        case .doubleNinth: return "重阳"
        }
    }

    public var englishName: String {
        switch self {
        case .newYear: return "New Year's Day"
        case .springFestival: return "Spring Festival"
        case .lanternFestival: return "Lantern Festival"
        case .womensDay: return "International Women's Day"
        case .qingming: return "Qingming Festival"
        case .labourDay: return "Labour Day"
        case .youthDay: return "Youth Day"
        case .dragonBoat: return "Dragon Boat Festival"
        case .childrensDay: return "Children's Day"
        case .partyFoundingDay: return "Party Founding Day"
        case .midAutumn: return "Mid-Autumn Festival"
        case .teachersDay: return "Teachers' Day"
        case .nationalDay: return "National Day"
        case .doubleNinth: return "Double Ninth Festival"
        }
    }

    /// The day of this festival in the Gregorian `year`, as observed in `timeZone`; nil outside `supportedYears`.
    public func date(in year: Int, timeZone: TimeZone = ChinaTime.zone) -> LocalDate? {
        guard Self.supportedYears.contains(year) else { return nil }
        switch rule {
        case let .gregorian(month, day):
            return LocalDate(year: year, month: month, day: day)
        case let .lunar(month, day):
            return LunarCalendar.shared.gregorianDate(lunarMonth: month, day: day, lunarYearStartingIn: year, timeZone: timeZone)
        case let .solarTerm(longitude):
            return SolarTerms.date(ofLongitude: longitude, in: year, timeZone: timeZone)
        }
    }

    /// Every festival of the Gregorian `year` with its date, by date (festivals on the same day in
    /// declaration order: in 2020 and 2001 中秋 came before 国庆 on 1 October). Empty outside `supportedYears`.
    public static func festivals(in year: Int, timeZone: TimeZone = ChinaTime.zone) -> [(Festival, LocalDate)] {
        LunarCalendar.shared.festivals(in: year, timeZone: timeZone)
    }

    /// The festivals falling on `date` (usually none; at most a few), cached per year.
    public static func festivals(on date: LocalDate, timeZone: TimeZone = ChinaTime.zone) -> [Festival] {
        festivals(in: date.year, timeZone: timeZone).filter { $0.1 == date }.map(\.0)
    }

    /// Computes the sorted list (uncached); `LunarCalendar` caches it.
    static func computeFestivals(in year: Int, timeZone: TimeZone) -> [(Festival, LocalDate)] {
        let dated = allCases.enumerated().compactMap { index, festival in
            festival.date(in: year, timeZone: timeZone).map { (index, festival, $0) }
        }
        return dated.sorted { ($0.2, $0.0) < ($1.2, $1.0) }.map { ($0.1, $0.2) }
    }
}

/// The 24 solar terms (节气): the moments when the Sun's apparent geocentric ecliptic longitude
/// reaches a multiple of 15° (清明 at 15°, 春分 at 0°, 冬至 at 270°).
///
/// Why this is hand-written: Foundation's Chinese calendar computes the terms internally to place
/// leap months but exposes no solar-term API, and 清明 is a solar term, not a lunar date. So the
/// Sun's longitude is computed here from Jean Meeus, *Astronomical Algorithms* (2nd ed., 1998),
/// chapter 25 "higher accuracy": the Earth's heliocentric longitude from the truncated VSOP87 series
/// of his Appendix III (the same table as NREL's Solar Position Algorithm, Reda & Andreas 2004),
/// turned geocentric, corrected to FK5 (−0.09033″), for nutation in longitude (chapter 22, the
/// 0.5″ series) and for aberration (−20.4898″/R). That is good to about one arc-second, i.e. well
/// under a minute of time; the low-precision formula of the same chapter (±0.01°, up to a quarter
/// of an hour) is not enough, since 清明 fell 10 minutes after midnight Beijing time in 2071 and
/// 14 minutes before it in 1976. Dynamical time is converted to UT with the Espenak–Meeus ΔT
/// polynomials (NASA eclipse site, 2006). Checked for every year 1950–2150 against PyEphem 4.2.1
/// and lunar-python 1.4.8 (both agree on every date; the moments differ from them by under a
/// minute until 2100), and against the published 2025–2030 dates (FestivalTests).
public enum SolarTerms {
    /// The day on which the Sun's apparent longitude reaches `longitude` degrees in Gregorian `year`, in `timeZone`.
    public static func date(ofLongitude longitude: Double, in year: Int, timeZone: TimeZone = ChinaTime.zone) -> LocalDate? {
        guard let instant = moment(ofLongitude: longitude, in: year) else { return nil }
        let seconds = instant.timeIntervalSince1970 + Double(timeZone.secondsFromGMT(for: instant))
        return LocalDate(dayNumber: Int((seconds / 86400).rounded(.down)))
    }

    /// The instant (UT) at which the Sun's apparent longitude reaches `longitude` degrees during
    /// Gregorian `year` (in UT); nil for years outside 1900–2199.
    public static func moment(ofLongitude longitude: Double, in year: Int) -> Date? {
        guard (1900...2199).contains(year), let march20 = LocalDate(year: year, month: 3, day: 20),
              let jan1 = LocalDate(year: year, month: 1, day: 1), let nextJan1 = LocalDate(year: year + 1, month: 1, day: 1)
        else { return nil }
        let target = normalized(longitude)
        // The Sun passes 0° near 20 March and gains about 360° in a tropical year.
        var jde = julianDay(march20) + target / 360 * tropicalYear
        if jde >= julianDay(nextJan1) { jde -= tropicalYear }
        if jde < julianDay(jan1) { jde += tropicalYear }
        for _ in 0..<10 {
            var delta = target - apparentLongitude(jde: jde)
            delta -= 360 * (delta / 360).rounded() // into −180…180
            jde += delta * tropicalYear / 360
            if abs(delta) < 1e-7 { break }
        }
        let ut = jde - deltaT(decimalYear: Double(year) + (jde - julianDay(jan1)) / 365.25) / 86400
        return Date(timeIntervalSince1970: (ut - 2_440_587.5) * 86400)
    }

    static let tropicalYear = 365.242189

    static func normalized(_ degrees: Double) -> Double {
        let r = degrees.truncatingRemainder(dividingBy: 360)
        return r < 0 ? r + 360 : r
    }

    /// Julian Day at 0h UT of a date.
    static func julianDay(_ date: LocalDate) -> Double { Double(date.dayNumber) + 2_440_587.5 }

    /// The Sun's apparent geocentric longitude in degrees (0…360) at Julian Ephemeris Day `jde`.
    static func apparentLongitude(jde: Double) -> Double {
        let tau = (jde - 2_451_545.0) / 365_250 // Julian millennia from J2000.0
        let t = tau * 10 // Julian centuries
        var l = 0.0
        for series in earthL.reversed() { l = l * tau + sum(series, tau) } // L0 + L1·τ + L2·τ² + …
        var r = 0.0
        for series in earthR.reversed() { r = r * tau + sum(series, tau) }
        r /= 1e8
        // Heliocentric Earth → geocentric Sun, in degrees.
        var theta = (l / 1e8) * 180 / .pi + 180
        // FK5 correction (Meeus 25.9): −0.09033″ in longitude.
        theta -= 0.09033 / 3600
        // Nutation in longitude (Meeus ch. 22, accurate to 0.5″).
        let omega = radians(125.04452 - 1934.136261 * t + 0.0020708 * t * t + t * t * t / 450_000)
        let sunMean = radians(280.4665 + 36000.7698 * t)
        let moonMean = radians(218.3165 + 481_267.8813 * t)
        let deltaPsi = -17.20 * sin(omega) - 1.32 * sin(2 * sunMean) - 0.23 * sin(2 * moonMean) + 0.21 * sin(2 * omega)
        // Aberration (Meeus 25.10).
        let aberration = -20.4898 / r
        return normalized(theta + (deltaPsi + aberration) / 3600)
    }

    private static func radians(_ degrees: Double) -> Double { degrees * .pi / 180 }

    private static func sum(_ series: [(Double, Double, Double)], _ tau: Double) -> Double {
        var s = 0.0
        for (a, b, c) in series { s += a * cos(b + c * tau) }
        return s
    }

    /// ΔT = TT − UT in seconds (Espenak & Meeus polynomial expressions, valid 1900–2150 and extrapolated after).
    static func deltaT(decimalYear y: Double) -> Double {
        switch y {
        case ..<1920:
            let t = y - 1900
            return -2.79 + 1.494119 * t - 0.0598939 * t * t + 0.0061966 * t * t * t - 0.000197 * t * t * t * t
        case ..<1941:
            let t = y - 1920
            return 21.20 + 0.84493 * t - 0.076100 * t * t + 0.0020936 * t * t * t
        case ..<1961:
            let t = y - 1950
            return 29.07 + 0.407 * t - t * t / 233 + t * t * t / 2547
        case ..<1986:
            let t = y - 1975
            return 45.45 + 1.067 * t - t * t / 260 - t * t * t / 718
        case ..<2005:
            let t = y - 2000
            return 63.86 + 0.3345 * t - 0.060374 * t * t + 0.0017275 * pow(t, 3) + 0.000651814 * pow(t, 4) + 0.00002373599 * pow(t, 5)
        case ..<2050:
            let t = y - 2000
            return 62.92 + 0.32217 * t + 0.005589 * t * t
        case ..<2150:
            let u = (y - 1820) / 100
            return -20 + 32 * u * u - 0.5628 * (2150 - y)
        default:
            let u = (y - 1820) / 100
            return -20 + 32 * u * u
        }
    }

    // VSOP87 (Bretagnon & Francou 1988) for the Earth, truncated as in Meeus, Appendix III:
    // terms A·cos(B + C·τ), A in 1e-8 radian (L) or 1e-8 AU (R), τ in Julian millennia.
    static let earthL: [[(Double, Double, Double)]] = [
        [
            (175_347_046, 0, 0), (3_341_656, 4.6692568, 6283.07585), (34894, 4.6261, 12566.1517),
            (3497, 2.7441, 5753.3849), (3418, 2.8289, 3.5231), (3136, 3.6277, 77713.7715),
            (2676, 4.4181, 7860.4194), (2343, 6.1352, 3930.2097), (1324, 0.7425, 11506.7698),
            (1273, 2.0371, 529.691), (1199, 1.1096, 1577.3435), (990, 5.233, 5884.927),
            (902, 2.045, 26.298), (857, 3.508, 398.149), (780, 1.179, 5223.694),
            (753, 2.533, 5507.553), (505, 4.583, 18849.228), (492, 4.205, 775.523),
            (357, 2.92, 0.067), (317, 5.849, 11790.629), (284, 1.899, 796.298),
            (271, 0.315, 10977.079), (243, 0.345, 5486.778), (206, 4.806, 2544.314),
            (205, 1.869, 5573.143), (202, 2.458, 6069.777), (156, 0.833, 213.299),
            (132, 3.411, 2942.463), (126, 1.083, 20.775), (115, 0.645, 0.98),
            (103, 0.636, 4694.003), (102, 0.976, 15720.839), (102, 4.267, 7.114),
            (99, 6.21, 2146.17), (98, 0.68, 155.42), (86, 5.98, 161000.69),
            (85, 1.3, 6275.96), (85, 3.67, 71430.7), (80, 1.81, 17260.15),
            (79, 3.04, 12036.46), (75, 1.76, 5088.63), (74, 3.5, 3154.69),
            (74, 4.68, 801.82), (70, 0.83, 9437.76), (62, 3.98, 8827.39),
            (61, 1.82, 7084.9), (57, 2.78, 6286.6), (56, 4.39, 14143.5),
            (56, 3.47, 6279.55), (52, 0.19, 12139.55), (52, 1.33, 1748.02),
            (51, 0.28, 5856.48), (49, 0.49, 1194.45), (41, 5.37, 8429.24),
            (41, 2.4, 19651.05), (39, 6.17, 10447.39), (37, 6.04, 10213.29),
            (37, 2.57, 1059.38), (36, 1.71, 2352.87), (36, 1.78, 6812.77),
            (33, 0.59, 17789.85), (30, 0.44, 83996.85), (30, 2.74, 1349.87),
            (25, 3.16, 4690.48),
        ],
        [
            (628_331_966_747, 0, 0), (206_059, 2.678235, 6283.07585), (4303, 2.6351, 12566.1517),
            (425, 1.59, 3.523), (119, 5.796, 26.298), (109, 2.966, 1577.344),
            (93, 2.59, 18849.23), (72, 1.14, 529.69), (68, 1.87, 398.15),
            (67, 4.41, 5507.55), (59, 2.89, 5223.69), (56, 2.17, 155.42),
            (45, 0.4, 796.3), (36, 0.47, 775.52), (29, 2.65, 7.11),
            (21, 5.34, 0.98), (19, 1.85, 5486.78), (19, 4.97, 213.3),
            (17, 2.99, 6275.96), (16, 0.03, 2544.31), (16, 1.43, 2146.17),
            (15, 1.21, 10977.08), (12, 2.83, 1748.02), (12, 3.26, 5088.63),
            (12, 5.27, 1194.45), (12, 2.08, 4694.0), (11, 0.77, 553.57),
            (10, 1.3, 6286.6), (10, 4.24, 1349.87), (9, 2.7, 242.73),
            (9, 5.64, 951.72), (8, 5.3, 2352.87), (6, 2.65, 9437.76),
            (6, 4.67, 4690.48),
        ],
        [
            (52919, 0, 0), (8720, 1.0721, 6283.0758), (309, 0.867, 12566.152),
            (27, 0.05, 3.52), (16, 5.19, 26.3), (16, 3.68, 155.42),
            (10, 0.76, 18849.23), (9, 2.06, 77713.77), (7, 0.83, 775.52),
            (5, 4.66, 1577.34), (4, 1.03, 7.11), (4, 3.44, 5573.14),
            (3, 5.14, 796.3), (3, 6.05, 5507.55), (3, 1.19, 242.73),
            (3, 6.12, 529.69), (3, 0.31, 398.15), (3, 2.28, 553.57),
            (2, 4.38, 5223.69), (2, 3.75, 0.98),
        ],
        [
            (289, 5.844, 6283.076), (35, 0, 0), (17, 5.49, 12566.15),
            (3, 5.2, 155.42), (1, 4.72, 3.52), (1, 5.3, 18849.23), (1, 5.97, 242.73),
        ],
        [(114, 3.142, 0), (8, 4.13, 6283.08), (1, 3.84, 12566.15)],
        [(1, 3.14, 0)],
    ]

    /// The Earth–Sun distance only feeds the aberration (20.5″/R), so its leading terms suffice.
    static let earthR: [[(Double, Double, Double)]] = [
        [
            (100_013_989, 0, 0), (1_670_700, 3.0984635, 6283.07585), (13956, 3.05525, 12566.1517),
            (3084, 5.1985, 77713.7715), (1628, 1.1739, 5753.3849), (1576, 2.8469, 7860.4194),
        ],
        [(103_019, 1.10749, 6283.07585), (1721, 1.0644, 12566.1517), (702, 3.142, 0)],
        [(4359, 5.7846, 6283.0758)],
    ]
}
