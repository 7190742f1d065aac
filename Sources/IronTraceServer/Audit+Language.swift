import IronTraceCore
import IronTracePresentation

/// The audit log in the page's language. The log stores codes and details in English (it is a record
/// and is never rewritten); the page names each action in words beside its code, which is what the
/// action filter takes, and rewrites the details it knows.
extension Language {
    func auditActionName(_ code: String) -> String {
        guard self == .es else { return code }
        let names = [
            "export": "exportación", "user-add": "alta de usuario", "user-remove": "baja de usuario",
            "trace-lookup": "consulta de rastreo", "trace-list": "lista de rastreos",
            "trace-submit": "envío de rastreos",
            "pii-view": "datos personales vistos", "lead-view": "pista vista", "entity-view": "entidad vista",
            "case-view": "caso visto", "path-view": "ruta vista", "password-change": "cambio de contraseña",
            "login": "inicio de sesión", "login-failed": "inicio de sesión fallido",
            "login-blocked": "inicio de sesión bloqueado", "import": "importación",
            "resolve": "resolución de identidades",
            "resolve-same": "regla: misma persona", "resolve-different": "regla: personas distintas",
            "case-open": "caso abierto", "case-add": "entidades añadidas al caso",
            "case-remove": "entidad retirada del caso",
            "case-note": "nota en el caso", "case-status": "estado del caso", "watch-add": "vigilancia añadida",
            "watch-end": "vigilancia terminada", "pii-read": "lectura de datos personales",
            "token-create": "token creado",
            "token-revoke": "token revocado",
        ]
        return names[code] ?? code
    }

    /// An audit target: the named ones in words, ids (`trace:12`) as stored.
    func auditTarget(_ s: String) -> String { self == .es && s == "traces" ? "rastreos" : s }

    /// An audit detail in words: the known phrasings rewritten, anything else as stored.
    func auditDetail(_ s: String) -> String {
        guard self == .es else { return s }
        let fixed = [
            "page": "página", "api": "API", "trace page": "página del rastreo",
            "svg link chart": "diagrama de vínculos SVG",
            "json link chart": "diagrama de vínculos JSON", "svg timeline": "cronología SVG",
            "rejections csv": "CSV de filas rechazadas", "api trace": "rastreo por API", "csv": "CSV",
        ]
        if let v = fixed[s] { return v }
        if let g = Self.groups(#"^(api )?page (\d+): (\d+) of (\d+)$"#, s) {
            return (g[1].isEmpty ? "" : "API, ") + "página \(g[2]): \(g[3]) de \(g[4])"
        }
        if ["viewer", "analyst", "admin"].contains(s) { return roleName(s) }
        if let g = Self.groups(#"^csv (\d+) rows$"#, s) { return "CSV, \(g[1]) filas" }
        if let g = Self.groups(#"^note (\d+): (.*)$"#, s) { return "nota \(g[1]): \(g[2])" }
        if let g = Self.groups(#"^(dealer|person|serial) (.*)$"#, s),
            let kind = Watch.Kind(rawValue: g[1])
        {
            return "\(watchKindName(kind)) \(g[2])"
        }
        if let g = Self.groups(#"^(.*) · (\d+) entities( from (\S+))?( · restricted)?$"#, s) {
            return "\(g[1]) · \(g[2]) entidades" + (g[3].isEmpty ? "" : " desde \(g[4])")
                + (g[5].isEmpty ? "" : " · restringido")
        }
        if let g = Self.groups(#"^api depth (\d+)$"#, s) { return "API, profundidad \(g[1])" }
        if let g = Self.groups(#"^to (\S+)$"#, s) { return "hasta \(g[1])" }
        if let g = Self.groups(#"^(\d+) requests? from (.+)$"#, s) { return "\(g[1]) solicitudes desde \(g[2])" }
        return s
    }
}
