import { IConstruct } from "constructs";
import { JetstreamFlavor } from "../core/flavor";
import { isDnsLabel, toDnsLabel } from "../core/naming";
import { Size } from "../core/units";
import { checkInteger, checkLiteral, checkWholeMap, fail } from "../core/validate";
import { checkImage, ContainerImage } from "./image";
import { checkServerResources, ServerResources } from "./resources";

/**
 * One choice on the hub's "Server Options" page: an entry of the chart's `singleuser.profileList`.
 *
 * Anything a profile leaves out comes from the hub's own settings (image, memory, CPU). A profile with `gpus`
 * runs on the cluster's GPU workers.
 *
 * @see https://z2jh.jupyter.org/en/stable/jupyterhub/customizing/user-environment.html#using-multiple-profiles-to-let-users-select-their-environment
 */
export interface Profile {
  /**
   * The name users see, e.g. "CPU: 2 cores, 8 GiB".
   *
   * Tokens: accepted; written into the Helm values as a reference.
   */
  readonly displayName: string;
  /**
   * The profile's stable id (KubeSpawner's `slug`), unique on the hub.
   *
   * Tokens: refused; slugs are checked and compared at synth.
   *
   * @default - not rendered: KubeSpawner derives it from displayName (lower case, letters, digits and '-')
   */
  readonly slug?: string;
  /**
   * A sentence under the name.
   *
   * Tokens: accepted; written into the Helm values as a reference.
   *
   * @default - none
   */
  readonly description?: string;
  /**
   * Preselect this profile. At most one profile may be the default.
   *
   * Tokens: n.a.; a boolean.
   *
   * @default false (KubeSpawner preselects the first profile when none is marked)
   */
  readonly default?: boolean;
  /**
   * The image for this profile.
   *
   * Tokens: n.a.; a struct whose props say for themselves.
   *
   * @default - the hub's image
   */
  readonly image?: ContainerImage;
  /**
   * Memory guaranteed to the server.
   *
   * Tokens: n.a.; a Size.
   *
   * @default - the hub's memoryGuarantee
   */
  readonly memoryGuarantee?: Size;
  /**
   * Memory the server may use at most.
   *
   * Tokens: n.a.; a Size.
   *
   * @default - the hub's memoryLimit
   */
  readonly memoryLimit?: Size;
  /**
   * vCPUs guaranteed to the server.
   *
   * Tokens: accepted; written into the Helm values as a reference.
   *
   * @default - the hub's cpuGuarantee
   */
  readonly cpuGuarantee?: number;
  /**
   * vCPUs the server may use at most.
   *
   * Tokens: accepted; written into the Helm values as a reference.
   *
   * @default - the hub's cpuLimit
   */
  readonly cpuLimit?: number;
  /**
   * Labels a node must carry to run this profile's servers (`kubespawner_override.node_selector`).
   *
   * Tokens: refused as a whole map, accepted per value; each key is checked, and each value written into the Helm
   * values as a reference.
   *
   * @default - any node the hub's user pods may use
   */
  readonly nodeSelector?: { [label: string]: string };
  /**
   * Sidecar containers beside the notebook (`kubespawner_override.extra_containers`): Kubernetes Container objects
   * as in a Pod spec.
   *
   * Tokens: n.a.; free-form container objects, not a string, number or list.
   *
   * @default - none
   */
  readonly extraContainers?: { [key: string]: any }[];
  /**
   * Any other KubeSpawner trait for this profile (`kubespawner_override`), e.g. `{ environment: { ... } }`. Merged
   * over the keys the typed props above set.
   *
   * Tokens: n.a.; free-form trait values, not a string, number or list.
   *
   * @default - none
   */
  readonly kubespawnerOverride?: { [trait: string]: any };
  /**
   * Drop-down choices inside this profile (`profile_options`), e.g. an image or a resource size.
   *
   * Tokens: n.a.; a list of structs whose props say for themselves.
   *
   * @default - none
   */
  readonly profileOptions?: ProfileOption[];
  /**
   * GPUs (`nvidia.com/gpu`) for the server. A Jetstream2 g3 VM carries one GPU slice, so 0 or 1; 1 needs GPU
   * workers in the cluster.
   *
   * Tokens: refused; it picks GPU nodes and is checked against the flavor at synth.
   *
   * @default 0
   */
  readonly gpus?: number;
}

/**
 * One choice of a profile option (`profile_options.<name>.choices.<key>`).
 */
