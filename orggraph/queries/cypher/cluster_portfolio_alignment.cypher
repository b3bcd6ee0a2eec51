// name: cluster_portfolio_alignment
// description: How much each cluster answers to one alderman (1 = one alderman per cluster).
// parameter: city: a city id (gent), or <city>@<scenario> for a pushed scenario
MATCH (s:Unit) WHERE s.uid STARTS WITH ($city + ':') AND s.is_service
OPTIONAL MATCH (a1:Person)-[:STEERS]->(s) WHERE a1.is_college
WITH s, collect(DISTINCT a1.uid) AS steering
OPTIONAL MATCH (a2:Person)-[:HOLDS]->(:Domain)<-[:PART_OF*0..]-(:Domain)<-[:WORKS_ON]-(s)
WHERE a2.is_college
WITH s, steering, collect(DISTINCT a2.uid) AS holding
WITH s, steering + [x IN holding WHERE NOT x IN steering] AS owners
UNWIND owners AS a
WITH a, s.cluster AS c, count(s) AS m
WITH c, max(m) AS best, sum(m) AS total
WITH sum(best) AS best, sum(total) AS total
RETURN CASE WHEN total = 0 THEN null ELSE toFloat(best) / total END AS cluster_portfolio_alignment
