import Foundation
import IronTraceCore
import IronTracePresentation
import IronTraceTracing
import Synchronization

/// A trace result's explanations in the page's language. The engine writes them in English with
/// numbers, serials and names inside; each known sentence is recognised whole and rewritten, and a
/// sentence it does not know is shown as the engine wrote it (never half translated).
extension Language {
    /// A serial match kind (`one_edit`) in words.
    func serialMatchName(_ m: SerialMatch) -> String {
        guard self == .es else { return m.rawValue }
        switch m {
        case .exact: return "exacta"
        case .confusable: return "confundible"
        case .transposition: return "transposición"
        case .doubled: return "carácter duplicado"
        case .lost: return "carácter perdido"
        case .endChange: return "cambio en un extremo"
        case .oneEdit: return "una diferencia"
        case .twoEdits: return "dos diferencias"
        case .pattern: return "patrón"
        }
    }

    /// A score component: `serial +60 (exact serial)` / `serie +60 (serie exacta)`.
    func scoreComponent(_ c: ScoreComponent) -> String {
        guard self == .es else { return c.description }
        let names = [
            "serial": "serie", "manufacturer": "fabricante", "model": "modelo", "caliber": "calibre", "type": "tipo",
            "dates": "fechas", "place": "lugar", "dealer": "armería",
            "purchaser": "comprador", "traced": "ya rastreada", "limit": "límite",
        ]
        return "\(names[c.name] ?? c.name) \(c.points >= 0 ? "+" : "")\(c.points) (\(componentReason(c.reason)))"
    }

