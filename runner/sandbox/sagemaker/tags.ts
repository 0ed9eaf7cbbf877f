import type { SandboxContext } from '../context.ts';
import { invalidMember, validation } from '../errors.ts';
import { pageOf, requireString, typedOps, type Operations } from './util.ts';

type Tag = { Key: string; Value: string };

const TAG_CHARS = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;
const MAX_TAGS = 50;
/** The pattern of TagKey and TagValue as AWS prints it in the constraint sentence. */
const TAG_PATTERN = '^([\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*)$';

/** Tag keys and values as SageMaker's model constrains them (length and character set). */
export function checkTags(tags: unknown): Tag[] {
  if (tags === undefined) return [];
  if (!Array.isArray(tags)) throw invalidMember('tags', 'Member must be a list', 'hidden');
  // TagList is 0..50 members in the API model; a longer list fails the length constraint before anything else.
  if (tags.length > MAX_TAGS) {
    const shown = tags.map((t: Partial<Tag>) => `{Key: ${String(t?.Key)},Value: ${String(t?.Value)}}`).join(', ');
    throw invalidMember('tags', `Member must have length less than or equal to ${MAX_TAGS}`, { value: `[${shown}]` });
  }
  tags.forEach((t: Partial<Tag>, i) => {
    const key = t?.Key;
    const value = t?.Value ?? '';
    if (typeof key !== 'string' || key.length < 1 || key.length > 128 || !TAG_CHARS.test(key)) {
      throw invalidMember(
        `tags.${i + 1}.member.key`,
        `Member must have length between 1 and 128 and satisfy regular expression pattern: ${TAG_PATTERN}`,
        { value: key },
      );
    }
    // The aws: prefix is reserved in every service (case-insensitive); SageMaker's exact sentence is unconfirmed.
    if (/^aws:/i.test(key)) throw validation(`Tag keys starting with 'aws:' are reserved for internal use: ${key}`);
    if (typeof value !== 'string' || value.length > 256 || !TAG_CHARS.test(value)) {
      throw invalidMember(
        `tags.${i + 1}.member.value`,
        `Member must have length less than or equal to 256 and satisfy regular expression pattern: ${TAG_PATTERN}`,
        { value },
      );
    }
  });
  return tags as Tag[];
}

/** Tags on any SageMaker ARN the account holds. */
export function tagOps(ctx: SandboxContext): Operations {
  const check = (arn: string) => {
    if (!/^arn:aws[a-z-]*:sagemaker:[a-z0-9-]+:\d{12}:[a-z-]+\/.+/.test(arn)) throw validation(`Invalid resource ARN: ${arn}`);
    return arn;
  };
  return typedOps({
    AddTags: (input) => {
      const arn = check(requireString(input, 'ResourceArn'));
      const tags = checkTags(input.Tags);
      if (Object.keys({ ...ctx.store.tagsOf(arn), ...Object.fromEntries(tags.map((t) => [t.Key, t.Value])) }).length > MAX_TAGS)
        throw validation('The number of tags on the resource would exceed 50.');
      ctx.store.addTags(arn, tags);
      return { Tags: tags };
    },
    ListTags: (input) => {
      const arn = check(requireString(input, 'ResourceArn'));
      if (input.MaxResults !== undefined && Number(input.MaxResults) < 50) {
        throw invalidMember('maxResults', 'Member must have value greater than or equal to 50', { value: input.MaxResults });
      }
      const all = Object.entries(ctx.store.tagsOf(arn)).map(([Key, Value]) => ({ Key, Value }));
      const { page, NextToken } = pageOf(all, input, 50);
      return { Tags: page, NextToken };
    },
    DeleteTags: (input) => {
      const arn = check(requireString(input, 'ResourceArn'));
      const keys = input.TagKeys;
      if (!Array.isArray(keys) || keys.length === 0) throw invalidMember('tagKeys', 'Member must not be null', null);
      ctx.store.deleteTags(arn, keys.map(String));
      return {};
    },
  });
}
