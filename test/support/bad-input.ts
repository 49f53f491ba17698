import { JetstreamErrors } from "../../lib";
import { describeValue } from "../../lib/core/errors";

/**
 * Asserts that `input` throws the library's validation error, whose message names `prop`, shows `value` as
 * received, and says what is allowed and how to fix it.
 */
export function expectClearRejection(input: () => unknown, prop: string, value: unknown): void {
  let error: unknown;
  try {
    input();
  } catch (e) {
    error = e;
  }
  if (!JetstreamErrors.isValidationError(error)) {
    throw new Error(`expected a JetstreamValidationError, got ${error === undefined ? "no error" : String(error)}`);
  }
  const message = (error as Error).message;
  expect(message).toMatch(new RegExp(`(^|\\] )${prop.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}: `));
  expect(message).toContain(`got ${describeValue(value)}`);
  expect(message).toMatch(/\. Allowed: \S.*\. Fix: \S/s);
}
