// name: cabinet_fte_share
// description: Which share of the staff (fte) works in cabinets.
// parameter: city: a city id (gent), or <city>@<scenario> for a pushed scenario
MATCH (u:Unit) WHERE u.uid STARTS WITH ($city + ':')
WITH sum(coalesce(u.fte, 0.0)) AS total,
     sum(CASE WHEN u.kind = 'cabinet' THEN coalesce(u.fte, 0.0) ELSE 0.0 END) AS part
RETURN CASE WHEN total = 0 THEN null ELSE part / total END AS cabinet_fte_share
