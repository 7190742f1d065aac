import Foundation
import IronTraceCore

/// The dashboard's two languages, their number and date formats, and the choice between them: a
/// `lang` cookie set by the switcher wins, else the browser's Accept-Language, else English.
public enum Language: String, Sendable, CaseIterable {
    case en, es

    /// The first supported language in an Accept-Language header, by quality weight.
    public static func preferred(acceptLanguage: String?) -> Language {
        guard let header = acceptLanguage else { return .en }
        var best: (Language, Double)?
        for part in header.split(separator: ",") {
            let pieces = part.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            guard let tag = pieces.first?.lowercased() else { continue }
            var q = 1.0
            for p in pieces.dropFirst() where p.hasPrefix("q=") { q = Double(p.dropFirst(2)) ?? 0 }
            let primary = tag.split(separator: "-").first.map(String.init) ?? tag
            guard let l = Language(rawValue: primary), q > 0 else { continue }
            if best == nil || q > best!.1 { best = (l, q) }
        }
        return best?.0 ?? .en
    }

    /// A UI string in this language.
    public func t(_ key: UIText) -> String { self == .en ? key.en : key.es }

    /// A report string (title, column, unit, label, note) in this language; unknown strings stay as
    /// they are (names of places, dealers and actors are not translated).
    public func report(_ s: String) -> String {
        guard self == .es else { return s }
        if let v = Glossary.spanish[s] { return v }
        return Glossary.translatePattern(s)
    }

    // MARK: Numbers and dates

    /// Whole numbers with grouping: 12,345 (en) and 12 345 (es, the SI/RAE thin-space grouping).
    public func integer(_ n: Int) -> String {
        let digits = String(n.magnitude)
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out += self == .en ? "," : "\u{202F}" }
            out.append(c)
        }
        return (n < 0 ? "-" : "") + out
    }

    /// A decimal number: 1,234.5 (en) and 1 234.5 (es). Mexico writes the decimal sign as a point, as
    /// INEGI's releases do and as the charts draw it (``ChartText/spanish``), with the thin space as
    /// the group separator; a comma here had made a page's tables disagree with its own charts.
    public func decimal(_ x: Double, digits: Int) -> String {
        guard x.isFinite else { return "–" }
        // Past 2^53 a Double has no fractional digits and past Int.max it has no Int: say it in
        // scientific notation rather than trap on the conversion below.
        guard x.magnitude < 1e15 else { return String(format: "%.3e", x) }
        let rounded = (x * pow(10, Double(digits))).rounded() / pow(10, Double(digits))
        let whole = Int(rounded.magnitude.rounded(.towardZero))
        var s = (rounded < 0 ? "-" : "") + integer(whole)
        if digits > 0 {
            let frac = String(format: "%.\(digits)f", rounded.magnitude).split(separator: ".").last ?? ""
            s += "." + frac
        }
        return s
    }

    /// A share in percent: 80.7% (en) and 80.7 % (es).
    public func percent(_ share: Double) -> String {
        decimal(share * 100, digits: 1) + (self == .en ? "%" : "\u{00A0}%")
    }

    static let monthsEN = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    static let monthsES = ["ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "sep", "oct", "nov", "dic"]

    /// A date: Mar 5, 2021 (en) and 5 mar 2021 (es).
    public func date(_ d: CivilDate) -> String {
        self == .en
            ? "\(Language.monthsEN[d.month - 1]) \(d.day), \(d.year)"
            : "\(d.day) \(Language.monthsES[d.month - 1]) \(d.year)"
    }

    /// Days of time-to-crime: "412 days" / "412 días".
    public func days(_ n: Int) -> String { integer(n) + (self == .en ? " days" : " días") }
}

/// Every piece of UI text, in both languages. A key is its English text's short name.
public struct UIText: Sendable {
    public let en: String
    public let es: String
    init(_ en: String, _ es: String) {
        self.en = en
        self.es = es
    }

