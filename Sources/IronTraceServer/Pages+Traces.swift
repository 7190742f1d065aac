import Foundation
import Hummingbird
import IronTraceAnalytics
import IronTraceCore
import IronTraceDataset
import IronTraceFormats
import IronTraceNetwork
import IronTracePresentation
import IronTraceStore
import IronTraceTracing

/// The traces pages: search and filter, one trace (purchaser masked by role, candidates with the
/// score explained), the Form 3312.1 request form and the CSV batch upload. Every trace lookup and
/// every view of personal data is audited.
extension Pages {
    static let tracesPerPage = 50

    /// Every listing of traces (page or API) is audited: it shows which guns were traced to whom.
    static func auditTraceList(_ list: TraceList, user: UserAccount, state: ServerState, via: String = "") async throws
    {
        try await state.audit(
            user: user.name,
            action: "trace-list",
            target: "traces",
            detail: "\(via)page \(list.page): \(list.pageRows.count) of \(list.rows.count)"
        )
    }

    static func addTraceRoutes(_ router: Router<IronTraceContext>, _ state: ServerState) {
        let area = router.group().add(middleware: RequireRole(.viewer))
        let submit = router.group().add(middleware: RequireRole(.analyst))
        area.get("/traces") { request, context in
            let user = try context.require(.viewer)
            let q = query(request)
            let l = context.language
            let list = try TraceList(state.snapshot, q, user: user.name)
            if q["download"] == "csv" {
                try await state.audit(
                    user: user.name,
                    action: "export",
                    target: "traces",
                    detail: "csv \(list.rows.count) rows"
                )
                return download(
                    list.csv(spanishHeaders: q["headers"] == "es"),
                    contentType: "text/csv; charset=utf-8",
                    filename: "traces.csv"
                )
            }
            if q["download"] == "zip" {
                var files = [ExportFile(name: "traces.csv", text: list.csv())]
                if l == .es { files.append(.init(name: "traces-es.csv", text: list.csv(spanishHeaders: true))) }
                return try await zipExport(
                    request,
                    files: files,
                    sources: [l.report(Analytics.traceSource)],
                    title: l.t(.traces),
                    user: user,
                    l,
                    state,
                    target: "traces"
                )
            }
            try await auditTraceList(list, user: user, state: state)
            let exportPairs = q.filter { $0.key != "download" && $0.key != "page" && $0.key != "lang" }
                .sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
            var export = exportLink(path: "/traces", q, l, charts: false)
            export.exportHref = "/traces" + HTML.query(exportPairs + [("download", "zip")])
            // The body is drawn once per URL, language and role (and user, for "my requests") in this
            // snapshot, as the report pages are; the frame around it and the audit row are per request.
            let key = "traces|" + cacheKey(request, context) + (q["mine"] == "1" ? "|" + user.name : "")
            let content = list.snapshot.cache.value(key) {
                Templates.render(
                    .traces,
                    Views.TracesPage(
                        export: export,
                        filterForm: filterView(action: "/traces", q, l),
                        hiddenFilters: ReportFilter.keys.compactMap { k in q[k].map { .init(key: k, value: $0) } },
                        searchFields: [
                            ("serial", UIText.serial), ("case_number", .caseNumber), ("agency_ori", .agency),
                            ("request_id", .requestID), ("model", .model),
                        ].map { name, label in
                            Views.Field(
                                name: name,
                                label: l.t(label),
                                value: q[name] ?? "",
                                inputType: "text",
                                required: false
                            )
                        },
                        mineChecked: q["mine"] == "1",
                        mineLabel: l.t(.myRequests),
                        searchLabel: l.t(.search),
                        newTrace: user.role >= .analyst ? l.t(.submitTrace) : nil,
                        list: list.view(l, path: "/traces", q: q)
                    )
                )
            }
            return html(
                HTML.page(frame(request, context, state, section: "traces"), title: l.t(.traces), body: content)
            )
        }
        submit.get("/traces/new") { request, context in
            try context.require(.analyst)
            // The request id is chosen when the form is drawn, so that sending the same form twice
            // (a refresh, a double click) is recognised as one request.
            return traceForm(
                request,
                context,
                state,
                values: ["request_id": "web-\(UUID().uuidString.prefix(8).lowercased())"],
                errors: [:],
                message: nil
            )
        }
        submit.post("/traces/new") { request, context in
            var request = request
            let user = try context.require(.analyst)
            let form = FormBody(String(buffer: try await request.collectBody(upTo: 1 << 20)))
            let (req, errors) = TraceForm.request(form, context.language, stored: state.snapshot.dataset)
            guard let req, errors.isEmpty else {
                return traceForm(
                    request,
                    context,
                    state,
                    values: form.fields,
                    errors: errors,
                    message: context.language.t(.fieldErrors),
                    status: .badRequest
                )
            }
            let submission = try await TraceSubmission.run(
                [req],
                state: state,
                source: "web form by \(user.name)",
                user: user.name
            )
            let r = submission.results[0]
            let view = resultView(
                r,
                storedAs: submission.traceIDs.first,
                context.language,
                role: user.role,
                snapshot: state.snapshot,
                frame: Views.Layout(
                    frame(request, context, state, section: "traces"),
                    title: context.language.t(.stored)
                )
            )
            return page(.traceResult, view)
        }
        submit.post("/traces/batch") { request, context in
            var request = request
            let user = try context.require(.analyst)
            let raw = try await request.collectBody(upTo: context.maxUploadSize)
            var bytes = Array(raw.readableBytesView)
            if request.headers[.contentType]?.hasPrefix("application/x-www-form-urlencoded") == true {
                bytes = Array((FormBody(String(decoding: bytes, as: UTF8.self))["csv"] ?? "").utf8)
            }
            let outcome = try await TraceSubmission.batch(bytes, state: state, user: user.name)
            let l = context.language
            return page(
                .batchResult,
                outcome.view(
                    l,
                    frame: Views.Layout(frame(request, context, state, section: "traces"), title: l.t(.batchUpload))
                ),
                status: outcome.results.isEmpty && !outcome.rejections.isEmpty ? .badRequest : .ok
            )
        }
        area.get("/traces/:id") { request, context in
            let user = try context.require(.viewer)
            let s = state.snapshot
            guard let id = context.parameter("id").flatMap(Int64.init), let row = s.traceRow[id] else {
                throw AppError.notFound("no trace with id '\(context.parameter("id") ?? "")'")
            }
            let wantsPII = query(request)["pii"] == "1"
            if wantsPII { try context.require(.analyst) }
            try await state.audit(user: user.name, action: "trace-lookup", target: "trace:\(id)")
            let l = context.language
            // Personal data is read and its view audited here, before anything is drawn.
            var record: [String: String]?
            let purchaser = s.dataset.traces.purchaser[row]
            if wantsPII, purchaser > 0, let p = try state.store.personRecord(id: purchaser) {
                try await state.audit(
                    user: user.name,
                    action: "pii-view",
                    target: "person:\(purchaser)",
                    detail: "trace page"
                )
                record = p
            }
            // Without the personal record the body is the same for every user of a role in this
            // snapshot: drawn once per URL, language and role; the frame and the audit row are per
            // request. A body with the record is drawn for its request only and never kept.
            let draw = { Templates.render(.trace, traceView(row, s, l, role: user.role, record: record)) }
            let content = record == nil ? s.cache.value("trace|" + cacheKey(request, context), draw) : draw()
            return html(
                HTML.page(
                    frame(request, context, state, section: "traces"),
                    title: "\(l.t(.traceNumber)) \(id)",
                    body: content
                )
            )
        }
    }

