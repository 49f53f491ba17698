import { mergeHelmValues, NullHandling } from "../../lib/core/formats/helm-values";

describe("mergeHelmValues (Helm's layering rules)", () => {
  const base = {
    hub: { config: { JupyterHub: { admin_access: true, authenticator_class: "dummy" } }, extraEnv: {} },
    singleuser: { profileList: [{ slug: "a" }, { slug: "b" }], memory: { guarantee: "1G", limit: null } },
    debug: { enabled: false },
  };

  test("maps merge key by key, at any depth", () => {
    const out = mergeHelmValues(
      base,
      { hub: { config: { JupyterHub: { authenticator_class: "github" } } } },
      NullHandling.KEEP,
    );
    expect(out.hub.config.JupyterHub).toEqual({ admin_access: true, authenticator_class: "github" });
    expect(out.hub.extraEnv).toEqual({});
    expect(out.debug).toEqual({ enabled: false });
  });

  test("lists and scalars replace what the base had", () => {
    const out = mergeHelmValues(
      base,
      { singleuser: { profileList: [{ slug: "c" }] }, debug: { enabled: true } },
      NullHandling.KEEP,
    );
    expect(out.singleuser.profileList).toEqual([{ slug: "c" }]);
    expect(out.debug.enabled).toBe(true);
  });

  test("null deletes the key when coalescing onto chart defaults", () => {
    const out = mergeHelmValues(base, { singleuser: { memory: { guarantee: null } } }, NullHandling.DELETE);
    expect(out.singleuser.memory).toEqual({ limit: null });
    expect("guarantee" in out.singleuser.memory).toBe(false);
  });

  test("null survives between two user layers, so it can delete the chart's default later", () => {
    const out = mergeHelmValues(base, { singleuser: { memory: { guarantee: null } } }, NullHandling.KEEP);
    expect(out.singleuser.memory).toEqual({ guarantee: null, limit: null });
  });

  test("nulls inside a new subtree are dropped when coalescing", () => {
    const out = mergeHelmValues({}, { custom: { a: 1, b: null } }, NullHandling.DELETE);
    expect(out).toEqual({ custom: { a: 1 } });
  });

  test("neither input is modified", () => {
    const before = JSON.stringify(base);
    const overlay = { singleuser: { profileList: [{ slug: "c" }] }, hub: { extraEnv: { A: "1" } } };
    const out = mergeHelmValues(base, overlay, NullHandling.DELETE);
    out.singleuser.profileList.push({ slug: "d" });
    out.hub.extraEnv.B = "2";
    expect(JSON.stringify(base)).toBe(before);
    expect(overlay.singleuser.profileList).toEqual([{ slug: "c" }]);
  });
});
