// name: portfolio_cluster_alignment
// description: How much each alderman's services sit in one cluster (1 = all in one).
// parameter: city: a city id (gent), or <city>@<scenario> for a pushed scenario
MATCH (s:Unit) WHERE s.uid STARTS WITH ($city + ':') AND s.is_service
OPTIONAL MATCH (o:Person)-[:OWNS]->(s)
WITH s, collect(o.uid) AS owners
UNWIND owners AS a
WITH a, s.cluster AS c, count(s) AS m
WITH a, max(m) AS best, sum(m) AS total
WITH sum(best) AS best, sum(total) AS total
RETURN CASE WHEN total = 0 THEN null ELSE toFloat(best) / total END AS portfolio_cluster_alignment
