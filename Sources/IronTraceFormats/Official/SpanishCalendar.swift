import IronTraceCore

/// Month names as Mexican statistical offices write them in column headers, and period keys.
enum SpanishCalendar {
    static let months = [
        "Enero", "Febrero", "Marzo", "Abril", "Mayo", "Junio", "Julio", "Agosto", "Septiembre", "Octubre", "Noviembre",
        "Diciembre",
    ]

    /// `YYYY-MM` for a month 1-12.
    static func period(year: Int, month: Int) -> String { "\(year)-\(month < 10 ? "0" : "")\(month)" }
}

extension SpanishCalendar {
    /// The month 1-12 of a Spanish month name (accents and case ignored), `nil` for anything else.
    static func month(_ name: String) -> Int? { monthByKey[AreaName.key(name)] }

    private static let monthByKey: [String: Int] = Dictionary(
        uniqueKeysWithValues: months.enumerated().map { (AreaName.key($1), $0 + 1) }
    )
}

extension Double {
    /// A figure as a reason quotes it: `12` for whole numbers, `12.5` otherwise.
    var figure: String { self == rounded() && abs(self) < 1e15 ? String(Int64(self)) : String(self) }
}
