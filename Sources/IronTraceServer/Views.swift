import Foundation
import IronTraceAnalytics
import IronTraceCore
import IronTraceFormats
import IronTracePresentation

/// View models of the shared templates (frame, report tables and sections, charts, pager, fields,
/// filters, rejections): plain values built by pure functions from what a page shows, its language
/// and role. They hold text as the reader sees it; the templates escape it. Optional fields have
/// names of their own (a missing value in Mustache is looked up in the enclosing view).
enum Views {
    /// The frame of every page (`layout.mustache`).
    struct Layout: Sendable {
        struct NavItem: Sendable {
            var href: String
            var label: String
            var current: Bool
            var alertBadge: Badge?
        }
        struct Badge: Sendable {
            var count: String
            var meaning: String
        }
        struct Account: Sendable {
            var user: String
            var role: String
            var csrf: String
            var logOut: String
        }
        var lang: String
        var title: String
        var menu: String
        var nav: [NavItem]
        var otherLanguage: String
        var languageSwitch: String
        var languageLabel: String
        var account: Account?
        var syntheticBanner: String?
        var footer: String

        init(_ f: HTML.Frame, title: String) {
            let l = f.language
            var items: [(String, String, UIText)] = []
            if let role = f.role {
                items = [
                    ("overview", "/", .overview), ("traces", "/traces", .traces), ("flows", "/flows", .flows),
                    ("dealers", "/dealers", .dealers), ("network", "/network", .network),
                    ("violence", "/violence", .violence),
                ]
                if role == "viewer" {
                    items.removeAll { $0.0 == "network" }
                } else {
                    items += [("cases", "/cases", .cases), ("alerts", "/alerts", .alerts)]
                }
                if role == "admin" {
                    items += [
                        ("imports", "/imports", .imports), ("users", "/admin/users", .users),
                        ("audit", "/admin/audit", .audit),
                    ]
                }
            }
            nav = items.map { id, href, text in
                NavItem(
                    href: href,
                    label: l.t(text),
                    current: id == f.section,
                    alertBadge: id == "alerts" && f.unseenAlerts > 0
                        ? Badge(count: l.integer(f.unseenAlerts), meaning: l.t(.unseenAlerts)) : nil
                )
            }
            let other: Language = l == .en ? .es : .en
            lang = l.rawValue
            self.title = title
            menu = l.t(.menu)
            otherLanguage = other.rawValue
            languageSwitch = "/lang/\(other.rawValue)?back=\(HTML.encode(f.path))"
            languageLabel = l.t(.language)
            if let user = f.user, let csrf = f.csrf {
                account = Account(user: user, role: l.roleName(f.role ?? ""), csrf: csrf, logOut: l.t(.logOut))
            }
            syntheticBanner = f.synthetic ? l.t(.synthetic) : nil
            footer = l == .en ? "crime-gun intelligence" : "inteligencia sobre armas del delito"
        }
    }

    /// A page whose body is already drawn (the cached report pages, pages still built by code).
    struct Shell: Sendable {
        var frame: Layout
        var body: RenderedHTML
    }

    /// A report table (`report-table.mustache`).
    struct ReportTable: Sendable {
        struct Column: Sendable {
            var name: String
            var unitShown: String?
        }
        struct CellView: Sendable {
            var text: String
            var numeric: Bool
            var sortValue: String?
            /// A dealer's licence and name link to the dealer's page.
            var href: String? = nil
        }
        struct Row: Sendable {
            var cells: [CellView]
        }
        struct Link: Sendable {
            var href: String
            var label: String
        }
        var id: String
        var title: String
        var csvLinks: [Link]
        var columns: [Column]
        var rows: [Row]
        var more: String?
        var sourceLabel: String
        var source: String

