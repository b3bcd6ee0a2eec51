// name: mean_alderman_cluster_span
// description: Over how many clusters an alderman's services are spread, on average.
// parameter: city: a city id (gent), or <city>@<scenario> for a pushed scenario
MATCH (s:Unit) WHERE s.uid STARTS WITH ($city + ':') AND s.is_service
OPTIONAL MATCH (o:Person)-[:OWNS]->(s)
WITH s, collect(o.uid) AS owners
UNWIND owners AS a
WITH a, count(DISTINCT s.cluster) AS span
RETURN avg(toFloat(span)) AS mean_alderman_cluster_span
