// name: ei_index
// description: The E-I index of programme work: from -1 (all pairs inside one cluster) to +1 (all across clusters).
// parameter: city: a city id (gent), or <city>@<scenario> for a pushed scenario
MATCH (p:Programme) WHERE p.uid STARTS WITH ($city + ':')
MATCH (u:Unit)-[:LEADS|CONTRIBUTES_TO]->(p) WHERE u.cluster IS NOT NULL
WITH p, collect(DISTINCT u) AS units
UNWIND range(0, size(units) - 1) AS i
UNWIND range(i + 1, size(units) - 1) AS j
WITH CASE WHEN units[i].cluster = units[j].cluster THEN 0 ELSE 1 END AS external
WITH count(external) AS pairs, sum(external) AS external
RETURN CASE WHEN pairs = 0 THEN null ELSE toFloat(external - (pairs - external)) / pairs END AS ei_index
