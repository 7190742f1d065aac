import Foundation
import IronTraceAnalytics
import IronTraceCore
import IronTraceDataset
import IronTraceFormats
import IronTracePresentation
import IronTraceStore
import IronTraceTracing

/// Traces selected by the report filters plus a serial search, newest recovery first, paged; the
/// same list backs the page, its CSV and `GET /api/v1/traces`. No personal data: purchasers appear
/// only as "identified" here; a trace's own page shows more by role.
struct TraceList {
    let snapshot: Snapshot
    let rows: [Int]
    let paging: Paging

    /// The search keys besides the report filters: serial (normal form, part of it), case number (part
    /// of it, any case), agency ORI and request id (exact, any case), and `mine=1` for the traces
    /// the signed-in account submitted, and model (part of it, any case).
    static let searchKeys = ["serial", "case_number", "agency_ori", "request_id", "model", "mine"]

    init(_ s: Snapshot, _ q: [String: String], strict: Bool = false, user: String? = nil) throws {
        snapshot = s
        let filter = try Pages.filter(q, strict: strict)
        var rows = s.selections.rows(filter) { s.analytics.traceRows(matching: filter) }
        let d = s.dataset
        func recoveryText(_ column: [Int32], _ i: Int) -> String {
            s.analytics.recoveryRow(ofTraceAt: i).map { d.strings[column[$0]].uppercased() } ?? ""
        }
        if let text = q["case_number"]?.trimmingCharacters(in: .whitespaces).uppercased(), !text.isEmpty {
            rows = rows.filter { recoveryText(d.recoveries.caseNumber, $0).contains(text) }
        }
        if let text = q["agency_ori"]?.trimmingCharacters(in: .whitespaces).uppercased(), !text.isEmpty {
            rows = rows.filter { recoveryText(d.recoveries.agency, $0) == text }
        }
        if let text = q["model"]?.trimmingCharacters(in: .whitespaces).uppercased(), !text.isEmpty {
            rows = rows.filter { recoveryText(d.recoveries.model, $0).contains(text) }
        }
        if let text = q["request_id"]?.trimmingCharacters(in: .whitespaces).uppercased(), !text.isEmpty {
            rows = rows.filter { d.strings[d.traces.requestID[$0]].uppercased() == text }
        }
        if q["mine"] == "1" {
            let me = user ?? ""
            rows = rows.filter { !me.isEmpty && d.strings[d.traces.submittedBy[$0]] == me }
        }
        if let text = q["serial"]?.trimmingCharacters(in: .whitespaces), !text.isEmpty {
            // The serial as the recovering agency read it, or the traced sale's serial in the
            // registry: a gun is found by its true serial even when the request misread it.
            let needle = SerialNumber(text).normalized
            let d = s.dataset
            func saleSerial(_ i: Int) -> String {
                guard d.traces.sale[i] != 0, let row = d.saleRow(id: d.traces.sale[i]) else { return "" }
                return d.strings[d.sales.serial[row]]
            }
            rows = rows.filter { i in
                if let rr = s.analytics.recoveryRow(ofTraceAt: i), d.strings[d.recoveries.serial[rr]].contains(needle) {
                    return true
                }
                return saleSerial(i).contains(needle)
            }
        }
        self.rows = rows
        paging = try Paging(q, defaultPerPage: Pages.tracesPerPage)
    }

    var page: Int { paging.page }
    var perPage: Int { paging.perPage }
    var pages: Int { paging.pages(total: rows.count) }
    var pageRows: ArraySlice<Int> { paging.slice(rows) }

    static func outcomeText(_ o: TraceOutcome) -> String {
        switch o {
        case .completedToPurchaser: "Completed to purchaser"
        case .completedToDealer: "Completed to dealer only"
        case .notTraced: "Not traced"
        }
    }

    func item(_ i: Int) -> [String: Any] { TraceList.item(i, in: snapshot) }

