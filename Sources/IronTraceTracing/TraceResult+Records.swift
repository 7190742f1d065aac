import IronTraceCore

extension TraceResult {
    /// The result as the store's write path takes it: the trace, on the recovery the request named or
    /// on a new one it describes (ids are allocated by the store).
    public var write: TraceWrite {
        TraceWrite(
            recovery: request.recoveryID.map { .stored(id: $0) } ?? .new(recoveryRecord(id: 0)),
            trace: traceRecord(id: 0, recoveryID: request.recoveryID ?? 0),
            requestID: request.requestID
        )
    }

    /// The recovery the request describes, as a record with the given id (used when the request
    /// does not point at a stored recovery).
    public func recoveryRecord(id: Int64) -> Recovery {
        let q = request
        let maker = ManufacturerCatalog.standard.resolve(q.manufacturer).manufacturer
        let caliber = CaliberNormalizer.standard.resolve(q.caliber, model: q.model, make: q.manufacturer).caliber?.name
        let firearm = Firearm(
            id: id,
            manufacturer: maker?.name ?? "",
            makeRaw: q.manufacturer,
            model: q.model,
            caliber: caliber ?? q.caliber,
            type: FirearmType(parsing: q.type) ?? .unknown,
            serial: SerialNumber(q.serial),
            countryOfManufacture: maker?.country ?? q.countryOfOrigin,
            importer: q.importer
        )
        let area = try? AreaCode(parsing: q.recoveryArea)
        return Recovery(
            id: id,
            firearm: firearm,
            date: q.recoveryDate,
            country: q.recoveryCountry.isEmpty ? (area?.country ?? "US") : q.recoveryCountry,
            area: area,
            latitude: nil,
            longitude: nil,
            possessorID: nil,
            crimeCategory: .other,
            eventID: nil,
            serialObliterated: q.serialObliterated,
            agency: q.agencyORI,
            caseNumber: q.caseNumber
        )
    }

    /// The trace record of this result for a stored recovery.
    public func traceRecord(id: Int64, recoveryID: Int64) -> Trace {
        Trace(
            id: id,
            recoveryID: recoveryID,
            requestDate: request.requestDate,
            outcome: outcome,
            notTracedReason: reason,
            saleID: sale?.saleID,
            licenseeID: sale?.licenseeID,
            purchaserID: outcome == .completedToPurchaser ? sale?.purchaserID : nil,
            timeToCrimeDays: timeToCrimeDays,
            sourceClass: sourceClass,
            sourceCountry: sourceCountry,
            sourceState: sourceState
        )
    }
}
