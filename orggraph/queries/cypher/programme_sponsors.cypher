// name: programme_sponsors
// description: Who sponsors the programmes: college members, the management or nobody.
// parameter: city: a city id (gent), or <city>@<scenario> for a pushed scenario
MATCH (p:Programme) WHERE p.uid STARTS WITH ($city + ':')
OPTIONAL MATCH (s:Person)-[:SPONSORS]->(p)
RETURN CASE WHEN s IS NULL THEN 'none' WHEN s.is_college THEN 'college' ELSE 'management' END AS sponsored_by,
       count(p) AS programmes, collect(p.name) AS names
ORDER BY programmes DESC
