import { PolicyLevel, PolicyRule } from "../rule";

/** JSH-META-03: what the rules could not read is reported, not ignored (raised by the engine). */
export const undecided: PolicyRule = {
  id: "JSH-META-03",
  title: "Every part of the document the rules need could be read",
  explanation:
    "Text the checks cannot read (a Helm values entry that is a whole Terraform expression, a cloud-config that " +
    "is not valid YAML, a gzip-encoded file) would otherwise let every rule pass it unseen, so it is an error. " +
    "The finding id is the unreadable block's address, e.g. JSH-META-03[resource.helm_release.hub]; acknowledge " +
    "that one finding, on the construct that owns the block, once you have checked its settings yourself. A rule " +
    "that cannot decide, or that fails, reports under its own id, level and hardness (finding id `undecided` or " +
    "`could-not-run`): a hard rule stays hard.",
  level: PolicyLevel.ERROR,
  hard: false,
  check: () => [],
};
