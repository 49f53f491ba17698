import { TerraformStack } from "cdktf";
import { NamespaceV1 } from "@cdktf/provider-kubernetes/lib/namespace-v1";
import { KubernetesProvider } from "@cdktf/provider-kubernetes/lib/provider";
import { StorageClassV1 } from "@cdktf/provider-kubernetes/lib/storage-class-v1";
import {
  Authenticator,
  HomeBackups,
  JetstreamChecks,
  JetstreamCluster,
  JetstreamFlavor,
  NfsHomeServer,
  Secret,
  SingleServerHub,
  Size,
} from "../../../lib";
import {
  check,
  compliantZ2jhValues,
  open,
  openWithPrefix,
  findingsOf,
  magnumCluster,
  tljhCloudConfig,
  tljhHost,
  z2jhRelease,
} from "../../support/policy";

function withHome(stack: TerraformStack): JetstreamCluster {
  return new JetstreamCluster(stack, "Lab", {
    name: "lab",
    nodeGroups: [{ name: "nfs", flavor: JetstreamFlavor.M3_SMALL, volumes: [{ name: "export", sizeGiB: 500 }] }],
  });
}

function kubernetes(stack: TerraformStack): void {
  if (!stack.node.tryFindChild("kubernetes")) new KubernetesProvider(stack, "kubernetes", {});
}

