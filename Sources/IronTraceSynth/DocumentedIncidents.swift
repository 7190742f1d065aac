import IronTraceCore

/// Documented incidents that tie cartel violence in Mexico to firearms from the United States, as
/// news reporting described them (reporting of 2021 and 2026, collected in the team's case notes).
/// They are real events, not synthetic: every demo world carries them with source dataset `press`,
/// the date precision the reporting allows, and the weapon provenance it states. They are embedded
/// here so the project runs where the case notes are not present.
public enum DocumentedIncidents {
    /// Event ids reserved for documented incidents (synthetic events start above them).
    public static let firstID: Int64 = 1

    public static let all: [ArmedEvent] = [
        incident(
            1,
            (2015, 5, 1),
            .day,
            .explosionsRemoteViolence,
            "Shelling/artillery/missile attack",
            "CJNG: Jalisco New Generation Cartel",
            "Military Forces of Mexico",
            14,
            "Villa Purificación, Jalisco",
            (19.72, -104.60),
            9,
            notes: "During an operation to capture the CJNG leader \"El Mencho\", cartel forces shot down a Mexican "
                + "military helicopter; the crash killed nine soldiers.",
            provenance: "News reporting (2021). Weapons: a .50-caliber rifle, later traced to a gun store in "
                + "Washington state."
        ),
        incident(
            2,
            (2019, 11, 1),
            .month,
            .battles,
            "Armed clash",
            "CDN: Cartel del Noreste",
            "Police Forces of Mexico",
            5,
            "Villa Unión, Coahuila",
            (28.22, -100.72),
            23,
            notes: "Cartel del Noreste assault on the town over two days; 23 people dead.",
            provenance: "News reporting (2021). Weapons: a cache of weapons sourced from Houston, Texas."
        ),
        incident(
            3,
            (2019, 11, 1),
            .month,
            .violenceAgainstCivilians,
            "Attack",
            "Unidentified Armed Group (Mexico)",
            "Civilians (United States)",
            26,
            "near Bavispe, Sonora (Mormon community)",
            (30.48, -108.94),
            9,
            notes: "Three American women and six children killed when sicarios attacked their community.",
            provenance: "News reporting (2021). Weapons: two rifles bought in New Mexico and Arizona."
        ),
        incident(
            4,
            (2021, 4, 1),
            .month,
            .explosionsRemoteViolence,
            "Air/drone strike",
            "CJNG: Jalisco New Generation Cartel",
            "Police Forces of Mexico",
            16,
            "El Aguaje, Michoacán",
            (19.02, -102.50),
            0,
            notes: "Late April: the CJNG attacked state police with explosive-laden drones, wounding two officers; "
                + "CJNG and the Viagras (New Michoacán Family) fighting for the town, roads blocked with hijacked "
                + "trucks and trenches.",
            provenance: "News reporting (2021). Weapons: explosive-laden drones."
        ),
        incident(
            5,
            (2026, 1, 1),
            .year,
            .battles,
            "Armed clash",
            "Military Forces of Mexico",
            "CJNG: Jalisco New Generation Cartel",
            14,
            "Jalisco, with retaliation in at least 20 states",
            (20.67, -103.35),
            70,
            notes: "A Mexican military operation killed \"El Mencho\", leader of the CJNG; retaliation with armed "
                + "convoys, road blocks, burned buildings and gas stations; at least 70 dead, 25 of them Mexican "
                + "military. The reporting gives the day as a Sunday in 2026 without a date: recorded with year "
                + "precision.",
            provenance: "News reporting (2026). The Defense Minister said 80% of the weapons recovered were of "
                + "North American origin (about the same share as the nearly 23,000 firearms seized since "
                + "October 1); video showed a Barrett .50-caliber rifle (made in Murfreesboro, Tennessee) and an FN "
                + "SCAR rifle (assembled in Columbia, South Carolina)."
        ),
    ]

    private static func incident(
        _ n: Int64,
        _ d: (Int, Int, Int),
        _ precision: DatePrecision,
        _ type: EventType,
        _ sub: String,
        _ actor1: String,
        _ actor2: String,
        _ state: Int,
        _ location: String,
        _ point: (Double, Double),
        _ fatalities: Int,
        notes: String,
        provenance: String
    ) -> ArmedEvent {
        ArmedEvent(
            id: n,
            date: CivilDate(year: d.0, month: d.1, day: d.2)!,
            precision: precision,
            type: type,
            subType: sub,
            actor1: actor1,
            actor2: actor2,
            country: "MX",
            area: .mexicanState(MexicanState.code(state)!),
            location: location,
            latitude: point.0,
            longitude: point.1,
            fatalities: fatalities,
            sourceDataset: "press",
            sourceID: "irontrace-incident-\(n)",
            notes: notes,
            provenance: provenance
        )
    }
}
