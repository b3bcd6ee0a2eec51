// name: services_without_alderman
// description: Which services no college member steers or holds a portfolio item for (nobody answers for them politically).
// parameter: city: a city id (gent), or <city>@<scenario> for a pushed scenario
MATCH (s:Unit) WHERE s.uid STARTS WITH ($city + ':') AND s.is_service
OPTIONAL MATCH (a1:Person)-[:STEERS]->(s) WHERE a1.is_college
WITH s, collect(DISTINCT a1.uid) AS steering
OPTIONAL MATCH (a2:Person)-[:HOLDS]->(:Domain)<-[:PART_OF*0..]-(:Domain)<-[:WORKS_ON]-(s)
WHERE a2.is_college
WITH s, steering, collect(DISTINCT a2.uid) AS holding
WITH s, steering + [x IN holding WHERE NOT x IN steering] AS owners
WITH s, owners WHERE size(owners) = 0
MATCH (c:Unit {uid: s.cluster})
RETURN s.name AS service, s.kind AS kind, c.name AS cluster
ORDER BY cluster, service
