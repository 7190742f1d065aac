import Foundation
import IronTraceAnalytics
import IronTraceCore
import IronTraceFormats
import IronTraceNetwork

/// The OpenAPI 3 description of `/api/v1`, served at `/api/v1/openapi.json`. A test checks that
/// every API route the router has is described here and that nothing described is missing.
enum OpenAPIDocument {
    static let json: String = {
        let data = try! JSONSerialization.data(withJSONObject: document, options: [.sortedKeys, .prettyPrinted])
        return String(decoding: data, as: UTF8.self)
    }()

    static func parameter(
        _ name: String,
        in place: String = "query",
        _ description: String,
        type: String = "string",
        required: Bool = false,
        schema extra: [String: Any] = [:]
    )
        -> [String: Any]
    {
        var schema: [String: Any] = ["type": type]
        for (k, v) in extra { schema[k] = v }
        return [
            "name": name, "in": place, "description": description, "required": required || place == "path",
            "schema": schema,
        ]
    }

    /// Area codes a filter takes by code: every Mexican and US state (municipalities `MX-SSMMM` and
    /// state names are accepted too, as the description says). The empty value means "no filter".
    static var areaCodes: [String] {
        [""] + MexicanState.all.map { "MX-" + $0.codeString } + USState.all.map { "US-" + $0.usps }
    }

    /// "" and the ISO 3166-1 alpha-2 codes, as the filters and the trace form accept them.
    static var countryCodes: [String] { [""] + Country.all.map(\.code) }

    static var typeNames: [String] {
        [""] + FirearmType.allCases.map(\.rawValue) + ["handgun", "long_gun"]
            + ["pistola", "revólver", "escopeta", "fusil", "carabina", "arma corta", "arma larga"]
    }

    /// The report filters; bounds and enumerations are the ones the server enforces.
    static var filters: [[String: Any]] {
        [
            parameter(
                "country",
                "Country of recovery, an ISO 3166-1 alpha-2 code (MX, US)",
                schema: ["enum": countryCodes]
            ),
            parameter(
                "area",
                "Areas of recovery, comma-separated: codes (\(areaCodes.dropFirst().prefix(3).joined(separator: ", ")), MX-14039), state or municipality names (Jalisco, Texas, Ciudad Juárez) or groups (\(AreaGroup.all.map(\.id).joined(separator: ", ")))",
                schema: ["maxLength": 2000]
            ),
            parameter(
                "years",
                "A year (2019) or a range (2015-2020) of recovery, 1900–2100",
                schema: ["pattern": "^((19[0-9]{2}|20[0-9]{2}))?$"]
            ),
            parameter(
                "type",
                "Firearm types, comma-separated: \(FirearmType.allCases.map(\.rawValue).joined(separator: ", ")), handgun, long_gun",
                schema: ["enum": typeNames]
            ),
            parameter(
                "source-state",
                "US source states, comma-separated (USPS codes, names or a group of US states such as us-i95)",
                schema: ["maxLength": 2000]
            ),
            parameter("dealer", "Dealer licence number or IronTrace id"),
            parameter(
                "event",
                "Armed-violence event id (provenance)",
                type: "integer",
                schema: ["minimum": 1, "format": "int64"]
            ),
        ]
    }

    static var paging: [[String: Any]] {
        [
            parameter(
                "page",
                "Page number, from 1 to \(Paging.maxPage)",
                type: "integer",
                schema: ["minimum": 1, "maximum": Paging.maxPage]
            ),
            parameter(
                "per_page",
                "Items per page, 1–\(Paging.maxPerPage)",
                type: "integer",
                schema: ["minimum": 1, "maximum": Paging.maxPerPage]
            ),
        ]
    }

    static func op(
        _ summary: String,
        role: String,
        parameters: [[String: Any]] = [],
        body: [String: Any]? = nil,
        ok: String = "200",
        okSchema: [String: Any] = ["type": "object"],
        extraErrors: [String] = []
    )
        -> [String: Any]
    {
        var o: [String: Any] = [
            "summary": summary,
            "description": "Needs the \(role) role or higher.",
            "parameters": parameters,
            "responses": [
                ok: ["description": "OK", "content": ["application/json": ["schema": okSchema]]],
                "400": ["$ref": "#/components/responses/Error"],
                "401": ["$ref": "#/components/responses/Error"],
                "403": ["$ref": "#/components/responses/Error"],
                "404": ["$ref": "#/components/responses/Error"],
                "405": ["$ref": "#/components/responses/Error"],
            ].merging(extraErrors.map { ($0, ["$ref": "#/components/responses/Error"]) }) { a, _ in a },
        ]
        if let body { o["requestBody"] = body }
        return o
    }

