import { PersistentVolumeClaimV1 } from "@cdktf/provider-kubernetes/lib/persistent-volume-claim-v1";
import { PersistentVolumeV1 } from "@cdktf/provider-kubernetes/lib/persistent-volume-v1";
import { StorageClassV1 } from "@cdktf/provider-kubernetes/lib/storage-class-v1";
import { KubernetesProvider } from "@cdktf/provider-kubernetes/lib/provider";
import { ITerraformDependable } from "cdktf";
import { Construct } from "constructs";
import { INfsHomeStorage } from "../core/interfaces";
import { Size } from "../core/units";
import { JetstreamValidationError } from "../core/errors";
import { checkNonEmpty, fail, isUnresolved } from "../core/validate";

/** Where users' home directories live. */
export enum HomeStorageKind {
  /** One NFS export outside the cluster, a sub-folder per user (the chart's `static` storage). */
  NFS = "nfs",
  /** One Cinder volume per user, made by the cluster's CSI driver (the chart's `dynamic` storage). */
  DYNAMIC = "dynamic",
  /** No persistent home: everything a user saves is lost when the server stops. */
  NONE = "none",
}

/**
 * Options for `HomeStorage.dynamic`.
 */
export interface DynamicHomeStorageOptions {
  /**
   * The size of each user's volume (`singleuser.storage.capacity`).
   *
   * Tokens: n.a.; a Size.
   *
   * @default - the chart's 10Gi
   */
  readonly capacity?: Size;
  /**
   * The CSI driver that makes the volumes, for the StorageClass the hub creates. Not used with `storageClass`.
   *
   * Tokens: accepted; written as the storage class's provisioner, as a reference.
   *
   * @default "cinder.csi.openstack.org" (OpenStack Cinder, as on Jetstream2's Magnum clusters)
   */
  readonly provisioner?: string;
  /**
   * An existing StorageClass to make the volumes with (`singleuser.storage.dynamic.storageClass`): the hub then
   * creates none. Its reclaim policy decides what happens to a home when its claim is deleted; make it `Retain`.
   *
   * Tokens: accepted; written into the Helm values as a reference.
   *
   * @default - a StorageClass `<namespace>-home-retain` that the hub creates, with reclaim policy Retain
   */
  readonly storageClass?: string;
}

/**
 * Options for `HomeStorage.existingClaim`.
 */
export interface ExistingClaimHomeOptions {
  /**
   * Each user's folder in the claim (`singleuser.storage.static.subPath`), KubeSpawner's template.
   *
   * Tokens: accepted; written into the Helm values as a reference; JSH-HUB-19 reports it as undecided unless it also
   * has `{username}`.
   *
   * @default "{username}"
   */
  readonly subPath?: string;
}

/**
 * Options for `HomeStorage.nfs`.
 */
export interface NfsHomeOptions {
  /**
   * A folder of the export that holds this hub's homes (`<export>/<subDirectory>/<username>`), so that two hubs
   * on one export keep their users apart: a GitHub `alice` on one hub and a gateway `alice` on the other get
   * different homes. Relative, without `..`. Two hubs in one app on the same export and folder are refused unless
   * both say `shared: true`.
   *
   * Tokens: accepted; written into the Helm values as a reference.
   *
   * @default - the export's root: homes at `<export>/<username>`, as before this option existed
   */
  readonly subDirectory?: string;
  /**
   * Share the homes with the other hubs of the app that use the same export and folder (and say so too): one user
   * name, one home, on every such hub.
   *
   * Tokens: n.a.; a boolean.
   *
   * @default false
   */
  readonly shared?: boolean;
}

/** What binding a home storage choice made, for the values renderer. */
export interface BoundHomeStorage {
  readonly kind: HomeStorageKind;
  /** NFS: the claim every user's home is a sub-folder of. */
  readonly claimName?: string;
  /** NFS: each user's folder in the claim, as KubeSpawner's template (default `{username}`). */
  readonly subPath?: string;
  /** NFS: the folder of the export that holds this hub's homes, empty for the export's root. */
  readonly subDirectory?: string;
  /** NFS: the export, for telling which hubs share it. */
  readonly server?: INfsHomeStorage;
  /** NFS: whether the hub shares its homes on purpose. */
  readonly shared?: boolean;
  /** Dynamic: the storage class of the per-user volumes. */
  readonly storageClassName?: string;
  /** Dynamic: each user's volume size. */
  readonly capacity?: Size;
  /** The objects that must exist before users' servers start. */
  readonly dependables: ITerraformDependable[];
}

