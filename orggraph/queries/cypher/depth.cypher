// name: depth
// description: How many levels deep the organisation chart goes below the root.
// parameter: city: a city id (gent), or <city>@<scenario> for a pushed scenario
MATCH (r:Organisation) WHERE r.uid STARTS WITH ($city + ':')
MATCH path = (u:Unit)-[:PART_OF*0..]->(r)
RETURN max(length(path)) AS depth
