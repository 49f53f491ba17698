import { PolicyLevel, PolicyRule, finding } from "../rule";
import { isObject } from "../values";
import { profileSlug, profilesOf } from "../z2jh";

/** JSH-HUB-11: every profile can be chosen, and free-form choices are validated. */
export const profilesUnambiguous: PolicyRule = {
  id: "JSH-HUB-11",
  title: "Profile slugs are unique, at most one profile is the default, free-form choices have a validation regex",
  explanation:
    "KubeSpawner picks the first profile with a matching slug, so a duplicate is unreachable; with several " +
    "defaults only the first counts. An unlisted (free-form) choice without validation_regex lets users run any " +
    "image they type.",
  level: PolicyLevel.ERROR,
  hard: false,
  check: (doc) =>
    doc.z2jhReleases().flatMap((r) => {
      const profiles = profilesOf(r.values);
      const found = [];
      const seen = new Set<string>();
      for (const p of profiles) {
        const slug = profileSlug(p);
        if (slug === undefined) continue;
        if (seen.has(slug))
          found.push(finding(r.address, `two profiles have the slug ${slug}`, { findingId: "duplicate-slug" }));
        seen.add(slug);
      }
      if (profiles.filter((p) => p.default === true).length > 1) {
        found.push(finding(r.address, "more than one profile has default: true", { findingId: "defaults" }));
      }
      for (const p of profiles) {
        for (const [name, option] of Object.entries(isObject(p.profile_options) ? p.profile_options : {})) {
          const unlisted = isObject(option) ? option.unlisted_choice : undefined;
          if (isObject(unlisted) && unlisted.enabled === true && typeof unlisted.validation_regex !== "string") {
            found.push(
              finding(r.address, `profile ${profileSlug(p)} option ${name} accepts any value`, {
                findingId: "unvalidated-choice",
              }),
            );
          }
        }
      }
      return found;
    }),
};