    /// One trace: the recovered gun, the outcome, the sale and dealer, the purchaser (by role; the
    /// personal `record` only when the handler read it), and what the engine finds for this gun today.
    static func traceView(
        _ row: Int,
        _ s: Snapshot,
        _ l: Language,
        role: UserAccount.Role,
        record: [String: String]?
    ) -> Views.TracePage {
        let d = s.dataset
        let t = d.traces
        var facts: [Views.Fact] = []
        func fact(_ k: String, _ v: String) { facts.append(.init(term: k, detail: v)) }
        fact(l.t(.outcome), l.report(TraceList.outcomeText(Dataset.outcomes[Int(t.outcome[row])])))
        var request: TraceRequest?
        if let rr = s.analytics.recoveryRow(ofTraceAt: row) {
            let r = d.recoveries
            let date = CivilDate(dayNumber: r.date[rr])
            fact(l.t(.recovered), l.date(date))
            let area = d.strings[r.area[rr]]
            fact(
                l.t(.recoveredIn),
                area.isEmpty
                    ? Country.names(of: d.strings[r.country[rr]], spanish: l == .es)
                    : AreaCode.displayName(of: area) + " (\(area))"
            )
            let type = Dataset.firearmTypes[Int(r.type[rr])]
            fact(
                l.t(.firearm),
                "\(d.strings[r.manufacturer[rr]]) · \(l.report(type.rawValue)) · \(d.strings[r.caliber[rr]])"
            )
            let model = d.strings[r.model[rr]]
            if !model.isEmpty { fact(l.t(.model), model) }
            let serial = d.strings[r.serial[rr]]
            fact(l.t(.serial), r.obliterated[rr] ? "\(serial) (\(l.t(.obliterated)))" : serial)
            for (label, value) in [
                (l.t(.caseNumber), d.strings[r.caseNumber[rr]]), (l.t(.agency), d.strings[r.agency[rr]]),
                (l.t(.requestID), d.strings[t.requestID[row]]),
            ] where !value.isEmpty {
                fact(label, value)
            }
            // Who asked and when: colleagues sharing a server find each other's requests (analysts
            // and administrators; a viewer sees the request, not the staff member).
            if row < t.requestDate.count, t.requestDate[row] != Int32.min {
                fact(l.t(.requestedOn), l.date(CivilDate(dayNumber: t.requestDate[row])))
            }
            if role != .viewer, row < t.submittedBy.count, !d.strings[t.submittedBy[row]].isEmpty {
                fact(l.t(.submittedBy), d.strings[t.submittedBy[row]])
            }
            request = TraceRequest(
                requestID: "web-lookup",
                requestDate: date,
                serial: serial,
                serialObliterated: r.obliterated[rr],
                manufacturer: d.strings[r.manufacturer[rr]],
                type: type.rawValue,
                caliber: d.strings[r.caliber[rr]],
                model: model,
                recoveryDate: date,
                recoveryCountry: d.strings[r.country[rr]],
                recoveryArea: area
            )
        }
        if t.timeToCrime[row] >= 0 { fact(l.t(.timeToCrime), l.days(Int(t.timeToCrime[row]))) }
        let dealer = s.analytics.dealerRow(ofTraceAt: row).map { dr in
            let lic = d.strings[d.licensees.licence[dr]]
            return Views.TracePage.DealerFact(
                term: l.t(.dealerPage),
                href: "/dealers/\(HTML.encode(lic))",
                name: d.strings[d.licensees.name[dr]],
                place: "\(d.strings[d.licensees.city[dr]]), \(d.strings[d.licensees.state[dr]])",
                licence: lic
            )
        }
        let purchaser = t.purchaser[row]
        var shown: Views.TracePage.Purchaser?
        if purchaser > 0 {
            var p = Views.TracePage.Purchaser(term: l.t(.purchaser))
            if role < .analyst {
                p.maskedText = l.t(.masked)
            } else {
                p.pseudonym = Person.pseudonym(for: purchaser)
                p.entityHref = "/network/entity/person:\(purchaser)"
                if let r = record {
                    p.record = .init(
                        fullName: "\(r["first_name"] ?? "") \(r["last_name"] ?? "")",
                        birthDate: r["birth_date"] ?? "",
                        address: "\(r["street"] ?? ""), \(r["city"] ?? ""), \(r["state"] ?? "") \(r["zip"] ?? "")",
                        phone: r["phone"] ?? ""
                    )
                } else {
                    p.showRecord = l.t(.showPII)
                }
            }
            shown = p
        }
        return Views.TracePage(
            facts: facts,
            dealerFact: dealer,
            purchaser: shown,
            candidates: request.map { candidatesView(s.engine.trace($0), l, s) }
        )
    }

