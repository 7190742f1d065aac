import Foundation
import IronTraceAnalytics
import IronTraceFormats
import Testing

@testable import IronTraceServer

/// The dashboard's templates: every one loads and renders with a view model whose every text is
/// markup, which must come back escaped; raw insertion (`{{{ }}}`) only of drawn fragments.
@Suite struct TemplateTests {
    static let probe = "<script>alert('x')</script>\"&"
    static let escapedProbe = "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&quot;&amp;"

    func templatesFolder() throws -> URL { try #require(Templates.folder, "the Templates resource folder") }

    func templateFiles() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: templatesFolder().path).filter { $0.hasSuffix(".mustache") }
    }

    @Test func everyTemplateLoadsAndEveryFileIsATemplateTheServerDraws() throws {
        try Templates.check()
        let names = try templateFiles().map { String($0.dropLast(".mustache".count)) }
        #expect(
            Set(names) == Set(Templates.Name.allCases.map(\.rawValue)),
            "a template file no page draws, or the reverse"
        )
    }

    @Test func rawInsertionIsOnlyForDrawnFragments() throws {
        // `{{{ }}}` and `{{& }}` insert without escaping: only the drawn body and our own SVG.
        let allowed: Set<String> = ["body", "svg"]
        for file in try templateFiles() {
            let text = try String(contentsOf: templatesFolder().appendingPathComponent(file), encoding: .utf8)
            #expect(!text.contains("{{&"), "\(file) uses {{& }}")
            var rest = Substring(text)
            while let open = rest.range(of: "{{{") {
                let after = rest[open.upperBound...]
                guard let close = after.range(of: "}}}") else {
                    Issue.record("\(file): {{{ without }}}")
                    break
                }
                let name = after[..<close.lowerBound].trimmingCharacters(in: .whitespaces)
                #expect(allowed.contains(name), "\(file) inserts '\(name)' unescaped")
                rest = after[close.upperBound...]
            }
        }
    }

    @Test(arguments: Templates.Name.allCases)
    func everyTemplateEscapesEveryText(_ name: Templates.Name) throws {
        let html = Templates.render(name, Self.sample(name)).html
        #expect(!html.isEmpty)
        #expect(!html.contains("<script>"), "\(name.rawValue) let markup through")
        if name == .pager {
            // The pager shows only links, whose query is percent-encoded.
            #expect(html.contains("q=%3Cscript%3Ealert%28%27x%27%29"))
        } else {
            #expect(html.contains(Self.escapedProbe), "\(name.rawValue) did not show the text at all")
        }
        #expect(!html.contains("{{") && !html.contains("}}"), "\(name.rawValue) left a tag unrendered")
    }

    @Test func aReportTableShowsItsFiguresInEachLanguage() {
        let t = ReportTable(
            id: "by_state",
            title: "Traces by state",
            columns: [.init("State"), .init("Traces", unit: "traces"), .init("Share", unit: "%")],
            rows: [[.text("Texas"), .count(12345), .share(0.807)], [.text("Arizona"), .empty, .share(0.1)]],
            source: "ATF"
        )
        let en = Templates.render(.reportTable, Views.ReportTable(t, .en, csvLink: "/flows?download=csv")).html
        #expect(en.contains("<td class=\"n\" data-v=\"12345\">12,345</td>"))
        #expect(en.contains("<td class=\"n\" data-v=\"0.807\">80.7%</td>"))
        #expect(en.contains("<td class=\"n\">–</td>"))
        #expect(en.contains("<th>Traces <small>(traces)</small></th><th>Share</th>"))
        #expect(!en.contains("headers=es"))
        let es = Templates.render(.reportTable, Views.ReportTable(t, .es, csvLink: "/flows?download=csv")).html
        #expect(es.contains("12\u{202F}345</td>"))
        #expect(es.contains("80,7\u{00A0}%</td>"))
        #expect(es.contains("href=\"/flows?download=csv&amp;headers=es\""))
    }

    @Test func thePagerNumbersPagesAroundTheCurrentOne() throws {
        let v = try #require(Views.Pager(path: "/traces", params: [("q", "a b")], page: 6, pages: 20, .en))
        let html = Templates.render(.pager, v).html
        #expect(html.contains("<a rel=\"prev\" href=\"/traces?q=a%20b&amp;page=5\">"))
        #expect(html.contains("<a aria-current=\"page\" href=\"/traces?q=a%20b&amp;page=6\">6</a>"))
        #expect(html.components(separatedBy: "<span class=\"gap\">…</span>").count == 3)
        #expect(html.contains("Page 6 of 20"))
        #expect(Views.Pager(path: "/traces", params: [], page: 1, pages: 1, .en) == nil)
    }

    @Test func listsAreSeparatedBetweenItemsOnly() {
        let html = Templates.render(.casework, Self.sample(.casework)).html
        #expect(html.contains(": <a href=\"/cases/1\">"), "no separator before the first case")
        #expect(html.contains("</a>, <a href=\"/cases/2\">"))
        let lead = Templates.render(.lead, Self.sample(.lead)).html
        #expect(lead.contains("<dd><a href=\"/network/entity/person:1\">"))
        #expect(lead.contains("</a>, <a href=\"/network/entity/person:1\">"))
    }

    // MARK: Samples: one view model per template, every text the probe

    static func sample(_ name: Templates.Name) -> Any {
        let p = probe
        let frame = HTML.Frame(
            language: .en,
            user: p,
            role: "admin",
            csrf: p,
            synthetic: true,
            path: "/?q=" + p,
            section: "overview",
            unseenAlerts: 3
        )
        let layout = Views.Layout(frame, title: p)
        let field = Views.Field(
            name: "user",
            label: p,
            value: p,
            inputType: "text",
            required: true,
            suggestions: "list",
            fieldError: p
        )
        let filters = Pages.filterView(action: "/flows", ["area": p, "dealer": p], .en)
        let table = Views.ReportTable(
            ReportTable(id: "t", title: p, columns: [.init(p, unit: p)], rows: [[.text(p)]], source: p),
            .en,
            csvLink: "/flows?x=" + p
        )
        let chart = Views.Chart(svg: "<svg></svg>", download: "/charts/x.svg?" + p, .en)
        let section = Views.ReportSection(
            name: "flows",
            title: p,
            notes: [Views.Note("`\(p)` and \(p)")],
            hasCharts: true,
            charts: [chart],
            tables: [table]
        )
        let facts = [Views.Fact(term: p, detail: p, detailID: "x"), Views.Fact(term: p, detail: p, warning: true)]
        let candidates = Views.Candidates(
            hasRows: true,
            heading: p,
            summary: p,
            headers: [p],
            rows: [.init(rank: 1, saleID: 7, serial: p, match: p, dealer: p, score: 80, reasons: [p])]
        )
        let traceList = Views.TraceList(
            count: "1",
            noun: p,
            csvLinks: [.init(href: "/traces?download=csv&q=" + p, label: p)],
            headers: [p],
            rows: [
                .init(
                    traceID: 1,
                    recovery: .init(date: p, place: p, firearm: p, serial: p),
                    outcome: p,
                    dealerLink: .init(href: "/dealers/x", name: p),
                    ttc: p
                ),
                .init(traceID: 2, recovery: nil, outcome: p, dealerLink: nil, ttc: "–"),
            ],
            pager: Views.Pager(path: "/traces", params: [], page: 1, pages: 3, .en)
        )
        let rejections = Views.Rejections(
            id: "r",
            headers: [p],
            rows: [.init(line: 1, column: 2, field: p, value: p, reason: p)]
        )
        let link = Views.EntityLink(entityHref: "/network/entity/person:1", entityLabel: p)
        let pathForm = Views.PathForm(
            legend: p,
            hint: p,
            pathFields: [field],
            entityOptions: [.init(value: p, label: p)],
            find: p
        )
        let nibin = Views.NIBIN(
            heading: p,
            counts: p,
            tied: .init(
                heading: p,
                headers: [p],
                rows: [.init(shooting: link, gun: link, seller: link, buyer: nil, lead: p)]
            ),
            late: .init(
                heading: p,
                headers: [p],
                rows: [.init(gun: link, lead: p, traceID: 4, requested: p, noTrace: p)]
            )
        )
        let linkChart = Views.LinkChart(
            graphURL: "/api/v1/leads/1/graph?x=" + p,
            chartLang: "en",
            wordsJSON: "{\"k\":\"\(p)\"}",
            svg: .svg("<svg></svg>"),
            svgDownload: "/x.svg",
            downloadLabel: p
        )
        let caseForm = Views.CaseForm(legend: p, csrf: p, from: p, titleField: field, restrictedLabel: p)
        let casework = Views.Casework(
            heading: p,
            csrf: p,
            holding: .init(inCases: p, cases: [.init(caseID: 1, caseTitle: p), .init(caseID: 2, caseTitle: p)]),
            caseForm: caseForm,
            addTo: .init(legend: p, ref: p, caseLabel: p, cases: [.init(caseID: 3, caseTitle: p)]),
            watch: .init(legend: p, watchKind: "person", ref: p, noteField: field, startWatching: p)
        )
        let watchLabel = Views.WatchLabel(watchKind: p, watched: link, licenceShown: p)
        let export = Views.ExportLink(exportHref: "/?download=zip&x=" + p, exportLabel: p, printHint: p)
        switch name {
        case .exportLink: return export
        case .watchLabel: return Views.WatchLabel(watchKind: p, pattern: p)
        case .cases:
            return Views.CasesPage(
                frame: layout,
                statusLabel: p,
                anyStatus: p,
                statuses: [.init(value: "open", text: p, selected: true)],
                apply: p,
                heading: p,
                noCases: p,
                hasRows: true,
                headers: [p],
                rows: [
                    .init(
                        caseID: 1,
                        caseTitle: p,
                        restrictedMark: p,
                        status: p,
                        referredTo: p,
                        owner: p,
                        updated: p
                    )
                ],
                pager: nil,
                caseForm: caseForm
            )
        case .watches:
            return Views.WatchesPage(
                frame: layout,
                hint: p,
                alertsLabel: p,
                heading: p,
                noWatches: p,
                hasRows: true,
                headers: [p],
                rows: [.init(watchID: 1, label: watchLabel, note: p, owner: p, since: p, active: true)],
                csrf: p,
                stopLabel: p,
                endedLabel: p,
                startWatching: p,
                kindLabel: p,
                kinds: [.init(value: "serial", text: p)],
                fields: [field]
            )
        case .alerts:
            return Views.AlertsPage(
                frame: layout,
                watchListLabel: p,
                otherHref: "/alerts?all=1",
                otherLabel: p,
                heading: p,
                noAlerts: p,
                hasRows: true,
                headers: [p],
                rows: [
                    .init(alertID: 1, raised: p, label: watchLabel, watchNote: p, reason: p, traceID: 2, seenBy: nil),
                    .init(alertID: 2, raised: p, label: nil, watchNote: nil, reason: p, traceID: 3, seenBy: p),
                ],
                csrf: p,
                markSeen: p,
                pager: nil
            )
        case .casePage:
            return Views.CasePage(
                frame: layout,
                caseID: 1,
                csrf: p,
                facts: facts,
                origin: .init(term: p, href: "/network/leads/1", shown: p),
                accessTerm: p,
                access: p,
                changeStatus: p,
                statusLabel: p,
                statuses: [.init(value: "open", text: p, selected: true)],
                agencyField: field,
                save: p,
                entitiesHeading: p,
                noEntities: p,
                hasItems: true,
                itemHeaders: [p],
                items: [
                    .init(kind: p, inData: link, ref: p, notInData: p, added: p),
                    .init(kind: p, inData: nil, ref: p, notInData: p, added: p),
                ],
                removeLabel: p,
                moreItems: p,
                addToCase: p,
                entityHint: p,
                refField: field,
                entityOptions: [.init(value: p, label: p)],
                notesHeading: p,
                noNotes: p,
                notes: [.init(noteID: 1, author: p, at: p, when: p, text: p)],
                addNote: p,
                maxNote: 4000,
                chartHeading: p,
                linkChart: linkChart,
                timeline: .init(
                    heading: p,
                    svg: .svg("<svg></svg>"),
                    entries: [.init(entryKind: "sale", datetime: "2020-01-01", when: p, what: p)]
                )
            )
        case .entityLink: return link
        case .pathForm: return pathForm
        case .nibin: return nibin
        case .linkChart: return linkChart
        case .caseForm: return caseForm
        case .casework: return casework
        case .network:
            return Views.NetworkPage(
                frame: layout,
                kindLabel: p,
                anyKind: p,
                kinds: [.init(value: "ring", text: p, selected: true)],
                apply: p,
                pathForm: pathForm,
                identitiesLabel: p,
                waiting: p,
                leadsHeading: p,
                headers: [p],
                leads: [.init(rank: 1, kind: p, score: p, members: p, guns: "2", why: p)],
                pager: nil,
                nibin: nibin
            )
        case .path:
            return Views.PathPage(
                frame: layout,
                pathForm: pathForm,
                pathError: p,
                steps: .init(start: p, links: [.init(link: p, entityHref: "/network/entity/dealer:1", entityLabel: p)]),
                noPath: nil
            )
        case .lead:
            return Views.LeadPage(
                frame: layout,
                facts: facts,
                membersLabel: p,
                people: [link, link],
                dealersLabel: p,
                sellers: [.init(entityHref: "/dealers/1", entityLabel: p, summary: p)],
                caseForm: caseForm,
                reasonsHeading: p,
                scale: Views.Note("`\(p)` \(p)"),
                reasonHeaders: [p],
                reasons: [.init(explanation: p, indicator: p, detail: p, count: "1", each: p, points: p)],
                chartHeading: p,
                linkChart: linkChart,
                graphJSON: "/api/v1/leads/1/graph",
                timelineHeading: p,
                timelineChart: chart,
                entries: [.init(entryKind: "sale", datetime: "2020-01-01", when: p, what: p)]
            )
        case .entity:
            return Views.EntityPage(
                frame: layout,
                neighbours: [.init(kindName: p, entityHref: "/network/entity/dealer:1", entityLabel: p)],
                pathLegend: p,
                reference: p,
                toField: field,
                find: p,
                linkChart: linkChart,
                graphJSON: "/api/v1/entities/x/neighbours",
                casework: casework,
                merged: .init(
                    heading: p,
                    csrf: p,
                    splitLabel: p,
                    records: [.init(pseudonym: p, personID: 1, recordID: 2)]
                )
            )
        case .personLink: return Views.PersonLink(pseudonym: p, personHref: "/network/entity/person:1", mergedInto: p)
        case .identities:
            let link = Views.PersonLink(pseudonym: p)
            return Views.IdentitiesPage(
                frame: layout,
                hint: p,
                heading: p,
                nothingWaits: p,
                hasPairs: true,
                scoreLabel: p,
                comparisonsLabel: p,
                pairs: [
                    .init(
                        a: 1,
                        b: 2,
                        first: link,
                        second: link,
                        score: "0.9",
                        notes: p,
                        rulings: [.init(spaceBefore: false, csrf: p, same: "1", page: 1, label: p)]
                    )
                ],
                pager: nil
            )
        case .imports:
            return Views.ImportsPage(
                frame: layout,
                headers: [p],
                entries: [
                    .init(
                        importID: 1,
                        file: p,
                        format: p,
                        read: "3",
                        stored: "2",
                        rejected: "1",
                        rejectedLink: "/imports/1",
                        finished: p
                    )
                ]
            )
        case .importRejections:
            return Views.ImportPage(
                frame: layout,
                file: p,
                format: p,
                balance: "3 = 2 + 1",
                csvLink: "/imports/1?download=csv",
                table: rejections
            )
        case .users:
            return Views.UsersPage(
                frame: layout,
                message: p,
                csrf: p,
                headers: [p],
                users: [.init(name: p, roleName: p, created: p)],
                removeLabel: p,
                userField: field,
                roleLabel: p,
                roles: [.init(value: "viewer", text: p)],
                addLabel: p
            )
        case .audit:
            return Views.AuditPage(
                frame: layout,
                filterFields: [field],
                apply: p,
                headers: [p],
                entries: [.init(at: p, who: p, action: p, actionCode: p, target: p, detail: p)],
                pager: Views.Pager(path: "/admin/audit", params: [], page: 1, pages: 2, .en)
            )
        case .traceList: return traceList
        case .traces:
            return Views.TracesPage(
                frame: layout,
                filterForm: filters,
                hiddenFilters: [.init(key: "area", value: p)],
                searchFields: [field],
                mineChecked: true,
                mineLabel: p,
                searchLabel: p,
                newTrace: p,
                list: traceList
            )
        case .batchResult:
            return Views.BatchResultPage(
                frame: layout,
                facts: facts,
                hasStored: true,
                headers: [p],
                stored: [.init(requestID: p, traceID: 3, outcome: p, dealerName: p, ttc: p)],
                rejected: .init(
                    heading: p,
                    table: .init(
                        id: "r",
                        headers: [p],
                        rows: [.init(line: 1, column: 2, field: p, value: p, reason: p)]
                    )
                )
            )
        case .facts: return Views.TracePage(frame: layout, facts: facts)
        case .candidates: return candidates
        case .trace:
            return Views.TracePage(
                frame: layout,
                facts: facts,
                dealerFact: .init(term: p, href: "/dealers/1", name: p, place: p, licence: p),
                purchaser: .init(
                    term: p,
                    pseudonym: p,
                    entityHref: "/network/entity/person:1",
                    record: .init(fullName: p, birthDate: p, address: p, phone: p)
                ),
                candidates: candidates
            )
        case .traceResult:
            return Views.TraceResultPage(
                frame: layout,
                facts: facts,
                candidates: candidates,
                submitAnother: p,
                allTraces: p
            )
        case .traceForm:
            return Views.TraceFormPage(
                frame: layout,
                formError: p,
                csrf: p,
                fields: [field],
                obliteratedChecked: true,
                obliteratedLabel: p,
                submit: p,
                batchHeading: p,
                batchHelp: p,
                batchColumns: p,
                upload: p
            )
        case .layout:
            return Views.Shell(frame: layout, body: Templates.render(.field, field))
        case .reportTable: return table
        case .reportSection: return section
        case .chart: return Views.Chart(svg: "<svg><text>\(escapedProbe)</text></svg>", download: p, .en)
        case .pager: return Views.Pager(path: "/x", params: [("q", p)], page: 2, pages: 9, .en)!
        case .field: return field
        case .filters: return filters
        case .rejections:
            return Views.Rejections(
                id: "r",
                headers: ["line"],
                rows: [.init(line: 2, column: 3, field: p, value: p, reason: p)]
            )
        case .headline:
            return Views.Headline(figures: [.init(id: "fig", value: p, label: p, scope: p)])
        case .yearSlider:
            return Views.YearSlider(path: "/violence", keep: [("area", p)], years: 2015...2024, selected: 2020, .en)
        case .overview:
            return Views.Overview(
                export: export,
                filterForm: filters,
                headline: .init(figures: [.init(id: "fig", value: p, label: p)]),
                charts: [chart],
                tables: [table]
            )
        case .reports:
            return Views.Reports(
                export: export,
                filterForm: filters,
                dealerLinks: .init(heading: p, dealers: [.init(href: "/dealers/" + p, name: p, where: p)]),
                slider: Views.YearSlider(path: "/violence", keep: [], years: 2020...2021, selected: nil, .es),
                sections: [section],
                eventLinks: .init(heading: p, events: [.init(href: "/violence/events/1", text: p)])
            )
        case .dealer:
            return Views.Dealer(
                export: export,
                facts: [.init(term: p, detail: p)],
                tracesLink: "/traces?dealer=" + p,
                tracesLabel: p,
                sections: [section]
            )
        case .login:
            return Views.LoginPage(frame: layout, loginError: p, next: p, fields: [field], submit: p)
        case .password:
            return Views.PasswordPage(
                frame: layout,
                mustChange: p,
                passwordError: p,
                csrf: p,
                fields: [field],
                submit: p
            )
        case .error:
            return Views.ErrorPage(
                frame: layout,
                code: "invalid_filter",
                message: p,
                refusedFilter: .init(correct: p, form: filters, withoutFilters: p)
            )
        }
    }
}