describe("data-safety rules", () => {
  test("a JetstreamCluster with volumes passes every data-safety rule", () => {
    expect(openWithPrefix(check(withHome), "JSH-DATA-")).toEqual([]);
  });

  test("JSH-DATA-01 flags a volume whose prevent_destroy was overridden away", () => {
    const found = findingsOf("JSH-DATA-01", (stack) =>
      withHome(stack).nodeGroup("nfs").nodes[0].volume("export").volume.addOverride("lifecycle.prevent_destroy", false),
    );
    expect(found).toEqual(["JSH-DATA-01"]);
  });

  describe("JSH-DATA-02 TLJH homes on their own volume", () => {
    test("the TLJH fixture complies", () => {
      expect(findingsOf("JSH-DATA-02", (stack) => tljhHost(stack))).toEqual([]);
    });

    test("flags a hub without a home volume or mount, and a boot volume deleted with the VM", () => {
      const found = findingsOf("JSH-DATA-02", (stack) => {
        const cc = tljhCloudConfig();
        delete cc.mounts;
        tljhHost(stack, { cloudConfig: cc, homeVolume: false }).addOverride("block_device", [
          { uuid: "x", source_type: "image", destination_type: "volume", delete_on_termination: true },
        ]);
      });
      expect(found).toEqual([
        "JSH-DATA-02[no-volume]",
        "JSH-DATA-02[not-mounted]",
        "JSH-DATA-02[delete-on-termination]",
      ]);
    });

    test("accepts a mount done by a command", () => {
      const found = findingsOf("JSH-DATA-02", (stack) => {
        const cc = tljhCloudConfig();
        delete cc.mounts;
        cc.bootcmd.push("mount /dev/disk/by-id/virtio-home /home");
        tljhHost(stack, { cloudConfig: cc });
      });
      expect(found).toEqual([]);
    });
  });

  test("JSH-DATA-03 flags an instance whose ignore_changes was dropped", () => {
    const found = findingsOf("JSH-DATA-03", (stack) =>
      withHome(stack).nodeGroup("nfs").nodes[0].instance.addOverride("lifecycle.ignore_changes", undefined),
    );
    expect(found).toEqual(["JSH-DATA-03"]);
  });

  test("JSH-DATA-04 flags a Magnum cluster without protection", () => {
    expect(findingsOf("JSH-DATA-04", (stack) => magnumCluster(stack))).toEqual([]);
    expect(findingsOf("JSH-DATA-04", (stack) => magnumCluster(stack, {}, {}))).toEqual([
      "JSH-DATA-04[prevent-destroy]",
      "JSH-DATA-04[labels]",
    ]);
  });

  test("JSH-DATA-05 flags Delete reclaim policies", () => {
    expect(findingsOf("JSH-DATA-05", (stack) => magnumCluster(stack))).toEqual([]);
    const found = findingsOf("JSH-DATA-05", (stack) => {
      kubernetes(stack);
      magnumCluster(stack, { csi_cinder_reclaim_policy: "Delete" });
      new StorageClassV1(stack, "Homes", {
        metadata: { name: "homes" },
        storageProvisioner: "cinder.csi.openstack.org",
      });
    });
    expect(found).toEqual(["JSH-DATA-05[magnum]", "JSH-DATA-05[storage-class]"]);
  });

  test("JSH-DATA-06 flags per-user volumes made inside the cluster (the chart's default)", () => {
    expect(findingsOf("JSH-DATA-06", (stack) => z2jhRelease(stack))).toEqual([]);
    const values = compliantZ2jhValues();
    delete values.singleuser.storage;
    expect(findingsOf("JSH-DATA-06", (stack) => z2jhRelease(stack, { values }))).toEqual(["JSH-DATA-06"]);
  });

  test("JSH-DATA-07 flags KubeSpawner's default of deleting volumes with users", () => {
    const values = compliantZ2jhValues();
    delete values.hub.config.KubeSpawner;
    expect(findingsOf("JSH-DATA-07", (stack) => z2jhRelease(stack, { values }))).toEqual(["JSH-DATA-07"]);
  });

  describe("JSH-DATA-08 stable release", () => {
    test("a literal name and a protected Terraform namespace comply", () => {
      const found = findingsOf("JSH-DATA-08", (stack) => {
        kubernetes(stack);
        const ns = new NamespaceV1(stack, "Ns", {
          metadata: { name: "jupyterhub" },
          lifecycle: { preventDestroy: true },
        });
        z2jhRelease(stack, { namespace: ns.metadata.name });
      });
      expect(found).toEqual([]);
    });

    test("flags a computed or too long name, and an unprotected namespace", () => {
      const found = findingsOf("JSH-DATA-08", (stack) => {
        kubernetes(stack);
        new NamespaceV1(stack, "Ns", { metadata: { name: "jupyterhub" } });
        z2jhRelease(stack, { name: "h".repeat(54) });
      });
      expect(found).toEqual(["JSH-DATA-08[name]", "JSH-DATA-08[namespace-protected]"]);
      const computed = findingsOf("JSH-DATA-08", (stack) => z2jhRelease(stack, { name: "${var.release}" }));
      expect(computed).toEqual(["JSH-DATA-08[name]"]);
    });
  });

  describe("JSH-DATA-10 homes are backed up", () => {
    const withBackups = (stack: TerraformStack) =>
      HomeBackups.toObjectStore({
        bucket: "cis230085-home-backups",
        accessKeyId: Secret.fromEnvironment(stack, "backup_access_key"),
        secretAccessKey: Secret.fromEnvironment(stack, "backup_secret_key"),
        repositoryPassword: Secret.fromEnvironment(stack, "backup_repository_password"),
      });
    const cluster = (stack: TerraformStack) =>
      new JetstreamCluster(stack, "Lab", { name: "lab", allocation: "cis230085", adminCidrs: ["198.51.100.0/24"] });
    const hub = (stack: TerraformStack, backups?: HomeBackups) =>
      new SingleServerHub(stack, "Hub", {
        cluster: cluster(stack),
        authenticator: Authenticator.gitHub({
          clientId: "Iv1.x",
          clientSecret: Secret.fromEnvironment(stack, "github_client_secret"),
          adminUsers: ["alice"],
          allowedOrganizations: ["lab"],
        }),
        letsEncryptEmail: "admins@example.org",
        expectedUsers: 2,
        memoryPerUser: Size.gibibytes(4),
        backups,
      });
    const nfs = (stack: TerraformStack, backups?: HomeBackups) =>
      new NfsHomeServer(stack, "Home", { cluster: cluster(stack), clientCidrs: ["10.0.0.0/24"], backups });

    test("flags a TLJH hub and an NFS home server without backups", () => {
      expect(findingsOf("JSH-DATA-10", (stack) => tljhHost(stack))).toEqual(["JSH-DATA-10[no-backups]"]);
      expect(findingsOf("JSH-DATA-10", (stack) => hub(stack))).toEqual(["JSH-DATA-10[no-backups]"]);
      expect(findingsOf("JSH-DATA-10", (stack) => nfs(stack))).toEqual(["JSH-DATA-10[no-backups]"]);
    });

    test("passes with HomeBackups, and ignores VMs that hold no homes", () => {
      expect(findingsOf("JSH-DATA-10", (stack) => hub(stack, withBackups(stack)))).toEqual([]);
      expect(findingsOf("JSH-DATA-10", (stack) => nfs(stack, withBackups(stack)))).toEqual([]);
      expect(findingsOf("JSH-DATA-10", withHome)).toEqual([]);
    });

    test("a script written but never scheduled does not count", () => {
      const found = findingsOf("JSH-DATA-10", (stack) => {
        const cc = tljhCloudConfig();
        cc.write_files.push({ path: "/usr/local/sbin/jetstream-home-backup", content: "#!/bin/sh\n" });
        tljhHost(stack, { cloudConfig: cc });
      });
      expect(found).toEqual(["JSH-DATA-10[no-backups]"]);
    });

    test("is acknowledged with a reason", () => {
      const checked = check((stack) => {
        hub(stack);
        JetstreamChecks.acknowledge(stack, [
          { id: "JSH-DATA-10", reason: "a one-day workshop: the homes are deleted at the end of the day" },
        ]);
      });
      expect(open(checked, "JSH-DATA-10")).toEqual([]);
      expect(checked.findings.find((f) => f.ruleId === "JSH-DATA-10")?.acknowledgedReason).toMatch(/workshop/);
    });
  });
});