    static let appName = UIText("IronTrace", "IronTrace")
    static let overview = UIText("Overview", "Resumen")
    static let traces = UIText("Traces", "Rastreos")
    static let flows = UIText("Flows", "Flujos")
    static let dealers = UIText("Dealers", "Armerías")
    static let network = UIText("Network", "Red")
    static let violence = UIText("Violence", "Violencia")
    static let imports = UIText("Imports", "Importaciones")
    static let users = UIText("Users", "Usuarios")
    static let audit = UIText("Audit log", "Bitácora de auditoría")
    static let logIn = UIText("Log in", "Iniciar sesión")
    static let logOut = UIText("Log out", "Cerrar sesión")
    static let userName = UIText("User name", "Usuario")
    static let password = UIText("Password", "Contraseña")
    static let newPassword = UIText("New password (12 characters or more)", "Nueva contraseña (12 caracteres o más)")
    static let changePassword = UIText("Change your password", "Cambie su contraseña")
    static let mustChange = UIText(
        "This password was issued once; choose your own to continue.",
        "Esta contraseña se emitió una sola vez; elija la suya para continuar."
    )
    static let badLogin = UIText("Wrong user name or password.", "Usuario o contraseña incorrectos.")
    static let tooManyLogins = UIText(
        "Too many failed attempts; wait a few minutes and try again.",
        "Demasiados intentos fallidos; espere unos minutos e intente de nuevo."
    )
    static let synthetic = UIText(
        "SYNTHETIC DEMO DATA: the records on these pages are invented; they describe no real person, dealer or gun.",
        "DATOS SINTÉTICOS DE DEMOSTRACIÓN: los registros de estas páginas son inventados; no describen a ninguna persona, armería ni arma real."
    )
    static let tracesTotal = UIText("Traces", "Rastreos")
    static let usShare = UIText("US-sourced", "Origen en EE. UU.")
    static let medianTTC = UIText("Median time-to-crime", "Mediana del tiempo al delito")
    static let topStates = UIText("Top source states", "Principales estados de origen")
    static let filters = UIText("Filters", "Filtros")
    static let apply = UIText("Apply", "Aplicar")
    static let clear = UIText("Clear", "Limpiar")
    static let country = UIText("Country of recovery", "País de recuperación")
    static let area = UIText("Area (MX-14, MX-14039, US-TX)", "Área (MX-14, MX-14039, US-TX)")
    static let years = UIText("Years (2015-2020)", "Años (2015-2020)")
    static let type = UIText("Firearm type", "Tipo de arma")
    static let sourceState = UIText("Source state", "Estado de origen")
    static let dealer = UIText("Dealer licence", "Licencia de la armería")
    static let any = UIText("any", "cualquiera")
    static let downloadCSV = UIText("CSV", "CSV")
    static let downloadSVG = UIText("SVG", "SVG")
    static let source = UIText("Source", "Fuente")
    static let search = UIText("Search", "Buscar")
    static let serial = UIText("Serial number", "Número de serie")
    static let outcome = UIText("Outcome", "Resultado")
    static let recovered = UIText("Recovered", "Recuperada")
    static let recoveredIn = UIText("Recovered in", "Recuperada en")
    static let firearm = UIText("Firearm", "Arma")
    static let purchaser = UIText("Purchaser", "Comprador")
    static let timeToCrime = UIText("Time-to-crime", "Tiempo al delito")
    static let candidates = UIText("Candidates and score", "Candidatos y puntuación")
    static let masked = UIText("masked for your role", "oculto para su rol")
    static let showPII = UIText("Show personal data (audited)", "Mostrar datos personales (auditado)")
    static let submitTrace = UIText("Submit a trace request", "Enviar una solicitud de rastreo")
    static let batchUpload = UIText("Batch of requests (CSV)", "Lote de solicitudes (CSV)")
    static let upload = UIText("Upload and trace", "Subir y rastrear")
    static let submit = UIText("Trace", "Rastrear")
    static let previous = UIText("Previous", "Anterior")
    static let next = UIText("Next", "Siguiente")
    static let page = UIText("Page", "Página")
    static let of = UIText("of", "de")
    static let leads = UIText("Ranked leads", "Pistas ordenadas")
    static let lead = UIText("Lead", "Pista")
    static let score = UIText("Score", "Puntuación")
    static let kind = UIText("Kind", "Tipo")
    static let reasons = UIText("Reasons", "Motivos")
    static let members = UIText("People", "Personas")
    static let guns = UIText("Guns", "Armas")
    static let timeline = UIText("Timeline", "Cronología")
    static let linkChart = UIText("Link chart", "Diagrama de vínculos")
    static let pathFinder = UIText("Path finder", "Buscador de rutas")
    static let from = UIText("From", "Desde")
    static let to = UIText("To", "Hasta")
    static let find = UIText("Find", "Buscar")
    static let menu = UIText("Menu", "Menú")
    static let invalidFilter = UIText("Invalid filter", "Filtro no válido")
    // The columns of rejected rows.
    static let line = UIText("Line", "Línea")
    static let column = UIText("Column", "Columna")
    static let field = UIText("Field", "Campo")
    static let value = UIText("Value", "Valor")
    static let reason = UIText("Reason", "Motivo")
    static let formExpired = UIText("The form has expired", "El formulario caducó")
    static let badRequest = UIText("Bad request", "Solicitud no válida")
    static let logInFirst = UIText("Please log in", "Inicie sesión")
    static let methodNotAllowed = UIText("Not allowed here", "No permitido aquí")
    static let tooLarge = UIText("Too large", "Demasiado grande")
    static let tooManyAttempts = UIText("Too many attempts", "Demasiados intentos")
    static let serverError = UIText("Server error", "Error del servidor")
    static let correctTheFilter = UIText(
        "Correct the filter below and apply it again.",
        "Corrija el filtro de abajo y vuelva a aplicarlo."
    )
    static let withoutFilters = UIText("The page without filters", "La página sin filtros")
    static let traceNumber = UIText("Trace", "Rastreo")
    static let pointsEach = UIText("Weight × times counted", "Peso × veces contadas")
    static let cappedAt = UIText("cap", "tope")
    static let pathFromHere = UIText("Find a path from here", "Buscar una ruta desde aquí")
    static let entityHint = UIText(
        "a pseudonym (P-0000012), licence number, serial, or person:12, dealer:3, firearm:45, recovery:7, event:9",
        "un seudónimo (P-0000012), número de licencia, serie, o person:12, dealer:3, firearm:45, recovery:7, event:9"
    )
    static let downloadCSVSpanish = UIText("CSV in Spanish", "CSV en español")
    static let noPath = UIText("No chain of links joins them.", "Ninguna cadena de vínculos los une.")
    static let notFound = UIText("Not found", "No encontrado")
    static let forbidden = UIText("Your role does not allow this page.", "Su rol no permite ver esta página.")
    static let fieldErrors = UIText("Please correct the marked fields.", "Corrija los campos marcados.")
    static let stored = UIText("Traced and stored", "Rastreada y guardada")
    static let rejections = UIText("Rejections", "Rechazos")
    static let role = UIText("Role", "Rol")
    static let add = UIText("Add", "Agregar")
    static let remove = UIText("Remove", "Eliminar")
    static let language = UIText("Español", "English")
    static let provenance = UIText("Provenance", "Procedencia")
    static let events = UIText("Events", "Eventos")
    static let dealerPage = UIText("Dealer", "Armería")
    static let indicators = UIText("Indicators", "Indicadores")
    static let rowsRead = UIText("Rows read", "Filas leídas")
    static let rowsStored = UIText("Rows stored", "Filas guardadas")
    static let rowsRejected = UIText("Rows rejected", "Filas rechazadas")
    static let when = UIText("When", "Cuándo")
    static let who = UIText("Who", "Quién")
    static let what = UIText("What", "Qué")
    static let target = UIText("Target", "Objeto")
    static let detail = UIText("Detail", "Detalle")
    static let file = UIText("File", "Archivo")
    static let format = UIText("Format", "Formato")
    static let id = UIText("ID", "ID")
    static let date = UIText("Date", "Fecha")
    static let none = UIText("none", "ninguno")
    static let requestID = UIText("Request ID", "ID de solicitud")
    static let manufacturer = UIText("Manufacturer", "Fabricante")
    static let model = UIText("Model", "Modelo")
    static let caliber = UIText("Caliber", "Calibre")
    static let obliterated = UIText("Serial obliterated", "Serie borrada")
    static let recoveryDate = UIText("Recovery date (YYYY-MM-DD)", "Fecha de recuperación (AAAA-MM-DD)")
    static let recoveryCountry = UIText("Country of recovery (MX, US)", "País de recuperación (MX, US)")
    static let recoveryArea = UIText("Area of recovery", "Área de recuperación")
    static let ncic = UIText("NCIC offence code", "Código de delito NCIC")
    static let agency = UIText("Agency ORI", "ORI de la agencia")
    static let caseNumber = UIText("Case number", "Número de caso")
    static let myRequests = UIText("My requests", "Mis solicitudes")
    static let importer = UIText("Importer", "Importador")
    static let countryOfOrigin = UIText("Country of manufacture", "País de fabricación")
    static let priority = UIText("Priority", "Prioridad")
    static let urgent = UIText("urgent", "urgente")
    static let routine = UIText("routine", "rutina")
    static let batchHelp = UIText(
        "A CSV file in the trace-request layout (one row per recovered firearm). Rows with problems are listed, not dropped.",
        "Un archivo CSV con el formato de solicitudes de rastreo (una fila por arma recuperada). Las filas con problemas se listan, no se descartan."
    )
    static let required = UIText("required", "obligatorio")
}

