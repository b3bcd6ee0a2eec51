// name: partner_relations
// description: How the city relates to its partners (after the CSI Flanders survey): funding share, control, autonomy.
// parameter: city: a city id (gent), or <city>@<scenario> for a pushed scenario
MATCH (city:City)-[r:RELATES_TO]->(x:Partner) WHERE city.uid STARTS WITH ($city + ':')
RETURN x.name AS partner, x.sector AS sector, r.funding_share AS funding_share,
       r.controls_operation AS controls_operation, r.autonomous AS autonomous,
       r.allows_advocacy AS allows_advocacy
ORDER BY sector, partner
