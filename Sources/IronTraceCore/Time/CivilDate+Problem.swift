extension CivilDate {
    /// Why a text is not a date, in words a user can act on: "impossible date: February 2024 has
    /// 29 days" when the form is right but the day does not exist, "expected YYYY-MM-DD" when the
    /// form is wrong. Nil when the text is a date.
    public static func problem(parsing text: String) -> String? {
        if CivilDate(parsingString: text) != nil { return nil }
        let t = text.trimmingASCIISpaces()
        if t.isEmpty { return "required" }
        let parts = t.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, (1...2).contains(parts[1].count), (1...2).contains(parts[2].count),
            parts.allSatisfy({ part in part.allSatisfy { $0.isASCII && $0.isNumber } }),
            let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2])
        else { return "expected YYYY-MM-DD" }
        if !(1800...2200).contains(y) { return "impossible date: year \(y) is outside 1800-2200" }
        if !(1...12).contains(m) { return "impossible date: there is no month \(m)" }
        let days = CivilDate.daysIn(month: m, year: y)
        let months = [
            "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
            "November", "December",
        ]
        return "impossible date: \(months[m - 1]) \(y) has \(days) days, not \(d)"
    }
}
