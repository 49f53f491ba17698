import { PolicyLevel, PolicyRule } from "../rule";

/** JSH-META-03: what the rules could not read is reported, not ignored (raised by the engine). */
export const undecided: PolicyRule = {
  id: "JSH-META-03",
  title: "Every rule could decide: no value it needs is known only at deploy time or unreadable",
  explanation:
    "A rule that meets a value computed at deploy time, or text it cannot parse (a cloud-config outside the " +
    "supported YAML subset), reports that instead of passing silently. The finding id names the rule, e.g. " +
    "JSH-META-03[JSH-NET-06]; acknowledge it once you have checked that setting yourself.",
  level: PolicyLevel.WARNING,
  hard: false,
  check: () => [],
};
