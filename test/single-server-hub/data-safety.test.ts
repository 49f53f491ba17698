import { Duration, JetstreamImage, SingleServerHubProps, Size } from "../../lib";
import { PlannedChange, plannedChanges } from "../support/replacement";
import { describeWithSchema } from "../support/schemas";
import { synth } from "../support/synth";
import { gatewayHub, logins } from "./fixtures";

// Users' data lives on the home volume; the attachment is what puts it under /home. Neither may be replaced or
// deleted by a settings change.
const STATEFUL = ["openstack_blockstorage_volume_v3", "openstack_compute_volume_attach_v2"];

const settingsChanges: [string, Partial<SingleServerHubProps>, keyof typeof logins][] = [
  ["more users (a larger flavor)", { expectedUsers: 20 }, "gitHub"],
  ["more memory per user", { memoryPerUser: Size.gibibytes(10) }, "gitHub"],
  ["a CPU limit", { cpuPerUser: 1 }, "gitHub"],
  ["another login (CILogon)", {}, "ciLogon"],
  ["idle culling", { cullTimeout: Duration.hours(8), cullEvery: Duration.minutes(30) }, "gitHub"],
  ["the TLJH version", { tljhVersion: "2.1.0" }, "gitHub"],
  ["tutorials", { tutorials: { repository: "https://github.com/my-gateway/tutorials" } }, "gitHub"],
  [
    "plugins and user requirements",
    { plugins: ["tljh-repo2docker==1.0.1"], userRequirementsUrl: "https://example.org/requirements.txt" },
    "gitHub",
  ],
  ["the Let's Encrypt contact", { letsEncryptEmail: "other@example.org", letsEncryptStaging: true }, "gitHub"],
  ["the image", { image: JetstreamImage.FEATURED_UBUNTU22 }, "gitHub"],
  ["a custom domain", { domain: "hub.gateway.org" }, "gitHub"],
  ["a larger home volume", { homeVolumeSizeGiB: 250 }, "gitHub"],
];

describeWithSchema("openstack-force-new.json", "changing a hub setting keeps the users' data", (forceNew) => {
  const before = synth(gatewayHub().stack);
  const changesFor = (props: Partial<SingleServerHubProps>, login: keyof typeof logins) =>
    plannedChanges(before, synth(gatewayHub(props, login).stack), forceNew);
  const byType = (changes: PlannedChange[], type: string) => changes.filter((c) => c.type === type);

  test.each(settingsChanges)("%s replaces neither the volume nor its attachment", (_, props, login) => {
    const changes = changesFor(props, login);
    expect(changes.length).toBeGreaterThan(0); // the setting did change something
    // nothing at all is replaced or deleted, stateful or not
    expect(changes.filter((c) => c.action === "replace" || c.action === "delete")).toEqual([]);
    for (const type of STATEFUL) {
      expect(byType(changes, type).filter((c) => c.action !== "update")).toEqual([]);
    }
    // the VM takes changes only through ignored arguments, or resizes in place
    for (const vm of byType(changes, "openstack_compute_instance_v2")) {
      const live = vm.changedPaths.filter((p) => !vm.ignoredPaths.includes(p));
      expect(live.filter((p) => p !== "flavor_name")).toEqual([]);
      expect(vm.ignoredPaths.every((p) => ["user_data", "image_name", "image_id", "key_pair"].includes(p))).toBe(true);
    }
  });

  test("a larger home volume grows in place", () => {
    const [volume] = byType(changesFor({ homeVolumeSizeGiB: 250 }, "gitHub"), STATEFUL[0]);
    expect(volume).toMatchObject({ action: "update", changedPaths: ["size"] });
  });

  test("replacing the VM on purpose re-attaches the same volume and keeps address and name", () => {
    const { stack, hub } = gatewayHub();
    const changes = plannedChanges(before, synth(stack), forceNew, { replace: [hub.instanceAddress] });
    expect(changes.map((c) => [c.type, c.action])).toEqual([
      ["openstack_compute_instance_v2", "replace"],
      ["openstack_compute_volume_attach_v2", "replace"],
    ]);
  });

  test("renaming the hub (name) renames the VM and its volume in place: addresses follow the construct id", () => {
    const changes = changesFor({ name: "hub2" }, "gitHub");
    expect(changes.filter((c) => c.action === "replace" || c.action === "delete" || c.action === "create")).toEqual([]);
    const [volume] = byType(changes, STATEFUL[0]);
    expect(volume).toMatchObject({ action: "update", changedPaths: ["name"] });
  });
});
