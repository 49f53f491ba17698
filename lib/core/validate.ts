import { TerraformStack, Token } from "cdktf";
import { IConstruct } from "constructs";
import { JetstreamValidationError, ValidationProblem } from "./errors";
import { isDnsName } from "./naming";
import { Duration } from "./units";
import { WIDEST_PUBLIC_PREFIX, isBroadPublicRange, isWorldOpen, parseCidr, parseIpv4 } from "./network-address";

// Shared checks for construct props. Each skips values that are still unresolved tokens (known only at deploy
// time) and throws JetstreamValidationError naming the prop, the value, what is allowed and how to fix it.

/** Throws a JetstreamValidationError for `scope`. */
export function fail(scope: IConstruct, problem: ValidationProblem): never {
  throw new JetstreamValidationError(problem, scope);
}

/** Whether a value is a cdktf token that only Terraform can resolve. */
export function isUnresolved(value: unknown): boolean {
  return value !== undefined && value !== null && Token.isUnresolved(value);
}

/**
 * Refuses a token where synth must know the value: counts that decide how many resources exist (and so their
 * Terraform addresses), names that form addresses, numbers written into rendered text (user data, Helm values),
 * where cdktf cannot resolve a number token. `why` says which of these it is.
 */
export function checkLiteral<T>(scope: IConstruct, prop: string, value: T, why: string): T {
  const problem = tokenProblem(prop, value, why);
  if (problem) fail(scope, problem);
  return value;
}

/** The problem to report when `value` is a token where synth needs a literal (see `checkLiteral`), else undefined. */
export function tokenProblem(prop: string, value: unknown, why: string): ValidationProblem | undefined {
  if (!isUnresolved(value)) return undefined;
  return {
    prop,
    value,
    problem: `must be known at synth time, since ${why}`,
    allowed: "a literal value written in the code (a token from a Terraform variable or attribute is not)",
    fix: "write the value, or read it at synth time (process.env, a config file) instead of from a TerraformVariable",
  };
}

/**
 * Refuses one token standing for a whole list whose entries are written one by one (a rule, a values entry or a
 * command word each): cdktf cannot split a list token at synth, so it would fail deep in synthesis. A token for each
 * entry is fine.
 */
export function checkWholeList<T>(scope: IConstruct, prop: string, value: T): T {
  return checkLiteral(scope, prop, value, "the list is written entry by entry (a token for each entry is fine)");
}

/**
 * Refuses one token standing for a whole map whose keys are checked and written one by one (labels, annotations,
 * environment variables), and a token as one of its keys: keys are checked at synth, and cdktf would write a
 * token's placeholder as a key. A token for each value is fine.
 */
export function checkWholeMap<T>(scope: IConstruct, prop: string, value: T): T {
  const why = "each key is checked and written on its own (a token for each value is fine)";
  checkLiteral(scope, prop, value, why);
  if (value !== null && typeof value === "object") {
    Object.keys(value).forEach((key, i) => checkLiteral(scope, `${prop} (key ${i + 1})`, key, why));
  }
  return value;
}

/**
 * An optional prop that must be an instance of a library class (`ClusterNetwork.fromName(...)`): plain JavaScript
 * can pass a string or an object literal, which would end in a TypeError at its first method call.
 */
export function checkOptionalInstance<T>(
  scope: IConstruct,
  prop: string,
  value: T | undefined,
  type: { prototype: any; name: string },
  allowed: string,
): T | undefined {
  if (value !== undefined && !(value instanceof (type as any))) {
    fail(scope, {
      prop,
      value,
      problem: `must be a ${type.name}`,
      allowed,
      fix: `make it with ${allowed}, or leave it out`,
    });
  }
  return value;
}

/**
 * An integer within [min, max]. A token is refused (with `checkLiteral`, saying `why` synth needs the value) unless
 * `acceptsToken` says the value reaches a typed Terraform number argument as it is, where Terraform resolves it.
 */
export function checkInteger(
  scope: IConstruct,
  prop: string,
  value: number,
  options: { min: number; max?: number; fix: string; acceptsToken?: boolean; why?: string },
): number {
  if (isUnresolved(value)) {
    if (options.acceptsToken) return value;
    checkLiteral(
      scope,
      prop,
      value,
      options.why ?? "it decides how many resources exist or is written into rendered text",
    );
  }
  const max = options.max ?? Number.MAX_SAFE_INTEGER;
  if (typeof value !== "number" || !Number.isInteger(value) || value < options.min || value > max) {
    fail(scope, {
      prop,
      value,
      problem: "must be a whole number in range",
      allowed: options.max === undefined ? `an integer >= ${options.min}` : `an integer from ${options.min} to ${max}`,
      fix: options.fix,
    });
  }
  return value;
}