        init(_ t: IronTraceAnalytics.ReportTable, _ l: Language, csvLink: String?, limit: Int = 50) {
            id = t.id
            title = l.report(t.title)
            csvLinks = []
            if let csvLink {
                csvLinks.append(Link(href: csvLink, label: l.t(.downloadCSV)))
                // The same table with its column names and words in Spanish (the plain CSV keeps the
                // stable English column names scripts rely on).
                if l == .es { csvLinks.append(Link(href: csvLink + "&headers=es", label: l.t(.downloadCSVSpanish))) }
            }
            columns = t.columns.map { c in
                Column(name: l.report(c.name), unitShown: c.unit.isEmpty || c.unit == "%" ? nil : l.report(c.unit))
            }
            // Tables of dealers: the licence and the name link to the dealer's page (the licence tells
            // dealers of one name apart).
            let licence = t.columns.firstIndex { $0.name == "Licence" }
            let linked = Set([licence, t.columns.firstIndex { $0.name == "Dealer" }].compactMap { $0 })
            rows = t.rows.prefix(limit).map { row in
                var cells = row.map { Views.cell($0, l) }
                if let licence, licence < row.count, case .text(let lic) = row[licence], !lic.isEmpty {
                    for i in linked where i < cells.count { cells[i].href = "/dealers/\(HTML.encode(lic))" }
                }
                return Row(cells: cells)
            }
            more =
                t.rows.count > limit
                ? "\(l.integer(limit)) \(l.t(.of)) \(l.integer(t.rows.count)); CSV \(l == .en ? "has all rows" : "tiene todas las filas")."
                : nil
            sourceLabel = l.t(.source)
            source = l.report(t.source)
        }
    }

    static func cell(_ cell: Cell, _ l: Language) -> ReportTable.CellView {
        switch cell {
        case .text(let v): .init(text: l.report(v), numeric: false, sortValue: nil)
        case .count(let n): .init(text: l.integer(n), numeric: true, sortValue: String(n))
        case .number(let v, let d): .init(text: l.decimal(v, digits: d), numeric: true, sortValue: "\(v)")
        case .share(let v): .init(text: l.percent(v), numeric: true, sortValue: "\(v)")
        case .empty: .init(text: "–", numeric: true, sortValue: nil)
        }
    }

    /// A chart with its SVG download (`chart.mustache`).
    struct Chart: Sendable {
        var svg: RenderedHTML
        var download: String
        var downloadLabel: String

        init(svg: String, download: String, _ l: Language) {
            self.svg = .svg(svg)
            self.download = download
            downloadLabel = l.t(.downloadSVG)
        }
    }

    /// Text with its `backtick` spans (commands, options) shown as code.
    struct Note: Sendable {
        struct Part: Sendable {
            var text: String
            var code: Bool
        }
        var parts: [Part]

        init(_ s: String) {
            let pieces = s.split(separator: "`", omittingEmptySubsequences: false).map(String.init)
            guard pieces.count >= 3 else {
                parts = [Part(text: s, code: false)]
                return
            }
            parts = []
            for (k, p) in pieces.enumerated() {
                if k % 2 == 0 {
                    parts.append(Part(text: p, code: false))
                } else if k < pieces.count - 1 {
                    parts.append(Part(text: p, code: true))
                } else {
                    parts.append(Part(text: "`" + p, code: false))
                }
            }
        }
    }

    /// One report: title, notes, charts and tables (`report-section.mustache`).
    struct ReportSection: Sendable {
        var name: String
        var title: String
        var notes: [Note]
        var hasCharts: Bool
        var charts: [Chart]
        var tables: [ReportTable]
    }

    /// Numbered pages (`pager.mustache`).
    struct Pager: Sendable {
        struct Step: Sendable {
            var href: String
            var text: String
        }
        struct Number: Sendable {
            var href: String
            var text: String
            var current: Bool
            var gapBefore: Bool
        }
        var label: String
        var previous: Step?
        var numbers: [Number]
        var position: String
        var next: Step?

