/* orggraph map: draws one map from the JSON data block next to its container.
 * Every name from the data reaches the page through textContent or as a vis label drawn on the
 * canvas: never through innerHTML, so a name can never become markup or script.
 *
 * State: which groups (clusters) are collapsed, which layers are hidden, what is focused. The
 * vis DataSets hold only what is visible (sync() adds and removes), so a collapsed 20,000-unit
 * city costs the browser a few hundred nodes. */
(function () {
  "use strict";
  var SVG = "http://www.w3.org/2000/svg";
  var DIM = 0.12, DIM_EDGE = 0.06, HEADER = 44;

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    return e;
  }

  function button(text, title, onClick) {
    var b = el("button", null, text);
    b.type = "button";
    if (title) { b.title = title; }
    b.addEventListener("click", onClick);
    return b;
  }

  function tipElement(lines) {
    var box = document.createElement("div");
    lines.forEach(function (line, i) { box.appendChild(el("div", i ? null : "t", line)); });
    return box;
  }

  function swatch(entry) {
    var s = document.createElementNS(SVG, "svg");
    s.setAttribute("width", "22"); s.setAttribute("height", "18");
    s.setAttribute("viewBox", "0 0 22 18");
    var shape;
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
    shape.setAttribute("fill", entry.fill || "#ffffff");
    shape.setAttribute("stroke", entry.border || "#555555");
    shape.setAttribute("stroke-width", String(Math.min(entry.width || 1, 3)));
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
      nodes: { font: { size: hierarchy ? 15 : 18,
                       face: "DejaVu Sans, Segoe UI, Helvetica, Arial, sans-serif",
                       strokeWidth: 3, strokeColor: "#ffffff", multi: false },
               // At overview zoom only big labels (cluster nodes, large units) are drawn.
               scaling: { label: { enabled: false, drawThreshold: hierarchy ? 6 : (s.freeze ? 12 : 5) } } },
      edges: { smooth: false, selectionWidth: 2, hoverWidth: 0.5 },
      interaction: { hover: true, tooltipDelay: 120, hideEdgesOnDrag: s.n_edges > 3000,
                     hideEdgesOnZoom: s.n_edges > 3000, navigationButtons: false,
                     zoomView: s.wheel !== "ctrl",
                     keyboard: { enabled: true, bindToWindow: false } },
      layout: { improvedLayout: false, randomSeed: 7 }
    };
    if (s.freeze) {
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

  function section(parent, title) {
    var h = el("h2", null, title);
    parent.appendChild(h);
    return h;
  }

  function metricsTable(panel, metrics) {
    if (!metrics || !metrics.length) { return; }
    section(panel, "Headline metrics");
    var table = el("table", "metrics");
    metrics.forEach(function (row) {
      var tr = el("tr");
      var name = el("td", null, row.label);
      name.title = row.help || row.key;
      name.setAttribute("data-key", row.key);
      tr.appendChild(name);
      tr.appendChild(el("td", "v", row.value));
      table.appendChild(tr);
    });
    panel.appendChild(table);
  }

  // One node for a closed cluster: its area grows with its units, up to what its box holds.
  function summaryNode(box, most) {
    var inner = box.h - HEADER;
    var size = Math.max(14, Math.min(inner / 4, box.w / 5) * Math.sqrt(box.units / most));
    var font = Math.max(14, Math.min(box.w / 10, inner / 7, 90));
    return {
      id: box.id + "::group", box: box.id, layer: "groups", summary: true,
      label: box.wrapped + "\n(" + box.units + " unit" + (box.units === 1 ? "" : "s") + ")",
      shape: box.kind === "cluster" ? "hexagon" : "square", size: size,
      x: box.x + box.w / 2, y: box.y + HEADER / 2 + inner / 2 - font,
      color: { background: box.colour || "#dfe3e8", border: "#333333" }, borderWidth: 2,
      font: { size: font, strokeWidth: 4 },
      title: tipElement([box.label, box.units + " units; click to open"])
    };
  }

  window.orggraphMap = function (rootId) {
    var root = document.getElementById(rootId);
    var data = JSON.parse(document.getElementById(rootId + "-data").textContent);
    var s = data.settings;
    var canvas = el("div", "orggraph-canvas");
    var status = el("div", "orggraph-status", "laying out the map...");
    var tools = el("div", "orggraph-tools");
    var panel = el("div", "orggraph-panel");
    root.appendChild(canvas); root.appendChild(panel);

    var byId = {}, groupMembers = {}, boxById = {}, neighbours = {};
    // Tooltips are built when a node is first shown: a closed 20,000-unit city shows a few
    // hundred nodes, and building 20,000 elements up front would double its opening time.
    var withParts = [];
    data.nodes.forEach(function (n) {
      n.tipLines = n.tip; delete n.tip;
      if (n.parts) { withParts.push(n); }
      byId[n.id] = n;
      if (n.box) { (groupMembers[n.box] = groupMembers[n.box] || []).push(n.id); }
    });
    data.edges.forEach(function (e, i) {
      e.id = "e" + i;
      if (e.tip) { e.title = tipElement(e.tip); delete e.tip; }
      (neighbours[e.from] = neighbours[e.from] || []).push(e.to);
      (neighbours[e.to] = neighbours[e.to] || []).push(e.from);
    });
    (data.boxes || []).forEach(function (b) { boxById[b.id] = b; });
    var collapsed = {}, hiddenLayers = {}, focusSet = null, most = 1;
    (data.boxes || []).forEach(function (b) { if (b.kind !== "band") { most = Math.max(most, b.units); } });
    if (s.collapsed) {
      data.boxes.forEach(function (b) { if (b.kind === "cluster" || b.kind === "other") { collapsed[b.id] = true; } });
    }

    var nodes = new vis.DataSet(), edges = new vis.DataSet();
    var network = new vis.Network(canvas, { nodes: nodes, edges: edges }, options(data));
    canvas.appendChild(status); canvas.appendChild(tools);

    // The node a data node is drawn as: itself, its cluster's node when collapsed, or none.
    function shownAs(id) {
      var n = byId[id];
      if (!n || hiddenLayers[n.layer]) { return null; }
      if (n.box && collapsed[n.box]) { return n.box + "::group"; }
      return id;
    }

    function sync() {
      var wantNodes = {}, wantEdges = {};
      data.nodes.forEach(function (n) { var v = shownAs(n.id); if (v) { wantNodes[v] = n; } });
      Object.keys(collapsed).forEach(function (g) {
        if (collapsed[g] && !hiddenLayers.units && boxById[g]) { wantNodes[g + "::group"] = summaryNode(boxById[g], most); }
      });
      data.edges.forEach(function (e) {
        if (hiddenLayers[e.layer]) { return; }
        var a = shownAs(e.from), b = shownAs(e.to);
        if (!a || !b || a === b || !wantNodes[a] || !wantNodes[b]) { return; }
        if (a === e.from && b === e.to) { wantEdges[e.id] = e; return; }
        // An edge into a collapsed cluster is drawn once to the cluster's node; ownership
        // lines are left out there (every member owns something in most clusters: a hairball).
        var id = a + ">" + b + ">" + e.kind;
        if (!wantEdges[id] && !e.hidden && e.kind !== "owns") {
          wantEdges[id] = { id: id, from: a, to: b, kind: e.kind, layer: e.layer,
                            color: { color: edgeBase(e), opacity: 0.25 },
                            width: 1, arrows: e.arrows, physics: false };
          edgeById[id] = wantEdges[id];
        }
      });
      var drop = nodes.getIds().filter(function (id) { return !wantNodes[id]; });
      var add = Object.keys(wantNodes).filter(function (id) { return !nodes.get(id); })
        .map(function (id) {
          var n = wantNodes[id];
          if (!n.title && n.tipLines) { n.title = tipElement(n.tipLines); }
          return n;
        });
      nodes.remove(drop); nodes.add(add);
      edges.remove(edges.getIds().filter(function (id) { return !wantEdges[id]; }));
      edges.add(Object.keys(wantEdges).filter(function (id) { return !edges.get(id); })
        .map(function (id) { return wantEdges[id]; }));
      applyFocus();
      if (root.getAttribute("data-state") === "ready") { showStatus(); }
    }

    function edgeBase(e) { return typeof e.color === "string" ? e.color : (e.color && e.color.color) || "#9aa3b2"; }

    var dimmedNow = false;
    function applyFocus() {
      // Nothing dimmed and nothing to dim: a big map opens without touching every node.
      if (!focusSet && !dimmedNow) { root.setAttribute("data-focus", ""); network.redraw(); return; }
      dimmedNow = !!focusSet;
      var nodeUpdates = nodes.get().map(function (n) {
        var keep = !focusSet || focusSet[n.id];
        var base = byId[n.id] && byId[n.id].opacity !== undefined ? byId[n.id].opacity : 1;
        return { id: n.id, opacity: keep ? base : DIM };
      });
      nodes.update(nodeUpdates);
      edges.update(edges.get().map(function (e) {
        var keep = !focusSet || (focusSet[e.from] && focusSet[e.to]);
        var source = edgeById[e.id] || e;
        return { id: e.id, color: keep ? source.color : { color: edgeBase(source), opacity: DIM_EDGE } };
      }));
      root.setAttribute("data-focus", focusSet ? String(Object.keys(focusSet).length) : "");
      network.redraw();
    }
    var edgeById = {};
    data.edges.forEach(function (e) { edgeById[e.id] = e; });

    function focusOn(ids, fit) {
      var set = {};
      ids.forEach(function (id) {
        var v = shownAs(id);
        if (v) { set[v] = true; }
      });
      focusSet = set;
      applyFocus();
      if (fit) {
        var shown = Object.keys(set).filter(function (id) { return nodes.get(id); });
        if (shown.length) { network.fit({ nodes: shown, animation: false }); }
      }
    }

    function neighbourhood(id) {
      return [id].concat(neighbours[id] || []);
    }

    function expand(group, yes) {
      if (!boxById[group]) { return; }
      collapsed[group] = !yes;
      sync();
    }

    function reset() {
      focusSet = null; applyFocus(); details.textContent = "";
      detailsHead.hidden = true;
    }

    // --- the side panel ------------------------------------------------------------------
    panel.appendChild(el("h1", null, data.title));
    panel.appendChild(el("p", "sub", data.panel.subtitle));

    var detailsHead = section(panel, "Details");
    detailsHead.hidden = true;
    var details = el("div", "orggraph-details");
    panel.appendChild(details);

    function showDetails(id) {
      details.textContent = "";
      var n = byId[id];
      detailsHead.hidden = false;
      if (!n) {
        var g = id.replace(/::group$/, ""), box = boxById[g];
        if (box) {
          details.appendChild(el("p", "t", box.label));
          details.appendChild(el("p", null, box.units + " units; " + (box.kind === "cluster" ? "cluster" : "other top-level unit")));
        }
        return;
      }
      var dl = el("dl");
      n.tipLines.forEach(function (line, i) {
        if (i === 0) { details.appendChild(el("p", "t", line)); return; }
        var at = line.indexOf(": ");
        if (at > 0) {
          dl.appendChild(el("dt", null, line.slice(0, at)));
          dl.appendChild(el("dd", null, line.slice(at + 2)));
        } else {
          dl.appendChild(el("dd", null, line));
        }
      });
      dl.appendChild(el("dt", null, "id"));
      dl.appendChild(el("dd", null, id.slice(id.indexOf(":") + 1)));
      dl.appendChild(el("dt", null, "links"));
      dl.appendChild(el("dd", null, String((neighbours[id] || []).length)));
      details.appendChild(dl);
    }

    metricsTable(panel, data.panel.metrics);

    if (data.panel.programme) {
      var p = data.panel.programme;
      section(panel, "Programme");
      panel.appendChild(el("p", null, p.name));
      var others = p.others || [];
      panel.appendChild(el("p", "sub", p.units + " units in " + p.clusters.length + " cluster" +
        (p.clusters.length === 1 ? "" : "s") + (others.length ? " and " + others.length +
        " other top-level unit" + (others.length === 1 ? "" : "s") : "") + ": " +
        p.clusters.concat(others).join(", ")));
    }

    section(panel, "Find a unit, person, programme or partner").className = "controls";
    var search = el("input"); search.type = "search"; search.placeholder = "a name or an id";
    search.setAttribute("aria-label", "find on the map");
    var hits = el("ul", "hits"), more = el("p", "sub more");
    panel.appendChild(search); panel.appendChild(hits); panel.appendChild(more);
    search.addEventListener("input", function () {
      var q = fold(search.value.trim());
      hits.textContent = ""; more.textContent = "";
      if (!q) { return; }
      // Only what is on the map now: hidden layers and collapsed clusters are skipped.
      var found = nodes.get().filter(function (n) {
        var d = byId[n.id], label = d ? d.tipLines[0] : n.label;
        return fold(label).indexOf(q) >= 0 || fold(n.id.slice(n.id.indexOf(":") + 1)).indexOf(q) >= 0;
      });
      found.slice(0, 12).forEach(function (n) {
        var d = byId[n.id], li = el("li");
        li.appendChild(button(d ? d.tipLines[0] : n.label.split("\n")[0], null, function () {
          network.selectNodes([n.id]);
          network.focus(n.id, { scale: 1.2, animation: false });
          showDetails(n.id);
        }));
        hits.appendChild(li);
      });
      if (found.length > 12) { more.textContent = "and " + (found.length - 12) + " more: type more of the name"; }
      if (!found.length) { more.textContent = "nothing on the map matches (hidden layers and closed clusters are not searched)"; }
    });

    if (data.panel.programmes && data.panel.programmes.length) {
      section(panel, "Programmes (click to focus)").className = "controls";
      var plist = el("ul", "hits");
      data.panel.programmes.forEach(function (prog) {
        var li = el("li");
        li.appendChild(button(prog.name, null, function () { focusOn(neighbourhood(prog.id), true); showDetails(prog.id); }));
        plist.appendChild(li);
      });
      panel.appendChild(plist);
    }

    section(panel, "Show").className = "controls";
    data.panel.layers.forEach(function (layer) {
      var label = el("label"), box = el("input");
      box.type = "checkbox"; box.checked = true; box.setAttribute("data-layer", layer.id);
      label.appendChild(box); label.appendChild(document.createTextNode(" " + layer.label));
      box.addEventListener("change", function () { hiddenLayers[layer.id] = !box.checked; sync(); });
      panel.appendChild(label);
    });

    var legend = el("div", "orggraph-legend");
    var titles = { colour: data.panel.colour_title + " (click to focus)", shape: "Shapes (size: fte)",
                   partner: "Partners by sector", mark: "Marked" };
    var current = null;
    data.legend.forEach(function (entry) {
      if (entry.section !== current) {
        current = entry.section;
        legend.appendChild(el("h2", null, titles[current] || current));
      }
      var row = el("div");
      row.setAttribute("data-fill", entry.fill); row.setAttribute("data-section", entry.section);
      row.setAttribute("data-key", entry.key || "");
      row.appendChild(swatch(entry)); row.appendChild(el("span", null, entry.label));
      if (entry.section === "colour" && entry.key) {
        row.className = "clickable"; row.tabIndex = 0;
        row.addEventListener("click", function () { focusKey(entry.key); });
      }
      legend.appendChild(row);
    });
    panel.appendChild(legend);
    panel.appendChild(el("p", "sub", data.panel.lines));

    function focusKey(key) {
      var ids = data.nodes.filter(function (n) { return n.keys && n.keys.indexOf(key) >= 0; })
        .map(function (n) { return n.id; });
      var opened = false;
      ids.forEach(function (id) {
        var g = byId[id].box;
        if (g && collapsed[g]) { collapsed[g] = false; opened = true; }
      });
      if (opened) { sync(); }
      focusOn(ids, true);
    }

    // --- tools on the canvas ----------------------------------------------------------------
    tools.appendChild(button("Fit", "show the whole map", fitAll));
    tools.appendChild(button("Reset", "undo the focus (Escape)", reset));
    if (s.collapsed) {
      tools.appendChild(button("Open all", "show every unit", function () {
        Object.keys(collapsed).forEach(function (g) { collapsed[g] = false; }); sync();
      }));
      tools.appendChild(button("Close all", "one node per cluster", function () {
        Object.keys(collapsed).forEach(function (g) { collapsed[g] = true; }); sync();
      }));
    }
    tools.appendChild(button("Download PNG", "save the current view as a picture", function () {
      var src = canvas.querySelector("canvas"), out = document.createElement("canvas");
      out.width = src.width; out.height = src.height;
      var ctx = out.getContext("2d");
      ctx.fillStyle = "#ffffff"; ctx.fillRect(0, 0, out.width, out.height);
      ctx.drawImage(src, 0, 0);
      var a = document.createElement("a");
      a.download = (data.title || "map").replace(/[^A-Za-z0-9_-]+/g, "-") + ".png";
      a.href = out.toDataURL("image/png");
      document.body.appendChild(a); a.click(); a.remove();
    }));

    // --- events ------------------------------------------------------------------------------
    network.on("click", function (params) {
      if (!params.nodes.length) { return; }
      var id = params.nodes[0];
      if (/::group$/.test(id)) {
        var g = id.replace(/::group$/, "");
        expand(g, true);
        focusOn(groupMembers[g] || [], false);
        showDetails(id);
        return;
      }
      focusOn(neighbourhood(id), false);
      showDetails(id);
    });
    root.addEventListener("keydown", function (ev) { if (ev.key === "Escape") { reset(); } });
    root.tabIndex = -1;

    if (s.wheel === "ctrl") {
      // In a report the page scrolls; the map zooms with Ctrl (or after a click into it).
      var active = false;
      canvas.addEventListener("mousedown", function () { active = true; });
      canvas.addEventListener("mouseleave", function () { active = false; });
      canvas.addEventListener("wheel", function (ev) {
        if (!(ev.ctrlKey || active)) { return; }
        ev.preventDefault();
        var scale = network.getScale() * (ev.deltaY < 0 ? 1.15 : 1 / 1.15);
        var rect = canvas.getBoundingClientRect();
        var at = network.DOMtoCanvas({ x: ev.clientX - rect.left, y: ev.clientY - rect.top });
        var view = network.getViewPosition();
        var k = network.getScale() / scale;
        network.moveTo({ scale: scale, position: { x: at.x + (view.x - at.x) * k, y: at.y + (view.y - at.y) * k } });
      }, { passive: false });
    }

    // The free height above each box, up to the nearest box over it: a title drawn above its box
    // must stay in that room, or it runs into the shelf above when the map is zoomed out.
    var roomAbove = {};
    (data.boxes || []).forEach(function (b) {
      var room = Infinity;
      data.boxes.forEach(function (o) {
        var bottom = o.y + o.h;
        if (o !== b && bottom <= b.y + 0.5 && o.x < b.x + b.w && o.x + o.w > b.x) { room = Math.min(room, b.y - bottom); }
      });
      roomAbove[b.id] = room;
    });

    network.on("beforeDrawing", function (ctx) {
      var scale = network.getScale();
      var boxes = data.boxes && data.boxes.length ? data.boxes : forceBoxes();
      boxes.forEach(function (b) {
        if (b.kind === "root") { return; }
        var band = b.kind === "band";
        ctx.save();
        ctx.globalAlpha = focusSet ? 0.5 : 1;
        ctx.fillStyle = band ? "rgba(240,242,245,0.6)" : hexAlpha(b.colour, 0.12);
        ctx.strokeStyle = band ? "#c3c9d2" : (b.colour || "#9aa3b0");
        ctx.lineWidth = Math.max(1.5, 1.5 / scale);
        ctx.beginPath(); ctx.rect(b.x, b.y, b.w, b.h); ctx.fill(); ctx.stroke();
        if (!collapsed[b.id]) {
          var font = Math.max(18, Math.min(b.w / 12, 13 / scale));
          var label = b.label + (band || !b.units ? "" : " (" + b.units + ")");
          var face = "px DejaVu Sans, Segoe UI, Helvetica, Arial, sans-serif";
          ctx.font = "bold " + font + face;
          var wide = ctx.measureText(label).width;
          if (wide > b.w - 20) { font = Math.max(8, font * (b.w - 20) / wide); ctx.font = "bold " + font + face; }
          var room = roomAbove[b.id] === undefined ? Infinity : roomAbove[b.id];
          if (font > 30 && font * 1.2 + 4 > room) {
            // No room above: a smaller title inside the box's header instead.
            font = Math.max(8, Math.min(30, (room - 4) / 1.2)); ctx.font = "bold " + font + face;
          }
          ctx.beginPath(); ctx.rect(b.x, b.y - font * 2, b.w, b.h + font * 2); ctx.clip();
          ctx.fillStyle = "#1f2933";
          ctx.textBaseline = font > 30 ? "bottom" : "top";
          ctx.fillText(label, b.x + 10, font > 30 ? b.y - 4 : b.y + 10);
        }
        ctx.restore();
      });
    });

    function forceBoxes() {
      var out = [];
      (data.panel.groups || []).forEach(function (g) {
        var ids = (groupMembers[g.id] || []).filter(function (id) { return nodes.get(id); });
        if (ids.length < 2) { return; }
        var pos = network.getPositions(ids), x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
        ids.forEach(function (id) {
          var q = pos[id]; x0 = Math.min(x0, q.x); y0 = Math.min(y0, q.y); x1 = Math.max(x1, q.x); y1 = Math.max(y1, q.y);
        });
        out.push({ id: g.id, label: g.name, kind: g.kind, units: ids.length, x: x0 - 30, y: y0 - 30,
                   w: x1 - x0 + 60, h: y1 - y0 + 60, colour: g.colour });
      });
      return out;
    }

    function hexAlpha(hex, alpha) {
      if (!/^#[0-9a-fA-F]{6}$/.test(hex || "")) { return "rgba(200,205,212," + alpha + ")"; }
      return "rgba(" + parseInt(hex.slice(1, 3), 16) + "," + parseInt(hex.slice(3, 5), 16) + "," +
        parseInt(hex.slice(5, 7), 16) + "," + alpha + ")";
    }

    // A service with several owners: one slice in each owner's colour, over its white fill.
    network.on("afterDrawing", function (ctx) {
      var drawn = withParts.filter(function (n) { return nodes.get(n.id); });
      if (!drawn.length) { return; }
      var pos = network.getPositions(drawn.map(function (n) { return n.id; }));
      drawn.forEach(function (n) {
        var q = pos[n.id], r = Math.max(3, (nodes.get(n.id).size || 10) - 2), k = n.parts.length;
        ctx.save();
        ctx.globalAlpha = focusSet && !focusSet[n.id] ? DIM : 1;
        n.parts.forEach(function (c, i) {
          ctx.beginPath(); ctx.moveTo(q.x, q.y);
          ctx.arc(q.x, q.y, r, -Math.PI / 2 + 2 * Math.PI * i / k, -Math.PI / 2 + 2 * Math.PI * (i + 1) / k);
          ctx.closePath(); ctx.fillStyle = c; ctx.fill();
        });
        ctx.restore();
      });
    });

    // The whole map with a margin: fit() frames the nodes, and the titles drawn above the top
    // boxes would fall just outside it.
    function fitAll() {
      network.fit({ animation: false });
      network.moveTo({ scale: network.getScale() * 0.94, animation: false });
    }

    function showStatus() {
      status.textContent = nodes.length + " nodes shown. " + (s.wheel === "ctrl" ? "Ctrl+scroll" : "Scroll") +
        " to zoom, drag to move, click for details, Escape to reset.";
    }

    function ready() {
      network.setOptions({ physics: { enabled: false } });
      if (s.focus) { focusOn(neighbourhood(s.focus), false); }
      root.setAttribute("data-state", "ready");
      root.setAttribute("data-ready-ms", String(Math.round(performance.now())));
      showStatus();
    }
    sync();
    if (!s.freeze) {
      network.once("stabilizationIterationsDone", function () { fitAll(); ready(); });
      network.on("stabilizationProgress", function (p) {
        status.textContent = "laying out the map: " + Math.round(100 * p.iterations / p.total) + "%";
      });
      // The nodes came in after the network was made: lay them out now.
      network.stabilize(s.iterations);
    } else {
      network.once("afterDrawing", function () {
        window.setTimeout(function () { fitAll(); ready(); }, 0);
      });
    }
    root.orggraph = { network: network, nodes: nodes, edges: edges, focusKey: focusKey,
                      focusOn: focusOn, reset: reset, expand: expand, sync: sync,
                      collapsed: collapsed };
    return root.orggraph;
  };
})();
