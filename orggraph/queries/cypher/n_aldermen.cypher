// name: n_aldermen
// description: How many college members (mayor, aldermen, OCMW chair) there are.
// parameter: city: a city id (gent), or <city>@<scenario> for a pushed scenario
MATCH (a:Person) WHERE a.uid STARTS WITH ($city + ':') AND a.is_college
RETURN count(a) AS n_aldermen
