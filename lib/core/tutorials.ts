import { IConstruct } from "constructs";
import { checkHttpsUrl, checkLiteral, fail } from "./validate";

/**
 * A git repository of tutorial notebooks that every user finds in their home directory from the first login.
 *
 * Both hub shapes pull it with nbgitpuller, which merges upstream changes without overwriting a user's edits.
 *
 * @see https://nbgitpuller.readthedocs.io/
 */
export interface TutorialNotebooks {
  /**
   * The repository, as an https:// clone URL.
   *
   * Tokens: refused; it is encoded into the nbgitpuller link at synth.
   */
  readonly repository: string;
  /**
   * The branch to pull.
   *
   * Tokens: refused; it is checked and encoded into the nbgitpuller link at synth.
   *
   * @default "main"
   */
  readonly branch?: string;
  /**
   * The folder in each user's home to pull into.
   *
   * Tokens: refused; it is checked and encoded into the nbgitpuller link at synth.
   *
   * @default "tutorials"
   */
  readonly targetFolder?: string;
}

/** The defaults of `TutorialNotebooks`, filled in. */
export interface ResolvedTutorials {
  readonly repository: string;
  readonly branch: string;
  readonly targetFolder: string;
}

/** Fills in the defaults. */
export function resolveTutorials(t: TutorialNotebooks): ResolvedTutorials {
  return { repository: t.repository, branch: t.branch ?? "main", targetFolder: t.targetFolder ?? "tutorials" };
}

/**
 * The path, relative to a user's server, that pulls the tutorials and opens them in JupyterLab:
 * `/git-pull?repo=...&branch=...&targetpath=...&urlpath=lab/tree/...`. Used as the default URL, so the pull
 * happens on every login.
 */
export function nbgitpullerPath(t: TutorialNotebooks): string {
  const r = resolveTutorials(t);
  const q = [
    `repo=${encodeURIComponent(r.repository)}`,
    `branch=${encodeURIComponent(r.branch)}`,
    `targetpath=${encodeURIComponent(r.targetFolder)}`,
    `urlpath=${encodeURIComponent(`lab/tree/${r.targetFolder}`)}`,
  ];
  return `/git-pull?${q.join("&")}`;
}

/** Checks tutorial settings for a hub construct; throws JetstreamValidationError naming `prop`. */
export function checkTutorials(scope: IConstruct, prop: string, t: TutorialNotebooks): ResolvedTutorials {
  // The URL is percent-encoded into the nbgitpuller link at synth, where a token would be encoded as text.
  checkLiteral(scope, `${prop}.repository`, t.repository, "it is encoded into the nbgitpuller link");
  checkHttpsUrl(scope, `${prop}.repository`, t.repository, "the notebooks' git repository");
  checkLiteral(scope, `${prop}.branch`, t.branch, "it is encoded into the nbgitpuller link");
  checkLiteral(scope, `${prop}.targetFolder`, t.targetFolder, "it is checked to stay inside the user's home");
  const r = resolveTutorials(t);
  if (!/^[A-Za-z0-9._/-]+$/.test(r.branch) || r.branch.includes("..") || r.branch.startsWith("-")) {
    fail(scope, {
      prop: `${prop}.branch`,
      value: r.branch,
      problem: "not a plain git branch name",
      allowed: "letters, digits, '.', '_', '-' and '/', not starting with '-'",
      fix: "use the branch name as `git branch` shows it, e.g. main",
    });
  }
  if (!/^[A-Za-z0-9._-]+(\/[A-Za-z0-9._-]+)*$/.test(r.targetFolder) || r.targetFolder.split("/").includes("..")) {
    fail(scope, {
      prop: `${prop}.targetFolder`,
      value: r.targetFolder,
      problem: "must be a relative folder inside the user's home",
      allowed: "a relative path such as tutorials or gateway/tutorials, without '..'",
      fix: "drop leading slashes and '..' segments",
    });
  }
  return r;
}
