// name: services_without_alderman
// description: Which services no college member steers or holds a portfolio item for (nobody answers for them politically).
// parameter: city: a city id (gent), or <city>@<scenario> for a pushed scenario
MATCH (s:Unit) WHERE s.uid STARTS WITH ($city + ':') AND s.is_service
OPTIONAL MATCH (o:Person)-[:OWNS]->(s)
WITH s, collect(o.uid) AS owners
WITH s, owners WHERE size(owners) = 0
MATCH (c:Unit {uid: s.cluster})
RETURN s.name AS service, s.kind AS kind, c.name AS cluster
ORDER BY cluster, service
