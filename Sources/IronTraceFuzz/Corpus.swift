import Foundation
import IronTraceCore
import IronTraceFormats
import IronTraceSynth
import ZIPFoundation

/// The seeds: small slices of the real public files (header and first lines, plus the last lines
/// where footers carry meaning), the real workbooks, and a tiny synthetic world for the native
/// kinds. When the shared data is absent, small built-in seeds stand in.
enum Corpus {
    /// `$IRONTRACE_SHARED_DATA`, or `../shared/data` from the current directory.
    static let dataDirectory: String? = {
        let fm = FileManager.default
        if let env = ProcessInfo.processInfo.environment["IRONTRACE_SHARED_DATA"], fm.fileExists(atPath: env) {
            return env
        }
        let rel = fm.currentDirectoryPath + "/../shared/data"
        return fm.fileExists(atPath: rel) ? rel : nil
    }()

    static func bytes(_ relative: String) -> [UInt8]? {
        guard let d = dataDirectory, let data = FileManager.default.contents(atPath: d + "/" + relative) else {
            return nil
        }
        return [UInt8](data)
    }

    /// The first `head` and the last `tail` lines (line ends kept as written).
    static func slice(_ b: [UInt8], head: Int = 50, tail: Int = 5) -> [UInt8] {
        var starts = [0]
        for (i, c) in b.enumerated() where c == 10 && i + 1 < b.count { starts.append(i + 1) }
        if starts.count <= head + tail { return b }
        let first = Array(b[..<starts[head]])
        return tail > 0 ? first + Array(b[starts[starts.count - tail]...]) : first
    }

    /// Slices of real files, or the fallback when none is present.
    static func text(_ files: [String], fallback: String) -> [[UInt8]] {
        let real = files.compactMap { bytes($0).map { slice($0) } }
        return real.isEmpty ? [Array(fallback.utf8)] : real
    }

    /// The first 50 records of the compressed victims file, as plain CSV.
    static func victims() -> [[UInt8]] {
        guard let d = dataDirectory,
            let reader = try? CSVReader(path: d + "/sesnsp_victimas_estatal/db_victimas_delitos_ent_long.csv.bz2")
        else {
            return [Array(Fallback.victims.utf8)]
        }
        var out = ""
        for _ in 0..<50 {
            guard let r = reader.next() else { break }
            out += CSVWriter.line(r.fields)
        }
        return [Array(out.utf8)]
    }

    /// Header and first 50 rows of each native file of a tiny synthetic world.
    static func native() -> [NativeKind: [[UInt8]]] {
        let dir = NSTemporaryDirectory() + "irontrace-fuzz-world-\(getpid())"
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let world = WorldGenerator.generate(scale: .tiny, seed: 7)
        var out: [NativeKind: [[UInt8]]] = [:]
        if let files = try? world.writeFiles(to: dir) {
            for (kind, path) in files {
                guard let data = FileManager.default.contents(atPath: path) else { continue }
                out[kind] = [slice([UInt8](data), head: 50, tail: 0)]
            }
        }
        for kind in NativeKind.allCases where (out[kind]?.first?.filter { $0 == 10 }.count ?? 0) < 2 {
            // A kind the tiny world has no rows of (flows): a header and two rows.
            let rows = kind == .flows ? "US-TX,MX-14,2017,5,ATF\nUS-AZ,MX-26,2018,3,ATF\n" : ""
            out[kind] = [Array((kind.header.joined(separator: ",") + "\n" + rows).utf8)]
        }
        return out
    }

