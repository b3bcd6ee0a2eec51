// name: quadruple_helix_share
// description: Which share of the programmes brings business, knowledge institutions and civil society together.
// parameter: city: a city id (gent), or <city>@<scenario> for a pushed scenario
MATCH (p:Programme) WHERE p.uid STARTS WITH ($city + ':')
OPTIONAL MATCH (x:Partner)-[:PARTNERS_IN]->(p)
WITH p, collect(DISTINCT x.sector) AS sectors
WITH count(p) AS programmes,
     sum(CASE WHEN 'business' IN sectors AND 'knowledge' IN sectors
              AND ('civil_society' IN sectors OR 'citizen_initiative' IN sectors)
         THEN 1 ELSE 0 END) AS helix
RETURN CASE WHEN programmes = 0 THEN null ELSE toFloat(helix) / programmes END AS quadruple_helix_share
