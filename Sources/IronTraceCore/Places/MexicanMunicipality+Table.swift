// INEGI municipality codes and names (Marco Geoestadístico), from `cve_nom_municipios.csv` of
// isaacarroyov/datos_facil_acceso @ 5f7295ae9f6f5abfb7b12cd10047f5d824bc4fce (see the shared data's
// SOURCES.md). Producer: INEGI; reused under INEGI's terms of free use with attribution.

extension MexicanMunicipality {
    /// `SSMMM|name`, one per line, sorted by code.
    static let table = """
        01001|Aguascalientes
        01002|Asientos
        01003|Calvillo
        01004|Cosío
        01005|Jesús María
        01006|Pabellón de Arteaga
        01007|Rincón de Romos
        01008|San José de Gracia
        01009|Tepezalá
        01010|El Llano
        01011|San Francisco de los Romo
        02001|Ensenada
        02002|Mexicali
        02003|Tecate
        02004|Tijuana
        02005|Playas de Rosarito
        02006|San Quintín
        02007|San Felipe
        03001|Comondú
        03002|Mulegé
        03003|La Paz
        03008|Los Cabos
        03009|Loreto
        04001|Calkiní
        04002|Campeche
        04003|Carmen
        04004|Champotón
        04005|Hecelchakán
        04006|Hopelchén
        04007|Palizada
        04008|Tenabo
        04009|Escárcega
        04010|Calakmul
        04011|Candelaria
        04012|Seybaplaya
        04013|Dzitbalché
        05001|Abasolo
        05002|Acuña
        05003|Allende
        05004|Arteaga
        05005|Candela
        05006|Castaños
        05007|Cuatro Ciénegas
        05008|Escobedo
        05009|Francisco I. Madero
        05010|Frontera
        05011|General Cepeda
        05012|Guerrero
        05013|Hidalgo
        05014|Jiménez
        05015|Juárez
        05016|Lamadrid
        05017|Matamoros
        05018|Monclova
        05019|Morelos
        05020|Múzquiz
        05021|Nadadores
        05022|Nava
        05023|Ocampo
        05024|Parras
        05025|Piedras Negras
        05026|Progreso
        05027|Ramos Arizpe
        05028|Sabinas
        05029|Sacramento
        05030|Saltillo
        05031|San Buenaventura
        05032|San Juan de Sabinas
        05033|San Pedro
        05034|Sierra Mojada
        05035|Torreón
        05036|Viesca
        05037|Villa Unión
        05038|Zaragoza
        06001|Armería
        06002|Colima
        06003|Comala
        06004|Coquimatlán
        06005|Cuauhtémoc
        06006|Ixtlahuacán
        06007|Manzanillo
        06008|Minatitlán
        06009|Tecomán
        06010|Villa de Álvarez
        07001|Acacoyagua
        07002|Acala
        07003|Acapetahua
        07004|Altamirano
        07005|Amatán
        07006|Amatenango de la Frontera
        07007|Amatenango del Valle
        07008|Ángel Albino Corzo
        07009|Arriaga
        07010|Bejucal de Ocampo
        07011|Bella Vista
        07012|Berriozábal
        07013|Bochil
        07014|El Bosque
        07015|Cacahoatán
        07016|Catazajá
        07017|Cintalapa de Figueroa
        07018|Coapilla
        07019|Comitán de Domínguez
        07020|La Concordia
        07021|Copainalá
        07022|Chalchihuitán
        07023|Chamula
        07024|Chanal
        07025|Chapultenango
        07026|Chenalhó
        07027|Chiapa de Corzo
        07028|Chiapilla
        07029|Chicoasén
        07030|Chicomuselo
        07031|Chilón
        07032|Escuintla
        07033|Francisco León
        07034|Frontera Comalapa
        07035|Frontera Hidalgo
        07036|La Grandeza
        07037|Huehuetán
        07038|Huixtán
        07039|Huitiupán
        07040|Huixtla
        07041|La Independencia
        07042|Ixhuatán
        07043|Ixtacomitán
        07044|Ixtapa
        07045|Ixtapangajoya
        07046|Jiquipilas
        07047|Jitotol
        07048|Juárez
        07049|Larráinzar
        07050|La Libertad
        07051|Mapastepec
        07052|Las Margaritas
        07053|Mazapa de Madero
        07054|Mazatán
        07055|Metapa
        07056|Mitontic
        07057|Motozintla
        07058|Nicolás Ruíz
        07059|Ocosingo
        07060|Ocotepec
        07061|Ocozocoautla de Espinosa
        07062|Ostuacán
        07063|Osumacinta
        07064|Oxchuc
        07065|Palenque
        07066|Pantelhó
        07067|Pantepec
        07068|Pichucalco
        07069|Pijijiapan
        07070|El Porvenir
        07071|Villa Comaltitlán
        07072|Pueblo Nuevo Solistahuacán
        07073|Rayón
        07074|Reforma
        07075|Las Rosas
        07076|Sabanilla
        07077|Salto de Agua
        07078|San Cristóbal de las Casas
        07079|San Fernando
        07080|Siltepec
        07081|Simojovel
        07082|Sitalá
        07083|Socoltenango
        07084|Solosuchiapa
        07085|Soyaló
        07086|Suchiapa
        07087|Suchiate
        07088|Sunuapa
        07089|Tapachula
        07090|Tapalapa
        07091|Tapilula
        07092|Tecpatán
        07093|Tenejapa
        07094|Teopisca
        07096|Tila
        07097|Tonalá
        07098|Totolapa
        07099|La Trinitaria
        07100|Tumbalá
        07101|Tuxtla Gutiérrez
        07102|Tuxtla Chico
        07103|Tuzantán
        07104|Tzimol
        07105|Unión Juárez
        07106|Venustiano Carranza
        07107|Villa Corzo
        07108|Villaflores
        07109|Yajalón
        07110|San Lucas
        07111|Zinacantán
        07112|San Juan Cancuc
        07113|Aldama
        07114|Benemérito de las Américas
        07115|Maravilla Tenejapa
        07116|Marqués de Comillas
        07117|Montecristo de Guerrero
        07118|San Andrés Duraznal
        07119|Santiago el Pinar
        07120|Capitán Luis Ángel Vidal
        07121|Rincón Chamula San Pedro
        07122|El Parral
        07123|Emiliano Zapata
        07124|Mezcalapa
        07125|Honduras de la Sierra
        08001|Ahumada
        08002|Aldama
        08003|Allende
        08004|Aquiles Serdán
        08005|Ascensión
        08006|Bachíniva
        08007|Balleza
        08008|Batopilas de Manuel Gómez Morín
        08009|Bocoyna
        08010|Buenaventura
        08011|Camargo
        08012|Carichí
        08013|Casas Grandes
        08014|Coronado
        08015|Coyame del Sotol
        08016|La Cruz
        08017|Cuauhtémoc
        08018|Cusihuiriachi
        08019|Chihuahua
        08020|Chínipas
        08021|Delicias
        08022|Dr. Belisario Domínguez
        08023|Galeana
        08024|Santa Isabel
        08025|Gómez Farías
        08026|Gran Morelos
        08027|Guachochi
        08028|Guadalupe
        08029|Guadalupe y Calvo
        08030|Guazapares
        08031|Guerrero
        08032|Hidalgo del Parral
        08033|Huejotitán
        08034|Ignacio Zaragoza
        08035|Janos
        08036|Jiménez
        08037|Juárez
        08038|Julimes
        08039|López
        08040|Madera
        08041|Maguarichi
        08042|Manuel Benavides
        08043|Matachí
        08044|Matamoros
        08045|Meoqui
        08046|Morelos
        08047|Moris
        08048|Namiquipa
        08049|Nonoava
        08050|Nuevo Casas Grandes
        08051|Ocampo
        08052|Ojinaga
        08053|Praxedis G. Guerrero
        08054|Riva Palacio
        08055|Rosales
        08056|Rosario
        08057|San Francisco de Borja
        08058|San Francisco de Conchos
        08059|San Francisco del Oro
        08060|Santa Bárbara
        08061|Satevó
        08062|Saucillo
        08063|Temósachic
        08064|El Tule
        08065|Urique
        08066|Uruachi
        08067|Valle de Zaragoza
        09002|Azcapotzalco
        09003|Coyoacán
        09004|Cuajimalpa de Morelos
        09005|Gustavo A. Madero
        09006|Iztacalco
        09007|Iztapalapa
        09008|La Magdalena Contreras
        09009|Milpa Alta
        09010|Álvaro Obregón
        09011|Tláhuac
        09012|Tlalpan
        09013|Xochimilco
        09014|Benito Juárez
        09015|Cuauhtémoc
        09016|Miguel Hidalgo
        09017|Venustiano Carranza
        10001|Canatlán
        10002|Canelas
        10003|Coneto de Comonfort
        10004|Cuencamé
        10005|Durango
        10006|General Simón Bolívar
        10007|Gómez Palacio
        10008|Guadalupe Victoria
        10009|Guanaceví
        10010|Hidalgo
        10011|Indé
        10012|Lerdo
        10013|Mapimí
        10014|Mezquital
        10015|Nazas
        10016|Nombre de Dios
        10017|Ocampo
        10018|El Oro
        10019|Otáez
        10020|Pánuco de Coronado
        10021|Peñón Blanco
        10022|Poanas
        10023|Pueblo Nuevo
        10024|Rodeo
        10025|San Bernardo
        10026|San Dimas
        10027|San Juan de Guadalupe
        10028|San Juan del Río
        10029|San Luis del Cordero
        10030|San Pedro del Gallo
        10031|Santa Clara
        10032|Santiago Papasquiaro
        10033|Súchil
        10034|Tamazula
        10035|Tepehuanes
        10036|Tlahualilo
        10037|Topia
        10038|Vicente Guerrero
        10039|Nuevo Ideal
        11001|Abasolo
        11002|Acámbaro
        11003|San Miguel de Allende
        11004|Apaseo el Alto
        11005|Apaseo el Grande
        11006|Atarjea
        11007|Celaya
        11008|Manuel Doblado
        11009|Comonfort
        11010|Coroneo
        11011|Cortazar
        11012|Cuerámaro
        11013|Doctor Mora
        11014|Dolores Hidalgo
        11015|Guanajuato
        11016|Huanímaro
        11017|Irapuato
        11018|Jaral del Progreso
        11019|Jerécuaro
        11020|León
        11021|Moroleón
        11022|Ocampo
        11023|Pénjamo
        11024|Pueblo Nuevo
        11025|Purísima del Rincón
        11026|Romita
        11027|Salamanca
        11028|Salvatierra
        11029|San Diego de la Unión
        11030|San Felipe
        11031|San Francisco del Rincón
        11032|San José Iturbide
        11033|San Luis de la Paz
        11034|Santa Catarina
        11035|Santa Cruz de Juventino Rosas
        11036|Santiago Maravatío
        11037|Silao de la Victoria
        11038|Tarandacuao
        11039|Tarimoro
        11040|Tierra Blanca
        11041|Uriangato
        11042|Valle de Santiago
        11043|Victoria
        11044|Villagrán
        11045|Xichú
        11046|Yuriria
        12001|Acapulco de Juárez
        12002|Ahuacuotzingo
        12003|Ajuchitlán del Progreso
        12004|Alcozauca de Guerrero
        12005|Alpoyeca
        12006|Apaxtla
        12007|Arcelia
        12008|Atenango del Río
        12009|Atlamajalcingo del Monte
        12010|Atlixtac
        12011|Atoyac de Álvarez
        12012|Ayutla de los Libres
        12013|Azoyú
        12014|Benito Juárez
        12015|Buenavista de Cuéllar
        12016|Coahuayutla de José María Izazaga
        12017|Cocula
        12018|Copala
        12019|Copalillo
        12020|Copanatoyac
        12021|Coyuca de Benítez
        12022|Coyuca de Catalán
        12023|Cuajinicuilapa
        12024|Cualác
        12025|Cuautepec
        12026|Cuetzala del Progreso
        12027|Cutzamala de Pinzón
        12028|Chilapa de Álvarez
        12029|Chilpancingo de los Bravo
        12030|Florencio Villarreal
        12031|General Canuto A. Neri
        12032|General Heliodoro Castillo
        12033|Huamuxtitlán
        12034|Huitzuco de los Figueroa
        12035|Iguala de la Independencia
        12036|Igualapa
        12037|Ixcateopan de Cuauhtémoc
        12038|Zihuatanejo de Azueta
        12039|Juan R. Escudero
        12040|Leonardo Bravo
        12041|Malinaltepec
        12042|Mártir de Cuilapan
        12043|Metlatónoc
        12044|Mochitlán
        12045|Olinalá
        12046|Ometepec
        12047|Pedro Ascencio Alquisiras
        12048|Petatlán
        12049|Pilcaya
        12050|Pungarabato
        12051|Quechultenango
        12052|San Luis Acatlán
        12053|San Marcos
        12054|San Miguel Totolapan
        12055|Taxco de Alarcón
        12056|Tecoanapa
        12057|Técpan de Galeana
        12058|Teloloapan
        12059|Tepecoacuilco de Trujano
        12060|Tetipac
        12061|Tixtla de Guerrero
        12062|Tlacoachistlahuaca
        12063|Tlacoapa
        12064|Tlalchapa
        12065|Tlalixtaquilla de Maldonado
        12066|Tlapa de Comonfort
        12067|Tlapehuala
        12068|La Unión de Isidoro Montes de Oca
        12069|Xalpatláhuac
        12070|Xochihuehuetlán
        12071|Xochistlahuaca
        12072|Zapotitlán Tablas
        12073|Zirándaro
        12074|Zitlala
        12075|Eduardo Neri
        12076|Acatepec
        12077|Marquelia
        12078|Cochoapa el Grande
        12079|José Joaquín de Herrera
        12080|Juchitán
        12081|Iliatenco
        12082|Las Vigas
        12083|Ñuu Savi
        12084|Santa Cruz del Rincón
        12085|San Nicolás
        13001|Acatlán
        13002|Acaxochitlán
        13003|Actopan
        13004|Agua Blanca de Iturbide
        13005|Ajacuba
        13006|Alfajayucan
        13007|Almoloya
        13008|Apan
        13009|El Arenal
        13010|Atitalaquia
        13011|Atlapexco
        13012|Atotonilco el Grande
        13013|Atotonilco de Tula
        13014|Calnali
        13015|Cardonal
        13016|Cuautepec de Hinojosa
        13017|Chapantongo
        13018|Chapulhuacán
        13019|Chilcuautla
        13020|Eloxochitlán
        13021|Emiliano Zapata
        13022|Epazoyucan
        13023|Francisco I. Madero
        13024|Huasca de Ocampo
        13025|Huautla
        13026|Huazalingo
        13027|Huehuetla
        13028|Huejutla de Reyes
        13029|Huichapan
        13030|Ixmiquilpan
        13031|Jacala de Ledezma
        13032|Jaltocán
        13033|Juárez Hidalgo
        13034|Lolotla
        13035|Metepec
        13036|San Agustín Metzquititlán
        13037|Metztitlán
        13038|Mineral del Chico
        13039|Mineral del Monte
        13040|La Misión
        13041|Mixquiahuala de Juárez
        13042|Molango de Escamilla
        13043|Nicolás Flores
        13044|Nopala de Villagrán
        13045|Omitlán de Juárez
        13046|San Felipe Orizatlán
        13047|Pacula
        13048|Pachuca de Soto
        13049|Pisaflores
        13050|Progreso de Obregón
        13051|Mineral de la Reforma
        13052|San Agustín Tlaxiaca
        13053|San Bartolo Tutotepec
        13054|San Salvador
        13055|Santiago de Anaya
        13056|Santiago Tulantepec de Lugo Guerrero
        13057|Singuilucan
        13058|Tasquillo
        13059|Tecozautla
        13060|Tenango de Doria
        13061|Tepeapulco
        13062|Tepehuacán de Guerrero
        13063|Tepeji del Río de Ocampo
        13064|Tepetitlán
        13065|Tetepango
        13066|Villa de Tezontepec
        13067|Tezontepec de Aldama
        13068|Tianguistengo
        13069|Tizayuca
        13070|Tlahuelilpan
        13071|Tlahuiltepa
        13072|Tlanalapa
        13073|Tlanchinol
        13074|Tlaxcoapan
        13075|Tolcayuca
        13076|Tula de Allende
        13077|Tulancingo de Bravo
        13078|Xochiatipan
        13079|Xochicoatlán
        13080|Yahualica
        13081|Zacualtipán de Ángeles
        13082|Zapotlán de Juárez
        13083|Zempoala
        13084|Zimapán
        14001|Acatic
        14002|Acatlán de Juárez
        14003|Ahualulco de Mercado
        14004|Amacueca
        14005|Amatitán
        14006|Ameca
        14007|San Juanito de Escobedo
        14008|Arandas
        14009|El Arenal
        14010|Atemajac de Brizuela
        14011|Atengo
        14012|Atenguillo
        14013|Atotonilco el Alto
        14014|Atoyac
        14015|Autlán de Navarro
        14016|Ayotlán
        14017|Ayutla
        14018|La Barca
        14019|Bolaños
        14020|Cabo Corrientes
        14021|Casimiro Castillo
        14022|Cihuatlán
        14023|Zapotlán el Grande
        14024|Cocula
        14025|Colotlán
        14026|Concepción de Buenos Aires
        14027|Cuautitlán de García Barragán
        14028|Cuautla
        14029|Cuquío
        14030|Chapala
        14031|Chimaltitán
        14032|Chiquilistlán
        14033|Degollado
        14034|Ejutla
        14035|Encarnación de Díaz
        14036|Etzatlán
        14037|El Grullo
        14038|Guachinango
        14039|Guadalajara
        14040|Hostotipaquillo
        14041|Huejúcar
        14042|Huejuquilla el Alto
        14043|La Huerta
        14044|Ixtlahuacán de los Membrillos
        14045|Ixtlahuacán del Río
        14046|Jalostotitlán
        14047|Jamay
        14048|Jesús María
        14049|Jilotlán de los Dolores
        14050|Jocotepec
        14051|Juanacatlán
        14052|Juchitlán
        14053|Lagos de Moreno
        14054|El Limón
        14055|Magdalena
        14056|Santa María del Oro
        14057|La Manzanilla de la Paz
        14058|Mascota
        14059|Mazamitla
        14060|Mexticacán
        14061|Mezquitic
        14062|Mixtlán
        14063|Ocotlán
        14064|Ojuelos de Jalisco
        14065|Pihuamo
        14066|Poncitlán
        14067|Puerto Vallarta
        14068|Villa Purificación
        14069|Quitupan
        14070|El Salto
        14071|San Cristóbal de la Barranca
        14072|San Diego de Alejandría
        14073|San Juan de los Lagos
        14074|San Julián
        14075|San Marcos
        14076|San Martín de Bolaños
        14077|San Martín Hidalgo
        14078|San Miguel el Alto
        14079|Gómez Farías
        14080|San Sebastián del Oeste
        14081|Santa María de los Ángeles
        14082|Sayula
        14083|Tala
        14084|Talpa de Allende
        14085|Tamazula de Gordiano
        14086|Tapalpa
        14087|Tecalitlán
        14088|Tecolotlán
        14089|Techaluta de Montenegro
        14090|Tenamaxtlán
        14091|Teocaltiche
        14092|Teocuitatlán de Corona
        14093|Tepatitlán de Morelos
        14094|Tequila
        14095|Teuchitlán
        14096|Tizapán el Alto
        14097|Tlajomulco de Zúñiga
        14098|San Pedro Tlaquepaque
        14099|Tolimán
        14100|Tomatlán
        14101|Tonalá
        14102|Tonaya
        14103|Tonila
        14104|Totatiche
        14105|Tototlán
        14106|Tuxcacuesco
        14107|Tuxcueca
        14108|Tuxpan
        14109|Unión de San Antonio
        14110|Unión de Tula
        14111|Valle de Guadalupe
        14112|Valle de Juárez
        14113|San Gabriel
        14114|Villa Corona
        14115|Villa Guerrero
        14116|Villa Hidalgo
        14117|Cañadas de Obregón
        14118|Yahualica de González Gallo
        14119|Zacoalco de Torres
        14120|Zapopan
        14121|Zapotiltic
        14122|Zapotitlán de Vadillo
        14123|Zapotlán del Rey
        14124|Zapotlanejo
        14125|San Ignacio Cerro Gordo
        15001|Acambay de Ruíz Castañeda
        15002|Acolman
        15003|Aculco
        15004|Almoloya de Alquisiras
        15005|Almoloya de Juárez
        15006|Almoloya del Río
        15007|Amanalco
        15008|Amatepec
        15009|Amecameca
        15010|Apaxco
        15011|Atenco
        15012|Atizapán
        15013|Atizapán de Zaragoza
        15014|Atlacomulco
        15015|Atlautla
        15016|Axapusco
        15017|Ayapango
        15018|Calimaya
        15019|Capulhuac
        15020|Coacalco de Berriozábal
        15021|Coatepec Harinas
        15022|Cocotitlán
        15023|Coyotepec
        15024|Cuautitlán
        15025|Chalco
        15026|Chapa de Mota
        15027|Chapultepec
        15028|Chiautla
        15029|Chicoloapan
        15030|Chiconcuac
        15031|Chimalhuacán
        15032|Donato Guerra
        15033|Ecatepec de Morelos
        15034|Ecatzingo
        15035|Huehuetoca
        15036|Hueypoxtla
        15037|Huixquilucan
        15038|Isidro Fabela
        15039|Ixtapaluca
        15040|Ixtapan de la Sal
        15041|Ixtapan del Oro
        15042|Ixtlahuaca
        15043|Xalatlaco
        15044|Jaltenco
        15045|Jilotepec
        15046|Jilotzingo
        15047|Jiquipilco
        15048|Jocotitlán
        15049|Joquicingo
        15050|Juchitepec
        15051|Lerma
        15052|Malinalco
        15053|Melchor Ocampo
        15054|Metepec
        15055|Mexicaltzingo
        15056|Morelos
        15057|Naucalpan de Juárez
        15058|Nezahualcóyotl
        15059|Nextlalpan
        15060|Nicolás Romero
        15061|Nopaltepec
        15062|Ocoyoacac
        15063|Ocuilan
        15064|El Oro
        15065|Otumba
        15066|Otzoloapan
        15067|Otzolotepec
        15068|Ozumba
        15069|Papalotla
        15070|La Paz
        15071|Polotitlán
        15072|Rayón
        15073|San Antonio la Isla
        15074|San Felipe del Progreso
        15075|San Martín de las Pirámides
        15076|San Mateo Atenco
        15077|San Simón de Guerrero
        15078|Santo Tomás
        15079|Soyaniquilpan de Juárez
        15080|Sultepec
        15081|Tecámac
        15082|Tejupilco
        15083|Temamatla
        15084|Temascalapa
        15085|Temascalcingo
        15086|Temascaltepec
        15087|Temoaya
        15088|Tenancingo
        15089|Tenango del Aire
        15090|Tenango del Valle
        15091|Teoloyucan
        15092|Teotihuacán
        15093|Tepetlaoxtoc
        15094|Tepetlixpa
        15095|Tepotzotlán
        15096|Tequixquiac
        15097|Texcaltitlán
        15098|Texcalyacac
        15099|Texcoco
        15100|Tezoyuca
        15101|Tianguistenco
        15102|Timilpan
        15103|Tlalmanalco
        15104|Tlalnepantla de Baz
        15105|Tlatlaya
        15106|Toluca
        15107|Tonatico
        15108|Tultepec
        15109|Tultitlán
        15110|Valle de Bravo
        15111|Villa de Allende
        15112|Villa del Carbón
        15113|Villa Guerrero
        15114|Villa Victoria
        15115|Xonacatlán
        15116|Zacazonapan
        15117|Zacualpan
        15118|Zinacantepec
        15119|Zumpahuacán
        15120|Zumpango
        15121|Cuautitlán Izcalli
        15122|Valle de Chalco Solidaridad
        15123|Luvianos
        15124|San José del Rincón
        15125|Tonanitla
        16001|Acuitzio
        16002|Aguililla
        16003|Álvaro Obregón
        16004|Angamacutiro
        16005|Angangueo
        16006|Apatzingán
        16007|Aporo
        16008|Aquila
        16009|Ario
        16010|Arteaga
        16011|Briseñas
        16012|Buenavista
        16013|Carácuaro
        16014|Coahuayana
        16015|Coalcomán de Vázquez Pallares
        16016|Coeneo
        16017|Contepec
        16018|Copándaro
        16019|Cotija
        16020|Cuitzeo
        16021|Charapan
        16022|Charo
        16023|Chavinda
        16024|Cherán
        16025|Chilchota
        16026|Chinicuila
        16027|Chucándiro
        16028|Churintzio
        16029|Churumuco
        16030|Ecuandureo
        16031|Epitacio Huerta
        16032|Erongarícuaro
        16033|Gabriel Zamora
        16034|Hidalgo
        16035|La Huacana
        16036|Huandacareo
        16037|Huaniqueo
        16038|Huetamo
        16039|Huiramba
        16040|Indaparapeo
        16041|Irimbo
        16042|Ixtlán
        16043|Jacona
        16044|Jiménez
        16045|Jiquilpan
        16046|Juárez
        16047|Jungapeo
        16048|Lagunillas
        16049|Madero
        16050|Maravatío
        16051|Marcos Castellanos
        16052|Lázaro Cárdenas
        16053|Morelia
        16054|Morelos
        16055|Múgica
        16056|Nahuatzen
        16057|Nocupétaro
        16058|Nuevo Parangaricutiro
        16059|Nuevo Urecho
        16060|Numarán
        16061|Ocampo
        16062|Pajacuarán
        16063|Panindícuaro
        16064|Parácuaro
        16065|Paracho
        16066|Pátzcuaro
        16067|Penjamillo
        16068|Peribán
        16069|La Piedad
        16070|Purépero
        16071|Puruándiro
        16072|Queréndaro
        16073|Quiroga
        16074|Cojumatlán de Régules
        16075|Los Reyes
        16076|Sahuayo
        16077|San Lucas
        16078|Santa Ana Maya
        16079|Salvador Escalante
        16080|Senguio
        16081|Susupuato
        16082|Tacámbaro
        16083|Tancítaro
        16084|Tangamandapio
        16085|Tangancícuaro
        16086|Tanhuato
        16087|Taretan
        16088|Tarímbaro
        16089|Tepalcatepec
        16090|Tingambato
        16091|Tingüindín
        16092|Tiquicheo de Nicolás Romero
        16093|Tlalpujahua
        16094|Tlazazalca
        16095|Tocumbo
        16096|Tumbiscatío
        16097|Turicato
        16098|Tuxpan
        16099|Tuzantla
        16100|Tzintzuntzan
        16101|Tzitzio
        16102|Uruapan
        16103|Venustiano Carranza
        16104|Villamar
        16105|Vista Hermosa
        16106|Yurécuaro
        16107|Zacapu
        16108|Zamora
        16109|Zináparo
        16110|Zinapécuaro
        16111|Ziracuaretiro
        16112|Zitácuaro
        16113|José Sixto Verduzco
        17001|Amacuzac
        17002|Atlatlahucan
        17003|Axochiapan
        17004|Ayala
        17005|Coatlán del Río
        17006|Cuautla
        17007|Cuernavaca
        17008|Emiliano Zapata
        17009|Huitzilac
        17010|Jantetelco
        17011|Jiutepec
        17012|Jojutla
        17013|Jonacatepec de Leandro Valle
        17014|Mazatepec
        17015|Miacatlán
        17016|Ocuituco
        17017|Puente de Ixtla
        17018|Temixco
        17019|Tepalcingo
        17020|Tepoztlán
        17021|Tetecala
        17022|Tetela del Volcán
        17023|Tlalnepantla
        17024|Tlaltizapán de Zapata
        17025|Tlaquiltenango
        17026|Tlayacapan
        17027|Totolapan
        17028|Xochitepec
        17029|Yautepec
        17030|Yecapixtla
        17031|Zacatepec
        17032|Zacualpan de Amilpas
        17033|Temoac
        17034|Coatetelco
        17035|Xoxocotla
        17036|Hueyapan
        18001|Acaponeta
        18002|Ahuacatlán
        18003|Amatlán de Cañas
        18004|Compostela
        18005|Huajicori
        18006|Ixtlán del Río
        18007|Jala
        18008|Xalisco
        18009|Del Nayar
        18010|Rosamorada
        18011|Ruíz
        18012|San Blas
        18013|San Pedro Lagunillas
        18014|Santa María del Oro
        18015|Santiago Ixcuintla
        18016|Tecuala
        18017|Tepic
        18018|Tuxpan
        18019|La Yesca
        18020|Bahía de Banderas
        19001|Abasolo
        19002|Agualeguas
        19003|Los Aldamas
        19004|Allende
        19005|Anáhuac
        19006|Apodaca
        19007|Aramberri
        19008|Bustamante
        19009|Cadereyta Jiménez
        19010|El Carmen
        19011|Cerralvo
        19012|Ciénega de Flores
        19013|China
        19014|Doctor Arroyo
        19015|Doctor Coss
        19016|Doctor González
        19017|Galeana
        19018|García
        19019|San Pedro Garza García
        19020|General Bravo
        19021|General Escobedo
        19022|General Terán
        19023|General Treviño
        19024|General Zaragoza
        19025|General Zuazua
        19026|Guadalupe
        19027|Los Herreras
        19028|Higueras
        19029|Hualahuises
        19030|Iturbide
        19031|Juárez
        19032|Lampazos de Naranjo
        19033|Linares
        19034|Marín
        19035|Melchor Ocampo
        19036|Mier y Noriega
        19037|Mina
        19038|Montemorelos
        19039|Monterrey
        19040|Parás
        19041|Pesquería
        19042|Los Ramones
        19043|Rayones
        19044|Sabinas Hidalgo
        19045|Salinas Victoria
        19046|San Nicolás de los Garza
        19047|Hidalgo
        19048|Santa Catarina
        19049|Santiago
        19050|Vallecillo
        19051|Villaldama
        20001|Abejones
        20002|Acatlán de Pérez Figueroa
        20003|Asunción Cacalotepec
        20004|Asunción Cuyotepeji
        20005|Asunción Ixtaltepec
        20006|Asunción Nochixtlán
        20007|Asunción Ocotlán
        20008|Asunción Tlacolulita
        20009|Ayotzintepec
        20010|El Barrio de la Soledad
        20011|Calihualá
        20012|Candelaria Loxicha
        20013|Ciénega de Zimatlán
        20014|Ciudad Ixtepec
        20015|Coatecas Altas
        20016|Coicoyán de las Flores
        20017|La Compañía
        20018|Concepción Buenavista
        20019|Concepción Pápalo
        20020|Constancia del Rosario
        20021|Cosolapa
        20022|Cosoltepec
        20023|Cuilápam de Guerrero
        20024|Cuyamecalco Villa de Zaragoza
        20025|Chahuites
        20026|Chalcatongo de Hidalgo
        20027|Chiquihuitlán de Benito Juárez
        20028|Ejutla de Crespo
        20029|Eloxochitlán de Flores Magón
        20030|El Espinal
        20031|Tamazulápam del Espíritu Santo
        20032|Fresnillo de Trujano
        20033|Guadalupe Etla
        20034|Guadalupe de Ramírez
        20035|Guelatao de Juárez
        20036|Guevea de Humboldt
        20037|Mesones Hidalgo
        20038|Villa Hidalgo Yalálag
        20039|Huajuapan de León
        20040|Huautepec
        20041|Huautla de Jiménez
        20042|Ixtlán de Juárez
        20043|Juchitán de Zaragoza
        20044|Loma Bonita
        20045|Magdalena Apasco
        20046|Magdalena Jaltepec
        20047|Santa Magdalena Jicotlán
        20048|Magdalena Mixtepec
        20049|Magdalena Ocotlán
        20050|Magdalena Peñasco
        20051|Magdalena Teitipac
        20052|Magdalena Tequisistlán
        20053|Magdalena Tlacotepec
        20054|Magdalena Zahuatlán
        20055|Mariscala de Juárez
        20056|Mártires de Tacubaya
        20057|Matías Romero Avendaño
        20058|Mazatlán Villa de Flores
        20059|Miahuatlán de Porfirio Díaz
        20060|Mixistlán de la Reforma
        20061|Monjas
        20062|Natividad
        20063|Nazareno Etla
        20064|Nejapa de Madero
        20065|Ixpantepec Nieves
        20066|Santiago Niltepec
        20067|Oaxaca de Juárez
        20068|Ocotlán de Morelos
        20069|La Pe
        20070|Pinotepa de Don Luis
        20071|Pluma Hidalgo
        20072|San José del Progreso
        20073|Putla Villa de Guerrero
        20074|Santa Catarina Quioquitani
        20075|Reforma de Pineda
        20076|La Reforma
        20077|Reyes Etla
        20078|Rojas de Cuauhtémoc
        20079|Salina Cruz
        20080|San Agustín Amatengo
        20081|San Agustín Atenango
        20082|San Agustín Chayuco
        20083|San Agustín de las Juntas
        20084|San Agustín Etla
        20085|San Agustín Loxicha
        20086|San Agustín Tlacotepec
        20087|San Agustín Yatareni
        20088|San Andrés Cabecera Nueva
        20089|San Andrés Dinicuiti
        20090|San Andrés Huaxpaltepec
        20091|San Andrés Huayápam
        20092|San Andrés Ixtlahuaca
        20093|San Andrés Lagunas
        20094|San Andrés Nuxiño
        20095|San Andrés Paxtlán
        20096|San Andrés Sinaxtla
        20097|San Andrés Solaga
        20098|San Andrés Teotilálpam
        20099|San Andrés Tepetlapa
        20100|San Andrés Yaá
        20101|San Andrés Zabache
        20102|San Andrés Zautla
        20103|San Antonino Castillo Velasco
        20104|San Antonino el Alto
        20105|San Antonino Monte Verde
        20106|San Antonio Acutla
        20107|San Antonio de la Cal
        20108|San Antonio Huitepec
        20109|San Antonio Nanahuatípam
        20110|San Antonio Sinicahua
        20111|San Antonio Tepetlapa
        20112|San Baltazar Chichicápam
        20113|San Baltazar Loxicha
        20114|San Baltazar Yatzachi el Bajo
        20115|San Bartolo Coyotepec
        20116|San Bartolomé Ayautla
        20117|San Bartolomé Loxicha
        20118|San Bartolomé Quialana
        20119|San Bartolomé Yucuañe
        20120|San Bartolomé Zoogocho
        20121|San Bartolo Soyaltepec
        20122|San Bartolo Yautepec
        20123|San Bernardo Mixtepec
        20124|San Blas Atempa
        20125|San Carlos Yautepec
        20126|San Cristóbal Amatlán
        20127|San Cristóbal Amoltepec
        20128|San Cristóbal Lachirioag
        20129|San Cristóbal Suchixtlahuaca
        20130|San Dionisio del Mar
        20131|San Dionisio Ocotepec
        20132|San Dionisio Ocotlán
        20133|San Esteban Atatlahuca
        20134|San Felipe Jalapa de Díaz
        20135|San Felipe Tejalápam
        20136|San Felipe Usila
        20137|San Francisco Cahuacuá
        20138|San Francisco Cajonos
        20139|San Francisco Chapulapa
        20140|San Francisco Chindúa
        20141|San Francisco del Mar
        20142|San Francisco Huehuetlán
        20143|San Francisco Ixhuatán
        20144|San Francisco Jaltepetongo
        20145|San Francisco Lachigoló
        20146|San Francisco Logueche
        20147|San Francisco Nuxaño
        20148|San Francisco Ozolotepec
        20149|San Francisco Sola
        20150|San Francisco Telixtlahuaca
        20151|San Francisco Teopan
        20152|San Francisco Tlapancingo
        20153|San Gabriel Mixtepec
        20154|San Ildefonso Amatlán
        20155|San Ildefonso Sola
        20156|San Ildefonso Villa Alta
        20157|San Jacinto Amilpas
        20158|San Jacinto Tlacotepec
        20159|San Jerónimo Coatlán
        20160|San Jerónimo Silacayoapilla
        20161|San Jerónimo Sosola
        20162|San Jerónimo Taviche
        20163|San Jerónimo Tecóatl
        20164|San Jorge Nuchita
        20165|San José Ayuquila
        20166|San José Chiltepec
        20167|San José del Peñasco
        20168|San José Estancia Grande
        20169|San José Independencia
        20170|San José Lachiguiri
        20171|San José Tenango
        20172|San Juan Achiutla
        20173|San Juan Atepec
        20174|Ánimas Trujano
        20175|San Juan Bautista Atatlahuca
        20176|San Juan Bautista Coixtlahuaca
        20177|San Juan Bautista Cuicatlán
        20178|San Juan Bautista Guelache
        20179|San Juan Bautista Jayacatlán
        20180|San Juan Bautista Lo de Soto
        20181|San Juan Bautista Suchitepec
        20182|San Juan Bautista Tlacoatzintepec
        20183|San Juan Bautista Tlachichilco
        20184|San Juan Bautista Tuxtepec
        20185|San Juan Cacahuatepec
        20186|San Juan Cieneguilla
        20187|San Juan Coatzóspam
        20188|San Juan Colorado
        20189|San Juan Comaltepec
        20190|San Juan Cotzocón
        20191|San Juan Chicomezúchil
        20192|San Juan Chilateca
        20193|San Juan del Estado
        20194|San Juan del Río
        20195|San Juan Diuxi
        20196|San Juan Evangelista Analco
        20197|San Juan Guelavía
        20198|San Juan Guichicovi
        20199|San Juan Ihualtepec
        20200|San Juan Juquila Mixes
        20201|San Juan Juquila Vijanos
        20202|San Juan Lachao
        20203|San Juan Lachigalla
        20204|San Juan Lajarcia
        20205|San Juan Lalana
        20206|San Juan de los Cués
        20207|San Juan Mazatlán
        20208|San Juan Mixtepec
        20209|San Juan Mixtepec
        20210|San Juan Ñumí
        20211|San Juan Ozolotepec
        20212|San Juan Petlapa
        20213|San Juan Quiahije
        20214|San Juan Quiotepec
        20215|San Juan Sayultepec
        20216|San Juan Tabaá
        20217|San Juan Tamazola
        20218|San Juan Teita
        20219|San Juan Teitipac
        20220|San Juan Tepeuxila
        20221|San Juan Teposcolula
        20222|San Juan Yaeé
        20223|San Juan Yatzona
        20224|San Juan Yucuita
        20225|San Lorenzo
        20226|San Lorenzo Albarradas
        20227|San Lorenzo Cacaotepec
        20228|San Lorenzo Cuaunecuiltitla
        20229|San Lorenzo Texmelúcan
        20230|San Lorenzo Victoria
        20231|San Lucas Camotlán
        20232|San Lucas Ojitlán
        20233|San Lucas Quiaviní
        20234|San Lucas Zoquiápam
        20235|San Luis Amatlán
        20236|San Marcial Ozolotepec
        20237|San Marcos Arteaga
        20238|San Martín de los Cansecos
        20239|San Martín Huamelúlpam
        20240|San Martín Itunyoso
        20241|San Martín Lachilá
        20242|San Martín Peras
        20243|San Martín Tilcajete
        20244|San Martín Toxpalan
        20245|San Martín Zacatepec
        20246|San Mateo Cajonos
        20247|Capulálpam de Méndez
        20248|San Mateo del Mar
        20249|San Mateo Yoloxochitlán
        20250|San Mateo Etlatongo
        20251|San Mateo Nejápam
        20252|San Mateo Peñasco
        20253|San Mateo Piñas
        20254|San Mateo Río Hondo
        20255|San Mateo Sindihui
        20256|San Mateo Tlapiltepec
        20257|San Melchor Betaza
        20258|San Miguel Achiutla
        20259|San Miguel Ahuehuetitlán
        20260|San Miguel Aloápam
        20261|San Miguel Amatitlán
        20262|San Miguel Amatlán
        20263|San Miguel Coatlán
        20264|San Miguel Chicahua
        20265|San Miguel Chimalapa
        20266|San Miguel del Puerto
        20267|San Miguel del Río
        20268|San Miguel Ejutla
        20269|San Miguel el Grande
        20270|San Miguel Huautla
        20271|San Miguel Mixtepec
        20272|San Miguel Panixtlahuaca
        20273|San Miguel Peras
        20274|San Miguel Piedras
        20275|San Miguel Quetzaltepec
        20276|San Miguel Santa Flor
        20277|Villa Sola de Vega
        20278|San Miguel Soyaltepec
        20279|San Miguel Suchixtepec
        20280|Villa Talea de Castro
        20281|San Miguel Tecomatlán
        20282|San Miguel Tenango
        20283|San Miguel Tequixtepec
        20284|San Miguel Tilquiápam
        20285|San Miguel Tlacamama
        20286|San Miguel Tlacotepec
        20287|San Miguel Tulancingo
        20288|San Miguel Yotao
        20289|San Nicolás
        20290|San Nicolás Hidalgo
        20291|San Pablo Coatlán
        20292|San Pablo Cuatro Venados
        20293|San Pablo Etla
        20294|San Pablo Huitzo
        20295|San Pablo Huixtepec
        20296|San Pablo Macuiltianguis
        20297|San Pablo Tijaltepec
        20298|San Pablo Villa de Mitla
        20299|San Pablo Yaganiza
        20300|San Pedro Amuzgos
        20301|San Pedro Apóstol
        20302|San Pedro Atoyac
        20303|San Pedro Cajonos
        20304|San Pedro Coxcaltepec Cántaros
        20305|San Pedro Comitancillo
        20306|San Pedro el Alto
        20307|San Pedro Huamelula
        20308|San Pedro Huilotepec
        20309|San Pedro Ixcatlán
        20310|San Pedro Ixtlahuaca
        20311|San Pedro Jaltepetongo
        20312|San Pedro Jicayán
        20313|San Pedro Jocotipac
        20314|San Pedro Juchatengo
        20315|San Pedro Mártir
        20316|San Pedro Mártir Quiechapa
        20317|San Pedro Mártir Yucuxaco
        20318|San Pedro Mixtepec
        20319|San Pedro Mixtepec
        20320|San Pedro Molinos
        20321|San Pedro Nopala
        20322|San Pedro Ocopetatillo
        20323|San Pedro Ocotepec
        20324|San Pedro Pochutla
        20325|San Pedro Quiatoni
        20326|San Pedro Sochiápam
        20327|San Pedro Tapanatepec
        20328|San Pedro Taviche
        20329|San Pedro Teozacoalco
        20330|San Pedro Teutila
        20331|San Pedro Tidaá
        20332|San Pedro Topiltepec
        20333|San Pedro Totolápam
        20334|Villa de Tututepec
        20335|San Pedro Yaneri
        20336|San Pedro Yólox
        20337|San Pedro y San Pablo Ayutla
        20338|Villa de Etla
        20339|San Pedro y San Pablo Teposcolula
        20340|San Pedro y San Pablo Tequixtepec
        20341|San Pedro Yucunama
        20342|San Raymundo Jalpan
        20343|San Sebastián Abasolo
        20344|San Sebastián Coatlán
        20345|San Sebastián Ixcapa
        20346|San Sebastián Nicananduta
        20347|San Sebastián Río Hondo
        20348|San Sebastián Tecomaxtlahuaca
        20349|San Sebastián Teitipac
        20350|San Sebastián Tutla
        20351|San Simón Almolongas
        20352|San Simón Zahuatlán
        20353|Santa Ana
        20354|Santa Ana Ateixtlahuaca
        20355|Santa Ana Cuauhtémoc
        20356|Santa Ana del Valle
        20357|Santa Ana Tavela
        20358|Santa Ana Tlapacoyan
        20359|Santa Ana Yareni
        20360|Santa Ana Zegache
        20361|Santa Catalina Quierí
        20362|Santa Catarina Cuixtla
        20363|Santa Catarina Ixtepeji
        20364|Santa Catarina Juquila
        20365|Santa Catarina Lachatao
        20366|Santa Catarina Loxicha
        20367|Santa Catarina Mechoacán
        20368|Santa Catarina Minas
        20369|Santa Catarina Quiané
        20370|Santa Catarina Tayata
        20371|Santa Catarina Ticuá
        20372|Santa Catarina Yosonotú
        20373|Santa Catarina Zapoquila
        20374|Santa Cruz Acatepec
        20375|Santa Cruz Amilpas
        20376|Santa Cruz de Bravo
        20377|Santa Cruz Itundujia
        20378|Santa Cruz Mixtepec
        20379|Santa Cruz Nundaco
        20380|Santa Cruz Papalutla
        20381|Santa Cruz Tacache de Mina
        20382|Santa Cruz Tacahua
        20383|Santa Cruz Tayata
        20384|Santa Cruz Xitla
        20385|Santa Cruz Xoxocotlán
        20386|Santa Cruz Zenzontepec
        20387|Santa Gertrudis
        20388|Santa Inés del Monte
        20389|Santa Inés Yatzeche
        20390|Santa Lucía del Camino
        20391|Santa Lucía Miahuatlán
        20392|Santa Lucía Monteverde
        20393|Santa Lucía Ocotlán
        20394|Santa María Alotepec
        20395|Santa María Apazco
        20396|Santa María la Asunción
        20397|Heroica Ciudad de Tlaxiaco
        20398|Ayoquezco de Aldama
        20399|Santa María Atzompa
        20400|Santa María Camotlán
        20401|Santa María Colotepec
        20402|Santa María Cortijo
        20403|Santa María Coyotepec
        20404|Santa María Chachoápam
        20405|Villa de Chilapa de Díaz
        20406|Santa María Chilchotla
        20407|Santa María Chimalapa
        20408|Santa María del Rosario
        20409|Santa María del Tule
        20410|Santa María Ecatepec
        20411|Santa María Guelacé
        20412|Santa María Guienagati
        20413|Santa María Huatulco
        20414|Santa María Huazolotitlán
        20415|Santa María Ipalapa
        20416|Santa María Ixcatlán
        20417|Santa María Jacatepec
        20418|Santa María Jalapa del Marqués
        20419|Santa María Jaltianguis
        20420|Santa María Lachixío
        20421|Santa María Mixtequilla
        20422|Santa María Nativitas
        20423|Santa María Nduayaco
        20424|Santa María Ozolotepec
        20425|Santa María Pápalo
        20426|Santa María Peñoles
        20427|Santa María Petapa
        20428|Santa María Quiegolani
        20429|Santa María Sola
        20430|Santa María Tataltepec
        20431|Santa María Tecomavaca
        20432|Santa María Temaxcalapa
        20433|Santa María Temaxcaltepec
        20434|Santa María Teopoxco
        20435|Santa María Tepantlali
        20436|Santa María Texcatitlán
        20437|Santa María Tlahuitoltepec
        20438|Santa María Tlalixtac
        20439|Santa María Tonameca
        20440|Santa María Totolapilla
        20441|Santa María Xadani
        20442|Santa María Yalina
        20443|Santa María Yavesía
        20444|Santa María Yolotepec
        20445|Santa María Yosoyúa
        20446|Santa María Yucuhiti
        20447|Santa María Zacatepec
        20448|Santa María Zaniza
        20449|Santa María Zoquitlán
        20450|Santiago Amoltepec
        20451|Santiago Apoala
        20452|Santiago Apóstol
        20453|Santiago Astata
        20454|Santiago Atitlán
        20455|Santiago Ayuquililla
        20456|Santiago Cacaloxtepec
        20457|Santiago Camotlán
        20458|Santiago Comaltepec
        20459|Villa de Santiago Chazumba
        20460|Santiago Choápam
        20461|Santiago del Río
        20462|Santiago Huajolotitlán
        20463|Santiago Huauclilla
        20464|Santiago Ihuitlán Plumas
        20465|Santiago Ixcuintepec
        20466|Santiago Ixtayutla
        20467|Santiago Jamiltepec
        20468|Santiago Jocotepec
        20469|Santiago Juxtlahuaca
        20470|Santiago Lachiguiri
        20471|Santiago Lalopa
        20472|Santiago Laollaga
        20473|Santiago Laxopa
        20474|Santiago Llano Grande
        20475|Santiago Matatlán
        20476|Santiago Miltepec
        20477|Santiago Minas
        20478|Santiago Nacaltepec
        20479|Santiago Nejapilla
        20480|Santiago Nundiche
        20481|Santiago Nuyoó
        20482|Santiago Pinotepa Nacional
        20483|Santiago Suchilquitongo
        20484|Santiago Tamazola
        20485|Santiago Tapextla
        20486|Villa Tejúpam de la Unión
        20487|Santiago Tenango
        20488|Santiago Tepetlapa
        20489|Santiago Tetepec
        20490|Santiago Texcalcingo
        20491|Santiago Textitlán
        20492|Santiago Tilantongo
        20493|Santiago Tillo
        20494|Santiago Tlazoyaltepec
        20495|Santiago Xanica
        20496|Santiago Xiacuí
        20497|Santiago Yaitepec
        20498|Santiago Yaveo
        20499|Santiago Yolomécatl
        20500|Santiago Yosondúa
        20501|Santiago Yucuyachi
        20502|Santiago Zacatepec
        20503|Santiago Zoochila
        20504|Nuevo Zoquiápam
        20505|Santo Domingo Ingenio
        20506|Santo Domingo Albarradas
        20507|Santo Domingo Armenta
        20508|Santo Domingo Chihuitán
        20509|Santo Domingo de Morelos
        20510|Santo Domingo Ixcatlán
        20511|Santo Domingo Nuxaá
        20512|Santo Domingo Ozolotepec
        20513|Santo Domingo Petapa
        20514|Santo Domingo Roayaga
        20515|Santo Domingo Tehuantepec
        20516|Santo Domingo Teojomulco
        20517|Santo Domingo Tepuxtepec
        20518|Santo Domingo Tlatayápam
        20519|Santo Domingo Tomaltepec
        20520|Santo Domingo Tonalá
        20521|Santo Domingo Tonaltepec
        20522|Santo Domingo Xagacía
        20523|Santo Domingo Yanhuitlán
        20524|Santo Domingo Yodohino
        20525|Santo Domingo Zanatepec
        20526|Santos Reyes Nopala
        20527|Santos Reyes Pápalo
        20528|Santos Reyes Tepejillo
        20529|Santos Reyes Yucuná
        20530|Santo Tomás Jalieza
        20531|Santo Tomás Mazaltepec
        20532|Santo Tomás Ocotepec
        20533|Santo Tomás Tamazulapan
        20534|San Vicente Coatlán
        20535|San Vicente Lachixío
        20536|San Vicente Nuñú
        20537|Silacayoápam
        20538|Sitio de Xitlapehua
        20539|Soledad Etla
        20540|Villa de Tamazulápam del Progreso
        20541|Tanetze de Zaragoza
        20542|Taniche
        20543|Tataltepec de Valdés
        20544|Teococuilco de Marcos Pérez
        20545|Teotitlán de Flores Magón
        20546|Teotitlán del Valle
        20547|Teotongo
        20548|Tepelmeme Villa de Morelos
        20549|Tezoatlan de Segura y Luna
        20550|San Jerónimo Tlacochahuaya
        20551|Tlacolula de Matamoros
        20552|Tlacotepec Plumas
        20553|Tlalixtac de Cabrera
        20554|Totontepec Villa de Morelos
        20555|Trinidad Zaachila
        20556|La Trinidad Vista Hermosa
        20557|Unión Hidalgo
        20558|Valerio Trujano
        20559|San Juan Bautista Valle Nacional
        20560|Villa Díaz Ordaz
        20561|Yaxe
        20562|Magdalena Yodocono de Porfirio Díaz
        20563|Yogana
        20564|Yutanduchi de Guerrero
        20565|Villa de Zaachila
        20566|San Mateo Yucutindoo
        20567|Zapotitlán Lagunas
        20568|Zapotitlán Palmas
        20569|Santa Inés de Zaragoza
        20570|Zimatlán de Álvarez
        21001|Acajete
        21002|Acateno
        21003|Acatlán
        21004|Acatzingo
        21005|Acteopan
        21006|Ahuacatlán
        21007|Ahuatlán
        21008|Ahuazotepec
        21009|Ahuehuetitla
        21010|Ajalpan
        21011|Albino Zertuche
        21012|Aljojuca
        21013|Altepexi
        21014|Amixtlán
        21015|Amozoc
        21016|Aquixtla
        21017|Atempan
        21018|Atexcal
        21019|Atlixco
        21020|Atoyatempan
        21021|Atzala
        21022|Atzitzihuacán
        21023|Atzitzintla
        21024|Axutla
        21025|Ayotoxco de Guerrero
        21026|Calpan
        21027|Caltepec
        21028|Camocuautla
        21029|Caxhuacan
        21030|Coatepec
        21031|Coatzingo
        21032|Cohetzala
        21033|Cohuecan
        21034|Coronango
        21035|Coxcatlán
        21036|Coyomeapan
        21037|Coyotepec
        21038|Cuapiaxtla de Madero
        21039|Cuautempan
        21040|Cuautinchán
        21041|Cuautlancingo
        21042|Cuayuca de Andrade
        21043|Cuetzalan del Progreso
        21044|Cuyoaco
        21045|Chalchicomula de Sesma
        21046|Chapulco
        21047|Chiautla
        21048|Chiautzingo
        21049|Chiconcuautla
        21050|Chichiquila
        21051|Chietla
        21052|Chigmecatitlán
        21053|Chignahuapan
        21054|Chignautla
        21055|Chila
        21056|Chila de la Sal
        21057|Honey
        21058|Chilchotla
        21059|Chinantla
        21060|Domingo Arenas
        21061|Eloxochitlán
        21062|Epatlán
        21063|Esperanza
        21064|Francisco Z. Mena
        21065|General Felipe Ángeles
        21066|Guadalupe
        21067|Guadalupe Victoria
        21068|Hermenegildo Galeana
        21069|Huaquechula
        21070|Huatlatlauca
        21071|Huauchinango
        21072|Huehuetla
        21073|Huehuetlán el Chico
        21074|Huejotzingo
        21075|Hueyapan
        21076|Hueytamalco
        21077|Hueytlalpan
        21078|Huitzilan de Serdán
        21079|Huitziltepec
        21080|Atlequizayan
        21081|Ixcamilpa de Guerrero
        21082|Ixcaquixtla
        21083|Ixtacamaxtitlán
        21084|Ixtepec
        21085|Izúcar de Matamoros
        21086|Jalpan
        21087|Jolalpan
        21088|Jonotla
        21089|Jopala
        21090|Juan C. Bonilla
        21091|Juan Galindo
        21092|Juan N. Méndez
        21093|Lafragua
        21094|Libres
        21095|La Magdalena Tlatlauquitepec
        21096|Mazapiltepec de Juárez
        21097|Mixtla
        21098|Molcaxac
        21099|Cañada Morelos
        21100|Naupan
        21101|Nauzontla
        21102|Nealtican
        21103|Nicolás Bravo
        21104|Nopalucan
        21105|Ocotepec
        21106|Ocoyucan
        21107|Olintla
        21108|Oriental
        21109|Pahuatlán
        21110|Palmar de Bravo
        21111|Pantepec
        21112|Petlalcingo
        21113|Piaxtla
        21114|Puebla
        21115|Quecholac
        21116|Quimixtlán
        21117|Rafael Lara Grajales
        21118|Los Reyes de Juárez
        21119|San Andrés Cholula
        21120|San Antonio Cañada
        21121|San Diego la Mesa Tochimiltzingo
        21122|San Felipe Teotlalcingo
        21123|San Felipe Tepatlán
        21124|San Gabriel Chilac
        21125|San Gregorio Atzompa
        21126|San Jerónimo Tecuanipan
        21127|San Jerónimo Xayacatlán
        21128|San José Chiapa
        21129|San José Miahuatlán
        21130|San Juan Atenco
        21131|San Juan Atzompa
        21132|San Martín Texmelucan
        21133|San Martín Totoltepec
        21134|San Matías Tlalancaleca
        21135|San Miguel Ixitlán
        21136|San Miguel Xoxtla
        21137|San Nicolás Buenos Aires
        21138|San Nicolás de los Ranchos
        21139|San Pablo Anicano
        21140|San Pedro Cholula
        21141|San Pedro Yeloixtlahuaca
        21142|San Salvador el Seco
        21143|San Salvador el Verde
        21144|San Salvador Huixcolotla
        21145|San Sebastián Tlacotepec
        21146|Santa Catarina Tlaltempan
        21147|Santa Inés Ahuatempan
        21148|Santa Isabel Cholula
        21149|Santiago Miahuatlán
        21150|Huehuetlán el Grande
        21151|Santo Tomás Hueyotlipan
        21152|Soltepec
        21153|Tecali de Herrera
        21154|Tecamachalco
        21155|Tecomatlán
        21156|Tehuacán
        21157|Tehuitzingo
        21158|Tenampulco
        21159|Teopantlán
        21160|Teotlalco
        21161|Tepanco de López
        21162|Tepango de Rodríguez
        21163|Tepatlaxco de Hidalgo
        21164|Tepeaca
        21165|Tepemaxalco
        21166|Tepeojuma
        21167|Tepetzintla
        21168|Tepexco
        21169|Tepexi de Rodríguez
        21170|Tepeyahualco
        21171|Tepeyahualco de Cuauhtémoc
        21172|Tetela de Ocampo
        21173|Teteles de Ávila Castillo
        21174|Teziutlán
        21175|Tianguismanalco
        21176|Tilapa
        21177|Tlacotepec de Benito Juárez
        21178|Tlacuilotepec
        21179|Tlachichuca
        21180|Tlahuapan
        21181|Tlaltenango
        21182|Tlanepantla
        21183|Tlaola
        21184|Tlapacoya
        21185|Tlapanalá
        21186|Tlatlauquitepec
        21187|Tlaxco
        21188|Tochimilco
        21189|Tochtepec
        21190|Totoltepec de Guerrero
        21191|Tulcingo
        21192|Tuzamapan de Galeana
        21193|Tzicatlacoyan
        21194|Venustiano Carranza
        21195|Vicente Guerrero
        21196|Xayacatlán de Bravo
        21197|Xicotepec
        21198|Xicotlán
        21199|Xiutetelco
        21200|Xochiapulco
        21201|Xochiltepec
        21202|Xochitlán de Vicente Suárez
        21203|Xochitlán Todos Santos
        21204|Yaonáhuac
        21205|Yehualtepec
        21206|Zacapala
        21207|Zacapoaxtla
        21208|Zacatlán
        21209|Zapotitlán
        21210|Zapotitlán de Méndez
        21211|Zaragoza
        21212|Zautla
        21213|Zihuateutla
        21214|Zinacatepec
        21215|Zongozotla
        21216|Zoquiapan
        21217|Zoquitlán
        22001|Amealco de Bonfil
        22002|Pinal de Amoles
        22003|Arroyo Seco
        22004|Cadereyta de Montes
        22005|Colón
        22006|Corregidora
        22007|Ezequiel Montes
        22008|Huimilpan
        22009|Jalpan de Serra
        22010|Landa de Matamoros
        22011|El Marqués
        22012|Pedro Escobedo
        22013|Peñamiller
        22014|Querétaro
        22015|San Joaquín
        22016|San Juan del Río
        22017|Tequisquiapan
        22018|Tolimán
        23001|Cozumel
        23002|Felipe Carrillo Puerto
        23003|Isla Mujeres
        23004|Othón P. Blanco
        23005|Benito Juárez
        23006|José María Morelos
        23007|Lázaro Cárdenas
        23008|Solidaridad
        23009|Tulum
        23010|Bacalar
        23011|Puerto Morelos
        24001|Ahualulco del Sonido 13
        24002|Alaquines
        24003|Aquismón
        24004|Armadillo de los Infante
        24005|Cárdenas
        24006|Catorce
        24007|Cedral
        24008|Cerritos
        24009|Cerro de San Pedro
        24010|Ciudad del Maíz
        24011|Ciudad Fernández
        24012|Tancanhuitz
        24013|Ciudad Valles
        24014|Coxcatlán
        24015|Charcas
        24016|Ebano
        24017|Guadalcázar
        24018|Huehuetlán
        24019|Lagunillas
        24020|Matehuala
        24021|Mexquitic de Carmona
        24022|Moctezuma
        24023|Rayón
        24024|Rioverde
        24025|Salinas
        24026|San Antonio
        24027|San Ciro de Acosta
        24028|San Luis Potosí
        24029|San Martín Chalchicuautla
        24030|San Nicolás Tolentino
        24031|Santa Catarina
        24032|Santa María del Río
        24033|Santo Domingo
        24034|San Vicente Tancuayalab
        24035|Soledad de Graciano Sánchez
        24036|Tamasopo
        24037|Tamazunchale
        24038|Tampacán
        24039|Tampamolón Corona
        24040|Tamuín
        24041|Tanlajás
        24042|Tanquián de Escobedo
        24043|Tierra Nueva
        24044|Vanegas
        24045|Venado
        24046|Villa de Arriaga
        24047|Villa de Guadalupe
        24048|Villa de la Paz
        24049|Villa de Ramos
        24050|Villa de Reyes
        24051|Villa Hidalgo
        24052|Villa Juárez
        24053|Axtla de Terrazas
        24054|Xilitla
        24055|Zaragoza
        24056|Villa de Arista
        24057|Matlapa
        24058|El Naranjo
        25001|Ahome
        25002|Angostura
        25003|Badiraguato
        25004|Concordia
        25005|Cosalá
        25006|Culiacán
        25007|Choix
        25008|Elota
        25009|Escuinapa
        25010|El Fuerte
        25011|Guasave
        25012|Mazatlán
        25013|Mocorito
        25014|Rosario
        25015|Salvador Alvarado
        25016|San Ignacio
        25017|Sinaloa
        25018|Navolato
        26001|Aconchi
        26002|Agua Prieta
        26003|Álamos
        26004|Altar
        26005|Arivechi
        26006|Arizpe
        26007|Atil
        26008|Bacadéhuachi
        26009|Bacanora
        26010|Bacerac
        26011|Bacoachi
        26012|Bácum
        26013|Banámichi
        26014|Baviácora
        26015|Bavispe
        26016|Benjamín Hill
        26017|Caborca
        26018|Cajeme
        26019|Cananea
        26020|Carbó
        26021|La Colorada
        26022|Cucurpe
        26023|Cumpas
        26024|Divisaderos
        26025|Empalme
        26026|Etchojoa
        26027|Fronteras
        26028|Granados
        26029|Guaymas
        26030|Hermosillo
        26031|Huachinera
        26032|Huásabas
        26033|Huatabampo
        26034|Huépac
        26035|Imuris
        26036|Magdalena
        26037|Mazatán
        26038|Moctezuma
        26039|Naco
        26040|Nácori Chico
        26041|Nacozari de García
        26042|Navojoa
        26043|Nogales
        26044|Ónavas
        26045|Opodepe
        26046|Oquitoa
        26047|Pitiquito
        26048|Puerto Peñasco
        26049|Quiriego
        26050|Rayón
        26051|Rosario
        26052|Sahuaripa
        26053|San Felipe de Jesús
        26054|San Javier
        26055|San Luis Río Colorado
        26056|San Miguel de Horcasitas
        26057|San Pedro de la Cueva
        26058|Santa Ana
        26059|Santa Cruz
        26060|Sáric
        26061|Soyopa
        26062|Suaqui Grande
        26063|Tepache
        26064|Trincheras
        26065|Tubutama
        26066|Ures
        26067|Villa Hidalgo
        26068|Villa Pesqueira
        26069|Yécora
        26070|General Plutarco Elías Calles
        26071|Benito Juárez
        26072|San Ignacio Río Muerto
        27001|Balancán
        27002|Cárdenas
        27003|Centla
        27004|Centro
        27005|Comalcalco
        27006|Cunduacán
        27007|Emiliano Zapata
        27008|Huimanguillo
        27009|Jalapa
        27010|Jalpa de Méndez
        27011|Jonuta
        27012|Macuspana
        27013|Nacajuca
        27014|Paraíso
        27015|Tacotalpa
        27016|Teapa
        27017|Tenosique
        28001|Abasolo
        28002|Aldama
        28003|Altamira
        28004|Antiguo Morelos
        28005|Burgos
        28006|Bustamante
        28007|Camargo
        28008|Casas
        28009|Ciudad Madero
        28010|Cruillas
        28011|Gómez Farías
        28012|González
        28013|Güémez
        28014|Guerrero
        28015|Gustavo Díaz Ordaz
        28016|Hidalgo
        28017|Jaumave
        28018|Jiménez
        28019|Llera
        28020|Mainero
        28021|El Mante
        28022|Matamoros
        28023|Méndez
        28024|Mier
        28025|Miguel Alemán
        28026|Miquihuana
        28027|Nuevo Laredo
        28028|Nuevo Morelos
        28029|Ocampo
        28030|Padilla
        28031|Palmillas
        28032|Reynosa
        28033|Río Bravo
        28034|San Carlos
        28035|San Fernando
        28036|San Nicolás
        28037|Soto la Marina
        28038|Tampico
        28039|Tula
        28040|Valle Hermoso
        28041|Victoria
        28042|Villagrán
        28043|Xicoténcatl
        29001|Amaxac de Guerrero
        29002|Apetatitlán de Antonio Carvajal
        29003|Atlangatepec
        29004|Atltzayanca
        29005|Apizaco
        29006|Calpulalpan
        29007|El Carmen Tequexquitla
        29008|Cuapiaxtla
        29009|Cuaxomulco
        29010|Chiautempan
        29011|Muñoz de Domingo Arenas
        29012|Españita
        29013|Huamantla
        29014|Hueyotlipan
        29015|Ixtacuixtla de Mariano Matamoros
        29016|Ixtenco
        29017|Mazatecochco de José María Morelos
        29018|Contla de Juan Cuamatzi
        29019|Tepetitla de Lardizábal
        29020|Sanctórum de Lázaro Cárdenas
        29021|Nanacamilpa de Mariano Arista
        29022|Acuamanala de Miguel Hidalgo
        29023|Natívitas
        29024|Panotla
        29025|San Pablo del Monte
        29026|Santa Cruz Tlaxcala
        29027|Tenancingo
        29028|Teolocholco
        29029|Tepeyanco
        29030|Terrenate
        29031|Tetla de la Solidaridad
        29032|Tetlatlahuca
        29033|Tlaxcala
        29034|Tlaxco
        29035|Tocatlán
        29036|Totolac
        29037|Ziltlaltépec de Trinidad Sánchez Santos
        29038|Tzompantepec
        29039|Xaloztoc
        29040|Xaltocan
        29041|Papalotla de Xicohténcatl
        29042|Xicohtzinco
        29043|Yauhquemehcan
        29044|Zacatelco
        29045|Benito Juárez
        29046|Emiliano Zapata
        29047|Lázaro Cárdenas
        29048|La Magdalena Tlaltelulco
        29049|San Damián Texóloc
        29050|San Francisco Tetlanohcan
        29051|San Jerónimo Zacualpan
        29052|San José Teacalco
        29053|San Juan Huactzinco
        29054|San Lorenzo Axocomanitla
        29055|San Lucas Tecopilco
        29056|Santa Ana Nopalucan
        29057|Santa Apolonia Teacalco
        29058|Santa Catarina Ayometla
        29059|Santa Cruz Quilehtla
        29060|Santa Isabel Xiloxoxtla
        30001|Acajete
        30002|Acatlán
        30003|Acayucan
        30004|Actopan
        30005|Acula
        30006|Acultzingo
        30007|Camarón de Tejeda
        30008|Alpatláhuac
        30009|Alto Lucero de Gutiérrez Barrios
        30010|Altotonga
        30011|Alvarado
        30012|Amatitlán
        30013|Naranjos Amatlán
        30014|Amatlán de los Reyes
        30015|Angel R. Cabada
        30016|La Antigua
        30017|Apazapan
        30018|Aquila
        30019|Astacinga
        30020|Atlahuilco
        30021|Atoyac
        30022|Atzacan
        30023|Atzalan
        30024|Tlaltetela
        30025|Ayahualulco
        30026|Banderilla
        30027|Benito Juárez
        30028|Boca del Río
        30029|Calcahualco
        30030|Camerino Z. Mendoza
        30031|Carrillo Puerto
        30032|Catemaco
        30033|Cazones de Herrera
        30034|Cerro Azul
        30035|Citlaltépetl
        30036|Coacoatzintla
        30037|Coahuitlán
        30038|Coatepec
        30039|Coatzacoalcos
        30040|Coatzintla
        30041|Coetzala
        30042|Colipa
        30043|Comapa
        30044|Córdoba
        30045|Cosamaloapan de Carpio
        30046|Cosautlán de Carvajal
        30047|Coscomatepec
        30048|Cosoleacaque
        30049|Cotaxtla
        30050|Coxquihui
        30051|Coyutla
        30052|Cuichapa
        30053|Cuitláhuac
        30054|Chacaltianguis
        30055|Chalma
        30056|Chiconamel
        30057|Chiconquiaco
        30058|Chicontepec
        30059|Chinameca
        30060|Chinampa de Gorostiza
        30061|Las Choapas
        30062|Chocamán
        30063|Chontla
        30064|Chumatlán
        30065|Emiliano Zapata
        30066|Espinal
        30067|Filomeno Mata
        30068|Fortín
        30069|Gutiérrez Zamora
        30070|Hidalgotitlán
        30071|Huatusco
        30072|Huayacocotla
        30073|Hueyapan de Ocampo
        30074|Huiloapan de Cuauhtémoc
        30075|Ignacio de la Llave
        30076|Ilamatlán
        30077|Isla
        30078|Ixcatepec
        30079|Ixhuacán de los Reyes
        30080|Ixhuatlán del Café
        30081|Ixhuatlancillo
        30082|Ixhuatlán del Sureste
        30083|Ixhuatlán de Madero
        30084|Ixmatlahuacan
        30085|Ixtaczoquitlán
        30086|Jalacingo
        30087|Xalapa
        30088|Jalcomulco
        30089|Jáltipan
        30090|Jamapa
        30091|Jesús Carranza
        30092|Xico
        30093|Jilotepec
        30094|Juan Rodríguez Clara
        30095|Juchique de Ferrer
        30096|Landero y Coss
        30097|Lerdo de Tejada
        30098|Magdalena
        30099|Maltrata
        30100|Manlio Fabio Altamirano
        30101|Mariano Escobedo
        30102|Martínez de la Torre
        30103|Mecatlán
        30104|Mecayapan
        30105|Medellín de Bravo
        30106|Miahuatlán
        30107|Las Minas
        30108|Minatitlán
        30109|Misantla
        30110|Mixtla de Altamirano
        30111|Moloacán
        30112|Naolinco
        30113|Naranjal
        30114|Nautla
        30115|Nogales
        30116|Oluta
        30117|Omealca
        30118|Orizaba
        30119|Otatitlán
        30120|Oteapan
        30121|Ozuluama de Mascareñas
        30122|Pajapan
        30123|Pánuco
        30124|Papantla
        30125|Paso del Macho
        30126|Paso de Ovejas
        30127|La Perla
        30128|Perote
        30129|Platón Sánchez
        30130|Playa Vicente
        30131|Poza Rica de Hidalgo
        30132|Las Vigas de Ramírez
        30133|Pueblo Viejo
        30134|Puente Nacional
        30135|Rafael Delgado
        30136|Rafael Lucio
        30137|Los Reyes
        30138|Río Blanco
        30139|Saltabarranca
        30140|San Andrés Tenejapan
        30141|San Andrés Tuxtla
        30142|San Juan Evangelista
        30143|Santiago Tuxtla
        30144|Sayula de Alemán
        30145|Soconusco
        30146|Sochiapa
        30147|Soledad Atzompa
        30148|Soledad de Doblado
        30149|Soteapan
        30150|Tamalín
        30151|Tamiahua
        30152|Tampico Alto
        30153|Tancoco
        30154|Tantima
        30155|Tantoyuca
        30156|Tatatila
        30157|Castillo de Teayo
        30158|Tecolutla
        30159|Tehuipango
        30160|Álamo Temapache
        30161|Tempoal
        30162|Tenampa
        30163|Tenochtitlán
        30164|Teocelo
        30165|Tepatlaxco
        30166|Tepetlán
        30167|Tepetzintla
        30168|Tequila
        30169|José Azueta
        30170|Texcatepec
        30171|Texhuacán
        30172|Texistepec
        30173|Tezonapa
        30174|Tierra Blanca
        30175|Tihuatlán
        30176|Tlacojalpan
        30177|Tlacolulan
        30178|Tlacotalpan
        30179|Tlacotepec de Mejía
        30180|Tlachichilco
        30181|Tlalixcoyan
        30182|Tlalnelhuayocan
        30183|Tlapacoyan
        30184|Tlaquilpa
        30185|Tlilapan
        30186|Tomatlán
        30187|Tonayán
        30188|Totutla
        30189|Tuxpan
        30190|Tuxtilla
        30191|Ursulo Galván
        30192|Vega de Alatorre
        30193|Veracruz
        30194|Villa Aldama
        30195|Xoxocotla
        30196|Yanga
        30197|Yecuatla
        30198|Zacualpan
        30199|Zaragoza
        30200|Zentla
        30201|Zongolica
        30202|Zontecomatlán de López y Fuentes
        30203|Zozocolco de Hidalgo
        30204|Agua Dulce
        30205|El Higo
        30206|Nanchital de Lázaro Cárdenas del Río
        30207|Tres Valles
        30208|Carlos A. Carrillo
        30209|Tatahuicapan de Juárez
        30210|Uxpanapa
        30211|San Rafael
        30212|Santiago Sochiapan
        31001|Abalá
        31002|Acanceh
        31003|Akil
        31004|Baca
        31005|Bokobá
        31006|Buctzotz
        31007|Cacalchén
        31008|Calotmul
        31009|Cansahcab
        31010|Cantamayec
        31011|Celestún
        31012|Cenotillo
        31013|Conkal
        31014|Cuncunul
        31015|Cuzamá
        31016|Chacsinkín
        31017|Chankom
        31018|Chapab
        31019|Chemax
        31020|Chicxulub Pueblo
        31021|Chichimilá
        31022|Chikindzonot
        31023|Chocholá
        31024|Chumayel
        31025|Dzan
        31026|Dzemul
        31027|Dzidzantún
        31028|Dzilam de Bravo
        31029|Dzilam González
        31030|Dzitás
        31031|Dzoncauich
        31032|Espita
        31033|Halachó
        31034|Hocabá
        31035|Hoctún
        31036|Homún
        31037|Huhí
        31038|Hunucmá
        31039|Ixil
        31040|Izamal
        31041|Kanasín
        31042|Kantunil
        31043|Kaua
        31044|Kinchil
        31045|Kopomá
        31046|Mama
        31047|Maní
        31048|Maxcanú
        31049|Mayapán
        31050|Mérida
        31051|Mocochá
        31052|Motul
        31053|Muna
        31054|Muxupip
        31055|Opichén
        31056|Oxkutzcab
        31057|Panabá
        31058|Peto
        31059|Progreso
        31060|Quintana Roo
        31061|Río Lagartos
        31062|Sacalum
        31063|Samahil
        31064|Sanahcat
        31065|San Felipe
        31066|Santa Elena
        31067|Seyé
        31068|Sinanché
        31069|Sotuta
        31070|Sucilá
        31071|Sudzal
        31072|Suma
        31073|Tahdziú
        31074|Tahmek
        31075|Teabo
        31076|Tecoh
        31077|Tekal de Venegas
        31078|Tekantó
        31079|Tekax
        31080|Tekit
        31081|Tekom
        31082|Telchac Pueblo
        31083|Telchac Puerto
        31084|Temax
        31085|Temozón
        31086|Tepakán
        31087|Tetiz
        31088|Teya
        31089|Ticul
        31090|Timucuy
        31091|Tinum
        31092|Tixcacalcupul
        31093|Tixkokob
        31094|Tixméhuac
        31095|Tixpéhual
        31096|Tizimín
        31097|Tunkás
        31098|Tzucacab
        31099|Uayma
        31100|Ucú
        31101|Umán
        31102|Valladolid
        31103|Xocchel
        31104|Yaxcabá
        31105|Yaxkukul
        31106|Yobaín
        32001|Apozol
        32002|Apulco
        32003|Atolinga
        32004|Benito Juárez
        32005|Calera
        32006|Cañitas de Felipe Pescador
        32007|Concepción del Oro
        32008|Cuauhtémoc
        32009|Chalchihuites
        32010|Fresnillo
        32011|Trinidad García de la Cadena
        32012|Genaro Codina
        32013|General Enrique Estrada
        32014|General Francisco R. Murguía
        32015|El Plateado de Joaquín Amaro
        32016|General Pánfilo Natera
        32017|Guadalupe
        32018|Huanusco
        32019|Jalpa
        32020|Jerez
        32021|Jiménez del Teul
        32022|Juan Aldama
        32023|Juchipila
        32024|Loreto
        32025|Luis Moya
        32026|Mazapil
        32027|Melchor Ocampo
        32028|Mezquital del Oro
        32029|Miguel Auza
        32030|Momax
        32031|Monte Escobedo
        32032|Morelos
        32033|Moyahua de Estrada
        32034|Nochistlán de Mejía
        32035|Noria de Ángeles
        32036|Ojocaliente
        32037|Pánuco
        32038|Pinos
        32039|Río Grande
        32040|Sain Alto
        32041|El Salvador
        32042|Sombrerete
        32043|Susticacán
        32044|Tabasco
        32045|Tepechitlán
        32046|Tepetongo
        32047|Teúl de González Ortega
        32048|Tlaltenango de Sánchez Román
        32049|Valparaíso
        32050|Vetagrande
        32051|Villa de Cos
        32052|Villa García
        32053|Villa González Ortega
        32054|Villa Hidalgo
        32055|Villanueva
        32056|Zacatecas
        32057|Trancoso
        32058|Santa María de la Paz
        """
}
