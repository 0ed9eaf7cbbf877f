import { Hono } from 'hono';
import type { SandboxContext, SandboxEnv } from './context.ts';
import { AwsError } from './errors.ts';
import { randomUUID } from 'node:crypto';

const xml = (body: string, status = 200) =>
  new Response(`<?xml version="1.0" encoding="UTF-8"?>\n${body}`, { status, headers: { 'content-type': 'text/xml', 'x-amzn-requestid': randomUUID() } });

export function stsError(e: AwsError): Response {
  return xml(`<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>Sender</Type><Code>${e.code}</Code><Message>${escapeXml(e.message)}</Message></Error><RequestId>${randomUUID()}</RequestId></ErrorResponse>`, e.status);
}

export const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** STS (awsQuery protocol): GetCallerIdentity. */
export function stsService(ctx: SandboxContext): Hono<SandboxEnv> {
  const app = new Hono<SandboxEnv>();
  app.post('*', (c) => {
    const form = new URLSearchParams(Buffer.from(c.get('body')).toString('utf8'));
    const action = form.get('Action');
    if (action !== 'GetCallerIdentity') throw new AwsError('InvalidAction', `The action ${action ?? '(none)'} is not valid for this web service.`);
    const arn = `arn:aws:sts::${ctx.accountId}:assumed-role/naxt-workshop-learner/learner`;
    return xml(
      `<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult>` +
        `<Arn>${arn}</Arn><UserId>AROANAXTWORKSHOPLEARNER:learner</UserId><Account>${ctx.accountId}</Account>` +
        `</GetCallerIdentityResult><ResponseMetadata><RequestId>${randomUUID()}</RequestId></ResponseMetadata></GetCallerIdentityResponse>`,
    );
  });
  return app;
}
