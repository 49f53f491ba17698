import { PolicyLevel, PolicyRule, finding } from "../rule";
import { at } from "../values";

const POLICIES = ["hub", "proxy.chp", "proxy.traefik", "singleuser"];

/** JSH-HUB-03: the chart's four network policies stay on. */
export const networkPolicies: PolicyRule = {
  id: "JSH-HUB-03",
  title: "The chart's network policies stay enabled; user pods do not reach private addresses",
  explanation:
    "The chart's network policies keep user servers away from the hub's API port, the proxy's API and other " +
    "pods. egressAllowRules.privateIPs opens every private address (the cluster, the NFS server, the gateway's " +
    "internals) to user code: acknowledge it only with the service that needs it.",
  level: PolicyLevel.ERROR,
  hard: false,
  check: (doc) =>
    doc.z2jhReleases().flatMap((r) => [
      ...POLICIES.filter((p) => at(r.effectiveValues, `${p}.networkPolicy.enabled`) !== true).map((p) =>
        finding(
          r.address,
          `${p}.networkPolicy.enabled is ${JSON.stringify(at(r.effectiveValues, `${p}.networkPolicy.enabled`) ?? null)}`,
          { findingId: p },
        ),
      ),
      ...(at(r.values, "singleuser.networkPolicy.egressAllowRules.privateIPs") === true
        ? [
            finding(r.address, "user pods may reach every private address", {
              findingId: "private-ips",
              level: PolicyLevel.WARNING,
            }),
          ]
        : []),
    ]),
};
