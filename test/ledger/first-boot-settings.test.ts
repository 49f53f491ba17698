import { App } from "cdktf";
import { ClusterHomeStorage, Size } from "../../lib";
import { KubernetesMagnumExample } from "../../examples/kubernetes-magnum/stack";
import { exampleBackups } from "../../examples/settings";
import { applyByHand } from "../../lib/single-server-hub/tljh-config";
import { quickStart, synthWithLedger, tempLedger } from "../support/ledger";

// A single-server hub's VM ignores changes to its user data (so no edit rebuilds it), which means a changed login,
// admin list, limit or culling setting does not reach the running hub by a deploy. The DataLedger records what the
// code last said and, when it changes, says which settings the running VM will not see and gives the commands that
// apply them by hand. The commands follow tljh-config 2.0.0 (tljh/config.py: set, unset, add-item, remove-item,
// reload [hub|proxy]; keys split on "."), as ../shared/reference/tljh.md records from that source.

const base = { clusterId: "Cluster", adminUsers: ["alice", "bob"] };

describe("first-boot settings of a single-server hub", () => {
  test("removing an admin: the synth says the running VM keeps them, and how to revoke by hand", () => {
    const ledgerPath = tempLedger();
    expect(synthWithLedger(quickStart, base, ledgerPath).ledger.notices).toEqual([]);
    const changed = synthWithLedger(quickStart, { ...base, adminUsers: ["alice"] }, ledgerPath);
    expect(changed.error).toBeUndefined();
    const [notice] = changed.ledger.notices;
    expect(notice).toContain("ignores changes to its user data, so these changed settings will not reach it");
    expect(notice).toContain('users.admin: ["alice","bob"] -> ["alice"]');
    expect(notice).toContain("sudo tljh-config remove-item users.admin bob");
    // The admin role is authoritative in the hub's snippet, so the snippet must change too, or bob stays admin.
    expect(notice).toContain("sudo tee /opt/tljh/config/jupyterhub_config.d/jetstream-hub.py");
    expect(notice).toContain('c.JupyterHub.load_roles.append({"name": "admin", "users": ["alice"]})');
    expect(notice.trimEnd().endsWith("sudo tljh-config reload hub")).toBe(true);
    expect(notice.match(/tljh-config reload hub/g)).toHaveLength(1);
    // Said once: the next synth with the same code is quiet.
    expect(synthWithLedger(quickStart, { ...base, adminUsers: ["alice"] }, ledgerPath).ledger.notices).toEqual([]);
  });

  test("in CI (frozen) the same change fails the synth, with the notice in the message", () => {
    const ledgerPath = tempLedger();
    synthWithLedger(quickStart, base, ledgerPath);
    const frozen = synthWithLedger(quickStart, { ...base, adminUsers: ["alice"] }, ledgerPath, undefined, true);
    expect(frozen.error).toContain("is out of date, and the ledger is frozen");
    expect(frozen.error).toContain("sudo tljh-config remove-item users.admin bob");
  });

  test("a new HTTPS contact reloads the proxy; a new TLJH release needs a new VM", () => {
    const ledgerPath = tempLedger();
    synthWithLedger(quickStart, base, ledgerPath);
    const [notice] = synthWithLedger(
      quickStart,
      { ...base, hub: { letsEncryptEmail: "ops@example.org", tljhVersion: "2.0.1" } },
      ledgerPath,
    ).ledger.notices;
    expect(notice).toContain("sudo tljh-config set https.letsencrypt.email ops@example.org");
    expect(notice).toContain("sudo tljh-config reload proxy");
    expect(notice).toContain("# tljhVersion applies when the VM is built: replace the VM");
  });

  test("more memory per user: the new limit, and the flavor resize that a deploy does apply", () => {
    const ledgerPath = tempLedger();
    synthWithLedger(quickStart, base, ledgerPath);
    const [notice] = synthWithLedger(quickStart, { ...base, hub: { memoryPerUser: Size.gibibytes(10) } }, ledgerPath)
      .ledger.notices;
    expect(notice).toContain("sudo tljh-config set limits.memory 10G");
  });

  test("a CILogon IdP's settings, whose keys tljh-config cannot address, are edited in config.yaml", () => {
    // TLJH splits keys on "."; an IdP entity id is one key part that holds dots.
    expect(
      applyByHand(
        "config.yaml:auth.CILogonOAuthenticator.allowed_idps.https://idp.example.edu/idp.allowed_domains",
        '["example.edu"]',
        '["example.edu","cs.example.edu"]',
        "openstack_compute_instance_v2.Hub",
      ),
    ).toEqual([
      expect.stringMatching(/^# edit \/opt\/tljh\/config\/config\.yaml as root \(tljh-config cannot address/),
    ]);
  });

  test("nothing changed: no notice", () => {
    const ledgerPath = tempLedger();
    synthWithLedger(quickStart, base, ledgerPath);
    expect(synthWithLedger(quickStart, base, ledgerPath).ledger.notices).toEqual([]);
  });
});

describe("applyByHand", () => {
  test.each<[string, string | undefined, string | undefined, string[]]>([
    [
      "config.yaml:users.admin",
      '["a"]',
      '["a","b"]',
      ["sudo tljh-config add-item users.admin b", "sudo tljh-config reload hub"],
    ],
    [
      "config.yaml:services.cull.timeout",
      "3600",
      "7200",
      ["sudo tljh-config set services.cull.timeout 7200", "sudo tljh-config reload hub"],
    ],
    [
      "config.yaml:users.allowed",
      '["a"]',
      undefined,
      ["sudo tljh-config unset users.allowed", "sudo tljh-config reload hub"],
    ],
    [
      "config.yaml:auth.GitHubOAuthenticator.allowed_organizations",
      undefined,
      '["my org"]',
      [
        "sudo tljh-config add-item auth.GitHubOAuthenticator.allowed_organizations 'my org'",
        "sudo tljh-config reload hub",
      ],
    ],
  ])("%s: %s -> %s", (key, before, after, commands) => {
    expect(applyByHand(key, before, after, "openstack_compute_instance_v2.Hub")).toEqual(commands);
  });
});

describe("first-boot settings of the NFS home server", () => {
  test("backups added to a running server: the synth says a new VM applies them, with the exact -replace", () => {
    const ledgerPath = tempLedger();
    const magnum = (app: App, withBackups: boolean) =>
      new KubernetesMagnumExample(app, "ex", (stack) => ({
        homeStorage: ClusterHomeStorage.nfsServer({
          capacity: Size.gibibytes(500),
          backups: withBackups ? exampleBackups(stack) : undefined,
        }),
      }));
    expect(synthWithLedger(magnum, false, ledgerPath).ledger.notices).toEqual([]);
    const [notice] = synthWithLedger(magnum, true, ledgerPath).ledger.notices;
    const nfs = /the running VM (openstack_compute_instance_v2\.Cluster_Machines_Group-nfs_Node1_[0-9A-F]{8})/.exec(
      notice,
    )![1];
    expect(notice).toContain('install:backups: (none) -> {"bucket":"cis230085-home-backups"}');
    expect(notice).toContain(
      `# backups applies when the VM is built: replace the VM (terraform apply -replace=${nfs})`,
    );
  });
});
