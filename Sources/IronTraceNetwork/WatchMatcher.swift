import IronTraceCore
import IronTraceDataset

/// Which new traces touch a watched dealer, person or serial: read from the snapshot, written by
/// the caller through the store (which raises each alert once).
public enum WatchMatcher {
    public struct Found: Sendable, Hashable {
        public var watchID: Int64
        public var traceID: Int64
        public var match: WatchAlert.Match
    }

    /// The matches of the active `watches` among the traces with ids above `after` (and above each
    /// watch's own start), and the highest trace id looked at (`after` when there was none).
    public static func matches(_ watches: [Watch], in d: Dataset, after: Int64) -> (found: [Found], through: Int64) {
        let active = watches.filter(\.active)
        var through = after
        var newRows: [Int] = []
        for t in 0..<d.traces.count where d.traces.id[t] > after {
            newRows.append(t)
            through = max(through, d.traces.id[t])
        }
        guard !active.isEmpty, !newRows.isEmpty else { return ([], through) }

        // Watched dealers as licensee ids (a licence can name several stored licensee rows).
        var dealerWatches: [Int64: [Watch]] = [:]
        let watchedLicences = Dictionary(grouping: active.filter { $0.kind == .dealer }, by: \.value)
        if !watchedLicences.isEmpty {
            for r in 0..<d.licensees.count {
                if let ws = watchedLicences[d.strings[d.licensees.licence[r]]] {
                    dealerWatches[d.licensees.id[r], default: []] += ws
                }
            }
        }
        var personWatches: [Int64: [Watch]] = [:]
        for w in active where w.kind == .person {
            if let id = Int64(w.value) { personWatches[id, default: []].append(w) }
        }
        let serialWatches = active.filter { $0.kind == .serial }.compactMap { w in
            (try? SerialPattern(w.value)).map { (w, $0) }
        }
        let recoveryRow = IDIndex(d.recoveries.id)
        let saleRow = serialWatches.isEmpty ? nil : IDIndex(d.sales.id)

        var found: [Found] = []
        var seen: Set<[Int64]> = []
        func add(_ w: Watch, _ trace: Int64, _ m: WatchAlert.Match) {
            guard trace > w.sinceTrace, seen.insert([w.id, trace]).inserted else { return }
            found.append(Found(watchID: w.id, traceID: trace, match: m))
        }
        for t in newRows {
            let id = d.traces.id[t]
            for w in dealerWatches[d.traces.licensee[t]] ?? [] { add(w, id, .dealer) }
            for w in personWatches[d.traces.purchaser[t]] ?? [] where d.traces.purchaser[t] != 0 {
                add(w, id, .purchaser)
            }
            let rec = recoveryRow[d.traces.recovery[t]]
            if let rec, d.recoveries.possessor[rec] != 0 {
                for w in personWatches[d.recoveries.possessor[rec]] ?? [] { add(w, id, .possessor) }
            }
            if !serialWatches.isEmpty {
                var serials: [String] = []
                if let rec { serials.append(d.strings[d.recoveries.serial[rec]]) }
                if d.traces.sale[t] != 0, let s = saleRow?[d.traces.sale[t]] {
                    serials.append(d.strings[d.sales.serial[s]])
                }
                for (w, pattern) in serialWatches where serials.contains(where: pattern.matches) { add(w, id, .serial) }
            }
        }
        return (found, through)
    }
}
