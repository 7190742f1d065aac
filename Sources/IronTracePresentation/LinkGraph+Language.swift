import IronTraceCore
import IronTraceDataset
import IronTraceNetwork

/// The link graph's words in the page's language: kinds of entities and links, and the labels of
/// entities that are sentences (a recovery, an event, a shared address). Names, pseudonyms and
/// serials are not translated.
extension Language {
    package func kindName(_ k: LinkGraph.NodeKind) -> String {
        guard self == .es else { return k.name }
        switch k {
        case .person: return "persona"
        case .dealer: return "armería"
        case .firearm: return "arma"
        case .recovery: return "recuperación"
        case .event: return "evento"
        case .address: return "domicilio compartido"
        case .phone: return "teléfono compartido"
        case .multipleSale: return "venta múltiple"
        }
    }

    package func linkName(_ k: LinkGraph.EdgeKind) -> String {
        guard self == .es else { return k.name }
        switch k {
        case .boughtBy: return "comprada por"
        case .boughtAt: return "comprada en"
        case .recoveredAs: return "recuperada como"
        case .tracedTo: return "rastreada hasta"
        case .possessedBy: return "en posesión de"
        case .recoveredAt: return "recuperada en"
        case .sharesAddress: return "comparte domicilio"
        case .sharesPhone: return "comparte teléfono"
        case .partOfMultipleSale: return "parte de una venta múltiple"
        case .sameGun: return "misma arma según NIBIN"
        }
    }

    /// An entity's label, safe to show anyone (pseudonyms, never names or addresses).
    package func entityLabel(_ g: LinkGraph, _ n: Int32, _ d: Dataset) -> String {
        guard self == .es else { return g.label(n, in: d) }
        let i = g.row(n)
        let s = d.strings
        switch g.nodeKind(n) {
        case .recovery:
            let area = s[d.recoveries.area[i]]
            return "recuperada el \(date(CivilDate(dayNumber: d.recoveries.date[i]))) en "
                + (area.isEmpty ? s[d.recoveries.country[i]] : AreaCode.displayName(of: area))
        case .event:
            return "\(report(s[d.events.type[i]])) \(d.eventDateText(i)), \(s[d.events.location[i]])"
        case .address: return "domicilio compartido"
        case .phone: return "teléfono compartido"
        case .multipleSale: return "reporte de venta múltiple \(g.multipleSaleIDs[i])"
        case .person, .dealer, .firearm: return g.label(n, in: d)
        }
    }
}
