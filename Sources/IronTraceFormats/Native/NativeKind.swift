/// The record types of IronTrace's native CSV schema, one file per type (see docs/formats.md).
public enum NativeKind: String, CaseIterable, Sendable {
    case licensees, persons, sales, recoveries, traces, events
    case areaMeasures = "area_measures"
    case flows
    case nibinLeads = "nibin_leads"

    /// The exact header a native file of this kind starts with.
    public var header: [String] {
        switch self {
        case .licensees:
            ["licensee_id", "licence_number", "name", "business_name", "street", "city", "state", "zip"]
        case .persons:
            [
                "person_id", "pseudonym", "last_name", "first_name", "birth_date", "street", "city", "state", "zip",
                "phone",
            ]
        case .sales:
            [
                "sale_id", "firearm_id", "licensee_id", "purchaser_id", "sale_date", "multiple_sale_id", "make",
                "manufacturer", "model", "caliber", "type", "serial", "country_of_manufacture", "importer",
            ]
        case .recoveries:
            [
                "recovery_id", "recovery_date", "country", "area", "latitude", "longitude", "make", "manufacturer",
                "model", "caliber", "type", "serial", "serial_obliterated", "possessor_id", "crime_category",
                "event_id", "agency", "case_number",
            ]
        case .traces:
            [
                "trace_id", "recovery_id", "request_date", "outcome", "not_traced_reason", "sale_id", "licensee_id",
                "purchaser_id", "time_to_crime_days", "source_class", "source_country", "source_state",
            ]
        case .events:
            [
                "event_id", "event_date", "date_precision", "event_type", "sub_event_type", "actor1", "actor2",
                "country", "area", "location", "latitude", "longitude", "fatalities", "source_dataset", "source_id",
                "notes", "provenance",
            ]
        case .areaMeasures: ["area", "period", "measure", "value", "source"]
        case .flows: ["source_area", "recovery_area", "year", "count", "source"]
        case .nibinLeads:
            [
                "lead_id", "lead_date", "exhibit_a", "exhibit_a_kind", "recovery_a", "event_a", "agency_a", "exhibit_b",
                "exhibit_b_kind", "recovery_b", "event_b", "agency_b",
            ]
        }
    }

    /// The file name the generator and `export` use.
    public var fileName: String { rawValue + ".csv" }

    /// Reads a kind from the CLI's spelling (`area-measures` or `area_measures`).
    public init?(argument: String) {
        self.init(rawValue: argument.replacingOccurrences(of: "-", with: "_"))
    }
}
