// name: management_team
// description: Who sits in the management team (MAT) and which units they head.
// parameter: city: a city id (gent), or <city>@<scenario> for a pushed scenario
MATCH (p:Person)-[:MEMBER_OF]->(b:Body) WHERE p.uid STARTS WITH ($city + ':') AND b.kind = 'management_team'
OPTIONAL MATCH (p)-[:HEADS]->(u:Unit)
RETURN b.name AS body, p.name AS member, p.role AS role, collect(u.name) AS heads
ORDER BY role, member
