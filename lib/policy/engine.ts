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
 * Runs every rule over a resolved stack document. Pure: the same document gives the same findings. Fails closed: a
 * rule that throws, or cannot decide, reports under its own id at its own level and hardness (a hard rule stays
 * hard), never as something weaker. Parts of the document no rule could read are JSH-META-03 errors, one per
 * address.
 */
export function evaluate(json: Json, rules: PolicyRule[]): EvaluatedFinding[] {
  const doc = new PolicyDocument(json);
  const out: EvaluatedFinding[] = [];
  for (const rule of rules) {
    let found: Finding[];
    try {
      found = rule.check(doc);
    } catch (e) {
      found = [{ address: "", findingId: "could-not-run", message: `could not run: ${(e as Error).message}` }];
    }
    for (const f of found) {
      out.push({
        ruleId: rule.id,
        findingId: f.undecided ? `undecided${f.findingId ? `:${f.findingId}` : ""}` : f.findingId,
        level: f.level ?? rule.level,
        hard: rule.hard || f.hard === true,
        address: f.address,
        message: f.undecided ? `could not decide: ${f.message}` : f.message,
      });
    }
  }
  const seen = new Set<string>();
  for (const p of doc.problems) {
    const key = `${p.address}\n${p.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({
      ruleId: UNDECIDED_RULE_ID,
      findingId: p.address || "stack",
      level: PolicyLevel.ERROR,
      hard: false,
      address: p.address,
      message: `${p.message}; the rules that need it could not run`,
    });
  }
  return out;
}
