// The interactive map: filters, timeline, search, neighbourhood and side panel.
// Every text that comes from the data is put in the page with textContent or as a
// form value, never as HTML: names, evidence and titles may hold anything.
(function () {
  "use strict";

  const data = JSON.parse(document.getElementById("graph-data").textContent);
  const $ = (id) => document.getElementById(id);
  const FADED_NODE = 0.15;
  const FADED_EDGE = 0.08;
  const MARK = { enabled: true, color: "rgba(255, 170, 0, 0.9)", size: 7, x: 0, y: 0 };

  const byId = new Map(data.nodes.map((n) => [n.id, n]));
  const edgeById = new Map(data.edges.map((e) => [e.id, e]));
  const incident = new Map(data.nodes.map((n) => [n.id, []]));
  for (const e of data.edges) {
    incident.get(e.from).push(e.id);
    incident.get(e.to).push(e.id);
  }

  const initial = {
    types: Object.keys(data.types),
    statuses: Object.keys(data.statuses),
    signs: Object.keys(data.signs),
    date: data.as_of || null,
    colourBy: "type",
  };
  const state = {
    types: new Set(initial.types),
    statuses: new Set(initial.statuses),
    signs: new Set(initial.signs),
    date: initial.date,
    colourBy: initial.colourBy,
    focus: null,
    marked: new Set(),
  };

  // -- time: the rule of graph.temporal.in_effect, on ISO day strings ----------------
  function inEffect(e, day) {
    return !e.replaced && (!e.valid_from || e.valid_from <= day) && (!e.valid_to || day <= e.valid_to);
  }
  const DAY = 86400000;
  const rangeStart = data.range ? Date.parse(data.range[0] + "T00:00:00Z") : 0;
  const dayAt = (i) => new Date(rangeStart + i * DAY).toISOString().slice(0, 10);
  const indexOf = (day) => Math.round((Date.parse(day + "T00:00:00Z") - rangeStart) / DAY);

  // -- styles computed from the state -------------------------------------------------
  function edgeColour(e) {
    return state.colourBy === "sign" ? data.signs[String(e.sign)].color : data.types[e.type].color;
  }
  function near(id) {
    return state.focus === null || id === state.focus || neighbours.has(id);
  }
  let neighbours = new Set();
  function edgeStyle(e) {
    const c = edgeColour(e);
    const faded = state.focus !== null && e.from !== state.focus && e.to !== state.focus;
    const marked = state.marked.has(e.id);
    return {
      id: e.id,
      color: { color: c, highlight: c, hover: c, inherit: false, opacity: faded ? FADED_EDGE : 1 },
      width: marked ? e.width + 3 : e.width,
      shadow: marked ? MARK : { enabled: false },
    };
  }
  function nodeStyle(n) {
    const on = near(n.id);
    return { id: n.id, opacity: on ? 1 : FADED_NODE, font: { color: on ? "#1d232b" : "rgba(29, 35, 43, 0.25)" } };
  }
  function restyleEdges(ids) {
    edges.update(ids.map((id) => edgeStyle(edgeById.get(id))));
  }
  function restyleNodes() {
    nodes.update(data.nodes.map(nodeStyle));
  }

  // -- the network ---------------------------------------------------------------------
  const nodes = new vis.DataSet(data.nodes);
  const edges = new vis.DataSet(data.edges.map((e) => Object.assign({}, e, edgeStyle(e))));
  const edgeView = new vis.DataView(edges, {
    filter: (e) =>
      state.types.has(e.type) &&
      state.statuses.has(e.status) &&
      state.signs.has(String(e.sign)) &&
      (state.date === null || inEffect(e, state.date)),
  });
  const network = new vis.Network($("map"), { nodes: nodes, edges: edgeView }, data.options);
  network.once("afterDrawing", () => {
    document.body.dataset.drawn = "true";
  });

  // -- tooltips: DOM elements built on first hover, so a big map starts fast ----------
  function el(tag, text, cls) {
    const node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (cls) node.className = cls;
    return node;
  }
  function when(e) {
    if (e.start && e.end) return e.start + " to " + e.end;
    if (e.start) return "since " + e.start;
    if (e.end) return "until " + e.end;
    return "dates unknown";
  }
  function relationLines(e) {
    const lines = [data.statuses[e.status].label + " · " + when(e) + " · confidence " + e.confidence];
    if (e.magnitude !== undefined) lines.push(e.magnitude + " " + (data.types[e.type].unit || ""));
    if (e.replaced) lines.push("replaced by " + e.superseded_by);
    else if (e.superseded_by) lines.push("until " + e.valid_to + ", then " + e.superseded_by);
    return lines;
  }
  function sourceTitles(e) {
    return (e.citation || []).map((s) => (data.sources[s] ? data.sources[s].title : s));
  }
  function edgeTooltip(e) {
    const box = el("div", null, "tip");
    box.appendChild(el("strong", byId.get(e.from).label + " " + data.types[e.type].verb + " " + byId.get(e.to).label));
    for (const line of relationLines(e)) box.appendChild(el("div", line, "tip-meta"));
    box.appendChild(el("div", e.evidence, "tip-evidence"));
    if (e.notes) box.appendChild(el("div", "Note: " + e.notes, "tip-meta"));
    for (const t of sourceTitles(e)) box.appendChild(el("div", "Source: " + t, "tip-meta"));
    return box;
  }
  function nodeTooltip(n) {
    const box = el("div", null, "tip");
    box.appendChild(el("strong", n.label));
    box.appendChild(el("div", (data.camps ? "Camp: " + (n.camp || "none") + " · " : "") + data.kinds[n.kind].label, "tip-meta"));
    if (n.aliases && n.aliases.length) box.appendChild(el("div", "Also: " + n.aliases.join(", "), "tip-meta"));
    if (n.measure !== undefined) box.appendChild(el("div", data.size_label + ": " + n.measure, "tip-meta"));
    if (n.description) box.appendChild(el("div", n.description, "tip-evidence"));
    box.appendChild(el("div", incident.get(n.id).length + " relations · click for details", "tip-meta"));
    return box;
  }
  const titled = new Set();
  network.on("hoverNode", (p) => {
    if (titled.has("n:" + p.node)) return;
    titled.add("n:" + p.node);
    nodes.update({ id: p.node, title: nodeTooltip(byId.get(p.node)) });
  });
  network.on("hoverEdge", (p) => {
    if (titled.has("e:" + p.edge)) return;
    titled.add("e:" + p.edge);
    edges.update({ id: p.edge, title: edgeTooltip(edgeById.get(p.edge)) });
  });

  // -- header counts -----------------------------------------------------------------
  function updateCounts() {
    $("shown").textContent = String(edgeView.length);
    $("as-of").textContent = state.date === null ? "all dates" : "as of " + state.date;
  }

  // -- filters -------------------------------------------------------------------------
  function refresh() {
    edgeView.refresh();
    updateCounts();
    if (state.focus !== null) showPanel(state.focus);
  }
  for (const box of document.querySelectorAll("input[data-filter]")) {
    box.addEventListener("change", () => {
      const set = state[box.dataset.filter];
      if (box.checked) set.add(box.value);
      else set.delete(box.value);
      refresh();
    });
  }
  for (const radio of document.querySelectorAll("input[name=colour-by]")) {
    radio.addEventListener("change", () => {
      if (!radio.checked) return;
      state.colourBy = radio.value;
      document.body.dataset.colourBy = radio.value;
      restyleEdges(data.edges.map((e) => e.id));
    });
  }

  // -- timeline ------------------------------------------------------------------------
  const slider = $("date-slider");
  const allDates = $("all-dates");
  const changes = data.changes || [];
  function setDate(day) {
    state.date = day;
    allDates.checked = day === null;
    if (day !== null) slider.value = String(indexOf(day));
    $("date-label").textContent = day === null ? "all dates" : day;
    const marked = new Set(day === null ? [] : data.edges.filter((e) => e.valid_from === day || e.valid_to === day).map((e) => e.id));
    const touched = [...new Set([...state.marked, ...marked])];
    state.marked = marked;
    restyleEdges(touched);
    refresh();
  }
  let player = null;
  function stop() {
    if (player !== null) clearInterval(player);
    player = null;
    $("play").textContent = "▶ Play";
  }
  function step() {
    // Play walks from one change of the map to the next: years without change would be empty frames.
    const now = state.date === null ? "" : state.date;
    const next = changes.find((d) => d > now);
    if (next === undefined) return stop();
    setDate(next);
  }
  if (data.range) {
    slider.addEventListener("input", () => setDate(dayAt(Number(slider.value))));
    allDates.addEventListener("change", () => setDate(allDates.checked ? null : dayAt(Number(slider.value))));
    $("play").addEventListener("click", () => {
      if (player !== null) return stop();
      if (state.date === null || state.date >= changes[changes.length - 1]) setDate(dayAt(0));
      $("play").textContent = "❚❚ Pause";
      player = setInterval(step, 900);
    });
  }

  // -- neighbourhood and side panel ---------------------------------------------------
  function focusActor(id, move) {
    state.focus = id;
    neighbours = new Set(network.getConnectedNodes(id));
    restyleNodes();
    restyleEdges(data.edges.map((e) => e.id));
    network.selectNodes([id]);
    if (move) network.focus(id, { scale: Math.max(network.getScale(), 1), animation: { duration: 300 } });
    showPanel(id);
  }
  function clearFocus() {
    if (state.focus === null) return;
    state.focus = null;
    neighbours = new Set();
    restyleNodes();
    restyleEdges(data.edges.map((e) => e.id));
    network.unselectAll();
    $("panel").hidden = true;
  }
  function safeUrl(url) {
    // Only web addresses become links; anything else (javascript:, data:) stays text.
    try {
      const u = new URL(url);
      return u.protocol === "https:" || u.protocol === "http:" ? u.href : null;
    } catch (err) {
      return null;
    }
  }
  function sourceItem(id) {
    const s = data.sources[id];
    const li = el("li");
    if (!s) {
      li.textContent = id;
      return li;
    }
    li.appendChild(el("span", s.title + (s.publisher ? ", " + s.publisher : "") + (s.date ? " (" + s.date + ")" : "")));
    if (s.url) {
      const href = safeUrl(s.url);
      const addr = el(href ? "a" : "span", s.url, "url");
      if (href) {
        addr.href = href;
        addr.rel = "noopener noreferrer";
        addr.target = "_blank";
      }
      li.appendChild(addr);
    }
    return li;
  }
  function relationItem(e, id) {
    const li = el("li", null, "relation");
    const other = e.from === id ? e.to : e.from;
    const head = el("div", null, "relation-head");
    const swatch = el("span", null, "swatch");
    swatch.style.background = edgeColour(e);
    head.appendChild(swatch);
    const verb = data.types[e.type].verb;
    const go = el("button", byId.get(other).label, "actor-link");
    go.type = "button";
    go.addEventListener("click", () => focusActor(other, true));
    if (e.from === id) {
      head.appendChild(el("span", verb + " "));
      head.appendChild(go);
    } else {
      head.appendChild(go);
      head.appendChild(el("span", " " + verb + " " + byId.get(id).label));
    }
    li.appendChild(head);
    for (const line of relationLines(e)) li.appendChild(el("div", line, "meta"));
    li.appendChild(el("p", e.evidence, "evidence"));
    if (e.notes) li.appendChild(el("p", "Note: " + e.notes, "meta"));
    const list = el("ul", null, "sources");
    for (const s of e.citation || []) list.appendChild(sourceItem(s));
    li.appendChild(list);
    return li;
  }
  function showPanel(id) {
    const n = byId.get(id);
    const shown = new Set(edgeView.getIds());
    const all = incident.get(id);
    const visible = all.filter((eid) => shown.has(eid)).map((eid) => edgeById.get(eid));
    $("panel-title").textContent = n.label;
    $("panel-meta").textContent =
      data.kinds[n.kind].label + (n.aliases && n.aliases.length ? " · also " + n.aliases.join(", ") : "");
    $("panel-description").textContent = n.description || "";
    const hidden = all.length - visible.length;
    $("panel-count").textContent =
      visible.length + " relation" + (visible.length === 1 ? "" : "s") + (hidden ? " shown, " + hidden + " hidden by the filters or the date" : "");
    const list = $("panel-relations");
    list.replaceChildren(...visible.map((e) => relationItem(e, id)));
    $("panel").hidden = false;
  }
  network.on("click", (p) => {
    if (p.nodes.length) focusActor(p.nodes[0], false);
    else if (!p.edges.length) clearFocus();
  });
  $("panel-close").addEventListener("click", clearFocus);

  // -- search --------------------------------------------------------------------------
  const names = [];
  for (const n of data.nodes) {
    for (const name of [n.label, ...(n.aliases || [])]) names.push([name.toLocaleLowerCase(), n.id]);
  }
  const options = $("actor-names");
  for (const n of [...data.nodes].sort((a, b) => a.label.localeCompare(b.label))) {
    const opt = document.createElement("option");
    opt.value = n.label;
    options.appendChild(opt);
  }
  function find(text) {
    const q = text.trim().toLocaleLowerCase();
    if (!q) return null;
    for (const test of [(s) => s === q, (s) => s.startsWith(q), (s) => s.includes(q)]) {
      const hit = names.find(([name]) => test(name));
      if (hit) return hit[1];
    }
    return null;
  }
  $("search").addEventListener("submit", (ev) => {
    ev.preventDefault();
    const id = find($("search-input").value);
    $("search-status").textContent = id === null ? "No actor matches." : "";
    if (id !== null) focusActor(id, true);
  });

  // -- physics and reset ----------------------------------------------------------------
  $("relax").addEventListener("change", () => {
    network.setOptions({ physics: { enabled: $("relax").checked } });
  });
  $("reset").addEventListener("click", () => {
    stop();
    for (const box of document.querySelectorAll("input[data-filter]")) box.checked = true;
    state.types = new Set(initial.types);
    state.statuses = new Set(initial.statuses);
    state.signs = new Set(initial.signs);
    $("colour-by-" + initial.colourBy).checked = true;
    state.colourBy = initial.colourBy;
    document.body.dataset.colourBy = initial.colourBy;
    $("relax").checked = false;
    network.setOptions({ physics: { enabled: false } });
    $("search-input").value = "";
    $("search-status").textContent = "";
    clearFocus();
    restyleEdges(data.edges.map((e) => e.id));
    if (data.range) setDate(initial.date);
    else refresh();
    nodes.update(data.nodes.map((n) => ({ id: n.id, x: n.x, y: n.y })));
    network.fit();
  });

  if (data.range) {
    slider.value = String(indexOf(initial.date || data.range[1]));
    setDate(initial.date);
  }
  updateCounts();
  window.actorGraph = { network, nodes, edges, edgeView, state, setDate, focusActor, inEffect };
})();