    /// The real workbooks as parts (the sheet cut to its first rows and last rows, so an input runs in
    /// a millisecond), or a small built one.
    static func workbooks() -> [[(name: String, data: [UInt8])]] {
        var out: [[(name: String, data: [UInt8])]] = []
        for year in 2010...2017 {
            guard let d = dataDirectory,
                let archive = try?
                    (Archive(
                        url: URL(fileURLWithPath: d + "/atf_trace_by_state/raw_xlsx/trace_\(year).xlsx"),
                        accessMode: .read
                    ) as Archive)
            else { continue }
            var parts: [(name: String, data: [UInt8])] = []
            for entry in archive where entry.type == .file {
                var data = Data()
                guard (try? archive.extract(entry, consumer: { data.append($0) })) != nil else { continue }
                var bytes = [UInt8](data)
                if entry.path == "xl/worksheets/sheet1.xml" { bytes = sliceSheet(bytes) }
                parts.append((entry.path, bytes))
            }
            out.append(parts)
        }
        if out.isEmpty { out.append(Fallback.workbook) }
        return out
    }

    /// Keeps the first 12 and last 4 `<row` elements of a sheet.
    static func sliceSheet(_ b: [UInt8]) -> [UInt8] {
        let open = Array("<row ".utf8)
        var starts: [Int] = []
        var i = 0
        while i + open.count <= b.count {
            if b[i] == open[0] && Array(b[i..<(i + open.count)]) == open { starts.append(i) }
            i += 1
        }
        guard starts.count > 16, let end = lastIndex(of: Array("</sheetData>".utf8), in: b) else { return b }
        return Array(b[..<starts[12]]) + Array(b[starts[starts.count - 4]..<end]) + Array(b[end...])
    }

    static func lastIndex(of needle: [UInt8], in b: [UInt8]) -> Int? {
        guard b.count >= needle.count else { return nil }
        for i in stride(from: b.count - needle.count, through: 0, by: -1)
        where Array(b[i..<(i + needle.count)]) == needle {
            return i
        }
        return nil
    }
}