    /// One trace as plain fields (the API item and the CSV row); needs no list.
    static func item(_ i: Int, in snapshot: Snapshot) -> [String: Any] {
        let d = snapshot.dataset
        var out: [(String, Any)] = [("id", d.traces.id[i])]
        let t = d.traces
        if let rr = snapshot.analytics.recoveryRow(ofTraceAt: i) {
            let r = d.recoveries
            out += [
                ("recovery_id", r.id[rr]), ("recovery_date", CivilDate(dayNumber: r.date[rr]).description),
                ("recovery_country", d.strings[r.country[rr]]), ("recovery_area", d.strings[r.area[rr]]),
                ("manufacturer", d.strings[r.manufacturer[rr]]),
                ("type", Dataset.firearmTypes[Int(r.type[rr])].rawValue),
                ("caliber", d.strings[r.caliber[rr]]), ("serial", d.strings[r.serial[rr]]),
                ("serial_obliterated", r.obliterated[rr]),
                ("model", d.strings[r.model[rr]]), ("agency_ori", d.strings[r.agency[rr]]),
                ("case_number", d.strings[r.caseNumber[rr]]),
            ]
        }
        out.append(("request_id", d.strings[t.requestID[i]]))
        if i < t.requestDate.count, t.requestDate[i] != Int32.min {
            out.append(("request_date", CivilDate(dayNumber: t.requestDate[i]).description))
        }
        out.append(("outcome", Dataset.outcomes[Int(t.outcome[i])].rawValue))
        out.append(("source_class", Dataset.sourceClasses[Int(t.sourceClass[i])].rawValue))
        out.append(("source_state", d.strings[t.sourceState[i]]))
        if let dr = snapshot.analytics.dealerRow(ofTraceAt: i) {
            out.append(("dealer_licence", d.strings[d.licensees.licence[dr]]))
            out.append(("dealer", d.strings[d.licensees.name[dr]]))
        }
        out.append(("time_to_crime_days", t.timeToCrime[i] >= 0 ? Int(t.timeToCrime[i]) : NSNull()))
        out.append(("purchaser_identified", t.purchaser[i] > 0))
        return Dictionary(out, uniquingKeysWith: { a, _ in a })
    }

    static let csvColumns = [
        "id", "recovery_id", "recovery_date", "recovery_country", "recovery_area", "manufacturer", "type", "caliber",
        "serial", "serial_obliterated", "outcome", "source_class", "source_state", "dealer_licence", "dealer",
        "time_to_crime_days", "purchaser_identified", "model", "agency_ori", "case_number", "request_id",
    ]

    /// The CSV's column names in Spanish (`headers=es`); values are the same.
    static let csvColumnsSpanish = [
        "id": "id", "recovery_id": "id_recuperacion", "recovery_date": "fecha_recuperacion",
        "recovery_country": "pais_recuperacion", "recovery_area": "area_recuperacion", "manufacturer": "fabricante",
        "type": "tipo", "caliber": "calibre", "serial": "serie", "serial_obliterated": "serie_borrada",
        "outcome": "resultado", "source_class": "clase_origen", "source_state": "estado_origen",
        "dealer_licence": "licencia_armeria", "dealer": "armeria", "time_to_crime_days": "dias_hasta_el_delito",
        "purchaser_identified": "comprador_identificado", "model": "modelo", "agency_ori": "ori_agencia",
        "case_number": "numero_de_caso", "request_id": "id_solicitud",
    ]

    func csv(spanishHeaders: Bool = false) -> String {
        var out = CSVWriter.line(
            spanishHeaders
                ? TraceList.csvColumns.map { TraceList.csvColumnsSpanish[$0] ?? $0 } : TraceList.csvColumns
        )
        for i in rows {
            let fields = item(i)
            out += CSVWriter.line(TraceList.csvColumns.map { c in fields[c].map { $0 is NSNull ? "" : "\($0)" } ?? "" })
        }
        return out
    }