/** Where the hub's objects go, for `HomeStorage._bind`. */
export interface HomeStorageBinding {
  /** The hub's namespace. */
  readonly namespace: string;
  /** The cluster's own out-of-cluster home storage, if any. */
  readonly clusterHomeStorage?: INfsHomeStorage;
  /** What the claim must wait for (the namespace). */
  readonly dependsOn: ITerraformDependable[];
  /**
   * The Kubernetes provider of the objects.
   *
   * @default - the stack's default provider
   */
  readonly provider?: KubernetesProvider;
}

/**
 * Where users' home directories live: `singleuser.storage` in the chart.
 *
 * The default, `HomeStorage.nfs()`, mounts the cluster's out-of-cluster NFS export: its data volume belongs to
 * Terraform (with `prevent_destroy`), not to the cluster, so deleting the cluster or the release leaves every home
 * in place. `HomeStorage.dynamic()` makes one Cinder volume per user instead; read its notes before choosing it.
 *
 * @see https://z2jh.jupyter.org/en/stable/jupyterhub/customizing/user-storage.html
 */
export class HomeStorage {
  /**
   * Homes as sub-folders (`{username}`) of one NFS export outside the cluster, mounted through a static
   * PersistentVolume (reclaim policy Retain) and a claim in the hub's namespace.
   *
   * The export must let uid 1000 (jovyan) create and own the per-user folders, e.g. `all_squash` with
   * `anonuid=1000,anongid=100`, and the workers need an NFS client.
   *
   * @param server the export
   * @default - the cluster's `homeStorage`
   * @param options which folder of the export holds this hub's homes, and whether other hubs share it
   */
  public static nfs(server?: INfsHomeStorage, options: NfsHomeOptions = {}): HomeStorage {
    return new HomeStorage(HomeStorageKind.NFS, server, {}, options);
  }

  /**
   * One Cinder volume per user, through a storage class with reclaim policy Retain (an opt-in).
   *
   * Every user who ever logs in costs one volume of the allocation's quota (10 volumes by default on Jetstream2).
   * On a Magnum (Cluster API) cluster, the cluster janitor may delete volumes made by the CSI driver when the
   * cluster is deleted, whatever the reclaim policy says, so back the homes up before deleting a cluster.
   */
  public static dynamic(options: DynamicHomeStorageOptions = {}): HomeStorage {
    return new HomeStorage(HomeStorageKind.DYNAMIC, undefined, options);
  }

  /**
   * One volume per user from the cluster's default StorageClass (`singleuser.storage.type: dynamic` with no
   * `storageClass`), as most existing values files have it. The hub creates no StorageClass: the default class's
   * reclaim policy (on Jetstream2's Magnum clusters, Delete) decides what happens to a home whose claim is deleted.
   *
   * @param options the size of each volume
   */
  public static clusterDefault(options: DynamicHomeStorageOptions = {}): HomeStorage {
    if (options.storageClass !== undefined || options.provisioner !== undefined) {
      throw new JetstreamValidationError({
        prop: "homeStorage",
        value: options.storageClass ?? options.provisioner,
        problem: "HomeStorage.clusterDefault() uses the cluster's default class, so it takes no class or provisioner",
        allowed: "only capacity",
        fix: "use HomeStorage.dynamic({ storageClass }) to name a class",
      });
    }
    return new HomeStorage(HomeStorageKind.DYNAMIC, undefined, { ...options, useDefaultClass: true });
  }

  /**
   * Homes as sub-folders of a PersistentVolumeClaim that already exists in the hub's namespace
   * (`singleuser.storage.type: static`, `static.pvcName`, `static.subPath`): an NFS share or CephFS volume the
   * cluster's admins made. The hub creates nothing and deletes nothing.
   *
   * @param claimName the claim's name
   * @param options each user's folder in it
   */
  public static existingClaim(claimName: string, options: ExistingClaimHomeOptions = {}): HomeStorage {
    return new HomeStorage(HomeStorageKind.NFS, undefined, { claimName, subPath: options.subPath });
  }

