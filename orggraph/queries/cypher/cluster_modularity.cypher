// name: cluster_modularity
// description: Newman modularity of programme co-membership by cluster: low means much work across clusters.
// parameter: city: a city id (gent), or <city>@<scenario> for a pushed scenario
MATCH (u:Unit)-[:LEADS|CONTRIBUTES_TO]->(p:Programme)<-[:LEADS|CONTRIBUTES_TO]-(v:Unit)
WHERE p.uid STARTS WITH ($city + ':') AND u.cluster IS NOT NULL AND v.cluster IS NOT NULL AND u.uid < v.uid
WITH DISTINCT u, v
WITH collect([u.cluster, v.cluster]) AS edges
WITH edges, toFloat(size(edges)) AS m,
     reduce(acc = [], c IN reduce(all = [], e IN edges | all + e) |
            CASE WHEN c IN acc THEN acc ELSE acc + [c] END) AS clusters
RETURN CASE WHEN m = 0 THEN null ELSE
  reduce(q = 0.0, c IN clusters |
         q + size([e IN edges WHERE e[0] = c AND e[1] = c]) / m
           - ((size([e IN edges WHERE e[0] = c]) + size([e IN edges WHERE e[1] = c])) / (2 * m))
             * ((size([e IN edges WHERE e[0] = c]) + size([e IN edges WHERE e[1] = c])) / (2 * m)))
  END AS cluster_modularity
