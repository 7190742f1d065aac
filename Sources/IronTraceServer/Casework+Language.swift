import IronTraceCore
import IronTracePresentation

/// The words of cases, watch lists and alerts, in both languages.
extension UIText {
    static let cases = UIText("Cases", "Casos")
    static let caseWord = UIText("Case", "Caso")
    static let alerts = UIText("Alerts", "Alertas")
    static let watchList = UIText("Watch list", "Lista de vigilancia")
    static let openCase = UIText("Open a case", "Abrir un caso")
    static let openCaseFromLead = UIText("Open a case from this lead", "Abrir un caso con esta pista")
    static let openCaseWithThis = UIText("Open a case with this entity", "Abrir un caso con esta entidad")
    static let addToCase = UIText("Add to case", "Agregar al caso")
    static let title = UIText("Title", "Título")
    static let status = UIText("Status", "Estado")
    static let referredTo = UIText("Referred to", "Remitido a")
    static let referralAgency = UIText("Agency (for a referral)", "Institución (para remitir)")
    static let owner = UIText("Owner", "Responsable")
    static let opened = UIText("Opened", "Abierto")
    static let updated = UIText("Updated", "Actualizado")
    static let origin = UIText("Opened from", "Abierto desde")
    static let restricted = UIText(
        "Restricted: only its owner and administrators see it",
        "Restringido: solo lo ven su responsable y los administradores"
    )
    static let visibleToAnalysts = UIText("Every analyst sees it", "Lo ven todos los analistas")
    static let access = UIText("Access", "Acceso")
    static let restrictedShort = UIText("restricted", "restringido")
    static let entities = UIText("Entities", "Entidades")
    static let entity = UIText("Entity", "Entidad")
    static let addedBy = UIText("Added by", "Agregado por")
    static let notes = UIText("Notes", "Notas")
    static let addNote = UIText("Add a note", "Agregar una nota")
    static let save = UIText("Save", "Guardar")
    static let changeStatus = UIText("Change status", "Cambiar estado")
    static let noCases = UIText("No cases yet.", "Todavía no hay casos.")
    static let noNotes = UIText("No notes yet.", "Todavía no hay notas.")
    static let noEntities = UIText("No entities yet.", "Todavía no hay entidades.")
    static let notInData = UIText(
        "not in the current data (kept as recorded)",
        "no está en los datos actuales (se conserva como se registró)"
    )
    /// A watch on a licence or person no record names yet: allowed (a unit may watch for a dealer
    /// before its first trace), and said so, since a mistyped licence looks the same.
    static let watchNotInData = UIText(
        "in no record yet: an alert is raised when a new trace names it",
        "todavía en ningún registro: se emitirá una alerta cuando un rastreo nuevo lo mencione"
    )
    static let inCases = UIText("In cases", "En casos")
    static let watchThis = UIText("Watch this", "Vigilar")
    static let watchKind = UIText("What to watch", "Qué vigilar")
    static let watchValue = UIText("Licence, pseudonym or serial pattern", "Licencia, seudónimo o patrón de serie")
    static let watchNote = UIText("Why (optional)", "Motivo (opcional)")
    static let startWatching = UIText("Start watching", "Empezar a vigilar")
    static let stopWatching = UIText("Stop watching", "Dejar de vigilar")
    static let watchHint = UIText(
        "A new trace that names a watched dealer or person, or a serial that fits a watched pattern (* any characters, ? one), raises one alert. Traces stored before the watch was set do not.",
        "Un rastreo nuevo que nombra una armería o persona vigilada, o una serie que encaja en un patrón vigilado (* cualquier secuencia, ? un carácter), levanta una alerta. Los rastreos guardados antes de empezar a vigilar no la levantan."
    )
    static let noWatches = UIText("Nothing is watched yet.", "Todavía no se vigila nada.")
    static let noAlerts = UIText("No alerts.", "No hay alertas.")
    static let markSeen = UIText("Mark seen", "Marcar como vista")
    static let seenBy = UIText("Seen by", "Vista por")
    static let raised = UIText("Raised", "Levantada")
    static let why = UIText("Why", "Motivo")
    static let showSeen = UIText("Show seen alerts too", "Mostrar también las vistas")
    static let showUnseen = UIText("Unseen only", "Solo las no vistas")
    static let since = UIText("Since", "Desde")
    static let active = UIText("Active", "Activa")
    static let ended = UIText("Ended", "Terminada")
    static let unseenAlerts = UIText("unseen", "sin ver")
}

extension Language {
    func statusName(_ s: CaseFile.Status) -> String {
        switch (s, self) {
        case (.open, .en): "open"
        case (.referred, .en): "referred"
        case (.closed, .en): "closed"
        case (.open, .es): "abierto"
        case (.referred, .es): "remitido"
        case (.closed, .es): "cerrado"
        }
    }

    func watchKindName(_ k: Watch.Kind) -> String {
        switch (k, self) {
        case (.dealer, .en): "dealer"
        case (.person, .en): "person"
        case (.serial, .en): "serial pattern"
        case (.dealer, .es): "armería"
        case (.person, .es): "persona"
        case (.serial, .es): "patrón de serie"
        }
    }

    /// Why an alert was raised, as a sentence: "trace 4512 traced the gun to this dealer".
    func alertReason(_ a: WatchAlert) -> String {
        let t = a.traceID
        switch (a.match, self) {
        case (.dealer, .en): return "trace \(t) traced a crime gun to this dealer"
        case (.purchaser, .en): return "trace \(t) found this person bought the crime gun"
        case (.possessor, .en): return "trace \(t): the gun was recovered from this person"
        case (.serial, .en): return "trace \(t): a serial fits this pattern"
        case (.dealer, .es): return "el rastreo \(t) llevó un arma del delito a esta armería"
        case (.purchaser, .es): return "el rastreo \(t) encontró que esta persona compró el arma del delito"
        case (.possessor, .es): return "rastreo \(t): el arma se recuperó en poder de esta persona"
        case (.serial, .es): return "rastreo \(t): una serie encaja en este patrón"
        }
    }

    /// An ISO 8601 timestamp as "2026-12-06 23:40 UTC".
    func stamp(_ iso: String) -> String {
        guard iso.count >= 16 else { return iso }
        return iso.prefix(10) + " " + iso.dropFirst(11).prefix(5) + " UTC"
    }
}
