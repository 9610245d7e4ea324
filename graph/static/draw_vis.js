// The vis-network view of the map (ordinary maps): one of the two drawing adapters page.js chooses from.
// An adapter draws; it knows nothing of dates, filters or panels. page.js computes every line's look
// (colour, opacity, width, dashes, arrows, curve, label, mark) and hands over only what changed.
(function () {
  "use strict";
  const NO_LABEL = " "; // vis keeps the old label when given "": a space clears it

  window.actorgraphViews = window.actorgraphViews || {};
  window.actorgraphViews.vis = function (container, init) {
    // What vis takes as its defaults need not be said when a line is first added (options cost time per line).
    function lean(s) {
      for (const key of ["hidden", "shadow", "smooth", "dashes"]) if (s[key] === false) delete s[key];
      if (s.label === undefined) delete s.label;
      return s;
    }
    // Labels cost a text measure per line at every draw: a line gets the label property only once it has a text;
    // afterwards an empty text is a space, since vis keeps the old label when given "".
    const labelled = new Set();
    function settleLabel(s) {
      if (s.hidden) return s;
      if (s.label) labelled.add(s.id);
      else if (labelled.has(s.id)) s.label = NO_LABEL;
      else delete s.label;
      return s;
    }
    const nodes = new vis.DataSet(init.nodes);
    const edges = new vis.DataSet(init.edges.map((s) => lean(settleLabel(s))));
    const options = init.options;
    const network = new vis.Network(container, { nodes: nodes, edges: edges }, options);
    const listeners = {};
    function emit(name, arg) {
      for (const f of listeners[name] || []) f(arg);
    }
    network.on("afterDrawing", () => emit("drawn"));
    network.on("click", (p) => emit("click", { node: p.nodes.length ? p.nodes[0] : null, edge: p.edges.length ? p.edges[0] : null }));
    network.on("hoverNode", (p) => emit("hoverNode", p.node));
    network.on("hoverEdge", (p) => emit("hoverEdge", p.edge));
    for (const name of ["blurNode", "blurEdge", "dragStart"]) network.on(name, () => emit("blur"));
    // Names keep a readable size on screen when the map is zoomed far out (a phone shows the whole map small).
    let labelSize = options.nodes.font.size;
    function readableLabels() {
      if (init.nodes.length > 300) return;
      const want = Math.round(Math.min(48, Math.max(options.nodes.font.size, 11 / network.getScale())));
      if (Math.abs(want - labelSize) < 2) return;
      labelSize = want;
      network.setOptions({ nodes: { font: { size: want } }, edges: { font: { size: Math.round(want * 0.8) } } });
    }
    network.on("zoom", () => {
      readableLabels();
      emit("zoom", network.getScale());
    });
    // vis's own frame takes the keys (arrows pan, +/- zoom).
    const frame = container.querySelector(".vis-network") || container;

    return {
      name: "vis",
      frame: frame,
      on(name, f) {
        (listeners[name] = listeners[name] || []).push(f);
      },
      // One DataSet update of the lines that changed, one of the actors that changed; vis redraws once.
      apply(added, changed, nodeChanges) {
        if (added.length) edges.add(added.map((s) => lean(settleLabel(s))));
        if (changed.length) edges.update(changed.map(settleLabel));
        if (nodeChanges.length) nodes.update(nodeChanges);
      },
      redraw() {
        network.body.emitter.emit("_requestRedraw");
      },
      // The selected actor (vis widens its lines); a selected relation is drawn wider by its style, from page.js.
      select(id) {
        if (id === null) network.unselectAll();
        else network.selectNodes([id]);
      },
      resize() {
        network.body.emitter.emit("setSize");
        readableLabels();
      },
      positions(ids) {
        return Object.values(network.getPositions(ids));
      },
      toScreen(p) {
        return network.canvasToDOM(p);
      },
      scale() {
        return network.getScale();
      },
      moveTo(center, scale) {
        network.moveTo(center === null ? { scale: scale, animation: false } : { position: center, scale: scale, animation: false });
        readableLabels();
      },
      fit() {
        network.fit();
      },
      // Hands the layers to copy, in order, into an exported image (vis keeps its picture: at once).
      capture(copy) {
        copy([container.querySelector("canvas")]);
      },
      relax(on) {
        network.setOptions({ physics: { enabled: on } });
      },
      resetPositions(list) {
        nodes.update(list.map((n) => ({ id: n.id, x: n.x, y: n.y })));
      },
      drawn() {
        return edges.get({ filter: (x) => !x.hidden }).map((x) => x.id);
      },
      // For tests: vis itself.
      hook: { network: network, nodes: nodes, edges: edges },
    };
  };
})();
