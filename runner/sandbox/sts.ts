import { Hono } from 'hono';
import type * as sts from '@aws-sdk/client-sts';
import type { SandboxContext, SandboxEnv } from './context.ts';
import { AwsError } from './errors.ts';
import { randomUUID } from 'node:crypto';
import { queryInput, queryXml } from './query-protocol.ts';
import { queryOps } from './typed.ts';
import { escapeXml } from './xml.ts';

const NS = 'https://sts.amazonaws.com/doc/2011-06-15/';
const xml = (body: string, status = 200) =>
  new Response(`<?xml version="1.0" encoding="UTF-8"?>\n${body}`, {
    status,
    headers: { 'content-type': 'text/xml', 'x-amzn-requestid': randomUUID() },
  });

export function stsError(e: AwsError): Response {
  return xml(
    `<ErrorResponse xmlns="${NS}"><Error><Type>Sender</Type><Code>${e.code}</Code><Message>${escapeXml(e.message)}</Message></Error><RequestId>${randomUUID()}</RequestId></ErrorResponse>`,
    e.status,
  );
}

/** STS (awsQuery protocol): GetCallerIdentity. */
export function stsService(ctx: SandboxContext): Hono<SandboxEnv> {
  const app = new Hono<SandboxEnv>();
  const operations = queryOps<typeof sts>()({
    GetCallerIdentity: () => ({
      Arn: `arn:aws:sts::${ctx.accountId}:assumed-role/naxt-workshop-learner/learner`,
      UserId: 'AROANAXTWORKSHOPLEARNER:learner',
      Account: ctx.accountId,
    }),
  });
  app.post('*', (c) => {
    const form = new URLSearchParams(Buffer.from(c.get('body')).toString('utf8'));
    const action = form.get('Action');
    // InvalidAction (400): one of the common errors of the query APIs (STS API reference, Common Errors).
    if (action === null || !Object.hasOwn(operations, action))
      throw new AwsError('InvalidAction', `The action ${action ?? '(none)'} is not valid for this web service.`);
    const result = queryXml(operations[action](queryInput(form)));
    return xml(
      `<${action}Response xmlns="${NS}"><${action}Result>${result}</${action}Result><ResponseMetadata><RequestId>${randomUUID()}</RequestId></ResponseMetadata></${action}Response>`,
    );
  });
  return app;
}
