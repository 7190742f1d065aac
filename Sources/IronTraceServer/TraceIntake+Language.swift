import IronTraceCore
import IronTraceFormats
import IronTracePresentation

/// The reasons trace intake gives (``TraceRequestForm``, ``TraceRequest/validate()``, the area and
/// date parsers), in the reader's language: the web form, the API and a batch's rejected rows say
/// the same thing in the same words.
extension Language {
    /// One reason in this language; a reason it does not know stays as written.
    func intakeReason(_ reason: String) -> String {
        guard self == .es else { return reason }
        if let v = Self.intakeSpanish[reason] { return v }
        if let g = Self.groups(#"^too long: (\d+) characters, at most (\d+)$"#, reason) {
            return "demasiado largo: \(g[1]) caracteres, máximo \(g[2])"
        }
        if let g = Self.groups(#"^impossible date: there is no month (\d+)$"#, reason) {
            return "fecha imposible: no existe el mes \(g[1])"
        }
        if let g = Self.groups(#"^impossible date: year (\d+) is outside 1800-2200$"#, reason) {
            return "fecha imposible: el año \(g[1]) está fuera de 1800-2200"
        }
        if let g = Self.groups(#"^impossible date: ([A-Za-z]+) (\d+) has (\d+) days, not (\d+)$"#, reason) {
            let months = [
                "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
                "November", "December",
            ]
            let spanish = [
                "enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre",
                "noviembre", "diciembre",
            ]
            let month = months.firstIndex(of: g[1]).map { spanish[$0] } ?? g[1]
            return "fecha imposible: \(month) de \(g[2]) tiene \(g[3]) días, no \(g[4])"
        }
        if let g = Self.groups(
            #"^serial contains characters that do not occur on US serial numbers: (.*); kept as typed \(check the reading: Ñ for N, O for 0, \.\.\.\)$"#,
            reason
        ) {
            return
                "la serie contiene caracteres que no aparecen en series de EE. UU.: \(g[1]); se conserva tal como se escribió (revise la lectura: Ñ por N, O por 0, ...)"
        }
        if let g = Self.groups(#"^(.*); expected MX-14, MX-14039 or US-TX$"#, reason) {
            return (Self.intakeSpanish[g[1]] ?? g[1]) + "; se esperaba MX-14, MX-14039 o US-TX"
        }
        if let g = Self.groups(#"^no recovery with id (\d+) in this database$"#, reason) {
            return "ninguna recuperación con id \(g[1]) en esta base de datos"
        }
        if let g = Self.groups(#"^request id repeated in this file \(first on line (\d+)\)$"#, reason) {
            return "id de solicitud repetido en este archivo (primero en la línea \(g[1]))"
        }
        if let g = Self.groups(#"^request id already stored as trace (\d+)$"#, reason) {
            return "id de solicitud ya guardado como rastreo \(g[1])"
        }
        if let g = Self.groups(#"^expected (\d+) fields, found (\d+)$"#, reason) {
            return "se esperaban \(g[1]) campos, hay \(g[2])"
        }
        // A batch row's problems together: "3 problems: recovery_date '…': reason; type '…': reason".
        if let g = Self.groups(#"^(\d+) problems: (.*)$"#, reason) {
            let parts = Self.problemParts(g[2]).map { part -> String in
                guard let colon = part.range(of: ": ") else { return part }
                return part[..<colon.lowerBound] + ": " + intakeReason(String(part[colon.upperBound...]))
            }
            return "\(g[1]) problemas: " + parts.joined(separator: "; ")
        }
        return reason
    }

    /// Splits "field 'v': reason; field: reason" at each "; " that starts another field's problem
    /// (a reason may itself contain "; ").
    static func problemParts(_ s: String) -> [String] {
        let fields = TraceRequestCodec.header
        var parts: [String] = []
        var current = ""
        var rest = Substring(s)
        while let r = rest.range(of: "; ") {
            let after = rest[r.upperBound...]
            current += rest[..<r.lowerBound]
            let startsField = fields.contains { f in
                after.hasPrefix(f + ": ") || after.hasPrefix(f + " '")
            }
            if startsField {
                parts.append(current)
                current = ""
            } else {
                current += "; "
            }
            rest = after
        }
        parts.append(current + rest)
        return parts
    }

    static let intakeSpanish: [String: String] = [
        "required": "obligatorio",
        TraceRequestForm.slashDate:
            "escriba la fecha como AAAA-MM-DD: una fecha como 05/03/2026 es el 5 de marzo en México y el 3 de mayo en Estados Unidos",
        TraceRequestForm.unknownType:
            "tipo de arma desconocido (pistol, revolver, rifle, shotgun, derringer, machine gun, receiver/frame, privately made; en español pistola, revólver, rifle, fusil, escopeta)",
        "expected YYYY-MM-DD": "se esperaba una fecha AAAA-MM-DD",
        "the date is in the future": "la fecha está en el futuro",
        "expected routine or urgent": "se esperaba rutina o urgente",
        "expected true/false": "se esperaba sí o no (true/false)",
        Country.codeProblem:
            "no es un código de país ISO 3166-1 de dos letras (MX, US, GT)",
        "expected a positive whole number": "se esperaba un entero positivo",
        "required: a trace needs the manufacturer": "obligatorio: un rastreo necesita el fabricante",
        "not in the manufacturer catalog; traced on the serial alone":
            "no está en el catálogo de fabricantes; se rastrea solo por la serie",
        "obliterated with no readable characters": "borrada, sin caracteres legibles",
        "required: a trace needs the serial number": "obligatorio: un rastreo necesita el número de serie",
        "fewer than 3 readable characters": "menos de 3 caracteres legibles",
        "after the request date": "posterior a la fecha de la solicitud",
        "expected an ISO 3166-1 alpha-2 code": "se esperaba un código ISO 3166-1 de dos letras",
        "an ORI is 9 letters and digits, the state's code first (TX0000000)":
            "un ORI tiene 9 letras y dígitos, primero el código del estado (TX0000000)",
        "NCIC offence codes are 4 digits": "los códigos de delito NCIC tienen 4 dígitos",
        "unknown US state code": "código de estado de EE. UU. desconocido",
        "unknown Mexican state": "estado de México desconocido",
        "INEGI state code must be 01-32": "la clave de estado del INEGI debe ser 01-32",
        "INEGI municipality code must be SSMMM with state 01-32":
            "la clave de municipio del INEGI debe ser SSMMM con estado 01-32",
        "expected MX-SS (state) or MX-SSMMM (municipality)": "se esperaba MX-SS (estado) o MX-SSMMM (municipio)",
        "not an ISO 3166-1 country code": "no es un código de país ISO 3166-1",
        "expected US, MX, US-XX, MX-SS, MX-SSMMM or a 2-letter country code":
            "se esperaba US, MX, US-XX, MX-SS, MX-SSMMM o un código de país de dos letras",
    ]
}
