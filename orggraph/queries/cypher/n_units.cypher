// name: n_units
// description: How many units the organisation has, the root included.
// parameter: city: a city id (gent), or <city>@<scenario> for a pushed scenario
MATCH (u:Unit) WHERE u.uid STARTS WITH ($city + ':')
RETURN count(u) AS n_units
