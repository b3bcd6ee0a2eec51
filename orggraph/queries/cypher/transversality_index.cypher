// name: transversality_index
// description: How transversal the city works, 0-100: programmes across clusters, services in them, E-I index and quadruple helix.
// parameter: city: a city id (gent), or <city>@<scenario> for a pushed scenario
OPTIONAL MATCH (p:Programme) WHERE p.uid STARTS WITH ($city + ':')
OPTIONAL MATCH (u:Unit)-[:LEADS|CONTRIBUTES_TO]->(p) WHERE u.cluster IS NOT NULL
WITH p, collect(DISTINCT u) AS units
OPTIONAL MATCH (x:Partner)-[:PARTNERS_IN]->(p)
WITH p, [v IN units | v.cluster] AS cs, [v IN units WHERE v.is_service | v.uid] AS ss,
     collect(DISTINCT x.sector) AS sectors
WITH collect(CASE WHEN p IS NULL THEN null ELSE {cs: cs, ss: ss, sectors: sectors} END) AS progs
WITH progs, [q IN progs WHERE any(c IN q.cs WHERE c <> q.cs[0])] AS transversal
WITH progs, toFloat(size(progs)) AS n_prog, transversal,
     reduce(acc = [], q IN transversal | acc + [s IN q.ss WHERE NOT s IN acc]) AS covered,
     reduce(e = 0, q IN progs | e + reduce(k = 0, i IN range(0, size(q.cs) - 1) |
        k + size([j IN range(i + 1, size(q.cs) - 1) WHERE q.cs[j] <> q.cs[i]]))) AS external,
     reduce(t = 0, q IN progs | t + size(q.cs) * (size(q.cs) - 1) / 2) AS pairs,
     size([q IN progs WHERE 'business' IN q.sectors AND 'knowledge' IN q.sectors
           AND ('civil_society' IN q.sectors OR 'citizen_initiative' IN q.sectors)]) AS helix
OPTIONAL MATCH (s:Unit) WHERE s.uid STARTS WITH ($city + ':') AND s.is_service
WITH n_prog, transversal, covered, external, pairs, helix, toFloat(count(s)) AS n_services
WITH [CASE WHEN n_prog = 0 THEN null ELSE size(transversal) / n_prog END,
      CASE WHEN n_services = 0 THEN null ELSE size(covered) / n_services END,
      CASE WHEN pairs = 0 THEN null ELSE (toFloat(external - (pairs - external)) / pairs + 1) / 2 END,
      CASE WHEN n_prog = 0 THEN null ELSE helix / n_prog END] AS parts
WITH [v IN parts WHERE v IS NOT NULL] AS parts
RETURN CASE WHEN size(parts) = 0 THEN null
            ELSE 100 * reduce(t = 0.0, v IN parts | t + v) / size(parts) END AS transversality_index
