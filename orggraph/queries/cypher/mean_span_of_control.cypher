// name: mean_span_of_control
// description: How many units report to a unit that has any, on average.
// parameter: city: a city id (gent), or <city>@<scenario> for a pushed scenario
MATCH (child:Unit)-[:PART_OF]->(boss:Unit) WHERE boss.uid STARTS WITH ($city + ':')
WITH boss, count(child) AS span
RETURN avg(toFloat(span)) AS mean_span_of_control
