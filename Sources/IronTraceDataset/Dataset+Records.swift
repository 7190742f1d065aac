import IronTraceCore

/// Appending whole records, for snapshots built straight from records (the generator, tests)
/// rather than from the store. Each stores exactly what the store's columns hold for the record, so
/// both paths give the same snapshot.
extension Dataset {
    public mutating func append(_ l: Licensee) {
        appendLicensee(id: l.id, licence: l.licence.description, name: l.businessName, city: l.city, state: l.state)
    }

    public mutating func append(_ p: Person) {
        appendPerson(
            id: p.id,
            pseudonym: p.pseudonym,
            street: p.pii.street,
            city: p.pii.city,
            state: p.pii.state,
            zip: p.pii.zip,
            phone: p.pii.phone
        )
    }

    public mutating func append(_ s: Sale, _ f: Firearm) {
        appendSale(
            id: s.id,
            licensee: s.licenseeID,
            purchaser: s.purchaserID,
            date: s.date,
            multipleSale: s.multipleSaleID,
            manufacturer: f.manufacturer,
            model: f.model,
            caliber: f.caliber,
            type: f.type,
            serialNormal: f.serial.normalized
        )
    }

    public mutating func append(_ r: Recovery) {
        appendRecovery(
            id: r.id,
            date: r.date,
            country: r.country,
            area: r.area?.description ?? "",
            manufacturer: r.firearm.manufacturer,
            caliber: r.firearm.caliber,
            type: r.firearm.type,
            serialNormal: r.firearm.serial.normalized,
            obliterated: r.serialObliterated,
            crimeCategory: r.crimeCategory.rawValue,
            event: r.eventID,
            possessor: r.possessorID,
            agency: r.agency,
            caseNumber: r.caseNumber,
            model: r.firearm.model
        )
    }

    public mutating func append(_ t: Trace) {
        appendTrace(
            id: t.id,
            recovery: t.recoveryID,
            outcome: t.outcome,
            reason: t.notTracedReason?.rawValue ?? "",
            sale: t.saleID,
            licensee: t.licenseeID,
            purchaser: t.purchaserID,
            timeToCrime: t.timeToCrimeDays,
            sourceClass: t.sourceClass,
            sourceCountry: t.sourceCountry,
            sourceState: t.sourceState,
            requestDate: t.requestDate
        )
    }

    public mutating func append(_ e: ArmedEvent) {
        appendEvent(
            id: e.id,
            date: e.date,
            type: e.type.rawValue,
            subType: e.subType,
            actor1: e.actor1,
            area: e.area?.description ?? "",
            fatalities: e.fatalities,
            sourceDataset: e.sourceDataset,
            location: e.location,
            provenance: e.provenance,
            precision: e.precision.rawValue,
            endDate: e.endDate
        )
    }

    public mutating func append(_ m: AreaMeasure) {
        appendMeasure(area: m.area.description, period: m.period, measure: m.measure, value: m.value, source: m.source)
    }
}

extension Dataset {
    /// The row of the sale with this id: a binary search, since stores and the generator hold sales in
    /// id order (checked; a dataset out of order falls back to a scan). Nil when no sale has it.
    public func saleRow(id: Int64) -> Int? {
        let ids = sales.id
        var lo = 0
        var hi = ids.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if ids[mid] < id { lo = mid + 1 } else { hi = mid }
        }
        return lo < ids.count && ids[lo] == id ? lo : ids.firstIndex(of: id)
    }

    /// The first stored trace with this request id (as typed, upper- or lower-case), or nil. A request
    /// id names one request: the intakes refuse it a second time and say which trace it made.
    public func traceID(requestID: String) -> Int64? {
        let wanted = requestID.trimmingASCIISpaces()
        guard !wanted.isEmpty else { return nil }
        let codes = Set([wanted, wanted.uppercased(), wanted.lowercased()].compactMap(strings.lookup))
        guard !codes.isEmpty else { return nil }
        for (i, c) in traces.requestID.enumerated() where codes.contains(c) { return traces.id[i] }
        return nil
    }

    /// Why each request id of a batch (in order, with its line) is refused, or nil: repeated earlier
    /// in the batch, or already stored. Ids are compared ignoring case; an empty id is never refused.
    public func requestIDProblems(_ ids: [(id: String, line: Int)]) -> [String?] {
        var seen: [String: Int] = [:]
        return ids.map { id, line in
            let key = id.trimmingASCIISpaces().uppercased()
            guard !key.isEmpty else { return nil }
            if let first = seen[key] { return "request id repeated in this file (first on line \(first))" }
            seen[key] = line
            return traceID(requestID: id).map { "request id already stored as trace \($0)" }
        }
    }
}
