// The WebGL view of the map (large maps): sigma.js on a graphology graph, the second drawing adapter
// page.js chooses from, with the same duties as draw_vis.js. page.js describes each line as for vis
// (colour, opacity, width, dashes, arrows, curve, label, mark); this file translates:
// - WebGL draws no dashes: a reported (dotted) or potential (dashed) relation is drawn lighter instead,
//   and the legend shows it so;
// - the date mark (vis's glow on relations that change on the day) is a wider line;
// - actors are discs whatever their kind (the kind stays in the colour, the legend and the panels);
// - actors cannot be dragged and there is no "relax" (vis's physics);
// - when much line is in view, lines are drawn one pixel wide, without arrowheads: without a GPU, wide
//   antialiased lines and arrowheads were two thirds of every frame (2,000 actors: about 250 ms of 350 ms
//   in software WebGL), and thousands of heads at that scale show no direction anyway. The selected
//   actor's lines, the selected relation and the day's marked lines are then drawn again, with their
//   width, curve and head, on a canvas of their own above the lines (a few hundred at most);
// - sigma keeps one buffer per drawing program and re-indexes the whole graph (seconds at 100,000 lines)
//   whenever a line is added or changes program. So every line of the map joins the graph at load, hidden
//   until shown, and while lines are thin all of them stay in the thin program: a selection, a filter or a
//   date then redraws the lines it changes in place.
(function () {
  "use strict";
  // How much lighter a line is drawn for each vis dash pattern (its status's line style), as opacity.
  const DASH_OPACITY = { 8: 0.5, 2: 0.7 };
  const NODE_SCALE = 0.5; // vis sizes are canvas units; sigma's are screen pixels at the first zoom
  const LINE_SCALE = 0.6;
  // Pixels of line in view above which lines are drawn thin. Wide lines cost their length in pixels to draw:
  // in software WebGL on a loaded machine, 0.2 us a pixel straight and about 1 us curved, so this much is
  // 10-40 ms; the article's map (about 25,000 pixels at 1440 x 900) stays wide.
  const THIN_ABOVE = 40000;
  // Pixels of line in view above which the (thin) lines are drawn at half the resolution, then scaled up: at
  // 100,000 relations the whole map holds about 8 million pixels of line, and drawing them took 0.3 s a frame
  // in software WebGL (about 40 ms a million); 2,000 actors zoomed in on a relation, about a million. At that
  // density single lines cannot be told apart anyway; the picked ones, drawn above, stay sharp.
  let CROWD_ABOVE = 500000; // tests lower it (hook.crowdAbove) to see a small map crowded

  // Length of the segment (x0, y0)-(x1, y1) inside the box [left, right] x [bottom, top] (Liang-Barsky).
  // Called for every line as the view moves: no allocation.
  function clippedLength(l, left, right, bottom, top) {
    const dx = l.x1 - l.x0;
    const dy = l.y1 - l.y0;
    let t0 = 0;
    let t1 = 1;
    function clip(p, q) {
      if (p === 0) return q >= 0;
      const t = q / p;
      if (p < 0) t0 = Math.max(t0, t);
      else t1 = Math.min(t1, t);
      return t0 <= t1;
    }
    if (!clip(-dx, l.x0 - left) || !clip(dx, right - l.x0) || !clip(-dy, l.y0 - bottom) || !clip(dy, top - l.y0)) return 0;
    return (t1 - t0) * Math.hypot(dx, dy);
  }

  // A faded colour is mixed with the (white) map background rather than made transparent: sigma's
  // WebGL blending of translucent discs and lines over thousands of others washes them out.
  const mixed = new Map(); // "hex opacity" -> colour: a map has a few dozen, asked for 100,000 times
  function rgba(hex, opacity) {
    const key = hex + " " + opacity;
    if (!mixed.has(key)) {
      const v = parseInt(hex.slice(1), 16);
      const mix = (c) => Math.round(c * opacity + 255 * (1 - opacity));
      mixed.set(key, "rgba(" + mix(v >> 16) + "," + mix((v >> 8) & 255) + "," + mix(v & 255) + ",1)");
    }
    return mixed.get(key);
  }

  const MIN_WIDTH = 1.7; // sigma's thinnest wide line (its minEdgeThickness), in pixels
  // How much a line's look bends it (curvature times its length), 0 for a straight one.
  const bendOf = (d) => (d.type === "curved" || d.type === "curvedArrow" ? d.curvature || 0 : 0);

  // Distance from point p to the segment (x0, y0)-(x1, y1).
  function segmentDistance(p, x0, y0, x1, y1) {
    const dx = x1 - x0;
    const dy = y1 - y0;
    const t = dx || dy ? Math.max(0, Math.min(1, ((p.x - x0) * dx + (p.y - y0) * dy) / (dx * dx + dy * dy))) : 0;
    return Math.hypot(p.x - x0 - t * dx, p.y - y0 - t * dy);
  }
  // Distance from point p to the quadratic curve from (l.x0, l.y0) to (l.x1, l.y1) through control point c,
  // measured on 24 chords (close enough for a pointer).
  function curveDistance(p, l, c) {
    let best = Infinity;
    let [x, y] = [l.x0, l.y0];
    for (let i = 1; i <= 24; i++) {
      const t = i / 24;
      const [a, b, e] = [(1 - t) * (1 - t), 2 * t * (1 - t), t * t];
      const [nx, ny] = [a * l.x0 + b * c.x + e * l.x1, a * l.y0 + b * c.y + e * l.y1];
      best = Math.min(best, segmentDistance(p, x, y, nx, ny));
      [x, y] = [nx, ny];
    }
    return best;
  }

  window.actorgraphViews = window.actorgraphViews || {};
  window.actorgraphViews.webgl = function (container, init) {
    const lib = window.sigmaBundle;
    const graph = new lib.Graph({ multi: true, type: "directed", allowSelfLoops: true });
    const few = init.nodes.length <= 500;
    // Looks live here, not in graphology's attributes: sigma re-indexes the whole graph after any attribute
    // event (at 10,000 / 100,000, seconds), but redraws items in place when told which (apply, select).
    // graphology holds what does not change: the actors, their places and names, and which lines exist.
    const base = new Map(); // actor -> its colour, before fading
    const nodeColour = new Map(); // actor -> its colour now
    const looks = new Map(); // line -> its look, as sigma's edge attributes
    for (const n of init.nodes) {
      base.set(n.id, n.color);
      nodeColour.set(n.id, rgba(n.color, n.opacity === undefined ? 1 : n.opacity));
      // sigma's y axis points up, vis's (and the layout's) down.
      graph.addNode(n.id, { x: n.x, y: -n.y, size: (n.size || init.options.nodes.size) * NODE_SCALE, label: n.label });
    }
    function look(s) {
      const curved = !!(s.smooth && s.smooth.enabled);
      const arrow = s.arrows === "to";
      const dash = s.dashes ? DASH_OPACITY[s.dashes[0]] || 0.6 : 1;
      const a = {
        hidden: false,
        color: rgba(s.color.color, Math.round(s.color.opacity * dash * 1000) / 1000),
        size: (s.width + (s.shadow ? 2.5 : 0)) * LINE_SCALE,
        type: curved ? (arrow ? "curvedArrow" : "curved") : arrow ? "arrow" : "line",
        label: s.label || null,
        marked: !!s.shadow,
      };
      if (curved) a.curvature = (s.smooth.type === "curvedCCW" ? -1 : 1) * s.smooth.roundness;
      return a;
    }
    // graphology's lines have fixed ends; a line drawn the other way round (a bundle whose head turns) is
    // drawn by its twin, made at load, so that turning it changes no program either.
    const TWIN = "\u0001";
    const current = new Map(); // line -> the graph's key drawing it now, when that is its twin
    const keyOf = (id) => current.get(id) || id;
    const lineOf = (key) => (key.endsWith(TWIN) ? key.slice(0, -1) : key);
    const segments = new Map(); // graph key -> its ends in graph coordinates, and whether it is shown
    const marks = new Set(); // graph keys of the shown lines marked for the day
    function hide(key) {
      looks.set(key, Object.assign({}, looks.get(key), { hidden: true }));
      segments.get(key).on = false;
      marks.delete(key);
    }
    function place(key, from, to, d) {
      looks.set(key, d);
      const a = graph.getNodeAttributes(from);
      const b = graph.getNodeAttributes(to);
      segments.set(key, { x0: a.x, y0: a.y, x1: b.x, y1: b.y, on: !d.hidden, bend: Math.abs(bendOf(d)) });
      if (d.marked && !d.hidden) marks.add(key);
      else marks.delete(key);
      if (graph.hasEdge(key)) return false;
      graph.addDirectedEdgeWithKey(key, from, to);
      return true;
    }
    // Record a line's look, adding the graph keys it touches to `keys`; true when graphology grew.
    function put(s, keys) {
      let key = keyOf(s.id);
      keys.push(key);
      if (s.hidden) {
        if (graph.hasEdge(key)) hide(key);
        return false;
      }
      if (!graph.hasEdge(key)) return place(key, s.from, s.to, look(s));
      if (graph.source(key) !== s.from || graph.target(key) !== s.to) {
        hide(key);
        key = key === s.id ? s.id + TWIN : s.id;
        if (graph.hasEdge(key) && (graph.source(key) !== s.from || graph.target(key) !== s.to)) graph.dropEdge(key);
        if (key === s.id) current.delete(s.id);
        else current.set(s.id, key);
        keys.push(key);
      }
      return place(key, s.from, s.to, look(s));
    }
    // Every line the map may show, in drawing order: the shown ones with their look, the others hidden (with
    // the program they would most likely be drawn with, so that showing them later changes none).
    const shown = new Map(init.edges.map((s) => [s.id, s]));
    const unseen = (l) => Object.assign(look(Object.assign({ color: { color: "#000000", opacity: 1 }, width: 1 }, l)), { hidden: true, marked: false });
    for (const l of init.lines || init.edges) {
      if (shown.has(l.id)) put(shown.get(l.id), []);
      else place(l.id, l.from, l.to, unseen(l));
      if (l.turns) place(l.id + TWIN, l.to, l.from, unseen(l));
    }

    let selected = null; // the selected actor
    let chosen = null; // the selected relation
    // Pixels of shown line inside the box (graph coordinates) at this scale, counted up to `limit`.
    function lineInView(left, right, bottom, top, pixels, limit) {
      let total = 0;
      for (const l of segments.values()) {
        if (!l.on) continue;
        total += clippedLength(l, left, right, bottom, top) * pixels;
        if (total > limit) break;
      }
      return total;
    }
    // The first view shows the whole map, fitted (as sigma fits it) into the container less its padding.
    function firstLineInView() {
      let [left, right, bottom, top] = [Infinity, -Infinity, Infinity, -Infinity]; // no spread: maps may hold 100,000 actors
      for (const n of init.nodes) {
        [left, right] = [Math.min(left, n.x), Math.max(right, n.x)];
        [bottom, top] = [Math.min(bottom, -n.y), Math.max(top, -n.y)];
      }
      const pad = 2 * (few ? 60 : 40);
      const pixels = Math.min((container.clientWidth - pad) / Math.max(right - left, 1e-9), (container.clientHeight - pad) / Math.max(top - bottom, 1e-9));
      return lineInView(left, right, bottom, top, Math.max(pixels, 0), CROWD_ABOVE);
    }
    const first = firstLineInView();
    let thin = first > THIN_ABOVE;
    let crowd = first > CROWD_ABOVE;
    const picked = (key) => lineOf(key) === chosen || (selected !== null && (graph.source(key) === selected || graph.target(key) === selected));
    // A line's width as drawn wide: picked ones wider, as vis widens a selected actor's lines.
    const sizeOf = (key, d) => (picked(key) ? d.size + 1.2 : d.size);
    // With many lines in view every line is thin (picked and marked ones are drawn again above, see `overlay`);
    // otherwise a line has its own width and head, the picked ones wider.
    // A new object each time, with sigma's defaults filled in: sigma keeps it and completes what is missing.
    function edgeLook(key) {
      const d = looks.get(key);
      const [size, type] = thin ? [d.size, "thin"] : [sizeOf(key, d), d.type];
      return { hidden: d.hidden, color: d.color, size: size, type: type, label: d.label || "", curvature: d.curvature, marked: d.marked, forceLabel: false, zIndex: 0 };
    }
    // The lines drawn again above the thin ones: the selected relation, the selected actor's, the marked ones.
    function overlaid() {
      if (!thin) return [];
      const ids = new Set(marks);
      if (chosen !== null && graph.hasEdge(keyOf(chosen))) ids.add(keyOf(chosen));
      if (selected !== null && graph.hasNode(selected)) for (const id of graph.edges(selected)) ids.add(id);
      return [...ids].filter((id) => !looks.get(id).hidden);
    }
    // Their look, as sigma would draw it were lines wide.
    function overlayLook(id) {
      const d = looks.get(id);
      return Object.assign({}, d, { size: sizeOf(id, d) });
    }
    // sigma draws on a stage of its own inside the map, sized in pixels: when the panel opens beside the map
    // the stage keeps its size and is cut off by the map's edge, rather than every canvas being made anew
    // (a resize clears and reallocates eight canvases, 15-25 ms a click without a GPU).
    const stage = document.createElement("div");
    stage.style.cssText = "position:absolute;left:0;top:0";
    container.style.overflow = "hidden";
    container.appendChild(stage);
    // Size the stage to the map; with `keep`, never smaller than it is (the panel's opening narrows the map).
    function fitStage(keep) {
      const [w, h] = [container.clientWidth, container.clientHeight];
      const [sw, sh] = keep ? [Math.max(w, stage.offsetWidth), Math.max(h, stage.offsetHeight)] : [w, h];
      if (sw === stage.offsetWidth && sh === stage.offsetHeight) return false;
      stage.style.width = sw + "px";
      stage.style.height = sh + "px";
      return true;
    }
    fitStage(false);
    let keeping = false;
    // Crowded, the lines' canvas holds half the pixels each way and sigma's line programs draw into it so.
    // The canvas is sized as the lines are drawn (after sigma's clear and any resize of its own, which sets
    // every canvas to full size), so the first draw, inside sigma's constructor, is already right.
    function halved(Program) {
      return class extends Program {
        render(params) {
          const canvas = stage.querySelector("canvas.sigma-edges"); // (compound programs hold no context of their own)
          const f = (crowd ? 0.5 : 1) * params.pixelRatio;
          const [w, h] = [Math.round(params.width * f), Math.round(params.height * f)];
          if (canvas.width !== w || canvas.height !== h) [canvas.width, canvas.height] = [w, h];
          super.render(crowd ? Object.assign({}, params, { pixelRatio: params.pixelRatio / 2 }) : params);
        }
      };
    }
    const renderer = new lib.Sigma(graph, stage, {
      renderEdgeLabels: true,
      // Lines are found under the pointer by their geometry (`lineAt`), not by sigma's picking: that draws
      // every line a second time, into a texture read back on each move of the mouse.
      enableEdgeEvents: false,
      defaultEdgeType: "line",
      edgeProgramClasses: {
        thin: halved(lib.EdgeLineProgram), // one pixel (gl.LINES), whatever the size
        line: halved(lib.EdgeRectangleProgram),
        arrow: halved(lib.EdgeArrowProgram),
        curved: halved(lib.EdgeCurveProgram),
        curvedArrow: halved(lib.EdgeCurvedArrowProgram),
      },
      // Points (gl.POINTS) rather than sigma's default triangles: the same discs at a third of the cost in software WebGL.
      defaultNodeType: "point",
      nodeProgramClasses: { point: lib.NodePointProgram },
      labelFont: init.options.nodes.font.face,
      labelSize: init.options.nodes.font.size,
      labelColor: { color: init.options.nodes.font.color },
      edgeLabelSize: init.options.edges.font.size,
      edgeLabelColor: { color: init.options.edges.font.color },
      labelRenderedSizeThreshold: few ? 0 : 6,
      // A small map names every actor, as vis does; a large one as many as fit without overlapping.
      labelDensity: few ? 1000 : 0.3,
      labelGridCellSize: 120,
      // Sizes stay in screen pixels whatever the zoom (sigma would grow them as one zooms in).
      zoomToSizeRatioFunction: () => 1,
      hideEdgesOnMove: !few,
      stagePadding: few ? 60 : 40, // room for the names, drawn to the right of the discs
      // The selected actor's lines are drawn wider (as vis widens a selected node's edges).
      edgeReducer: edgeLook,
      nodeReducer: (key, d) => Object.assign(d, { color: nodeColour.get(key), highlighted: key === selected }),
    });
    // The overlay's canvas sits above sigma's lines and below its actors and names.
    // Sized by hand: a forced resize of every canvas would wipe the names sigma has just drawn.
    renderer.createCanvasContext("picked", { afterLayer: "edges" });
    const overlayCanvas = renderer.getCanvases().picked;
    overlayCanvas.style.width = stage.offsetWidth + "px";
    overlayCanvas.style.height = stage.offsetHeight + "px";
    overlayCanvas.width = stage.offsetWidth * (window.devicePixelRatio || 1);
    overlayCanvas.height = stage.offsetHeight * (window.devicePixelRatio || 1);
    // Draw a line as sigma's programs do: `size` pixels wide (at least 1.7), bent by `curvature` times its
    // length (@sigma/edge-curve's quadratic curve), its head 2.5 widths long and 2 wide, touching the disc.
    function drawLine(g, id) {
      const d = overlayLook(id);
      const a = renderer.graphToViewport(graph.getNodeAttributes(graph.source(id)));
      const b = renderer.graphToViewport(graph.getNodeAttributes(graph.target(id)));
      const width = Math.max(MIN_WIDTH, d.size);
      const bend = bendOf(d);
      const c = { x: (a.x + b.x) / 2 + bend * (b.y - a.y), y: (a.y + b.y) / 2 - bend * (b.x - a.x) };
      g.strokeStyle = g.fillStyle = d.color;
      g.lineWidth = width;
      g.beginPath();
      g.moveTo(a.x, a.y);
      if (bend) g.quadraticCurveTo(c.x, c.y, b.x, b.y);
      else g.lineTo(b.x, b.y);
      g.stroke();
      if (d.type !== "arrow" && d.type !== "curvedArrow") return;
      const from = bend ? c : a;
      const length = Math.hypot(b.x - from.x, b.y - from.y) || 1;
      const [ux, uy] = [(b.x - from.x) / length, (b.y - from.y) / length];
      const r = renderer.getNodeDisplayData(graph.target(id)).size;
      const tip = { x: b.x - ux * r, y: b.y - uy * r };
      const back = { x: tip.x - ux * width * 2.5, y: tip.y - uy * width * 2.5 };
      g.beginPath();
      g.moveTo(tip.x, tip.y);
      g.lineTo(back.x - uy * width, back.y + ux * width);
      g.lineTo(back.x + uy * width, back.y - ux * width);
      g.closePath();
      g.fill();
    }
    let overlayBlank = false; // a blank canvas left untouched costs the compositor nothing
    function overlay() {
      const ids = overlaid();
      if (!ids.length && overlayBlank) return; // (a resize clears it: blank stays blank)
      const g = overlayCanvas.getContext("2d");
      const ratio = overlayCanvas.width / Math.max(stage.offsetWidth, 1);
      g.setTransform(1, 0, 0, 1, 0, 0);
      g.clearRect(0, 0, overlayCanvas.width, overlayCanvas.height);
      g.setTransform(ratio, 0, 0, ratio, 0, 0);
      g.lineCap = "round";
      for (const id of ids) drawLine(g, id);
      overlayBlank = !ids.length;
    }
    renderer.on("afterRender", overlay);
    // The map changes size with the window (and the page's rows): follow it.
    new ResizeObserver(() => {
      if (fitStage(keeping)) renderer.resize().scheduleRender();
    }).observe(container);
    const listeners = {};
    function emit(name, arg) {
      for (const f of listeners[name] || []) f(arg);
    }
    // sigma drew the map once already, inside its constructor: tell the first listener in the next frame.
    let firstDraw = true;
    renderer.on("afterRender", () => emit("drawn"));
    const camera = renderer.getCamera();
    // sigma's own matrix is updated at its next draw: conversions made now recompute it from the camera and size.
    const now = () => ({ cameraState: camera.getState() });
    function scale() {
      const a = renderer.graphToViewport({ x: 0, y: 0 }, now());
      const b = renderer.graphToViewport({ x: 1, y: 0 }, now());
      return Math.hypot(b.x - a.x, b.y - a.y);
    }
    // The line under a point of the view (pixels), or null: the nearest shown line within 3 pixels of its
    // edge, as drawn (thin, or with its width and curve); of two as near, the one drawn later (on top).
    function lineAt(point) {
      const g = renderer.viewportToGraph(point, now());
      const k = scale();
      const over = new Set(overlaid());
      const most = 12 / k; // half the widest line (marked and picked) and the 3 pixels, in graph units
      let best = null;
      let bestGap = Infinity;
      for (const [key, l] of segments) {
        if (!l.on) continue;
        // A first test without the line's look: its box, widened by its bend (a curve strays at most half
        // its control point's offset, bend x length, from the chord).
        const pad = most + l.bend * (Math.abs(l.x1 - l.x0) + Math.abs(l.y1 - l.y0));
        if (g.x < Math.min(l.x0, l.x1) - pad || g.x > Math.max(l.x0, l.x1) + pad) continue;
        if (g.y < Math.min(l.y0, l.y1) - pad || g.y > Math.max(l.y0, l.y1) + pad) continue;
        const d = looks.get(key);
        const wide = !thin || over.has(key);
        const width = wide ? Math.max(MIN_WIDTH, sizeOf(key, d)) : 1;
        const bend = wide ? bendOf(d) : 0;
        // In graph coordinates (y up) the curve's control point is the middle moved by bend x (-dy, dx).
        const c = { x: (l.x0 + l.x1) / 2 - bend * (l.y1 - l.y0), y: (l.y0 + l.y1) / 2 + bend * (l.x1 - l.x0) };
        const gap = (bend ? curveDistance(g, l, c) : segmentDistance(g, l.x0, l.y0, l.x1, l.y1)) * k - width / 2;
        if (gap <= 3 && gap <= bestGap) [best, bestGap] = [key, gap];
      }
      return best === null ? null : lineOf(best);
    }
    // Clicks and hovers, as vis reports them: on an actor, a line, or the empty map.
    let overNode = false;
    let hovered = null; // the line under the pointer
    renderer.on("clickNode", (p) => emit("click", { node: p.node, edge: null }));
    renderer.on("clickStage", (p) => emit("click", { node: null, edge: lineAt(p.event) }));
    // A second click soon after the first is a click too, as in vis (sigma would zoom instead).
    renderer.on("doubleClickNode", (p) => (p.preventSigmaDefault(), emit("click", { node: p.node, edge: null })));
    renderer.on("doubleClickStage", (p) => (p.preventSigmaDefault(), emit("click", { node: null, edge: lineAt(p.event) })));
    renderer.on("enterNode", (p) => ((overNode = true), (hovered = null), emit("hoverNode", p.node)));
    renderer.on("leaveNode", () => ((overNode = false), emit("blur")));
    for (const name of ["downStage", "leaveStage"]) renderer.on(name, () => ((hovered = null), emit("blur")));
    // Chromium already sends mouse moves at most once a frame.
    renderer.on("moveBody", (p) => {
      // Not while the map is dragged (a button held, or a finger): that pans, and lines are looked up per move.
      const original = p.event.original;
      if (overNode || (original && (original.buttons || original.type.startsWith("touch")))) return;
      const at = p.event;
      const inside = at.x >= 0 && at.y >= 0 && at.x <= container.clientWidth && at.y <= container.clientHeight;
      const line = inside ? lineAt(at) : null;
      if (line === hovered) return;
      hovered = line;
      container.style.cursor = line === null ? "" : "pointer";
      emit(line === null ? "blur" : "hoverEdge", line);
    });

    // Redraw these actors and lines: in place when no line changes program (sigma keeps one buffer per
    // program), otherwise with sigma re-indexing the graph, as it does anyway after graphology grew.
    let indexing = false; // a re-indexing is due (lines added since the last have no place in a buffer yet)
    renderer.on("afterProcess", () => (indexing = false));
    function restyle(nodes, lines, grown) {
      // While lines are thin every line is in the thin program: only a new line needs re-indexing.
      const moved = grown || indexing || (!thin && lines.some((id) => {
        const drawn = renderer.getEdgeDisplayData(id);
        return drawn === undefined || drawn.type !== edgeLook(id).type;
      }));
      indexing = indexing || moved;
      renderer.refresh({ partialGraph: { nodes: nodes, edges: lines }, skipIndexation: !moved, schedule: true });
    }
    // Whether lines are thin depends on how much line is in view: checked as the camera moves and as lines
    // come and go. A change redraws every line (true is returned).
    function detail() {
      const a = renderer.viewportToGraph({ x: 0, y: 0 }, now());
      const b = renderer.viewportToGraph({ x: container.clientWidth, y: container.clientHeight }, now());
      const pixels = lineInView(Math.min(a.x, b.x), Math.max(a.x, b.x), Math.min(a.y, b.y), Math.max(a.y, b.y), scale(), CROWD_ABOVE);
      if (crowd !== pixels > CROWD_ABOVE) {
        crowd = !crowd;
        renderer.scheduleRender();
      }
      if (thin === pixels > THIN_ABOVE) return false;
      thin = !thin;
      indexing = true;
      renderer.refresh({ schedule: true });
      return true;
    }
    camera.on("updated", () => {
      detail();
      emit("zoom", scale());
    });

    // Keyboard, as vis has it: arrows pan, + and - zoom, while the map has the focus.
    container.addEventListener("keydown", (ev) => {
      const st = camera.getState();
      const step = 0.08 * st.ratio;
      const moves = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, step], ArrowDown: [0, -step] };
      // Zoom about the middle of the map as seen (the stage may run on under the panel).
      const seen = { x: container.clientWidth / 2, y: container.clientHeight / 2 };
      if (moves[ev.key]) camera.setState({ x: st.x + moves[ev.key][0], y: st.y + moves[ev.key][1] });
      else if (ev.key === "+" || ev.key === "=") camera.setState(renderer.getViewportZoomedState(seen, st.ratio / 1.25));
      else if (ev.key === "-" || ev.key === "_") camera.setState(renderer.getViewportZoomedState(seen, st.ratio * 1.25));
      else return;
      ev.preventDefault();
    });

    return {
      name: "webgl",
      frame: container,
      on(name, f) {
        (listeners[name] = listeners[name] || []).push(f);
        if (name === "drawn" && firstDraw) {
          firstDraw = false;
          requestAnimationFrame(() => f());
        }
      },
      // graphology tells sigma of each change; sigma reprocesses those items only and draws once, in the next frame.
      apply(added, changed, nodeChanges) {
        let grown = false;
        const lines = [];
        for (const s of added) grown = put(s, lines) || grown;
        for (const s of changed) grown = put(s, lines) || grown;
        for (const n of nodeChanges) nodeColour.set(n.id, rgba(base.get(n.id), n.opacity));
        const drawn = [...new Set(lines)].filter((key) => graph.hasEdge(key));
        if (!detail()) restyle(nodeChanges.map((n) => n.id), drawn, grown);
      },
      redraw() {
        renderer.scheduleRender();
      },
      // The selected actor (its lines drawn wider) and the selected relation; only what they touch is redrawn.
      select(actor, relation) {
        const next = relation === undefined ? null : relation;
        if (actor === selected && next === chosen) return;
        const touched = [selected, actor].filter((x) => x !== null && graph.hasNode(x));
        const lines = thin ? [] : [chosen, next].filter((x) => x !== null).map(keyOf).filter((x) => graph.hasEdge(x));
        selected = actor;
        chosen = next;
        // Thin lines look the same picked or not: only the actors and the overlay are redrawn.
        restyle(touched, thin ? [] : [...lines, ...touched.flatMap((x) => graph.edges(x))], false);
      },
      // Fit the drawing to the map; with `keep` (the panel is open) the stage only grows, until told otherwise.
      resize(keep) {
        keeping = !!keep;
        if (!fitStage(keeping)) return;
        renderer.resize();
        renderer.scheduleRender();
      },
      positions(ids) {
        return ids.filter((id) => graph.hasNode(id)).map((id) => ({ x: graph.getNodeAttribute(id, "x"), y: -graph.getNodeAttribute(id, "y") }));
      },
      toScreen(p) {
        return renderer.graphToViewport({ x: p.x, y: -p.y }, now());
      },
      scale: scale,
      // Zoom to `wanted` pixels a unit with `center` in the middle of the map as seen (the stage may be wider).
      moveTo(center, wanted) {
        const st = camera.getState();
        const next = { ratio: st.ratio * (scale() / wanted) };
        if (center !== null) {
          const f = renderer.viewportToFramedGraph(renderer.graphToViewport({ x: center.x, y: -center.y }, now()), now());
          // The camera's point is drawn in the stage's middle: aim it as far from the map's middle, the other way.
          const aim = { x: stage.offsetWidth - container.clientWidth / 2, y: stage.offsetHeight - container.clientHeight / 2 };
          const g = renderer.viewportToFramedGraph(aim, { cameraState: Object.assign({}, st, next, { x: f.x, y: f.y }) });
          next.x = g.x;
          next.y = g.y;
        }
        camera.setState(next);
      },
      fit() {
        camera.setState({ x: 0.5, y: 0.5, ratio: 1, angle: 0 });
      },
      // WebGL keeps its picture only until the frame is shown: copy the layers right after a draw.
      capture(copy) {
        renderer.once("afterRender", () => {
          const layers = renderer.getCanvases();
          copy(["edges", "picked", "edgeLabels", "nodes", "labels", "hovers", "hoverNodes"].filter((k) => layers[k]).map((k) => layers[k]));
        });
        renderer.scheduleRender();
      },
      resetPositions() {},
      drawn() {
        return graph.filterEdges((key) => !looks.get(key).hidden).map(lineOf);
      },
      // For tests: sigma, its graph, and a line's look as drawn.
      hook: {
        sigma: renderer,
        graph: graph,
        lineAt: (x, y) => lineAt({ x: x, y: y }),
        thin: () => thin,
        crowd: () => crowd,
        crowdAbove: (pixels) => {
          CROWD_ABOVE = pixels;
          detail();
        },
        // A line's look as drawn: above the thin lines when it is drawn there, else sigma's.
        look: (id) => {
          const key = keyOf(lineOf(id));
          return overlaid().includes(key) ? Object.assign(overlayLook(key), { overlay: true }) : Object.assign({}, renderer.getEdgeDisplayData(key));
        },
        // Lines whose drawn look is not the look recorded for them (after a draw, none should be).
        stale: () =>
          graph
            .filterEdges((id) => {
              const want = edgeLook(id);
              const got = renderer.getEdgeDisplayData(id);
              return ["color", "size", "type", "hidden", "label"].some((k) => (want[k] || "") !== (got[k] || ""));
            })
            .map(lineOf),
      },
    };
  };
})();
