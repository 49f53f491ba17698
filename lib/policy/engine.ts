import { PolicyDocument } from "./document";
import { Finding, PolicyLevel, PolicyRule } from "./rule";
import { Json } from "./values";

/** The id of the engine's own finding: a rule could not decide, or part of the document could not be read. */
export const UNDECIDED_RULE_ID = "JSH-META-03";

/** A finding with its rule's id, level and hardness settled. */
export interface EvaluatedFinding {
  readonly ruleId: string;
  readonly findingId?: string;
  readonly level: PolicyLevel;
  readonly hard: boolean;
  readonly address: string;
  readonly message: string;
}

/**
 * Runs every rule over a resolved stack document. Pure: the same document gives the same findings. A rule that
 * throws, or cannot decide, becomes a JSH-META-03 warning instead of failing synthesis.
 */
export function evaluate(json: Json, rules: PolicyRule[]): EvaluatedFinding[] {
  const doc = new PolicyDocument(json);
  const out: EvaluatedFinding[] = [];
  const undecided = (address: string, findingId: string, message: string) =>
    out.push({ ruleId: UNDECIDED_RULE_ID, findingId, level: PolicyLevel.WARNING, hard: false, address, message });
  for (const rule of rules) {
    let found: Finding[];
    try {
      found = rule.check(doc);
    } catch (e) {
      undecided("", rule.id, `${rule.id} could not run: ${(e as Error).message}`);
      continue;
    }
    for (const f of found) {
      if (f.undecided) {
        undecided(f.address, rule.id, `${rule.id} could not decide: ${f.message}`);
      } else {
        out.push({
          ruleId: rule.id,
          findingId: f.findingId,
          level: f.level ?? rule.level,
          hard: rule.hard || f.hard === true,
          address: f.address,
          message: f.message,
        });
      }
    }
  }
  const seen = new Set<string>();
  for (const p of doc.problems) {
    const key = `${p.address}\n${p.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    undecided(p.address, "unreadable", `${p.message}; the rules that need it were skipped`);
  }
  return out;
}
