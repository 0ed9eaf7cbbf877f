import { STSClient, GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { SageMakerClient, ListEndpointsCommand } from '@aws-sdk/client-sagemaker';

const sts = new STSClient({});
const identity = await sts.send(new GetCallerIdentityCommand({}));
console.log(`Account ${identity.Account}, acting as ${identity.Arn}`);

const sagemaker = new SageMakerClient({});
const { Endpoints = [] } = await sagemaker.send(new ListEndpointsCommand({ MaxResults: 100 }));
console.log(`${Endpoints.length} endpoint(s) already in ${await sagemaker.config.region()}`);
identity;
