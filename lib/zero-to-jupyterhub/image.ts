import { IConstruct } from "constructs";
import { fail, isUnresolved } from "../core/validate";

/**
 * A container image for users' servers, by name and explicit tag: `singleuser.image` in the chart.
 *
 * A tag, not `latest`: a moving tag makes two users on the same hub run different software, and a redeploy
 * silently changes what everyone runs.
 *
 * @see https://z2jh.jupyter.org/en/stable/resources/reference.html#singleuser-image
 */
export interface ContainerImage {
  /**
   * The image name with its registry, without a tag, e.g. `quay.io/jupyter/scipy-notebook`.
   *
   * Tokens: accepted; written into the Helm values as a reference.
   */
  readonly name: string;
  /**
   * An explicit tag, e.g. `2025-03-17` or `4.4.0`. Never `latest`.
   *
   * Tokens: accepted; written into the Helm values as a reference; JSH-PIN-02 reports a tag token as undecided.
   */
  readonly tag: string;
}

/** The image name part of a reference: registry host (with optional port), then lower-case path segments. */
const IMAGE_NAME = /^([a-z0-9.-]+(:[0-9]+)?\/)?[a-z0-9]+([._-]+[a-z0-9]+)*(\/[a-z0-9]+([._-]+[a-z0-9]+)*)*$/;
/** Docker's tag grammar. */
const IMAGE_TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;

/** Checks an image for `prop`; throws JetstreamValidationError naming it. Tokens pass through. */
export function checkImage(scope: IConstruct, prop: string, image: ContainerImage): ContainerImage {
  if (typeof image !== "object" || image === null) {
    fail(scope, {
      prop,
      value: image,
      problem: "must be an image name and tag",
      allowed: "{ name: 'quay.io/jupyter/scipy-notebook', tag: '2025-03-17' }",
      fix: "pass the name and the tag separately",
    });
  }
  const { name, tag } = image;
  if (!isUnresolved(name)) {
    if (typeof name === "string" && /[:@]/.test(name.split("/").pop() ?? "")) {
      fail(scope, {
        prop: `${prop}.name`,
        value: name,
        problem: "the name carries a tag or digest",
        allowed: "the name alone, e.g. quay.io/jupyter/scipy-notebook",
        fix: `put the part after ':' in ${prop}.tag`,
      });
    }
    if (typeof name !== "string" || !IMAGE_NAME.test(name)) {
      fail(scope, {
        prop: `${prop}.name`,
        value: name,
        problem: "not a container image name",
        allowed: "a lower-case image reference such as quay.io/jupyter/scipy-notebook",
        fix: "copy the image name from its registry page",
      });
    }
  }
  if (!isUnresolved(tag)) {
    if (typeof tag !== "string" || tag.trim() === "" || tag.toLowerCase() === "latest") {
      fail(scope, {
        prop: `${prop}.tag`,
        value: tag,
        problem: "an image needs an explicit, fixed tag",
        allowed: "a tag that names one build, e.g. 2025-03-17 or 4.4.0; never empty, never latest",
        fix: "pick the tag of the build you tested from the registry",
      });
    }
    if (!IMAGE_TAG.test(tag)) {
      fail(scope, {
        prop: `${prop}.tag`,
        value: tag,
        problem: "not a container image tag",
        allowed: "letters, digits, '_', '.' and '-', at most 128 characters, not starting with '.' or '-'",
        fix: "copy the tag from the registry",
      });
    }
  }
  return { name, tag };
}

/** `name:tag`, as KubeSpawner's `image` override takes it. */
export function imageReference(image: ContainerImage): string {
  return `${image.name}:${image.tag}`;
}
