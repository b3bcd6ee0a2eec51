// name: domains_split_titles
// description: Which top-level policy domains are split over several college members, with the portfolio titles as published.
// parameter: city: a city id (gent), or <city>@<scenario> for a pushed scenario
MATCH (a:Person)-[h:HOLDS]->(d:Domain) WHERE a.uid STARTS WITH ($city + ':') AND a.is_college
MATCH (top:Domain {uid: d.top_domain})
WITH top, a, collect(h.title) AS titles
WITH top, collect({holder: a.name, titles: titles}) AS holders
WHERE size(holders) >= 2
UNWIND holders AS holder
RETURN top.name AS domain, size(holders) AS holders, holder.holder AS member, holder.titles AS titles
ORDER BY holders DESC, domain, member