        /// Nil when there is one page only.
        init?(path: String, params: [(String, String)], page: Int, pages: Int, _ l: Language) {
            guard pages > 1 else { return nil }
            func href(_ p: Int) -> String {
                path + HTML.query(params.filter { $0.0 != "page" } + [("page", String(p))])
            }
            label = l == .en ? "Pages" : "Páginas"
            // A page past the end (a typed or stale URL) leads back to the last page; the numbers
            // around it are those of the last pages. (An unclamped window here was an empty range
            // for `page=9999`, and a crash.)
            previous = page > 1 ? Step(href: href(min(page - 1, pages)), text: l.t(.previous)) : nil
            next = page < pages ? Step(href: href(page + 1), text: l.t(.next)) : nil
            let around = min(max(page, 1), pages)
            let shown = Set([1, pages] + Array(max(1, around - 2)...min(pages, around + 2))).sorted()
            var last = 0
            numbers = []
            for p in shown {
                numbers.append(Number(href: href(p), text: l.integer(p), current: p == page, gapBefore: p > last + 1))
                last = p
            }
            position = "\(l.t(.page)) \(l.integer(page)) \(l.t(.of)) \(l.integer(pages))"
        }
    }

    /// A labelled input (`field.mustache`).
    struct Field: Sendable {
        var name: String
        var label: String
        var value: String
        var inputType: String
        var required: Bool
        var suggestions: String?
        var fieldError: String?
    }

    /// The report filter (`filters.mustache`).
    struct Filters: Sendable {
        struct Option: Sendable {
            var value: String
            var text: String
            var selected: Bool
        }
        struct Entry: Sendable {
            var isType: Bool
            var label: String
            var options: [Option]
            var input: Field?
        }
        var action: String
        var legend: String
        var fields: [Entry]
        var apply: String
        var clear: String
    }

    /// Rejected rows (`rejections.mustache`).
    struct Rejections: Sendable {
        struct Row: Sendable {
            var line: Int
            var column: Int
            var field: String
            var value: String
            var reason: String
        }
        var id: String
        var headers: [String]
        var rows: [Row]
    }

    /// The overview's headline figures (`headline.mustache`).
    struct Headline: Sendable {
        struct Figure: Sendable {
            var id: String
            var value: String
            var label: String
            var scope: String?
        }
        var figures: [Figure]
        /// Why the figures are empty when the filter is the reason (years outside the records).
        var notice: String? = nil
    }
}

// MARK: Pages drawn whole from a template

extension Views {
    /// `error.mustache`.
    struct ErrorPage: Sendable {
        struct RefusedFilter: Sendable {
            var correct: String
            var form: Filters
            var withoutFilters: String
        }
        var frame: Layout
        var code: String
        var message: String
        var refusedFilter: RefusedFilter?
    }

    /// `login.mustache`.
    struct LoginPage: Sendable {
        var frame: Layout
        var loginError: String?
        var next: String
        var fields: [Field]
        var submit: String
    }

    /// `password.mustache`.
    struct PasswordPage: Sendable {
        var frame: Layout
        var mustChange: String?
        var passwordError: String?
        var csrf: String
        var fields: [Field]
        var submit: String
    }
}

// MARK: Report page bodies (cached per URL, language and role)

extension Views {
    /// The link to a view's export (`export-link.mustache`).
    struct ExportLink: Sendable {
        var exportHref: String
        var exportLabel: String
        var printHint: String
    }

    /// `overview.mustache`.
    struct Overview: Sendable {
        var export: ExportLink
        var filterForm: Filters
        var headline: Headline
        var slider: YearSlider? = nil
        var charts: [Chart]
        var tables: [ReportTable]
    }

    /// `reports.mustache`: flows, dealers, violence and an event's provenance.
    struct Reports: Sendable {
        struct DealerLinks: Sendable {
            struct Dealer: Sendable {
                var href: String
                var name: String
                var `where`: String
            }
            var heading: String
            var dealers: [Dealer]
        }
        struct EventLinks: Sendable {
            struct Event: Sendable {
                var href: String
                var text: String
            }
            var heading: String
            var events: [Event]
        }
        var export: ExportLink
        var filterForm: Filters? = nil
        var dealerLinks: DealerLinks? = nil
        var slider: YearSlider? = nil
        var sections: [ReportSection]
        var eventLinks: EventLinks? = nil
    }

