// name: agencies
// description: Which agencies (AGB, EVA, vzw, intergemeentelijk) the city has, their legal form and who steers them.
// parameter: city: a city id (gent), or <city>@<scenario> for a pushed scenario
MATCH (g:Agency) WHERE g.uid STARTS WITH ($city + ':')
OPTIONAL MATCH (a:Person)-[:STEERS]->(g)
RETURN g.name AS agency, g.legal_form AS legal_form, g.fte AS fte, collect(a.name) AS steered_by
ORDER BY agency