export interface ProfileOptionChoice {
  /**
   * The choice's key in the chart values.
   *
   * Tokens: accepted; written into the Helm values as a reference.
   */
  readonly key: string;
  /**
   * What users see (`display_name`).
   *
   * Tokens: accepted; written into the Helm values as a reference.
   */
  readonly displayName: string;
  /**
   * Preselect this choice (`default`).
   *
   * Tokens: n.a.; a boolean.
   *
   * @default false
   */
  readonly default?: boolean;
  /**
   * KubeSpawner traits this choice sets (`kubespawner_override`), e.g. `{ image: "quay.io/org/image:2024.1" }`.
   *
   * Tokens: n.a.; free-form trait values, not a string, number or list.
   *
   * @default - none
   */
  readonly kubespawnerOverride?: { [trait: string]: any };
}

/**
 * A free-text choice users may type instead of picking one (`profile_options.<name>.unlisted_choice`).
 */
export interface ProfileUnlistedChoice {
  /**
   * The label of the text box (`display_name`).
   *
   * Tokens: accepted; written into the Helm values as a reference.
   */
  readonly displayName: string;
  /**
   * A regular expression the text must match (`validation_regex`).
   *
   * Tokens: accepted; written into the Helm values as a reference.
   *
   * @default - any text
   */
  readonly validationRegex?: string;
  /**
   * KubeSpawner traits set from the text, `{value}` standing for it (`kubespawner_override`).
   *
   * Tokens: n.a.; free-form trait values, not a string, number or list.
   */
  readonly kubespawnerOverride: { [trait: string]: any };
}

/**
 * A drop-down inside a profile (`profile_options.<name>`).
 *
 * @see https://jupyterhub-kubespawner.readthedocs.io/en/latest/spawner.html#kubespawner.KubeSpawner.profile_list
 */
export interface ProfileOption {
  /**
   * The option's key in the chart values, e.g. `image`.
   *
   * Tokens: refused; it is a key of the profile's options.
   */
  readonly name: string;
  /**
   * What users see (`display_name`).
   *
   * Tokens: accepted; written into the Helm values as a reference.
   */
  readonly displayName: string;
  /**
   * The choices (`choices`).
   *
   * Tokens: n.a.; a list of structs whose props say for themselves.
   *
   * @default - none: only the unlisted choice
   */
  readonly choices?: ProfileOptionChoice[];
  /**
   * A free-text choice (`unlisted_choice`, rendered with `enabled: true`).
   *
   * Tokens: n.a.; a struct whose props say for themselves.
   *
   * @default - none
   */
  readonly unlistedChoice?: ProfileUnlistedChoice;
}

/** A profile, checked: what the renderer writes. */
export interface ResolvedProfile {
  readonly displayName: string;
  /** The slug given, rendered; KubeSpawner derives one itself when unset. */
  readonly slug?: string;
  /** The slug KubeSpawner will use, for telling profiles apart. */
  readonly effectiveSlug: string;
  readonly description?: string;
  readonly isDefault: boolean;
  readonly image?: ContainerImage;
  /** What the profile itself sets; the rest comes from the hub's settings. */
  readonly resources: ServerResources;
  readonly nodeSelector?: { [label: string]: string };
  readonly extraContainers?: { [key: string]: any }[];
  readonly kubespawnerOverride?: { [trait: string]: any };
  readonly options: ProfileOption[];
  readonly gpus: number;
}

/** What a profile falls back to, and what it must fit on. */
export interface ProfileContext {
  readonly defaults: ServerResources;
  /** The CPU worker flavor, when known. */
  readonly workerFlavor?: JetstreamFlavor;
  /** The GPU worker flavors; empty without GPUs. */
  readonly gpuWorkerFlavors: JetstreamFlavor[];
}

/**
 * Checks one profile against the cluster and the profiles already accepted, and fills in its defaults.
 * Throws JetstreamValidationError naming `profiles[index]...`.
 */