    /// `dealer.mustache`.
    struct Dealer: Sendable {
        var export: ExportLink
        struct Fact: Sendable {
            var term: String
            var detail: String
        }
        var facts: [Fact]
        var tracesLink: String
        var tracesLabel: String
        var sections: [ReportSection]
    }

    /// `year-slider.mustache`.
    struct YearSlider: Sendable {
        struct Hidden: Sendable {
            var key: String
            var value: String
        }
        var action: String
        var hidden: [Hidden]
        var label: String
        var first: Int
        var last: Int
        var selected: Int
        var marks: [Int]
        var show: String

        init(path: String, keep: [(String, String)], years: ClosedRange<Int>, selected: Int?, _ l: Language) {
            let es = l == .es
            action = path
            hidden = keep.filter { $0.0 != "years" }.map { Hidden(key: $0.0, value: $0.1) }
            label = "\(es ? "Año" : "Year") (\(years.lowerBound)–\(years.upperBound))"
            first = years.lowerBound
            last = years.upperBound
            self.selected = selected.map { min(max($0, years.lowerBound), years.upperBound) } ?? years.upperBound
            marks = Array(years)
            show = es ? "Ver año" : "Show year"
        }
    }
}

// MARK: Traces

extension Views {
    /// A term and its detail (`facts.mustache`).
    struct Fact: Sendable {
        var term: String
        var detail: String
        var detailID: String? = nil
        var warning = false
        /// The page of what the detail names (a trace, a dealer), when it has one.
        var href: String? = nil
    }

    /// The engine's candidates (`candidates.mustache`).
    struct Candidates: Sendable {
        struct Row: Sendable {
            var rank: Int
            var saleID: Int64
            var serial: String
            var match: String
            /// The selling dealer with its city and state, linked to its page by licence.
            var dealer: String
            var dealerHref: String? = nil
            var score: Int
            var reasons: [String]
        }
        var hasRows: Bool
        var heading: String
        var summary: String
        var headers: [String]
        var rows: [Row]
    }

    /// `trace.mustache`.
    struct TracePage: Sendable {
        struct DealerFact: Sendable {
            var term: String
            var href: String
            var name: String
            var place: String
            var licence: String
        }
        struct Record: Sendable {
            var fullName: String
            var birthDate: String
            var address: String
            var phone: String
        }
        struct Purchaser: Sendable {
            var term: String
            var maskedText: String? = nil
            var pseudonym: String? = nil
            var entityHref: String? = nil
            var record: Record? = nil
            var showRecord: String? = nil
        }
        var facts: [Fact]
        var dealerFact: DealerFact? = nil
        var purchaser: Purchaser? = nil
        var candidates: Candidates? = nil
    }

    /// `trace-result.mustache`.
    struct TraceResultPage: Sendable {
        var frame: Layout
        var facts: [Fact]
        var candidates: Candidates
        var submitAnother: String
        var allTraces: String
    }

    /// `trace-form.mustache`.
    struct TraceFormPage: Sendable {
        var frame: Layout
        var formError: String?
        var csrf: String
        var fields: [Field]
        var obliteratedChecked: Bool
        var obliteratedLabel: String
        var submit: String
        var batchHeading: String
        var batchHelp: String
        var batchColumns: String
        var upload: String
    }
}

extension Views {
    /// `traces.mustache`.
    struct TracesPage: Sendable {
        struct Hidden: Sendable {
            var key: String
            var value: String
        }
        var export: ExportLink
        var filterForm: Filters
        var hiddenFilters: [Hidden]
        var searchFields: [Field]
        var mineChecked: Bool
        var mineLabel: String
        var searchLabel: String
        var newTrace: String?
        var list: TraceList
    }