    static func candidatesView(_ r: TraceResult, _ l: Language, _ s: Snapshot) -> Views.Candidates {
        let d = s.dataset
        return Views.Candidates(
            hasRows: !r.candidates.isEmpty,
            heading: l.t(.candidates),
            summary: l.traceSummary(r.summary),
            headers: ["#", l.report("Sale"), l.t(.serial), l.t(.dealerPage), l.t(.score), l.t(.reasons)],
            rows: r.candidates.prefix(5).enumerated().map { i, c in
                .init(
                    rank: i + 1,
                    saleID: c.saleID,
                    serial: c.serial,
                    match: l.serialMatchName(c.serialMatch),
                    dealer: s.licenseeRow[d.sales.licensee[c.saleIndex]].map {
                        s.graph.label(s.graph.node(.dealer, $0), in: d)
                    }
                        ?? "",
                    dealerHref: s.licenseeRow[d.sales.licensee[c.saleIndex]].map {
                        "/dealers/\(HTML.encode(d.strings[d.licensees.licence[$0]]))"
                    },
                    score: c.score,
                    reasons: c.components.map { l.scoreComponent($0) }
                )
            }
        )
    }

    /// What a submitted trace found, as stored.
    static func resultView(
        _ r: TraceResult,
        storedAs: Int64?,
        _ l: Language,
        role: UserAccount.Role,
        snapshot: Snapshot,
        frame: Views.Layout
    ) -> Views.TraceResultPage {
        var facts: [Views.Fact] = [
            .init(term: l.t(.outcome), detail: l.report(TraceList.outcomeText(r.outcome)), detailID: "result-outcome")
        ]
        if let id = storedAs {
            facts.append(.init(term: l.t(.id), detail: String(id), detailID: "result-id", href: "/traces/\(id)"))
        }
        if let sale = r.sale {
            facts.append(
                .init(
                    term: l.t(.dealerPage),
                    detail: "\(sale.dealerName) · \(sale.dealerCity), \(sale.dealerState) · \(sale.licence)",
                    href: "/dealers/\(HTML.encode(sale.licence))"
                )
            )
            if let p = sale.purchaserID {
                facts.append(
                    .init(term: l.t(.purchaser), detail: role >= .analyst ? Person.pseudonym(for: p) : l.t(.masked))
                )
            }
        }
        if let ttc = r.timeToCrimeDays { facts.append(.init(term: l.t(.timeToCrime), detail: l.days(ttc))) }
        for p in r.problems { facts.append(.init(term: "!", detail: p.description, warning: true)) }
        return Views.TraceResultPage(
            frame: frame,
            facts: facts,
            candidates: candidatesView(r, l, snapshot),
            submitAnother: l.t(.submitTrace),
            allTraces: l.t(.traces)
        )
    }