    func componentReason(_ s: String) -> String {
        guard self == .es else { return s }
        /// "42.0%" or "4.1" as written by the engine, in Spanish form.
        func number(_ text: String) -> String {
            let percent = text.hasSuffix("%")
            let value = Double(percent ? String(text.dropLast()) : text) ?? 0
            return percent ? self.percent(value / 100) : decimal(value, digits: 1)
        }
        let fixed = [
            "exact serial": "serie exacta",
            "a character doubled (one extra copy of a neighbour)":
                "un carácter duplicado (una copia de más de su vecino)",
            "one of a doubled pair of characters lost": "se perdió uno de un par de caracteres repetidos",
            "a character added at one end": "un carácter de más en un extremo",
            "a character lost at one end": "un carácter de menos en un extremo",
            "one character differs": "un carácter distinto", "one character missing": "falta un carácter",
            "one extra character": "un carácter de más", "two characters differ": "dos caracteres distintos",
            "same manufacturer": "mismo fabricante",
            "request manufacturer not resolved": "fabricante de la solicitud no identificado",
            "same model": "mismo modelo", "same caliber": "mismo calibre", "same type": "mismo tipo",
        ]
        if let v = fixed[s] { return v }
        if let g = Self.groups(#"^(\d+) confusable characters?: (.*)$"#, s) {
            return "\(g[1]) \(g[1] == "1" ? "carácter confundible" : "caracteres confundibles"): "
                + g[2].replacingOccurrences(of: " read for ", with: " leído por ")
        }
        if let g = Self.groups(
            #"^two adjacent characters swapped at positions (\d+)-(\d+) \((\S+) read as (\S+)\)$"#,
            s
        ) {
            return
                "dos caracteres contiguos intercambiados en las posiciones \(g[1])-\(g[2]) (\(g[3]) leído como \(g[4]))"
        }
        if let g = Self.groups(#"^matches all (\d+) readable characters, (\d+) unknown$"#, s) {
            return "coinciden los \(g[1]) caracteres legibles; \(g[2]) desconocidos"
        }
        if let g = Self.groups(#"^registry says (.+)$"#, s) { return "el registro dice \(g[1])" }
        if let g = Self.groups(#"^model (.+) overlaps$"#, s) { return "el modelo \(g[1]) coincide en parte" }
        if let g = Self.groups(#"^registry model (.+)$"#, s) { return "modelo en el registro: \(g[1])" }
        if let g = Self.groups(#"^registry caliber (.+)$"#, s) { return "calibre en el registro: \(g[1])" }
        if let g = Self.groups(#"^no registry sale in (.+)$"#, s) { return "ninguna venta registrada en \(g[1])" }
        if let g = Self.groups(#"^registry type (.+)$"#, s) { return "tipo en el registro: \(report(g[1]))" }
        if let g = Self.groups(#"^sold (-?\d+) days before recovery( \(a long gap is less likely\))?$"#, s) {
            return "vendida \(g[1]) días antes de la recuperación"
                + (g[2].isEmpty ? "" : " (un intervalo largo es menos probable)")
        }
        if let g = Self.groups(
            #"^sold in ([A-Z]{2}): ([\d.]+%) of US guns traced from Mexico come from [A-Z]{2}, against ([\d.]+%) of registry sales$"#,
            s
        ) {
            return
                "vendida en \(g[1]): el \(number(g[2])) de las armas de EE. UU. rastreadas desde México proceden de \(g[1]), frente al \(number(g[3])) de las ventas del registro"
        }
        if let g = Self.groups(
            #"^sold in ([A-Z]{2}): ([\d.]+%) of guns traced in ([A-Z]{2}) come from [A-Z]{2} \(ATF 2010-2020\), against ([\d.]+%) of registry sales$"#,
            s
        ) {
            return
                "vendida en \(g[1]): el \(number(g[2])) de las armas rastreadas en \(g[3]) proceden de \(g[1]) (ATF 2010-2020), frente al \(number(g[4])) de las ventas del registro"
        }
        if s == "dealer's state unknown" { return "estado de la armería desconocido" }
        if s == "this sale's gun is already traced to another recovery" {
            return "el arma de esta venta ya está rastreada a otra recuperación"
        }
        if let g = Self.groups(#"^purchaser has (\d+)( or more)? other guns? traced to crime$"#, s) {
            return
                "el comprador tiene \(g[1])\(g[2].isEmpty ? "" : " o más") \(g[1] == "1" ? "otra arma rastreada" : "otras armas rastreadas") a delitos"
        }
        if let g = Self.groups(#"^place and record held within (-?\d+)\.\.\.\+(\d+) points$"#, s) {
            return "lugar y antecedentes limitados a \(g[1])...+\(g[2]) puntos"
        }
        if let g = Self.groups(
            #"^dealer has (\d+) completed traces? where its (\d+) sales would give ([\d.]+)( \(this recovery's own trace left out\))?$"#,
            s
        ) {
            return
                "la armería tiene \(g[1]) \(g[1] == "1" ? "rastreo completado" : "rastreos completados") donde sus \(g[2]) ventas darían \(number(g[3]))"
                + (g[4].isEmpty ? "" : " (sin contar el rastreo de esta misma recuperación)")
        }
        return s
    }

    /// A trace result's summary line.
    func traceSummary(_ s: String) -> String {
        // The engine names countries by code ("AT / IT"); people read names, in either language.
        if s.hasPrefix("no US sale on record; made in "),
            let g = Self.groups(#"^no US sale on record; made in (.+) with no US importer marked$"#, s)
        {
            let names = Country.names(of: g[1], spanish: self == .es)
            return self == .es
                ? "ninguna venta en EE. UU. registrada; fabricada en \(names) sin importador estadounidense marcado"
                : "no US sale on record; made in \(names) with no US importer marked"
        }
        guard self == .es else { return s }
        if s == "no matching record" { return "ningún registro coincide" }
        if s == "no registry serial matches the readable characters with enough support" {
            return "ninguna serie del registro coincide con los caracteres legibles con suficiente apoyo"
        }
        func match(_ raw: String) -> String {
            SerialMatch(rawValue: raw).map(serialMatchName) ?? raw
        }
        if let g = Self.groups(
            #"^sale (\d+) by (.+) \(([A-Z]{2})\) on (\d{4}-\d{2}-\d{2}): ([a-z_]+) serial, score (-?\d+)(, next best (-?\d+))?(; (\d+) other real serials? one misread away, lead (\d+) needed)?$"#,
            s
        ) {
            let day = CivilDate(parsing: g[4]).map(date) ?? g[4]
            return "venta \(g[1]) de \(g[2]) (\(g[3])) el \(day): serie \(match(g[5])), puntuación \(g[6])"
                + (g[8].isEmpty ? "" : ", siguiente \(g[8])")
                + (g[10].isEmpty
                    ? ""
                    : "; otras \(g[10]) series reales a un error de lectura, se necesitaba una ventaja de \(g[11])")
        }
        if let g = Self.groups(
            #"^ambiguous: (\d+) candidates within (\d+) points \(best (-?\d+), next (-?\d+)\)(; crowded: (\d+) other real serials? one misread from what was read)?: (.*)$"#,
            s
        ) {
            let list = g[7].components(separatedBy: ", sale ").enumerated().map { i, item -> String in
                let text = i == 0 ? String(item.dropFirst(item.hasPrefix("sale ") ? 5 : 0)) : item
                guard let p = Self.groups(#"^(\d+) (\S+) \(([a-z_]+), (-?\d+)\)$"#, text) else { return text }
                return "venta \(p[1]) \(p[2]) (\(match(p[3])), \(p[4]))"
            }
            return "ambiguo: \(g[1]) candidatos a menos de \(g[2]) puntos (mejor \(g[3]), siguiente \(g[4]))"
                + (g[6].isEmpty
                    ? "" : "; zona concurrida: otras \(g[6]) series reales a un error de lectura de lo leído")
                + ": " + list.joined(separator: ", ")
        }
        if let g = Self.groups(
            #"^marked (\d{4}): made before the Gun Control Act of 1968 required serials and dealer records; too old to trace$"#,
            s
        ) {
            return
                "marcada \(g[1]): fabricada antes de que la Gun Control Act de 1968 exigiera series y registros de armerías; demasiado antigua para rastrear"
        }
        if let g = Self.groups(#"^obliterated beyond recovery: (\d+) of (\d+) characters readable$"#, s) {
            return "borrada sin remedio: \(g[1]) de \(g[2]) caracteres legibles"
        }
        if let g = Self.groups(#"^no matching record \(best candidate scored (-?\d+), below (\d+)\)$"#, s) {
            return "ningún registro coincide (el mejor candidato obtuvo \(g[1]), por debajo de \(g[2]))"
        }
        if let g = Self.groups(#"^cannot be traced as submitted: (.*)$"#, s) {
            return "no se puede rastrear tal como se envió: \(g[1])"
        }
        return s
    }

    /// The capture groups of a whole-string match (index 0 the whole; an absent group is "").
    /// Patterns are compiled once each (a Spanish trace page asks for hundreds of matches).
    static func groups(_ pattern: String, _ s: String) -> [String]? {
        guard let re = CompiledPattern.named(pattern)?.expression,
            let m = re.firstMatch(in: s, range: NSRange(s.startIndex..., in: s))
        else { return nil }
        return (0..<m.numberOfRanges).map { i in Range(m.range(at: i), in: s).map { String(s[$0]) } ?? "" }
    }
}
