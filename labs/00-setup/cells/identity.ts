import { STSClient, GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { SageMakerClient, ListEndpointsCommand } from '@aws-sdk/client-sagemaker';

const sts = new STSClient({});
// TODO: send a GetCallerIdentityCommand and keep the answer in `identity`.
const identity = undefined;

const sagemaker = new SageMakerClient({});
const { Endpoints = [] } = await sagemaker.send(new ListEndpointsCommand({ MaxResults: 100 }));
console.log(`${Endpoints.length} endpoint(s) already in ${await sagemaker.config.region()}`);
identity;