/// Built-in seeds for when ../shared/data is absent (a clean clone without the data).
enum Fallback {
    /// Trace requests (docs/formats.md, trace_requests.csv): a clean one, a Spanish type and a
    /// non-ASCII serial, an impossible date with missing fields.
    static let traceRequests = """
        request_id,request_date,priority,ncic_code,agency_ori,case_number,serial,serial_obliterated,manufacturer,type,caliber,model,country_of_origin,importer,other_markings,possessor,recovery_date,recovery_country,recovery_area,recovery_id
        r1,2024-03-02,urgent,5212,TX0570000,C-1,ABC123,false,Glock,pistol,9mm,19,AT,,,,2024-03-01,US,US-TX,
        r2,2024-03-02,routine,5212,MXFGR0001,C-2,ÑÁ123é,false,Taurus,revólver,.38 Special,85,BR,,,,2024-03-01,MX,MX-14,
        r3,,routine,,,C-3,,false,,escopeta,,,,,,,2024-02-30,MX,MX-99,

        """
    static let victims = """
        date_year_month,n_year,n_month,cve_ent,nombre_estado,bien_juridico_afectado,tipo_de_delito,subtipo_de_delito,modalidad,genero,rango_de_edad,n_victimas
        2020-01,2020,1,14,Jalisco,La vida y la integridad corporal,Homicidio,Homicidio doloso,Con arma de fuego,Hombre,Adultos (18 y más),120
        2020-02,2020,2,14,Jalisco,La vida y la integridad corporal,Homicidio,Homicidio doloso,Con arma de fuego,Mujer,Adultos (18 y más),12

        """
    static let inegiHomicides =
        "\"Defunciones por homicidio\"\r\n\"Año de registro : 2010\"\r\n\"\",\"\",\"Total\",\"Enero\",\"Febrero\",\"Marzo\",\"Abril\",\"Mayo\",\"Junio\",\"Julio\",\"Agosto\",\"Septiembre\",\"Octubre\",\"Noviembre\",\"Diciembre\"\r\n"
        + "\"\",\"Total\",\"25,757\",\"1,900\",\"1,800\",\"2,000\",\"2,100\",\"2,200\",\"2,300\",\"2,100\",\"2,200\",\"2,300\",\"2,200\",\"2,300\",\"2,357\"\r\n"
        + "\"=CONCATENAR(0,14) \",\"Jalisco\",\"1,200\",\"100\",\"100\",\"100\",\"100\",\"100\",\"100\",\"100\",\"100\",\"100\",\"100\",\"100\",\"100\"\r\n"
        + "\" 14 039 \",\"Guadalajara\",\"300\",\"25\",\"25\",\"25\",\"25\",\"25\",\"25\",\"25\",\"25\",\"25\",\"25\",\"25\",\"\"\r\n"
        + "\"FUENTE: INEGI\"\r\n"
    static let sesnspIncidence =
        "Año,Clave_Ent,Entidad,Bien jurídico afectado,Tipo de delito,Subtipo de delito,Modalidad,Enero,Febrero,Marzo,Abril,Mayo,Junio,Julio,Agosto,Septiembre,Octubre,Noviembre,Diciembre\n"
        + "2020,14,Jalisco,La vida,Homicidio,Homicidio doloso,Con arma de fuego,100,90,80,70,60,50,40,30,20,10,5,\n"
    static let conapo =
        "n_year,nombre_estado,cve_ent,genero,pob_start_year,pob_mid_year\n1950,Nacional,00,Hombres,14037453,14211712\n2020,Jalisco,14,Mujeres,4200000,4210000\n"
    static let inegiCensus =
        "\"Población total\"\r\n\"\",\"\",\"Total\",\"Hombres\",\"Mujeres\",\"\"\r\n\" \",\"Total\",\"126,014,024\",\"61,473,390\",\"64,540,634\"\r\n"
        + "\"=CONCATENAR(0,01) \",\"Aguascalientes\",\"1,425,607\",\"696,683\",\"728,924\"\r\n\" 01 001 \",\"Aguascalientes\",\"948,990\",\"462,073\",\"486,917\"\r\n"
        + "\"FUENTE: INEGI. Censo de Población y Vivienda 2020.\"\r\n"
    static let usCensus =
        "SUMLEV,REGION,DIVISION,STATE,NAME,POPESTIMATE2010,POPESTIMATE2011\n010,0,0,00,United States,309000000,311000000\n020,1,0,00,Northeast Region,55000000,55100000\n040,3,7,48,Texas,25200000,25600000\n"
    static let gunsMonth =
        "\u{FEFF}State,Year,Month,Murders.with.Firearm,Murders\nAguascalientes,1998,Enero,1,2\n,,Febrero,1,2\n"
        + ",,No Especificado,0,1\nAguascalientes Total,,,2,5\nSonora,1998,Enero,\"1,000\",\"2,000\"\n"
    static let wideNational = "1998,1999,2000\n95790135,97114831,98438557\n"
    static let namedMunicipal = "Municipio,Poblacion\nAbasolo,92040\nTarandacuao,11304\nLeón,1721215\n"
    static let deathRecords =
        "entidad_ocurrencia,sexo_cat,edad_anios,grupo_edad,conindig_cat,afromex_cat,nacionalidad_cat,lugar_ocurrencia,area_ur_cat\n"
        + "Aguascalientes,Hombre,34,Jóvenes (20–35),No indígena,No afromexicana,Mexicana,Vivienda particular,Urbana\n"
        + "No especificada,Mujer,NA,Edad no especificada,No especificada,No especificada,Mexicana,Se ignora,Rural\n"
    static let municipalLong =
        "Año,Entidad,Municipio,Tipo de delito,Subtipo de delito,Mes,Casos\n"
        + "2020,Guanajuato,Abasolo,Homicidio,Homicidio doloso,Enero,1.0\n2020,Guanajuato,Abasolo,Homicidio,Homicidio doloso,Enero,0.0\n"
        + "2025,Guanajuato,León,Homicidio,Homicidio doloso,Diciembre,\n"
    static let atfCommerce =
        "Year,Pistols,Revolvers,Rifles,Shotguns,Misc. Firearms1,Firearms\n1986,\"662,973\",\"761,414\",\"970,507\",\"641,482\",\"4,558\",\"3,040,934\"\n"
        + "1 Note: excludes military.,,,,,,\n"
    static let atfFlows =
        "Year,Source_State,Recovery_State,Guns_Recovered\n2015,Texas,Arizona,120\n2015,Arizona,Texas,80\n2015,Total,Texas,900\n"
    static let ucdp =
        "id,relid,year,type_of_violence,side_a,side_b,country,adm_1,adm_2,where_description,latitude,longitude,date_prec,date_start,best,dyad_name,source_article\n"
        + "182027,MEX-1992-2-14353-10,1992,2,Sinaloa Cartel,Tijuana Cartel,Mexico,Jalisco state,Guadalajara,x,20.6,-103.3,1,1992-05-01,3,a - b,news\n"
    static let acled =
        "event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,actor1,assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,civilian_targeting,iso,region,country,admin1,admin2,admin3,location,latitude,longitude,geo_precision,source,source_scale,notes,fatalities,tags,timestamp\n"
        + "MEX10607,2022-06-01,2022,1,Political violence,Battles,Armed clash,A,,3,B,,3,33,,484,Caribbean,Mexico,Jalisco,Guadalajara,,Guadalajara,20.6,-103.3,1,Press,National,notes,2,,1658181234\n"
    static let ffl =
        "LIC_REGN\tLIC_DIST\tLIC_CNTY\tLIC_TYPE\tLIC_XPRDTE\tLIC_SEQN\tLICENSE_NAME\tBUSINESS_NAME\tPREMISE_STREET\tPREMISE_CITY\tPREMISE_STATE\tPREMISE_ZIP_CODE\tMAIL_STREET\tMAIL_CITY\tMAIL_STATE\tMAIL_ZIP_CODE\tVOICE_PHONE\n"
        + "5\t74\t123\t01\t2K\t12345\tSMITH, JOHN\tJOHNS GUNS\t1 MAIN ST\tHOUSTON\tTX\t77001\t1 MAIN ST\tHOUSTON\tTX\t77001\t7135550100\n"
        + "9\t33\t37\t07\t3A\t00012\tACME ARMS LLC\t\t2 OAK RD\tLOS ANGELES\tCA\t90001\t\t\t\t\t\n"

