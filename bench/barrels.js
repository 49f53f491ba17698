// Preloaded with `node -r` by bench/synth.js: imports the provider packages through their root barrels, as an
// app would that writes `import { Release } from "@cdktf/provider-helm"`. The baseline that deep imports beat.
"use strict";
for (const pkg of [
  "@cdktf/provider-helm",
  "@cdktf/provider-kubernetes",
  "@cdktf/provider-random",
  "@cdktf/provider-tls",
]) {
  require(pkg);
}
