// The WebGL view of the map (large maps): sigma.js on a graphology graph, the second drawing adapter
// page.js chooses from, with the same duties as draw_vis.js. page.js describes each line as for vis
// (colour, opacity, width, dashes, arrows, curve, label, mark); this file translates:
// - WebGL draws no dashes: a reported (dotted) or potential (dashed) relation is drawn lighter instead,
//   and the legend shows it so;
// - the date mark (vis's glow on relations that change on the day) is a wider line;
// - actors are discs whatever their kind (the kind stays in the colour, the legend and the panels);
// - actors cannot be dragged and there is no "relax" (vis's physics);
// - when much line is in view, lines are drawn one pixel wide, without arrowheads (the selected actor's,
//   the selected relation and the date's marked lines keep their width and heads): without a GPU,
//   wide antialiased lines and arrowheads were two thirds of every frame (2,000 actors: about 250 ms
//   of 350 ms in software WebGL), and thousands of heads at that scale show no direction anyway.
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

  // Length of the segment (x0, y0)-(x1, y1) inside the box [left, right] x [bottom, top] (Liang-Barsky).
  function clippedLength(l, left, right, bottom, top) {
    const dx = l.x1 - l.x0;
    const dy = l.y1 - l.y0;
    let t0 = 0;
    let t1 = 1;
    for (const [p, q] of [[-dx, l.x0 - left], [dx, right - l.x0], [-dy, l.y0 - bottom], [dy, top - l.y0]]) {
      if (p === 0) {
        if (q < 0) return 0;
      } else {
        const t = q / p;
        if (p < 0) t0 = Math.max(t0, t);
        else t1 = Math.min(t1, t);
        if (t0 > t1) return 0;
      }
    }
    return (t1 - t0) * Math.hypot(dx, dy);
  }

  // A faded colour is mixed with the (white) map background rather than made transparent: sigma's
  // WebGL blending of translucent discs and lines over thousands of others washes them out.
  function rgba(hex, opacity) {
    const v = parseInt(hex.slice(1), 16);
    const mix = (c) => Math.round(c * opacity + 255 * (1 - opacity));
    return "rgba(" + mix(v >> 16) + "," + mix((v >> 8) & 255) + "," + mix(v & 255) + ",1)";
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
    const segments = new Map(); // line -> its ends in graph coordinates, and whether it is shown
    // Record a line's look; true when graphology changed (a new line, or one moved between actors).
    function put(s) {
      const known = graph.hasEdge(s.id);
      if (s.hidden) {
        if (known) {
          looks.set(s.id, Object.assign({}, looks.get(s.id), { hidden: true }));
          segments.get(s.id).on = false;
        }
        return false;
      }
      const moved = known && (graph.source(s.id) !== s.from || graph.target(s.id) !== s.to);
      if (moved) graph.dropEdge(s.id);
      looks.set(s.id, look(s));
      const a = graph.getNodeAttributes(s.from);
      const b = graph.getNodeAttributes(s.to);
      segments.set(s.id, { x0: a.x, y0: a.y, x1: b.x, y1: b.y, on: true });
      if (known && !moved) return false;
      graph.addDirectedEdgeWithKey(s.id, s.from, s.to);
      return true;
    }
    for (const s of init.edges) put(s);

    let selected = null; // the selected actor
    let chosen = null; // the selected relation
    // Pixels of shown line inside the box (graph coordinates) at this scale, counted up to the limit.
    function lineInView(left, right, bottom, top, pixels) {
      let total = 0;
      for (const l of segments.values()) {
        if (!l.on) continue;
        total += clippedLength(l, left, right, bottom, top) * pixels;
        if (total > THIN_ABOVE) break;
      }
      return total;
    }
    // The first view shows the whole map, fitted (as sigma fits it) into the container less its padding.
    function firstThin() {
      let [left, right, bottom, top] = [Infinity, -Infinity, Infinity, -Infinity]; // no spread: maps may hold 100,000 actors
      for (const n of init.nodes) {
        [left, right] = [Math.min(left, n.x), Math.max(right, n.x)];
        [bottom, top] = [Math.min(bottom, -n.y), Math.max(top, -n.y)];
      }
      const pad = 2 * (few ? 60 : 40);
      const pixels = Math.min((container.clientWidth - pad) / Math.max(right - left, 1e-9), (container.clientHeight - pad) / Math.max(top - bottom, 1e-9));
      return lineInView(left, right, bottom, top, Math.max(pixels, 0)) > THIN_ABOVE;
    }
    let thin = firstThin();
    const picked = (key) => key === chosen || (selected !== null && (graph.source(key) === selected || graph.target(key) === selected));
    // A line keeps its width and head when it is picked or marked; otherwise, with many lines in view, it is thin.
    function edgeLook(key) {
      const d = looks.get(key);
      if (picked(key)) return Object.assign({}, d, { size: d.size + 1.2 });
      if (thin && !d.marked) return Object.assign({}, d, { type: "thin" });
      return Object.assign({}, d); // sigma adds its defaults to what it is given
    }
    const renderer = new lib.Sigma(graph, container, {
      renderEdgeLabels: true,
      enableEdgeEvents: true,
      defaultEdgeType: "line",
      edgeProgramClasses: {
        thin: lib.EdgeLineProgram, // one pixel (gl.LINES), whatever the size
        line: lib.EdgeRectangleProgram,
        arrow: lib.EdgeArrowProgram,
        curved: lib.EdgeCurveProgram,
        curvedArrow: lib.EdgeCurvedArrowProgram,
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
    const listeners = {};
    function emit(name, arg) {
      for (const f of listeners[name] || []) f(arg);
    }
    // sigma drew the map once already, inside its constructor: tell the first listener in the next frame.
    let firstDraw = true;
    renderer.on("afterRender", () => emit("drawn"));
    renderer.on("clickNode", (p) => emit("click", { node: p.node, edge: null }));
    renderer.on("clickEdge", (p) => emit("click", { node: null, edge: p.edge }));
    renderer.on("clickStage", () => emit("click", { node: null, edge: null }));
    // A second click soon after the first is a click too, as in vis (sigma would zoom instead).
    renderer.on("doubleClickNode", (p) => (p.preventSigmaDefault(), emit("click", { node: p.node, edge: null })));
    renderer.on("doubleClickEdge", (p) => (p.preventSigmaDefault(), emit("click", { node: null, edge: p.edge })));
    renderer.on("doubleClickStage", (p) => (p.preventSigmaDefault(), emit("click", { node: null, edge: null })));
    renderer.on("enterNode", (p) => emit("hoverNode", p.node));
    renderer.on("enterEdge", (p) => emit("hoverEdge", p.edge));
    for (const name of ["leaveNode", "leaveEdge", "downStage"]) renderer.on(name, () => emit("blur"));
    const camera = renderer.getCamera();
    // sigma's own matrix is updated at its next draw: conversions made now recompute it from the camera and size.
    const now = () => ({ cameraState: camera.getState() });
    function scale() {
      const a = renderer.graphToViewport({ x: 0, y: 0 }, now());
      const b = renderer.graphToViewport({ x: 1, y: 0 }, now());
      return Math.hypot(b.x - a.x, b.y - a.y);
    }
    // Redraw these actors and lines: in place when no line changes program (sigma keeps one buffer per
    // program), otherwise with sigma re-indexing the graph, as it does anyway after graphology grew.
    let indexing = false; // a re-indexing is due (lines added since the last have no place in a buffer yet)
    renderer.on("afterProcess", () => (indexing = false));
    function restyle(nodes, lines, grown) {
      const moved = grown || indexing || lines.some((id) => {
        const drawn = renderer.getEdgeDisplayData(id);
        return drawn === undefined || drawn.type !== edgeLook(id).type;
      });
      indexing = indexing || moved;
      renderer.refresh({ partialGraph: { nodes: nodes, edges: lines }, skipIndexation: !moved, schedule: true });
    }
    // Whether lines are thin depends on how much line is in view: checked as the camera moves and as lines
    // come and go. A change redraws every line (true is returned).
    function detail() {
      const a = renderer.viewportToGraph({ x: 0, y: 0 }, now());
      const b = renderer.viewportToGraph({ x: container.clientWidth, y: container.clientHeight }, now());
      const next = lineInView(Math.min(a.x, b.x), Math.max(a.x, b.x), Math.min(a.y, b.y), Math.max(a.y, b.y), scale()) > THIN_ABOVE;
      if (next === thin) return false;
      thin = next;
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
      if (moves[ev.key]) camera.setState({ x: st.x + moves[ev.key][0], y: st.y + moves[ev.key][1] });
      else if (ev.key === "+" || ev.key === "=") camera.setState({ ratio: st.ratio / 1.25 });
      else if (ev.key === "-" || ev.key === "_") camera.setState({ ratio: st.ratio * 1.25 });
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
        for (const s of added) grown = put(s) || grown;
        for (const s of changed) grown = put(s) || grown;
        for (const n of nodeChanges) nodeColour.set(n.id, rgba(base.get(n.id), n.opacity));
        const lines = [...added, ...changed].map((s) => s.id).filter((id) => graph.hasEdge(id));
        if (!detail()) restyle(nodeChanges.map((n) => n.id), lines, grown);
      },
      redraw() {
        renderer.scheduleRender();
      },
      // The selected actor (its lines drawn wider) and the selected relation; only what they touch is redrawn.
      select(actor, relation) {
        const next = relation === undefined ? null : relation;
        if (actor === selected && next === chosen) return;
        const touched = [selected, actor].filter((x) => x !== null && graph.hasNode(x));
        const lines = [chosen, next].filter((x) => x !== null && graph.hasEdge(x));
        selected = actor;
        chosen = next;
        restyle(touched, [...lines, ...touched.flatMap((x) => graph.edges(x))], false);
      },
      resize() {
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
      moveTo(center, wanted) {
        const st = camera.getState();
        const next = { ratio: st.ratio * (scale() / wanted) };
        if (center !== null) {
          const f = renderer.viewportToFramedGraph(renderer.graphToViewport({ x: center.x, y: -center.y }, now()), now());
          next.x = f.x;
          next.y = f.y;
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
          copy(["edges", "edgeLabels", "nodes", "labels", "hovers", "hoverNodes"].filter((k) => layers[k]).map((k) => layers[k]));
        });
        renderer.scheduleRender();
      },
      resetPositions() {},
      drawn() {
        return graph.filterEdges((id) => !looks.get(id).hidden);
      },
      // For tests: sigma, its graph, and a line's look as drawn.
      hook: {
        sigma: renderer,
        graph: graph,
        look: (id) => Object.assign({}, renderer.getEdgeDisplayData(id)),
        // Lines whose drawn look is not the look recorded for them (after a draw, none should be).
        stale: () =>
          graph.filterEdges((id) => {
            const want = edgeLook(id);
            const got = renderer.getEdgeDisplayData(id);
            return ["color", "size", "type", "hidden", "label"].some((k) => (want[k] || "") !== (got[k] || ""));
          }),
      },
    };
  };
})();