    static var workbook: [(name: String, data: [UInt8])] {
        func cell(_ ref: String, _ text: String) -> String {
            "<c r=\"\(ref)\" t=\"inlineStr\"><is><t>\(text)</t></is></c>"
        }
        let states = USState.all.prefix(24)
        let letters = "BCDEFGHIJKLMNOPQRSTUVWXYZ".map { String($0) }
        var sheet = "<row r=\"1\">" + zip(letters, states).map { cell("\($0.0)1", $0.1.name) }.joined() + "</row>"
        sheet +=
            "<row r=\"2\">" + cell("A2", "Texas") + letters.prefix(24).map { "<c r=\"\($0)2\"><v>7</v></c>" }.joined()
            + "</row>"
        sheet += "<row r=\"3\">" + cell("A3", "TOTAL") + "<c r=\"B3\" t=\"s\"><v>0</v></c></row>"
        sheet += "<row r=\"5\">" + cell("A5", "between 1/1/2015 - 12/31/2015") + "</row>"
        return [
            (
                "xl/workbook.xml",
                Array("<?xml version=\"1.0\"?><workbook><sheets><sheet name=\"Sheet1\"/></sheets></workbook>".utf8)
            ),
            ("xl/sharedStrings.xml", Array("<?xml version=\"1.0\"?><sst><si><t>12</t></si></sst>".utf8)),
            (
                "xl/worksheets/sheet1.xml",
                Array("<?xml version=\"1.0\"?><worksheet><sheetData>\(sheet)</sheetData></worksheet>".utf8)
            ),
        ]
    }
}
