/// Victims of intentional homicide with a firearm (homicidio doloso, con arma de fuego) by Mexican
/// state and year, 2015-2024, summed over sex and age group.
///
/// Source: SESNSP, "Víctimas del fuero común, nivel estatal" (Secretariado Ejecutivo del Sistema
/// Nacional de Seguridad Pública), as tidied in the long file `db_victimas_delitos_ent_long.csv.bz2`
/// of isaacarroyov/datos_facil_acceso @ 5f7295ae9f6f5abfb7b12cd10047f5d824bc4fce (see
/// ../shared/data/SOURCES.md). Summed with: subtipo_de_delito = "Homicidio doloso",
/// modalidad = "Con arma de fuego". Used as real area measures in the demo world and as the weights
/// that spread synthetic recoveries over Mexican states.
public enum MexicanFirearmHomicides {
    public static let firstYear = 2015
    public static let source = "SESNSP"

    /// (INEGI state code, victims per year from 2015 to 2024).
    public static let byState: [(state: Int, victims: [Int])] = [
        (1, [20, 21, 30, 45, 64, 51, 38, 44, 59, 78]),
        (2, [550, 789, 1632, 2323, 2086, 2118, 1780, 1877, 1727, 1612]),
        (3, [124, 232, 691, 132, 36, 31, 17, 14, 9, 13]),
        (4, [20, 34, 32, 28, 36, 42, 72, 62, 66, 79]),
        (5, [175, 112, 117, 125, 194, 131, 49, 49, 41, 35]),
        (6, [140, 429, 625, 554, 614, 504, 408, 709, 780, 766]),
        (7, [177, 196, 241, 286, 342, 259, 319, 268, 345, 624]),
        (8, [716, 982, 1314, 1551, 1825, 1874, 1697, 1309, 1382, 1310]),
        (9, [490, 626, 841, 1183, 1140, 912, 698, 521, 603, 685]),
        (10, [170, 153, 137, 116, 91, 107, 102, 76, 47, 27]),
        (11, [678, 803, 1274, 2748, 2931, 3705, 2909, 2695, 2645, 2662]),
        (12, [1300, 1474, 1685, 1699, 1413, 1103, 1072, 981, 1232, 1251]),
        (13, [71, 72, 109, 146, 190, 166, 127, 178, 156, 140]),
        (14, [579, 705, 938, 1566, 1462, 1234, 1316, 1052, 970, 1060]),
        (15, [1438, 1455, 1608, 1811, 1947, 1969, 1895, 1867, 1889, 1745]),
        (16, [565, 991, 1196, 1310, 1631, 1956, 2272, 1963, 1414, 1262]),
        (17, [207, 426, 380, 575, 771, 706, 846, 889, 1190, 1260]),
        (18, [46, 19, 236, 277, 106, 81, 108, 96, 61, 118]),
        (19, [231, 358, 405, 548, 669, 691, 773, 1050, 1107, 1308]),
        (20, [145, 633, 746, 929, 956, 733, 630, 796, 801, 829]),
        (21, [319, 365, 664, 877, 877, 642, 521, 634, 627, 591]),
        (22, [60, 47, 112, 111, 116, 113, 87, 93, 116, 128]),
        (23, [31, 47, 206, 514, 482, 419, 443, 411, 504, 428]),
        (24, [130, 222, 334, 382, 335, 556, 572, 475, 367, 339]),
        (25, [811, 884, 1177, 819, 634, 569, 403, 316, 356, 803]),
        (26, [341, 337, 498, 563, 871, 999, 1206, 1058, 864, 819]),
        (27, [45, 101, 219, 335, 519, 437, 271, 189, 148, 694]),
        (28, [417, 559, 727, 742, 525, 446, 404, 227, 289, 239]),
        (29, [32, 46, 55, 77, 107, 63, 71, 74, 71, 80]),
        (30, [214, 710, 1177, 1035, 1014, 957, 790, 608, 579, 571]),
        (31, [10, 7, 3, 8, 3, 8, 11, 7, 6, 6]),
        (32, [203, 431, 552, 521, 461, 833, 1252, 1097, 768, 366]),
    ]

    /// Victims in a state (1-32) and year, or 0 outside 2015-2024.
    public static func victims(state: Int, year: Int) -> Int {
        let i = year - firstYear
        guard (1...32).contains(state), (0..<10).contains(i) else { return 0 }
        return byState[state - 1].victims[i]
    }
}
