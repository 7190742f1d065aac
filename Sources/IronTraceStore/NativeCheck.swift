import Foundation
import IronTraceFormats

/// Reads and validates a native file without storing it: what an import would store and reject.
public enum NativeCheck {
    public static func check(kind: NativeKind, path: String) throws -> ImportSummary {
        switch kind {
        case .licensees: try run(LicenseeCodec.self, path)
        case .persons: try run(PersonCodec.self, path)
        case .sales: try run(SaleCodec.self, path)
        case .recoveries: try run(RecoveryCodec.self, path)
        case .traces: try run(TraceCodec.self, path)
        case .events: try run(EventCodec.self, path)
        case .areaMeasures: try run(AreaMeasureCodec.self, path)
        case .flows: try run(FlowCodec.self, path)
        case .nibinLeads: try run(NIBINLeadCodec.self, path)
        }
    }

    private static func run<C: NativeTableCodec>(_ codec: C.Type, _ path: String) throws -> ImportSummary {
        let clock = ContinuousClock.now
        let reader = try NativeReader<C>(path: path)
        var s = ImportSummary(
            file: path,
            format: "native:" + C.kind.rawValue,
            sha256: "",
            rowsRead: 0,
            rowsStored: 0,
            rowsRejected: 0,
            sampleRejections: [],
            previousImportID: nil,
            importID: nil,
            seconds: 0
        )
        for result in reader {
            s.rowsRead += 1
            switch result {
            case .record: s.rowsStored += 1
            case .rejected(let r):
                s.rowsRejected += 1
                if s.sampleRejections.count < 100 { s.sampleRejections.append(r) }
            }
        }
        s.seconds = (ContinuousClock.now - clock).seconds
        return s
    }
}
