import type { SandboxContext } from '../context.ts';
import { validation } from '../errors.ts';
import { requireString, type Operations } from './util.ts';

/** Tags on any SageMaker ARN the account holds. */
export function tagOps(ctx: SandboxContext): Operations {
  const check = (arn: string) => {
    if (!/^arn:aws[a-z-]*:sagemaker:[a-z0-9-]+:\d{12}:[a-z-]+\/.+/.test(arn)) throw validation(`Invalid resource ARN: ${arn}`);
    return arn;
  };
  return {
    AddTags(input) {
      const arn = check(requireString(input, 'ResourceArn'));
      const tags = (input.Tags as { Key: string; Value: string }[] | undefined) ?? [];
      if (Object.keys({ ...ctx.store.tagsOf(arn), ...Object.fromEntries(tags.map((t) => [t.Key, t.Value])) }).length > 50) throw validation('The number of tags on the resource would exceed 50.');
      ctx.store.addTags(arn, tags);
      return { Tags: tags };
    },
    ListTags(input) {
      const arn = check(requireString(input, 'ResourceArn'));
      const all = Object.entries(ctx.store.tagsOf(arn)).map(([Key, Value]) => ({ Key, Value }));
      const max = Number(input.MaxResults ?? 50);
      const start = input.NextToken ? Number(Buffer.from(String(input.NextToken), 'base64url').toString()) : 0;
      const page = all.slice(start, start + max);
      return { Tags: page, NextToken: start + max < all.length ? Buffer.from(String(start + max)).toString('base64url') : undefined };
    },
    DeleteTags(input) {
      const arn = check(requireString(input, 'ResourceArn'));
      ctx.store.deleteTags(arn, (input.TagKeys as string[] | undefined) ?? []);
      return {};
    },
  };
}
