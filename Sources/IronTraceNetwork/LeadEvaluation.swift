import IronTraceDataset

/// Scores the detector against planted schemes (the generator's ground truth), for evaluation only:
/// the detector never sees this.
///
/// A scheme and a lead are compared on the people, sales and recoveries they hold. A scheme counts
/// as found when one lead holds at least half of its entities; a lead is right when at least half of
/// its entities belong to one scheme.
public struct LeadEvaluation: Sendable {
    /// One fact of the ground truth file (`scheme_id, scheme_type, role, entity_id`).
    public struct Fact: Sendable {
        public var scheme: Int
        public var type: String
        public var role: String
        public var entity: Int64
        public init(scheme: Int, type: String, role: String, entity: Int64) {
            self.scheme = scheme
            self.type = type
            self.role = role
            self.entity = entity
        }
    }

    public struct Row: Sendable {
        /// A scheme type (`straw_purchase`) or a lead kind (`straw-ring`), or `all`.
        public var name: String
        public var planted = 0
        public var plantedWithRecovery = 0
        /// Planted schemes with a recovered gun that a lead found.
        public var found = 0
        public var leads = 0
        public var correctLeads = 0
        public var recall: Double { plantedWithRecovery == 0 ? 0 : Double(found) / Double(plantedWithRecovery) }
        public var precision: Double { leads == 0 ? 0 : Double(correctLeads) / Double(leads) }
    }

    /// A legitimate buyer the generator made to look like a scheme (`look_alikes.csv`).
    public struct LookAlike: Sendable {
        public var group: Int
        public var kind: String
        public var person: Int64
        public init(group: Int, kind: String, person: Int64) {
            self.group = group
            self.kind = kind
            self.person = person
        }
    }

    /// Per look-alike kind: groups, and groups with a member in some lead (false alarms).
    public struct LookAlikeRow: Sendable {
        public var kind: String
        public var groups = 0
        public var flagged = 0
    }

    /// Recall per planted scheme type, then precision per lead kind, then both overall.
    public var byScheme: [Row]
    public var byLead: [Row]
    public var overall: Row
    public var lookAlikes: [LookAlikeRow]

    public init(leads: [Lead], dataset d: Dataset, facts: [Fact], lookAlikes: [LookAlike] = []) {
        func key(_ tag: UInt64, _ id: Int64) -> UInt64 { tag << 56 | UInt64(id) }
        var owner: [UInt64: Int] = [:]
        var size: [Int: Int] = [:]
        var type: [Int: String] = [:]
        var recovered: Set<Int> = []
        for f in facts {
            type[f.scheme] = f.type
            let tag: UInt64
            switch f.role {
            case "straw_purchaser", "trafficker", "unlicensed_dealer": tag = 1
            case "sale": tag = 2
            case "recovery":
                tag = 3
                recovered.insert(f.scheme)
            default: continue
            }
            owner[key(tag, f.entity)] = f.scheme
            size[f.scheme, default: 0] += 1
        }
        var bestShare: [Int: Double] = [:]
        var leadRows: [String: Row] = [:]
        var all = Row(name: "all")
        for lead in leads {
            let entities =
                lead.persons.map { key(1, d.persons.id[$0]) } + lead.firearms.map { key(2, d.sales.id[$0]) }
                + lead.recoveries.map { key(3, d.recoveries.id[$0]) }
            var overlap: [Int: Int] = [:]
            for e in entities { if let s = owner[e] { overlap[s, default: 0] += 1 } }
            for (s, n) in overlap { bestShare[s] = max(bestShare[s] ?? 0, Double(n) / Double(size[s]!)) }
            let right = overlap.values.contains { 2 * $0 >= entities.count }
            leadRows[lead.kind.rawValue, default: Row(name: lead.kind.rawValue)].leads += 1
            all.leads += 1
            if right {
                leadRows[lead.kind.rawValue]!.correctLeads += 1
                all.correctLeads += 1
            }
        }
        var schemeRows: [String: Row] = [:]
        for (s, t) in type {
            schemeRows[t, default: Row(name: t)].planted += 1
            all.planted += 1
            guard recovered.contains(s) else { continue }
            schemeRows[t]!.plantedWithRecovery += 1
            all.plantedWithRecovery += 1
            if (bestShare[s] ?? 0) >= 0.5 {
                schemeRows[t]!.found += 1
                all.found += 1
            }
        }
        byScheme = schemeRows.values.sorted { $0.name < $1.name }
        byLead = Lead.Kind.allCases.map { leadRows[$0.rawValue] ?? Row(name: $0.rawValue) }
        overall = all
        let inLeads = Set(leads.flatMap { $0.persons.map { d.persons.id[$0] } })
        var groups: [String: (all: Set<Int>, flagged: Set<Int>)] = [:]
        for l in lookAlikes {
            groups[l.kind, default: ([], [])].all.insert(l.group)
            if inLeads.contains(l.person) { groups[l.kind]!.flagged.insert(l.group) }
        }
        self.lookAlikes = groups.keys.sorted().map {
            LookAlikeRow(kind: $0, groups: groups[$0]!.all.count, flagged: groups[$0]!.flagged.count)
        }
    }
}
