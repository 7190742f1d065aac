/// Persons merged by entity resolution: records the resolution found to name one person are read as
/// that person (the record with the smallest id of the group). The raw records stay in the store as
/// they came; only the snapshot the engines read is resolved.
extension Dataset {
    /// The dataset with every purchaser and possessor id replaced by its entity's, and the person rows
    /// of merged records dropped (their addresses and phones kept on the entity's row when it has
    /// none, so what links people is not lost). `entity` maps person ids to entity ids; ids it does
    /// not name stay as they are.
    public func mergingPersons(_ entity: [Int64: Int64]) -> Dataset {
        guard !entity.isEmpty else { return self }
        var d = self
        func resolved(_ id: Int64) -> Int64 { id == 0 ? 0 : entity[id] ?? id }
        d.sales.purchaser = sales.purchaser.map(resolved)
        d.recoveries.possessor = recoveries.possessor.map(resolved)
        d.traces.purchaser = traces.purchaser.map(resolved)
        var kept = PersonColumns()
        for i in 0..<persons.count {
            let id = persons.id[i]
            guard resolved(id) == id else { continue }
            kept.id.append(id)
            kept.pseudonym.append(persons.pseudonym[i])
            kept.address.append(persons.address[i])
            kept.phone.append(persons.phone[i])
            kept.state.append(persons.state[i])
        }
        // An entity without an address or phone of its own takes its first merged record's.
        var keptRow: [Int64: Int] = [:]
        for (i, id) in kept.id.enumerated() { keptRow[id] = i }
        for i in 0..<persons.count {
            let id = persons.id[i]
            let e = resolved(id)
            guard e != id, let row = keptRow[e] else { continue }
            if kept.address[row] == 0 { kept.address[row] = persons.address[i] }
            if kept.phone[row] == 0 { kept.phone[row] = persons.phone[i] }
        }
        d.persons = kept
        d.personEntity = entity
        return d
    }

    /// The dataset with licensee records resolved as one business read as it: sales and traces
    /// name the entity, and the merged records' rows are dropped.
    public func mergingLicensees(_ entity: [Int64: Int64]) -> Dataset {
        guard !entity.isEmpty else { return self }
        var d = self
        func resolved(_ id: Int64) -> Int64 { id == 0 ? 0 : entity[id] ?? id }
        d.sales.licensee = sales.licensee.map(resolved)
        d.traces.licensee = traces.licensee.map(resolved)
        var kept = LicenseeColumns()
        for i in 0..<licensees.count where resolved(licensees.id[i]) == licensees.id[i] {
            kept.id.append(licensees.id[i])
            kept.licence.append(licensees.licence[i])
            kept.name.append(licensees.name[i])
            kept.city.append(licensees.city[i])
            kept.state.append(licensees.state[i])
        }
        d.licensees = kept
        d.licenseeEntity = entity
        return d
    }
}
