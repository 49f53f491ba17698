import { PolicyLevel, PolicyRule, finding } from "../rule";
import { isReference } from "../values";

/** JSH-TLJH-06: the TLJH installer and its plugins are pinned. */
export const pinnedInstaller: PolicyRule = {
  id: "JSH-TLJH-06",
  title: "The TLJH bootstrap pins --version to a release, and every --plugin to a version",
  explanation:
    "Without --version the bootstrap installs whatever release is newest on the day the VM boots, so two hubs " +
    "from the same code differ. Plugins are pip specs: pin them (name==1.2.3, or git+...@<tag or commit>).",
  level: PolicyLevel.WARNING,
  hard: false,
  check: (doc) =>
    doc.tljhHosts().flatMap((h) => {
      const found = [];
      for (const command of h.commands.filter(runsBootstrap)) {
        const version = /--version[ =]+(\S+)/.exec(command)?.[1];
        if (isReference(version)) {
          found.push(
            finding(h.address, `the bootstrap's --version ${version} is computed at deploy time`, {
              findingId: "version",
              undecided: true,
            }),
          );
        } else if (!version || !/^v?\d+\.\d+\.\d+$/.test(version.replace(/['"]/g, ""))) {
          found.push(
            finding(h.address, `the bootstrap runs without --version <x.y.z> (${version ?? "none"})`, {
              findingId: "version",
            }),
          );
        }
        // --plugin takes every following word up to the next flag or shell operator.
        const plugins = /--plugin[ =]+((?:(?!--)[^\s;&|]+\s*)+)/.exec(command)?.[1]?.trim().split(/\s+/) ?? [];
        for (const spec of plugins.map((p) => p.replace(/['"]/g, ""))) {
          if (!/==|@[0-9a-zA-Z._-]+$/.test(spec)) {
            found.push(finding(h.address, `plugin ${spec} is not pinned`, { findingId: "plugin" }));
          }
        }
      }
      return found;
    }),
};

// A command that runs the bootstrap with Python (`python3 bootstrap.py ...`, or `curl ... bootstrap.py | python3 -`),
// not one that only downloads it.
function runsBootstrap(command: string): boolean {
  return (
    /\bpython3?\b[^|;&]*bootstrap\.py/.test(command) ||
    /bootstrap\.py[^;&]*\|\s*(sudo\s+(-E\s+)?)?python3?\b/.test(command)
  );
}
