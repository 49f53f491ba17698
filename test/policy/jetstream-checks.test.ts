import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { App, Aspects, TerraformStack, Testing } from "cdktf";
import { IConstruct } from "constructs";
import { NetworkingSecgroupRuleV2 } from "../../lib/imports/openstack/networking-secgroup-rule-v2";
import {
  ClusterKeyPair,
  JetstreamChecks,
  JetstreamCluster,
  JetstreamErrors,
  JetstreamFlavor,
  OpenstackProvider,
  PolicyLevel,
  SingleServerHub,
  Size,
} from "../../lib";
import { gitHubLogin } from "../support/hub-fixtures";
import { EXAMPLE_ADMIN_CIDR, EXAMPLE_PUBLIC_KEY } from "../../examples/settings";
import { annotationsOn, check, magnumCluster, open, tljhHost } from "../support/policy";
import { newStack, pathOf, resources } from "../support/synth";

function lab(stack: TerraformStack, id = "Lab"): JetstreamCluster {
  return new JetstreamCluster(stack, id, {
    name: id.toLowerCase(),
    adminCidrs: [EXAMPLE_ADMIN_CIDR],
    keyPair: ClusterKeyPair.fromPublicKey(EXAMPLE_PUBLIC_KEY),
    nodeGroups: [{ name: "web", flavor: JetstreamFlavor.M3_SMALL, floatingIp: true, webAccess: true }],
  });
}

function errorThrown(fn: () => void): Error {
  try {
    fn();
  } catch (e) {
    expect(JetstreamErrors.isValidationError(e)).toBe(true);
    return e as Error;
  }
  throw new Error("expected a validation error");
}

