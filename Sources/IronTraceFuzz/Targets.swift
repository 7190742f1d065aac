import CBZip2
import Foundation
import IronTraceCore
import IronTraceFormats
import IronTraceSynth
import ZIPFoundation

/// What running one input through a reader came to.
struct Outcome {
    /// Records and rejections yielded.
    var results = 0
    var records = 0
    /// Distinct lines (rows) that yielded at least one result.
    var lines = Set<Int>()
    /// The reader's own count of data rows read and of rows that yield nothing.
    var rowsRead = 0
    var rowsSkipped = 0
    /// Every row yields exactly one result (native kinds, ATF CSV, ACLED, UCDP, FFL, victims, CONAPO).
    var oneResultPerRow = true
    /// Results not tied to a row (the damaged-bz2 rejection of the victims reader).
    var extra = 0
    /// Whether the rows were counted (false for the bare XLSX reader and for file-level errors).
    var counted = true
    /// The file was refused as a whole (a ``FormatError``): fine, not a violation.
    var formatError = false
    var formatErrorText = ""
    /// Broken promises: a record that should have been a rejection.
    var problems: [String] = []
    var lastLine: Int?
    var lastResultAddedLine = false

    /// Rows lost or invented: the check that rows read = rows that yielded records or rejections.
    var accountingProblem: String? {
        guard counted && !formatError else { return nil }
        let yielding = rowsRead - rowsSkipped
        if lines.count != yielding {
            return "\(rowsRead) rows read, \(rowsSkipped) skipped, but \(lines.count) rows yielded results"
        }
        if oneResultPerRow && results - extra != yielding {
            return "\(yielding) rows yield one result each, but there were \(results - extra) results"
        }
        return nil
    }
}

/// A reader under fuzz: its seeds and how one input file runs through it.
struct Target {
    enum Shape {
        case text
        /// XLSX: the parts of each seed workbook (mutated then zipped again) and the zips themselves.
        case xlsx([[(name: String, data: [UInt8])]])
        /// bzip2: plain seeds, compressed after mutation (or mutated after compression).
        case bzip2
    }
    let name: String
    let shape: Shape
    let seeds: [[UInt8]]
    let run: (String) -> Outcome
}

protocol CountedRows: AnyObject {
    var rowsRead: Int { get }
    var rowsSkipped: Int { get }
}
extension NativeReader: CountedRows {}
extension ATFFlowReader: CountedRows {}
extension ACLEDEventReader: CountedRows {}
extension UCDPEventReader: CountedRows {}
extension FFLListingReader: CountedRows {}
extension SESNSPVictimsReader: CountedRows {}
extension SESNSPIncidenceReader: CountedRows {}
extension INEGIHomicideReader: CountedRows {}

/// Text that must never be stored: a NUL byte.
func hasNUL(_ strings: String...) -> Bool { strings.contains { $0.utf8.contains(0) } }

func check(_ m: AreaMeasure) -> String? {
    if !m.value.isFinite || m.value < 0 || m.value > Double(NumberField.maxPopulation) {
        return "area measure value \(m.value) stored"
    }
    return hasNUL(m.measure, m.source, m.period) ? "NUL stored in an area measure" : nil
}
func check(_ f: Flow) -> String? {
    if f.count < 0 || f.count > NumberField.maxCount { return "flow count \(f.count) stored" }
    return hasNUL(f.source) ? "NUL stored in a flow" : nil
}
func check(_ e: ArmedEvent) -> String? {
    if e.fatalities < 0 || e.fatalities > NumberField.maxCount { return "fatalities \(e.fatalities) stored" }
    if let l = e.latitude, !l.isFinite || abs(l) > 90 { return "latitude \(l) stored" }
    if let l = e.longitude, !l.isFinite || abs(l) > 180 { return "longitude \(l) stored" }
    return hasNUL(e.actor1, e.actor2, e.location, e.notes, e.provenance, e.sourceID, e.subType)
        ? "NUL stored in an event" : nil
}
func check(_ l: NIBINLead) -> String? {
    for e in [l.a, l.b] {
        if e.recoveryID == nil && e.eventID == nil { return "NIBIN exhibit with neither recovery nor event stored" }
        if e.id.count > 64 || e.agency.count > 64 { return "NIBIN text over 64 characters stored" }
    }
    return hasNUL(l.id, l.a.id, l.b.id, l.a.agency, l.b.agency) ? "NUL stored in a NIBIN lead" : nil
}
func check(_ l: Licensee) -> String? {
    hasNUL(l.name, l.businessName, l.street, l.city, l.zip) ? "NUL stored in a licensee" : nil
}
func check(_ p: Person) -> String? {
    hasNUL(p.pseudonym, p.pii.lastName, p.pii.firstName, p.pii.street, p.pii.phone) ? "NUL stored in a person" : nil
}
func check(_ s: SaleRow) -> String? {
    hasNUL(s.firearm.model, s.firearm.serial.raw, s.firearm.makeRaw) ? "NUL stored in a sale" : nil
}
func check(_ r: Recovery) -> String? {
    if let l = r.latitude, !l.isFinite || abs(l) > 90 { return "latitude \(l) stored" }
    return hasNUL(r.agency, r.caseNumber, r.firearm.serial.raw) ? "NUL stored in a recovery" : nil
}
func check(_ q: TraceRequest) -> String? {
    let fields = TraceRequestCodec.encode(q)
    for (name, value) in zip(TraceRequestCodec.header, fields) {
        if let limit = TraceRequestForm.maximumLength[name], value.count > limit {
            return "trace request \(name) of \(value.count) characters accepted (at most \(limit))"
        }
    }
    if q.recoveryDate > q.requestDate { return "trace request recovered after it was requested accepted" }
    return hasNUL(q.serial, q.manufacturer, q.caseNumber, q.agencyORI) ? "NUL stored in a trace request" : nil
}
func check(_ t: Trace) -> String? {
    if let d = t.timeToCrimeDays, d < 0 || d > NumberField.maxCount { return "time to crime \(d) stored" }
    return nil
}

