import * as fs from "fs";
import * as path from "path";
import { JetstreamFlavor, JetstreamValidationError, SingleServerSizing, Size } from "../../lib";
import { tableCells } from "../support/markdown";

const GiB = (n: number) => Size.gibibytes(n);

/** The table the docs show, rendered from the rule: users at once (rows) × memory per user (columns). */
function sizingTable(users: number[], memoriesGiB: number[]): string {
  const header = `| users at once | ${memoriesGiB.map((m) => `${m} GiB each`).join(" | ")} |`;
  const rule = `|---:|${memoriesGiB.map(() => "---").join("|")}|`;
  const rows = users.map((n) => {
    const cells = memoriesGiB.map((m) => {
      try {
        const plan = SingleServerSizing.plan({ expectedUsers: n, memoryPerUser: GiB(m) });
        return `${plan.flavor.name}: needs ${plan.requiredMemory} of ${plan.flavor.ramGiB} GiB`;
      } catch {
        return "too big for one VM: Kubernetes";
      }
    });
    return `| ${n} | ${cells.join(" | ")} |`;
  });
  return [header, rule, ...rows].join("\n");
}

describe("SingleServerSizing", () => {
  test.each([
    [1, 4, "m3.small"],
    [1, 8, "m3.quad"],
    [5, 4, "m3.medium"],
    [5, 10, "m3.large"],
    [11, 8, "m3.xl"],
    [11, 10, "m3.xl"], // the design's example: 11 users × 10 GB fit a 128 GB VM
    [20, 4, "m3.xl"],
    [20, 10, "m3.2xl"],
  ])("%d users × %d GiB get %s, the smallest flavor that holds them", (users, gib, flavor) => {
    const plan = SingleServerSizing.plan({ expectedUsers: users, memoryPerUser: GiB(gib) });
    expect(plan.flavor.name).toBe(flavor);
    // the next smaller current flavor would not hold them
    const smaller = JetstreamFlavor.available(plan.flavor.resource).filter((f) => f.ramGiB < plan.flavor.ramGiB);
    expect(smaller.every((f) => SingleServerSizing.maxUsers(f, GiB(gib)) < users)).toBe(true);
  });

  test("the budget is hub services + users × memory + the system reserve, within the flavor", () => {
    const plan = SingleServerSizing.plan({ expectedUsers: 11, memoryPerUser: GiB(10) });
    expect(plan.hubServicesMemory.toMebibytes()).toBe(128);
    expect(plan.usersMemory.toGibibytes()).toBe(110);
    expect(plan.systemReserve.toGibibytes()).toBe(12.5); // 10 % of m3.xl's 125 GiB
    expect(plan.requiredMemory.toMebibytes()).toBe(128 + 110 * 1024 + 12.5 * 1024);
    expect(plan.requiredMemory.toMebibytes() + plan.spareMemory.toMebibytes()).toBe(125 * 1024);
    expect(plan.spareMemory.toMebibytes()).toBeGreaterThanOrEqual(0);
  });

  test("the system reserve is 10 % of the flavor's RAM, at least 1 GiB", () => {
    expect(SingleServerSizing.systemReserve(JetstreamFlavor.M3_SMALL).toGibibytes()).toBe(1);
    expect(SingleServerSizing.systemReserve(JetstreamFlavor.M3_LARGE).toGibibytes()).toBe(6);
  });

  test("CPUs are shared evenly by default, at least one each", () => {
    expect(SingleServerSizing.plan({ expectedUsers: 10, memoryPerUser: GiB(8) }).cpuPerUser).toBe(3); // 32 / 10
    expect(SingleServerSizing.plan({ expectedUsers: 5, memoryPerUser: GiB(1) }).cpuPerUser).toBe(1); // 4 / 5
    expect(SingleServerSizing.plan({ expectedUsers: 5, memoryPerUser: GiB(1), cpuPerUser: 2 }).cpuPerUser).toBe(2);
  });

  test("never picks retired or on-request flavors, but takes them when named", () => {
    // GIVEN more than an m3.2xl holds
    const props = { expectedUsers: 40, memoryPerUser: GiB(8) };
    expect(() => SingleServerSizing.plan(props)).toThrow(/Kubernetes/);
    // WHEN the on-request m3.3xl is named explicitly
    const plan = SingleServerSizing.plan({ ...props, flavor: JetstreamFlavor.M3_3XL });
    // THEN it is checked and used
    expect(plan.flavor.name).toBe("m3.3xl");
  });

  test("an explicit flavor that holds the users is kept, even if larger than needed", () => {
    const plan = SingleServerSizing.plan({ expectedUsers: 1, memoryPerUser: GiB(4), flavor: JetstreamFlavor.M3_XL });
    expect(plan.flavor).toBe(JetstreamFlavor.M3_XL);
  });

  test("fails when more users than any flavor holds, pointing to the Kubernetes shape", () => {
    expect(() => SingleServerSizing.plan({ expectedUsers: 25, memoryPerUser: GiB(10) })).toThrow(
      /expectedUsers: 25 users × 10 GiB need .* more than the largest Jetstream2 flavor m3\.2xl .*Allowed: at most 22 users at 10 GiB on one VM\. Fix: run the hub on Kubernetes instead \(ZeroToJupyterHub on KubernetesOnJetstream/,
    );
  });

  test("fails when not even one user fits, blaming memoryPerUser rather than expectedUsers", () => {
    // The review's case: 1 user × 512 GiB used to say "expectedUsers ... at most 0 users".
    const error = (() => {
      try {
        SingleServerSizing.plan({ expectedUsers: 1, memoryPerUser: GiB(512) });
      } catch (e) {
        return e as JetstreamValidationError;
      }
      throw new Error("expected a validation error");
    })();
    expect(error).toBeInstanceOf(JetstreamValidationError);
    expect(error.prop).toBe("memoryPerUser");
    const most = SingleServerSizing.memoryForUsers(JetstreamFlavor.M3_2XL);
    expect(error.message).toContain(`Allowed: at most ${most} per user on one VM (m3.2xl)`);
    expect(error.message).not.toMatch(/at most 0 users/);
    // One MiB above the most still fails; the most itself fits.
    expect(() =>
      SingleServerSizing.plan({ expectedUsers: 1, memoryPerUser: Size.mebibytes(most.toMebibytes() + 1) }),
    ).toThrow(/memoryPerUser:/);
    expect(SingleServerSizing.plan({ expectedUsers: 1, memoryPerUser: most }).flavor.name).toBe("m3.2xl");
  });

  test("fails when an explicit flavor is too small, naming the smallest that fits", () => {
    expect(() =>
      SingleServerSizing.plan({ expectedUsers: 10, memoryPerUser: GiB(8), flavor: JetstreamFlavor.M3_LARGE }),
    ).toThrow(/flavor: m3\.large \(60 GiB\) holds 6 users at 8 GiB, not 10; got "m3\.large".*Fix: use m3\.xl/);
  });

  test.each([0, -1, 2.5, NaN])("fails when expectedUsers is %p", (users) => {
    expect(() => SingleServerSizing.plan({ expectedUsers: users, memoryPerUser: GiB(4) })).toThrow(
      /expectedUsers: must be a whole number of users/,
    );
  });

  test.each([Size.mebibytes(100), Size.gibibytes(0), Size.gibibytes(-4)])(
    "fails when memoryPerUser is %s",
    (memory) => {
      expect(() => SingleServerSizing.plan({ expectedUsers: 2, memoryPerUser: memory })).toThrow(
        /memoryPerUser: too small for a Jupyter server/,
      );
    },
  );

  test.each([0, 1.5, 64])("fails when cpuPerUser is %p on an m3.xl", (cpu) => {
    expect(() => SingleServerSizing.plan({ expectedUsers: 10, memoryPerUser: GiB(8), cpuPerUser: cpu })).toThrow(
      /cpuPerUser: must be a whole number of CPUs that m3\.xl has.*from 1 to 32/,
    );
  });

  test("the table in docs/single-server-hub.md is the one the rule produces", () => {
    const docs = fs.readFileSync(path.join(__dirname, "..", "..", "docs", "single-server-hub.md"), "utf8");
    const table = /<!-- sizing-table:start -->([\s\S]*?)<!-- sizing-table:end -->/.exec(docs)?.[1] ?? "";
    // Compared cell by cell: prettier pads markdown tables.
    expect(tableCells(table)).toEqual(tableCells(sizingTable([1, 5, 11, 20, 25], [4, 8, 10])));
  });
});
