import { PolicyLevel, PolicyRule, finding } from "../rule";
import { at, isReference } from "../values";
import { profileOverrides } from "../z2jh";

function unpinnedTag(tag: unknown): boolean {
  return typeof tag !== "string" || tag === "" || tag === "latest";
}

// The tag of `repo/name:tag` (a registry port is not a tag); "" when there is none, "digest" for @sha256.
function tagOf(image: string): string {
  if (image.includes("@sha256:")) return "digest";
  const last = image.split("/").pop() ?? image;
  return last.includes(":") ? (last.split(":").pop() ?? "") : "";
}

/** JSH-PIN-02: user images are pinned. */
export const imageTagsPinned: PolicyRule = {
  id: "JSH-PIN-02",
  title: "The singleuser image and every profile image have a tag other than latest",
  explanation:
    "With latest (or no tag) every node pulls whatever was pushed last: users' environments change without a " +
    "deploy, and two nodes can run different software. Pin a tag (a digest is better still).",
  level: PolicyLevel.ERROR,
  hard: false,
  check: (doc) =>
    doc.z2jhReleases().flatMap((r) => {
      const found = [];
      const image = at(r.values, "singleuser.image");
      if (image && typeof image.name === "string" && isReference(image.tag)) {
        // A tag from a token may be latest: known only at deploy time.
        found.push(
          finding(r.address, `singleuser.image ${image.name} has tag ${image.tag}, computed at deploy time`, {
            findingId: "singleuser",
            undecided: true,
          }),
        );
      } else if (image && typeof image.name === "string" && unpinnedTag(image.tag)) {
        found.push(
          finding(r.address, `singleuser.image ${image.name} has tag ${JSON.stringify(image.tag ?? null)}`, {
            findingId: "singleuser",
          }),
        );
      }
      for (const { where, override } of profileOverrides(r.values)) {
        if (typeof override.image !== "string") continue;
        const tag = tagOf(override.image);
        if (isReference(tag)) {
          found.push(
            finding(r.address, `${where} image ${override.image} has a tag computed at deploy time`, {
              findingId: "profile",
              undecided: true,
            }),
          );
        } else if (tag === "" || tag === "latest") {
          found.push(finding(r.address, `${where} image ${override.image} is not pinned`, { findingId: "profile" }));
        }
      }
      return found;
    }),
};
