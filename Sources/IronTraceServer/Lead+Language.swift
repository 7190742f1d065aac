import IronTraceCharts
import IronTraceCore
import IronTraceNetwork
import IronTracePresentation

/// A lead's reasons in words, in the dashboard's language: what each indicator means, what was
/// counted, and how the score is made. The numbers come from the detector's reasons; only the
/// words change with the language.
extension Language {
    /// An indicator's short name for lists: its code in English, a few words in Spanish.
    func indicatorName(_ i: Indicator) -> String {
        guard self == .es else { return i.rawValue }
        switch i {
        case .shortTimeToCrime: return "menos de un año hasta el delito"
        case .timeToCrimeUnderThreeYears: return "de uno a tres años hasta el delito"
        case .crossBorder: return "recuperada fuera de EE. UU."
        case .interstate: return "recuperada en otro estado"
        case .possessorNotPurchaser: return "poseedor distinto del comprador"
        case .possessorUnknown: return "poseedor desconocido"
        case .multipleSaleRecovered: return "venta múltiple recuperada"
        case .severalRecovered: return "varias recuperadas"
        case .purchaseBurst: return "compras seguidas"
        case .dealerHopping: return "varias armerías"
        case .manyGuns: return "muchas armas"
        case .obliteratedSerial: return "serie borrada"
        case .sharedAddress: return "domicilio compartido"
        case .sharedPhone: return "teléfono compartido"
        case .flaggedDealer: return "armería señalada"
        case .noSaleRecord: return "sin registro de venta"
        }
    }

    /// What an indicator means.
    func explanation(_ i: Indicator) -> String {
        guard self == .es else { return i.explanation }
        switch i {
        case .shortTimeToCrime: return "un arma recuperada en un delito menos de un año después de su venta al menudeo"
        case .timeToCrimeUnderThreeYears: return "un arma recuperada entre uno y tres años después de su venta"
        case .crossBorder: return "un arma recuperada fuera de Estados Unidos (sobre todo en México)"
        case .interstate: return "un arma recuperada en un estado de EE. UU. distinto del de la armería"
        case .possessorNotPurchaser: return "la persona encontrada con el arma no es quien la compró"
        case .possessorUnknown: return "el arma se recuperó sin poseedor conocido"
        case .multipleSaleRecovered:
            return "un arma de un reporte de venta múltiple (dos o más armas cortas en cinco días), recuperada"
        case .severalRecovered: return "un comprador con dos o más de sus armas recuperadas"
        case .purchaseBurst: return "tres o más armas compradas en siete días"
        case .dealerHopping: return "el mismo comprador en dos armerías distintas en treinta días"
        case .manyGuns: return "cada arma comprada después de la cuarta"
        case .obliteratedSerial: return "un arma recuperada con el número de serie borrado"
        case .sharedAddress: return "compradores vinculados por un mismo domicilio"
        case .sharedPhone: return "compradores vinculados por un mismo teléfono"
        case .flaggedDealer:
            return
                "comprada en una armería por encima del umbral de la Demand Letter 2 de la ATF (25 o más rastreos con tiempo al delito de tres años o menos en un año) o con la mayoría de sus rastreos en México"
        case .noSaleRecord:
            return
                "un arma rastreada a una armería que no tiene registro de haberla vendido (robo o inventario faltante)"
        }
    }

    /// What was counted for one reason ("3 of 5 recovered guns, median time-to-crime 120 days").
    func detail(_ r: Lead.Reason) -> String {
        guard self == .es else { return r.detail }
        let n = integer(r.count)
        let of = integer(r.of)
        func plural(_ one: String, _ many: String) -> String { r.count == 1 ? one : many }
        switch r.indicator {
        case .shortTimeToCrime, .timeToCrimeUnderThreeYears:
            return "\(n) de \(of) armas recuperadas"
                + (r.medianDays.map { ", mediana del tiempo al delito \(integer($0)) días" } ?? "")
        case .manyGuns: return "\(of) armas compradas"
        case .severalRecovered:
            return "\(n) \(plural("comprador", "compradores")) con dos o más armas recuperadas"
        case .sharedAddress: return "\(n) \(plural("domicilio compartido", "domicilios compartidos"))"
        case .sharedPhone: return "\(n) \(plural("teléfono compartido", "teléfonos compartidos"))"
        case .flaggedDealer: return "\(n) \(plural("armería señalada", "armerías señaladas"))"
        case .multipleSaleRecovered:
            return "\(n) de \(of) armas recuperadas"
                + (r.soonestDays.map { ", la primera \(integer($0)) días después de la venta" } ?? "")
        default: return "\(n) de \(of) armas"
        }
    }