export function resolveProfile(
  scope: IConstruct,
  index: number,
  profile: Profile,
  context: ProfileContext,
  accepted: readonly ResolvedProfile[],
): ResolvedProfile {
  const at = `profiles[${index}]`;
  checkWholeMap(scope, `${at}.nodeSelector`, profile?.nodeSelector);
  if (typeof profile?.displayName !== "string" || profile.displayName.trim() === "") {
    fail(scope, {
      prop: `${at}.displayName`,
      value: profile?.displayName,
      problem: "a profile needs a name",
      allowed: "a short name such as 'CPU: 2 cores, 8 GiB'",
      fix: "set displayName",
    });
  }
  checkLiteral(scope, `${at}.slug`, profile.slug, "users' choices are matched to it at synth");
  const slug = profile.slug ?? toDnsLabel(profile.displayName);
  if (!isDnsLabel(slug)) {
    fail(scope, {
      prop: `${at}.slug`,
      value: slug,
      problem: profile.slug === undefined ? "no usable slug can be derived from displayName" : "not a usable slug",
      allowed: "1 to 63 characters of a-z, 0-9 and '-', starting and ending with a letter or digit",
      fix: "set slug explicitly, e.g. 'cpu-small'",
    });
  }
  const twin = accepted.find((p) => p.effectiveSlug === slug);
  if (twin) {
    fail(scope, {
      prop: `${at}.slug`,
      value: slug,
      problem: `another profile ("${twin.displayName}") has the same slug, and KubeSpawner would only ever start the first`,
      allowed: "a slug used once",
      fix: "give one of them a different slug or displayName",
    });
  }
  const isDefault = profile.default === true;
  const otherDefault = accepted.find((p) => p.isDefault);
  if (isDefault && otherDefault) {
    fail(scope, {
      prop: `${at}.default`,
      value: true,
      problem: `"${otherDefault.displayName}" is already the default profile`,
      allowed: "at most one profile with default: true",
      fix: "keep default: true on one profile only",
    });
  }
  const gpus = checkInteger(scope, `${at}.gpus`, profile.gpus ?? 0, {
    min: 0,
    max: 1,
    fix: "use 1 for a GPU profile (a Jetstream2 g3 VM has one GPU slice) or 0 for CPU only",
    why: "it picks GPU nodes and is checked against the worker flavors",
  });
  let flavor = context.workerFlavor;
  if (gpus > 0) {
    if (context.gpuWorkerFlavors.length === 0) {
      fail(scope, {
        prop: `${at}.gpus`,
        value: gpus,
        problem: "the cluster has no GPU workers",
        allowed: "gpus: 0 on this cluster",
        fix:
          "give the cluster GPU workers, or drop the GPU profile. On KubernetesOnJetstream: nodeGroups: " +
          "[{ name: 'gpu', flavor: JetstreamFlavor.G3_LARGE }] with allocationResources: [JetstreamResource.CPU, JetstreamResource.GPU]; " +
          "on KubernetesCluster.fromAttributes: list the GPU flavors in gpuWorkerFlavors",
      });
    }
    flavor = [...context.gpuWorkerFlavors].sort((a, b) => b.ramGiB - a.ramGiB)[0];
  }
  const image = profile.image === undefined ? undefined : checkImage(scope, `${at}.image`, profile.image);
  // Checked with the hub's settings filled in, as KubeSpawner will run it; rendered with only its own.
  checkServerResources(
    scope,
    `${at}.`,
    {
      memoryGuarantee: profile.memoryGuarantee ?? context.defaults.memoryGuarantee,
      memoryLimit: profile.memoryLimit ?? context.defaults.memoryLimit,
      cpuGuarantee: profile.cpuGuarantee ?? context.defaults.cpuGuarantee,
      cpuLimit: profile.cpuLimit ?? context.defaults.cpuLimit,
    },
    flavor,
  );
  const options = profile.profileOptions ?? [];
  options.forEach((o, i) => {
    checkLiteral(scope, `${at}.profileOptions[${i}].name`, o?.name, "it is a key of the profile's options");
    if (typeof o?.name !== "string" || !/^[A-Za-z0-9_-]+$/.test(o.name) || typeof o.displayName !== "string") {
      fail(scope, {
        prop: `${at}.profileOptions[${i}]`,
        value: o?.name,
        problem: "an option needs a name of letters, digits, '_' or '-', and a displayName",
        allowed: "{ name: 'image', displayName: 'Image', choices: [...] }",
        fix: "set name and displayName",
      });
    }
    if ((o.choices ?? []).length === 0 && !o.unlistedChoice) {
      fail(scope, {
        prop: `${at}.profileOptions[${i}].choices`,
        value: o.choices,
        problem: "an option with nothing to choose",
        allowed: "at least one choice, or an unlistedChoice",
        fix: "list the choices",
      });
    }
  });
  return {
    displayName: profile.displayName,
    slug: profile.slug,
    effectiveSlug: slug,
    description: profile.description,
    isDefault,
    image,
    resources: {
      memoryGuarantee: profile.memoryGuarantee,
      memoryLimit: profile.memoryLimit,
      cpuGuarantee: profile.cpuGuarantee,
      cpuLimit: profile.cpuLimit,
    },
    nodeSelector: profile.nodeSelector,
    extraContainers: profile.extraContainers,
    kubespawnerOverride: profile.kubespawnerOverride,
    options,
    gpus,
  };
}