    /// `trace-list.mustache`.
    struct TraceList: Sendable {
        struct DealerLink: Sendable {
            var href: String
            var name: String
        }
        /// One trace. Flat on purpose: a page draws up to 500 of these, and every section costs
        /// swift-mustache several dynamic casts per row, so the recovery's cells are plain text
        /// (empty for a trace without a recovery) and only the dealer link is a section.
        struct Row: Sendable {
            var traceID: Int64
            var date = ""
            var place = ""
            var firearm = ""
            var serial = ""
            var outcome: String
            var dealerLink: DealerLink?
            var ttc: String
        }
        var count: String
        var noun: String
        var csvLinks: [ReportTable.Link]
        var headers: [String]
        var rows: [Row]
        var pager: Pager?
    }

    /// `batch-result.mustache`.
    struct BatchResultPage: Sendable {
        struct Stored: Sendable {
            var requestID: String
            var traceID: Int64
            var outcome: String
            var dealerName: String
            var ttc: String
        }
        struct Rejected: Sendable {
            var heading: String
            var table: Rejections
        }
        var frame: Layout
        var facts: [Fact]
        var hasStored: Bool
        var headers: [String]
        var stored: [Stored]
        var rejected: Rejected?
    }
}

// MARK: Administration

extension Views {
    /// `imports.mustache`.
    struct ImportsPage: Sendable {
        struct Entry: Sendable {
            var importID: Int64
            var file: String
            var format: String
            var read: String
            var stored: String
            var rejected: String
            var rejectedLink: String?
            var finished: String
        }
        var frame: Layout
        var headers: [String]
        var entries: [Entry]
    }

    /// `import.mustache`.
    struct ImportPage: Sendable {
        var frame: Layout
        var file: String
        var format: String
        var balance: String
        var csvLink: String
        var table: Rejections
    }

    /// `users.mustache`.
    struct UsersPage: Sendable {
        struct User: Sendable {
            var name: String
            var roleName: String
            var created: String
        }
        struct Role: Sendable {
            var value: String
            var text: String
        }
        var frame: Layout
        var message: String?
        var csrf: String
        var headers: [String]
        var users: [User]
        var removeLabel: String
        var userField: Field
        var roleLabel: String
        var roles: [Role]
        var addLabel: String
    }

    /// `audit.mustache`.
    struct AuditPage: Sendable {
        struct Entry: Sendable {
            var at: String
            var who: String
            var action: String
            var actionCode: String?
            var target: String
            var detail: String
        }
        var frame: Layout
        var filterFields: [Field]
        var apply: String
        var headers: [String]
        var entries: [Entry]
        var pager: Pager?
    }
}

// MARK: Network

extension Views {
    /// `person-link.mustache`.
    struct PersonLink: Sendable {
        var pseudonym: String
        var personHref: String? = nil
        var mergedInto: String? = nil
    }

    /// `identities.mustache`.
    struct IdentitiesPage: Sendable {
        struct Ruling: Sendable {
            var spaceBefore: Bool
            var csrf: String
            var same: String
            var page: Int
            var label: String
        }
        struct Pair: Sendable {
            var a: Int64
            var b: Int64
            var first: PersonLink
            var second: PersonLink
            var score: String
            var notes: String
            var rulings: [Ruling]
        }
        var frame: Layout
        var hint: String
        var heading: String
        var nothingWaits: String
        var hasPairs: Bool
        var scoreLabel: String
        var comparisonsLabel: String
        var pairs: [Pair]
        var pager: Pager?
    }
}

extension Views {
    /// `entity-link.mustache`.
    struct EntityLink: Sendable {
        var entityHref: String
        var entityLabel: String
    }

    /// `path-form.mustache`.
    struct PathForm: Sendable {
        struct Option: Sendable {
            var value: String
            var label: String
        }
        var legend: String
        var hint: String
        var pathFields: [Field]
        var entityOptions: [Option]
        var find: String
    }

    /// `nibin.mustache`.
    struct NIBIN: Sendable {
        struct Tied: Sendable {
            struct Row: Sendable {
                var shooting: EntityLink
                var gun: EntityLink
                var seller: EntityLink?
                var buyer: EntityLink?
                var lead: String
            }
            var heading: String
            var headers: [String]
            var rows: [Row]
        }
        struct Late: Sendable {
            struct Row: Sendable {
                var gun: EntityLink
                var lead: String
                var traceID: Int64?
                var requested: String
                var noTrace: String
            }
            var heading: String
            var headers: [String]
            var rows: [Row]
        }
        var heading: String
        var counts: String
        var tied: Tied?
        var late: Late?
    }

