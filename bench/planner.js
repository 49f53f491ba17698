#!/usr/bin/env node
// How close the capacity planner's SU/h comes to what no plan can beat, over users 1..500 × memory 1..64 GiB per
// user (integers: 32000 cases; Kubernetes CPU guarantee 0.5 vCPU, ZeroToJupyterHub's default; no GPU users).
//
// Lower bounds, from the flavor catalogue alone (no reserve, no packing model of ours):
//  - one VM: the cheapest current m3 flavor whose RAM holds users × memory + 128 MiB (TLJH's hub services);
//    none when even the largest (m3.2xl, 250 GiB) does not.
//  - Kubernetes: the control plane and the home NFS server the shape always has (m3.small each, 4 SU/h), plus the
//    most of: one worker that can hold one user (the cheapest flavor with RAM >= memory), users × memory / the best
//    RAM per SU of any current m3 flavor (3.91 GiB/SU: nobody can give users more memory than the VMs have), and
//    users × 0.5 vCPU / 1 vCPU per SU (m3 flavors cost 1 SU per vCPU-hour).
//  - any shape: the lower of the two.
// Reported: (1) planned SU/h / any-shape bound; (2) / the bound of the shape chosen; (3) the planner's Kubernetes
// plan (forced for every case) against the exact optimum over ANY mix of current flavors under the same node
// reserve (a covering knapsack solved exactly), i.e. what the planner's search (one flavor, plus at most a second
// for the users the full nodes leave over) gives away; (4) where one VM is chosen, its SU/h / the Kubernetes
// plan's (the price of preferring one VM).
//
//   npm run bench:planner            (compiles first)
//   node bench/planner.js            (after npm run compile)
"use strict";
const fs = require("fs");
const path = require("path");

const BUILD = path.resolve(__dirname, "..", "build", "lib");
if (!fs.existsSync(path.join(BUILD, "jupyterhub-on-jetstream", "planner.js"))) {
  console.error("missing build/lib: run npm run compile first");
  process.exit(2);
}
const { CapacityPlanner, HubShape } = require(path.join(BUILD, "jupyterhub-on-jetstream", "planner.js"));
const { JetstreamFlavor, JetstreamResource } = require(path.join(BUILD, "core", "flavor.js"));
const { Size } = require(path.join(BUILD, "core", "units.js"));

const MAX_USERS = 500;
const MAX_GIB = 64;
const CPU = 0.5;
const HUB_SERVICES_GIB = 128 / 1024;
const m3 = JetstreamFlavor.available(JetstreamResource.CPU);
const FIXED = CapacityPlanner.CONTROL_PLANE_FLAVOR.suPerHour + CapacityPlanner.HOME_SERVER_FLAVOR.suPerHour;
const BEST_RAM_PER_SU = Math.max(...m3.map((f) => f.ramGiB / f.suPerHour));
const BEST_VCPU_PER_SU = Math.max(...m3.map((f) => f.vcpus / f.suPerHour));

function singleBound(users, gib) {
  const need = users * gib + HUB_SERVICES_GIB;
  const fits = m3.filter((f) => f.ramGiB >= need);
  return fits.length ? Math.min(...fits.map((f) => f.suPerHour)) : Infinity;
}

function kubernetesBound(users, gib) {
  const oneWorker = Math.min(...m3.filter((f) => f.ramGiB >= gib).map((f) => f.suPerHour));
  return FIXED + Math.max(oneWorker, (users * gib) / BEST_RAM_PER_SU, (users * CPU) / BEST_VCPU_PER_SU);
}

/** The cheapest workers for n users, for every n up to MAX_USERS, mixing flavors freely (same node reserve). */
function exactWorkers(gib) {
  const options = m3
    .map((f) => ({ su: f.suPerHour, users: CapacityPlanner.usersPerWorker(f, Size.gibibytes(gib), CPU) }))
    .filter((o) => o.users > 0);
  const best = [0];
  for (let n = 1; n <= MAX_USERS; n++) {
    best[n] = Math.min(...options.map((o) => o.su + best[Math.max(0, n - o.users)]));
  }
  return best;
}

const describe = (plan) => plan.nodes.map((n) => `${n.count} x ${n.flavor.name}`).join(", ");
const ratios = { any: [], shape: [], mix: [], oneVm: [] };
const worst = {};
const record = (key, ratio, where) => {
  ratios[key].push(ratio);
  if (!worst[key] || ratio > worst[key].ratio) worst[key] = { ratio, where };
};
let oneVm = 0;
let cheaperOnKubernetes = 0;
const started = process.hrtime.bigint();
let plans = 0;

for (let gib = 1; gib <= MAX_GIB; gib++) {
  const exact = exactWorkers(gib);
  for (let users = 1; users <= MAX_USERS; users++) {
    const props = { expectedUsers: users, memoryPerUser: Size.gibibytes(gib) };
    const plan = CapacityPlanner.plan(props);
    const k8s =
      plan.shape === HubShape.KUBERNETES ? plan : CapacityPlanner.plan({ ...props, shape: HubShape.KUBERNETES });
    plans += plan === k8s ? 1 : 2;
    const single = singleBound(users, gib);
    const kube = kubernetesBound(users, gib);
    const where = `${users} users x ${gib} GiB: ${describe(plan)}, ${plan.suPerHour} SU/h`;
    record("any", plan.suPerHour / Math.min(single, kube), `${where}; bound ${Math.min(single, kube).toFixed(1)}`);
    const shapeBound = plan.shape === HubShape.SINGLE_SERVER ? single : kube;
    record("shape", plan.suPerHour / shapeBound, `${where}; bound ${shapeBound.toFixed(1)}`);
    const optimum = FIXED + exact[users];
    record("mix", k8s.suPerHour / optimum, `${users} users x ${gib} GiB: ${describe(k8s)}, best mix ${optimum} SU/h`);
    if (plan.shape === HubShape.SINGLE_SERVER) {
      oneVm++;
      if (k8s.suPerHour < plan.suPerHour) cheaperOnKubernetes++;
      record("oneVm", plan.suPerHour / k8s.suPerHour, `${where}; Kubernetes ${k8s.suPerHour} SU/h`);
    }
  }
}
const seconds = Number(process.hrtime.bigint() - started) / 1e9;

const quantile = (xs, q) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
};
const line = (label, key) =>
  `${label}\n     median ${quantile(ratios[key], 0.5).toFixed(3)}, 90th percentile ${quantile(ratios[key], 0.9).toFixed(3)}, ` +
  `worst ${worst[key].ratio.toFixed(3)} (${worst[key].where})`;
const cases = MAX_USERS * MAX_GIB;
console.log(
  `capacity planner: ${cases} cases (users 1..${MAX_USERS} x memory 1..${MAX_GIB} GiB), ${plans} plans in ` +
    `${seconds.toFixed(2)} s (${((seconds / plans) * 1e6).toFixed(0)} us each), node ${process.version}`,
);
console.log(`  shapes: one VM ${oneVm}, Kubernetes ${cases - oneVm}`);
console.log(line("  1. planned SU/h / lower bound of any shape:", "any"));
console.log(line("  2. planned SU/h / lower bound of the shape chosen:", "shape"));
console.log(line("  3. Kubernetes plan / the best mix of any current flavors (same node reserve):", "mix"));
console.log(line(`  4. one VM / the Kubernetes plan, where one VM is chosen (${oneVm} cases):`, "oneVm"));
console.log(`     Kubernetes would cost less in ${cheaperOnKubernetes} of them`);
