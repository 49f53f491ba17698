import { PolicyLevel, PolicyRule, finding } from "../rule";
import { at } from "../values";

/** JSH-NET-09: a hub's public address outlives the load balancer. */
export const hubAddressReserved: PolicyRule = {
  id: "JSH-NET-09",
  title: "A z2jh hub behind a LoadBalancer service pins proxy.service.loadBalancerIP",
  explanation:
    "Without a reserved floating IP, recreating the proxy service or the cluster gives the hub a new address: " +
    "the DNS record, the certificate and the OAuth callback all break. Reserve a floating IP outside the " +
    "cluster and set it as the load balancer's IP (or serve the hub through an ingress).",
  level: PolicyLevel.WARNING,
  hard: false,
  check: (doc) =>
    doc.z2jhReleases().flatMap((r) => {
      const type = at(r.effectiveValues, "proxy.service.type");
      if (type !== "LoadBalancer" || at(r.effectiveValues, "ingress.enabled") === true) return [];
      const ip = at(r.values, "proxy.service.loadBalancerIP");
      return typeof ip === "string" && ip !== ""
        ? []
        : [finding(r.address, "proxy.service.loadBalancerIP is not set: the hub's address changes with its service")];
    }),
};