    /// How a score is made, and where this one stands among all leads.
    func scoreScale(rank: Int, of count: Int, top: Double, median: Double) -> String {
        self == .es
            ? "La puntuación es la suma de los puntos de abajo: cada indicador suma su peso por cada vez que se "
                + "observa, hasta un tope, para que ninguno baste por sí solo (pesos y topes: `irontrace network "
                + "indicators`). Esta pista ocupa el lugar \(integer(rank)) de \(integer(count)); la primera suma "
                + "\(decimal(top, digits: 1)) y la mediana \(decimal(median, digits: 1))."
            : "The score is the sum of the points below: each indicator adds its weight every time it is seen, up "
                + "to a cap, so that none makes a lead on its own (weights and caps: `irontrace network indicators`). "
                + "This lead ranks \(integer(rank)) of \(integer(count)); the top lead scores "
                + "\(decimal(top, digits: 1)) and the median \(decimal(median, digits: 1))."
    }
}

extension Language {
    /// A dealer's trace indicators in words ("65 traces; 42 within 3 years; 48 abroad; Demand Letter
    /// 2: 2024").
    func dealerSummary(_ i: DealerIndicators, _ row: Int) -> String {
        guard self == .es else { return i.summary(row) }
        var parts = [
            "\(integer(i.traces[row])) rastreos", "\(integer(i.shortTraces[row])) en menos de 3 años",
            "\(integer(i.abroad[row])) en el extranjero",
        ]
        if !i.demandLetterYears[row].isEmpty {
            parts.append("Demand Letter 2: " + i.demandLetterYears[row].map(String.init).joined(separator: ", "))
        }
        return parts.joined(separator: "; ")
    }
}

extension Language {
    /// A timeline entry in words ("P-0000012 buys ... at ..." / "P-0000012 compra ... en ...").
    func timelineText(_ e: TimelineEntry) -> String {
        guard self == .es else { return e.text }
        let unknown = "desconocido"
        switch e.kind {
        case .purchase:
            return "\(e.person ?? unknown) compra \(e.firearm) en \(e.dealer ?? "una armería desconocida")"
                + (e.multipleSale.map { " (reporte de venta múltiple \($0))" } ?? "")
        case .recovery:
            return "\(e.firearm) recuperada en \(e.place)"
                + (e.timeToCrime.map { ", \(integer($0)) días después de la venta" } ?? "")
                + "; \(report(e.crime)); poseedor \(e.person ?? unknown)"
        case .event:
            return "\(report(e.eventType)) en \(e.place); \(integer(e.fatalities)) muertos; \(e.actor)"
        }
    }

    /// A lead's timeline drawn on one time axis: purchases, recoveries and events, each mark named
    /// in words and linked to its entity.
    /// `caseID`: the chart of a case (titled so), not of a ranked lead.
    func timelineChart(_ lead: Lead, _ entries: [TimelineEntry], synthetic: Bool, caseID: Int64? = nil) -> String {
        let subject =
            caseID.map { self == .es ? "Caso \($0)" : "Case \($0)" }
            ?? (self == .es ? "Pista \(lead.rank)" : "Lead \(lead.rank)")
        let lanes: [TimelineEntry.Kind] = [.purchase, .recovery, .event]
        let items = entries.map { e in
            Charts.TimelineItem(
                day: e.date.dayNumber,
                lane: lanes.firstIndex(of: e.kind) ?? 0,
                label: timelineText(e),
                link: e.references.first.map { "/network/entity/" + HTML.encode($0) }
            )
        }
        let frame = Charts.Frame(
            title: self == .es
                ? "\(subject): compras, recuperaciones y eventos en el tiempo"
                : "\(subject): purchases, recoveries and events over time",
            source: self == .es
                ? "registros de ventas y rastreos de esta base de datos" : "sales and trace records in this database",
            synthetic: synthetic,
            width: 720,
            height: 260,
            text: self == .es ? .spanish : .english
        )
        return Charts.timeline(
            frame,
            lanes: self == .es ? ["Compras", "Recuperaciones", "Eventos"] : ["Purchases", "Recoveries", "Events"],
            items: items
        )
    }
}
