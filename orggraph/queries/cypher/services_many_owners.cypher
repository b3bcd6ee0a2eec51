// name: services_many_owners
// description: Which services answer to two or more college members, and to whom.
// parameter: city: a city id (gent), or <city>@<scenario> for a pushed scenario
MATCH (s:Unit) WHERE s.uid STARTS WITH ($city + ':') AND s.is_service
OPTIONAL MATCH (o:Person)-[:OWNS]->(s)
WITH s, collect(o.uid) AS owners
WITH s, owners WHERE size(owners) >= 2
MATCH (a:Person) WHERE a.uid IN owners
WITH s, owners, collect(a.name) AS names
RETURN s.name AS service, size(owners) AS owners, names AS college_members
ORDER BY owners DESC, service