    /// The page of traces as shown (`trace-list.mustache`).
    func view(_ l: Language, path: String, q: [String: String]) -> Views.TraceList {
        let d = snapshot.dataset
        let params = q.filter { $0.key != "download" }.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        var csv = [
            Views.ReportTable.Link(
                href: path + HTML.query(params.filter { $0.0 != "page" } + [("download", "csv")]),
                label: "CSV"
            )
        ]
        if l == .es {
            csv.append(
                .init(
                    href: path
                        + HTML.query(
                            params.filter { $0.0 != "page" && $0.0 != "headers" } + [
                                ("download", "csv"), ("headers", "es"),
                            ]
                        ),
                    label: l.t(.downloadCSVSpanish)
                )
            )
        }
        let rows = pageRows.map { i -> Views.TraceList.Row in
            let dealer = snapshot.analytics.dealerRow(ofTraceAt: i).map { dr in
                Views.TraceList.DealerLink(
                    href: "/dealers/\(HTML.encode(d.strings[d.licensees.licence[dr]]))",
                    name: d.strings[d.licensees.name[dr]]
                )
            }
            let ttc = d.traces.timeToCrime[i]
            var row = Views.TraceList.Row(
                traceID: d.traces.id[i],
                outcome: l.report(TraceList.outcomeText(Dataset.outcomes[Int(d.traces.outcome[i])])),
                dealerLink: dealer,
                ttc: ttc >= 0 ? l.days(Int(ttc)) : "–"
            )
            if let rr = snapshot.analytics.recoveryRow(ofTraceAt: i) {
                let r = d.recoveries
                let area = d.strings[r.area[rr]]
                row.date = l.date(CivilDate(dayNumber: r.date[rr]))
                row.place =
                    area.isEmpty
                    ? Country.names(of: d.strings[r.country[rr]], spanish: l == .es) : AreaCode.displayName(of: area)
                row.firearm =
                    "\(d.strings[r.manufacturer[rr]]) · \(l.report(Dataset.firearmTypes[Int(r.type[rr])].rawValue)) · \(d.strings[r.caliber[rr]])"
                row.serial = d.strings[r.serial[rr]]
            }
            return row
        }
        return Views.TraceList(
            count: l.integer(self.rows.count),
            noun: l.t(.traces).lowercased(),
            csvLinks: csv,
            headers: [UIText.id, .recovered, .recoveredIn, .firearm, .serial, .outcome, .dealerPage, .timeToCrime].map {
                l.t($0)
            },
            rows: rows,
            pager: Views.Pager(path: path, params: params, page: page, pages: pages, l)
        )
    }
}

/// Trace requests from the form, the batch upload or the API: traced against the snapshot, stored
/// with a ledger entry (rejected rows of a batch go to the rejections table through the same
/// ledger), audited, then applied to the snapshot as a delta so pages and reports include them.
public struct TraceSubmission: Sendable {
    public var results: [TraceResult]
    public var traceIDs: [Int64]
    public var rejections: [Rejection]
    public var rowsRead: Int

    static func run(
        _ requests: [TraceRequest],
        rejections: [Rejection] = [],
        state: ServerState,
        source: String,
        user: String
    ) async throws -> TraceSubmission {
        let engine = state.snapshot.engine
        let results = requests.map { engine.trace($0) }
        let ids = try state.store.record(
            results.map(\.write),
            rejections: rejections,
            source: source,
            submittedBy: user
        ).traceIDs
        try await state.audit(
            user: user,
            action: "trace-submit",
            target: ids.count == 1 ? "trace:\(ids[0])" : "traces:\(ids.first ?? 0)-\(ids.last ?? 0)",
            detail: "\(results.count) requests from \(source)"
        )
        // Stored and audited: a failed read-back must not turn that into an error (the client would
        // submit again); the service's next poll applies what this one missed.
        do { try state.live.submitted() } catch {
            state.live.logger.error(
                "submitted traces stored, applying them to the snapshot failed",
                metadata: ["traces": "\(ids.count)", "error": "\(error)"]
            )
        }
        return TraceSubmission(
            results: results,
            traceIDs: ids,
            rejections: rejections,
            rowsRead: requests.count + rejections.count
        )
    }

