import { ImageOs, JetstreamImage } from "../../lib";

describe("JetstreamImage", () => {
  test("featured images are referenced by name, with their OS", () => {
    expect(JetstreamImage.FEATURED_UBUNTU24).toMatchObject({
      name: "Featured-Ubuntu24",
      id: undefined,
      os: ImageOs.UBUNTU,
      osVersion: "24.04",
    });
    expect(JetstreamImage.fromName("Featured-Ubuntu22")).toBe(JetstreamImage.FEATURED_UBUNTU22);
  });

  test("other images carry the OS the caller names", () => {
    expect(JetstreamImage.fromName("my-image", ImageOs.DEBIAN, "12")).toMatchObject({
      name: "my-image",
      os: ImageOs.DEBIAN,
      osVersion: "12",
    });
    const byId = JetstreamImage.fromId("2d56f33a-713c-488a-b65f-47b625d832cd");
    expect(byId).toMatchObject({ id: "2d56f33a-713c-488a-b65f-47b625d832cd", name: undefined, os: ImageOs.OTHER });
  });

  test("fails when a name is empty", () => {
    expect(() => JetstreamImage.fromName(" ")).toThrow(/image: an image name must be a non-empty string/);
  });

  test("fails when an id is not a UUID", () => {
    expect(() => JetstreamImage.fromId("Featured-Ubuntu24")).toThrow(
      /image: an image id must be a UUID; got "Featured-Ubuntu24"/,
    );
  });
});
