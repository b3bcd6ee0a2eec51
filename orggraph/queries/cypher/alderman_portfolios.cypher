// name: alderman_portfolios
// description: Per college member: party, portfolio items, top-level domains held and services owned.
// parameter: city: a city id (gent), or <city>@<scenario> for a pushed scenario
MATCH (a:Person) WHERE a.uid STARTS WITH ($city + ':') AND a.is_college
OPTIONAL MATCH (a)-[h:HOLDS]->(d:Domain)
WITH a, count(h) AS items, collect(DISTINCT d.top_domain) AS tops
OPTIONAL MATCH (a)-[:STEERS]->(steered:Unit)
OPTIONAL MATCH (a)-[:HOLDS]->(:Domain)<-[:PART_OF*0..]-(:Domain)<-[:WORKS_ON]-(s:Unit)
WHERE s.is_service
WITH a, items, tops, collect(DISTINCT steered.uid) + collect(DISTINCT s.uid) AS units
WITH a, items, tops, reduce(acc = [], u IN units | CASE WHEN u IN acc THEN acc ELSE acc + [u] END) AS units
RETURN a.name AS member, a.role AS role, a.party AS party, items AS portfolio_items,
       size(tops) AS top_domains, size(units) AS services_owned
ORDER BY services_owned DESC, member
