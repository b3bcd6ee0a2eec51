// name: mean_alderman_cluster_span
// description: Over how many clusters an alderman's services are spread, on average.
// parameter: city: a city id (gent), or <city>@<scenario> for a pushed scenario
MATCH (s:Unit) WHERE s.uid STARTS WITH ($city + ':') AND s.is_service
OPTIONAL MATCH (a1:Person)-[:STEERS]->(s) WHERE a1.is_college
WITH s, collect(DISTINCT a1.uid) AS steering
OPTIONAL MATCH (a2:Person)-[:HOLDS]->(:Domain)<-[:PART_OF*0..]-(:Domain)<-[:WORKS_ON]-(s)
WHERE a2.is_college
WITH s, steering, collect(DISTINCT a2.uid) AS holding
WITH s, steering + [x IN holding WHERE NOT x IN steering] AS owners
UNWIND owners AS a
WITH a, count(DISTINCT s.cluster) AS span
RETURN avg(toFloat(span)) AS mean_alderman_cluster_span
