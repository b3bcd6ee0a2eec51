// name: partners_by_sector_mode
// description: How partners take part in programmes, by sector and by mode (co-creation, funding, ...).
// parameter: city: a city id (gent), or <city>@<scenario> for a pushed scenario
MATCH (x:Partner)-[r:PARTNERS_IN]->(p:Programme) WHERE x.uid STARTS WITH ($city + ':')
RETURN x.sector AS sector, r.mode AS mode, count(DISTINCT x) AS partners,
       count(DISTINCT p) AS programmes, collect(DISTINCT x.name) AS names
ORDER BY sector, mode
