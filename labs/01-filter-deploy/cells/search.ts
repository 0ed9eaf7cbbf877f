import { SageMakerClient, ListHubContentsCommand, type HubContentInfo } from '@aws-sdk/client-sagemaker';

const sagemaker = new SageMakerClient({});
const approvedLicenses = ['@license:apache-2-0', '@license:mit'];

// Every model of the public hub, page by page.
const hub: HubContentInfo[] = [];
let NextToken: string | undefined;
do {
  const page = await sagemaker.send(new ListHubContentsCommand({ HubName: 'SageMakerPublicHub', HubContentType: 'Model', MaxResults: 50, NextToken }));
  hub.push(...(page.HubContentSummaries ?? []));
  NextToken = page.NextToken;
} while (NextToken);

const has = (m: HubContentInfo, keyword: string) => (m.HubContentSearchKeywords ?? []).includes(keyword);
// TODO: keep text-generation models with an approved license, small or medium size, that can be fine-tuned.
const candidates = hub.filter((m) => has(m, '@task:text-generation'));

console.log(`${candidates.length} of ${hub.length} models pass Naxt's filters`);
candidates.map((m) => ({ model: m.HubContentName, version: m.HubContentVersion, keywords: (m.HubContentSearchKeywords ?? []).join(' ') }));
