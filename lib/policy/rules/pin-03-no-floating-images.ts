import { PolicyLevel, PolicyRule, finding } from "../rule";
import { stringsOf } from "../values";

/** JSH-PIN-03: a VM's image does not follow "the newest image" lookups. */
export const noFloatingImages: PolicyRule = {
  id: "JSH-PIN-03",
  title: "Instances do not take their image from a most_recent image lookup unless they ignore image changes",
  explanation:
    "Jetstream2 republishes featured images; a data source with most_recent = true returns a new id each time, " +
    "and the next apply re-images the VM's root disk. Ignore image changes (JSH-DATA-03) or use a literal id.",
  level: PolicyLevel.ERROR,
  hard: false,
  check: (doc) => {
    const floating = doc
      .dataSources("openstack_images_image_v2")
      .filter((d) => d.body.most_recent === true)
      .map((d) => `data.openstack_images_image_v2.${d.name}.`);
    return doc
      .resources("openstack_compute_instance_v2")
      .filter((i) => {
        const ignored = i.body.lifecycle?.ignore_changes;
        const ignores =
          ignored === "all" || (stringsOf(ignored).includes("image_id") && stringsOf(ignored).includes("image_name"));
        const source = `${i.body.image_id ?? ""} ${i.body.image_name ?? ""}`;
        return !ignores && floating.some((f) => source.includes(f));
      })
      .map((i) => finding(i.address, "the image comes from a most_recent lookup and image changes are not ignored"));
  },
};
