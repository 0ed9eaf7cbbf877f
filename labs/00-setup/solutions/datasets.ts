import { S3Client, PutObjectCommand } from '@aws-sdk/client-s3';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';

const s3 = new S3Client({});

/** Every file under a folder, recursively. */
async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

const files = (await filesUnder('content')).filter((f) => /\.(jsonl|json|md)$/.test(f));
for (const file of files) {
  const key = `datasets/${relative('content', file)}`;
  await s3.send(new PutObjectCommand({ Bucket: workshop.bucket, Key: key, Body: await readFile(file) }));
}

console.log(`uploaded ${files.length} files to s3://${workshop.bucket}/datasets/`);
