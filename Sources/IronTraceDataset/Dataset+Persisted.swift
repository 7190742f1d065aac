import Foundation

/// A snapshot kept on disk beside its database, so that a cold process answers without re-reading
/// every row: each column written as its raw bytes under its name, the string pool as one UTF-8 blob
/// with offsets, and a fingerprint of the data it was built from (the store computes it from the
/// import ledger and the tables written outside it). A file whose version, fingerprint or layout
/// does not match is never trusted: reading it answers nil and the caller loads from the store.
///
/// Layout (little-endian): magic `ITSNAP` + format version (UInt16); the fingerprint (UInt32 length
/// + UTF-8); then per column its name (UInt16 length + UTF-8), element size (UInt8), count (UInt64)
/// and bytes; the strings; the aggregate sources as JSON; the total length (UInt64) and `END!`.
extension Dataset {
    /// Bumped whenever the layout or a column changes meaning.
    public static let persistedFormatVersion: UInt16 = 2

    /// Writes the snapshot to `path` atomically (a temporary file renamed over it), readable by its
    /// owner only: the columns hold serial numbers, case numbers and keyed hashes of addresses.
    public func write(to path: String, fingerprint: String) throws {
        var out = PersistedWriter()
        out.bytes.append(contentsOf: Array("ITSNAP".utf8))
        out.integer(Self.persistedFormatVersion)
        out.text32(fingerprint)
        var copy = self
        try copy.visitColumns(&out)
        out.integer(UInt64(strings.count))
        var blob: [UInt8] = []
        var ends: [UInt64] = []
        ends.reserveCapacity(strings.count)
        for s in strings.strings {
            blob.append(contentsOf: s.utf8)
            ends.append(UInt64(blob.count))
        }
        try out.visit("strings.ends", &ends)
        try out.visit("strings.utf8", &blob)
        out.text32(String(decoding: try JSONEncoder().encode(aggregateSources), as: UTF8.self))
        out.integer(UInt64(out.bytes.count + 8 + 4))
        out.bytes.append(contentsOf: Array("END!".utf8))
        let temporary = path + ".partial-\(ProcessInfo.processInfo.processIdentifier)"
        let url = URL(fileURLWithPath: temporary)
        try Data(out.bytes).write(to: url)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: temporary)
        if rename(temporary, path) != 0 {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(atPath: temporary)
            throw PersistedSnapshotError(path: path, reason: "cannot rename the new snapshot into place: \(reason)")
        }
    }

    /// The snapshot in `path` when it was written by this format from data with `fingerprint`;
    /// nil when there is none, or it is stale, truncated or of another layout. `linkSecret` is the
    /// store's (it is not written to the file).
    public static func read(from path: String, fingerprint: String, linkSecret: LinkSecret) -> Dataset? {
        guard let data = try? Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped) else { return nil }
        return data.withUnsafeBytes { raw -> Dataset? in
            var input = PersistedReader(raw)
            guard input.take(6).map(Array.init) == Array("ITSNAP".utf8),
                input.integer(UInt16.self) == persistedFormatVersion,
                input.text32() == fingerprint
            else { return nil }
            var d = Dataset(linkSecret: linkSecret)
            do {
                try d.visitColumns(&input)
                guard let count = input.integer(UInt64.self), count < UInt64(Int32.max) else { return nil }
                var ends: [UInt64] = []
                var blob: [UInt8] = []
                try input.visit("strings.ends", &ends)
                try input.visit("strings.utf8", &blob)
                guard ends.count == Int(count) else { return nil }
                var strings: [String] = []
                strings.reserveCapacity(ends.count)
                var start = 0
                for e in ends {
                    guard e >= UInt64(start), e <= UInt64(blob.count) else { return nil }
                    strings.append(String(decoding: blob[start..<Int(e)], as: UTF8.self))
                    start = Int(e)
                }
                guard let pool = StringPool(strings: strings) else { return nil }
                d.strings = pool
                guard let json = input.text32(),
                    let sources = try? JSONDecoder().decode(AggregateSources.self, from: Data(json.utf8))
                else { return nil }
                d.aggregateSources = sources
                guard input.integer(UInt64.self) == UInt64(raw.count),
                    input.take(4).map(Array.init) == Array("END!".utf8),
                    input.isAtEnd
                else { return nil }
            } catch {
                return nil
            }
            return d.codesAreInRange ? d : nil
        }
    }

    /// Every column, by name, in one fixed order: the one list both the writer and the reader walk.
    mutating func visitColumns(_ v: inout some ColumnVisitor) throws {
        try v.visit("licensees.id", &licensees.id)
        try v.visit("licensees.licence", &licensees.licence)
        try v.visit("licensees.name", &licensees.name)
        try v.visit("licensees.city", &licensees.city)
        try v.visit("licensees.state", &licensees.state)
        try v.visit("persons.id", &persons.id)
        try v.visit("persons.pseudonym", &persons.pseudonym)
        try v.visit("persons.address", &persons.address)
        try v.visit("persons.phone", &persons.phone)
        try v.visit("persons.state", &persons.state)
        try v.visit("sales.id", &sales.id)
        try v.visit("sales.licensee", &sales.licensee)
        try v.visit("sales.purchaser", &sales.purchaser)
        try v.visit("sales.date", &sales.date)
        try v.visit("sales.multipleSale", &sales.multipleSale)
        try v.visit("sales.manufacturer", &sales.manufacturer)
        try v.visit("sales.model", &sales.model)
        try v.visit("sales.caliber", &sales.caliber)
        try v.visit("sales.type", &sales.type)
        try v.visit("sales.serial", &sales.serial)
        try v.visit("recoveries.id", &recoveries.id)
        try v.visit("recoveries.date", &recoveries.date)
        try v.visit("recoveries.country", &recoveries.country)
        try v.visit("recoveries.area", &recoveries.area)
        try v.visit("recoveries.manufacturer", &recoveries.manufacturer)
        try v.visit("recoveries.caliber", &recoveries.caliber)
        try v.visit("recoveries.type", &recoveries.type)
        try v.visit("recoveries.serial", &recoveries.serial)
        // Bools as bytes checked to be 0 or 1 (any other byte in a Bool is undefined behaviour).
        var obliterated = recoveries.obliterated.map { $0 ? UInt8(1) : 0 }
        try v.visit("recoveries.obliterated", &obliterated)
        guard obliterated.allSatisfy({ $0 <= 1 }) else { throw PersistedReader.Mismatch() }
        recoveries.obliterated = obliterated.map { $0 == 1 }
        try v.visit("recoveries.crimeCategory", &recoveries.crimeCategory)
        try v.visit("recoveries.event", &recoveries.event)
        try v.visit("recoveries.possessor", &recoveries.possessor)
        try v.visit("recoveries.agency", &recoveries.agency)
        try v.visit("recoveries.caseNumber", &recoveries.caseNumber)
        try v.visit("recoveries.model", &recoveries.model)
        try v.visit("traces.id", &traces.id)
        try v.visit("traces.recovery", &traces.recovery)
        try v.visit("traces.outcome", &traces.outcome)
        try v.visit("traces.reason", &traces.reason)
        try v.visit("traces.sale", &traces.sale)
        try v.visit("traces.licensee", &traces.licensee)
        try v.visit("traces.purchaser", &traces.purchaser)
        try v.visit("traces.timeToCrime", &traces.timeToCrime)
        try v.visit("traces.sourceClass", &traces.sourceClass)
        try v.visit("traces.sourceCountry", &traces.sourceCountry)
        try v.visit("traces.sourceState", &traces.sourceState)
        try v.visit("traces.requestID", &traces.requestID)
        try v.visit("traces.submittedBy", &traces.submittedBy)
        try v.visit("events.id", &events.id)
        try v.visit("events.date", &events.date)
        try v.visit("events.type", &events.type)
        try v.visit("events.subType", &events.subType)
        try v.visit("events.actor1", &events.actor1)
        try v.visit("events.area", &events.area)
        try v.visit("events.fatalities", &events.fatalities)
        try v.visit("events.sourceDataset", &events.sourceDataset)
        try v.visit("events.location", &events.location)
        try v.visit("events.provenance", &events.provenance)
        try v.visit("events.precision", &events.precision)
        try v.visit("events.endDate", &events.endDate)
        try v.visit("measures.area", &measures.area)
        try v.visit("measures.period", &measures.period)
        try v.visit("measures.measure", &measures.measure)
        try v.visit("measures.value", &measures.value)
        try v.visit("measures.source", &measures.source)
        try v.visit("flows.sourceArea", &flows.sourceArea)
        try v.visit("flows.recoveryArea", &flows.recoveryArea)
        try v.visit("flows.year", &flows.year)
        try v.visit("flows.guns", &flows.guns)
        try v.visit("flows.source", &flows.source)
        try v.visit("traces.requestDate", &traces.requestDate)
        try v.visit("nibin.lead", &nibin.lead)
        try v.visit("nibin.date", &nibin.date)
        try v.visit("nibin.exhibitA", &nibin.exhibitA)
        try v.visit("nibin.exhibitB", &nibin.exhibitB)
        try v.visit("nibin.recoveryA", &nibin.recoveryA)
        try v.visit("nibin.eventA", &nibin.eventA)
        try v.visit("nibin.recoveryB", &nibin.recoveryB)
        try v.visit("nibin.eventB", &nibin.eventB)
    }

    /// Every string code of a read snapshot names a string of its pool (a damaged file must not make
    /// an engine index out of range), and every table's columns have one length.
    var codesAreInRange: Bool {
        let n = Int32(strings.count)
        func ok(_ c: [Int32], allowNegative: Bool = false) -> Bool {
            c.allSatisfy { $0 < n && ($0 >= 0 || (allowNegative && $0 == -1)) }
        }
        let l = licensees.id.count
        let p = persons.id.count
        let s = sales.id.count
        let r = recoveries.id.count
        let t = traces.id.count
        let e = events.id.count
        let m = measures.area.count
        let f = flows.guns.count
        return [licensees.licence, licensees.name, licensees.city, licensees.state].allSatisfy {
            $0.count == l && ok($0)
        }
            && persons.pseudonym.count == p && ok(persons.pseudonym, allowNegative: true)
            && persons.address.count == p && persons.phone.count == p && persons.state.count == p && ok(persons.state)
            && [sales.licensee, sales.purchaser, sales.multipleSale].allSatisfy { $0.count == s }
            && [sales.date, sales.manufacturer, sales.model, sales.caliber, sales.serial].allSatisfy { $0.count == s }
            && ok(sales.manufacturer) && ok(sales.model) && ok(sales.caliber) && ok(sales.serial)
            && sales.type.count == s && sales.type.allSatisfy { Int($0) < Dataset.firearmTypes.count }
            && [
                recoveries.country, recoveries.area, recoveries.manufacturer, recoveries.caliber, recoveries.serial,
                recoveries.crimeCategory, recoveries.agency, recoveries.caseNumber, recoveries.model,
            ].allSatisfy { $0.count == r && ok($0) }
            && recoveries.date.count == r && recoveries.type.count == r && recoveries.obliterated.count == r
            && recoveries.event.count == r && recoveries.possessor.count == r
            && recoveries.type.allSatisfy { Int($0) < Dataset.firearmTypes.count }
            && [traces.reason, traces.sourceCountry, traces.sourceState, traces.requestID, traces.submittedBy]
                .allSatisfy { $0.count == t && ok($0) }
            && [traces.recovery, traces.sale, traces.licensee, traces.purchaser].allSatisfy { $0.count == t }
            && traces.timeToCrime.count == t && traces.outcome.count == t && traces.sourceClass.count == t
            && traces.requestDate.count == t
            && traces.outcome.allSatisfy { Int($0) < Dataset.outcomes.count }
            && traces.sourceClass.allSatisfy { Int($0) < Dataset.sourceClasses.count }
            && [events.type, events.subType, events.actor1, events.area, events.sourceDataset, events.location]
                .allSatisfy { $0.count == e && ok($0) }
            && events.provenance.count == e && ok(events.provenance)
            && [events.date, events.fatalities, events.endDate].allSatisfy { $0.count == e }
            && events.precision.count == e
            && [measures.area, measures.period, measures.measure, measures.source].allSatisfy {
                $0.count == m && ok($0)
            }
            && measures.value.count == m
            && [flows.sourceArea, flows.recoveryArea, flows.source].allSatisfy { $0.count == f && ok($0) }
            && flows.year.count == f
            && [nibin.lead, nibin.exhibitA, nibin.exhibitB].allSatisfy { $0.count == nibin.count && ok($0) }
            && nibin.date.count == nibin.count
            && [nibin.recoveryA, nibin.eventA, nibin.recoveryB, nibin.eventB].allSatisfy { $0.count == nibin.count }
    }
}

