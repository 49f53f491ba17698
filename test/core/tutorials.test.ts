import { checkTutorials, nbgitpullerPath } from "../../lib/core/tutorials";
import { newStack } from "../support/synth";

describe("tutorial notebooks", () => {
  test("the nbgitpuller path pulls the repository and opens its folder in JupyterLab", () => {
    const path = nbgitpullerPath({
      repository: "https://github.com/gw/tutorials",
      branch: "v2",
      targetFolder: "gateway",
    });
    expect(path).toBe(
      "/git-pull?repo=https%3A%2F%2Fgithub.com%2Fgw%2Ftutorials&branch=v2&targetpath=gateway&urlpath=lab%2Ftree%2Fgateway",
    );
    expect(nbgitpullerPath({ repository: "https://github.com/gw/t" })).toContain("branch=main&targetpath=tutorials");
  });

  test("fails when the repository is not https, the branch or folder is unsafe", () => {
    const s = newStack();
    expect(() => checkTutorials(s, "tutorials", { repository: "git@github.com:gw/t.git" })).toThrow(
      /tutorials.repository: must be an https:\/\/ URL/,
    );
    expect(() => checkTutorials(s, "tutorials", { repository: "https://github.com/gw/t", branch: "-x" })).toThrow(
      /tutorials.branch: not a plain git branch name/,
    );
    expect(() =>
      checkTutorials(s, "tutorials", { repository: "https://github.com/gw/t", targetFolder: "../etc" }),
    ).toThrow(/tutorials.targetFolder: must be a relative folder/);
    expect(() =>
      checkTutorials(s, "tutorials", { repository: "https://github.com/gw/t", targetFolder: "/abs" }),
    ).toThrow(/targetFolder/);
  });
});
