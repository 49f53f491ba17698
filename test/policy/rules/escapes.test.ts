import { JetstreamChecks, PolicyLevel } from "../../../lib";
import { check, compliantZ2jhValues, open, openWithPrefix, z2jhRelease } from "../../support/policy";
import { hubStack } from "../../support/hub-fixtures";
import { Aspects } from "cdktf";
import { synth } from "../../support/synth";
import { PersistentVolumeV1 } from "@cdktf/provider-kubernetes/lib/persistent-volume-v1";
import { KubernetesProvider } from "@cdktf/provider-kubernetes/lib/provider";
import { Place, SAFE_TRAITS, TRAIT_ESCAPES, VALUES_ESCAPES, chartCanHold, place } from "../../support/escapes";

// Every way out of a user's server that the chart offers (test/support/escapes.ts lists them, with the upstream
// lines that make each place count), through every place it can be written: each must give its finding, as an
// error, on the release.

function errorsFor(values: any, build?: (stack: any) => void): string[] {
  const checked = check((stack) => {
    build?.(stack);
    z2jhRelease(stack, { values });
  });
  return openWithPrefix(checked, "JSH-HUB-")
    .filter((label) => {
      const f = checked.findings.find((x) => (x.findingId ? `${x.ruleId}[${x.findingId}]` : x.ruleId) === label);
      return f?.level === PolicyLevel.ERROR;
    })
    .filter((label, i, all) => all.indexOf(label) === i);
}

// The rules that find ways out of a user's server.
const ESCAPE_RULES = ["02", "05", "06", "15", "16", "17", "18", "19", "20"].map((n) => `JSH-HUB-${n}`);

const traitCases = TRAIT_ESCAPES.flatMap((e) =>
  e.places.map((where) => ({ name: `${e.name} in ${where}`, finding: e.finding, traits: e.traits, where })),
);

