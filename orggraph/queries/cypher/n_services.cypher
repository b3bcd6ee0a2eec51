// name: n_services
// description: How many services (services, staff services, strategic cells, agencies) there are.
// parameter: city: a city id (gent), or <city>@<scenario> for a pushed scenario
MATCH (u:Unit) WHERE u.uid STARTS WITH ($city + ':') AND u.is_service
RETURN count(u) AS n_services
