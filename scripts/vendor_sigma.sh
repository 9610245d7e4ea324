#!/bin/sh
# Rebuild graph/static/vendor/sigma-graphology.min.js: sigma.js (WebGL renderer) and graphology,
# from the npm registry at pinned versions, bundled by esbuild into one IIFE that defines
# window.sigmaBundle = { Graph, Sigma, EdgeArrowProgram, EdgeLineProgram, EdgeRectangleProgram, NodePointProgram,
# EdgeCurveProgram, EdgeCurvedArrowProgram }.
# The bundle is committed: building or testing the package needs no npm. Run from the repository root:
#   sh scripts/vendor_sigma.sh && sha256sum -c graph/static/vendor/SHA256SUMS
# The versions are pinned here and recorded in graph/static/vendor/README.md (all MIT licensed).
set -eu
SIGMA=3.0.3
GRAPHOLOGY=0.26.0
EDGE_CURVE=3.1.0
ESBUILD=0.28.2
out="$(pwd)/graph/static/vendor"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"
npm init -y >/dev/null
npm install --no-audit --no-fund --save-exact "sigma@$SIGMA" "graphology@$GRAPHOLOGY" "@sigma/edge-curve@$EDGE_CURVE" "esbuild@$ESBUILD" >/dev/null
cat > entry.js <<'JS'
import Graph from "graphology";
import Sigma from "sigma";
import { EdgeArrowProgram, EdgeLineProgram, EdgeRectangleProgram, NodePointProgram } from "sigma/rendering";
import { EdgeCurvedArrowProgram, default as EdgeCurveProgram } from "@sigma/edge-curve";
window.sigmaBundle = { Graph, Sigma, EdgeArrowProgram, EdgeLineProgram, EdgeRectangleProgram, NodePointProgram, EdgeCurveProgram, EdgeCurvedArrowProgram };
JS
./node_modules/.bin/esbuild entry.js --bundle --minify --format=iife --target=es2020 --legal-comments=none \
  --define:process.env.NODE_ENV='"production"' --outfile="$out/sigma-graphology.min.js" --log-level=warning
for pkg in sigma graphology @sigma/edge-curve; do
  printf '%s %s\n\n' "$pkg" "$(node -p "require('./node_modules/$pkg/package.json').version")"
  cat node_modules/$pkg/LICENSE* 2>/dev/null || node -p "require('./node_modules/$pkg/package.json').license"
  printf '\n\n'
done > "$out/LICENSES.txt"
cd "$out"
sha256sum sigma-graphology.min.js > SHA256SUMS
cat SHA256SUMS
