import { PolicyLevel, PolicyRule, finding } from "../rule";
import { asList, isObject } from "../values";

/** JSH-DATA-02: TLJH home directories live on their own volume. */
export const tljhHomeOnVolume: PolicyRule = {
  id: "JSH-DATA-02",
  title: "A TLJH VM has a separately attached volume mounted at /home, and no boot volume deleted with it",
  explanation:
    "The root disk goes when the VM is rebuilt or replaced. A Cinder volume attached by its own resource and " +
    "mounted at /home survives that and is re-attached to the new VM.",
  level: PolicyLevel.ERROR,
  hard: false,
  check: (doc) => {
    const attachments = doc.resources("openstack_compute_volume_attach_v2");
    return doc.tljhHosts().flatMap((h) => {
      const found = [];
      const ref = `\${openstack_compute_instance_v2.${h.name}.id}`;
      if (!attachments.some((a) => a.body.instance_id === ref)) {
        found.push(finding(h.address, "no volume is attached to the VM", { findingId: "no-volume" }));
      }
      const mounted =
        asList(h.cloudConfig.mounts).some((m) => Array.isArray(m) && m[1] === "/home") ||
        h.commands.some((c) => /\bmount\b.*\s\/home(\s|$)/.test(c)) ||
        asList(h.cloudConfig.write_files).some((f) => isObject(f) && /\/home\.mount$/.test(String(f.path)));
      if (!mounted) found.push(finding(h.address, "nothing mounts a volume at /home", { findingId: "not-mounted" }));
      if (asList(h.body.block_device).some((b) => isObject(b) && b.delete_on_termination === true)) {
        found.push(finding(h.address, "a block device is deleted with the VM", { findingId: "delete-on-termination" }));
      }
      return found;
    });
  },
};
