import { createHash } from "crypto";
import { IConstruct } from "constructs";

/** The longest DNS label (RFC 1035). */
export const MAX_DNS_LABEL = 63;

/**
 * Turns any text into a DNS label: lower case, letters, digits and hyphens, no leading or trailing hyphen,
 * at most 63 characters. Jetstream2 publishes `<instance name>.<allocation>.projects.jetstream-cloud.org`, so
 * instance names made by this library are DNS labels too.
 *
 * Returns an empty string when nothing usable is left; callers decide whether that is an error.
 */
export function toDnsLabel(text: string, maxLength: number = MAX_DNS_LABEL): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, "-")
    .replace(/-+/g, "-")
    .replace(/^-+/, "")
    .slice(0, maxLength)
    .replace(/-+$/, "");
}

/** Whether `text` is already a valid DNS label. */
export function isDnsLabel(text: string): boolean {
  return typeof text === "string" && /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/.test(text);
}

/** Whether `text` is a valid DNS name (labels joined by dots, at most 253 characters, no trailing dot). */
export function isDnsName(text: string): boolean {
  return (
    typeof text === "string" &&
    text.length <= 253 &&
    text.split(".").length >= 2 &&
    text.split(".").every((label) => isDnsLabel(label))
  );
}

/**
 * A short, stable, DNS-safe name for a resource from its construct path: the readable tail of the path plus a
 * hash of the whole path, so two constructs with the same id in different places never collide and the name
 * never changes unless the construct moves.
 *
 * @param scope the construct the name is for
 * @param maxLength at most this many characters (default 63)
 */
export function uniqueDnsName(scope: IConstruct, maxLength: number = MAX_DNS_LABEL): string {
  const hash = createHash("sha256").update(scope.node.path).digest("hex").slice(0, 6);
  const readable = toDnsLabel(
    scope.node.scopes
      .slice(1)
      .map((s) => s.node.id)
      .filter((id) => id !== "Resource" && id !== "Default")
      .join("-"),
    Math.max(1, maxLength - hash.length - 1),
  );
  return readable ? `${readable}-${hash}` : `r-${hash}`;
}