    static func traceForm(
        _ request: Request,
        _ context: IronTraceContext,
        _ state: ServerState,
        values: [String: String],
        errors: [String: String],
        message: String?,
        status: HTTPResponse.Status = .ok
    ) -> Response {
        let l = context.language
        let view = Views.TraceFormPage(
            frame: Views.Layout(frame(request, context, state, section: "traces"), title: l.t(.submitTrace)),
            formError: message,
            csrf: context.identity?.csrf ?? "",
            fields: TraceForm.fields.map { f in
                Views.Field(
                    name: f.name,
                    label: l.t(f.label) + (f.required ? " (\(l.t(.required)))" : ""),
                    value: values[f.name] ?? "",
                    inputType: "text",
                    required: false,
                    fieldError: errors[f.name]
                )
            },
            obliteratedChecked: values["serial_obliterated"] == "1",
            obliteratedLabel: l.t(.obliterated),
            submit: l.t(.submit),
            batchHeading: l.t(.batchUpload),
            batchHelp: l.t(.batchHelp),
            batchColumns: TraceRequestCodec.header.joined(separator: ","),
            upload: l.t(.upload)
        )
        return page(.traceForm, view, status: status)
    }
}

/// The Form 3312.1 fields on the web form, and their checks.
enum TraceForm {
    struct Field {
        var name: String
        var label: UIText
        var required: Bool
    }

    static let fields: [Field] = [
        Field(name: "request_id", label: .requestID, required: false),
        Field(name: "agency_ori", label: .agency, required: false),
        Field(name: "case_number", label: .caseNumber, required: false),
        Field(name: "ncic_code", label: .ncic, required: false),
        Field(name: "manufacturer", label: .manufacturer, required: true),
        Field(name: "model", label: .model, required: false),
        Field(name: "caliber", label: .caliber, required: false),
        Field(name: "type", label: .type, required: false),
        Field(name: "serial", label: .serial, required: true),
        Field(name: "importer", label: .importer, required: false),
        Field(name: "country_of_origin", label: .countryOfOrigin, required: false),
        Field(name: "recovery_date", label: .recoveryDate, required: true),
        Field(name: "recovery_country", label: .recoveryCountry, required: false),
        Field(name: "recovery_area", label: .recoveryArea, required: false),
    ]

    /// The request from the form (or the API's JSON object), or the errors by field in the reader's
    /// language. The rules are ``TraceRequestForm``'s, the same as a batch row's and the command
    /// line's; the web adds only its defaults (a request id, today as the request date). A request id
    /// already in `stored` is refused with the trace it made.
    static func request(_ f: FormBody, _ l: Language, stored: Dataset) -> (TraceRequest?, [String: String]) {
        var fields: [String: String] = [:]
        for field in Self.fields { fields[field.name] = f[field.name] ?? "" }
        fields["serial_obliterated"] = f["serial_obliterated"] == "1" ? "1" : ""
        if fields["request_id", default: ""].trimmingASCIISpaces().isEmpty {
            fields["request_id"] = "web-\(UUID().uuidString.prefix(8))"
        }
        fields["request_date"] = CivilDate.today.description
        let reading = TraceRequestForm(fields: fields).read()
        var errors: [String: String] = [:]
        for p in reading.refusing {
            // Problems of fields the web form does not show (none today) land on the serial's box.
            let field = Self.fields.contains { $0.name == p.field } ? p.field : "serial"
            if errors[field] == nil { errors[field] = l.intakeReason(p.reason) }
        }
        if let r = reading.request, let trace = stored.traceID(requestID: r.requestID) {
            errors["request_id"] = TraceSubmission.duplicateReason(trace, l)
        }
        return (errors.isEmpty ? reading.request : nil, errors)
    }
}