/// A failure writing a persisted snapshot (reading one never fails: a bad file is not used).
public struct PersistedSnapshotError: Error, Sendable, CustomStringConvertible {
    public let path: String
    public let reason: String
    public var description: String { "\(path): \(reason)" }
}

/// Walks a snapshot's columns by name (the writer copies them out, the reader fills them in).
protocol ColumnVisitor {
    mutating func visit<T: BitwiseCopyable>(_ name: String, _ column: inout [T]) throws
}

struct PersistedWriter: ColumnVisitor {
    var bytes: [UInt8] = []

    mutating func integer<T: FixedWidthInteger>(_ v: T) {
        withUnsafeBytes(of: v.littleEndian) { bytes.append(contentsOf: $0) }
    }

    mutating func text32(_ s: String) {
        integer(UInt32(s.utf8.count))
        bytes.append(contentsOf: s.utf8)
    }

    mutating func visit<T: BitwiseCopyable>(_ name: String, _ column: inout [T]) throws {
        integer(UInt16(name.utf8.count))
        bytes.append(contentsOf: name.utf8)
        bytes.append(UInt8(MemoryLayout<T>.stride))
        integer(UInt64(column.count))
        column.withUnsafeBytes { bytes.append(contentsOf: $0) }
    }
}

/// Reads a persisted snapshot with every length checked against what is left of the file.
struct PersistedReader: ColumnVisitor {
    let raw: UnsafeRawBufferPointer
    var offset = 0

