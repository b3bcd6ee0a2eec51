/* orggraph map: draws one map from the JSON data block next to its container.
 * Every name from the data reaches the page through textContent or as a vis label drawn on the
 * canvas: never through innerHTML, so a name can never become markup or script. */
(function () {
  "use strict";
  var SVG = "http://www.w3.org/2000/svg";

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    return e;
  }

  function tipElement(lines) {
    var box = document.createElement("div");
    lines.forEach(function (line) { box.appendChild(el("div", null, line)); });
    return box;
  }

  function swatch(entry) {
    var s = document.createElementNS(SVG, "svg");
    s.setAttribute("width", "22"); s.setAttribute("height", "18");
    s.setAttribute("viewBox", "0 0 22 18");
    var shape, pts;
    var poly = {
      star: "11,1 13.5,6.5 19.5,7 15,11 16.5,17 11,14 5.5,17 7,11 2.5,7 8.5,6.5",
      hexagon: "6,2 16,2 20,9 16,16 6,16 2,9", diamond: "11,1 20,9 11,17 2,9",
      triangle: "11,2 20,16 2,16", triangleDown: "2,2 20,2 11,16"
    };
    if (poly[entry.shape]) {
      shape = document.createElementNS(SVG, "polygon");
      shape.setAttribute("points", poly[entry.shape]);
    } else if (entry.shape === "square" || entry.shape === "box") {
      shape = document.createElementNS(SVG, "rect");
      shape.setAttribute("x", "3"); shape.setAttribute("y", "3");
      shape.setAttribute("width", "16"); shape.setAttribute("height", "12");
      if (entry.radius) { shape.setAttribute("rx", String(Math.min(entry.radius, 6))); }
    } else if (entry.shape === "ellipse") {
      shape = document.createElementNS(SVG, "ellipse");
      shape.setAttribute("cx", "11"); shape.setAttribute("cy", "9");
      shape.setAttribute("rx", "9"); shape.setAttribute("ry", "6");
    } else {
      shape = document.createElementNS(SVG, "circle");
      shape.setAttribute("cx", "11"); shape.setAttribute("cy", "9"); shape.setAttribute("r", "7");
    }
    pts = Math.min(entry.width || 1, 3);
    shape.setAttribute("fill", entry.fill || "#ffffff");
    shape.setAttribute("stroke", entry.border || "#555555");
    shape.setAttribute("stroke-width", String(pts));
    s.appendChild(shape);
    return s;
  }

  function fold(text) {
    return String(text).normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  function options(data) {
    var s = data.settings, hierarchy = s.layout === "hierarchy";
    var opts = {
      autoResize: true,
      nodes: { font: { size: 18, face: "DejaVu Sans, Segoe UI, Helvetica, Arial, sans-serif",
                       strokeWidth: 3, strokeColor: "#ffffff" },
               // On a big map, names appear only once zoomed in enough to read them.
               scaling: { label: { enabled: false, drawThreshold: s.freeze ? 12 : 5 } } },
      edges: { smooth: false, selectionWidth: 2, hoverWidth: 0.5 },
      interaction: { hover: true, tooltipDelay: 120, hideEdgesOnDrag: s.n_edges > 3000,
                     hideEdgesOnZoom: s.n_edges > 3000, navigationButtons: false,
                     keyboard: { enabled: true, bindToWindow: false } },
      layout: { improvedLayout: false, randomSeed: 7 }
    };
    if (hierarchy && !s.freeze) {
      // Left to right: levels are columns, so long names below the nodes of one level do not
      // run into each other as they do side by side in a top-down tree.
      opts.layout.hierarchical = { enabled: true, direction: "LR", sortMethod: "directed",
                                   levelSeparation: 340, nodeSpacing: 64, treeSpacing: 120,
                                   shakeTowards: "roots" };
      opts.nodes.widthConstraint = { maximum: 260 };
      opts.physics = { enabled: false };
    } else if (s.freeze) {
      opts.physics = { enabled: false };
    } else {
      opts.physics = {
        enabled: true, solver: "forceAtlas2Based",
        forceAtlas2Based: { gravitationalConstant: -60, centralGravity: 0.004,
                            springLength: 70, springConstant: 0.06, damping: 0.6,
                            avoidOverlap: 0.4 },
        maxVelocity: 60, minVelocity: 1.5,
        stabilization: { enabled: true, iterations: s.iterations, updateInterval: 50, fit: true }
      };
    }
    return opts;
  }

  function section(panel, title) {
    panel.appendChild(el("h2", null, title));
  }

  function metricsTable(panel, metrics) {
    if (!metrics || !metrics.length) { return; }
    section(panel, "Headline metrics");
    var table = el("table");
    metrics.forEach(function (row) {
      var tr = el("tr");
      var name = el("td", null, row.label);
      if (row.help) { name.title = row.help; }
      tr.appendChild(name);
      tr.appendChild(el("td", "v", row.value));
      table.appendChild(tr);
    });
    panel.appendChild(table);
  }

  window.orggraphMap = function (rootId) {
    var root = document.getElementById(rootId);
    var data = JSON.parse(document.getElementById(rootId + "-data").textContent);
    var canvas = el("div", "orggraph-canvas");
    var status = el("div", "orggraph-status", "laying out the map...");
    var panel = el("div", "orggraph-panel");
    root.appendChild(canvas); root.appendChild(panel); canvas.appendChild(status);

    data.nodes.forEach(function (n) { n.title = tipElement(n.tip); delete n.tip; });
    data.edges.forEach(function (e) { if (e.tip) { e.title = tipElement(e.tip); delete e.tip; } });
    var nodes = new vis.DataSet(data.nodes), edges = new vis.DataSet(data.edges);
    var network = new vis.Network(canvas, { nodes: nodes, edges: edges }, options(data));
    canvas.appendChild(status);

    function ready() {
      network.setOptions({ physics: { enabled: false } });
      root.setAttribute("data-state", "ready");
      root.setAttribute("data-ready-ms", String(Math.round(performance.now())));
      status.textContent = data.settings.n_nodes + " nodes. Scroll to zoom, drag to move, " +
        "hover for details.";
    }
    if (data.settings.layout === "force" && !data.settings.freeze) {
      network.once("stabilizationIterationsDone", ready);
      network.on("stabilizationProgress", function (p) {
        status.textContent = "laying out the map: " + Math.round(100 * p.iterations / p.total) + "%";
      });
    } else {
      network.once("afterDrawing", function () {
        window.setTimeout(function () { network.fit(); ready(); }, 0);
      });
    }

    panel.appendChild(el("h1", null, data.title));
    panel.appendChild(el("p", "sub", data.panel.subtitle));
    metricsTable(panel, data.panel.metrics);

    if (data.panel.programme) {
      var p = data.panel.programme;
      section(panel, "Programme");
      panel.appendChild(el("p", null, p.name));
      panel.appendChild(el("p", "sub", p.units + " units in " + p.clusters.length + " cluster" +
        (p.clusters.length === 1 ? "" : "s") + ": " + p.clusters.join(", ")));
    }

    section(panel, "Find a unit, person, programme or partner");
    var search = el("input"); search.type = "search"; search.placeholder = "type a name";
    search.setAttribute("aria-label", "find on the map");
    var hits = el("ul", "hits");
    panel.appendChild(search); panel.appendChild(hits);
    var index = data.nodes.map(function (n) { return [fold(n.label), n.id, n.label]; });
    search.addEventListener("input", function () {
      var q = fold(search.value.trim());
      hits.textContent = "";
      if (!q) { return; }
      index.filter(function (r) { return r[0].indexOf(q) >= 0; }).slice(0, 12)
        .forEach(function (r) {
          var li = el("li"), b = el("button", null, r[2]);
          b.type = "button";
          b.addEventListener("click", function () {
            var node = nodes.get(r[1]);
            if (node && node.hidden) { return; }
            network.selectNodes([r[1]]);
            network.focus(r[1], { scale: 1.3, animation: { duration: 400 } });
          });
          li.appendChild(b); hits.appendChild(li);
        });
    });

    section(panel, "Show");
    data.panel.layers.forEach(function (layer) {
      var label = el("label"), box = el("input");
      box.type = "checkbox"; box.checked = true; box.setAttribute("data-layer", layer.id);
      label.appendChild(box); label.appendChild(document.createTextNode(" " + layer.label));
      box.addEventListener("change", function () {
        nodes.update(data.nodes.filter(function (n) { return n.layer === layer.id; })
          .map(function (n) { return { id: n.id, hidden: !box.checked }; }));
      });
      panel.appendChild(label);
    });

    var legend = el("div", "orggraph-legend");
    var titles = { colour: data.panel.colour_title, shape: "Shapes (size: fte)",
                   partner: "Partners by sector", mark: "Marked" };
    var current = null;
    data.legend.forEach(function (entry) {
      if (entry.section !== current) {
        current = entry.section;
        legend.appendChild(el("h2", null, titles[current] || current));
      }
      var row = el("div");
      row.setAttribute("data-fill", entry.fill); row.setAttribute("data-section", entry.section);
      row.appendChild(swatch(entry)); row.appendChild(el("span", null, entry.label));
      legend.appendChild(row);
    });
    panel.appendChild(legend);
    panel.appendChild(el("p", "sub", data.panel.lines));
    root.orggraph = { network: network, nodes: nodes, edges: edges };
    return root.orggraph;
  };
})();
