/**
 * Tags for what every session of the account shares (the execution role): owned by the workshop, not by one
 * session, so one learner's cleanup never deletes it under the others.
 */
export { SHARED_TAG, sharedTags } from '../../core/tags.ts';
