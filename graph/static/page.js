// The interactive map: time, filters, bundles of relations, search, panels, the address as state.
// Every text that comes from the data is put in the page with textContent or as a form value,
// never as HTML: names, evidence and titles may hold anything.
//
// Drawing: the whole state is computed first, then handed to the view in one update per interaction,
// holding only the lines whose look changed; the view then redraws once. The view is one of two
// adapters with the same methods (draw_vis.js: vis-network, the default; draw_sigma.js: WebGL, for
// large maps, chosen by graph.render); everything else here is shared by both.
(function () {
  "use strict";

  const data = fromColumns(JSON.parse(document.getElementById("graph-data").textContent));
  // Actors and relations arrive column by column (graph/render.py: one array per field, null where a row
  // has no value); each becomes one object per row, with the fields it has in the columns' order.
  function fromColumns(data) {
    for (const table of ["nodes", "edges"]) {
      const columns = data[table];
      const names = Object.keys(columns);
      const rows = new Array(names.length ? columns[names[0]].length : 0);
      for (let i = 0; i < rows.length; i++) {
        const row = {};
        for (const name of names) if (columns[name][i] !== null) row[name] = columns[name][i];
        rows[i] = row;
      }
      data[table] = rows;
    }
    return data;
  }
  const $ = (id) => document.getElementById(id);
  const FADED = 0.1;
  const MARK = { enabled: true, color: "rgba(255, 170, 0, 0.9)", size: 7, x: 0, y: 0 };
  // On a small map every line bends a little: lines that run along one another (or through an actor) come apart.
  const GENTLE = data.nodes.length <= 500 ? { enabled: true, type: "curvedCW", roundness: 0.12 } : false;
  const OPEN_BUNDLES_SCALE = 2;
  const LOW_DETAIL_SCALE = 0.45; // below this zoom dashes are dropped: they cost more than they show
  const GROUPS = ["family", "type", "status", "sign"];
  const DAY = 86400000;
  const numberFormat = new Intl.NumberFormat("en-US");

  // -- the data, indexed ------------------------------------------------------------------
  const rels = data.edges;
  const relById = new Map();
  const nodeById = new Map(data.nodes.map((n) => [n.id, n]));
  const pairs = new Map(); // pair key -> relations of the pair (all rows, strongest last)
  const lineages = new Map(); // lineage -> its rows, oldest first
  rels.forEach((e, i) => (e.index = i));
  for (const e of rels) {
    const t = data.types[e.type];
    e.family = t.family;
    e.rank = data.families[e.family] ? data.families[e.family].rank : 99;
    e.event = !!t.event;
    e.pair = e.from < e.to ? e.from + "\u0000" + e.to : e.to + "\u0000" + e.from;
    relById.set(e.id, e);
    if (!pairs.has(e.pair)) pairs.set(e.pair, []);
    pairs.get(e.pair).push(e);
    if (!lineages.has(e.lineage)) lineages.set(e.lineage, []);
    lineages.get(e.lineage).push(e);
  }
  // Strength: intensity x status weight; ties go to the family that ranks first (conflict, military).
  function weaker(a, b) {
    return a.importance - b.importance || b.rank - a.rank || (a.magnitude || 0) - (b.magnitude || 0) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  }
  const bundleId = new Map(); // pair key -> id of the bundle item
  let bundleCount = 0;
  for (const [key, list] of pairs) {
    list.sort(weaker);
    if (list.length > 1) bundleId.set(key, "\u0000bundle" + bundleCount++);
  }
  for (const rows of lineages.values()) rows.sort((a, b) => ((a.valid_from || "") < (b.valid_from || "") ? -1 : 1));
  const bundlePair = new Map([...bundleId].map(([k, v]) => [v, k]));

  // -- state -----------------------------------------------------------------------------
  const changes = data.changes || [];
  const windowChanges = data.window ? changes.filter((d) => d >= data.window[0] && d <= data.window[1]) : changes;
  const initial = { date: data.as_of || null, colorMode: "type" };
  const state = {
    off: { family: new Set(), type: new Set(), status: new Set(), sign: new Set() },
    date: initial.date,
    history: false,
    colorMode: initial.colorMode,
    actor: null,
    relation: null,
    expanded: new Set(),
    wide: false,
    lowDetail: false,
    zoomedIn: false,
  };

  // -- time --------------------------------------------------------------------------------
  const toTime = (day) => Date.parse(day + "T00:00:00Z");
  function shownOn(e, day) {
    if (day === null) return state.history || !e.superseded_by;
    if (e.replaced) return false;
    return (!e.valid_from || e.valid_from <= day) && (!e.until || day <= e.until);
  }
  // An event fades after its day, by the half-life of its type.
  function eventOpacity(e) {
    if (!e.event || state.date === null || !e.valid_from) return 1;
    const half = data.types[e.type].half_life || 90;
    const age = (toTime(state.date) - toTime(e.valid_from)) / DAY;
    return Math.max(0.3, Math.round(Math.pow(0.5, age / half) * 20) / 20);
  }
  function visible(e) {
    return (
      !state.off.family.has(e.family) &&
      !state.off.type.has(e.type) &&
      !state.off.status.has(e.status) &&
      !state.off.sign.has(String(e.sign)) &&
      shownOn(e, state.date)
    );
  }

  // -- how each line looks -------------------------------------------------------------
  function colourOf(e) {
    return state.colorMode === "sign" ? data.signs[String(e.sign)].color : data.types[e.type].color;
  }
  function magnitudeText(e) {
    if (e.magnitude === undefined) return "";
    const unit = data.types[e.type].unit;
    return numberFormat.format(e.magnitude) + (unit ? " " + unit : "");
  }
  // On a large map a selection restyles no other line (that would be thousands of updates per click):
  // vis's own selection widens the lines of the selected actor instead.
  const FADE_LINES = rels.length <= 3000;
  function focusedOn(from, to, id) {
    if (!FADE_LINES) return true;
    if (state.relation !== null) return id === state.relation;
    if (state.actor !== null) return from === state.actor || to === state.actor;
    return true;
  }
  function lineStyle(e, smooth, marked) {
    const c = colourOf(e);
    const on = focusedOn(e.from, e.to, e.id);
    const chosen = e.id === state.relation;
    return {
      id: e.id,
      from: e.from,
      to: e.to,
      hidden: false,
      color: { color: c, highlight: c, hover: c, inherit: false, opacity: on ? eventOpacity(e) : FADED },
      width: chosen ? e.width + 3 : e.width,
      dashes: state.lowDetail ? false : e.dashed,
      arrows: e.directed ? "to" : "",
      smooth: smooth || false,
      label: on ? magnitudeText(e) : "",
      shadow: marked ? MARK : false,
    };
  }
  function bundleStyle(id, list, marked) {
    const top = list[list.length - 1];
    const c = colourOf(top);
    const on = list.some((e) => focusedOn(e.from, e.to, e.id));
    const sameWay = list.every((e) => e.directed && e.from === top.from);
    const otherWay = list.every((e) => e.directed && e.from === top.to);
    const big = list.filter((e) => e.magnitude !== undefined).sort((a, b) => a.magnitude - b.magnitude).pop();
    const arrows = sameWay || otherWay ? (top.directed ? "to" : "") : "";
    // Without a head the line runs in the pair's own order, whichever relation is on top: a view that
    // keeps its lines' ends fixed (WebGL) then moves it only when a head must point the other way.
    const [a, b] = arrows ? [top.from, top.to] : top.pair.split("\u0000");
    return {
      id: id,
      from: a,
      to: b,
      hidden: false,
      color: { color: c, highlight: c, hover: c, inherit: false, opacity: on ? 1 : FADED },
      width: Math.max(...list.map((e) => e.width)),
      dashes: state.lowDetail || !list.every((e) => e.dashed) ? false : top.dashed,
      arrows: arrows,
      smooth: GENTLE,
      label: on ? list.length + " relations" + (big ? " · " + magnitudeText(big) : "") : "",
      shadow: marked ? MARK : false,
    };
  }
  // Relations of one pair drawn apart: fanned out symmetrically, the middle one of an odd fan straight.
  // vis bends curvedCW relative to the line's direction, so lines against the pair's order turn the other way.
  function fan(list) {
    const out = new Map();
    if (list.length < 2) return out;
    const first = list[0].pair.split("\u0000")[0];
    const middle = (list.length - 1) / 2;
    const step = Math.min(0.2, 0.6 / middle);
    list.forEach((e, i) => {
      const offset = i - middle;
      if (offset === 0) return;
      const clockwise = offset > 0 === (e.from === first);
      out.set(e.id, {
        enabled: true,
        type: clockwise ? "curvedCW" : "curvedCCW",
        roundness: Math.round((step * Math.abs(offset) + 0.05 * (list.length % 2 === 0)) * 1000) / 1000,
      });
    });
    return out;
  }

  // -- the picture, pair by pair ------------------------------------------------------------------
  // Each interaction names the pairs whose look it may change (a filter: the pairs with such relations;
  // a date: the pairs with a start, an end or a mark between the two days, and those showing events,
  // which fade with the date), and only those are restyled; a change of colours or of detail restyles all.
  const pairsOf = new Map(); // actor -> keys of its pairs
  for (const key of pairs.keys()) {
    for (const x of key.split("\u0000")) {
      if (!pairsOf.has(x)) pairsOf.set(x, new Set());
      pairsOf.get(x).add(key);
    }
  }
  // The relations that have `field`, ordered by it (stable): grouped by day, then the days sorted; at 100,000
  // relations a comparison sort of the rows took a quarter of a second, the days are a few thousand.
  function sortedBy(list, field) {
    const byDay = new Map();
    for (const e of list) {
      if (!e[field]) continue;
      if (!byDay.has(e[field])) byDay.set(e[field], []);
      byDay.get(e[field]).push(e);
    }
    return [...byDay.keys()].sort().flatMap((day) => byDay.get(day));
  }
  const byStart = sortedBy(rels, "valid_from");
  const byUntil = sortedBy(rels, "until");
  const onDay = new Map(); // day -> relations that start or end on it (the date's marks)
  for (const e of rels) {
    for (const day of new Set([e.valid_from, e.valid_to])) {
      if (!day) continue;
      if (!onDay.has(day)) onDay.set(day, []);
      onDay.get(day).push(e);
    }
  }
  // Relations whose `field` lies in [lo, hi], from a list sorted by it.
  function between(sorted, field, lo, hi) {
    let a = 0;
    let b = sorted.length;
    while (a < b) {
      const m = (a + b) >> 1;
      if (sorted[m][field] < lo) a = m + 1;
      else b = m;
    }
    const out = [];
    for (let i = a; i < sorted.length && sorted[i][field] <= hi; i++) out.push(sorted[i]);
    return out;
  }
  const withValue = new Map(); // "group NUL value" -> keys of the pairs with such a relation
  function pairsWith(group, value) {
    const k = group + "\u0000" + value;
    if (!withValue.has(k)) withValue.set(k, new Set(rels.filter((e) => String(e[group]) === value).map((e) => e.pair)));
    return withValue.get(k);
  }
  const shownByPair = new Map(); // pair key -> its shown relations, strongest last (pairs with any)
  const eventPairs = new Set(); // pairs showing an event
  let shownCount = 0;
  let neighbours = new Set();
  // The pairs an interaction may change when the date goes from one day to another.
  function pairsBetweenDays(before, after) {
    const [lo, hi] = before < after ? [before, after] : [after, before];
    const keys = new Set(eventPairs);
    for (const e of between(byStart, "valid_from", lo, hi)) keys.add(e.pair);
    for (const e of between(byUntil, "until", lo, hi)) keys.add(e.pair);
    for (const day of [before, after]) for (const e of onDay.get(day) || []) keys.add(e.pair);
    return keys;
  }
  const chosenPair = () => (state.relation !== null ? [relById.get(state.relation).pair] : []);
  const marked = (e) => state.date !== null && (e.valid_from === state.date || e.valid_to === state.date);
  // How one pair looks in the current state: its shown relations and the items drawn for them.
  function pairLook(key) {
    const list = pairs.get(key).filter(visible); // pairs are sorted, strongest last
    const styles = [];
    if (!list.length) return { list: list, styles: styles };
    const chosen = state.relation !== null ? relById.get(state.relation) : null;
    const open = list.length === 1 || state.zoomedIn || state.expanded.has(key) || (chosen !== null && chosen.pair === key);
    if (open) {
      const curves = fan(list);
      for (const e of list) styles.push(lineStyle(e, list.length === 1 ? GENTLE : curves.get(e.id), marked(e)));
    } else {
      styles.push(bundleStyle(bundleId.get(key), list, list.some(marked)));
    }
    return { list: list, styles: styles };
  }
  // The shown relations, in the order of the data.
  function shownRelations() {
    return [...shownByPair.values()].flat().sort((a, b) => a.index - b.index);
  }
  // The shown relations of an actor.
  function shownOf(id) {
    return [...(pairsOf.get(id) || [])].flatMap((key) => shownByPair.get(key) || []);
  }
  // A compact fingerprint of a style: lines whose fingerprint is unchanged are not sent to the view.
  function fingerprint(s) {
    if (s.hidden) return "h";
    return [s.color.color, s.color.opacity, s.width, s.dashes, s.arrows, s.smooth ? s.smooth.type + s.smooth.roundness : "", s.label, !!s.shadow, s.from].join("|");
  }
  function nodeLook(n) {
    let on = true;
    if (state.relation !== null) {
      const e = relById.get(state.relation);
      on = n.id === e.from || n.id === e.to;
    } else if (state.actor !== null) on = n.id === state.actor || neighbours.has(n.id);
    return { id: n.id, opacity: on ? 1 : 0.25 };
  }

  // -- the view, built on the state the page opens with --------------------------------
  readAddress();
  // The view holds only the lines drawn so far: a line joins it the first time it is drawn, and is
  // hidden, not removed, when it goes. Every line costs time to build, drawn or not.
  const applied = new Map(); // id -> fingerprint of what the view holds
  const itemsOf = new Map(); // pair key -> ids of the items drawn for it
  const first = new Map();
  for (const key of pairs.keys()) {
    const { list, styles } = pairLook(key);
    remember(key, list);
    itemsOf.set(key, styles.map((it) => it.id));
    for (const it of styles) first.set(it.id, it);
  }
  findNeighbours();
  const items = [];
  const order = [...rels].sort(weaker).map((e) => e.id);
  for (const id of [...order, ...bundleId.values()]) {
    const it = first.get(id);
    if (it === undefined) continue;
    applied.set(id, fingerprint(it));
    items.push(it);
  }
  const nodeItems = data.nodes.map((n) => Object.assign({}, n, nodeLook(n)));
  const appliedNodes = new Map(nodeItems.map((n) => [n.id, n.opacity]));
  const map = $("map");
  // Every line the map may draw, in drawing order (a view may build them all at once: see draw_sigma.js).
  const lines = order.map((id) => relById.get(id)).map((e) => ({ id: e.id, from: e.from, to: e.to, arrows: e.directed ? "to" : "", smooth: GENTLE }));
  for (const [key, id] of bundleId) {
    const it = first.get(id);
    const [a, b] = key.split("\u0000");
    lines.push(Object.assign({}, it === undefined ? { id: id, from: a, to: b, arrows: "", smooth: GENTLE } : it, { turns: true })); // a bundle's head may turn
  }
  const drawing = window.actorgraphViews[data.renderer](map, { nodes: nodeItems, edges: items, lines: lines, options: data.options });
  // The view's own frame takes the keys (arrows pan, +/- zoom); it joins the tab order in document order
  // (vis gives it tabindex 900, which would put it before everything else) and carries the map's label.
  const mapFrame = drawing.frame;
  mapFrame.tabIndex = 0;
  if (mapFrame !== map) {
    mapFrame.id = "map-frame";
    for (const attr of ["role", "aria-label", "aria-roledescription"]) {
      mapFrame.setAttribute(attr, map.getAttribute(attr));
      map.removeAttribute(attr);
    }
    map.removeAttribute("tabindex");
  }

  let pending = true;
  let waiters = [];
  let resolveReady;
  const ready = new Promise((r) => (resolveReady = r));
  let drawCount = 0;
  let firstDrawnAt = null; // ms from the start of navigation: the benchmarks' "first draw"
  drawing.on("drawn", () => {
    drawCount += 1;
    pending = false;
    if (document.body.dataset.drawn !== "true") {
      document.body.dataset.drawn = "true";
      firstDrawnAt = performance.now();
      resolveReady();
    }
    if (!waiters.length) return;
    const done = waiters;
    waiters = [];
    requestAnimationFrame(() => requestAnimationFrame(() => done.forEach((f) => f())));
  });
  function redrawSoon() {
    pending = true;
    drawing.redraw();
  }
  function settle() {
    return pending ? new Promise((r) => waiters.push(r)) : Promise.resolve();
  }

  function remember(key, list) {
    shownCount += list.length - (shownByPair.has(key) ? shownByPair.get(key).length : 0);
    if (list.length) shownByPair.set(key, list);
    else shownByPair.delete(key);
    if (list.some((e) => e.event)) eventPairs.add(key);
    else eventPairs.delete(key);
  }
  function findNeighbours() {
    neighbours = new Set();
    if (state.actor === null) return;
    for (const key of pairsOf.get(state.actor) || []) {
      if (!shownByPair.has(key)) continue;
      const [a, b] = key.split("\u0000");
      neighbours.add(a === state.actor ? b : a);
    }
  }
  // Write the state to the view: one update of the lines that changed, one of the actors that changed.
  // `keys` names the pairs whose look may have changed (all pairs when it is not given).
  function draw(keys) {
    const changed = [];
    const added = [];
    for (const key of keys === undefined ? pairs.keys() : keys) {
      const { list, styles } = pairLook(key);
      remember(key, list);
      const ids = styles.map((it) => it.id); // one (a bundle) or a pair's few relations: an array is cheaper than a set
      for (const it of styles) {
        const p = fingerprint(it);
        const before = applied.get(it.id);
        if (before === p) continue;
        applied.set(it.id, p);
        (before === undefined ? added : changed).push(it);
      }
      for (const id of itemsOf.get(key)) {
        if (!ids.includes(id) && applied.has(id) && applied.get(id) !== "h") {
          applied.set(id, "h");
          changed.push({ id: id, hidden: true });
        }
      }
      itemsOf.set(key, ids);
    }
    findNeighbours();
    const nodeChanges = [];
    for (const n of data.nodes) {
      const look = nodeLook(n);
      if (appliedNodes.get(n.id) !== look.opacity) {
        appliedNodes.set(n.id, look.opacity);
        nodeChanges.push(look);
      }
    }
    drawing.apply(added, changed, nodeChanges);
    if (added.length || changed.length || nodeChanges.length) redrawSoon();
    updateCounts();
    writeAddress();
  }
  // For tests: the items whose drawn look differs from the look of the whole state computed afresh.
  function audit() {
    const wrong = [];
    let count = 0;
    for (const key of pairs.keys()) {
      const { list, styles } = pairLook(key);
      count += list.length;
      const ids = new Set(styles.map((it) => it.id));
      for (const it of styles) if (applied.get(it.id) !== fingerprint(it)) wrong.push(it.id);
      for (const id of [...pairs.get(key).map((e) => e.id), bundleId.get(key)]) {
        if (id !== undefined && !ids.has(id) && applied.has(id) && applied.get(id) !== "h") wrong.push(id);
      }
    }
    if (count !== shownCount) wrong.push("count " + shownCount + " drawn, " + count + " shown");
    return wrong;
  }

  // -- header counts and the timeline's controls ----------------------------------------------
  function updateCounts() {
    $("shown").textContent = String(shownCount);
    $("as-of").textContent = state.date === null ? "all dates" + (state.history ? ", with history" : "") : "as of " + state.date;
  }
  const slider = $("date-slider");
  const dateInput = $("date-input");
  function steps() {
    return state.wide || !windowChanges.length ? changes : windowChanges;
  }
  function syncTime() {
    if (!data.range) return;
    const list = steps();
    slider.max = String(Math.max(0, list.length - 1));
    $("slider-start").textContent = list.length ? list[0] : "";
    $("slider-end").textContent = list.length ? list[list.length - 1] : "";
    $("all-dates").checked = state.date === null;
    $("history").disabled = state.date !== null;
    $("history").checked = state.history;
    if ($("widen")) {
      $("widen").setAttribute("aria-pressed", String(state.wide));
      $("widen").textContent = state.wide ? "Story window" : "All history";
    }
    const day = state.date === null ? (list.length ? list[list.length - 1] : "") : state.date;
    let i = 0;
    while (i + 1 < list.length && list[i + 1] <= day) i++;
    slider.value = String(i);
    slider.setAttribute("aria-valuetext", state.date === null ? "all dates" : state.date);
    dateInput.value = state.date === null ? "" : state.date;
    $("prev-change").disabled = state.date !== null && !changes.some((d) => d < state.date);
    $("next-change").disabled = state.date !== null && !changes.some((d) => d > state.date);
  }
  function validDay(day) {
    return typeof day === "string" && /^\d{4}-\d{2}-\d{2}$/.test(day) && !Number.isNaN(toTime(day));
  }

  // -- the public moves: each updates the state, then draws once ------------------------------------
  function setDate(day) {
    if (day !== null && !validDay(day)) return;
    const before = state.date;
    state.date = day;
    if (day !== null && (state.wide === false && data.window && (day < data.window[0] || day > data.window[1]))) state.wide = true;
    syncTime();
    draw(before !== null && day !== null ? pairsBetweenDays(before, day) : undefined);
    refreshPanel();
  }
  function setFilter(group, value, on) {
    const set = state.off[group];
    if (!set) return;
    if (on) set.delete(String(value));
    else set.add(String(value));
    syncFilters();
    draw(pairsWith(group, String(value)));
    refreshPanel();
  }
  function setGroup(group, onlyValue) {
    const set = state.off[group];
    set.clear();
    if (onlyValue !== undefined) {
      for (const box of document.querySelectorAll('input[data-group="' + group + '"]')) if (box.value !== onlyValue) set.add(box.value);
    }
    if (group === "type" && onlyValue === undefined) state.off.family.clear();
    syncFilters();
    draw();
    refreshPanel();
  }
  function syncFilters() {
    for (const box of document.querySelectorAll("input[data-group]")) box.checked = !state.off[box.dataset.group].has(box.value);
    for (const set of document.querySelectorAll("fieldset.family")) set.classList.toggle("off", state.off.family.has(set.dataset.family));
  }
  function setColorMode(mode) {
    if (mode !== "type" && mode !== "sign") return;
    state.colorMode = mode;
    document.body.dataset.colourBy = mode;
    const radio = $("colour-by-" + mode);
    if (radio) radio.checked = true;
    draw();
    refreshPanel();
  }
  // The pairs a change of selection restyles: on a small map every line fades or not; on a large one, only
  // the pairs drawn open for the selected relation (before and after) and the pairs opened by hand.
  function selectionKeys(before) {
    return FADE_LINES ? undefined : new Set([...before, ...chosenPair()]);
  }
  function selectActor(id, opts) {
    if (id !== null && !nodeById.has(id)) return;
    if (id === null) return closePanel();
    const before = chosenPair();
    state.actor = id;
    state.relation = null;
    draw(selectionKeys(before));
    drawing.select(id);
    showActor(id, opts);
  }
  function selectRelation(id, opts) {
    if (id !== null && !relById.has(id)) return;
    if (id === null) {
      if (state.actor !== null) return selectActor(state.actor, opts);
      return closePanel();
    }
    const before = chosenPair();
    state.relation = id;
    draw(selectionKeys(before));
    drawing.select(null, id);
    showRelation(relById.get(id), opts);
  }
  function openPair(key, opts) {
    const before = [...chosenPair(), key];
    state.expanded.add(key);
    const [a, b] = key.split("\u0000");
    state.relation = null;
    if (state.actor !== a && state.actor !== b) state.actor = a;
    draw(selectionKeys(before));
    showPair(key, opts);
  }

  // -- the panel: docked beside the map, which then shows the selection ------------------------------
  const panel = $("panel");
  let returnFocus = null;
  let panelView = null; // what the panel shows: ["actor", id] | ["relation", id] | ["pair", key]
  let backTo = null;
  function openPanel(view, opts) {
    const wasOpen = !panel.hidden;
    if (!wasOpen && !panel.contains(document.activeElement)) returnFocus = document.activeElement;
    if (panelView && (panelView[0] !== view[0] || panelView[1] !== view[1]) && view[0] === "relation" && wasOpen) backTo = panelView;
    else if (view[0] !== "relation") backTo = null;
    panelView = view;
    panel.hidden = false;
    document.body.classList.add("panel-open");
    $("panel-back").hidden = backTo === null;
    $("panel-body").scrollTop = 0;
    panel.scrollTop = 0;
    drawing.resize(true); // the map is narrower now: fit its drawing (kept as large, if it can be) before moving the view
    const ids = view[0] === "actor" ? [view[1], ...neighbours] : view[0] === "pair" ? view[1].split("\u0000") : [relById.get(view[1]).from, relById.get(view[1]).to];
    showNodes(ids, view[0] !== "actor");
    if (!opts || opts.focus !== false) $("panel-title").focus({ preventScroll: true });
  }
  function closePanel() {
    const before = [...chosenPair(), ...state.expanded];
    state.actor = null;
    state.relation = null;
    panelView = null;
    backTo = null;
    state.expanded.clear();
    const wasOpen = !panel.hidden;
    panel.hidden = true;
    document.body.classList.remove("panel-open");
    drawing.select(null);
    draw(selectionKeys(before));
    if (wasOpen) {
      drawing.resize();
      redrawSoon();
      const back = returnFocus && document.contains(returnFocus) && returnFocus !== document.body ? returnFocus : mapFrame;
      returnFocus = null;
      back.focus({ preventScroll: true });
    }
  }
  // Move the view, if need be, so that these actors are inside the map with room for their labels;
  // for a relation or a pair (close = true), also come close enough to read it.
  function showNodes(ids, close) {
    const w = map.clientWidth;
    const h = map.clientHeight;
    if (!w || !h || !ids.length) return;
    const mx = Math.min(70, w / 5);
    const my = Math.min(40, h / 5);
    // The WebGL view writes names to the right of the discs (vis, under them): keep room for a name there.
    const right = drawing.name === "webgl" ? Math.min(150, w / 3) : mx;
    const pts = drawing.positions(ids);
    const inside = pts.every((p) => {
      const d = drawing.toScreen(p);
      return d.x >= mx && d.x <= w - right && d.y >= my && d.y <= h - my;
    });
    if (inside && !(close && drawing.scale() < 0.9)) return;
    const xs = pts.map((p) => p.x);
    const ys = pts.map((p) => p.y);
    const dx = Math.max(...xs) - Math.min(...xs);
    const dy = Math.max(...ys) - Math.min(...ys);
    const fitScale = Math.min((w - mx - right) / Math.max(dx, 1), (h - 2 * my) / Math.max(dy, 1));
    const now = drawing.scale();
    const wanted = close ? Math.min(fitScale, 1.2) : now < fitScale ? Math.max(now, Math.min(fitScale, 1)) : fitScale;
    const scale = Math.max(0.02, Math.min(wanted, 2));
    // Centred between the margins: a wider right margin moves the actors left.
    const x = (Math.max(...xs) + Math.min(...xs)) / 2 + (right - mx) / 2 / scale;
    drawing.moveTo({ x: x, y: (Math.max(...ys) + Math.min(...ys)) / 2 }, scale);
    redrawSoon();
  }
  function refreshPanel() {
    if (panel.hidden || panelView === null) return;
    const scroll = panel.scrollTop;
    if (panelView[0] === "actor") showActor(panelView[1], { focus: false, move: false });
    else if (panelView[0] === "pair") showPair(panelView[1], { focus: false, move: false });
    else showRelation(relById.get(panelView[1]), { focus: false, move: false });
    panel.scrollTop = scroll;
  }

  function el(tag, text, cls) {
    const node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (cls) node.className = cls;
    return node;
  }
  function swatch(colour) {
    const s = el("span", null, "swatch");
    s.style.background = colour;
    return s;
  }
  function label(id) {
    return nodeById.get(id).label;
  }
  function when(e) {
    if (e.event) return e.start ? "on " + e.start : "date unknown";
    if (e.start && e.end) return e.start + " to " + e.end;
    if (e.start) return "since " + e.start;
    if (e.end) return "until " + e.end;
    return "dates unknown";
  }
  function sentence(e) {
    return label(e.from) + " " + data.types[e.type].verb + " " + label(e.to);
  }
  function relMeta(e) {
    const parts = [data.statuses[e.status].label, when(e)];
    const m = magnitudeText(e);
    if (m) parts.push(m);
    if (e.superseded_by) parts.push(e.replaced ? "replaced" : "until " + e.valid_to);
    return parts.join(" · ");
  }
  function relButton(e, text) {
    const b = el("button", null, "rel-link");
    b.type = "button";
    b.appendChild(swatch(colourOf(e)));
    const span = el("span", null, "rel-text");
    span.appendChild(el("span", text));
    span.appendChild(el("span", " — " + relMeta(e), "meta"));
    b.appendChild(span);
    if (e.event) b.appendChild(el("span", "event", "event-mark"));
    b.addEventListener("click", () => selectRelation(e.id));
    return b;
  }
  function actorButton(id) {
    const b = el("button", label(id), "actor-link");
    b.type = "button";
    b.addEventListener("click", () => selectActor(id));
    return b;
  }
  function groupByFamily(list) {
    const fams = new Map();
    for (const e of [...list].sort((a, b) => a.rank - b.rank || -weaker(a, b))) {
      if (!fams.has(e.family)) fams.set(e.family, []);
      fams.get(e.family).push(e);
    }
    return fams;
  }
  function familyList(list, box) {
    for (const [fam, members] of groupByFamily(list)) {
      const f = data.families[fam] || { label: fam, color: "#888888" };
      const h = el("h4");
      h.appendChild(swatch(f.color));
      h.appendChild(el("span", f.label + " (" + members.length + ")"));
      box.appendChild(h);
      const ul = el("ul", null, "relations");
      for (const e of members) {
        const li = el("li");
        const text = sentence(e);
        li.appendChild(relButton(e, text));
        ul.appendChild(li);
      }
      box.appendChild(ul);
    }
  }
  // Event data beside the curated rows (build --events): the pair's monthly events as an image.
  function eventChart(a, b) {
    const url = data.charts && data.charts[[a, b].sort().join("\u0000")];
    if (!url) return null;
    const fig = el("figure", null, "event-chart");
    const img = el("img");
    img.src = url; // a data: URL made by the build: an image runs no script and loads nothing
    img.alt = "Events between " + label(a) + " and " + label(b) + " by month, with their mean Goldstein score";
    fig.appendChild(img);
    fig.appendChild(el("figcaption", "Event data: monthly events (bars) and mean Goldstein score (line)", "meta"));
    return fig;
  }
  function showActor(id, opts) {
    const n = nodeById.get(id);
    $("panel-title").textContent = n.label;
    const body = $("panel-body");
    body.replaceChildren();
    body.appendChild(el("div", data.kinds[n.kind].label + (n.aliases && n.aliases.length ? " · also " + n.aliases.join(", ") : ""), "meta"));
    if (n.description) body.appendChild(el("p", n.description));
    const mine = shownOf(id);
    const all = [...(pairsOf.get(id) || [])].reduce((sum, key) => sum + pairs.get(key).length, 0);
    const byOther = new Map();
    for (const e of mine) {
      const other = e.from === id ? e.to : e.from;
      if (!byOther.has(other)) byOther.set(other, []);
      byOther.get(other).push(e);
    }
    // Counterparts by their strongest relation (intensity x status weight; on a tie, conflict and military first).
    const best = (list) => list.reduce((a, b) => (weaker(a, b) > 0 ? a : b));
    const order = [...byOther.keys()].sort((a, b) => -weaker(best(byOther.get(a)), best(byOther.get(b))) || byOther.get(b).length - byOther.get(a).length);
    const hidden = all - mine.length;
    body.appendChild(
      el(
        "p",
        mine.length + " relation" + (mine.length === 1 ? "" : "s") + " with " + order.length + " counterpart" + (order.length === 1 ? "" : "s") +
          (state.date === null ? "" : " on " + state.date) + (hidden ? " (" + hidden + " more hidden by the date or the filters)" : ""),
        "meta",
      ),
    );
    order.forEach((other, i) => {
      const list = byOther.get(other);
      const det = el("details", null, "counterpart");
      det.open = i < 3;
      const sum = el("summary");
      sum.appendChild(el("span", label(other)));
      sum.appendChild(el("span", list.length + " relation" + (list.length === 1 ? "" : "s"), "meta"));
      det.appendChild(sum);
      const chart = eventChart(id, other);
      if (chart) det.appendChild(chart);
      const go = actorButton(other);
      go.textContent = "Open " + label(other);
      go.classList.add("meta");
      familyList(list, det);
      const p = el("p");
      p.appendChild(go);
      det.appendChild(p);
      body.appendChild(det);
    });
    if (!opts || opts.move !== false) openPanel(["actor", id], opts);
  }
  function showPair(key, opts) {
    const [a, b] = key.split("\u0000");
    const list = shownByPair.get(key) || [];
    $("panel-title").textContent = label(a) + " and " + label(b);
    const body = $("panel-body");
    body.replaceChildren();
    body.appendChild(el("p", list.length + " relation" + (list.length === 1 ? "" : "s") + (state.date === null ? "" : " on " + state.date), "meta"));
    const p = el("p");
    p.appendChild(actorButton(a));
    p.appendChild(el("span", " · "));
    p.appendChild(actorButton(b));
    body.appendChild(p);
    const chart = eventChart(a, b);
    if (chart) body.appendChild(chart);
    familyList(list, body);
    if (!opts || opts.move !== false) openPanel(["pair", key], opts);
  }
  // Links: web addresses only, shown by their domain, without the parameters that track readers.
  const TRACKING = /^(utm_.*|fbclid|gclid|dclid|msclkid|mc_cid|mc_eid|igshid|yclid|_hs(enc|mi)|mkt_tok|ref_src)$/i;
  function cleanUrl(url) {
    try {
      const u = new URL(url);
      if (u.protocol !== "https:" && u.protocol !== "http:") return null;
      for (const k of [...u.searchParams.keys()]) if (TRACKING.test(k)) u.searchParams.delete(k);
      return u;
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
      const u = cleanUrl(s.url);
      if (u) {
        const a = el("a", u.hostname.replace(/^www\./, ""), "url");
        a.href = u.href;
        a.rel = "noopener noreferrer";
        a.target = "_blank";
        li.appendChild(a);
      } else li.appendChild(el("span", s.url, "url"));
    }
    return li;
  }
  function fact(dl, name, value) {
    if (value === undefined || value === null || value === "") return;
    dl.appendChild(el("dt", name));
    const dd = el("dd");
    if (value instanceof Node) dd.appendChild(value);
    else dd.textContent = String(value);
    dl.appendChild(dd);
  }
  function showRelation(e, opts) {
    $("panel-title").textContent = sentence(e);
    const body = $("panel-body");
    body.replaceChildren();
    const t = data.types[e.type];
    const f = data.families[e.family] || { label: e.family };
    const p = el("p");
    p.appendChild(actorButton(e.from));
    p.appendChild(el("span", " " + t.verb + " "));
    p.appendChild(actorButton(e.to));
    body.appendChild(p);
    const dl = el("dl", null, "facts");
    const type = el("span");
    type.appendChild(swatch(colourOf(e)));
    type.appendChild(el("span", " " + t.label + " (" + f.label + (e.event ? ", an event" : "") + ")"));
    fact(dl, "Type", type);
    fact(dl, "Status", data.statuses[e.status].label);
    fact(dl, e.event ? "Date" : "Dates", when(e));
    if (e.replaced) fact(dl, "In effect", "never: replaced by a correction (" + e.superseded_by + ")");
    else if (e.valid_from || e.valid_to) fact(dl, "In effect", (e.valid_from || "…") + " to " + (e.valid_to || "no end recorded"));
    if (e.event && e.until) fact(dl, "On the map", "until " + e.until + ", fading");
    fact(dl, "Magnitude", magnitudeText(e));
    fact(dl, "Confidence", e.confidence);
    body.appendChild(dl);
    body.appendChild(el("h3", "Evidence"));
    body.appendChild(el("p", e.evidence));
    if (e.notes) {
      body.appendChild(el("h3", "Notes"));
      body.appendChild(el("p", e.notes));
    }
    const chain = lineages.get(e.lineage) || [e];
    if (chain.length > 1) {
      body.appendChild(el("h3", "History (" + chain.length + " rows)"));
      const ol = el("ol", null, "history");
      for (const r of chain) {
        const li = el("li");
        const note = r.replaced ? " (corrected)" : "";
        if (r.id === e.id) {
          li.setAttribute("aria-current", "true");
          li.appendChild(el("span", data.statuses[r.status].label + " · " + when(r) + (magnitudeText(r) ? " · " + magnitudeText(r) : "") + note + " (this row)"));
        } else {
          const b = el("button", data.statuses[r.status].label + " · " + when(r) + (magnitudeText(r) ? " · " + magnitudeText(r) : "") + note, "actor-link");
          b.type = "button";
          b.addEventListener("click", () => selectRelation(r.id));
          li.appendChild(b);
        }
        ol.appendChild(li);
      }
      body.appendChild(ol);
    }
    const chart = eventChart(e.from, e.to);
    if (chart) {
      body.appendChild(el("h3", "Event data for the pair"));
      body.appendChild(chart);
    }
    body.appendChild(el("h3", "Sources"));
    const ul = el("ul", null, "sources");
    for (const s of e.citation || []) ul.appendChild(sourceItem(s));
    body.appendChild(ul);
    if (!opts || opts.move !== false) openPanel(["relation", e.id], opts);
  }
  $("panel-close").addEventListener("click", closePanel);
  $("panel-back").addEventListener("click", () => {
    const view = backTo;
    backTo = null;
    if (!view) return;
    state.relation = null;
    if (view[0] === "actor") selectActor(view[1]);
    else if (view[0] === "pair") openPair(view[1]);
  });

  // -- the map: clicks, hover, zoom ------------------------------------------------------------------
  drawing.on("click", (p) => {
    hideTip();
    if (p.node !== null) selectActor(p.node);
    else if (p.edge !== null) {
      const id = p.edge;
      if (bundlePair.has(id)) openPair(bundlePair.get(id));
      else selectRelation(id);
    } else if (!panel.hidden) closePanel();
  });
  const tip = $("tooltip");
  let pointer = { x: 0, y: 0 };
  map.addEventListener("pointermove", (ev) => {
    pointer = { x: ev.clientX, y: ev.clientY };
    if (!tip.hidden) placeTip();
  });
  map.addEventListener("pointerleave", hideTip);
  function placeTip() {
    const r = tip.getBoundingClientRect();
    const x = Math.min(pointer.x + 14, window.innerWidth - r.width - 6);
    const y = pointer.y + 16 + r.height > window.innerHeight ? pointer.y - r.height - 10 : pointer.y + 16;
    tip.style.left = Math.max(4, x) + "px";
    tip.style.top = Math.max(4, y) + "px";
  }
  function showTip(box) {
    tip.replaceChildren(box);
    tip.hidden = false;
    placeTip();
  }
  function hideTip() {
    tip.hidden = true;
  }
  drawing.on("hoverNode", (node) => {
    const n = nodeById.get(node);
    const box = el("div", null, "tip");
    box.appendChild(el("strong", n.label));
    box.appendChild(el("div", (data.camps ? "Camp: " + (n.camp || "none") + " · " : "") + data.kinds[n.kind].label, "tip-meta"));
    if (n.aliases && n.aliases.length) box.appendChild(el("div", "Also: " + n.aliases.join(", "), "tip-meta"));
    if (n.measure !== undefined) box.appendChild(el("div", data.size_label + ": " + n.measure, "tip-meta"));
    if (n.description) box.appendChild(el("div", n.description, "tip-evidence"));
    box.appendChild(el("div", "click for its relations", "tip-meta"));
    showTip(box);
  });
  drawing.on("hoverEdge", (edge) => {
    const box = el("div", null, "tip");
    if (bundlePair.has(edge)) {
      const key = bundlePair.get(edge);
      const list = [...(shownByPair.get(key) || [])].reverse();
      const [a, b] = key.split("\u0000");
      box.appendChild(el("strong", label(a) + " and " + label(b) + ": " + list.length + " relations"));
      for (const e of list.slice(0, 8)) box.appendChild(el("div", sentence(e) + " (" + relMeta(e) + ")", "tip-meta"));
      if (list.length > 8) box.appendChild(el("div", "and " + (list.length - 8) + " more", "tip-meta"));
      box.appendChild(el("div", "click to open them", "tip-meta"));
    } else {
      const e = relById.get(edge);
      box.appendChild(el("strong", sentence(e)));
      box.appendChild(el("div", relMeta(e) + " · confidence " + e.confidence, "tip-meta"));
      box.appendChild(el("div", e.evidence, "tip-evidence"));
      box.appendChild(el("div", "click for sources and history", "tip-meta"));
    }
    showTip(box);
  });
  drawing.on("blur", hideTip);
  drawing.on("zoom", (scale) => {
    const low = data.renderer === "vis" && scale < LOW_DETAIL_SCALE; // WebGL draws status as lightness, at no cost
    // Zoomed in close, there is room to draw every relation of a bundle apart.
    const close = scale >= OPEN_BUNDLES_SCALE && data.nodes.length <= 500;
    if (low !== state.lowDetail || close !== state.zoomedIn) {
      state.lowDetail = low;
      state.zoomedIn = close;
      draw();
    }
  });

  // -- the timeline --------------------------------------------------------------------------------
  let player = null;
  function stop() {
    if (player !== null) clearTimeout(player);
    player = null;
    if ($("play")) $("play").textContent = "▶ Play";
  }
  function stepTo(delta) {
    const list = changes;
    if (!list.length) return;
    const now = state.date === null ? list[list.length - 1] : state.date;
    const next = delta > 0 ? list.find((d) => d > now) : [...list].reverse().find((d) => d < now);
    if (next !== undefined) setDate(next);
  }
  function tick() {
    const list = steps();
    const next = list.find((d) => d > state.date);
    if (next === undefined) return stop();
    setDate(next);
    player = setTimeout(tick, Number($("speed").value));
  }
  if (data.range) {
    slider.addEventListener("input", () => {
      stop();
      setDate(steps()[Number(slider.value)]);
    });
    dateInput.addEventListener("change", () => {
      stop();
      if (validDay(dateInput.value)) setDate(dateInput.value);
    });
    $("prev-change").addEventListener("click", () => stepTo(-1));
    $("next-change").addEventListener("click", () => stepTo(1));
    $("all-dates").addEventListener("change", () => {
      stop();
      setDate($("all-dates").checked ? null : steps()[Number(slider.value)] || initial.date);
    });
    $("history").addEventListener("change", () => {
      state.history = $("history").checked;
      draw();
      refreshPanel();
    });
    if ($("widen")) {
      $("widen").addEventListener("click", () => {
        state.wide = !state.wide;
        if (!state.wide && state.date !== null && (state.date < data.window[0] || state.date > data.window[1])) state.date = windowChanges[windowChanges.length - 1];
        syncTime();
        draw();
        refreshPanel();
      });
    }
    $("play").addEventListener("click", () => {
      if (player !== null) return stop();
      const list = steps();
      // Play starts at the beginning of the story window (or of history, when widened).
      if (state.date === null || state.date >= list[list.length - 1] || state.date < list[0]) setDate(list[0]);
      $("play").textContent = "❚❚ Pause";
      player = setTimeout(tick, Number($("speed").value));
    });
  }

  // -- filters and colour ----------------------------------------------------------------------------
  for (const box of document.querySelectorAll("input[data-group]")) {
    box.addEventListener("change", () => setFilter(box.dataset.group, box.value, box.checked));
  }
  for (const b of document.querySelectorAll("button.only")) b.addEventListener("click", () => setGroup(b.dataset.group, b.value));
  for (const b of document.querySelectorAll("button.all")) b.addEventListener("click", () => setGroup(b.dataset.group));
  for (const radio of document.querySelectorAll("input[name=colour-by]")) {
    radio.addEventListener("change", () => radio.checked && setColorMode(radio.value));
  }

  // -- search: candidates for ambiguous text, close names when nothing matches --------------------------
  const ids = data.nodes.map((n) => [n.id.toLocaleLowerCase(), n.id]);
  const names = [];
  for (const n of data.nodes) {
    for (const name of [n.label, ...(n.aliases || [])]) names.push([name.toLocaleLowerCase(), n.id]);
  }
  const datalist = $("actor-names");
  const collator = new Intl.Collator(); // localeCompare's order, without building a collator per comparison
  for (const n of [...data.nodes].sort((a, b) => collator.compare(a.label, b.label))) {
    const opt = document.createElement("option");
    opt.value = n.label;
    datalist.appendChild(opt);
  }
  const byLabel = (a, b) => collator.compare(label(a), label(b));
  function search(text) {
    const q = String(text || "").trim().toLocaleLowerCase();
    if (!q) return [];
    const exact = [...new Set([...ids, ...names].filter(([name]) => name === q).map(([, id]) => id))];
    if (exact.length) return exact.sort(byLabel);
    const words = new RegExp("(^|[^\\p{L}\\p{N}])" + q.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"), "u");
    const found = [...new Set(names.filter(([name]) => words.test(name)).map(([, id]) => id))];
    if (found.length) return found.sort(byLabel);
    return [...new Set(names.filter(([name]) => name.includes(q)).map(([, id]) => id))].sort(byLabel);
  }
  function distance(a, b) {
    const row = Array.from({ length: b.length + 1 }, (_, i) => i);
    for (let i = 1; i <= a.length; i++) {
      let prev = row[0];
      row[0] = i;
      for (let j = 1; j <= b.length; j++) {
        const keep = row[j];
        row[j] = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
        prev = keep;
      }
    }
    return row[b.length];
  }
  function closeNames(text) {
    const q = text.trim().toLocaleLowerCase();
    const best = new Map();
    for (const [name, id] of names) {
      const d = distance(q, name);
      if (d <= Math.max(1, Math.floor(q.length / 3)) && (!best.has(id) || d < best.get(id))) best.set(id, d);
    }
    return [...best.keys()].sort((a, b) => best.get(a) - best.get(b) || byLabel(a, b)).slice(0, 4);
  }
  function candidateButtons(ids) {
    const box = $("search-candidates");
    box.replaceChildren(
      ...ids.map((id) => {
        const b = el("button", label(id));
        b.type = "button";
        b.addEventListener("click", () => {
          box.replaceChildren();
          $("search-status").textContent = "";
          selectActor(id);
        });
        return b;
      }),
    );
  }
  $("search").addEventListener("submit", (ev) => {
    ev.preventDefault();
    const text = $("search-input").value;
    const found = search(text);
    const status = $("search-status");
    status.classList.toggle("none", found.length === 0);
    if (found.length === 1) {
      status.textContent = "";
      candidateButtons([]);
      selectActor(found[0]);
    } else if (found.length > 1) {
      status.textContent = found.length + " actors match: choose one.";
      candidateButtons(found);
    } else {
      const close = closeNames(text);
      status.textContent = "No actor matches." + (close.length ? " Did you mean:" : "");
      candidateButtons(close);
    }
  });

  // -- the address holds the state: date, filters, selection, colour ------------------------------------
  function writeAddress() {
    const parts = [];
    if (state.date !== initial.date) parts.push("date=" + (state.date === null ? "all" : state.date));
    if (state.history) parts.push("history=1");
    if (state.wide) parts.push("window=all");
    for (const g of GROUPS) if (state.off[g].size) parts.push("off-" + g + "=" + [...state.off[g]].map(encodeURIComponent).join(","));
    if (state.relation !== null) parts.push("relation=" + encodeURIComponent(state.relation));
    else if (state.actor !== null) parts.push("actor=" + encodeURIComponent(state.actor));
    if (state.colorMode !== initial.colorMode) parts.push("colour=" + state.colorMode);
    const hash = parts.length ? "#" + parts.join("&") : "";
    if (!addressable || hash === location.hash) return;
    try {
      history.replaceState(null, "", hash || location.pathname + location.search);
    } catch (err) {
      addressable = false; // inside a notebook's sandboxed iframe (about:srcdoc) the address cannot change
    }
  }
  let addressable = true;
  // The address is input like any other: a bad escape or an unknown id is ignored, never an error.
  function decode(text) {
    try {
      return decodeURIComponent(text);
    } catch (err) {
      return "";
    }
  }
  function readAddress() {
    const params = new Map();
    for (const part of location.hash.replace(/^#/, "").split("&")) {
      const i = part.indexOf("=");
      if (i > 0) params.set(part.slice(0, i), part.slice(i + 1));
    }
    const date = params.get("date");
    if (date === "all") state.date = null;
    else if (validDay(date)) state.date = date;
    state.history = params.get("history") === "1";
    state.wide = params.get("window") === "all" || (state.date !== null && !!data.window && (state.date < data.window[0] || state.date > data.window[1]));
    for (const g of GROUPS) {
      const v = params.get("off-" + g);
      if (v) for (const x of v.split(",")) state.off[g].add(decode(x));
    }
    const colour = params.get("colour");
    if (colour === "sign" || colour === "type") state.colorMode = colour;
    const rel = params.has("relation") ? decode(params.get("relation")) : null;
    const actor = params.has("actor") ? decode(params.get("actor")) : null;
    if (rel !== null && relById.has(rel)) state.relation = rel;
    else if (actor !== null && nodeById.has(actor)) state.actor = actor;
  }

  // -- keyboard, drawer, export, print, reset --------------------------------------------------------------
  const drawerToggle = $("drawer-toggle");
  function setDrawer(open) {
    document.body.classList.toggle("drawer-open", open);
    drawerToggle.setAttribute("aria-expanded", String(open));
    if (open) $("search-input").focus();
  }
  drawerToggle.addEventListener("click", () => setDrawer(!document.body.classList.contains("drawer-open")));
  $("drawer-close").addEventListener("click", () => {
    setDrawer(false);
    drawerToggle.focus();
  });
  document.addEventListener("keydown", (ev) => {
    if (ev.key !== "Escape") return;
    hideTip();
    if (document.body.classList.contains("drawer-open")) {
      setDrawer(false);
      drawerToggle.focus();
    } else if (!panel.hidden) closePanel();
  });
  $("export").addEventListener("click", () => drawing.capture(download));
  // The view's layers, copied in order onto the map's background, saved as a PNG.
  function download(layers) {
    // Layers may hold fewer pixels than they show (crowded WebGL lines) and more of the map than one sees
    // (the WebGL stage under the panel): each is scaled to the largest and cut to the map's visible part.
    const ratio = window.devicePixelRatio || 1;
    const out = document.createElement("canvas");
    out.width = Math.round(map.clientWidth * ratio);
    out.height = Math.round(map.clientHeight * ratio);
    const ctx = out.getContext("2d");
    ctx.fillStyle = data.background;
    ctx.fillRect(0, 0, out.width, out.height);
    for (const layer of layers) {
      const f = layer.width / (layer.clientWidth || layer.width / ratio);
      ctx.drawImage(layer, 0, 0, map.clientWidth * f, map.clientHeight * f, 0, 0, out.width, out.height);
    }
    const a = document.createElement("a");
    a.href = out.toDataURL("image/png");
    a.download = "actorgraph-" + (state.date === null ? "all-dates" : state.date) + ".png";
    document.body.appendChild(a);
    a.click();
    a.remove();
  }
  window.addEventListener("beforeprint", () => drawing.redraw());
  window.addEventListener("afterprint", () => drawing.redraw());
  if ($("relax")) $("relax").addEventListener("change", () => drawing.relax($("relax").checked));
  $("reset").addEventListener("click", () => {
    stop();
    for (const g of GROUPS) state.off[g].clear();
    syncFilters();
    state.history = false;
    state.wide = false;
    setColorMode(initial.colorMode);
    if ($("relax")) {
      $("relax").checked = false;
      drawing.relax(false);
    }
    $("search-input").value = "";
    $("search-status").textContent = "";
    candidateButtons([]);
    closePanel();
    drawing.resetPositions(data.nodes);
    if (data.range) setDate(initial.date);
    else draw();
    drawing.fit();
  });
  window.addEventListener("hashchange", () => {
    // Someone edited or pasted an address: take its state as a whole.
    for (const g of GROUPS) state.off[g].clear();
    state.actor = null;
    state.relation = null;
    state.date = initial.date;
    readAddress();
    syncFilters();
    syncTime();
    setColorMode(state.colorMode);
    if (state.relation !== null) selectRelation(state.relation, { focus: false });
    else if (state.actor !== null) selectActor(state.actor, { focus: false });
    else closePanel();
  });

  // -- the first view: built from the state before the first draw -------------------------------------
  // vis fits the actors' centres; step back a little so the outer names are not cut at the edges.
  if (state.actor === null && state.relation === null && drawing.name === "vis") drawing.moveTo(null, drawing.scale() * 0.92);
  document.body.dataset.colourBy = state.colorMode;
  $("colour-by-" + state.colorMode).checked = true;
  syncFilters();
  syncTime();
  updateCounts();
  if (state.relation !== null) {
    drawing.select(null, state.relation);
    showRelation(relById.get(state.relation), { focus: false });
  } else if (state.actor !== null) {
    drawing.select(state.actor);
    showActor(state.actor, { focus: false });
  }

  window.actorgraph = {
    ready: ready,
    setDate: (day) => (stop(), setDate(day === null || day === undefined ? null : String(day))),
    selectActor: (id) => selectActor(id === null || id === undefined ? null : String(id), { focus: false }),
    selectRelation: (id) => selectRelation(id === null || id === undefined ? null : String(id), { focus: false }),
    search: search,
    setFilter: (group, value, on) => setFilter(group, value, !!on),
    setColorMode: setColorMode,
    settle: settle,
    // For tests and the benchmark: what is drawn, and vis itself.
    shown: () => shownRelations().map((e) => e.id),
    audit: audit,
    draws: () => drawCount,
    firstDraw: () => firstDrawnAt,
    relation: (id) => {
      const e = relById.get(id);
      return e ? { id: e.id, from: e.from, to: e.to, type: e.type, family: e.family } : null;
    },
    drawn: () => drawing.drawn(),
    state: state,
    renderer: drawing.name,
    // The drawing library itself: vis (network, nodes, edges) or sigma (sigma, graph).
    ...drawing.hook,
  };
})();
