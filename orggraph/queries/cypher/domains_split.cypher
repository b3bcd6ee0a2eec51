// name: domains_split
// description: How many top-level policy domains are split over two or more college members.
// parameter: city: a city id (gent), or <city>@<scenario> for a pushed scenario
MATCH (a:Person)-[:HOLDS]->(d:Domain) WHERE a.uid STARTS WITH ($city + ':') AND a.is_college
WITH d.top_domain AS top, count(DISTINCT a) AS holders
WITH top, holders WHERE holders >= 2
RETURN count(top) AS domains_split
