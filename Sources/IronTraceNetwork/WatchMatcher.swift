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
        // Traces are in id order (loaded by id, submissions appended with higher ids): the new ones
        // are a run at the end, found without reading the rest.
        var through = after
        var newRows: [Int] = []
        var last = d.traces.count - 1
        while last >= 0 && d.traces.id[last] > after {
            newRows.append(last)
            through = max(through, d.traces.id[last])
            last -= 1
        }
        newRows.reverse()
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
        // Rows by binary search over the id-ordered columns: no index of every row per scan.
        func row(_ id: Int64, _ ids: [Int64]) -> Int? {
            var lo = 0
            var hi = ids.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if ids[mid] < id { lo = mid + 1 } else { hi = mid }
            }
            return lo < ids.count && ids[lo] == id ? lo : nil
        }

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
            let rec = row(d.traces.recovery[t], d.recoveries.id)
            if let rec, d.recoveries.possessor[rec] != 0 {
                for w in personWatches[d.recoveries.possessor[rec]] ?? [] { add(w, id, .possessor) }
            }
            if !serialWatches.isEmpty {
                var serials: [String] = []
                if let rec { serials.append(d.strings[d.recoveries.serial[rec]]) }
                if d.traces.sale[t] != 0, let s = row(d.traces.sale[t], d.sales.id) {
                    serials.append(d.strings[d.sales.serial[s]])
                }
                for (w, pattern) in serialWatches where serials.contains(where: pattern.matches) { add(w, id, .serial) }
            }
        }
        return (found, through)
    }
}
