// name: mean_domain_fragmentation
// description: Over how many college members a top-level policy domain is spread, on average.
// parameter: city: a city id (gent), or <city>@<scenario> for a pushed scenario
MATCH (a:Person)-[:HOLDS]->(d:Domain) WHERE a.uid STARTS WITH ($city + ':') AND a.is_college
WITH d.top_domain AS top, count(DISTINCT a) AS holders
RETURN avg(toFloat(holders)) AS mean_domain_fragmentation
