// name: services_many_owners
// description: Which services answer to two or more college members, and to whom.
// parameter: city: a city id (gent), or <city>@<scenario> for a pushed scenario
MATCH (s:Unit) WHERE s.uid STARTS WITH ($city + ':') AND s.is_service
OPTIONAL MATCH (a1:Person)-[:STEERS]->(s) WHERE a1.is_college
WITH s, collect(DISTINCT a1.uid) AS steering
OPTIONAL MATCH (a2:Person)-[:HOLDS]->(:Domain)<-[:PART_OF*0..]-(:Domain)<-[:WORKS_ON]-(s)
WHERE a2.is_college
WITH s, steering, collect(DISTINCT a2.uid) AS holding
WITH s, steering + [x IN holding WHERE NOT x IN steering] AS owners
WITH s, owners WHERE size(owners) >= 2
MATCH (a:Person) WHERE a.uid IN owners
WITH s, owners, collect(a.name) AS names
RETURN s.name AS service, size(owners) AS owners, names AS college_members
ORDER BY owners DESC, service
