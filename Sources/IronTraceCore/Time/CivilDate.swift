import Foundation

/// A calendar day without time zone, stored as days since 1970-01-01 (proleptic Gregorian).
///
/// Trace work counts days (time-to-crime, multiple-sale windows), so a day number is the natural
/// unit: compact in columns, exact in arithmetic, free of time-zone surprises.
public struct CivilDate: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Days since 1970-01-01.
    public var dayNumber: Int32

    public init(dayNumber: Int32) { self.dayNumber = dayNumber }

    /// A date from its parts; `nil` when the parts do not name a real day.
    public init?(year: Int, month: Int, day: Int) {
        guard (1...12).contains(month), day >= 1, day <= CivilDate.daysIn(month: month, year: year),
            (1800...2200).contains(year)
        else { return nil }
        self.dayNumber = Int32(CivilDate.daysFromCivil(year: year, month: month, day: day))
    }

    public static func < (lhs: CivilDate, rhs: CivilDate) -> Bool { lhs.dayNumber < rhs.dayNumber }

    public var parts: (year: Int, month: Int, day: Int) { CivilDate.civilFromDays(Int(dayNumber)) }
    public var year: Int { parts.year }
    public var month: Int { parts.month }
    public var day: Int { parts.day }

    /// Today in UTC.
    public static var today: CivilDate {
        CivilDate(dayNumber: Int32((Date().timeIntervalSince1970 / 86_400).rounded(.down)))
    }

    /// ISO 8601 `YYYY-MM-DD`.
    public var description: String {
        let (y, m, d) = parts
        return "\(y)-\(m < 10 ? "0" : "")\(m)-\(d < 10 ? "0" : "")\(d)"
    }

    public func adding(days: Int) -> CivilDate { CivilDate(dayNumber: dayNumber + Int32(days)) }
    public func days(since other: CivilDate) -> Int { Int(dayNumber - other.dayNumber) }

    /// Day of week, 0 = Monday ... 6 = Sunday.
    public var weekday: Int { Int(((Int64(dayNumber) % 7) + 7 + 3) % 7) }
    public var isBusinessDay: Bool { weekday < 5 }

    public static func isLeap(_ year: Int) -> Bool { (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    // Howard Hinnant's days_from_civil / civil_from_days.
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    static func civilFromDays(_ z0: Int) -> (Int, Int, Int) {
        let z = z0 + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let y = yoe + era * 400
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (m <= 2 ? y + 1 : y, m, d)
    }
}

extension CivilDate {
    /// Parses the date spellings found in the data this project reads: ISO `2017-01-06`,
    /// US `1/6/17` or `01/06/2017`. Two-digit years are read as 19xx when above 50, else 20xx.
    public init?(parsing text: some StringProtocol) {
        self.init(parsingString: String(text))
    }

    /// Concrete parser (generic code over `StringProtocol` is not specialised across modules).
    public init?(parsingString text: String) {
        // Fast path: ISO YYYY-MM-DD, the form every native file uses (no allocation).
        if text.utf8.count == 10 {
            var value = 0
            var ok = true
            var year = 0
            var month = 0
            var i = 0
            for b in text.utf8 {
                if i == 4 || i == 7 {
                    if b != UInt8(ascii: "-") { ok = false }
                    if i == 4 { year = value } else { month = value }
                    value = 0
                } else if b >= 48 && b <= 57 {
                    value = value * 10 + Int(b - 48)
                } else {
                    ok = false
                }
                i += 1
            }
            if ok {
                self.init(year: year, month: month, day: value)
                return
            }
        }
        var nums: [Int] = []
        var current = 0
        var digits = 0
        var separators: [Character] = []
        for ch in text {
            if let v = ch.wholeNumberValue, ch.isASCII {
                current = current * 10 + v
                digits += 1
                if digits > 4 { return nil }
            } else if ch == "-" || ch == "/" || ch == "." {
                guard digits > 0 else { return nil }
                nums.append(current)
                separators.append(ch)
                current = 0
                digits = 0
            } else if ch == " " || ch == "T" {
                break  // time part follows; ignore it
            } else {
                return nil
            }
        }
        guard digits > 0 else { return nil }
        nums.append(current)
        guard nums.count == 3, separators.count == 2, separators[0] == separators[1] else { return nil }
        if separators[0] == "-" {
            self.init(year: nums[0], month: nums[1], day: nums[2])
        } else {
            var year = nums[2]
            if year < 100 { year += year > 50 ? 1900 : 2000 }
            self.init(year: year, month: nums[0], day: nums[1])
        }
    }
}

/// How precise a reported date is (ACLED's `time_precision`: 1 day, 2 week or so, 3 month; we add year).
public enum DatePrecision: String, Sendable, CaseIterable, Codable {
    case day, month, year
}
