import { describe, expect, it } from 'vitest';
import { CreateWorkteamCommand } from '@aws-sdk/client-sagemaker';
import { CreateBucketCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { checkContextOn, conformance, privateWorkforce } from '../sandbox/conformance/fixture.ts';
import { checks } from '../../labs/06-hil-sft/checks.ts';
import type { WorkshopGlobals } from '../../runner/contracts.ts';

const t = conformance({ timeScale: 6000 });
const workshop: WorkshopGlobals = {
  sessionId: 'wfc1',
  region: 'us-east-1',
  accountId: '123456789012',
  bucket: 'naxt-genai-wf-check',
  prefix: 'naxt-',
  tags: [],
  roleArn: '',
  target: 'sandbox',
};
const ctx = () => checkContextOn(t.clients, workshop);

/** Step 1's check reads the account: a workteam of the session, in the Region's workforce, on a group of its pool. */
describe("lab 06: the workforce step's check", () => {
  it('fails with no workteam, names the missing template, and passes once the team stands on the workforce and the template is in S3', async () => {
    const none = await checks.workforceReady(ctx());
    expect([none.ok, none.message]).toEqual([false, 'No private workteam naxt-labelers-wfc1 yet.']);

    const member = await privateWorkforce(t.clients, 'naxt-labelers-wfc1');
    await t.sm.send(
      new CreateWorkteamCommand({
        WorkteamName: 'naxt-labelers-wfc1',
        Description: 'd',
        MemberDefinitions: [{ CognitoMemberDefinition: member }],
      }),
    );
    await t.s3.send(new CreateBucketCommand({ Bucket: workshop.bucket }));
    const noTemplate = await checks.workforceReady(ctx());
    expect(noTemplate.ok).toBe(false);
    expect(noTemplate.message).toMatch(/No worker task template/);

    await t.s3.send(
      new PutObjectCommand({ Bucket: workshop.bucket, Key: 'labeling/sft-pair.liquid.html', Body: '<crowd-form></crowd-form>' }),
    );
    const ready = await checks.workforceReady(ctx());
    expect(ready.ok).toBe(true);
    expect(ready.message).toBe(
      `Workteam naxt-labelers-wfc1 (user group naxt-labelers-wfc1 of user pool ${member.UserPool}) in private workforce naxt-test-workforce, and its worker task template in S3, are ready.`,
    );
  });
});