  /** No persistent homes: for workshops where nothing must outlive a session. */
  public static none(): HomeStorage {
    return new HomeStorage(HomeStorageKind.NONE, undefined, {});
  }

  /** Which kind of storage this is. */
  public readonly kind: HomeStorageKind;

  private constructor(
    kind: HomeStorageKind,
    private readonly server: INfsHomeStorage | undefined,
    private readonly options: StorageChoice,
    private readonly nfsOptions: NfsHomeOptions = {},
  ) {
    this.kind = kind;
  }

  /**
   * @internal Creates the Kubernetes objects this choice needs in `scope` and says what the chart must use.
   */
  public _bind(scope: Construct, binding: HomeStorageBinding): BoundHomeStorage {
    switch (this.kind) {
      case HomeStorageKind.NONE:
        return { kind: this.kind, dependables: [] };
      case HomeStorageKind.DYNAMIC:
        return this.bindDynamic(scope, binding);
      case HomeStorageKind.NFS:
        return this.bindNfs(scope, binding);
    }
  }

  private bindNfs(scope: Construct, binding: HomeStorageBinding): BoundHomeStorage {
    const existing = this.options;
    if (existing.claimName !== undefined) {
      if (!isUnresolved(existing.claimName) && !isDnsSubdomain(existing.claimName)) {
        fail(scope, {
          prop: "homeStorage.claimName",
          value: existing.claimName,
          problem: "not a PersistentVolumeClaim name",
          allowed: "lower-case letters, digits, '-' and '.', e.g. home-nfs",
          fix: "use the name `kubectl get pvc -n <namespace>` shows",
        });
      }
      return {
        kind: this.kind,
        claimName: existing.claimName,
        subPath: existing.subPath,
        subDirectory: "",
        dependables: [],
      };
    }
    const server = this.server ?? binding.clusterHomeStorage;
    if (!server) {
      fail(scope, {
        prop: "homeStorage",
        value: "HomeStorage.nfs() on a cluster without homeStorage",
        problem: "the cluster has no out-of-cluster home storage to mount",
        allowed: "HomeStorage.nfs(server), HomeStorage.dynamic() or HomeStorage.none()",
        fix: "give the NFS export (HomeStorage.nfs({ serverAddress, exportPath, capacity })), or choose dynamic or none explicitly",
      });
    }
    checkNonEmpty(scope, "homeStorage.serverAddress", server.serverAddress, "give the NFS server's address");
    checkNonEmpty(scope, "homeStorage.exportPath", server.exportPath, "give the exported path, e.g. /export/home");
    if (!isUnresolved(server.exportPath) && !server.exportPath.startsWith("/")) {
      fail(scope, {
        prop: "homeStorage.exportPath",
        value: server.exportPath,
        problem: "not an absolute path",
        allowed: "an absolute path such as /export/home",
        fix: "write the path as the server exports it, starting with /",
      });
    }
    if (!(server.capacity instanceof Size) || !server.capacity.isPositive()) {
      fail(scope, {
        prop: "homeStorage.capacity",
        value: server.capacity,
        problem: "must be a positive Size",
        allowed: "the size of the volume behind the export, e.g. Size.gibibytes(500)",
        fix: "use Size.gibibytes(n)",
      });
    }
    // A class name no StorageClass object carries: the claim can then bind only to this volume, never to a
    // volume the cluster's default class would make.
    const className = `${binding.namespace}-home-nfs`;
    const subDirectory = this.nfsOptions.subDirectory ?? "";
    if (
      typeof subDirectory !== "string" ||
      (subDirectory !== "" &&
        !isUnresolved(subDirectory) &&
        (!/^[A-Za-z0-9._-]+(\/[A-Za-z0-9._-]+)*$/.test(subDirectory) || subDirectory.split("/").includes("..")))
    ) {
      fail(scope, {
        prop: "homeStorage.subDirectory",
        value: subDirectory,
        problem: "not a relative folder of the export",
        allowed: "folder names of letters, digits, '.', '_' and '-', joined by '/', without '..' or a leading '/'",
        fix: "use the hub's name, e.g. subDirectory: 'course'",
      });
    }
    const volume = new PersistentVolumeV1(scope, "HomeVolume", {
      provider: binding.provider,
      metadata: { name: `${binding.namespace}-home`, labels: LABELS },
      spec: [
        {
          capacity: { storage: server.capacity.toKubernetesQuantity() },
          accessModes: ["ReadWriteMany"],
          persistentVolumeReclaimPolicy: "Retain",
          storageClassName: className,
          claimRef: { namespace: binding.namespace, name: CLAIM_NAME },
          persistentVolumeSource: { nfs: { server: server.serverAddress, path: server.exportPath } },
        },
      ],
    });
    const claim = new PersistentVolumeClaimV1(scope, "HomeVolumeClaim", {
      provider: binding.provider,
      metadata: { name: CLAIM_NAME, namespace: binding.namespace, labels: LABELS },
      spec: {
        accessModes: ["ReadWriteMany"],
        storageClassName: className,
        volumeName: volume.metadata.name,
        // A fixed, small request: the claim binds to this volume by name whatever its size, and Kubernetes refuses
        // to grow a bound claim that no StorageClass can expand, so a request that followed `capacity` would make
        // growing the NFS volume fail the next apply.
        resources: { requests: { storage: STATIC_CLAIM_REQUEST } },
      },
      dependsOn: binding.dependsOn,
    });
    return {
      kind: this.kind,
      claimName: CLAIM_NAME,
      subPath: server.userSubPath,
      subDirectory,
      server,
      shared: this.nfsOptions.shared === true,
      dependables: [claim],
    };
  }

