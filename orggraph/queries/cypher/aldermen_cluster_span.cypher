// name: aldermen_cluster_span
// description: Which college members own services in the most clusters, and how many services.
// parameter: city: a city id (gent), or <city>@<scenario> for a pushed scenario
MATCH (s:Unit) WHERE s.uid STARTS WITH ($city + ':') AND s.is_service
OPTIONAL MATCH (o:Person)-[:OWNS]->(s)
WITH s, collect(o.uid) AS owners
UNWIND owners AS a
WITH a, collect(DISTINCT s.cluster) AS clusters, count(s) AS services
MATCH (p:Person {uid: a})
RETURN p.name AS alderman, p.role AS role, size(clusters) AS clusters, services
ORDER BY clusters DESC, services DESC, alderman
