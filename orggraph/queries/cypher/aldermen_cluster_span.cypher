// name: aldermen_cluster_span
// description: Which college members own services in the most clusters, and how many services.
// parameter: city: a city id (gent), or <city>@<scenario> for a pushed scenario
MATCH (s:Unit) WHERE s.uid STARTS WITH ($city + ':') AND s.is_service
OPTIONAL MATCH (a1:Person)-[:STEERS]->(s) WHERE a1.is_college
WITH s, collect(DISTINCT a1.uid) AS steering
OPTIONAL MATCH (a2:Person)-[:HOLDS]->(:Domain)<-[:PART_OF*0..]-(:Domain)<-[:WORKS_ON]-(s)
WHERE a2.is_college
WITH s, steering, collect(DISTINCT a2.uid) AS holding
WITH s, steering + [x IN holding WHERE NOT x IN steering] AS owners
UNWIND owners AS a
WITH a, collect(DISTINCT s.cluster) AS clusters, count(s) AS services
MATCH (p:Person {uid: a})
RETURN p.name AS alderman, p.role AS role, size(clusters) AS clusters, services
ORDER BY clusters DESC, services DESC, alderman
