import Foundation
import IronTraceCore
import IronTracePresentation

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
    static let requestedOn = UIText("Requested", "Solicitado")
    static let submittedBy = UIText("Submitted by", "Enviado por")
}

extension Language {
    /// A UI string in this language.
    func t(_ key: UIText) -> String { self == .en ? key.en : key.es }
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
            Country.codeProblem:
                "no es un código de país ISO 3166-1 de dos letras (MX, US, GT)",
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
