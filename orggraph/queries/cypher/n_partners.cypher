// name: n_partners
// description: How many external partners the city works with.
// parameter: city: a city id (gent), or <city>@<scenario> for a pushed scenario
MATCH (x:Partner) WHERE x.uid STARTS WITH ($city + ':')
RETURN count(x) AS n_partners
