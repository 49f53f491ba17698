import { TerraformStack, Token } from "cdktf";
import { IConstruct } from "constructs";
import { JetstreamValidationError } from "./errors";
import { fail } from "./validate";

/**
 * Declares stacks of one app that are alternatives: ways to deploy the same thing, of which a project runs one at
 * a time (a hub on Magnum or on k3s, under the same host name). The app-wide check that DNS records and VM names
 * are unique leaves names shared between stacks of one declared set alone; everywhere else a shared name is an
 * error at synth, since both stacks would claim one record or one host name in the allocation.
 */
export class AlternativeStacks {
  /**
   * Declares `stacks` as alternatives of each other.
   *
   * @param stacks two or more stacks of one app, never deployed into one project together
   * @param reason why they are never deployed together (kept with the declaration, for reviewers)
   */
  public static declare(stacks: TerraformStack[], reason: string): void {
    const first = Array.isArray(stacks) ? stacks[0] : undefined;
    if (!(first instanceof TerraformStack) || stacks.length < 2 || !stacks.every((s) => s instanceof TerraformStack)) {
      throw new JetstreamValidationError({
        prop: "stacks",
        value: Array.isArray(stacks) ? stacks.length : stacks,
        problem: "alternatives are two or more stacks",
        allowed: "an array of TerraformStack of one app",
        fix: "pass the stacks that are alternatives of each other",
      });
    }
    if (typeof reason !== "string" || reason.trim() === "") {
      fail(first, {
        prop: "reason",
        value: reason,
        problem: "a declaration of alternatives needs its reason",
        allowed: "a sentence saying why the stacks are never deployed together",
        fix: 'e.g. "three ways to run the same hub; a project deploys one of them"',
      });
    }
    const set = new Set<TerraformStack>(stacks);
    for (const s of stacks) ALTERNATIVES.set(s, new Set([...(ALTERNATIVES.get(s) ?? []), ...set]));
  }

  private constructor() {}
}

const ALTERNATIVES = new WeakMap<TerraformStack, Set<TerraformStack>>();
const WATCHED = new WeakSet<IConstruct>();

/** What makes a name claimed in a project: a DNS record (name and type) or a VM's name. */
interface Claim {
  readonly key: string;
  readonly what: string;
  readonly construct: IConstruct;
  readonly stack: TerraformStack;
}

function claimsOf(root: IConstruct): Claim[] {
  const claims: Claim[] = [];
  for (const c of root.node.findAll()) {
    const type = (c as any).terraformResourceType;
    if (type === "openstack_dns_recordset_v2") {
      const name = (c as any).nameInput;
      const kind = (c as any).typeInput;
      if (typeof name === "string" && !Token.isUnresolved(name)) {
        claims.push({
          key: `dns ${name} ${kind}`,
          what: `DNS record ${name}`,
          construct: c,
          stack: TerraformStack.of(c),
        });
      }
    } else if (type === "openstack_compute_instance_v2") {
      const name = (c as any).nameInput;
      if (typeof name === "string" && !Token.isUnresolved(name)) {
        claims.push({ key: `vm ${name}`, what: `VM name ${name}`, construct: c, stack: TerraformStack.of(c) });
      }
    }
  }
  return claims;
}

/**
 * Checks once per app, at synth, that no two stacks claim one DNS record or one VM name, unless the stacks were
 * declared alternatives of each other (`AlternativeStacks.declare`). Constructs that create records or VMs call it.
 */
export function watchAppNames(scope: IConstruct): void {
  const app = scope.node.root;
  if (WATCHED.has(app)) return;
  WATCHED.add(app);
  app.node.addValidation({
    validate: () => {
      const seen = new Map<string, Claim>();
      for (const claim of claimsOf(app)) {
        const earlier = seen.get(claim.key);
        if (earlier === undefined) {
          seen.set(claim.key, claim);
          continue;
        }
        if (earlier.stack !== claim.stack && ALTERNATIVES.get(earlier.stack)?.has(claim.stack)) continue;
        fail(claim.construct, {
          prop: claim.key.startsWith("dns") ? "recordName" : "name",
          value: claim.what,
          problem: `${earlier.construct.node.path} claims it too; deployed into one allocation, the second would fail or take over the first`,
          allowed: "one claim per name across the app, or stacks declared alternatives with AlternativeStacks.declare",
          fix:
            earlier.stack === claim.stack
              ? "give one of them another name"
              : `give one of them another name, or, if stacks ${earlier.stack.node.id} and ${claim.stack.node.id} are never deployed together, declare them with AlternativeStacks.declare`,
        });
      }
      return [];
    },
  });
}