/// Spanish for the report engine's fixed strings. Names (places, dealers, actors) stay as written.
enum Glossary {
    static func translatePattern(_ s: String) -> String {
        // "25,000 traces selected of 25,000." and similar counted notes.
        let rules: [(String, String)] = [
            (" traces selected of ", " rastreos seleccionados de "),
            (" events selected; ", " eventos seleccionados; "),
            (
                " of these events are located only by state: they are counted for the municipality's whole state (",
                " de estos eventos solo están ubicados por estado: se cuentan para todo el estado del municipio ("
            ),
            ("), not placed in the municipality.", "), no dentro del municipio."),
            (
                " months lie outside the period of every event dataset loaded (its first to its last event; press reports count only for their own dates): they are left blank in the table by month and drawn as a gap, not as zero.",
                " meses quedan fuera del periodo de todo conjunto de eventos cargado (de su primer a su último evento; las notas de prensa solo cuentan para sus propias fechas): en la tabla por mes quedan en blanco y en el gráfico como un hueco, no como cero."
            ),
            (
                " events are dated only to a range of months (UCDP's year or month precision): the table by month spreads each evenly over its months, with its fatalities, rather than piling it into the first (counts there can have decimals).",
                " eventos están fechados solo con un rango de meses (precisión de año o de mes de UCDP): la tabla por mes reparte cada uno por igual entre sus meses, con sus víctimas mortales, en lugar de acumularlo en el primero (ahí los conteos pueden tener decimales)."
            ),
            (" recovered guns linked to them; ", " armas recuperadas vinculadas a ellos; "),
            (" traced to a dealer.", " rastreadas hasta una armería."),
            (" events, ", " eventos, "),
            (" fatalities.", " víctimas mortales."),
            ("Filter: none (all records)", "Filtro: ninguno (todos los registros)"),
            ("Filter: ", "Filtro: "),
            ("Years: ", "Años: "),
            (" (top ", " (primeros "),
            // Source lines.
            (
                "IronTrace trace records and armed-violence events",
                "registros de rastreo de IronTrace y eventos de violencia armada"
            ),
            ("IronTrace trace records", "registros de rastreo de IronTrace"),
            ("Armed-violence events: ", "Eventos de violencia armada: "),
            ("population: CONAPO projections, INEGI census", "población: proyecciones de CONAPO, censo del INEGI"),
            (
                "population: US Census Bureau state estimates",
                "población: estimaciones estatales de la Oficina del Censo de EE. UU."
            ),
            ("SESNSP, incidencia delictiva; population: ", "SESNSP, incidencia delictiva; población: "),
            ("threshold: ATF Demand Letter 2 program", "umbral: programa Demand Letter 2 de la ATF"),
            (": press, synthetic", ": prensa, sintético"),
            // Provenance notes (AggregateProvenance).
            ("Figures from imports: ", "Cifras de las importaciones: "),
            ("Where imports disagree, values come from ", "Donde las importaciones discrepan, los valores vienen de "),
            (" (`--prefer` changes it): ", " (`--prefer` lo cambia): "),
            ("Each figure's rows, files and lines: ", "Filas, archivos y líneas de cada cifra: "),
            (" (`irontrace info` lists every conflict).", " (`irontrace info` lista cada conflicto)."),
            // Event subtypes after their type ("Battles: Armed clash").
            (": Armed clash", ": enfrentamiento armado"), (": Attack", ": ataque"),
            (": Abduction/forced disappearance", ": secuestro/desaparición forzada"), (": Arrests", ": detenciones"),
            (": Air/drone strike", ": ataque aéreo o con dron"), (": Grenade", ": granada"),
            (": Shelling/artillery/missile attack", ": bombardeo, artillería o misiles"),
            ("Battles: ", "Enfrentamientos: "), ("Violence against civilians: ", "Violencia contra civiles: "),
            ("Strategic developments: ", "Acontecimientos estratégicos: "),
            ("Explosions/Remote violence: ", "Explosiones/violencia a distancia: "),
        ]
        var out = s
        for (a, b) in rules where out.contains(a) { out = out.replacingOccurrences(of: a, with: b) }
        // The filter's parameter names.
        if out.hasPrefix("Filtro: ") {
            for (a, b) in [
                ("area=", "área="), ("years=", "años="), ("type=", "tipo="), ("country=", "país="),
                ("source-state=", "estado-de-origen="), ("dealer=", "armería="), ("event=", "evento="),
            ] {
                out = out.replacingOccurrences(of: a, with: b)
            }
        }
        // Numbers written the English way inside a sentence (2,503) group as Spanish does (2 503).
        if let re = CompiledPattern.named(#"(\d),(\d{3})\b"#)?.expression {
            var previous = ""
            while previous != out {
                previous = out
                out = re.stringByReplacingMatches(
                    in: out,
                    range: NSRange(out.startIndex..., in: out),
                    withTemplate: "$1\u{202F}$2"
                )
            }
        }
        return out
    }

