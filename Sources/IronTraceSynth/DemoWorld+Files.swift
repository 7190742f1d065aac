import Foundation
import IronTraceCore
import IronTraceFormats

extension DemoWorld {
    /// The ground-truth file name. It sits beside the native files and is never imported.
    public static let groundTruthFileName = "ground_truth.csv"
    public static let lookAlikesFileName = "look_alikes.csv"
    public static let resolutionTruthFileName = "resolution_truth.csv"

    /// Writes the world as native CSV files (one per kind), its ground truth and a README saying
    /// what is synthetic. Returns the native files in import order.
    @discardableResult
    /// `messy`: write the people as real records name them (``messyRecords(seed:share:)``), with
    /// `resolution_truth.csv` beside; nil for one clean record per person.
    public func writeFiles(to directory: String, messy: UInt64? = nil) throws -> [(kind: NativeKind, path: String)] {
        let mess = messy.map { messyRecords(seed: $0) }
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        func path(_ kind: NativeKind) -> String { (directory as NSString).appendingPathComponent(kind.fileName) }
        var written: [(NativeKind, String)] = []

        let lw = try NativeWriter<LicenseeCodec>(path: path(.licensees))
        for l in mess?.licensees ?? licensees { lw.write(l) }
        lw.close()
        written.append((.licensees, path(.licensees)))

        let pw = try NativeWriter<PersonCodec>(path: path(.persons))
        if let mess {
            for p in mess.persons { pw.write(p) }
        } else {
            for i in 0..<personCount { pw.write(person(at: i)) }
        }
        pw.close()
        written.append((.persons, path(.persons)))

        let sw = try NativeWriter<SaleCodec>(path: path(.sales))
        for i in 0..<saleCount {
            var s = sale(at: i)
            if let record = mess?.purchaser[s.sale.id] { s.sale.purchaserID = record }
            if let dealer = mess?.licenseeOfSale[s.sale.id] { s.sale.licenseeID = dealer }
            sw.write(SaleRow(sale: s.sale, firearm: s.firearm))
        }
        sw.close()
        written.append((.sales, path(.sales)))

        let ew = try NativeWriter<EventCodec>(path: path(.events))
        for e in events { ew.write(e) }
        ew.close()
        written.append((.events, path(.events)))

        let rw = try NativeWriter<RecoveryCodec>(path: path(.recoveries))
        for r in recoveries { rw.write(r) }
        rw.close()
        written.append((.recoveries, path(.recoveries)))

        let tw = try NativeWriter<TraceCodec>(path: path(.traces))
        for t in traces {
            var t = t
            if let sale = t.saleID, let record = mess?.purchaser[sale] { t.purchaserID = record }
            if let sale = t.saleID, let dealer = mess?.licenseeOfSale[sale] { t.licenseeID = dealer }
            tw.write(t)
        }
        tw.close()
        written.append((.traces, path(.traces)))

        let aw = try NativeWriter<AreaMeasureCodec>(path: path(.areaMeasures))
        for a in areaMeasures { aw.write(a) }
        aw.close()
        written.append((.areaMeasures, path(.areaMeasures)))

        let nw = try NativeWriter<NIBINLeadCodec>(path: path(.nibinLeads))
        for l in nibinLeads { nw.write(l) }
        nw.close()
        written.append((.nibinLeads, path(.nibinLeads)))

        let gw = try CSVWriter(
            path: (directory as NSString).appendingPathComponent(DemoWorld.groundTruthFileName),
            header: GroundTruthRow.header
        )
        for g in groundTruth { gw.write(g.fields) }
        gw.close()
        let lookAlikeWriter = try CSVWriter(
            path: (directory as NSString).appendingPathComponent(DemoWorld.lookAlikesFileName),
            header: LookAlikeRow.header
        )
        for l in lookAlikes { lookAlikeWriter.write(l.fields) }
        lookAlikeWriter.close()
        if let mess {
            let truthWriter = try CSVWriter(
                path: (directory as NSString).appendingPathComponent(DemoWorld.resolutionTruthFileName),
                header: ["person_id", "true_person_id"]
            )
            for t in mess.truth { truthWriter.write([String(t.record), String(t.person)]) }
            truthWriter.close()
            let dealerTruth = try CSVWriter(
                path: (directory as NSString).appendingPathComponent("licensee_truth.csv"),
                header: ["licensee_id", "true_licensee_id"]
            )
            for t in mess.licenseeTruth { dealerTruth.write([String(t.record), String(t.licensee)]) }
            dealerTruth.close()
        }

        let readme = """
            IronTrace demo world (scale \(scale.rawValue), seed \(seed)).

            SYNTHETIC DATA. Dealers, people, sales, recoveries, traces and events with source_dataset
            "synthetic" are invented by IronTrace's generator; any resemblance to real persons or
            businesses is coincidental. Phone numbers use the fictional (555) area code.

            Real data in this world: the documented incidents in events.csv (source_dataset "press",
            with the reporting they rest on in the provenance column) and the SESNSP firearm-homicide
            victims in area_measures.csv (source "SESNSP").

            ground_truth.csv lists the planted trafficking schemes (members, dealers, sales and
            recoveries). look_alikes.csv lists legitimate buyers whose purchases look like a scheme's
            (collectors, households sharing an address). Both are for evaluating detectors and are
            never imported.
            """
        try readme.write(
            toFile: (directory as NSString).appendingPathComponent("README.txt"),
            atomically: true,
            encoding: .utf8
        )
        return written.map { (kind: $0.0, path: $0.1) }
    }
}