    static var document: [String: Any] {
        let listSchema: [String: Any] = [
            "type": "object",
            "properties": [
                "total": ["type": "integer"], "page": ["type": "integer"], "per_page": ["type": "integer"],
                "items": ["type": "array", "items": ["type": "object"]],
            ],
        ]
        var traceFields: [String: Any] = [:]
        func limit(_ name: String) -> Int { TraceRequestForm.maximumLength[name] ?? 200 }
        for f in TraceForm.fields { traceFields[f.name] = ["type": "string", "maxLength": limit(f.name)] }
        // What the server checks, so a request valid here is accepted there.
        traceFields["manufacturer"] = ["type": "string", "maxLength": limit("manufacturer"), "pattern": "[A-Za-z0-9]"]
        traceFields["serial"] = [
            "type": "string", "maxLength": limit("serial"), "pattern": "[A-Za-z0-9].*[A-Za-z0-9].*[A-Za-z0-9]",
            "description":
                "As read; characters US serials never carry (Ñ, é, ...) are kept and flagged in `problems`",
        ]
        traceFields["recovery_date"] = [
            "type": "string",
            "description": "YYYY-MM-DD: a day that exists, not in the future (05/03/2026 is refused as ambiguous)",
            "pattern": "^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$",
        ]
        traceFields["recovery_country"] = ["type": "string", "enum": countryCodes]
        traceFields["recovery_area"] = ["type": "string", "enum": areaCodes]
        traceFields["type"] = ["type": "string", "enum": [""] + FirearmType.allCases.map(\.rawValue)]
        traceFields["serial_obliterated"] = ["type": "boolean"]
        return [
            "openapi": "3.0.3",
            "info": [
                "title": "IronTrace API",
                "version": "1.0.0",
                "description":
                    "Trace statistics, traces, trace submission, trafficking leads, cases, watch-list alerts, imports and the audit log. Authenticate with `Authorization: Bearer TOKEN` (`irontrace users token NAME`) or a session cookie plus `X-CSRF-Token` on writes. People appear by pseudonym; full personal data only for analysts with `pii=1`, audited.",
            ],
            "servers": [["url": "/"]],
            "security": [["bearer": [String]()]],
            "components": [
                "securitySchemes": ["bearer": ["type": "http", "scheme": "bearer"]],
                "schemas": [
                    "Error": [
                        "type": "object",
                        "properties": [
                            "error": [
                                "type": "object",
                                "properties": [
                                    "code": ["type": "string"], "message": ["type": "string"],
                                    "status": ["type": "integer"],
                                ],
                            ]
                        ],
                    ],
                    "List": listSchema,
                ],
                "responses": [
                    "Error": [
                        "description": "An error with a stable code",
                        "content": ["application/json": ["schema": ["$ref": "#/components/schemas/Error"]]],
                    ]
                ],
            ],
            "paths": [
                "/api/v1/openapi.json": [
                    "get": [
                        "summary": "This document", "security": [[String: Any]](),
                        "responses": ["200": ["description": "OK"]],
                    ]
                ],
                "/api/v1/me": ["get": op("The signed-in user and role", role: "viewer")],
                "/api/v1/reports": [
                    "get": op(
                        "The report names",
                        role: "viewer",
                        okSchema: [
                            "type": "array",
                            "items": [
                                "type": "object", "required": ["name", "title"],
                                "properties": ["name": ["type": "string"], "title": ["type": "string"]],
                            ],
                        ]
                    )
                ],
                "/api/v1/reports/{name}": [
                    "get": op(
                        "One report for a filter: tables of columns (name, unit) and rows, with sources and notes",
                        role: "viewer",
                        parameters: [
                            parameter(
                                "name",
                                in: "path",
                                "One of: \(Analytics.Name.allCases.map(\.rawValue).joined(separator: ", "))",
                                schema: ["enum": Analytics.Name.allCases.map(\.rawValue)]
                            )
                        ] + filters
                    )
                ],
                "/api/v1/traces": [
                    "get": op(
                        "Traces selected by the filters and a serial search, newest recovery first (no personal data)",
                        role: "viewer",
                        parameters: filters + [
                            parameter("serial", "Part of a serial number"),
                            parameter("case_number", "Part of the agency's case number"),
                            parameter("agency_ori", "The requesting agency's ORI (exact)"),
                            parameter("request_id", "The request id given when submitting (exact)"),
                            parameter("model", "Part of the firearm's model as the request gave it"),
                            parameter("mine", "1: only the traces the authenticated account submitted"),
                        ] + paging
                    ),
                    "post": op(
                        "Trace one recovered firearm (Form 3312.1 fields), store the result and return it with candidates and score components; 422 with `error.fields` for invalid fields",
                        role: "analyst",
                        body: [
                            "required": true,
                            "content": [
                                "application/json": [
                                    "schema": [
                                        "type": "object", "required": ["manufacturer", "serial", "recovery_date"],
                                        "properties": traceFields, "additionalProperties": false,
                                    ]
                                ]
                            ],
                        ],
                        ok: "201",
                        extraErrors: ["422"]
                    ),
                ],
                "/api/v1/traces/{id}": [
                    "get": op(
                        "One trace; the purchaser is masked for viewers, a pseudonym for analysts, full personal data with pii=1 (audited)",
                        role: "viewer",
                        parameters: [
                            parameter("id", in: "path", "Trace id", type: "integer", schema: ["format": "int64"]),
                            parameter("pii", "1 for full personal data (analysts)", schema: ["enum": ["0", "1"]]),
                        ]
                    )
                ],
                "/api/v1/leads": [
                    "get": op(
                        "Ranked trafficking leads with reasons",
                        role: "analyst",
                        parameters: [
                            parameter(
                                "kind",
                                "One of: \(Lead.Kind.allCases.map(\.rawValue).joined(separator: ", "))",
                                schema: ["enum": [""] + Lead.Kind.allCases.map(\.rawValue)]
                            )
                        ] + paging
                    )
                ],
                "/api/v1/leads/{rank}": [
                    "get": op(
                        "One lead",
                        role: "analyst",
                        parameters: [parameter("rank", in: "path", "Lead rank, from 1", type: "integer")]
                    )
                ],
                "/api/v1/leads/{rank}/graph": [
                    "get": op(
                        "A lead's link chart as nodes and links (people by pseudonym)",
                        role: "analyst",
                        parameters: [
                            parameter("rank", in: "path", "Lead rank, from 1", type: "integer"),
                            parameter("lang", "Labels in en or es", schema: ["enum": ["en", "es"]]),
                        ]
                    )
                ],
                "/api/v1/entities/{ref}/neighbours": [
                    "get": op(
                        "Links around an entity (person:12, dealer:3, firearm:45, recovery:7, event:9)",
                        role: "analyst",
                        parameters: [
                            parameter("ref", in: "path", "Entity reference"),
                            parameter("depth", "1–3", type: "integer", schema: ["minimum": 1, "maximum": 3]),
                            parameter("lang", "Labels in en or es", schema: ["enum": ["en", "es"]]),
                        ]
                    )
                ],
                "/api/v1/cases": [
                    "get": op(
                        "The cases the caller may see (restricted ones only for their owner and administrators), most recently changed first",
                        role: "analyst",
                        parameters: [
                            parameter(
                                "status",
                                "open, referred or closed",
                                schema: ["enum": [""] + CaseFile.Status.allCases.map(\.rawValue)]
                            )
                        ] + paging
                    )
                ],
                "/api/v1/cases/{id}": [
                    "get": op(
                        "One case with its entities (people by pseudonym) and notes; viewing is audited",
                        role: "analyst",
                        parameters: [
                            parameter("id", in: "path", "Case id", type: "integer", schema: ["format": "int64"])
                        ]
                    )
                ],
                "/api/v1/cases/{id}/graph": [
                    "get": op(
                        "A case's link chart as nodes and links (people by pseudonym)",
                        role: "analyst",
                        parameters: [
                            parameter("id", in: "path", "Case id", type: "integer", schema: ["format": "int64"]),
                            parameter("lang", "Labels in en or es", schema: ["enum": ["en", "es"]]),
                        ]
                    )
                ],
                "/api/v1/watches": [
                    "get": op(
                        "The watch list: dealers (licence), persons (record id) and serial patterns",
                        role: "analyst",
                        parameters: [parameter("all", "1: ended watches too", schema: ["enum": ["0", "1"]])]
                    )
                ],
                "/api/v1/alerts": [
                    "get": op(
                        "Alerts raised by new traces that touched a watched entity, newest first, each once; unseen ones unless all=1",
                        role: "analyst",
                        parameters: [parameter("all", "1: seen alerts too", schema: ["enum": ["0", "1"]])] + paging
                    )
                ],
                "/api/v1/imports": ["get": op("The import ledger", role: "admin")],
                "/api/v1/imports/{id}/rejections": [
                    "get": op(
                        "One import's rejected rows with line, column and reason",
                        role: "admin",
                        parameters: [
                            parameter("id", in: "path", "Import id", type: "integer", schema: ["format": "int64"])
                        ]
                            + paging
                    )
                ],
                "/api/v1/audit": [
                    "get": op(
                        "The audit log, newest first",
                        role: "admin",
                        parameters: [parameter("user", "Only this user"), parameter("action", "Only this action")]
                            + paging
                    )
                ],
            ],
        ]
    }
}