    /// `network.mustache`.
    struct NetworkPage: Sendable {
        struct Kind: Sendable {
            var value: String
            var text: String
            var selected: Bool
        }
        struct LeadRow: Sendable {
            var rank: Int
            var kind: String
            var score: String
            /// The first members, each linked to its page; `morePeople` says how many are not shown.
            var people: [EntityLink]
            var morePeople: String? = nil
            var guns: String
            var why: String
        }
        var frame: Layout
        var export: ExportLink
        var kindLabel: String
        var anyKind: String
        var kinds: [Kind]
        var apply: String
        var pathForm: PathForm
        var identitiesLabel: String
        var waiting: String
        var leadsHeading: String
        var headers: [String]
        var leads: [LeadRow]
        var pager: Pager?
        var nibin: NIBIN?
    }

    /// `path.mustache`.
    struct PathPage: Sendable {
        struct Step: Sendable {
            var link: String
            var entityHref: String
            var entityLabel: String
        }
        struct Steps: Sendable {
            var start: String
            var links: [Step]
        }
        var frame: Layout
        var pathForm: PathForm
        var pathError: String? = nil
        var steps: Steps? = nil
        var noPath: String? = nil
    }

    /// `link-chart.mustache`.
    struct LinkChart: Sendable {
        var graphURL: String
        var chartLang: String
        var wordsJSON: String
        var svg: RenderedHTML
        var svgDownload: String?
        var downloadLabel: String
    }

    /// `case-form.mustache`.
    struct CaseForm: Sendable {
        var legend: String
        var csrf: String
        var from: String
        var titleField: Field
        var restrictedLabel: String
    }

    /// `lead.mustache`.
    struct LeadPage: Sendable {
        struct Seller: Sendable {
            var entityHref: String
            /// Name, city and state; same-name dealers elsewhere are told apart by these and the licence.
            var entityLabel: String
            var licence: String
            var summary: String
        }
        struct Reason: Sendable {
            var explanation: String
            var indicator: String
            var detail: String
            var count: String
            var each: String
            var points: String
        }
        struct Entry: Sendable {
            var entryKind: String
            var datetime: String
            var when: String
            var what: String
            var links: [EntityLink] = []
        }
        var frame: Layout
        var export: ExportLink
        var facts: [Fact]
        var membersLabel: String
        var people: [EntityLink]
        var dealersLabel: String
        var sellers: [Seller]
        var caseForm: CaseForm
        var reasonsHeading: String
        var scale: Note
        var reasonHeaders: [String]
        var reasons: [Reason]
        var chartHeading: String
        var linkChart: LinkChart
        var graphJSON: String
        var timelineHeading: String
        var timelineChart: Chart
        var entries: [Entry]
    }

    /// `casework.mustache`.
    struct Casework: Sendable {
        struct CaseRef: Sendable {
            var caseID: Int64
            var caseTitle: String
        }
        struct Holding: Sendable {
            var inCases: String
            var cases: [CaseRef]
        }
        struct AddTo: Sendable {
            var legend: String
            var ref: String
            var caseLabel: String
            var cases: [CaseRef]
        }
        struct Watch: Sendable {
            var legend: String
            var watchKind: String
            var ref: String
            var noteField: Field
            var startWatching: String
        }
        var heading: String
        var csrf: String
        var holding: Holding?
        var caseForm: CaseForm
        var addTo: AddTo?
        var watch: Watch?
    }