    static let spanish: [String: String] = [
        // Report titles
        "Trace summary": "Resumen de rastreos",
        "Source states": "Estados de origen",
        "Flows from source to recovery": "Flujos del origen a la recuperación",
        "Firearm types, calibers and manufacturers": "Tipos de arma, calibres y fabricantes",
        "Time-to-crime": "Tiempo al delito",
        "Crime categories": "Categorías de delito",
        "Dealers": "Armerías",
        "Multiple sales among recovered guns": "Ventas múltiples entre las armas recuperadas",
        "Homicides and firearm homicides": "Homicidios y homicidios con arma de fuego",
        "Firearm share of homicides, by source": "Proporción de homicidios con arma de fuego, por fuente",
        "US firearms commerce (ATF)": "Comercio de armas de fuego en EE. UU. (ATF)",
        "Armed-violence events": "Eventos de violencia armada",
        "Provenance: which dealers armed which violence": "Procedencia: qué armerías armaron qué violencia",
        // Table titles
        "By actor (top 20)": "Por actor (20 principales)",
        "By event type": "Por tipo de evento",
        "By month": "Por mes",
        "By month: Mexico": "Por mes: México",
        "By source dataset": "Por fuente de datos",
        "By state": "Por estado",
        "By sub-event type": "Por subtipo de evento",
        "Calibers (top 20)": "Calibres (20 principales)",
        "Concentration of traces among dealers": "Concentración de rastreos entre armerías",
        "Crime categories of the recoveries": "Categorías de delito de las recuperaciones",
        "Dealers ranked by traces (top 25)": "Armerías por número de rastreos (25 principales)",
        "Dealers whose guns were recovered at these events": "Armerías cuyas armas se recuperaron en estos eventos",
        "Demand Letter 2 candidates (25+ traces with time-to-crime ≤ 3 years in a year)":
            "Candidatas a Demand Letter 2 (25+ rastreos con tiempo al delito ≤ 3 años en un año)",
        "Firearm types": "Tipos de arma",
        "Homicide rates of all municipalities with figures": "Tasas de homicidio de todos los municipios con cifras",
        "Homicides and rates by state": "Homicidios y tasas por estado",
        "Manufacturers (top 20)": "Fabricantes (20 principales)",
        "Municipalities of 300,000 people or more, ranked by homicide rate":
            "Municipios de 300 000 habitantes o más, por tasa de homicidios",
        "Recovered guns bought in a multiple sale": "Armas recuperadas compradas en una venta múltiple",
        "Recovered guns linked to the events": "Armas recuperadas vinculadas a los eventos",
        "Source country of the traced guns": "País de origen de las armas rastreadas",
        "Source states of US-sourced traced guns": "Estados de origen de las armas rastreadas de EE. UU.",
        "Source × recovery matrix (top sources and recovery areas)":
            "Matriz origen × recuperación (principales orígenes y áreas)",
        "Time-to-crime (ATF ranges)": "Tiempo al delito (rangos de la ATF)",
        "Time-to-crime by firearm type": "Tiempo al delito por tipo de arma",
        "Time-to-crime of multiple-sale and single-sale guns": "Tiempo al delito de armas de venta múltiple y simple",
        "Top corridors across a state line or the border":
            "Principales corredores entre estados o a través de la frontera",
        "Trace outcomes": "Resultados de los rastreos",
        "Traces by area of recovery": "Rastreos por área de recuperación",
        "Traces by country of recovery": "Rastreos por país de recuperación",
        "Traces by year of recovery": "Rastreos por año de recuperación",
        "Trafficking markers": "Indicadores de tráfico",
        "Trend: Mexico": "Tendencia: México",
        "US recoveries bought in the state of recovery": "Recuperaciones en EE. UU. compradas en el mismo estado",
        "Where the guns came from": "De dónde vinieron las armas",
        // Columns
        "Actor": "Actor", "Area": "Área", "Area code": "Clave de área", "Caliber": "Calibre", "Category": "Categoría",
        "City": "Ciudad", "Class": "Clase", "Completed": "Completados", "Country": "País", "Dataset": "Fuente",
        "Dealer": "Armería", "Dealer licence": "Licencia", "Event": "Evento", "Event date": "Fecha del evento",
        "Event type": "Tipo de evento", "Events": "Eventos", "Fatalities": "Víctimas mortales",
        "Fatalities at those events": "Víctimas mortales en esos eventos", "Firearm": "Arma",
        "Firearm homicide victims (SESNSP)": "Víctimas de homicidio con arma de fuego (SESNSP)",
        "Firearm homicide victims rate (SESNSP)": "Tasa de víctimas de homicidio con arma de fuego (SESNSP)",
        "Firearm share (SESNSP)": "Proporción con arma de fuego (SESNSP)", "Guns": "Armas", "Homicides": "Homicidios",
        "mo.": "meses", "Months with figures": "Meses con cifras",
        "Licence": "Licencia", "Location": "Lugar", "Manufacturer": "Fabricante", "Marker": "Indicador",
        "Mean": "Media", "Measure": "Medida", "Median": "Mediana",
        "Median time-to-crime": "Mediana del tiempo al delito",
        "Month": "Mes", "Multiple sale": "Venta múltiple", "Multiple sale share": "Proporción de venta múltiple",
        "Municipality": "Municipio", "Non-US-sourced": "Origen fuera de EE. UU.",
        "Non-US-sourced share": "Proporción de origen fuera de EE. UU.", "Other areas": "Otras áreas",
        "Outcome": "Resultado", "Population": "Población", "Population source": "Fuente de población",
        "Population year": "Año de población", "Rank": "Lugar", "Rate": "Tasa", "Rate (SESNSP)": "Tasa (SESNSP)",
        "Recovered in": "Recuperada en", "Recovered in Mexico": "Recuperadas en México", "Sale": "Venta",
        "Share": "Proporción", "Share of US-sourced": "Proporción de las de EE. UU.",
        "Share of dealers": "Proporción de armerías", "Share of traces": "Proporción de rastreos",
        "Single sale": "Venta simple", "Single sale share": "Proporción de venta simple", "Source": "Origen",
        "Source state": "Estado de origen", "State": "Estado", "Sub-event type": "Subtipo de evento",
        "Three years or less": "Tres años o menos",
        "Time from sale to recovery": "Tiempo de la venta a la recuperación",
        "Time-to-crime three years or less": "Tiempo al delito de tres años o menos", "Total": "Total",
        "Traces": "Rastreos", "Traces with a sale date": "Rastreos con fecha de venta",
        "Traces with time-to-crime ≤ 3 years": "Rastreos con tiempo al delito ≤ 3 años", "Type": "Tipo",
        "US-sourced": "Origen en EE. UU.", "US-sourced share": "Proporción de origen en EE. UU.",
        "Under one year": "Menos de un año", "Undetermined": "Indeterminado",
        "Undetermined share": "Proporción indeterminada",
        "Value": "Valor", "Year": "Año",
        // Units
        "traces": "rastreos", "count": "número", "days": "días", "deaths": "muertes", "events": "eventos",
        "guns": "armas", "per 100,000": "por 100 000", "per 100,000 per year": "por 100 000 al año",
        "residents": "habitantes", "traces per 100,000 residents": "rastreos por 100 000 habitantes",
        "traces per 100,000 residents per year": "rastreos por 100 000 habitantes al año",
        "traces recovered outside the state per 100,000 residents":
            "rastreos recuperados fuera del estado por 100 000 habitantes",
        "traces recovered outside the state per 100,000 residents per year":
            "rastreos recuperados fuera del estado por 100 000 habitantes al año",
        "Recovered outside the state": "Recuperadas fuera del estado", "Export rate": "Tasa de exportación",
        "All-traces rate": "Tasa de todos los rastreos", "months": "meses", "years": "años",
        // Labels
        "< 3 months": "< 3 meses", "All types": "Todos los tipos",
        // ATF's time-to-crime bands and the firearm classes and types the filters offer.
        "3-7 months": "3-7 meses", "7 months-1 year": "7 meses-1 año", "1-2 years": "1-2 años",
        "2-3 years": "2-3 años", "3+ years": "3+ años",
        "handgun": "arma corta", "long gun": "arma larga", "machine gun": "ametralladora",
        "receiver frame": "receptor o armazón", "derringer": "derringer", "unknown": "desconocido",
        "organized_crime": "delincuencia organizada",
        "Bought in a multiple sale": "Comprada en venta múltiple",
        "Bought in another state": "Comprada en otro estado",
        "Bought in the state of recovery": "Comprada en el estado de recuperación",
        "Completed to dealer only": "Completado solo hasta la armería",
        "Completed to purchaser": "Completado hasta el comprador",
        "Dealers behind 50% of traces": "Armerías detrás del 50 % de los rastreos",
        "Dealers behind 90% of traces": "Armerías detrás del 90 % de los rastreos",
        "Gini coefficient (all licensees)": "Coeficiente de Gini (todas las licencias)", "Licensees": "Licencias",
        "Licensees with traces": "Licencias con rastreos", "Mexico": "México", "Not traced": "No rastreado",
        "Obliterated serial": "Serie borrada", "Traces with a dealer": "Rastreos con armería",
        "US recoveries with a US source state": "Recuperaciones en EE. UU. con estado de origen",
        "United States": "Estados Unidos", "aggravated assault": "lesiones agravadas",
        "burglary": "robo a casa habitación",
        "drugs": "drogas", "found firearm": "arma encontrada", "homicide": "homicidio",
        "organized crime": "delincuencia organizada",
        "other": "otro", "pistol": "pistola", "possession of weapon": "posesión de arma", "revolver": "revólver",
        "rifle": "rifle", "robbery": "robo", "shotgun": "escopeta", "suicide": "suicidio",
        "weapon offense": "delito con arma",
        "privately made": "de fabricación casera", "synthetic": "sintético", "press": "prensa",
        "Battles": "Enfrentamientos", "Violence against civilians": "Violencia contra civiles",
        "Explosions/Remote violence": "Explosiones/violencia a distancia",
        "Strategic developments": "Acontecimientos estratégicos",
        "Time-to-crime is the time from the first retail sale to the recovery; only traces with a known sale date count.":
            "El tiempo al delito va de la primera venta al menudeo a la recuperación; solo cuentan los rastreos con fecha de venta conocida.",
        "Multiple sales: two or more handguns (or reportable rifles in border states) to one buyer within five business days, as reported to ATF.":
            "Ventas múltiples: dos o más armas cortas (o rifles reportables en estados fronterizos) a un comprador en cinco días hábiles, según se reportan a la ATF.",
        "INEGI counts deaths from death certificates by year of registration; SESNSP counts investigation files (carpetas) and victims opened by state prosecutors. They differ; each figure keeps its source.":
            "El INEGI cuenta defunciones por certificado de defunción según el año de registro; el SESNSP cuenta carpetas de investigación y víctimas abiertas por las fiscalías estatales. Difieren; cada cifra conserva su fuente.",
        // Chart titles and axes
        "Armed-violence events by actor": "Eventos de violencia armada por actor",
        "Armed-violence events by type": "Eventos de violencia armada por tipo", "Bought in": "Comprada en",
        "Calibers": "Calibres",
        "Crime-gun exports per 100,000 residents": "Armas del delito exportadas por 100 000 habitantes",
        "Dealers ranked by traces": "Armerías por número de rastreos",
        "Dealers whose guns were recovered at the events": "Armerías cuyas armas se recuperaron en los eventos",
        "Events / deaths": "Eventos / muertes", "Events and fatalities by month": "Eventos y víctimas mortales por mes",
        "Of which spread from longer date ranges": "De ellos, repartidos de rangos de fechas más largos",
        "Homicide rate by municipality": "Tasa de homicidios por municipio", "Manufacturers": "Fabricantes",
        "Multiple-sale guns by time-to-crime": "Armas de venta múltiple por tiempo al delito",
        "Time from retail sale to recovery": "Tiempo de la venta al menudeo a la recuperación",
        "Traced guns by source state": "Armas rastreadas por estado de origen",
        "Traced guns recovered in Mexico, by state": "Armas rastreadas recuperadas en México, por estado",
        "Traced guns recovered in the United States, by state":
            "Armas rastreadas recuperadas en Estados Unidos, por estado",
        "Traces by year of recovery and source country": "Rastreos por año de recuperación y país de origen",
        "Where guns bought in one state were recovered": "Dónde se recuperaron las armas compradas en cada estado",
        "Where the guns recovered at the events came from": "De dónde vinieron las armas recuperadas en los eventos",
        "Year of recovery": "Año de recuperación",
        // Lead kinds
        "straw-ring": "red de prestanombres", "unlicensed-dealing": "venta sin licencia",
        "theft-from-dealer": "robo a armería",
    ]
}

