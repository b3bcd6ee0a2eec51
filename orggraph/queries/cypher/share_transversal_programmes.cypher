// name: share_transversal_programmes
// description: Which share of the programmes brings units of two or more clusters together.
// parameter: city: a city id (gent), or <city>@<scenario> for a pushed scenario
MATCH (p:Programme) WHERE p.uid STARTS WITH ($city + ':')
OPTIONAL MATCH (u:Unit)-[:LEADS|CONTRIBUTES_TO]->(p) WHERE u.cluster IS NOT NULL
WITH p, count(DISTINCT u.cluster) AS clusters
WITH count(p) AS programmes, sum(CASE WHEN clusters >= 2 THEN 1 ELSE 0 END) AS transversal
RETURN CASE WHEN programmes = 0 THEN null ELSE toFloat(transversal) / programmes END AS share_transversal_programmes
