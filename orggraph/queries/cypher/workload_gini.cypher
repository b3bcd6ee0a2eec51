// name: workload_gini
// description: How unequally services are spread over the college members (Gini: 0 = evenly, towards 1 = on few).
// parameter: city: a city id (gent), or <city>@<scenario> for a pushed scenario
MATCH (m:Person) WHERE m.uid STARTS WITH ($city + ':') AND m.is_college
WITH collect(m.uid) AS members
OPTIONAL MATCH (s:Unit) WHERE s.uid STARTS WITH ($city + ':') AND s.is_service
OPTIONAL MATCH (o:Person)-[:OWNS]->(s)
WITH members, s, collect(o.uid) AS owners
WITH members, collect(owners) AS lists
WITH members, reduce(all = [], l IN lists | all + l) AS owned
WITH [m IN members | size([o IN owned WHERE o = m])] AS x
WITH x, toFloat(size(x)) AS n, reduce(t = 0.0, v IN x | t + v) AS total
RETURN CASE WHEN n = 0 OR total = 0 THEN null ELSE
  reduce(g = 0.0, a IN x | g + reduce(h = 0.0, b IN x | h + abs(a - b)))
  / (2 * n * n * (total / n)) END AS workload_gini
