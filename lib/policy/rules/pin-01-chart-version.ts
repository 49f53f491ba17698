import { PolicyLevel, PolicyRule, finding } from "../rule";

/** An exact semantic version, not a range or a tag. */
export const EXACT_VERSION = /^v?\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$/;

/** JSH-PIN-01: charts are installed at an exact version. */
export const chartVersionPinned: PolicyRule = {
  id: "JSH-PIN-01",
  title: "Every Helm release pins an exact chart version",
  explanation:
    "Without a version the provider installs the newest chart on every fresh deploy; a range does the same " +
    "within the range. z2jh majors have changed how user volumes are named, so an unplanned upgrade can hide " +
    "every home directory.",
  level: PolicyLevel.ERROR,
  hard: false,
  check: (doc) =>
    doc
      .resources("helm_release")
      .filter((r) => typeof r.body.version !== "string" || !EXACT_VERSION.test(r.body.version))
      .map((r) =>
        finding(r.address, `chart version ${JSON.stringify(r.body.version ?? null)} is not an exact version`),
      ),
};
