/// Month names as Mexican statistical offices write them in column headers, and period keys.
enum SpanishCalendar {
    static let months = [
        "Enero", "Febrero", "Marzo", "Abril", "Mayo", "Junio", "Julio", "Agosto", "Septiembre", "Octubre", "Noviembre",
        "Diciembre",
    ]

    /// `YYYY-MM` for a month 1-12.
    static func period(year: Int, month: Int) -> String { "\(year)-\(month < 10 ? "0" : "")\(month)" }
}
