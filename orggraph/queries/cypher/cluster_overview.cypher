// name: cluster_overview
// description: Per cluster: its services, their staff (fte) and how many college members they answer to.
// parameter: city: a city id (gent), or <city>@<scenario> for a pushed scenario
MATCH (s:Unit) WHERE s.uid STARTS WITH ($city + ':') AND s.is_service
OPTIONAL MATCH (a1:Person)-[:STEERS]->(s) WHERE a1.is_college
WITH s, collect(DISTINCT a1.uid) AS steering
OPTIONAL MATCH (a2:Person)-[:HOLDS]->(:Domain)<-[:PART_OF*0..]-(:Domain)<-[:WORKS_ON]-(s)
WHERE a2.is_college
WITH s, steering, collect(DISTINCT a2.uid) AS holding
WITH s, steering + [x IN holding WHERE NOT x IN steering] AS owners
WITH s.cluster AS cluster, count(s) AS services, sum(coalesce(s.fte, 0.0)) AS fte, collect(owners) AS lists
WITH cluster, services, fte, reduce(acc = [], l IN lists | acc + [x IN l WHERE NOT x IN acc]) AS aldermen
MATCH (c:Unit {uid: cluster})
RETURN c.name AS cluster, services, fte, size(aldermen) AS aldermen
ORDER BY aldermen DESC, cluster
