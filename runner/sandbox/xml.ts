/** Text and attribute values in the XML answers of S3 (restXml), IAM and STS (query). */
export const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
