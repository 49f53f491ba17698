import { PolicyLevel, PolicyRule, finding } from "../rule";
import { Peer, secgroupRules } from "../secgroups";

/** JSH-NET-05: egress to the whole Internet is explicit and says why. */
export const publicEgressExplained: PolicyRule = {
  id: "JSH-NET-05",
  title: "Egress rules to the whole Internet carry a description saying why",
  explanation:
    "Nodes need outbound access (images, packages, the OAuth provider, Let's Encrypt), so world egress is " +
    "expected; an explicit rule with a description keeps that a decision rather than a default.",
  level: PolicyLevel.WARNING,
  hard: false,
  check: (doc) =>
    secgroupRules(doc)
      .filter((r) => r.direction === "egress" && r.peer === Peer.WORLD)
      .filter((r) => typeof r.body.description !== "string" || r.body.description.trim() === "")
      .map((r) => finding(r.address, "egress to the whole Internet without a description of what it is for")),
};
