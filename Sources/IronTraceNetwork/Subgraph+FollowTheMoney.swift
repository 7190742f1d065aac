import IronTraceCore
import IronTraceDataset

/// FollowTheMoney entities, the data model of OCCRP's Aleph, one JSON object per line, for a part
/// of the link graph: what an investigator loads into Aleph (or `ftm`) beside documents.
///
/// People appear by pseudonym only, as in every other export. The mapping:
/// - person: `Person` named by its pseudonym; dealer: `Company` with its licence number as
///   `licenseNumber` and `registrationNumber`, city and state as `address`; gun: `Asset` named by
///   make, model, caliber and serial; recovery and armed event: `Event` with its date and country;
///   a shared address: `Address` whose text is its keyed pseudonym ("shared address 3fa2c1");
///   a multiple-sale report: `Document`.
/// - a purchase: `Ownership` (owner the buyer, asset the gun, start date the sale date, role
///   "purchaser"); a gun in a multiple-sale report: `Documentation`; two people sharing a phone:
///   an `UnknownLink` between them (no phone entity: the number is never written); every other
///   link: an `UnknownLink` whose role is the link's kind and whose date is the link's date.
extension Subgraph {
    public func followTheMoney(graph g: LinkGraph, dataset d: Dataset) -> String {
        var lines: [String] = []
        func key(_ n: Int32) -> String { g.reference(n, in: d).replacingOccurrences(of: ":", with: "-") }
        func id(_ n: Int32) -> String { "irontrace-" + key(n) }
        func entity(_ id: String, _ schema: String, _ properties: [(String, [String])]) -> String {
            let props = properties.filter { !$0.1.isEmpty && !$0.1.allSatisfy(\.isEmpty) }.map { key, values in
                "\(ftmJSON(key)):[\(values.filter { !$0.isEmpty }.map(ftmJSON).joined(separator: ","))]"
            }
            return
                "{\"id\":\(ftmJSON(id)),\"schema\":\(ftmJSON(schema)),\"properties\":{\(props.joined(separator: ","))}}"
        }
        let s = d.strings
        let inSubgraph = Set(nodes)
        var phones: [Int32] = []
        for n in nodes {
            let i = g.row(n)
            switch g.nodeKind(n) {
            case .person:
                lines.append(entity(id(n), "Person", [("name", [d.pseudonym(ofPersonAt: i)])]))
            case .dealer:
                let licence = s[d.licensees.licence[i]]
                lines.append(
                    entity(
                        id(n),
                        "Company",
                        [
                            ("name", [s[d.licensees.name[i]]]), ("licenseNumber", [licence]),
                            ("registrationNumber", [licence]),
                            ("address", ["\(s[d.licensees.city[i]]), \(s[d.licensees.state[i]])"]),
                            ("country", ["us"]), ("classification", ["Federal firearms licensee"]),
                        ]
                    )
                )
            case .firearm:
                lines.append(entity(id(n), "Asset", [("name", [g.label(n, in: d)])]))
            case .recovery:
                let country = s[d.recoveries.country[i]].lowercased()
                lines.append(
                    entity(
                        id(n),
                        "Event",
                        [
                            ("name", [g.label(n, in: d)]),
                            ("date", [CivilDate(dayNumber: d.recoveries.date[i]).description]),
                            ("country", country.count == 2 ? [country] : []),
                            ("summary", [s[d.recoveries.crimeCategory[i]]]),
                        ]
                    )
                )
            case .event:
                lines.append(
                    entity(
                        id(n),
                        "Event",
                        [("name", [g.label(n, in: d)]), ("date", [d.eventDateText(i)]), ("country", ["mx"])]
                    )
                )
            case .address:
                lines.append(
                    entity(id(n), "Address", [("full", [g.label(n, in: d) + " " + g.reference(n, in: d).dropFirst(8)])])
                )
            case .phone:
                phones.append(n)
            case .multipleSale:
                lines.append(entity(id(n), "Document", [("title", [g.label(n, in: d)])]))
            }
        }
        for e in edges {
            var a = g.source(ofHalfEdge: e)
            var b = g.neighbour[e]
            let day = g.date[e]
            let date = day == Int32.min ? "" : CivilDate(dayNumber: day).description
            let kind = g.edgeKind(e)
            // Stable across exports (Aleph merges entities by id): both ends, the kind, the date.
            let linkID = "irontrace-link-\(key(a))-\(key(b))-\(kind.name)" + (date.isEmpty ? "" : "-\(date)")
            switch kind {
            case .sharesPhone:
                continue  // written below, person to person
            case .boughtBy:
                if g.nodeKind(a) == .person { swap(&a, &b) }
                lines.append(
                    entity(
                        linkID,
                        "Ownership",
                        [("owner", [id(b)]), ("asset", [id(a)]), ("startDate", [date]), ("role", ["purchaser"])]
                    )
                )
            case .partOfMultipleSale:
                if g.nodeKind(a) == .multipleSale { swap(&a, &b) }
                lines.append(
                    entity(
                        linkID,
                        "Documentation",
                        [("document", [id(b)]), ("entity", [id(a)]), ("date", [date]), ("role", [kind.name])]
                    )
                )
            default:
                lines.append(
                    entity(
                        linkID,
                        "UnknownLink",
                        [("subject", [id(a)]), ("object", [id(b)]), ("date", [date]), ("role", [kind.name])]
                    )
                )
            }
        }
        // People who share a phone, pairwise within the part (the phone itself is never written).
        for phone in phones {
            let people = g.edges(of: phone).map { g.neighbour[$0] }.filter { inSubgraph.contains($0) }.sorted()
            for x in people.indices {
                for y in people.indices where y > x {
                    lines.append(
                        entity(
                            "irontrace-link-\(key(people[x]))-\(key(people[y]))-shares-phone",
                            "UnknownLink",
                            [("subject", [id(people[x])]), ("object", [id(people[y])]), ("role", ["shares-phone"])]
                        )
                    )
                }
            }
        }
        return lines.joined(separator: "\n") + (lines.isEmpty ? "" : "\n")
    }
}

private func ftmJSON(_ s: String) -> String { MarkupText.json(s) }