    /// `entity.mustache`.
    struct EntityPage: Sendable {
        struct Neighbour: Sendable {
            var kindName: String
            var entityHref: String
            var entityLabel: String
        }
        struct Merged: Sendable {
            struct Record: Sendable {
                var pseudonym: String
                var personID: Int64
                var recordID: Int64
            }
            var heading: String
            var csrf: String
            var splitLabel: String
            var records: [Record]
        }
        var frame: Layout
        var neighbours: [Neighbour]
        var pathLegend: String
        var reference: String
        var toField: Field
        var find: String
        var linkChart: LinkChart
        var graphJSON: String
        var casework: Casework?
        var merged: Merged?
    }
}

// MARK: Cases, watches, alerts

extension Views {
    /// `watch-label.mustache`.
    struct WatchLabel: Sendable {
        var watchKind: String
        var pattern: String? = nil
        var watched: EntityLink? = nil
        var unknownValue: String? = nil
        /// Beside an unknown value: that it is in no record yet, and what the watch will still do.
        var unknownNote: String? = nil
        var licenceShown: String? = nil
    }

    /// An option of a select.
    struct Option: Sendable {
        var value: String
        var text: String
        var selected = false
    }

    /// `cases.mustache`.
    struct CasesPage: Sendable {
        struct Row: Sendable {
            var caseID: Int64
            var caseTitle: String
            var restrictedMark: String?
            var status: String
            var referredTo: String
            var owner: String
            var updated: String
        }
        var frame: Layout
        var statusLabel: String
        var anyStatus: String
        var statuses: [Option]
        var apply: String
        var heading: String
        var noCases: String
        var hasRows: Bool
        var headers: [String]
        var rows: [Row]
        var pager: Pager?
        var caseForm: CaseForm
    }

    /// `watches.mustache`.
    struct WatchesPage: Sendable {
        struct Row: Sendable {
            var watchID: Int64
            var label: WatchLabel
            var note: String
            var owner: String
            var since: String
            var active: Bool
        }
        var frame: Layout
        var hint: String
        var alertsLabel: String
        var heading: String
        var noWatches: String
        var hasRows: Bool
        var headers: [String]
        var rows: [Row]
        var csrf: String
        var stopLabel: String
        var endedLabel: String
        var startWatching: String
        var kindLabel: String
        var kinds: [Option]
        var fields: [Field]
    }

    /// `alerts.mustache`.
    struct AlertsPage: Sendable {
        struct Row: Sendable {
            var alertID: Int64
            var raised: String
            var label: WatchLabel?
            var watchNote: String?
            var reason: String
            var traceID: Int64
            var seenBy: String?
        }
        var frame: Layout
        var watchListLabel: String
        var otherHref: String
        var otherLabel: String
        var heading: String
        var noAlerts: String
        var hasRows: Bool
        var headers: [String]
        var rows: [Row]
        var csrf: String
        var markSeen: String
        var pager: Pager?
    }

    /// `case.mustache`.
    struct CasePage: Sendable {
        struct Origin: Sendable {
            var term: String
            var href: String
            var shown: String
        }
        struct Item: Sendable {
            var kind: String
            var inData: EntityLink?
            var ref: String
            var notInData: String
            var added: String
        }
        struct CaseNote: Sendable {
            var noteID: Int64
            var author: String
            var at: String
            var when: String
            var text: String
        }
        struct Timeline: Sendable {
            var heading: String
            var svg: RenderedHTML
            var entries: [LeadPage.Entry]
        }
        var frame: Layout
        var caseID: Int64
        var csrf: String
        var facts: [Fact]
        var origin: Origin?
        var accessTerm: String
        var access: String
        var changeStatus: String
        var statusLabel: String
        var statuses: [Option]
        var agencyField: Field
        var save: String
        var entitiesHeading: String
        var noEntities: String
        var hasItems: Bool
        var itemHeaders: [String]
        var items: [Item]
        var removeLabel: String
        var moreItems: String?
        var addToCase: String
        var entityHint: String
        var refField: Field
        var entityOptions: [PathForm.Option]
        var notesHeading: String
        var noNotes: String
        var notes: [CaseNote]
        var addNote: String
        var maxNote: Int
        var chartHeading: String
        var linkChart: LinkChart?
        var timeline: Timeline?
    }
}