  private bindDynamic(scope: Construct, binding: HomeStorageBinding): BoundHomeStorage {
    const capacity = this.options.capacity;
    if (capacity !== undefined && (!(capacity instanceof Size) || capacity.toMebibytes() < 1024)) {
      fail(scope, {
        prop: "homeStorage.capacity",
        value: capacity instanceof Size ? capacity.toString() : capacity,
        problem: "too small for a home directory (Cinder volumes come in whole GiB)",
        allowed: "at least Size.gibibytes(1)",
        fix: "use Size.gibibytes(n), e.g. Size.gibibytes(10)",
      });
    }
    if (this.options.useDefaultClass) {
      return { kind: this.kind, capacity, dependables: [] };
    }
    if (this.options.storageClass !== undefined) {
      const name = this.options.storageClass;
      if (!isUnresolved(name) && !isDnsSubdomain(name)) {
        fail(scope, {
          prop: "homeStorage.storageClass",
          value: name,
          problem: "not a StorageClass name",
          allowed: "lower-case letters, digits, '-' and '.', e.g. cinder-retain",
          fix: "use the name `kubectl get storageclass` shows",
        });
      }
      return { kind: this.kind, storageClassName: name, capacity, dependables: [] };
    }
    const provisioner = checkNonEmpty(
      scope,
      "homeStorage.provisioner",
      this.options.provisioner ?? "cinder.csi.openstack.org",
      "name the CSI driver, e.g. cinder.csi.openstack.org",
    );
    const name = `${binding.namespace}-home-retain`;
    const storageClass = new StorageClassV1(scope, "HomeStorageClass", {
      provider: binding.provider,
      metadata: { name, labels: LABELS },
      storageProvisioner: provisioner,
      // Retain: deleting a claim (or the release) leaves the volume and its data in OpenStack.
      reclaimPolicy: "Retain",
      volumeBindingMode: "WaitForFirstConsumer",
      allowVolumeExpansion: true,
    });
    return {
      kind: this.kind,
      storageClassName: name,
      capacity,
      dependables: [storageClass],
    };
  }
}

/** What a factory chose, kept privately for `_bind`. */
interface StorageChoice extends DynamicHomeStorageOptions {
  /** Dynamic: the cluster's default class, no class of the hub's own. */
  readonly useDefaultClass?: boolean;
  /** Static: an existing claim. */
  readonly claimName?: string;
  /** Static: each user's folder in the existing claim. */
  readonly subPath?: string;
}

function isDnsSubdomain(name: unknown): boolean {
  return typeof name === "string" && /^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/.test(name);
}

const CLAIM_NAME = "home";
const STATIC_CLAIM_REQUEST = "1Gi";
const LABELS = { "app.kubernetes.io/managed-by": "terraform", "app.kubernetes.io/part-of": "jupyterhub" };
