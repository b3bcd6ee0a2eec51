// name: cluster_portfolio_alignment
// description: How much each cluster answers to one alderman (1 = one alderman per cluster).
// parameter: city: a city id (gent), or <city>@<scenario> for a pushed scenario
MATCH (s:Unit) WHERE s.uid STARTS WITH ($city + ':') AND s.is_service
OPTIONAL MATCH (o:Person)-[:OWNS]->(s)
WITH s, collect(o.uid) AS owners
UNWIND owners AS a
WITH a, s.cluster AS c, count(s) AS m
WITH c, max(m) AS best, sum(m) AS total
WITH sum(best) AS best, sum(total) AS total
RETURN CASE WHEN total = 0 THEN null ELSE toFloat(best) / total END AS cluster_portfolio_alignment
