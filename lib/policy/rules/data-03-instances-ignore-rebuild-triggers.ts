import { PolicyLevel, PolicyRule, finding } from "../rule";
import { stringsOf } from "../values";

const REQUIRED = ["user_data", "image_name", "image_id", "key_pair"];

/** JSH-DATA-03: editing user data, the image or the key never rebuilds a VM. */
export const instancesIgnoreRebuildTriggers: PolicyRule = {
  id: "JSH-DATA-03",
  title: "Instances ignore changes to user_data, image_name, image_id and key_pair",
  explanation:
    "A changed user_data or key_pair replaces the VM; a changed image re-images its root disk in place (the " +
    "plan says 'update'). Jetstream2 republishes featured images weekly. Ignoring these keeps a config edit " +
    "from wiping a VM; replacing one is then a deliberate act (terraform apply -replace).",
  level: PolicyLevel.ERROR,
  hard: false,
  check: (doc) =>
    doc.resources("openstack_compute_instance_v2").flatMap((i) => {
      const ignored = i.body.lifecycle?.ignore_changes;
      if (ignored === "all") return [];
      const missing = REQUIRED.filter((k) => !stringsOf(ignored).includes(k));
      return missing.length === 0 ? [] : [finding(i.address, `lifecycle.ignore_changes lacks ${missing.join(", ")}`)];
    }),
};