/// Drains a sequence of row results into an outcome.
func drain<S: Sequence, T>(_ rows: S, _ check: (T) -> String?) -> Outcome where S.Element == RowResult<T> {
    var o = Outcome()
    for r in rows {
        o.results += 1
        switch r {
        case .record(let v, let line):
            o.records += 1
            o.lastLine = line
            o.lastResultAddedLine = o.lines.insert(line).inserted
            if o.problems.count < 3, let p = check(v) { o.problems.append("line \(line): \(p)") }
        case .rejected(let rej):
            o.lastLine = rej.line
            o.lastResultAddedLine = o.lines.insert(rej.line).inserted
            if rej.line < 0 || rej.column < 0 { o.problems.append("rejection at \(rej.line):\(rej.column)") }
        }
    }
    return o
}

func streaming<R: Sequence & CountedRows, T>(
    oneResultPerRow: Bool = true,
    _ open: @escaping (String) throws(FormatError) -> R,
    _ check: @escaping (T) -> String?
) -> (String) -> Outcome where R.Element == RowResult<T> {
    { path in
        let reader: R
        do { reader = try open(path) } catch {
            return Outcome(counted: false, formatError: true, formatErrorText: String(describing: error))
        }
        var o = drain(reader, check)
        o.rowsRead = reader.rowsRead
        o.rowsSkipped = reader.rowsSkipped
        o.oneResultPerRow = oneResultPerRow
        if let v = reader as? SESNSPVictimsReader, v.damageRejections > 0 {
            // The last result, a damaged-bz2 rejection, is not a row: drop its line if only it had it.
            o.extra = v.damageRejections
            if o.lastResultAddedLine, let l = o.lastLine { o.lines.remove(l) }
        }
        return o
    }
}

func whole<T>(
    oneResultPerRow: Bool,
    _ read: @escaping (String, inout RowCounts) throws(FormatError) -> [RowResult<T>],
    _ check: @escaping (T) -> String?
) -> (String) -> Outcome {
    { path in
        var counts = RowCounts()
        let rows: [RowResult<T>]
        do { rows = try read(path, &counts) } catch {
            return Outcome(counted: false, formatError: true, formatErrorText: String(describing: error))
        }
        var o = drain(rows, check)
        o.rowsRead = counts.rowsRead
        o.rowsSkipped = counts.rowsSkipped
        o.oneResultPerRow = oneResultPerRow
        return o
    }
}

/// A reader that adds rows up into figures: the file's rows must balance (read = counted +
/// rejected + skipped) and every rejection it counts must be yielded.
func aggregated(
    _ read: @escaping (String, inout AggregatedRows) throws(FormatError) -> [RowResult<AreaMeasure>]
) -> (String) -> Outcome {
    { path in
        var counts = AggregatedRows()
        let rows: [RowResult<AreaMeasure>]
        do { rows = try read(path, &counts) } catch {
            return Outcome(counted: false, formatError: true, formatErrorText: String(describing: error))
        }
        var o = drain(rows, check)
        o.counted = false
        if !counts.isBalanced {
            o.problems.append(
                "\(counts.rowsRead) rows read but \(counts.rowsCounted) counted + \(counts.rowsRejected) rejected + "
                    + "\(counts.rowsSkipped) skipped"
            )
        }
        if o.results - o.records != counts.rowsRejected {
            o.problems.append("\(counts.rowsRejected) rows rejected but \(o.results - o.records) rejections yielded")
        }
        return o
    }
}
