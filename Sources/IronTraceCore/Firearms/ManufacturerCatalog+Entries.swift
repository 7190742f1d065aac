// The manufacturer catalog's entries.
//
// One line per firm: `canonical name | country of manufacture (ISO 3166-1) | role | aliases`.
// Role is `M` (makes firearms), `I` (imports only: its name on a foreign gun names the importer)
// or `MI` (both). Aliases are matched after the normalisation in `ManufacturerCatalog.key(_:)`
// (case, accents, punctuation and corporate suffixes such as "Inc." or "Mfg. Co." removed).
// Countries are where the firm's guns are made; sources: the firms' own published addresses and
// ATF's Annual Firearms Manufacturing and Export Report listings.

extension ManufacturerCatalog {
    static let entryTable = """
        Glock|AT|M|glock;glock gmbh;glock ges m b h;glock usa
        Smith & Wesson|US|M|s&w;s & w;sw;smith and wesson;smith wesson;smith & wesson corp;smith wesson brands
        Sturm, Ruger & Co.|US|M|ruger;sturm ruger;sturm ruger and;ruger sturm;strum ruger;sturm ruger and co;sturm;ruger sturm and co
        SIG Sauer|US|M|sig sauer;sigarms;sig;sig arms;sig sauer sigarms;sauer sig;sig sauer gmbh;swiss industrial group
        Springfield Armory|US|M|springfield armory;springfield;springfield armory inc
        Taurus|BR|M|taurus;forjas taurus;taurus international;taurus usa
        Beretta|IT|M|beretta;beretta usa;pietro beretta;p beretta;beretta holding;mar berevette
        Colt|US|M|colt;colts;colt s;colts mfg;colt manufacturing;colt defense;colt s manufacturing;colts manufacturing
        Heckler & Koch|DE|M|heckler & koch;heckler and koch;h&k;hk;h k;heckler koch
        Walther|DE|M|walther;carl walther;walther arms;ac walther
        Kimber|US|M|kimber;kimber america
        CZ (Česká zbrojovka)|CZ|M|cz;cz usa;ceska zbrojovka;brno;brno or cz;cessation zbrojoka;czech small arms;csa;cz ub
        FN Herstal|BE|M|fn;fn herstal;fnh;fn america;fn american;fnh usa;fabrique nationale;fabrique nationale herstal;browning fabrique nat;fn manufacturing;fns
        Canik|TR|M|canik;canik 55;samsun yurt savunma
        Century Arms|US|MI|century arms;century international arms;century arms international;cai;c a i;century;century intl arms
        SCCY Industries|US|M|sccy;skyy;skyy industries;sccy firearms
        Anderson Manufacturing|US|M|anderson;anderson manufacturing;anderson mfg;anderson arms;anderson man;am 15;andersen;andersen manufacturing
        Mossberg|US|M|mossberg;o f mossberg;of mossberg;o f mossberg and sons;mossburg;maverick;maverick arms
        Rock Island Armory|PH|M|rock island armory;armscor;armscor precision;armscor philippines;rock iisland armory;armscor precision intl
        Browning|US|M|browning;browning arms;fun browning;browning fn
        Remington|US|M|remington;remington arms;remington arms comp;remington outdoor;remington rand
        Spike's Tactical|US|M|spikes tactical;spike s tactical;spikes;spike tactical;spike;spikestactical;spike s
        Hi-Point|US|M|hi point;hipoint;hi point firearms;haskell;haskell manufacturing;beemiller;iberia firearms
        Jennings Firearms (Bryco)|US|M|jennings;jennings firearms;bryco;bryco arms;bryco jennings;b c jennings
        Aero Precision|US|M|aero precision;aero;aeroprecision;aero tech
        Bersa|AR|M|bersa
        Heritage Manufacturing|US|M|heritage;heritage mfg;heritage manufacturing
        Magnum Research|US|M|magnum research;mri;desert eagle
        Kel-Tec|US|M|kel tec;keltec;kel tec cnc
        Zastava Arms|RS|M|zastava;zastava arms;yugo zastava;zcz;zastava oruzje;yugo
        Palmetto State Armory|US|M|palmetto state armory;psa;palmetto;palmetto armory;palmetto state;palmetto arms;palmeto state armory
        Kahr Arms|US|M|kahr;kahr arms;kahrarms
        Charter Arms|US|M|charter arms;charco;charter 2000
        Aldo Uberti|IT|M|uberti;aldo uberti;a uberti;stoeger a uberti
        Harrington & Richardson|US|M|harrington & richardson;harrington and richardson;h&r;h r;h and r;new england firearms;nef
        Bond Arms|US|M|bond arms;bond
        American Tactical|US|I|american tactical;american tactical imports;ati;american tactical import;shooters arms manufacturing
        German Sport Guns|DE|M|german sport guns;gsg
        Dan Wesson|US|M|dan wesson;dan wesson firearms;dan wesson arms;wesson firearms;nyi
        Phoenix Arms|US|M|phoenix arms;phoenix;raven arms;raven
        FMK Firearms|US|M|fmk;fmk firearms
        Chiappa Firearms|IT|M|chiappa;chiappa firearms;armi sport
        STI International|US|M|sti;sti international;staccato
        Star Bonifacio Echeverria|ES|M|star;star bonifacio echeverria;echeverria
        Kriss|US|M|kriss;kriss usa;transformational defense
        MKE|TR|M|mke;makina ve kimya;mke turkey
        Zenith Firearms|US|I|zenith;zenith firearms
        Stag Arms|US|M|stag;stag arms
        Mauser|DE|M|mauser;waffenfabrik mauser;mauser werke;germany mauser;german mauser;waffn fabrik mauser;a g oberndorf;ag oberndorf
        Diamondback Firearms|US|M|diamondback;diamondback firearms
        European American Armory|US|I|eaa;e a a;european american armory
        Fratelli Tanfoglio|IT|M|tanfoglio;f tanfoglio;fratelli tanfoglio;tangfolio
        Israel Weapon Industries|IL|M|iwi;i w i;israel weapons industries;israel weapon industries;israel military industries;imi;i m i
        Wilson Combat|US|M|wilson combat;wilson
        DPMS|US|M|dpms;d p m s;dpms panther arms;panther arms;defense procurement manufacturing services
        Steyr Mannlicher|AT|M|steyr;steyr mannlicher;steyr arms
        Thompson/Center Arms|US|M|thompson center;thompson center arms;t c;t/c;thomas center
        Romarm (Cugir)|RO|M|romarm;cugir;ro arm;romanian;romainian
        Arsenal (Bulgaria)|BG|M|arsenal;arsenal bulgaria;arsenal usa;arsenal inc;arsenal ad
        Arex|SI|M|arex;arex defense
        Hermann Weihrauch|DE|M|hermann weihrauch;weihrauch;arminius;arminus;hw;h w
        Inter Ordnance|US|M|i o;io;inter ordnance;io inc
        Auto-Ordnance|US|M|auto ordnance;auto ordinance;kahrarms auto ordnance
        Hanover Armory|US|M|hanover armory;hanover
        Nighthawk Custom|US|M|nighthawk;nighthawk custom
        Mag Tactical Systems|US|M|mag tactical;mag tactical systems;mag
        AMT|US|M|amt;iai;iai amt;amt or iai;galena industries
        Les Baer Custom|US|M|les baer;les baer custom
        Masterpiece Arms|US|M|masterpiece arms;mpa
        High Standard|US|M|high standard;hi standard;hi-standard;high standard man;high standard mfg
        Para-Ordnance|CA|M|para ordnance;para usa;para;para-usa;Para-USA, Inc & Para-USA, LLC
        Stoeger Industries|US|I|stoeger;stoeger industries
        Amadeo Rossi|BR|M|rossi;amadeo rossi;braztech
        Brügger & Thomet|CH|M|brugger and thomet;brugger & thomet;b&t;b and t
        Henry Repeating Arms|US|M|henry;henry repeating arms
        Bear Creek Arsenal|US|M|bear creek;bear creek arsenal
        Ed Brown Products|US|M|ed brown;ed brown products
        Noreen Firearms|US|M|noreen;noreen firearms
        Metro Arms|PH|M|metro arms
        Cobra Firearms|US|M|cobra;cobra firearms;cobra enterprises
        Radom (Fabryka Broni)|PL|M|radom;fabryka broni;lucznik;fb radom
        CMMG|US|M|cmmg;cmme
        DWM|DE|M|dwm;deutsche waffen und munitionsfabriken
        Astra Unceta|ES|M|astra;unceta
        F.I.E.|US|I|fie;f i e;firearms import and export
        Mega Arms|US|M|mega arms;mega
        Caspian Arms|US|M|caspian;caspian arms
        SAR Arms|TR|M|sar;sar arms;sarsilmaz
        Sphinx Systems|CH|M|sphinx;sphinx systems
        Davide Pedersoli|IT|M|pedersoli;davide pedersoli;pedersoli howdah
        LWRC International|US|M|lwrc;lwrc international;lwrci
        Davis Industries|US|M|davis industries;davis
        Live Free Armory|US|M|live free armory
        Iver Johnson Arms|US|M|iver johnson;iver johnson arms;amac;iver johnson s arms and cycle works
        Honor Defense|US|M|honor defense
        Llama (Gabilondo)|ES|M|llama;gabilondo
        Engage Armament|US|M|engage armament
        Baikal (IMEZ)|RU|M|baikal;imez;izhmekh;baikal or imez
        Radical Firearms|US|M|radical firearms;radical
        Bravo Company Manufacturing|US|M|bcm;bravo company;bravo company manufacturing;bravo company mfg;bravo co;bcm rifle company;bravo company bcm;bcm bravo company
        ISSC|AT|M|issc
        Coonan|US|M|coonan
        Seecamp|US|M|seecamp;l w seecamp
        FÉG|HU|M|feg;f e g;femaru;feg budapest;femaru fegyver es gepgyar;police feg
        Manurhin|FR|M|manurhin
        Deutsche Werke|DE|M|deutsche werke;deutsche werke werkerfurt;erfurt
        EDC Tactical|US|M|edc tactical;edc
        Alex Pro Firearms|US|M|alex pro;alex pro firearms
        PTR Industries|US|M|ptr;ptr industries;ptr 91
        Tisas|TR|M|tisas
        North American Arms|US|M|north american arms;naa
        Hämmerli|CH|M|hammerli
        Volquartsen|US|M|volquartsen
        Daniel Defense|US|M|daniel defense
        Noveske Rifleworks|US|M|noveske;noveske rifleworks
        New Frontier Armory|US|M|new frontier armory;new frontier
        Norinco|CN|M|norinco;china north industries;chinese;kbi china;ksi china
        Bul Transmark|IL|M|bul;bul transmark;bul storm
        PW Arms|US|I|pw arms;p w arms;pw arms redmond
        DoubleTap Defense|US|M|doubletap;doubletap defense;double tap defense
        KE Arms|US|M|ke arms
        Freedom Arms|US|M|freedom arms
        Seekins Precision|US|M|seekins;seekins precision
        Charles Daly|US|I|charles daly
        Savage Arms|US|M|savage;savage arms;stevens;j stevens;savage stevens
        Precision Firearms|US|M|precision firearms
        Grand Power|SK|M|grand power
        Husqvarna|SE|M|husqvarna
        Detonics|US|M|detonics
        Citadel|PH|M|citadel
        Rock River Arms|US|M|rock river arms;rock river;rra
        Black Rain Ordnance|US|M|black rain;black rain ordnance
        Sterling Arsenal|US|M|sterling arsenal
        Yankee Hill Machine|US|M|yhm;yankee hill;yankee hill machine
        Omega Weapons Systems|US|M|omega
        Webley & Scott|GB|M|webley;webley & scott;webley and scott;webly and scott
        Tactical Solutions|US|M|tactical solutions
        J.P. Sauer & Sohn|DE|M|sauer;j p sauer;jp sauer;j p sauer and sohn;jp sauer and sohn;j p sauer and sons;sauer and sohn;sauer and shon;sauer and john
        Arsenal Firearms|IT|M|arsenal firearms;arsenal firearms italy
        Knight's Armament Company|US|M|knights armament;knight s armament;kac;knights mfg;knight armament;knights armament company;kights armament company
        Adams Arms|US|M|adams arms;adams;adam arms
        Fostech|US|M|fostech
        Combat Precision|US|M|combat precision
        Lone Wolf Distributors|US|M|lone wolf
        Primary Weapons Systems|US|M|pws;primary weapon systems;primary weapons systems
        SAA|US|M|saa;southern arms
        TK Defense|US|M|tk defense
        Del-Ton|US|M|del ton;delton
        Guncrafter Industries|US|M|guncrafter industries;guncrafter
        Tennessee Arms Company|US|M|tennessee arms;tennessee arms company;tn arms
        MIL Inc|US|M|mil;mil inc
        CBC (Companhia Brasileira de Cartuchos)|BR|M|cbc;cbc industries
        Helwan|EG|M|helwan;maadi
        Morrissey|US|M|morrissey
        Legion Rifles|US|M|legion rifles
        Butler Creek|US|M|butler
        Salient Arms International|US|M|salient;salient arms;salient arms international
        Black Aces Tactical|US|M|black aces;black aces tactical
        S.A.M. (Shooters Arms Manufacturing)|PH|M|s a m;sam
        F-1 Firearms|US|M|f 1 firearms;f1 firearms;f 1
        Nodak Spud|US|M|nodak spud;nodak
        Erma-Werke|DE|M|erma;erma werke
        Joe Bob Outfitters|US|M|joe bob outfitters;joebob outfitters;jo bob outfitters
        Laseraim Arms|US|M|laseraim;laseraim arms
        Cross Machine Tool|US|M|cross machine tool;cmt
        Ghost Firearms|US|M|ghost firearms
        Atlas Gunworks|US|M|atlas gunworks
        Serbu Firearms|US|M|serbu;serbu firearms
        Rainier Arms|US|M|rainier arms;rainer arms
        Inland Manufacturing|US|M|inland;inland manufacturing
        Daewoo Precision Industries|KR|M|daewoo;s&t motiv;s t motiv;lionheart;lionheart industries
        American Defense Manufacturing|US|M|american defense;american defense manufacturing
        Excel Arms|US|M|excel arms
        Gun Metal Inc|US|M|gun metal
        Bernardelli|IT|M|bernardelli
        Fabricaciones Militares|AR|M|fm;fabricaciones militares;hafdasa;ejercito argentino
        Wildey|US|M|wildey
        Interarms|US|I|interarms
        Kinetic Development Group|US|M|kinetic development group;kdg
        U.S. Firearms Manufacturing|US|M|u s firearms;us firearms;usfa
        Herbert Schmidt|DE|M|herbert schmidt;h schmidt
        American Arms|US|I|american arms
        Armi San Marco|IT|M|armi san marco
        Battle Arms Development|US|M|battle arms;battle arms development
        Jimenez Arms|US|M|jimenez;jimenez arms
        Delphi Tactical|US|M|delphi;delphi tactical
        S.R.L. Adler|IT|M|adler;s r l adler
        Windham Weaponry|US|M|windham;windham weaponry
        Benelli|IT|M|benelli
        SOTA Arms|US|M|sota;sota arms
        Intratec|US|M|intratec;tec 9
        Dreyse|DE|M|dreyse
        ADCOR Defense|US|M|adcor;adcor defense
        BCI Defense|US|M|bci;bci defense
        JP Enterprises|US|M|jp enterprises;jprifles
        Juggernaut Tactical|US|M|juggernaut;juggernaut tactical
        Advanced Armament Corp|US|M|aac;advanced armament;advanced armament corp
        Quarter Circle 10|US|M|quarter circle 10;quarter circle ten;quartercircle10
        Alfa-Proj|CZ|M|alfa proj
        Steyr (Wiener Waffenfabrik)|AT|M|wiener waffenfabrik
        Stallard Arms|US|M|stallard
        Navy Arms|US|I|navy arms
        Atlantic Arms|US|M|atlantic arms
        E3 Arms|US|M|e3 arms
        Herter's|US|M|herters;herter s;herter
        Armalite|US|M|armalite
        Pietta|IT|M|pietta;f lli pietta
        Regent|TR|M|regent
        Bauer Firearms|US|M|bauer;bauer firearms
        Pardini|IT|M|pardini;pardini armi
        Primary Arms|US|M|primary arms
        Franz Stock|DE|M|franz stock;frank stock;franz stock berlin
        Lasserre|ES|M|lasserre
        Gibbz Arms|US|M|gibbz;gibbz arms;gibbs arms
        Lorcin Engineering|US|M|lorcin
        Sharps Bros|US|M|sharps;sharps bros
        LRB Arms|US|M|lrb arms
        Global Defense|US|M|global defense
        Special Ops Tactical|US|M|special ops tactical
        SACM|FR|M|sacm;societe alsacienne de constructions mecaniques
        Union Switch & Signal|US|M|union switch and signal;union switch & signal
        Doublestar|US|M|doublestar;double star
        L.A.R. Manufacturing|US|M|lar;l a r;grizzly
        Danger Close Armament|US|M|danger close
        CKC Sports|US|M|ckc sports
        Interdynamics|US|M|interdynamics
        Retolaza Hermanos|ES|M|retolaza;retolaza and arizmendi
        Morini|CH|M|morini
        Ballistic Advantage|US|M|ballistic advantage
        The Farm Gunworks|US|M|farm gunworks
        J.C. Higgins (Sears)|US|M|jc higgins;j c higgins
        Surplus Ammo & Arms|US|M|surplus ammo;surplus ammo and arms
        Tri Star Arms|US|I|tri star;tristar
        Fusion Firearms|US|M|fusion firearms
        Firestorm|AR|M|firestorm
        Midwest Industries|US|M|midwest industries
        JD Machine|US|M|jd machine
        Pieper|BE|M|pieper;henri pieper;peiper baynard
        Otis Smith|US|M|otis smith
        Arcus|BG|M|arcus
        Tactical Innovations|US|M|tactical innovations;tactical innovation;tactical inovations
        Rast & Gasser|AT|M|rast and gasser;rast & gasser
        Olympic Arms|US|M|olympic arms
        American Bulldog|US|M|american bulldog
        Alexander Arms|US|M|alexander arms
        San Tan Tactical|US|M|san tan tactical
        SWAT Manufacturing|US|M|swat mfg;swat manufacturing
        Volkmann Precision|US|M|volkman precision;volkmann precision
        Rex-Merrill|US|M|rex merrill
        Manufacture d'armes de Saint-Étienne|FR|M|st etienne;saint etienne;mas;mac mas;mle d armes st etienne;manufacture d armes de saint etienne
        Hopkins & Allen|US|M|hopkins and allen;hopkins & allen;hopkins allen
        United Sporting Arms|US|M|united sporting arms
        Rohm|DE|M|rohm;rohm gesellschaft;rohm gmbh;rg
        MAC Tactical Systems|US|M|mac tactical systems
        Scorpion Armaments|US|M|scorpion armaments
        Girsan|TR|M|girsan
        Taran Tactical Innovations|US|M|taran tactical
        Sagem|FR|M|sagem
        Eagle Arms|US|M|eagle arms;egale arms
        Standard Manufacturing|US|M|standard manufacturing
        John Inglis|CA|M|inglis;john inglis
        Sterling Armaments|GB|M|sterling;sterling arms
        Savage (Lakefield)|CA|M|lakefield
        Ares Defense|US|M|ares defense
        CVA|US|M|cva;dikar
        Lignose|DE|M|lignose
        Core Rifle Systems|US|M|core rifle systems;core15;core 15
        Mitchell Arms|US|M|mitchell arms
        Kidd Innovative Design|US|M|kidd
        Fulton Armory|US|M|fulton armory
        DS Arms|US|M|dsa;ds arms;dsa arms
        Sentinel Arms|US|M|sentinel
        Stiller's Precision|US|M|stillers precision
        Ascend Armory|US|M|ascend armory
        Triarc Systems|US|M|triarc;triarc systems
        Wichita Arms|US|M|wichita arms
        Nagant|RU|M|nagant
        Detroit Gun Works|US|M|detroit gun works
        F4 Defense|US|M|f4defense;f4 defense
        V Seven Weapon Systems|US|M|v seven weapons;v seven
        Spreewerk|DE|M|spreewerk;spreework
        Calico|US|M|calico
        Essex Arms|US|M|essex
        Manufacture d'Armes de Bayonne (MAB)|FR|M|mab;mab espanola
        Hawes Firearms|US|M|hawes
        Republic Arms|US|M|republic arms
        Republic Forge|US|M|republic forge
        Spartan Precision|US|M|spartan;spartan9
        Sun Devil Manufacturing|US|M|sun devil;sun devin
        Titan|US|M|titan
        Universal Firearms|US|M|universal
        E.M.F. Company|US|I|emf;e m f
        Jäger|DE|M|jager
        Eibar (Spanish makers)|ES|M|eibar
        Colt's (Canadian) / Colt Canada|CA|M|colt canada
        American Firearms|US|M|american firearms
        US Revolver Co|US|M|us revolver
        Randall Firearms|US|M|randall
        Young America|US|M|young america
        Foster Industries|US|M|foster industries
        Xtreme Machining|US|M|xtreme machining;xtreme maching
        Delta Custom Firearms|US|M|delta custom
        Tactical Machining|US|M|tactical machining;tachtical machining
        Christensen Arms|US|M|christensen arms
        Jieffeco|BE|M|jieffeco
        Ernst Thälmann (East German)|DE|M|ernst thaelmann;ernst thalmann;east german mil
        Michigan Armament|US|M|michigan armament
        Angstadt Arms|US|M|angstadt
        Cormac Enterprise|US|M|cormac
        Nagoya Arsenal|JP|M|nagoya;nagoya arsenal;nagoya arsenak
        Koishikawa Arsenal|JP|M|koishikawa;koishikawa arsenal
        Superior Arms|US|M|superior arms;superor arms
        Beistegui Hermanos|ES|M|beistegui;beistegui bros
        Clément|BE|M|clement;clement liege;clement leige
        E.A. Brown Manufacturing|US|M|e a brown
        Unique (MAPF)|FR|M|unique
        Kommer|DE|M|kommer
        Strayer Voigt|US|M|strayer voigt;strayer voight;svi
        Freedom Armory|US|M|freedom armory
        Delaware Machinery|US|M|delaware machinery
        Reck|DE|M|reck
        Paramount Firearms|US|M|paramount
        Howa|JP|M|howa
        Radian Weapons|US|M|radian;radian weapons
        Sons of Liberty Gun Works|US|M|sons of liberty;sons of liberty gun works
        Lewis Machine & Tool|US|M|lewis machine and tool;lmt
        Valor Arms|US|M|valor
        Ortgies|DE|M|ortgies
        Fightlite Industries|US|M|fightlite;fightlight
        Grey Ghost Precision|US|M|grey ghost precision
        Vektor|ZA|M|vektor
        Pyrenees (Unique)|FR|M|d armes de pyrenees
        Mann-Werke|DE|M|mann werke;the mann
        Wyoming Arms|US|M|wyoming arms
        Pioneer Arms|PL|M|pioneer arms
        Zombie Defense|US|M|zombie defense
        Fime Group|US|I|fime group
        Rebel Arms|US|M|rebel arms
        Kolb|US|M|kolb
        Phoenix Trinity|US|M|phoenix trinity
        LaRue Tactical|US|M|larue;larue tactical
        Sako|FI|M|sako
        Imperial Arms|US|M|imperial arms
        Galesi|IT|M|galesi;armi galesi;galesi brescia;armi galesi brescia brevetto
        Northern Firearms|US|M|northern firearms
        Hughes Precision|US|M|hughes precision
        CRC|US|M|crc
        Lahti|FI|M|lahti
        Hendershot's|US|M|hendershot s;hendershots
        Franklin Armory|US|M|franklin armory
        Warwick Tactical|US|M|warwick tactical
        2A Armament|US|M|2a armament
        Childers Guns|US|M|childers guns
        BPM Inc|US|M|bpm
        Ithaca Gun Company|US|M|ithaca
        Langenhan|DE|M|langenhan
        Black Creek Precision|US|M|black creek precision
        Châtellerault (MAC)|FR|M|nationale d armes dechatellerult;chatellerault
        Sundance Industries|US|M|sundance
        Winchester|US|M|winchester;winchester repeating arms;u s repeating arms;usrac
        Marlin|US|M|marlin;marlin firearms
        Bushmaster|US|M|bushmaster;bushmaster firearms
        Barrett Firearms|US|M|barrett;barrett firearms
        Izhmash (Kalashnikov Concern)|RU|M|izhmash;kalashnikov;kalashnikov concern;izhevsk;russian kbi;kbi makarov
        Polymer80|US|M|polymer80;polymer 80;p80
        Privately made firearm|US|M|privately made;pmf;ghost gun;unserialized;80 lower;homemade
        Tula Arms Plant|RU|M|tula;tula arms
        Derya|TR|M|derya
        Armscor (Squires Bingham)|PH|M|squires bingham
        Kalashnikov USA|US|M|kalashnikov usa;ku
        Hatsan|TR|M|hatsan
        Akdal|TR|M|akdal
        Escort (Hatsan)|TR|M|escort
        Norinco (Polytech)|CN|M|polytech
        Valtro|IT|M|valtro
        Heizer Defense|US|M|heizer
        Umarex|DE|M|umarex
        Saiga (Izhmash)|RU|M|saiga
        Vepr (Molot)|RU|M|molot;vepr
        Ram-Line|US|M|ram line
        WMD Guns|US|M|wmd guns
        TNW Firearms|US|M|tnw;tnw firearms
        Royal Small Arms Factory (Enfield)|GB|M|enfield;rsaf enfield;royal small arms factory
        General Motors (Inland, Guide Lamp)|US|M|general motors
        GWACS Armory|US|M|gwacs;gwacs armory
        Pakistan Ordnance Factories|PK|M|pakistan ordnance factories
        Brownells|US|M|brownells
        Keystone Sporting Arms|US|M|keystone sporting arms;k s a
        Plum Crazy Firearms|US|M|plum crazy;plumcrazy;plum crazy firearms
        Swiss Arms (SAN)|CH|M|swiss arms;san swiss arms
        INA (Indústria Nacional de Armas)|BR|M|ina;industria nacional de armas
        """
}

extension ManufacturerCatalog {
    /// Importers and distributors whose names appear beside the maker in sales records.
    static let importerTable = """
        Taylor's & Company|US|I|taylor;taylors;taylor s;taylor and co;taylors and co
        Cimarron Firearms|US|I|cimarron;cimarron arms;cimarron firearms
        BrazTech|US|I|braztech;braztech international
        Blackheart International|US|I|blackheart;blackheart international
        CzechPoint|US|I|czechpoint;czech point
        Italian Firearms Group|US|I|ifg;italian firearms group
        TCC|US|I|tcc;tcc importer
        Traditions Firearms|US|I|traditions
        Firearms International Corp|US|I|firearms int;firearms international corp
        K.B.I.|US|I|kbi;k b i
        SDS Imports|US|I|sds imports;sds
        Military Armament Corp|US|I|military armament corp
        Kassnar|US|I|kassnar
        Import Sports|US|I|import sports
        """
}
