import { PolicyLevel, PolicyRule, finding } from "../rule";

/** The OS an image name shows, when it shows one: Featured-Ubuntu24 is ubuntu 24. */
export function osFromImageName(name: string): { os: string; major?: number } | undefined {
  const ubuntu = /ubuntu[-_ ]?(\d{2})/i.exec(name);
  if (ubuntu) return { os: "ubuntu", major: Number(ubuntu[1]) };
  const debian = /debian[-_ ]?(\d{1,2})/i.exec(name);
  if (debian) return { os: "debian", major: Number(debian[1]) };
  const other = /(rocky|alma|centos|fedora|rhel|red ?hat|suse|windows)/i.exec(name);
  return other ? { os: other[1].toLowerCase() } : undefined;
}

/** JSH-TLJH-01: TLJH runs on an OS its installer supports. */
export const supportedOs: PolicyRule = {
  id: "JSH-TLJH-01",
  title: "TLJH VMs boot Ubuntu 22.04 or newer, or Debian 11 or newer",
  explanation:
    "TLJH's bootstrap refuses anything else, so the VM boots but never becomes a hub. Use " +
    "JetstreamImage.FEATURED_UBUNTU24. (Checked on the image name; an image given only by id is not checked.)",
  level: PolicyLevel.ERROR,
  hard: false,
  check: (doc) =>
    doc.tljhHosts().flatMap((h) => {
      const name = h.body.image_name;
      if (typeof name !== "string") return [];
      const os = osFromImageName(name);
      if (!os) return [];
      const ok =
        (os.os === "ubuntu" && os.major !== undefined && os.major >= 22) ||
        (os.os === "debian" && os.major !== undefined && os.major >= 11);
      return ok ? [] : [finding(h.address, `image ${name} is not an OS the TLJH installer supports`)];
    }),
};
