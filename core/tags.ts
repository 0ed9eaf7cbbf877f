/** Every resource the workshop creates carries this tag (the cleanup finds the workshop's resources by it). */
export const WORKSHOP_TAG = { Key: 'workshop', Value: 'naxt-genai' } as const;

/** And the session's tag, whose value is the session id: a session's cleanup deletes only its own. */
export const SESSION_TAG_KEY = 'workshop-session';

/**
 * What every session of an account shares. The execution role of lab 00 has one name per account
 * (`naxt-workshop-sagemaker-execution`, runner/sessions.ts) and every session's jobs and endpoints run as it:
 * it belongs to the workshop, not to the session that happened to create it first. It carries this tag instead
 * of the session's, and only an all-sessions cleanup deletes it.
 *
 * Self-contained on purpose: the labs' library bundles it for the kernels (labs/lib/tags.ts).
 */
export const SHARED_TAG = { Key: 'workshop-shared', Value: 'account' } as const;

/** The tags of something every session shares: the session's tags with its session tag replaced by the shared one. */
export function sharedTags(sessionTags: readonly { Key: string; Value: string }[]): { Key: string; Value: string }[] {
  return [...sessionTags.filter((t) => t.Key !== SESSION_TAG_KEY && t.Key !== SHARED_TAG.Key), { ...SHARED_TAG }];
}

export const isSharedTagged = (tags: Record<string, string>): boolean => tags[SHARED_TAG.Key] === SHARED_TAG.Value;

/** Why a single session's cleanup keeps a shared resource: said in its plan and its verdict. */
export const KEPT_REASON =
  'shared by every session of this account (tag workshop-shared=account): kept for the other sessions; only a cleanup of all sessions deletes it (npm run cleanup -- --all-sessions --yes, plus --aws on a real account)';
