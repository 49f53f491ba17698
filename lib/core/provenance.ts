import { IConstruct } from "constructs";

// Which construct made another one under a different parent (SingleServerHub adds its VM to the cluster's tree).
// The policy pack reads it, so that an acknowledgement on the creator covers what it made, and findings name the
// creator as the place to acknowledge them.
const CREATOR_METADATA = "jetstream-hub/created-by";

/** Records that `creator` made `created` (and what is under it) outside its own subtree. */
export function recordCreator(created: IConstruct, creator: IConstruct): void {
  created.node.addMetadata(CREATOR_METADATA, creator.node.path, { stackTrace: false });
}

/** The construct that made `scope` outside its own subtree, if one was recorded. */
export function creatorOf(scope: IConstruct): IConstruct | undefined {
  const path = scope.node.metadata.find((m) => m.type === CREATOR_METADATA)?.data as string | undefined;
  if (path === undefined) return undefined;
  return scope.node.root.node.findAll().find((c) => c.node.path === path);
}
