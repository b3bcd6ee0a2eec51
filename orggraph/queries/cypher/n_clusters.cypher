// name: n_clusters
// description: How many clusters the units fall into.
// parameter: city: a city id (gent), or <city>@<scenario> for a pushed scenario
MATCH (u:Unit) WHERE u.uid STARTS WITH ($city + ':')
RETURN count(DISTINCT u.cluster) AS n_clusters
