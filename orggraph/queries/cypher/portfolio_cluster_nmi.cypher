// name: portfolio_cluster_nmi
// description: How well a service's single owner predicts its cluster (normalised mutual information, 1 = perfectly).
// parameter: city: a city id (gent), or <city>@<scenario> for a pushed scenario
MATCH (s:Unit) WHERE s.uid STARTS WITH ($city + ':') AND s.is_service
OPTIONAL MATCH (o:Person)-[:OWNS]->(s)
WITH s, collect(o.uid) AS owners
WITH s, owners WHERE size(owners) = 1
WITH owners[0] AS a, s.cluster AS c, count(*) AS n
WITH collect({a: a, c: c, n: n}) AS cells
WITH cells, reduce(t = 0, x IN cells | t + x.n) AS total
WITH cells, toFloat(total) AS total,
     reduce(acc = [], x IN cells | CASE WHEN x.a IN acc THEN acc ELSE acc + [x.a] END) AS owners,
     reduce(acc = [], x IN cells | CASE WHEN x.c IN acc THEN acc ELSE acc + [x.c] END) AS clusters
WITH cells, total,
     [a IN owners | reduce(t = 0, x IN cells | t + CASE WHEN x.a = a THEN x.n ELSE 0 END)] AS by_owner,
     [c IN clusters | reduce(t = 0, x IN cells | t + CASE WHEN x.c = c THEN x.n ELSE 0 END)] AS by_cluster
WITH total, by_owner, by_cluster,
     [x IN cells | {n: x.n,
        na: reduce(t = 0, y IN cells | t + CASE WHEN y.a = x.a THEN y.n ELSE 0 END),
        nc: reduce(t = 0, y IN cells | t + CASE WHEN y.c = x.c THEN y.n ELSE 0 END)}] AS cells
WITH total,
     reduce(i = 0.0, x IN cells | i + (x.n / total) * log(x.n * total / (toFloat(x.na) * x.nc))) AS mi,
     reduce(h = 0.0, n IN by_owner | h - (n / total) * log(n / total)) AS h_owner,
     reduce(h = 0.0, n IN by_cluster | h - (n / total) * log(n / total)) AS h_cluster
RETURN CASE WHEN total = 0 THEN null
            WHEN h_owner + h_cluster = 0 THEN 1.0
            ELSE 2 * mi / (h_owner + h_cluster) END AS portfolio_cluster_nmi
