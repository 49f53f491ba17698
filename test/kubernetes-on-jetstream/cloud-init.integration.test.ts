import { cloudInitSchema } from "../support/cloud-init-cli";
import { RENDERED } from "./rendered-user-data";

// The real `cloud-init schema` command on the k3s and NFS user data.
test("the cloud-init schema command accepts every rendered document", async () => {
  const results = await Promise.all(RENDERED.map(([, text]) => cloudInitSchema(text)));
  expect(results.map((r) => r.code)).toEqual(RENDERED.map(() => 0));
});
