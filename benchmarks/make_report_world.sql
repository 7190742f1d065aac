-- Builds a large synthetic trace table for the report benchmark, straight in SQL, on a database
-- whose schema `irontrace import` created. Parameter: the temp table `params(n)` holds the number of
-- traces. Every trace has its own recovery; 80% have a sale (and so a dealer and a time-to-crime).
-- The figures are random, shaped loosely like ATF's (40% of recoveries in Mexico, skewed dealers).
PRAGMA journal_mode = OFF;
PRAGMA synchronous = OFF;
CREATE TEMP TABLE mk(k INTEGER PRIMARY KEY, name TEXT);
INSERT INTO mk(k, name) VALUES (0,'Glock'),(1,'Smith & Wesson'),(2,'Sturm, Ruger & Co.'),(3,'Colt'),(4,'SIG Sauer'),
 (5,'Taurus'),(6,'Beretta'),(7,'Hi-Point'),(8,'Springfield Armory'),(9,'Kel-Tec'),(10,'Remington'),(11,'Mossberg'),
 (12,'Savage Arms'),(13,'Century Arms'),(14,'Barrett'),(15,'FN Herstal'),(16,'Bersa'),(17,'Heckler & Koch'),
 (18,'Kimber'),(19,'Marlin');
CREATE TEMP TABLE cal(k INTEGER PRIMARY KEY, name TEXT, type TEXT);
INSERT INTO cal VALUES (0,'9mm Luger','pistol'),(1,'.380 ACP','pistol'),(2,'.40 S&W','pistol'),(3,'.45 ACP','pistol'),
 (4,'.38 Special','revolver'),(5,'.357 Magnum','revolver'),(6,'.22 LR','pistol'),(7,'5.56x45mm NATO','rifle'),
 (8,'7.62x39mm','rifle'),(9,'.308 Winchester','rifle'),(10,'12 gauge','shotgun'),(11,'.50 BMG','rifle'),
 (12,'.25 ACP','pistol'),(13,'.38 Super','pistol'),(14,'20 gauge','shotgun'),(15,'.223 Remington','rifle');
CREATE TEMP TABLE crime(k INTEGER PRIMARY KEY, name TEXT);
INSERT INTO crime VALUES (0,'weapon_offense'),(1,'possession_of_weapon'),(2,'drugs'),(3,'homicide'),
 (4,'aggravated_assault'),(5,'robbery'),(6,'burglary'),(7,'found_firearm'),(8,'suicide'),(9,'organized_crime'),(10,'other');
CREATE TEMP TABLE st(k INTEGER PRIMARY KEY, usps TEXT);
INSERT INTO st VALUES (0,'TX'),(1,'TX'),(2,'TX'),(3,'AZ'),(4,'CA'),(5,'NM'),(6,'FL'),(7,'GA'),(8,'PA'),(9,'NY'),(10,'OH'),
 (11,'IL'),(12,'NC'),(13,'MI'),(14,'VA'),(15,'TN'),(16,'IN'),(17,'MO'),(18,'WA'),(19,'CO'),(20,'NV'),(21,'OK'),(22,'LA'),
 (23,'AL'),(24,'SC');
CREATE TEMP TABLE lic AS SELECT id, row_number() OVER (ORDER BY id) - 1 AS k FROM licensees;
CREATE TEMP TABLE g AS
WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < (SELECT n FROM params))
SELECT i,
  abs(random()) % 100 AS p,
  abs(random()) % 20 AS m,
  abs(random()) % 16 AS c,
  abs(random()) % 11 AS cr,
  abs(random()) % 25 AS s,
  abs(random()) % 32 + 1 AS mx,
  -- skewed dealer choice: the square of a uniform picks the first dealers far more often
  CAST(((abs(random()) % 1000) * (abs(random()) % 1000)) / 1000000.0 * (SELECT count(*) FROM lic) AS INTEGER) AS d,
  (abs(random()) % 7300) AS saleday,
  CAST((abs(random()) % 1000) * (abs(random()) % 1000) / 1000000.0 * 7300 AS INTEGER) AS ttc
FROM c;
INSERT INTO sales (id, firearm_id, licensee_id, purchaser_id, sale_date, multiple_sale_id, make, manufacturer, model, caliber,
  type, serial, serial_normal, country_of_manufacture, importer, import_id)
SELECT g.i, g.i, lic.id, NULL, date('2000-01-01', '+' || g.saleday || ' days'), CASE WHEN g.p % 17 = 0 THEN g.i / 2 END,
  mk.name, mk.name, '', cal.name, cal.type, 'S' || g.i, 'S' || g.i, 'US', '', 1
FROM g JOIN mk ON mk.k = g.m JOIN cal ON cal.k = g.c JOIN lic ON lic.k = g.d
WHERE g.p < 80;
INSERT INTO recoveries (id, recovery_date, country, area, make, manufacturer, model, caliber, type, serial, serial_normal,
  serial_obliterated, crime_category, agency, case_number, import_id)
SELECT g.i, date('2000-01-01', '+' || (g.saleday + g.ttc) || ' days'),
  CASE WHEN g.p % 5 < 2 THEN 'MX' ELSE 'US' END,
  CASE WHEN g.p % 5 < 2 THEN printf('MX-%02d', g.mx) ELSE 'US-' || st.usps END,
  mk.name, mk.name, '', cal.name, cal.type, 'S' || g.i, 'S' || g.i, CASE WHEN g.p = 99 THEN 1 ELSE 0 END, crime.name, '', '', 1
FROM g JOIN mk ON mk.k = g.m JOIN cal ON cal.k = g.c JOIN crime ON crime.k = g.cr JOIN st ON st.k = (g.s + g.mx) % 25;
INSERT INTO traces (id, recovery_id, request_date, outcome, not_traced_reason, sale_id, licensee_id, purchaser_id,
  time_to_crime_days, source_class, source_country, source_state, import_id)
SELECT g.i, g.i, date('2000-01-01', '+' || (g.saleday + g.ttc + 10) || ' days'),
  CASE WHEN g.p < 50 THEN 'completed_purchaser' WHEN g.p < 80 THEN 'completed_dealer' ELSE 'not_traced' END,
  CASE WHEN g.p >= 80 THEN 'too_old' END,
  CASE WHEN g.p < 80 THEN g.i END, CASE WHEN g.p < 80 THEN lic.id END, NULL,
  CASE WHEN g.p < 80 THEN g.ttc END,
  CASE WHEN g.p < 80 THEN 'us_sourced' WHEN g.p < 90 THEN 'non_us' ELSE 'undetermined' END,
  CASE WHEN g.p < 80 THEN 'US' WHEN g.p < 90 THEN 'BR' ELSE '' END,
  CASE WHEN g.p < 80 THEN st.usps ELSE '' END, 1
FROM g JOIN st ON st.k = g.s JOIN lic ON lic.k = g.d;
DROP TABLE g;