/** A finite number within (or at) the bounds. */
export function checkNumber(
  scope: IConstruct,
  prop: string,
  value: number,
  options: { min: number; max?: number; exclusiveMin?: boolean; fix: string },
): number {
  if (isUnresolved(value)) return value;
  const max = options.max ?? Number.POSITIVE_INFINITY;
  const low = options.exclusiveMin ? value <= options.min : value < options.min;
  if (typeof value !== "number" || !Number.isFinite(value) || low || value > max) {
    const lowText = options.exclusiveMin ? `> ${options.min}` : `>= ${options.min}`;
    fail(scope, {
      prop,
      value,
      problem: "must be a number in range",
      allowed: options.max === undefined ? `a number ${lowText}` : `a number ${lowText} and <= ${max}`,
      fix: options.fix,
    });
  }
  return value;
}

/** A string that is not empty after trimming. */
export function checkNonEmpty(scope: IConstruct, prop: string, value: string, fix: string): string {
  if (isUnresolved(value)) return value;
  if (typeof value !== "string" || value.trim() === "") {
    fail(scope, { prop, value, problem: "must not be empty", allowed: "a non-empty string", fix });
  }
  return value;
}

/**
 * A list of CIDR blocks for a firewall rule. Rejects malformed blocks, host bits (suggesting the network),
 * and, unless `allowWorld`, 0.0.0.0/0 and ::/0. Returns the blocks as they must be written: trimmed, canonical
 * (`2001:DB8::/48` becomes `2001:db8::/48`) and without duplicates. A token for the whole list is refused (one rule
 * per block); a token for one block flows through.
 */
export function checkCidrs(
  scope: IConstruct,
  prop: string,
  cidrs: string[],
  options: { allowWorld: boolean; what: string },
): string[] {
  checkLiteral(scope, prop, cidrs, "each block becomes a firewall rule of its own (a token for each block is fine)");
  if (!Array.isArray(cidrs)) {
    fail(scope, {
      prop,
      value: cidrs,
      problem: "must be a list of CIDR blocks",
      allowed: "an array such as ['203.0.113.7/32']",
      fix: "wrap the block in an array",
    });
  }
  const canonical: string[] = [];
  for (const cidr of Array.from(cidrs)) {
    if (isUnresolved(cidr)) {
      if (!canonical.includes(cidr)) canonical.push(cidr);
      continue;
    }
    const parsed = parseCidr(cidr);
    if (!parsed) {
      fail(scope, {
        prop,
        value: cidr,
        problem: "not a CIDR block",
        allowed: "IPv4 or IPv6 blocks with a prefix length, e.g. 203.0.113.7/32 or 2001:db8::/48",
        fix: `write the address with its prefix length; a single address is /32 (IPv4) or /128 (IPv6)`,
      });
    }
    if (parsed.hostBitsSet) {
      fail(scope, {
        prop,
        value: cidr,
        problem: "host bits are set beyond the prefix",
        allowed: "a network address for its prefix length",
        fix: `did you mean ${parsed.canonical}?`,
      });
    }
    if (!options.allowWorld && isWorldOpen(parsed)) {
      fail(scope, {
        prop,
        value: cidr,
        problem: `would open ${options.what} to the whole Internet`,
        allowed: "specific networks, e.g. your campus or VPN range or your workstation's address as /32",
        fix: "list only the networks you administer from (find your address with `curl -4 ifconfig.me`)",
      });
    }
    if (!options.allowWorld && isBroadPublicRange(parsed)) {
      fail(scope, {
        prop,
        value: cidr,
        problem: `would open ${options.what} to a public range wider than one organization's network`,
        allowed: `public blocks of /${WIDEST_PUBLIC_PREFIX[4]} or narrower (IPv6: /${WIDEST_PUBLIC_PREFIX[6]}), or private ranges of any size`,
        fix: "list your campus or VPN ranges, or your workstation's address as /32",
      });
    }
    // What is written is what was checked: trimmed, in canonical form, once (a newline must not reach an exports
    // file, and two rules for one block are refused by Neutron at apply).
    if (!canonical.includes(parsed.canonical)) canonical.push(parsed.canonical);
  }
  return canonical;
}

