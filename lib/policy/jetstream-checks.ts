import {
  Annotations,
  Aspects,
  IAspect,
  TerraformBackend,
  TerraformDataSource,
  TerraformOutput,
  TerraformProvider,
  TerraformResource,
  TerraformStack,
  TerraformVariable,
} from "cdktf";
import { IConstruct } from "constructs";
import { creatorOf } from "../core/provenance";
import { checkLiteral, fail } from "../core/validate";
import { UNDECIDED_RULE_ID, evaluate } from "./engine";
import { PolicyLevel } from "./rule";
import { RULES } from "./rules";

/**
 * A reasoned exception to one policy rule, for one construct and everything under it.
 */
export interface Acknowledgement {
  /**
   * The rule id, e.g. `JSH-NET-02`, or one finding of it, e.g. `JSH-NET-02[tcp/8443]` (the id in brackets is
   * printed with the finding).
   *
   * Tokens: refused; the pack matches it against its rule ids at synth.
   */
  readonly id: string;
  /**
   * Why the finding is acceptable here, written for the next reviewer: at least 4 different words (filler such
   * as "ok ok ok ok" or "xxxxxxxxxx" is refused).
   *
   * Tokens: refused; the pack checks and prints the reason at synth.
   */
  readonly reason: string;
}

/**
 * One finding of the pack: where, what, and whether it was acknowledged.
 */
export interface PolicyFinding {
  /**
   * The rule id, e.g. `JSH-NET-02`.
   *
   * Tokens: n.a.; an output the library computes, never an input.
   */
  readonly ruleId: string;
  /**
   * The finding's own id within the rule, when it has one (acknowledge it as `<ruleId>[<findingId>]`).
   *
   * Tokens: n.a.; an output the library computes, never an input.
   *
   * @default - none
   */
  readonly findingId?: string;
  /**
   * How serious it is.
   *
   * Tokens: n.a.; an output the library computes, never an input.
   */
  readonly level: PolicyLevel;
  /**
   * Whether it can never be acknowledged.
   *
   * Tokens: n.a.; an output the library computes, never an input.
   */
  readonly hard: boolean;
  /**
   * The construct the finding is reported on.
   *
   * Tokens: n.a.; an output the library computes, never an input.
   */
  readonly constructPath: string;
  /**
   * The block of the synthesized document, e.g. `resource.openstack_networking_secgroup_rule_v2.web_8888`.
   *
   * Tokens: n.a.; an output the library computes, never an input.
   */
  readonly address: string;
  /**
   * What is wrong and how to fix it.
   *
   * Tokens: n.a.; an output the library computes, never an input.
   */
  readonly message: string;
  /**
   * The reason of the acknowledgement that accepted the finding.
   *
   * Tokens: n.a.; an output the library computes, never an input.
   *
   * @default - not acknowledged
   */
  readonly acknowledgedReason?: string;
}

/**
 * A rule of the pack, as documentation.
 */
export interface PolicyRuleInfo {
  /**
   * The stable id.
   *
   * Tokens: n.a.; an output the library computes, never an input.
   */
  readonly id: string;
  /**
   * What compliant configuration looks like, in one line.
   *
   * Tokens: n.a.; an output the library computes, never an input.
   */
  readonly title: string;
  /**
   * Why the rule exists and how to comply.
   *
   * Tokens: n.a.; an output the library computes, never an input.
   */
  readonly explanation: string;
  /**
   * The level of its findings (some findings are raised to error).
   *
   * Tokens: n.a.; an output the library computes, never an input.
   */
  readonly level: PolicyLevel;
  /**
   * Whether its findings can never be acknowledged.
   *
   * Tokens: n.a.; an output the library computes, never an input.
   */
  readonly hard: boolean;
}

/**
 * Props for `JetstreamChecks`.
 */
export interface JetstreamChecksProps {
  /**
   * Also report acknowledged findings, as information with their reasons, so a review sees every exception.
   *
   * Tokens: n.a.; a boolean.
   *
   * @default false
   */
  readonly reportAcknowledged?: boolean;
}

const ACK_METADATA = "jetstream-hub/policy-acknowledgement";
const ID_PATTERN = /^(JSH-[A-Z]+-\d{2})(?:\[([^\]]+)\])?$/;
const MIN_REASON_WORDS = 4;
// Rules whose findings open the deployment to the world or leak secrets: acknowledged only on a construct inside a
// stack (never on the App or a whole stack), so one acknowledgement cannot silence them everywhere.
const SCOPED_ONLY = /^JSH-(NET|SEC|META)-/;

