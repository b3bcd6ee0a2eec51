// name: transversal_coverage
// description: Which share of the services takes part in at least one transversal programme.
// parameter: city: a city id (gent), or <city>@<scenario> for a pushed scenario
MATCH (p:Programme) WHERE p.uid STARTS WITH ($city + ':')
OPTIONAL MATCH (u:Unit)-[:LEADS|CONTRIBUTES_TO]->(p) WHERE u.cluster IS NOT NULL
WITH p, count(DISTINCT u.cluster) AS clusters
WITH p WHERE clusters >= 2
MATCH (s:Unit)-[:LEADS|CONTRIBUTES_TO]->(p) WHERE s.is_service
WITH collect(DISTINCT s.uid) AS covered
OPTIONAL MATCH (s:Unit) WHERE s.uid STARTS WITH ($city + ':') AND s.is_service
WITH covered, count(s) AS services
RETURN CASE WHEN services = 0 THEN null ELSE toFloat(size(covered)) / services END AS transversal_coverage