/** An ACCESS allocation id in lower case (three letters, six digits), as Jetstream2 names project DNS zones. */
export function checkAllocation(scope: IConstruct, prop: string, value: string): string {
  if (isUnresolved(value)) return value;
  if (typeof value !== "string" || !/^[a-z]{3}[0-9]{6}$/.test(value)) {
    fail(scope, {
      prop,
      value,
      problem: "not an ACCESS allocation id",
      allowed: "three lower-case letters and six digits, e.g. cis230085",
      fix: "copy the allocation id from the Jetstream2 Horizon project name, in lower case",
    });
  }
  return value;
}

/** Whether `value` is an e-mail address (name@domain.tld), as Let's Encrypt contact addresses must be. */
export function isEmailAddress(value: unknown): boolean {
  return typeof value === "string" && /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(value);
}

/** An e-mail address (for Let's Encrypt contact addresses). */
export function checkEmail(scope: IConstruct, prop: string, value: string): string {
  if (isUnresolved(value)) return value;
  if (!isEmailAddress(value)) {
    fail(scope, {
      prop,
      value,
      problem: "not an e-mail address",
      allowed: "an address such as hub-admins@example.org",
      fix: "give an address Let's Encrypt can write to about expiring certificates",
    });
  }
  return value;
}

/** A fully qualified host name without scheme, port, path or trailing dot, short enough for a certificate. */
export function checkHostname(scope: IConstruct, prop: string, value: string): string {
  if (isUnresolved(value)) return value;
  if (typeof value === "string" && /^[a-z][a-z0-9+.-]*:\/\//i.test(value)) {
    fail(scope, {
      prop,
      value,
      problem: "a host name, not a URL",
      allowed: "a DNS name such as hub.example.org",
      fix: `drop the scheme: ${JSON.stringify(value.replace(/^[a-z][a-z0-9+.-]*:\/\//i, "").replace(/[/:].*$/, ""))}`,
    });
  }
  if (typeof value !== "string" || !isDnsName(value.toLowerCase()) || value !== value.toLowerCase()) {
    fail(scope, {
      prop,
      value,
      problem: "not a valid lower-case DNS name",
      allowed: "labels of a-z, 0-9 and '-', joined by dots, such as hub.cis230085.projects.jetstream-cloud.org",
      fix: "use a lower-case DNS name (no underscores, no IP address, no wildcard)",
    });
  }
  if (parseIpv4(value) !== undefined) {
    fail(scope, {
      prop,
      value,
      problem: "an IP address: Let's Encrypt certifies host names, and the OAuth callback needs one",
      allowed: "a DNS name whose A record points at the hub's address",
      fix: "create a DNS record for the address and use its name",
    });
  }
  if (value.length > 64) {
    fail(scope, {
      prop,
      value,
      problem: `is ${value.length} characters, longer than Let's Encrypt accepts as a certificate name`,
      allowed: "at most 64 characters",
      fix: "use a shorter instance or record name",
    });
  }
  return value;
}

/** A URL with https:// (OAuth endpoints, repositories). */
export function checkHttpsUrl(scope: IConstruct, prop: string, value: string, what: string): string {
  if (isUnresolved(value)) return value;
  checkLiteral(scope, prop, value, "the URL is checked for https at synth");
  let ok = false;
  try {
    const url = new URL(value);
    ok = url.protocol === "https:" && url.hostname !== "";
  } catch {
    ok = false;
  }
  if (!ok) {
    fail(scope, {
      prop,
      value,
      problem: `must be an https:// URL (${what})`,
      allowed: "an absolute URL starting with https://",
      fix: "use the provider's HTTPS endpoint; plain http would send tokens in clear text",
    });
  }
  return value;
}

/** An S3 bucket name (an object store container of the allocation). */
export function checkBucketName(scope: IConstruct, prop: string, value: string, example: string): string {
  if (isUnresolved(value)) return value;
  if (typeof value !== "string" || !/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(value) || value.includes("..")) {
    fail(scope, {
      prop,
      value,
      problem: "not a usable S3 bucket name",
      allowed: "3 to 63 characters of a-z, 0-9, '.' and '-', starting and ending with a letter or digit",
      fix: `use a name such as ${example}, and create it with \`openstack container create <name>\``,
    });
  }
  return value;
}

/** A Duration of whole seconds, at least `minSeconds`; returns the seconds. */
export function checkSeconds(
  scope: IConstruct,
  prop: string,
  value: Duration,
  minSeconds: number,
  example: string,
): number {
  const seconds = value instanceof Duration ? value.toSeconds() : NaN;
  if (!Number.isInteger(seconds) || seconds < minSeconds) {
    fail(scope, {
      prop,
      value: value instanceof Duration ? value.toString() : value,
      problem: "not a usable interval",
      allowed: `a Duration of whole seconds, at least ${Duration.seconds(minSeconds)}`,
      fix: `e.g. ${example}`,
    });
  }
  return seconds;
}

