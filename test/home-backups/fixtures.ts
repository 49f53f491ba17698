import { TerraformStack } from "cdktf";
import { load } from "js-yaml";
import { HomeBackups, HomeBackupsProps, NfsHomeServer, Secret } from "../../lib";
import { clusterStack, gatewayHub, instanceUserData, writtenFile } from "../single-server-hub/fixtures";
import { StackJson, newStack } from "../support/synth";

/** Backups to an object store bucket, every credential a Secret from the environment. */
export function backups(stack: TerraformStack, overrides: Partial<HomeBackupsProps> = {}): HomeBackups {
  return HomeBackups.toObjectStore({
    bucket: "cis230085-home-backups",
    accessKeyId: Secret.fromEnvironment(stack, "backup_access_key"),
    secretAccessKey: Secret.fromEnvironment(stack, "backup_secret_key"),
    repositoryPassword: Secret.fromEnvironment(stack, "backup_repository_password"),
    ...overrides,
  });
}

/** A single-server hub with backups. A Secret from the environment is declared again in the stack that uses it. */
export function hubWithBackups(overrides: Partial<HomeBackupsProps> = {}) {
  return gatewayHub({ backups: backups(newStack("secrets"), overrides) });
}

/** An NFS home server with backups. */
export function nfsWithBackups(overrides: Partial<HomeBackupsProps> = {}) {
  const { stack, cluster } = clusterStack();
  const home = new NfsHomeServer(stack, "Home", {
    cluster,
    clientCidrs: ["10.0.0.0/24"],
    backups: backups(stack, overrides),
  });
  return { stack, home };
}

/** The cloud-config of the stack's one VM, parsed. */
export const cloudConfigOf = (doc: StackJson) => load(instanceUserData(doc)) as any;
export const fileIn = (config: any, p: string) => writtenFile(config, p);
