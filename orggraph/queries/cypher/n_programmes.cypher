// name: n_programmes
// description: How many programmes and projects run across the organisation.
// parameter: city: a city id (gent), or <city>@<scenario> for a pushed scenario
MATCH (p:Programme) WHERE p.uid STARTS WITH ($city + ':')
RETURN count(p) AS n_programmes