/**
 * The idle culler's timeout and check interval, shared by both hub shapes: whole seconds, a timeout of at least a
 * minute, and checks at least as often as the timeout (or idle servers outlive it).
 */
export function checkCulling(
  scope: IConstruct,
  timeout: Duration,
  every: Duration,
): { timeoutSeconds: number; everySeconds: number } {
  const timeoutSeconds = checkSeconds(scope, "cullTimeout", timeout, 60, "Duration.hours(1)");
  const everySeconds = checkSeconds(scope, "cullEvery", every, 10, "Duration.minutes(10)");
  if (everySeconds > timeoutSeconds) {
    fail(scope, {
      prop: "cullEvery",
      value: every.toString(),
      problem: `is longer than cullTimeout (${timeout}), so idle servers would outlive the timeout`,
      allowed: "cullEvery <= cullTimeout",
      fix: "check more often than the timeout, e.g. every tenth of it",
    });
  }
  return { timeoutSeconds, everySeconds };
}

/**
 * `id`, after checking that `scope` has no child of that id yet: a second construct with one id would otherwise end
 * in the constructs library's duplicate-name error, which names neither the prop nor the fix. Call it in the
 * `super(scope, checkUniqueId(scope, id))` of a construct.
 */
export function checkUniqueId(scope: IConstruct, id: string): string {
  const existing = typeof id === "string" ? scope.node.tryFindChild(id) : undefined;
  if (existing) {
    fail(scope, {
      prop: "id",
      value: id,
      problem: `${scope.node.path || "the app"} already has a construct with this id (${existing.constructor.name}); ids are Terraform addresses and must be unique in their scope`,
      allowed: "one construct per id in a scope",
      fix: "give the second construct an id of its own (keep the first one's: renaming it replaces its resources)",
    });
  }
  return id;
}

/**
 * Refuses a name that another construct of the app already uses for something that must be unique, such as a
 * Magnum cluster name or a DNS record. `others` are the constructs to compare with; `nameOf` reads their name
 * (unresolved tokens never match).
 */
export function checkUniqueInApp(
  self: IConstruct,
  prop: string,
  name: string | undefined,
  nameOf: (other: IConstruct) => string | undefined,
  what: string,
): void {
  if (name === undefined || isUnresolved(name)) return;
  const twin = self.node.root.node.findAll().find((c) => c !== self && nameOf(c) === name);
  if (twin) {
    fail(self, {
      prop,
      value: name,
      problem: `${twin.node.path} already uses it as ${what}; both would fight over one ${what} in the allocation`,
      allowed: `a ${what} of its own for each construct of the app`,
      fix: `give this construct another ${prop}`,
    });
  }
}

/**
 * Refuses a construct whose resources would be created under `other` when `other` is in another stack: the
 * resources would live in that stack, so deleting `self` from its own stack's code would destroy them there.
 */
export function checkSameStack(self: IConstruct, prop: string, other: IConstruct, what: string): void {
  const mine = TerraformStack.of(self);
  const theirs = TerraformStack.of(other);
  if (mine !== theirs) {
    fail(self, {
      prop,
      value: other.node.path,
      problem: `${what} would be created in ${prop}'s stack ${theirs.node.id}, not in this construct's stack ${mine.node.id}, so removing this construct from ${mine.node.id} would destroy them in ${theirs.node.id}`,
      allowed: `a ${prop} in stack ${mine.node.id}`,
      fix: `create this construct in stack ${theirs.node.id} (its scope decides its stack), next to its ${prop}`,
    });
  }
}

/**
 * Refuses a node group name that `groups` already has, naming the prop of the construct that chose it (a hub's
 * `name`, a home server's `groupName`) rather than the cluster's `nodeGroups.name`.
 */
export function checkFreeGroupName(
  self: IConstruct,
  prop: string,
  name: string,
  groups: { groupName: string; node: { path: string } }[],
): string {
  checkLiteral(self, prop, name, "it is part of the VMs' names and Terraform addresses");
  const taken = groups.find((g) => g.groupName === name);
  if (taken) {
    fail(self, {
      prop,
      value: name,
      problem: `the cluster already has a node group of this name (${taken.node.path}); its VMs and volumes would take this one's Terraform addresses`,
      allowed: "a node group name the cluster does not have yet",
      fix: `set ${prop} to a name of its own, e.g. ${JSON.stringify(`${name}-2`)}`,
    });
  }
  return name;
}