extension Language {
    /// A role's name as people read it (the stored value stays `viewer`, `analyst`, `admin`).
    func roleName(_ raw: String) -> String {
        guard self == .es else { return raw }
        switch raw {
        case "viewer": return "consulta"
        case "analyst": return "analista"
        case "admin": return "administración"
        default: return raw
        }
    }

    /// An error's message in the page's language: the known sentences rewritten, anything else as
    /// the server wrote it.
    func errorMessage(_ s: String) -> String {
        guard self == .es else { return s }
        let fixed = [
            "Not Found": "La página no existe.",
            "personal data needs the analyst role": "los datos personales requieren el rol de analista",
            "the request body is larger than this route accepts":
                "el cuerpo de la solicitud es mayor de lo que admite esta ruta",
            "Method Not Allowed": "Método no permitido.",
            "Bad Request": "Solicitud incorrecta.",
            "Internal Server Error": "Error interno del servidor.",
        ]
        if let v = fixed[s] { return v }
        if let g = Self.groups(#"^this needs the (\w+) role; you are (\w+)$"#, s) {
            return "hace falta el rol de \(roleName(g[1])); su rol es \(roleName(g[2]))"
        }
        // The store's reasons for a refused user (IronTraceStore+Access, PostgresStore+Access).
        if let g = Self.groups(#"^user '(.*)' already exists$"#, s) { return "el usuario '\(g[1])' ya existe" }
        if let g = Self.groups(#"^user name '(.*)' must be 1–64 characters without spaces or ':'$"#, s) {
            return "el nombre de usuario '\(g[1])' debe tener de 1 a 64 caracteres, sin espacios ni ':'"
        }
        if let g = Self.groups(#"^no user named '(.*)'$"#, s) { return "no hay ningún usuario llamado '\(g[1])'" }
        // A filter's problem (ReportFilter.Problem: "key=value: reason"): the filter by its label on
        // the form, the reason in Spanish.
        if let g = Self.groups(#"^(country|area|years|type|source-state|source_state|dealer|event)=(.*?): (.*)$"#, s) {
            return "\(filterLabel(g[1])) «\(g[2])»: \(filterReason(g[3]))"
        }
        if let g = Self.groups(#"^(\S+): the value has spaces or line breaks around it$"#, s) {
            return "\(filterLabel(g[1])): el valor tiene espacios o saltos de línea alrededor"
        }
        return s
    }

    /// A report filter's key as the filter form labels it in Spanish.
    func filterLabel(_ key: String) -> String {
        switch key {
        case "country": "País de recuperación"
        case "area": "Área"
        case "years": "Años"
        case "type": "Tipo de arma"
        case "source-state", "source_state": "Estado de origen"
        case "dealer": "Armería"
        case "event": "Evento"
        default: key
        }
    }

    /// The reasons ReportFilter, AreaTerm and AreaCode give for a refused filter value, in Spanish;
    /// lists of codes and names inside them stay as written.
    func filterReason(_ r: String) -> String {
        let fixed = [
            "expected a two-letter country code (MX, US)": "se esperaba un código de país de dos letras (MX, US)",
            "expected a year (2019) or a range (2015-2020)": "se esperaba un año (2019) o un intervalo (2015-2020)",
            "expected an event id (a positive integer)": "se esperaba el id de un evento (un entero positivo)",
        ]
        if let v = fixed[r] { return v }
        if let g = Self.groups(#"^unknown firearm type '(.*)' \(types: (.*); classes: (.*)\)$"#, r) {
            return "tipo de arma desconocido «\(g[1])» (tipos: \(g[2]); clases: \(g[3]))"
        }
        if let g = Self.groups(#"^group '(.*)' has no US states$"#, r) {
            return "el grupo «\(g[1])» no tiene estados de EE. UU."
        }
        if let g = Self.groups(#"^'(.*)' is not a US state \(USPS code, name or a group such as us-i95\)$"#, r) {
            return "«\(g[1])» no es un estado de EE. UU. (código USPS, nombre o un grupo como us-i95)"
        }
        if let g = Self.groups(#"^unknown filter \(filters: (.*)\)$"#, r) {
            return "filtro desconocido (filtros: \(g[1]))"
        }
        if let g = Self.groups(#"^'(.*)': '(.*)' is not a Mexican state$"#, r) {
            return "«\(g[1])»: «\(g[2])» no es un estado de México"
        }
        if let g = Self.groups(#"^'(.*)': ambiguous: (\d+) municipalities have this name: (.*)$"#, r) {
            return "«\(g[1])»: ambiguo: \(g[2]) municipios tienen este nombre: \(g[3])"
        }
        if let g = Self.groups(
            #"^'(.*)': not an area: expected MX-SS, MX-SSMMM, US-XX, a state or municipality name, or a group \((.*)\)$"#,
            r
        ) {
            return
                "«\(g[1])»: no es un área: se esperaba MX-SS, MX-SSMMM, US-XX, el nombre de un estado o municipio, o un grupo (\(g[2]))"
        }
        return r
    }
}
