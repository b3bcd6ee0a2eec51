// name: coherence_index
// description: How coherent portfolios and clusters are, 0-100: alignment both ways and unsplit policy domains.
// parameter: city: a city id (gent), or <city>@<scenario> for a pushed scenario
MATCH (s:Unit) WHERE s.uid STARTS WITH ($city + ':') AND s.is_service
OPTIONAL MATCH (o:Person)-[:OWNS]->(s)
WITH s, collect(o.uid) AS owners
UNWIND owners AS a
WITH a, s.cluster AS c, count(s) AS m
WITH collect({a: a, c: c, m: m}) AS cells
WITH cells, reduce(t = 0, x IN cells | t + x.m) AS total,
     reduce(acc = [], x IN cells | CASE WHEN x.a IN acc THEN acc ELSE acc + [x.a] END) AS owners,
     reduce(acc = [], x IN cells | CASE WHEN x.c IN acc THEN acc ELSE acc + [x.c] END) AS clusters
WITH total,
     reduce(t = 0, a IN owners | t + reduce(b = 0, x IN cells |
        CASE WHEN x.a = a AND x.m > b THEN x.m ELSE b END)) AS best_by_owner,
     reduce(t = 0, c IN clusters | t + reduce(b = 0, x IN cells |
        CASE WHEN x.c = c AND x.m > b THEN x.m ELSE b END)) AS best_by_cluster
OPTIONAL MATCH (h:Person)-[:HOLDS]->(d:Domain) WHERE h.uid STARTS WITH ($city + ':') AND h.is_college
WITH total, best_by_owner, best_by_cluster, d.top_domain AS top, count(DISTINCT h) AS holders
WITH total, best_by_owner, best_by_cluster,
     avg(CASE WHEN top IS NULL THEN null ELSE toFloat(holders) END) AS fragmentation
WITH [CASE WHEN total = 0 THEN null ELSE toFloat(best_by_owner) / total END,
      CASE WHEN total = 0 THEN null ELSE toFloat(best_by_cluster) / total END,
      CASE WHEN fragmentation IS NULL OR fragmentation = 0 THEN null ELSE 1 / fragmentation END] AS parts
WITH [v IN parts WHERE v IS NOT NULL] AS parts
RETURN CASE WHEN size(parts) = 0 THEN null
            ELSE 100 * reduce(t = 0.0, v IN parts | t + v) / size(parts) END AS coherence_index