describe("JetstreamChecks", () => {
  test("a JetstreamCluster with defaults has no finding but local state", () => {
    const checked = check((stack) => lab(stack));
    expect(checked.findings.map((f) => f.ruleId)).toEqual(["JSH-STATE-01"]);
  });

  test("reports a finding as an annotation on the construct that owns the block", () => {
    // GIVEN a node whose instance gets an admin password through the escape hatch
    let cluster!: JetstreamCluster;
    const checked = check((stack) => {
      cluster = lab(stack);
      cluster.nodeGroup("web").nodes[0].instance.addOverride("admin_pass", "hunter2hunter2");
    });
    // THEN the finding is an error annotation on that instance, naming the rule and the block
    const instance = cluster.nodeGroup("web").nodes[0].instance;
    const [address] = resources(checked.doc, "openstack_compute_instance_v2").map(([id]) => id);
    expect(annotationsOn(instance, "@cdktf/error")).toEqual([
      `JSH-SEC-02: admin_pass is set; use an SSH key pair (resource.openstack_compute_instance_v2.${address}). ` +
        "Expected: No instance sets admin_pass.",
    ]);
    expect(checked.findings.find((f) => f.ruleId === "JSH-SEC-02")).toMatchObject({
      level: PolicyLevel.ERROR,
      hard: true,
      constructPath: instance.node.path,
    });
  });

  test("checks stack-level overrides too", () => {
    // GIVEN a rule opened to the world by overriding the stack document
    const checked = check((stack) => {
      lab(stack);
      stack.addOverride("resource.openstack_networking_secgroup_rule_v2.extra", {
        direction: "ingress",
        ethertype: "IPv4",
        protocol: "tcp",
        port_range_min: 8888,
        port_range_max: 8888,
        remote_ip_prefix: "0.0.0.0/0",
        security_group_id: "sg",
      });
    });
    // THEN it is found, and reported on the stack (no construct owns it)
    expect(open(checked, "JSH-NET-02")).toEqual(["JSH-NET-02[tcp/8888]"]);
    expect(annotationsOn(checked.stack, "@cdktf/error").join("\n")).toMatch(/JSH-NET-02\[tcp\/8888\]/);
  });

  test("an acknowledgement silences exactly that rule, on that subtree", () => {
    // GIVEN two clusters whose volumes lost prevent_destroy, and an acknowledgement on one of them
    const checked = check((stack) => {
      for (const id of ["Workshop", "Research"]) {
        const cluster = new JetstreamCluster(stack, id, {
          name: id.toLowerCase(),
          nodeGroups: [{ name: "lab", flavor: JetstreamFlavor.M3_QUAD, volumes: [{ name: "scratch", sizeGiB: 10 }] }],
        });
        cluster.nodeGroup("lab").nodes[0].volume("scratch").volume.addOverride("lifecycle.prevent_destroy", false);
        // (cdktf appends override arrays to existing ones; undefined removes the key)
        cluster.nodeGroup("lab").nodes[0].instance.addOverride("lifecycle.ignore_changes", undefined);
        if (id === "Workshop") {
          JetstreamChecks.acknowledge(cluster, [
            { id: "JSH-DATA-01", reason: "one-day workshop; scratch holds nothing to keep" },
          ]);
        }
      }
    });
    // THEN the acknowledged cluster's volume finding is accepted, the other's is not, and other rules still fire
    const data01 = checked.findings.filter((f) => f.ruleId === "JSH-DATA-01");
    expect(data01.map((f) => [f.constructPath.split("/")[1], f.acknowledgedReason !== undefined])).toEqual([
      ["Workshop", true],
      ["Research", false],
    ]);
    expect(open(checked, "JSH-DATA-03")).toHaveLength(2);
    expect(checked.findings.find((f) => f.acknowledgedReason)?.acknowledgedReason).toMatch(/one-day workshop/);
  });

  test("a finding-specific acknowledgement accepts only that finding", () => {
    const checked = check((stack) => {
      const rules = ([8443, 9000] as const).map(
        (port) =>
          new NetworkingSecgroupRuleV2(stack, `Port${port}`, {
            direction: "ingress",
            ethertype: "IPv4",
            protocol: "tcp",
            portRangeMin: port,
            portRangeMax: port,
            remoteIpPrefix: "0.0.0.0/0",
            securityGroupId: "sg",
          }),
      );
      JetstreamChecks.acknowledge(rules[0], [
        { id: "JSH-NET-02[tcp/8443]", reason: "the gateway's public API listens on 8443" },
      ]);
      JetstreamChecks.acknowledge(rules[1], [
        { id: "JSH-NET-02[tcp/8443]", reason: "the wrong finding for this rule, so it stays open" },
      ]);
    });
    expect(open(checked, "JSH-NET-02")).toEqual(["JSH-NET-02[tcp/9000]"]);
  });

  test("a hard finding of an acknowledgeable rule stays, and says it cannot be acknowledged", () => {
    // GIVEN a z2jh-shaped hub on the dummy login, with JSH-AUTH-01 acknowledged
    const checked = check((stack) => {
      tljhHost(stack);
      stack.addOverride("resource.helm_release.Hub", {
        name: "hub",
        namespace: "hub",
        chart: "jupyterhub",
        version: "4.4.0",
        values: ["{}"],
      });
      JetstreamChecks.acknowledge(stack, [
        { id: "JSH-AUTH-01", reason: "acknowledging the dummy login must not work" },
      ]);
    });
    expect(open(checked, "JSH-AUTH-01")).toEqual(["JSH-AUTH-01[open]"]);
    expect(annotationsOn(checked.stack, "@cdktf/error").join("\n")).toMatch(
      /JSH-AUTH-01\[open\].*cannot be acknowledged/,
    );
  });

  test.each(["ok", "xxxxxxxxxxxxxxxxxxxx", "fine fine fine fine fine", "it is ok"])(
    "fails when an acknowledgement's reason says nothing: %j",
    (reason) => {
      const stack = newStack();
      const e = errorThrown(() => JetstreamChecks.acknowledge(stack, [{ id: "JSH-STATE-01", reason }]));
      expect(e.message).toMatch(
        /acknowledgements\[0\]\.reason: a reason must say something: at least 4 different words; got .*\. Allowed: .* Fix: /,
      );
    },
  );

  test.each([
    ["the App", (stack: TerraformStack) => stack.node.scope as IConstruct, "JSH-NET-02"],
    ["a whole stack", (stack: TerraformStack) => stack, "JSH-SEC-03[sensitive-reference]"],
    ["a whole stack", (stack: TerraformStack) => stack, "JSH-META-03[resource.helm_release.hub]"],
  ])("fails when a network, secret or undecided acknowledgement is made on %s", (_, where, id) => {
    const stack = newStack();
    const e = errorThrown(() =>
      JetstreamChecks.acknowledge(where(stack), [{ id, reason: "the reviewer checked this setting by hand" }]),
    );
    expect(e.message).toMatch(/may not be acknowledged on (a whole stack|the App or above the stacks)/);
  });

  test("fails when JSH-META-03 is acknowledged without naming the finding", () => {
    const stack = newStack();
    const c = magnumCluster(stack);
    const e = errorThrown(() =>
      JetstreamChecks.acknowledge(c, [{ id: "JSH-META-03", reason: "every unreadable thing is fine, trust me" }]),
    );
    expect(e.message).toMatch(/acknowledges every unreadable part at once/);
  });

  test("fails when an acknowledgement names an unknown rule", () => {
    const stack = newStack();
    const e = errorThrown(() =>
      JetstreamChecks.acknowledge(stack, [{ id: "JSH-NET-99", reason: "a typo in the rule id" }]),
    );
    expect(e.message).toMatch(
      /acknowledgements\[0\]\.id: no rule has this id; got "JSH-NET-99".*did you mean one of JSH-NET-01/,
    );
  });

  test("fails when an acknowledgement is not a rule id at all", () => {
    const stack = newStack();
    expect(() => JetstreamChecks.acknowledge(stack, [{ id: "NET-02", reason: "missing the pack prefix" }])).toThrow(
      /acknowledgements\[0\]\.id: not a rule id; got "NET-02"/,
    );
  });

  test("fails when an acknowledgement names a hard rule", () => {
    const stack = newStack();
    expect(() =>
      JetstreamChecks.acknowledge(stack, [{ id: "JSH-NET-01", reason: "SSH must be open for the demo" }]),
    ).toThrow(/acknowledgements\[0\]\.id: this rule is hard: its findings cannot be acknowledged; got "JSH-NET-01"/);
  });

  test("fails when there is nothing to acknowledge", () => {
    expect(() => JetstreamChecks.acknowledge(newStack(), [])).toThrow(/acknowledgements: nothing to acknowledge/);
  });

  test("warns about an acknowledgement that matches no finding", () => {
    let cluster!: JetstreamCluster;
    const checked = check((stack) => {
      cluster = lab(stack);
      JetstreamChecks.acknowledge(cluster, [{ id: "JSH-DATA-01", reason: "left over from an earlier workshop" }]);
    });
    expect(annotationsOn(cluster, "@cdktf/warn")).toEqual([
      expect.stringMatching(
        /^JSH-META-01: the acknowledgement of JSH-DATA-01 \("left over from an earlier workshop"\) matched no finding/,
      ),
    ]);
    expect(open(checked, "JSH-META-01")).toEqual(["JSH-META-01"]);
  });

  test("reports acknowledged findings as information when asked", () => {
    const checked = check(
      (stack) =>
        JetstreamChecks.acknowledge(stack, [
          { id: "JSH-STATE-01", reason: "a throwaway test deployment, nothing to keep" },
        ]),
      { reportAcknowledged: true },
    );
    expect(annotationsOn(checked.stack, "@cdktf/info")).toEqual([
      "JSH-STATE-01 acknowledged: a throwaway test deployment, nothing to keep. Finding: state is kept on local disk",
    ]);
    expect(annotationsOn(checked.stack, "@cdktf/warn")).toEqual([]);
  });

  test("reports what a rule cannot decide under the rule's own id and level, acknowledgeable only by full id", () => {
    // GIVEN a Magnum cluster whose labels are computed at deploy time
    const undecidedNet06 = (ack: string) =>
      check((stack) => {
        const c = magnumCluster(stack);
        c.addOverride("labels", "${var.labels}");
        JetstreamChecks.acknowledge(c, [{ id: ack, reason: "labels come from the shared cluster module" }]);
      }).findings.filter((f) => f.ruleId === "JSH-NET-06");
    // THEN a bare rule id does not cover it; the full id does
    const bare = undecidedNet06("JSH-NET-06");
    expect(bare.map((f) => [f.findingId, f.level, f.acknowledgedReason])).toEqual([
      [expect.stringMatching(/^undecided/), PolicyLevel.ERROR, undefined],
    ]);
    const full = undecidedNet06(`JSH-NET-06[${bare[0].findingId}]`);
    expect(full.map((f) => f.acknowledgedReason)).toEqual(["labels come from the shared cluster module"]);
  });

  test("reports a cloud-config it cannot read as JSH-META-03 instead of passing it", () => {
    const checked = check((stack) => {
      tljhHost(stack, { userData: "#cloud-config\nwrite_files: [\n  - path: /opt/tljh/config/config.yaml\n" });
    });
    expect(checked.findings.filter((f) => f.ruleId === "JSH-META-03").map((f) => f.message)).toEqual([
      expect.stringMatching(/cloud-config could not be read: /),
    ]);
  });

  test("does not repeat annotations when the same stack is synthesized twice", () => {
    const checked = check((stack) => lab(stack).nodeGroup("web").nodes[0].instance.addOverride("admin_pass", "x"));
    Testing.synth(checked.stack);
    const all = checked.stack.node.findAll().flatMap((c) => annotationsOn(c, "@cdktf/error"));
    expect(all).toHaveLength(1);
  });

  test("applyTo adds one pack to every stack of an app", () => {
    const app = Testing.app();
    const stacks = [new TerraformStack(app, "one"), new TerraformStack(app, "two")];
    const pack = JetstreamChecks.applyTo(app);
    stacks.forEach((s) => Testing.synth(s));
    expect(pack.findings.map((f) => f.constructPath)).toEqual(["one", "two"]);
  });

  test("applyTo checks a stack created after it was called, as a validation at synthesis", () => {
    // GIVEN the pack applied to an app before its only stack exists, which opens SSH to the world
    const app = Testing.app();
    const pack = JetstreamChecks.applyTo(app);
    const stack = new TerraformStack(app, "late");
    new OpenstackProvider(stack, "openstack");
    new NetworkingSecgroupRuleV2(stack, "Ssh", {
      direction: "ingress",
      ethertype: "IPv4",
      protocol: "tcp",
      portRangeMin: 22,
      portRangeMax: 22,
      remoteIpPrefix: "0.0.0.0/0",
      securityGroupId: "sg",
    });
    // THEN synthesis fails with the hard finding, and the pack has checked the stack
    expect(() => app.synth()).toThrow(/\[late\/Ssh\] JSH-NET-01\[tcp\/22\]/);
    expect(pack.findings.map((f) => f.ruleId)).toContain("JSH-NET-01");
  });

  test("a pack added to the App itself is never run by cdktf 0.21 (why applyTo exists)", () => {
    const app = Testing.app();
    const stack = new TerraformStack(app, "s");
    const pack = new JetstreamChecks();
    Aspects.of(app).add(pack);
    Testing.synth(stack);
    expect(pack.findings).toEqual([]);
  });

  test("an error finding makes app.synth() fail", () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), "jsh-checks-"));
    try {
      const app = new App({ outdir });
      const stack = new TerraformStack(app, "hub");
      new OpenstackProvider(stack, "openstack", {});
      tljhHost(stack).addOverride("admin_pass", "hunter2hunter2");
      JetstreamChecks.applyTo(app);
      expect(() => app.synth()).toThrow(/JSH-SEC-02: admin_pass is set/);
    } finally {
      fs.rmSync(outdir, { recursive: true, force: true });
    }
  });

  describe("a SingleServerHub's VM, which sits in the cluster's tree", () => {
    const SEC03 = "JSH-SEC-03[sensitive-reference]";
    const reason = "the client secret is a reference written root-only at first boot, documented";
    function hubChecked(acknowledgeOn?: "hub" | "cluster"): {
      checked: ReturnType<typeof check>;
      hub: SingleServerHub;
    } {
      let hub!: SingleServerHub;
      const checked = check((stack) => {
        const cluster = new JetstreamCluster(stack, "Cluster", {
          allocation: "cis230085",
          adminCidrs: [EXAMPLE_ADMIN_CIDR],
          keyPair: ClusterKeyPair.fromPublicKey(EXAMPLE_PUBLIC_KEY),
        });
        hub = new SingleServerHub(stack, "Hub", {
          cluster,
          authenticator: gitHubLogin(stack),
          letsEncryptEmail: "hub-admins@example.org",
          expectedUsers: 2,
          memoryPerUser: Size.gibibytes(2),
        });
        // Backups are another rule's business (JSH-DATA-10); this test is about where SEC-03 is acknowledged.
        JetstreamChecks.acknowledge(hub, [
          { id: "JSH-DATA-10", reason: "a test hub without users, nothing to back up" },
        ]);
        if (acknowledgeOn)
          JetstreamChecks.acknowledge(acknowledgeOn === "hub" ? hub : cluster, [{ id: SEC03, reason }]);
      });
      return { checked, hub };
    }

    test("the finding names the hub and the exact call that accepts it", () => {
      const { checked } = hubChecked();
      expect(open(checked, "JSH-SEC-03")).toEqual([SEC03]);
      const vm = checked.stack.node.findAll().find((c) => c.node.path.endsWith("Cluster/Group-hub/Node1/Resource"))!;
      expect(annotationsOn(vm, "@cdktf/error")).toEqual([
        expect.stringContaining(
          `If it is intended, acknowledge it on test/Hub or a scope above: ` +
            `JetstreamChecks.acknowledge(<that construct>, [{ id: "${SEC03}", reason: "<why>" }]).`,
        ),
      ]);
    });

    test.each(["hub", "cluster"] as const)("an acknowledgement on the %s accepts it, and is used", (on) => {
      const { checked } = hubChecked(on);
      expect(open(checked, "JSH-SEC-03")).toEqual([]);
      expect(checked.findings.find((f) => f.ruleId === "JSH-SEC-03")?.acknowledgedReason).toBe(reason);
      expect(open(checked, "JSH-META-01")).toEqual([]);
    });
  });

  test("describes every rule: unique ids in catalogue order, hard rules marked", () => {
    const rules = JetstreamChecks.rules();
    expect(new Set(rules.map((r) => r.id)).size).toBe(rules.length);
    expect(rules.every((r) => /^JSH-(NET|SEC|AUTH|HUB|TLJH|DATA|PIN|STATE|META)-\d{2}$/.test(r.id))).toBe(true);
    expect(rules.filter((r) => r.hard).map((r) => r.id)).toEqual([
      "JSH-NET-01",
      "JSH-SEC-01",
      "JSH-SEC-02",
      "JSH-SEC-04",
      "JSH-SEC-05",
      "JSH-AUTH-04",
      "JSH-HUB-04",
      "JSH-META-01",
    ]);
  });

  test("reports a resource's finding on the construct at the resource's recorded path", () => {
    const checked = check((stack) => {
      const c = lab(stack);
      for (const n of c.nodeGroup("web").nodes) n.instance.addOverride("lifecycle.ignore_changes", undefined);
    });
    const [finding] = checked.findings.filter((f) => f.ruleId === "JSH-DATA-03");
    // (Testing.synth strips the "//" metadata; the stack's own document keeps it)
    const [, body] = resources(checked.stack.toTerraform(), "openstack_compute_instance_v2")[0];
    expect(finding.constructPath).toBe(pathOf(body));
    expect(finding.constructPath).toMatch(/\/Lab\/Group-web\/Node1\/Resource$/);
  });
});
