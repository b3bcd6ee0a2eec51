// name: programmes_by_challenge
// description: Which programmes address each societal challenge, over how many clusters and with which partners.
// parameter: city: a city id (gent), or <city>@<scenario> for a pushed scenario
MATCH (p:Programme)-[:ADDRESSES]->(ch:Challenge) WHERE p.uid STARTS WITH ($city + ':')
OPTIONAL MATCH (u:Unit)-[:LEADS|CONTRIBUTES_TO]->(p)
WITH ch, p, collect(DISTINCT u.cluster) AS clusters
OPTIONAL MATCH (x:Partner)-[:PARTNERS_IN]->(p)
RETURN ch.name AS challenge, p.name AS programme, size(clusters) AS clusters,
       collect(DISTINCT x.name) AS partners
ORDER BY challenge, clusters DESC, programme
