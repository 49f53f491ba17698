import { isEmailAddress } from "../core/validate";
import type { PolicyDocument } from "./document";
import { isReference } from "./values";

/**
 * How serious a finding is.
 */
export enum PolicyLevel {
  /** Synthesis fails (`cdktf synth` refuses error annotations) until it is fixed or acknowledged. */
  ERROR = "error",
  /** A risky setting worth a look; shown as a warning. */
  WARNING = "warning",
  /** A reminder; shown as information. */
  INFO = "info",
}

/**
 * One thing a rule found, before the engine decides where it is reported and whether it is acknowledged.
 */
export interface Finding {
  /**
   * Where in the synthesized document: `resource.<type>.<name>`, `data.<type>.<name>`, `output.<name>`,
   * `variable.<name>`, `provider.<type>[<i>]`, `terraform.backend.<kind>`, or `""` for the stack itself.
   */
  readonly address: string;
  /** What is wrong and how to fix it, in a sentence or two. */
  readonly message: string;
  /**
   * A short stable name for this kind of finding within the rule (e.g. `tcp/8888`), so an acknowledgement can
   * name it: `JSH-NET-02[tcp/8888]`.
   */
  readonly findingId?: string;
  /** Overrides the rule's level for this finding. */
  readonly level?: PolicyLevel;
  /** Makes this finding impossible to acknowledge even when the rule otherwise allows acknowledgements. */
  readonly hard?: boolean;
  /**
   * The rule could not decide (a value known only at deploy time); reported under the rule's own id, level and
   * hardness, with finding id `undecided[:<findingId>]`.
   */
  readonly undecided?: boolean;
}

/**
 * A policy rule: metadata and a pure check over the resolved stack document.
 */
export interface PolicyRule {
  /** The stable id, `JSH-<AREA>-<nn>`, from the catalogue in docs/policy.md. */
  readonly id: string;
  /** A one-line statement of what compliant configuration looks like. */
  readonly title: string;
  /** Why the rule exists and how to comply. */
  readonly explanation: string;
  /** The level of its findings (a finding may override it). */
  readonly level: PolicyLevel;
  /** Findings cannot be acknowledged. */
  readonly hard: boolean;
  /** The check. Pure: reads the document, returns findings, never throws on odd input. */
  readonly check: (doc: PolicyDocument) => Finding[];
}

/** Convenience for rules: a finding at `address`. */
export function finding(address: string, message: string, extra: Partial<Finding> = {}): Finding {
  return { address, message, ...extra };
}

/**
 * The finding for a Let's Encrypt contact address at `where`, or none: undecided when a reference supplies it
 * (known only at deploy time), reported when it is not an e-mail address.
 */
export function contactEmailFindings(address: string, where: string, email: unknown, findingId: string): Finding[] {
  if (isReference(email)) {
    return [finding(address, `${where} is computed at deploy time`, { findingId, undecided: true })];
  }
  return isEmailAddress(email) ? [] : [finding(address, `${where} is not an e-mail address`, { findingId })];
}
