/// US state populations and the cities the generator puts dealers and recoveries in.
enum USGeography {
    /// (FIPS, population). US Census Bureau, Vintage 2016 state estimates, POPESTIMATE2016
    /// (nst-est2016-alldata.csv, see ../shared/data/SOURCES.md).
    static let population2016: [(fips: Int, population: Int)] = [
        (1, 4863300), (2, 741894), (4, 6931071), (5, 2988248), (6, 39250017), (8, 5540545), (9, 3576452),
        (10, 952065), (11, 681170), (12, 20612439), (13, 10310371), (15, 1428557), (16, 1683140), (17, 12801539),
        (18, 6633053), (19, 3134693), (20, 2907289), (21, 4436974), (22, 4681666), (23, 1331479), (24, 6016447),
        (25, 6811779), (26, 9928300), (27, 5519952), (28, 2988726), (29, 6093000), (30, 1042520), (31, 1907116),
        (32, 2940058), (33, 1334795), (34, 8944469), (35, 2081015), (36, 19745289), (37, 10146788), (38, 757952),
        (39, 11614373), (40, 3923561), (41, 4093465), (42, 12784227), (44, 1056426), (45, 4961119), (46, 865454),
        (47, 6651194), (48, 27862596), (49, 3051217), (50, 624594), (51, 8411808), (53, 7288000), (54, 1831102),
        (55, 5778708), (56, 585501),
    ]

    /// States with strict gun laws that import most of their crime guns from other states
    /// (the "Iron Pipeline" destinations).
    static let strongLawStates: Set<String> = ["NY", "NJ", "MA", "CA", "IL", "MD", "CT", "HI", "RI", "DC"]
    /// Leading interstate sources of crime guns to those states.
    static let weakLawSources: [(String, Double)] = [
        ("GA", 0.16), ("VA", 0.14), ("PA", 0.12), ("FL", 0.12), ("NC", 0.10), ("SC", 0.09), ("IN", 0.08),
        ("OH", 0.07), ("TX", 0.06), ("AZ", 0.06),
    ]

    /// Cities with relative weights; states not listed use their largest city and "other".
    static let cities: [String: [(String, Double)]] = [
        "TX": [
            ("Houston", 0.30), ("San Antonio", 0.14), ("El Paso", 0.12), ("Dallas", 0.12), ("Austin", 0.07),
            ("Fort Worth", 0.07), ("Laredo", 0.05), ("McAllen", 0.05), ("Corpus Christi", 0.04), ("Lubbock", 0.04),
        ],
        "AZ": [("Phoenix", 0.45), ("Tucson", 0.32), ("Mesa", 0.10), ("Yuma", 0.07), ("Nogales", 0.06)],
        "CA": [
            ("Los Angeles", 0.30), ("San Diego", 0.18), ("Sacramento", 0.12), ("Fresno", 0.12), ("San Jose", 0.10),
            ("Bakersfield", 0.10), ("Riverside", 0.08),
        ],
        "NM": [("Albuquerque", 0.50), ("Las Cruces", 0.25), ("Santa Fe", 0.15), ("Deming", 0.10)],
        "GA": [("Atlanta", 0.5), ("Savannah", 0.2), ("Augusta", 0.15), ("Macon", 0.15)],
        "VA": [("Richmond", 0.35), ("Virginia Beach", 0.3), ("Roanoke", 0.2), ("Norfolk", 0.15)],
        "FL": [("Miami", 0.3), ("Tampa", 0.25), ("Orlando", 0.2), ("Jacksonville", 0.25)],
        "PA": [("Philadelphia", 0.4), ("Pittsburgh", 0.35), ("Harrisburg", 0.25)],
        "NY": [("New York", 0.6), ("Buffalo", 0.2), ("Rochester", 0.2)],
        "IL": [("Chicago", 0.7), ("Springfield", 0.15), ("Peoria", 0.15)],
        "MD": [("Baltimore", 0.6), ("Frederick", 0.2), ("Hagerstown", 0.2)],
        "NV": [("Las Vegas", 0.7), ("Reno", 0.3)],
        "WA": [("Seattle", 0.4), ("Spokane", 0.3), ("Tacoma", 0.3)],
        "NC": [("Charlotte", 0.4), ("Raleigh", 0.35), ("Greensboro", 0.25)],
        "OH": [("Columbus", 0.35), ("Cleveland", 0.35), ("Cincinnati", 0.3)],
    ]

    /// Approximate population centres (latitude, longitude) of the states, for recovery points.
    static let centres: [String: (Double, Double)] = [
        "TX": (30.0, -97.5), "AZ": (33.4, -112.0), "CA": (35.5, -119.5), "NM": (34.8, -106.5), "NY": (40.9, -73.9),
        "IL": (41.8, -87.9), "FL": (28.1, -81.6), "GA": (33.7, -84.4), "PA": (40.3, -76.9), "MD": (39.3, -76.6),
    ]
}

/// Approximate coordinates of each Mexican state's capital, for synthetic recovery and event points.
enum MexicanGeography {
    static let capitals: [(Double, Double)] = [
        (21.88, -102.29), (32.63, -115.45), (24.14, -110.31), (19.84, -90.53), (25.42, -101.00), (19.24, -103.72),
        (16.75, -93.12), (28.63, -106.07), (19.43, -99.13), (24.02, -104.65), (21.02, -101.26), (17.55, -99.50),
        (20.10, -98.76), (20.67, -103.35), (19.29, -99.65), (19.70, -101.19), (18.92, -99.23), (21.50, -104.89),
        (25.67, -100.31), (17.07, -96.72), (19.04, -98.21), (20.59, -100.39), (18.50, -88.30), (22.15, -100.98),
        (24.80, -107.39), (29.07, -110.96), (17.99, -92.93), (23.74, -99.15), (19.32, -98.24), (19.53, -96.91),
        (20.97, -89.62), (22.77, -102.58),
    ]
}
