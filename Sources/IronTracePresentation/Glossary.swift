import Foundation

/// Spanish for the report engine's fixed strings. Names (places, dealers, actors) stay as written.
enum Glossary {
    static func translatePattern(_ s: String) -> String {
        // "25,000 traces selected of 25,000." and similar counted notes.
        let rules: [(String, String)] = [
            (" traces selected of ", " rastreos seleccionados de "),
            (
                "No trace record falls in the years asked for: the records' recoveries run ",
                "Ningún registro de rastreo cae en los años pedidos: las recuperaciones de los registros abarcan "
            ),
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
