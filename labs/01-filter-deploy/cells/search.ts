import { SageMakerClient, ListHubContentsCommand, type HubContentInfo } from '@aws-sdk/client-sagemaker';

const sagemaker = new SageMakerClient({});
// The model families Naxt's platform team approved for client data.
const approvedFamilies = ['mistral', 'qwen', 'falcon', 'gemma'];

// Every model of the public hub, page by page.
const hub: HubContentInfo[] = [];
let NextToken: string | undefined;
do {
  const page = await sagemaker.send(
    new ListHubContentsCommand({ HubName: 'SageMakerPublicHub', HubContentType: 'Model', MaxResults: 50, NextToken }),
  );
  hub.push(...(page.HubContentSummaries ?? []));
  NextToken = page.NextToken;
} while (NextToken);

const has = (m: HubContentInfo, keyword: string) => (m.HubContentSearchKeywords ?? []).includes(keyword);
// TODO: keep text-generation models of an approved family (the family is part of the model's name).
const candidates = hub.filter((m) => has(m, '@task:text-generation'));

console.log(`${candidates.length} of ${hub.length} models pass Naxt's filters`);
candidates.map((m) => ({ model: m.HubContentName, version: m.HubContentVersion, keywords: (m.HubContentSearchKeywords ?? []).join(' ') }));
