import { PolicyLevel, PolicyRule } from "../rule";

/** JSH-META-01: acknowledgements are valid and still needed (enforced by JetstreamChecks itself). */
export const acknowledgementsValid: PolicyRule = {
  id: "JSH-META-01",
  title: "Acknowledgements name a rule that can be acknowledged, give a reason, and match a finding",
  explanation:
    "JetstreamChecks.acknowledge refuses an unknown id, a hard rule, or a reason shorter than 10 characters. An " +
    "acknowledgement that matches no finding is reported, so it is removed before it hides a new one.",
  level: PolicyLevel.WARNING,
  hard: true,
  check: () => [],
};
