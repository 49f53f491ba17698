import { TerraformStack } from "cdktf";

/**
 * Settings an example's caller changes over its defaults (the data-safety tests do). A function gets the example's
 * own stack, for values that must live there, such as a Secret for a changed login.
 */
export type ExampleOverrides<T> = Partial<T> | ((stack: TerraformStack) => Partial<T>);

/** The overrides as props. */
export function resolveOverrides<T>(stack: TerraformStack, overrides: ExampleOverrides<T>): Partial<T> {
  return typeof overrides === "function" ? overrides(stack) : overrides;
}
