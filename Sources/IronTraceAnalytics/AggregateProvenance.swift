import IronTraceCore
import IronTraceDataset

/// Report notes that trace published figures back to their imports: which files (with SHA-256)
/// the aggregates came from, the rule used where imports disagree and what it decided, and the
/// command that lists a figure's rows with their file lines.
extension Analytics {
    /// Notes for the imports whose format `relevant` accepts (none when no such import is loaded),
    /// and the command that lists a figure's rows (for ``Report/commands``).
    func provenanceNotes(example: String, relevant: (String) -> Bool) -> (notes: [String], commands: [String]) {
        let sources = dataset.aggregateSources
        let imports = sources.imports.filter { relevant($0.format) }
        guard !imports.isEmpty else { return ([], []) }
        var byFormat: [String: [Dataset.AggregateSources.Import]] = [:]
        for i in imports { byFormat[i.format, default: []].append(i) }
        let parts = byFormat.keys.sorted().map { format -> String in
            let list = byFormat[format]!
            if list.count == 1, let i = list.first {
                return "\(format) #\(i.id) \(Analytics.fileName(i.file)) (sha256 \(i.sha256.prefix(12)))"
            }
            let ids = list.map { "#\($0.id)" }
            return "\(format) \(ids.count) files (\(ids.first!)–\(ids.last!))"
        }
        var notes = ["Figures from imports: " + parts.joined(separator: "; ") + "."]
        let decided = sources.decisions.filter { d in imports.contains { d.contains("#\($0.id) ") } }
        if !decided.isEmpty {
            notes.append(
                "Where imports disagree, values come from \(sources.precedence) (`--prefer` changes it): "
                    + decided.joined(separator: "; ") + "."
            )
        }
        return (notes, ["Each figure's rows, files and lines: `\(example)` (`irontrace info` lists every conflict)."])
    }

    static func fileName(_ path: String) -> String {
        path.split(separator: "/").last.map(String.init) ?? path
    }
}
