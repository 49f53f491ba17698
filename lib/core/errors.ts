import { Token } from "cdktf";
import { IConstruct } from "constructs";

/**
 * What a validation found wrong with one prop.
 *
 * Every field ends up in the message, so a reader can fix the input without reading our source.
 */
export interface ValidationProblem {
  /**
   * The prop, as the user wrote it (dotted for nested props: `authenticator.allowedOrganizations`).
   *
   * Tokens: n.a.; it describes a refusal for a message, and is never written to Terraform.
   */
  readonly prop: string;
  /**
   * The value received, or a short description of it.
   *
   * Tokens: n.a.; it describes a refusal for a message, and is never written to Terraform.
   */
  readonly value?: any;
  /**
   * What is wrong, in a few words.
   *
   * Tokens: n.a.; it describes a refusal for a message, and is never written to Terraform.
   */
  readonly problem: string;
  /**
   * What is allowed.
   *
   * Tokens: n.a.; it describes a refusal for a message, and is never written to Terraform.
   */
  readonly allowed: string;
  /**
   * How to fix it.
   *
   * Tokens: n.a.; it describes a refusal for a message, and is never written to Terraform.
   */
  readonly fix: string;
}

/**
 * Recognises the library's validation errors.
 *
 * In TypeScript and JavaScript, `instanceof JetstreamValidationError` works too. The error class extends `Error`,
 * which jsii cannot express, so it is left out of the jsii assembly; this helper is the way in for every language,
 * and across copies of the library.
 */
export class JetstreamErrors {
  /** Whether `x` is a validation error thrown by this library (also across copies of the library). */
  public static isValidationError(x: any): boolean {
    return x !== null && typeof x === "object" && (x as any).__jetstreamValidationError === true;
  }

  private constructor() {}
}

/**
 * The one error our constructs throw for bad input, at synth time, carrying the construct path.
 *
 * The message reads `[<construct path>] <prop>: <problem>; got <value>. Allowed: <allowed>. Fix: <fix>`.
 * Value classes (flavors, sizes) validate before any construct exists and leave the path out.
 *
 * Catch it in TypeScript with `e instanceof JetstreamValidationError`, then read `prop` and `constructPath`.
 * (It extends `Error`, which jsii cannot express, so it is exported for TypeScript and JavaScript only; other
 * languages use `JetstreamErrors.isValidationError`.)
 *
 * @jsii ignore
 */
export class JetstreamValidationError extends Error {
  /** The path of the construct that rejected the input. */
  public readonly constructPath: string;
  /** The prop that was rejected. */
  public readonly prop: string;
  private readonly __jetstreamValidationError = true;

  /**
   * @param problem what is wrong with which prop
   * @param scope the construct that rejected it; omit for value classes that validate before any construct exists
   */
  public constructor(problem: ValidationProblem, scope?: IConstruct) {
    super(formatProblem(scope?.node?.path, problem));
    this.name = "JetstreamValidationError";
    this.constructPath = scope?.node?.path ?? "";
    this.prop = problem.prop;
    void this.__jetstreamValidationError;
    Object.setPrototypeOf(this, JetstreamValidationError.prototype);
  }
}

/** Renders a value for an error message: strings quoted, objects as compact JSON, long values cut short. */
export function describeValue(value: any): string {
  if (value === undefined) return "undefined";
  // A token's own spelling is noise (a number token reads as a huge negative number): say what it is.
  if (value !== null && Token.isUnresolved(value)) return "a token (a value known only at deploy time)";
  let text: string;
  try {
    text = typeof value === "string" ? JSON.stringify(value) : (JSON.stringify(value) ?? String(value));
  } catch {
    text = String(value);
  }
  return text.length > 160 ? `${text.slice(0, 157)}...` : text;
}

function formatProblem(path: string | undefined, p: ValidationProblem): string {
  const where = path === undefined ? "" : `[${path || "<root>"}] `;
  const got = "value" in p ? `; got ${describeValue(p.value)}` : "";
  return `${where}${p.prop}: ${p.problem}${got}. Allowed: ${p.allowed}. Fix: ${p.fix}`;
}

/**
 * Refuses an argument of a static method that is not an instance of `type` (plain JavaScript can pass anything):
 * without this, the first property read ends in a TypeError that names nothing. Returns the value.
 */
export function requireInstance<T>(value: T, type: { prototype: any; name: string }, prop: string, allowed: string): T {
  if (!(value instanceof (type as any))) {
    throw new JetstreamValidationError({
      prop,
      value: value === null || typeof value !== "object" ? value : `a ${(value as any).constructor?.name ?? "object"}`,
      problem: `must be a ${type.name}`,
      allowed,
      fix: `pass ${allowed}`,
    });
  }
  return value;
}
