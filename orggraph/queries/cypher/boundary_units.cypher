// name: boundary_units
// description: Which units take part in the most programmes that cross cluster lines (candidate boundary spanners).
// parameter: city: a city id (gent), or <city>@<scenario> for a pushed scenario
MATCH (p:Programme) WHERE p.uid STARTS WITH ($city + ':')
MATCH (u:Unit)-[:LEADS|CONTRIBUTES_TO]->(p)
WITH p, collect(DISTINCT u) AS units
WITH p, units, reduce(acc = [], v IN units |
       CASE WHEN v.cluster IS NULL OR v.cluster IN acc THEN acc ELSE acc + [v.cluster] END) AS clusters
WHERE size(clusters) >= 2
UNWIND units AS u
WITH u, count(DISTINCT p) AS transversal_programmes
OPTIONAL MATCH (c:Unit {uid: u.cluster})
RETURN u.name AS unit, u.kind AS kind, c.name AS cluster, transversal_programmes
ORDER BY transversal_programmes DESC, unit
LIMIT 15
