import IronTraceCore

/// Reads ATF's monthly Federal Firearms Licensee listing as published (tab- or pipe-delimited, one
/// licence per row: `LIC_REGN, LIC_DIST, LIC_CNTY, LIC_TYPE, LIC_XPRDTE, LIC_SEQN, LICENSE_NAME,
/// BUSINESS_NAME, PREMISE_STREET, PREMISE_CITY, PREMISE_STATE, PREMISE_ZIP_CODE, MAIL_STREET,
/// MAIL_CITY, MAIL_STATE, MAIL_ZIP_CODE, VOICE_PHONE`) into licensees. The licensee id is the licence
/// number without its expiry (region, district, county, type, sequence as 13 digits), so the next
/// month's listing finds the same licensees already stored instead of adding them twice.
public final class FFLListingReader: Sequence, IteratorProtocol {
    public let csv: CSVReader
    private let columns: NamedColumns
    /// Data rows read after the header; each yields exactly one record or rejection, except the
    /// `rowsSkipped` ones (blank rows), which yield nothing.
    public private(set) var rowsRead = 0
    public private(set) var rowsSkipped = 0

    public init(path: String) throws(FormatError) {
        csv = try CSVReader(path: path)
        guard csv.delimiter == UInt8(ascii: "\t") || csv.delimiter == UInt8(ascii: "|") else {
            throw FormatError(
                file: path,
                line: 1,
                reason: "not an ATF FFL listing: expected tab- or pipe-delimited columns"
            )
        }
        columns = try NamedColumns(
            csv,
            required: [
                "LIC_REGN", "LIC_DIST", "LIC_CNTY", "LIC_TYPE", "LIC_XPRDTE", "LIC_SEQN", "LICENSE_NAME",
                "BUSINESS_NAME",
                "PREMISE_STREET", "PREMISE_CITY", "PREMISE_STATE", "PREMISE_ZIP_CODE",
            ],
            format: "an ATF FFL listing"
        )
    }

    /// Left-pads digits to the width the licence number uses.
    static func padded(_ s: String, _ width: Int) -> String {
        s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
    }

    public func next() -> RowResult<Licensee>? {
        // A loop, not recursion: a file of a million blank rows must not exhaust the stack.
        var next: CSVRecord?
        while let r = csv.next() {
            rowsRead += 1
            if r.fields.count == 1 && r.fields[0].isEmpty {
                rowsSkipped += 1
                continue
            }
            next = r
            break
        }
        guard let record = next else { return nil }
        let row = columns.row(record, file: csv.fileName)
        if let bad: RowResult<Licensee> = row.fieldCountProblem() { return bad }
        let text = [
            row.text("LIC_REGN"), FFLListingReader.padded(row.text("LIC_DIST"), 2),
            FFLListingReader.padded(row.text("LIC_CNTY"), 3), FFLListingReader.padded(row.text("LIC_TYPE"), 2),
            row.text("LIC_XPRDTE").uppercased(), FFLListingReader.padded(row.text("LIC_SEQN"), 5),
        ].joined(separator: "-")
        let licence: LicenceNumber
        do {
            licence = try LicenceNumber(parsing: text)
        } catch {
            return row.reject("LIC_SEQN", error.reason + " (licence \(text))")
        }
        let state = row.text("PREMISE_STATE")
        guard let usState = USState.lookup(state) else {
            return row.reject("PREMISE_STATE", "not a US state or territory")
        }
        let name = row.text("LICENSE_NAME")
        guard !name.isEmpty else { return row.reject("LICENSE_NAME", "required") }
        let business = row.text("BUSINESS_NAME")
        let id =
            Int64(licence.region) * 1_000_000_000_000 + Int64(licence.district) * 10_000_000_000 + Int64(licence.county)
            * 10_000_000 + Int64(licence.type.rawValue) * 100_000 + Int64(licence.sequence)
        return .record(
            Licensee(
                id: id,
                licence: licence,
                name: name,
                businessName: business.isEmpty ? name : business,
                street: row.text("PREMISE_STREET"),
                city: row.text("PREMISE_CITY"),
                state: usState.usps,
                zip: row.text("PREMISE_ZIP_CODE")
            ),
            line: record.line
        )
    }
}
