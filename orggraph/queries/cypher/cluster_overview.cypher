// name: cluster_overview
// description: Per cluster: its services, their staff (fte) and how many college members they answer to.
// parameter: city: a city id (gent), or <city>@<scenario> for a pushed scenario
MATCH (s:Unit) WHERE s.uid STARTS WITH ($city + ':') AND s.is_service
OPTIONAL MATCH (o:Person)-[:OWNS]->(s)
WITH s, collect(o.uid) AS owners
WITH s.cluster AS cluster, count(s) AS services, sum(coalesce(s.fte, 0.0)) AS fte, collect(owners) AS lists
WITH cluster, services, fte, reduce(acc = [], l IN lists | acc + [x IN l WHERE NOT x IN acc]) AS aldermen
MATCH (c:Unit {uid: cluster})
RETURN c.name AS cluster, services, fte, size(aldermen) AS aldermen
ORDER BY aldermen DESC, cluster
