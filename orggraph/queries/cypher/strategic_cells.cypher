// name: strategic_cells
// description: Where the strategic cells hang: at the top, in a support cluster or in a sector cluster.
// parameter: city: a city id (gent), or <city>@<scenario> for a pushed scenario
MATCH (cell:StrategicCell)-[:PART_OF]->(parent:Unit) WHERE cell.uid STARTS WITH ($city + ':')
MATCH (c:Unit {uid: cell.cluster})
RETURN cell.name AS strategic_cell, parent.name AS hangs_under,
       CASE WHEN parent.kind = 'organisation' THEN 'top'
            WHEN c.support THEN 'support_cluster' ELSE 'sector_cluster' END AS embedding,
       cell.fte AS fte
ORDER BY embedding, strategic_cell
