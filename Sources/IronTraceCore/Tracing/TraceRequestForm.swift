/// A trace request as typed (the command line's flags, a JSON object, a batch row, the web form):
/// every field as text, keyed by the column names of the `trace_requests` CSV. Reading it applies
/// one set of rules everywhere and reports every field problem at once.
public struct TraceRequestForm: Sendable, Hashable {
    public var fields: [String: String]

    public init(fields: [String: String]) { self.fields = fields }

    /// The most characters each field may hold (an ATF Form 3312.1 box, generously). Longer text is
    /// refused, never cut.
    public static let maximumLength: [String: Int] = [
        "request_id": 64, "request_date": 32, "priority": 16, "ncic_code": 8, "agency_ori": 16, "case_number": 40,
        "serial": 40, "serial_obliterated": 8, "manufacturer": 100, "type": 60, "caliber": 60, "model": 100,
        "country_of_origin": 60, "importer": 100, "other_markings": 500, "possessor": 200, "recovery_date": 32,
        "recovery_country": 60, "recovery_area": 16, "recovery_id": 20,
    ]

    /// The request when it can be built, and every problem found (blocking ones included).
    public struct Reading: Sendable {
        public var request: TraceRequest?
        public var problems: [TraceRequestProblem]
        /// The problems that refuse the request (empty when ``request`` was built): every blocking one
        /// but a serial marked obliterated with too few readable characters.
        public var refusing: [TraceRequestProblem]
        public var blocking: [TraceRequestProblem] { problems.filter(\.blocking) }
    }

    func text(_ key: String) -> String { (fields[key] ?? "").trimmingASCIISpaces() }

    /// Why a date written with slashes or dots is refused.
    public static let slashDate =
        "write the date as YYYY-MM-DD: a date such as 05/03/2026 is 5 March in Mexico and May 3 in the United States"

    /// Why a type no reader knows is refused, with the types that are known.
    public static let unknownType =
        "unknown firearm type (pistol, revolver, rifle, shotgun, derringer, machine gun, receiver/frame, privately made; in Spanish pistola, revólver, rifle, fusil, escopeta)"

    public func read() -> Reading {
        var p: [TraceRequestProblem] = []
        for (key, value) in fields.sorted(by: { $0.key < $1.key }) {
            if let limit = TraceRequestForm.maximumLength[key], value.count > limit {
                p.append(
                    .init(
                        field: key,
                        value: String(value.prefix(24)) + "…",
                        reason: "too long: \(value.count) characters, at most \(limit)",
                        blocking: true
                    )
                )
            }
        }
        func date(_ key: String, required: Bool) -> CivilDate? {
            let t = text(key)
            if t.isEmpty {
                if required { p.append(.init(field: key, value: "", reason: "required", blocking: true)) }
                return nil
            }
            // Only ISO dates: 05/03/2026 is 5 March in Mexico and May 3 in the United States, and
            // guessing would store one of them without a word.
            if t.contains("/") || t.contains(".") {
                p.append(.init(field: key, value: t, reason: Self.slashDate, blocking: true))
                return nil
            }
            if let reason = CivilDate.problem(parsing: t) {
                p.append(.init(field: key, value: t, reason: reason, blocking: true))
                return nil
            }
            return CivilDate(parsingString: t)
        }
        let today = CivilDate.today
        func notFuture(_ key: String, _ d: CivilDate?) -> CivilDate? {
            guard let d, d > today else { return d }
            // A gun cannot be recovered, or a trace asked for, after today: such a date would give a
            // time-to-crime of decades and fall outside every year filter. The form says the same.
            p.append(.init(field: key, value: text(key), reason: "the date is in the future", blocking: true))
            return nil
        }
        let recoveryDate = notFuture("recovery_date", date("recovery_date", required: true))
        let requestText = text("request_date")
        let requestDate =
            requestText.isEmpty ? recoveryDate : notFuture("request_date", date("request_date", required: false))
        var priority = TraceRequest.Priority.routine
        let priorityText = text("priority").lowercased()
        if !priorityText.isEmpty {
            if let v = TraceRequest.Priority(rawValue: priorityText) {
                priority = v
            } else if priorityText == "urgente" {
                priority = .urgent
            } else if priorityText == "rutina" || priorityText == "normal" {
                priority = .routine
            } else {
                p.append(
                    .init(field: "priority", value: priorityText, reason: "expected routine or urgent", blocking: true)
                )
            }
        }
        var obliterated = false
        switch text("serial_obliterated").lowercased() {
        case "1", "true", "yes", "y", "t", "sí", "si": obliterated = true
        case "0", "false", "no", "n", "f", "": obliterated = false
        default:
            p.append(
                .init(
                    field: "serial_obliterated",
                    value: text("serial_obliterated"),
                    reason: "expected true/false",
                    blocking: true
                )
            )
        }
        let country = text("recovery_country").uppercased()
        if !country.isEmpty, Country.named(code: country) == nil {
            p.append(
                .init(
                    field: "recovery_country",
                    value: country,
                    reason: Country.codeProblem,
                    blocking: true
                )
            )
        }
        var recoveryID: Int64?
        let idText = text("recovery_id")
        if !idText.isEmpty {
            if let v = Int64(idText), v > 0 {
                recoveryID = v
            } else {
                p.append(
                    .init(
                        field: "recovery_id",
                        value: idText,
                        reason: "expected a positive whole number",
                        blocking: true
                    )
                )
            }
        }
        let placeholder = CivilDate(year: 2000, month: 1, day: 1)!
        let request = TraceRequest(
            requestID: text("request_id"),
            requestDate: requestDate ?? recoveryDate ?? placeholder,
            priority: priority,
            ncicCode: text("ncic_code"),
            agencyORI: text("agency_ori").uppercased(),
            caseNumber: text("case_number"),
            serial: text("serial"),
            serialObliterated: obliterated,
            manufacturer: text("manufacturer"),
            type: text("type"),
            caliber: text("caliber"),
            model: text("model"),
            countryOfOrigin: text("country_of_origin").uppercased(),
            importer: text("importer"),
            otherMarkings: text("other_markings"),
            possessor: text("possessor"),
            recoveryDate: recoveryDate ?? placeholder,
            recoveryCountry: country,
            recoveryArea: text("recovery_area"),
            recoveryID: recoveryID
        )
        let datesRead = recoveryDate != nil && requestDate != nil
        var checks = request.validate().filter { datesRead || $0.field != "recovery_date" }
        // A type nobody can read is refused (the form, the API, a batch row and the command line
        // alike), not stored as "unknown": the person who typed it can say what they meant.
        if let i = checks.firstIndex(where: { $0.field == "type" && !$0.blocking }) {
            checks[i] = .init(field: "type", value: request.type, reason: Self.unknownType, blocking: true)
        }
        p += checks
        // One rule for every intake: every blocking problem refuses the request, except a serial
        // marked obliterated with too few readable characters, which is still a request (ATF traces
        // record such guns; the trace says it cannot be traced: obliterated).
        let refusing = p.filter { problem in
            problem.blocking && !(problem.field == "serial" && obliterated && checks.contains(problem))
        }
        return Reading(request: datesRead && refusing.isEmpty ? request : nil, problems: p, refusing: refusing)
    }
}
