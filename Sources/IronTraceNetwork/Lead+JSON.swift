import IronTraceCore
import IronTraceDataset

/// The JSON shape of leads for the API, the dashboard and `irontrace network leads --format json`:
/// members as entity references and pseudonyms, never PII.
extension Lead {
    public func json(_ d: Dataset, _ g: LinkGraph) -> String {
        func list(_ kind: LinkGraph.NodeKind, _ rows: [Int]) -> String {
            "[" + rows.map { MarkupText.json(g.reference(g.node(kind, $0), in: d)) }.joined(separator: ",") + "]"
        }
        let reasons = reasons.map {
            "{\"indicator\":\(MarkupText.json($0.indicator.rawValue)),\"count\":\($0.count),"
                + "\"points\":\($0.points),\"detail\":\(MarkupText.json($0.detail)),"
                + "\"explanation\":\(MarkupText.json($0.indicator.explanation))}"
        }
        let pseudonyms = persons.map { MarkupText.json(d.pseudonym(ofPersonAt: $0)) }
        return "{\"rank\":\(rank),\"kind\":\(MarkupText.json(kind.rawValue)),\"score\":\(score),"
            + "\"first\":\"\(firstDate)\",\"last\":\"\(lastDate)\",\"reasons\":[\(reasons.joined(separator: ","))],"
            + "\"persons\":\(list(.person, persons)),\"pseudonyms\":[\(pseudonyms.joined(separator: ","))],"
            + "\"firearms\":\(list(.firearm, firearms)),\"recoveries\":\(list(.recovery, recoveries)),"
            + "\"dealers\":\(list(.dealer, dealers)),\"events\":\(list(.event, events))}"
    }

    /// One line: kind, members and the top reasons.
    public func summary(_ d: Dataset) -> String {
        let who =
            persons.prefix(4).map { d.pseudonym(ofPersonAt: $0) }.joined(separator: ", ")
            + (persons.count > 4 ? " +\(persons.count - 4)" : "")
        let why = reasons.prefix(3).map { "\($0.indicator.rawValue) ×\($0.count)" }.joined(separator: ", ")
        return "\(kind.rawValue): \(who.isEmpty ? "dealer \(d.strings[d.licensees.licence[dealers[0]]])" : who); \(why)"
    }
}
