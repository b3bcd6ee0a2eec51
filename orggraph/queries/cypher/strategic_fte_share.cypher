// name: strategic_fte_share
// description: Which share of the staff (fte) works in strategic cells.
// parameter: city: a city id (gent), or <city>@<scenario> for a pushed scenario
MATCH (u:Unit) WHERE u.uid STARTS WITH ($city + ':')
WITH sum(coalesce(u.fte, 0.0)) AS total,
     sum(CASE WHEN u.kind = 'strategic_cell' THEN coalesce(u.fte, 0.0) ELSE 0.0 END) AS part
RETURN CASE WHEN total = 0 THEN null ELSE part / total END AS strategic_fte_share