    /// The form's and the API's words for a request id already stored.
    static func duplicateReason(_ traceID: Int64, _ l: Language) -> String {
        l == .es
            ? "esta solicitud ya se envió: rastreo \(traceID) (un id de solicitud nombra una sola solicitud)"
            : "this request was already submitted: trace \(traceID) (a request id names one request)"
    }

    /// A CSV batch in the trace-request layout.
    static func batch(_ bytes: [UInt8], state: ServerState, user: String) async throws -> TraceSubmission {
        let name = "upload by \(user)"
        let reader: NativeReader<TraceRequestCodec>
        do { reader = try NativeReader<TraceRequestCodec>(bytes: bytes, name: "upload.csv") } catch {
            throw AppError.badRequest(error.description)
        }
        var read: [(request: TraceRequest, line: Int)] = []
        var rejections: [Rejection] = []
        for r in reader {
            switch r {
            case .record(let v, let line): read.append((v, line))
            case .rejected(let j): rejections.append(j)
            }
        }
        // A row naming a recovery must name one that exists (else the trace would be stored with no
        // recovery at all); the form and the API take no recovery id, so only a batch can.
        let named = Set(read.compactMap(\.request.recoveryID))
        var known = Set<Int64>()
        if !named.isEmpty {
            for id in state.snapshot.dataset.recoveries.id where named.contains(id) { known.insert(id) }
        }
        var requests: [TraceRequest] = []
        let column = (TraceRequestCodec.header.firstIndex(of: "recovery_id") ?? -1) + 1
        let idColumn = (TraceRequestCodec.header.firstIndex(of: "request_id") ?? -1) + 1
        let refused = state.snapshot.dataset.requestIDProblems(read.map { ($0.request.requestID, $0.line) })
        for ((request, line), reason) in zip(read, refused) {
            if let reason {
                rejections.append(
                    Rejection(
                        file: "upload.csv",
                        line: line,
                        column: idColumn,
                        field: "request_id",
                        value: request.requestID,
                        reason: reason
                    )
                )
                continue
            }
            if let id = request.recoveryID, !known.contains(id) {
                rejections.append(
                    Rejection(
                        file: "upload.csv",
                        line: line,
                        column: column,
                        field: "recovery_id",
                        value: String(id),
                        reason: "no recovery with id \(id) in this database"
                    )
                )
            } else {
                requests.append(request)
            }
        }
        guard !requests.isEmpty || !rejections.isEmpty else {
            throw AppError.badRequest("upload.csv: no rows after the header")
        }
        return try await run(requests, rejections: rejections, state: state, source: name, user: user)
    }

    /// The batch's outcome as shown (`batch-result.mustache`).
    func view(_ l: Language, frame: Views.Layout) -> Views.BatchResultPage {
        Views.BatchResultPage(
            frame: frame,
            facts: [
                .init(term: l.t(.rowsRead), detail: l.integer(rowsRead), detailID: "batch-read"),
                .init(term: l.t(.rowsStored), detail: l.integer(results.count), detailID: "batch-stored"),
                .init(term: l.t(.rowsRejected), detail: l.integer(rejections.count), detailID: "batch-rejected"),
            ],
            hasStored: !results.isEmpty,
            headers: [UIText.requestID, .id, .outcome, .dealerPage, .timeToCrime].map { l.t($0) },
            stored: zip(results, traceIDs).map { r, id in
                .init(
                    requestID: r.request.requestID,
                    traceID: id,
                    outcome: l.report(TraceList.outcomeText(r.outcome)),
                    dealerName: r.sale?.dealerName ?? "",
                    ttc: r.timeToCrimeDays.map { l.days($0) } ?? "–"
                )
            },
            rejected: rejections.isEmpty
                ? nil
                : .init(
                    heading: l.t(.rejections),
                    table: Pages.rejectionsView(
                        rejections.map { r in
                            Rejection(
                                file: r.file,
                                line: r.line,
                                column: r.column,
                                field: r.field,
                                value: r.value,
                                reason: l.intakeReason(r.reason)
                            )
                        },
                        id: "batch-rejection-rows",
                        l
                    )
                )
        )
    }
}
