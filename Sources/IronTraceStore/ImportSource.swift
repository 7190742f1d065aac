import IronTraceCore
import IronTraceFormats

/// One file opened for import by a backend other than SQLite: the table it loads into, its columns
/// and the rows as text (nil for NULL) or rejections, in file order. The readers, validation and
/// column layout are the ones the SQLite store uses, so both backends store the same rows.
package struct ImportSource {
    /// The ledger's format: `native:sales`, `inegi-homicides`, ...
    package let format: String
    package let table: String
    /// Column list in row order, without `import_id`.
    package let columns: [String]
    /// For aggregates: the key columns and the value column (indexes into `columns`); nil for
    /// records with ids, whose key is `id`.
    package let aggregateKey: (key: [Int], value: Int)?
    /// The header name of the first native column (the field a duplicate's rejection names; its
    /// value is the first column's).
    package let firstField: String
    package let rows: AnySequence<RowResult<ImportRow>>
}

/// One valid row: the values in column order as text.
package struct ImportRow: Sendable {
    package let values: [String?]
}

extension ImportSource {
    private static func make<K: StoredKind, S: Sequence>(_ kind: K.Type, format: String, _ reader: S) -> ImportSource
    where S.Element == RowResult<K.Codec.Value> {
        let count = K.columns.count
        let rows = reader.lazy.map { result -> RowResult<ImportRow> in
            switch result {
            case .record(let value, let line):
                var binder = RowBinder(textColumns: count)
                K.bind(value, &binder)
                return .record(ImportRow(values: binder.texts), line: line)
            case .rejected(let r): return .rejected(r)
            }
        }
        return ImportSource(
            format: format,
            table: K.table,
            columns: K.columns,
            aggregateKey: K.aggregateKey,
            firstField: K.Codec.kind.header[0],
            rows: AnySequence(rows)
        )
    }

    /// A native CSV file of one kind.
    package static func native(_ kind: NativeKind, path file: String) throws(FormatError) -> ImportSource {
        func open<K: StoredKind>(_ k: K.Type) throws(FormatError) -> ImportSource {
            make(k, format: "native:" + K.Codec.kind.rawValue, try NativeReader<K.Codec>(path: file))
        }
        return switch kind {
        case .licensees: try open(StoredLicensees.self)
        case .persons: try open(StoredPersons.self)
        case .sales: try open(StoredSales.self)
        case .recoveries: try open(StoredRecoveries.self)
        case .traces: try open(StoredTraces.self)
        case .events: try open(StoredEvents.self)
        case .areaMeasures: try open(StoredAreaMeasures.self)
        case .flows: try open(StoredFlows.self)
        case .nibinLeads: try open(StoredNIBINLeads.self)
        }
    }

    /// An official file through its reader (the same readers as ``IronTraceStore/importOfficial(_:path:dryRun:progress:)``).
    package static func official(_ format: OfficialFormat, path file: String) throws(FormatError) -> ImportSource {
        let f = format.rawValue
        switch format {
        case .inegiHomicides: return make(StoredAreaMeasures.self, format: f, try INEGIHomicideReader(path: file))
        case .sesnspIncidence: return make(StoredAreaMeasures.self, format: f, try SESNSPIncidenceReader(path: file))
        case .sesnspVictims: return make(StoredAreaMeasures.self, format: f, try SESNSPVictimsReader(path: file))
        case .conapoPopulation: return make(StoredAreaMeasures.self, format: f, try PopulationReader.conapo(path: file))
        case .inegiCensus: return make(StoredAreaMeasures.self, format: f, try PopulationReader.inegiCensus(path: file))
        case .censusPopulation:
            return make(StoredAreaMeasures.self, format: f, try PopulationReader.usCensus(path: file))
        case .atfFlows: return make(StoredFlows.self, format: f, try ATFFlowReader(path: file))
        case .atfWorkbook: return make(StoredFlows.self, format: f, try ATFFlowWorkbookReader.read(path: file))
        case .acled: return make(StoredEvents.self, format: f, try ACLEDEventReader(path: file))
        case .ucdpGED: return make(StoredEvents.self, format: f, try UCDPEventReader(path: file))
        case .fflListing: return make(StoredLicensees.self, format: f, try FFLListingReader(path: file))
        case .firearmHomicidesMonth:
            return make(StoredAreaMeasures.self, format: f, try FirearmHomicideMonthReader.read(path: file))
        case .nationalPopulationWide:
            return make(StoredAreaMeasures.self, format: f, try PopulationReader.nationalWide(path: file))
        case .municipalPopulationNamed:
            return make(StoredAreaMeasures.self, format: f, try PopulationReader.municipalNamed(path: file))
        case .atfCommerce: return make(StoredAreaMeasures.self, format: f, try ATFCommerceReader.read(path: file))
        case .inegiDeathRecords:
            return make(StoredAreaMeasures.self, format: f, try INEGIDeathRecordReader.read(path: file))
        case .sesnspMunicipalLong:
            return make(StoredAreaMeasures.self, format: f, try SESNSPMunicipalLongReader.read(path: file))
        }
    }

    /// The rows of recovery and trace records in column order, for another backend's trace writes.
    package static func recoveryValues(_ r: Recovery) -> [String?] {
        var b = RowBinder(textColumns: StoredRecoveries.columns.count)
        StoredRecoveries.bind(r, &b)
        return b.texts
    }
    package static func traceValues(_ t: Trace) -> [String?] {
        var b = RowBinder(textColumns: StoredTraces.columns.count)
        StoredTraces.bind(t, &b)
        return b.texts
    }
    package static let recoveryColumns = StoredRecoveries.columns
    package static let traceColumns = StoredTraces.columns

    /// The SELECT that yields one kind's native CSV columns (SQLite's; PostgreSQL runs the same text).
    package static func exportSQL(_ kind: NativeKind, includePII: Bool) -> String {
        switch kind {
        case .licensees: StoredLicensees.exportSQL
        case .persons: includePII ? StoredPersons.exportSQL : StoredPersons.maskedExportSQL
        case .sales: StoredSales.exportSQL
        case .recoveries: StoredRecoveries.exportSQL
        case .traces: StoredTraces.exportSQL
        case .events: StoredEvents.exportSQL
        case .areaMeasures:
            "SELECT area, period, measure, value, source FROM area_measures ORDER BY area, period, measure, source"
        case .flows: StoredFlows.exportSQL
        case .nibinLeads: StoredNIBINLeads.exportSQL
        }
    }

    /// The tables of native kinds, in load order.
    package static let tables = Schema.tables
}
