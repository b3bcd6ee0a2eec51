// name: alderman_portfolios
// description: Per college member: party, portfolio items, top-level domains held and services owned.
// parameter: city: a city id (gent), or <city>@<scenario> for a pushed scenario
MATCH (a:Person) WHERE a.uid STARTS WITH ($city + ':') AND a.is_college
OPTIONAL MATCH (a)-[h:HOLDS]->(d:Domain)
WITH a, count(h) AS items, collect(DISTINCT d.top_domain) AS tops
OPTIONAL MATCH (a)-[:OWNS]->(s:Unit)
WITH a, items, tops, count(DISTINCT s) AS owned
RETURN a.name AS member, a.role AS role, a.party AS party, items AS portfolio_items,
       size(tops) AS top_domains, owned AS services_owned
ORDER BY services_owned DESC, member