    init(_ raw: UnsafeRawBufferPointer) { self.raw = raw }

    var isAtEnd: Bool { offset == raw.count }

    mutating func take(_ n: Int) -> UnsafeRawBufferPointer? {
        guard n >= 0, n <= raw.count - offset else { return nil }
        defer { offset += n }
        return UnsafeRawBufferPointer(rebasing: raw[offset..<offset + n])
    }

    mutating func integer<T: FixedWidthInteger>(_: T.Type) -> T? {
        guard let b = take(MemoryLayout<T>.size) else { return nil }
        var v = T.zero
        withUnsafeMutableBytes(of: &v) { $0.copyMemory(from: b) }
        return T(littleEndian: v)
    }

    mutating func text32() -> String? {
        guard let n = integer(UInt32.self), let b = take(Int(n)) else { return nil }
        return String(decoding: b, as: UTF8.self)
    }

    struct Mismatch: Error {}

    mutating func visit<T: BitwiseCopyable>(_ name: String, _ column: inout [T]) throws {
        guard let n = integer(UInt16.self), let label = take(Int(n)),
            String(decoding: label, as: UTF8.self) == name,
            let size = take(1)?.first, Int(size) == MemoryLayout<T>.stride,
            let count = integer(UInt64.self), count <= UInt64(raw.count - offset) / UInt64(max(1, size)),
            let body = take(Int(count) * MemoryLayout<T>.stride)
        else { throw Mismatch() }
        column = [T](unsafeUninitializedCapacity: Int(count)) { buffer, initialized in
            UnsafeMutableRawBufferPointer(buffer).copyMemory(from: body)
            initialized = Int(count)
        }
    }
}
