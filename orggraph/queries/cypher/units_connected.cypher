// name: units_connected
// description: How two units are connected through programmes: the shortest chains of shared programmes, up to three programmes long.
// parameter: city: a city id (gent), or <city>@<scenario> for a pushed scenario
// parameter: from: the id of the first unit
// parameter: to: the id of the second unit
MATCH (a:Unit {uid: $city + ':' + $from}), (b:Unit {uid: $city + ':' + $to})
MATCH path = (a)-[:LEADS|CONTRIBUTES_TO*2..6]-(b)
WITH path, length(path) / 2 AS programmes
ORDER BY programmes
WITH collect({route: [n IN nodes(path) | n.name], programmes: programmes}) AS routes
WITH routes, routes[0].programmes AS shortest
UNWIND [r IN routes WHERE r.programmes = shortest] AS r
RETURN r.programmes AS programmes, r.route AS route
LIMIT 20
