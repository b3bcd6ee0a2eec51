// name: mean_cluster_alderman_span
// description: How many aldermen a cluster with services answers to, on average.
// parameter: city: a city id (gent), or <city>@<scenario> for a pushed scenario
MATCH (s:Unit) WHERE s.uid STARTS WITH ($city + ':') AND s.is_service
OPTIONAL MATCH (o:Person)-[:OWNS]->(s)
WITH s, collect(o.uid) AS owners
WITH s.cluster AS c, collect(owners) AS lists
WITH c, reduce(acc = [], l IN lists | acc + [x IN l WHERE NOT x IN acc]) AS aldermen
RETURN avg(toFloat(size(aldermen))) AS mean_cluster_alderman_span
