import IronTraceCore

/// A problem with one field of a row: which column and why.
public struct FieldError: Error, Sendable {
    public let column: Int
    public let value: String
    public let reason: String
    public init(column: Int, value: String, reason: String) {
        self.column = column
        self.value = value
        self.reason = reason
    }
}

/// Typed access to the fields of one row, with errors that name the column.
public struct FieldCursor {
    public let fields: [String]
    public init(_ fields: [String]) { self.fields = fields }

    /// 0-based column index → raw trimmed text.
    public func text(_ i: Int) -> String { fields.indices.contains(i) ? fields[i].trimmingASCIISpaces() : "" }

    public func required(_ i: Int) throws(FieldError) -> String {
        let t = text(i)
        if t.isEmpty { throw FieldError(column: i + 1, value: "", reason: "required field is empty") }
        return t
    }

    public func int64(_ i: Int) throws(FieldError) -> Int64 {
        let t = text(i)
        guard let v = Int64(t) else { throw FieldError(column: i + 1, value: t, reason: "not an integer") }
        return v
    }

    public func id(_ i: Int) throws(FieldError) -> Int64 {
        let v = try int64(i)
        if v <= 0 { throw FieldError(column: i + 1, value: text(i), reason: "ids must be positive") }
        return v
    }

    public func optionalID(_ i: Int) throws(FieldError) -> Int64? {
        text(i).isEmpty ? nil : try id(i)
    }

    public func count(_ i: Int) throws(FieldError) -> Int {
        let t = text(i).replacingOccurrences(of: ",", with: "")
        guard let v = Int(t) else { throw FieldError(column: i + 1, value: t, reason: "not a whole number") }
        if v < 0 { throw FieldError(column: i + 1, value: t, reason: "counts cannot be negative") }
        if v > NumberField.maxCount {
            throw FieldError(column: i + 1, value: t, reason: "count above the limit of \(NumberField.maxCount)")
        }
        return v
    }

    public func optionalCount(_ i: Int) throws(FieldError) -> Int? { text(i).isEmpty ? nil : try count(i) }

    public func double(_ i: Int) throws(FieldError) -> Double {
        let t = text(i)
        guard let v = Double(t), v.isFinite else { throw FieldError(column: i + 1, value: t, reason: "not a number") }
        return v
    }

    public func optionalDouble(_ i: Int, range: ClosedRange<Double>) throws(FieldError) -> Double? {
        if text(i).isEmpty { return nil }
        let v = try double(i)
        if !range.contains(v) {
            throw FieldError(
                column: i + 1,
                value: text(i),
                reason: "out of range \(range.lowerBound)...\(range.upperBound)"
            )
        }
        return v
    }

    public func date(_ i: Int) throws(FieldError) -> CivilDate {
        let t = text(i)
        guard let d = CivilDate(parsing: t) else {
            throw FieldError(
                column: i + 1,
                value: t,
                reason: t.isEmpty ? "date is required" : "not a valid date (YYYY-MM-DD)"
            )
        }
        return d
    }

    public func optionalDate(_ i: Int) throws(FieldError) -> CivilDate? { text(i).isEmpty ? nil : try date(i) }

    public func bool(_ i: Int) throws(FieldError) -> Bool {
        switch text(i).lowercased() {
        case "1", "true", "yes", "y", "t": return true
        case "0", "false", "no", "n", "f", "": return false
        default: throw FieldError(column: i + 1, value: text(i), reason: "expected true/false")
        }
    }

    public func usState(_ i: Int, allowEmpty: Bool = true) throws(FieldError) -> String {
        let t = text(i)
        if t.isEmpty {
            if allowEmpty { return "" }
            throw FieldError(column: i + 1, value: t, reason: "state is required")
        }
        guard let s = USState.lookup(t) else {
            throw FieldError(column: i + 1, value: t, reason: "unknown US state code")
        }
        return s.usps
    }

    public func area(_ i: Int) throws(FieldError) -> AreaCode {
        let t = text(i)
        do {
            return try AreaCode(parsing: t)
        } catch {
            throw FieldError(column: i + 1, value: t, reason: error.reason)
        }
    }

    public func optionalArea(_ i: Int) throws(FieldError) -> AreaCode? { text(i).isEmpty ? nil : try area(i) }

    public func country(_ i: Int) throws(FieldError) -> String {
        let t = text(i).uppercased()
        guard isCountryCode(t) else {
            throw FieldError(column: i + 1, value: text(i), reason: "expected an ISO 3166-1 alpha-2 country code")
        }
        return t
    }

    public func optionalCountry(_ i: Int) throws(FieldError) -> String { text(i).isEmpty ? "" : try country(i) }

    public func enumValue<E: RawRepresentable>(_ i: Int, _ type: E.Type) throws(FieldError) -> E
    where E.RawValue == String, E: CaseIterable {
        let t = text(i)
        guard let v = E(rawValue: t) ?? E.allCases.first(where: { $0.rawValue.lowercased() == t.lowercased() }) else {
            let allowed = E.allCases.map(\.rawValue).joined(separator: ", ")
            throw FieldError(column: i + 1, value: t, reason: "expected one of: \(allowed)")
        }
        return v
    }
}

extension Optional where Wrapped == Int64 {
    var csv: String { self.map { String($0) } ?? "" }
}
extension Optional where Wrapped == Int {
    var csv: String { self.map { String($0) } ?? "" }
}
extension Optional where Wrapped == Double {
    var csv: String { self.map { String($0) } ?? "" }
}
extension Optional where Wrapped == CivilDate {
    var csv: String { self.map { $0.description } ?? "" }
}