describe("escapes from a user's server", () => {
  test("the matrix covers every place the chart offers for each trait", () => {
    for (const e of TRAIT_ESCAPES) {
      const expected = [Place.SPAWNER, Place.PROFILE, Place.CHOICE, ...(chartCanHold(e.traits) ? [Place.CHART] : [])];
      expect([...e.places].sort()).toEqual(expected.sort());
    }
    // The number quoted in the closing note.
    expect(traitCases.length + VALUES_ESCAPES.length).toBe(131);
  });

  test.each(traitCases)("$name gives $finding", ({ finding, traits, where }) => {
    const values = compliantZ2jhValues();
    place(values, where, traits);
    expect(errorsFor(values)).toContain(finding);
  });

  test.each(VALUES_ESCAPES)("$name gives $finding", ({ finding, edit }) => {
    const values = compliantZ2jhValues();
    edit(values);
    expect(errorsFor(values)).toContain(finding);
  });

  const safeCases = SAFE_TRAITS.flatMap((s) => s.places.map((where) => ({ ...s, where })));
  test.each(safeCases)("$name in $where is no escape", ({ traits, where }) => {
    const values = compliantZ2jhValues();
    place(values, where, traits);
    expect(errorsFor(values)).toEqual([]);
  });

  test("safe neighbours of the non-trait escapes give nothing", () => {
    const values = compliantZ2jhValues();
    values.hub.loadRoles.user = { scopes: ["self", "access:servers!user", "read:users:name"] };
    values.hub.allowNamedServers = true;
    values.hub.namedServerLimitPerUser = 3;
    values.singleuser.networkPolicy = {
      egress: [
        { to: [{ ipBlock: { cidr: "0.0.0.0/0", except: ["169.254.169.254/32"] } }] },
        { to: [{ ipBlock: { cidr: "169.254.0.0/16" } }], ports: [{ port: 53, protocol: "UDP" }] },
      ],
    };
    expect(errorsFor(values)).toEqual([]);
  });

  test("an NFS volume straight to the home export, without a per-user subPath, is a shared home", () => {
    const pv = (stack: any) => {
      new KubernetesProvider(stack, "kubernetes", {});
      new PersistentVolumeV1(stack, "HomeVolume", {
        metadata: { name: "jupyterhub-home" },
        spec: [
          {
            capacity: { storage: "500Gi" },
            accessModes: ["ReadWriteMany"],
            persistentVolumeSource: { nfs: { server: "10.0.0.5", path: "/export/home" } },
          },
        ],
      });
    };
    for (const where of [Place.CHART, Place.SPAWNER, Place.PROFILE]) {
      const values = compliantZ2jhValues();
      place(values, where, {
        volumes: [{ name: "all", nfs: { server: "10.0.0.5", path: "/export" } }],
        volume_mounts: [{ name: "all", mountPath: "/mnt/all" }],
      });
      expect(errorsFor(values, pv)).toContain("JSH-HUB-19[shared-home]");
    }
    const own = compliantZ2jhValues();
    place(own, Place.SPAWNER, {
      volumes: [{ name: "scratch", nfs: { server: "10.0.0.6", path: "/scratch" } }],
      volume_mounts: [{ name: "scratch", mountPath: "/scratch" }],
    });
    expect(errorsFor(own, pv)).toEqual([]);
  });

  test("escapes given with Helm set blocks count like values", () => {
    const checked = check((stack) =>
      z2jhRelease(stack, {
        set: [
          { name: "singleuser.uid", value: "0" },
          { name: "hub.config.KubeSpawner.extra_pod_config.hostNetwork", value: "true" },
          { name: "singleuser.storage.static.subPath", value: "" },
        ],
      }),
    );
    expect(openWithPrefix(checked, "JSH-HUB-")).toEqual(
      expect.arrayContaining(["JSH-HUB-06[root]", "JSH-HUB-15[host-network]", "JSH-HUB-19[shared-home]"]),
    );
  });

  test("a reasoned acknowledgement on the hub accepts a GPU profile's privileges; metadata egress stays", () => {
    const values = compliantZ2jhValues();
    place(values, Place.PROFILE, { privileged: true });
    values.singleuser.networkPolicy = { egress: [{ to: [{ ipBlock: { cidr: "0.0.0.0/0" } }] }] };
    const checked = check((stack) => {
      const release = z2jhRelease(stack, { values });
      JetstreamChecks.acknowledge(release, [
        { id: "JSH-HUB-06[containers]", reason: "the GPU profile runs NVIDIA's device plugin, which needs it" },
        { id: "JSH-HUB-02[metadata-egress]", reason: "we would like the metadata service, please" },
      ]);
    });
    expect(openWithPrefix(checked, "JSH-HUB-06")).toEqual([]);
    const metadata = checked.findings.filter((f) => f.ruleId === "JSH-HUB-02");
    expect(metadata.map((f) => [f.findingId, f.hard, f.acknowledgedReason])).toEqual([
      ["metadata-egress", true, undefined],
    ]);
  });

  describe("through the ZeroToJupyterHub construct", () => {
    // The construct's own props, then its two escape hatches: extraValues and addOverride on the release.
    function hubFindings(props: any, edit?: (hub: any) => void) {
      const { stack, hub } = hubStack(props);
      edit?.(hub);
      const pack = new JetstreamChecks();
      Aspects.of(stack).add(pack);
      const checked = { stack, pack, doc: synth(stack), findings: pack.findings };
      return ESCAPE_RULES.flatMap((id) => open(checked, id));
    }

    test("typed props, named servers included, leave no way out", () => {
      expect(hubFindings({})).toEqual([]);
      expect(hubFindings({ namedServersPerUser: 2 })).toEqual([]);
    });

    test("extraValues reach every place", () => {
      const found = hubFindings({
        extraValues: {
          hub: { allowNamedServers: true, namedServerLimitPerUser: null, loadRoles: { user: { scopes: ["servers"] } } },
          singleuser: {
            extraPodConfig: { hostNetwork: true },
            storage: { static: { subPath: "" } },
            profileList: [{ display_name: "Root", slug: "root", kubespawner_override: { uid: 0 } }],
          },
        },
      });
      expect(found).toEqual(
        expect.arrayContaining([
          "JSH-HUB-15[host-network]",
          "JSH-HUB-19[shared-home]",
          "JSH-HUB-06[root]",
          "JSH-HUB-18[scope:servers]",
          "JSH-HUB-20[unbounded]",
        ]),
      );
    });

    test("addOverride on the release is read like any other value", () => {
      const found = hubFindings({}, (hub) =>
        hub.release.addOverride("set", [{ name: "hub.config.KubeSpawner.privileged", value: "true" }]),
      );
      expect(found).toEqual(["JSH-HUB-06[containers]"]);
    });
  });
});