/** The different words of a reason (two or more letters each), lower-cased. */
function reasonWords(reason: string): Set<string> {
  return new Set((reason.toLowerCase().match(/[\p{L}][\p{L}'’-]*[\p{L}]/gu) ?? []).filter((w) => w.length >= 2));
}

// Undecided and could-not-run findings are acknowledged one by one, by their full id: never by a bare rule id.
function isUndecided(ruleId: string, findingId: string | undefined): boolean {
  return ruleId === UNDECIDED_RULE_ID || /^(undecided|could-not-run)/.test(findingId ?? "");
}

interface StoredAcknowledgement {
  readonly id: string;
  readonly ruleId: string;
  readonly findingId?: string;
  readonly reason: string;
}

/**
 * The security and data-safety policy pack: an Aspect that checks each stack's synthesized Terraform JSON
 * against the rules in docs/policy.md and reports findings as annotations (errors fail `cdktf synth`).
 *
 * The rules read the resolved document, so changes made with `addOverride` are checked like any other. A
 * finding is reported on the construct that owns the block; acknowledge it there, on any construct above it, or on
 * the construct that made it (a `SingleServerHub` for its VM in the cluster), with `JetstreamChecks.acknowledge`;
 * the finding's message names the place. Some rules are hard (world-open SSH, the dummy login, secret literals): no
 * acknowledgement silences them.
 *
 * Constructs never add the pack; apps do. cdktf 0.21 runs aspects of stacks only (an aspect added to the App is
 * never invoked), so add it to each stack, or call `JetstreamChecks.applyTo(app)`, which also checks stacks
 * created after the call.
 *
 * @example
 * const app = new App();
 * new HubStack(app, "hub");
 * JetstreamChecks.applyTo(app);
 * app.synth();
 */
export class JetstreamChecks implements IAspect {
  /**
   * Adds one pack to every stack under `scope` and returns it. Stacks created later are checked too: the pack
   * registers a validation on the App (`node.addValidation`) that checks, at synthesis, every stack under `scope`
   * its aspect did not reach, and fails synthesis with their error findings.
   */
  public static applyTo(scope: IConstruct, props: JetstreamChecksProps = {}): JetstreamChecks {
    const pack = new JetstreamChecks(props);
    const stacksUnder = () => scope.node.findAll().filter((c): c is TerraformStack => TerraformStack.isStack(c));
    for (const stack of stacksUnder()) Aspects.of(stack).add(pack);
    scope.node.root.node.addValidation({
      validate: () =>
        stacksUnder()
          .filter((stack) => !pack.visited.has(stack))
          .flatMap((stack) => {
            pack.visit(stack);
            return (pack.byStack.get(stack.node.path) ?? [])
              .filter((f) => f.level === PolicyLevel.ERROR && f.acknowledgedReason === undefined)
              .map(
                (f) => `[${f.constructPath}] ${f.findingId ? `${f.ruleId}[${f.findingId}]` : f.ruleId}: ${f.message}`,
              );
          }),
    });
    return pack;
  }

  /**
   * Accepts findings of the listed rules on `scope` and everything under it, each for a stated reason.
   *
   * Fails for an unknown rule id, a hard rule, a reason of fewer than 4 different words, a network, secret or
   * JSH-META-03 acknowledgement on the App or a whole stack, or a JSH-META-03 acknowledgement without a finding id.
   * An acknowledgement by bare rule id never covers that rule's `undecided` or `could-not-run` findings.
   */
  public static acknowledge(scope: IConstruct, acknowledgements: Acknowledgement[]): void {
    if (!Array.isArray(acknowledgements) || acknowledgements.length === 0) {
      fail(scope, {
        prop: "acknowledgements",
        value: acknowledgements,
        problem: "nothing to acknowledge",
        allowed: "a list of { id, reason }",
        fix: "pass at least one acknowledgement, e.g. [{ id: 'JSH-STATE-01', reason: 'why this is fine here' }]",
      });
    }
    acknowledgements.forEach((ack, i) => {
      checkLiteral(scope, `acknowledgements[${i}].id`, ack?.id, "the pack matches it against findings at synth");
      checkLiteral(scope, `acknowledgements[${i}].reason`, ack?.reason, "a reviewer reads it in the code");
      const id = typeof ack?.id === "string" ? ack.id.trim() : ack?.id;
      const m = typeof id === "string" ? ID_PATTERN.exec(id) : null;
      const rule = m ? RULES.find((r) => r.id === m[1]) : undefined;
      if (!m || !rule) {
        fail(scope, {
          prop: `acknowledgements[${i}].id`,
          value: ack?.id,
          problem: m ? "no rule has this id" : "not a rule id",
          allowed: `a rule id from docs/policy.md such as JSH-NET-02, optionally with a finding: JSH-NET-02[tcp/8443]`,
          fix: suggestion(typeof id === "string" ? id : ""),
        });
      }
      if (rule.hard) {
        fail(scope, {
          prop: `acknowledgements[${i}].id`,
          value: id,
          problem: "this rule is hard: its findings cannot be acknowledged",
          allowed: "ids of rules that are not hard (docs/policy.md marks the hard ones)",
          fix: `change the configuration instead (${rule.title})`,
        });
      }
      if (SCOPED_ONLY.test(rule.id) && !scope.node.scopes.slice(0, -1).some((c) => TerraformStack.isStack(c))) {
        fail(scope, {
          prop: `acknowledgements[${i}].id`,
          value: id,
          problem: `${rule.id} may not be acknowledged on ${TerraformStack.isStack(scope) ? "a whole stack" : "the App or above the stacks"}`,
          allowed:
            "network, secret and undecided findings acknowledged on the construct that owns them (inside a stack)",
          fix: "acknowledge it on the construct the finding names, e.g. the cluster or the hub",
        });
      }
      if (rule.id === UNDECIDED_RULE_ID && m[2] === undefined) {
        fail(scope, {
          prop: `acknowledgements[${i}].id`,
          value: id,
          problem: "acknowledges every unreadable part at once",
          allowed: "one finding: JSH-META-03[<address of the unreadable block>]",
          fix: "copy the full id from the finding's message",
        });
      }
      const reason = typeof ack.reason === "string" ? ack.reason.trim() : "";
      if (reasonWords(reason).size < MIN_REASON_WORDS) {
        fail(scope, {
          prop: `acknowledgements[${i}].reason`,
          value: ack.reason,
          problem: `a reason must say something: at least ${MIN_REASON_WORDS} different words`,
          allowed: "a sentence a reviewer can check, e.g. 'one-day workshop; the volume holds nothing to keep'",
          fix: `say why ${id} is acceptable for ${scope.node.path || "this app"}`,
        });
      }
      const stored: StoredAcknowledgement = { id, ruleId: m[1], findingId: m[2], reason };
      scope.node.addMetadata(ACK_METADATA, stored, { stackTrace: false });
    });
  }

  /** The rules of the pack, in catalogue order. */
  public static rules(): PolicyRuleInfo[] {
    return RULES.map(({ id, title, explanation, level, hard }) => ({ id, title, explanation, level, hard }));
  }

  private readonly reportAcknowledged: boolean;
  private readonly byStack = new Map<string, PolicyFinding[]>();
  private readonly visited = new Set<IConstruct>();

  /**
   * @param props how the pack reports; `JetstreamChecks.applyTo(app)` makes the pack for you
   */
  public constructor(props: JetstreamChecksProps = {}) {
    this.reportAcknowledged = props.reportAcknowledged === true;
  }

  /**
   * Every finding of the last check of each stack, acknowledged ones included.
   */
  public get findings(): PolicyFinding[] {
    return [...this.byStack.values()].flat();
  }

  /**
   * Checks a stack (other constructs are reached through their stack).
   */
  public visit(node: IConstruct): void {
    if (!TerraformStack.isStack(node)) return;
    const stack = node;
    this.visited.add(stack);
    const owners = ownersByAddress(stack);
    const used = new Set<StoredAcknowledgement>();
    const findings: PolicyFinding[] = [];
    for (const f of evaluate(stack.toTerraform(), RULES)) {
      const owner =
        owners.get(f.address) ??
        (f.address.startsWith("terraform.backend.") ? owners.get("terraform.backend") : undefined) ??
        stack;
      const ack = acknowledgementFor(owner, f.ruleId, f.findingId);
      if (ack) used.add(ack);
      const accepted = ack !== undefined && !f.hard;
      const label = f.findingId ? `${f.ruleId}[${f.findingId}]` : f.ruleId;
      const where = f.address ? ` (${f.address})` : "";
      findings.push({
        ruleId: f.ruleId,
        findingId: f.findingId,
        level: f.level,
        hard: f.hard,
        constructPath: owner.node.path,
        address: f.address,
        message: f.message,
        acknowledgedReason: accepted ? ack.reason : undefined,
      });
      if (accepted) {
        if (this.reportAcknowledged)
          annotate(owner, PolicyLevel.INFO, `${label} acknowledged: ${ack.reason}. Finding: ${f.message}${where}`);
      } else {
        // The rule's title states the compliant configuration: the fix, in one line.
        const title = f.ruleId.startsWith("JSH-META-") ? undefined : RULES.find((r) => r.id === f.ruleId)?.title;
        const expected = title ? ` Expected: ${title}.` : "";
        const note = f.hard
          ? ack !== undefined
            ? " This finding cannot be acknowledged."
            : ""
          : ` If it is intended, acknowledge it on ${acknowledgeAt(owner).node.path} or a scope above: ` +
            `JetstreamChecks.acknowledge(<that construct>, [{ id: "${label}", reason: "<why>" }]).`;
        annotate(owner, f.level, `${label}: ${f.message}${where}.${expected}${note}`);
      }
    }
    for (const c of stack.node.findAll()) {
      if (TerraformStack.of(c) !== stack) continue;
      for (const ack of storedOn(c)) {
        if (used.has(ack)) continue;
        const message = `the acknowledgement of ${ack.id} ("${ack.reason}") matched no finding here; remove it so it cannot hide a future one`;
        findings.push({
          ruleId: "JSH-META-01",
          level: PolicyLevel.WARNING,
          hard: true,
          constructPath: c.node.path,
          address: "",
          message,
        });
        annotate(c, PolicyLevel.WARNING, `JSH-META-01: ${message}`);
      }
    }
    this.byStack.set(stack.node.path, findings);
  }
}

// Annotations are construct metadata; a second synthesis of the same tree must not repeat them.
function annotate(scope: IConstruct, level: PolicyLevel, message: string): void {
  const type =
    level === PolicyLevel.ERROR ? "@cdktf/error" : level === PolicyLevel.WARNING ? "@cdktf/warn" : "@cdktf/info";
  if (scope.node.metadata.some((m) => m.type === type && m.data === message)) return;
  const annotations = Annotations.of(scope);
  if (level === PolicyLevel.ERROR) annotations.addError(message);
  else if (level === PolicyLevel.WARNING) annotations.addWarning(message);
  else annotations.addInfo(message);
}

function storedOn(scope: IConstruct): StoredAcknowledgement[] {
  return scope.node.metadata.filter((m) => m.type === ACK_METADATA).map((m) => m.data as StoredAcknowledgement);
}

// The nearest acknowledgement for the finding: on the owner itself, then on each scope above it (and on creators).
function acknowledgementFor(owner: IConstruct, ruleId: string, findingId?: string): StoredAcknowledgement | undefined {
  for (const scope of acknowledgementScopes(owner)) {
    const match = storedOn(scope).find(
      (a) =>
        a.ruleId === ruleId &&
        (a.findingId === findingId || (a.findingId === undefined && !isUndecided(ruleId, findingId))),
    );
    if (match) return match;
  }
  return undefined;
}

// Where acknowledgements for a finding on `owner` may sit, nearest first: the owner, each scope above it, and,
// for a construct another one made under a different parent, that creator and the scopes above it.
function acknowledgementScopes(owner: IConstruct): IConstruct[] {
  const scopes: IConstruct[] = [];
  for (const scope of [...owner.node.scopes].reverse()) {
    scopes.push(scope);
    const creator = creatorOf(scope);
    if (creator) scopes.push(...acknowledgementScopes(creator));
  }
  return [...new Set(scopes)];
}

// The construct to name in an unacknowledged finding: the outermost creator, else the owner.
function acknowledgeAt(owner: IConstruct): IConstruct {
  for (const scope of owner.node.scopes) {
    const creator = creatorOf(scope);
    if (creator) return acknowledgeAt(creator);
  }
  return owner;
}

// Maps document addresses to the constructs that produce them.
function ownersByAddress(stack: TerraformStack): Map<string, IConstruct> {
  const owners = new Map<string, IConstruct>();
  const providerCount = new Map<string, number>();
  for (const c of stack.node.findAll()) {
    if (TerraformStack.of(c) !== stack) continue;
    if (TerraformDataSource.isTerraformDataSource(c)) {
      owners.set(`data.${c.terraformResourceType}.${c.friendlyUniqueId}`, c);
    } else if (TerraformResource.isTerraformResource(c)) {
      owners.set(`resource.${c.terraformResourceType}.${c.friendlyUniqueId}`, c);
    } else if (TerraformOutput.isTerraformOutput(c)) {
      owners.set(`output.${c.friendlyUniqueId}`, c);
    } else if (c instanceof TerraformVariable) {
      owners.set(`variable.${c.friendlyUniqueId}`, c);
    } else if (TerraformProvider.isTerraformProvider(c)) {
      const i = providerCount.get(c.terraformResourceType) ?? 0;
      providerCount.set(c.terraformResourceType, i + 1);
      owners.set(`provider.${c.terraformResourceType}[${i}]`, c);
    } else if (TerraformBackend.isBackend(c)) {
      owners.set("terraform.backend", c);
    }
  }
  return owners;
}

function suggestion(id: string): string {
  const prefix = id
    .toUpperCase()
    .replace(/\[.*$/, "")
    .replace(/-?\d*$/, "");
  const near = RULES.filter((r) => prefix.length >= 5 && r.id.startsWith(prefix)).map((r) => r.id);
  return near.length > 0 ? `did you mean one of ${near.join(", ")}?` : "copy the id from the finding's message";
}
