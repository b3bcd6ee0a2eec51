// name: programme_overview
// description: Per programme: its lead, how many units and clusters take part, the sponsor and the partner sectors.
// parameter: city: a city id (gent), or <city>@<scenario> for a pushed scenario
MATCH (p:Programme) WHERE p.uid STARTS WITH ($city + ':')
OPTIONAL MATCH (lead:Unit)-[:LEADS]->(p)
OPTIONAL MATCH (u:Unit)-[:LEADS|CONTRIBUTES_TO]->(p)
WITH p, lead, collect(DISTINCT u) AS units
OPTIONAL MATCH (sponsor:Person)-[:SPONSORS]->(p)
OPTIONAL MATCH (x:Partner)-[:PARTNERS_IN]->(p)
WITH p, lead, units, sponsor, collect(DISTINCT x.sector) AS sectors
RETURN p.name AS programme, p.kind AS kind, lead.name AS lead, size(units) AS units,
       size([c IN reduce(acc = [], v IN units | CASE WHEN v.cluster IS NULL OR v.cluster IN acc
                                               THEN acc ELSE acc + [v.cluster] END) | c]) AS clusters,
       sponsor.name AS sponsor, sponsor.role AS sponsor_role, sectors AS partner_sectors
ORDER BY clusters DESC, programme
