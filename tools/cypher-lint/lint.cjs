// Check Cypher statements with Neo4j's own Cypher language support: syntax and semantic errors.
// Input (stdin): a JSON list of {"name": ..., "query": ...}. Output (stdout): a JSON list of
// {"name", "severity", "message", "line", "column"}, one per diagnostic; exit 0 when it ran.
"use strict";
const { lintCypherQuery } = require("@neo4j-cypher/language-support");

let input = "";
process.stdin.setEncoding("utf8");
process.stdin.on("data", (chunk) => { input += chunk; });
process.stdin.on("end", () => {
  const found = [];
  for (const { name, query } of JSON.parse(input)) {
    const result = lintCypherQuery(query, {});
    // Older releases return the list, newer ones {diagnostics, symbolTables}.
    const diagnostics = Array.isArray(result) ? result : result.diagnostics;
    for (const d of diagnostics) {
      // Parameters are given at run time; without a schema the linter cannot know them.
      if (/^Parameter \$\S+ is not defined/.test(d.message)) continue;
      found.push({
        name,
        severity: d.severity === 1 ? "error" : "warning",
        message: d.message,
        line: d.range.start.line + 1,
        column: d.range.start.character + 1,
      });
    }
  }
  process.stdout.write(JSON.stringify(found));
});
